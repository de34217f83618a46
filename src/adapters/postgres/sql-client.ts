/**
 * Internal: the small SQL client the PostgreSQL store runs on, so the same adapter code works
 * over a `pg` Pool (a real server, one pooled connection per transaction) and over PGlite
 * (PostgreSQL in-process: one connection, which PGlite itself serializes — its `query()` and
 * `transaction()` never interleave). The driver types are structural: this module imports
 * neither `pg` nor `@electric-sql/pglite`, so neither is needed unless the caller passes one.
 */

/** The rows of one statement. */
export interface SqlResult<R> {
  readonly rows: R[];
}

/** Something that runs one parameterized statement. */
export interface SqlQueryable {
  /**
   * Runs `text` with `params`. Over a `pg` Pool a statement with parameters runs as a named
   * prepared statement (see `fromPgPool`): parsed and planned once per connection.
   */
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<SqlResult<R>>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

/** A database the store runs on. */
export interface SqlDatabase extends SqlQueryable {
  /** Runs `fn` between BEGIN and COMMIT on one connection; rolls back when it throws. */
  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T>;
}

/** A named prepared statement for `pg` (`{ name, text, values }`, pg's `QueryConfig`). */
export interface PgNamedQuery {
  readonly name: string;
  readonly text: string;
  readonly values: unknown[];
}

/** The part of a `pg` PoolClient the store uses. */
export interface PgPoolClientLike {
  query(textOrConfig: string | PgNamedQuery, params?: unknown[]): Promise<{ rows: unknown[] }>;
  release(err?: Error | boolean): void;
  on?(event: 'error', listener: (err: Error) => void): unknown;
  off?(event: 'error', listener: (err: Error) => void): unknown;
}

/** The part of a `pg` Pool the store uses (`new Pool({ connectionString })` from `pg`). */
export interface PgPoolLike {
  connect(): Promise<PgPoolClientLike>;
  query(textOrConfig: string | PgNamedQuery, params?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** The part of a PGlite instance the store uses (`await PGlite.create(dataDir)`). */
export interface PGliteLike {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
  exec(script: string): Promise<unknown>;
  transaction<T>(fn: (tx: {
    query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
    exec(script: string): Promise<unknown>;
  }) => Promise<T>): Promise<T>;
}

/** At most this many distinct statement texts per store get a prepared statement (a guard, not a tuning knob). */
const MAX_NAMED = 1000;
/** Statement name → its text, over every store of the process: two texts never share a name on a pool. */
const TEXT_OF = new Map<string, string>();

/**
 * A statement name derived from the text (53-bit hash, `tta_` + base 36): the same text gets
 * the same name on every connection, a different text (another schema) a different one.
 */
function statementName(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `tta_${(4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)}`;
}

/**
 * Over a `pg` Pool. With `prepared` (the default), a statement with parameters runs as a named
 * prepared statement (pg's `{ name, text, values }`): the server parses, analyzes and plans it
 * once per connection instead of on every call — for the store's short statements that was
 * most of the server's work. The names are derived from the text (a name is never given to two
 * texts in the process: on a hash collision the later text runs unnamed); the statements are
 * the store's own, a bounded set. Without `prepared` (PgBouncer in transaction pooling mode
 * before 1.21) every statement is parsed and planned on each call.
 */
export function fromPgPool(pool: PgPoolLike, { prepared = true }: { readonly prepared?: boolean } = {}): SqlDatabase {
  const names = new Map<string, string | null>(); // statement text → its name, or null: runs unnamed
  const nameOf = (text: string): string | undefined => {
    let name = names.get(text);
    if (name === undefined) {
      if (names.size >= MAX_NAMED) return undefined;
      const candidate = statementName(text);
      const owner = TEXT_OF.get(candidate);
      name = owner === undefined || owner === text ? candidate : null; // null: a hash collision
      if (name !== null) TEXT_OF.set(name, text);
      names.set(text, name);
    }
    return name ?? undefined;
  };
  const run = (target: PgPoolLike | PgPoolClientLike, text: string, params: readonly unknown[]) => {
    const name = prepared && params.length > 0 ? nameOf(text) : undefined;
    return name === undefined ? target.query(text, [...params]) : target.query({ name, text, values: [...params] });
  };
  return {
    async query<R>(text: string, params: readonly unknown[] = []) {
      return (await run(pool, text, params)) as SqlResult<R>;
    },
    async exec(script) {
      await pool.query(script);
    },
    async transaction(fn) {
      const client = await pool.connect();
      let broken: Error | undefined;
      // A connection that dies while checked out emits 'error' on the client: without a
      // listener that would crash the process. Record it; the query in flight rejects anyway.
      const onError = (err: Error) => { broken = err; };
      client.on?.('error', onError);
      try {
        await client.query('BEGIN');
        const tx: SqlQueryable = {
          async query<R>(text: string, params: readonly unknown[] = []) {
            return (await run(client, text, params)) as SqlResult<R>;
          },
          async exec(script) {
            // Without parameters, pg uses the simple protocol: several statements are allowed.
            await client.query(script);
          },
        };
        const out = await fn(tx);
        await client.query('COMMIT');
        return out;
      } catch (e) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          // The connection is gone: the server rolled the transaction back; drop the client.
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        }
        throw e;
      } finally {
        client.off?.('error', onError);
        client.release(broken ?? false);
      }
    },
  };
}

export function fromPGlite(db: PGliteLike): SqlDatabase {
  return {
    async query<R>(text: string, params: readonly unknown[] = []) {
      return (await db.query(text, [...params])) as SqlResult<R>;
    },
    async exec(script) {
      await db.exec(script);
    },
    async transaction(fn) {
      return db.transaction((tx) => fn({
        async query<R>(text: string, params: readonly unknown[] = []) {
          return (await tx.query(text, [...params])) as SqlResult<R>;
        },
        async exec(script) {
          await tx.exec(script);
        },
      }));
    },
  };
}

/** SQLSTATEs worth retrying: the transaction was rolled back whole and can simply run again. */
const RETRYABLE = new Set(['40001', '40P01']);

export function sqlState(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Runs `op` (one statement or one whole transaction) and runs it again, up to `maxRetries`
 * times, when PostgreSQL aborted it with a serialization failure (40001) or a deadlock
 * (40P01): both roll back everything, so a retry cannot double-apply anything. Backoff grows
 * with the attempt (1, 2, 4… ms, capped at 50 ms). Any other error propagates at once.
 */
export async function withRetry<T>(op: () => Promise<T>, maxRetries: number): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await op();
    } catch (e) {
      const state = sqlState(e);
      if (state === undefined || !RETRYABLE.has(state) || attempt >= maxRetries) throw e;
      await new Promise((resolve) => setTimeout(resolve, Math.min(50, 2 ** attempt)));
    }
  }
}

/** Quotes an SQL identifier (a schema name). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
