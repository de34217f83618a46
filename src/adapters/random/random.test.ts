import { describe, expect, test } from 'vitest';
import { seededRandom, webCryptoRandom } from '../../index.js';

describe('random sources', () => {
  test('seededRandom is reproducible and seed-dependent', () => {
    const a = seededRandom(42).fill(new Uint8Array(64));
    expect(seededRandom(42).fill(new Uint8Array(64))).toEqual(a);
    expect(seededRandom(43).fill(new Uint8Array(64))).not.toEqual(a);
    expect(new Set(a).size).toBeGreaterThan(30);
  });
  test('webCryptoRandom fills every byte, also beyond the 65,536-byte Web Crypto limit', () => {
    const big = webCryptoRandom().fill(new Uint8Array(200_000));
    const zeros = big.reduce((n, b) => n + (b === 0 ? 1 : 0), 0);
    expect(zeros).toBeLessThan(2_000); // ~781 expected for uniform bytes
    expect(big.subarray(150_000).some((b) => b !== 0)).toBe(true);
  });
});
