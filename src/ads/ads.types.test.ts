// Type tests (checked by vitest's typecheck; at run time nothing here is called): what a user
// writes compiles with plain string ids, and a misspelled key or a wrong type does not.
import { describe, expectTypeOf, test } from 'vitest';
import { DEFAULT_POLICY } from '../kernel/policy.js';
import type { AdCodeId, AdId } from '../kernel/ids.js';
import type { Ads } from './ads.service.js';
import type { AdView } from './ads.model.js';
import { authorizationViolations, canCreateAd, isSparkAd } from './ads.rules.js';

declare const ads: Ads;

describe('Ads: typed inputs, plain string ids', () => {
  test('ADV-04 the README calls compile as written, with plain string ids', () => {
    const calls = async () => {
      const campaign = {
        campaignId: 'spring',
        objective: 'TRAFFIC',
        placements: ['TIKTOK'],
        campaignType: 'MANUAL',
      } as const;
      canCreateAd({ campaign, identity: { type: 'AUTH_CODE', codeId: 'code_1' }, inLibrary: true }, DEFAULT_POLICY);
      authorizationViolations({ identity: { type: 'AUTH_CODE', codeId: 'code_1' }, inLibrary: true }, new Date());
      isSparkAd({ type: 'TT_USER', identityId: 'brand' });
      const ad = (
        await ads.createAd({
          adAccountId: 'adv-glowco',
          name: 'Spring flight',
          campaign: { campaignId: 'spring', objective: 'TRAFFIC', placements: ['TIKTOK'], campaignType: 'MANUAL' },
          schedule: { startAt: new Date('2026-04-01T00:00:00Z'), endAt: new Date('2026-05-15T00:00:00Z') },
          identity: { type: 'AUTH_CODE', codeId: 'code_1' },
        })
      ).unwrap();
      await ads.submit({ adAccountId: 'adv-glowco', adId: ad.id });
      await ads.review({ adAccountId: 'adv-glowco', adId: 'ad_1', approved: true });
      await ads.getAd({ adAccountId: 'adv-glowco', adId: 'ad_1' });
      await ads.listAds('adv-glowco');
      await ads.forecast({ adAccountId: 'adv-glowco', withinMs: 10 * 86_400_000 });
    };
    expectTypeOf(calls).toBeFunction();
  });

  test('X-03 a misspelled key or a wrong type is a compile error', () => {
    const calls = async (input: Parameters<Ads['createAd']>[0]) => {
      // @ts-expect-error adID is not adId
      await ads.submit({ adAccountId: 'adv-1', adID: 'ad_1' });
      // @ts-expect-error approved is a boolean
      await ads.review({ adAccountId: 'adv-1', adId: 'ad_1', approved: 'yes' });
      // @ts-expect-error FAME is not a campaign objective
      await ads.createAd({ ...input, campaign: { ...input.campaign, objective: 'FAME' } });
      // @ts-expect-error an AUTH_CODE identity names a codeId
      await ads.createAd({ ...input, identity: { type: 'AUTH_CODE', identityId: 'x' } });
      // @ts-expect-error an ad account id is a string
      await ads.listAds(42);
      // @ts-expect-error inLibrary is required
      canCreateAd({ campaign: input.campaign, identity: { type: 'TT_USER', identityId: 'me' } }, DEFAULT_POLICY);
    };
    expectTypeOf(calls).toBeFunction();
  });

  test('ADV-05 records the library returns keep branded ids', () => {
    expectTypeOf<AdView['id']>().toEqualTypeOf<AdId>();
    expectTypeOf<NonNullable<AdView['authorization']>['codeId']>().toEqualTypeOf<AdCodeId>();
    expectTypeOf<string>().not.toMatchTypeOf<AdId>();
  });
});
