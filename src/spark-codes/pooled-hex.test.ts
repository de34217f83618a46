import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { pooledHex } from './ad-code.js';
import { seededRandom } from '../index.js';

describe('pooled ids (event and ad ids)', () => {
  test('each id has the asked length in hex and ids do not repeat across pool refills', () => {
    fc.assert(fc.property(fc.integer(), fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 600 }), (seed, sizes) => {
      const r = seededRandom(seed);
      const mint = pooledHex((b) => r.fill(b));
      const seen = new Set<string>();
      for (const n of sizes) {
        const id = mint(n);
        expect(id).toMatch(new RegExp(`^[0-9a-f]{${2 * n}}$`));
        if (n >= 8) { expect(seen.has(id)).toBe(false); seen.add(id); }
      }
      expect(mint(5000)).toHaveLength(10_000); // larger than the pool: drawn directly
    }), { numRuns: 25 });
  });
});
