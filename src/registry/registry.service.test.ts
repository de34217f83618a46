import { describe, expect, test } from 'vitest';
import { base64 } from '@scure/base';
import { memoryStore } from '../adapters/memory/memory-store.js';
import { manualClock } from '../adapters/clock/manual-clock.js';
import { seededRandom } from '../adapters/random/seeded-random.js';
import { createSparkCodes } from '../spark-codes/spark-codes.service.js';
import { createAds } from '../ads/ads.service.js';
import { adCodeDigest, type AdCode } from '../spark-codes/ad-code.js';
import { DAY_MS, HOUR_MS } from '../kernel/time.js';
import { codesTable, libraryTable } from '../storage/tables.js';
import { advertiser, codeAd, generateInput, SECRET, T0 } from '../testing/apps.js';
import { render } from '../testing/check.js';
import type { PlatformCodeFacts } from './registry.model.js';
import { createRegistry } from './registry.service.js';
import { createPortfolio } from '../portfolio/portfolio.service.js';
import { createExtensions } from '../extensions/extensions.service.js';
import { parseAuthCodeInfo } from '../business-api/index.js';
import { fixture } from '../../test/fixtures/business-api/fixtures.js';

/** TikTok's public example code. */
const EXAMPLE = '#s63DdePaj9HjSv2BPcSrDfTxU2X506b2oiwchQ9PIspTLgroZKtjN7PPiFnF+qA=';
/** A platform code in TikTok's format (not one of ours: no checksum of ours). */
const platformCode = (n: number) => `#${base64.encode(Uint8Array.from({ length: 40 }, (_, i) => (i * 7 + n) % 256))}`;

const facts = (over: Partial<PlatformCodeFacts> = {}): PlatformCodeFacts => ({
  status: 'NOT_USED',
  videoId: 'v-reg',
  creatorId: 'tt-cr',
  creatorName: 'Dana',
  authStartAt: new Date(T0.getTime() - DAY_MS),
  authEndAt: new Date(T0.getTime() + 10 * DAY_MS),
  checkedAt: new Date(T0.getTime() - 60_000),
  endSource: 'API',
  ...over,
});

function setup() {
  const store = memoryStore();
  const clock = manualClock(T0);
  const options = { store, clock, random: seededRandom(7) };
  return {
    store,
    clock,
    registry: createRegistry(options),
    spark: createSparkCodes({ ...options, codeSecret: SECRET }),
    ads: createAds(options),
  };
}

const violationCodes = (r: { isErr(): boolean; error?: unknown }) =>
  r.isErr() ? ((r.error as { violations?: { code: string }[] }).violations ?? []).map((v) => v.code) : [];

describe('AG-01: an ad account registers a code TikTok issued, by its format alone', () => {
  test('AG-01: the public example registers; only its digest is stored; the post joins the library', async () => {
    // Arrange
    const { registry, store } = setup();
    // Act
    const r = (await registry.registerCode({ adAccountId: 'adv-1', code: EXAMPLE, facts: facts() })).unwrap();
    // Assert
    expect(r).toMatchObject({ created: true, added: true, refreshed: false });
    expect(r.summary).toMatchObject({ origin: 'REGISTERED', status: 'IN_USE', inForce: true, periodDays: 11 });
    expect(r.summary.expiresAt).toEqual(facts().authEndAt);
    expect(r.summary.generatedAt).toEqual(facts().authStartAt);
    const record = (await store.get(codesTable, r.summary.id))!;
    expect(record.digest).toBe(adCodeDigest(EXAMPLE as AdCode));
    expect(record.nonce).toBeUndefined();
    expect(record.registration).toEqual({
      registeredBy: 'adv-1',
      endSource: 'API',
      checkedAt: facts().checkedAt,
      apiStatus: 'NOT_USED',
    });
    expect(r.entry).toMatchObject({ adAccountId: 'adv-1', codeId: r.summary.id, expiresAt: facts().authEndAt });
    const events = await store.readEvents();
    expect(events.map((e) => e.type)).toEqual(['registry.code_registered']);
  });

  test('AG-01 API-01: the facts parsed from a tt_video/info answer register as they are', async () => {
    const { registry } = setup();
    const checkedAt = new Date('2026-10-02T09:00:00.000Z');
    const parsed = parseAuthCodeInfo(fixture('tt-video-info.response.json').body, { checkedAt }).unwrap();
    const r = (await registry.registerCode({ adAccountId: 'adv-1', code: EXAMPLE, facts: parsed })).unwrap();
    expect(r.summary).toMatchObject({
      videoId: parsed.videoId,
      creatorId: parsed.creatorId,
      expiresAt: parsed.authEndAt,
    });
    expect(r.summary.preview).toMatchObject({ creatorName: 'Dana', title: 'Autumn lookbook, part 2' });
  });

  test('AG-01: a malformed code is refused (registry.code_malformed, field named) and nothing is stored', async () => {
    const { registry, store } = setup();
    for (const code of [
      's63DdePaj9HjSv2BPcSrDfTxU2X506b2oiwchQ9PIspTLgroZKtjN7PPiFnF+qA=',
      '#abc',
      '#not base64!!',
      '',
    ]) {
      const r = await registry.registerCode({ adAccountId: 'adv-1', code, facts: facts() });
      expect(violationCodes(r)).toEqual(['registry.code_malformed']);
      expect(r.isErr() && r.error.code === 'denied' && r.error.violations[0].details?.field).toBe('code');
    }
    expect(await store.dump()).toMatchObject({ events: [] });
    expect(await store.list(codesTable, 'byExpiry')).toEqual([]);
  });

  test('AG-01: facts whose end is not after their start are a validation error naming the field', async () => {
    const { registry } = setup();
    const r = await registry.registerCode({
      adAccountId: 'adv-1',
      code: EXAMPLE,
      facts: facts({ authEndAt: facts().authStartAt }),
    });
    expect(r.isErr() && r.error.code === 'validation' && r.error.issues.map((i) => i.path.join('.'))).toEqual([
      'facts.authEndAt',
    ]);
  });

  test('AG-01: a second ad account registering the same code gets a library entry on the same record', async () => {
    const { registry, store } = setup();
    const a = (await registry.registerCode({ adAccountId: 'adv-1', code: EXAMPLE, facts: facts() })).unwrap();
    const b = (await registry.registerCode({ adAccountId: 'adv-2', code: ` ${EXAMPLE}\n`, facts: facts() })).unwrap();
    const again = (await registry.registerCode({ adAccountId: 'adv-2', code: EXAMPLE, facts: facts() })).unwrap();
    expect(b).toMatchObject({ created: false, added: true });
    expect(again).toMatchObject({ created: false, added: false, refreshed: false });
    expect(b.summary.id).toBe(a.summary.id);
    expect((await store.list(codesTable, 'byDigest')).length).toBe(1);
    expect((await store.list(libraryTable, 'byCode', { eq: [a.summary.id] })).map((e) => e.adAccountId)).toEqual([
      'adv-1',
      'adv-2',
    ]);
  });

  test('AG-01 AG-02: a second registration with a newer answer refreshes the facts', async () => {
    const { registry } = setup();
    await registry.registerCode({ adAccountId: 'adv-1', code: EXAMPLE, facts: facts() });
    const newer = facts({ authEndAt: new Date(T0.getTime() + 20 * DAY_MS), checkedAt: T0, endSource: 'CREATOR' });
    const b = (await registry.registerCode({ adAccountId: 'adv-2', code: EXAMPLE, facts: newer })).unwrap();
    expect(b).toMatchObject({ created: false, added: true, refreshed: true });
    expect(b.summary.expiresAt).toEqual(newer.authEndAt);
    expect(b.entry.expiresAt).toEqual(newer.authEndAt);
    const list = (await registry.listRegistered({ adAccountId: 'adv-1' })).unwrap();
    expect(list.map((v) => [v.endSource, v.checkedAt, v.entry.expiresAt])).toEqual([['CREATOR', T0, newer.authEndAt]]);
  });

  test('AG-01: a code issued here is refused (registry.code_issued_here), facts of another video too', async () => {
    const { registry, spark } = setup();
    const g = (await spark.generateCode(generateInput('v-own'))).unwrap();
    const own = await registry.registerCode({ adAccountId: 'adv-1', code: g.code, facts: facts({ videoId: 'v-own' }) });
    expect(violationCodes(own)).toEqual(['registry.code_issued_here']);
    await registry.registerCode({ adAccountId: 'adv-1', code: EXAMPLE, facts: facts() });
    const other = await registry.registerCode({
      adAccountId: 'adv-2',
      code: EXAMPLE,
      facts: facts({ videoId: 'v-x' }),
    });
    expect(violationCodes(other)).toEqual(['registry.other_video']);
  });

  test('AG-01: a code TikTok reports DELETED registers as revoked: never in force', async () => {
    const { registry } = setup();
    const r = (
      await registry.registerCode({ adAccountId: 'adv-1', code: EXAMPLE, facts: facts({ status: 'DELETED' }) })
    ).unwrap();
    expect(r.summary).toMatchObject({ status: 'DELETED', inForce: false, revokedAt: facts().checkedAt });
  });

  test('AG-01 storage inspection: no 12 characters of a registered code reach storage', async () => {
    // Arrange
    const { registry, store, clock } = setup();
    const codes = [EXAMPLE, platformCode(1), platformCode(2)];
    for (const [i, code] of codes.entries()) {
      const f = facts({ videoId: `v-${i}` });
      (await registry.registerCode({ adAccountId: 'adv-1', code, facts: f })).unwrap();
      (await registry.registerCode({ adAccountId: 'adv-2', code, facts: { ...f, checkedAt: T0 } })).unwrap();
    }
    clock.advance(HOUR_MS);
    // Act
    const stored = render(await store.dump());
    // Assert
    for (const code of codes) {
      const body = code.slice(1);
      for (let i = 0; i + 12 <= body.length; i++) expect(stored).not.toContain(body.slice(i, i + 12));
    }
  });

  test('AG-01 AG-03: showCode refuses a registered code (registry.code_not_kept)', async () => {
    const { registry, spark } = setup();
    const r = (await registry.registerCode({ adAccountId: 'adv-1', code: EXAMPLE, facts: facts() })).unwrap();
    const shown = await spark.showCode({ creatorId: 'tt-cr', codeId: r.summary.id });
    expect(violationCodes(shown)).toEqual(['registry.code_not_kept']);
  });
});

describe('AG-02: a registered authorization records where its end comes from and when it was checked', () => {
  async function registeredWithAd() {
    const s = setup();
    const r = (await s.registry.registerCode({ adAccountId: 'adv-1', code: EXAMPLE, facts: facts() })).unwrap();
    const codeId = r.summary.id;
    const ad = (await s.ads.createAd(codeAd('adv-1', codeId))).unwrap();
    const ref = { adAccountId: 'adv-1', adId: ad.id };
    (await s.ads.submit(ref)).unwrap();
    (await s.ads.review({ ...ref, approved: true })).unwrap();
    (await s.ads.start(ref)).unwrap();
    return { ...s, codeId, ref };
  }

  test('AG-02: a newer answer moves the end, with the library entry and the ads', async () => {
    const { registry, ads, spark, codeId, ref, clock } = await registeredWithAd();
    clock.advance(HOUR_MS);
    const newer = facts({ authEndAt: new Date(T0.getTime() + 40 * DAY_MS), checkedAt: T0, endSource: 'CREATOR' });
    const r = (await registry.refreshCode({ adAccountId: 'adv-1', codeId, facts: newer })).unwrap();
    expect(r).toMatchObject({ refreshed: true, pausedAds: [] });
    expect(r.movedAds.map((a) => a.id)).toEqual([ref.adId]);
    expect(r.summary.expiresAt).toEqual(newer.authEndAt);
    expect(r.summary.periodDays).toBe(41);
    expect((await ads.getAd(ref)).unwrap().authorization?.expiresAt).toEqual(newer.authEndAt);
    expect((await spark.listLibrary('adv-1')).unwrap()[0]?.expiresAt).toEqual(newer.authEndAt);
    const [view] = (await registry.listRegistered({ adAccountId: 'adv-1' })).unwrap();
    expect(view).toMatchObject({ endSource: 'CREATOR', checkedAt: T0, apiStatus: 'NOT_USED' });
  });

  test('AG-02: a refresh may name the code itself, as the API does; malformed or unknown is refused', async () => {
    const { registry, codeId } = await registeredWithAd();
    const newer = facts({ authEndAt: new Date(T0.getTime() + 30 * DAY_MS), checkedAt: T0 });
    const r = (await registry.refreshCode({ adAccountId: 'adv-1', code: ` ${EXAMPLE} `, facts: newer })).unwrap();
    expect(r.summary.id).toBe(codeId);
    expect(r.summary.expiresAt).toEqual(newer.authEndAt);
    const malformed = await registry.refreshCode({ adAccountId: 'adv-1', code: 'not a code', facts: newer });
    expect(violationCodes(malformed)).toEqual(['registry.code_malformed']);
    const unknown = await registry.refreshCode({ adAccountId: 'adv-1', code: platformCode(3), facts: newer });
    expect(unknown.isErr() && unknown.error.code).toBe('not_found');
    // The error names the code by its first characters only.
    expect(JSON.stringify(unknown)).not.toContain(platformCode(3).slice(5));
  });

  test('AG-02: an older answer is refused (registry.stale_answer); the same one changes nothing', async () => {
    const { registry, codeId, store } = await registeredWithAd();
    const before = await store.get(codesTable, codeId);
    const older = facts({
      checkedAt: new Date(T0.getTime() - 2 * HOUR_MS),
      authEndAt: new Date(T0.getTime() + DAY_MS),
    });
    const r = await registry.refreshCode({ adAccountId: 'adv-1', codeId, facts: older });
    expect(violationCodes(r)).toEqual(['registry.stale_answer']);
    const same = (await registry.refreshCode({ adAccountId: 'adv-1', codeId, facts: facts() })).unwrap();
    expect(same.refreshed).toBe(false);
    expect(await store.get(codesTable, codeId)).toEqual(before);
  });

  test('AG-02: facts of another video are refused with every violation', async () => {
    const { registry, codeId } = await registeredWithAd();
    const wrong = facts({ videoId: 'v-other', checkedAt: new Date(0) });
    const r = await registry.refreshCode({ adAccountId: 'adv-1', codeId, facts: wrong });
    expect(violationCodes(r).sort()).toEqual(['registry.other_video', 'registry.stale_answer']);
  });

  test('AG-02: DELETED revokes now and pauses the running ads, as a revocation does', async () => {
    const { registry, ads, codeId, ref, clock, store } = await registeredWithAd();
    clock.advance(HOUR_MS);
    const at = clock.now();
    const r = (
      await registry.refreshCode({ adAccountId: 'adv-1', codeId, facts: facts({ status: 'DELETED', checkedAt: at }) })
    ).unwrap();
    expect(r.summary).toMatchObject({ status: 'DELETED', inForce: false, revokedAt: at });
    expect(r.pausedAds.map((a) => [a.id, a.status, a.statusReason])).toEqual([
      [ref.adId, 'PAUSED', 'authorization_revoked'],
    ]);
    expect((await ads.getAd(ref)).unwrap().status).toBe('PAUSED');
    const types = (await store.readEvents()).map((e) => e.type);
    expect(types.slice(-3)).toEqual(['spark.code_revoked', 'ads.paused', 'registry.code_refreshed']);
    // Revocation is terminal: a later answer does not bring it back.
    const later = facts({ checkedAt: new Date(at.getTime() + 1), authEndAt: new Date(T0.getTime() + 90 * DAY_MS) });
    const after = (await registry.refreshCode({ adAccountId: 'adv-1', codeId, facts: later })).unwrap();
    expect(after.summary).toMatchObject({ status: 'DELETED', expiresAt: facts().authEndAt });
  });

  test('AG-02: EXPIRED ends it no later than the check; the ads read STOPPED', async () => {
    const { registry, ads, codeId, ref, clock } = await registeredWithAd();
    clock.advance(HOUR_MS);
    const checkedAt = new Date(T0.getTime() + 30 * 60_000);
    const r = (
      await registry.refreshCode({ adAccountId: 'adv-1', codeId, facts: facts({ status: 'EXPIRED', checkedAt }) })
    ).unwrap();
    expect(r.summary).toMatchObject({ status: 'EXPIRED', inForce: false, expiresAt: checkedAt });
    expect((await ads.getAd(ref)).unwrap()).toMatchObject({ status: 'STOPPED', statusReason: 'authorization_expired' });
  });

  test('AG-02: an ad account without the post in its library cannot refresh it', async () => {
    const { registry, codeId } = await registeredWithAd();
    const r = await registry.refreshCode({ adAccountId: 'adv-9', codeId, facts: facts({ checkedAt: T0 }) });
    expect(r.isErr() && r.error.code).toBe('not_found');
  });
});

describe('AG-03: registered and issued authorizations obey the same rules and views', () => {
  test('AG-03: listExpiring, ads, the forecast, the expiry sweep, generateCode and showCode', async () => {
    // Arrange
    const { registry, spark, ads, clock } = setup();
    const end = new Date(T0.getTime() + 3 * DAY_MS);
    const r = (
      await registry.registerCode({ adAccountId: 'adv-1', code: EXAMPLE, facts: facts({ authEndAt: end }) })
    ).unwrap();
    const codeId = r.summary.id;
    // Assert: listExpiring, codeStatus and listLibrary see it
    const expiring = (await spark.listExpiring({ withinMs: 7 * DAY_MS })).unwrap();
    expect(expiring.map((c) => c.id)).toEqual([codeId]);
    expect((await spark.codeStatus({ codeId })).unwrap()).toMatchObject({ status: 'IN_USE', inForce: true });
    expect((await spark.listLibrary('adv-1')).unwrap().map((e) => [e.codeId, e.inForce])).toEqual([[codeId, true]]);
    // Ads can be created on it, and the forecast shows them at risk
    const ad = (await ads.createAd(codeAd('adv-1', codeId))).unwrap();
    expect(ad.authorization).toMatchObject({ codeId, expiresAt: end });
    const ref = { adAccountId: 'adv-1', adId: ad.id };
    (await ads.submit(ref)).unwrap();
    (await ads.review({ ...ref, approved: true })).unwrap();
    (await ads.start(ref)).unwrap();
    const forecast = (await ads.forecast({ adAccountId: 'adv-1', withinMs: 7 * DAY_MS })).unwrap();
    expect(forecast.map((f) => [f.adId, f.stopsAt, f.expiresWithinWindow])).toEqual([[ad.id, end, true]]);
    // Another ad account cannot use it without registering it
    expect((await ads.createAd(codeAd('adv-2', codeId))).isErr()).toBe(true);
    // It never blocks the creator's own code for the same video (SPARK-12 counts CODE and REQUEST)
    const g = await spark.generateCode(generateInput('v-reg', 'tt-cr'));
    expect(g.isOk()).toBe(true);
    // showCode refuses it
    expect(violationCodes(await spark.showCode({ creatorId: 'tt-cr', codeId }))).toEqual(['registry.code_not_kept']);
    // Act: the sweep stops its ads at its end
    clock.set(end);
    const swept = (await spark.expireDue()).unwrap();
    // Assert
    expect(swept.codes.map((c) => c.id)).toEqual([codeId]);
    expect(swept.stoppedAds.map((a) => [a.id, a.status, a.statusReason])).toEqual([
      [ad.id, 'STOPPED', 'authorization_expired'],
    ]);
    const [view] = (await registry.listRegistered({ adAccountId: 'adv-1' })).unwrap();
    expect(view?.summary).toMatchObject({ status: 'EXPIRED', inForce: false });
  });

  test('AG-03: the portfolio and the reminders see a registered authorization like any other', async () => {
    // Arrange
    const { registry, ads, store, clock } = setup();
    const end = new Date(T0.getTime() + 3 * DAY_MS);
    const r = (
      await registry.registerCode({ adAccountId: 'adv-1', code: EXAMPLE, facts: facts({ authEndAt: end }) })
    ).unwrap();
    const ad = (await ads.createAd(codeAd('adv-1', r.summary.id))).unwrap();
    // Act
    const page = (
      await createPortfolio({ store, clock }).endingSoon({
        scope: { adAccountIds: ['adv-1'] },
        within: { days: 7 },
        limit: 10,
      })
    ).unwrap();
    const reminders = (await createExtensions({ store, clock }).remindDue()).unwrap();
    // Assert
    expect(page.items.map((i) => [i.codeId, i.origin, i.expiresAt, i.adAccountIds])).toEqual([
      [r.summary.id, 'REGISTERED', end, ['adv-1']],
    ]);
    expect(JSON.stringify(page.items[0])).toContain(ad.id);
    expect(reminders.map((x) => [x.codeId, x.endsAt, x.offsetMs]).slice(0, 1)).toEqual([
      [r.summary.id, end, 7 * DAY_MS],
    ]);
  });

  test('AG-03: revoking a registered code with the spark service pauses its running ads', async () => {
    const { registry, spark, ads } = setup();
    const r = (await registry.registerCode({ adAccountId: 'adv-1', code: EXAMPLE, facts: facts() })).unwrap();
    const ad = (await ads.createAd(codeAd('adv-1', r.summary.id))).unwrap();
    const ref = { adAccountId: 'adv-1', adId: ad.id };
    (await ads.submit(ref)).unwrap();
    (await ads.review({ ...ref, approved: true })).unwrap();
    (await ads.start(ref)).unwrap();
    const revoked = (await spark.revokeCode({ creatorId: 'tt-cr', codeId: r.summary.id })).unwrap();
    expect(revoked.summary.status).toBe('DELETED');
    expect(revoked.pausedAds.map((a) => a.id)).toEqual([ad.id]);
    const [view] = (await registry.listRegistered({ adAccountId: 'adv-1' })).unwrap();
    expect(view?.summary).toMatchObject({ status: 'DELETED', inForce: false });
  });
});

describe('ADV-02 unbind: a post leaves the ad account library, refused while its ads use it', () => {
  test('ADV-02: refused (spark.post_in_use_by_ads) listing the ads; allowed once they are stopped', async () => {
    // Arrange
    const { registry, ads, spark, store } = setup();
    const r = (await registry.registerCode({ adAccountId: 'adv-1', code: EXAMPLE, facts: facts() })).unwrap();
    const codeId = r.summary.id;
    const draft = (await ads.createAd(codeAd('adv-1', codeId))).unwrap();
    const running = (await ads.createAd(codeAd('adv-1', codeId))).unwrap();
    const ref = { adAccountId: 'adv-1', adId: running.id };
    (await ads.submit(ref)).unwrap();
    (await ads.review({ ...ref, approved: true })).unwrap();
    (await ads.start(ref)).unwrap();
    // Act + Assert: refused while a draft and a running ad use it
    const refused = await registry.unbindPost({ adAccountId: 'adv-1', codeId });
    expect(violationCodes(refused)).toEqual(['spark.post_in_use_by_ads']);
    expect(
      refused.isErr() &&
        refused.error.code === 'denied' &&
        [...(refused.error.violations[0].details?.adIds as [])].sort(),
    ).toEqual([draft.id, running.id].sort());
    // Stop the running one and reject the draft
    (await ads.stop(ref)).unwrap();
    const draftRef = { adAccountId: 'adv-1', adId: draft.id };
    (await ads.submit(draftRef)).unwrap();
    (await ads.review({ ...draftRef, approved: false })).unwrap();
    const done = (await registry.unbindPost({ adAccountId: 'adv-1', codeId, userId: 'u-7' })).unwrap();
    expect(done.entry).toMatchObject({ adAccountId: 'adv-1', codeId });
    expect((await spark.listLibrary('adv-1')).unwrap()).toEqual([]);
    expect((await store.readEvents()).at(-1)).toMatchObject({
      type: 'spark.post_unbound',
      actor: { kind: 'user', id: 'u-7' },
      data: { codeId, adAccountId: 'adv-1' },
    });
    // Then no new ad can use it (ADV-04), and a second unbind finds nothing
    expect(violationCodes(await ads.createAd(codeAd('adv-1', codeId)))).toContain('ads.post_not_in_library');
    expect((await registry.unbindPost({ adAccountId: 'adv-1', codeId })).isErr()).toBe(true);
    // Registered again, it is back
    expect((await registry.registerCode({ adAccountId: 'adv-1', code: EXAMPLE, facts: facts() })).unwrap().added).toBe(
      true,
    );
  });

  test('ADV-02: unbinding works for an issued code too, and only for the ad account asking', async () => {
    const { registry, spark, ads } = setup();
    const g = (await spark.generateCode(generateInput('v-own'))).unwrap();
    for (const acc of ['adv-1', 'adv-2'])
      (await spark.confirmCode({ advertiser: advertiser(acc), code: g.code })).unwrap();
    (await ads.createAd(codeAd('adv-2', g.summary.id))).unwrap();
    (await registry.unbindPost({ adAccountId: 'adv-1', codeId: g.summary.id })).unwrap();
    expect((await spark.listLibrary('adv-1')).unwrap()).toEqual([]);
    expect((await spark.listLibrary('adv-2')).unwrap().length).toBe(1);
    expect(violationCodes(await registry.unbindPost({ adAccountId: 'adv-2', codeId: g.summary.id }))).toEqual([
      'spark.post_in_use_by_ads',
    ]);
  });
});
