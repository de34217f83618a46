// Type tests (checked by vitest's typecheck; at run time nothing here is called): what a user
// writes compiles with plain string ids, and a misspelled key or a wrong type does not.
import { describe, expectTypeOf, test } from 'vitest';
import type { AdId } from '../kernel/ids.js';
import type { TopAds } from './top-ads.service.js';
import type { TopAdsStatusView } from './top-ads.model.js';

declare const topAds: TopAds;

describe('Top Ads: typed inputs, plain string ids', () => {
  test('TOP-05 every call compiles with plain string ids and readonly lists', () => {
    const calls = async () => {
      const adIds = ['ad_1', 'ad_2'] as const;
      await topAds.status({ adAccountId: 'adv-1', adId: 'ad_1' });
      await topAds.withdraw({ adAccountId: 'adv-1', adId: 'ad_1' });
      await topAds.authorize({ adAccountId: 'adv-1', adIds, source: 'creative_center' });
      await topAds.popup({ accountId: 'tt4b-1', adAccountIds: ['adv-1'] });
      await topAds.listTopAds();
      await topAds.listTopAds({ regions: ['US'], objectives: ['REACH'] });
    };
    expectTypeOf(calls).toBeFunction();
  });

  test('X-03 a misspelled key or a wrong type is a compile error', () => {
    const calls = async () => {
      // @ts-expect-error region is not regions
      await topAds.listTopAds({ region: ['US'] });
      // @ts-expect-error FAME is not a campaign objective
      await topAds.listTopAds({ objectives: ['FAME'] });
      // @ts-expect-error an account id is a string
      await topAds.popup({ accountId: 1, adAccountIds: ['adv-1'] });
      // @ts-expect-error the source is ads_manager or creative_center
      await topAds.authorize({ adAccountId: 'adv-1', adIds: ['ad_1'], source: 'email' });
    };
    expectTypeOf(calls).toBeFunction();
  });

  test('TOP-07 views the library returns keep branded ids', () => {
    expectTypeOf<TopAdsStatusView['adId']>().toEqualTypeOf<AdId>();
  });
});
