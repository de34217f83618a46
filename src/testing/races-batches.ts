// Internal: batches (BAT-01) under races, through the public services on two app servers over
// the same data: the same batch run concurrently applies each code once (one event each), and
// the same withdrawal confirmed concurrently withdraws each creative once.
import { codesTable, libraryTable } from '../storage/tables.js';
import { allEvents, check, checkEqual, render, withHandle } from './check.js';
import { manualClock } from '../adapters/clock/manual-clock.js';
import { advertiser, app, generateInput, T0, tally, userAd } from './apps.js';
import { servers } from './transactions.js';
import type { ConformanceCheck, StoreFactory } from './types.js';

/**
 * The race checks of the batches (BAT-01).
 *
 * @param factory Makes a fresh, empty store per check.
 * @param numRuns How many rounds each check runs (at most 5 are used).
 * @returns The checks, for `storeConformanceChecks`.
 *
 * @example
 * ```ts
 * for (const c of batchesRaceChecks(factory, 5)) test(c.name, c.run);
 * ```
 */
export function batchesRaceChecks(factory: StoreFactory, numRuns: number): ConformanceCheck[] {
  const rounds = Math.max(1, Math.min(numRuns, 3));
  return [
    {
      name:
        'race BAT-01: the same batch of 5 codes run at once on two app servers (twice each) ' +
        'applies each code once, one confirmation event each',
      run: () =>
        withHandle(factory, async (handle) => {
          const [a, b] = await servers(handle, 2);
          const clock = manualClock(T0);
          const apps = [app(a!, clock), app(b!, clock)] as const;
          for (let round = 0; round < rounds; round++) {
            const items: { code: string; idempotencyKey: string }[] = [];
            for (let i = 0; i < 5; i++) {
              const g = (await apps[0].spark.generateCode(generateInput(`v-bat-${round}-${i}`))).unwrap();
              items.push({ code: g.code, idempotencyKey: `key-${round}-${i}` });
            }
            const acc = `acc-bat-${round}`;
            const batch = (i: number) => apps[i % 2]!.spark.confirmCodes({ advertiser: advertiser(acc), items });
            const results = await Promise.all([0, 1, 2, 3].map(batch));
            check(
              results.every((r) => r.isOk()),
              `round ${round}: every batch answered ${render(tally(results))}`,
            );
            for (const r of results) {
              checkEqual(
                r.unwrap().map((x) => x.result),
                items.map(() => 'applied'),
                `round ${round}: each item applied (a retry answers with the recorded outcome)`,
              );
            }
            const library = await handle.store.list(libraryTable, 'byAccount', { eq: [acc] });
            checkEqual(library.length, 5, `round ${round}: library entries of ${acc}`);
            const confirmed = (await allEvents(handle.store)).filter(
              (e) =>
                e.type === 'spark.authorization_confirmed' && (e.data as { adAccountId?: string }).adAccountId === acc,
            );
            checkEqual(confirmed.length, 5, `round ${round}: spark.authorization_confirmed events for ${acc}`);
            for (const entry of library) {
              const code = await handle.store.get(codesTable, entry.codeId);
              check(code?.firstConfirmedAt !== undefined, `round ${round}: ${entry.codeId} records its confirmation`);
            }
          }
        }),
    },
    {
      name:
        'race BAT-01: one Top Ads withdrawal confirmed at once on two app servers (twice each) ' +
        'withdraws each creative once, one event each, the same results everywhere',
      run: () =>
        withHandle(factory, async (handle) => {
          const [a, b] = await servers(handle, 2);
          const clock = manualClock(T0);
          const apps = [app(a!, clock), app(b!, clock)] as const;
          for (let round = 0; round < rounds; round++) {
            const acc = `acc-wd-${round}`;
            const adIds: string[] = [];
            for (let i = 0; i < 3; i++) {
              const ad = (await apps[0].ads.createAd({ ...userAd(acc, 'brand'), videoId: `v-wd-${i}` })).unwrap();
              const ref = { adAccountId: acc, adId: ad.id };
              (await apps[0].ads.submit(ref)).unwrap();
              (await apps[0].ads.review({ ...ref, approved: true })).unwrap();
              (await apps[0].ads.start(ref)).unwrap();
              (await apps[0].topAds.authorize({ adAccountId: acc, adIds: [ad.id] })).unwrap();
              adIds.push(ad.id);
            }
            const prepared = (await apps[1].topAds.prepareWithdrawal({ adAccountId: acc, adIds })).unwrap();
            const confirm = (i: number) =>
              apps[i % 2]!.topAds.confirmWithdrawal({ adAccountId: acc, confirmationId: prepared.id });
            const results = await Promise.all([0, 1, 2, 3].map(confirm));
            check(
              results.every((r) => r.isOk()),
              `round ${round}: every confirmation answered ${render(tally(results))}`,
            );
            for (const r of results) {
              checkEqual(
                r.unwrap().map((x) => [x.adId, x.result]),
                adIds.map((id) => [id, 'withdrawn']),
                `round ${round}: each creative withdrawn (a retry answers with the recorded result)`,
              );
            }
            const withdrawn = (await allEvents(handle.store)).filter(
              (e) => e.type === 'top_ads.withdrawn' && (e.data as { adAccountId?: string }).adAccountId === acc,
            );
            checkEqual(withdrawn.length, 3, `round ${round}: top_ads.withdrawn events for ${acc}`);
          }
        }),
    },
  ];
}
