import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseQrToken, qrTokenFingerprint } from '../index.js';
import { qrTokenDigest } from '../adapters.js';
import { qrTokenFromBytes } from './qr-token.js';

const numRuns = Number(process.env.FC_NUM_RUNS ?? 100);
const bytes = fc.uint8Array({ minLength: 32, maxLength: 32 });

describe('QR token laws (BC-07)', () => {
  test('parse(print(bytes)) is the token, with surrounding white space forgiven', () => {
    fc.assert(
      fc.property(bytes, fc.constantFrom('', ' ', '\n', '\t '), (b, ws) => {
        const t = qrTokenFromBytes(b);
        expect(parseQrToken(`${ws}${t}${ws}`).unwrap()).toBe(t);
        expect(qrTokenDigest(t)).toMatch(/^[0-9a-f]{64}$/);
      }),
      { numRuns },
    );
  });
  test(
    'a non-hex character anywhere (upper case, zero-width, space, Cyrillic look-alike) refuses the token; ' +
      'the fingerprint never reveals it',
    () => {
      fc.assert(
        fc.property(bytes, fc.nat(), fc.constantFrom('g', 'A', '\u200b', ' ', 'о'), (b, i, c) => {
          const t = qrTokenFromBytes(b);
          const at = 5 + (i % 64);
          const changed = t.slice(0, at) + c + t.slice(at + 1);
          if (changed !== t) expect(parseQrToken(changed).isErr()).toBe(true);
          const fp = qrTokenFingerprint(t);
          // At most 8 of the 64 hex digits (32 of 256 bits) are shown.
          expect(fp).toMatch(/^bcqr_[0-9a-f]{4}…[0-9a-f]{4}$/);
        }),
        { numRuns },
      );
    },
  );
  test('bad input is refused, not thrown', () => {
    for (const bad of [undefined, null, 42, {}, 'bcqr_', 'x'.repeat(10_000)]) {
      expect(parseQrToken(bad).isErr()).toBe(true);
    }
  });
});
