// `tiktok-ad-auth/postgres`: the PostgreSQL store. Needs a `pg` Pool or a PGlite instance, both
// passed in by the caller: this entry point imports neither package.
export { postgresStore, type PostgresStore, type PostgresStoreOptions, type PostgresTarget } from './postgres-store.js';
export type { MigrationReport } from './migrations.js';
export type { PGliteLike, PgNamedQuery, PgPoolClientLike, PgPoolLike } from './sql-client.js';
