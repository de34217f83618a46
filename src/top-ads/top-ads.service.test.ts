import { describe, expect, test } from 'vitest';
import {
  createAds,
  createSparkCodes,
  createTopAds,
  DAY_MS,
  definePolicy,
  manualClock,
  memoryStore,
  seededRandom,
} from '../index.js';
import type { AdView } from '../model.js';
import type { Store } from '../ports/store.js';
import { adsTable } from '../storage/tables.js';
import type { CreateAdInput } from '../ads/ads.schemas.js';
import type { AuthorizeCreativesInput, TopAdsQueryInput } from './top-ads.schemas.js';
import { advertiser, adsSetup, campaign, creator, SECRET, T0, video } from '../../test/fixtures.js';

/** Bad input on purpose: what a JavaScript caller (or a cast) can pass; the types would refuse it. */
const unchecked = (input: unknown) => input as never;
const MINUTE_MS = 60_000;
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The store with every write inside a transaction delayed: unlocked read-modify-writes would then interleave. */
function slowWrites(store: Store): Store {
  return {
    get: (table, key) => store.get(table, key),
    list: (table, index, range) => store.list(table, index, range),
    count: (table, index, range) => store.count(table, index, range),
    readEvents: (query) => store.readEvents(query),
    transaction: (keys, work) =>
      store.transaction(keys, (tx) =>
        work({
          get lastInstant() {
            return tx.lastInstant;
          },
          markInstant: (at) => tx.markInstant(at),
          append: (events) => tx.append(events),
          get: (table, key) => tx.get(table, key),
          list: (table, index, range) => tx.list(table, index, range),
          count: (table, index, range) => tx.count(table, index, range),
          insert: async (table, row) => {
            await pause(5);
            await tx.insert(table, row);
          },
          update: async (table, row) => {
            await pause(5);
            await tx.update(table, row);
          },
          delete: async (table, key) => {
            await pause(5);
            await tx.delete(table, key);
          },
        }),
      ),
  };
}

type Setup = ReturnType<typeof adsSetup>;

type Refusal = { error: { violations?: { code: string }[] } };
const codesOf = (r: { isErr(): boolean }) =>
  r.isErr() ? ((r as unknown as Refusal).error.violations ?? []).map((v) => v.code) : [];
const ref = (ad: Pick<AdView, 'adAccountId' | 'id'>) => ({ adAccountId: ad.adAccountId, adId: ad.id });
const allEvents = async (s: Setup) => s.store.readEvents({ after: 0, limit: 10_000 });

/** A draft ad using a TT_USER identity, with Top Ads facts. */
async function draft(s: Setup, over: Record<string, unknown> = {}) {
  return (
    await s.ads.createAd({
      adAccountId: 'adacc-1',
      name: 'Creative',
      campaign: campaign(),
      schedule: { startAt: s.clock.now() },
      identity: { type: 'TT_USER', identityId: 'brand' },
      videoId: 'v-1',
      regions: ['US'],
      industry: 'Beauty',
      ...over,
    })
  ).unwrap();
}

/** A published (running) ad using a TT_USER identity, with Top Ads facts. */
async function published(s: Setup, over: Record<string, unknown> = {}) {
  const ad = await draft(s, over);
  (await s.ads.submit(ref(ad))).unwrap();
  (await s.ads.review({ ...ref(ad), approved: true })).unwrap();
  return (await s.ads.start(ref(ad))).unwrap();
}

describe('TOP-01 the Asset Authorization checkbox: checked by default (Ads Manager), configurable', () => {
  test('default checked; explicit false unchecks; policy false is the Business API default', async () => {
    const s = adsSetup();
    const ad = await published(s);
    expect(ad.assetAuthorization).toMatchObject({ offered: true, authorized: true, source: 'ads_manager' });
    expect((await published(s, { assetAuthorization: false })).assetAuthorization.authorized).toBe(false);
    const api = adsSetup({ policy: definePolicy({ assetAuthorizationDefault: false }).unwrap() });
    expect((await published(api)).assetAuthorization.authorized).toBe(false);
  });
});

describe('TOP-02 / TOP-03 the option exists only with TikTok as a placement and not for SPC', () => {
  test('Pangle-only and SPC ads do not offer it; Smart+ does', async () => {
    const s = adsSetup();
    const pangle = await published(s, { campaign: campaign({ placements: ['PANGLE'] }) });
    expect(pangle.assetAuthorization).toMatchObject({ offered: false, authorized: false });
    const spc = await published(s, { campaign: campaign({ campaignType: 'SMART_PERFORMANCE' }) });
    expect(spc.assetAuthorization.offered).toBe(false);
    const smartPlus = await published(s, { campaign: campaign({ campaignType: 'SMART_PLUS' }) });
    expect(smartPlus.assetAuthorization.offered).toBe(true);
  });

  test('authorizing a creative without the option is denied with the rule', async () => {
    const s = adsSetup();
    const ad = await published(s, { campaign: campaign({ campaignType: 'SMART_PERFORMANCE' }) });
    const r = await s.topAds.authorize({ adAccountId: 'adacc-1', adIds: [ad.id] });
    expect(codesOf(r)).toEqual(['top_ads.campaign_type_not_eligible']);
  });
});

describe('TOP-04 only creatives published in ad campaigns are shared', () => {
  test('a draft is NOT_IN_TOP_ADS (not eligible) until it runs', async () => {
    const s = adsSetup();
    const d = await draft(s);
    const st = (await s.topAds.status(ref(d))).unwrap();
    expect(st).toMatchObject({ status: 'NOT_IN_TOP_ADS', reason: 'not_eligible' });
    expect(st.unmet?.map((v) => v.rule)).toEqual(['TOP-04']);
    const ad = await published(s);
    expect((await s.topAds.status(ref(ad))).unwrap().status).toBe('IN_TOP_ADS');
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
    const shown = (await allEvents(s)).filter((e) => e.type === 'top_ads.popup_shown');
    expect(shown).toHaveLength(2);
  });

  test('concurrent logins show the pop-up once', async () => {
    const s = adsSetup();
    await published(s, { assetAuthorization: false });
    const login = () => s.topAds.popup({ accountId: 'tt4b-1', adAccountIds: ['adacc-1'] });
    const rs = await Promise.all(Array.from({ length: 10 }, login));
    expect(rs.filter((r) => r.unwrap().show)).toHaveLength(1);
  });

  test('concurrent logins on two app servers, one clock 5 s behind, show the pop-up once', async () => {
    const s = adsSetup();
    await published(s, { assetAuthorization: false });
    const behind = createTopAds({ store: s.store, clock: manualClock(new Date(s.clock.now().getTime() - 5_000)) });
    const q = { accountId: 'tt4b-1', adAccountIds: ['adacc-1', 'adacc-1'] };
    const rs = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? s.topAds : behind).popup(q)));
    expect(rs.filter((r) => r.unwrap().show)).toHaveLength(1);
    expect((await allEvents(s)).filter((e) => e.type === 'top_ads.popup_shown')).toHaveLength(1);
  });
});

describe('TOP-06 / TOP-07 withdraw (idempotent) and status with the reason', () => {
  test('withdrawn once, event once; status says withdrawn; expired after the Top Ads period', async () => {
    const s = adsSetup();
    const ad = await published(s);
    expect((await s.topAds.withdraw(ref(ad))).unwrap()).toMatchObject({
      withdrawn: true,
      status: { status: 'NOT_IN_TOP_ADS', reason: 'withdrawn' },
    });
    expect((await s.topAds.withdraw(ref(ad))).unwrap().withdrawn).toBe(false);
    expect((await allEvents(s)).filter((e) => e.type === 'top_ads.withdrawn')).toHaveLength(1);
    const other = await published(s);
    s.clock.advance(180 * DAY_MS);
    expect((await s.topAds.status(ref(other))).unwrap()).toMatchObject({ status: 'NOT_IN_TOP_ADS', reason: 'expired' });
    expect((await s.topAds.withdraw({ adAccountId: 'adacc-2', adId: ad.id })).isErr()).toBe(true);
  });

  test('granting after a withdrawal clears it; withdrawing an ad without the option is a no-op', async () => {
    const s = adsSetup();
    const ad = await published(s);
    (await s.topAds.withdraw(ref(ad))).unwrap();
    const grant: AuthorizeCreativesInput = { adAccountId: 'adacc-1', adIds: [ad.id], source: 'ads_manager' };
    const [again] = (await s.topAds.authorize(grant)).unwrap();
    expect(again).toMatchObject({ status: 'IN_TOP_ADS' });
    const stored = await s.store.get(adsTable, ad.id);
    expect(stored?.assetAuthorization).toMatchObject({ authorized: true, source: 'ads_manager' });
    expect(stored?.assetAuthorization).not.toHaveProperty('withdrawnAt');
    const pangle = await published(s, { campaign: campaign({ placements: ['PANGLE'] }) });
    expect((await s.topAds.withdraw(ref(pangle))).unwrap().withdrawn).toBe(false);
  });

  test('X-03 authorizing several creatives is all or nothing, idempotent, one event per change', async () => {
    // Arrange
    const s = adsSetup();
    const a = await published(s, { assetAuthorization: false });
    const b = await published(s, { assetAuthorization: false });
    const done = await published(s);
    const spc = await published(s, { campaign: campaign({ campaignType: 'SMART_PERFORMANCE' }) });
    const pangle = await published(s, { campaign: campaign({ placements: ['PANGLE'] }) });
    const before = (await allEvents(s)).length;
    // Act + Assert: a missing ad or ads without the option refuse everything, listing every such ad.
    const missing = await s.topAds.authorize({ adAccountId: 'adacc-1', adIds: [a.id, 'ad_missing'] });
    expect(missing.isErr() && missing.error.code).toBe('not_found');
    const refused = await s.topAds.authorize({ adAccountId: 'adacc-1', adIds: [a.id, spc.id, pangle.id] });
    expect(codesOf(refused)).toEqual(['top_ads.campaign_type_not_eligible', 'top_ads.requires_tiktok_placement']);
    expect((await allEvents(s)).length).toBe(before);
    expect((await s.store.get(adsTable, a.id))?.assetAuthorization.authorized).toBe(false);
    // Act + Assert: granted to the two that needed it, the third already had it.
    const ok = (await s.topAds.authorize({ adAccountId: 'adacc-1', adIds: [a.id, b.id, done.id] })).unwrap();
    expect(ok.map((x) => [x.adId, x.status])).toEqual([
      [a.id, 'IN_TOP_ADS'],
      [b.id, 'IN_TOP_ADS'],
      [done.id, 'IN_TOP_ADS'],
    ]);
    const granted = (await allEvents(s)).slice(before).filter((e) => e.type === 'top_ads.authorized');
    expect(granted.map((e) => e.subject.id)).toEqual([a.id, b.id]);
    (await s.topAds.authorize({ adAccountId: 'adacc-1', adIds: [a.id, b.id] })).unwrap();
    expect((await allEvents(s)).slice(before)).toHaveLength(2);
  });

  test('X-03 concurrent grants and withdrawals of one creative: each change recorded once, none lost', async () => {
    const s = adsSetup();
    const ad = await published(s);
    const calls = Array.from({ length: 20 }, (_, i) =>
      i % 2 === 0 ? s.topAds.withdraw(ref(ad)) : s.topAds.authorize({ adAccountId: 'adacc-1', adIds: [ad.id] }),
    );
    await Promise.all(calls);
    const types = ['top_ads.withdrawn', 'top_ads.authorized'];
    const changes = (await allEvents(s)).filter((e) => types.includes(e.type));
    // Changes alternate, starting with a withdrawal; the stored value is the last one recorded.
    changes.forEach((e, i) => expect(e.type).toBe(i % 2 === 0 ? 'top_ads.withdrawn' : 'top_ads.authorized'));
    const last = changes.at(-1)?.type;
    expect((await s.store.get(adsTable, ad.id))?.assetAuthorization.authorized).toBe(last !== 'top_ads.withdrawn');
  });

  test('SPARK-10 a revocation racing a withdrawal keeps both: the ad is paused and withdrawn', async () => {
    for (const revokeFirst of [false, true]) {
      // Arrange: services over a store whose writes are slow, so unlocked read-modify-writes would interleave.
      const store = slowWrites(memoryStore());
      const clock = manualClock(T0);
      const random = seededRandom(7);
      const spark = createSparkCodes({ store, clock, random, codeSecret: SECRET });
      const ads = createAds({ store, clock, random });
      const topAds = createTopAds({ store, clock, random });
      const g = (await spark.generateCode({ creator: creator(), video: video(), periodDays: 30 })).unwrap();
      (await spark.confirmCode({ advertiser: advertiser(), code: g.code })).unwrap();
      const input: CreateAdInput = {
        adAccountId: 'adacc-1',
        name: 'Spark',
        campaign: campaign(),
        schedule: { startAt: T0 },
        identity: { type: 'AUTH_CODE', codeId: g.summary.id },
      };
      const ad = (await ads.createAd(input)).unwrap();
      (await ads.submit(ref(ad))).unwrap();
      (await ads.review({ ...ref(ad), approved: true })).unwrap();
      (await ads.start(ref(ad))).unwrap();
      // Act
      const withdraw = () => topAds.withdraw(ref(ad));
      const revoke = () => spark.revokeCode({ creatorId: 'creator-1', codeId: g.summary.id });
      const [x, y] = await Promise.all(revokeFirst ? [revoke(), withdraw()] : [withdraw(), revoke()]);
      // Assert
      expect(x.isOk() && y.isOk()).toBe(true);
      const stored = await store.get(adsTable, ad.id);
      expect(stored).toMatchObject({ status: 'PAUSED', statusReason: 'authorization_revoked' });
      expect(stored?.assetAuthorization).toMatchObject({ authorized: false });
    }
  });

  test('design §7 a withdrawal on a server whose clock is 5 s behind never records an earlier instant', async () => {
    const s = adsSetup();
    s.clock.advance(MINUTE_MS);
    const ad = await published(s);
    const behind = createTopAds({ store: s.store, clock: manualClock(new Date(s.clock.now().getTime() - 5_000)) });
    (await behind.withdraw(ref(ad))).unwrap();
    const stored = await s.store.get(adsTable, ad.id);
    expect(stored!.assetAuthorization.changedAt.getTime()).toBeGreaterThanOrEqual(stored!.statusChangedAt.getTime());
  });
});

describe('TOP-08 / TOP-09 display descriptors and the filtered query', () => {
  test('watermarked, not downloadable; filtered by region, industry and objective', async () => {
    const s = adsSetup();
    const us = await published(s, { regions: ['US'], industry: 'Beauty' });
    s.clock.advance(MINUTE_MS);
    const apps = campaign({ objective: 'APP_PROMOTION' });
    const fr = await published(s, { regions: ['FR'], industry: 'Games', campaign: apps });
    await published(s, { assetAuthorization: false });
    const ids = async (q?: TopAdsQueryInput) => (await s.topAds.listTopAds(q)).unwrap().map((d) => d.adId);
    const all = (await s.topAds.listTopAds()).unwrap();
    expect(all.map((d) => d.adId)).toEqual([us.id, fr.id]);
    expect(all[0]).toMatchObject({ watermarked: true, downloadable: false, regions: ['US'], industry: 'Beauty' });
    expect(all[0]).not.toHaveProperty('adAccountId');
    expect(await ids({ regions: ['FR'] })).toEqual([fr.id]);
    expect(await ids({ industries: ['Beauty'], objectives: ['VIDEO_VIEWS'] })).toEqual([us.id]);
    expect(await ids({ objectives: ['REACH'] })).toEqual([]);
    expect((await s.topAds.listTopAds({ regions: ['usa'] })).isErr()).toBe(true);
  });
});

describe('X-03 Top Ads bad input is refused with a validation error and nothing stored', () => {
  const evil = '{"adAccountId":"a","adId":"b","__proto__":{"x":1}}';
  test.each([
    ['popup without ad accounts', (s: Setup) => s.topAds.popup({ accountId: 'tt4b', adAccountIds: [] })],
    [
      'popup with an unknown key',
      (s: Setup) => s.topAds.popup(unchecked({ accountId: 't', adAccountIds: ['a'], extra: true })),
    ],
    ['authorize the same ad twice', (s: Setup) => s.topAds.authorize({ adAccountId: 'a', adIds: ['ad_1', 'ad_1'] })],
    ['authorize nothing', (s: Setup) => s.topAds.authorize({ adAccountId: 'adacc-1', adIds: [] })],
    ['withdraw with a __proto__ key', (s: Setup) => s.topAds.withdraw(JSON.parse(evil))],
    ['status at an invalid date', (s: Setup) => s.topAds.status({ adAccountId: 'a', adId: 'b', at: new Date('x') })],
    ['query with an unknown objective', (s: Setup) => s.topAds.listTopAds(unchecked({ objectives: ['FAME'] }))],
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

  test('createTopAds checks its options at creation', () => {
    expect(() => createTopAds({ store: {} as never })).toThrow(/createTopAds: store/);
  });
});
