import type { DomainEvent, NewEvent } from '../kernel/events.js';

/**
 * The storage port (design §7): a unit of work over plain tables. This file is everything an
 * adapter author needs; `memoryStore()` (about 250 lines) is the reference implementation and
 * `tiktok-ad-auth/testing`'s `storeConformance` checks a new one.
 *
 * **A store never decides a rule.** It keeps rows, finds them by key or by index, holds locks
 * and commits. Which rows a table has, and what its indexes contain, is defined by the library
 * (`TABLES`, exported from `tiktok-ad-auth/testing` for adapter authors): an index's `of`
 * function computes its values from a row in TypeScript, and the adapter only stores and
 * compares those values.
 *
 * Rows are plain data: strings, finite numbers, booleans, `Date`s, arrays and plain objects of
 * those; an absent optional field is absent (never `undefined` in storage). Rows handed to
 * and returned by a store are copies: mutating one never changes what is stored.
 */

/** One value of an index: a string (ordered by code point) or a finite number. */
export type IndexValue = string | number;

/** The type of one index column. */
export type IndexPartType = 'text' | 'number';

/**
 * An index of a table: ordered tuples of values computed from each row.
 *
 * @example
 * ```ts
 * const byVideo: IndexDef<AdCodeRecord> = {
 *   parts: ['text', 'number'],
 *   of: (c) => [c.videoId, c.generatedAt.getTime()],
 * };
 * ```
 */
export interface IndexDef<Row> {
  /** The type of each value `of` returns, in order. */
  readonly parts: readonly IndexPartType[];
  /**
   * The row's values in this index, one per part, or `undefined` when the row is not in this
   * index (a partial index). Pure and deterministic: the same row gives the same values.
   */
  readonly of: (row: Row) => readonly IndexValue[] | undefined;
  /**
   * When true, no two rows of the table may have the same values in this index: an `insert`
   * or `update` that would make two rejects and writes nothing. A unique index backs an
   * invariant up (the library checks it first, under a lock); it never decides one.
   */
  readonly unique?: boolean;
}

/**
 * A table: rows of one type, a primary key, and named indexes.
 *
 * @example
 * ```ts
 * const popups: TableDef<PopupRow> = { name: 'top_ads_popups', key: (r) => r.accountId, indexes: {} };
 * ```
 */
export interface TableDef<Row> {
  /** A lower-case SQL-safe name (`[a-z][a-z0-9_]*`), unique among the library's tables. */
  readonly name: string;
  /** The row's primary key: a non-empty string, unique in the table, never changed by an update. */
  readonly key: (row: Row) => string;
  /** The table's indexes, by name (`[a-z][a-zA-Z0-9]*`). */
  readonly indexes: Readonly<Record<string, IndexDef<Row>>>;
}

/**
 * A range of an index. Rows match when their first `eq.length` values equal `eq` and, if
 * `gte` or `lt` is given, their next value `v` has `gte <= v` and `v < lt`. Matching rows come
 * in ascending order of their index values, then of their primary key (descending with
 * `reverse`), at most `limit` of them (all when absent).
 *
 * @example
 * ```ts
 * // The latest code of a video: index `byVideo` is [videoId, generatedAt].
 * await tx.list(codes, 'byVideo', { eq: [videoId], reverse: true, limit: 1 });
 * ```
 */
export interface IndexRange {
  readonly eq?: readonly IndexValue[];
  readonly gte?: IndexValue;
  readonly lt?: IndexValue;
  readonly limit?: number;
  readonly reverse?: boolean;
}

/** Reading verbs, inside or outside a transaction. */
export interface StoreReader {
  /** The row with this primary key, or `undefined`. */
  get<Row>(table: TableDef<Row>, key: string): Promise<Row | undefined>;
  /** The rows of an index range, in index order (see `IndexRange`). */
  list<Row>(table: TableDef<Row>, index: string, range?: IndexRange): Promise<readonly Row[]>;
  /** How many rows the index range holds (`limit` and `reverse` are ignored). */
  count<Row>(table: TableDef<Row>, index: string, range?: IndexRange): Promise<number>;
}

/**
 * The unit of work handed to `Store.transaction`'s `work`. Every verb may only be called while
 * `work` runs; one at a time (await each before the next).
 */
export interface Transaction extends StoreReader {
  /**
   * The latest instant recorded with `markInstant` by a committed transaction that held any of
   * this transaction's lock keys, or `undefined` when none did. Read after the locks were taken.
   * Workflows decide at `max(clock, lastInstant)`: app servers with skewed clocks then never
   * move an aggregate's time backwards.
   */
  readonly lastInstant: Date | undefined;
  /** Records `at` under each of this transaction's lock keys, committed with the transaction. */
  markInstant(at: Date): void;
  /** Inserts a row. A row with the same primary key, or a unique index clash, rejects. */
  insert<Row>(table: TableDef<Row>, row: Row): Promise<void>;
  /** Replaces the row with the same primary key. A missing row, or a unique index clash, rejects. */
  update<Row>(table: TableDef<Row>, row: Row): Promise<void>;
  /** Deletes the row with this primary key; a missing row is not an error. */
  delete<Row>(table: TableDef<Row>, key: string): Promise<void>;
  /** Appends events to the outbox, committed with the transaction (numbered on commit). */
  append(events: readonly NewEvent[]): void;
}

/** Where to start reading events and how many at most (one page). */
export interface ReadEventsQuery {
  /** Return events with `seq > after` (default 0: from the beginning). */
  readonly after?: number;
  /**
   * At most this many: a whole number from 1 to 10,000, **1,000 when not given**. A page of
   * exactly `limit` events may be followed by more (see `Store.readEvents`).
   */
  readonly limit?: number;
}

/**
 * A store: tables, transactions with locks, and an outbox of events.
 *
 * @example
 * ```ts
 * import { createSparkCodes, memoryStore } from 'tiktok-ad-auth';
 * const store: Store = memoryStore();
 * const spark = createSparkCodes({ store, codeSecret: process.env.CODE_SECRET! });
 * ```
 */
export interface Store extends StoreReader {
  /**
   * Runs `work` as one unit:
   * - the locks named by `lockKeys` are held exclusively while it runs (another transaction
   *   naming any of the same keys waits); keys are taken in one global order, so overlapping
   *   key sets never deadlock;
   * - its reads see every write committed before its locks were taken, and its own writes;
   * - its writes, its `markInstant` and its appended events commit together when `work`
   *   resolves, or not at all when it rejects (the rejection is passed on) or the store fails;
   * - events committed by one transaction get consecutive `seq` numbers, above every `seq`
   *   committed before, so a reader polling with the last `seq` seen misses none.
   * An adapter may run `work` more than once (a retry after a serialization failure or a
   * deadlock), so `work` must have no effect outside the transaction.
   */
  transaction<T>(lockKeys: readonly string[], work: (tx: Transaction) => Promise<T>): Promise<T>;
  /**
   * One page of committed events: those with `seq > after`, in increasing `seq`, at most `limit`
   * (**1,000 when not given**, 10,000 at most). A page shorter than `limit` holds every event
   * committed when it was read; a full page may be followed by more: read on with `after` set to
   * the page's last `seq`, or take every event with `readAllEvents(store)` from
   * `tiktok-ad-auth/adapters`. Reading never writes; events are never changed or removed.
   */
  readEvents(query?: ReadEventsQuery): Promise<readonly DomainEvent[]>;
}

/** Every row of every table and every event, as a store holds them (for export and tests). */
export interface StoreDump {
  readonly tables: Readonly<Record<string, readonly unknown[]>>;
  readonly events: readonly DomainEvent[];
}

/**
 * A hook adapters call before each statement of a transaction (1-based `n` within it), for
 * fault injection in conformance tests: when it throws, the statement fails as a storage
 * failure would, and the transaction rolls back.
 */
export type StatementHook = (statement: { readonly n: number; readonly verb: string; readonly table?: string }) => void;
