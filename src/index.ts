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
  type GeneratedCode,
  type CodeSearchResult,
  type ConfirmResult,
  type RevokeResult,
  type ExpireDueResult,
  type LibraryEntryView,
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
export type { AdCodeSummary } from './spark-codes/spark-codes.model.js';
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
export type { AdView, AdForecast } from './ads/ads.model.js';
export type { AdsError } from './ads/ads.errors.js';
export type { AdsEvent } from './ads/ads.events.js';

// Top Ads asset authorization
export {
  createTopAds,
  type TopAds,
  type TopAdsOptions,
  type TopAdsError,
  type WithdrawResult,
  type PopupResult,
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
export type { TopAdsStatusView, TopAdsDisplay } from './top-ads/top-ads.model.js';
export type { TopAdsEvent } from './top-ads/top-ads.events.js';

// Business Center links by QR code
export {
  createBusinessCenterLinks,
  type BusinessCenterLinks,
  type BusinessCenterLinksOptions,
  type StartedLinkRequest,
  type ApprovedLink,
  type LinkView,
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
export type { LinkRequestSummary, AdAccountAssignment } from './business-center/business-center.model.js';
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
  type LinkedIdentity,
  type CreatedIdentity,
} from './delivery-identities/delivery-identities.service.js';
export {
  canManageIdentities,
  canCreateOrganizationAccount,
  canGrantAccountAccess,
  identityAvailability,
} from './delivery-identities/delivery-identities.rules.js';
export type { AccountMember, IdentityAvailability } from './delivery-identities/delivery-identities.model.js';
export type {
  IdentityError,
  GrantAccessError,
  IdentityQueryError,
} from './delivery-identities/delivery-identities.errors.js';
export type { DeliveryIdentityEvent } from './delivery-identities/delivery-identities.events.js';
