import { describe, expect, test } from 'vitest';
import { storeConformanceChecks } from '../src/testing/index.js';
import type { Store } from '../src/index.js';
import { naiveSparkStore } from './naive-spark-store.js';
import { naiveBusinessCenterStore } from './naive-business-center-store.js';

// Proof that the race checks can fail: a read-then-write store must fail each of them.
describe('negative control: a naive check-then-write store fails the race checks', () => {
  const naive = async () => ({ store: { ...naiveBusinessCenterStore(), ...naiveSparkStore() } as unknown as Store });
  const checks = storeConformanceChecks(naive, { numRuns: 10 });
  const races = checks.filter((c) => c.name.includes('race'));

  test('there are race checks to run', () => {
    expect(races.length).toBeGreaterThanOrEqual(8);
  });
  for (const c of races) {
    test(`fails: ${c.name}`, async () => {
      await expect(c.run()).rejects.toThrow();
    });
  }
  // The cap races must fail because the cap was exceeded, not because a method is missing.
  for (const c of races.filter((r) => r.name.includes('BC-01 with'))) {
    test(`BC-01 fails for the right reason: ${c.name}`, async () => {
      await expect(c.run()).rejects.toThrow(/cap is never exceeded[\s\S]*expected: 800[\s\S]*actual: {3}(8[1-9]\d|9\d\d)/);
    });
  }
});
