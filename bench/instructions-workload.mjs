// The workload that `instructions.bench.mjs` runs under valgrind (not a benchmark of its own:
// its name does not end in .bench.mjs). It fills a memory store through the Spark codes service
// with STORED 7-day codes, prepares the inputs of every operation (the same in every run),
// warms every measured path, then runs the counted operations: COUNT_<OP> of each, OP being
// SEARCH (successful searchCode), PAIR (generateCode then confirmCode), EXPIRING_100 and
// EXPIRING_10000 (listExpiring calls answering 100 and 10,000 codes). Two runs that differ only
// in one count differ, in instructions executed, by that many operations and nothing else.
import { PerformanceObserver } from 'node:perf_hooks';
import { createSparkCodes, memoryStore, seededRandom, manualClock } from '../dist/index.js';

const count = (op) => Number(process.env[`COUNT_${op}`] ?? 0);
const STORED = Number(process.env.STORED ?? 12_000);
const MAX = 20_000; // inputs prepared for each of SEARCH and PAIR, counted or not
const T0 = new Date('2026-03-01T12:00:00.000Z');
const DAY_MS = 86_400_000;
const store = memoryStore();
const clock = manualClock(T0);
const spark = createSparkCodes({ store, clock, random: seededRandom(7), codeSecret: 'bench-secret-of-at-least-thirty-two-chars!' });
const creators = Array.from({ length: 1_000 }, (_, i) => ({
  id: `creator-${i}`, displayName: `Creator ${i}`, accountType: 'CREATOR', followerCount: 50_000, adAuthorizationEnabled: true, adTermsAccepted: true,
}));

let videos = 0;
async function generateOne(periodDays) {
  const v = videos++;
  const creator = creators[v % creators.length];
  clock.advance(1);
  const r = await spark.generateCode({
    creator,
    video: { id: `video-${v}`, ownerId: creator.id, visibility: 'PUBLIC', isOriginal: true, adAuthorizationEnabled: true, music: 'ORIGINAL', title: `Video ${v}` },
    periodDays,
  });
  if (!r.isOk()) throw new Error(JSON.stringify(r.error));
  return r.value.code;
}

const codes = [];
for (let i = 0; i < STORED; i++) codes.push(await generateOne(7));

// Search inputs as a server gets them: fresh objects with a fresh copy of a random stored code.
let rnd = 12345;
const advertiser = (i) => ({ adAccountId: `adacc-${i % 5000}`, hasActivePaymentMethod: true, hasCreativeLibraryAccess: true });
const searches = [];
for (let i = 0; i < MAX; i++) {
  rnd = (Math.imul(rnd, 1103515245) + 12345) >>> 0;
  searches.push({ advertiser: advertiser(i), code: Array.from(codes[rnd % codes.length]).join('') });
}
const confirmers = Array.from({ length: MAX }, (_, i) => advertiser(i));
async function search(i) {
  clock.advance(1);
  const r = await spark.searchCode(searches[i]);
  if (!r.isOk()) throw new Error(JSON.stringify(r.error));
}
async function pair(i) {
  const code = await generateOne(30);
  clock.advance(1);
  const r = await spark.confirmCode({ advertiser: confirmers[i], code });
  if (!r.isOk() || !r.value.added) throw new Error(JSON.stringify(r));
}
// The fill's codes expire 1 ms apart from T0 + 7 days on: a window reaching `answer` ms past
// the first expiry answers `answer` codes.
const FIRST_EXPIRY = T0.getTime() + 1 + 7 * DAY_MS;
const expiring = (answer) => async () => {
  const from = clock.now();
  const r = await spark.listExpiring({ withinMs: FIRST_EXPIRY + answer - from.getTime(), from });
  if (!r.isOk() || Math.abs(r.value.length - answer) > 2) throw new Error(`listExpiring answered ${r.isOk() ? r.value.length : JSON.stringify(r.error)} codes`);
};

const OPS = { SEARCH: search, PAIR: pair, EXPIRING_100: expiring(100), EXPIRING_10000: expiring(10_000) };
const WARM = { SEARCH: 2_000, PAIR: 2_000, EXPIRING_100: 200, EXPIRING_10000: 5 };
/** Runs `f(from)` … `f(from + n - 1)`: the one loop of every phase, warmed with the rest. */
async function repeat(f, from, n) {
  for (let i = 0; i < n; i++) await f(from + i);
}
// Warm every path twice (the same in every run): the first round's type changes (a code's first
// confirmation, say) deoptimize code that the second round optimizes again, so the counted part
// runs optimized code (what little V8 still compiles there, instructions.bench.mjs leaves out).
for (let round = 0; round < 2; round++) for (const [op, f] of Object.entries(OPS)) await repeat(f, round * WARM[op], WARM[op]);
// The counted part runs with no garbage collection: a full collection first, and a young
// generation large enough for all it allocates (node is started with a 256 MB semi-space).
// Collections are lumpy (one major collection more or less in a run is millions of
// instructions), so they are left out of the count and the bytes allocated are reported instead.
globalThis.gc();
// The full collection re-decides which allocation sites allocate straight into the old
// generation and deoptimizes the code built on the old decision: one more short round
// optimizes it again before the count.
for (const [op, f] of Object.entries(OPS)) await repeat(f, 2 * WARM[op], Math.ceil(WARM[op] / 4));
console.log('--- counted part ---'); // a marker for reading a --trace-opt --trace-deopt log of this workload
let collections = 0;
const observer = new PerformanceObserver((list) => { collections += list.getEntries().length; });
observer.observe({ entryTypes: ['gc'] });
const heapBefore = process.memoryUsage().heapUsed;
for (const [op, f] of Object.entries(OPS)) {
  const n = count(op);
  const from = 2 * WARM[op] + Math.ceil(WARM[op] / 4);
  if (n > MAX - from) throw new Error(`COUNT_${op} is at most ${MAX - from}`);
  await repeat(f, from, n);
}
const allocated = process.memoryUsage().heapUsed - heapBefore;
await new Promise((resolve) => setTimeout(resolve, 0)); // let the observer report
observer.disconnect();
console.log(JSON.stringify({ allocated, collections }));
