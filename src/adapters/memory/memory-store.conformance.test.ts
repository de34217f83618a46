/// <reference types="node" />
import { describe, test } from 'vitest';
import { memoryStore } from './memory-store.js';
import { storeConformanceChecks, type StoreFactory } from '../../testing/index.js';

// Read through globalThis: tsconfig.json type-checks src without Node's types.
const env = (globalThis as unknown as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
const numRuns = Number(env.FC_NUM_RUNS ?? 25);

/** The memory store as the suite sees it: one object is every app server, `dump` is its own. */
const memoryFactory: StoreFactory = async (options = {}) => {
  const store = memoryStore(options);
  return { store, dump: async () => store.dump(), open: async () => store, close: async () => {} };
};

describe('memoryStore passes the store conformance suite', () => {
  for (const c of storeConformanceChecks(memoryFactory, { numRuns })) test(c.name, c.run, 300_000);
});
