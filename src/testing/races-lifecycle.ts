// Internal: the lifecycle invariants (LIFE-01, LIFE-02) over the adapter, through the public
// services, with concurrent callers on two app servers over the same data and clocks 5 s apart:
// whatever order an unlink, a permission withdrawal or a post report and the ads' own status
// changes run in, no ad is left approved or running on something that went away. Each check
// reads what ended up stored, never how long anything took.
import { definePolicy } from '../kernel/policy-schema.js';
import { manualClock } from '../adapters/clock/manual-clock.js';
import type { Store } from '../ports/store.js';
import { adsTable } from '../storage/tables.js';
import { PAUSED_BY_LIFECYCLE } from '../ads/ads.rules.js';
import type { AdRecord } from '../ads/ads.model.js';
import type { CreateAdInput } from '../ads/ads.schemas.js';
import { check, render, withHandle } from './check.js';
import {
  app,
  bcAdmin,
  bcFacts,
  campaign,
  skewed,
  SPARK_PERMISSIONS,
  T0,
  tally,
  tiktokAccount,
  type App,
} from './apps.js';
import { servers } from './transactions.js';
import type { ConformanceCheck, StoreFactory, StoreHandle } from './types.js';

/** Two app servers over one handle's data, the second's clock 5 s ahead. */
async function twoServers(handle: StoreHandle) {
  const [a, b] = await servers(handle, 2);
  const clock = manualClock(T0);
  const policy = definePolicy().unwrap();
  return [app(a!, clock, policy), app(b!, skewed(clock, 5_000), policy)] as const;
}

/** Links `accountId` to `bcId` by QR code with the Spark Ads permissions, assigned to `adAccountId`. */
async function link(on: App, bcId: string, accountId: string, adAccountId: string) {
  const started = (
    await on.bc.startLinkRequest({
      businessCenter: bcFacts(bcId),
      member: bcAdmin,
      permissionLevel: 'DELIVER_ADS',
      permissions: SPARK_PERMISSIONS,
    })
  ).unwrap();
  const approved = await on.bc.approveLinkRequest({
    token: started.qrToken,
    account: tiktokAccount(accountId),
    userId: 'creator',
  });
  const l = { businessCenter: bcFacts(bcId), member: bcAdmin, linkId: approved.unwrap().link.id };
  (await on.bc.assignToAdAccount({ ...l, adAccount: { id: adAccountId, businessCenterId: bcId } })).unwrap();
  return l;
}

/** Runs `work` after `ticks` turns of the event loop: spreads the racers over the other side's steps. */
async function later<T>(ticks: number, work: () => Promise<T>): Promise<T> {
  for (let i = 0; i < ticks; i++) await new Promise<void>((resolve) => setTimeout(resolve, 0));
  return work();
}

const bcAd = (adAccountId: string, accountId: string, videoId: string): CreateAdInput => ({
  adAccountId,
  name: 'lifecycle',
  campaign,
  schedule: { startAt: T0 },
  identity: { type: 'BC_AUTH_TT', identityId: accountId },
  videoId,
});

type Stage = 'IN_REVIEW' | 'APPROVED' | 'PAUSED';

/** An ad created and moved to `stage`; what the race then asks of it: approve, start or resume. */
async function adAt(on: App, input: CreateAdInput, stage: Stage): Promise<AdRecord['id']> {
  const ad = (await on.ads.createAd(input)).unwrap();
  const ref = { adAccountId: ad.adAccountId, adId: ad.id };
  (await on.ads.submit(ref)).unwrap();
  if (stage === 'IN_REVIEW') return ad.id;
  (await on.ads.review({ ...ref, approved: true })).unwrap();
  if (stage === 'APPROVED') return ad.id;
  (await on.ads.start(ref)).unwrap();
  (await on.ads.pause(ref)).unwrap();
  return ad.id;
}

/** The move that takes an ad at `stage` live: approve, start, resume. */
function goLive(on: App, adAccountId: string, adId: string, stage: Stage) {
  const ref = { adAccountId, adId };
  if (stage === 'IN_REVIEW') return on.ads.review({ ...ref, approved: true });
  return stage === 'APPROVED' ? on.ads.start(ref) : on.ads.resume(ref);
}

/** The stored ads among `ids` that are approved or running. */
async function live(store: Store, ids: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const id of ids) {
    const ad = await store.get(adsTable, id);
    if (ad !== undefined && PAUSED_BY_LIFECYCLE.includes(ad.status)) out.push(`${id}:${ad.status}`);
  }
  return out;
}

const STAGES: readonly Stage[] = ['IN_REVIEW', 'APPROVED', 'PAUSED'];

/**
 * The lifecycle races: an unlink, a permission withdrawal or a post report racing the approvals,
 * starts and resumes of the ads that depend on it, on two app servers.
 *
 * @example
 * ```ts
 * for (const c of lifecycleRaceChecks(factory, 25)) test(c.name, c.run);
 * ```
 */
export function lifecycleRaceChecks(factory: StoreFactory, numRuns: number): ConformanceCheck[] {
  const rounds = Math.max(2, Math.ceil(numRuns / 8));
  const per = 3; // ads per stage and round
  return [
    {
      name:
        'race LIFE-01: unlink racing approve/start/resume of its BC_AUTH_TT ads on two app servers ' +
        'leaves none approved or running',
      run: () =>
        withHandle(factory, async (handle) => {
          const apps = await twoServers(handle);
          for (let round = 0; round < rounds; round++) {
            const acc = `acc-life-${round}`;
            const account = `tt-life-${round}`;
            const l = await link(apps[0], `bc-life-${round}`, account, acc);
            const ads: { id: string; stage: Stage }[] = [];
            for (const stage of STAGES) {
              for (let i = 0; i < per; i++)
                ads.push({ id: await adAt(apps[0], bcAd(acc, account, 'v-l'), stage), stage });
            }
            const moves = ads.map((a, i) => later(i, () => goLive(apps[i % 2]!, acc, a.id, a.stage)));
            const unlinked = apps[round % 2]!.bc.unlink(l);
            const results = await Promise.all(moves);
            check((await unlinked).isOk(), `round ${round}: the unlink succeeded`);
            const left = await live(
              handle.store,
              ads.map((a) => a.id),
            );
            check(
              left.length === 0,
              `round ${round}: ads left live on a removed link ${render(left)} ${render(tally(results))}`,
            );
          }
        }),
    },
    {
      name:
        // Not a `race …` check: a store without locks happens to pass it (the change takes the
        // permission away before the ads' reads can slip in between); it still holds the line.
        'LIFE-01: a permission withdrawal racing start/resume of the ads relying on it on two app servers ' +
        'leaves none approved or running',
      run: () =>
        withHandle(factory, async (handle) => {
          const apps = await twoServers(handle);
          for (let round = 0; round < rounds; round++) {
            const acc = `acc-perm-${round}`;
            const account = `tt-perm-${round}`;
            const l = await link(apps[0], `bc-perm-${round}`, account, acc);
            const ads: { id: string; stage: Stage }[] = [];
            for (const stage of ['APPROVED', 'PAUSED'] as const) {
              for (let i = 0; i < per; i++)
                ads.push({ id: await adAt(apps[0], bcAd(acc, account, 'v-p'), stage), stage });
            }
            const moves = ads.map((a, i) => later(i, () => goLive(apps[i % 2]!, acc, a.id, a.stage)));
            const changed = apps[1 - (round % 2)]!.bc.changeLinkPermissions({ ...l, permissions: ['EXISTING_POSTS'] });
            const results = await Promise.all(moves);
            check((await changed).isOk(), `round ${round}: the change succeeded`);
            const left = await live(
              handle.store,
              ads.map((a) => a.id),
            );
            check(
              left.length === 0,
              `round ${round}: ads left live without the permission ${render(left)} ${render(tally(results))}`,
            );
          }
        }),
    },
    {
      name:
        'race LIFE-01: a post turned private racing start/resume of the ads running it on two app servers ' +
        'leaves none approved or running',
      run: () =>
        withHandle(factory, async (handle) => {
          const apps = await twoServers(handle);
          // More rounds than the other checks: a store without locks loses this race only in some.
          for (let round = 0; round < 2 * rounds; round++) {
            const acc = `acc-post-${round}`;
            const videoId = `v-post-${round}`;
            const ads: { id: string; stage: Stage }[] = [];
            for (const stage of ['APPROVED', 'PAUSED'] as const) {
              for (let i = 0; i < per; i++) {
                const input: CreateAdInput = {
                  ...bcAd(acc, `brand-${i}`, videoId),
                  identity: { type: 'TT_USER', identityId: `brand-${i}` },
                };
                ads.push({ id: await adAt(apps[0], input, stage), stage });
              }
            }
            // The report starts among the moves (at tick `round % 3`), not before all of them.
            const moves = ads.map((a, i) => later(i % 4, () => goLive(apps[i % 2]!, acc, a.id, a.stage)));
            const reported = later(round % 3, () =>
              apps[round % 2]!.ads.reportPostChange({ videoId, change: 'PRIVATE' }),
            );
            const results = await Promise.all(moves);
            check((await reported).isOk(), `round ${round}: the report succeeded`);
            const left = await live(
              handle.store,
              ads.map((a) => a.id),
            );
            check(
              left.length === 0,
              `round ${round}: ads left live on a private post ${render(left)} ${render(tally(results))}`,
            );
          }
        }),
    },
  ];
}
