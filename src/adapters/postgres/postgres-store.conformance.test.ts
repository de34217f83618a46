/// <reference types="node" />
import { afterAll, describe, test } from 'vitest';
import { storeConformanceChecks } from '../../testing/index.js';
import {
  closeSharedPGlite,
  DATABASE_URL,
  pgliteFactory,
  serverFactory,
  serverPool,
} from '../../../test/pg-fixtures.js';

// PGlite runs each statement in WebAssembly on one connection: fewer property runs by default.
// FC_NUM_RUNS sets them for both, as everywhere else. Every check reads what was stored, never how
// long anything took; the timeouts only stop a hang.
const pgliteRuns = Number(process.env.FC_NUM_RUNS ?? 5);
const serverRuns = Number(process.env.FC_NUM_RUNS ?? 10);

describe('postgresStore on PGlite passes the store conformance suite', () => {
  afterAll(closeSharedPGlite);
  for (const c of storeConformanceChecks(pgliteFactory, { numRuns: pgliteRuns })) test(c.name, c.run, 300_000);
});

describe.runIf(DATABASE_URL)('postgresStore on a PostgreSQL server passes the store conformance suite', () => {
  const pool = DATABASE_URL ? serverPool(20) : undefined;
  afterAll(async () => {
    await pool?.end();
  });
  for (const c of storeConformanceChecks(serverFactory(pool!), { numRuns: serverRuns })) test(c.name, c.run, 300_000);
});
