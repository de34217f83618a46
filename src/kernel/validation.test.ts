import fc from 'fast-check';
import * as z from 'zod/mini';
import { describe, expect, test } from 'vitest';
import { countSchema, idSchema, instantSchema, parseInput, textSchema, typeMessage } from './validation.js';
import type { ValidationIssue } from './errors.js';

const numRuns = Number(process.env.FC_NUM_RUNS ?? 200);

/** The issues of a refused input (a failure when it was accepted). */
function issuesOf(schema: z.ZodMiniType, input: unknown): readonly ValidationIssue[] {
  const r = parseInput(schema, input);
  if (r.isOk()) return expect.unreachable('expected a validation error') as never;
  return r.error.issues;
}
const only = (schema: z.ZodMiniType, input: unknown) => {
  const issues = issuesOf(schema, input);
  expect(issues).toHaveLength(1);
  return issues[0]!;
};

describe('every zod issue reads in English, from its own data (X-03)', () => {
  // [what, schema, input, the issue's code, its message]; the input is the field `f` of an object.
  test.each<[string, z.ZodMiniType, unknown, ValidationIssue['code'], string]>([
    ['a missing field', z.string(), undefined, 'invalid_type', 'is required'],
    ['a wrong type', z.string(), 5, 'invalid_type', 'must be a string (got a number)'],
    ['null for an object', z.strictObject({}), null, 'invalid_type', 'must be an object (got null)'],
    ['an array for an object', z.strictObject({}), [], 'invalid_type', 'must be an object (got an array)'],
    ['a fraction for an integer', z.int(), 1.5, 'invalid_type', 'must be a whole number (got a fractional number)'],
    ['NaN for a number', z.number(), Number.NaN, 'invalid_type', 'must be a number (got NaN)'],
    ['a string for a boolean', z.boolean(), 'yes', 'invalid_type', 'must be true or false (got a string)'],
    ['an invalid Date', z.date(), new Date(Number.NaN), 'invalid_type', 'must be a valid Date (got an invalid Date)'],
    ['a short string', z.string().check(z.minLength(3)), 'ab', 'too_small', 'must be at least 3 characters long'],
    ['an empty string', z.string().check(z.minLength(1)), '', 'too_small', 'must not be empty'],
    ['a long string', z.string().check(z.maxLength(2)), 'abc', 'too_big', 'must be at most 2 characters long'],
    ['a fixed length', z.string().check(z.length(2)), 'abc', 'too_big', 'must be exactly 2 characters long'],
    ['an empty array', z.array(z.string()).check(z.minLength(1)), [], 'too_small', 'must not be empty'],
    ['a long array', z.array(z.string()).check(z.maxLength(1)), ['a', 'b'], 'too_big', 'must have at most 1 item'],
    ['a small number', z.number().check(z.gte(0)), -1, 'too_small', 'must be at least 0'],
    ['a number not above', z.number().check(z.gt(0)), 0, 'too_small', 'must be more than 0'],
    ['a big number', z.number().check(z.lte(10)), 11, 'too_big', 'must be at most 10'],
    ['a number not below', z.number().check(z.lt(10)), 10, 'too_big', 'must be less than 10'],
    [
      'an unsafe integer',
      z.int(),
      2 ** 60,
      'too_big',
      'must be a safe integer (from -9007199254740991 to 9007199254740991)',
    ],
    [
      'an early date',
      z.date().check(z.gte(new Date(0))),
      new Date(-1),
      'too_small',
      'must be 1970-01-01T00:00:00.000Z or later',
    ],
    ['a pattern', z.string().check(z.regex(/^a+$/)), 'b', 'invalid_format', 'must match the pattern /^a+$/'],
    ['a prefix', z.string().check(z.startsWith('ab')), 'x', 'invalid_format', 'must start with "ab"'],
    ['an email', z.email(), 'x', 'invalid_format', 'must be an email address'],
    ['a multiple', z.number().check(z.multipleOf(3)), 4, 'not_multiple_of', 'must be a multiple of 3'],
    ['an enum', z.enum(['A', 'B', 'C']), 'D', 'invalid_value', 'must be one of "A", "B" or "C"'],
    ['a literal', z.literal('A'), 'B', 'invalid_value', 'must be "A"'],
    [
      'a union of types',
      z.union([z.string(), z.number()]),
      true,
      'invalid_union',
      'must be a string or a number (got true)',
    ],
    [
      'a union of objects',
      z.union([z.strictObject({ a: z.string() }), z.strictObject({ b: z.string() })]),
      {},
      'invalid_union',
      'does not match any of the allowed forms (a is required; or b is required)',
    ],
    ['a refinement without a message', z.string().check(z.refine((v) => v === 'ok')), 'no', 'custom', 'is not valid'],
  ])('%s', (_name, schema, input, code, message) => {
    expect(only(z.strictObject({ f: schema }), { f: input })).toEqual({ code, path: ['f'], message });
  });

  test('a record key that is not allowed is named at its own path', () => {
    const dict = z.record(z.string().check(z.regex(/^k/)), z.number());
    const message = 'is not an allowed field name: it must match the pattern /^k/';
    expect(only(dict, { x: 1 })).toEqual({ code: 'invalid_key', path: ['x'], message });
  });

  test('a discriminated union names the allowed discriminators, and says when it is missing', () => {
    const shape = z.discriminatedUnion('type', [
      z.strictObject({ type: z.literal('A') }),
      z.strictObject({ type: z.literal('B') }),
    ]);
    const issue = (message: string) => ({ code: 'invalid_union', path: ['type'], message });
    expect(only(shape, { type: 'C' })).toEqual(issue('must be one of "A" or "B"'));
    expect(only(shape, {})).toEqual(issue('is required: one of "A" or "B"'));
  });

  test('every unknown field is its own issue, at its own path, worded the same everywhere', () => {
    const schema = z.strictObject({ nested: z.strictObject({ a: z.string() }) });
    expect(issuesOf(schema, { nested: { a: 'x', periodDay: 30, b: 1 }, other: true })).toEqual([
      { code: 'unrecognized_keys', path: ['nested', 'periodDay'], message: 'is not a known field' },
      { code: 'unrecognized_keys', path: ['nested', 'b'], message: 'is not a known field' },
      { code: 'unrecognized_keys', path: ['other'], message: 'is not a known field' },
    ]);
  });

  test('a message the schema sets is kept, for every issue it sets it for', () => {
    expect(issuesOf(idSchema, '')[0]).toEqual({ code: 'too_small', path: [], message: 'must not be empty' });
    expect(only(z.strictObject({ at: instantSchema }), { at: 'x' })).toEqual({
      code: 'invalid_type',
      path: ['at'],
      message: 'must be a valid Date',
    });
    expect(only(countSchema, 1.5)).toEqual({ code: 'invalid_type', path: [], message: 'must be a whole number' });
    expect(only(z.string().check(z.refine(() => false, 'must be fine')), 'x')).toEqual({
      code: 'custom',
      path: [],
      message: 'must be fine',
    });
  });

  test('typeMessage words a wrong type, while a missing field reads "is required" like every other', () => {
    const schema = z.strictObject({ days: z.int(typeMessage('must be a whole number of days')) });
    const issue = (message: string) => ({ code: 'invalid_type', path: ['days'], message });
    expect(only(schema, { days: 'x' })).toEqual(issue('must be a whole number of days'));
    expect(only(schema, {})).toEqual(issue('is required'));
  });

  test('a message never repeats the value given (it may be a secret)', () => {
    const secret = '#s63DdePaj9HjSv2BPcSrDfTxU2X506b2oiwchQ9PIspTLgroZKtjN7PPiFnF+qA=';
    const schema = z.strictObject({ n: z.number(), e: z.enum(['A']), t: textSchema.check(z.maxLength(3)) });
    const r = parseInput(schema, { n: secret, e: secret, t: secret });
    expect(r.isErr() && r.error.message).not.toContain(secret);
  });
});

// Every kind of schema the library uses, and a few more, to meet every kind of issue.
const kitchen = z.strictObject({
  id: idSchema,
  text: z.optional(textSchema),
  count: z.optional(countSchema),
  at: z.optional(instantSchema),
  int: z.optional(z.int().check(z.gte(1), z.lte(10))),
  ratio: z.optional(z.number().check(z.gt(0), z.lt(1), z.multipleOf(0.25))),
  kind: z.optional(z.enum(['A', 'B'])),
  flag: z.optional(z.boolean()),
  list: z.optional(z.array(z.string().check(z.regex(/^[a-z]+$/))).check(z.minLength(1), z.maxLength(3))),
  shape: z.optional(
    z.discriminatedUnion('type', [
      z.strictObject({ type: z.literal('X'), x: z.string() }),
      z.strictObject({ type: z.literal('Y'), y: z.number() }),
    ]),
  ),
  either: z.optional(z.union([z.string(), z.strictObject({ n: z.number() })])),
  dict: z.optional(z.record(z.string().check(z.regex(/^k/)), z.number())),
  tuple: z.optional(z.tuple([z.string(), z.number()])),
  email: z.optional(z.email()),
  refined: z.optional(z.string().check(z.refine((s) => s.length % 2 === 0))),
});

describe('no validation message is a bare "Invalid input" (X-03)', () => {
  test('X-03 whatever the input, every issue has a code, an array path and an English message', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything({ withDate: true, withNullPrototype: true }),
          fc.record(
            {
              id: fc.oneof(fc.string(), fc.anything()),
              text: fc.anything({ withDate: true }),
              count: fc.double(),
              at: fc.date(),
              int: fc.double(),
              ratio: fc.double(),
              kind: fc.string(),
              flag: fc.anything(),
              list: fc.array(fc.string()),
              shape: fc.record(
                { type: fc.constantFrom('X', 'Y', 'Z'), x: fc.anything(), y: fc.anything() },
                { requiredKeys: [] },
              ),
              either: fc.anything(),
              dict: fc.dictionary(fc.string(), fc.anything()),
              tuple: fc.array(fc.anything()),
              email: fc.string(),
              refined: fc.string(),
              extra: fc.anything(),
            },
            { requiredKeys: [] },
          ),
        ),
        (input) => {
          const r = parseInput(kitchen, input);
          if (r.isOk()) return;
          for (const issue of r.error.issues) {
            expect(typeof issue.code).toBe('string');
            expect(Array.isArray(issue.path)).toBe(true);
            expect(issue.message).not.toBe('');
            expect(issue.message).not.toMatch(/^Invalid input/);
          }
          expect(r.error.message).not.toMatch(/Invalid input/);
        },
      ),
      { numRuns },
    );
  });
});
