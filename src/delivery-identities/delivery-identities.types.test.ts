// Type tests (checked by vitest's typecheck; at run time nothing here is called): what a user
// writes compiles with plain string ids, and a misspelled key or a wrong type does not.
import { describe, expectTypeOf, test } from 'vitest';
import { DEFAULT_POLICY } from '../kernel/policy.js';
import type { AdAccountId, TikTokAccountId } from '../kernel/ids.js';
import type { DeliveryIdentities } from './delivery-identities.service.js';
import type { IdentityAvailability } from './delivery-identities.model.js';
import {
  canCreateOrganizationAccount,
  canGrantAccountAccess,
  canManageIdentities,
  identityAvailability,
} from './delivery-identities.rules.js';

declare const identities: DeliveryIdentities;

describe('Delivery identities: typed inputs, plain string ids', () => {
  test('ASSET-01 every call compiles with plain string ids', () => {
    const calls = async () => {
      const context = {
        businessCenter: { id: 'bc-1', verified: true },
        member: { userId: 'u-1', role: 'ADMIN' },
        adAccount: { id: 'adv-1', businessCenterId: 'bc-1' },
        adAccountRole: 'ADMIN',
        objective: 'PRODUCT_SALES',
      } as const;
      canManageIdentities(context, DEFAULT_POLICY);
      canCreateOrganizationAccount({ ...context, operatingRegion: 'US' }, DEFAULT_POLICY);
      canGrantAccountAccess({ grantedBy: 'u-1', granterRole: 'ADMIN' });
      identityAvailability({
        account: { id: 'tt-dana', accountType: 'CREATOR', isPrivate: false },
        adAccountId: 'adv-1',
        link: { businessCenterId: 'bc-1', permissions: ['EXISTING_POSTS', 'PUBLISH_NEW_VIDEOS'] },
        assigned: true,
      });
      await identities.createOrganizationAccount({
        context: {
          businessCenter: { id: 'bc-1', verified: true },
          member: { userId: 'u-1', role: 'ADMIN' },
          adAccount: { id: 'adv-1', businessCenterId: 'bc-1' },
          adAccountRole: 'ADMIN',
          objective: 'PRODUCT_SALES',
        },
        nickname: 'Acme Official',
        operatingRegion: 'US',
      });
      await identities.linkFromBusinessCenter({ context, accountIds: ['tt-1'] });
      const account = { id: 'tt-1', accountType: 'CREATOR', isPrivate: false, inAnyBusinessCenter: false } as const;
      await identities.linkByLogin({ context, account, permissions: ['EXISTING_POSTS'], approvedBy: 'u-9' });
      await identities.linkByQrCode({ context, permissions: ['EXISTING_POSTS'] });
      await identities.signUpAccount({
        context,
        account: { id: 'tt-new', accountType: 'BUSINESS', isPrivate: false, displayName: 'New' },
      });
      await identities.grantAccountAccess({ accountId: 'tt-new', grantedBy: 'u-1', userId: 'u-2', role: 'ANALYST' });
      await identities.checkIdentityAvailability({
        account: { id: 'tt-1', accountType: 'CREATOR', isPrivate: false },
        adAccount: { id: 'adv-1' },
      });
      await identities.listIdentities({ adAccount: { id: 'adv-1' } });
    };
    expectTypeOf(calls).toBeFunction();
  });

  test('X-03 a misspelled key or a wrong type is a compile error', () => {
    const calls = async (context: Parameters<DeliveryIdentities['linkByQrCode']>[0]['context']) => {
      // @ts-expect-error nickName is not nickname
      await identities.createOrganizationAccount({ context, nickName: 'Acme', operatingRegion: 'US' });
      // @ts-expect-error operatingRegion is a string
      await identities.createOrganizationAccount({ context, nickname: 'Acme', operatingRegion: 840 });
      // @ts-expect-error OWNER is not an account member role
      await identities.grantAccountAccess({ accountId: 'tt-1', grantedBy: 'u-1', userId: 'u-2', role: 'OWNER' });
      // @ts-expect-error accountIds is a list
      await identities.linkFromBusinessCenter({ context, accountIds: 'tt-1' });
      // @ts-expect-error grantedBy is a string
      canGrantAccountAccess({ grantedBy: 1, granterRole: 'ADMIN' });
    };
    expectTypeOf(calls).toBeFunction();
  });

  test('ASSET-08 answers the library returns keep branded ids', () => {
    expectTypeOf<IdentityAvailability['accountId']>().toEqualTypeOf<TikTokAccountId>();
    expectTypeOf<IdentityAvailability['adAccountId']>().toEqualTypeOf<AdAccountId>();
  });
});
