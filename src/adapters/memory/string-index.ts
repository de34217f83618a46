/**
 * Internal: values indexed by a string key that is one of their own fields (for the memory
 * store's code tables: by id, by digest and the latest code per video), in an open-addressing
 * table whose slots hold a 32-bit hash of the key beside the value.
 *
 * Why not a `Map`: with 10^6 codes a `Map` lookup of a key it does not hold (every new code's
 * id and digest) walks a bucket chain spread over a large table and reads each entry's key
 * string: four or five cache misses, about 1.9 µs a `has` + `set` measured at 10^6 keys. Here
 * a slot is two neighbouring array elements, the hash (a small integer) then the value, probed
 * linearly: a new key costs one miss (about 0.5 µs), a hit the slot, the value and its key
 * string.
 *
 * Keys are hashed with FNV-1a over all their characters, which is fast but not keyed: a
 * caller who chooses the keys (video ids come from the app) could make many of them collide.
 * An insertion that probes more than `MAX_PROBE` slots therefore moves the whole index into a
 * `Map` (seeded hashing) for good: colliding keys cost what a `Map` costs, never more.
 * Values are never removed (codes are kept forever); `set` of a key already held replaces its
 * value. The table doubles when half full, so probe runs stay short.
 */
export class StringIndex<V> {
  /** `slots[2s]` is slot s's hash (0: empty), `slots[2s + 1]` its value. */
  private slots: (number | V)[];
  private mask: number;
  private count = 0;
  private readonly keyOf: (value: V) => string;
  private readonly hash: (key: string) => number;
  /** Set once a probe run grew too long: from then on every operation goes to this Map. */
  private map: Map<string, V> | undefined;

  /** `hash` is for tests (to force collisions); its result is made non-zero. */
  constructor(keyOf: (value: V) => string, options: { readonly capacity?: number; readonly hash?: (key: string) => number } = {}) {
    let capacity = 16;
    while (capacity < 2 * (options.capacity ?? 0)) capacity *= 2;
    this.keyOf = keyOf;
    this.hash = options.hash ?? fnv1a;
    this.slots = emptySlots(capacity);
    this.mask = capacity - 1;
  }

  /** How many keys are held. */
  get size(): number {
    return this.map === undefined ? this.count : this.map.size;
  }

  /** The value whose key is `key`, or `undefined`. */
  get(key: string): V | undefined {
    if (this.map !== undefined) return this.map.get(key);
    const h = this.hashOf(key);
    const slots = this.slots, mask = this.mask;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const x = slots[2 * s];
      if (x === 0) return undefined;
      if (x === h) {
        const v = slots[2 * s + 1] as V;
        if (this.keyOf(v) === key) return v;
      }
    }
  }

  /** True when a value with this key is held. */
  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** Holds `value` under its key, replacing the value already held under that key. */
  set(value: V): void {
    const key = this.keyOf(value);
    if (this.map !== undefined) {
      this.map.set(key, value);
      return;
    }
    const h = this.hashOf(key);
    const slots = this.slots, mask = this.mask;
    for (let s = h & mask, probes = 0; ; s = (s + 1) & mask, probes++) {
      const x = slots[2 * s];
      if (x === 0) {
        if (probes > MAX_PROBE) {
          this.toMap().set(key, value);
          return;
        }
        slots[2 * s] = h;
        slots[2 * s + 1] = value;
        if (++this.count * 2 > mask + 1) this.grow();
        return;
      }
      if (x === h && this.keyOf(slots[2 * s + 1] as V) === key) {
        slots[2 * s + 1] = value;
        return;
      }
    }
  }

  /** Moves every entry into a Map, which serves all operations from now on. */
  private toMap(): Map<string, V> {
    const map = new Map<string, V>();
    for (let i = 0; i < this.slots.length; i += 2) {
      if (this.slots[i] !== 0) {
        const v = this.slots[i + 1] as V;
        map.set(this.keyOf(v), v);
      }
    }
    this.map = map;
    this.slots = [];
    this.count = 0;
    return map;
  }

  private hashOf(key: string): number {
    return this.hash(key) | 0 || 1; // 0 marks an empty slot
  }

  /** Doubles the table; slots keep their hashes, so no key is hashed again. */
  private grow(): void {
    const old = this.slots;
    const capacity = (this.mask + 1) * 2;
    const slots = emptySlots<V>(capacity);
    const mask = capacity - 1;
    for (let i = 0; i < old.length; i += 2) {
      const h = old[i] as number;
      if (h === 0) continue;
      let s = h & mask;
      while (slots[2 * s] !== 0) s = (s + 1) & mask;
      slots[2 * s] = h;
      slots[2 * s + 1] = old[i + 1]!;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/**
 * Longest probe run an insertion accepts before the index turns into a Map. At most half the
 * slots are used; with a hash that spreads keys, linear probing at load 1/2 probes more than
 * k slots with odds of about (e^(1/2) / 2)^k / k^1.5, some 10^-14 for 128: it does not happen
 * by chance. Colliding keys chosen on purpose cost at most this many probes each, then a Map.
 */
const MAX_PROBE = 128;

/** `capacity` empty slots: hash 0, value 0 (an element kind that holds numbers and objects). */
function emptySlots<V>(capacity: number): (number | V)[] {
  return new Array<number | V>(2 * capacity).fill(0);
}

/** FNV-1a (32-bit) over the UTF-16 code units of `key`, with a final avalanche for the low bits. */
function fnv1a(key: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  // The slot is the low bits: mix the high bits into them (FNV's low bits alone cluster).
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}
