import type { AdsPorts } from './ads-ports.js';
import fc from 'fast-check';
import type { AdAccountId, AdCodeId, AdId, CreatorId, EventId, VideoId } from '../kernel/ids.js';
import type { NewEvent } from '../kernel/events.js';
import { DAY_MS, HOUR_MS } from '../kernel/time.js';
import type { Policy } from '../kernel/policy.js';
import { definePolicy } from '../kernel/policy-schema.js';
import { manualClock } from '../adapters/clock/manual-clock.js';
import { seededRandom } from '../adapters/random/seeded-random.js';
import type { AdRecord, AdStatus } from '../ads/ads.model.js';
import { AD_TRANSITIONS, adStatusAt, type AdAction } from '../ads/ads.rules.js';
import { createAds, type Ads } from '../ads/ads.service.js';
import type { AdCodeRecord, LibraryEntry } from '../spark-codes/spark-codes.model.js';
import { createSparkCodes, type SparkCodes } from '../spark-codes/spark-codes.service.js';
import { check, checkEqual, checkWithStore, scheduledStore } from './check.js';
import { adEvent, blockWhileInUse, pauseAds } from './effects.js';
import { failingStore } from './failing-store.js';
import type { ConformanceCheck, StoreFactory } from './conformance.js';

const T0 = new Date('2026-01-01T00:00:00.000Z');
const SECRET = 'conformance-secret-at-least-32-characters';
const LIMITS = { maxSparkAdsPerAdAccount: 10_000, maxAdsPerIdentity: 10_000 };
const SYS = { kind: 'system', id: 'test' } as const;

let counter = 0;
function uniq(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}-${Math.floor(Math.random() * 1e9).toString(36)}`;
}
function event(type: string, subjectId: string, at = T0): NewEvent {
  return { id: uniq('evt') as EventId, type, at, actor: SYS, subject: { kind: 'test', id: subjectId }, data: {} };
}
async function eventCount(store: AdsPorts): Promise<number> {
  let n = 0;
  for (;;) {
    const page = await store.readEvents({ after: n, limit: 1000 });
    n += page.length;
    if (page.length < 1000) return n;
  }
}
async function eventsAfter(store: AdsPorts, after: number) {
  return store.readEvents({ after, limit: 100_000 });
}

/** A code inserted and confirmed by `accounts`, at the store level. */
async function seedCode(store: AdsPorts, accounts: readonly string[], periodDays = 30, generatedAt = T0): Promise<AdCodeRecord> {
  const id = uniq('code') as AdCodeId;
  const creatorId = uniq('creator') as CreatorId;
  const videoId = uniq('video') as VideoId;
  const code: AdCodeRecord = {
    id, digest: uniq('digest').padEnd(64, '0'), nonce: '00'.repeat(32), fingerprint: '#abcd…wxyz', creatorId, videoId, periodDays,
    generatedAt, expiresAt: new Date(generatedAt.getTime() + periodDays * DAY_MS), preview: { creatorId, creatorName: 'C', videoId },
  };
  await store.insertCode(code, []);
  for (const acc of accounts) {
    const entry: LibraryEntry = { adAccountId: acc as AdAccountId, codeId: id, videoId, creatorId, confirmedAt: generatedAt, confirmedBy: { kind: 'advertiser', id: acc }, preview: code.preview };
    await store.confirm(entry, { singleUse: false }, []);
  }
  return (await store.getCode(id))!;
}

function adRecord(over: Omit<Partial<AdRecord>, 'adAccountId'> & { code?: AdCodeRecord; adAccountId?: string } = {}): AdRecord {
  const { code, adAccountId: acc, ...rest } = over;
  const adAccountId = (acc ?? 'acc-1') as AdAccountId;
  return {
    id: uniq('ad') as AdId, adAccountId, name: 'Ad', campaign: { campaignId: 'c', objective: 'VIDEO_VIEWS', placements: ['TIKTOK'], campaignType: 'MANUAL' },
    schedule: { startAt: T0 },
    identity: code ? { type: 'AUTH_CODE', codeId: code.id } : { type: 'TT_USER', identityId: 'brand' },
    ...(code ? { videoId: code.videoId, authorization: { codeId: code.id, videoId: code.videoId, creatorId: code.creatorId, expiresAt: code.expiresAt } } : {}),
    regions: [], assetAuthorization: { offered: true, authorized: true, changedAt: T0, source: 'ads_manager' },
    status: 'DRAFT', statusChangedAt: T0, statusChangedBy: SYS, createdAt: T0,
    ...rest,
  };
}

/** Moves an ad to `to` through the store, following the lifecycle. */
async function moveTo(store: AdsPorts, ad: AdRecord, path: readonly AdStatus[], at = T0): Promise<AdRecord> {
  let cur = ad;
  for (const to of path) {
    const action = (Object.keys(AD_TRANSITIONS) as AdAction[]).find((a) => AD_TRANSITIONS[a].to === to && AD_TRANSITIONS[a].from.includes(cur.status))!;
    const out = await store.changeAdStatus({ adId: cur.id, adAccountId: cur.adAccountId, from: AD_TRANSITIONS[action].from, to, at, by: SYS, requireAuthorization: false }, (b, a) => [adEvent(b, a)]);
    check(out.kind === 'changed', `move ${cur.status} → ${to}`);
    cur = out.ad;
  }
  return cur;
}
const RUNNING: AdStatus[] = ['IN_REVIEW', 'APPROVED', 'RUNNING'];

/** The ads part of the store conformance suite (ADV-04..06, SPARK-10, SPARK-11). */
export function adChecks(factory: StoreFactory<AdsPorts>, numRuns: number): ConformanceCheck[] {
  const withStore = checkWithStore(factory);

  const sequential: ConformanceCheck[] = [
    withStore('ads: ADV-04 insertAd stores a draft with its events, refuses a post not in the library, copies records', async (store) => {
      const code = await seedCode(store, ['acc-1']);
      const ad = adRecord({ code });
      const before = await eventCount(store);
      const out = await store.insertAd(ad, LIMITS, [event('t.ad_created', ad.id)]);
      check(out.kind === 'inserted', 'inserted');
      checkEqual(await store.getAd(ad.id), ad, 'getAd returns what was inserted');
      checkEqual(await eventCount(store), before + 1, 'one event');
      const foreign = adRecord({ code, adAccountId: 'acc-2' });
      checkEqual((await store.insertAd(foreign, LIMITS, [event('t', foreign.id)])).kind, 'not_in_library', 'another ad account\'s post is refused');
      checkEqual(await store.getAd(foreign.id), undefined, 'nothing stored');
      checkEqual(await eventCount(store), before + 1, 'no event');
      let rejected = false;
      try { await store.insertAd({ ...adRecord({ code }), id: ad.id }, LIMITS, []); } catch { rejected = true; }
      check(rejected, 'a duplicate id rejects');
      const got = (await store.getAd(ad.id))!;
      (got as { name: string }).name = 'mutated';
      checkEqual((await store.getAd(ad.id))?.name, 'Ad', 'returned records are copies');
      checkEqual(await store.getAd(uniq('none') as AdId), undefined, 'missing ad is undefined');
    }),
    withStore('ads: ADV-04 limits count ads not stopped, per ad account (Spark Ads) and per identity, both reported', async (store) => {
      const code = await seedCode(store, ['acc-l']);
      const limits = { maxSparkAdsPerAdAccount: 2, maxAdsPerIdentity: 2 };
      const first = adRecord({ code, adAccountId: 'acc-l' });
      await store.insertAd(first, limits, []);
      await store.insertAd(adRecord({ code, adAccountId: 'acc-l' }), limits, []);
      const third = await store.insertAd(adRecord({ code, adAccountId: 'acc-l' }), limits, []);
      check(third.kind === 'limits_reached' && third.sparkAds?.count === 2 && third.identity?.count === 2, 'both limits reported');
      const custom = adRecord({ adAccountId: 'acc-l', identity: { type: 'CUSTOMIZED_USER', identityId: uniq('brand') } });
      checkEqual((await store.insertAd(custom, limits, [])).kind, 'inserted', 'a CUSTOMIZED_USER ad is not a Spark Ad');
      await moveTo(store, first, ['IN_REVIEW', 'APPROVED', 'STOPPED']);
      checkEqual((await store.insertAd(adRecord({ code, adAccountId: 'acc-l' }), limits, [])).kind, 'inserted', 'a stopped ad frees its slot');
    }),
    withStore('ads: ADV-05 changeAdStatus checks the status at `at` and the authorization in the same step', async (store) => {
      const code = await seedCode(store, ['acc-1'], 7);
      const ad = adRecord({ code });
      await store.insertAd(ad, LIMITS, []);
      const change = (from: AdStatus[], to: AdStatus, at: Date, requireAuthorization = true) =>
        store.changeAdStatus({ adId: ad.id, adAccountId: ad.adAccountId, from, to, at, by: SYS, requireAuthorization }, (b, a) => [adEvent(b, a)]);
      checkEqual((await change(['APPROVED'], 'RUNNING', T0)).kind, 'wrong_status', 'status must be in from');
      checkEqual((await store.changeAdStatus({ adId: ad.id, adAccountId: 'acc-x' as AdAccountId, from: ['DRAFT'], to: 'IN_REVIEW', at: T0, by: SYS, requireAuthorization: true }, () => [])).kind, 'not_found', 'another ad account');
      const submitted = await change(['DRAFT'], 'IN_REVIEW', T0);
      check(submitted.kind === 'changed' && submitted.before.status === 'DRAFT' && submitted.ad.status === 'IN_REVIEW' && submitted.ad.statusReason === undefined, 'changed');
      await change(['IN_REVIEW'], 'APPROVED', T0, false);
      const started = await change(['APPROVED'], 'RUNNING', new Date(T0.getTime() + HOUR_MS));
      check(started.kind === 'changed' && started.ad.firstRunningAt?.getTime() === T0.getTime() + HOUR_MS, 'firstRunningAt set on first run');
      const paused = await store.changeAdStatus({ adId: ad.id, adAccountId: ad.adAccountId, from: ['RUNNING'], to: 'PAUSED', reason: 'advertiser', at: T0, by: SYS, requireAuthorization: false }, (b, a) => [adEvent(b, a)]);
      check(paused.kind === 'changed' && paused.ad.statusReason === 'advertiser', 'reason stored');
      const late = await change(['PAUSED'], 'RUNNING', new Date(code.expiresAt.getTime() - 1));
      check(late.kind === 'changed' && late.ad.firstRunningAt?.getTime() === T0.getTime() + HOUR_MS && late.ad.statusReason === undefined, 'firstRunningAt kept, reason cleared');
      checkEqual((await change(['RUNNING'], 'PAUSED', code.expiresAt, false)).kind, 'wrong_status', 'an expired ad reads as STOPPED');
      const other = adRecord({ code });
      await store.insertAd(other, LIMITS, []);
      const before = await eventCount(store);
      const ended = await store.changeAdStatus({ adId: other.id, adAccountId: other.adAccountId, from: ['DRAFT'], to: 'IN_REVIEW', at: code.expiresAt, by: SYS, requireAuthorization: true }, (b, a) => [adEvent(b, a)]);
      check(ended.kind === 'authorization_ended' && ended.code?.id === code.id && ended.inLibrary, 'authorization_ended at the expiry instant');
      checkEqual(await eventCount(store), before, 'nothing written');
      const bc = adRecord({ identity: { type: 'BC_AUTH_TT', identityId: 'tt', available: false } });
      await store.insertAd(bc, LIMITS, []);
      checkEqual((await store.changeAdStatus({ adId: bc.id, adAccountId: bc.adAccountId, from: ['DRAFT'], to: 'IN_REVIEW', at: T0, by: SYS, requireAuthorization: true }, () => [])).kind, 'authorization_ended', 'unavailable BC identity');
    }),
    withStore('ads: SPARK-10 revokeCode pauses approved and running ads of the code in its step, events after the code\'s', async (store) => {
      const code = await seedCode(store, ['acc-1', 'acc-2']);
      const a = adRecord({ code }); await store.insertAd(a, LIMITS, []); await moveTo(store, a, RUNNING);
      const b = adRecord({ code, adAccountId: 'acc-2' }); await store.insertAd(b, LIMITS, []); await moveTo(store, b, ['IN_REVIEW', 'APPROVED']);
      const r = adRecord({ code }); await store.insertAd(r, LIMITS, []); await moveTo(store, r, ['IN_REVIEW']);
      const d = adRecord({ code }); await store.insertAd(d, LIMITS, []);
      const at = new Date(T0.getTime() + DAY_MS);
      const before = await eventCount(store);
      const out = await store.revokeCode(code.id, at, { kind: 'creator', id: code.creatorId }, [event('t.revoked', code.id, at)], pauseAds);
      check(out.kind === 'revoked', 'revoked');
      if (out.kind !== 'revoked') return;
      checkEqual(out.pausedAds.map((x) => x.id), [a.id, b.id], 'running and approved ads paused, oldest first');
      check(out.pausedAds.every((x) => x.status === 'PAUSED' && x.statusReason === 'authorization_revoked' && x.statusChangedAt.getTime() === at.getTime()), 'paused with the reason, at the revocation instant');
      const evs = await eventsAfter(store, before);
      checkEqual(evs.map((e) => e.type), ['t.revoked', 't.ad_paused', 't.ad_paused'], 'code event, then one per ad');
      checkEqual((await store.getAd(r.id))?.status, 'IN_REVIEW', 'an ad in review is not paused');
      checkEqual((await store.getAd(d.id))?.status, 'DRAFT', 'a draft is not paused');
      checkEqual((await store.listAdsByCode(code.id)).map((x) => x.id), [a.id, b.id, r.id, d.id], 'listAdsByCode oldest first');
      checkEqual((await store.listAdsByAccount('acc-2' as AdAccountId)).map((x) => x.id), [b.id], 'listAdsByAccount');
    }),
    withStore('ads: SPARK-10 block-while-in-use: blocked lists the ads in use and writes nothing', async (store) => {
      const code = await seedCode(store, ['acc-1']);
      const p = adRecord({ code }); await store.insertAd(p, LIMITS, []);
      await moveTo(store, p, [...RUNNING, 'PAUSED']);
      const s = adRecord({ code }); await store.insertAd(s, LIMITS, []); await moveTo(store, s, ['IN_REVIEW', 'APPROVED', 'STOPPED']);
      const before = await eventCount(store);
      const out = await store.revokeCode(code.id, T0, { kind: 'creator', id: 'c' }, [event('t.revoked', code.id)], blockWhileInUse);
      check(out.kind === 'blocked' && out.adsInUse.map((x) => x.id).join() === p.id, 'blocked by the paused ad only (stopped ones are not in use)');
      checkEqual(await eventCount(store), before, 'nothing written');
      checkEqual((await store.getCode(code.id))?.revokedAt, undefined, 'code not revoked');
      await moveTo(store, (await store.getAd(p.id))!, ['STOPPED']);
      checkEqual((await store.revokeCode(code.id, T0, { kind: 'creator', id: 'c' }, [], blockWhileInUse)).kind, 'revoked', 'revocable once no ad uses it');
    }),
    withStore('ads: SPARK-11 recordExpiries stops ads whose authorization expired (even revoked), once, with events', async (store) => {
      const base = new Date('2033-01-01T00:00:00Z');
      const code = await seedCode(store, ['acc-1'], 7, base);
      const revoked = await seedCode(store, ['acc-1'], 30, base);
      const live = adRecord({ code }); await store.insertAd(live, LIMITS, []); await moveTo(store, live, RUNNING, base);
      const draft = adRecord({ code }); await store.insertAd(draft, LIMITS, []);
      const pausedByRevoke = adRecord({ code: revoked }); await store.insertAd(pausedByRevoke, LIMITS, []); await moveTo(store, pausedByRevoke, RUNNING, base);
      await store.revokeCode(revoked.id, new Date(base.getTime() + DAY_MS), { kind: 'creator', id: 'c' }, [], pauseAds);
      const at = new Date(base.getTime() + 31 * DAY_MS);
      const before = await eventCount(store);
      const out = await store.recordExpiries(at, 100, (r) => event('t.expired', r.id, at), adEvent);
      checkEqual(out.codes.map((c) => c.id), [code.id], 'the unrevoked code\'s expiry recorded');
      checkEqual(out.stoppedAds.map((a) => a.id), [live.id, pausedByRevoke.id], 'both ads stopped, oldest expiry first');
      check(out.stoppedAds.every((a) => a.status === 'STOPPED' && a.statusReason === 'authorization_expired'), 'stopped with the reason');
      checkEqual(out.stoppedAds.map((a) => a.statusChangedAt.getTime()), [code.expiresAt.getTime(), revoked.expiresAt.getTime()], 'stopped at the expiry instants');
      checkEqual((await store.getAd(live.id))?.status, 'STOPPED', 'stored');
      checkEqual((await eventsAfter(store, before)).map((e) => e.type), ['t.expired', 't.ad_stopped', 't.ad_stopped'], 'events');
      checkEqual((await store.getAd(draft.id))?.status, 'DRAFT', 'a draft is not stopped');
      const again = await store.recordExpiries(at, 100, (r) => event('t', r.id), adEvent);
      check(again.codes.length === 0 && again.stoppedAds.length === 0, 'a second sweep records nothing');
    }),
    withStore('ads: ADV-06 listAdsAtRisk returns the live AUTH_CODE ads running past or expiring within the window', async (store) => {
      const base = new Date('2034-01-01T00:00:00Z');
      const code = await seedCode(store, ['acc-r'], 30, base);
      const mk = async (endDays: number | undefined, status: AdStatus[] = []) => {
        const ad = adRecord({ code, adAccountId: 'acc-r', schedule: { startAt: base, ...(endDays !== undefined ? { endAt: new Date(base.getTime() + endDays * DAY_MS) } : {}) } });
        await store.insertAd(ad, LIMITS, []);
        if (status.length > 0) await moveTo(store, ad, status, base);
        return ad.id;
      };
      const open = await mk(undefined);
      const past = await mk(40);
      const fits = await mk(20);
      await mk(40, ['IN_REVIEW', 'REJECTED']);
      await mk(40, ['IN_REVIEW', 'APPROVED', 'STOPPED']);
      await store.insertAd(adRecord({ adAccountId: 'acc-r' }), LIMITS, []);
      checkEqual((await store.listAdsAtRisk('acc-r' as AdAccountId, base, DAY_MS)).map((a) => a.id), [open, past], 'running past the expiry, oldest first');
      checkEqual((await store.listAdsAtRisk('acc-r' as AdAccountId, base, 30 * DAY_MS + 1)).map((a) => a.id), [open, past, fits], 'expiring within the window');
      checkEqual((await store.listAdsAtRisk('acc-r' as AdAccountId, new Date(base.getTime() + 30 * DAY_MS), DAY_MS)).length, 0, 'nothing once expired');
      const row = (await store.listAdsAtRisk('acc-r' as AdAccountId, base, DAY_MS))[1]!;
      checkEqual(row.authorization?.expiresAt.getTime(), code.expiresAt.getTime(), 'facts carry the expiry');
      checkEqual(row.schedule.endAt?.getTime(), base.getTime() + 40 * DAY_MS, 'and the schedule');
    }),
    withStore('ads: X-03 an event builder that throws leaves nothing written', async (store) => {
      const code = await seedCode(store, ['acc-1']);
      const a = adRecord({ code }); await store.insertAd(a, LIMITS, []); await moveTo(store, a, RUNNING);
      const before = await eventCount(store);
      const boom = () => { throw new Error('builder failed'); };
      let thrown = 0;
      try { await store.revokeCode(code.id, T0, SYS, [], { mode: 'pause-ads', adEventFor: boom }); } catch { thrown++; }
      try { await store.changeAdStatus({ adId: a.id, adAccountId: a.adAccountId, from: ['RUNNING'], to: 'PAUSED', at: T0, by: SYS, requireAuthorization: false }, boom); } catch { thrown++; }
      try { await store.recordExpiries(code.expiresAt, 100, (r) => event('t', r.id), boom); } catch { thrown++; }
      checkEqual(thrown, 3, 'each rejects');
      checkEqual(await eventCount(store), before, 'no event');
      checkEqual((await store.getAd(a.id))?.status, 'RUNNING', 'ad unchanged');
      checkEqual((await store.getCode(code.id))?.revokedAt, undefined, 'code unchanged');
      checkEqual((await store.recordExpiries(code.expiresAt, 100, (r) => event('t', r.id), adEvent)).stoppedAds.length, 1, 'the sweep still finds the ad afterwards');
    }),
  ];

  const services = (store: AdsPorts, seed: number, policy?: Policy) => {
    const clock = manualClock(T0);
    const random = seededRandom(seed);
    const opts = { store, clock, random, ...(policy ? { policy } : {}) };
    return { clock, spark: createSparkCodes({ ...opts, codeSecret: SECRET }), ads: createAds(opts) };
  };
  const creatorFacts = (id: string) => ({ id, displayName: 'C', accountType: 'CREATOR', followerCount: 50_000, adAuthorizationEnabled: true, adTermsAccepted: true });
  const videoFacts = (id: string, ownerId: string) => ({ id, ownerId, visibility: 'PUBLIC', isOriginal: true, adAuthorizationEnabled: true, music: 'ORIGINAL' });
  const adv = (adAccountId: string) => ({ adAccountId, hasActivePaymentMethod: true, hasCreativeLibraryAccess: true });
  const campaign = { campaignId: 'cmp', objective: 'VIDEO_VIEWS', placements: ['TIKTOK'], campaignType: 'MANUAL' };

  async function confirmed(spark: SparkCodes, acc: string) {
    const creatorId = uniq('creator');
    const g = (await spark.generateCode({ creator: creatorFacts(creatorId), video: videoFacts(uniq('video'), creatorId), periodDays: 30 })).unwrap();
    (await spark.confirmCode({ advertiser: adv(acc), code: g.code })).unwrap();
    return { codeId: g.summary.id, creatorId };
  }
  async function adIn(ads: Ads, acc: string, codeId: string, path: readonly ('submit' | 'approve' | 'start' | 'pause')[]) {
    const ad = (await ads.createAd({ adAccountId: acc, name: 'Ad', campaign, schedule: { startAt: T0 }, identity: { type: 'AUTH_CODE', codeId } })).unwrap();
    const ref = { adAccountId: acc, adId: ad.id };
    for (const step of path) (step === 'approve' ? await ads.review({ ...ref, approved: true }) : await ads[step](ref)).unwrap();
    return ad.id;
  }
  /** The race invariant: after the revocation, no ad of the code delivers or entered review/delivery. */
  async function assertNoDeliveryAfterRevoke(store: AdsPorts, codeId: string) {
    const code = await store.getCode(codeId as AdCodeId);
    check(code?.revokedAt !== undefined, 'the code is revoked');
    for (const ad of await store.listAdsByCode(codeId as AdCodeId)) {
      const s = adStatusAt(ad, code!.revokedAt!).status;
      check(s !== 'RUNNING' && s !== 'APPROVED', `ad ${ad.id} is ${s} on a revoked code`);
    }
    const events = await store.readEvents({ after: 0, limit: 100_000 });
    const revokedSeq = events.find((e) => e.type === 'spark.code_revoked' && e.subject.id === codeId)!.seq;
    const late = events.filter((e) => e.seq > revokedSeq && ['ads.submitted', 'ads.started', 'ads.resumed'].includes(e.type) && (e.data as { codeId?: string }).codeId === codeId);
    checkEqual(late.map((e) => e.type), [], 'no ad of the code submitted, started or resumed after the revocation');
  }

  const races: ConformanceCheck[] = [
    withStore('ads race: SPARK-10 revoke concurrent with submit, start and resume never leaves an ad delivering on a revoked code', async (store) => {
      const { spark, ads } = services(store, 41);
      const acc = uniq('acc');
      const c = await confirmed(spark, acc);
      const drafts = await Promise.all(Array.from({ length: 3 }, () => adIn(ads, acc, c.codeId, [])));
      const approved = await Promise.all(Array.from({ length: 3 }, () => adIn(ads, acc, c.codeId, ['submit', 'approve'])));
      const paused = await Promise.all(Array.from({ length: 3 }, () => adIn(ads, acc, c.codeId, ['submit', 'approve', 'start', 'pause'])));
      await Promise.all([
        ...drafts.map((adId) => ads.submit({ adAccountId: acc, adId })),
        ...approved.map((adId) => ads.start({ adAccountId: acc, adId })),
        spark.revokeCode({ creatorId: c.creatorId, codeId: c.codeId }),
        ...paused.map((adId) => ads.resume({ adAccountId: acc, adId })),
      ]);
      await assertNoDeliveryAfterRevoke(store, c.codeId);
    }),
    {
      name: 'ads race (fc.scheduler): SPARK-10 under every interleaving of revoke with submit/start/resume, no ad delivers on the revoked code',
      async run() {
        await fc.assert(
          fc.asyncProperty(fc.scheduler(), fc.integer({ min: 1, max: 3 }), async (s, n) => {
            const handle = await factory();
            try {
              const raw = handle.store;
              const scheduled = scheduledStore(s, raw);
              const setup = services(raw, 42);
              const acc = uniq('acc');
              const c = await confirmed(setup.spark, acc);
              const drafts = [], approved = [], paused = [];
              for (let i = 0; i < n; i++) {
                drafts.push(await adIn(setup.ads, acc, c.codeId, []));
                approved.push(await adIn(setup.ads, acc, c.codeId, ['submit', 'approve']));
                paused.push(await adIn(setup.ads, acc, c.codeId, ['submit', 'approve', 'start', 'pause']));
              }
              const { spark, ads } = services(scheduled, 43);
              const tasks: Promise<unknown>[] = [
                ...drafts.map((adId) => ads.submit({ adAccountId: acc, adId })),
                ...approved.map((adId) => ads.start({ adAccountId: acc, adId })),
                ...paused.map((adId) => ads.resume({ adAccountId: acc, adId })),
                spark.revokeCode({ creatorId: c.creatorId, codeId: c.codeId }),
              ];
              await s.waitFor(Promise.all(tasks));
              await assertNoDeliveryAfterRevoke(raw, c.codeId);
            } finally {
              await handle.close?.();
            }
          }),
          { numRuns: Math.max(5, Math.floor(numRuns / 2)) },
        );
      },
    },
    withStore('ads race: ADV-04 concurrent creations never exceed the Spark Ads limit', async (store) => {
      const policy = definePolicy({ maxSparkAdsPerAdAccount: 5 }).unwrap();
      const { spark, ads } = services(store, 44, policy);
      const acc = uniq('acc');
      const c = await confirmed(spark, acc);
      const rs = await Promise.all(Array.from({ length: 20 }, () =>
        ads.createAd({ adAccountId: acc, name: 'Ad', campaign, schedule: { startAt: T0 }, identity: { type: 'AUTH_CODE', codeId: c.codeId } })));
      checkEqual(rs.filter((r) => r.isOk()).length, 5, 'exactly the limit created');
      checkEqual((await store.listAdsByAccount(acc as AdAccountId)).length, 5, 'five stored');
    }),
  ];

  const faults: ConformanceCheck[] = [
    {
      name: 'ads X-03: a storage failure at any write of an ads workflow (create, submit, revoke with ads, expiry sweep) leaves no partial state',
      async run() {
        const workflows: { name: string; run: (x: { spark: SparkCodes; ads: Ads }, ctx: { acc: string; codeId: string; creatorId: string; adId: string }) => Promise<{ isErr(): boolean }> }[] = [
          { name: 'create', run: ({ ads }, c) => ads.createAd({ adAccountId: c.acc, name: 'Ad', campaign, schedule: { startAt: T0 }, identity: { type: 'AUTH_CODE', codeId: c.codeId } }) },
          { name: 'start', run: ({ ads }, c) => ads.start({ adAccountId: c.acc, adId: c.adId }) },
          { name: 'revoke', run: ({ spark }, c) => spark.revokeCode({ creatorId: c.creatorId, codeId: c.codeId }) },
          { name: 'sweep', run: ({ ads }) => ads.expireDue() },
        ];
        for (const wf of workflows) {
          for (let n = 1; n <= 2; n++) {
            const handle = await factory();
            try {
              const setup = services(handle.store, 45);
              const acc = uniq('acc');
              const c = await confirmed(setup.spark, acc);
              const adId = await adIn(setup.ads, acc, c.codeId, ['submit', 'approve']);
              await adIn(setup.ads, acc, c.codeId, ['submit', 'approve', 'start']);
              if (wf.name === 'sweep') setup.clock.advance(31 * DAY_MS);
              const snapshot = async () => JSON.stringify({
                events: await handle.store.readEvents({ after: 0, limit: 100_000 }),
                ads: await handle.store.listAdsByAccount(acc as AdAccountId),
                code: await handle.store.getCode(c.codeId as AdCodeId),
              });
              const before = await snapshot();
              const wrapped = failingStore(handle.store, { failOnWrite: n });
              const opts = { store: wrapped, clock: setup.clock, random: seededRandom(46) };
              const result = await wf.run({ spark: createSparkCodes({ ...opts, codeSecret: SECRET }), ads: createAds(opts) }, { acc, codeId: c.codeId, creatorId: c.creatorId, adId });
              if (wrapped.writesAttempted() >= n) {
                check(result.isErr() && (result as unknown as { error: { code: string } }).error.code === 'storage', `${wf.name}: failure #${n} is a storage error`);
                checkEqual(await snapshot(), before, `${wf.name}: state unchanged after failure #${n}`);
              }
            } finally {
              await handle.close?.();
            }
          }
        }
      },
    },
  ];

  return [...sequential, ...races, ...faults, adModelCheck(factory, numRuns)];
}

// ---- model-based run of the ad lifecycle -----------------------------------------------------

interface ModelAd { id: string; status: AdStatus; reason?: string; code: number }
interface ModelCode { id: string; creatorId: string; expiresAt: number; revokedAt?: number }
interface Model { now: number; codes: ModelCode[]; ads: ModelAd[] }
interface Real { spark: SparkCodes; ads: Ads; clock: ReturnType<typeof manualClock>; store: AdsPorts }

const ACC = 'model-acc';
const inForce = (c: ModelCode, t: number) => t < c.expiresAt && (c.revokedAt === undefined || c.revokedAt > t);
const effective = (m: Model, a: ModelAd): { status: AdStatus; reason?: string } => {
  const c = m.codes[a.code]!;
  if (['IN_REVIEW', 'APPROVED', 'RUNNING', 'PAUSED'].includes(a.status) && m.now >= c.expiresAt) return { status: 'STOPPED', reason: 'authorization_expired' };
  return { status: a.status, ...(a.reason !== undefined ? { reason: a.reason } : {}) };
};

class NewCode implements fc.AsyncCommand<Model, Real> {
  constructor(readonly period: number) {}
  check(m: Readonly<Model>) { return m.codes.length < 4; }
  async run(m: Model, r: Real) {
    const creatorId = `mc-${m.codes.length}`;
    const g = (await r.spark.generateCode({
      creator: { id: creatorId, displayName: 'C', accountType: 'CREATOR', followerCount: 50_000, adAuthorizationEnabled: true, adTermsAccepted: true },
      video: { id: `mv-${m.codes.length}`, ownerId: creatorId, visibility: 'PUBLIC', isOriginal: true, adAuthorizationEnabled: true, music: 'ORIGINAL' }, periodDays: this.period,
    })).unwrap();
    (await r.spark.confirmCode({ advertiser: { adAccountId: ACC, hasActivePaymentMethod: true, hasCreativeLibraryAccess: true }, code: g.code })).unwrap();
    m.codes.push({ id: g.summary.id, creatorId, expiresAt: m.now + this.period * DAY_MS });
  }
  toString() { return `newCode(${this.period}d)`; }
}
class CreateAd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  check(m: Readonly<Model>) { return m.codes.length > 0; }
  async run(m: Model, r: Real) {
    const i = this.pick % m.codes.length;
    const c = m.codes[i]!;
    const res = await r.ads.createAd({ adAccountId: ACC, name: 'Ad', campaign: { campaignId: 'c', objective: 'REACH', placements: ['TIKTOK'], campaignType: 'MANUAL' }, schedule: { startAt: new Date(m.now) }, identity: { type: 'AUTH_CODE', codeId: c.id } });
    check(res.isOk() === inForce(c, m.now), `create on code #${i}: expected ${inForce(c, m.now) ? 'success' : 'refusal'}`);
    if (res.isOk()) m.ads.push({ id: res.value.id, status: 'DRAFT', code: i });
  }
  toString() { return `createAd(#${this.pick})`; }
}
const NEXT: Partial<Record<AdStatus, AdAction>> = { DRAFT: 'submit', IN_REVIEW: 'approve', APPROVED: 'start', RUNNING: 'pause', PAUSED: 'resume', REJECTED: 'submit' };
class Act implements fc.AsyncCommand<Model, Real> {
  /** `next` moves the ad along the usual path (so runs reach the later statuses often). */
  constructor(readonly pick: number, readonly requested: AdAction | 'next') {}
  check(m: Readonly<Model>) { return m.ads.length > 0; }
  private action: AdAction = 'submit';
  async run(m: Model, r: Real) {
    const a = m.ads[this.pick % m.ads.length]!;
    this.action = this.requested === 'next' ? NEXT[a.status] ?? 'stop' : this.requested;
    const t = AD_TRANSITIONS[this.action];
    const ref = { adAccountId: ACC, adId: a.id };
    const res = this.action === 'approve' || this.action === 'reject' ? await r.ads.review({ ...ref, approved: this.action === 'approve' }) : await r.ads[this.action](ref);
    const now = effective(m, a);
    const ok = t.from.includes(now.status) && (!t.needsAuthorization || inForce(m.codes[a.code]!, m.now));
    check(res.isOk() === ok, `${this.action} on ${now.status}: expected ${ok ? 'success' : 'refusal'}`);
    if (ok) {
      a.status = t.to;
      if (this.action === 'pause' || this.action === 'stop') a.reason = 'advertiser';
      else delete a.reason;
    }
  }
  toString() { return `${this.requested === 'next' ? `next:${this.action}` : this.action}(#${this.pick})`; }
}
class Revoke implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  check(m: Readonly<Model>) { return m.codes.length > 0; }
  async run(m: Model, r: Real) {
    const i = this.pick % m.codes.length;
    const c = m.codes[i]!;
    const res = (await r.spark.revokeCode({ creatorId: c.creatorId, codeId: c.id })).unwrap();
    const was = inForce(c, m.now);
    checkEqual(res.revoked, was, 'revoked only when in force');
    if (!was) return;
    c.revokedAt = m.now;
    const expected: string[] = [];
    for (const a of m.ads) {
      if (a.code === i && ['APPROVED', 'RUNNING'].includes(effective(m, a).status)) { a.status = 'PAUSED'; a.reason = 'authorization_revoked'; expected.push(a.id); }
    }
    checkEqual(res.pausedAds.map((x) => x.id), expected, 'the revocation paused exactly the approved and running ads');
  }
  toString() { return `revoke(#${this.pick})`; }
}
class Advance implements fc.AsyncCommand<Model, Real> {
  constructor(readonly ms: number) {}
  check() { return true; }
  async run(m: Model, r: Real) { m.now += this.ms; r.clock.advance(this.ms); }
  toString() { return `advance(${this.ms})`; }
}
class Sweep implements fc.AsyncCommand<Model, Real> {
  check() { return true; }
  async run(m: Model, r: Real) {
    const out = (await r.ads.expireDue()).unwrap();
    const expected = m.ads.filter((a) => effective(m, a).reason === 'authorization_expired' && a.status !== 'STOPPED');
    checkEqual(out.stoppedAds.map((a) => a.id).sort(), expected.map((a) => a.id).sort(), 'the sweep stops exactly the expired ads');
    for (const a of expected) { a.status = 'STOPPED'; a.reason = 'authorization_expired'; }
  }
  toString() { return 'expireDue()'; }
}
class Read implements fc.AsyncCommand<Model, Real> {
  check(m: Readonly<Model>) { return m.ads.length > 0; }
  async run(m: Model, r: Real) {
    const views = (await r.ads.listAds(ACC)).unwrap();
    checkEqual(views.map((v) => [v.id, v.status, v.statusReason ?? null]), m.ads.map((a) => { const e = effective(m, a); return [a.id, e.status, e.reason ?? null]; }), 'every ad reads as the model says');
  }
  toString() { return 'listAds()'; }
}

function adModelCheck(factory: StoreFactory<AdsPorts>, numRuns: number): ConformanceCheck {
  return {
    name: 'ads model: ADV-05/ADV-06 the ad lifecycle with revocation and expiry matches a simple model (fc.commands)',
    async run() {
      const actions: AdAction[] = ['submit', 'approve', 'reject', 'start', 'pause', 'resume', 'stop'];
      const commands = [
        fc.constantFrom(7, 30).map((p) => new NewCode(p)),
        fc.nat().map((p) => new CreateAd(p)),
        fc.tuple(fc.nat(), fc.constantFrom(...actions)).map(([p, a]) => new Act(p, a)),
        fc.nat().map((p) => new Act(p, 'next')),
        fc.nat().map((p) => new Act(p, 'next')),
        fc.nat().map((p) => new Revoke(p)),
        fc.oneof(fc.integer({ min: 1, max: 3 * DAY_MS }), fc.constantFrom(7 * DAY_MS, 1)).map((ms) => new Advance(ms)),
        fc.constant(new Sweep()),
        fc.constant(new Read()),
      ];
      await fc.assert(
        fc.asyncProperty(fc.commands(commands, { maxCommands: 60, size: 'large' }), async (cmds) => {
          const handle = await factory();
          try {
            const clock = manualClock(T0);
            const random = seededRandom(47);
            const real: Real = { spark: createSparkCodes({ store: handle.store, clock, random, codeSecret: SECRET }), ads: createAds({ store: handle.store, clock, random }), clock, store: handle.store };
            await fc.asyncModelRun(() => ({ model: { now: T0.getTime(), codes: [], ads: [] }, real }), cmds);
          } finally {
            await handle.close?.();
          }
        }),
        { numRuns },
      );
    },
  };
}
