import { describe, expect, test } from 'vitest';
import { adCodeDeriver, adCodeDigest, adCodeFingerprint, hasValidChecksum, parseAdCode } from './ad-code.js';

const deriveAdCode = (secret: Uint8Array, nonce: Uint8Array) => adCodeDeriver(secret)(nonce).code;

const EXAMPLE = '#s63DdePaj9HjSv2BPcSrDfTxU2X506b2oiwchQ9PIspTLgroZKtjN7PPiFnF+qA=';
const secret = new Uint8Array(32).fill(7);
const ours = deriveAdCode(secret, new Uint8Array(32).fill(1));

describe('SPARK-08 the printed code: # followed by base64', () => {
  test('the public example from the sources parses by format', () => {
    expect(parseAdCode(EXAMPLE).unwrap()).toBe(EXAMPLE);
  });
  test('our codes look like the example: # + 64 base64 characters ending in =', () => {
    expect(ours).toMatch(/^#[A-Za-z0-9+/]{63}=$/);
    expect(ours.length).toBe(EXAMPLE.length);
    expect(hasValidChecksum(ours)).toBe(true);
  });
  test('surrounding white space from chats is forgiven, nothing else', () => {
    for (const pasted of [` ${EXAMPLE}`, `${EXAMPLE}\n`, `\t${EXAMPLE}\r\n`, `\u00a0${EXAMPLE}\u2003`]) {
      expect(parseAdCode(pasted).unwrap()).toBe(EXAMPLE);
    }
  });
  test.each([
    ['', 'empty'],
    ['   ', 'empty'],
    [EXAMPLE.slice(1), 'missing_hash'],
    [`\u200b${EXAMPLE}`, 'missing_hash'],
    [`\ufeff${EXAMPLE}`, 'missing_hash'],
    [`${EXAMPLE}\u200b`, 'invalid_character'],
    [EXAMPLE.replace('s63', 's6 3'), 'invalid_character'],
    [EXAMPLE.replace('a', 'а'), 'invalid_character'], // Cyrillic look-alike
    [EXAMPLE.replace('+', '-'), 'invalid_character'], // URL-safe alphabet is a different code
    [`${EXAMPLE}\u202e`, 'invalid_character'], // bidi control
    ['#abc=', 'wrong_length'],
    [`#${'A'.repeat(300)}`, 'wrong_length'],
    [EXAMPLE.slice(0, -1), 'wrong_length'],
    [EXAMPLE.replace('qA=', 'qB='), 'not_canonical'], // spare bits before the padding
  ])('%j is refused as %s', (raw, problem) => {
    const r = parseAdCode(raw);
    expect(r.isErr() && r.error.problem).toBe(problem);
    expect(r.isErr() && r.error.code).toBe('spark.code_malformed');
  });
  test('non-strings and huge strings are refused without work', () => {
    for (const raw of [undefined, null, 42, {}, ['#abc']]) expect(parseAdCode(raw).isErr()).toBe(true);
    expect(parseAdCode('#'.padEnd(5_000_000, 'A')).isErr()).toBe(true);
  });
  test('a code from elsewhere has no valid checksum of ours', () => {
    expect(hasValidChecksum(parseAdCode(EXAMPLE).unwrap())).toBe(false);
  });
  test('the digest is hex SHA-256 and the fingerprint shows only the ends', () => {
    expect(adCodeDigest(ours)).toMatch(/^[0-9a-f]{64}$/);
    expect(adCodeDigest(parseAdCode(EXAMPLE).unwrap())).not.toBe(adCodeDigest(ours));
    const fp = adCodeFingerprint(ours);
    expect(fp).toBe(`${ours.slice(0, 5)}…${ours.slice(-4)}`);
    expect(ours.includes(fp)).toBe(false);
  });
});
