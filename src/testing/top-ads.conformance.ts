import type { AdsPorts } from './ads-ports.js';
import fc from 'fast-check';
import type { AdAccountId, AdId, EventId } from '../kernel/ids.js';
import type { NewEvent } from '../kernel/events.js';
import { DAY_MS } from '../kernel/time.js';
import type { AdRecord } from '../ads/ads.model.js';
import { check, checkEqual, checkWithStore, scheduledStore } from './check.js';
import { failingStore } from './failing-store.js';
import type { ConformanceCheck, StoreFactory } from './conformance.js';
import { manualClock } from '../adapters/clock/manual-clock.js';
import { seededRandom } from '../adapters/random/seeded-random.js';
import { createTopAds } from '../top-ads/top-ads.service.js';

const T0 = new Date('2026-01-01T00:00:00.000Z');
const SYS = { kind: 'system', id: 'test' } as const;
const LIMITS = { maxSparkAdsPerAdAccount: 10_000, maxAdsPerIdentity: 10_000 };

let counter = 0;
function uniq(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}-${Math.floor(Math.random() * 1e9).toString(36)}`;
}
function event(type: string, subjectId: string): NewEvent {
  return { id: uniq('evt') as EventId, type, at: T0, actor: SYS, subject: { kind: 'test', id: subjectId }, data: {} };
}
async function eventCount(store: AdsPorts): Promise<number> {
  return (await store.readEvents({ after: 0, limit: 100_000 })).length;
}
function creative(adAccountId: string, over: Partial<AdRecord> = {}): AdRecord {
  return {
    id: uniq('ad') as AdId, adAccountId: adAccountId as AdAccountId, name: 'Creative',
    campaign: { campaignId: 'c', objective: 'VIDEO_VIEWS', placements: ['TIKTOK'], campaignType: 'MANUAL' },
    schedule: { startAt: T0 }, identity: { type: 'TT_USER', identityId: uniq('brand') }, regions: ['US'],
    assetAuthorization: { offered: true, authorized: false, changedAt: T0, source: 'ads_manager' },
    status: 'RUNNING', statusChangedAt: T0, statusChangedBy: SYS, createdAt: T0, firstRunningAt: T0, ...over,
  };
}

/** The Top Ads part of the store conformance suite (TOP-01..09). */
export function topAdsChecks(factory: StoreFactory<AdsPorts>, numRuns: number): ConformanceCheck[] {
  const withStore = checkWithStore(factory);
  return [
    withStore('top ads: TOP-06 setCreativeAuthorization grants and withdraws idempotently, with events only on change', async (store) => {
      const acc = uniq('acc');
      const ad = creative(acc);
      await store.insertAd(ad, LIMITS, []);
      const change = (authorized: boolean, at: Date, adIds: AdId[] = [ad.id]) =>
        store.setCreativeAuthorization({ adIds, adAccountId: acc as AdAccountId, authorized, at, source: 'creative_center', by: SYS }, (after) => event('t.change', after.id));
      const before = await eventCount(store);
      const granted = await change(true, new Date(T0.getTime() + 1));
      check(granted.kind === 'done' && granted.changed.length === 1 && granted.changed[0]!.assetAuthorization.authorized && granted.changed[0]!.assetAuthorization.source === 'creative_center', 'granted');
      const again = await change(true, T0);
      check(again.kind === 'done' && again.changed.length === 0 && again.unchanged.length === 1, 'granting again is a no-op');
      checkEqual((await store.listAuthorizedCreatives()).map((a) => a.id).filter((id) => id === ad.id), [ad.id], 'listed as authorized');
      const at = new Date(T0.getTime() + DAY_MS);
      const withdrawn = await change(false, at);
      check(withdrawn.kind === 'done' && withdrawn.changed[0]?.assetAuthorization.withdrawnAt?.getTime() === at.getTime(), 'withdrawn at the instant');
      const twice = await change(false, at);
      check(twice.kind === 'done' && twice.changed.length === 0, 'withdrawing again is a no-op');
      checkEqual(await eventCount(store), before + 2, 'one event per change');
      check(!(await store.listAuthorizedCreatives()).some((a) => a.id === ad.id), 'no longer listed');
      const regranted = await change(true, at);
      check(regranted.kind === 'done' && regranted.changed[0]?.assetAuthorization.withdrawnAt === undefined, 'granting again clears withdrawnAt');
    }),
    withStore('top ads: TOP-02/TOP-03 a batch with an ad without the option, or a foreign ad, writes nothing (all or nothing)', async (store) => {
      const acc = uniq('acc');
      const ok = creative(acc);
      const spc = creative(acc, { assetAuthorization: { offered: false, authorized: false, changedAt: T0, source: 'ads_manager' } });
      await store.insertAd(ok, LIMITS, []);
      await store.insertAd(spc, LIMITS, []);
      const before = await eventCount(store);
      const refused = await store.setCreativeAuthorization({ adIds: [ok.id, spc.id], adAccountId: acc as AdAccountId, authorized: true, at: T0, source: 'ads_manager', by: SYS }, (a) => event('t', a.id));
      check(refused.kind === 'not_offered' && refused.ads.map((a) => a.id).join() === spc.id, 'not offered, listing the ad');
      const foreign = await store.setCreativeAuthorization({ adIds: [ok.id], adAccountId: 'other' as AdAccountId, authorized: true, at: T0, source: 'ads_manager', by: SYS }, (a) => event('t', a.id));
      check(foreign.kind === 'not_found' && foreign.adId === ok.id, 'another ad account');
      checkEqual(await eventCount(store), before, 'no events');
      checkEqual((await store.getAd(ok.id))?.assetAuthorization.authorized, false, 'the eligible ad was not authorized either');
      let thrown = false;
      try { await store.setCreativeAuthorization({ adIds: [ok.id], adAccountId: acc as AdAccountId, authorized: true, at: T0, source: 'ads_manager', by: SYS }, () => { throw new Error('builder'); }); } catch { thrown = true; }
      check(thrown, 'a throwing builder rejects');
      checkEqual((await store.getAd(ok.id))?.assetAuthorization.authorized, false, 'and writes nothing');
    }),
    withStore('top ads: TOP-05 claimPopup records a showing at most once per interval', async (store) => {
      const account = uniq('tt4b');
      checkEqual(await store.getPopupLastShown(account), undefined, 'never shown');
      const week = 7 * DAY_MS;
      checkEqual((await store.claimPopup(account, T0, week, [event('t.popup', account)])).kind, 'claimed', 'first claim');
      const early = await store.claimPopup(account, new Date(T0.getTime() + week - 1), week, [event('t.popup', account)]);
      check(early.kind === 'not_due' && early.lastShownAt.getTime() === T0.getTime(), 'not due inside the interval');
      const later = await store.claimPopup(account, new Date(T0.getTime() + week), week, [event('t.popup', account)]);
      check(later.kind === 'claimed' && later.previous?.getTime() === T0.getTime(), 'claimed at the interval');
      checkEqual((await store.getPopupLastShown(account))?.getTime(), T0.getTime() + week, 'last shown updated');
      checkEqual((await store.readEvents({ after: 0, limit: 100_000 })).filter((e) => e.subject.id === account).length, 2, 'one event per showing');
    }),
    {
      name: 'top ads race: TOP-05 concurrent pop-up claims inside one interval show it once (Promise.all and fc.scheduler)',
      async run() {
        // Plain concurrency first: every claim starts before any finishes.
        {
          const handle = await factory();
          try {
            const acc = uniq('acc');
            await handle.store.insertAd(creative(acc), LIMITS, []);
            const topAds = createTopAds({ store: handle.store, clock: manualClock(new Date(T0.getTime() + DAY_MS)), random: seededRandom(50) });
            const account = uniq('tt4b');
            const rs = await Promise.all(Array.from({ length: 20 }, () => topAds.popup({ accountId: account, adAccountIds: [acc] })));
            checkEqual(rs.filter((r) => r.isOk() && r.value.show).length, 1, 'shown exactly once under Promise.all');
          } finally {
            await handle.close?.();
          }
        }
        await fc.assert(
          fc.asyncProperty(fc.scheduler(), fc.integer({ min: 2, max: 8 }), async (s, n) => {
            const handle = await factory();
            try {
              const raw = handle.store;
              const scheduled = scheduledStore(s, raw);
              const acc = uniq('acc');
              await raw.insertAd(creative(acc), LIMITS, []);
              const topAds = createTopAds({ store: scheduled, clock: manualClock(new Date(T0.getTime() + DAY_MS)), random: seededRandom(51) });
              const account = uniq('tt4b');
              const rs = await s.waitFor(Promise.all(Array.from({ length: n }, () => topAds.popup({ accountId: account, adAccountIds: [acc] }))));
              checkEqual(rs.filter((r) => r.isOk() && r.value.show).length, 1, 'shown exactly once');
            } finally {
              await handle.close?.();
            }
          }),
          { numRuns: Math.max(5, Math.floor(numRuns / 4)) },
        );
      },
    },
    withStore('top ads X-03: a storage failure while withdrawing or authorizing leaves the authorizations and events unchanged', async (store) => {
      const acc = uniq('acc');
      const ad = creative(acc, { assetAuthorization: { offered: true, authorized: true, changedAt: T0, source: 'ads_manager' } });
      await store.insertAd(ad, LIMITS, []);
      const before = JSON.stringify({ ad: await store.getAd(ad.id), events: await store.readEvents({ after: 0, limit: 100_000 }) });
      const topAds = createTopAds({ store: failingStore(store, { failOnWrite: 1 }), clock: manualClock(T0), random: seededRandom(52) });
      const r = await topAds.withdraw({ adAccountId: acc, adId: ad.id });
      check(r.isErr() && r.error.code === 'storage', 'storage error');
      const other = creative(acc);
      await store.insertAd(other, LIMITS, []);
      const r2 = await createTopAds({ store: failingStore(store, { failOnWrite: 1 }), clock: manualClock(T0), random: seededRandom(53) }).authorize({ adAccountId: acc, adIds: [other.id, ad.id] });
      check(r2.isErr() && r2.error.code === 'storage', 'storage error for the batch');
      checkEqual((await store.getAd(other.id))?.assetAuthorization.authorized, false, 'no creative of the batch authorized');
      await store.setCreativeAuthorization({ adIds: [other.id], adAccountId: acc as AdAccountId, authorized: false, at: T0, source: 'ads_manager', by: SYS }, (a) => event('t', a.id));
      checkEqual(JSON.stringify({ ad: await store.getAd(ad.id), events: await store.readEvents({ after: 0, limit: 100_000 }) }), before, 'state unchanged');
    }),
  ];
}
