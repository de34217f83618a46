import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { StringIndex } from './string-index.js';

const numRuns = Number(process.env.FC_NUM_RUNS ?? 200);

interface Row { readonly key: string; readonly n: number }

// Keys from a small alphabet, so sequences set the same key again and look up keys both held
// and not; hashes from the real function and from degenerate ones (every key colliding, or
// four hash values) so probe runs, wrap-around and growth are all exercised.
const key = fc.string({ maxLength: 4, unit: fc.constantFrom('a', 'b', '0', 'é', '\u{1f600}') });
const op = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), key, n: fc.nat() }),
  fc.record({ kind: fc.constant('get' as const), key }),
);
const hashes: [string, ((k: string) => number) | undefined][] = [
  ['fnv-1a', undefined],
  ['constant (all collide)', () => 42],
  ['four values, some zero', (k) => k.length % 4],
  ['negative', (k) => -1 - k.length],
];

describe('StringIndex (the memory store index of codes by id, by digest and by video)', () => {
  for (const [name, hash] of hashes) {
    test(`behaves as a Map from key to the last value set, with hash: ${name}`, () => {
      fc.assert(fc.property(fc.array(op, { maxLength: 120 }), fc.nat(40), (ops, capacity) => {
        const index = new StringIndex<Row>((r) => r.key, { capacity, ...(hash ? { hash } : {}) });
        const model = new Map<string, Row>();
        for (const o of ops) {
          if (o.kind === 'set') {
            const row = { key: o.key, n: o.n };
            index.set(row);
            model.set(o.key, row);
          }
          expect(index.get(o.key)).toBe(model.get(o.key));
          expect(index.has(o.key)).toBe(model.has(o.key));
          expect(index.size).toBe(model.size);
        }
        for (const [k, v] of model) expect(index.get(k)).toBe(v);
      }), { numRuns });
    });
  }

  test('keys that all collide (chosen on purpose) move it into a Map, which then answers exactly the same', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 130, maxLength: 260 }), fc.array(op, { maxLength: 60 }), (keys, ops) => {
      const index = new StringIndex<Row>((r) => r.key, { hash: () => 7 });
      const model = new Map<string, Row>();
      keys.forEach((k, n) => { const row = { key: k, n }; index.set(row); model.set(k, row); });
      for (const o of ops) {
        if (o.kind === 'set') { const row = { key: o.key, n: o.n }; index.set(row); model.set(o.key, row); }
        expect(index.get(o.key)).toBe(model.get(o.key));
      }
      expect(index.size).toBe(model.size);
      for (const [k, v] of model) expect(index.get(k)).toBe(v);
    }), { numRuns: Math.max(10, numRuns / 10) });
  });

  test('holds many distinct keys through repeated growth (hex ids and digests as the store makes them)', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.stringMatching(/^[0-9a-f]{8,64}$/), { minLength: 1, maxLength: 600 }), (keys) => {
      const index = new StringIndex<Row>((r) => r.key);
      keys.forEach((k, n) => index.set({ key: k, n }));
      expect(index.size).toBe(keys.length);
      keys.forEach((k, n) => expect(index.get(k)?.n).toBe(n));
      expect(index.get('not-a-key')).toBeUndefined();
    }), { numRuns: Math.max(20, numRuns / 10) });
  });
});
