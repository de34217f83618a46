import type { AdAccountId, TikTokAccountId } from '../kernel/ids.js';
import { manualClock } from '../adapters/clock/manual-clock.js';
import { seededRandom } from '../adapters/random/seeded-random.js';
import type { BusinessCenterStore } from '../ports/business-center-store.js';
import type { DeliveryIdentityStore } from '../ports/delivery-identity-store.js';
import { createBusinessCenterLinks } from '../business-center/business-center.service.js';
import { createDeliveryIdentities } from '../delivery-identities/delivery-identities.service.js';
import { check, checkEqual, checkWithStore } from './check.js';
import { failingStore } from './failing-store.js';
import type { ConformanceCheck, StoreFactory } from './conformance.js';

type IdStore = BusinessCenterStore & DeliveryIdentityStore;
const T0 = new Date('2026-01-01T00:00:00.000Z');
const SPARK = ['EXISTING_POSTS', 'PUBLISH_NEW_VIDEOS', 'SHOW_THROUGH_ADS_ONLY'];
const context = (bc: string, adv = `${bc}-adv`) => ({
  businessCenter: { id: bc, verified: true }, member: { userId: 'id-admin', role: 'ADMIN' as const },
  adAccount: { id: adv, businessCenterId: bc }, adAccountRole: 'OPERATOR' as const, objective: 'PRODUCT_SALES',
});
const account = (id: string, inAnyBusinessCenter = false) => ({ id, accountType: 'CREATOR' as const, isPrivate: false, inAnyBusinessCenter });
const codesOf = (r: { isErr(): boolean; error?: unknown }) => (r.isErr() ? ((r.error as { violations?: { code: string }[] }).violations ?? []).map((v) => v.code) : []);

function services(store: IdStore, seed: number) {
  const clock = manualClock(T0);
  return { clock, ids: createDeliveryIdentities({ store, clock, random: seededRandom(seed) }), bc: createBusinessCenterLinks({ store, clock, random: seededRandom(seed + 1000) }) };
}

/** The delivery identities part of the store conformance suite (ASSET-03..08). */
export function deliveryIdentityChecks(factory: StoreFactory<IdStore>): ConformanceCheck[] {
  const withStore = checkWithStore(factory);

  return [
    withStore('identities: ASSET-04 login links and assigns in one step; ASSET-03 makes BC accounts available to another ad account', async (store) => {
      const { ids } = services(store, 501);
      const linked = await ids.linkByLogin({ context: context('i-bc'), account: account('i-tt'), permissions: SPARK, approvedBy: 'owner' });
      check(linked.isOk() && linked.value.assignment?.adAccountId === 'i-bc-adv', 'linked and assigned');
      const again = await ids.linkByLogin({ context: context('i-bc2'), account: account('i-tt'), permissions: SPARK, approvedBy: 'owner' });
      check(codesOf(again).includes('identity.account_already_in_a_bc'), 'the store refuses a login link for an account already in a Business Center');
      const fromBc = await ids.linkFromBusinessCenter({ context: context('i-bc', 'i-adv-2'), accountIds: ['i-tt'] });
      check(fromBc.isOk() && fromBc.value.length === 1, 'available to a second ad account');
      const avail = (await ids.identityAvailability({ account: { id: 'i-tt', accountType: 'CREATOR', isPrivate: false }, adAccount: { id: 'i-adv-2', businessCenterId: 'i-bc' } })).unwrap();
      checkEqual(avail.status, 'AVAILABLE', 'ASSET-08: available');
      checkEqual((await ids.listIdentities({ adAccount: { id: 'i-bc-adv', businessCenterId: 'i-bc' } })).unwrap().map((a) => a.accountId), ['i-tt'], 'listed');
    }),
    withStore('identities: ASSET-06 and ASSET-07 create accounts with their link; the sign-up creator is admin and grants access', async (store) => {
      const { ids } = services(store, 502);
      const org = (await ids.createOrganizationAccount({ context: context('c-bc'), nickname: 'Acme', operatingRegion: 'US', username: 'acme_official' })).unwrap();
      checkEqual(org.account.kind, 'ORGANIZATION_OWNED', 'organization-owned');
      checkEqual((await store.getOwnedAccount(org.account.accountId))?.nickname, 'Acme', 'stored');
      const dup = await ids.createOrganizationAccount({ context: context('c-bc'), nickname: 'Acme 2', operatingRegion: 'US', username: 'ACME_official' });
      check(codesOf(dup).includes('identity.username_taken'), 'usernames are unique (case-insensitively)');
      const signed = (await ids.signUpAccount({ context: context('c-bc'), account: { id: 's-tt', accountType: 'CREATOR', isPrivate: false, displayName: 'New' } })).unwrap();
      checkEqual(signed.account.members.map((m) => [m.userId, m.role]), [['id-admin', 'ADMIN']], 'the creating user is admin');
      check((await ids.grantAccountAccess({ accountId: 's-tt', grantedBy: 'id-admin', userId: 'teammate', role: 'OPERATOR' })).isOk(), 'admin grants');
      const refused = await ids.grantAccountAccess({ accountId: 's-tt', grantedBy: 'teammate', userId: 'x', role: 'ADMIN' });
      check(codesOf(refused).includes('identity.not_account_admin'), 'an operator cannot grant');
      checkEqual((await store.getOwnedAccount('s-tt' as TikTokAccountId))?.members.length, 2, 'two members');
    }),
    withStore('identities race: ASSET-04 10 concurrent login links of one account to 10 Business Centers give exactly one link', async (store) => {
      const { ids } = services(store, 503);
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => ids.linkByLogin({ context: context(`r-bc-${i}`), account: account('r-tt'), permissions: SPARK, approvedBy: 'owner' })));
      checkEqual(results.filter((r) => r.isOk()).length, 1, 'one login link');
      checkEqual(await store.countActiveLinks({ accountId: 'r-tt' as TikTokAccountId }), 1, 'the account is in exactly one Business Center');
    }),
    withStore('identities X-03: a storage failure while creating an account leaves no account, link or event', async (store) => {
      const { ids, clock } = services(store, 504);
      const before = JSON.stringify(await store.readEvents({ after: 0, limit: 100_000 }));
      const wrapped = failingStore(store, { failOnWrite: 1 });
      const failing = createDeliveryIdentities({ store: wrapped, clock, random: seededRandom(505) });
      const r = await failing.signUpAccount({ context: context('f-bc'), account: { id: 'f-tt', accountType: 'CREATOR', isPrivate: false, displayName: 'F' } });
      check(r.isErr() && (r.error as { code: string }).code === 'storage', 'storage error');
      checkEqual(JSON.stringify(await store.readEvents({ after: 0, limit: 100_000 })), before, 'no event');
      checkEqual(await store.getOwnedAccount('f-tt' as TikTokAccountId), undefined, 'no account');
      checkEqual((await store.listAssignmentsOfAdAccount('f-bc-adv' as AdAccountId)).length, 0, 'no assignment');
      check((await ids.signUpAccount({ context: context('f-bc'), account: { id: 'f-tt', accountType: 'CREATOR', isPrivate: false, displayName: 'F' } })).isOk(), 'a retry succeeds');
    }),
  ];
}
