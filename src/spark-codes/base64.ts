// Standard base64 (RFC 4648 §4, with padding) without Buffer, so the core runs in browsers and
// edge runtimes. Internal: not exported from the package.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += ALPHABET[n >>> 18]! + ALPHABET[(n >>> 12) & 63]! + ALPHABET[(n >>> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += ALPHABET[n >>> 18]! + ALPHABET[(n >>> 12) & 63]! + '==';
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += ALPHABET[n >>> 18]! + ALPHABET[(n >>> 12) & 63]! + ALPHABET[(n >>> 6) & 63]! + '=';
  }
  return out;
}

/**
 * Decodes padded base64 from `text[start..]`; `undefined` for any character outside the
 * alphabet, misplaced padding or a bad length.
 */
export function decodeBase64(text: string, start = 0): Uint8Array | undefined {
  const len = text.length - start;
  if (len < 0 || len % 4 !== 0) return undefined;
  const pad = len === 0 ? 0 : text.charCodeAt(text.length - 1) !== 61 ? 0 : text.charCodeAt(text.length - 2) === 61 ? 2 : 1;
  const out = new Uint8Array((len / 4) * 3 - pad);
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
