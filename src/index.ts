/**
 * `tiktok-ad-auth`: the services, the pure rules, the value objects, the policy, the clocks, the
 * randomness and the memory store, with the error and event types a caller handles. Curated
 * named exports only (no `export *`); at most 150 names, pinned by the API report
 * (`api/tiktok-ad-auth.api.md`).
 *
 * The other entry points, by audience:
 * - `tiktok-ad-auth/model`: the types of the data (branded ids, enumerations in the Business
 *   API's vocabulary, facts, records, service inputs, each event) and `toBusinessApiError`;
 * - `tiktok-ad-auth/schemas`: the zod/mini schemas of every input, for validating at your own
 *   boundary;
 * - `tiktok-ad-auth/adapters`: the storage port and the tables, for writing a store;
 * - `tiktok-ad-auth/postgres`: the PostgreSQL store;
 * - `tiktok-ad-auth/testing`: the store conformance suite (needs fast-check).
 *
 * `Ok`, `Err` and `Result` are ts-results-es's own, re-exported unchanged.
 *
 * @example
 * ```ts
 * import { createSparkCodes, formatError, memoryStore, systemClock } from 'tiktok-ad-auth';
 *
 * const spark = createSparkCodes({ store: memoryStore(), clock: systemClock(), codeSecret: process.env.CODE_SECRET! });
 * const generated = await spark.generateCode({ creator, video, periodDays: 30 });
 * if (generated.isErr()) console.error(formatError(generated.error));
 * else console.log(generated.value.code);
 * ```
 *
 * @packageDocumentation
 */

// Results (ts-results-es), re-exported through the kernel module so that a bundle that uses no
// `Result` (a rule alone) contains none of ts-results-es: this package is free of side effects,
// ts-results-es does not say so, and a direct re-export would make every bundle keep it.
export { Ok, Err, Result } from './kernel/result.js';

// Kernel: decisions, the rule catalogue, errors, events, time units
export type { Decision, Violation } from './kernel/decision.js';
export { RULES, ruleInfo, type RuleId, type RuleInfo } from './kernel/rule-catalogue.js';
export {
  formatError,
  type FormattableError,
  type ValidationError,
  type ValidationIssue,
  type ValidationIssueCode,
  type DeniedError,
  type NotFoundError,
  type StorageError,
} from './kernel/errors.js';
export type { Actor, DomainEvent } from './kernel/events.js';
export { DAY_MS, HOUR_MS } from './kernel/time.js';

// Policy
export { DEFAULT_POLICY, type Policy, type PolicyInput } from './kernel/policy.js';
export { definePolicy } from './kernel/policy-schema.js';

// Clocks, randomness and the memory store (the storage port itself is in `tiktok-ad-auth/adapters`)
export type { Clock } from './ports/clock.js';
export type { RandomSource } from './ports/random-source.js';
export type { ServiceOptions } from './storage/service-options.js';
export { systemClock } from './adapters/clock/system-clock.js';
export { manualClock, type ManualClock } from './adapters/clock/manual-clock.js';
export { webCryptoRandom } from './adapters/random/web-crypto-random.js';
export { seededRandom } from './adapters/random/seeded-random.js';
export { memoryStore, type MemoryStore, type MemoryStoreOptions } from './adapters/memory/memory-store.js';

// Spark Ads authorization codes
export {
  createSparkCodes,
  type SparkCodes,
  type SparkCodesOptions,
} from './spark-codes/spark-codes.service.js';
export {
  canGenerateAdCode,
  canApplyAdCode,
  adCodeStatusAt,
  summarizeAdCode,
} from './spark-codes/spark-codes.rules.js';
export { isInForce } from './kernel/authorization.js';
export {
  parseAdCode,
  hasValidChecksum,
  adCodeFingerprint,
  type AdCode,
  type AdCodeFormatError,
} from './spark-codes/ad-code.js';
export type {
  GenerateCodeError,
  ShowCodeError,
  SearchCodeError,
  ConfirmCodeError,
  RevokeCodeError,
  QueryError,
  SearchThrottledError,
} from './spark-codes/spark-codes.errors.js';
export type { SparkEvent } from './spark-codes/spark-codes.events.js';

// Ads that run authorized posts
export { createAds, type Ads, type AdsOptions } from './ads/ads.service.js';
export {
  canCreateAd,
  canChangeAdStatus,
  adStatusAt,
  viewAd,
  forecastAds,
  authorizationViolations,
  adLimitViolations,
  offersAssetAuthorization,
  isSparkAd,
  countsTowardAdLimits,
  withStatus,
  revocationEffects,
  stoppedByExpiry,
} from './ads/ads.rules.js';
export type { AdsError } from './ads/ads.errors.js';
export type { AdsEvent } from './ads/ads.events.js';

// Top Ads asset authorization
export {
  createTopAds,
  type TopAds,
  type TopAdsOptions,
  type TopAdsError,
} from './top-ads/top-ads.service.js';
export {
  topAdsEligibility,
  topAdsStatusAt,
  popupCandidates,
  shouldShowTopAdsPopup,
  topAdsDisplay,
  matchesTopAdsQuery,
  assetAuthorizationViolations,
  withAssetAuthorization,
} from './top-ads/top-ads.rules.js';
export type { TopAdsEvent } from './top-ads/top-ads.events.js';

// Business Center links by QR code
export {
  createBusinessCenterLinks,
  type BusinessCenterLinks,
  type BusinessCenterLinksOptions,
} from './business-center/business-center.service.js';
export {
  canStartLinkRequest,
  linkRequestStatusAt,
  canApproveLinkRequest,
  linkPlacementViolations,
  canCloseLinkRequest,
  isLinkActive,
  canManageLink,
  summarizeLinkRequest,
} from './business-center/business-center.rules.js';
export {
  parsePermissionSet,
  checkPermissions,
  linkCapabilities,
  canDeliverSparkAds,
  type PermissionSet,
  type PermissionSetError,
} from './business-center/permissions.js';
export {
  parseQrToken,
  qrTokenFingerprint,
  type QrToken,
  type QrTokenFormatError,
} from './business-center/qr-token.js';
export type {
  StartLinkRequestError,
  ApproveLinkRequestError,
  CloseLinkRequestError,
  LinkChangeError,
  BcQueryError,
} from './business-center/business-center.errors.js';
export type { BusinessCenterEvent } from './business-center/business-center.events.js';

// TikTok accounts as ad delivery identities in Ads Manager
export {
  createDeliveryIdentities,
  type DeliveryIdentities,
  type DeliveryIdentitiesOptions,
} from './delivery-identities/delivery-identities.service.js';
export {
  canManageIdentities,
  canCreateOrganizationAccount,
  canGrantAccountAccess,
  identityAvailability,
} from './delivery-identities/delivery-identities.rules.js';
export type {
  IdentityError,
  GrantAccessError,
  IdentityQueryError,
} from './delivery-identities/delivery-identities.errors.js';
export type { DeliveryIdentityEvent } from './delivery-identities/delivery-identities.events.js';

// --- business-api (issue 14) ---
// A code TikTok issued, read by format only for registration (AG-01). The Business API's
// schemas, parsers and error table are in `tiktok-ad-auth/business-api`.
export { parsePlatformCode } from './registry/platform-code.js';

// --- registry (issue 14) ---
// Codes TikTok issued, registered by ad accounts (AG-01..03); unbinding posts from a library (ADV-02).
export { createRegistry, type Registry } from './registry/registry.service.js';

// --- requests (issue 13) ---
// Brand requests: an ad account asks a creator to authorize a video; the creator's ledger.
export { createBrandRequests, type BrandRequests } from './requests/requests.service.js';
export { canAcceptRequest, canRequestAuthorization, requestStatusAt } from './requests/requests.rules.js';

// --- extensions (issue 13) ---
// Authorizations over time: extensions (EXT-01..03), reminders (REM-01), renewal advice (REM-02).
export { createExtensions, type Extensions } from './extensions/extensions.service.js';
export {
  canExtendAuthorization,
  extendedEnd,
  extensionAskStatusAt,
  renewalAdvice,
  timeLeftInWords,
} from './extensions/extensions.rules.js';

// --- batches and portfolio (issue 14) ---
// Batches (BAT-01) are methods of SparkCodes and TopAds; the portfolio (POR-01) is its own service.
export { createPortfolio, type Portfolio } from './portfolio/portfolio.service.js';

// --- lifecycle (issue 13) ---
// Ads that depend on a post, an account, a link or a permission (LIFE-01..03): the pure rule; the
// workflows are `Ads.reportPostChange`, `Ads.reportAccountChange`, `Ads.deleteDraft` and the
// Business Center link changes.
export { dependencyViolations } from './ads/ads.rules.js';
