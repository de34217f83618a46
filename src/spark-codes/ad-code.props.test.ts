import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { hasValidChecksum, parseAdCode } from '../index.js';
import { adCodeDeriver } from './ad-code.js';

const deriveAdCode = (secret: Uint8Array, nonce: Uint8Array) => adCodeDeriver(secret)(nonce);

const numRuns = Number(process.env.FC_NUM_RUNS ?? 200);
const bytes32 = fc.uint8Array({ minLength: 32, maxLength: 32 });
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

describe('SPARK-08 properties of codes', () => {
  test('parse(print(code)) = code, with any surrounding white space', () => {
    fc.assert(fc.property(bytes32, bytes32, fc.constantFrom('', ' ', '\n', '\t ', '\u00a0'), fc.constantFrom('', ' ', '\r\n'), (secret, nonce, pre, post) => {
      const code = deriveAdCode(secret, nonce);
      expect(parseAdCode(`${pre}${code}${post}`).unwrap()).toBe(code);
    }), { numRuns });
  });
  test('any single-character change of a generated code is rejected', () => {
    fc.assert(fc.property(bytes32, bytes32, fc.nat(), fc.oneof(fc.constantFrom(...B64.split('')), fc.string({ minLength: 1, maxLength: 1, unit: 'binary' })), (secret, nonce, pos, ch) => {
      const code = deriveAdCode(secret, nonce);
      const i = pos % code.length;
      fc.pre(code[i] !== ch);
      const changed = code.slice(0, i) + ch + code.slice(i + 1);
      const parsed = parseAdCode(changed);
      // Either not a code at all, or a code whose checksum fails: never taken for a valid code.
      expect(parsed.isErr() || !hasValidChecksum(parsed.value)).toBe(true);
    }), { numRuns });
  });
  test('inserting or deleting one character is rejected', () => {
    fc.assert(fc.property(bytes32, bytes32, fc.nat(), fc.constantFrom(...B64.split(''), '\u200b', '='), fc.boolean(), (secret, nonce, pos, ch, insert) => {
      const code = deriveAdCode(secret, nonce);
      const i = 1 + (pos % (code.length - 1));
      const changed = insert ? code.slice(0, i) + ch + code.slice(i) : code.slice(0, i) + code.slice(i + 1);
      const parsed = parseAdCode(changed);
      expect(parsed.isErr() || !hasValidChecksum(parsed.value)).toBe(true);
    }), { numRuns });
  });
  test('different nonces give different codes; the same inputs give the same code', () => {
    fc.assert(fc.property(bytes32, bytes32, bytes32, (secret, a, b) => {
      fc.pre(a.some((x, i) => x !== b[i]));
      expect(deriveAdCode(secret, a)).not.toBe(deriveAdCode(secret, b));
      expect(deriveAdCode(secret, a)).toBe(deriveAdCode(secret, a));
    }), { numRuns });
  });
  test('parseAdCode never throws, whatever the input', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.anything()), (raw) => {
      const r = parseAdCode(raw);
      expect(r.isOk() || r.isErr()).toBe(true);
    }), { numRuns });
  });
});
