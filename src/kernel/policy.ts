// The policy *values*: the defaults as a plain frozen literal, so that importing
// `DEFAULT_POLICY` (every service does) costs no validation code. The zod/mini schema that
// checks a caller's overrides lives in `policy-schema.ts` and is loaded only by `definePolicy`.
import type * as z from 'zod/mini';
import type { policySchema } from './policy-schema.js';
import { DAY_MS, HOUR_MS } from './time.js';

/**
 * ASSET-02 default: objectives for which TikTok accounts are not offered as ad delivery identities.
 * The source (002) says the feature lives in Smart+ Spark Ads creation and is "not available for
 * all advertising objectives" without listing them; we assume the reach and awareness family is
 * out. *Configurable*: set `unsupportedObjectives` to TikTok's current list.
 *
 * @example
 * ```ts
 * import { DEFAULT_UNSUPPORTED_OBJECTIVES, definePolicy } from 'tiktok-ad-auth';
 * const objectives = [...DEFAULT_UNSUPPORTED_OBJECTIVES, 'APP_PROMOTION'];
 * const policy = definePolicy({ unsupportedObjectives: objectives }).unwrap();
 * ```
 */
export const DEFAULT_UNSUPPORTED_OBJECTIVES = ['REACH', 'RF_REACH', 'VIDEO_VIEWS', 'ENGAGEMENT'] as const;

/**
 * ASSET-06 default: the operating regions offered when creating an organization-owned account:
 * every ISO 3166-1 alpha-2 code except China (`CN`), which the source says is not offered.
 *
 * @example
 * ```ts
 * import { DEFAULT_OPERATING_REGIONS } from 'tiktok-ad-auth';
 * DEFAULT_OPERATING_REGIONS.includes('CN'); // false
 * ```
 */
export const DEFAULT_OPERATING_REGIONS: readonly string[] =
  /* @__PURE__ */
  // Grouped by first letter ('A:DEF' is AD AE AF), a third of the size of the plain list in a
  // bundle. The plain list is spelled out in policy.props.test.ts, which checks this one.
  (
    'A:DEFGILMOQRSTUWXZ B:ABDEFGHIJLMNOQRSTVWYZ C:ACDFGHIKLMORUVWXYZ D:EJKMOZ E:CEGHRST F:IJKMOR ' +
    'G:ABDEFGHILMNPQRSTUWY H:KMNRTU I:DELMNOQRST J:EMOP K:EGHIMNPRWYZ L:ABCIKRSTUVY ' +
    'M:ACDEFGHKLMNOPQRSTUVWXYZ N:ACEFGILOPRUZ O:M P:AEFGHKLMNRSTWY Q:A R:EOSUW S:ABCDEGHIJKLMNORSTVXYZ ' +
    'T:CDFGHJKLMNORTVWZ U:AGMSYZ V:ACEGINU W:FS Y:ET Z:AMW'
  )
    .split(' ')
    .flatMap((group) => [...group.slice(2)].map((second) => group[0] + second));

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
 * The defaults of `rules.md`: 10,000 followers, periods of 7/30/60/365 days, multi-account
 * confirmation, 100 failed searches per rolling hour, revocation pauses ads, 10,000 Spark Ads
 * per ad account and 10,000 ads per identity, Asset Authorization checked by default, a Top
 * Ads pop-up at most every 7 days, 180 days in Top Ads, SPC creatives excluded, 800/800 link
 * caps, QR link requests that lapse after 24 hours (at most 100 pending per Business Center),
 * the default unsupported objectives and every operating region but China.
 *
 * @example
 * ```ts
 * canGenerateAdCode(facts, DEFAULT_POLICY);
 * ```
 */
export const DEFAULT_POLICY: Policy = /* @__PURE__ */ deepFreeze({
  minFollowers: 10_000,
  authorizationPeriodsDays: [7, 30, 60, 365],
  confirmMode: 'multi-account',
  maxFailedSearches: 100,
  failedSearchWindowMs: HOUR_MS,
  maxBusinessCentersPerAccount: 800,
  maxAccountsPerBusinessCenter: 800,
  linkRequestLifetimeMs: 24 * HOUR_MS,
  maxPendingLinkRequests: 100,
  unsupportedObjectives: [...DEFAULT_UNSUPPORTED_OBJECTIVES],
  operatingRegions: [...DEFAULT_OPERATING_REGIONS],
  revocationMode: 'pause-ads',
  maxSparkAdsPerAdAccount: 10_000,
  maxAdsPerIdentity: 10_000,
  assetAuthorizationDefault: true,
  topAdsPopupIntervalMs: 7 * DAY_MS,
  topAdsPeriodDays: 180,
  topAdsExcludedCampaignTypes: ['SMART_PERFORMANCE'],
  topAdsExcludedObjectives: [],
  topAdsMinDaysPublished: 0,
  // --- extensions (issue 13) ---
  extensionAskLifetimeMs: 7 * DAY_MS,
  reminderOffsetsMs: [7 * DAY_MS, DAY_MS],
  // --- end extensions ---
  // --- requests (issue 13) ---
  defaultRequestPeriodDays: 365,
  requestLifetimeMs: 7 * DAY_MS,
  maxPendingRequests: 30,
  // --- end requests ---
});

/** Internal: freezes a policy and every array in it (policies are shared, never changed). */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
