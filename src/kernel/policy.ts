import * as z from 'zod/mini';
import { type Result } from './result.js';
import type { ValidationError } from './errors.js';
import { parseInput } from './validation.js';
import { DAY_MS, HOUR_MS } from './time.js';

const positiveInt = z.int('must be a whole number').check(z.gte(1, 'must be at least 1'));

/**
 * Schema of the policy parameters (rules marked *configurable* in `rules.md`). Every field is
 * optional in input; `definePolicy` fills in the defaults.
 */
export const policySchema = z.strictObject({
  /** SPARK-02: minimum followers to generate a code. */
  minFollowers: z._default(z.int().check(z.gte(0), z.lte(1_000_000_000)), 10_000),
  /** SPARK-06: the authorization periods a creator may choose, in days. */
  authorizationPeriodsDays: z._default(
    z.array(z.int().check(z.gte(1), z.lte(3650))).check(z.minLength(1), z.maxLength(32), z.refine((a) => new Set(a).size === a.length, 'must not repeat a period')),
    [7, 30, 60, 365],
  ),
  /** ADV-02 decision: whether one code may be confirmed by several ad accounts. */
  confirmMode: z._default(z.enum(['multi-account', 'single-use']), 'multi-account'),
  /** Brute-force guard: failed code searches allowed per ad account per window. */
  maxFailedSearches: z._default(positiveInt.check(z.lte(1_000_000)), 100),
  /** Length of the rolling window for failed searches, in ms. */
  failedSearchWindowMs: z._default(positiveInt.check(z.lte(30 * DAY_MS)), HOUR_MS),
  /**
   * SPARK-10 / ADV-06: what revoking a code does to the ads that use its post.
   * `pause-ads` (default, the sources): the revocation pauses every approved or running ad in
   * the same atomic step. `block-while-in-use` (the Business API): the revocation is refused,
   * listing the ads in the way, while any ad is in review, approved, running or paused.
   */
  revocationMode: z._default(z.enum(['pause-ads', 'block-while-in-use']), 'pause-ads'),
  /** Platform limit: Spark Ads (identity other than `CUSTOMIZED_USER`) not stopped, per ad account. */
  maxSparkAdsPerAdAccount: z._default(positiveInt.check(z.lte(10_000_000)), 10_000),
  /** Platform limit: ads not stopped per identity (all ad accounts). */
  maxAdsPerIdentity: z._default(positiveInt.check(z.lte(10_000_000)), 10_000),
  /**
   * TOP-01: the Asset Authorization checkbox when the caller does not say. `true` (default) is
   * Ads Manager's pre-checked box (the sources); `false` is the Business API's
   * `creative_authorized` default.
   */
  assetAuthorizationDefault: z._default(z.boolean(), true),
  /** TOP-05: minimum time between two Creative Center pop-ups for one account, in ms (7 days). */
  topAdsPopupIntervalMs: z._default(positiveInt.check(z.lte(365 * DAY_MS)), 7 * DAY_MS),
  /**
   * TOP-07: how long a published, authorized creative stays in Top Ads, in days from its first
   * publication; afterwards it is `NOT_IN_TOP_ADS` (expired). Default 180 (our choice: the
   * sources publish no period).
   */
  topAdsPeriodDays: z._default(positiveInt.check(z.lte(3650)), 180),
  /** TOP-03 predicate: campaign types whose creatives are never eligible (default SPC only). */
  topAdsExcludedCampaignTypes: z._default(
    z.array(z.enum(['MANUAL', 'SMART_PERFORMANCE', 'SMART_PLUS'])).check(z.maxLength(3)),
    ['SMART_PERFORMANCE'],
  ),
  /** Top Ads predicate: campaign objectives whose creatives are not eligible (default none). */
  topAdsExcludedObjectives: z._default(
    z.array(z.enum(['REACH', 'TRAFFIC', 'VIDEO_VIEWS', 'ENGAGEMENT', 'APP_PROMOTION', 'LEAD_GENERATION', 'WEB_CONVERSIONS', 'PRODUCT_SALES'])).check(z.maxLength(8)),
    [],
  ),
  /** Top Ads predicate: whole days a creative must have been published before it is eligible (default 0). */
  topAdsMinDaysPublished: z._default(z.int().check(z.gte(0), z.lte(3650)), 0),
});

/**
 * The validated policy: every configurable rule parameter with its value. Passed to rule
 * functions and service factories; there is no global configuration.
 *
 * @example
 * ```ts
 * import { definePolicy } from 'tiktok-ad-auth';
 * const policy = definePolicy({ minFollowers: 1_000, confirmMode: 'single-use' }).unwrap();
 * ```
 */
export type Policy = Readonly<z.output<typeof policySchema>>;

/** The policy overrides a caller may pass; anything omitted takes its default. */
export type PolicyInput = z.input<typeof policySchema>;

/**
 * Validates policy overrides and fills in the defaults.
 *
 * @example
 * ```ts
 * const r = definePolicy({ authorizationPeriodsDays: [7, 30] });
 * if (r.isErr()) console.error(r.error.issues);
 * ```
 */
export function definePolicy(overrides: PolicyInput = {}): Result<Policy, ValidationError> {
  return parseInput(policySchema, overrides).map((p) => deepFreeze(p));
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * The defaults of `rules.md`: 10,000 followers, periods of 7/30/60/365 days, multi-account
 * confirmation, 100 failed searches per rolling hour, revocation pauses ads, 10,000 Spark Ads
 * per ad account and 10,000 ads per identity, Asset Authorization checked by default, a Top
 * Ads pop-up at most every 7 days, 180 days in Top Ads, SPC creatives excluded.
 */
export const DEFAULT_POLICY: Policy = definePolicy().unwrap();
