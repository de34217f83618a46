import { describe, expect, test } from 'vitest';
import { createBusinessCenterLinks, manualClock, memoryStore, seededRandom, HOUR_MS, definePolicy } from '../index.js';

const T0 = new Date('2026-03-01T12:00:00.000Z');
const SPARK = ['EXISTING_POSTS', 'PUBLISH_NEW_VIDEOS', 'SHOW_THROUGH_ADS_ONLY'];
const bcFacts = { id: 'bc-1', verified: true };
const admin = { userId: 'admin-1', role: 'ADMIN' };
const account = (id = 'tt-1') => ({ id, accountType: 'CREATOR', isPrivate: false, inAnyBusinessCenter: false, displayName: 'Dana' });

function setup(policy = definePolicy().unwrap()) {
  const store = memoryStore();
  const clock = manualClock(T0);
  const bc = createBusinessCenterLinks({ store, clock, random: seededRandom(7), policy });
  return { store, clock, bc };
}
const startInput = (over: Record<string, unknown> = {}) => ({ businessCenter: bcFacts, member: admin, permissionLevel: 'DELIVER_ADS', permissions: SPARK, ...over });

describe('BC-02..07 link request lifecycle through the service', () => {
  test('start → approve: events recorded (X-02), the token appears nowhere in events or errors', async () => {
    const { bc, store } = setup();
    const started = (await bc.startLinkRequest(startInput())).unwrap();
    expect(started.qrToken).toMatch(/^bcqr_[0-9a-f]{64}$/);
    expect(started.request).toMatchObject({ status: 'PENDING', permissions: SPARK, expiresAt: new Date(T0.getTime() + 24 * HOUR_MS) });
    expect(started.request).not.toHaveProperty('tokenDigest');
    const approved = (await bc.approveLinkRequest({ token: `  ${started.qrToken}\n`, account: account(), userId: 'creator-user' })).unwrap();
    expect(approved.link).toMatchObject({ method: 'QR_CODE', permissionLevel: 'DELIVER_ADS', active: true, businessCenterId: 'bc-1', accountId: 'tt-1' });
    expect(approved.link.capabilities.canDeliverSparkAds).toBe(true);
    const events = await store.readEvents();
    expect(events.map((e) => e.type)).toEqual(['bc.link_requested', 'bc.link_approved']);
    expect(JSON.stringify(events)).not.toContain(started.qrToken);
    const again = await bc.approveLinkRequest({ token: started.qrToken, account: account('tt-2'), userId: 'x' });
    expect(again.isErr() && JSON.stringify(again.error)).not.toContain(started.qrToken);
  });

  test('the request lifetime is configurable (BC-07 decision)', async () => {
    const { bc, clock } = setup(definePolicy({ linkRequestLifetimeMs: HOUR_MS }).unwrap());
    const started = (await bc.startLinkRequest(startInput())).unwrap();
    clock.advance(HOUR_MS);
    const r = await bc.approveLinkRequest({ token: started.qrToken, account: account(), userId: 'u' });
    expect(r.isErr() && r.error.code === 'denied' && r.error.violations.map((v) => v.code)).toEqual(['bc.link_request_expired']);
  });

  test('a malformed or unknown token is refused without a lookup leak', async () => {
    const { bc } = setup();
    const bad = await bc.approveLinkRequest({ token: 'not a token', account: account(), userId: 'u' });
    expect(bad.isErr() && bad.error.code === 'denied' && bad.error.violations[0].code).toBe('bc.qr_token_malformed');
    const unknown = await bc.approveLinkRequest({ token: `bcqr_${'a'.repeat(64)}`, account: account(), userId: 'u' });
    expect(unknown.isErr() && unknown.error.code === 'denied' && unknown.error.violations[0].code).toBe('bc.link_request_not_found');
  });

  test('BC-02 a standard member cannot start, cancel, change or unlink', async () => {
    const { bc } = setup();
    const standard = { userId: 'u-2', role: 'STANDARD' };
    const r = await bc.startLinkRequest(startInput({ member: standard }));
    expect(r.isErr() && r.error.code === 'denied' && r.error.violations.map((v) => v.rule)).toEqual(['BC-02']);
    const started = (await bc.startLinkRequest(startInput())).unwrap();
    const c = await bc.cancelLinkRequest({ businessCenter: bcFacts, member: standard, requestId: started.request.id });
    expect(c.isErr() && c.error.code).toBe('denied');
    const link = (await bc.approveLinkRequest({ token: started.qrToken, account: account(), userId: 'u' })).unwrap().link;
    const ch = await bc.changeLinkPermissions({ businessCenter: bcFacts, member: standard, linkId: link.id, permissions: ['SHOW_ON_PROFILE_AND_ADS'] });
    expect(ch.isErr() && ch.error.code === 'denied' && ch.error.violations.map((v) => v.code)).toEqual(['bc.not_bc_admin', 'bc.visibility_needs_publish']);
  });

  test('changing permissions and unlinking are recorded as events; unlink ends the link', async () => {
    const { bc, store } = setup();
    const started = (await bc.startLinkRequest(startInput())).unwrap();
    const link = (await bc.approveLinkRequest({ token: started.qrToken, account: account(), userId: 'u' })).unwrap().link;
    const changed = (await bc.changeLinkPermissions({ businessCenter: bcFacts, member: admin, linkId: link.id, permissions: ['EXISTING_POSTS'] })).unwrap();
    expect(changed.capabilities).toMatchObject({ canDeliverSparkAds: false, missingForSparkAds: ['PUBLISH_NEW_VIDEOS'] });
    const assigned = (await bc.assignToAdAccount({ businessCenter: bcFacts, member: admin, linkId: link.id, adAccount: { id: 'adv-1', businessCenterId: 'bc-1' } })).unwrap();
    expect(assigned.adAccountId).toBe('adv-1');
    const other = await bc.assignToAdAccount({ businessCenter: bcFacts, member: admin, linkId: link.id, adAccount: { id: 'adv-9', businessCenterId: 'bc-2' } });
    expect(other.isErr() && other.error.code === 'denied' && other.error.violations.map((v) => v.code)).toEqual(['bc.ad_account_not_in_bc']);
    const unlinked = (await bc.unlink({ businessCenter: bcFacts, member: admin, linkId: link.id })).unwrap();
    expect(unlinked.active).toBe(false);
    expect((await bc.listBusinessCenterLinks('bc-1')).unwrap()).toEqual([]);
    const types = (await store.readEvents()).map((e) => e.type);
    expect(types).toEqual(['bc.link_requested', 'bc.link_approved', 'bc.link_permissions_changed', 'bc.ad_account_assigned', 'bc.unlinked']);
    const u = (await store.readEvents()).at(-1)!;
    expect(u.data).toMatchObject({ removedFromAdAccounts: ['adv-1'] });
    const again = await bc.unlink({ businessCenter: bcFacts, member: admin, linkId: link.id });
    expect(again.isErr() && again.error.code).toBe('denied');
  });

  test('unassign removes an assignment, and a second unassign says it is not assigned', async () => {
    const { bc } = setup();
    const started = (await bc.startLinkRequest(startInput({ assignTo: { id: 'adv-1', businessCenterId: 'bc-1' } }))).unwrap();
    const link = (await bc.approveLinkRequest({ token: started.qrToken, account: account(), userId: 'u' })).unwrap().link;
    const input = { businessCenter: bcFacts, member: admin, linkId: link.id, adAccount: { id: 'adv-1', businessCenterId: 'bc-1' } };
    expect((await bc.unassignFromAdAccount(input)).isOk()).toBe(true);
    const r = await bc.unassignFromAdAccount(input);
    expect(r.isErr() && r.error.code === 'denied' && r.error.violations[0].code).toBe('bc.not_assigned');
  });
});

describe('X-03 bad input is a validation error naming the field; nothing is stored', () => {
  const cases: [string, unknown, string][] = [
    ['not an object', 42, '(input)'],
    ['unknown key', { ...startInput(), extra: 1 }, 'extra'],
    ['__proto__ key', JSON.parse('{"__proto__": {"x": 1}, "businessCenter": {"id": "bc-1", "verified": true}, "member": {"userId": "a", "role": "ADMIN"}, "permissionLevel": "DELIVER_ADS", "permissions": []}'), '__proto__'],
    ['wrong type', startInput({ permissions: 'EXISTING_POSTS' }), 'permissions'],
    ['huge string', startInput({ member: { userId: 'x'.repeat(100_000), role: 'ADMIN' } }), 'member.userId'],
    ['bad role', startInput({ member: { userId: 'a', role: 'OWNER' } }), 'member.role'],
    ['too many permissions', startInput({ permissions: Array.from({ length: 40 }, () => 'EXISTING_POSTS') }), 'permissions'],
  ];
  for (const [name, input, path] of cases) {
    test(name, async () => {
      const { bc, store } = setup();
      const r = await bc.startLinkRequest(input);
      expect(r.isErr() && r.error.code).toBe('validation');
      if (r.isErr() && r.error.code === 'validation') expect(r.error.issues.map((i) => i.path).join(' ')).toContain(path);
      expect(await store.readEvents()).toEqual([]);
    });
  }
  test('approve with an invalid date or a huge token is refused', async () => {
    const { bc } = setup();
    expect((await bc.approveLinkRequest({ token: 'x'.repeat(5000), account: account(), userId: 'u' })).isErr()).toBe(true);
    const s = await bc.linkRequestStatus({ requestId: 'lreq_x', at: new Date('nope') });
    expect(s.isErr() && s.error.code).toBe('validation');
  });
});
