import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { flatHex, randomPool } from './random-pool.js';
import { toHex } from './sha256.js';
import { seededRandom } from '../index.js';

const numRuns = Number(process.env.FC_NUM_RUNS ?? 100);

describe('random pool and flat hex', () => {
  // The reference: node's hex of the same bytes (toHex is flatHex itself, so no reference).
  const reference = (b: Uint8Array) => Buffer.from(b).toString('hex');
  test('flatHex and toHex equal a reference hex encoding', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (b) => {
      expect(flatHex(b)).toBe(reference(b));
      expect(toHex(b)).toBe(reference(b));
    }), { numRuns });
  });
  test('flatHex with an ASCII prefix is prefix + hex, and pool.hex(n, prefix) carries it', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), fc.string({ maxLength: 12, unit: fc.constantFrom(...'abcxyz_-0189') }), fc.integer(), (b, prefix, seed) => {
      expect(flatHex(b, prefix)).toBe(prefix + reference(b));
      const h = randomPool((x) => seededRandom(seed).fill(x)).hex(12, prefix);
      expect(h.startsWith(prefix) && /^[0-9a-f]{24}$/.test(h.slice(prefix.length))).toBe(true);
    }), { numRuns });
  });
  test('the pool hands out the source bytes in order, never twice, across refills and oversize requests', () => {
    fc.assert(fc.property(fc.integer(), fc.array(fc.integer({ min: 1, max: 80 }), { maxLength: 40 }), (seed, sizes) => {
      const source = seededRandom(seed);
      const pool = randomPool((b) => source.fill(b), 64);
      const seen = new Set<string>();
      for (const n of sizes) {
        const b = pool.bytes(n);
        expect(b.length).toBe(n);
        if (n >= 16) {
          const h = flatHex(b);
          expect(seen.has(h)).toBe(false);
          seen.add(h);
        }
      }
    }), { numRuns });
  });
});
