import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import * as published from 'ts-results-es';
import { Err, Ok, Result } from './result.js';

const numRuns = Number(process.env.FC_NUM_RUNS ?? 200);

describe('the kernel result is ts-results-es as published', () => {
  test("Ok, Err and Result are the package's own values, not look-alikes", () => {
    expect(Ok).toBe(published.Ok);
    expect(Err).toBe(published.Err);
    expect(Result).toBe(published.Result);
  });
  test('Err(e) holds e, is an Err, and keeps it through the usual combinators', () => {
    fc.assert(
      fc.property(fc.anything(), (error) => {
        const r = Err(error);
        expect(r.isErr()).toBe(true);
        expect(r.isOk()).toBe(false);
        expect(r.error).toBe(error);
        expect(r.unwrapOr('fallback')).toBe('fallback');
        expect(r.map(() => 'mapped').isErr()).toBe(true);
        expect(r.mapErr((x) => ({ wrapped: x })).error).toEqual({ wrapped: error });
        expect(() => r.unwrap()).toThrow();
      }),
      { numRuns },
    );
  });
  test('Ok(v) holds v', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const r = Ok(value);
        expect(r.isOk() && Object.is(r.value, value)).toBe(true);
        expect(r.unwrap()).toBe(value);
      }),
      { numRuns },
    );
  });
  test('a Result narrows as usual', () => {
    const r: Result<number, { code: 'denied' }> = Err({ code: 'denied' });
    if (r.isErr()) expect(r.error.code).toBe('denied');
    else expect.unreachable();
  });
});
