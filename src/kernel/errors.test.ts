import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { denied, formatError, formatPath, notFound, storageError, validationError } from './errors.js';
import type { Violation } from './decision.js';

const numRuns = Number(process.env.FC_NUM_RUNS ?? 200);

const followers: Violation = {
  rule: 'SPARK-02',
  code: 'spark.not_enough_followers',
  message: 'The account needs at least 10,000 followers.',
};
const inForce: Violation = {
  rule: 'SPARK-12',
  code: 'spark.code_already_in_force',
  message: 'This video already has a code in force',
};

describe('formatError prints any error of the library as one readable paragraph', () => {
  test('X-01 a denial lists every violation with its rule, code and message', () => {
    expect(formatError(denied([followers, inForce]))).toBe(
      'denied: 2 rules refuse this. SPARK-02 (spark.not_enough_followers): The account needs at least 10,000 ' +
        'followers. SPARK-12 (spark.code_already_in_force): This video already has a code in force.',
    );
    expect(formatError(denied([followers]))).toBe(
      'denied: 1 rule refuses this. SPARK-02 (spark.not_enough_followers): ' +
        'The account needs at least 10,000 followers.',
    );
  });
  test('X-03 a validation error lists every issue with its path', () => {
    const error = validationError([
      { code: 'too_small', path: ['creator', 'id'], message: 'must not be empty' },
      { code: 'invalid_value', path: ['periodDays'], message: 'must be one of 7, 30, 60 or 365' },
      { code: 'invalid_format', path: ['regions', 2], message: 'must be an ISO 3166 alpha-2 code such as US' },
    ]);
    expect(formatError(error)).toBe(
      'validation: the input was refused (3 problems): creator.id must not be empty; ' +
        'periodDays must be one of 7, 30, 60 or 365; regions[2] must be an ISO 3166 alpha-2 code such as US.',
    );
    expect(error.message).toBe(
      'The input was refused: creator.id must not be empty; periodDays must be one of 7, 30, 60 or 365; ' +
        'regions[2] must be an ISO 3166 alpha-2 code such as US',
    );
  });
  test('X-03 a path reads as keys joined with dots and indices in brackets', () => {
    expect(formatPath([])).toBe('(input)');
    expect(formatPath(['creator', 'id'])).toBe('creator.id');
    expect(formatPath(['adIds', 0])).toBe('adIds[0]');
    expect(formatPath(['a', 1, 2, 'b'])).toBe('a[1][2].b');
    expect(formatPath([3])).toBe('[3]');
  });
  test('X-03 other errors print their code and message', () => {
    expect(formatError(notFound('code', 'code_1'))).toBe('not_found: No code code_1 is visible to you.');
    expect(formatError(storageError(new Error('connection terminated')))).toBe(
      'storage: The store failed, nothing was changed: connection terminated.',
    );
    expect(formatError({ code: 'spark.search_throttled', message: 'Too many failed searches; retry later' })).toBe(
      'spark.search_throttled: Too many failed searches; retry later.',
    );
  });
  test('X-01 every issue and every violation appears, on one line', () => {
    const violation = fc.record({
      rule: fc.constantFrom('SPARK-01', 'BC-01', 'ADV-03') as fc.Arbitrary<Violation['rule']>,
      code: fc.stringMatching(/^[a-z]{1,6}\.[a-z_]{1,10}$/),
      message: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !/[\r\n]/.test(s) && s.trim() !== ''),
    });
    fc.assert(
      fc.property(fc.array(violation, { minLength: 1, maxLength: 5 }), (vs) => {
        const text = formatError(denied(vs as [Violation, ...Violation[]]));
        for (const v of vs) expect(text).toContain(`${v.rule} (${v.code}): ${v.message.trim()}`);
        expect(text).not.toMatch(/\n/);
      }),
      { numRuns },
    );
  });
});

describe('a storage error always says what failed, in words (X-03)', () => {
  const refused = Object.assign(
    new AggregateError([
      Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ]),
    { code: 'ECONNREFUSED' },
  );
  test.each<[string, unknown, string]>([
    ['an Error', new Error('timeout'), 'timeout'],
    ['a string', 'disk full', 'disk full'],
    ['an empty string', '', 'no reason given'],
    [
      'an AggregateError without a message',
      refused,
      'connect ECONNREFUSED ::1:5432; connect ECONNREFUSED 127.0.0.1:5432',
    ],
    ['an Error with only a code', Object.assign(new Error(''), { code: '57P01' }), 'error code 57P01'],
    ['an Error without a message', new TypeError(''), 'TypeError without a message'],
    ['a plain object', { reason: 'x' }, 'an object that is not an Error'],
    ['an object with a message', { message: 'pool closed' }, 'pool closed'],
    ['undefined', undefined, 'it threw undefined'],
    ['a number', 42, 'it threw 42'],
    ['a null-prototype object', Object.create(null), 'a value that cannot be turned into text'],
    [
      'a revoked Proxy',
      (() => {
        const p = Proxy.revocable({}, {});
        p.revoke();
        return p.proxy;
      })(),
      'a value that cannot be turned into text',
    ],
  ])('%s', (_name, thrown, detail) => {
    const e = storageError(thrown);
    expect(e.code).toBe('storage');
    expect(e.message).toBe(`The store failed, nothing was changed: ${detail}`);
    expect(e.cause).toBe(thrown);
  });
  test('never throws, whatever was thrown', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withBoxedValues: true, withMap: true }), (thrown) => {
        expect(storageError(thrown).message).toMatch(/^The store failed, nothing was changed: ./);
      }),
      { numRuns },
    );
  });
});
