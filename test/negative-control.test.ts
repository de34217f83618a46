import { describe, expect, test } from 'vitest';
import { storeConformanceChecks } from '../src/testing/index.js';
import { naiveSparkStore } from './naive-spark-store.js';

// Proof that the race checks can fail: a read-then-write store must fail each of them.
describe('negative control: a naive check-then-write store fails the race checks', () => {
  const checks = storeConformanceChecks(async () => ({ store: naiveSparkStore() }), { numRuns: 10 });
  const races = checks.filter((c) => c.name.includes('race'));

  test('there are race checks to run', () => {
    expect(races.length).toBeGreaterThanOrEqual(3);
  });
  for (const c of races) {
    test(`fails: ${c.name}`, async () => {
      await expect(c.run()).rejects.toThrow();
    });
  }
});
