// Standard base64 (RFC 4648 §4, with padding) without Buffer, so the core runs in browsers and
// edge runtimes. Internal: not exported from the package.
import { ASCII, asciiScratch } from '../kernel/random-pool.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;
const CODES = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
const PAD = 61; // '='

/**
 * `prefix` (ASCII) then the padded base64 of `bytes`, as one flat string: the characters are
 * written into a scratch buffer and decoded once (`+=` per group would leave a rope of a dozen
 * pieces, flattened again by the first `charCodeAt` of whoever reads the code).
 */
export function encodeBase64(bytes: Uint8Array, prefix = ''): string {
  const p = prefix.length;
  const out = asciiScratch(p + 4 * Math.ceil(bytes.length / 3));
  for (let i = 0; i < p; i++) out[i] = prefix.charCodeAt(i);
  let o = p;
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = CODES[n >>> 18]!; out[o++] = CODES[(n >>> 12) & 63]!; out[o++] = CODES[(n >>> 6) & 63]!; out[o++] = CODES[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const n = (bytes[i]! << 16) | (rest === 2 ? bytes[i + 1]! << 8 : 0);
    out[o++] = CODES[n >>> 18]!; out[o++] = CODES[(n >>> 12) & 63]!;
    out[o++] = rest === 2 ? CODES[(n >>> 6) & 63]! : PAD;
    out[o++] = PAD;
  }
  return ASCII.decode(out);
}

/**
 * Decodes padded base64 from `text[start..]`; `undefined` for any character outside the
 * alphabet, misplaced padding or a bad length. Writes into `into` when it has exactly the
 * decoded length (a caller's scratch buffer), else into a new array.
 */
export function decodeBase64(text: string, start = 0, into?: Uint8Array): Uint8Array | undefined {
  const len = text.length - start;
  if (len < 0 || len % 4 !== 0) return undefined;
  const pad = len === 0 ? 0 : text.charCodeAt(text.length - 1) !== 61 ? 0 : text.charCodeAt(text.length - 2) === 61 ? 2 : 1;
  const size = (len / 4) * 3 - pad;
  const out = into !== undefined && into.length === size ? into : new Uint8Array(size);
  const lastQuad = text.length - 4;
  let o = 0;
  for (let i = start; i < text.length; i += 4) {
    if (i === lastQuad && pad > 0) break;
    const a = lookup(text.charCodeAt(i)), b = lookup(text.charCodeAt(i + 1)), c = lookup(text.charCodeAt(i + 2)), d = lookup(text.charCodeAt(i + 3));
    if ((a | b | c | d) < 0) return undefined;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = n >>> 16; out[o++] = (n >>> 8) & 255; out[o++] = n & 255;
  }
  if (pad > 0) {
    const a = lookup(text.charCodeAt(lastQuad)), b = lookup(text.charCodeAt(lastQuad + 1));
    const c = pad === 1 ? lookup(text.charCodeAt(lastQuad + 2)) : 0;
    if ((a | b | c) < 0) return undefined;
    const n = (a << 18) | (b << 12) | (c << 6);
    out[o++] = n >>> 16;
    if (pad === 1) out[o++] = (n >>> 8) & 255;
  }
  return out;
}

/** True for a character code of the base64 alphabet (not `=`). */
export function isBase64Char(c: number): boolean {
  return lookup(c) >= 0;
}

/** The 6-bit value of a base64 character code, or -1. */
function lookup(c: number): number {
  return c < 128 ? LOOKUP[c]! : -1;
}

/** True when `text[start..]` is one or more base64 characters followed by at most two `=`. */
export function isBase64Text(text: string, start = 0): boolean {
  let end = text.length;
  if (end > start && text.charCodeAt(end - 1) === 61) {
    end--;
    if (end > start && text.charCodeAt(end - 1) === 61) end--;
  }
  if (end === start) return false;
  for (let i = start; i < end; i++) if (lookup(text.charCodeAt(i)) < 0) return false;
  return true;
}
