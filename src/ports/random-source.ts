/**
 * Source of randomness for codes, QR tokens and ids.
 *
 * Contract: `fill(bytes)` overwrites every byte of `bytes` with random data, synchronously,
 * and returns the same array. The default adapter uses Web Crypto's CSPRNG; tests may use a
 * seeded one for reproducibility (never in production).
 */
export interface RandomSource {
  fill(bytes: Uint8Array): Uint8Array;
}
