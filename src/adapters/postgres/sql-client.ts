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
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<SqlResult<R>>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

/** A database the store runs on. */
export interface SqlDatabase extends SqlQueryable {
  /** Runs `fn` between BEGIN and COMMIT on one connection; rolls back when it throws. */
  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T>;
}

/** The part of a `pg` PoolClient the store uses. */
export interface PgPoolClientLike {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
  release(err?: Error | boolean): void;
  on?(event: 'error', listener: (err: Error) => void): unknown;
  off?(event: 'error', listener: (err: Error) => void): unknown;
}

/** The part of a `pg` Pool the store uses (`new Pool({ connectionString })` from `pg`). */
export interface PgPoolLike {
  connect(): Promise<PgPoolClientLike>;
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
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

export function fromPgPool(pool: PgPoolLike): SqlDatabase {
  return {
    async query<R>(text: string, params: readonly unknown[] = []) {
      return (await pool.query(text, [...params])) as SqlResult<R>;
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
            return (await client.query(text, [...params])) as SqlResult<R>;
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
