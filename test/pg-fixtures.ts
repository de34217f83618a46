// PostgreSQL test fixtures: PGlite in-process (always) and the server named by DATABASE_URL (when
// set). Every store gets a fresh schema, dropped on close, so test files and runs never meet.
import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { postgresStore, type PostgresStore, type PostgresTarget } from '../src/adapters/postgres/index.js';
import type { StoreFactory, StoreFactoryOptions, StoreHandle } from '../src/testing/types.js';

/**
 * The real server, when the environment names one (`.ci/run` always does).
 *
 * @example
 * ```ts
 * describe.runIf(DATABASE_URL)('on the server', () => { … });
 * ```
 */
export const DATABASE_URL = process.env.DATABASE_URL;

/**
 * A schema name no other run or test file uses.
 *
 * @example
 * ```ts
 * const store = postgresStore({ pglite: await sharedPGlite() }, { schema: freshSchema() });
 * ```
 */
export function freshSchema(): string {
  return `tta_test_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
}

let pglite: Promise<PGlite> | undefined;
/**
 * One in-memory PGlite per test file (creating one takes seconds); stores isolate by schema.
 *
 * @example
 * ```ts
 * const { store, close } = await freshStore({ pglite: await sharedPGlite() });
 * ```
 */
export function sharedPGlite(): Promise<PGlite> {
  pglite ??= PGlite.create();
  return pglite;
}

/**
 * Closes the PGlite `sharedPGlite` made.
 *
 * @example
 * ```ts
 * afterAll(closeSharedPGlite);
 * ```
 */
export async function closeSharedPGlite(): Promise<void> {
  const db = pglite;
  pglite = undefined;
  if (db) await (await db).close();
}

/**
 * A pg Pool on the server; the caller ends it.
 *
 * @example
 * ```ts
 * const pool = serverPool(4);
 * afterAll(() => pool.end());
 * ```
 */
export function serverPool(max = 10): pg.Pool {
  if (!DATABASE_URL) throw new Error('DATABASE_URL is not set');
  const pool = new pg.Pool({ connectionString: DATABASE_URL, max });
  // pg's documented rule: an idle client that loses its connection emits 'error' on the pool.
  pool.on('error', () => {});
  return pool;
}

/**
 * A fresh, migrated store in its own schema, and how to drop the schema.
 *
 * @example
 * ```ts
 * const { store, close } = await freshStore({ pool }, undefined, { maxRetries: 0 });
 * try { await store.readEvents(); } finally { await close(); }
 * ```
 */
export async function freshStore(
  target: PostgresTarget,
  schema = freshSchema(),
  options: StoreFactoryOptions & { readonly maxRetries?: number } = {},
): Promise<{ store: PostgresStore; close: () => Promise<void> }> {
  const store = postgresStore(target, { ...options, schema });
  await store.migrate();
  const drop = `DROP SCHEMA IF EXISTS "${schema}" CASCADE`;
  return {
    store,
    close: async () => {
      await (target.pool ? target.pool.query(drop) : target.pglite!.query(drop));
    },
  };
}

/**
 * A conformance-suite factory on the shared PGlite. `open()` is another `postgresStore` over the
 * same PGlite and schema (PGlite has one connection: the second store shares it).
 *
 * @example
 * ```ts
 * for (const c of storeConformanceChecks(pgliteFactory, { numRuns: 10 })) test(c.name, c.run);
 * ```
 */
export const pgliteFactory: StoreFactory = async (options = {}) => {
  const db = await sharedPGlite();
  const { store, close } = await freshStore({ pglite: db }, undefined, options);
  return {
    store,
    dump: () => store.dump(),
    open: async () => postgresStore({ pglite: db }, { schema: store.schema }),
    close,
  } satisfies StoreHandle;
};

/**
 * A conformance-suite factory on the server, over `pool`. `open()` is another `postgresStore`
 * over the same schema on a new small pool (a second app server), ended by `close()`. The
 * opened stores do not get `onStatement`: faults are injected into `store` only.
 *
 * @example
 * ```ts
 * const handle = await serverFactory(serverPool(10))();
 * ```
 */
export const serverFactory =
  (pool: pg.Pool): StoreFactory =>
  async (options = {}) => {
    const { store, close } = await freshStore({ pool }, undefined, options);
    const opened: pg.Pool[] = [];
    return {
      store,
      dump: () => store.dump(),
      open: async () => {
        const other = serverPool(4);
        opened.push(other);
        return postgresStore({ pool: other }, { schema: store.schema });
      },
      close: async () => {
        await Promise.all(opened.map((p) => p.end()));
        await close();
      },
    } satisfies StoreHandle;
  };
