/// <reference types="node" />
import { afterAll, describe, expect, test } from 'vitest';
import type pg from 'pg';
import {
  adStatusAt, createAds, createSparkCodes, definePolicy, manualClock, seededRandom,
  type AdAccountId, type AdCodeId, type AdStore, type SparkCodeStore, type TopAdsStore,
} from '../../index.js';
import { DATABASE_URL, freshSchema, freshStore, serverPool } from '../../../test/pg-fixtures.js';
import { naivePgAdsStore } from '../../../test/naive-pg-ads-store.js';

// Real concurrency for the ads invariants: several pools (as several processes would have),
// each call on its own pooled connection, against one schema; each race repeated.
type Ports = SparkCodeStore & AdStore & TopAdsStore;
const SECRET = 'ads-concurrency-secret-at-least-32-characters';
const T0 = new Date('2026-04-01T00:00:00.000Z');
const REPEAT = Number(process.env.PG_RACE_REPEAT ?? 10);
const campaign = { campaignId: 'cmp', objective: 'VIDEO_VIEWS', placements: ['TIKTOK'], campaignType: 'MANUAL' } as const;

function eligible(videoId: string, creatorId: string) {
  return {
    creator: { id: creatorId, displayName: 'C', accountType: 'CREATOR', followerCount: 50_000, adAuthorizationEnabled: true, adTermsAccepted: true },
    video: { id: videoId, ownerId: creatorId, visibility: 'PUBLIC', isOriginal: true, adAuthorizationEnabled: true, music: 'ORIGINAL' },
    periodDays: 30,
  };
}
const advertiser = (adAccountId: string) => ({ adAccountId, hasActivePaymentMethod: true, hasCreativeLibraryAccess: true });

function services(stores: readonly Ports[], seed: number, policy = definePolicy().unwrap(), clock = manualClock(T0)) {
  return stores.map((store, i) => ({
    spark: createSparkCodes({ store, clock, random: seededRandom(seed + i), codeSecret: SECRET, policy }),
    ads: createAds({ store, clock, random: seededRandom(seed + 100 + i), policy }),
  }));
}

/**
 * SPARK-10 / ADV-06: one revocation racing 3 submits, 3 starts and 6 resumes of the code's ads,
 * spread over the pools. Afterwards no ad of the code is RUNNING or APPROVED at the revocation
 * instant, and no submit, start or resume of the code was recorded after the revocation.
 */
async function revokeRace(stores: readonly Ports[], round: number): Promise<void> {
  const svc = services(stores, 1000 * round);
  const { spark, ads } = svc[0]!;
  const creatorId = `creator-rv-${round}`;
  const acc = `acc-rv-${round}`;
  const g = (await spark.generateCode(eligible(`video-rv-${round}`, creatorId))).unwrap();
  (await spark.confirmCode({ advertiser: advertiser(acc), code: g.code })).unwrap();
  const adIn = async (path: readonly ('submit' | 'approve' | 'start' | 'pause')[]) => {
    const ad = (await ads.createAd({ adAccountId: acc, name: 'Ad', campaign, schedule: { startAt: T0 }, identity: { type: 'AUTH_CODE', codeId: g.summary.id } })).unwrap();
    for (const step of path) (step === 'approve' ? await ads.review({ adAccountId: acc, adId: ad.id, approved: true }) : await ads[step]({ adAccountId: acc, adId: ad.id })).unwrap();
    return ad.id;
  };
  const drafts = [await adIn([]), await adIn([]), await adIn([])];
  const approved = [await adIn(['submit', 'approve']), await adIn(['submit', 'approve']), await adIn(['submit', 'approve'])];
  const paused: string[] = [];
  for (let i = 0; i < 6; i++) paused.push(await adIn(['submit', 'approve', 'start', 'pause']));
  const on = (i: number) => svc[i % svc.length]!.ads;
  const ref = (adId: string) => ({ adAccountId: acc, adId });
  await Promise.all([
    ...paused.slice(0, 3).map((id, i) => on(i).resume(ref(id))),
    ...drafts.map((id, i) => on(i + 1).submit(ref(id))),
    svc[round % svc.length]!.spark.revokeCode({ creatorId, codeId: g.summary.id }),
    ...approved.map((id, i) => on(i + 2).start(ref(id))),
    ...paused.slice(3).map((id, i) => on(i).resume(ref(id))),
  ]);
  const code = await stores[0]!.getCode(g.summary.id as AdCodeId);
  if (code?.revokedAt === undefined) throw new Error(`round ${round}: the code is not revoked`);
  const delivering = (await stores[0]!.listAdsByCode(g.summary.id as AdCodeId))
    .map((ad) => adStatusAt(ad, code.revokedAt!).status).filter((s) => s === 'RUNNING' || s === 'APPROVED');
  const events = await stores[0]!.readEvents({ after: 0, limit: 100_000 });
  const revokedSeq = events.find((e) => e.type === 'spark.code_revoked' && e.subject.id === g.summary.id)?.seq ?? 0;
  const late = events.filter((e) => e.seq > revokedSeq && ['ads.submitted', 'ads.started', 'ads.resumed'].includes(e.type)
    && (e.data as { codeId?: string }).codeId === g.summary.id);
  if (delivering.length > 0 || late.length > 0) {
    throw new Error(`round ${round}: ${delivering.length} ads ${delivering.join(', ')} on the revoked code; ${late.length} changes recorded after the revocation`);
  }
}

/** ADV-04: 30 concurrent creations on one ad account with a limit of 5 Spark Ads: exactly 5. */
async function sparkLimitRace(stores: readonly Ports[], round: number): Promise<void> {
  const svc = services(stores, 5000 * round, definePolicy({ maxSparkAdsPerAdAccount: 5 }).unwrap());
  const acc = `acc-lim-${round}`;
  const g = (await svc[0]!.spark.generateCode(eligible(`video-lim-${round}`, `creator-lim-${round}`))).unwrap();
  (await svc[0]!.spark.confirmCode({ advertiser: advertiser(acc), code: g.code })).unwrap();
  const rs = await Promise.all(Array.from({ length: 30 }, (_, i) => svc[i % svc.length]!.ads.createAd({
    adAccountId: acc, name: 'Ad', campaign, schedule: { startAt: T0 }, identity: { type: 'AUTH_CODE', codeId: g.summary.id } })));
  const ok = rs.filter((r) => r.isOk()).length;
  const stored = (await stores[0]!.listAdsByAccount(acc as AdAccountId)).length;
  if (ok !== 5 || stored !== 5) throw new Error(`round ${round}: ${ok} creations succeeded, ${stored} ads stored (limit 5)`);
}

/** ADV-04: 30 concurrent creations for one identity across 10 ad accounts with a limit of 7: exactly 7. */
async function identityLimitRace(stores: readonly Ports[], round: number): Promise<void> {
  const svc = services(stores, 7000 * round, definePolicy({ maxAdsPerIdentity: 7 }).unwrap());
  const identityId = `brand-${round}`;
  const rs = await Promise.all(Array.from({ length: 30 }, (_, i) => svc[i % svc.length]!.ads.createAd({
    adAccountId: `acc-id-${round}-${i % 10}`, name: 'Ad', campaign, schedule: { startAt: T0 }, identity: { type: 'TT_USER', identityId } })));
  const ok = rs.filter((r) => r.isOk()).length;
  if (ok !== 7) throw new Error(`round ${round}: ${ok} creations for one identity succeeded (limit 7)`);
}

describe.runIf(DATABASE_URL)('postgresStore on a server keeps the ads invariants under real concurrency', () => {
  const pools: pg.Pool[] = DATABASE_URL ? [serverPool(8), serverPool(8), serverPool(8)] : [];
  afterAll(async () => { await Promise.all(pools.map((p) => p.end())); });

  async function withStores(naive: boolean, body: (stores: Ports[], schema: string) => Promise<void>): Promise<void> {
    const schema = freshSchema();
    const handles = await Promise.all(pools.map((pool) => freshStore({ pool }, schema)));
    try {
      await body(handles.map((h, i) => (naive ? naivePgAdsStore(h.store, pools[i]!, schema) : h.store)), schema);
    } finally {
      await handles[0]!.close();
    }
  }

  test(`SPARK-10: a revocation racing submits, starts and resumes over separate connections leaves no ad delivering on the revoked code (×${REPEAT})`, async () => {
    await withStores(false, async (stores) => { for (let r = 0; r < REPEAT; r++) await revokeRace(stores, r); });
  });

  test(`ADV-04: concurrent creations never exceed the Spark Ads limit of an ad account (×${REPEAT})`, async () => {
    await withStores(false, async (stores) => { for (let r = 0; r < REPEAT; r++) await sparkLimitRace(stores, r); });
  });

  test(`ADV-04: concurrent creations never exceed the limit of an identity across ad accounts (×${REPEAT})`, async () => {
    await withStores(false, async (stores) => { for (let r = 0; r < REPEAT; r++) await identityLimitRace(stores, r); });
  });

  test(`ADV-04: counters stay exact under concurrent creations, stops and expiry sweeps (×${REPEAT})`, async () => {
    await withStores(false, async (stores, schema) => {
      for (let r = 0; r < REPEAT; r++) {
        const clock = manualClock(T0);
        const svc = services(stores, 9000 * r, definePolicy({ maxSparkAdsPerAdAccount: 6 }).unwrap(), clock);
        const acc = `acc-mix-${r}`;
        const g = (await svc[0]!.spark.generateCode({ ...eligible(`video-mix-${r}`, `creator-mix-${r}`), periodDays: 7 })).unwrap();
        (await svc[0]!.spark.confirmCode({ advertiser: advertiser(acc), code: g.code })).unwrap();
        const create = (i: number) => svc[i % svc.length]!.ads.createAd({ adAccountId: acc, name: 'Ad', campaign, schedule: { startAt: T0 }, identity: { type: 'AUTH_CODE', codeId: g.summary.id } });
        const first = (await Promise.all(Array.from({ length: 6 }, (_, i) => create(i)))).map((x) => x.unwrap().id);
        for (const id of first.slice(0, 4)) {
          for (const step of ['submit', 'approve'] as const) (step === 'approve' ? await svc[0]!.ads.review({ adAccountId: acc, adId: id, approved: true }) : await svc[0]!.ads[step]({ adAccountId: acc, adId: id })).unwrap();
        }
        await Promise.all([
          ...first.slice(0, 2).map((adId, i) => svc[i % svc.length]!.ads.stop({ adAccountId: acc, adId })),
          ...Array.from({ length: 10 }, (_, i) => create(i + 1)),
        ]);
        const live = async () => (await stores[0]!.listAdsByAccount(acc as AdAccountId)).filter((a) => a.status !== 'STOPPED').length;
        expect(await live(), `round ${r}: ads not stopped`).toBeLessThanOrEqual(6);
        // The counter is exact: creating one by one fills the account up to the limit, not beyond.
        while ((await create(0)).isOk());
        expect(await live(), `round ${r}: filled up to the limit`).toBe(6);
        // The code expires: three sweeps at once, racing creations of other ads of the account.
        clock.advance(8 * 86_400_000);
        const sweeps = await Promise.all([
          ...svc.map((x) => x.ads.expireDue()),
          ...Array.from({ length: 6 }, (_, i) => svc[i % svc.length]!.ads.createAd({ adAccountId: acc, name: 'Ad', campaign, schedule: { startAt: T0 }, identity: { type: 'TT_USER', identityId: `brand-mix-${r}` } })),
        ]);
        const stopped = sweeps.slice(0, svc.length).flatMap((x) => (x.isOk() && 'stoppedAds' in x.value ? x.value.stoppedAds : []));
        expect(stopped.length, `round ${r}: ads stopped by the sweeps, each once`).toBe(2);
        const { rows } = await pools[0]!.query(
          `SELECT c.scope, c.key, c.n, (SELECT count(*)::int FROM "${schema}".ads a WHERE a.status <> 'STOPPED'
             AND CASE c.scope WHEN 'spark' THEN a.ad_account_id = c.key AND a.spark ELSE a.identity_key = c.key END) AS truth
           FROM "${schema}".ad_counts c`);
        expect(rows.filter((x: { n: number; truth: number }) => x.n !== x.truth), `round ${r}: counters`).toEqual([]);
      }
    });
  });

  describe('negative control: a read-then-write PostgreSQL store fails the same tests', () => {
    test('the revoke-vs-resume race fails on the naive store', async () => {
      await expect(withStores(true, async (stores) => { for (let r = 0; r < REPEAT; r++) await revokeRace(stores, r); })).rejects.toThrow(/on the revoked code/);
    });
    test('the Spark Ads limit race fails on the naive store', async () => {
      await expect(withStores(true, async (stores) => { for (let r = 0; r < REPEAT; r++) await sparkLimitRace(stores, r); })).rejects.toThrow(/limit 5/);
    });
  });
});
