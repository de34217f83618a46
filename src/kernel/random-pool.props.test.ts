import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { flatHex, randomPool } from './random-pool.js';
import { toHex } from './sha256.js';
import { seededRandom } from '../index.js';

const numRuns = Number(process.env.FC_NUM_RUNS ?? 100);

describe('random pool and flat hex', () => {
  test('flatHex equals toHex', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (b) => { expect(flatHex(b)).toBe(toHex(b)); }), { numRuns });
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
