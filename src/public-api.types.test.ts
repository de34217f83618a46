import { describe, expectTypeOf, test } from 'vitest';
import type {
  AdCode,
  Decision,
  DeniedError,
  Result,
  SearchCodeError,
  SparkCodes,
  StorageError,
  ValidationError,
  Violation,
} from './index.js';
import type { AdCodeRecord, AdCodeStatus, CreatorId, GeneratedCode, VideoId } from './model.js';
import { canGenerateAdCode, createSparkCodes, parseAdCode } from './index.js';

describe('public types', () => {
  test('parseAdCode returns a Result of a branded AdCode', () => {
    expectTypeOf(parseAdCode).returns.toEqualTypeOf<Result<AdCode, import('./index.js').AdCodeFormatError>>();
    expectTypeOf<string>().not.toMatchTypeOf<AdCode>();
    expectTypeOf<AdCode>().toMatchTypeOf<string>();
  });
  test('branded ids do not mix', () => {
    expectTypeOf<VideoId>().not.toMatchTypeOf<CreatorId>();
  });
  test('a Decision lists at least one violation when refused', () => {
    expectTypeOf(canGenerateAdCode).returns.toEqualTypeOf<Decision>();
    type Refused = Extract<Decision, { allowed: false }>;
    expectTypeOf<Refused['violations']>().toEqualTypeOf<readonly [Violation, ...Violation[]]>();
  });
  test('workflows return Results with discriminated error unions', () => {
    expectTypeOf(createSparkCodes).returns.toEqualTypeOf<SparkCodes>();
    expectTypeOf<Awaited<ReturnType<SparkCodes['generateCode']>>>().toEqualTypeOf<
      Result<GeneratedCode, ValidationError | DeniedError | StorageError>
    >();
    expectTypeOf<SearchCodeError['code']>().toEqualTypeOf<
      'validation' | 'denied' | 'spark.search_throttled' | 'storage'
    >();
  });
  test('records are readonly', () => {
    expectTypeOf<AdCodeRecord['expiresAt']>().toEqualTypeOf<Date>();
    expectTypeOf<AdCodeStatus>().toEqualTypeOf<'NOT_USED' | 'IN_USE' | 'EXPIRED' | 'DELETED'>();
    const assign = (r: AdCodeRecord) => {
      // @ts-expect-error readonly field
      r.periodDays = 1;
    };
    void assign;
  });
});
