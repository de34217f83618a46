// Instructions executed per operation, counted by valgrind's callgrind: a figure that does not
// move with the machine, its load or its clock speed, unlike the throughputs of
// spark-store.bench.mjs (the same commit measured 172,000–218,000 and 96,000–101,000 searches/s on two
// of this project's machines). Use it to compare two versions of the code, and to tell whether a
// throughput miss is the code or the machine.
//
// Method: instructions-workload.mjs runs under `valgrind --tool=callgrind` with node
// `--predictable` (no concurrent JIT or GC threads) and fixed hash and random seeds, so two runs
// of the same workload agree to within ~0.02%. A base run does the set-up and warm-up and a
// few of each operation; each other run does more of one operation. The difference in
// instructions, divided by the difference in operations, is that operation's cost, set-up and
// start-up excluded. Two parts of a run are left out of the figure, each reported apart:
// - V8's optimizing compiler (Turbofan), which in a server runs on a background thread (with
//   `--predictable` it runs on the main one): a rare path taken late (a table doubling, a new ad
//   account's first library entry) deoptimizes a function that is compiled again, millions of
//   instructions at once, so a figure with them would depend on how many operations were run;
// - garbage collection: the counted part runs without any (a 256 MB young generation, and no
//   allocation-site pretenuring, whose decisions after a collection deoptimize code), as one
//   major collection more or less would swing a figure by millions of instructions; the bytes
//   each operation allocates, which the collector later pays for, are reported instead.
// Five runs of one to two minutes each, as many at once as there are cores (valgrind runs node
// ~50x slower); callgrind_annotate (shipped with valgrind) attributes the instructions. No
// target: the issue states throughputs. Skipped when valgrind is not installed.
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
if (spawnSync('valgrind', ['--version']).status !== 0) {
  console.log('skip: valgrind is not installed (apt-get install valgrind)');
  process.exit(0);
}

const BASE = { SEARCH: 500, PAIR: 500, EXPIRING_100: 20, EXPIRING_10000: 2 };
const MORE = { SEARCH: 10_000, PAIR: 5_000, EXPIRING_100: 400, EXPIRING_10000: 20 };

const out = mkdtempSync(join(tmpdir(), 'instructions-'));
process.on('exit', () => rmSync(out, { recursive: true, force: true }));
let runs = 0;

/**
 * One run of the workload with these operation counts: instructions executed, those of V8's
 * optimizing compiler among them, and bytes allocated by the counted part.
 */
async function run(counts) {
  const env = { ...process.env, STORED: '12000' };
  for (const [op, n] of Object.entries(counts)) env[`COUNT_${op}`] = String(n);
  const file = join(out, `callgrind.${++runs}`);
  const r = await promisify(execFile)('valgrind', [
    '--tool=callgrind', `--callgrind-out-file=${file}`,
    process.execPath, '--predictable', '--hash-seed=1', '--random-seed=1', '--expose-gc', '--min-semi-space-size=256', '--max-semi-space-size=256',
    '--no-allocation-site-pretenuring', join(here, 'instructions-workload.mjs'),
  ], { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const { allocated, collections } = JSON.parse(r.stdout.trim().split('\n').at(-1));
  if (collections !== 0) throw new Error(`${collections} garbage collection(s) in the counted part: the figures would not be comparable`);
  // Every function's own instructions; the compiler's are those of v8::internal::compiler.
  const a = spawnSync('callgrind_annotate', ['--threshold=100', file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (a.status !== 0) throw new Error(`callgrind_annotate failed: ${a.stderr}`);
  let total, compiler = 0;
  for (const line of a.stdout.split('\n')) {
    const m = /^\s*([\d,]+)\s+\([^)]*\)\s+(.*)$/.exec(line);
    if (!m) continue;
    const n = Number(m[1].replaceAll(',', ''));
    if (m[2].startsWith('PROGRAM TOTALS')) total = n;
    else if (m[2].includes('v8::internal::compiler::')) compiler += n;
  }
  if (total === undefined) throw new Error('callgrind_annotate printed no total');
  rmSync(file);
  return { instructions: total - compiler, compiler, allocated };
}

console.log('instructions per operation (callgrind, node --predictable, optimizing compiler left out; memory store with 12,000 codes)');
// The runs are independent: as many at once as there are cores.
const jobs = [BASE, ...Object.keys(MORE).map((op) => ({ ...BASE, [op]: MORE[op] }))];
const results = new Array(jobs.length);
let next = 0;
await Promise.all(Array.from({ length: Math.min(availableParallelism(), jobs.length) }, async () => {
  while (next < jobs.length) {
    const i = next++;
    results[i] = await run(jobs[i]);
  }
}));
const [base, ...others] = results;
const per = {};
for (const [k, op] of Object.keys(MORE).entries()) {
  const n = MORE[op] - BASE[op];
  const more = others[k];
  per[op] = {
    instructions: (more.instructions - base.instructions) / n, compiler: (more.compiler - base.compiler) / n, bytes: (more.allocated - base.allocated) / n,
  };
}
const line = (label, op, divisor = 1) => console.log(
  `info ${label}: ${fmt(per[op].instructions / divisor)} instructions, ${fmt(per[op].bytes / divisor)} bytes allocated`
  + ` (optimizing compiler, left out: ${Math.round(Math.max(0, per[op].compiler) / divisor).toLocaleString('en-US')})`,
);
line('successful searchCode', 'SEARCH');
line('generateCode + confirmCode pair', 'PAIR');
line('listExpiring answering 100 codes, a call', 'EXPIRING_100');
line('listExpiring answering 100 codes, a code', 'EXPIRING_100', 100);
line('listExpiring answering 10,000 codes, a call', 'EXPIRING_10000');
line('listExpiring answering 10,000 codes, a code', 'EXPIRING_10000', 10_000);
