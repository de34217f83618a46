import { describe, expect, test } from 'vitest';
import { createBusinessCenterLinks, definePolicy, HOUR_MS, manualClock, memoryStore, seededRandom } from '../index.js';
import { linkRequestsTable, linksTable } from '../storage/tables.js';
import type { BcMemberFacts, TikTokAccountFacts } from './business-center.model.js';
import type { StartLinkRequestInput } from './business-center.schemas.js';

const T0 = new Date('2026-03-01T12:00:00.000Z');
const T5 = new Date(T0.getTime() + 5_000);
const SPARK = ['EXISTING_POSTS', 'PUBLISH_NEW_VIDEOS', 'SHOW_THROUGH_ADS_ONLY'];
const admin: BcMemberFacts = { userId: 'admin-1', role: 'ADMIN' };
const account = (id: string): TikTokAccountFacts => ({
  id,
  accountType: 'CREATOR',
  isPrivate: false,
  inAnyBusinessCenter: false,
});
const start = (bcId: string): StartLinkRequestInput => ({
  businessCenter: { id: bcId, verified: true },
  member: admin,
  permissionLevel: 'DELIVER_ADS',
  permissions: SPARK,
});
const codes = (r: { isErr(): boolean; error?: unknown }) =>
  r.isErr() ? ((r.error as { violations?: { code: string }[] }).violations ?? []).map((v) => v.code) : [];

const CAP = 10;
const caps = { maxAccountsPerBusinessCenter: CAP, maxBusinessCentersPerAccount: CAP, maxPendingLinkRequests: 1000 };

function setup(overrides: Parameters<typeof definePolicy>[0] = caps) {
  const store = memoryStore();
  const clock = manualClock(T0);
  const policy = definePolicy(overrides).unwrap();
  const bc = createBusinessCenterLinks({ store, clock, random: seededRandom(11), policy });
  return { store, clock, bc };
}

describe('BC-01 both caps hold under concurrent approvals (the locks of bc: and account:)', () => {
  test('100 accounts approve requests of one Business Center at once: exactly the cap is linked', async () => {
    // Arrange
    const { bc, store } = setup();
    const tokens = [];
    for (let i = 0; i < 100; i++) tokens.push((await bc.startLinkRequest(start('bc-1'))).unwrap().qrToken);
    // Act
    const results = await Promise.all(
      tokens.map((token, i) => bc.approveLinkRequest({ token, account: account(`tt-${i}`), userId: `u-${i}` })),
    );
    // Assert
    expect(results.filter((r) => r.isOk())).toHaveLength(CAP);
    for (const r of results.filter((x) => x.isErr())) expect(codes(r)).toEqual(['bc.business_center_cap_reached']);
    expect(await store.count(linksTable, 'activeByBusinessCenter', { eq: ['bc-1'] })).toBe(CAP);
    const approvedEvents = (await store.readEvents({ limit: 10_000 })).filter((e) => e.type === 'bc.link_approved');
    expect(approvedEvents).toHaveLength(CAP);
  });

  test('one account approves requests of 100 Business Centers at once: exactly the cap is linked', async () => {
    const { bc, store } = setup();
    const tokens = [];
    for (let i = 0; i < 100; i++) tokens.push((await bc.startLinkRequest(start(`bc-${i}`))).unwrap().qrToken);
    const results = await Promise.all(
      tokens.map((token) => bc.approveLinkRequest({ token, account: account('tt-1'), userId: 'u-1' })),
    );
    expect(results.filter((r) => r.isOk())).toHaveLength(CAP);
    for (const r of results.filter((x) => x.isErr())) expect(codes(r)).toEqual(['bc.account_cap_reached']);
    expect(await store.count(linksTable, 'activeByAccount', { eq: ['tt-1'] })).toBe(CAP);
  });

  test('a mix: 100 approvals over 4 Business Centers and 4 accounts never exceed either cap', async () => {
    const small = { ...caps, maxAccountsPerBusinessCenter: 3, maxBusinessCentersPerAccount: 2 };
    const { bc, store } = setup(small);
    const jobs = [];
    for (let i = 0; i < 100; i++) {
      const token = (await bc.startLinkRequest(start(`bc-${i % 4}`))).unwrap().qrToken;
      jobs.push({ token, accountId: `tt-${Math.floor(i / 4) % 4}` });
    }
    await Promise.all(
      jobs.map(({ token, accountId }) => bc.approveLinkRequest({ token, account: account(accountId), userId: 'u' })),
    );
    for (let i = 0; i < 4; i++) {
      expect(await store.count(linksTable, 'activeByBusinessCenter', { eq: [`bc-${i}`] })).toBeLessThanOrEqual(3);
      expect(await store.count(linksTable, 'activeByAccount', { eq: [`tt-${i}`] })).toBeLessThanOrEqual(2);
    }
    // 4 accounts × 2 Business Centers each is the most that fits; one link per pair.
    expect(await store.count(linksTable, 'activePair')).toBeLessThanOrEqual(8);
  });

  test('the same QR code approved 20 times at once makes one link (BC-07: approved once)', async () => {
    const { bc, store } = setup();
    const token = (await bc.startLinkRequest(start('bc-1'))).unwrap().qrToken;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => bc.approveLinkRequest({ token, account: account(`tt-${i}`), userId: 'u' })),
    );
    expect(results.filter((r) => r.isOk())).toHaveLength(1);
    for (const r of results.filter((x) => x.isErr())) expect(codes(r)).toEqual(['bc.link_request_already_approved']);
    expect(await store.count(linksTable, 'activeByBusinessCenter', { eq: ['bc-1'] })).toBe(1);
  });
});

describe('BC-02 pending link requests per Business Center are bounded (maxPendingLinkRequests)', () => {
  test('20 concurrent starts with a cap of 5: exactly 5 pending, the others refused with every violation', async () => {
    const { bc, store } = setup({ ...caps, maxPendingLinkRequests: 5 });
    const results = await Promise.all(Array.from({ length: 20 }, () => bc.startLinkRequest(start('bc-1'))));
    expect(results.filter((r) => r.isOk())).toHaveLength(5);
    for (const r of results.filter((x) => x.isErr())) expect(codes(r)).toEqual(['bc.too_many_pending_requests']);
    expect(await store.count(linkRequestsTable, 'openByBusinessCenter', { eq: ['bc-1'] })).toBe(5);
    // a refused start reports the cap with the other problems.
    const bad = await bc.startLinkRequest({ ...start('bc-1'), member: { userId: 'u-2', role: 'STANDARD' } });
    expect(codes(bad)).toEqual(['bc.not_bc_admin', 'bc.too_many_pending_requests']);
    // Another Business Center has its own count.
    expect((await bc.startLinkRequest(start('bc-2'))).isOk()).toBe(true);
  });

  test('approved, cancelled and expired requests no longer count', async () => {
    const { bc, clock } = setup({ ...caps, maxPendingLinkRequests: 2, linkRequestLifetimeMs: HOUR_MS });
    const a = (await bc.startLinkRequest(start('bc-1'))).unwrap();
    const b = (await bc.startLinkRequest(start('bc-1'))).unwrap();
    expect(codes(await bc.startLinkRequest(start('bc-1')))).toEqual(['bc.too_many_pending_requests']);
    (await bc.approveLinkRequest({ token: a.qrToken, account: account('tt-1'), userId: 'u' })).unwrap();
    const c = (await bc.startLinkRequest(start('bc-1'))).unwrap();
    const businessCenter = { id: 'bc-1', verified: true };
    (await bc.cancelLinkRequest({ businessCenter, member: admin, requestId: b.request.id })).unwrap();
    (await bc.startLinkRequest(start('bc-1'))).unwrap();
    expect(codes(await bc.startLinkRequest(start('bc-1')))).toEqual(['bc.too_many_pending_requests']);
    clock.advance(HOUR_MS); // c and the last one expire (the end is exclusive)
    expect((await bc.linkRequestStatus({ requestId: c.request.id })).unwrap().status).toBe('EXPIRED');
    expect((await bc.startLinkRequest(start('bc-1'))).isOk()).toBe(true);
  });
});

describe('BC-07 app servers with skewed clocks: decisions at a monotonic instant', () => {
  test("approvals on a server 5 s behind never record an approval before the request's latest instant", async () => {
    // Arrange: two services over one store, one clock 5 s ahead of the other.
    const store = memoryStore();
    const ahead = createBusinessCenterLinks({ store, clock: manualClock(T5), random: seededRandom(1) });
    const behind = createBusinessCenterLinks({ store, clock: manualClock(T0), random: seededRandom(2) });
    const servers = [ahead, behind];
    // Act: each request is started on one server and approved (and its link changed) on the other.
    for (let i = 0; i < 20; i++) {
      const [first, second] = i % 2 === 0 ? servers : [behind, ahead];
      const started = (await first!.startLinkRequest(start(`bc-${i}`))).unwrap();
      const approved = await second!.approveLinkRequest({
        token: started.qrToken,
        account: account(`tt-${i}`),
        userId: 'u',
      });
      const { link } = approved.unwrap();
      expect(link.active).toBe(true);
      // The link was made at the later instant: a change on either server still sees it active.
      const changed = await first!.changeLinkPermissions({
        businessCenter: { id: `bc-${i}`, verified: true },
        member: admin,
        linkId: link.id,
        permissions: ['EXISTING_POSTS'],
      });
      expect(changed.isOk()).toBe(true);
    }
    // Assert: every approval is at or after its request's creation; no event goes back in time per subject.
    const requests = (store.dump().tables[linkRequestsTable.name] ?? []) as { createdAt: Date; approvedAt?: Date }[];
    expect(requests).toHaveLength(20);
    for (const r of requests) expect(r.approvedAt!.getTime()).toBeGreaterThanOrEqual(r.createdAt.getTime());
    const links = (store.dump().tables[linksTable.name] ?? []) as { linkedAt: Date; permissionsChangedAt?: Date }[];
    for (const l of links) expect(l.permissionsChangedAt!.getTime()).toBeGreaterThanOrEqual(l.linkedAt.getTime());
  });

  test('a rejection on the server behind is never recorded before the request was created', async () => {
    const store = memoryStore();
    const ahead = createBusinessCenterLinks({ store, clock: manualClock(T5), random: seededRandom(3) });
    const behind = createBusinessCenterLinks({ store, clock: manualClock(T0), random: seededRandom(4) });
    const started = (await ahead.startLinkRequest(start('bc-1'))).unwrap();
    const rejected = (await behind.rejectLinkRequest({ token: started.qrToken, userId: 'u' })).unwrap();
    expect(rejected.status).toBe('REJECTED');
    expect(rejected.rejectedAt!.getTime()).toBeGreaterThanOrEqual(rejected.createdAt.getTime());
  });
});
