import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { postgresStore, type PostgresStore } from '../src/adapters/postgres/index.js';
import type { StoreFactory } from '../src/testing/index.js';

/** The real server, when the environment names one (`.ci/run` always does). */
export const DATABASE_URL = process.env.DATABASE_URL;

/** A schema name no other run or test file uses. */
export function freshSchema(): string {
  return `tta_test_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
}

let pglite: Promise<PGlite> | undefined;
/** One in-memory PGlite per test file (creating one takes seconds); stores isolate by schema. */
export function sharedPGlite(): Promise<PGlite> {
  pglite ??= PGlite.create();
  return pglite;
}

export async function closeSharedPGlite(): Promise<void> {
  if (pglite) await (await pglite).close();
  pglite = undefined;
}

/** A pg Pool on the server; the caller ends it. */
export function serverPool(max = 10): pg.Pool {
  if (!DATABASE_URL) throw new Error('DATABASE_URL is not set');
  const pool = new pg.Pool({ connectionString: DATABASE_URL, max });
  // pg's documented rule: an idle client that loses its connection emits 'error' on the pool.
  pool.on('error', () => {});
  return pool;
}

/** A fresh, migrated store in its own schema, dropped on close. */
export async function freshStore(target: { pglite: PGlite } | { pool: pg.Pool }, schema = freshSchema()): Promise<{ store: PostgresStore; close: () => Promise<void> }> {
  const store = 'pglite' in target ? postgresStore({ pglite: target.pglite, schema }) : postgresStore({ pool: target.pool, schema });
  await store.migrate();
  const drop = `DROP SCHEMA IF EXISTS "${schema}" CASCADE`;
  return { store, close: async () => { await ('pglite' in target ? target.pglite.query(drop) : target.pool.query(drop)); } };
}

/** A conformance-suite factory on PGlite. */
export const pgliteFactory: StoreFactory<PostgresStore> = async () => freshStore({ pglite: await sharedPGlite() });

/** A conformance-suite factory on the server, over `pool`. */
export const serverFactory = (pool: pg.Pool): StoreFactory<PostgresStore> => async () => freshStore({ pool });
