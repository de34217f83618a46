import type { RandomSource } from '../../ports/random-source.js';

const MAX_CHUNK = 65_536; // getRandomValues refuses more per call

/**
 * Cryptographically secure randomness from Web Crypto (`globalThis.crypto.getRandomValues`),
 * available in Node 20+, browsers and edge runtimes.
 *
 * @example
 * ```ts
 * import { webCryptoRandom } from 'tiktok-ad-auth';
 * const bytes = webCryptoRandom().fill(new Uint8Array(32));
 * ```
 */
export function webCryptoRandom(): RandomSource {
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto;
  if (!c || typeof c.getRandomValues !== 'function') {
    throw new TypeError('webCryptoRandom: globalThis.crypto.getRandomValues is not available in this runtime');
  }
  const get = c.getRandomValues.bind(c);
  return {
    fill(bytes) {
      for (let i = 0; i < bytes.length; i += MAX_CHUNK) get(bytes.subarray(i, Math.min(bytes.length, i + MAX_CHUNK)));
      return bytes;
    },
  };
}
