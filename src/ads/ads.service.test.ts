import { describe, expect, test } from 'vitest';
import { createAds, DAY_MS, definePolicy, HOUR_MS, manualClock } from '../index.js';
import type { AdView } from '../model.js';
import { adsTable } from '../storage/tables.js';
import { adsSetup, campaign, T0 } from '../../test/fixtures.js';

/** Bad input on purpose: what a JavaScript caller (or a cast) can pass; the types would refuse it. */
const unchecked = (input: unknown) => input as never;
const codesOf = (r: { isErr(): boolean; error?: unknown }) =>
  r.isErr() ? ((r as { error: { violations?: { code: string }[] } }).error.violations ?? []).map((v) => v.code) : [];
const ref = (ad: Pick<AdView, 'adAccountId' | 'id'>) => ({ adAccountId: ad.adAccountId, adId: ad.id });
const allEvents = async (s: ReturnType<typeof adsSetup>) => s.store.readEvents({ after: 0, limit: 10_000 });

describe("ADV-04 an AUTH_CODE ad runs a post of the ad account's Spark Ads library", () => {
  test("a confirmed post can be used; the ad snapshots the code's video and expiry", async () => {
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

  test('an unknown code is refused like a post not in the library', async () => {
    const s = adsSetup();
    expect(codesOf(await s.ads.createAd(s.adInput('code_unknown')))).toEqual(['ads.post_not_in_library']);
  });

  test('TT_USER and CUSTOMIZED_USER need no authorization', async () => {
    const s = adsSetup();
    for (const type of ['TT_USER', 'CUSTOMIZED_USER']) {
      const input = s.adInput('x', { identity: { type, identityId: 'brand' }, videoId: 'v-own' });
      const ad = (await s.ads.createAd(input)).unwrap();
      (await s.ads.submit(ref(ad))).unwrap();
    }
  });

  test('ASSET-08 LIFE-02 a BC_AUTH_TT account with no link in the records is unavailable; no flag', async () => {
    const s = adsSetup();
    const blocked = await s.ads.createAd(s.adInput('x', { identity: { type: 'BC_AUTH_TT', identityId: 'tt-9' } }));
    expect(codesOf(blocked)).toEqual(['ads.identity_unavailable']);
    const flagged = { type: 'BC_AUTH_TT', identityId: 'tt-9', available: true };
    expect((await s.ads.createAd(s.adInput('x', { identity: flagged }))).isErr()).toBe(true);
  });
});

describe('ADV-05 the ad lifecycle: draft → in review → approved/rejected → running → paused/stopped', () => {
  test('the happy path with one event per change', async () => {
    const s = adsSetup();
    const c = await s.confirmedCode();
    const ad = (await s.ads.createAd(s.adInput(c.codeId))).unwrap();
    expect((await s.ads.submit(ref(ad))).unwrap().status).toBe('IN_REVIEW');
    expect((await s.ads.review({ ...ref(ad), approved: true })).unwrap().status).toBe('APPROVED');
    const running = (await s.ads.start(ref(ad))).unwrap();
    expect(running.status).toBe('RUNNING');
    expect(running.firstRunningAt).toEqual(T0);
    expect((await s.ads.pause(ref(ad))).unwrap()).toMatchObject({ status: 'PAUSED', statusReason: 'advertiser' });
    expect((await s.ads.resume(ref(ad))).unwrap().status).toBe('RUNNING');
    expect((await s.ads.stop(ref(ad))).unwrap()).toMatchObject({ status: 'STOPPED', statusReason: 'advertiser' });
    const types = (await allEvents(s)).filter((e) => e.subject.id === ad.id).map((e) => e.type);
    expect(types).toEqual([
      'ads.created',
      'ads.submitted',
      'ads.approved',
      'ads.started',
      'ads.paused',
      'ads.resumed',
      'ads.stopped',
    ]);
  });

  test('a rejected ad can be submitted again; wrong-status actions are refused with ads.wrong_status', async () => {
    const s = adsSetup();
    const c = await s.confirmedCode();
    const ad = (await s.ads.createAd(s.adInput(c.codeId))).unwrap();
    expect(codesOf(await s.ads.start(ref(ad)))).toEqual(['ads.wrong_status']);
    (await s.ads.submit(ref(ad))).unwrap();
    expect((await s.ads.review({ ...ref(ad), approved: false })).unwrap().status).toBe('REJECTED');
    expect((await s.ads.submit(ref(ad))).unwrap().status).toBe('IN_REVIEW');
  });

  test('an ad whose schedule has ended is not created (ADV-05 ads.schedule_ended), nothing written', async () => {
    const s = adsSetup();
    const c = await s.confirmedCode();
    const before = (await allEvents(s)).length;
    const ended = { startAt: new Date(T0.getTime() - 90 * DAY_MS), endAt: new Date(T0.getTime() - 60 * DAY_MS) };
    const r = await s.ads.createAd(s.adInput(c.codeId, { schedule: ended }));
    expect(codesOf(r)).toEqual(['ads.schedule_ended']);
    expect(r.isErr() && r.error.code === 'denied' && r.error.violations[0].rule).toBe('ADV-05');
    expect((await allEvents(s)).length).toBe(before);
    expect((await s.ads.listAds('adacc-1')).unwrap()).toHaveLength(0);
    // The end is exclusive: a schedule ending exactly now has ended.
    const endsNow = { startAt: new Date(T0.getTime() - DAY_MS), endAt: T0 };
    expect(codesOf(await s.ads.createAd(s.adInput(c.codeId, { schedule: endsNow })))).toEqual(['ads.schedule_ended']);
    const endsLater = { startAt: T0, endAt: new Date(T0.getTime() + DAY_MS) };
    expect((await s.ads.createAd(s.adInput(c.codeId, { schedule: endsLater }))).isOk()).toBe(true);
  });

  test('an ad whose schedule ended since it was created cannot be submitted, started or resumed (ADV-05)', async () => {
    const s = adsSetup();
    const c = await s.confirmedCode();
    const schedule = { startAt: T0, endAt: new Date(T0.getTime() + 2 * DAY_MS) };
    const draft = (await s.ads.createAd(s.adInput(c.codeId, { schedule }))).unwrap();
    const approved = (await s.ads.createAd(s.adInput(c.codeId, { schedule }))).unwrap();
    (await s.ads.submit(ref(approved))).unwrap();
    (await s.ads.review({ ...ref(approved), approved: true })).unwrap();
    const paused = (await s.ads.createAd(s.adInput(c.codeId, { schedule }))).unwrap();
    for (const step of ['submit', 'approve', 'start', 'pause'] as const) {
      (step === 'approve'
        ? await s.ads.review({ ...ref(paused), approved: true })
        : await s.ads[step](ref(paused))
      ).unwrap();
    }
    s.clock.advance(3 * DAY_MS);
    expect(codesOf(await s.ads.submit(ref(draft)))).toEqual(['ads.schedule_ended']);
    expect(codesOf(await s.ads.start(ref(approved)))).toEqual(['ads.schedule_ended']);
    expect(codesOf(await s.ads.resume(ref(paused)))).toEqual(['ads.schedule_ended']);
    // Stopping is still allowed.
    expect((await s.ads.stop(ref(paused))).unwrap().status).toBe('STOPPED');
  });

  test("another ad account's ad is not found, and nothing is written", async () => {
    const s = adsSetup();
    const c = await s.confirmedCode();
    const ad = (await s.ads.createAd(s.adInput(c.codeId))).unwrap();
    const before = (await allEvents(s)).length;
    const r = await s.ads.submit({ adAccountId: 'adacc-2', adId: ad.id });
    expect(r.isErr() && r.error.code).toBe('not_found');
    expect((await s.ads.getAd({ adAccountId: 'adacc-2', adId: ad.id })).isErr()).toBe(true);
    expect((await allEvents(s)).length).toBe(before);
  });
});

describe('SPARK-10 / ADV-06 revoking a code pauses every active ad using its post in the same step', () => {
  test('running and approved ads of every ad account are paused, one event each, after the revocation', async () => {
    const s = adsSetup();
    const c = await s.confirmedCode(['adacc-1', 'adacc-2']);
    const a1 = await s.runningAd(c.codeId);
    const a2 = await s.runningAd(c.codeId, { adAccountId: 'adacc-2' });
    const draft = (await s.ads.createAd(s.adInput(c.codeId))).unwrap();
    const before = (await allEvents(s)).length;
    const r = (await s.spark.revokeCode({ creatorId: c.creatorId, codeId: c.codeId })).unwrap();
    expect(r.revoked).toBe(true);
    expect(r.pausedAds.map((a) => a.id).sort()).toEqual([a1.id, a2.id].sort());
    const events = await s.store.readEvents({ after: before, limit: 100 });
    expect(events.map((e) => e.type)).toEqual(['spark.code_revoked', 'ads.paused', 'ads.paused']);
    expect(events[1]!.data).toMatchObject({ reason: 'authorization_revoked', from: 'RUNNING', to: 'PAUSED' });
    const pausedAd = (await s.ads.getAd(ref(a1))).unwrap();
    expect(pausedAd).toMatchObject({ status: 'PAUSED', statusReason: 'authorization_revoked' });
    expect((await s.ads.getAd(ref(draft))).unwrap().status).toBe('DRAFT');
  });

  test('a paused ad cannot resume, and a draft cannot be submitted, once the code is revoked', async () => {
    const s = adsSetup();
    const c = await s.confirmedCode();
    const a = await s.runningAd(c.codeId);
    const draft = (await s.ads.createAd(s.adInput(c.codeId))).unwrap();
    s.clock.advance(HOUR_MS);
    (await s.spark.revokeCode({ creatorId: c.creatorId, codeId: c.codeId })).unwrap();
    expect(codesOf(await s.ads.resume(ref(a)))).toEqual(['ads.authorization_revoked']);
    expect(codesOf(await s.ads.submit(ref(draft)))).toEqual(['ads.authorization_revoked']);
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

  test('a revocation racing resumes of paused ads leaves no ad RUNNING on the revoked code', async () => {
    for (let position = 0; position <= 8; position += 2) {
      // Arrange: eight ads of one code, paused by the advertiser.
      const s = adsSetup({ seed: 10 + position });
      const c = await s.confirmedCode(['adacc-1', 'adacc-2']);
      const paused: AdView[] = [];
      for (let i = 0; i < 8; i++) {
        const ad = await s.runningAd(c.codeId, { adAccountId: i % 2 === 0 ? 'adacc-1' : 'adacc-2' });
        paused.push((await s.ads.pause(ref(ad))).unwrap());
      }
      // Act: the resumes and the revocation all at once, the revocation at a different place each round.
      const resumes = paused.map((ad) => s.ads.resume(ref(ad)));
      const revoke = s.spark.revokeCode({ creatorId: c.creatorId, codeId: c.codeId });
      const calls: Promise<unknown>[] = [...resumes];
      calls.splice(position, 0, revoke);
      await Promise.all(calls);
      // Assert: the code is revoked and every ad is paused (by the advertiser or by the revocation).
      expect((await revoke).unwrap().revoked).toBe(true);
      for (const ad of paused) {
        const now = (await s.ads.getAd(ref(ad))).unwrap();
        expect(now.status).toBe('PAUSED');
      }
      for (const r of await Promise.all(resumes)) {
        if (r.isErr()) expect(codesOf(r)).toEqual(['ads.authorization_revoked']);
      }
    }
  });
});

describe('SPARK-10 revocation mode block-while-in-use (Business API) refuses with the ads in the way', () => {
  test('refused while an ad uses the post, allowed once they are stopped; nothing written when refused', async () => {
    const s = adsSetup({ policy: definePolicy({ revocationMode: 'block-while-in-use' }).unwrap() });
    const c = await s.confirmedCode();
    const a = await s.runningAd(c.codeId);
    const before = (await allEvents(s)).length;
    const r = await s.spark.revokeCode({ creatorId: c.creatorId, codeId: c.codeId });
    expect(r.isErr() && r.error.code === 'denied' && r.error.violations[0]).toMatchObject({
      rule: 'SPARK-10',
      code: 'spark.code_in_use_by_ads',
      details: { adIds: [a.id] },
    });
    expect((await allEvents(s)).length).toBe(before);
    expect((await s.spark.codeStatus({ codeId: c.codeId })).unwrap().status).toBe('IN_USE');
    (await s.ads.stop(ref(a))).unwrap();
    expect((await s.spark.revokeCode({ creatorId: c.creatorId, codeId: c.codeId })).unwrap().revoked).toBe(true);
  });
});

describe('SPARK-11 / ADV-06 an expired authorization stops its ads', () => {
  test('the ad reads as stopped from the expiry instant, before the sweep; the sweep records it once', async () => {
    const s = adsSetup();
    const c = await s.confirmedCode(['adacc-1'], 7);
    const a = await s.runningAd(c.codeId);
    s.clock.set(new Date(c.expiresAt.getTime() - 1));
    expect((await s.ads.getAd(ref(a))).unwrap().status).toBe('RUNNING');
    s.clock.set(c.expiresAt);
    const derived = (await s.ads.getAd(ref(a))).unwrap();
    expect(derived).toMatchObject({
      status: 'STOPPED',
      statusReason: 'authorization_expired',
      statusChangedAt: c.expiresAt,
      derived: true,
    });
    expect(codesOf(await s.ads.pause(ref(a)))).toEqual(['ads.wrong_status']);
    s.clock.advance(DAY_MS);
    const swept = (await s.spark.expireDue()).unwrap();
    expect(swept.codes.map((x) => x.id)).toEqual([c.codeId]);
    expect(swept.stoppedAds.map((x) => [x.id, x.status, x.statusReason])).toEqual([
      [a.id, 'STOPPED', 'authorization_expired'],
    ]);
    expect((await s.spark.expireDue()).unwrap()).toEqual({ codes: [], stoppedAds: [] });
    const stopped = (await allEvents(s)).filter((e) => e.type === 'ads.stopped');
    expect(stopped).toHaveLength(1);
    expect(stopped[0]!.data).toMatchObject({ reason: 'authorization_expired', effectiveAt: c.expiresAt });
  });

  test("the Spark service's sweep stops a revoked-then-expired ad as well", async () => {
    const s = adsSetup();
    const c = await s.confirmedCode(['adacc-1'], 7);
    const a = await s.runningAd(c.codeId);
    (await s.spark.revokeCode({ creatorId: c.creatorId, codeId: c.codeId })).unwrap();
    s.clock.set(c.expiresAt);
    (await s.spark.expireDue()).unwrap();
    expect((await s.store.get(adsTable, a.id))?.status).toBe('STOPPED');
  });

  test('resume and submit after expiry are refused with ads.authorization_expired', async () => {
    const s = adsSetup();
    const c = await s.confirmedCode(['adacc-1'], 7);
    const draft = (await s.ads.createAd(s.adInput(c.codeId))).unwrap();
    s.clock.set(c.expiresAt);
    expect(codesOf(await s.ads.submit(ref(draft)))).toEqual(['ads.authorization_expired']);
  });
});

describe('ADV-06 forecast: ads scheduled past their authorization, before launch', () => {
  test('lists ads whose schedule runs past expiry and those expiring within the window, soonest first', async () => {
    const s = adsSetup();
    const short = await s.confirmedCode(['adacc-1'], 7);
    const long = await s.confirmedCode(['adacc-1'], 60);
    const until = (days: number) => ({ startAt: T0, endAt: new Date(T0.getTime() + days * DAY_MS) });
    const past = (await s.ads.createAd(s.adInput(short.codeId, { name: 'past', schedule: until(14) }))).unwrap();
    const fits = (await s.ads.createAd(s.adInput(long.codeId, { name: 'fits', schedule: until(10) }))).unwrap();
    const open = (await s.ads.createAd(s.adInput(long.codeId, { name: 'open' }))).unwrap();
    const f = (await s.ads.forecast({ adAccountId: 'adacc-1', withinMs: 7 * DAY_MS })).unwrap();
    expect(f.map((x) => x.adId)).toEqual([past.id, open.id]);
    expect(f[0]).toMatchObject({
      stopsAt: short.expiresAt,
      runsPastAuthorization: true,
      expiresWithinWindow: false,
      lostMs: 7 * DAY_MS,
    });
    expect(f[1]).toMatchObject({ stopsAt: long.expiresAt, runsPastAuthorization: true });
    expect(f[1]!.lostMs).toBeUndefined();
    const wide = (await s.ads.forecast({ adAccountId: 'adacc-1', withinMs: 61 * DAY_MS })).unwrap();
    const fitting = wide.find((x) => x.adId === fits.id);
    expect(fitting).toMatchObject({ runsPastAuthorization: false, expiresWithinWindow: true });
    const one = (await s.ads.forecast({ adAccountId: 'adacc-1', adId: past.id })).unwrap();
    expect(one.map((x) => x.adId)).toEqual([past.id]);
  });

  test('an authorization that has ended is not forecast', async () => {
    const s = adsSetup();
    const c = await s.confirmedCode(['adacc-1'], 7);
    (await s.ads.createAd(s.adInput(c.codeId))).unwrap();
    const justBefore = new Date(c.expiresAt.getTime() - 1);
    expect((await s.ads.forecast({ adAccountId: 'adacc-1', at: justBefore })).unwrap()).toHaveLength(1);
    expect((await s.ads.forecast({ adAccountId: 'adacc-1', at: c.expiresAt })).unwrap()).toEqual([]);
  });
});

describe('ADV-04 platform limits (configurable): Spark Ads per ad account, ads per identity', () => {
  test('the limit is enforced and reported; stopping frees a slot; CUSTOMIZED_USER ads are not Spark Ads', async () => {
    const s = adsSetup({ policy: definePolicy({ maxSparkAdsPerAdAccount: 2, maxAdsPerIdentity: 2 }).unwrap() });
    const c = await s.confirmedCode();
    const a = (await s.ads.createAd(s.adInput(c.codeId))).unwrap();
    (await s.ads.createAd(s.adInput(c.codeId))).unwrap();
    const refused = await s.ads.createAd(s.adInput(c.codeId));
    expect(codesOf(refused)).toEqual(['ads.spark_ads_limit_reached', 'ads.identity_limit_reached']);
    (await s.ads.createAd(s.adInput('x', { identity: { type: 'CUSTOMIZED_USER', identityId: 'brand' } }))).unwrap();
    (await s.ads.submit(ref(a))).unwrap();
    (await s.ads.review({ ...ref(a), approved: true })).unwrap();
    (await s.ads.stop(ref(a))).unwrap();
    (await s.ads.createAd(s.adInput(c.codeId))).unwrap();
  });

  test('X-01 the limits are reported with the other violations', async () => {
    const s = adsSetup({ policy: definePolicy({ maxSparkAdsPerAdAccount: 1 }).unwrap() });
    (await s.ads.createAd(s.adInput('x', { identity: { type: 'TT_USER', identityId: 'brand' } }))).unwrap();
    const unavailable = { type: 'BC_AUTH_TT', identityId: 'tt-9' };
    const r = await s.ads.createAd(s.adInput('x', { identity: unavailable }));
    expect(codesOf(r)).toEqual(['ads.identity_unavailable', 'ads.spark_ads_limit_reached']);
  });

  test('X-03 50 concurrent createAd calls on one ad account create exactly the Spark Ads limit', async () => {
    // Arrange: two app servers (services) over one store, the limit at 7.
    const policy = definePolicy({ maxSparkAdsPerAdAccount: 7 }).unwrap();
    const s = adsSetup({ policy });
    const c = await s.confirmedCode();
    const other = createAds({ store: s.store, clock: manualClock(T0), policy });
    // Act
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        (i % 2 === 0 ? s.ads : other).createAd(s.adInput(c.codeId, { name: `ad ${i}` })),
      ),
    );
    // Assert
    expect(results.filter((r) => r.isOk())).toHaveLength(7);
    for (const r of results.filter((x) => x.isErr())) expect(codesOf(r)).toEqual(['ads.spark_ads_limit_reached']);
    expect((await s.ads.listAds('adacc-1')).unwrap()).toHaveLength(7);
    expect((await allEvents(s)).filter((e) => e.type === 'ads.created')).toHaveLength(7);
  });

  test('X-03 50 concurrent createAd calls on one identity from many ad accounts create exactly its limit', async () => {
    const s = adsSetup({ policy: definePolicy({ maxAdsPerIdentity: 5 }).unwrap() });
    const identity = { type: 'TT_USER', identityId: 'brand' };
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        s.ads.createAd(s.adInput('x', { adAccountId: `adacc-${i % 10}`, identity })),
      ),
    );
    expect(results.filter((r) => r.isOk())).toHaveLength(5);
    for (const r of results.filter((x) => x.isErr())) expect(codesOf(r)).toEqual(['ads.identity_limit_reached']);
  });
});

describe('design §7 a monotonic instant per ad under clock skew', () => {
  test('a service whose clock is 5 s behind never records an instant earlier than the last one on the ad', async () => {
    for (const identity of ['AUTH_CODE', 'TT_USER'] as const) {
      // Arrange: two app servers over one store; B's clock is 5 s behind A's.
      const s = adsSetup();
      const c = await s.confirmedCode();
      const clockBehind = manualClock(new Date(T0.getTime() - 5_000));
      const behind = createAds({ store: s.store, clock: clockBehind, policy: s.policy });
      const input =
        identity === 'AUTH_CODE'
          ? s.adInput(c.codeId)
          : s.adInput('x', { identity: { type: 'TT_USER', identityId: 'brand' } });
      const ad = (await s.ads.createAd(input)).unwrap();
      // Act: alternate between the servers.
      const seen = [ad.statusChangedAt.getTime()];
      seen.push((await behind.submit(ref(ad))).unwrap().statusChangedAt.getTime());
      seen.push((await s.ads.review({ ...ref(ad), approved: true })).unwrap().statusChangedAt.getTime());
      const started = (await behind.start(ref(ad))).unwrap();
      seen.push(started.statusChangedAt.getTime());
      seen.push((await s.ads.pause(ref(ad))).unwrap().statusChangedAt.getTime());
      seen.push((await behind.resume(ref(ad))).unwrap().statusChangedAt.getTime());
      // Assert: no instant goes backwards, in the records or in the events.
      for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]!);
      expect(started.firstRunningAt!.getTime()).toBeGreaterThanOrEqual(ad.createdAt.getTime());
      const times = (await allEvents(s)).filter((e) => e.subject.id === ad.id).map((e) => e.at.getTime());
      for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1]!);
      expect(times).toHaveLength(6);
    }
  });
});

describe('X-01 every violation at once; X-03 bad input is refused and nothing stored', () => {
  test('not in library + Top Ads option on a Pangle-only SPC campaign: three violations', async () => {
    const s = adsSetup();
    const c = await s.confirmedCode(['adacc-2']);
    const spc = campaign({ placements: ['PANGLE'], campaignType: 'SMART_PERFORMANCE' });
    const r = await s.ads.createAd(s.adInput(c.codeId, { campaign: spc, assetAuthorization: true }));
    expect(codesOf(r).sort()).toEqual([
      'ads.post_not_in_library',
      'top_ads.campaign_type_not_eligible',
      'top_ads.requires_tiktok_placement',
    ]);
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
    const before = (await allEvents(s)).length;
    const r = await s.ads.createAd(s.adInput(c.codeId, over));
    expect(r.isErr() && r.error.code).toBe('validation');
    expect((await allEvents(s)).length).toBe(before);
  });

  test('__proto__ keys and non-objects are refused', async () => {
    const s = adsSetup();
    const evil = JSON.parse(`{"adAccountId":"adacc-1","adId":"ad_1","__proto__":{"x":1}}`);
    expect((await s.ads.submit(evil)).isErr()).toBe(true);
    expect((await s.ads.createAd(unchecked(null))).isErr()).toBe(true);
    expect((await s.ads.forecast({ adAccountId: 'adacc-1', withinMs: -1 })).isErr()).toBe(true);
    expect((await s.spark.expireDue({ limit: 0 })).isErr()).toBe(true);
    expect((await s.ads.listAds(unchecked(42))).isErr()).toBe(true);
  });

  test('createAds checks its options at creation', () => {
    expect(() => createAds({ store: {} as never })).toThrow(/createAds: store/);
    expect(() => createAds({ store: adsSetup().store, clock: {} as never })).toThrow(/createAds: clock/);
  });
});
