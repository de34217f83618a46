// The memory store driven through the Spark codes service, against a hand-written reference in
// the same process (issue 15, performance):
// - generate+confirm and search with 10^6 codes stored: at least 0.5x the throughput of the
//   reference (bench/reference-spark.mjs: Maps, node:crypto, the same checks, no events);
// - search with 10^6 codes stored within 1.5x of search with 10^3 (same service, same process);
// - listExpiring: time flat in the store's size (10^3 vs 10^6 codes, the same 100 codes
//   returned) and linear in what it returns (cost per returned code, 10,000 vs 100 returned).
// The stores are filled in bulk (generateCode would take minutes to make 10^6 codes): codes
// derived as the library derives them, with the same secret (so they are the library's codes:
// search finds them), their rows inserted through `store.transaction` in batches of 1,000 into
// the library's store and loaded into the reference's Maps. Everything measured then goes
// through the services, in interleaved rounds; each figure is the median of the per-round ratios.
// BENCH_QUICK=1: 10^5 codes instead of 10^6. BENCH_CODES=n overrides the big store's size.
import { randomFillSync } from 'node:crypto';
import {
  QUICK,
  dist,
  fmt,
  gc,
  goal,
  heap,
  info,
  lcg,
  list,
  median,
  pick,
  ratios,
  rounds,
  section,
} from './harness.mjs';
import { newCode, referenceSpark } from './reference-spark.mjs';

const { createSparkCodes, memoryStore, manualClock, DAY_MS, DEFAULT_POLICY, hasValidChecksum, parseAdCode } =
  await dist('index.js');
const { codesTable } = await dist('storage/tables.js');

const BIG = Number(process.env.BENCH_CODES ?? pick(1_000_000, 100_000));
const SMALL = 1_000;
const ROUNDS = pick(7, 3);
const WINDOW_MS = pick(400, 150);
const T0 = new Date('2026-03-01T12:00:00.000Z');
const SECRET = 'bench-secret-of-at-least-thirty-two-chars!';
const PERIODS = [7, 30, 60, 365];
const CREATORS = 1_000;
const bigLabel = BIG === 1_000_000 ? '10^6' : fmt(BIG);

const isOk = (r) => (typeof r.isOk === 'function' ? r.isOk() : r.ok === true);
const errorOf = (r) => JSON.stringify(r.error ?? r);

/** A service over its own store and clock: the library's (`kind: 'library'`) or the reference. */
function candidate(kind) {
  const clock = manualClock(T0);
  const store = kind === 'library' ? memoryStore() : undefined;
  const spark =
    kind === 'library'
      ? // The default random source (Web Crypto), as in production.
        createSparkCodes({ store, clock, codeSecret: SECRET })
      : referenceSpark({ clock, secret: SECRET, policy: DEFAULT_POLICY });
  return { kind, clock, store, spark, codes: [], videos: 0 };
}

const creators = Array.from({ length: CREATORS }, (_, i) => ({
  id: `creator-${i}`,
  displayName: `Creator ${i}`,
  accountType: 'CREATOR',
  followerCount: 50_000,
  adAuthorizationEnabled: true,
  adTermsAccepted: true,
}));
const videoOf = (v) => ({
  id: `video-${v}`,
  ownerId: creators[v % CREATORS].id,
  visibility: 'PUBLIC',
  isOriginal: true,
  adAuthorizationEnabled: true,
  music: 'ORIGINAL',
  title: `Video ${v}`,
});
const advertiser = (i) => ({
  adAccountId: `adacc-${i % 5000}`,
  hasActivePaymentMethod: true,
  hasCreativeLibraryAccess: true,
});

/** Generates a code for a fresh video; the clock moves 1 ms first. */
async function generateOne(s) {
  const v = s.videos++;
  s.clock.advance(1);
  const input = { creator: creators[v % CREATORS], video: videoOf(v), periodDays: PERIODS[v & 3] };
  const r = await s.spark.generateCode(input);
  if (!isOk(r)) throw new Error(`${s.kind}: generate ${v} failed: ${errorOf(r)}`);
  return r.value;
}

/** Fills `s` to `n` codes through its generateCode (warm-up stores); returns codes per second. */
async function fill(s, n) {
  const start = performance.now();
  for (let i = s.codes.length; i < n; i++) s.codes.push((await generateOne(s)).code);
  return n / ((performance.now() - start) / 1000);
}

// Random bytes for the bulk fill, drawn from a large buffer (the fill is not measured).
let pool = Buffer.alloc(0);
let used = 0;
function poolBytes(n) {
  if (used + n > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafe(1 << 20));
    used = 0;
  }
  used += n;
  return pool.subarray(used - n, used);
}

/**
 * Codes for videos 0..n-1 as `generateOne` would make them (same creators, periods, 1 ms
 * apart from T0 + 1 ms), derived with the library's derivation and secret.
 */
function bulkCodes(n) {
  const key = Buffer.from(SECRET);
  const out = [];
  for (let v = 0; v < n; v++) {
    const at = new Date(T0.getTime() + v + 1);
    out.push(newCode(key, creators[v % CREATORS], videoOf(v), PERIODS[v & 3], at, poolBytes));
  }
  return out;
}

/** Loads `made` (from bulkCodes) into each candidate: rows through store.transaction, or the reference's Maps. */
async function bulkLoad(made, candidates, label) {
  for (const s of candidates) {
    const start = performance.now();
    if (s.kind === 'library') {
      for (let i = 0; i < made.length; i += 1000) {
        await s.store.transaction([], async (tx) => {
          for (const { record } of made.slice(i, i + 1000)) await tx.insert(codesTable, record);
        });
        if ((i + 1000) % 200_000 === 0) console.log(`  ${label}: ${fmt(i + 1000)} rows, ${heap()}`);
      }
    } else {
      s.spark.load(made.map((m) => m.record));
    }
    for (const m of made) s.codes.push(m.code);
    s.videos = made.length;
    s.clock.advance(made.length);
    const rate = made.length / ((performance.now() - start) / 1000);
    if (s.kind === 'library') {
      info(`${label}: ${fmt(made.length)} rows inserted through store.transaction`, `${fmt(rate)} rows/s`);
    }
  }
}

const pickIndex = lcg(12345);

/**
 * Successful searches of random stored codes for about `ms` of timed work; returns searches/s.
 * Each batch of 256 inputs is prepared before its timing starts, as requests arrive at a
 * server: a fresh copy of the code's text (so it is in cache, as a request just read from the
 * network is). Picking a code out of the benchmark's own array is not timed, for either side.
 */
async function searchRate(s, ms) {
  let n = 0;
  let busy = 0;
  const inputs = new Array(256);
  while (busy < ms) {
    for (let i = 0; i < 256; i++) {
      inputs[i] = { advertiser: advertiser(n + i), code: Array.from(s.codes[pickIndex(s.codes.length)]).join('') };
    }
    const start = performance.now();
    for (let i = 0; i < 256; i++) {
      s.clock.advance(1);
      const r = await s.spark.searchCode(inputs[i]);
      if (!isOk(r)) throw new Error(`${s.kind}: search failed: ${errorOf(r)}`);
    }
    busy += performance.now() - start;
    n += 256;
  }
  return (n / busy) * 1000;
}

/** Generate (fresh video) then confirm that code from an ad account, for about `ms`; returns pairs/s. */
async function generateConfirmRate(s, ms) {
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 64; i++, n++) {
      const g = await generateOne(s);
      s.clock.advance(1);
      const c = await s.spark.confirmCode({ advertiser: advertiser(n), code: g.code });
      if (!isOk(c) || !c.value.added) throw new Error(`${s.kind}: confirm failed: ${errorOf(c)}`);
    }
    now = performance.now();
  }
  return (n / (now - start)) * 1000;
}

// listExpiring: the 7-day codes of a fill (every 4th) expire at T0 + 7 d + (v + 1) ms, so a
// window from the store's "now" to T0 + 7 d + 4A ms returns A codes, whatever the store's size.
const FIRST_7D_EXPIRY = T0.getTime() + 7 * DAY_MS;
async function listExpiringUs(s, answer, reps) {
  const from = s.clock.now();
  const withinMs = FIRST_7D_EXPIRY + answer * 4 - from.getTime();
  let got = -1;
  const start = performance.now();
  for (let i = 0; i < reps; i++) {
    const r = await s.spark.listExpiring({ withinMs, from });
    if (!isOk(r)) throw new Error(`listExpiring: ${errorOf(r)}`);
    got = r.value.length;
  }
  if (got !== answer) throw new Error(`listExpiring returned ${got} codes, expected ${answer}`);
  return ((performance.now() - start) * 1000) / reps;
}

// ---------------------------------------------------------------- warm-up and fill
section(`fill: ${fmt(SMALL)} and ${fmt(BIG)} codes in bulk${QUICK ? ' (quick mode)' : ''}`);
const WARM = pick(10_000, 3_000);
const warm = { library: candidate('library'), reference: candidate('reference') };
for (const s of Object.values(warm)) {
  const rate = await fill(s, WARM);
  info(`warm-up: ${fmt(WARM)} codes through the ${s.kind}'s generateCode (no goal)`, `${fmt(rate)}/s`);
  await searchRate(s, 100);
  await generateConfirmRate(s, 100);
}
for (const a of [10, 100, 500]) await listExpiringUs(warm.library, a, 10);
const sample = parseAdCode(warm.reference.codes[0]);
info(
  "the reference derives codes as the library does (its codes pass the library's checksum)",
  sample.isOk() && hasValidChecksum(sample.value) ? 'yes' : 'NO',
);
// The bulk rows must be the rows the library writes: the same fields.
const libraryRow = await warm.library.store.get(codesTable, (await generateOne(warm.library)).summary.id);
const bulkRow = bulkCodes(1)[0].record;
if (Object.keys(libraryRow).sort().join() !== Object.keys(bulkRow).sort().join()) {
  const keys = (row) => Object.keys(row).sort().join(', ');
  throw new Error(`bulk rows differ from the library's: ${keys(bulkRow)} vs ${keys(libraryRow)}`);
}

const small = candidate('library');
const refSmall = candidate('reference');
await bulkLoad(bulkCodes(SMALL), [small, refSmall], 'small store');
const big = candidate('library');
const ref = candidate('reference');
await bulkLoad(bulkCodes(BIG), [big, ref], 'big store');
gc();
console.log(`  filled; ${heap()}`);

// ---------------------------------------------------------------- search
section(`searchCode (successful, random stored code), ${ROUNDS} interleaved rounds of ~${WINDOW_MS} ms each`);
const searchers = { small, big, reference: ref, referenceSmall: refSmall };
for (const s of Object.values(searchers)) await searchRate(s, 100); // warm the paths on these very stores (not timed)
const search = await rounds(ROUNDS, Object.keys(searchers), (n) => searchRate(searchers[n], WINDOW_MS));
console.log(`  library, ${fmt(SMALL)} codes: ${list(search.small)} /s`);
console.log(`  library, ${fmt(big.codes.length)} codes: ${list(search.big)} /s`);
console.log(`  reference, ${fmt(ref.codes.length)} codes: ${list(search.reference)} /s`);
console.log(`  reference, ${fmt(SMALL)} codes: ${list(search.referenceSmall)} /s`);

// ---------------------------------------------------------------- listExpiring
section('listExpiring (time per call; the same answer on both store sizes)');
const LE_ROUNDS = pick(7, 3);
const le = await rounds(LE_ROUNDS, ['small100', 'big100', 'big10000'], (n) =>
  ({
    small100: () => listExpiringUs(small, 100, 200),
    big100: () => listExpiringUs(big, 100, 200),
    big10000: () => listExpiringUs(big, 10_000, pick(5, 3)),
  })[n](),
);
console.log(`  100 returned, ${fmt(SMALL)} codes stored: ${list(le.small100)} us`);
console.log(`  100 returned, ${fmt(big.codes.length)} codes stored: ${list(le.big100)} us`);
console.log(`  10,000 returned, ${fmt(big.codes.length)} codes stored: ${list(le.big10000)} us`);

// ---------------------------------------------------------------- generate + confirm
section(`generate+confirm pairs with ${bigLabel} codes stored, ${ROUNDS} interleaved rounds of ~${2 * WINDOW_MS} ms`);
for (const s of [big, ref]) await generateConfirmRate(s, 100); // not timed
const pairers = { library: big, reference: ref };
const pairs = await rounds(ROUNDS, Object.keys(pairers), (n) => generateConfirmRate(pairers[n], 2 * WINDOW_MS));
console.log(`  library: ${list(pairs.library)} pairs/s`);
console.log(`  reference: ${list(pairs.reference)} pairs/s`);
console.log(`  (${heap()})`);

// ---------------------------------------------------------------- goals
section('goals');
const medians = (a, b, unit) => `medians ${fmt(median(a))} vs ${fmt(median(b))} ${unit}`;
goal(
  `memory store: generate+confirm throughput at ${bigLabel} codes / hand-written reference`,
  median(ratios(pairs.library, pairs.reference)),
  { atLeast: 0.5, detail: medians(pairs.library, pairs.reference, 'pairs/s') },
);
goal(
  `memory store: search throughput at ${bigLabel} codes / hand-written reference`,
  median(ratios(search.big, search.reference)),
  { atLeast: 0.5, detail: medians(search.big, search.reference, 'searches/s') },
);
goal(`memory store: search time at ${bigLabel} codes / at 10^3 codes`, median(ratios(search.small, search.big)), {
  atMost: 1.5,
  detail: medians(search.big, search.small, 'searches/s'),
});
info(
  `the reference's search time at ${bigLabel} codes / at 10^3 codes (what a Map and the caches give; no goal)`,
  `${fmt(median(ratios(search.referenceSmall, search.reference)))}x`,
);
goal(
  `memory store: listExpiring time, 100 returned, ${bigLabel} / 10^3 codes stored`,
  median(ratios(le.big100, le.small100)),
  { atMost: 1.5, detail: medians(le.big100, le.small100, 'us per call') },
);
goal(
  `memory store: listExpiring cost per returned code, 10,000 / 100 returned (${bigLabel} stored)`,
  median(le.big10000.map((x, i) => x / 10_000 / (le.big100[i] / 100))),
  {
    atMost: 1.5,
    detail: medians(
      le.big10000.map((x) => x / 10_000),
      le.big100.map((x) => x / 100),
      'us per returned code',
    ),
  },
);
