// The PostgreSQL adapter of the `Store` port (design §7): plain tables laid out from `TableDef`s
// (sql-tables.ts), transactions with advisory locks, an outbox numbered in commit order. It keeps
// rows and decides nothing.
import type { DomainEvent, NewEvent } from '../../kernel/events.js';
import type {
  IndexRange,
  ReadEventsQuery,
  StatementHook,
  Store,
  StoreDump,
  TableDef,
  Transaction,
} from '../../ports/store.js';
import { TABLES } from '../../storage/tables.js';
import { fromJson, toJsonText } from './codec.js';
import { applyMigrations, lockSchema, type MigrationReport } from './migrations.js';
import { MIGRATIONS } from './schema.js';
import {
  fromPGlite,
  fromPgPool,
  isRetryable,
  quoteIdent,
  sqlState,
  withRetry,
  type PGliteLike,
  type PgPoolLike,
  type SqlQueryable,
} from './sql-client.js';
import { tableSql, type TableSql } from './sql-tables.js';

/** Where a `postgresStore` keeps its data: exactly one of a `pg` Pool or a PGlite instance. */
export type PostgresTarget =
  | {
      /** A `pg` Pool (`new Pool({ connectionString })`): a real server. */
      readonly pool: PgPoolLike;
      readonly pglite?: undefined;
    }
  | {
      /** A PGlite instance (`await PGlite.create(dataDir)`): PostgreSQL in-process. */
      readonly pglite: PGliteLike;
      readonly pool?: undefined;
    };

/** Options of `postgresStore`. */
export interface PostgresStoreOptions {
  /** The PostgreSQL schema holding the tables (default `tiktok_ad_auth`); created by `migrate()`. */
  readonly schema?: string;
  /**
   * How many times a transaction aborted by a serialization failure (40001) or a deadlock
   * (40P01) runs again before the error is passed on (default 5).
   */
  readonly maxRetries?: number;
  /**
   * Called before each statement of a transaction, with its 1-based number within the attempt:
   * a throw fails that statement as a storage failure would (fault injection in tests).
   */
  readonly onStatement?: StatementHook;
  /**
   * With a `pg` Pool: run statements as named prepared statements, parsed and planned once per
   * connection (default `true`). Set `false` behind a pooler that cannot keep them, such as
   * PgBouncer in transaction mode before 1.21. Ignored with PGlite.
   */
  readonly preparedStatements?: boolean;
}

/** The PostgreSQL store: the `Store` port, plus its schema's migrations and an export. */
export type PostgresStore = Store & {
  /** The schema this store reads and writes. */
  readonly schema: string;
  /**
   * Creates or upgrades the schema to this library's version. Idempotent and safe to run from
   * several processes at once (an advisory lock serializes them); call it once at startup,
   * before the first store call.
   */
  migrate(): Promise<MigrationReport>;
  /** Every row of every table of the schema (by table name, in key order) and every event, in one snapshot. */
  dump(): Promise<StoreDump>;
};

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const EVENT_COLUMNS =
  'seq::float8 AS seq, id, type, round(extract(epoch FROM at) * 1000)::float8 AS at, ' + 'actor, subject, data';

interface EventRow {
  readonly seq: number;
  readonly id: string;
  readonly type: string;
  readonly at: number;
  readonly actor: unknown;
  readonly subject: unknown;
  readonly data: unknown;
}

function checkOptions(target: PostgresTarget, options: PostgresStoreOptions) {
  const fail = (message: string): never => {
    throw new TypeError(`postgresStore: ${message}`);
  };
  if (target === null || typeof target !== 'object') fail('the first argument must be { pool } or { pglite }');
  const { pool, pglite } = target;
  if ((pool === undefined) === (pglite === undefined)) {
    fail('pass exactly one of `pool` (a pg Pool) or `pglite` (a PGlite instance)');
  }
  if (pool !== undefined && (typeof pool?.connect !== 'function' || typeof pool.query !== 'function')) {
    fail('pool must be a pg Pool (with connect and query)');
  }
  const methods = pglite as unknown as Record<string, unknown> | null;
  if (pglite !== undefined && ['query', 'exec', 'transaction'].some((m) => typeof methods?.[m] !== 'function')) {
    fail('pglite must be a PGlite instance (with query, exec and transaction)');
  }
  if (options === null || typeof options !== 'object') fail('options must be an object');
  const { schema = 'tiktok_ad_auth', maxRetries = 5, onStatement, preparedStatements = true } = options;
  if (typeof schema !== 'string' || !SCHEMA_NAME.test(schema)) {
    fail(`schema must match ${SCHEMA_NAME} (got ${JSON.stringify(schema)})`);
  }
  if (!Number.isInteger(maxRetries) || maxRetries < 0 || maxRetries > 100) {
    fail('maxRetries must be a whole number from 0 to 100');
  }
  if (onStatement !== undefined && typeof onStatement !== 'function') fail('onStatement must be a function');
  if (typeof preparedStatements !== 'boolean') fail('preparedStatements must be a boolean');
  const db = pool !== undefined ? fromPgPool(pool, { prepared: preparedStatements }) : fromPGlite(pglite!);
  return { db, schema, maxRetries, onStatement };
}

const decodeRows = (rows: readonly { data: unknown }[]) => rows.map((r) => fromJson(r.data));

const toEvents = (rows: readonly EventRow[]): DomainEvent[] =>
  rows.map(
    (r) =>
      ({
        id: r.id,
        seq: Number(r.seq),
        type: r.type,
        at: new Date(Number(r.at)),
        actor: fromJson(r.actor),
        subject: fromJson(r.subject),
        data: fromJson(r.data),
      }) as DomainEvent,
  );

/**
 * A store on PostgreSQL — a server through a `pg` Pool, or PGlite in-process — for any number of
 * app servers at once (docs/postgres.md). Run `migrate()` once before use. The store does not
 * own the pool or the PGlite instance: close them yourself.
 *
 * - One SQL table per `TableDef` (key, one column per index part, the row as `jsonb`), a btree
 *   per index; tables, indexes and constraints only. A TableDef outside the library's `TABLES`
 *   gets its table on first use.
 * - `transaction(keys, work)`: `BEGIN` (read committed), one transaction-scoped advisory lock
 *   per key taken in one global order (so overlapping key sets never deadlock), the keys'
 *   latest instant, `work` as plain statements, then the instants and the events (numbered
 *   under an outbox lock held until `COMMIT`, so `seq` order is commit order), `COMMIT`. A
 *   serialization failure or deadlock runs `work` again, up to `maxRetries` times.
 * - After a statement fails inside `work` (a unique clash on `update`, a lost connection) the
 *   transaction can only roll back: `transaction` rejects with that failure even if `work`
 *   caught it. An `insert` that clashes rejects without spoiling the transaction.
 * - On PGlite (one connection) transactions run one at a time: inside `work` use `tx`, never the
 *   store itself (a store read would wait for the transaction that waits for it).
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * import { createSparkCodes } from 'tiktok-ad-auth';
 * import { postgresStore } from 'tiktok-ad-auth/postgres';
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * const store = postgresStore({ pool });
 * await store.migrate();
 * const spark = createSparkCodes({ store, codeSecret: process.env.CODE_SECRET! });
 * ```
 *
 * @example
 * ```ts
 * import { PGlite } from '@electric-sql/pglite';
 * import { postgresStore } from 'tiktok-ad-auth/postgres';
 * const store = postgresStore({ pglite: await PGlite.create('./data/tiktok-ad-auth') }, { schema: 'ads_app' });
 * await store.migrate();
 * ```
 */
export function postgresStore(target: PostgresTarget, options: PostgresStoreOptions = {}): PostgresStore {
  const { db, schema, maxRetries, onStatement } = checkOptions(target, options);
  const s = quoteIdent(schema);
  const layouts = new Map<string, TableSql>();
  // The library's tables exist once the schema is migrated; any other table is created on first use.
  const created = new Set<string>(TABLES.map((t) => t.name));

  function layout(def: TableDef<unknown>): TableSql {
    let t = layouts.get(def?.name);
    if (t === undefined) {
      t = tableSql(def, s);
      layouts.set(def.name, t);
    }
    const library = TABLES.find((l) => l.name === def.name);
    if (t.def !== def || (library !== undefined && library !== def)) {
      throw new TypeError(`postgresStore: two different definitions of table ${def.name}`);
    }
    return t;
  }

  /** Creates the table of `t` in the transaction `q` unless it exists. */
  async function createTable(q: SqlQueryable, t: TableSql): Promise<void> {
    const name = `${s}.${quoteIdent(t.def.name)}`;
    const { rows } = await q.query<{ ok: boolean }>('SELECT to_regclass($1) IS NOT NULL AS ok', [name]);
    if (rows[0]?.ok) return;
    await lockSchema(q, schema);
    await q.exec(t.createScript);
  }

  /** The layout of `def`, its table created first when needed (for reads outside a transaction). */
  async function ready(def: TableDef<unknown>): Promise<TableSql> {
    const t = layout(def);
    if (!created.has(def.name)) {
      await withRetry(() => db.transaction((q) => createTable(q, t)), maxRetries);
      created.add(def.name);
    }
    return t;
  }

  /** One attempt of a transaction, on the connection `q`. */
  async function attempt<T>(
    q: SqlQueryable,
    keys: readonly string[],
    work: (tx: Transaction) => Promise<T>,
    tablesMade: (names: readonly string[]) => void,
  ): Promise<T> {
    let n = 0;
    let open = true;
    let failure: unknown; // the first statement that failed: the transaction can only roll back
    const pending: string[] = []; // the events appended, as JSON
    const madeTables: string[] = [];
    let marked: Date | undefined;

    const over = () => {
      if (!open) throw new Error('postgresStore: the transaction is over');
    };
    /** Runs `step` as one statement: the hook first; a failure is remembered (PostgreSQL aborted the transaction). */
    async function statement<R>(verb: string, table: string | undefined, step: () => Promise<R>): Promise<R> {
      try {
        over();
        if (failure !== undefined) throw failure;
        n++;
        onStatement?.(table === undefined ? { n, verb } : { n, verb, table });
        return await step();
      } catch (e) {
        failure ??= e;
        throw e;
      }
    }
    const run = <R>(verb: string, table: string | undefined, text: string, params: readonly unknown[]) =>
      statement(verb, table, async () => (await q.query<R>(text, params)).rows);

    async function tableIn(def: TableDef<unknown>): Promise<TableSql> {
      const t = layout(def);
      if (!created.has(def.name) && !madeTables.includes(def.name)) {
        await statement('createTable', def.name, () => createTable(q, t));
        madeTables.push(def.name);
      }
      return t;
    }

    // Locks in one global order: by the 64-bit hash of the key, within this schema.
    if (keys.length > 0) await run('lock', undefined, LOCK_KEYS, [`${schema}:`, keys]);
    const [last] =
      keys.length === 0
        ? []
        : await run<{ ms: number | null }>(
            'lastInstant',
            undefined,
            `
      SELECT round(extract(epoch FROM max(at)) * 1000)::float8 AS ms
      FROM ${s}.lock_instants WHERE key = ANY($1::text[])`,
            [keys],
          );

    const tx: Transaction = {
      lastInstant: last?.ms == null ? undefined : new Date(Number(last.ms)),
      markInstant(at) {
        over();
        if (!(at instanceof Date) || Number.isNaN(at.getTime())) {
          throw new TypeError('postgresStore: markInstant takes a valid Date');
        }
        marked = new Date(at.getTime());
      },
      async get(def, key) {
        const t = await tableIn(def as TableDef<unknown>);
        const rows = await run<{ data: unknown }>('get', def.name, t.get, [key]);
        return rows.length === 0 ? undefined : (fromJson(rows[0]!.data) as never);
      },
      async list(def, index, range: IndexRange = {}) {
        const t = await tableIn(def as TableDef<unknown>);
        const { text, params } = t.range(index, range, false);
        return decodeRows(await run<{ data: unknown }>('list', def.name, text, params)) as never;
      },
      async count(def, index, range: IndexRange = {}) {
        const t = await tableIn(def as TableDef<unknown>);
        const { text, params } = t.range(index, range, true);
        const [row] = await run<{ n: number }>('count', def.name, text, params);
        return Number(row?.n ?? 0);
      },
      async insert(def, row) {
        const t = await tableIn(def as TableDef<unknown>);
        const params = t.params(row);
        const rows = await run('insert', def.name, t.insert, params);
        // ON CONFLICT DO NOTHING: a clash writes nothing and leaves the transaction usable.
        if (rows.length === 0) {
          const what = `a row ${params[0]} or a row with the same unique index values`;
          throw new Error(`postgresStore: ${def.name} already has ${what}`);
        }
      },
      async update(def, row) {
        const t = await tableIn(def as TableDef<unknown>);
        const params = t.params(row);
        let rows: unknown[];
        try {
          rows = await run('update', def.name, t.update, params);
        } catch (e) {
          if (sqlState(e) !== '23505') throw e;
          const what = `updating ${def.name} ${params[0]} clashes with another row in a unique index`;
          failure = new Error(`postgresStore: ${what}`, { cause: e });
          throw failure;
        }
        if (rows.length === 0) throw new Error(`postgresStore: ${def.name} has no row ${params[0]} to update`);
      },
      async delete(def, key) {
        const t = await tableIn(def as TableDef<unknown>);
        await run('delete', def.name, t.delete, [key]);
      },
      append(events) {
        over();
        if (!Array.isArray(events)) throw new TypeError('postgresStore: append takes an array of events');
        for (const e of events) pending.push(eventJson(e));
      },
    };

    let result: T;
    try {
      result = await work(tx);
    } catch (e) {
      open = false;
      // A retryable failure is passed on as it is, even when `work` wrapped it: the attempt runs again.
      throw failure !== undefined && isRetryable(failure) ? failure : e;
    }
    if (failure !== undefined) {
      open = false;
      throw failure;
    }
    if (marked !== undefined && keys.length > 0) {
      await run(
        'markInstant',
        undefined,
        `
        INSERT INTO ${s}.lock_instants AS li (key, at) SELECT k, $2::timestamptz FROM unnest($1::text[]) AS k
        ON CONFLICT (key) DO UPDATE SET at = greatest(li.at, excluded.at)`,
        [keys, marked.toISOString()],
      );
    }
    if (pending.length > 0) {
      // Held until COMMIT: the next writer of events reads max(seq) after this one committed.
      await run('lockOutbox', undefined, 'SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `tiktok-ad-auth:outbox:${schema}`,
      ]);
      await run(
        'append',
        'events',
        `
        INSERT INTO ${s}.events (seq, id, type, at, actor, subject, data)
        SELECT last.seq + e.ord, e.v->>'id', e.v->>'type', (e.v->>'at')::timestamptz,
          e.v->'actor', e.v->'subject', e.v->'data'
        FROM (SELECT coalesce(max(seq), 0) AS seq FROM ${s}.events) AS last,
          jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(v, ord)`,
        [`[${pending.join(',')}]`],
      );
    }
    await statement('commit', undefined, async () => {}); // COMMIT itself is sent by the SQL client
    open = false;
    // Known as created only once COMMIT succeeded (the caller records them): until then other
    // transactions cannot see the new table.
    tablesMade(madeTables);
    return result;
  }

  return {
    schema,

    migrate: () => applyMigrations(db, schema, MIGRATIONS, maxRetries),

    async get(def, key) {
      const t = await ready(def as TableDef<unknown>);
      const { rows } = await db.query<{ data: unknown }>(t.get, [key]);
      return rows.length === 0 ? undefined : (fromJson(rows[0]!.data) as never);
    },
    async list(def, index, range: IndexRange = {}) {
      const t = await ready(def as TableDef<unknown>);
      const { text, params } = t.range(index, range, false);
      return decodeRows((await db.query<{ data: unknown }>(text, params)).rows) as never;
    },
    async count(def, index, range: IndexRange = {}) {
      const t = await ready(def as TableDef<unknown>);
      const { text, params } = t.range(index, range, true);
      const { rows } = await db.query<{ n: number }>(text, params);
      return Number(rows[0]?.n ?? 0);
    },

    async transaction(lockKeys, work) {
      if (!Array.isArray(lockKeys) || lockKeys.some((k) => typeof k !== 'string' || k === '')) {
        throw new TypeError('postgresStore.transaction: lockKeys must be an array of non-empty strings');
      }
      if (typeof work !== 'function') throw new TypeError('postgresStore.transaction: work must be a function');
      const keys = [...new Set(lockKeys)];
      let committedTables: readonly string[] = [];
      const result = await withRetry(
        () => db.transaction((q) => attempt(q, keys, work, (made) => (committedTables = made))),
        maxRetries,
      );
      for (const name of committedTables) created.add(name);
      return result;
    },

    async readEvents(query: ReadEventsQuery = {}) {
      const after = query.after ?? 0;
      const limit = query.limit ?? 1000;
      if (!Number.isInteger(after) || after < 0) {
        throw new TypeError('readEvents: after must be a whole number, 0 or more');
      }
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
        throw new TypeError('readEvents: limit must be a whole number from 1 to 10000');
      }
      const text = `SELECT ${EVENT_COLUMNS} FROM ${s}.events WHERE seq > $1 ORDER BY seq LIMIT $2`;
      return toEvents((await db.query<EventRow>(text, [after, limit])).rows);
    },

    async dump() {
      return db.transaction(
        async (q) => {
          // Every table of the schema with a key and a row: the library's and any other TableDef's.
          // (From the catalog: information_schema.columns takes tens of milliseconds on a server.)
          const { rows: names } = await q.query<{ name: string }>(
            `
          SELECT c.relname::text AS name
          FROM pg_catalog.pg_class c
          JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
          JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid
          WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
            AND a.attname IN ('key', 'data')
          GROUP BY c.relname HAVING count(*) = 2`,
            [schema],
          );
          const tables: Record<string, readonly unknown[]> = {};
          for (const name of names.map((r) => r.name).sort()) {
            const { rows } = await q.query<{ data: unknown }>(`SELECT data FROM ${s}.${quoteIdent(name)} ORDER BY key`);
            tables[name] = decodeRows(rows);
          }
          const { rows } = await q.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM ${s}.events ORDER BY seq`);
          return { tables, events: toEvents(rows) };
        },
        { snapshot: true },
      );
    },
  };
}

/** Locks the keys `$2` (prefixed with `$1`, the schema) in the order of their 64-bit hashes. */
const LOCK_KEYS = `SELECT pg_advisory_xact_lock(h)
  FROM (SELECT hashtextextended($1 || k, 0) AS h FROM unnest($2::text[]) AS k ORDER BY h) AS ordered`;

/** One event as the JSON the outbox insert takes. */
function eventJson(e: NewEvent): string {
  if (e === null || typeof e !== 'object') throw new TypeError('postgresStore: an event must be an object');
  if (!(e.at instanceof Date) || Number.isNaN(e.at.getTime())) {
    throw new TypeError('postgresStore: an event needs a valid Date `at`');
  }
  if (typeof e.id !== 'string' || typeof e.type !== 'string') {
    throw new TypeError('postgresStore: an event needs a string id and type');
  }
  const fields = [
    `"id":${toJsonText(e.id, 'event id')}`,
    `"type":${toJsonText(e.type, 'event type')}`,
    `"at":${JSON.stringify(e.at.toISOString())}`,
    `"actor":${toJsonText(e.actor, 'event actor')}`,
    `"subject":${toJsonText(e.subject, 'event subject')}`,
    `"data":${toJsonText(e.data, 'event data')}`,
  ];
  return `{${fields.join(',')}}`;
}
