import fc from 'fast-check';
import * as z from 'zod/mini';
import { describe, expect, test } from 'vitest';
import { brandedId } from './branded-id.js';
import { idSchema, parseInput } from './validation.js';

const numRuns = Number(process.env.FC_NUM_RUNS ?? 100);

// What the branded id schemas were before: the id schema piped into an identity transform.
const piped = z.pipe(
  idSchema,
  z.transform((s) => s),
);
const inputs = fc.oneof(
  fc.anything(),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ minLength: 120, maxLength: 140 }),
  fc.constantFrom('', ' ', 'a b', 'x'.repeat(128), 'x'.repeat(129), 'tt-dana', '\u0000'),
);
const outcome = (r: ReturnType<typeof piped.safeParse>) =>
  r.success
    ? { data: r.data }
    : { issues: r.error.issues.map((i) => ({ code: i.code, path: i.path, message: i.message })) };

describe('brandedId', () => {
  test('parses every input exactly as the former pipe into an identity transform', () => {
    const branded = brandedId<string>();
    fc.assert(
      fc.property(inputs, (x) => {
        expect(outcome(branded.safeParse(x))).toEqual(outcome(piped.safeParse(x)));
      }),
      { numRuns },
    );
  });
  test('inside strict objects and optional fields too, down to the validation error', () => {
    const before = z.strictObject({ id: piped, other: z.optional(piped) });
    const after = z.strictObject({ id: brandedId<string>(), other: z.optional(brandedId<string>()) });
    fc.assert(
      fc.property(fc.record({ id: inputs, other: inputs }, { requiredKeys: [] }), (x) => {
        const a = parseInput(after, x);
        const b = parseInput(before, x);
        expect(a.isOk() ? { ok: a.value } : { err: a.error }).toEqual(b.isOk() ? { ok: b.value } : { err: b.error });
      }),
      { numRuns },
    );
  });
});
