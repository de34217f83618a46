import { describe, expect, test } from 'vitest';
import { adsSetup, campaign } from '../../test/fixtures.js';
import { adsTable } from '../storage/tables.js';
import { WITHDRAWAL_CONFIRMATION_MS } from './top-ads.service.js';

type Setup = ReturnType<typeof adsSetup>;

/** A running TT_USER ad of adacc-1 whose Top Ads authorization is granted (offered unless `offered: false`). */
async function authorizedAd(s: Setup, offered = true) {
  const created = (
    await s.ads.createAd({
      adAccountId: 'adacc-1',
      name: 'Creative',
      campaign: offered ? campaign() : campaign({ placements: ['PANGLE'] }),
      schedule: { startAt: s.clock.now() },
      identity: { type: 'TT_USER', identityId: 'brand' },
      videoId: 'v-1',
      regions: ['US'],
      industry: 'Beauty',
    })
  ).unwrap();
  const ref = { adAccountId: created.adAccountId, adId: created.id };
  (await s.ads.submit(ref)).unwrap();
  (await s.ads.review({ ...ref, approved: true })).unwrap();
  return (await s.ads.start(ref)).unwrap();
}

const violationCodes = (r: { isErr(): boolean; error?: unknown }) =>
  r.isErr() ? ((r.error as { violations?: { code: string }[] }).violations ?? []).map((v) => v.code) : [];
const withdrawnEvents = async (s: Setup) =>
  (await s.store.readEvents({ after: 0, limit: 10_000 })).filter((e) => e.type === 'top_ads.withdrawn');

describe('BAT-01 Top Ads: withdraw selected creatives in one call after a confirmation step', () => {
  test('prepare lists the ads with their state and withdraws nothing; confirm withdraws each once', async () => {
    const s = adsSetup();
    const a = await authorizedAd(s);
    const b = await authorizedAd(s);
    const c = await authorizedAd(s, false);
    const prepared = (await s.topAds.prepareWithdrawal({ adAccountId: 'adacc-1', adIds: [a.id, b.id, c.id] })).unwrap();
    expect(prepared.ads.map((x) => [x.adId, x.status])).toEqual([
      [a.id, 'IN_TOP_ADS'],
      [b.id, 'IN_TOP_ADS'],
      [c.id, 'NOT_IN_TOP_ADS'],
    ]);
    expect(prepared.expiresAt.getTime() - s.clock.now().getTime()).toBe(WITHDRAWAL_CONFIRMATION_MS);
    expect((await s.store.get(adsTable, a.id))?.assetAuthorization.authorized).toBe(true);
    expect(await withdrawnEvents(s)).toHaveLength(0);

    const confirm = { adAccountId: 'adacc-1', confirmationId: prepared.id };
    const results = (await s.topAds.confirmWithdrawal(confirm)).unwrap();
    expect(results.map((r) => [r.adId, r.result])).toEqual([
      [a.id, 'withdrawn'],
      [b.id, 'withdrawn'],
      [c.id, 'not_authorized'],
    ]);
    expect((await s.store.get(adsTable, a.id))?.assetAuthorization.authorized).toBe(false);
    // Once: a second confirmation returns the recorded results and withdraws nothing again.
    const again = (await s.topAds.confirmWithdrawal(confirm)).unwrap();
    expect(again.map((r) => [r.adId, r.result, r.replayed])).toEqual([
      [a.id, 'withdrawn', true],
      [b.id, 'withdrawn', true],
      [c.id, 'not_authorized', true],
    ]);
    expect(await withdrawnEvents(s)).toHaveLength(2);
  });

  test('concurrent confirmations withdraw each creative once', async () => {
    const s = adsSetup();
    const ads = [await authorizedAd(s), await authorizedAd(s), await authorizedAd(s)];
    const prepared = (
      await s.topAds.prepareWithdrawal({ adAccountId: 'adacc-1', adIds: ads.map((x) => x.id) })
    ).unwrap();
    const confirm = { adAccountId: 'adacc-1', confirmationId: prepared.id };
    const runs = await Promise.all([1, 2, 3].map(() => s.topAds.confirmWithdrawal(confirm)));
    for (const r of runs) expect(r.unwrap().map((x) => x.result)).toEqual(['withdrawn', 'withdrawn', 'withdrawn']);
    expect(await withdrawnEvents(s)).toHaveLength(3);
  });

  test('unknown, expired or another account’s confirmation: denied batch.not_confirmed', async () => {
    const s = adsSetup();
    const a = await authorizedAd(s);
    const prepared = (await s.topAds.prepareWithdrawal({ adAccountId: 'adacc-1', adIds: [a.id] })).unwrap();
    const unknown = await s.topAds.confirmWithdrawal({ adAccountId: 'adacc-1', confirmationId: 'wdc_nope' });
    expect(violationCodes(unknown)).toEqual(['batch.not_confirmed']);
    const foreign = await s.topAds.confirmWithdrawal({ adAccountId: 'adacc-2', confirmationId: prepared.id });
    expect(violationCodes(foreign)).toEqual(['batch.not_confirmed']);
    s.clock.advance(WITHDRAWAL_CONFIRMATION_MS);
    const expired = await s.topAds.confirmWithdrawal({ adAccountId: 'adacc-1', confirmationId: prepared.id });
    expect(violationCodes(expired)).toEqual(['batch.not_confirmed']);
    expect((await s.store.get(adsTable, a.id))?.assetAuthorization.authorized).toBe(true);
  });

  test('preparing with a missing or another account’s ad is not found, nothing stored', async () => {
    const s = adsSetup();
    const a = await authorizedAd(s);
    const r = await s.topAds.prepareWithdrawal({ adAccountId: 'adacc-1', adIds: [a.id, 'ad_missing'] });
    expect(r.isErr() && r.error.code).toBe('not_found');
    const foreign = await s.topAds.prepareWithdrawal({ adAccountId: 'adacc-2', adIds: [a.id] });
    expect(foreign.isErr() && foreign.error.code).toBe('not_found');
  });
});
