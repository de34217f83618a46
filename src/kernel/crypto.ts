// Internal: hashing, HMAC, hex and random ids, all from @noble/hashes (audited, synchronous,
// browser-safe). Nothing here is hand-written cryptography.
import { sha256 } from '@noble/hashes/sha2.js';
import { hmac } from '@noble/hashes/hmac.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import type { RandomSource } from '../ports/random-source.js';

export { bytesToHex, hexToBytes, utf8ToBytes };

/** Hex SHA-256 of some bytes (64 lowercase hex characters). */
export function sha256Hex(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}

/** SHA-256 of some bytes. */
export function sha256Bytes(bytes: Uint8Array): Uint8Array {
  return sha256(bytes);
}

/** HMAC-SHA-256 of `message` under `key`. */
export function hmacSha256(key: Uint8Array, message: Uint8Array): Uint8Array {
  return hmac(sha256, key, message);
}

/** `n` fresh random bytes from the random source. */
export function randomBytes(random: RandomSource, n: number): Uint8Array {
  return random.fill(new Uint8Array(n));
}

/** A random id: `prefix` then `bytes` random bytes in hex (e.g. `code_` + 24 hex characters). */
export function randomId(random: RandomSource, prefix: string, bytes = 12): string {
  return prefix + bytesToHex(randomBytes(random, bytes));
}
