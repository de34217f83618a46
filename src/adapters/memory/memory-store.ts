import BTreeModule from 'sorted-btree';
import { Mutex } from 'async-mutex';
import type { DomainEvent, NewEvent } from '../../kernel/events.js';
import type {
  IndexRange,
  IndexValue,
  ReadEventsQuery,
  StatementHook,
  Store,
  StoreDump,
  TableDef,
  Transaction,
} from '../../ports/store.js';

// sorted-btree is CommonJS with `exports.default`: Node's ESM loader hands the whole exports
// object to a default import, bundlers hand the class. Accept both.
const BTree = ((BTreeModule as unknown as { default?: typeof BTreeModule }).default ??
  BTreeModule) as typeof BTreeModule;

/** What `memoryStore` accepts. */
export interface MemoryStoreOptions {
  /** Called before each statement of a transaction; a throw fails it (fault injection in tests). */
  readonly onStatement?: StatementHook;
}

/** The embedded store, with a way to export what it holds. */
export interface MemoryStore extends Store {
  /** Copies of every row of every table and every committed event. */
  dump(): StoreDump;
}

/** An index entry's sort key: the index values, then the primary key. */
type Entry = readonly IndexValue[];
const TOP = Symbol('top');

/** UTF-16 units reordered so that comparing them orders strings by code point (as UTF-8 bytes do). */
const unitRank = (u: number) => (u >= 0xe000 ? u - 0x800 : u >= 0xd800 ? u + 0x2000 : u);

function compareValues(a: IndexValue | typeof TOP, b: IndexValue | typeof TOP): number {
  if (a === b) return 0;
  if (a === TOP) return 1;
  if (b === TOP) return -1;
  if (typeof a === 'string' && typeof b === 'string') {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const d = unitRank(a.charCodeAt(i)) - unitRank(b.charCodeAt(i));
      if (d !== 0) return d;
    }
    return a.length - b.length;
  }
  return a < b ? -1 : 1;
}

/** Tuples compare value by value; a tuple sorts before every longer tuple it is a prefix of. */
function compareEntries(a: readonly (IndexValue | typeof TOP)[], b: readonly (IndexValue | typeof TOP)[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareValues(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

interface TableState {
  readonly def: TableDef<unknown>;
  readonly rows: Map<string, unknown>;
  readonly indexes: Map<string, InstanceType<typeof BTree<Entry, string>>>;
}

const copy = <T>(value: T): T => structuredClone(value);

/**
 * The embedded default store: `Map`s of rows, a B+ tree per index, a keyed async lock, copies at
 * the boundary. Isolated per instance (no module state); data lives as long as the object.
 * Transactions apply their writes at once and undo them on rollback; only the holders of a
 * lock key write the rows that key guards, so other transactions never see a half-done change
 * of the aggregate they lock.
 *
 * @example
 * ```ts
 * import { createSparkCodes, memoryStore } from 'tiktok-ad-auth';
 * const store = memoryStore();
 * const spark = createSparkCodes({ store, codeSecret: 'a secret of at least thirty-two characters!' });
 * const events = await store.readEvents({ after: 0 });
 * ```
 */
export function memoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  if (options === null || typeof options !== 'object') throw new TypeError('memoryStore: options must be an object');
  const { onStatement } = options;
  if (onStatement !== undefined && typeof onStatement !== 'function')
    throw new TypeError('memoryStore: onStatement must be a function');
  const tables = new Map<string, TableState>();
  const events: DomainEvent[] = [];
  const instants = new Map<string, number>();
  const locks = new Map<string, { readonly mutex: Mutex; users: number }>();

  function state(def: TableDef<unknown>): TableState {
    let s = tables.get(def.name);
    if (s === undefined) {
      s = {
        def,
        rows: new Map(),
        indexes: new Map(
          Object.keys(def.indexes).map((name) => [name, new BTree<Entry, string>(undefined, compareEntries)]),
        ),
      };
      tables.set(def.name, s);
    } else if (s.def !== def) {
      throw new TypeError(`memoryStore: two different definitions of table ${def.name}`);
    }
    return s;
  }

  function tree(s: TableState, index: string) {
    const t = s.indexes.get(index);
    if (t === undefined) throw new TypeError(`memoryStore: table ${s.def.name} has no index ${index}`);
    return t;
  }

  function* scan(s: TableState, index: string, range: IndexRange = {}): Generator<string> {
    const t = tree(s, index);
    const eq = range.eq ?? [];
    const low: (IndexValue | typeof TOP)[] = range.gte === undefined ? [...eq] : [...eq, range.gte];
    const high: (IndexValue | typeof TOP)[] = [...eq, range.lt === undefined ? TOP : range.lt];
    const inRange = (k: Entry) => compareEntries(k, low) >= 0 && compareEntries(k, high) < 0;
    const it = range.reverse ? t.entriesReversed(high as Entry) : t.entries(low as Entry);
    for (const [k, key] of it) {
      if (!inRange(k)) break;
      yield key;
    }
  }

  function entriesOf(s: TableState, row: unknown, key: string): [string, Entry][] {
    const out: [string, Entry][] = [];
    for (const [name, idx] of Object.entries(s.def.indexes)) {
      const values = idx.of(row as never);
      if (values !== undefined) out.push([name, [...values, key]]);
    }
    return out;
  }

  /** Writes `row` (or removes the row at `key` when `row` is undefined), keeping the indexes in step. */
  function put(s: TableState, key: string, row: unknown): void {
    const before = s.rows.get(key);
    if (before !== undefined) for (const [name, k] of entriesOf(s, before, key)) s.indexes.get(name)!.delete(k);
    if (row === undefined) {
      s.rows.delete(key);
      return;
    }
    s.rows.set(key, row);
    for (const [name, k] of entriesOf(s, row, key)) s.indexes.get(name)!.set(k, key);
  }

  function checkUnique(s: TableState, row: unknown, key: string): void {
    for (const [name, idx] of Object.entries(s.def.indexes)) {
      if (!idx.unique) continue;
      const values = idx.of(row as never);
      if (values === undefined) continue;
      for (const other of scan(s, name, { eq: values })) {
        if (other !== key)
          throw new Error(`memoryStore: ${s.def.name}.${name} already holds ${JSON.stringify(values)}`);
      }
    }
  }

  const reader = {
    async get<Row>(def: TableDef<Row>, key: string): Promise<Row | undefined> {
      const row = state(def as TableDef<unknown>).rows.get(key);
      return row === undefined ? undefined : (copy(row) as Row);
    },
    async list<Row>(def: TableDef<Row>, index: string, range: IndexRange = {}): Promise<readonly Row[]> {
      const s = state(def as TableDef<unknown>);
      const out: Row[] = [];
      const limit = range.limit ?? Infinity;
      if (limit <= 0) return out;
      for (const key of scan(s, index, range)) {
        out.push(copy(s.rows.get(key)) as Row);
        if (out.length >= limit) break;
      }
      return out;
    },
    async count<Row>(def: TableDef<Row>, index: string, range: IndexRange = {}): Promise<number> {
      let n = 0;
      for (const _ of scan(state(def as TableDef<unknown>), index, { ...range, reverse: false })) n++;
      return n;
    },
  };

  async function acquire(keys: readonly string[]): Promise<() => void> {
    const sorted = [...new Set(keys)].sort();
    const held: (() => void)[] = [];
    for (const key of sorted) {
      let lock = locks.get(key);
      if (lock === undefined) locks.set(key, (lock = { mutex: new Mutex(), users: 0 }));
      lock.users++;
      const release = await lock.mutex.acquire();
      const entry = lock;
      held.push(() => {
        release();
        if (--entry.users === 0) locks.delete(key);
      });
    }
    return () => held.reverse().forEach((release) => release());
  }

  return {
    ...reader,

    async transaction(lockKeys, work) {
      if (!Array.isArray(lockKeys) || lockKeys.some((k) => typeof k !== 'string' || k === '')) {
        throw new TypeError('memoryStore.transaction: lockKeys must be an array of non-empty strings');
      }
      const release = await acquire(lockKeys);
      const undo: (() => void)[] = [];
      const pending: NewEvent[] = [];
      let marked: number | undefined;
      let n = 0;
      let open = true;
      const statement = (verb: string, table?: string) => {
        if (!open) throw new Error('memoryStore: the transaction is over');
        n++;
        onStatement?.(table === undefined ? { n, verb } : { n, verb, table });
      };
      const last = Math.max(-Infinity, ...lockKeys.map((k) => instants.get(k) ?? -Infinity));
      const tx: Transaction = {
        lastInstant: Number.isFinite(last) ? new Date(last) : undefined,
        markInstant(at) {
          marked = at.getTime();
        },
        async get(def, key) {
          statement('get', def.name);
          return reader.get(def, key);
        },
        async list(def, index, range) {
          statement('list', def.name);
          return reader.list(def, index, range);
        },
        async count(def, index, range) {
          statement('count', def.name);
          return reader.count(def, index, range);
        },
        async insert(def, row) {
          statement('insert', def.name);
          const s = state(def as TableDef<unknown>);
          const key = def.key(row);
          if (s.rows.has(key)) throw new Error(`memoryStore: ${def.name} already has a row ${key}`);
          const stored = copy(row);
          checkUnique(s, stored, key);
          put(s, key, stored);
          undo.push(() => put(s, key, undefined));
        },
        async update(def, row) {
          statement('update', def.name);
          const s = state(def as TableDef<unknown>);
          const key = def.key(row);
          const before = s.rows.get(key);
          if (before === undefined) throw new Error(`memoryStore: ${def.name} has no row ${key} to update`);
          const stored = copy(row);
          checkUnique(s, stored, key);
          put(s, key, stored);
          undo.push(() => put(s, key, before));
        },
        async delete(def, key) {
          statement('delete', def.name);
          const s = state(def as TableDef<unknown>);
          const before = s.rows.get(key);
          if (before === undefined) return;
          put(s, key, undefined);
          undo.push(() => put(s, key, before));
        },
        append(newEvents) {
          statement('append');
          for (const e of newEvents) pending.push(copy(e));
        },
      };
      try {
        const result = await work(tx);
        open = false;
        let seq = events.length;
        for (const e of pending) events.push({ ...e, seq: ++seq });
        if (marked !== undefined)
          for (const k of lockKeys) if ((instants.get(k) ?? -Infinity) < marked) instants.set(k, marked);
        return result;
      } catch (e) {
        open = false;
        for (const step of undo.reverse()) step();
        throw e;
      } finally {
        release();
      }
    },

    async readEvents(query: ReadEventsQuery = {}) {
      const after = query.after ?? 0;
      const limit = query.limit ?? 1000;
      if (!Number.isInteger(after) || after < 0)
        throw new TypeError('readEvents: after must be a whole number, 0 or more');
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
        throw new TypeError('readEvents: limit must be a whole number from 1 to 10000');
      return events.slice(after, after + limit).map(copy);
    },

    dump() {
      const out: Record<string, readonly unknown[]> = {};
      for (const [name, s] of [...tables].sort(([a], [b]) => (a < b ? -1 : 1)))
        out[name] = [...s.rows.values()].map(copy);
      return { tables: out, events: events.map(copy) };
    },
  };
}
