// Instructions executed per operation, counted by valgrind's callgrind: a figure that does not
// move with the machine, its load or its clock speed, unlike the throughputs of
// spark-store.bench.mjs (the same commit measured 172,000–218,000 and 97,000 searches/s on two
// of this project's machines). Use it to compare two versions of the code, and to tell whether a
// throughput miss is the code or the machine.
//
// Method: instructions-workload.mjs runs under `valgrind --tool=callgrind` with node
// `--predictable` (no concurrent JIT or GC threads) and fixed hash and random seeds, so two runs
// of the same workload agree to within ~0.02%. A base run does the set-up and warm-up and a
// few of each operation; each other run does more of one operation. The difference in
// instructions, divided by the difference in operations, is that operation's cost, set-up and
// start-up excluded. The counted part runs without garbage collection (a 256 MB young
// generation): a major collection more or less in a run would swing a figure by millions of
// instructions, so collections are left out and the bytes each operation allocates (what the
// collector later pays for) are reported beside its instructions. Five runs of one to two
// minutes each (valgrind runs node ~50x slower). No target: the issue states throughputs.
// Skipped when valgrind is not installed.
import { spawnSync } from 'node:child_process';
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

/** Instructions executed, and bytes allocated by the counted part, in one run of the workload with these operation counts. */
function run(counts) {
  const env = { ...process.env, STORED: '12000' };
  for (const [op, n] of Object.entries(counts)) env[`COUNT_${op}`] = String(n);
  const r = spawnSync('valgrind', [
    '--tool=callgrind', '--callgrind-out-file=/dev/null',
    process.execPath, '--predictable', '--hash-seed=1', '--random-seed=1', '--expose-gc', '--min-semi-space-size=256', '--max-semi-space-size=256',
    join(here, 'instructions-workload.mjs'),
  ], { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const m = /I\s+refs:\s+([\d,]+)/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`valgrind run failed (${r.status}):\n${r.stderr.slice(-2000)}`);
  const { allocated, collections } = JSON.parse(r.stdout.trim().split('\n').at(-1));
  if (collections !== 0) throw new Error(`${collections} garbage collection(s) in the counted part: the figures would not be comparable`);
  return { instructions: Number(m[1].replaceAll(',', '')), allocated };
}

console.log('instructions per operation (callgrind, node --predictable; memory store with 12,000 codes)');
const base = run(BASE);
const per = {};
for (const op of Object.keys(MORE)) {
  const n = MORE[op] - BASE[op];
  const more = run({ ...BASE, [op]: MORE[op] });
  per[op] = { instructions: (more.instructions - base.instructions) / n, bytes: (more.allocated - base.allocated) / n };
}
const line = (label, op, divisor = 1) => console.log(
  `info ${label}: ${fmt(per[op].instructions / divisor)} instructions, ${fmt(per[op].bytes / divisor)} bytes allocated`,
);
line('successful searchCode', 'SEARCH');
line('generateCode + confirmCode pair', 'PAIR');
line('listExpiring answering 100 codes, a call', 'EXPIRING_100');
line('listExpiring answering 100 codes, a code', 'EXPIRING_100', 100);
line('listExpiring answering 10,000 codes, a call', 'EXPIRING_10000');
line('listExpiring answering 10,000 codes, a code', 'EXPIRING_10000', 10_000);
