import type { RandomSource } from '../../ports/random-source.js';

/**
 * A deterministic, **insecure** random source (xoshiro128**), for reproducible tests and
 * simulations only. Never use it to issue real codes.
 *
 * @example
 * ```ts
 * import { seededRandom } from 'tiktok-ad-auth';
 * const a = seededRandom(42).fill(new Uint8Array(4));
 * const b = seededRandom(42).fill(new Uint8Array(4));
 * // a and b hold the same bytes
 * ```
 */
export function seededRandom(seed: number): RandomSource {
  if (!Number.isInteger(seed)) throw new TypeError('seededRandom(seed): seed must be an integer');
  // splitmix32 to spread the seed over the four state words
  let x = seed >>> 0;
  const split = (): number => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split(),
    b = split(),
    c = split(),
    d = split();
  const next = (): number => {
    const r = Math.imul(((Math.imul(b, 5) << 7) | (Math.imul(b, 5) >>> 25)) >>> 0, 9) >>> 0;
    const t = (b << 9) >>> 0;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = ((d << 11) | (d >>> 21)) >>> 0;
    return r;
  };
  return {
    fill(bytes) {
      for (let i = 0; i < bytes.length; i += 4) {
        const r = next();
        for (let j = 0; j < 4 && i + j < bytes.length; j++) bytes[i + j] = (r >>> (8 * j)) & 0xff;
      }
      return bytes;
    },
  };
}
