// Internal: the library's invariants over the adapter, through the public services, under the
// conditions that broke the first version: concurrent callers on two app servers over the same
// data (`handle.open()`), and app servers whose clocks differ. Each check reads what ended up
// stored and in the outbox, never how long anything took.
import fc from 'fast-check';
import { definePolicy } from '../kernel/policy-schema.js';
import { HOUR_MS, DAY_MS } from '../kernel/time.js';
import type { Store, Transaction } from '../ports/store.js';
import { manualClock } from '../adapters/clock/manual-clock.js';
import { systemClock } from '../adapters/clock/system-clock.js';
import { memoryStore } from '../adapters/memory/memory-store.js';
import { adsTable, codesTable, failedSearchesTable, libraryTable, linksTable, popupsTable } from '../storage/tables.js';
import { assertProperty, check, checkEqual, render, withHandle } from './check.js';
import {
  advertiser,
  allEvents,
  app,
  codeAd,
  confirmationsAfterRevocation,
  generateInput,
  identityContext,
  linkRequest,
  outcome,
  overlappingCodes,
  skewed,
  SPARK_PERMISSIONS,
  T0,
  tally,
  tiktokAccount,
  userAd,
  violations,
  type App,
} from './apps.js';
import { servers } from './transactions.js';
import type { CreateAdInput } from '../ads/ads.schemas.js';
import type { ConformanceCheck, StoreFactory, StoreHandle } from './types.js';

const ok = (r: { isOk(): boolean }) => r.isOk();

/** One step of the clock-skew property: a service call on app server 0 (on time) or 1 (5 s ahead). */
type SkewOp =
  | { readonly kind: 'generate' | 'revoke'; readonly server: number; readonly video: number }
  | { readonly kind: 'confirm'; readonly server: number; readonly video: number; readonly acc: number }
  | { readonly kind: 'advance'; readonly ms: number };

/** Two app servers over one handle's data, with clocks `skewMs` apart (the second ahead). */
async function twoServers(handle: StoreHandle, skewMs: number, policy = definePolicy().unwrap()) {
  const [a, b] = await servers(handle, 2);
  const clock = manualClock(T0);
  return { clock, apps: [app(a!, clock, policy), app(b!, skewed(clock, skewMs), policy)] as const };
}

/** A code generated for `videoId` and confirmed by each of `adAccountIds`. */
async function confirmedCode(on: App, videoId: string, adAccountIds: readonly string[], periodDays = 30) {
  const g = (await on.spark.generateCode(generateInput(videoId, `cr-${videoId}`, periodDays))).unwrap();
  for (const acc of adAccountIds) (await on.spark.confirmCode({ advertiser: advertiser(acc), code: g.code })).unwrap();
  return { code: g.code, codeId: g.summary.id, creatorId: `cr-${videoId}` };
}

/** An ad created and moved through review up to `until`: `APPROVED`, `RUNNING` or `PAUSED`. */
async function adThrough(on: App, input: CreateAdInput, until: 'APPROVED' | 'RUNNING' | 'PAUSED'): Promise<string> {
  const ad = (await on.ads.createAd(input)).unwrap();
  const ref = { adAccountId: ad.adAccountId, adId: ad.id };
  (await on.ads.submit(ref)).unwrap();
  (await on.ads.review({ ...ref, approved: true })).unwrap();
  if (until !== 'APPROVED') (await on.ads.start(ref)).unwrap();
  if (until === 'PAUSED') (await on.ads.pause(ref)).unwrap();
  return ad.id;
}

/**
 * Every step inside a transaction becomes a task of the fast-check scheduler, which picks their
 * order. Reads outside transactions run as they are: on a single-connection store (PGlite) they
 * wait for the open transaction, and the scheduler must never wait on a step that waits on it.
 */
function scheduledStore(s: fc.Scheduler, store: Store): Store {
  const STEPS = new Set(['get', 'list', 'count', 'insert', 'update', 'delete']);
  const wrap = (tx: Transaction): Transaction =>
    new Proxy(tx, {
      get(t, prop) {
        const v = Reflect.get(t, prop) as unknown;
        if (typeof v !== 'function') return v;
        const fn = v as (...a: unknown[]) => unknown;
        if (typeof prop === 'string' && STEPS.has(prop))
          return s.scheduleFunction(async (...a: unknown[]) => fn.apply(t, a));
        return fn.bind(t);
      },
    });
  return {
    get: (table, key) => store.get(table, key),
    list: (table, index, range) => store.list(table, index, range),
    count: (table, index, range) => store.count(table, index, range),
    readEvents: (q) => store.readEvents(q),
    transaction: (keys, work) => store.transaction(keys, (tx) => work(wrap(tx))),
  };
}

function sparkRaces(factory: StoreFactory, rounds: number, numRuns: number): ConformanceCheck[] {
  return [
    {
      name:
        'race SPARK-12: 20 concurrent generateCode for one video on three app servers ' +
        '(system clocks up to 7 s apart): at most one code in force',
      run: () =>
        withHandle(factory, async (handle) => {
          const stores = await servers(handle, 3);
          const clock = systemClock();
          const apps = stores.map((store, i) => app(store, skewed(clock, [0, -5_000, 2_000][i]!)));
          for (let round = 0; round < rounds; round++) {
            const videoId = `v-gen-${round}`;
            const results = await Promise.all(
              Array.from({ length: 20 }, (_, i) => apps[i % 3]!.spark.generateCode(generateInput(videoId))),
            );
            const overlap = await overlappingCodes(handle.store, videoId);
            check(overlap === undefined, `round ${round}: two codes in force at once: ${overlap}`);
            checkEqual(
              results.filter(ok).length,
              1,
              `round ${round}: generations that succeeded ${render(tally(results))}`,
            );
            check(
              results.every((r) => r.isOk() || violations(r).includes('spark.code_already_in_force')),
              `round ${round}: the others are told a code is in force ${render(tally(results))}`,
            );
          }
        }),
    },
    {
      name:
        'race SPARK-10: a revoke racing 10 confirms on two app servers (clocks 5 s apart): ' +
        'no confirmation recorded after the revocation',
      run: () =>
        withHandle(factory, async (handle) => {
          const { apps } = await twoServers(handle, 5_000);
          for (let round = 0; round < rounds; round++) {
            const { code, codeId, creatorId } = await confirmedCode(apps[0], `v-rc-${round}`, []);
            const confirm = (i: number) =>
              apps[i % 2]!.spark.confirmCode({ advertiser: advertiser(`acc-rc-${round}-${i}`), code });
            const results = await Promise.all([
              ...[0, 1, 2, 3, 4].map(confirm),
              apps[round % 2]!.spark.revokeCode({ creatorId, codeId }),
              ...[5, 6, 7, 8, 9].map(confirm),
            ]);
            check(
              results.every((r) => r.isOk() || outcome(r) === 'denied'),
              `round ${round}: only Ok or denied ${render(tally(results))}`,
            );
            const stored = await handle.store.get(codesTable, codeId);
            check(stored?.revokedAt !== undefined, `round ${round}: the code is revoked`);
            checkEqual(
              confirmationsAfterRevocation(await allEvents(handle.store), stored),
              [],
              `round ${round}: confirmations after it`,
            );
            const entries = await handle.store.list(libraryTable, 'byCode', { eq: [codeId] });
            const late = entries.filter((e) => e.confirmedAt.getTime() > stored.revokedAt!.getTime());
            checkEqual(
              late.map((e) => e.adAccountId),
              [],
              `round ${round}: library entries confirmed after the revocation`,
            );
            const added = results.filter((r) => r.isOk() && (r.value as { added?: boolean }).added === true).length;
            checkEqual(entries.length, added, `round ${round}: one library entry per confirmation answered Ok`);
          }
        }),
    },
    {
      name:
        'race SPARK-10: a revoke racing the resume of 10 paused ads and the start of 3 approved ones ' +
        'on two app servers: no ad RUNNING or APPROVED on the revoked code',
      run: () =>
        withHandle(factory, async (handle) => {
          const { apps } = await twoServers(handle, 5_000);
          for (let round = 0; round < rounds; round++) {
            const acc = `acc-rr-${round}`;
            const { codeId, creatorId } = await confirmedCode(apps[0], `v-rr-${round}`, [acc]);
            const paused: string[] = [];
            const approved: string[] = [];
            for (let i = 0; i < 10; i++) paused.push(await adThrough(apps[0], codeAd(acc, codeId), 'PAUSED'));
            for (let i = 0; i < 3; i++) approved.push(await adThrough(apps[0], codeAd(acc, codeId), 'APPROVED'));
            const resume = (i: number) => apps[i % 2]!.ads.resume({ adAccountId: acc, adId: paused[i]! });
            const start = (i: number) => apps[(i + 1) % 2]!.ads.start({ adAccountId: acc, adId: approved[i]! });
            await Promise.all([
              ...[0, 1, 2, 3, 4].map(resume),
              start(0),
              apps[1 - (round % 2)]!.spark.revokeCode({ creatorId, codeId }),
              start(1),
              ...[5, 6, 7, 8, 9].map(resume),
              start(2),
            ]);
            const stored = await handle.store.get(codesTable, codeId);
            check(stored?.revokedAt !== undefined, `round ${round}: the code is revoked`);
            const live = (await handle.store.list(adsTable, 'byCode', { eq: [codeId] })).filter(
              (a) => a.status === 'RUNNING' || a.status === 'APPROVED',
            );
            checkEqual(
              live.map((a) => `${a.id} ${a.status}`),
              [],
              `round ${round}: ads RUNNING or APPROVED on the revoked code`,
            );
            const events = await allEvents(handle.store);
            const revokedSeq = events.find((e) => e.type === 'spark.code_revoked' && e.subject.id === codeId)?.seq ?? 0;
            const late = events.filter(
              (e) =>
                e.seq > revokedSeq &&
                (e.type === 'ads.resumed' || e.type === 'ads.started') &&
                [...paused, ...approved].includes(e.subject.id),
            );
            checkEqual(
              late.map((e) => `${e.type} ${e.subject.id}`),
              [],
              `round ${round}: ads started or resumed after the revocation`,
            );
          }
        }),
    },
    {
      name:
        'race ADV-02: 50 concurrent confirms of one code by one ad account on two app servers: ' +
        'all Ok, one library entry',
      run: () =>
        withHandle(factory, async (handle) => {
          const { apps } = await twoServers(handle, 5_000);
          for (let round = 0; round < rounds; round++) {
            const acc = `acc-cc-${round}`;
            const { code, codeId } = await confirmedCode(apps[0], `v-cc-${round}`, []);
            const results = await Promise.all(
              Array.from({ length: 50 }, (_, i) =>
                apps[i % 2]!.spark.confirmCode({ advertiser: advertiser(acc), code }),
              ),
            );
            checkEqual(tally(results), { ok: 50 }, `round ${round}: every confirm answers Ok (idempotent)`);
            checkEqual(
              results.filter((r) => r.isOk() && r.value.added).length,
              1,
              `round ${round}: confirms that added the post`,
            );
            checkEqual(
              (await handle.store.list(libraryTable, 'byCode', { eq: [codeId] })).length,
              1,
              `round ${round}: library entries`,
            );
          }
        }),
    },
    {
      name:
        'race ADV-03: 200 concurrent failed searches from one ad account (limit 100) on two app servers: ' +
        'exactly 100 recorded, the rest throttled',
      run: () =>
        withHandle(factory, async (handle) => {
          const { apps } = await twoServers(handle, 1_000);
          // A well-formed code of this secret that these stores never issued.
          const unknown = (
            await app(memoryStore(), manualClock(T0)).spark.generateCode(generateInput('v-elsewhere'))
          ).unwrap().code;
          for (let round = 0; round < rounds; round++) {
            const acc = `acc-fs-${round}`;
            const results = await Promise.all(
              Array.from({ length: 200 }, (_, i) =>
                apps[i % 2]!.spark.searchCode({ advertiser: advertiser(acc), code: unknown }),
              ),
            );
            const recorded = await handle.store.count(failedSearchesTable, 'byAccount', { eq: [acc] });
            const events = (await allEvents(handle.store)).filter(
              (e) => e.type === 'spark.code_search_failed' && e.subject.id === acc,
            );
            checkEqual(
              { recorded, events: events.length },
              { recorded: 100, events: 100 },
              `round ${round}: failed searches recorded`,
            );
            const answers = {
              notFound: results.filter((r) => violations(r).includes('spark.code_not_found')).length,
              throttled: results.filter((r) => outcome(r) === 'spark.search_throttled').length,
            };
            checkEqual(answers, { notFound: 100, throttled: 100 }, `round ${round}: answers ${render(tally(results))}`);
          }
        }),
    },
    {
      name: 'ADV-03: a search from an app server whose clock is 1 s behind does not reset the failed-search count',
      run: () =>
        withHandle(factory, async (handle) => {
          const { apps, clock } = await twoServers(handle, -1_000);
          const acc = 'acc-skew';
          const search = (on: App) => on.spark.searchCode({ advertiser: advertiser(acc), code: '#no-such-code-here' });
          for (let i = 0; i < 100; i++)
            check(outcome(await search(apps[0])) === 'denied', `failed search ${i + 1} is recorded`);
          checkEqual(
            outcome(await search(apps[1])),
            'spark.search_throttled',
            'the server 1 s behind is throttled too',
          );
          clock.advance(HOUR_MS - 1);
          checkEqual(
            outcome(await search(apps[1])),
            'spark.search_throttled',
            'and still, 1 ms before the window ends',
          );
          checkEqual(
            await handle.store.count(failedSearchesTable, 'byAccount', { eq: [acc] }),
            100,
            'failed searches kept',
          );
        }),
    },
    {
      name: 'race SPARK-11: three concurrent expiry sweeps on two app servers record each expiry and stop each ad once',
      run: () =>
        withHandle(factory, async (handle) => {
          const { apps, clock } = await twoServers(handle, 5_000);
          const acc = 'acc-sweep';
          const codes: string[] = [];
          const ads: string[] = [];
          for (let i = 0; i < 3; i++) {
            const { codeId } = await confirmedCode(apps[0], `v-sw-${i}`, [acc], 7);
            codes.push(codeId);
            for (let j = 0; j < 2; j++)
              ads.push(await adThrough(apps[0], codeAd(acc, codeId), j === 1 ? 'PAUSED' : 'RUNNING'));
          }
          clock.advance(8 * DAY_MS);
          const sweeps = await Promise.all([
            apps[0].spark.expireDue(),
            apps[1].spark.expireDue(),
            apps[0].spark.expireDue(),
          ]);
          check(sweeps.every(ok), `every sweep answers Ok ${render(tally(sweeps))}`);
          const swept = sweeps.flatMap((r) => (r.isOk() ? r.value.codes.map((c) => c.id) : [])).sort();
          const stopped = sweeps.flatMap((r) => (r.isOk() ? r.value.stoppedAds.map((a) => a.id) : [])).sort();
          checkEqual(swept, [...codes].sort(), 'each expiry reported by exactly one sweep');
          checkEqual(stopped, [...ads].sort(), 'each ad stopped by exactly one sweep');
          const events = await allEvents(handle.store);
          checkEqual(
            events.filter((e) => e.type === 'spark.code_expired').length,
            3,
            'one spark.code_expired per code',
          );
          checkEqual(events.filter((e) => e.type === 'ads.stopped').length, 6, 'one ads.stopped per ad');
        }),
    },
    {
      name:
        'skew SPARK-12/SPARK-10: app servers with clocks 5 s apart on one store never give a video two codes ' +
        "in force, record a confirmation after a revocation, or move a code's time backwards",
      run: () =>
        withHandle(factory, async (handle) => {
          let run = 0;
          const play = async (ops: readonly SkewOp[]) => {
            run += 1;
            const { apps, clock } = await twoServers(handle, 5_000);
            const vid = (v: number) => `v-skew-${run}-${v}`;
            const issued = new Map<string, string>();
            const latest = async (v: number) =>
              (await handle.store.list(codesTable, 'byVideo', { eq: [vid(v)], reverse: true, limit: 1 }))[0];
            for (const o of ops) {
              if (o.kind === 'advance') {
                clock.advance(o.ms);
              } else if (o.kind === 'generate') {
                const r = await apps[o.server]!.spark.generateCode(generateInput(vid(o.video)));
                if (r.isOk()) issued.set(r.value.summary.id, r.value.code);
              } else {
                const code = await latest(o.video);
                if (code === undefined) continue;
                if (o.kind === 'revoke')
                  await apps[o.server]!.spark.revokeCode({ creatorId: code.creatorId, codeId: code.id });
                else if (o.kind === 'confirm') {
                  await apps[o.server]!.spark.confirmCode({
                    advertiser: advertiser(`acc-${o.acc}`),
                    code: issued.get(code.id)!,
                  });
                }
              }
            }
            const events = await allEvents(handle.store);
            const where = `after ${render(ops)}`;
            for (const v of [0, 1]) {
              const overlap = await overlappingCodes(handle.store, vid(v));
              check(overlap === undefined, `two codes in force at once: ${overlap} ${where}`);
              for (const code of await handle.store.list(codesTable, 'byVideo', { eq: [vid(v)] })) {
                checkEqual(
                  confirmationsAfterRevocation(events, code),
                  [],
                  `confirmations of ${code.id} after its revocation ${where}`,
                );
                const times = events
                  .filter((e) => e.subject.id === code.id)
                  .map((e) => `${e.type}@${e.at.toISOString()}`);
                check(
                  times.every((t, i) => i === 0 || t.split('@')[1]! >= times[i - 1]!.split('@')[1]!),
                  `the events of ${code.id} go back in time: ${times.join(', ')} ${where}`,
                );
              }
            }
          };
          // The server 5 s ahead acts first, then the one behind: what broke the first version.
          await play([
            { kind: 'generate', server: 1, video: 0 },
            { kind: 'generate', server: 0, video: 0 },
          ]);
          await play([
            { kind: 'generate', server: 0, video: 0 },
            { kind: 'revoke', server: 1, video: 0 },
            { kind: 'confirm', server: 0, video: 0, acc: 0 },
          ]);
          await play([
            { kind: 'generate', server: 1, video: 0 },
            { kind: 'revoke', server: 0, video: 0 },
            { kind: 'generate', server: 0, video: 0 },
          ]);
          const op: fc.Arbitrary<SkewOp> = fc.oneof(
            fc.record({ kind: fc.constant('generate' as const), server: fc.nat(1), video: fc.nat(1) }),
            fc.record({ kind: fc.constant('revoke' as const), server: fc.nat(1), video: fc.nat(1) }),
            fc.record({ kind: fc.constant('confirm' as const), server: fc.nat(1), video: fc.nat(1), acc: fc.nat(2) }),
            fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 1, max: 8_000 }) }),
          );
          await assertProperty(fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), play), { numRuns });
        }),
    },
    {
      name:
        'race (fc.scheduler) SPARK-12/SPARK-10: generations, confirms and a revoke under scheduled interleavings ' +
        'keep one code in force and no confirmation after the revocation',
      run: () =>
        withHandle(factory, async (handle) => {
          let run = 0;
          await assertProperty(
            fc.asyncProperty(
              fc.scheduler(),
              fc.integer({ min: 2, max: 5 }),
              fc.integer({ min: 1, max: 5 }),
              async (s, gens, confirms) => {
                run += 1;
                const { apps } = await twoServers(handle, 5_000);
                const seeded = await confirmedCode(apps[0], `v-sch-seed-${run}`, []);
                const scheduled = [
                  app(scheduledStore(s, apps[0].store), apps[0].clock),
                  app(scheduledStore(s, apps[1].store), apps[1].clock),
                ];
                const videoId = `v-sch-${run}`;
                const tasks: Promise<{ isOk(): boolean; isErr(): boolean }>[] = [];
                for (let i = 0; i < gens; i++) tasks.push(scheduled[i % 2]!.spark.generateCode(generateInput(videoId)));
                for (let i = 0; i < confirms; i++) {
                  tasks.push(
                    scheduled[(i + 1) % 2]!.spark.confirmCode({
                      advertiser: advertiser(`acc-sch-${i}`),
                      code: seeded.code,
                    }),
                  );
                }
                tasks.push(
                  scheduled[run % 2]!.spark.revokeCode({ creatorId: seeded.creatorId, codeId: seeded.codeId }),
                );
                const results = await s.waitFor(Promise.all(tasks));
                check(
                  results.every((r) => r.isOk() || outcome(r) === 'denied'),
                  `only Ok or denied ${render(tally(results))}`,
                );
                checkEqual(results.slice(0, gens).filter(ok).length, 1, 'generations that succeeded');
                const overlap = await overlappingCodes(handle.store, videoId);
                check(overlap === undefined, `two codes in force at once: ${overlap}`);
                const code = await handle.store.get(codesTable, seeded.codeId);
                check(code?.revokedAt !== undefined, 'the seeded code is revoked');
                checkEqual(
                  confirmationsAfterRevocation(await allEvents(handle.store), code),
                  [],
                  'confirmations after the revocation',
                );
              },
            ),
            { numRuns: Math.max(3, Math.floor(numRuns / 3)) },
          );
        }),
    },
  ];
}

function adsRaces(factory: StoreFactory, rounds: number): ConformanceCheck[] {
  return [
    {
      name:
        'race ADV-04: 12 concurrent createAd on two app servers never pass the Spark Ads limit ' +
        'of an ad account (5)',
      run: () =>
        withHandle(factory, async (handle) => {
          const { apps } = await twoServers(handle, 5_000, definePolicy({ maxSparkAdsPerAdAccount: 5 }).unwrap());
          for (let round = 0; round < rounds; round++) {
            const acc = `acc-lim-${round}`;
            const { codeId } = await confirmedCode(apps[0], `v-lim-${round}`, [acc]);
            const results = await Promise.all(
              Array.from({ length: 12 }, (_, i) => apps[i % 2]!.ads.createAd(codeAd(acc, codeId))),
            );
            checkEqual(
              results.filter(ok).length,
              5,
              `round ${round}: creations that succeeded ${render(tally(results))}`,
            );
            checkEqual(
              await handle.store.count(adsTable, 'sparkByAccount', { eq: [acc] }),
              5,
              `round ${round}: Spark Ads stored`,
            );
          }
        }),
    },
    {
      name: 'race ADV-04: 15 concurrent createAd for one identity over 5 ad accounts never pass the identity limit (7)',
      run: () =>
        withHandle(factory, async (handle) => {
          const { apps } = await twoServers(handle, 5_000, definePolicy({ maxAdsPerIdentity: 7 }).unwrap());
          for (let round = 0; round < rounds; round++) {
            const identity = `brand-${round}`;
            const results = await Promise.all(
              Array.from({ length: 15 }, (_, i) =>
                apps[i % 2]!.ads.createAd(userAd(`acc-id-${round}-${i % 5}`, identity)),
              ),
            );
            checkEqual(
              results.filter(ok).length,
              7,
              `round ${round}: creations that succeeded ${render(tally(results))}`,
            );
            checkEqual(
              await handle.store.count(adsTable, 'byIdentity', { eq: [`TT_USER:${identity}`] }),
              7,
              `round ${round}: stored`,
            );
          }
        }),
    },
    {
      name:
        'race TOP-05: 20 concurrent pop-up requests on two app servers (clocks 5 s apart) ' +
        'show it once per interval',
      run: () =>
        withHandle(factory, async (handle) => {
          const { apps } = await twoServers(handle, 5_000);
          for (let round = 0; round < rounds; round++) {
            const acc = `acc-pop-${round}`;
            const account = `tt4b-${round}`;
            await adThrough(apps[0], { ...userAd(acc, `brand-pop-${round}`), assetAuthorization: false }, 'RUNNING');
            const results = await Promise.all(
              Array.from({ length: 20 }, (_, i) =>
                apps[i % 2]!.topAds.popup({ accountId: account, adAccountIds: [acc] }),
              ),
            );
            check(results.every(ok), `every request answers Ok ${render(tally(results))}`);
            checkEqual(results.filter((r) => r.isOk() && r.value.show).length, 1, `round ${round}: pop-ups shown`);
            const shown = (await allEvents(handle.store)).filter(
              (e) => e.type === 'top_ads.popup_shown' && e.subject.id === account,
            );
            checkEqual(shown.length, 1, `round ${round}: top_ads.popup_shown events`);
            check(
              (await handle.store.get(popupsTable, account)) !== undefined,
              `round ${round}: the showing is stored`,
            );
          }
        }),
    },
  ];
}

function linkRaces(factory: StoreFactory, rounds: number): ConformanceCheck[] {
  const caps = definePolicy({ maxAccountsPerBusinessCenter: 5, maxBusinessCentersPerAccount: 5 }).unwrap();
  const activeOf = (store: Store, index: 'activeByBusinessCenter' | 'activeByAccount', id: string) =>
    store.count(linksTable, index, { eq: [id] });
  return [
    {
      name: 'race BC-01: 12 concurrent approvals into one Business Center (cap 5) on two app servers: exactly 5 links',
      run: () =>
        withHandle(factory, async (handle) => {
          const { apps } = await twoServers(handle, 5_000, caps);
          for (let round = 0; round < rounds; round++) {
            const bc = `bc-cap-${round}`;
            const started = [];
            for (let i = 0; i < 12; i++) started.push((await apps[0].bc.startLinkRequest(linkRequest(bc))).unwrap());
            const results = await Promise.all(
              started.map((s, i) =>
                apps[i % 2]!.bc.approveLinkRequest({
                  token: s.qrToken,
                  account: tiktokAccount(`tt-cap-${round}-${i}`),
                  userId: 'u',
                }),
              ),
            );
            checkEqual(
              results.filter(ok).length,
              5,
              `round ${round}: approvals that succeeded ${render(tally(results))}`,
            );
            checkEqual(
              await activeOf(handle.store, 'activeByBusinessCenter', bc),
              5,
              `round ${round}: active links of the Business Center`,
            );
            check(
              results.every((r) => r.isOk() || violations(r).includes('bc.business_center_cap_reached')),
              `round ${round}: refusals name the cap ${render(tally(results))}`,
            );
          }
        }),
    },
    {
      name:
        'race BC-01: 12 concurrent approvals of one account into 12 Business Centers (cap 5) ' +
        'on two app servers: exactly 5',
      run: () =>
        withHandle(factory, async (handle) => {
          const { apps } = await twoServers(handle, 5_000, caps);
          for (let round = 0; round < rounds; round++) {
            const account = `tt-acap-${round}`;
            const started = [];
            for (let i = 0; i < 12; i++)
              started.push((await apps[0].bc.startLinkRequest(linkRequest(`bc-acap-${round}-${i}`))).unwrap());
            const results = await Promise.all(
              started.map((s, i) =>
                apps[i % 2]!.bc.approveLinkRequest({ token: s.qrToken, account: tiktokAccount(account), userId: 'u' }),
              ),
            );
            checkEqual(
              results.filter(ok).length,
              5,
              `round ${round}: approvals that succeeded ${render(tally(results))}`,
            );
            checkEqual(
              await activeOf(handle.store, 'activeByAccount', account),
              5,
              `round ${round}: active links of the account`,
            );
          }
        }),
    },
    {
      name:
        'race BC-01: approvals crossing 2 Business Centers and 2 accounts (caps 1) finish without a storage error, ' +
        'with 2 links',
      run: () =>
        withHandle(factory, async (handle) => {
          const { apps } = await twoServers(
            handle,
            5_000,
            definePolicy({
              maxAccountsPerBusinessCenter: 1,
              maxBusinessCentersPerAccount: 1,
            }).unwrap(),
          );
          for (let round = 0; round < rounds; round++) {
            const bcs = [0, 1].map((i) => `bc-x-${round}-${i}`);
            const accounts = [0, 1].map((i) => `tt-x-${round}-${i}`);
            const started = [];
            for (let i = 0; i < 8; i++)
              started.push({ s: (await apps[0].bc.startLinkRequest(linkRequest(bcs[i % 2]!))).unwrap(), i });
            const results = await Promise.all(
              started.map(({ s, i }) =>
                apps[(i >> 1) % 2]!.bc.approveLinkRequest({
                  token: s.qrToken,
                  account: tiktokAccount(accounts[(i >> 2) % 2]!),
                  userId: 'u',
                }),
              ),
            );
            check(
              results.every((r) => outcome(r) === 'ok' || outcome(r) === 'denied'),
              `round ${round}: ${render(tally(results))}`,
            );
            checkEqual(
              results.filter(ok).length,
              2,
              `round ${round}: approvals that succeeded ${render(tally(results))}`,
            );
            for (const bc of bcs)
              checkEqual(
                await activeOf(handle.store, 'activeByBusinessCenter', bc),
                1,
                `round ${round}: links of ${bc}`,
              );
            for (const a of accounts)
              checkEqual(await activeOf(handle.store, 'activeByAccount', a), 1, `round ${round}: links of ${a}`);
          }
        }),
    },
    {
      name: 'race BC-07: 20 concurrent approvals of one link request on two app servers make exactly one link',
      run: () =>
        withHandle(factory, async (handle) => {
          const { apps } = await twoServers(handle, 5_000);
          for (let round = 0; round < rounds; round++) {
            const bc = `bc-once-${round}`;
            const { qrToken } = (await apps[0].bc.startLinkRequest(linkRequest(bc))).unwrap();
            const results = await Promise.all(
              Array.from({ length: 20 }, (_, i) =>
                apps[i % 2]!.bc.approveLinkRequest({
                  token: qrToken,
                  account: tiktokAccount(`tt-once-${round}-${i}`),
                  userId: 'u',
                }),
              ),
            );
            checkEqual(
              results.filter(ok).length,
              1,
              `round ${round}: approvals that succeeded ${render(tally(results))}`,
            );
            checkEqual(await activeOf(handle.store, 'activeByBusinessCenter', bc), 1, `round ${round}: links made`);
          }
        }),
    },
    {
      name:
        'race ASSET-04: 10 concurrent login links of one account to 10 Business Centers ' +
        'on two app servers: exactly one',
      run: () =>
        withHandle(factory, async (handle) => {
          const { apps } = await twoServers(handle, 5_000);
          for (let round = 0; round < rounds; round++) {
            const account = `tt-login-${round}`;
            const results = await Promise.all(
              Array.from({ length: 10 }, (_, i) =>
                apps[i % 2]!.ids.linkByLogin({
                  context: identityContext(`bc-login-${round}-${i}`),
                  account: tiktokAccount(account),
                  permissions: SPARK_PERMISSIONS,
                  approvedBy: 'owner',
                }),
              ),
            );
            checkEqual(results.filter(ok).length, 1, `round ${round}: login links made ${render(tally(results))}`);
            checkEqual(
              await activeOf(handle.store, 'activeByAccount', account),
              1,
              `round ${round}: active links of the account`,
            );
          }
        }),
    },
  ];
}

/**
 * Service invariants and races over the adapter: each race runs `rounds` times on two app
 * servers over the same data, with clocks that differ.
 */
export function serviceRaceChecks(factory: StoreFactory, numRuns: number): ConformanceCheck[] {
  const rounds = Math.max(2, Math.ceil(numRuns / 8));
  return [...sparkRaces(factory, rounds, numRuns), ...adsRaces(factory, rounds), ...linkRaces(factory, rounds)];
}
