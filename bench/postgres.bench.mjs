// The PostgreSQL store driven through the Spark codes service by 16 concurrent clients, against a
// hand-written single-statement baseline in the same run, on the same tables (issue 15):
// - generate and confirm: at least 0.3x the baseline's throughput; search: at least 0.8x;
// - p99 latency of each within 3x the baseline's.
// The baseline (below) does the same checks in JS (input shape, SPARK-01..06, ADV-01, the
// code's format, checksum and digest, node:crypto for the code) and ONE prepared statement per
// operation on the schema `postgresStore().migrate()` made: generate inserts the code unless the
// video has one in force; search reads the code by digest and the ad account's failed searches
// in the window; confirm does that and inserts the library entry and the code's first
// confirmation. No transaction block, no locks, no events.
// Targets: the server at DATABASE_URL (a `pg` Pool of 16 per side) when set, with 10^6 codes
// stored; PGlite (in-process, one connection: the 16 clients queue) always, with 10^5 codes
// stored. The stored codes are filler rows (random digests) written in bulk by one
// INSERT … SELECT FROM generate_series per 50,000 rows, in the store's layout: through
// `store.transaction` (BENCH_PG_FILL=store) 10^6 rows take about 5 minutes on 2 cores. The
// codes operated on are generated during the run, through the service or the baseline.
// BENCH_QUICK=1: 10^5 codes on the server, 10^4 on PGlite, shorter windows.
// BENCH_PG=server|pglite runs one of the two; BENCH_PG_CODES / BENCH_PGLITE_CODES set the sizes.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { QUICK, dist, fmt, goal, info, list, median, pick, quantile, section } from './harness.mjs';
import {
  advertiserViolations,
  generateViolations,
  inForce,
  newCode,
  pastedDigest,
  status,
  validFindInput,
  validGenerateInput,
} from './reference-spark.mjs';

const { createSparkCodes, manualClock, DEFAULT_POLICY } = await dist('index.js');
const { postgresStore } = await dist('adapters/postgres/index.js');
const { codesTable, libraryTable } = await dist('storage/tables.js');

const CLIENTS = 16;
const SECRET = 'bench-secret-of-at-least-thirty-two-chars!';
const T0 = new Date('2026-03-01T12:00:00.000Z');
const DAY_MS = 86_400_000;
const url = process.env.DATABASE_URL;
const only = process.env.BENCH_PG;

const isOk = (r) => (typeof r.isOk === 'function' ? r.isOk() : r.ok === true);
const errorOf = (r) => JSON.stringify(r.error ?? r);
const creator = (i) => ({
  id: `creator-${i % 5000}`,
  displayName: 'C',
  accountType: 'CREATOR',
  followerCount: 50_000,
  adAuthorizationEnabled: true,
  adTermsAccepted: true,
});
const video = (prefix, i) => ({
  id: `${prefix}-${i}`,
  ownerId: `creator-${i % 5000}`,
  visibility: 'PUBLIC',
  isOriginal: true,
  adAuthorizationEnabled: true,
  music: 'ORIGINAL',
});
const advertiser = (id) => ({ adAccountId: id, hasActivePaymentMethod: true, hasCreativeLibraryAccess: true });
const date = (d) => ({ $date: d.toISOString() });

// The layout the bulk fill and the baseline write (src/adapters/postgres/sql-tables.ts: `key`,
// one column `<index in snake case>_<part>` per index part, the row as `data` jsonb with dates
// as {"$date": ISO}). A change to the codes table's indexes must be made here too: fail loudly.
const CODE_INDEXES = 'byCreator,byCreatorEnd,byDigest,byExpiry,byVideo,unswept';
if (Object.keys(codesTable.indexes).sort().join() !== CODE_INDEXES) {
  throw new Error(
    `codesTable's indexes are now ${Object.keys(codesTable.indexes).sort()}: ` +
      'update the bulk fill and the baseline of this benchmark',
  );
}
const CODE_COLUMNS =
  'key, by_digest_0, by_video_0, by_video_1, by_creator_0, by_creator_1, by_expiry_0, unswept_0, ' +
  'by_creator_end_0, by_creator_end_1, data';
// The library's byAccountEnd index (the portfolio) holds the authorization's end, copied on each entry.
if (Object.keys(libraryTable.indexes).sort().join() !== 'byAccount,byAccountEnd,byCode') {
  throw new Error(`libraryTable's indexes are now ${Object.keys(libraryTable.indexes).sort()}: update this benchmark`);
}

// ---------------------------------------------------------------- the baseline
/** The hand-written baseline over `db.query(name, text, params)` on schema `schema`. */
function baseline(db, schema, clock, policy) {
  const s = `"${schema}"`;
  const key = Buffer.from(SECRET);
  // In force at t: not revoked (by_expiry_0 is set), generatedAt (by_video_1) <= t < expiresAt.
  const GENERATE = `INSERT INTO ${s}.spark_codes (${CODE_COLUMNS})
    SELECT $1::text, $2::text, $3::text, $4::float8, $5::text, $4::float8, $6::float8, $6::float8, $5::text,
      $6::float8, $7::jsonb
    WHERE NOT EXISTS (
      SELECT 1 FROM ${s}.spark_codes
      WHERE by_video_0 = $3::text AND by_expiry_0 > $4::float8 AND by_video_1 <= $4::float8
    )
    ON CONFLICT DO NOTHING RETURNING key`;
  const FAILED = `SELECT count(*) FROM ${s}.spark_failed_searches WHERE by_account_0 = $2::text`;
  const SEARCH = `SELECT (${FAILED} AND by_account_1 >= $3::float8)::float8 AS failed,
    (SELECT data FROM ${s}.spark_codes WHERE by_digest_0 = $1::text) AS data`;
  const CONFIRM = `WITH c AS (
      SELECT key, data, by_expiry_0 FROM ${s}.spark_codes
      WHERE by_digest_0 = $1::text AND by_expiry_0 > $3::float8 AND by_video_1 <= $3::float8
    ), f AS (
      ${FAILED.replace('count(*)', 'count(*) AS n')} AND by_account_1 >= $4::float8
    ), ins AS (
      INSERT INTO ${s}.spark_library
        (key, by_account_0, by_account_1, by_code_0, by_code_1, by_account_end_0, by_account_end_1, data)
      SELECT $2::text || ' ' || c.key, $2::text, $3::float8, c.key, $3::float8, $2::text, c.by_expiry_0,
        jsonb_build_object('adAccountId', $2::text, 'codeId', c.key, 'videoId', c.data->'videoId',
          'creatorId', c.data->'creatorId', 'confirmedAt', jsonb_build_object('$date', $5::text),
          'confirmedBy', jsonb_build_object('kind', 'advertiser', 'id', $2::text), 'preview', c.data->'preview',
          'expiresAt', c.data->'expiresAt')
      FROM c, f WHERE f.n < $6::bigint
      ON CONFLICT (key) DO NOTHING RETURNING key
    ), upd AS (
      UPDATE ${s}.spark_codes AS u
      SET data = u.data || jsonb_build_object('firstConfirmedAt', jsonb_build_object('$date', $5::text))
      FROM ins WHERE u.key = (SELECT key FROM c) AND NOT (u.data ? 'firstConfirmedAt') RETURNING u.key
    )
    SELECT f.n::float8 AS failed, c.key AS code_id, (SELECT count(*) FROM ins)::float8 AS added
    FROM f LEFT JOIN c ON true`;
  const windowStart = (t) => t - policy.failedSearchWindowMs + 1;
  const dateOf = (v) => (v === undefined ? undefined : new Date(v.$date));

  return {
    async generateCode(input) {
      if (!validGenerateInput(input)) return { ok: false, error: 'validation' };
      const violations = generateViolations(input, policy);
      if (violations.length > 0) return { ok: false, error: violations };
      const at = clock.now();
      const t = at.getTime();
      const { code, record } = newCode(key, input.creator, input.video, input.periodDays, at);
      const row = { ...record, generatedAt: date(record.generatedAt), expiresAt: date(record.expiresAt) };
      const data = JSON.stringify(row);
      const params = [record.id, record.digest, record.videoId, t, record.creatorId, record.expiresAt.getTime(), data];
      const { rows } = await db.query('bl_generate', GENERATE, params);
      if (rows.length === 0) return { ok: false, error: 'SPARK-09: a code is in force for this video' };
      const summary = { id: record.id, expiresAt: record.expiresAt, status: 'NOT_USED', inForce: true };
      return { ok: true, value: { code, summary } };
    },
    async searchCode(input) {
      if (!validFindInput(input, false)) return { ok: false, error: 'validation' };
      const at = clock.now();
      const t = at.getTime();
      const digest = pastedDigest(input.code);
      if (digest === undefined) return { ok: false, error: 'mistyped (a failed search would be recorded)' };
      const params = [digest, input.advertiser.adAccountId, windowStart(t)];
      const {
        rows: [row],
      } = await db.query('bl_search', SEARCH, params);
      if (row.failed >= policy.maxFailedSearches) return { ok: false, error: 'throttled' };
      const v = advertiserViolations(input.advertiser);
      const d = row.data;
      if (d === null) return { ok: false, error: 'not found (a failed search would be recorded)' };
      const code = {
        generatedAt: dateOf(d.generatedAt),
        expiresAt: dateOf(d.expiresAt),
        revokedAt: dateOf(d.revokedAt),
        firstConfirmedAt: dateOf(d.firstConfirmedAt),
      };
      if (!inForce(code, t)) v.push('ADV-03');
      if (v.length > 0) return { ok: false, error: v };
      const value = { preview: d.preview, codeId: d.id, status: status(code, t), expiresAt: code.expiresAt };
      return { ok: true, value };
    },
    async confirmCode(input) {
      if (!validFindInput(input, true)) return { ok: false, error: 'validation' };
      const v = advertiserViolations(input.advertiser);
      if (v.length > 0) return { ok: false, error: v };
      const at = clock.now();
      const t = at.getTime();
      const digest = pastedDigest(input.code);
      if (digest === undefined) return { ok: false, error: 'mistyped (a failed search would be recorded)' };
      const adAccountId = input.advertiser.adAccountId;
      const params = [digest, adAccountId, t, windowStart(t), at.toISOString(), policy.maxFailedSearches];
      const {
        rows: [row],
      } = await db.query('bl_confirm', CONFIRM, params);
      if (row.failed >= policy.maxFailedSearches) return { ok: false, error: 'throttled' };
      if (row.code_id === null) return { ok: false, error: 'not found or not in force' };
      const entry = { adAccountId, codeId: row.code_id, confirmedAt: at };
      return { ok: true, value: { entry, added: row.added === 1 } };
    },
  };
}

// ---------------------------------------------------------------- load
/**
 * `CLIENTS` workers call `job(k)` with k = 0, 1, 2… until `ms` have passed or `limit` jobs were
 * started; returns jobs per second and the 99th percentile latency (ms).
 */
async function load(ms, limit, job) {
  const lat = [];
  let next = 0;
  const start = performance.now();
  const end = start + ms;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < limit && performance.now() < end) {
        const k = next++;
        const t = performance.now();
        await job(k);
        lat.push(performance.now() - t);
      }
    }),
  );
  const elapsed = performance.now() - start;
  return { perSecond: (lat.length / elapsed) * 1000, p99: quantile(lat, 0.99), n: lat.length };
}

// ---------------------------------------------------------------- fill
const fillRow = (i) => ({
  id: `fill_${i}`,
  digest: randomBytes(32).toString('hex'),
  nonce: '00'.repeat(32),
  fingerprint: '#fill…',
  creatorId: `fill-c-${i % 10_000}`,
  videoId: `fill-v-${i}`,
  periodDays: 30,
  generatedAt: new Date(T0.getTime() - DAY_MS),
  expiresAt: new Date(T0.getTime() + 29 * DAY_MS),
  preview: { creatorId: `fill-c-${i % 10_000}`, creatorName: 'F', videoId: `fill-v-${i}` },
});

/** `n` filler codes through `store.transaction`, 1,000 a transaction, `parallel` at once. */
async function fillThroughStore(store, n, parallel) {
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < n) {
        const from = next;
        next = Math.min(n, next + 1000);
        const to = next;
        await store.transaction([], async (tx) => {
          for (let i = from; i < to; i++) await tx.insert(codesTable, fillRow(i));
        });
      }
    }),
  );
}

/** The same filler codes in bulk, in the store's layout, 50,000 a statement. */
async function fillInBulk(query, schema, n) {
  const generated = new Date(T0.getTime() - DAY_MS);
  const expires = new Date(T0.getTime() + 29 * DAY_MS);
  const text = `INSERT INTO "${schema}".spark_codes (${CODE_COLUMNS})
    SELECT 'fill_' || i, d, 'fill-v-' || i, $1::float8, 'fill-c-' || (i % 10000), $1::float8, $2::float8, $2::float8,
      'fill-c-' || (i % 10000), $2::float8,
      jsonb_build_object('id', 'fill_' || i, 'digest', d, 'nonce', repeat('00', 32), 'fingerprint', '#fill…',
        'creatorId', 'fill-c-' || (i % 10000), 'videoId', 'fill-v-' || i, 'periodDays', 30,
        'generatedAt', jsonb_build_object('$date', $3::text), 'expiresAt', jsonb_build_object('$date', $4::text),
        'preview', jsonb_build_object('creatorId', 'fill-c-' || (i % 10000), 'creatorName', 'F',
          'videoId', 'fill-v-' || i))
    FROM generate_series($5::int, $6::int) AS i,
      LATERAL (SELECT encode(sha256(('fill-' || i || '-' || $7::text)::bytea), 'hex') AS d) AS x`;
  for (let from = 0; from < n; from += 50_000) {
    const to = Math.min(n, from + 50_000) - 1;
    const instants = [generated.getTime(), expires.getTime(), generated.toISOString(), expires.toISOString()];
    await query(text, [...instants, from, to, process.pid]);
  }
}

// ---------------------------------------------------------------- one target
/**
 * Fills, then runs interleaved rounds of generate, confirm and search, the library and the
 * baseline one after the other. Returns the per-round figures.
 */
async function runTarget(label, { store, baseDb, rawQuery, schema, stored, parallelFill, windowMs, rounds }) {
  section(`${label}: ${fmt(stored)} codes stored, ${CLIENTS} concurrent clients${QUICK ? ' (quick mode)' : ''}`);
  await store.migrate();
  const t0 = performance.now();
  const throughStore = process.env.BENCH_PG_FILL === 'store';
  if (throughStore) await fillThroughStore(store, stored, parallelFill);
  else await fillInBulk(rawQuery, schema, stored);
  await rawQuery(`ANALYZE "${schema}".spark_codes`);
  const how = throughStore
    ? `through store.transaction (batches of 1,000, ${parallelFill} at once)`
    : 'in bulk (INSERT … SELECT FROM generate_series)';
  console.log(`  filled ${fmt(stored)} filler codes ${how} in ${fmt((performance.now() - t0) / 1000)} s`);

  const clock = manualClock(T0);
  const sides = {
    library: { spark: createSparkCodes({ store, clock, codeSecret: SECRET }), prefix: 'lv', codes: [] },
    baseline: { spark: baseline(baseDb, schema, clock, DEFAULT_POLICY), prefix: 'bv', codes: [] },
  };
  let videos = 0;
  let accounts = 0;
  const generate = (side, ms, limit) =>
    load(ms, limit, async () => {
      const i = videos++;
      const r = await side.spark.generateCode({ creator: creator(i), video: video(side.prefix, i), periodDays: 30 });
      if (!isOk(r)) throw new Error(`generate failed: ${errorOf(r)}`);
      side.codes.push(r.value.code);
    });
  const confirm = (side, codes, ms) =>
    load(ms, codes.length, async (k) => {
      const r = await side.spark.confirmCode({ advertiser: advertiser(`adacc-${accounts++ % 1000}`), code: codes[k] });
      if (!isOk(r) || !r.value.added) throw new Error(`confirm failed: ${errorOf(r)}`);
    });
  const search = (side, ms) =>
    load(ms, Infinity, async (k) => {
      const code = side.codes[(k * 7919) % side.codes.length];
      const r = await side.spark.searchCode({ advertiser: advertiser(`search-${k % 997}`), code });
      if (!isOk(r)) throw new Error(`search failed: ${errorOf(r)}`);
    });

  // Warm-up: connections, prepared statements, caches.
  for (const side of Object.values(sides)) {
    const before = side.codes.length;
    await generate(side, pick(1000, 400), 200);
    await confirm(side, side.codes.slice(before), pick(1000, 400));
    await search(side, pick(300, 150));
  }

  const ops = ['generate', 'confirm', 'search'];
  const out = Object.fromEntries(ops.map((op) => [op, { library: [], baseline: [] }]));
  for (let r = 0; r < rounds; r++) {
    const fresh = {};
    for (const [name, side] of Object.entries(sides)) {
      const before = side.codes.length;
      out.generate[name].push(await generate(side, windowMs, Infinity));
      fresh[name] = side.codes.slice(before);
    }
    for (const [name, side] of Object.entries(sides)) {
      out.confirm[name].push(await confirm(side, fresh[name], windowMs));
    }
    for (const [name, side] of Object.entries(sides)) out.search[name].push(await search(side, windowMs));
  }
  for (const op of ops) {
    for (const name of ['library', 'baseline']) {
      const xs = out[op][name];
      const rates = list(xs.map((x) => x.perSecond));
      console.log(`  ${op.padEnd(8)} ${name.padEnd(8)} ${rates} /s, p99 ${list(xs.map((x) => x.p99))} ms`);
    }
  }
  return out;
}

function report(label, out, stored) {
  const size = stored === 1_000_000 ? '10^6' : fmt(stored);
  const goals = { generate: 0.3, confirm: 0.3, search: 0.8 };
  const ratio = (lib, base, f) => median(lib.map((x, i) => f(x) / f(base[i])));
  const medians = (lib, base, f, unit) => `medians ${fmt(median(lib.map(f)))} vs ${fmt(median(base.map(f)))} ${unit}`;
  const rate = (x) => x.perSecond;
  const p99 = (x) => x.p99;
  for (const [op, atLeast] of Object.entries(goals)) {
    const { library: lib, baseline: base } = out[op];
    goal(
      `${label}, ${size} codes, ${CLIENTS} clients: ${op} throughput / single-statement baseline`,
      ratio(lib, base, rate),
      { atLeast, detail: medians(lib, base, rate, '/s') },
    );
  }
  for (const op of Object.keys(goals)) {
    const { library: lib, baseline: base } = out[op];
    goal(`${label}, ${size} codes, ${CLIENTS} clients: ${op} p99 latency / baseline's`, ratio(lib, base, p99), {
      atMost: 3,
      detail: medians(lib, base, p99, 'ms'),
    });
  }
}

// ---------------------------------------------------------------- targets
const schema = `tta_bench_${process.pid}`;
const ran = [];

if (url && only !== 'pglite') {
  const stored = Number(process.env.BENCH_PG_CODES ?? pick(1_000_000, 100_000));
  const libPool = new pg.Pool({ connectionString: url, max: CLIENTS });
  const basePool = new pg.Pool({ connectionString: url, max: CLIENTS });
  for (const p of [libPool, basePool]) p.on('error', () => {});
  try {
    const store = postgresStore({ pool: libPool }, { schema });
    const baseDb = { query: (name, text, values) => basePool.query({ name, text, values }) };
    const out = await runTarget('PostgreSQL server (DATABASE_URL)', {
      store,
      baseDb,
      schema,
      stored,
      parallelFill: CLIENTS,
      windowMs: pick(3000, 800),
      rounds: pick(3, 2),
      rawQuery: (text, params) => basePool.query(text, params),
    });
    report('PostgreSQL server', out, stored);
    ran.push('the server at DATABASE_URL');
  } finally {
    await libPool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => {});
    await Promise.all([libPool.end(), basePool.end()]);
  }
} else if (!url) {
  info('PostgreSQL server', 'skipped: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to measure it');
}

if (only !== 'server') {
  const stored = Number(process.env.BENCH_PGLITE_CODES ?? pick(100_000, 10_000));
  const db = await PGlite.create();
  try {
    const store = postgresStore({ pglite: db }, { schema });
    const baseDb = { query: (_name, text, values) => db.query(text, values) };
    const out = await runTarget('PGlite (in-process)', {
      store,
      baseDb,
      schema,
      stored,
      parallelFill: 1,
      windowMs: pick(2000, 500),
      rounds: pick(3, 2),
      rawQuery: (text, params) => db.query(text, params),
    });
    report('PGlite', out, stored);
    ran.push('PGlite (in-memory)');
  } finally {
    await db.close();
  }
}
info('PostgreSQL targets measured', ran.join(' and ') || 'none');
