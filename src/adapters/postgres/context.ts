import type { SqlDatabase } from './sql-client.js';

/**
 * Internal: what each context module of the PostgreSQL store (`outbox.pg.ts`,
 * `spark-codes.pg.ts`, …) gets: the database, its schema name already quoted for SQL (`s`),
 * and `run`, which retries serialization failures and deadlocks a bounded number of times.
 */
export interface PgContext {
  readonly db: SqlDatabase;
  readonly s: string;
  run<T>(op: () => Promise<T>): Promise<T>;
}
