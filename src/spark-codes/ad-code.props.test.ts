import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createHash, createHmac } from 'node:crypto';
import { adCodeDeriver, adCodeDigest, hasValidChecksum, issuedCodeDigest, parseAdCode } from './ad-code.js';

const deriveAdCode = (secret: Uint8Array, nonce: Uint8Array) => adCodeDeriver(secret)(nonce).code;

const numRuns = Number(process.env.FC_NUM_RUNS ?? 200);
const bytes32 = fc.uint8Array({ minLength: 32, maxLength: 32 });
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

describe('SPARK-08 properties of codes', () => {
  test('parse(print(code)) = code, with any surrounding white space', () => {
    const pre = fc.constantFrom('', ' ', '\n', '\t ', '\u00a0');
    const post = fc.constantFrom('', ' ', '\r\n');
    fc.assert(
      fc.property(bytes32, bytes32, pre, post, (secret, nonce, before, after) => {
        const code = deriveAdCode(secret, nonce);
        expect(parseAdCode(`${before}${code}${after}`).unwrap()).toBe(code);
      }),
      { numRuns },
    );
  });
  test('any single-character change of a generated code is rejected', () => {
    const char = fc.oneof(fc.constantFrom(...B64.split('')), fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }));
    fc.assert(
      fc.property(bytes32, bytes32, fc.nat(), char, (secret, nonce, pos, ch) => {
        const code = deriveAdCode(secret, nonce);
        const i = pos % code.length;
        fc.pre(code[i] !== ch);
        const changed = code.slice(0, i) + ch + code.slice(i + 1);
        const parsed = parseAdCode(changed);
        // Either not a code at all, or a code whose checksum fails: never taken for a valid code.
        expect(parsed.isErr() || !hasValidChecksum(parsed.value)).toBe(true);
      }),
      { numRuns },
    );
  });
  test('inserting or deleting one character is rejected', () => {
    const char = fc.constantFrom(...B64.split(''), '\u200b', '=');
    fc.assert(
      fc.property(bytes32, bytes32, fc.nat(), char, fc.boolean(), (secret, nonce, pos, ch, insert) => {
        const code = deriveAdCode(secret, nonce);
        const i = 1 + (pos % (code.length - 1));
        const changed = insert ? code.slice(0, i) + ch + code.slice(i) : code.slice(0, i) + code.slice(i + 1);
        const parsed = parseAdCode(changed);
        expect(parsed.isErr() || !hasValidChecksum(parsed.value)).toBe(true);
      }),
      { numRuns },
    );
  });
  test('different nonces give different codes; the same inputs give the same code', () => {
    fc.assert(
      fc.property(bytes32, bytes32, bytes32, (secret, a, b) => {
        fc.pre(a.some((x, i) => x !== b[i]));
        expect(deriveAdCode(secret, a)).not.toBe(deriveAdCode(secret, b));
        expect(deriveAdCode(secret, a)).toBe(deriveAdCode(secret, a));
      }),
      { numRuns },
    );
  });
  test("the deriver's digest is adCodeDigest of the code it prints, and the digest a search computes", () => {
    fc.assert(
      fc.property(bytes32, bytes32, (secret, nonce) => {
        const { code, digest } = adCodeDeriver(secret)(nonce);
        expect(digest).toBe(adCodeDigest(code));
        expect(digest).toBe(issuedCodeDigest(parseAdCode(code).unwrap()));
        expect(digest).toBe(
          createHash('sha256')
            .update(Buffer.from(code.slice(1), 'base64'))
            .digest('hex'),
        );
      }),
      { numRuns },
    );
  });
  test('parseAdCode never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.anything()), (raw) => {
        const r = parseAdCode(raw);
        expect(r.isOk() || r.isErr()).toBe(true);
      }),
      { numRuns },
    );
  });
});

// The parser's specification, written independently with regular expressions and Node's
// base64: the parser must give the same answer for every input.
const WHITE = '[\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]+';
const SPACE = new RegExp(`^${WHITE}|${WHITE}$`, 'g');
function referenceParse(raw: string): string {
  if (raw.length > 1024) return 'wrong_length';
  const text = raw.replace(SPACE, '');
  if (text.length === 0) return 'empty';
  if (text[0] !== '#') return 'missing_hash';
  const body = text.slice(1);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) return 'invalid_character';
  if (body.length < 16 || body.length > 256 || body.length % 4 !== 0) return 'wrong_length';
  // Canonical: re-encoding the decoded bytes gives the text back (spare bits before the padding are zero).
  if (Buffer.from(body, 'base64').toString('base64') !== body) return 'not_canonical';
  return `ok:${text}`;
}
const codeLike = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc
    .tuple(
      fc.constantFrom('', ' ', '\u2003', '\u200b', '#'),
      fc.constantFrom('#', ''),
      fc.string({ unit: fc.constantFrom(...B64.split(''), '=', ' ', '-', '\u00e9') }),
      fc.constantFrom('', '=', '==', '===', ' ', '\n', '\u202e'),
    )
    .map(([a, b, c, d]) => a + b + c + d),
  fc.tuple(bytes32, bytes32).map(([secret, nonce]) => deriveAdCode(secret, nonce)),
);

describe('the parser and the derivation follow their specifications', () => {
  test('parseAdCode gives the same answer as the reference parser for any text', () => {
    fc.assert(
      fc.property(codeLike, (raw) => {
        const r = parseAdCode(raw);
        expect(r.isOk() ? `ok:${r.value}` : r.error.problem).toBe(referenceParse(raw));
      }),
      { numRuns: numRuns * 5 },
    );
  });
  test('codes are HMAC-SHA-256(secret, label | nonce | i), i = 1, 2, then 4 bytes of SHA-256 of those 43', () => {
    fc.assert(
      fc.property(bytes32, bytes32, (secret, nonce) => {
        const code = deriveAdCode(secret, nonce);
        const label = Buffer.from('tiktok-ad-auth/code/v3');
        const mac = (i: number) =>
          createHmac('sha256', secret)
            .update(Buffer.concat([label, nonce, Buffer.from([i])]))
            .digest();
        const body = Buffer.concat([mac(1), mac(2).subarray(0, 11)]);
        const bytes = Buffer.from(code.slice(1), 'base64');
        expect(bytes.length).toBe(47);
        expect(bytes.subarray(0, 43).equals(body)).toBe(true);
        expect(bytes.subarray(43).equals(createHash('sha256').update(body).digest().subarray(0, 4))).toBe(true);
        const digest = createHash('sha256').update(bytes).digest('hex');
        expect(adCodeDigest(code)).toBe(digest);
        expect(issuedCodeDigest(code)).toBe(digest);
      }),
      { numRuns },
    );
  });
  test('issuedCodeDigest is the digest exactly when the checksum is ours, else undefined', () => {
    fc.assert(
      fc.property(codeLike, (raw) => {
        const parsed = parseAdCode(raw);
        fc.pre(parsed.isOk());
        const code = parsed.unwrap();
        expect(issuedCodeDigest(code)).toBe(hasValidChecksum(code) ? adCodeDigest(code) : undefined);
      }),
      { numRuns: numRuns * 5 },
    );
  });
});
