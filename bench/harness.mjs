// Helpers shared by the benchmarks (bench/*.bench.mjs). Benchmarks are not tests: they never
// run in `npm test`, and a missed goal is reported, not failed on.
//
// Every goal of issue 15 is a RATIO against a reference measured in the same run (a
// hand-written equivalent, the same workload on a smaller store, the same operation with a
// smaller answer), so that the figure says something about the code rather than the machine.
// Both sides of a ratio are measured in interleaved rounds (A, B, A, B, …) so that a noisy
// neighbour or a garbage collection hits both alike, and the figure is the median of the
// per-round ratios.
import { appendFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** `BENCH_QUICK=1`: smaller sizes and shorter rounds, about a minute for everything. */
export const QUICK = process.env.BENCH_QUICK === '1' || process.env.BENCH_QUICK === 'true';

/** `full` normally, `quick` under BENCH_QUICK=1. */
export const pick = (full, quick) => (QUICK ? quick : full);

// The built package (dist/). BENCH_DIST points elsewhere, e.g. at a copy of dist/ taken while
// someone else rebuilds the tree (the copy must sit where `node_modules` resolves).
const DIST = process.env.BENCH_DIST
  ? pathToFileURL(`${isAbsolute(process.env.BENCH_DIST) ? process.env.BENCH_DIST : resolve(process.env.BENCH_DIST)}/`)
  : new URL('../dist/', import.meta.url);

/** Imports a module of the built package: `dist('index.js')`, `dist('adapters/postgres/index.js')`. */
export function dist(path) {
  return import(new URL(path, DIST).href);
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The value at quantile q (0..1) of a list of numbers. */
export const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * q))];
};

export function fmt(v) {
  if (!Number.isFinite(v)) return String(v);
  if (Math.abs(v) >= 100) return Math.round(v).toLocaleString('en-US');
  if (Math.abs(v) >= 10) return v.toFixed(1);
  return v.toFixed(2);
}

/** Heap in use, for the log. */
export const heap = () => `${Math.round(process.memoryUsage().heapUsed / 1024 ** 2).toLocaleString('en-US')} MB heap`;

/** CPU time of the process so far (all threads: GC and compiler helpers included), in ms. */
export function cpuMs() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

export function gc() {
  globalThis.gc?.();
}

/** A full collection, then a pause for the concurrent sweeper to finish before the next timing. */
export async function settle(ms = 30) {
  globalThis.gc?.();
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/** Prints a section heading. */
export function section(title) {
  console.log(`\n--- ${title}`);
}

/** Prints a figure that has no goal. */
export function info(label, text) {
  console.log(`info   ${label}: ${text}`);
}

/**
 * Prints a ratio, its goal and whether it was met: `ok` or `missed`. `detail` says what the
 * two sides measured; `unit` is 'x' (a ratio) unless the figure is not one (bundle sizes).
 * The figure is also appended to $BENCH_SUMMARY (one JSON object a line), which
 * `bench/run.mjs` gathers into the closing summary.
 */
export function goal(label, ratio, { atLeast, atMost, detail, unit = 'x' }) {
  const ok =
    Number.isFinite(ratio) && (atLeast === undefined || ratio >= atLeast) && (atMost === undefined || ratio <= atMost);
  const want = atLeast !== undefined ? `>= ${atLeast}${unit}` : `<= ${atMost}${unit}`;
  console.log(`${ok ? 'ok    ' : 'missed'} ${label}: ${fmt(ratio)}${unit} (goal ${want})`);
  if (detail) console.log(`         ${detail}`);
  const r = { file: process.argv[1]?.split('/').pop(), label, ratio, unit, goal: want, ok, quick: QUICK };
  if (process.env.BENCH_SUMMARY) appendFileSync(process.env.BENCH_SUMMARY, `${JSON.stringify(r)}\n`);
  return ok;
}

/**
 * Interleaved rounds: each round runs every candidate once, in order (`measure(name)` returns
 * a number, e.g. ops/s); returns `{ [name]: number[] }`.
 */
export async function rounds(count, names, measure) {
  const out = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < count; r++) for (const n of names) out[n].push(await measure(n, r));
  return out;
}

/** Per-round ratios a[i] / b[i]. */
export const ratios = (a, b) => a.map((x, i) => x / b[i]);

/** A short list of figures for the log: `1.2, 1.3, 1.1`. */
export const list = (xs, f = fmt) => xs.map((x) => f(x)).join(', ');

/** A small deterministic generator (LCG) for picking inputs; not for anything secret. */
export function lcg(seed = 12345) {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s % n;
  };
}
