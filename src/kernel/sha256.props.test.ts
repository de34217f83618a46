import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { crc32, hmacSha256, sha256, sha256Ascii, sha256Hex, toHex } from './sha256.js';

const numRuns = Number(process.env.FC_NUM_RUNS ?? 300);
const bytes = fc.uint8Array({ minLength: 0, maxLength: 300 });

describe('internal SHA-256, HMAC-SHA-256 and CRC-32 agree with node:crypto and the standards', () => {
  test('known answers (FIPS 180-4 examples)', () => {
    expect(toHex(sha256(new Uint8Array()))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(toHex(sha256Ascii('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(toHex(sha256Ascii('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
    expect(crc32(new TextEncoder().encode('123456789')).toString(16)).toBe('cbf43926');
  });
  test('sha256 = node:crypto sha256 for any input, across block boundaries', () => {
    fc.assert(fc.property(bytes, (m) => {
      expect(toHex(sha256(m))).toBe(createHash('sha256').update(m).digest('hex'));
    }), { numRuns });
  });
  test('sha256Hex = node:crypto sha256 hex for any input, and each result stands alone (scratch reuse)', () => {
    fc.assert(fc.property(bytes, bytes, (m1, m2) => {
      const h1 = sha256Hex(m1);
      const h2 = sha256Hex(m2);
      expect(h1).toBe(createHash('sha256').update(m1).digest('hex'));
      expect(h2).toBe(createHash('sha256').update(m2).digest('hex'));
    }), { numRuns });
  });
  test('hmacSha256 = node:crypto HMAC for any key and message, and the keyed function is reusable', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 0, maxLength: 150 }), bytes, bytes, (key, m1, m2) => {
      const mac = hmacSha256(key);
      expect(toHex(mac(m1))).toBe(createHmac('sha256', key).update(m1).digest('hex'));
      expect(toHex(mac(m2))).toBe(createHmac('sha256', key).update(m2).digest('hex'));
      expect(toHex(mac(m1))).toBe(createHmac('sha256', key).update(m1).digest('hex'));
    }), { numRuns });
  });
  test('hmacSha256 writes into a given buffer at an offset and leaves its other bytes alone', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 80 }), bytes, fc.nat(16), (key, m, offset) => {
      const out = new Uint8Array(offset + 40).fill(0xa5);
      expect(hmacSha256(key)(m, out, offset)).toBe(out);
      expect(toHex(out.subarray(offset, offset + 32))).toBe(createHmac('sha256', key).update(m).digest('hex'));
      expect([...out.subarray(0, offset), ...out.subarray(offset + 32)].every((b) => b === 0xa5)).toBe(true);
    }), { numRuns });
  });
});
