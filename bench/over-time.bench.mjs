// Authorizations over time (issue 13): the reminder sweep (REM-01) reads only the authorizations
// ending within the largest reminder offset (codesTable `byExpiry`), so its time is flat in the
// store's size and linear in what it records:
// - remindDue time with 10^6 authorizations stored within 1.5x of the time with 10^3, the same
//   DUE authorizations due in both (each with its creator and one ad account to remind).
// The stores are filled in bulk: rows inserted through `store.transaction` in batches of 1,000
// (accepted brand requests, origin REQUEST: no code, no digest), all but DUE of them ending a
// year after the sweep's instant. Before each timed sweep the reminders of the previous one are
// deleted (untimed), so every sweep records the same 2 × DUE reminders. Interleaved rounds; the
// figure is the median of the per-round ratios.
// BENCH_QUICK=1: 10^5 authorizations instead of 10^6. BENCH_CODES=n overrides the big store's size.
import { QUICK, dist, fmt, gc, goal, heap, info, list, median, pick, ratios, rounds, section } from './harness.mjs';

const { createExtensions, memoryStore, manualClock, DAY_MS } = await dist('index.js');
const { codesTable, libraryTable, remindersTable } = await dist('storage/tables.js');

const BIG = Number(process.env.BENCH_CODES ?? pick(1_000_000, 100_000));
const SMALL = 1_000;
const DUE = 100;
const ROUNDS = pick(21, 11);
const T0 = new Date('2026-03-01T12:00:00.000Z');
const SWEEP_AT = new Date(T0.getTime() + 30 * DAY_MS);
const bigLabel = BIG === 1_000_000 ? '10^6' : fmt(BIG);

/** Authorization `i`: the first DUE end within 3 days of the sweep, the others a year after it. */
function row(i) {
  const creatorId = `creator-${i % 1000}`;
  const videoId = `video-${i}`;
  const generatedAt = new Date(T0.getTime() + (i % 1000));
  const expiresAt =
    i < DUE ? new Date(SWEEP_AT.getTime() + 3 * DAY_MS + i) : new Date(SWEEP_AT.getTime() + 365 * DAY_MS + i);
  return {
    id: `code_${i.toString(16).padStart(8, '0')}`,
    origin: 'REQUEST',
    fingerprint: `request ${i}`,
    creatorId,
    videoId,
    periodDays: 365,
    generatedAt,
    expiresAt,
    preview: { creatorId, creatorName: `Creator ${i % 1000}`, videoId },
  };
}

/** A store of `n` authorizations, DUE of them in one ad account's library each. */
async function filled(n, label) {
  const store = memoryStore();
  const start = performance.now();
  for (let i = 0; i < n; i += 1000) {
    await store.transaction([], async (tx) => {
      for (let j = i; j < Math.min(n, i + 1000); j++) {
        const r = row(j);
        await tx.insert(codesTable, r);
        if (j < DUE) {
          await tx.insert(libraryTable, {
            adAccountId: `adacc-${j}`,
            codeId: r.id,
            videoId: r.videoId,
            creatorId: r.creatorId,
            confirmedAt: r.generatedAt,
            confirmedBy: { kind: 'advertiser', id: `adacc-${j}` },
            preview: r.preview,
            expiresAt: r.expiresAt,
          });
        }
      }
    });
    if ((i + 1000) % 200_000 === 0) console.log(`  ${label}: ${fmt(i + 1000)} rows, ${heap()}`);
  }
  const rate = n / ((performance.now() - start) / 1000);
  info(`${label}: ${fmt(n)} authorizations inserted through store.transaction`, `${fmt(rate)} rows/s`);
  const clock = manualClock(SWEEP_AT);
  return { store, ext: createExtensions({ store, clock }) };
}

/** Deletes the reminders of the due authorizations (untimed), so the next sweep records them again. */
async function forget(s) {
  await s.store.transaction([], async (tx) => {
    for (let j = 0; j < DUE; j++) {
      for (const r of await tx.list(remindersTable, 'byCode', { eq: [row(j).id] })) {
        const key = remindersTable.key(r);
        await tx.delete(remindersTable, key);
      }
    }
  });
}

/** One timed sweep, in ms; checks that it recorded 2 × DUE reminders. */
async function sweepMs(s) {
  await forget(s);
  const start = performance.now();
  const r = await s.ext.remindDue();
  const ms = performance.now() - start;
  if (!r.isOk()) throw new Error(`remindDue: ${JSON.stringify(r.error)}`);
  if (r.value.length !== 2 * DUE) throw new Error(`remindDue recorded ${r.value.length}, expected ${2 * DUE}`);
  return ms;
}

section(`remindDue: ${DUE} authorizations due (${2 * DUE} reminders), ${fmt(SMALL)} vs ${bigLabel} stored`);
const small = await filled(SMALL, '10^3 store');
const big = await filled(BIG, `${bigLabel} store`);
// Warm-up: the code paths of both stores compiled before timing. One full collection first (not
// one per sweep: on a 2 GB heap each takes seconds, and a sweep allocates little).
gc();
for (let i = 0; i < 3; i++) {
  await sweepMs(small);
  await sweepMs(big);
}
const times = await rounds(ROUNDS, ['small', 'big'], (n) => sweepMs(n === 'small' ? small : big));
info('10^3 store, ms per sweep', list(times.small));
info(`${bigLabel} store, ms per sweep`, list(times.big));
goal(
  `memory store: remindDue time, ${2 * DUE} reminders recorded, ${bigLabel} / 10^3 authorizations stored`,
  median(ratios(times.big, times.small)),
  {
    atMost: 1.5,
    detail: QUICK ? 'quick mode: 10^5 instead of 10^6 stored' : undefined,
  },
);
