// Internal: extensions and reminders (EXT-01, EXT-02, REM-01) over the adapter, through the
// public services on two app servers over the same data whose clocks differ: an extension racing
// a revocation, and reminder sweeps running at once. Each check reads what ended up stored.
import type { Policy } from '../kernel/policy.js';
import { DAY_MS, HOUR_MS } from '../kernel/time.js';
import type { Clock } from '../ports/clock.js';
import type { Store } from '../ports/store.js';
import { manualClock } from '../adapters/clock/manual-clock.js';
import { webCryptoRandom } from '../adapters/random/web-crypto-random.js';
import { createSparkCodes } from '../spark-codes/spark-codes.service.js';
import { createAds } from '../ads/ads.service.js';
import { createExtensions } from '../extensions/extensions.service.js';
import { adsTable, codesTable, libraryTable, remindersTable } from '../storage/tables.js';
import { check, checkEqual, render, withHandle } from './check.js';
import {
  SECRET,
  T0,
  advertiser,
  allEvents,
  codeAd,
  generateInput,
  outcome,
  skewed,
  tally,
  violations,
} from './apps.js';
import { servers } from './transactions.js';
import type { ConformanceCheck, StoreFactory } from './types.js';

/** The services these checks use, as one app server runs them. */
function extApp(store: Store, clock: Clock, policy?: Policy) {
  const options = { store, clock, random: webCryptoRandom(), ...(policy === undefined ? {} : { policy }) };
  return {
    spark: createSparkCodes({ ...options, codeSecret: SECRET }),
    ads: createAds(options),
    ext: createExtensions(options),
  };
}

/** A running ad on `codeId` in `adAccountId`. */
async function runningAd(on: ReturnType<typeof extApp>, adAccountId: string, codeId: string): Promise<string> {
  const ad = (await on.ads.createAd(codeAd(adAccountId, codeId))).unwrap();
  const ref = { adAccountId, adId: ad.id };
  (await on.ads.submit(ref)).unwrap();
  (await on.ads.review({ ...ref, approved: true })).unwrap();
  (await on.ads.start(ref)).unwrap();
  return ad.id;
}

/**
 * The conformance checks of extensions and reminders.
 *
 * @example
 * ```ts
 * for (const c of extensionsRaceChecks(factory, 10)) test(c.name, c.run);
 * ```
 */
export function extensionsRaceChecks(factory: StoreFactory, numRuns: number): ConformanceCheck[] {
  const rounds = Math.max(2, Math.min(numRuns, 6));
  return [
    {
      name:
        'race EXT-01 EXT-02: 4 extensions racing a revocation on two app servers (clock skew 5 s): ' +
        'revoked, no extension after it, every copy of the end equal',
      run: () =>
        withHandle(factory, async (handle) => {
          const [a, b] = await servers(handle, 2);
          const clock = manualClock(T0);
          const apps = [extApp(a!, clock), extApp(b!, skewed(clock, 5_000))] as const;
          for (let round = 0; round < rounds; round++) {
            const videoId = `v-ext-${round}`;
            const creatorId = `cr-${videoId}`;
            const g = (await apps[0].spark.generateCode(generateInput(videoId, creatorId, 30))).unwrap();
            const codeId = g.summary.id;
            const accounts = [`acc-ext-${round}-a`, `acc-ext-${round}-b`];
            for (const acc of accounts) {
              (await apps[0].spark.confirmCode({ advertiser: advertiser(acc), code: g.code })).unwrap();
            }
            const adIds = [
              await runningAd(apps[0], accounts[0]!, codeId),
              await runningAd(apps[1], accounts[1]!, codeId),
            ];
            const extend = (i: number) => apps[i % 2]!.ext.extendAuthorization({ creatorId, codeId, periodDays: 7 });
            const results = await Promise.all([
              extend(0),
              extend(1),
              apps[round % 2]!.spark.revokeCode({ creatorId, codeId }),
              extend(2),
              extend(3),
            ]);
            const extensions = [results[0]!, results[1]!, results[3]!, results[4]!];
            check(
              extensions.every((r) => r.isOk() || violations(r).includes('extension.authorization_revoked')),
              `round ${round}: each extension is Ok or refused as revoked ${render(tally(extensions))}`,
            );
            checkEqual(outcome(results[2]!), 'ok', `round ${round}: the revocation`);
            const stored = await handle.store.get(codesTable, codeId);
            check(stored?.revokedAt !== undefined, `round ${round}: the code is revoked`);
            const events = await allEvents(handle.store);
            const revoked = events.find((e) => e.type === 'spark.code_revoked' && e.subject.id === codeId);
            const extended = events.filter(
              (e) => e.type === 'extension.authorization_extended' && e.subject.id === codeId,
            );
            checkEqual(extended.length, extensions.filter((r) => r.isOk()).length, `round ${round}: extension events`);
            checkEqual(
              extended
                .filter((e) => e.seq > (revoked?.seq ?? 0) || e.at.getTime() > stored.revokedAt!.getTime())
                .map((e) => e.seq),
              [],
              `round ${round}: extensions recorded after the revocation`,
            );
            checkEqual(
              stored.expiresAt.getTime(),
              g.summary.expiresAt.getTime() + extended.length * 7 * DAY_MS,
              `round ${round}: the end moved by the extensions recorded, no more, no less`,
            );
            checkEqual(stored.extensions?.length ?? 0, extended.length, `round ${round}: extensions on the record`);
            const entries = await handle.store.list(libraryTable, 'byCode', { eq: [codeId] });
            const ads = await Promise.all(adIds.map((id) => handle.store.get(adsTable, id)));
            checkEqual(
              [
                ...entries.map((e) => e.expiresAt.getTime()),
                ...ads.map((ad) => ad?.authorization?.expiresAt.getTime()),
              ],
              [...entries.map(() => stored.expiresAt.getTime()), ...ads.map(() => stored.expiresAt.getTime())],
              `round ${round}: library entries and ads hold the authorization's end`,
            );
            checkEqual(
              ads.map((ad) => ad?.status),
              ['PAUSED', 'PAUSED'],
              `round ${round}: the revocation paused the ads`,
            );
          }
        }),
    },
    {
      name:
        'race REM-01: 6 reminder sweeps at once on two app servers (clocks 1 h apart): ' +
        'each reminder recorded exactly once, one event each',
      run: () =>
        withHandle(factory, async (handle) => {
          const [a, b] = await servers(handle, 2);
          const clock = manualClock(T0);
          const apps = [extApp(a!, clock), extApp(b!, skewed(clock, HOUR_MS))] as const;
          const codes: string[] = [];
          for (let i = 0; i < 4; i++) {
            const g = (await apps[0].spark.generateCode(generateInput(`v-rem-${i}`, `cr-rem-${i}`, 7))).unwrap();
            for (const acc of ['acc-rem-a', 'acc-rem-b']) {
              (await apps[0].spark.confirmCode({ advertiser: advertiser(acc), code: g.code })).unwrap();
            }
            codes.push(g.summary.id);
          }
          // T0 + 1 h: the 7-day reminders are due. T0 + 6 d - 30 min: the 1-day ones are due on the
          // server ahead only (the other decides at its instant once it marked the code). Then on both.
          for (const step of [HOUR_MS, 6 * DAY_MS - HOUR_MS - HOUR_MS / 2, HOUR_MS]) {
            clock.advance(step);
            const results = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => apps[i % 2]!.ext.remindDue()));
            checkEqual(tally(results), { ok: 6 }, `after ${step} ms: every sweep answers Ok`);
          }
          const events = (await allEvents(handle.store)).filter((e) => e.type === 'reminder.authorization_ending');
          const keys = events.map((e) => {
            const d = e.data as { codeId: string; endsAt: Date; offsetMs: number; recipient: { id: string } };
            return `${d.codeId} ${new Date(d.endsAt).getTime()} ${d.offsetMs} ${d.recipient.id}`;
          });
          checkEqual(
            keys.filter((k, i) => keys.indexOf(k) !== i),
            [],
            'reminders recorded twice',
          );
          // 4 codes × 3 recipients × 2 offsets (7 days at the start, 1 day at the end).
          checkEqual(events.length, 24, 'reminder events');
          let rows = 0;
          for (const id of codes) rows += await handle.store.count(remindersTable, 'byCode', { eq: [id] });
          checkEqual(rows, 24, 'reminder rows');
        }),
    },
  ];
}
