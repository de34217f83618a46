import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DEFAULT_POLICY, definePolicy } from '../index.js';

const numRuns = Number(process.env.FC_NUM_RUNS ?? 100);

describe('Policy', () => {
  test('defaults are the rules.md defaults (SPARK-02, SPARK-06, ADV-02 decision, throttle)', () => {
    expect(DEFAULT_POLICY).toMatchObject({ minFollowers: 10_000, authorizationPeriodsDays: [7, 30, 60, 365], confirmMode: 'multi-account', maxFailedSearches: 100, failedSearchWindowMs: 3_600_000 });
    expect(Object.isFrozen(DEFAULT_POLICY)).toBe(true);
    expect(Object.isFrozen(DEFAULT_POLICY.authorizationPeriodsDays)).toBe(true);
  });
  test('valid overrides are kept and the rest defaulted', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.uniqueArray(fc.integer({ min: 1, max: 3650 }), { minLength: 1, maxLength: 8 }), (minFollowers, periods) => {
      const p = definePolicy({ minFollowers, authorizationPeriodsDays: periods }).unwrap();
      expect(p.minFollowers).toBe(minFollowers);
      expect(p.authorizationPeriodsDays).toEqual(periods);
      expect(p.maxFailedSearches).toBe(100);
    }), { numRuns });
  });
  test('invalid overrides are refused with the field named', () => {
    const bad: [unknown, string][] = [
      [{ minFollowers: -1 }, 'minFollowers'],
      [{ minFollowers: 1.5 }, 'minFollowers'],
      [{ authorizationPeriodsDays: [] }, 'authorizationPeriodsDays'],
      [{ authorizationPeriodsDays: [7, 7] }, 'authorizationPeriodsDays'],
      [{ authorizationPeriodsDays: [0] }, 'authorizationPeriodsDays[0]'],
      [{ confirmMode: 'sometimes' }, 'confirmMode'],
      [{ maxFailedSearches: 0 }, 'maxFailedSearches'],
      [{ typo: 1 }, 'typo'],
    ];
    for (const [input, path] of bad) {
      const r = definePolicy(input as never);
      expect(r.isErr() && r.error.issues.map((i) => i.path)).toContain(path);
    }
  });
});
