// The portfolio (POR-01) in the memory store: a page of `endingSoon` with 10^6 authorizations
// stored within 1.5x of the same page with 10^3 (issue 14: "served by indexes"). Both stores
// hold the same scope: one ad account holding 300 authorizations of one creator, 100 of them
// ending within the window; the rest of the store (other ad accounts and creators, ending all
// over the year, the window included) is what differs. Each round reads the first page and the
// page after it (cursor) of 50, on both stores in turn; the figure is the median of the
// per-round ratios. Rows are inserted in bulk through store.transaction.
// BENCH_QUICK=1: 10^5 authorizations instead of 10^6. BENCH_AUTHS=n overrides the big size.
import { dist, fmt, goal, heap, info, list, median, pick, ratios, rounds, section, settle } from './harness.mjs';

const { createPortfolio, memoryStore, manualClock, DAY_MS } = await dist('index.js');
const { codesTable, libraryTable } = await dist('storage/tables.js');

const BIG = Number(process.env.BENCH_AUTHS ?? pick(1_000_000, 100_000));
const SMALL = 1_000;
const ROUNDS = pick(9, 5);
const REPS = pick(200, 40);
const T0 = new Date('2026-03-01T12:00:00.000Z');
const SCOPE_CODES = 300;
const IN_WINDOW = 100;
const WINDOW_DAYS = 14;
const OTHER_ACCOUNTS = 5_000;
const bigLabel = BIG === 1_000_000 ? '10^6' : fmt(BIG);

function code(id, creatorId, end) {
  return {
    id,
    fingerprint: '#abcd…wxyz',
    creatorId,
    videoId: `v-${id}`,
    periodDays: 365,
    generatedAt: new Date(T0.getTime() - DAY_MS),
    expiresAt: new Date(end),
    preview: { creatorId, creatorName: 'Creator', videoId: `v-${id}` },
  };
}

function entry(c, adAccountId) {
  return {
    adAccountId,
    codeId: c.id,
    videoId: c.videoId,
    creatorId: c.creatorId,
    confirmedAt: T0,
    confirmedBy: { kind: 'advertiser', id: adAccountId },
    preview: c.preview,
    expiresAt: c.expiresAt,
  };
}

/** A store of `n` authorizations: the scope's 300, then the others. */
async function filled(n) {
  const store = memoryStore();
  const rows = function* () {
    for (let i = 0; i < SCOPE_CODES; i++) {
      // 100 in the window (spread over it), 200 after it.
      const end =
        i < IN_WINDOW
          ? T0.getTime() + 1 + Math.floor((i * WINDOW_DAYS * DAY_MS) / IN_WINDOW)
          : T0.getTime() + (WINDOW_DAYS + 1) * DAY_MS + i * 1000;
      const c = code(`code_s${String(i).padStart(4, '0')}`, 'cr-scope', end);
      yield [c, entry(c, 'acc-scope')];
    }
    for (let i = SCOPE_CODES; i < n; i++) {
      const end = T0.getTime() + 1 + ((i * 7919) % (365 * 1000)) * (DAY_MS / 1000);
      const c = code(`code_${i}`, `cr-${i % 1000}`, end);
      yield [c, entry(c, `acc-${i % OTHER_ACCOUNTS}`)];
    }
  };
  const start = performance.now();
  let batch = [];
  const flush = async () => {
    const rowsNow = batch;
    batch = [];
    await store.transaction([], async (tx) => {
      for (const [c, e] of rowsNow) {
        await tx.insert(codesTable, c);
        await tx.insert(libraryTable, e);
      }
    });
  };
  let done = 0;
  for (const r of rows()) {
    batch.push(r);
    if (batch.length === 1000) {
      await flush();
      done += 1000;
      if (done % 200_000 === 0) console.log(`  ${fmt(done)} authorizations, ${heap()}`);
    }
  }
  if (batch.length > 0) await flush();
  info(`${fmt(n)} authorizations inserted`, `${fmt(n / ((performance.now() - start) / 1000))} rows/s`);
  return createPortfolio({ store, clock: manualClock(T0) });
}

const input = {
  scope: { adAccountIds: ['acc-scope'], creatorIds: ['cr-scope'] },
  within: { days: WINDOW_DAYS },
  limit: 50,
};

/** Two pages (the first and the one after it); checks what they hold. */
async function twoPages(portfolio) {
  const first = await portfolio.endingSoon(input);
  if (!first.isOk()) throw new Error(JSON.stringify(first.error));
  const second = await portfolio.endingSoon({ ...input, cursor: first.value.nextCursor });
  if (!second.isOk()) throw new Error(JSON.stringify(second.error));
  const n = first.value.items.length + second.value.items.length;
  if (n !== IN_WINDOW || second.value.nextCursor !== undefined) throw new Error(`unexpected pages: ${n} items`);
}

section(`portfolio endingSoon: ${bigLabel} vs 10^3 authorizations stored (same scope, 2 pages of 50)`);
const small = await filled(SMALL);
const big = await filled(BIG);
const portfolios = { small, big };
for (const p of Object.values(portfolios)) await twoPages(p); // warm up, and check the answer
const timed = await rounds(ROUNDS, ['small', 'big'], async (name) => {
  await settle();
  const start = performance.now();
  for (let i = 0; i < REPS; i++) await twoPages(portfolios[name]);
  return (performance.now() - start) / REPS;
});
const r = ratios(timed.big, timed.small);
goal(`portfolio: a page with ${bigLabel} authorizations vs 10^3 (memory store)`, median(r), {
  atMost: 1.5,
  detail: `ms per 2 pages: ${bigLabel} ${list(timed.big)}; 10^3 ${list(timed.small)}; ratios ${list(r)}`,
});
