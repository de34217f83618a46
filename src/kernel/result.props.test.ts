import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Err as TsErr, ErrImpl, Ok, type Result } from 'ts-results-es';
import { Err } from './result.js';

const numRuns = Number(process.env.FC_NUM_RUNS ?? 200);

/** What a caller can observe of an Err, without the stack text (which names call sites). */
function observe(e: TsErr<unknown>) {
  const thrown = (f: () => unknown) => {
    try {
      f();
      return 'no throw';
    } catch (x) {
      return { message: (x as Error).message.replace(/\n[\s\S]*$/, ''), cause: (x as Error).cause };
    }
  };
  return {
    instance: e instanceof ErrImpl,
    isErr: e.isErr(), isOk: e.isOk(), error: e.error,
    unwrapOr: e.unwrapOr('fallback'),
    map: (e.map(() => 'mapped') as TsErr<unknown>).error,
    mapErr: e.mapErr((x) => ({ wrapped: x })).error,
    andThen: (e.andThen(() => Ok('never')) as TsErr<unknown>).error,
    or: e.or(Ok(1)).unwrap(),
    iterated: [...e],
    unwrap: thrown(() => e.unwrap()),
    expect: thrown(() => e.expect('needed it')),
    toString: thrown(() => { throw new Error(e.toString()); }),
  };
}

describe('Err (internal: ts-results-es\'s Err without the stack capture)', () => {
  test('behaves exactly as ts-results-es\'s Err for any error value, the stack text aside', () => {
    fc.assert(fc.property(fc.anything(), (error) => {
      const ours = Err(error);
      expect(observe(ours)).toStrictEqual(observe(TsErr(error)));
      expect(ours.error).toBe(error);
    }), { numRuns });
  });
  test('is a Result that narrows as usual', () => {
    const r: Result<number, { code: 'denied' }> = Err({ code: 'denied' });
    if (r.isErr()) expect(r.error.code).toBe('denied');
    else expect.unreachable();
  });
});
