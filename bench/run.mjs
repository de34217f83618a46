#!/usr/bin/env node
// Runs every bench/*.bench.mjs (or those whose names contain an argument:
// `node bench/run.mjs memory decisions`), each in its own Node process, against the built
// package in dist/ (`npm run bench` builds first), then prints every goal with ok/missed.
//
//   npm run bench                      everything, about 10 minutes on 2 cores
//   BENCH_QUICK=1 npm run bench        smaller sizes, about a minute
//   node bench/run.mjs over-time       the reminder sweep's flatness in the store's size (issue 13)
//   node bench/run.mjs portfolio       a portfolio page at 10^6 vs 10^3 authorizations (issue 14, POR-01)
//   DATABASE_URL=postgres://… npm run bench   also the PostgreSQL server (PGlite always runs)
//
// Goals are ratios against a reference timed in the same run (issue 15). A missed goal is
// reported, not failed on: the exit status is non-zero only when a benchmark crashed.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();
const quick = process.env.BENCH_QUICK === '1' || process.env.BENCH_QUICK === 'true';
const tmp = mkdtempSync(join(tmpdir(), 'tta-bench-'));
const summary = join(tmp, 'goals.jsonl');

const targets = process.env.DATABASE_URL
  ? 'PGlite and the server at DATABASE_URL'
  : 'PGlite only (set DATABASE_URL for the server)';
const mode = quick ? ', quick mode (BENCH_QUICK=1: smaller sizes)' : '';
console.log(`${files.length} benchmark file(s)${mode}; PostgreSQL: ${targets}`);
const started = performance.now();
const crashed = [];
const took = [];
for (const f of files) {
  console.log(`\n=== ${f}`);
  const t = performance.now();
  // The memory store benchmark holds 10^6 codes twice over (the store and its reference).
  const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=16384', join(here, f)], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_SUMMARY: summary },
  });
  took.push([f, (performance.now() - t) / 1000]);
  if (r.status !== 0) crashed.push(`${f} (exit ${r.status ?? r.signal})`);
}

let goals = [];
try {
  goals = readFileSync(summary, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
} catch {
  // no goal printed
}
rmSync(tmp, { recursive: true, force: true });

const total = (performance.now() - started) / 1000;
const met = goals.filter((g) => g.ok).length;
console.log(`\n=== summary${quick ? ' (quick mode)' : ''}: ${met} of ${goals.length} goals met`);
for (const g of goals) {
  const r = g.ratio;
  const v = !Number.isFinite(r) ? String(r) : Math.abs(r) >= 100 ? Math.round(r).toLocaleString('en-US') : r.toFixed(2);
  const figure = `${v}${g.unit ?? 'x'}`.padStart(10);
  console.log(`  ${g.ok ? 'ok    ' : 'missed'} ${figure} (goal ${g.goal.padEnd(9)}) ${g.label}`);
}
const times = took.map(([f, s]) => `${f.replace('.bench.mjs', '')} ${s.toFixed(0)} s`).join(', ');
console.log(`time: ${times}; total ${total.toFixed(0)} s`);
if (crashed.length > 0) {
  console.log(`crashed: ${crashed.join(', ')}`);
  process.exit(1);
}
