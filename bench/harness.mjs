// Small helpers shared by the benchmarks. Timings use performance.now(); benchmarks are not tests.
export function hrMs() {
  return performance.now();
}

/** Runs `fn` repeatedly for about `ms` milliseconds (after a warm-up) and returns ops/second. */
export function opsPerSecond(fn, { ms = 1000, batch = 1000 } = {}) {
  for (let i = 0; i < batch; i++) fn(i);
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < batch; i++) fn(n + i);
    n += batch;
    now = performance.now();
  }
  return (n / (now - start)) * 1000;
}

/** Same for an async function, awaiting each call. */
export async function asyncOpsPerSecond(fn, { ms = 1000, batch = 100 } = {}) {
  for (let i = 0; i < batch; i++) await fn(i);
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < batch; i++) await fn(n + i);
    n += batch;
    now = performance.now();
  }
  return (n / (now - start)) * 1000;
}

let failures = 0;
/** Prints a figure and whether it meets its target; a missed target makes the process exit 1. */
export function target(label, value, { atLeast, atMost, unit = '' }) {
  const ok = (atLeast === undefined || value >= atLeast) && (atMost === undefined || value <= atMost);
  if (!ok) failures++;
  const goal = atLeast !== undefined ? `>= ${atLeast}` : `<= ${atMost}`;
  console.log(`${ok ? 'ok  ' : 'MISS'} ${label}: ${fmt(value)}${unit} (target ${goal}${unit})`);
}

export function fmt(v) {
  return v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(3);
}

process.on('beforeExit', () => {
  if (failures > 0) process.exitCode = 1;
});
