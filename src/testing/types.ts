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

/** One named check of the conformance suite: `run` rejects with a message when it fails. */
export interface ConformanceCheck {
  readonly name: string;
  readonly run: () => Promise<void>;
}

/** Options of the conformance suite. */
export interface ConformanceOptions {
  /**
   * Runs of each property and model check (default 25). A slow adapter may pass fewer; raise it
   * in CI (our test files read `FC_NUM_RUNS`).
   */
  readonly numRuns?: number;
  /**
   * Also run the table contract over the suite's own tables (`CONFORMANCE_TABLES`: three-part,
   * fractional, negative and non-ASCII index values). Default true; set it to false for an
   * adapter that can only store the library's `TABLES`.
   */
  readonly testTables?: boolean;
}
