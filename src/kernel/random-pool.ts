/** Internal: the character codes of the lowercase hex digits. */
export const HEX_CODES = new Uint8Array([...'0123456789abcdef'].map((c) => c.charCodeAt(0)));

/** Internal: one latin1 decoder, for turning ASCII byte arrays into flat strings. */
export const ASCII = new TextDecoder('latin1');

const SCRATCH: (Uint8Array | undefined)[] = [];

/**
 * Internal: a buffer of exactly `n` bytes to write an ASCII string's character codes into, then
 * `ASCII.decode` it. One per length up to 256, reused (a typed array is an object and an array
 * buffer of its own: the hex of every id and digest would otherwise allocate two objects more
 * than the string). Callers fill and decode it synchronously, so no two uses overlap.
 */
export function asciiScratch(n: number): Uint8Array {
  if (n > 256) return new Uint8Array(n);
  return (SCRATCH[n] ??= new Uint8Array(n));
}

/**
 * Internal: `prefix` (ASCII) then the lowercase hex of `bytes[start, end)`, as one *flat*
 * string. Building hex with `+=` makes V8 keep a rope of dozens of small strings (and so does
 * `prefix + hex`: V8 makes a cons string of any concatenation of 13 characters or more); used
 * as a Map key and kept in stored records, every lookup walks the rope and every GC marks its
 * pieces. One native decode makes one flat string (measured: the BC approval benchmark spent
 * much of its time there).
 */
export function flatHex(bytes: Uint8Array, prefix = '', start = 0, end = bytes.length): string {
  const p = prefix.length;
  const codes = asciiScratch(p + (end - start) * 2);
  for (let i = 0; i < p; i++) codes[i] = prefix.charCodeAt(i);
  for (let i = start, o = p; i < end; i++, o += 2) {
    const b = bytes[i]!;
    codes[o] = HEX_CODES[b >> 4]!;
    codes[o + 1] = HEX_CODES[b & 15]!;
  }
  // A native decode makes one flat string, about 3× faster than String.fromCharCode.apply.
  return ASCII.decode(codes);
}

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
  /** Start of `n` fresh bytes in `pool` (refilled when too few are left); the caller consumes them. */
  const take = (n: number): number => {
    if (pos + n > size) {
      fill(pool);
      pos = 0;
    }
    const at = pos;
    pos += n;
    return at;
  };
  return {
    bytes(n) {
      if (n > size) return fill(new Uint8Array(n));
      const at = take(n);
      const out = pool.slice(at, at + n);
      pool.fill(0, at, at + n);
      return out;
    },
    hex(n, prefix = '') {
      if (n > size) return flatHex(fill(new Uint8Array(n)), prefix);
      // Hex straight from the pool: no copy of the bytes is made.
      const at = take(n);
      const out = flatHex(pool, prefix, at, at + n);
      pool.fill(0, at, at + n);
      return out;
    },
  };
}
