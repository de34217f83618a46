import fc from 'fast-check';
import type { AdAccountId, AdCodeId, CreatorId, EventId, VideoId } from '../kernel/ids.js';
import type { NewEvent } from '../kernel/events.js';
import { DAY_MS, HOUR_MS } from '../kernel/time.js';
import { definePolicy } from '../kernel/policy-schema.js';
import { manualClock } from '../adapters/clock/manual-clock.js';
import { seededRandom } from '../adapters/random/seeded-random.js';
import type { SparkCodeStore } from '../ports/spark-code-store.js';
import type { AdCodeRecord, LibraryEntry } from '../spark-codes/spark-codes.model.js';
import { isInForce } from '../spark-codes/spark-codes.rules.js';
import { createSparkCodes, type SparkCodes } from '../spark-codes/spark-codes.service.js';
import { check, checkEqual, checkWithStore, scheduledStore } from './check.js';
import { failingStore } from './failing-store.js';
import { adEvent, pauseAds } from './effects.js';
import type { ConformanceCheck, StoreFactory } from './conformance.js';

const T0 = new Date('2026-01-01T00:00:00.000Z');
const SECRET = 'conformance-secret-at-least-32-characters';

let counter = 0;
function uniq(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}-${Math.floor(Math.random() * 1e9).toString(36)}`;
}

function record(over: Partial<AdCodeRecord> = {}): AdCodeRecord {
  const id = uniq('code') as AdCodeId;
  const creatorId = (over.creatorId ?? uniq('creator')) as CreatorId;
  const videoId = (over.videoId ?? uniq('video')) as VideoId;
  const generatedAt = over.generatedAt ?? T0;
  const periodDays = over.periodDays ?? 30;
  return {
    id, digest: uniq('digest').padEnd(64, '0'), nonce: '00'.repeat(32), fingerprint: '#abcd…wxyz', creatorId, videoId, periodDays,
    generatedAt, expiresAt: new Date(generatedAt.getTime() + periodDays * DAY_MS),
    preview: { creatorId, creatorName: 'C', videoId }, ...over,
  };
}

function event(type: string, subjectId: string, at = T0): NewEvent {
  return { id: uniq('evt') as EventId, type, at, actor: { kind: 'system', id: 'test' }, subject: { kind: 'test', id: subjectId }, data: { n: 1 } };
}

function entry(code: AdCodeRecord, adAccountId: string, at: Date): LibraryEntry {
  return { adAccountId: adAccountId as AdAccountId, codeId: code.id, videoId: code.videoId, creatorId: code.creatorId, confirmedAt: at, confirmedBy: { kind: 'advertiser', id: adAccountId }, preview: code.preview };
}

async function eventCount(store: SparkCodeStore): Promise<number> {
  let n = 0;
  for (;;) {
    const page = await store.readEvents({ after: n, limit: 1000 });
    n += page.length;
    if (page.length < 1000) return n;
  }
}

function eligible(i: number, videoId = `video-${i}`) {
  const cid = `creator-${i}`;
  return {
    creator: { id: cid, displayName: `Creator ${i}`, accountType: 'CREATOR', followerCount: 50_000, adAuthorizationEnabled: true, adTermsAccepted: true },
    video: { id: videoId, ownerId: cid, visibility: 'PUBLIC', isOriginal: true, adAuthorizationEnabled: true, music: 'ORIGINAL', title: `Video ${videoId}` },
  };
}
const advertiserFacts = (adAccountId: string) => ({ adAccountId, hasActivePaymentMethod: true, hasCreativeLibraryAccess: true });

/** The Spark codes part of the store conformance suite. */
export function sparkCodeChecks(factory: StoreFactory<SparkCodeStore>, numRuns: number): ConformanceCheck[] {
  const withStore = checkWithStore(factory);

  const sequential: ConformanceCheck[] = [
    withStore('spark: insertCode stores the record, appends its events, and copies it', async (store) => {
      const r = record();
      const before = await eventCount(store);
      const out = await store.insertCode(r, [event('t.inserted', r.id)]);
      check(out.kind === 'inserted', 'insert of a fresh code succeeds');
      const got = await store.getCode(r.id);
      checkEqual(got, r, 'getCode returns what was inserted');
      check(got !== undefined && got.generatedAt instanceof Date, 'instants come back as Dates');
      checkEqual(await eventCount(store), before + 1, 'one event appended');
      checkEqual(await store.getCode(uniq('missing') as AdCodeId), undefined, 'a missing code is undefined');
      // What a caller does to records it passed in or got back never reaches the store: it gets
      // copies, or frozen parts it cannot change (a frozen object throws on write in strict mode).
      const attempt = (write: () => void) => { try { write(); } catch (e) { if (!(e instanceof TypeError)) throw e; } };
      const passed = r as { -readonly [K in keyof AdCodeRecord]: AdCodeRecord[K] };
      attempt(() => { passed.expiresAt.setTime(0); });
      attempt(() => { (passed.preview as { title?: string }).title = 'changed'; });
      const returned = got as { -readonly [K in keyof AdCodeRecord]: AdCodeRecord[K] };
      attempt(() => { returned.generatedAt.setTime(0); });
      attempt(() => { (returned.preview as { title?: string }).title = 'changed'; });
      attempt(() => { returned.fingerprint = 'changed'; });
      checkEqual(await store.getCode(r.id), record({ id: r.id, digest: r.digest, videoId: r.videoId, creatorId: r.creatorId, generatedAt: T0 }), 'mutating passed or returned records changes nothing stored');
    }),
    withStore('spark: SPARK-09 decision — one code in force per video, a new one after revoke or expiry', async (store) => {
      const first = record();
      await store.insertCode(first, []);
      const second = record({ videoId: first.videoId, creatorId: first.creatorId, generatedAt: new Date(T0.getTime() + DAY_MS) });
      const before = await eventCount(store);
      const out = await store.insertCode(second, [event('t.second', second.id)]);
      check(out.kind === 'video_has_code_in_force' && out.existing.id === first.id, 'a second code while the first is in force is refused');
      checkEqual(await store.getCode(second.id), undefined, 'the refused code was not stored');
      checkEqual(await eventCount(store), before, 'no event for a refused insert');
      const afterExpiry = record({ videoId: first.videoId, creatorId: first.creatorId, generatedAt: first.expiresAt });
      check((await store.insertCode(afterExpiry, [])).kind === 'inserted', 'a new code from the old one\'s expiry instant on is accepted');
      const revokeAt = new Date(afterExpiry.generatedAt.getTime() + HOUR_MS);
      check((await store.revokeCode(afterExpiry.id, revokeAt, { kind: 'creator', id: 'c' }, [], pauseAds)).kind === 'revoked', 'revoke');
      const third = record({ videoId: first.videoId, creatorId: first.creatorId, generatedAt: revokeAt });
      check((await store.insertCode(third, [])).kind === 'inserted', 'a new code after revocation is accepted');
      checkEqual((await store.latestCodeForVideo(first.videoId))?.id, third.id, 'latestCodeForVideo is the newest');
    }),
    withStore('spark: duplicate id or digest rejects and writes nothing', async (store) => {
      const r = record();
      await store.insertCode(r, []);
      const before = await eventCount(store);
      let rejected = 0;
      try { await store.insertCode({ ...record(), id: r.id }, [event('t.dup', r.id)]); } catch { rejected++; }
      try { await store.insertCode({ ...record(), digest: r.digest }, [event('t.dup', r.id)]); } catch { rejected++; }
      checkEqual(rejected, 2, 'both duplicates reject');
      checkEqual(await eventCount(store), before, 'no events from rejected inserts');
    }),
    withStore('spark: lookupForSearch finds by digest, counts misses, throttles at the limit', async (store) => {
      const r = record();
      await store.insertCode(r, []);
      const acc = uniq('adacc') as AdAccountId;
      const q = (digest: string | undefined, at: Date) => store.lookupForSearch({ adAccountId: acc, digest, at, maxFailed: 3, windowMs: HOUR_MS, failedEvent: () => event('t.failed', acc, at) });
      const hit = await q(r.digest, T0);
      check(hit.kind === 'found' && hit.record.id === r.id && !hit.confirmedByAnotherAdAccount, 'found by digest');
      const before = await eventCount(store);
      for (let i = 0; i < 3; i++) checkEqual((await q(i === 0 ? undefined : 'f'.repeat(64), new Date(T0.getTime() + i * 1000))).kind, 'not_found', 'miss');
      checkEqual(await eventCount(store), before + 3, 'each miss appends its event');
      const throttled = await q(r.digest, new Date(T0.getTime() + 5000));
      check(throttled.kind === 'throttled', 'fourth search inside the window is throttled, even with a good code');
      checkEqual(throttled.kind === 'throttled' ? throttled.retryAt.toISOString() : '', new Date(T0.getTime() + HOUR_MS).toISOString(), 'retry when the oldest miss leaves the window');
      checkEqual(await eventCount(store), before + 3, 'a throttled search records nothing');
      checkEqual((await q(r.digest, new Date(T0.getTime() + HOUR_MS))).kind, 'found', 'allowed again once the oldest miss left the window');
      const other = await store.lookupForSearch({ adAccountId: uniq('adacc') as AdAccountId, digest: r.digest, at: T0, maxFailed: 3, windowMs: HOUR_MS, failedEvent: () => event('t', 'x') });
      checkEqual(other.kind, 'found', 'the limit is per ad account');
    }),
    withStore('spark: confirm is idempotent per ad account, single use when asked, refused when not in force', async (store) => {
      const r = record();
      await store.insertCode(r, []);
      const at = new Date(T0.getTime() + HOUR_MS);
      const a = await store.confirm(entry(r, 'acc-a', at), { singleUse: true }, [event('t.confirmed', r.id, at)]);
      check(a.kind === 'added' && a.record.firstConfirmedAt?.getTime() === at.getTime(), 'first confirm adds and marks first use');
      const before = await eventCount(store);
      const again = await store.confirm(entry(r, 'acc-a', new Date(at.getTime() + 1)), { singleUse: true }, [event('t.confirmed', r.id)]);
      check(again.kind === 'already_confirmed' && again.entry.confirmedAt.getTime() === at.getTime(), 'second confirm returns the first entry');
      check((await store.confirm(entry(r, 'acc-b', at), { singleUse: true }, [event('t', r.id)])).kind === 'used_by_another_ad_account', 'single use refuses a second account');
      check((await store.confirm(entry(r, 'acc-b', at), { singleUse: false }, [event('t', r.id)])).kind === 'added', 'multi-account accepts a second account');
      checkEqual(await eventCount(store), before + 1, 'only the added confirm wrote an event');
      checkEqual((await store.listLibrary('acc-a' as AdAccountId)).map((e) => e.codeId), [r.id], 'library of acc-a');
      const lookup = await store.lookupForSearch({ adAccountId: 'acc-c' as AdAccountId, digest: r.digest, at, maxFailed: 5, windowMs: HOUR_MS, failedEvent: () => event('t', 'x') });
      check(lookup.kind === 'found' && lookup.confirmedByAnotherAdAccount, 'search reports confirmation by another account');
      check((await store.confirm(entry(r, 'acc-d', r.expiresAt), { singleUse: false }, [])).kind === 'not_in_force', 'confirm at the expiry instant is refused');
      check((await store.confirm(entry(record(), 'acc-d', at), { singleUse: false }, [])).kind === 'not_found', 'unknown code');
    }),
    withStore('spark: revoke is terminal and idempotent', async (store) => {
      const r = record();
      await store.insertCode(r, []);
      const at = new Date(T0.getTime() + DAY_MS);
      const out = await store.revokeCode(r.id, at, { kind: 'creator', id: r.creatorId }, [event('t.revoked', r.id, at)], pauseAds);
      check(out.kind === 'revoked' && out.record.revokedAt?.getTime() === at.getTime(), 'revoked at the given instant');
      const before = await eventCount(store);
      check((await store.revokeCode(r.id, new Date(at.getTime() + 1), { kind: 'creator', id: 'x' }, [event('t', r.id)], pauseAds)).kind === 'already_ended', 'second revoke is a no-op');
      checkEqual(await eventCount(store), before, 'no event for the no-op');
      checkEqual((await store.getCode(r.id))?.revokedAt?.getTime(), at.getTime(), 'first revocation instant kept');
      check((await store.confirm(entry(r, 'acc', new Date(at.getTime() + 1)), { singleUse: false }, [])).kind === 'not_in_force', 'a revoked code cannot be confirmed');
      const expired = record();
      await store.insertCode(expired, []);
      check((await store.revokeCode(expired.id, expired.expiresAt, { kind: 'creator', id: 'c' }, [], pauseAds)).kind === 'already_ended', 'revoking an expired code is a no-op');
      check((await store.revokeCode(uniq('none') as AdCodeId, at, { kind: 'creator', id: 'c' }, [], pauseAds)).kind === 'not_found', 'unknown code');
    }),
    withStore('spark: recordExpiries records each due code once, oldest first, skipping revoked ones', async (store) => {
      const base = new Date('2031-01-01T00:00:00Z'); // far from the other checks' codes
      const a = record({ generatedAt: base, periodDays: 7 });
      const b = record({ generatedAt: base, periodDays: 30 });
      const c = record({ generatedAt: base, periodDays: 60 });
      const d = record({ generatedAt: base, periodDays: 7 });
      for (const r of [c, b, a, d]) await store.insertCode(r, []);
      await store.revokeCode(d.id, new Date(base.getTime() + DAY_MS), { kind: 'creator', id: 'c' }, [], pauseAds);
      const at = new Date(base.getTime() + 30 * DAY_MS);
      const first = (await store.recordExpiries(at, 1, (r) => event('t.expired', r.id, at), adEvent)).codes;
      checkEqual(first.map((r) => r.id), [a.id], 'limit respected, oldest first');
      const rest = (await store.recordExpiries(at, 100, (r) => event('t.expired', r.id, at), adEvent)).codes;
      check(rest.some((r) => r.id === b.id) && !rest.some((r) => r.id === d.id || r.id === c.id || r.id === a.id), 'b due at the instant; revoked d and future c skipped');
      checkEqual((await store.getCode(b.id))?.expiryRecordedAt?.getTime(), at.getTime(), 'expiryRecordedAt set');
      const before = await eventCount(store);
      checkEqual((await store.recordExpiries(at, 100, (r) => event('t', r.id), adEvent)).codes.length, 0, 'second sweep records nothing');
      checkEqual(await eventCount(store), before, 'and appends nothing');
    }),
    withStore('spark: lists by creator, library and expiry window', async (store) => {
      const creatorId = uniq('creator') as CreatorId;
      const base = new Date('2032-01-01T00:00:00Z');
      const r1 = record({ creatorId, generatedAt: base, periodDays: 7 });
      const r2 = record({ creatorId, generatedAt: new Date(base.getTime() + 1000), periodDays: 30 });
      const r3 = record({ creatorId, generatedAt: new Date(base.getTime() + 2000), periodDays: 60 });
      for (const r of [r1, r2, r3]) await store.insertCode(r, []);
      checkEqual((await store.listCodesByCreator(creatorId)).map((r) => r.id), [r3.id, r2.id, r1.id], 'newest first');
      await store.revokeCode(r3.id, new Date(base.getTime() + 5000), { kind: 'creator', id: creatorId }, [], pauseAds);
      const window = await store.listExpiringBetween(base, new Date(base.getTime() + 61 * DAY_MS));
      checkEqual(window.filter((r) => r.creatorId === creatorId).map((r) => r.id), [r1.id, r2.id], 'window by expiry, revoked excluded');
      const narrow = await store.listExpiringBetween(new Date(base.getTime() + 8 * DAY_MS), r2.expiresAt);
      check(!narrow.some((r) => r.id === r2.id), 'the window end is exclusive');
    }),
    withStore('spark: events read back in order with contiguous seq, and paging works', async (store) => {
      const start = await eventCount(store);
      for (let i = 0; i < 5; i++) { const r = record(); await store.insertCode(r, [event('t.a', r.id), event('t.b', r.id)]); }
      const all = await store.readEvents({ after: start, limit: 100 });
      checkEqual(all.length, 10, 'ten events');
      all.forEach((e, i) => checkEqual(e.seq, start + i + 1, 'seq contiguous'));
      checkEqual(all.map((e) => e.type).slice(0, 2), ['t.a', 't.b'], 'order within a write kept');
      const page = await store.readEvents({ after: start + 3, limit: 2 });
      checkEqual(page.map((e) => e.seq), [start + 4, start + 5], 'paging');
      check(all[0]!.at instanceof Date && all[0]!.actor.kind === 'system', 'envelope round-trips');
    }),
  ];

  const service = (store: SparkCodeStore, clockStart = T0, seed = 7) => {
    const clock = manualClock(clockStart);
    return { clock, spark: createSparkCodes({ store, clock, random: seededRandom(seed), codeSecret: SECRET }) };
  };

  const races: ConformanceCheck[] = [
    withStore('spark race: 20 concurrent generations for one video give exactly one code in force', async (store) => {
      const { spark, clock } = service(store, T0, 11);
      const videoId = uniq('video');
      const facts = eligible(1, videoId);
      const results = await Promise.all(Array.from({ length: 20 }, () => spark.generateCode({ ...facts, periodDays: 30 })));
      checkEqual(results.filter((r) => r.isOk()).length, 1, 'one generation succeeds');
      check(results.filter((r) => r.isErr()).every((r) => r.isErr() && r.error.code === 'denied' && r.error.violations.some((v) => v.code === 'spark.code_already_in_force')), 'the others are told a code is in force');
      const codes = await store.listCodesByCreator(facts.creator.id as CreatorId);
      checkEqual(codes.filter((c) => c.videoId === videoId && isInForce(c, clock.now())).length, 1, 'one code in force in the store');
    }),
    withStore('spark race: 50 concurrent confirms from one ad account give one library entry', async (store) => {
      const { spark } = service(store, T0, 12);
      const generated = (await spark.generateCode({ ...eligible(2, uniq('video')), periodDays: 7 })).unwrap();
      const acc = uniq('adacc');
      const results = await Promise.all(Array.from({ length: 50 }, () => spark.confirmCode({ advertiser: advertiserFacts(acc), code: generated.code })));
      check(results.every((r) => r.isOk()), 'every confirm answers Ok (idempotent)');
      checkEqual(results.filter((r) => r.isOk() && r.value.added).length, 1, 'exactly one added it');
      checkEqual((await store.listLibrary(acc as AdAccountId)).length, 1, 'one library entry');
    }),
    {
      name: 'spark race (fc.scheduler): generations, confirms and a revoke under every interleaving keep the invariants',
      async run() {
        await fc.assert(
          fc.asyncProperty(fc.scheduler(), fc.integer({ min: 2, max: 6 }), fc.integer({ min: 1, max: 6 }), async (s, gens, confirms) => {
            const handle = await factory();
            try {
              const raw = handle.store;
              // Every store call becomes a scheduled task: the scheduler picks the order they resolve in.
              const scheduled = scheduledStore(s, raw);
              const { spark, clock } = service(scheduled, T0, 13);
              const videoId = uniq('video');
              const facts = eligible(3, videoId);
              const seeded = await (async () => {
                const { spark: direct } = service(raw, T0, 14);
                return (await direct.generateCode({ ...eligible(4, uniq('video')), periodDays: 30 })).unwrap();
              })();
              const acc = uniq('adacc');
              const tasks: Promise<unknown>[] = [];
              for (let i = 0; i < gens; i++) tasks.push(spark.generateCode({ ...facts, periodDays: 7 }));
              for (let i = 0; i < confirms; i++) tasks.push(spark.confirmCode({ advertiser: advertiserFacts(acc), code: seeded.code }));
              tasks.push(spark.revokeCode({ creatorId: 'creator-4', codeId: seeded.summary.id }));
              await s.waitFor(Promise.all(tasks));
              const mine = (await raw.listCodesByCreator('creator-3' as CreatorId)).filter((c) => c.videoId === videoId);
              checkEqual(mine.filter((c) => isInForce(c, clock.now())).length, 1, 'one code in force for the video');
              const lib = await raw.listLibrary(acc as AdAccountId);
              check(lib.length <= 1, 'at most one library entry');
              const code = await raw.getCode(seeded.summary.id);
              check(code?.revokedAt !== undefined, 'revoked');
              if (lib.length === 1) check(lib[0]!.confirmedAt.getTime() <= code!.revokedAt!.getTime(), 'no confirmation recorded after revocation');
            } finally {
              await handle.close?.();
            }
          }),
          { numRuns: Math.max(5, Math.floor(numRuns / 4)) },
        );
      },
    },
  ];

  const faults: ConformanceCheck[] = [
    {
      name: 'spark X-03: a storage failure at any write of any workflow leaves no partial state or stray event',
      async run() {
        const workflows: { name: string; run: (spark: SparkCodes, ctx: { code: string; codeId: string }) => Promise<{ isErr(): boolean }> }[] = [
          { name: 'generate', run: (s) => s.generateCode({ ...eligible(9, uniq('video')), periodDays: 30 }) },
          { name: 'confirm', run: (s, c) => s.confirmCode({ advertiser: advertiserFacts('acc-fault'), code: c.code }) },
          { name: 'failed search', run: (s) => s.searchCode({ advertiser: advertiserFacts('acc-fault'), code: '#not-a-code' }) },
          { name: 'revoke', run: (s, c) => s.revokeCode({ creatorId: 'creator-8', codeId: c.codeId }) },
          { name: 'expire sweep', run: async (s) => s.expireDue() },
        ];
        for (const wf of workflows) {
          for (let n = 1; n <= 3; n++) {
            const handle = await factory();
            try {
              const setupSvc = service(handle.store, T0, 21);
              const g = (await setupSvc.spark.generateCode({ ...eligible(8, uniq('video')), periodDays: 7 })).unwrap();
              if (wf.name === 'expire sweep') setupSvc.clock.advance(8 * DAY_MS);
              const snapshot = async () => JSON.stringify({
                events: await handle.store.readEvents({ after: 0, limit: 100_000 }),
                code: await handle.store.getCode(g.summary.id),
                codes: await handle.store.listCodesByCreator('creator-9' as CreatorId),
                lib: await handle.store.listLibrary('acc-fault' as AdAccountId),
              });
              const before = await snapshot();
              const wrapped = failingStore(handle.store, { failOnWrite: n });
              const spark = createSparkCodes({ store: wrapped, clock: setupSvc.clock, random: seededRandom(22), codeSecret: SECRET });
              const result = await wf.run(spark, { code: g.code, codeId: g.summary.id });
              if (wrapped.writesAttempted() >= n) {
                check(result.isErr() && (result as unknown as { error: { code: string } }).error.code === 'storage', `${wf.name}: failure #${n} reported as a storage error`);
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

  return [...sequential, ...races, ...faults, sparkModelCheck(factory, numRuns)];
}

// ---- model-based run -------------------------------------------------------------------------

interface ModelCode { id: string; code: string; video: number; generatedAt: number; expiresAt: number; revokedAt?: number; confirmers: Set<number> }
interface Model { now: number; codes: ModelCode[] }
interface Real { spark: SparkCodes; clock: ReturnType<typeof manualClock>; store: SparkCodeStore }

const PERIODS = [7, 30, 60, 365];
const inForceAt = (c: ModelCode, t: number) => c.generatedAt <= t && t < c.expiresAt && (c.revokedAt === undefined || c.revokedAt > t);

class Generate implements fc.AsyncCommand<Model, Real> {
  constructor(readonly video: number, readonly period: number) {}
  check() { return true; }
  async run(m: Model, r: Real) {
    const facts = eligible(0, `mv-${this.video}`);
    const res = await r.spark.generateCode({ creator: { ...facts.creator, id: 'mc' }, video: { ...facts.video, ownerId: 'mc' }, periodDays: this.period });
    const blocked = m.codes.some((c) => c.video === this.video && inForceAt(c, m.now));
    check(res.isOk() === !blocked, `generate for video ${this.video}: expected ${blocked ? 'refusal' : 'success'}`);
    if (res.isOk()) {
      check(res.value.summary.expiresAt.getTime() === m.now + this.period * DAY_MS, 'SPARK-07: expiry = generation + period');
      m.codes.push({ id: res.value.summary.id, code: res.value.code, video: this.video, generatedAt: m.now, expiresAt: m.now + this.period * DAY_MS, confirmers: new Set() });
    }
  }
  toString() { return `generate(v${this.video}, ${this.period}d)`; }
}

class Confirm implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number, readonly account: number) {}
  check(m: Readonly<Model>) { return m.codes.length > 0; }
  async run(m: Model, r: Real) {
    const c = m.codes[this.pick % m.codes.length]!;
    const res = await r.spark.confirmCode({ advertiser: advertiserFacts(`ma-${this.account}`), code: c.code });
    const ok = inForceAt(c, m.now);
    check(res.isOk() === ok, `confirm ${c.id}: expected ${ok ? 'success' : 'refusal'}`);
    if (res.isOk()) {
      check(res.value.added === !c.confirmers.has(this.account), 'confirm is idempotent per ad account');
      c.confirmers.add(this.account);
    } else {
      const expected = c.revokedAt !== undefined && c.revokedAt <= m.now ? 'spark.code_revoked' : 'spark.code_expired';
      check(res.error.code === 'denied' && res.error.violations.some((v) => v.code === expected), `refusal says ${expected}`);
    }
  }
  toString() { return `confirm(#${this.pick}, a${this.account})`; }
}

class Revoke implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  check(m: Readonly<Model>) { return m.codes.length > 0; }
  async run(m: Model, r: Real) {
    const c = m.codes[this.pick % m.codes.length]!;
    const res = await r.spark.revokeCode({ creatorId: 'mc', codeId: c.id });
    check(res.isOk(), 'revoke of an own code is Ok');
    const wasInForce = inForceAt(c, m.now);
    check(res.isOk() && res.value.revoked === wasInForce, 'revoked only when it was in force');
    if (wasInForce) c.revokedAt = m.now;
  }
  toString() { return `revoke(#${this.pick})`; }
}

class Advance implements fc.AsyncCommand<Model, Real> {
  constructor(readonly ms: number) {}
  check() { return true; }
  async run(m: Model, r: Real) { m.now += this.ms; r.clock.advance(this.ms); }
  toString() { return `advance(${this.ms})`; }
}

class Status implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  check(m: Readonly<Model>) { return m.codes.length > 0; }
  async run(m: Model, r: Real) {
    const c = m.codes[this.pick % m.codes.length]!;
    const s = (await r.spark.codeStatus({ codeId: c.id })).unwrap();
    const expected = c.revokedAt !== undefined && c.revokedAt <= m.now ? 'DELETED' : m.now >= c.expiresAt ? 'EXPIRED' : c.confirmers.size > 0 ? 'IN_USE' : 'NOT_USED';
    checkEqual(s.status, expected, `status of ${c.id}`);
  }
  toString() { return `status(#${this.pick})`; }
}

class Sweep implements fc.AsyncCommand<Model, Real> {
  check() { return true; }
  async run(m: Model, r: Real) {
    const swept = (await r.spark.expireDue()).unwrap();
    for (const s of swept) {
      const c = m.codes.find((x) => x.id === s.id);
      check(c !== undefined && c.expiresAt <= m.now && (c.revokedAt === undefined || c.revokedAt > c.expiresAt), 'only due, unrevoked codes are swept');
    }
    const again = (await r.spark.expireDue()).unwrap();
    checkEqual(again.length, 0, 'a second sweep records nothing');
  }
  toString() { return 'expireDue()'; }
}

function sparkModelCheck(factory: StoreFactory<SparkCodeStore>, numRuns: number): ConformanceCheck {
  return {
    name: 'spark model: the code lifecycle matches a simple model (fc.commands)',
    async run() {
      const commands = [
        fc.tuple(fc.integer({ min: 0, max: 3 }), fc.constantFrom(...PERIODS)).map(([v, p]) => new Generate(v, p)),
        fc.tuple(fc.nat(), fc.integer({ min: 0, max: 2 })).map(([p, a]) => new Confirm(p, a)),
        fc.nat().map((p) => new Revoke(p)),
        fc.oneof(fc.integer({ min: 1, max: 3 * DAY_MS }), fc.constantFrom(7 * DAY_MS, 30 * DAY_MS, 1)).map((ms) => new Advance(ms)),
        fc.nat().map((p) => new Status(p)),
        fc.constant(new Sweep()),
      ];
      await fc.assert(
        fc.asyncProperty(fc.commands(commands, { maxCommands: 40, size: 'large' }), async (cmds) => {
          const handle = await factory();
          try {
            const clock = manualClock(T0);
            const spark = createSparkCodes({ store: handle.store, clock, random: seededRandom(31), codeSecret: SECRET, policy: definePolicy({ maxFailedSearches: 1000 }).unwrap() });
            await fc.asyncModelRun(() => ({ model: { now: T0.getTime(), codes: [] }, real: { spark, clock, store: handle.store } }), cmds);
          } finally {
            await handle.close?.();
          }
        }),
        { numRuns },
      );
    },
  };
}
