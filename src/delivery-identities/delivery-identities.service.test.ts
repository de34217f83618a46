import { describe, expect, test } from 'vitest';
import {
  createBusinessCenterLinks,
  createDeliveryIdentities,
  manualClock,
  memoryStore,
  seededRandom,
} from '../index.js';
import { assignmentsTable } from '../storage/tables.js';
import type { AdAccountFacts, TikTokAccountFacts } from '../business-center/business-center.model.js';
import type { AccountMemberRole, IdentityContextFacts } from './delivery-identities.model.js';
import type { CheckIdentityAvailabilityInput } from './delivery-identities.schemas.js';

/** Bad input on purpose: what a JavaScript caller (or a cast) can pass; the types would refuse it. */
const unchecked = (input: unknown) => input as never;
const T0 = new Date('2026-03-01T12:00:00.000Z');
const SPARK = ['EXISTING_POSTS', 'PUBLISH_NEW_VIDEOS', 'SHOW_THROUGH_ADS_ONLY'];
const context = (over: Partial<IdentityContextFacts> = {}): IdentityContextFacts => ({
  businessCenter: { id: 'bc-1', verified: true },
  member: { userId: 'admin-1', role: 'ADMIN' },
  adAccount: { id: 'adv-1', businessCenterId: 'bc-1' },
  adAccountRole: 'OPERATOR',
  objective: 'PRODUCT_SALES',
  ...over,
});
const account = (id = 'tt-1', over: Partial<TikTokAccountFacts> = {}): TikTokAccountFacts => ({
  id,
  accountType: 'CREATOR',
  isPrivate: false,
  inAnyBusinessCenter: false,
  ...over,
});
const adv1: AdAccountFacts = { id: 'adv-1', businessCenterId: 'bc-1' };
const adv2: AdAccountFacts = { id: 'adv-2', businessCenterId: 'bc-1' };

function setup() {
  const store = memoryStore();
  const clock = manualClock(T0);
  const ids = createDeliveryIdentities({ store, clock, random: seededRandom(3) });
  return { store, ids, bc: createBusinessCenterLinks({ store, clock, random: seededRandom(4) }) };
}
const deniedCodes = (r: { isErr(): boolean; error?: unknown }) =>
  r.isErr() ? ((r.error as { violations?: { code: string }[] }).violations ?? []).map((v) => v.code) : [];

describe('ASSET-03 link from the Business Center', () => {
  test('accounts already in the BC become available; accounts not in it are named, nothing assigned', async () => {
    const { ids, store } = setup();
    await ids.linkByLogin({ context: context(), account: account('tt-1'), permissions: SPARK, approvedBy: 'owner' });
    const input = { context: context({ adAccount: adv2 }), accountIds: ['tt-1', 'tt-404'] };
    const refused = await ids.linkFromBusinessCenter(input);
    expect(deniedCodes(refused)).toEqual(['identity.account_not_in_bc']);
    expect(await store.list(assignmentsTable, 'byAdAccount', { eq: ['adv-2'] })).toEqual([]);
    const ok = (await ids.linkFromBusinessCenter({ ...input, accountIds: ['tt-1', 'tt-1'] })).unwrap();
    expect(ok.map((a) => a.accountId)).toEqual(['tt-1']);
    // Idempotent: linking again returns the same assignment and records no new event.
    const events = (await store.readEvents()).length;
    expect((await ids.linkFromBusinessCenter({ ...input, accountIds: ['tt-1'] })).unwrap()).toEqual(ok);
    expect(await store.readEvents()).toHaveLength(events);
  });
  test('ASSET-01 and ASSET-02 are checked with the link problems (X-01)', async () => {
    const { ids } = setup();
    const input = { context: context({ objective: 'REACH', adAccountRole: 'ANALYST' }), accountIds: ['tt-9'] };
    expect(deniedCodes(await ids.linkFromBusinessCenter(input))).toEqual([
      'identity.ad_account_access_insufficient',
      'identity.objective_unsupported',
      'identity.account_not_in_bc',
    ]);
  });
});

describe('ASSET-04 link by login', () => {
  test('an account already in a Business Center is refused; else linked with method LOGIN and assigned', async () => {
    const { ids } = setup();
    const linked = account('tt-1', { inAnyBusinessCenter: true });
    const refused = await ids.linkByLogin({ context: context(), account: linked, permissions: SPARK, approvedBy: 'o' });
    expect(deniedCodes(refused)).toEqual(['identity.account_already_in_a_bc']);
    const input = { context: context(), account: account('tt-2'), permissions: SPARK, approvedBy: 'o' };
    const ok = (await ids.linkByLogin(input)).unwrap();
    expect(ok.link).toMatchObject({ method: 'LOGIN', linkedBy: { kind: 'user', id: 'o' } });
    expect(ok.assignment?.adAccountId).toBe('adv-1');
  });
  test("the library's own links decide too (LIFE-02): an account linked here is refused", async () => {
    const { ids } = setup();
    await ids.linkByLogin({ context: context(), account: account('tt-1'), permissions: SPARK, approvedBy: 'o' });
    const other = context({
      businessCenter: { id: 'bc-2', verified: true },
      adAccount: { id: 'adv-9', businessCenterId: 'bc-2' },
    });
    const r = await ids.linkByLogin({ context: other, account: account('tt-1'), permissions: SPARK, approvedBy: 'o' });
    expect(deniedCodes(r)).toEqual(['identity.account_already_in_a_bc']);
  });
});

describe('ASSET-05 link by QR code', () => {
  test('a QR request names the ad account; once a user of the account approves, it is available', async () => {
    const { ids, bc } = setup();
    const started = (await ids.linkByQrCode({ context: context(), permissions: SPARK })).unwrap();
    expect(started.request.assignToAdAccountId).toBe('adv-1');
    (await bc.approveLinkRequest({ token: started.qrToken, account: account('tt-3'), userId: 'creator' })).unwrap();
    const facts: CheckIdentityAvailabilityInput = {
      account: { id: 'tt-3', accountType: 'CREATOR', isPrivate: false },
      adAccount: adv1,
    };
    expect((await ids.checkIdentityAvailability(facts)).unwrap().status).toBe('AVAILABLE');
  });
  test('ASSET-08 the service asks checkIdentityAvailability; identityAvailability is only the rule over facts', () => {
    const { ids } = setup();
    expect(typeof ids.checkIdentityAvailability).toBe('function');
    expect('identityAvailability' in ids).toBe(false);
  });
  test('prerequisites and permission problems are reported together, and no request is stored', async () => {
    const { ids, store } = setup();
    const input = { context: context({ objective: 'REACH' }), permissions: ['SHOW_THROUGH_ADS_ONLY'] };
    const r = await ids.linkByQrCode(input);
    expect(deniedCodes(r)).toEqual(['identity.objective_unsupported', 'bc.visibility_needs_publish']);
    expect(await store.readEvents()).toEqual([]);
  });
});

describe('ASSET-06 organization-owned account', () => {
  test('created, owned by the BC, linked and assigned; unverified BC and China refused', async () => {
    const { ids, store } = setup();
    const created = (
      await ids.createOrganizationAccount({
        context: context(),
        nickname: 'Acme',
        operatingRegion: 'US',
        username: 'acme',
        profilePhotoUrl: 'https://cdn.example/acme.png',
      })
    ).unwrap();
    expect(created.account).toMatchObject({
      kind: 'ORGANIZATION_OWNED',
      operatingRegion: 'US',
      username: 'acme',
      members: [{ userId: 'admin-1', role: 'ADMIN' }],
    });
    expect(created.link).toMatchObject({ method: 'ORGANIZATION_OWNED', active: true });
    expect((await store.readEvents()).map((e) => e.type)).toEqual([
      'identity.account_created',
      'bc.link_approved',
      'bc.ad_account_assigned',
    ]);
    const unverified = context({ businessCenter: { id: 'bc-1', verified: false } });
    const r = await ids.createOrganizationAccount({ context: unverified, nickname: 'Acme', operatingRegion: 'CN' });
    expect(deniedCodes(r)).toEqual(['identity.bc_not_verified', 'identity.region_not_offered']);
    const bad = await ids.createOrganizationAccount({ context: context(), nickname: '', operatingRegion: 'usa' });
    expect(bad.isErr() && bad.error.code).toBe('validation');
    const taken = await ids.createOrganizationAccount({
      context: context(),
      nickname: 'Acme 2',
      operatingRegion: 'US',
      username: 'ACME',
    });
    expect(deniedCodes(taken)).toEqual(['identity.username_taken']);
  });
});

describe('LIFE-04 an organization-owned account created in Ads Manager has its creating user as admin', () => {
  test('the creating user is its ADMIN, recorded at creation, and can grant other members access', async () => {
    const { ids } = setup();
    const created = (
      await ids.createOrganizationAccount({ context: context(), nickname: 'Acme', operatingRegion: 'US' })
    ).unwrap();
    expect(created.account.members).toEqual([
      { userId: 'admin-1', role: 'ADMIN', grantedAt: created.account.createdAt, grantedBy: created.account.createdBy },
    ]);
    const accountId = created.account.accountId;
    const grant = (grantedBy: string, userId: string, role: AccountMemberRole) =>
      ids.grantAccountAccess({ accountId, grantedBy, userId, role });
    expect((await grant('admin-1', 'teammate', 'OPERATOR')).unwrap()).toMatchObject({ role: 'OPERATOR' });
    expect(deniedCodes(await grant('teammate', 'x', 'ADMIN'))).toEqual(['identity.not_account_admin']);
  });
});

describe('ASSET-07 sign up', () => {
  test('the new account is linked automatically and its creator is admin who can grant members', async () => {
    const { ids } = setup();
    const signedUp = { id: 'tt-new', accountType: 'BUSINESS', isPrivate: false, displayName: 'New Brand' } as const;
    const created = (await ids.signUpAccount({ context: context(), account: signedUp })).unwrap();
    expect(created.link.method).toBe('SIGN_UP');
    expect(created.account.members).toMatchObject([{ userId: 'admin-1', role: 'ADMIN' }]);
    const grant = (grantedBy: string, userId: string, role: AccountMemberRole) =>
      ids.grantAccountAccess({ accountId: 'tt-new', grantedBy, userId, role });
    const granted = (await grant('admin-1', 'teammate', 'ANALYST')).unwrap();
    expect(granted).toMatchObject({ userId: 'teammate', role: 'ANALYST' });
    expect(deniedCodes(await grant('teammate', 'x', 'ADMIN'))).toEqual(['identity.not_account_admin']);
    const missing = await ids.grantAccountAccess({
      accountId: 'tt-none',
      grantedBy: 'admin-1',
      userId: 'x',
      role: 'ADMIN',
    });
    expect(missing.isErr() && missing.error.code).toBe('not_found');
  });
});

describe('ASSET-08 identity availability through the service', () => {
  test('unlinked, private and personal accounts, and an ad account in no BC', async () => {
    const { ids } = setup();
    const privateAccount = account('tt-p', { isPrivate: true });
    const permissions = ['EXISTING_POSTS'];
    await ids.linkByLogin({ context: context(), account: privateAccount, permissions, approvedBy: 'o' });
    const a = (
      await ids.checkIdentityAvailability({
        account: { id: 'tt-p', accountType: 'PERSONAL', isPrivate: true },
        adAccount: adv1,
      })
    ).unwrap();
    expect(a.status).toBe('SCOPE_UNAVAILABLE');
    expect(a.reasons.map((r) => r.code)).toEqual([
      'identity.scope_unavailable',
      'identity.private_account',
      'identity.not_business_account',
    ]);
    const none = (
      await ids.checkIdentityAvailability({
        account: { id: 'tt-p', accountType: 'CREATOR', isPrivate: false },
        adAccount: { id: 'adv-x' },
      })
    ).unwrap();
    expect(none.status).toBe('NO_VALID_BIND_ACCOUNT');
    const list = (await ids.listIdentities({ adAccount: adv1 })).unwrap();
    expect(list.map((x) => [x.accountId, x.status])).toEqual([['tt-p', 'SCOPE_UNAVAILABLE']]);
    expect((await ids.listIdentities(unchecked({ adAccount: { id: 'adv-1', extra: 1 } }))).isErr()).toBe(true);
  });
});

describe('ASSET-05 with ASSET-01 failing', () => {
  test('an operator-less user with valid permissions gets a refusal and no request is stored', async () => {
    const { ids, store } = setup();
    const r = await ids.linkByQrCode({ context: context({ adAccountRole: 'ANALYST' }), permissions: SPARK });
    expect(deniedCodes(r)).toEqual(['identity.ad_account_access_insufficient']);
    expect(await store.readEvents()).toEqual([]);
  });
});

describe('X-03 options are checked when the service is made', () => {
  test('a factory with a wrong option throws a TypeError naming it', () => {
    const store = memoryStore();
    expect(() => createDeliveryIdentities({ store, clock: {} as never })).toThrow(/createDeliveryIdentities: clock/);
  });
});
