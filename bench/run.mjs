#!/usr/bin/env node
// Runs every bench/*.bench.mjs (or those named on the command line) in its own Node process,
// against the built package in dist/. `npm run bench` builds first. Benchmarks print their
// figures and, where an issue sets a target, whether it was met; they never run in `npm test`.
// The instruction counts (about five minutes under valgrind on two cores) run only when named:
// `npm run bench -- instructions`.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const ONLY_WHEN_NAMED = new Set(['instructions.bench.mjs']);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => (wanted.length === 0 ? !ONLY_WHEN_NAMED.has(f) : wanted.some((w) => f.includes(w))))
  .sort();
let failed = 0;
for (const f of files) {
  console.log(`\n=== ${f}`);
  // The store benchmark holds 10^6 codes: give every benchmark room beyond the default heap.
  const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', join(here, f)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
console.log(`\n${files.length} benchmark file(s) run, ${failed} reported a missed target or failed`);
process.exit(failed > 0 ? 1 : 0);
