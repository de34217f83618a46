/** Internal: the character codes of the lowercase hex digits. */
export const HEX_CODES = new Uint8Array([...'0123456789abcdef'].map((c) => c.charCodeAt(0)));

/**
 * Internal: lowercase hex of bytes as a *flat* string. Building hex with `+=` makes V8 keep a
 * rope of dozens of small strings; used as a Map key and kept in stored records, every lookup
 * walks the rope and every GC marks its pieces. One native decode makes one flat
 * string (measured: the BC approval benchmark spent much of its time there).
 */
export function flatHex(bytes: Uint8Array, prefix = ''): string {
  // An ASCII prefix goes into the same decode: `prefix + hex` would be a rope again (V8 makes
  // a cons string of any concatenation of 13 characters or more).
  const p = prefix.length;
  const codes = new Uint8Array(p + bytes.length * 2);
  for (let i = 0; i < p; i++) codes[i] = prefix.charCodeAt(i);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    codes[p + 2 * i] = HEX_CODES[b >> 4]!;
    codes[p + 2 * i + 1] = HEX_CODES[b & 15]!;
  }
  // A native decode makes one flat string, about 3× faster than String.fromCharCode.apply.
  return ASCII.decode(codes);
}

/** Internal: one latin1 decoder, for turning ASCII byte arrays into flat strings. */
export const ASCII = new TextDecoder('latin1');

/** Internal: random bytes handed out from a buffer refilled in one call to the random source. */
export interface RandomPool {
  /** `n` fresh random bytes (a copy: never handed out twice). */
  bytes(n: number): Uint8Array;
  /** `prefix` (ASCII) then the lowercase hex of `n` fresh random bytes, as one flat string. */
  hex(n: number, prefix?: string): string;
}

/**
 * Internal: buffers randomness so that each id or token does not cost one call to the random
 * source (a Web Crypto call costs microseconds; ids and tokens need a few dozen bytes each).
 * Bytes are taken in order and never reused; the buffer is zeroed as it is consumed so a heap
 * dump shows no token that was already handed out.
 */
export function randomPool(fill: (bytes: Uint8Array) => Uint8Array, size = 4096): RandomPool {
  const pool = new Uint8Array(size);
  let pos = size;
  const bytes = (n: number): Uint8Array => {
    if (n > size) return fill(new Uint8Array(n));
    if (pos + n > size) {
      fill(pool);
      pos = 0;
    }
    const out = pool.slice(pos, pos + n);
    pool.fill(0, pos, pos + n);
    pos += n;
    return out;
  };
  return { bytes, hex: (n, prefix) => flatHex(bytes(n), prefix) };
}
