// Internal: the small SQL client the PostgreSQL store runs on, so that the same store code works
// over a `pg` Pool (a real server: one pooled connection per transaction) and over PGlite
// (PostgreSQL in-process: one connection). The driver types are structural: this module imports
// neither `pg` nor `@electric-sql/pglite`, so neither is needed unless the caller passes one.
import { sha256Hex, utf8ToBytes } from '../../kernel/crypto.js';

/** The rows of one statement. */
export interface SqlResult<R> {
  readonly rows: R[];
}

/** Something that runs statements. */
export interface SqlQueryable {
  /** Runs one statement with parameters (`$1`, `$2`…). */
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<SqlResult<R>>;
  /** Runs a script of several statements without parameters (DDL). */
  exec(script: string): Promise<void>;
}

/** How a transaction sees the database. */
export interface TransactionMode {
  /**
   * Read-only, one snapshot for the whole transaction (`REPEATABLE READ READ ONLY`), for a
   * consistent export. Otherwise `READ COMMITTED`: each statement sees what committed before it.
   */
  readonly snapshot?: boolean;
}

/** A database the store runs on. */
export interface SqlDatabase extends SqlQueryable {
  /** Runs `fn` between BEGIN and COMMIT on one connection; rolls back when it throws. */
  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>, mode?: TransactionMode): Promise<T>;
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
  transaction<T>(
    fn: (tx: {
      query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
      exec(script: string): Promise<unknown>;
    }) => Promise<T>,
  ): Promise<T>;
}

/**
 * Over a `pg` Pool. With `prepared` (the default), every statement runs as a named prepared
 * statement (pg's `{ name, text, values }`): the server parses and plans it once per connection
 * instead of on every call. The name is derived from the text (SHA-256), so the same text has
 * the same name on every connection and two texts never share one; the texts are the store's
 * own, a bounded set (a few per table, index and range shape). Without `prepared` (PgBouncer in
 * transaction pooling mode before 1.21) every statement is parsed and planned on each call.
 *
 * @example
 * ```ts
 * const db = fromPgPool(new pg.Pool({ connectionString }));
 * await db.transaction((tx) => tx.query('SELECT 1'));
 * ```
 */
export function fromPgPool(pool: PgPoolLike, { prepared = true }: { readonly prepared?: boolean } = {}): SqlDatabase {
  const names = new Map<string, string>(); // statement text → its name
  const nameOf = (text: string): string => {
    let name = names.get(text);
    if (name === undefined) names.set(text, (name = `tta_${sha256Hex(utf8ToBytes(text)).slice(0, 40)}`));
    return name;
  };
  const run = (target: PgPoolLike | PgPoolClientLike, text: string, params: readonly unknown[]) =>
    prepared ? target.query({ name: nameOf(text), text, values: [...params] }) : target.query(text, [...params]);
  return {
    async query<R>(text: string, params: readonly unknown[] = []) {
      return (await run(pool, text, params)) as SqlResult<R>;
    },
    async exec(script) {
      await pool.query(script);
    },
    async transaction(fn, mode = {}) {
      const client = await pool.connect();
      let broken: Error | undefined;
      // A connection that dies while checked out emits 'error' on the client: without a
      // listener that would crash the process. Record it; the query in flight rejects anyway.
      const onError = (err: Error) => {
        broken = err;
      };
      client.on?.('error', onError);
      try {
        const isolation = mode.snapshot ? 'REPEATABLE READ READ ONLY' : 'READ COMMITTED';
        await client.query(`BEGIN ISOLATION LEVEL ${isolation}`);
        const out = await fn({
          async query<R>(text: string, params: readonly unknown[] = []) {
            return (await run(client, text, params)) as SqlResult<R>;
          },
          async exec(script) {
            // Without parameters, pg uses the simple protocol: several statements are allowed.
            await client.query(script);
          },
        });
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

/**
 * Over PGlite: one connection. PGlite runs one `transaction()` at a time and makes `query()`
 * wait for it, so transactions are serialized in JS and never interleave on the connection
 * (which is why every isolation level gives the same result there and `mode` is not needed).
 *
 * @example
 * ```ts
 * const db = fromPGlite(await PGlite.create());
 * await db.transaction((tx) => tx.query('SELECT 1'));
 * ```
 */
export function fromPGlite(db: PGliteLike): SqlDatabase {
  return {
    async query<R>(text: string, params: readonly unknown[] = []) {
      return (await db.query(text, [...params])) as SqlResult<R>;
    },
    async exec(script) {
      await db.exec(script);
    },
    async transaction(fn) {
      return db.transaction((tx) =>
        fn({
          async query<R>(text: string, params: readonly unknown[] = []) {
            return (await tx.query(text, [...params])) as SqlResult<R>;
          },
          async exec(script) {
            await tx.exec(script);
          },
        }),
      );
    },
  };
}

/**
 * The SQLSTATE of a driver error (`23505`, `40001`…), or `undefined`.
 *
 * @example
 * ```ts
 * if (sqlState(e) === '23505') console.log('unique violation');
 * ```
 */
export function sqlState(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * True for the failures after which PostgreSQL has rolled the whole transaction back and it can
 * simply run again: serialization failure (40001) and deadlock (40P01).
 *
 * @example
 * ```ts
 * if (isRetryable(e) && attempt < maxRetries) continue;
 * ```
 */
export function isRetryable(e: unknown): boolean {
  const state = sqlState(e);
  return state === '40001' || state === '40P01';
}

/**
 * Runs `op` (one whole transaction) again, up to `maxRetries` times, while it fails with a
 * retryable error (`isRetryable`); waits 1, 2, 4… ms (at most 50) between attempts. Any other
 * error propagates at once.
 *
 * @example
 * ```ts
 * await withRetry(() => db.transaction(async (tx) => tx.query('SELECT 1')), 5);
 * ```
 */
export async function withRetry<T>(op: () => Promise<T>, maxRetries: number): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await op();
    } catch (e) {
      if (!isRetryable(e) || attempt >= maxRetries) throw e;
      await new Promise((resolve) => setTimeout(resolve, Math.min(50, 2 ** attempt)));
    }
  }
}

/**
 * Quotes an SQL identifier.
 *
 * @example
 * ```ts
 * quoteIdent('tiktok_ad_auth'); // '"tiktok_ad_auth"'
 * ```
 */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
