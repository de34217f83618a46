// Internal: the migration runner. One transaction, serialized across processes by an advisory
// lock on the schema's name; the schema's version is recorded in `schema_migrations`.
import { quoteIdent, withRetry, type SqlDatabase, type SqlQueryable } from './sql-client.js';

/**
 * One versioned schema change. `up(s)` returns the SQL script for the schema `s` (already
 * quoted: every object name in the script is written `${s}.name`). A released migration is
 * never edited: a later library version adds a new one with the next version number.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: (s: string) => string;
}

/** What `migrate()` did. */
export interface MigrationReport {
  /** The schema version before the call (0 for an empty schema). */
  readonly from: number;
  /** The schema version after the call: the newest migration this library knows. */
  readonly to: number;
  /** The versions this call applied, in order (empty when the schema was up to date). */
  readonly applied: readonly number[];
}

/**
 * Takes the advisory lock that serializes schema changes of `schema` (migrations, and the
 * creation of a table the schema does not have yet) until the transaction ends.
 *
 * @example
 * ```ts
 * await db.transaction(async (tx) => { await lockSchema(tx, 'tiktok_ad_auth'); });
 * ```
 */
export async function lockSchema(tx: SqlQueryable, schema: string): Promise<void> {
  const key = `tiktok-ad-auth:migrate:${schema}`;
  await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
}

/**
 * Applies every migration newer than the schema's version, in one transaction, under the
 * schema lock: several processes may call it at once; one applies, the others wait and then
 * find nothing to do. Refuses (throws) when the schema is newer than this library (a
 * downgrade), so an old process never writes to a schema it does not understand.
 *
 * @example
 * ```ts
 * const report = await applyMigrations(db, 'tiktok_ad_auth', MIGRATIONS, 5);
 * // { from: 0, to: 1, applied: [1] } on an empty schema
 * ```
 */
export async function applyMigrations(
  db: SqlDatabase,
  schema: string,
  migrations: readonly Migration[],
  maxRetries: number,
): Promise<MigrationReport> {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  sorted.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(`migrations must be numbered 1, 2, 3…: found ${m.version} at position ${i + 1}`);
    }
  });
  const s = quoteIdent(schema);
  const newest = sorted.length;
  return withRetry(
    () =>
      db.transaction(async (tx) => {
        await lockSchema(tx, schema);
        // Checked first: CREATE … IF NOT EXISTS on an existing object raises a notice every call.
        const { rows: exists } = await tx.query<{ ok: boolean }>('SELECT to_regclass($1) IS NOT NULL AS ok', [
          `${s}.schema_migrations`,
        ]);
        if (!exists[0]?.ok) {
          await tx.exec(`CREATE SCHEMA IF NOT EXISTS ${s};
        CREATE TABLE ${s}.schema_migrations (
          version integer PRIMARY KEY,
          name text NOT NULL,
          applied_at timestamptz NOT NULL DEFAULT now()
        );`);
        }
        const { rows } = await tx.query<{ v: number | null }>(
          `SELECT max(version)::float8 AS v FROM ${s}.schema_migrations`,
        );
        const from = Number(rows[0]?.v ?? 0);
        if (from > newest) {
          throw new Error(
            `schema ${schema} is at version ${from}, newer than this library (${newest}): upgrade the library`,
          );
        }
        const applied: number[] = [];
        for (const m of sorted.slice(from)) {
          await tx.exec(m.up(s));
          await tx.query(`INSERT INTO ${s}.schema_migrations (version, name) VALUES ($1, $2)`, [m.version, m.name]);
          applied.push(m.version);
        }
        return { from, to: newest, applied };
      }),
    maxRetries,
  );
}
