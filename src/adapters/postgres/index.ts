// `tiktok-ad-auth/postgres`: the PostgreSQL store. Needs a `pg` Pool or a PGlite instance, both
// passed in by the caller: this entry point imports neither package.
import type { Store } from '../memory/memory-store.js';
import { businessCenterMigration, businessCenterPg } from './business-center.pg.js';
import { adsMigration, adsPg } from './ads.pg.js';
import type { PgContext } from './context.js';
import { applyMigrations, type Migration, type MigrationReport } from './migrations.js';
import { outboxMigration, outboxPg } from './outbox.pg.js';
import { sparkCodesMigration, sparkCodesPg } from './spark-codes.pg.js';
import { speedupsMigration } from './speedups.pg.js';
import { topAdsPg } from './top-ads.pg.js';
import { fromPGlite, fromPgPool, quoteIdent, withRetry, type PGliteLike, type PgPoolLike } from './sql-client.js';

export type { MigrationReport } from './migrations.js';
export type { PGliteLike, PgPoolClientLike, PgPoolLike } from './sql-client.js';

/** Every migration the library ships, in version order. A new context appends its own. */
const MIGRATIONS: readonly Migration[] = [outboxMigration, sparkCodesMigration, businessCenterMigration, adsMigration, speedupsMigration];

/** Options of `postgresStore`: exactly one of `pool` or `pglite`. */
export type PostgresStoreOptions = {
  /** The PostgreSQL schema holding the tables (default `tiktok_ad_auth`); created by `migrate()`. */
  readonly schema?: string;
  /** How many times a transaction aborted by a serialization failure or deadlock is retried (default 5). */
  readonly maxRetries?: number;
  /**
   * With a `pg` Pool: run the store's statements as named prepared statements, parsed and
   * planned once per connection (default `true`). Set `false` behind a pooler that cannot keep
   * them, such as PgBouncer in transaction mode before 1.21. Ignored with PGlite.
   */
  readonly preparedStatements?: boolean;
} & (
  | { /** A `pg` Pool (`new Pool({ connectionString })`): a real server. */ readonly pool: PgPoolLike; readonly pglite?: undefined }
  | { /** A PGlite instance (`await PGlite.create(dataDir)`): PostgreSQL in-process. */ readonly pglite: PGliteLike; readonly pool?: undefined }
);

/**
 * The PostgreSQL store: every store port of the library (the same `Store` as `memoryStore()`),
 * plus the schema's migrations.
 */
export type PostgresStore = Store & {
  /** The schema this store reads and writes. */
  readonly schema: string;
  /**
   * Creates or upgrades the schema to this library's version. Idempotent and safe to run from
   * several processes at once (an advisory lock serializes them); call it once at startup,
   * before the first store call.
   */
  migrate(): Promise<MigrationReport>;
};

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * A store on PostgreSQL — a server through a `pg` Pool, or PGlite in-process — that keeps
 * every invariant of the store ports under many concurrent connections (docs/postgres.md).
 * Run `migrate()` once before use. The store does not own the pool or the PGlite instance:
 * close them yourself.
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
 * const store = postgresStore({ pglite: await PGlite.create('./data/tiktok-ad-auth') });
 * await store.migrate();
 * ```
 */
export function postgresStore(options: PostgresStoreOptions): PostgresStore {
  const schema = options.schema ?? 'tiktok_ad_auth';
  if (!SCHEMA_NAME.test(schema)) throw new TypeError(`postgresStore: schema must match ${SCHEMA_NAME} (got ${JSON.stringify(schema)})`);
  const maxRetries = options.maxRetries ?? 5;
  if (!Number.isInteger(maxRetries) || maxRetries < 0) throw new TypeError('postgresStore: maxRetries must be a non-negative integer');
  let db;
  const preparedStatements = options.preparedStatements ?? true;
  if (typeof preparedStatements !== 'boolean') throw new TypeError('postgresStore: preparedStatements must be a boolean');
  if (options.pool !== undefined && options.pglite === undefined) db = fromPgPool(options.pool, { prepared: preparedStatements });
  else if (options.pglite !== undefined && options.pool === undefined) db = fromPGlite(options.pglite);
  else throw new TypeError('postgresStore: pass exactly one of `pool` (pg) or `pglite`');
  const ctx: PgContext = { db, s: quoteIdent(schema), run: (op) => withRetry(op, maxRetries) };
  return {
    schema,
    migrate: () => applyMigrations(db, schema, MIGRATIONS, maxRetries),
    ...outboxPg(ctx),
    ...sparkCodesPg(ctx),
    ...businessCenterPg(ctx),
    ...adsPg(ctx),
    ...topAdsPg(ctx),
  };
}
