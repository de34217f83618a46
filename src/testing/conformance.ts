import { tableChecks } from './table-contract.js';
import { transactionChecks } from './transactions.js';
import { serviceRaceChecks } from './service-races.js';
import { registryRaceChecks } from './races-registry.js'; // --- registry (issue 14) ---
import { requestsRaceChecks } from './races-requests.js'; // --- requests (issue 13) ---
import { extensionsRaceChecks } from './races-extensions.js'; // --- extensions (issue 13) ---
import { lifecycleRaceChecks } from './races-lifecycle.js'; // --- lifecycle (issue 13) ---
import { faultChecks } from './faults.js';
import { batchesRaceChecks } from './races-batches.js'; // --- batches and portfolio (issue 14) ---
import type { ConformanceCheck, ConformanceOptions, StoreFactory } from './types.js';

/**
 * The store conformance suite (design §7): every store adapter — the memory store, the
 * PostgreSQL store, or yours — must pass it. Framework-agnostic: each check is a name and an
 * async function that rejects with a message when the adapter breaks the port's contract.
 *
 * - **Table contract**, verb by verb, over every table of the library (`TABLES`) and the suite's
 *   own tables: get, insert, update, delete, list ranges (eq, gte, lt, reverse, limit; index
 *   order, then primary key, by code point), count, partial and unique indexes, copies at the
 *   boundary, Dates. Properties and `fc.commands` runs against a sorted-array model.
 * - **Transactions**: rollback on throw, events only on commit with consecutive `seq`, mutual
 *   exclusion per lock key across app servers (`handle.open()`), no deadlock on crossed key sets,
 *   `lastInstant`/`markInstant`, and the fault hook failing each statement in turn.
 * - **Faults and inspection**: every workflow of every service fails at each of its statements
 *   in turn and leaves storage as it was; no code or QR token reaches storage in clear.
 * - **Service invariants under races and clock skew**, through the public services on two app
 *   servers over the same data: one code in force per video (SPARK-12), no confirmation and no
 *   running ad after a revocation (SPARK-10), the failed-search limit (ADV-03), the 800/800 caps
 *   (BC-01), a link request approved once (BC-07), Spark Ads limits (ADV-04), the Top Ads
 *   pop-up (TOP-05), sweeps (SPARK-11). Checks named `race …` or `skew …` fail on a store
 *   without locks or without `lastInstant` (the suite's negative control).
 *
 * @param factory Makes a fresh, empty store per check (see `StoreFactory`).
 * @param options `numRuns` per property (default 25); `testTables: false` for an adapter that
 *   can only hold the library's tables.
 * @returns The checks, to register with any test runner.
 *
 * @example
 * ```ts
 * import { test } from 'vitest';
 * import { memoryStore } from 'tiktok-ad-auth';
 * import { storeConformanceChecks } from 'tiktok-ad-auth/testing';
 *
 * const factory = async (options = {}) => {
 *   const store = memoryStore(options);
 *   return { store, dump: async () => store.dump(), open: async () => store, close: async () => {} };
 * };
 * for (const c of storeConformanceChecks(factory)) test(c.name, c.run, 60_000);
 * ```
 */
export function storeConformanceChecks(
  factory: StoreFactory,
  options: ConformanceOptions = {},
): readonly ConformanceCheck[] {
  const numRuns = options.numRuns ?? 25;
  if (!Number.isInteger(numRuns) || numRuns < 1)
    throw new TypeError('storeConformanceChecks: numRuns must be a whole number, 1 or more');
  if (typeof factory !== 'function')
    throw new TypeError('storeConformanceChecks: factory must be a function returning a StoreHandle');
  return [
    ...tableChecks(factory, numRuns, options.testTables ?? true),
    ...transactionChecks(factory, numRuns),
    ...faultChecks(factory),
    ...serviceRaceChecks(factory, numRuns),
    ...batchesRaceChecks(factory, numRuns), // --- batches and portfolio (issue 14) ---
    ...requestsRaceChecks(factory, numRuns), // --- requests (issue 13) ---
    ...registryRaceChecks(factory, numRuns), // --- registry (issue 14) ---
    ...extensionsRaceChecks(factory, numRuns), // --- extensions (issue 13) ---
    ...lifecycleRaceChecks(factory, numRuns), // --- lifecycle (issue 13) ---
  ];
}
