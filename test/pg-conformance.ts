// The store conformance suite on the PostgreSQL store, cut into parts so that each test file is
// short: files run in parallel and report as they finish (a long silent file looks like a hang).
// Every check reads what was stored, never how long anything took: the timeouts only stop a hang.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { storeConformanceChecks, type ConformanceCheck } from '../src/testing/index.js';
import {
  closeSharedPGlite,
  DATABASE_URL,
  pgliteFactory,
  serverFactory,
  serverPool,
  sharedPGlite,
} from './pg-fixtures.js';

/** The parts of the suite, by the names of its checks. */
export const CONFORMANCE_PARTS = {
  tables: (name: string) => name.startsWith('table'),
  transactions: (name: string) => name.startsWith('tx') || name.startsWith('storage'),
  'spark faults': (name: string) => name.startsWith('fault X-03: spark '),
  'other faults': (name: string) => name.startsWith('fault') && !name.startsWith('fault X-03: spark '),
  'races and clock skew': (name: string) => !/^(table|tx|storage|fault)/.test(name),
} as const;

/** A part of the suite. */
export type ConformancePart = keyof typeof CONFORMANCE_PARTS;

/** A test's time limit: far above what any check takes on a loaded machine; only a hang reaches it. */
const HANG_MS = 300_000;

// PGlite runs each statement in WebAssembly on one connection: fewer property runs by default.
// FC_NUM_RUNS sets them for both, as everywhere else.
const pgliteRuns = Number(process.env.FC_NUM_RUNS ?? 5);
const serverRuns = Number(process.env.FC_NUM_RUNS ?? 10);

const checksOf = (all: readonly ConformanceCheck[], parts: readonly ConformancePart[]) =>
  all.filter((c) => parts.some((part) => CONFORMANCE_PARTS[part](c.name)));

/**
 * Registers the given parts of the conformance suite on PGlite (one in-memory database for the
 * file, made before the first test with a time limit of its own: it takes seconds).
 *
 * @example
 * ```ts
 * conformanceOnPGlite(['tables', 'transactions']);
 * ```
 */
export function conformanceOnPGlite(parts: readonly ConformancePart[]): void {
  describe(`postgresStore on PGlite passes the store conformance suite (${parts.join(', ')})`, () => {
    beforeAll(async () => {
      await sharedPGlite();
    }, HANG_MS);
    afterAll(closeSharedPGlite, HANG_MS);
    for (const c of checksOf(storeConformanceChecks(pgliteFactory, { numRuns: pgliteRuns }), parts)) {
      test(c.name, c.run, HANG_MS);
    }
  });
}

/**
 * Registers the given parts of the conformance suite on the PostgreSQL server of DATABASE_URL;
 * skipped (and counted as skipped) when it is not set.
 *
 * @example
 * ```ts
 * conformanceOnServer(['spark faults']);
 * ```
 */
export function conformanceOnServer(parts: readonly ConformancePart[]): void {
  describe.runIf(DATABASE_URL)(
    `postgresStore on a PostgreSQL server passes the store conformance suite (${parts.join(', ')})`,
    () => {
      const pool = DATABASE_URL ? serverPool(20) : undefined;
      afterAll(async () => {
        await pool?.end();
      }, HANG_MS);
      // Without DATABASE_URL the factory is never called: the checks are only listed, then skipped.
      const factory = serverFactory(pool!);
      for (const c of checksOf(storeConformanceChecks(factory, { numRuns: serverRuns }), parts)) {
        test(c.name, c.run, HANG_MS);
      }
    },
  );
}

/**
 * A test that the parts cut the suite exactly: every check in one part, none in two.
 *
 * @example
 * ```ts
 * partsCoverTheSuite();
 * ```
 */
export function partsCoverTheSuite(): void {
  test('the parts of the conformance suite hold every check exactly once', () => {
    const names = storeConformanceChecks(pgliteFactory).map((c) => c.name);
    const parts = Object.values(CONFORMANCE_PARTS);
    expect(names.filter((name) => parts.filter((inPart) => inPart(name)).length !== 1)).toEqual([]);
    for (const inPart of parts) expect(names.some(inPart)).toBe(true);
  });
}
