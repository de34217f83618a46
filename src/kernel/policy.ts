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
 * const policy = definePolicy({ unsupportedObjectives: [...DEFAULT_UNSUPPORTED_OBJECTIVES, 'APP_PROMOTION'] }).unwrap();
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
export const DEFAULT_OPERATING_REGIONS: readonly string[] = /* @__PURE__ */ (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM ' +
  'CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN ' +
  'HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM ' +
  'MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC ' +
  'SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS ' +
  'YE YT ZA ZM ZW'
).split(' ');

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
 * caps, QR link requests that lapse after 24 hours, the default unsupported objectives and
 * every operating region but China.
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
});

/** Internal: freezes a policy and every array in it (policies are shared, never changed). */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
