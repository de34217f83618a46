import { memoryStore } from '../src/index.js';
import type { Store, Transaction } from '../src/ports/store.js';
import type { StoreFactory } from '../src/testing/index.js';

const yieldNow = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** How the naive store is wrong. */
export type NaiveMode =
  /** `transaction` holds no lock: works on the same aggregate run interleaved (and see no `lastInstant`). */
  | 'no-locks'
  /** Locks are held, but `lastInstant` is always undefined: each app server decides at its own clock's instant. */
  | 'caller-instant';

/** A transaction whose `lastInstant` is always undefined; with `slow`, every verb first lets others run. */
function naiveTx(tx: Transaction, slow: boolean): Transaction {
  return new Proxy(tx, {
    get(target, prop) {
      if (prop === 'lastInstant') return undefined;
      const v = Reflect.get(target, prop) as unknown;
      if (typeof v !== 'function') return v;
      const fn = v as (...a: unknown[]) => unknown;
      if (!slow || prop === 'append' || prop === 'markInstant') return fn.bind(target);
      return async (...args: unknown[]) => {
        await yieldNow();
        return fn.apply(target, args);
      };
    },
  });
}

/**
 * NEGATIVE CONTROL — deliberately wrong. The memory store with its lock keys thrown away
 * (`no-locks`: the read-then-write anti-pattern of style.md, each step yielding so concurrent
 * callers interleave), or with its monotonic instant thrown away (`caller-instant`: decisions at
 * each app server's own clock). The conformance suite's `race …` checks must fail on the first
 * and its `skew …` checks on the second; if they ever pass, they have stopped testing anything.
 */
export function naiveStore(mode: NaiveMode): Store & { dump: ReturnType<typeof memoryStore>['dump'] } {
  const inner = memoryStore();
  const slow = mode === 'no-locks';
  return {
    get: inner.get,
    list: inner.list,
    count: inner.count,
    readEvents: inner.readEvents,
    dump: inner.dump,
    transaction: (keys, work) => inner.transaction(slow ? [] : keys, (tx) => work(naiveTx(tx, slow))),
  };
}

/** A conformance-suite factory of naive stores (one object is every app server). */
export const naiveFactory =
  (mode: NaiveMode): StoreFactory =>
  async () => {
    const store = naiveStore(mode);
    return { store, dump: async () => store.dump(), open: async () => store, close: async () => {} };
  };
