// Revocation with N ads and the authorization forecast on the memory store (issue 15,
// performance): time linear in what they change or return, flat in the store's size.
// - revokeCode of a code used by N running ads (all paused in the same transaction): the same
//   N = 1,000 with 10^3 and with 10^5 other ads in the store, and the cost per paused ad at
//   N = 1,000 against N = 100 (in the big store);
// - forecast of an ad account whose K ads are all listed: the same K = 100 with 10^3 and with
//   10^5 other ads in the store, and the cost per listed ad at K = 1,000 against K = 100.
// (listExpiring, the third of these goals, is in memory-store.bench.mjs, over 10^3 and 10^6 codes.)
// The ads and the other codes are copies of one ad and one code made through the services,
// inserted through `store.transaction` in batches (the services would take minutes to make
// 10^5 ads); each revoked code is generated and confirmed through the service. The other ads:
// 10 per code, over 50 ad accounts, all running.
// BENCH_QUICK=1: 10^4 other ads instead of 10^5, fewer rounds.
import { randomBytes } from 'node:crypto';
import { QUICK, cpuMs, dist, fmt, gc, goal, heap, info, list, median, pick, section, settle } from './harness.mjs';

const { createAds, createSparkCodes, manualClock, memoryStore } = await dist('index.js');
const { adsTable, codesTable } = await dist('storage/tables.js');

const SMALL_BG = 1_000;
const BIG_BG = Number(process.env.BENCH_ADS ?? pick(100_000, 10_000));
const REPS = pick(5, 3);
const T0 = new Date('2026-03-01T12:00:00.000Z');
const SECRET = 'bench-secret-of-at-least-thirty-two-chars!';
const campaign = { campaignId: 'cmp', objective: 'VIDEO_VIEWS', placements: ['TIKTOK'], campaignType: 'MANUAL' };
const bigLabel = BIG_BG === 100_000 ? '10^5' : fmt(BIG_BG);

function world() {
  const store = memoryStore();
  const clock = manualClock(T0);
  // The default random source (Web Crypto), as in production.
  const spark = createSparkCodes({ store, clock, codeSecret: SECRET });
  return { store, clock, spark, ads: createAds({ store, clock }), videos: 0, copies: 0 };
}

/** A code for a fresh video, generated and confirmed by `adAccountId` through the service. */
async function confirmedCode(w, adAccountId) {
  const v = w.videos++;
  const creator = {
    id: `creator-${v}`,
    displayName: 'C',
    accountType: 'CREATOR',
    followerCount: 50_000,
    adAuthorizationEnabled: true,
    adTermsAccepted: true,
  };
  const video = {
    id: `video-${v}`,
    ownerId: creator.id,
    visibility: 'PUBLIC',
    isOriginal: true,
    adAuthorizationEnabled: true,
    music: 'ORIGINAL',
  };
  w.clock.advance(1);
  const g = (await w.spark.generateCode({ creator, video, periodDays: 30 })).unwrap();
  const advertiser = { adAccountId, hasActivePaymentMethod: true, hasCreativeLibraryAccess: true };
  (await w.spark.confirmCode({ advertiser, code: g.code })).unwrap();
  return { codeId: g.summary.id, creatorId: creator.id, videoId: video.id };
}

// One running, open-ended ad on a 30-day code, made through the services: the template of every copy.
const template = await (async () => {
  const w = world();
  const { codeId } = await confirmedCode(w, 'tpl-acc');
  const identity = { type: 'AUTH_CODE', codeId };
  const input = { adAccountId: 'tpl-acc', name: 'Ad', campaign, schedule: { startAt: T0 }, identity };
  const made = (await w.ads.createAd(input)).unwrap();
  const ref = { adAccountId: 'tpl-acc', adId: made.id };
  (await w.ads.submit(ref)).unwrap();
  (await w.ads.review({ ...ref, approved: true })).unwrap();
  (await w.ads.start(ref)).unwrap();
  const ad = await w.store.get(adsTable, made.id);
  const code = await w.store.get(codesTable, codeId);
  if (ad?.status !== 'RUNNING' || ad.authorization?.codeId !== codeId || code === undefined) {
    throw new Error('template: unexpected rows');
  }
  return { ad, code };
})();

/** Inserts rows through `store.transaction`, 1,000 a transaction. */
async function insertAll(store, table, rows) {
  for (let i = 0; i < rows.length; i += 1000) {
    await store.transaction([], async (tx) => {
      for (const row of rows.slice(i, i + 1000)) await tx.insert(table, row);
    });
  }
}

/** `count` copies of the template ad, running, in `adAccountId`, on the code `code`. */
function adCopies(w, adAccountId, code, count) {
  const out = [];
  for (let i = 0; i < count; i++) {
    const id = `ad_copy_${w.copies++}`;
    out.push({
      ...template.ad,
      id,
      adAccountId,
      name: `Ad ${id}`,
      identity: { type: 'AUTH_CODE', codeId: code.codeId },
      videoId: code.videoId,
      authorization: {
        ...template.ad.authorization,
        codeId: code.codeId,
        videoId: code.videoId,
        creatorId: code.creatorId,
      },
    });
  }
  return out;
}

/** `count` running copies of the template ad on a code, in an ad account. */
async function adsOn(w, adAccountId, code, count) {
  await insertAll(w.store, adsTable, adCopies(w, adAccountId, code, count));
}

/** `n` other ads: 10 per code (copies of the template code), over 50 ad accounts. */
async function background(w, n, label) {
  const start = performance.now();
  const codes = [];
  const ads = [];
  for (let c = 0; c < n / 10; c++) {
    const code = { codeId: `code_bg_${c}`, videoId: `bg-video-${c}`, creatorId: `bg-creator-${c % 1000}` };
    codes.push({
      ...template.code,
      id: code.codeId,
      digest: randomBytes(32).toString('hex'),
      videoId: code.videoId,
      creatorId: code.creatorId,
      preview: { ...template.code.preview, videoId: code.videoId, creatorId: code.creatorId },
    });
    ads.push(...adCopies(w, `bg-acc-${c % 50}`, code, 10));
  }
  await insertAll(w.store, codesTable, codes);
  await insertAll(w.store, adsTable, ads);
  const s = (performance.now() - start) / 1000;
  if (label) console.log(`  ${label}: ${fmt(n)} other ads and ${fmt(n / 10)} codes in ${fmt(s)} s; ${heap()}`);
}

/**
 * Makes `batch` codes used by `n` running ads each, then times their revocations back to back
 * (each pausing its `n` ads); returns wall and CPU ms per revocation.
 */
let revocations = 0;
async function revokeMs(w, n, batch) {
  const targets = [];
  for (let b = 0; b < batch; b++) {
    const acc = `rv-acc-${revocations++}`;
    const code = await confirmedCode(w, acc);
    await adsOn(w, acc, code, n);
    targets.push(code);
  }
  await settle();
  const c0 = cpuMs();
  const t0 = performance.now();
  const results = [];
  for (const { codeId, creatorId } of targets) results.push(await w.spark.revokeCode({ creatorId, codeId }));
  const wall = (performance.now() - t0) / batch;
  const cpu = (cpuMs() - c0) / batch;
  for (const r of results) {
    const value = r.unwrap();
    if (!value.revoked || value.pausedAds.length !== n) throw new Error(`paused ${value.pausedAds.length}, not ${n}`);
  }
  return { wall, cpu };
}

/** Forecast of an ad account whose ads are all listed: µs per call over `reps` calls. */
async function forecastUs(w, adAccountId, expected, reps) {
  const start = performance.now();
  for (let i = 0; i < reps; i++) {
    const f = (await w.ads.forecast({ adAccountId })).unwrap();
    if (f.length !== expected) throw new Error(`forecast listed ${f.length} ads, expected ${expected}`);
  }
  return ((performance.now() - start) * 1000) / reps;
}

// ---------------------------------------------------------------- stores
section(`stores: ${fmt(SMALL_BG)} and ${fmt(BIG_BG)} other ads${QUICK ? ' (quick mode)' : ''}`);
const big = world();
await background(big, BIG_BG, 'big store');
// The forecast's ad accounts, in both stores: every ad running, open-ended, on a 30-day code: listed.
const forecastAccounts = async (w) => {
  for (const k of [100, 1000]) {
    const acc = `fc-acc-${k}`;
    await adsOn(w, acc, await confirmedCode(w, acc), k);
  }
};
await forecastAccounts(big);
const smallForecast = world();
await background(smallForecast, SMALL_BG, 'small store (forecast)');
await forecastAccounts(smallForecast);
gc();

// ---------------------------------------------------------------- revoke
section(
  `revokeCode of a code used by N running ads, ${REPS} interleaved rounds (3 codes of 1,000 ads ` +
    'or 20 of 100 each, revoked back to back; a fresh small store each round)',
);
await revokeMs(world(), 100, 3); // warm-up
const rv = { small1000: [], big1000: [], big100: [] };
for (let r = 0; r < REPS; r++) {
  const small = world();
  await background(small, SMALL_BG);
  rv.small1000.push(await revokeMs(small, 1000, 3));
  rv.big1000.push(await revokeMs(big, 1000, 3));
  rv.big100.push(await revokeMs(big, 100, 20));
}
const wall = (xs) => xs.map((x) => x.wall);
const cpu = (xs) => xs.map((x) => x.cpu);
const times = (xs) => `${list(wall(xs))} ms wall (CPU ${list(cpu(xs))} ms)`;
console.log(`  N = 1,000, ${fmt(SMALL_BG)} other ads: ${times(rv.small1000)}`);
console.log(`  N = 1,000, ${fmt(BIG_BG)} other ads: ${times(rv.big1000)}`);
console.log(`  N = 100, ${fmt(BIG_BG)} other ads: ${times(rv.big100)}`);

// ---------------------------------------------------------------- forecast
const FC_ROUNDS = pick(7, 3);
section(`forecast of an ad account whose ads are all listed, ${FC_ROUNDS} interleaved rounds`);
// Warm-up.
for (const [w, k] of [
  [smallForecast, 100],
  [big, 100],
  [big, 1000],
])
  await forecastUs(w, `fc-acc-${k}`, k, 20);
const fc = { small100: [], big100: [], big1000: [] };
for (let r = 0; r < FC_ROUNDS; r++) {
  fc.small100.push(await forecastUs(smallForecast, 'fc-acc-100', 100, 100));
  fc.big100.push(await forecastUs(big, 'fc-acc-100', 100, 100));
  fc.big1000.push(await forecastUs(big, 'fc-acc-1000', 1000, 10));
}
console.log(`  100 listed, ${fmt(SMALL_BG)} other ads: ${list(fc.small100)} us`);
console.log(`  100 listed, ${fmt(BIG_BG)} other ads: ${list(fc.big100)} us`);
console.log(`  1,000 listed, ${fmt(BIG_BG)} other ads: ${list(fc.big1000)} us`);

// ---------------------------------------------------------------- goals
section('goals');
const perRound = (a, b) => median(a.map((x, i) => x / b[i]));
const perItem = (xs, n) => xs.map((x) => x / n);
goal(
  `ads: revoke with 1,000 ads, time with ${bigLabel} / 10^3 other ads in the store`,
  perRound(wall(rv.big1000), wall(rv.small1000)),
  {
    atMost: 1.5,
    detail: `medians ${fmt(median(wall(rv.big1000)))} vs ${fmt(median(wall(rv.small1000)))} ms`,
  },
);
goal(
  `ads: revoke, time per paused ad, 1,000 / 100 ads (${bigLabel} other ads)`,
  perRound(perItem(wall(rv.big1000), 1000), perItem(wall(rv.big100), 100)),
  {
    atMost: 1.5,
    detail: `medians ${fmt(median(wall(rv.big1000)))} vs ${fmt(10 * median(wall(rv.big100)))} us per ad`,
  },
);
goal(
  `ads: forecast, 100 listed, time with ${bigLabel} / 10^3 other ads in the store`,
  perRound(fc.big100, fc.small100),
  {
    atMost: 1.5,
    detail: `medians ${fmt(median(fc.big100))} vs ${fmt(median(fc.small100))} us`,
  },
);
goal(
  `ads: forecast, time per listed ad, 1,000 / 100 listed (${bigLabel} other ads)`,
  perRound(perItem(fc.big1000, 1000), perItem(fc.big100, 100)),
  {
    atMost: 1.5,
    detail: `medians ${fmt(median(fc.big1000) / 1000)} vs ${fmt(median(fc.big100) / 100)} us per ad`,
  },
);
info(
  'revoke with 1,000 ads, CPU time (GC threads included), median',
  `${fmt(median(cpu(rv.big1000)))} ms with ${fmt(BIG_BG)} other ads`,
);
