import { describe, expect, test } from 'vitest';
import { createBusinessCenterLinks, manualClock, memoryStore, seededRandom, HOUR_MS, definePolicy } from '../index.js';
import { linkRequestsTable } from '../storage/tables.js';
import type {
  AdAccountFacts,
  BcMemberFacts,
  BusinessCenterFacts,
  TikTokAccountFacts,
} from './business-center.model.js';
import type { StartLinkRequestInput } from './business-center.schemas.js';

/** Bad input on purpose: what a JavaScript caller (or a cast) can pass; the types would refuse it. */
const unchecked = (input: unknown) => input as never;
const T0 = new Date('2026-03-01T12:00:00.000Z');
const SPARK = ['EXISTING_POSTS', 'PUBLISH_NEW_VIDEOS', 'SHOW_THROUGH_ADS_ONLY'];
const bcFacts: BusinessCenterFacts = { id: 'bc-1', verified: true };
const admin: BcMemberFacts = { userId: 'admin-1', role: 'ADMIN' };
const account = (id = 'tt-1'): TikTokAccountFacts => ({
  id,
  accountType: 'CREATOR',
  isPrivate: false,
  inAnyBusinessCenter: false,
  displayName: 'Dana',
});
const adv = (id = 'adv-1', businessCenterId = 'bc-1'): AdAccountFacts => ({ id, businessCenterId });
/** What a store holds: its non-empty tables and its events (a table a read touched may show up empty). */
const held = (dump: { tables: Record<string, readonly unknown[]>; events: readonly unknown[] }) => ({
  tables: Object.fromEntries(Object.entries(dump.tables).filter(([, rows]) => rows.length > 0)),
  events: dump.events,
});
const codes = (r: { isErr(): boolean; error?: unknown }) =>
  r.isErr() ? ((r.error as { violations?: { code: string }[] }).violations ?? []).map((v) => v.code) : [];

function setup(policy = definePolicy().unwrap(), store = memoryStore()) {
  const clock = manualClock(T0);
  const bc = createBusinessCenterLinks({ store, clock, random: seededRandom(7), policy });
  return { store, clock, bc };
}
const approve = (bc: ReturnType<typeof setup>['bc'], token: string) =>
  bc.approveLinkRequest({ token, account: account(), userId: 'u' });
const startInput = (over: Partial<StartLinkRequestInput> = {}): StartLinkRequestInput => ({
  businessCenter: bcFacts,
  member: admin,
  permissionLevel: 'DELIVER_ADS',
  permissions: SPARK,
  ...over,
});

describe('BC-02..07 link request lifecycle through the service', () => {
  test('start → approve: events recorded (X-02), the token appears nowhere in events or errors', async () => {
    const { bc, store } = setup();
    const started = (await bc.startLinkRequest(startInput())).unwrap();
    expect(started.qrToken).toMatch(/^bcqr_[0-9a-f]{64}$/);
    const expiresAt = new Date(T0.getTime() + 24 * HOUR_MS);
    expect(started.request).toMatchObject({ status: 'PENDING', permissions: SPARK, expiresAt });
    expect(started.request).not.toHaveProperty('tokenDigest');
    const token = `  ${started.qrToken}\n`;
    const approved = (await bc.approveLinkRequest({ token, account: account(), userId: 'creator-user' })).unwrap();
    expect(approved.link).toMatchObject({
      method: 'QR_CODE',
      permissionLevel: 'DELIVER_ADS',
      active: true,
      businessCenterId: 'bc-1',
      accountId: 'tt-1',
    });
    expect(approved.link.capabilities.canDeliverSparkAds).toBe(true);
    const events = await store.readEvents();
    expect(events.map((e) => e.type)).toEqual(['bc.link_requested', 'bc.link_approved']);
    expect(JSON.stringify(events)).not.toContain(started.qrToken);
    expect(JSON.stringify(store.dump())).not.toContain(started.qrToken);
    const again = await bc.approveLinkRequest({ token: started.qrToken, account: account('tt-2'), userId: 'x' });
    expect(again.isErr() && JSON.stringify(again.error)).not.toContain(started.qrToken);
  });

  test('the request lifetime is configurable (BC-07 decision)', async () => {
    const { bc, clock } = setup(definePolicy({ linkRequestLifetimeMs: HOUR_MS }).unwrap());
    const started = (await bc.startLinkRequest(startInput())).unwrap();
    clock.advance(HOUR_MS);
    const r = await bc.approveLinkRequest({ token: started.qrToken, account: account(), userId: 'u' });
    expect(codes(r)).toEqual(['bc.link_request_expired']);
  });

  test('BC-07 a malformed or unknown token is refused without a lookup leak', async () => {
    const { bc } = setup();
    const bad = await bc.approveLinkRequest({ token: 'not a token', account: account(), userId: 'u' });
    expect(codes(bad)).toEqual(['bc.qr_token_malformed']);
    const unknown = await bc.approveLinkRequest({ token: `bcqr_${'a'.repeat(64)}`, account: account(), userId: 'u' });
    expect(codes(unknown)).toEqual(['bc.link_request_not_found']);
    const reject = await bc.rejectLinkRequest({ token: `bcqr_${'a'.repeat(64)}`, userId: 'u' });
    expect(codes(reject)).toEqual(['bc.link_request_not_found']);
  });

  test('BC-07 a rejected request cannot be approved or rejected again; a cancelled one neither', async () => {
    const { bc, store } = setup();
    const a = (await bc.startLinkRequest(startInput())).unwrap();
    expect((await bc.rejectLinkRequest({ token: a.qrToken, userId: 'u' })).unwrap().status).toBe('REJECTED');
    expect(codes(await bc.rejectLinkRequest({ token: a.qrToken, userId: 'u' }))).toEqual(['bc.link_request_rejected']);
    const approve = await bc.approveLinkRequest({ token: a.qrToken, account: account(), userId: 'u' });
    expect(codes(approve)).toEqual(['bc.link_request_rejected']);
    const b = (await bc.startLinkRequest(startInput())).unwrap();
    const cancel = { businessCenter: bcFacts, member: admin, requestId: b.request.id };
    expect((await bc.cancelLinkRequest(cancel)).unwrap().status).toBe('CANCELLED');
    expect(codes(await bc.cancelLinkRequest(cancel))).toEqual(['bc.link_request_cancelled']);
    const elsewhere = await bc.cancelLinkRequest({ ...cancel, businessCenter: { id: 'bc-2', verified: true } });
    expect(elsewhere.isErr() && elsewhere.error.code).toBe('not_found');
    const types = (await store.readEvents()).map((e) => e.type);
    expect(types).toEqual([
      'bc.link_requested',
      'bc.link_request_rejected',
      'bc.link_requested',
      'bc.link_request_cancelled',
    ]);
  });

  test('BC-02 a standard member cannot start, cancel, change or unlink', async () => {
    const { bc } = setup();
    const standard: BcMemberFacts = { userId: 'u-2', role: 'STANDARD' };
    const r = await bc.startLinkRequest(startInput({ member: standard }));
    expect(r.isErr() && r.error.code === 'denied' && r.error.violations.map((v) => v.rule)).toEqual(['BC-02']);
    const started = (await bc.startLinkRequest(startInput())).unwrap();
    const c = await bc.cancelLinkRequest({ businessCenter: bcFacts, member: standard, requestId: started.request.id });
    expect(c.isErr() && c.error.code).toBe('denied');
    const { link } = (await approve(bc, started.qrToken)).unwrap();
    const permissions = ['SHOW_ON_PROFILE_AND_ADS'];
    const ch = await bc.changeLinkPermissions({
      businessCenter: bcFacts,
      member: standard,
      linkId: link.id,
      permissions,
    });
    expect(codes(ch)).toEqual(['bc.not_bc_admin', 'bc.visibility_needs_publish']);
    const u = await bc.unlink({ businessCenter: bcFacts, member: standard, linkId: link.id });
    expect(codes(u)).toEqual(['bc.not_bc_admin']);
  });

  test('BC-08 changing permissions and unlinking are recorded as events; unlink ends the link', async () => {
    const { bc, store } = setup();
    const started = (await bc.startLinkRequest(startInput())).unwrap();
    const { link } = (await approve(bc, started.qrToken)).unwrap();
    const input = { businessCenter: bcFacts, member: admin, linkId: link.id };
    const changed = (await bc.changeLinkPermissions({ ...input, permissions: ['EXISTING_POSTS'] })).unwrap();
    expect(changed.capabilities).toMatchObject({
      canDeliverSparkAds: false,
      missingForSparkAds: ['PUBLISH_NEW_VIDEOS'],
    });
    const assigned = (await bc.assignToAdAccount({ ...input, adAccount: adv() })).unwrap();
    expect(assigned.adAccountId).toBe('adv-1');
    // Idempotent: the same assignment, no second event.
    expect((await bc.assignToAdAccount({ ...input, adAccount: adv() })).unwrap()).toEqual(assigned);
    const other = await bc.assignToAdAccount({ ...input, adAccount: adv('adv-9', 'bc-2') });
    expect(codes(other)).toEqual(['bc.ad_account_not_in_bc']);
    const unlinked = (await bc.unlink(input)).unwrap();
    expect(unlinked.active).toBe(false);
    expect((await bc.listBusinessCenterLinks('bc-1')).unwrap()).toEqual([]);
    expect((await bc.listAccountLinks('tt-1')).unwrap()).toEqual([]);
    const got = (await bc.getLink(link.id)).unwrap();
    expect(got).toMatchObject({ active: false, unlinkedBy: { kind: 'user', id: 'admin-1' } });
    const types = (await store.readEvents()).map((e) => e.type);
    expect(types).toEqual([
      'bc.link_requested',
      'bc.link_approved',
      'bc.link_permissions_changed',
      'bc.ad_account_assigned',
      'bc.unlinked',
    ]);
    const u = (await store.readEvents()).at(-1)!;
    expect(u.data).toMatchObject({ removedFromAdAccounts: ['adv-1'] });
    const again = await bc.unlink(input);
    expect(again.isErr() && again.error.code).toBe('denied');
    expect(codes(await bc.assignToAdAccount({ ...input, adAccount: adv() }))).toEqual(['bc.link_not_active']);
  });

  test('BC-08 unassign removes an assignment, and a second unassign says it is not assigned', async () => {
    const { bc } = setup();
    const started = (await bc.startLinkRequest(startInput({ assignTo: adv() }))).unwrap();
    const { link } = (await approve(bc, started.qrToken)).unwrap();
    const input = { businessCenter: bcFacts, member: admin, linkId: link.id, adAccount: adv() };
    expect((await bc.unassignFromAdAccount(input)).isOk()).toBe(true);
    const r = await bc.unassignFromAdAccount(input);
    expect(codes(r)).toEqual(['bc.not_assigned']);
  });
});

describe('X-03 a storage failure mid-way leaves nothing behind', () => {
  test('BC-07 an approval whose assignment write fails: no link, the request still pending, no event', async () => {
    // Arrange: fail the assignment insert of the approval while `armed`.
    let armed = false;
    const store = memoryStore({
      onStatement: (s) => {
        if (armed && s.verb === 'insert' && s.table === 'bc_assignments') throw new Error('disk full');
      },
    });
    const { bc } = setup(definePolicy().unwrap(), store);
    const started = (await bc.startLinkRequest(startInput({ assignTo: adv() }))).unwrap();
    const before = held(store.dump());
    // Act
    armed = true;
    const failed = await bc.approveLinkRequest({ token: started.qrToken, account: account(), userId: 'u' });
    // Assert
    expect(failed.isErr() && failed.error.code).toBe('storage');
    expect(held(store.dump())).toEqual(before);
    expect((await store.get(linkRequestsTable, started.request.id))?.approvedAt).toBeUndefined();
    armed = false;
    const ok = (await bc.approveLinkRequest({ token: started.qrToken, account: account(), userId: 'u' })).unwrap();
    expect(ok.assignment?.adAccountId).toBe('adv-1');
  });
});

describe('X-03 bad input is a validation error naming the field; nothing is stored', () => {
  const proto = JSON.parse(
    '{"__proto__": {"x": 1}, "businessCenter": {"id": "bc-1", "verified": true}, ' +
      '"member": {"userId": "a", "role": "ADMIN"}, "permissionLevel": "DELIVER_ADS", "permissions": []}',
  );
  const loose = (over: Record<string, unknown>) => ({ ...startInput(), ...over });
  const cases: [string, unknown, (string | number)[]][] = [
    ['not an object', 42, []],
    ['unknown key', loose({ extra: 1 }), ['extra']],
    ['__proto__ key', proto, ['__proto__']],
    ['wrong type', loose({ permissions: 'EXISTING_POSTS' }), ['permissions']],
    ['huge string', loose({ member: { userId: 'x'.repeat(100_000), role: 'ADMIN' } }), ['member', 'userId']],
    ['bad role', loose({ member: { userId: 'a', role: 'OWNER' } }), ['member', 'role']],
    ['too many permissions', loose({ permissions: Array(40).fill('EXISTING_POSTS') }), ['permissions']],
  ];
  for (const [name, input, path] of cases) {
    test(name, async () => {
      const { bc, store } = setup();
      const r = await bc.startLinkRequest(unchecked(input));
      expect(r.isErr() && r.error.code).toBe('validation');
      if (r.isErr() && r.error.code === 'validation') {
        expect(r.error.issues.map((i) => i.path)).toContainEqual(path);
      }
      expect(await store.readEvents()).toEqual([]);
    });
  }
  test('approve with an invalid date or a huge token is refused', async () => {
    const { bc } = setup();
    const huge = await bc.approveLinkRequest({ token: 'x'.repeat(5000), account: account(), userId: 'u' });
    expect(huge.isErr()).toBe(true);
    const s = await bc.linkRequestStatus({ requestId: 'lreq_x', at: new Date('nope') });
    expect(s.isErr() && s.error.code).toBe('validation');
  });
  test('a factory with a wrong option throws a TypeError naming it', () => {
    expect(() => createBusinessCenterLinks({ store: {} as never })).toThrow(/createBusinessCenterLinks: store/);
  });
});
