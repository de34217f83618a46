import { describe, expect, it } from 'vitest';
import { createAds, createSparkCodes, definePolicy, memoryStore } from '../index.js';

const codeSecret = 'a secret of at least thirty-two characters!';

describe('service factories check their options at creation', () => {
  it('a definePolicy() Result passed as policy is a TypeError that says to unwrap it', () => {
    const policy = definePolicy({ minFollowers: 5 }) as never;
    expect(() => createSparkCodes({ store: memoryStore(), codeSecret, policy })).toThrow(
      /policy is a Result: pass definePolicy/,
    );
  });

  it('a NaN failed-search limit is refused, naming the field', () => {
    const policy = { maxFailedSearches: Number.NaN } as never;
    expect(() => createSparkCodes({ store: memoryStore(), codeSecret, policy })).toThrow(
      /createSparkCodes: policy is not a valid policy: maxFailedSearches/,
    );
  });

  it('clock, random and store are checked', () => {
    expect(() => createAds({ store: {} as never })).toThrow(/createAds: store must be a store/);
    expect(() => createAds({ store: memoryStore(), clock: { now: 1 } as never })).toThrow(
      /createAds: clock must have a now/,
    );
    expect(() => createAds({ store: memoryStore(), random: {} as never })).toThrow(
      /createAds: random must have a fill/,
    );
  });

  it('a missing CODE_SECRET is reported as missing, not as too short', () => {
    expect(() => createSparkCodes({ store: memoryStore(), codeSecret: undefined as never })).toThrow(
      /codeSecret is missing/,
    );
    expect(() => createSparkCodes({ store: memoryStore(), codeSecret: 'short' })).toThrow(/too short/);
  });

  it('a valid policy object is accepted and frozen', () => {
    const spark = createSparkCodes({
      store: memoryStore(),
      codeSecret,
      policy: definePolicy({ minFollowers: 5 }).unwrap(),
    });
    expect(spark.policy.minFollowers).toBe(5);
    expect(Object.isFrozen(spark.policy)).toBe(true);
  });
});
