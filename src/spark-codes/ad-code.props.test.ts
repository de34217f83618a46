import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createHash, createHmac } from 'node:crypto';
import { adCodeDigest, hasValidChecksum, parseAdCode } from '../index.js';
import { adCodeDeriver, issuedCodeDigest } from './ad-code.js';
import { decodeBase64, encodeBase64 } from './base64.js';

const deriveAdCode = (secret: Uint8Array, nonce: Uint8Array) => adCodeDeriver(secret)(nonce).code;

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
  test('the deriver\'s digest is adCodeDigest of the code it prints, and the digest a search computes', () => {
    fc.assert(fc.property(bytes32, bytes32, (secret, nonce) => {
      const { code, digest } = adCodeDeriver(secret)(nonce);
      expect(digest).toBe(adCodeDigest(code));
      expect(digest).toBe(issuedCodeDigest(parseAdCode(code).unwrap()));
      expect(digest).toBe(createHash('sha256').update(decodeBase64(code, 1)!).digest('hex'));
    }), { numRuns });
  });
  test('parseAdCode never throws, whatever the input', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.anything()), (raw) => {
      const r = parseAdCode(raw);
      expect(r.isOk() || r.isErr()).toBe(true);
    }), { numRuns });
  });
});

// The parser as first written, with regular expressions: the hand-written fast paths must
// give the same answer for every input.
const SPACE = /^[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;
function referenceParse(raw: string): string {
  if (raw.length > 1024) return 'wrong_length';
  const text = raw.replace(SPACE, '');
  if (text.length === 0) return 'empty';
  if (text[0] !== '#') return 'missing_hash';
  const body = text.slice(1);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) return 'invalid_character';
  if (body.length < 16 || body.length > 256 || body.length % 4 !== 0) return 'wrong_length';
  const pad = body.endsWith('==') ? 2 : body.endsWith('=') ? 1 : 0;
  if (pad > 0 && (B64.indexOf(body[body.length - 1 - pad]!) & (pad === 1 ? 3 : 15)) !== 0) return 'not_canonical';
  return `ok:${text}`;
}
const STRICT_B64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const codeLike = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.tuple(fc.constantFrom('', ' ', '\u2003', '\u200b', '#'), fc.constantFrom('#', ''), fc.string({ unit: fc.constantFrom(...B64.split(''), '=', ' ', '-', '\u00e9') }), fc.constantFrom('', '=', '==', '===', ' ', '\n', '\u202e'))
    .map(([a, b, c, d]) => a + b + c + d),
  fc.tuple(bytes32, bytes32).map(([secret, nonce]) => deriveAdCode(secret, nonce)),
);

describe('the fast code paths agree with their references', () => {
  test('parseAdCode gives the same answer as the regular-expression parser for any text', () => {
    fc.assert(fc.property(codeLike, (raw) => {
      const r = parseAdCode(raw);
      expect(r.isOk() ? `ok:${r.value}` : r.error.problem).toBe(referenceParse(raw));
    }), { numRuns: numRuns * 5 });
  });
  test('decodeBase64 = atob on strict padded base64, undefined on anything else, and inverts encodeBase64', () => {
    fc.assert(fc.property(fc.oneof(codeLike, fc.uint8Array({ maxLength: 80 }).map(encodeBase64)), fc.nat(3), (text, start) => {
      const s = Math.min(start, text.length);
      const body = text.slice(s);
      const got = decodeBase64(text, s);
      if (!STRICT_B64.test(body)) expect(got).toBeUndefined();
      else expect(got && [...got]).toEqual([...atob(body)].map((c) => c.charCodeAt(0)));
    }), { numRuns: numRuns * 5 });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), fc.constantFrom('', '#', 'x_'), fc.nat(3), (bytes, prefix, slack) => {
      expect(encodeBase64(bytes, prefix)).toBe(prefix + btoa(String.fromCharCode(...bytes)));
      expect([...decodeBase64(encodeBase64(bytes))!]).toEqual([...bytes]);
      // A scratch buffer of the exact decoded length is written and returned; any other is left alone.
      const into = new Uint8Array(bytes.length + slack).fill(7);
      const got = decodeBase64(encodeBase64(bytes), 0, into)!;
      expect([...got]).toEqual([...bytes]);
      if (slack === 0) expect(got).toBe(into);
      else expect([...into].every((b) => b === 7)).toBe(true);
    }), { numRuns });
  });
  test('codes are HMAC-SHA-256(secret, label | nonce | i) for i = 1, 2, plus a CRC-32; the digest is SHA-256 of the 47 bytes', () => {
    fc.assert(fc.property(bytes32, bytes32, (secret, nonce) => {
      const code = deriveAdCode(secret, nonce);
      const mac = (i: number) => createHmac('sha256', secret).update(Buffer.concat([Buffer.from('tiktok-ad-auth/code/v3'), nonce, Buffer.from([i])])).digest();
      const body = Buffer.concat([mac(1), mac(2).subarray(0, 11)]);
      const bytes = Buffer.from(decodeBase64(code, 1)!);
      expect(bytes.subarray(0, 43).equals(body)).toBe(true);
      const digest = createHash('sha256').update(bytes).digest('hex');
      expect(adCodeDigest(code)).toBe(digest);
      expect(issuedCodeDigest(code)).toBe(digest);
    }), { numRuns });
  });
  test('issuedCodeDigest is the digest exactly when the checksum is ours, else undefined', () => {
    fc.assert(fc.property(codeLike, (raw) => {
      const parsed = parseAdCode(raw);
      fc.pre(parsed.isOk());
      const code = parsed.unwrap();
      expect(issuedCodeDigest(code)).toBe(hasValidChecksum(code) ? adCodeDigest(code) : undefined);
    }), { numRuns: numRuns * 5 });
  });
});
