import { describe, expect, test } from 'vitest';
import { DAY_MS, definePolicy, HOUR_MS } from '../index.js';
import { adsSetup, campaign, T0 } from '../../test/fixtures.js';

const codesOf = (r: { isErr(): boolean; error?: unknown }) =>
  r.isErr() ? ((r as { error: { violations?: { code: string }[] } }).error.violations ?? []).map((v) => v.code) : [];

describe('ADV-04 an AUTH_CODE ad runs a post of the ad account\'s Spark Ads library', () => {
  test('a confirmed post can be used; the ad snapshots the code\'s video and expiry', async () => {
    const s = adsSetup();
    const c = await s.confirmedCode();
    const ad = (await s.ads.createAd(s.adInput(c.codeId))).unwrap();
    expect(ad.status).toBe('DRAFT');
    expect(ad.authorization).toMatchObject({ codeId: c.codeId, creatorId: c.creatorId, expiresAt: c.expiresAt });
    expect(ad.videoId).toBe(ad.authorization?.videoId);
  });

  test('a code not confirmed by this ad account is refused (ads.post_not_in_library), nothing stored', async () => {
    const s = adsSetup();
    const c = await s.confirmedCode(['adacc-other']);
    const r = await s.ads.createAd(s.adInput(c.codeId));
    expect(codesOf(r)).toEqual(['ads.post_not_in_library']);
    expect((await s.ads.listAds('adacc-1')).unwrap()).toHaveLength(0);
  });

  test('TT_USER and CUSTOMIZED_USER need no authorization', async () => {
    const s = adsSetup();
    for (const type of ['TT_USER', 'CUSTOMIZED_USER']) {
      const ad = (await s.ads.createAd(s.adInput('x', { identity: { type, identityId: 'brand' }, videoId: 'v-own' }))).unwrap();
      (await s.ads.submit({ adAccountId: 'adacc-1', adId: ad.id })).unwrap();
    }
  });

  test('ASSET-08 a BC_AUTH_TT identity the caller says is unavailable cannot be submitted', async () => {
    const s = adsSetup();
    const ad = (await s.ads.createAd(s.adInput('x', { identity: { type: 'BC_AUTH_TT', identityId: 'tt-9', available: true } }))).unwrap();
    (await s.ads.submit({ adAccountId: 'adacc-1', adId: ad.id })).unwrap();
    const blocked = await s.ads.createAd(s.adInput('x', { identity: { type: 'BC_AUTH_TT', identityId: 'tt-9', available: false } }));
    expect(codesOf(blocked)).toEqual(['ads.identity_unavailable']);
  });
});

describe('ADV-05 the ad lifecycle: draft → in review → approved/rejected → running → paused/stopped', () => {
  test('the happy path with one event per change', async () => {
    const s = adsSetup();
    const c = await s.confirmedCode();
    const ad = (await s.ads.createAd(s.adInput(c.codeId))).unwrap();
    const ref = { adAccountId: 'adacc-1', adId: ad.id };
    expect((await s.ads.submit(ref)).unwrap().status).toBe('IN_REVIEW');
    expect((await s.ads.review({ ...ref, approved: true })).unwrap().status).toBe('APPROVED');
    const running = (await s.ads.start(ref)).unwrap();
    expect(running.status).toBe('RUNNING');
    expect(running.firstRunningAt).toEqual(T0);
    expect((await s.ads.pause(ref)).unwrap()).toMatchObject({ status: 'PAUSED', statusReason: 'advertiser' });
    expect((await s.ads.resume(ref)).unwrap().status).toBe('RUNNING');
    expect((await s.ads.stop(ref)).unwrap()).toMatchObject({ status: 'STOPPED', statusReason: 'advertiser' });
    const types = (await s.store.readEvents({ after: 0, limit: 100 })).filter((e) => e.subject.id === ad.id).map((e) => e.type);
    expect(types).toEqual(['ads.created', 'ads.submitted', 'ads.approved', 'ads.started', 'ads.paused', 'ads.resumed', 'ads.stopped']);
  });

  test('a rejected ad can be submitted again; wrong-status actions are refused with ads.wrong_status', async () => {
    const s = adsSetup();
    const c = await s.confirmedCode();
    const ad = (await s.ads.createAd(s.adInput(c.codeId))).unwrap();
    const ref = { adAccountId: 'adacc-1', adId: ad.id };
    expect(codesOf(await s.ads.start(ref))).toEqual(['ads.wrong_status']);
    (await s.ads.submit(ref)).unwrap();
    expect((await s.ads.review({ ...ref, approved: false })).unwrap().status).toBe('REJECTED');
    expect((await s.ads.submit(ref)).unwrap().status).toBe('IN_REVIEW');
  });

  test('another ad account\'s ad is not found', async () => {
    const s = adsSetup();
    const c = await s.confirmedCode();
    const ad = (await s.ads.createAd(s.adInput(c.codeId))).unwrap();
    const r = await s.ads.submit({ adAccountId: 'adacc-2', adId: ad.id });
    expect(r.isErr() && r.error.code).toBe('not_found');
  });
});

describe('SPARK-10 / ADV-06 revoking a code pauses every active ad using its post in the same step', () => {
  test('running and approved ads of every ad account are paused, one event each, right after the revocation event', async () => {
    const s = adsSetup();
    const c = await s.confirmedCode(['adacc-1', 'adacc-2']);
    const a1 = await s.runningAd(c.codeId);
    const a2 = await s.runningAd(c.codeId, { adAccountId: 'adacc-2' });
    const draft = (await s.ads.createAd(s.adInput(c.codeId))).unwrap();
    const before = (await s.store.readEvents({ after: 0, limit: 1000 })).length;
    const r = (await s.spark.revokeCode({ creatorId: c.creatorId, codeId: c.codeId })).unwrap();
    expect(r.revoked).toBe(true);
    expect(r.pausedAds.map((a) => a.id).sort()).toEqual([a1.id, a2.id].sort());
    const events = await s.store.readEvents({ after: before, limit: 100 });
    expect(events.map((e) => e.type)).toEqual(['spark.code_revoked', 'ads.paused', 'ads.paused']);
    expect(events[1]!.data).toMatchObject({ reason: 'authorization_revoked', from: 'RUNNING', to: 'PAUSED' });
    expect((await s.ads.getAd({ adAccountId: 'adacc-1', adId: a1.id })).unwrap()).toMatchObject({ status: 'PAUSED', statusReason: 'authorization_revoked' });
    expect((await s.ads.getAd({ adAccountId: 'adacc-1', adId: draft.id })).unwrap().status).toBe('DRAFT');
  });

  test('a paused ad cannot resume, and a draft cannot be submitted, once the code is revoked', async () => {
    const s = adsSetup();
    const c = await s.confirmedCode();
    const a = await s.runningAd(c.codeId);
    const draft = (await s.ads.createAd(s.adInput(c.codeId))).unwrap();
    s.clock.advance(HOUR_MS);
    (await s.spark.revokeCode({ creatorId: c.creatorId, codeId: c.codeId })).unwrap();
    expect(codesOf(await s.ads.resume({ adAccountId: 'adacc-1', adId: a.id }))).toEqual(['ads.authorization_revoked']);
    expect(codesOf(await s.ads.submit({ adAccountId: 'adacc-1', adId: draft.id }))).toEqual(['ads.authorization_revoked']);
    expect(codesOf(await s.ads.createAd(s.adInput(c.codeId)))).toEqual(['ads.authorization_revoked']);
  });

  test('revoking again is a no-op that pauses nothing', async () => {
    const s = adsSetup();
    const c = await s.confirmedCode();
    await s.runningAd(c.codeId);
    (await s.spark.revokeCode({ creatorId: c.creatorId, codeId: c.codeId })).unwrap();
    const again = (await s.spark.revokeCode({ creatorId: c.creatorId, codeId: c.codeId })).unwrap();
    expect(again).toMatchObject({ revoked: false, pausedAds: [] });
  });
});

describe('SPARK-10 revocation mode block-while-in-use (Business API) refuses with the ads in the way', () => {
  test('refused while an ad uses the post, allowed once they are stopped; nothing written when refused', async () => {
    const s = adsSetup({ policy: definePolicy({ revocationMode: 'block-while-in-use' }).unwrap() });
    const c = await s.confirmedCode();
    const a = await s.runningAd(c.codeId);
    const before = (await s.store.readEvents({ after: 0, limit: 1000 })).length;
    const r = await s.spark.revokeCode({ creatorId: c.creatorId, codeId: c.codeId });
    expect(r.isErr() && r.error.code === 'denied' && r.error.violations[0]).toMatchObject({ rule: 'SPARK-10', code: 'spark.code_in_use_by_ads', details: { adIds: [a.id] } });
    expect((await s.store.readEvents({ after: 0, limit: 1000 })).length).toBe(before);
    expect((await s.spark.codeStatus({ codeId: c.codeId })).unwrap().status).toBe('IN_USE');
    (await s.ads.stop({ adAccountId: 'adacc-1', adId: a.id })).unwrap();
    expect((await s.spark.revokeCode({ creatorId: c.creatorId, codeId: c.codeId })).unwrap().revoked).toBe(true);
  });
});

describe('SPARK-11 / ADV-06 an expired authorization stops its ads', () => {
  test('the ad reads as stopped from the expiry instant, before the sweep; the sweep records it once', async () => {
    const s = adsSetup();
    const c = await s.confirmedCode(['adacc-1'], 7);
    const a = await s.runningAd(c.codeId);
    s.clock.set(new Date(c.expiresAt.getTime() - 1));
    expect((await s.ads.getAd({ adAccountId: 'adacc-1', adId: a.id })).unwrap().status).toBe('RUNNING');
    s.clock.set(c.expiresAt);
    const derived = (await s.ads.getAd({ adAccountId: 'adacc-1', adId: a.id })).unwrap();
    expect(derived).toMatchObject({ status: 'STOPPED', statusReason: 'authorization_expired', statusChangedAt: c.expiresAt, derived: true });
    expect(codesOf(await s.ads.pause({ adAccountId: 'adacc-1', adId: a.id }))).toEqual(['ads.wrong_status']);
    s.clock.advance(DAY_MS);
    const swept = (await s.ads.expireDue()).unwrap();
    expect(swept.codes.map((x) => x.id)).toEqual([c.codeId]);
    expect(swept.stoppedAds.map((x) => [x.id, x.status, x.statusReason])).toEqual([[a.id, 'STOPPED', 'authorization_expired']]);
    expect((await s.ads.expireDue()).unwrap()).toEqual({ codes: [], stoppedAds: [] });
    const stopped = (await s.store.readEvents({ after: 0, limit: 1000 })).filter((e) => e.type === 'ads.stopped');
    expect(stopped).toHaveLength(1);
    expect(stopped[0]!.data).toMatchObject({ reason: 'authorization_expired', effectiveAt: c.expiresAt });
  });

  test('the Spark service\'s own sweep stops the ads too; a revoked-then-expired ad is stopped as well', async () => {
    const s = adsSetup();
    const c = await s.confirmedCode(['adacc-1'], 7);
    const a = await s.runningAd(c.codeId);
    (await s.spark.revokeCode({ creatorId: c.creatorId, codeId: c.codeId })).unwrap();
    s.clock.set(c.expiresAt);
    (await s.spark.expireDue()).unwrap();
    expect((await s.store.getAd(a.id as never))?.status).toBe('STOPPED');
  });

  test('resume and submit after expiry are refused with ads.authorization_expired', async () => {
    const s = adsSetup();
    const c = await s.confirmedCode(['adacc-1'], 7);
    const draft = (await s.ads.createAd(s.adInput(c.codeId))).unwrap();
    s.clock.set(c.expiresAt);
    expect(codesOf(await s.ads.submit({ adAccountId: 'adacc-1', adId: draft.id }))).toEqual(['ads.authorization_expired']);
  });
});

describe('ADV-06 forecast: ads scheduled past their authorization, before launch', () => {
  test('lists ads whose schedule runs past expiry and those expiring within the window, soonest first', async () => {
    const s = adsSetup();
    const short = await s.confirmedCode(['adacc-1'], 7);
    const long = await s.confirmedCode(['adacc-1'], 60);
    const past = (await s.ads.createAd(s.adInput(short.codeId, { name: 'past', schedule: { startAt: T0, endAt: new Date(T0.getTime() + 14 * DAY_MS) } }))).unwrap();
    const fits = (await s.ads.createAd(s.adInput(long.codeId, { name: 'fits', schedule: { startAt: T0, endAt: new Date(T0.getTime() + 10 * DAY_MS) } }))).unwrap();
    const open = (await s.ads.createAd(s.adInput(long.codeId, { name: 'open' }))).unwrap();
    const f = (await s.ads.forecast({ adAccountId: 'adacc-1', withinMs: 7 * DAY_MS })).unwrap();
    expect(f.map((x) => x.adId)).toEqual([past.id, open.id]);
    expect(f[0]).toMatchObject({ stopsAt: short.expiresAt, runsPastAuthorization: true, expiresWithinWindow: false, lostMs: 7 * DAY_MS });
    expect(f[1]).toMatchObject({ stopsAt: long.expiresAt, runsPastAuthorization: true });
    expect(f[1]!.lostMs).toBeUndefined();
    const wide = (await s.ads.forecast({ adAccountId: 'adacc-1', withinMs: 61 * DAY_MS })).unwrap();
    expect(wide.find((x) => x.adId === fits.id)).toMatchObject({ runsPastAuthorization: false, expiresWithinWindow: true });
    expect((await s.ads.forecast({ adAccountId: 'adacc-1', adId: past.id })).unwrap().map((x) => x.adId)).toEqual([past.id]);
  });
});

describe('ADV-04 platform limits (configurable): Spark Ads per ad account, ads per identity', () => {
  test('the limit is enforced and reported; stopping an ad frees a slot; CUSTOMIZED_USER ads are not Spark Ads', async () => {
    const s = adsSetup({ policy: definePolicy({ maxSparkAdsPerAdAccount: 2, maxAdsPerIdentity: 2 }).unwrap() });
    const c = await s.confirmedCode();
    const a = (await s.ads.createAd(s.adInput(c.codeId))).unwrap();
    (await s.ads.createAd(s.adInput(c.codeId))).unwrap();
    expect(codesOf(await s.ads.createAd(s.adInput(c.codeId)))).toEqual(['ads.spark_ads_limit_reached', 'ads.identity_limit_reached']);
    (await s.ads.createAd(s.adInput('x', { identity: { type: 'CUSTOMIZED_USER', identityId: 'brand' } }))).unwrap();
    (await s.ads.submit({ adAccountId: 'adacc-1', adId: a.id })).unwrap();
    (await s.ads.review({ adAccountId: 'adacc-1', adId: a.id, approved: true })).unwrap();
    (await s.ads.stop({ adAccountId: 'adacc-1', adId: a.id })).unwrap();
    (await s.ads.createAd(s.adInput(c.codeId))).unwrap();
  });
});

describe('X-01 every violation at once; X-03 bad input is refused and nothing stored', () => {
  test('not in library + Top Ads option on a Pangle-only SPC campaign: three violations', async () => {
    const s = adsSetup();
    const c = await s.confirmedCode(['adacc-2']);
    const r = await s.ads.createAd(s.adInput(c.codeId, { campaign: campaign({ placements: ['PANGLE'], campaignType: 'SMART_PERFORMANCE' }), assetAuthorization: true }));
    expect(codesOf(r).sort()).toEqual(['ads.post_not_in_library', 'top_ads.campaign_type_not_eligible', 'top_ads.requires_tiktok_placement']);
  });

  test.each([
    ['unknown key', { extra: 1 }],
    ['end before start', { schedule: { startAt: T0, endAt: new Date(T0.getTime() - 1) } }],
    ['invalid date', { schedule: { startAt: new Date('nope') } }],
    ['huge name', { name: 'x'.repeat(10_000) }],
    ['no placement', { campaign: campaign({ placements: [] }) }],
    ['unknown identity type', { identity: { type: 'SOMEONE', identityId: 'a' } }],
    ['bad region', { regions: ['usa'] }],
  ])('%s → validation error naming the field', async (_name, over) => {
    const s = adsSetup();
    const c = await s.confirmedCode();
    const before = (await s.store.readEvents({ after: 0, limit: 1000 })).length;
    const r = await s.ads.createAd(s.adInput(c.codeId, over));
    expect(r.isErr() && r.error.code).toBe('validation');
    expect((await s.store.readEvents({ after: 0, limit: 1000 })).length).toBe(before);
  });

  test('__proto__ keys and non-objects are refused', async () => {
    const s = adsSetup();
    const c = await s.confirmedCode();
    const evil = JSON.parse(`{"adAccountId":"adacc-1","adId":"ad_1","__proto__":{"x":1}}`);
    expect((await s.ads.submit(evil)).isErr()).toBe(true);
    expect((await s.ads.createAd(null)).isErr()).toBe(true);
    expect((await s.ads.forecast({ adAccountId: 'adacc-1', withinMs: -1 })).isErr()).toBe(true);
    expect((await s.ads.expireDue({ limit: 0 })).isErr()).toBe(true);
    expect((await s.ads.listAds(42)).isErr()).toBe(true);
    void c;
  });
});
