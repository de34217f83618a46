/** Options of `failingStore`. */
export interface FailingStoreOptions {
  /** Fail the Nth write call (1-based) made through the wrapper; calls after it succeed. */
  readonly failOnWrite: number;
  /** The error to reject with (default an `Error('injected storage failure')`). */
  readonly error?: unknown;
}

/** A store wrapper that fails one write, and tells how many writes were attempted. */
export type FailingStore<S> = S & { readonly writesAttempted: () => number };

const READ_METHOD = /^(get|list|latest|read|find|count|has)/;

/**
 * Wraps any store so that its Nth **write** (every method not named like a read: `get…`,
 * `list…`, `latest…`, `read…`, `find…`, `count…`, `has…`) rejects without reaching the store.
 * The conformance suite uses it to prove that a workflow hit by a storage failure returns a
 * `storage` error and leaves no partial state and no stray event.
 *
 * @example
 * ```ts
 * import { failingStore } from 'tiktok-ad-auth/testing';
 * import { createSparkCodes, memoryStore } from 'tiktok-ad-auth';
 * const store = failingStore(memoryStore(), { failOnWrite: 1 });
 * const spark = createSparkCodes({ store, codeSecret: '…at least 32 characters…' });
 * (await spark.generateCode(input)).isErr(); // true: code 'storage'
 * ```
 */
export function failingStore<S extends object>(store: S, options: FailingStoreOptions): FailingStore<S> {
  let writes = 0;
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'writesAttempted') return () => writes;
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function' || typeof prop !== 'string' || READ_METHOD.test(prop)) {
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      }
      return (...args: unknown[]) => {
        writes += 1;
        if (writes === options.failOnWrite) return Promise.reject(options.error ?? new Error('injected storage failure'));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  }) as FailingStore<S>;
}
