import { describe, expect, expectTypeOf, test } from 'vitest';
import {
  definePolicy,
  formatError,
  memoryStore,
  type Ads,
  type BusinessCenterLinks,
  type DeliveryIdentities,
  type Err,
  type FormattableError,
  type SparkCodes,
  type TopAds,
} from '../src/index.js';
import { adsSetup, advertiser, creator, setup, video } from './fixtures.js';

// Issue 12: "errors print as [object Object]". The errors are plain data (design §4), so String()
// cannot print them; `formatError` does, for every kind of error a service returns.

/** The error type of every method of a service that returns a Promise of a Result. */
type ErrorsOf<S> = {
  [K in keyof S]: S[K] extends (...args: never[]) => Promise<infer R> ? (R extends Err<infer E> ? E : never) : never;
}[keyof S];
type AnyServiceError =
  | ErrorsOf<SparkCodes>
  | ErrorsOf<Ads>
  | ErrorsOf<TopAds>
  | ErrorsOf<BusinessCenterLinks>
  | ErrorsOf<DeliveryIdentities>;

const KINDS = ['validation', 'denied', 'not_found', 'storage', 'spark.search_throttled'] as const;

/** One error of each kind, each from a real service call. */
async function oneOfEach(): Promise<Record<(typeof KINDS)[number], FormattableError>> {
  const s = setup({ policy: definePolicy({ maxFailedSearches: 1 }).unwrap() });
  const errorOf = (r: { isErr(): boolean; error?: unknown }) => {
    if (!r.isErr()) throw new Error('expected an Err');
    return r.error as FormattableError;
  };
  const search = (code: string) => s.spark.searchCode({ advertiser: advertiser(), code });
  const bad = { creator: creator({ id: '' }), video: video(), periodDays: 45, periodDay: 30 };
  const broken = memoryStore({
    onStatement: () => {
      throw new Error('disk full');
    },
  });
  const a = adsSetup();
  await search('#nothing-1');
  return {
    validation: errorOf(await s.spark.generateCode(bad as never)),
    denied: errorOf(
      await s.spark.generateCode({ creator: creator({ followerCount: 10 }), video: video(), periodDays: 30 }),
    ),
    not_found: errorOf(await a.ads.getAd({ adAccountId: 'adacc-1', adId: 'ad_missing' })),
    storage: errorOf(
      await setup({ store: broken }).spark.generateCode({ creator: creator(), video: video(), periodDays: 30 }),
    ),
    'spark.search_throttled': errorOf(await search('#nothing-2')),
  };
}

describe('X-01 formatError prints every kind of error a service returns as one readable paragraph', () => {
  test('the kinds listed are every error `code` of every service method (checked by the compiler)', () => {
    expectTypeOf<AnyServiceError['code']>().toEqualTypeOf<(typeof KINDS)[number]>();
  });

  test('each kind: its code first, then what went wrong in words, on one line; never [object Object]', async () => {
    const errors = await oneOfEach();
    for (const kind of KINDS) {
      const error = errors[kind];
      expect(error.code).toBe(kind);
      const text = formatError(error);
      expect(text.startsWith(`${kind}: `), text).toBe(true);
      expect(text).not.toContain('[object Object]');
      expect(text).not.toMatch(/\n/);
      expect(text).toMatch(/[.!?…]$/);
      for (const issue of error.issues ?? []) expect(text).toContain(issue.message);
      for (const violation of error.violations ?? []) expect(text).toContain(`${violation.rule} (${violation.code})`);
      if (error.issues === undefined && error.violations === undefined) expect(text).toContain(error.message.trim());
    }
    expect(formatError(errors.validation)).toContain('periodDay is not a known field');
    expect(formatError(errors.storage)).toContain('disk full');
  });

  test('String() of a plain error is [object Object]: the reason formatError exists', async () => {
    const { denied } = await oneOfEach();
    expect(String(denied)).toBe('[object Object]');
    expect(formatError(denied)).toMatch(/^denied: 1 rule refuses this\. SPARK-\d+ \(spark\.[a-z_]+\): /);
  });
});
