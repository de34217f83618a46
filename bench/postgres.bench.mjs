// PostgreSQL store throughput and latency against the local server, with the memory store's
// figures from the same run beside them. Needs DATABASE_URL (skips with a message otherwise).
// Run: npm run build && DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --expose-gc bench/postgres.bench.mjs
import pg from 'pg';
import { createBusinessCenterLinks, createSparkCodes, manualClock, memoryStore, seededRandom } from '../dist/index.js';
import { postgresStore } from '../dist/adapters/postgres/index.js';
import { fmt, target } from './harness.mjs';

const url = process.env.DATABASE_URL;
if (!url) {
  console.log('skipped: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to benchmark the PostgreSQL store');
  process.exit(0);
}

const CLIENTS = 16;
const STORED = Number(process.env.BENCH_CODES ?? 1_000_000);
const CONFIRMS = 8_000;
const SEARCH_MS = 4_000;
const secret = 'bench-secret-of-at-least-thirty-two-characters';
const T0 = new Date('2026-01-01T00:00:00.000Z');
const creator = (i) => ({ id: `creator-${i % 500}`, displayName: 'C', accountType: 'CREATOR', followerCount: 50_000, adAuthorizationEnabled: true, adTermsAccepted: true });
const video = (i) => ({ id: `video-${i}`, ownerId: `creator-${i % 500}`, visibility: 'PUBLIC', isOriginal: true, adAuthorizationEnabled: true, music: 'ORIGINAL' });
const advertiser = (i) => ({ adAccountId: `adacc-${i}`, hasActivePaymentMethod: true, hasCreativeLibraryAccess: true });

/** Runs `n` jobs on `CLIENTS` concurrent workers; returns jobs per second. */
async function concurrent(n, job) {
  let next = 0;
  const start = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, async () => { while (next < n) await job(next++); }));
  return (n / (performance.now() - start)) * 1000;
}

/** Searches for `ms` on `CLIENTS` workers; returns searches per second and the p99 latency. */
async function searchLoad(spark, codes, ms) {
  const lat = [];
  const end = performance.now() + ms;
  let i = 0;
  const start = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, async (_, w) => {
    while (performance.now() < end) {
      const k = i++;
      const t = performance.now();
      const r = await spark.searchCode({ advertiser: advertiser(1_000_000 + (k % 997)), code: codes[(k * 7919 + w) % codes.length] });
      lat.push(performance.now() - t);
      if (r.isErr()) throw new Error(`search failed: ${r.error.message}`);
    }
  }));
  const elapsed = performance.now() - start;
  lat.sort((a, b) => a - b);
  return { perSecond: (lat.length / elapsed) * 1000, p99: lat[Math.floor(lat.length * 0.99)] };
}

const ADS_PER_CODE = 1_000;
const REVOKES = 7;

/**
 * Revocation of a code used by ADS_PER_CODE running ads (SPARK-10): the code and every ad paused
 * in one transaction. A code is revoked once, so each sample revokes a fresh code; the ads are
 * inserted through the store (running, as if started). Returns the median and worst ms. Where
 * the time went before migration 5 (1,000 ads, idle 2-CPU box, ~90 ms): locking and reading the
 * ads as JSON ~35 ms, the UPDATE of 1,000 rows plus 1,001 events ~43 ms, building the events in
 * JS ~12 ms. Migration 5 (ms() inlined into the JSON, events parsed once) took it to ~50–65 ms.
 */
async function revokeWithAds(store) {
  const spark = createSparkCodes({ store, clock: manualClock(T0), random: seededRandom(7), codeSecret: secret });
  const ms = [];
  for (let k = 0; k < REVOKES; k++) {
    const g = (await spark.generateCode({ creator: creator(900_000 + k), video: video(900_000 + k), periodDays: 30 })).unwrap();
    (await spark.confirmCode({ advertiser: advertiser(`revoke-${k}`), code: g.code })).unwrap();
    const codeId = g.summary.id;
    const auth = { codeId, videoId: `video-${900_000 + k}`, creatorId: `creator-${(900_000 + k) % 500}`, expiresAt: new Date(T0.getTime() + 30 * 86_400_000) };
    const sys = { kind: 'system', id: 'bench' };
    await concurrent(ADS_PER_CODE, async (i) => {
      const out = await store.insertAd({
        id: `ad-${k}-${i}`, adAccountId: `adacc-revoke-${k}`, name: 'Ad', campaign: { campaignId: 'c', objective: 'VIDEO_VIEWS', placements: ['TIKTOK'], campaignType: 'MANUAL' },
        schedule: { startAt: T0 }, identity: { type: 'AUTH_CODE', codeId }, videoId: auth.videoId, authorization: auth, regions: [],
        assetAuthorization: { offered: true, authorized: false, changedAt: T0, source: 'ads_manager' },
        status: 'RUNNING', statusChangedAt: T0, statusChangedBy: sys, createdAt: T0, firstRunningAt: T0,
      }, { maxSparkAdsPerAdAccount: 10_000, maxAdsPerIdentity: 10_000 }, []);
      if (out.kind !== 'inserted') throw new Error(`insertAd: ${out.kind}`);
    });
    const t = performance.now();
    const r = (await spark.revokeCode({ creatorId: auth.creatorId, codeId })).unwrap();
    ms.push(performance.now() - t);
    if (r.pausedAds.length !== ADS_PER_CODE) throw new Error(`revoke paused ${r.pausedAds.length} ads`);
  }
  ms.sort((a, b) => a - b);
  return { median: ms[Math.floor(ms.length / 2)], worst: ms.at(-1) };
}

async function run(name, store, seed) {
  const spark = createSparkCodes({ store, clock: manualClock(T0), random: seededRandom(42), codeSecret: secret });
  const t0 = performance.now();
  await seed();
  const seeded = performance.now() - t0;
  // Real codes to confirm and search (the filler rows have random digests).
  const codes = [];
  for (let i = 0; i < CONFIRMS; i++) codes.push((await spark.generateCode({ creator: creator(i), video: video(i), periodDays: 30 })).unwrap().code);
  const confirms = await concurrent(CONFIRMS, async (i) => {
    const r = await spark.confirmCode({ advertiser: advertiser(i % 1000), code: codes[i] });
    if (r.isErr() || !r.value.added) throw new Error(`confirm failed: ${r.isErr() ? r.error.message : 'not added'}`);
  });
  const search = await searchLoad(spark, codes, SEARCH_MS);
  console.log(`${name}: seeded ${fmt(STORED)} codes in ${fmt(seeded / 1000)} s; ${fmt(confirms)} confirms/s, ${fmt(search.perSecond)} searches/s, search p99 ${fmt(search.p99)} ms (${CLIENTS} concurrent clients)`);
  return { confirms, search };
}

const APPROVALS = 4_000;
const SPARK_PERMISSIONS = ['EXISTING_POSTS', 'PUBLISH_NEW_VIDEOS', 'SHOW_THROUGH_ADS_ONLY'];

/**
 * QR link approvals/s on `CLIENTS` workers: `spread` over 200 Business Centers (distinct
 * accounts), and `hot`, 800 approvals into one Business Center (each one locks its counter row:
 * they run one after the other, up to the BC-01 cap).
 */
async function approvals(name, store) {
  const bc = createBusinessCenterLinks({ store, clock: manualClock(T0), random: seededRandom(7) });
  const requests = async (n, bcOf) => {
    const tokens = [];
    await concurrent(n, async (i) => {
      tokens[i] = (await bc.startLinkRequest({ businessCenter: { id: bcOf(i), verified: true }, member: { userId: 'admin', role: 'ADMIN' }, permissionLevel: 'DELIVER_ADS', permissions: SPARK_PERMISSIONS })).unwrap().qrToken;
    });
    return tokens;
  };
  const approve = (tokens, prefix) => concurrent(tokens.length, async (i) => {
    const r = await bc.approveLinkRequest({ token: tokens[i], account: { id: `${prefix}-${i}`, accountType: 'CREATOR', isPrivate: false, inAnyBusinessCenter: false }, userId: 'u' });
    if (r.isErr()) throw new Error(`approval failed: ${r.error.message}`);
  });
  const spread = await approve(await requests(APPROVALS, (i) => `bench-bc-${i % 200}`), 'tt-spread');
  const hot = await approve(await requests(800, () => 'bench-hot-bc'), 'tt-hot');
  console.log(`${name}: ${fmt(spread)} link approvals/s over 200 Business Centers, ${fmt(hot)} approvals/s into one Business Center (${CLIENTS} concurrent clients)`);
  return { spread, hot };
}

// --- memory store -----------------------------------------------------------------------------
const mem = memoryStore();
const memFigures = await run('memory store', mem, async () => {
  const base = { nonce: '00'.repeat(32), fingerprint: '#bulk…', periodDays: 30, generatedAt: T0, expiresAt: new Date(T0.getTime() + 30 * 86_400_000) };
  for (let i = 0; i < STORED; i++) {
    await mem.insertCode({ ...base, id: `bulk-${i}`, digest: `e${i.toString(16).padStart(63, '0')}`, creatorId: `bulk-c-${i % 10_000}`, videoId: `bulk-v-${i}`,
      preview: { creatorId: `bulk-c-${i % 10_000}`, creatorName: 'B', videoId: `bulk-v-${i}` } }, []);
  }
});
const memApprovals = await approvals('memory store', memoryStore());
const memRevoke = await revokeWithAds(mem);
globalThis.gc?.();

// --- PostgreSQL server ------------------------------------------------------------------------
const schema = `tta_bench_${process.pid}`;
const pool = new pg.Pool({ connectionString: url, max: CLIENTS });
pool.on('error', () => {});
try {
  const store = postgresStore({ pool, schema });
  await store.migrate();
  const s = `"${schema}"`;
  const pgFigures = await run('postgres (server)', store, async () => {
    // Bulk path: one INSERT … SELECT generate_series, not a million service calls.
    await pool.query(`INSERT INTO ${s}.spark_codes (id, digest, nonce, fingerprint, creator_id, video_id, period_days, generated_at, expires_at, preview)
      SELECT 'bulk-' || i, encode(sha256(('bulk-' || i)::bytea), 'hex'), repeat('00', 32), '#bulk…', 'bulk-c-' || (i % 10000), 'bulk-v-' || i, 30,
             $1::timestamptz, $1::timestamptz + interval '30 days',
             json_build_object('creatorId', 'bulk-c-' || (i % 10000), 'creatorName', 'B', 'videoId', 'bulk-v-' || i)
      FROM generate_series(1, $2::integer) AS i`, [T0.toISOString(), STORED]);
    await pool.query(`ANALYZE ${s}.spark_codes`);
  });
  target('postgres confirms/s (16 clients)', pgFigures.confirms, { atLeast: 2000, unit: '/s' });
  target('postgres searches/s (16 clients, 1M codes)', pgFigures.search.perSecond, { atLeast: 5000, unit: '/s' });
  target('postgres search p99 (1M codes)', pgFigures.search.p99, { atMost: 10, unit: ' ms' });
  const pgApprovals = await approvals('postgres (server)', store);
  target('postgres link approvals/s (16 clients, 200 Business Centers)', pgApprovals.spread, { atLeast: 1000, unit: '/s' });
  target('postgres link approvals/s (16 clients, one Business Center)', pgApprovals.hot, { atLeast: 250, unit: '/s' });
  console.log(`memory store beside it: ${fmt(memApprovals.spread)} approvals/s spread, ${fmt(memApprovals.hot)} approvals/s into one Business Center`);
  console.log(`memory store beside it: ${fmt(memFigures.confirms)} confirms/s, ${fmt(memFigures.search.perSecond)} searches/s, p99 ${fmt(memFigures.search.p99)} ms`);
  const pgRevoke = await revokeWithAds(store);
  target(`postgres revoke of a code used by ${fmt(ADS_PER_CODE)} running ads, median of ${REVOKES}`, pgRevoke.median, { atMost: 200, unit: ' ms' });
  console.log(`  worst ${fmt(pgRevoke.worst)} ms; memory store beside it: median ${fmt(memRevoke.median)} ms, worst ${fmt(memRevoke.worst)} ms`);
} finally {
  await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await pool.end();
}
