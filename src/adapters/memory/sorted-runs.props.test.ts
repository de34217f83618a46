import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { SortedRuns } from './sorted-runs.js';

const numRuns = Number(process.env.FC_NUM_RUNS ?? 200);

describe('SortedRuns (the memory store index behind listExpiring)', () => {
  test('range(from, to) = every inserted id with from <= key < to, by key, ties in class-then-insertion order', () => {
    const entry = fc.record({ cls: fc.constantFrom(7, 30, 60, 365), key: fc.integer({ min: 0, max: 50 }) });
    fc.assert(fc.property(fc.array(entry, { maxLength: 80 }), fc.integer({ min: -5, max: 55 }), fc.integer({ min: -5, max: 55 }), (entries, a, b) => {
      const runs = new SortedRuns();
      const firstSeen: number[] = [];
      entries.forEach((e, i) => {
        runs.insert(e.cls, e.key, `id-${i}`);
        if (!firstSeen.includes(e.cls)) firstSeen.push(e.cls);
      });
      // Reference: within a class, ids by key then insertion; across classes, by key then class order.
      const expected = entries
        .map((e, i) => ({ ...e, i }))
        .filter((e) => e.key >= a && e.key < b)
        .sort((x, y) => x.key - y.key || firstSeen.indexOf(x.cls) - firstSeen.indexOf(y.cls) || x.i - y.i)
        .map((e) => `id-${e.i}`);
      expect(runs.range(a, b)).toEqual(expected);
      // collect = range, mapped, without what maps to undefined (same order).
      const keepOdd = (id: string) => (Number(id.slice(3)) % 2 === 1 ? id.toUpperCase() : undefined);
      expect(runs.collect(a, b, keepOdd)).toEqual(expected.filter((id) => Number(id.slice(3)) % 2 === 1).map((id) => id.toUpperCase()));
    }), { numRuns });
  });
});
