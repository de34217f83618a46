import type { StatementHook, Store, StoreDump } from '../ports/store.js';

/** A store under test, with the backdoors the conformance suite needs. */
export interface StoreHandle {
  /** The store under test (fresh and empty). */
  readonly store: Store;
  /** What really reached storage: every row of every table and every event (storage inspection). */
  dump(): Promise<StoreDump>;
  /**
   * Another store over the same data, as a second app server would open it (its own pool or
   * connection). An in-process store may return the same object.
   */
  open(): Promise<Store>;
  /** Releases what the handle holds (drops the schema, ends pools). */
  close(): Promise<void>;
}

/** What a store factory may be asked for. */
export interface StoreFactoryOptions {
  /** Fault injection: called before each statement of a transaction; a throw fails it. */
  readonly onStatement?: StatementHook;
}

/** Makes a fresh, empty store for each check. */
export type StoreFactory = (options?: StoreFactoryOptions) => Promise<StoreHandle>;
