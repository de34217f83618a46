/// <reference types="node" />
import { describe, test } from 'vitest';
import { memoryStore } from '../../index.js';
import { storeConformanceChecks } from '../../testing/index.js';

const numRuns = Number(process.env.FC_NUM_RUNS ?? 25);

describe('memoryStore passes the store conformance suite', () => {
  for (const c of storeConformanceChecks(async () => ({ store: memoryStore() }), { numRuns })) test(c.name, c.run);
});
