import type fc from 'fast-check';
import type { ConformanceCheck, StoreFactory } from './conformance.js';

/** Internal: tiny assertion helpers so the conformance suite runs under any test framework. */
export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`conformance: ${message}`);
}

/**
 * Canonical JSON: object keys sorted, `undefined` members left out, Dates as ISO strings. Two
 * stores may build the same record with its keys in another order; that is not a difference.
 */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)) {
      const o = v as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(o).sort()) if (o[k] !== undefined) out[k] = o[k];
      return out;
    }
    return v;
  });
}

export function checkEqual<T>(actual: T, expected: T, message: string): void {
  const a = canonical(actual), e = canonical(expected);
  if (a !== e) throw new Error(`conformance: ${message}\n  expected: ${e}\n  actual:   ${a}`);
}

/** Internal: a named check that runs `body` on a fresh store from `factory` and closes it after. */
export function checkWithStore<S>(factory: StoreFactory<S>): (name: string, body: (store: S) => Promise<void>) => ConformanceCheck {
  return (name, body) => ({
    name,
    async run() {
      const handle = await factory();
      try {
        await body(handle.store);
      } finally {
        await handle.close?.();
      }
    },
  });
}

/**
 * Internal: the store with every method call turned into a task of the fast-check scheduler, so
 * the scheduler picks the order in which concurrent store calls resolve.
 */
export function scheduledStore<S extends object>(s: fc.Scheduler, store: S): S {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === 'function' ? s.scheduleFunction((...a: unknown[]) => (v as (...x: unknown[]) => Promise<unknown>).apply(target, a)) : v;
    },
  });
}
