// The public surface of `tiktok-ad-auth`. Curated named exports only (no `export *`).

// Kernel
export { Ok, Err, Result } from 'ts-results-es';
export type { Brand } from './kernel/brand.js';
export type { CreatorId, VideoId, AdAccountId, UserId, AdCodeId, EventId, AdId, BusinessCenterId, TikTokAccountId, LinkRequestId, BcLinkId } from './kernel/ids.js';
export { DAY_MS, HOUR_MS, plusDays, plusMs, isWithin } from './kernel/time.js';
export { decide, type Decision, type Violation } from './kernel/decision.js';
export { RULES, ruleInfo, type RuleId, type RuleInfo, type RuleSource } from './kernel/rule-catalogue.js';
export {
  formatError, type ValidationError, type ValidationIssue, type StorageError, type DeniedError, type NotFoundError, type FormattableError,
} from './kernel/errors.js';
export { SYSTEM_ACTOR, type Actor, type DomainEvent, type NewEvent } from './kernel/events.js';
export { DEFAULT_POLICY, DEFAULT_UNSUPPORTED_OBJECTIVES, DEFAULT_OPERATING_REGIONS, type Policy, type PolicyInput } from './kernel/policy.js';
export { definePolicy, policySchema } from './kernel/policy-schema.js';

// Ports
export type { Clock } from './ports/clock.js';
export type { RandomSource } from './ports/random-source.js';
export type {
  Store, StoreReader, Transaction, TableDef, IndexDef, IndexRange, IndexValue, IndexPartType, ReadEventsQuery, StoreDump, StatementHook,
} from './ports/store.js';
export type { ServiceOptions } from './storage/service-options.js';

// Adapters
export { systemClock } from './adapters/clock/system-clock.js';
export { manualClock, type ManualClock } from './adapters/clock/manual-clock.js';
export { webCryptoRandom } from './adapters/random/web-crypto-random.js';
export { seededRandom } from './adapters/random/seeded-random.js';
export { memoryStore, type MemoryStore, type MemoryStoreOptions } from './adapters/memory/memory-store.js';

// Spark Ads authorization codes
export { parseAdCode, hasValidChecksum, adCodeDigest, adCodeFingerprint, type AdCode, type AdCodeFormatError, type AdCodeFormatProblem } from './spark-codes/ad-code.js';
export type {
  AccountType, VideoVisibility, VideoMusic, CreatorFacts, VideoFacts, AdvertiserFacts, VideoPreview, AdCodeRecord, LibraryEntry, AdCodeStatus, AdCodeSummary,
} from './spark-codes/spark-codes.model.js';
export {
  canGenerateAdCode, canApplyAdCode, adCodeStatusAt, summarizeAdCode, type GenerateFacts, type ApplyFacts, type CodeTimes,
} from './spark-codes/spark-codes.rules.js';
export { isInForce, type AuthorizationTimes } from './kernel/authorization.js';
export {
  creatorFactsSchema, videoFactsSchema, advertiserFactsSchema, generateCodeInputSchema, showCodeInputSchema, searchCodeInputSchema,
  confirmCodeInputSchema, revokeCodeInputSchema, codeStatusInputSchema, listExpiringInputSchema, expireDueInputSchema,
  type GenerateCodeInput, type ShowCodeInput, type SearchCodeInput, type ConfirmCodeInput, type RevokeCodeInput, type CodeStatusInput, type ListExpiringInput,
  type ExpireDueInput,
} from './spark-codes/spark-codes.schemas.js';
export {
  toBusinessApiError, type BusinessApiError, type SearchThrottledError, type GenerateCodeError, type ShowCodeError, type SearchCodeError,
  type ConfirmCodeError, type RevokeCodeError, type QueryError,
} from './spark-codes/spark-codes.errors.js';
export type {
  SparkEvent, CodeGeneratedEvent, AuthorizationConfirmedEvent, CodeRevokedEvent, CodeExpiredEvent, CodeSearchFailedEvent,
} from './spark-codes/spark-codes.events.js';
export {
  createSparkCodes, type SparkCodes, type SparkCodesOptions, type GeneratedCode, type CodeSearchResult, type ConfirmResult, type RevokeResult, type LibraryEntryView,
  type ExpireDueResult,
} from './spark-codes/spark-codes.service.js';

// Ads that run authorized posts
export type {
  CampaignObjective, Placement, CampaignType, CampaignFacts, AdSchedule, AdIdentity, AdStatus, AdStatusReason, AdAuthorizationRef,
  AssetAuthorizationSource, AssetAuthorization, AdRecord, AdView, AdForecast, AdRef, AdForecastFacts,
} from './ads/ads.model.js';
export {
  AD_TRANSITIONS, PAUSED_BY_REVOCATION, IN_USE_STATUSES, STOPPED_BY_EXPIRY, isSparkAd, identityKey, offersAssetAuthorization, canCreateAd,
  authorizationViolations, adStatusAt, viewAd, canChangeAdStatus, forecastAds, countsTowardAdLimits, adLimitViolations, withStatus,
  revocationEffects, stoppedByExpiry,
  type AdAction, type CreateAdFacts, type AuthorizationFacts, type AdStatusAt, type ChangeStatusFacts, type AdLimitFacts, type RevocationEffects,
} from './ads/ads.rules.js';
export {
  campaignObjectiveSchema, campaignFactsSchema, adScheduleSchema, adIdentitySchema, createAdInputSchema, adActionInputSchema, reviewAdInputSchema,
  getAdInputSchema, forecastInputSchema,
  type CreateAdInput, type AdActionInput, type ReviewAdInput, type ForecastInput,
} from './ads/ads.schemas.js';
export type { AdsError } from './ads/ads.errors.js';
export type { AdsEvent, AdCreatedEvent, AdStatusChangedEvent, AdStatusEventData, AdStatusEventType } from './ads/ads.events.js';
export { createAds, type Ads, type AdsOptions } from './ads/ads.service.js';

// Top Ads asset authorization
export type { TopAdsStatus, NotInTopAdsReason, TopAdsStatusView, TopAdsDisplay, TopAdsQuery, PopupDecision } from './top-ads/top-ads.model.js';
export {
  topAdsEligibility, topAdsStatusAt, popupCandidates, shouldShowTopAdsPopup, topAdsDisplay, matchesTopAdsQuery, assetAuthorizationViolations,
  withAssetAuthorization,
} from './top-ads/top-ads.rules.js';
export {
  topAdsStatusInputSchema, withdrawInputSchema, authorizeCreativesInputSchema, popupInputSchema, topAdsQueryInputSchema,
  type WithdrawInput, type AuthorizeCreativesInput, type PopupInput, type TopAdsQueryInput,
} from './top-ads/top-ads.schemas.js';
export type { TopAdsEvent, CreativeAuthorizedEvent, CreativeWithdrawnEvent, PopupShownEvent } from './top-ads/top-ads.events.js';
export { createTopAds, type TopAds, type TopAdsOptions, type TopAdsError, type WithdrawResult, type PopupResult } from './top-ads/top-ads.service.js';
// Business Center links by QR code (BC-01..08)
export {
  LINK_PERMISSIONS, SPARK_ADS_PERMISSIONS, checkPermissions, parsePermissionSet, linkCapabilities, canDeliverSparkAds,
  type LinkPermission, type PermissionLevel, type PermissionSet, type PermissionSetError, type LinkCapabilities,
} from './business-center/permissions.js';
export { parseQrToken, qrTokenDigest, qrTokenFingerprint, QR_TOKEN_PREFIX, type QrToken, type QrTokenFormatError } from './business-center/qr-token.js';
export type {
  BcRole, AdAccountRole, TikTokAccountType, BusinessCenterFacts, BcMemberFacts, AdAccountFacts, TikTokAccountFacts, LinkRequestStatus, LinkRequestRecord,
  LinkMethod, LinkedAccountSnapshot, BcLinkRecord, AdAccountAssignment, LinkRequestSummary,
} from './business-center/business-center.model.js';
export {
  canStartLinkRequest, linkRequestStatusAt, canApproveLinkRequest, linkPlacementViolations, isLinkActive, canManageLink, summarizeLinkRequest,
  canCloseLinkRequest, type StartLinkLimits, type LinkCaps, type StartLinkFacts, type RequestTimes, type ApprovalObservation, type ApproveLinkFacts, type ManageLinkFacts,
} from './business-center/business-center.rules.js';
export {
  businessCenterFactsSchema, bcMemberFactsSchema, adAccountFactsSchema, tiktokAccountFactsSchema, permissionListSchema, startLinkRequestInputSchema,
  approveLinkRequestInputSchema, rejectLinkRequestInputSchema, cancelLinkRequestInputSchema, linkRequestStatusInputSchema, changeLinkPermissionsInputSchema,
  unlinkInputSchema, assignmentInputSchema,
  type StartLinkRequestInput, type ApproveLinkRequestInput, type RejectLinkRequestInput, type CancelLinkRequestInput, type ChangeLinkPermissionsInput,
  type UnlinkInput, type AssignmentInput,
} from './business-center/business-center.schemas.js';
export type {
  StartLinkRequestError, ApproveLinkRequestError, CloseLinkRequestError, LinkChangeError, BcQueryError,
} from './business-center/business-center.errors.js';
export type {
  BusinessCenterEvent, LinkRequestedEvent, LinkApprovedEvent, LinkRequestRejectedEvent, LinkRequestCancelledEvent, LinkPermissionsChangedEvent,
  UnlinkedEvent, AdAccountAssignedEvent, AdAccountUnassignedEvent,
} from './business-center/business-center.events.js';
export {
  createBusinessCenterLinks, type BusinessCenterLinks, type BusinessCenterLinksOptions, type StartedLinkRequest, type LinkView, type ApprovedLink,
} from './business-center/business-center.service.js';

// TikTok accounts as ad delivery identities in Ads Manager (ASSET-01..08)
export type {
  IdentityContextFacts, OwnedAccountKind, AccountMemberRole, AccountMember, OwnedAccountRecord, IdentityAvailableStatus, IdentityAvailability,
} from './delivery-identities/delivery-identities.model.js';
export {
  canManageIdentities, canCreateOrganizationAccount, identityAvailability, canGrantAccountAccess, type OrganizationAccountFacts,
  type AvailabilityFacts, type GrantAccessFacts,
} from './delivery-identities/delivery-identities.rules.js';
export {
  identityContextSchema, linkFromBusinessCenterInputSchema, linkByLoginInputSchema, linkByQrCodeInputSchema, createOrganizationAccountInputSchema,
  signUpAccountInputSchema, grantAccountAccessInputSchema, identityAvailabilityInputSchema, listIdentitiesInputSchema,
  type IdentityContextInput, type LinkFromBusinessCenterInput, type LinkByLoginInput, type LinkByQrCodeInput, type CreateOrganizationAccountInput,
  type SignUpAccountInput, type GrantAccountAccessInput, type IdentityAvailabilityInput,
} from './delivery-identities/delivery-identities.schemas.js';
export type { IdentityError, GrantAccessError, IdentityQueryError } from './delivery-identities/delivery-identities.errors.js';
export type { DeliveryIdentityEvent, AccountCreatedEvent, AccountMemberGrantedEvent } from './delivery-identities/delivery-identities.events.js';
export {
  createDeliveryIdentities, CREATED_ACCOUNT_PERMISSIONS, type DeliveryIdentities, type DeliveryIdentitiesOptions, type LinkedIdentity, type CreatedIdentity,
} from './delivery-identities/delivery-identities.service.js';
