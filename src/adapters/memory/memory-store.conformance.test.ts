/// <reference types="node" />
import { describe, test } from 'vitest';
import { memoryStore } from '../../index.js';
import { storeConformanceChecks } from '../../testing/index.js';

// Read through globalThis: tsconfig.json type-checks src without Node's types.
const env = (globalThis as unknown as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
const numRuns = Number(env.FC_NUM_RUNS ?? 25);

describe('memoryStore passes the store conformance suite', () => {
  for (const c of storeConformanceChecks(async () => ({ store: memoryStore() }), { numRuns })) test(c.name, c.run);
});
