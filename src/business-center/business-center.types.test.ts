// Type tests (checked by vitest's typecheck; at run time nothing here is called): what a user
// writes compiles with plain string ids, and a misspelled key or a wrong type does not.
import { describe, expectTypeOf, test } from 'vitest';
import type { BcLinkId, BusinessCenterId, TikTokAccountId } from '../kernel/ids.js';
import type { BusinessCenterLinks, LinkView } from './business-center.service.js';
import { canManageLink, canStartLinkRequest } from './business-center.rules.js';
import { SPARK_ADS_PERMISSIONS } from './permissions.js';

declare const links: BusinessCenterLinks;
declare const scanned: string;

describe('Business Center links: typed inputs, plain string ids', () => {
  test('BC-02 the README calls compile as written, with plain string ids and readonly permissions', () => {
    const calls = async () => {
      const businessCenter = { id: 'bc-agency', verified: true };
      const member = { userId: 'u-admin', role: 'ADMIN' } as const;
      const request = { businessCenter, member, permissionLevel: 'DELIVER_ADS', permissions: SPARK_ADS_PERMISSIONS };
      canStartLinkRequest(request);
      const link = { businessCenterId: 'bc-agency', linkedAt: new Date() };
      canManageLink({ businessCenter, member, link, at: new Date() });
      const started = (
        await links.startLinkRequest({
          businessCenter: { id: 'bc-agency', verified: true },
          member: { userId: 'u-admin', role: 'ADMIN' },
          permissionLevel: 'DELIVER_ADS',
          permissions: ['EXISTING_POSTS', 'PUBLISH_NEW_VIDEOS', 'SHOW_THROUGH_ADS_ONLY'],
        })
      ).unwrap();
      await links.startLinkRequest(request);
      const account = { id: 'tt-dana', accountType: 'CREATOR', isPrivate: false, inAnyBusinessCenter: false } as const;
      await links.approveLinkRequest({ token: scanned, account, userId: 'creator-phone' });
      await links.rejectLinkRequest({ token: scanned, userId: 'creator-phone' });
      await links.cancelLinkRequest({ businessCenter, member, requestId: started.request.id });
      await links.linkRequestStatus({ requestId: 'lreq_1' });
      await links.unlink({ businessCenter, member, linkId: 'link_1' });
      await links.assignToAdAccount({ businessCenter, member, linkId: 'link_1', adAccount: { id: 'adv-1' } });
      await links.getLink('link_1');
      await links.listBusinessCenterLinks('bc-agency');
      await links.listAccountLinks('tt-dana');
    };
    expectTypeOf(calls).toBeFunction();
  });

  test('X-03 a misspelled key or a wrong type is a compile error', () => {
    const calls = async () => {
      const businessCenter = { id: 'bc-agency', verified: true };
      const member = { userId: 'u', role: 'ADMIN' } as const;
      // @ts-expect-error permision is not permissions
      await links.startLinkRequest({ businessCenter, member, permissionLevel: 'DELIVER_ADS', permision: [] });
      // @ts-expect-error OWNER is not a Business Center role
      await links.cancelLinkRequest({ businessCenter, member: { userId: 'u', role: 'OWNER' }, requestId: 'lreq_1' });
      // @ts-expect-error verified is a boolean
      await links.unlink({ businessCenter: { id: 'bc', verified: 'yes' }, member, linkId: 'l' });
      // @ts-expect-error a link id is a string
      await links.getLink(7);
    };
    expectTypeOf(calls).toBeFunction();
  });

  test('BC-07 views the library returns keep branded ids', () => {
    expectTypeOf<LinkView['id']>().toEqualTypeOf<BcLinkId>();
    expectTypeOf<LinkView['businessCenterId']>().toEqualTypeOf<BusinessCenterId>();
    expectTypeOf<LinkView['accountId']>().toEqualTypeOf<TikTokAccountId>();
  });
});
