import { describe, expect, test } from 'vitest';
import { DAY_MS, definePolicy } from '../index.js';
import { adsSetup, campaign } from '../../test/fixtures.js';

const codesOf = (r: { isErr(): boolean }) =>
  r.isErr() ? ((r as unknown as { error: { violations?: { code: string }[] } }).error.violations ?? []).map((v) => v.code) : [];

/** A published (running) ad using a TT_USER identity, with Top Ads facts. */
async function published(s: ReturnType<typeof adsSetup>, over: Record<string, unknown> = {}) {
  const ad = (await s.ads.createAd({
    adAccountId: 'adacc-1', name: 'Creative', campaign: campaign(), schedule: { startAt: s.clock.now() }, identity: { type: 'TT_USER', identityId: 'brand' },
    videoId: 'v-1', regions: ['US'], industry: 'Beauty', ...over,
  })).unwrap();
  const ref = { adAccountId: ad.adAccountId, adId: ad.id };
  (await s.ads.submit(ref)).unwrap();
  (await s.ads.review({ ...ref, approved: true })).unwrap();
  return (await s.ads.start(ref)).unwrap();
}

describe('TOP-01 the Asset Authorization checkbox: checked by default (Ads Manager), configurable', () => {
  test('default checked; explicit false unchecks; policy false is the Business API default', async () => {
    const s = adsSetup();
    expect((await published(s)).assetAuthorization).toMatchObject({ offered: true, authorized: true, source: 'ads_manager' });
    expect((await published(s, { assetAuthorization: false })).assetAuthorization.authorized).toBe(false);
    const api = adsSetup({ policy: definePolicy({ assetAuthorizationDefault: false }).unwrap() });
    expect((await published(api)).assetAuthorization.authorized).toBe(false);
  });
});

describe('TOP-02 / TOP-03 the option exists only with TikTok as a placement and not for SPC', () => {
  test('Pangle-only and SPC ads do not offer it; Smart+ does', async () => {
    const s = adsSetup();
    expect((await published(s, { campaign: campaign({ placements: ['PANGLE'] }) })).assetAuthorization).toMatchObject({ offered: false, authorized: false });
    expect((await published(s, { campaign: campaign({ campaignType: 'SMART_PERFORMANCE' }) })).assetAuthorization.offered).toBe(false);
    expect((await published(s, { campaign: campaign({ campaignType: 'SMART_PLUS' }) })).assetAuthorization.offered).toBe(true);
  });

  test('authorizing a creative without the option is denied with the rule', async () => {
    const s = adsSetup();
    const ad = await published(s, { campaign: campaign({ campaignType: 'SMART_PERFORMANCE' }) });
    expect(codesOf(await s.topAds.authorize({ adAccountId: 'adacc-1', adIds: [ad.id] }))).toEqual(['top_ads.campaign_type_not_eligible']);
  });
});

describe('TOP-04 only creatives published in ad campaigns are shared', () => {
  test('a draft is NOT_IN_TOP_ADS (not eligible) until it runs', async () => {
    const s = adsSetup();
    const draft = (await s.ads.createAd({ adAccountId: 'adacc-1', name: 'D', campaign: campaign(), schedule: { startAt: s.clock.now() }, identity: { type: 'TT_USER', identityId: 'brand' } })).unwrap();
    const st = (await s.topAds.status({ adAccountId: 'adacc-1', adId: draft.id })).unwrap();
    expect(st).toMatchObject({ status: 'NOT_IN_TOP_ADS', reason: 'not_eligible' });
    expect(st.unmet?.map((v) => v.rule)).toEqual(['TOP-04']);
    const ad = await published(s);
    expect((await s.topAds.status({ adAccountId: 'adacc-1', adId: ad.id })).unwrap().status).toBe('IN_TOP_ADS');
  });
});

describe('TOP-05 the Creative Center pop-up: at most once every 7 days while eligible and unauthorized', () => {
  test('shown, not again within 7 days, again after; never once everything is authorized', async () => {
    const s = adsSetup();
    const ad = await published(s, { assetAuthorization: false });
    const q = { accountId: 'tt4b-1', adAccountIds: ['adacc-1'] };
    const first = (await s.topAds.popup(q)).unwrap();
    expect(first.show).toBe(true);
    expect(first.creatives.map((c) => c.id)).toEqual([ad.id]);
    s.clock.advance(7 * DAY_MS - 1);
    const soon = (await s.topAds.popup(q)).unwrap();
    expect(soon).toMatchObject({ show: false });
    expect(soon.nextAt?.getTime()).toBe(s.clock.now().getTime() + 1);
    s.clock.advance(1);
    expect((await s.topAds.popup(q)).unwrap().show).toBe(true);
    (await s.topAds.authorize({ adAccountId: 'adacc-1', adIds: [ad.id] })).unwrap();
    s.clock.advance(30 * DAY_MS);
    expect((await s.topAds.popup(q)).unwrap()).toMatchObject({ show: false, creatives: [] });
    const shown = (await s.store.readEvents({ after: 0, limit: 1000 })).filter((e) => e.type === 'top_ads.popup_shown');
    expect(shown).toHaveLength(2);
  });

  test('concurrent logins show the pop-up once', async () => {
    const s = adsSetup();
    await published(s, { assetAuthorization: false });
    const rs = await Promise.all(Array.from({ length: 10 }, () => s.topAds.popup({ accountId: 'tt4b-1', adAccountIds: ['adacc-1'] })));
    expect(rs.filter((r) => r.unwrap().show)).toHaveLength(1);
  });
});

describe('TOP-06 / TOP-07 withdraw (idempotent) and status with the reason', () => {
  test('withdrawn once, event once; status says withdrawn; expired after the Top Ads period', async () => {
    const s = adsSetup();
    const ad = await published(s);
    const ref = { adAccountId: 'adacc-1', adId: ad.id };
    expect((await s.topAds.withdraw(ref)).unwrap()).toMatchObject({ withdrawn: true, status: { status: 'NOT_IN_TOP_ADS', reason: 'withdrawn' } });
    expect((await s.topAds.withdraw(ref)).unwrap().withdrawn).toBe(false);
    expect((await s.store.readEvents({ after: 0, limit: 1000 })).filter((e) => e.type === 'top_ads.withdrawn')).toHaveLength(1);
    const other = await published(s);
    s.clock.advance(180 * DAY_MS);
    expect((await s.topAds.status({ adAccountId: 'adacc-1', adId: other.id })).unwrap()).toMatchObject({ status: 'NOT_IN_TOP_ADS', reason: 'expired' });
    expect((await s.topAds.withdraw({ adAccountId: 'adacc-2', adId: ad.id })).isErr()).toBe(true);
  });
});

describe('TOP-08 / TOP-09 display descriptors and the filtered query', () => {
  test('watermarked, not downloadable; filtered by region, industry and objective', async () => {
    const s = adsSetup();
    const us = await published(s, { regions: ['US'], industry: 'Beauty' });
    const fr = await published(s, { regions: ['FR'], industry: 'Games', campaign: campaign({ objective: 'APP_PROMOTION' }) });
    await published(s, { assetAuthorization: false });
    const all = (await s.topAds.listTopAds()).unwrap();
    expect(all.map((d) => d.adId)).toEqual([us.id, fr.id]);
    expect(all[0]).toMatchObject({ watermarked: true, downloadable: false, regions: ['US'], industry: 'Beauty' });
    expect(all[0]).not.toHaveProperty('adAccountId');
    expect((await s.topAds.listTopAds({ regions: ['FR'] })).unwrap().map((d) => d.adId)).toEqual([fr.id]);
    expect((await s.topAds.listTopAds({ industries: ['Beauty'], objectives: ['VIDEO_VIEWS'] })).unwrap().map((d) => d.adId)).toEqual([us.id]);
    expect((await s.topAds.listTopAds({ objectives: ['REACH'] })).unwrap()).toEqual([]);
    expect((await s.topAds.listTopAds({ regions: ['usa'] })).isErr()).toBe(true);
  });
});

describe('X-03 Top Ads bad input is refused with a validation error and nothing stored', () => {
  test.each([
    ['popup without ad accounts', (s: ReturnType<typeof adsSetup>) => s.topAds.popup({ accountId: 'tt4b', adAccountIds: [] })],
    ['popup with an unknown key', (s: ReturnType<typeof adsSetup>) => s.topAds.popup({ accountId: 'tt4b', adAccountIds: ['a'], extra: true })],
    ['authorize the same ad twice', (s: ReturnType<typeof adsSetup>) => s.topAds.authorize({ adAccountId: 'adacc-1', adIds: ['ad_1', 'ad_1'] })],
    ['authorize nothing', (s: ReturnType<typeof adsSetup>) => s.topAds.authorize({ adAccountId: 'adacc-1', adIds: [] })],
    ['withdraw with a __proto__ key', (s: ReturnType<typeof adsSetup>) => s.topAds.withdraw(JSON.parse('{"adAccountId":"a","adId":"b","__proto__":{"x":1}}'))],
    ['status at an invalid date', (s: ReturnType<typeof adsSetup>) => s.topAds.status({ adAccountId: 'a', adId: 'b', at: new Date('x') })],
    ['query with an unknown objective', (s: ReturnType<typeof adsSetup>) => s.topAds.listTopAds({ objectives: ['FAME'] })],
  ])('%s', async (_name, call) => {
    const s = adsSetup();
    const r = await call(s);
    expect(r.isErr() && r.error.code).toBe('validation');
    expect(await s.store.readEvents({ after: 0, limit: 10 })).toEqual([]);
  });

  test('policy: Top Ads parameters are validated', () => {
    expect(definePolicy({ topAdsPeriodDays: 0 }).isErr()).toBe(true);
    expect(definePolicy({ topAdsExcludedObjectives: ['FAME' as never] }).isErr()).toBe(true);
    expect(definePolicy({ topAdsExcludedCampaignTypes: [], topAdsPopupIntervalMs: DAY_MS }).isOk()).toBe(true);
  });
});
