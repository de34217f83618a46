// The zod/mini schema of policy overrides, with `definePolicy`. Kept apart from `policy.ts`
// (the default values) so that code using only `DEFAULT_POLICY` does not bundle this schema.
import * as z from 'zod/mini';
import { type Result } from './result.js';
import type { ValidationError } from './errors.js';
import { parseInput } from './validation.js';
import { DAY_MS, HOUR_MS } from './time.js';
import {
  DEFAULT_OPERATING_REGIONS,
  DEFAULT_UNSUPPORTED_OBJECTIVES,
  deepFreeze,
  type Policy,
  type PolicyInput,
} from './policy.js';

/** An advertising objective in the Business API's `objective_type` spelling, e.g. `PRODUCT_SALES`. */
const objective = z.string().check(z.regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'must be an objective such as PRODUCT_SALES'));
/** An ISO 3166-1 alpha-2 region code, e.g. `US`. */
const region = z.string().check(z.regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as US'));

const positiveInt = z.int('must be a whole number').check(z.gte(1, 'must be at least 1'));

/**
 * Schema (zod/mini) of the policy parameters: the rules marked *configurable* in `rules.md`.
 * Every field is optional in input and takes its default; `definePolicy` wraps it.
 *
 * @example
 * ```ts
 * const parsed = policySchema.safeParse(JSON.parse(configText));
 * ```
 */
export const policySchema = z.strictObject({
  /** SPARK-02: minimum followers to generate a code. */
  minFollowers: z._default(z.int().check(z.gte(0), z.lte(1_000_000_000)), 10_000),
  /** SPARK-06: the authorization periods a creator may choose, in days. */
  authorizationPeriodsDays: z._default(
    z.array(z.int().check(z.gte(1), z.lte(3650))).check(
      z.minLength(1),
      z.maxLength(32),
      z.refine((a) => new Set(a).size === a.length, 'must not repeat a period'),
    ),
    [7, 30, 60, 365],
  ),
  /** ADV-02 decision: whether one code may be confirmed by several ad accounts. */
  confirmMode: z._default(z.enum(['multi-account', 'single-use']), 'multi-account'),
  /** Brute-force guard: failed code searches allowed per ad account per window. */
  maxFailedSearches: z._default(positiveInt.check(z.lte(1_000_000)), 100),
  /** Length of the rolling window for failed searches, in ms. */
  failedSearchWindowMs: z._default(positiveInt.check(z.lte(30 * DAY_MS)), HOUR_MS),
  /** BC-01: how many Business Centers one TikTok account may be linked to at once. */
  maxBusinessCentersPerAccount: z._default(positiveInt.check(z.lte(1_000_000)), 800),
  /** BC-01: how many TikTok accounts one Business Center may have linked at once. */
  maxAccountsPerBusinessCenter: z._default(positiveInt.check(z.lte(1_000_000)), 800),
  /** BC-07 decision: how long a QR link request can be approved after it was made, in ms (default 24 h). */
  linkRequestLifetimeMs: z._default(positiveInt.check(z.lte(365 * DAY_MS)), 24 * HOUR_MS),
  /** How many link requests may be pending at once per Business Center (bounds what one caller can grow). */
  maxPendingLinkRequests: z._default(positiveInt.check(z.lte(100_000)), 100),
  /**
   * ASSET-02: advertising objectives (Business API `objective_type` values) for which TikTok
   * accounts cannot be linked or created as ad delivery identities. The source does not publish
   * the list; the default names the objectives Smart+ Spark Ads identities are not offered for.
   */
  unsupportedObjectives: z._default(
    z.array(objective).check(
      z.maxLength(64),
      z.refine((a) => new Set(a).size === a.length, 'must not repeat an objective'),
    ),
    [...DEFAULT_UNSUPPORTED_OBJECTIVES],
  ),
  /**
   * ASSET-06: operating regions offered for organization-owned accounts (ISO 3166-1 alpha-2).
   * China is never offered.
   */
  operatingRegions: z._default(
    z.array(region).check(
      z.minLength(1),
      z.maxLength(300),
      z.refine((a) => new Set(a).size === a.length, 'must not repeat a region'),
      z.refine((a) => !a.includes('CN'), 'must not offer China (CN): ASSET-06'),
    ),
    [...DEFAULT_OPERATING_REGIONS],
  ),
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
    z
      .array(
        z.enum([
          'REACH',
          'TRAFFIC',
          'VIDEO_VIEWS',
          'ENGAGEMENT',
          'APP_PROMOTION',
          'LEAD_GENERATION',
          'WEB_CONVERSIONS',
          'PRODUCT_SALES',
        ]),
      )
      .check(z.maxLength(8)),
    [],
  ),
  /** Top Ads predicate: whole days a creative must have been published before it is eligible (default 0). */
  topAdsMinDaysPublished: z._default(z.int().check(z.gte(0), z.lte(3650)), 0),
  // --- extensions (issue 13) ---
  /** EXT-03: how long an advertiser's extension ask can be answered, in ms (default 7 days). */
  extensionAskLifetimeMs: z._default(positiveInt.check(z.lte(365 * DAY_MS)), 7 * DAY_MS),
  /** REM-01: how long before an authorization's end reminders are due, in ms (default 7 days and 1 day). */
  reminderOffsetsMs: z._default(
    z.array(positiveInt.check(z.lte(365 * DAY_MS))).check(
      z.minLength(1),
      z.maxLength(16),
      z.refine((a) => new Set(a).size === a.length, 'must not repeat an offset'),
    ),
    [7 * DAY_MS, DAY_MS],
  ),
  // --- end extensions ---
  // --- requests (issue 13) ---
  /** REQ-01: the period a brand request asks for when it names none, in days (default 365). */
  defaultRequestPeriodDays: z._default(positiveInt.check(z.lte(3650)), 365),
  /** REQ-01: how long a brand request can be answered, in ms (default 7 days); then it is EXPIRED. */
  requestLifetimeMs: z._default(positiveInt.check(z.lte(365 * DAY_MS)), 7 * DAY_MS),
  /** REQ-02: how many brand requests one ad account may have pending at once (default 30). */
  maxPendingRequests: z._default(positiveInt.check(z.lte(100_000)), 30),
  // --- end requests ---
});

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
