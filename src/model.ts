/**
 * `tiktok-ad-auth/model`: the data the library reads and writes, for annotating your own code.
 * Branded ids; the enumerations, in the TikTok Business API's vocabulary where it has one
 * (`auth_code_status`, `objective_type`, `identity_type`, `available_status`…) and the
 * mapping of errors to the API's error codes (`toBusinessApiError`); the facts the rules take;
 * the records the services keep; the input of every service method; each event type; and the
 * constants of the vocabulary (permissions, the ad status machine, the policy's default
 * objective and region lists). Types, plus those constants and two small functions
 * (`toBusinessApiError`, and `decide` for writing rules of your own in the library's shape):
 * importing a type from here costs a bundle nothing.
 *
 * The services, rules and error types are in `tiktok-ad-auth`; the zod schemas of the inputs
 * in `tiktok-ad-auth/schemas`.
 *
 * @example
 * ```ts
 * import { canGenerateAdCode, DEFAULT_POLICY } from 'tiktok-ad-auth';
 * import type { CreatorFacts, VideoFacts } from 'tiktok-ad-auth/model';
 *
 * const creator: CreatorFacts = {
 *   id: 'creator-1', displayName: 'Ana', accountType: 'CREATOR', followerCount: 25_000,
 *   adAuthorizationEnabled: true, adTermsAccepted: true,
 * };
 * const video: VideoFacts = {
 *   id: 'video-1', ownerId: 'creator-1', visibility: 'PUBLIC', isOriginal: true,
 *   adAuthorizationEnabled: true, music: 'NONE',
 * };
 * canGenerateAdCode({ creator, video, periodDays: 30 }, DEFAULT_POLICY).allowed; // true
 * ```
 *
 * @packageDocumentation
 */

// Kernel: branded ids, actors, decisions, the rule catalogue's sources, policy defaults
export type { Brand } from './kernel/brand.js';
export type {
  CreatorId,
  VideoId,
  AdAccountId,
  UserId,
  AdCodeId,
  EventId,
  AdId,
  BusinessCenterId,
  TikTokAccountId,
  LinkRequestId,
  BcLinkId,
} from './kernel/ids.js';
export { SYSTEM_ACTOR } from './kernel/events.js';
export { decide } from './kernel/decision.js';
export type { RuleSource } from './kernel/rule-catalogue.js';
export type { AuthorizationTimes } from './kernel/authorization.js';
export type { ReadonlyInput } from './kernel/validation.js';
export { DEFAULT_UNSUPPORTED_OBJECTIVES, DEFAULT_OPERATING_REGIONS } from './kernel/policy.js';

// Spark Ads authorization codes
export type {
  AccountType,
  VideoVisibility,
  VideoMusic,
  CreatorFacts,
  VideoFacts,
  AdvertiserFacts,
  VideoPreview,
  AdCodeRecord,
  AuthorizationOrigin,
  AuthorizationExtension,
  LibraryEntry,
  AdCodeStatus,
} from './spark-codes/spark-codes.model.js';
export type { AdCodeFormatProblem } from './spark-codes/ad-code.js';
export type { GenerateFacts, ApplyFacts, CodeTimes } from './spark-codes/spark-codes.rules.js';
export { toBusinessApiError, type BusinessApiError } from './spark-codes/spark-codes.errors.js';
export type {
  GenerateCodeInput,
  ShowCodeInput,
  SearchCodeInput,
  ConfirmCodeInput,
  RevokeCodeInput,
  CodeStatusInput,
  ListExpiringInput,
  ExpireDueInput,
} from './spark-codes/spark-codes.schemas.js';
export type {
  CodeGeneratedEvent,
  AuthorizationConfirmedEvent,
  CodeRevokedEvent,
  CodeExpiredEvent,
  CodeSearchFailedEvent,
} from './spark-codes/spark-codes.events.js';

// Ads that run authorized posts
export type {
  CampaignObjective,
  Placement,
  CampaignType,
  CampaignFacts,
  AdSchedule,
  AdIdentity,
  AdStatus,
  AdStatusReason,
  AdAuthorizationRef,
  AssetAuthorizationSource,
  AssetAuthorization,
  AdRecord,
  AdRef,
  AdForecastFacts,
  AdIdentityInput,
} from './ads/ads.model.js';
export {
  AD_TRANSITIONS,
  PAUSED_BY_REVOCATION,
  IN_USE_STATUSES,
  STOPPED_BY_EXPIRY,
  type AdAction,
  type CreateAdFacts,
  type AuthorizationFacts,
  type ChangeStatusFacts,
  type AdLimitFacts,
  type AdStatusAt,
  type RevocationEffects,
} from './ads/ads.rules.js';
export type { CreateAdInput, AdActionInput, ReviewAdInput, GetAdInput, ForecastInput } from './ads/ads.schemas.js';
export type { AdCreatedEvent, AdStatusChangedEvent, AdStatusEventData, AdStatusEventType } from './ads/ads.events.js';

// Top Ads asset authorization
export type { TopAdsStatus, NotInTopAdsReason, TopAdsQuery, PopupDecision } from './top-ads/top-ads.model.js';
export type {
  TopAdsStatusInput,
  WithdrawInput,
  AuthorizeCreativesInput,
  PopupInput,
  TopAdsQueryInput,
} from './top-ads/top-ads.schemas.js';
export type { CreativeAuthorizedEvent, CreativeWithdrawnEvent, PopupShownEvent } from './top-ads/top-ads.events.js';

// Business Center links by QR code
export type {
  BcRole,
  AdAccountRole,
  TikTokAccountType,
  BusinessCenterFacts,
  BcMemberFacts,
  AdAccountFacts,
  TikTokAccountFacts,
  LinkRequestStatus,
  LinkRequestRecord,
  LinkMethod,
  LinkedAccountSnapshot,
  BcLinkRecord,
} from './business-center/business-center.model.js';
export {
  LINK_PERMISSIONS,
  SPARK_ADS_PERMISSIONS,
  type LinkPermission,
  type PermissionLevel,
  type LinkCapabilities,
} from './business-center/permissions.js';
export { QR_TOKEN_PREFIX } from './business-center/qr-token.js';
export type {
  StartLinkFacts,
  StartLinkLimits,
  LinkCaps,
  RequestTimes,
  ApprovalObservation,
  ApproveLinkFacts,
  ManageLinkFacts,
} from './business-center/business-center.rules.js';
export type {
  StartLinkRequestInput,
  ApproveLinkRequestInput,
  RejectLinkRequestInput,
  CancelLinkRequestInput,
  LinkRequestStatusInput,
  ChangeLinkPermissionsInput,
  UnlinkInput,
  AssignmentInput,
} from './business-center/business-center.schemas.js';
export type {
  LinkRequestedEvent,
  LinkApprovedEvent,
  LinkRequestRejectedEvent,
  LinkRequestCancelledEvent,
  LinkPermissionsChangedEvent,
  UnlinkedEvent,
  AdAccountAssignedEvent,
  AdAccountUnassignedEvent,
} from './business-center/business-center.events.js';

// TikTok accounts as ad delivery identities in Ads Manager
export type {
  IdentityContextFacts,
  OwnedAccountKind,
  AccountMemberRole,
  OwnedAccountRecord,
  IdentityAvailableStatus,
} from './delivery-identities/delivery-identities.model.js';
export type {
  OrganizationAccountFacts,
  AvailabilityFacts,
  GrantAccessFacts,
} from './delivery-identities/delivery-identities.rules.js';
export { CREATED_ACCOUNT_PERMISSIONS } from './delivery-identities/delivery-identities.service.js';
export type {
  IdentityContextInput,
  LinkFromBusinessCenterInput,
  LinkByLoginInput,
  LinkByQrCodeInput,
  CreateOrganizationAccountInput,
  SignUpAccountInput,
  GrantAccountAccessInput,
  CheckIdentityAvailabilityInput,
  ListIdentitiesInput,
} from './delivery-identities/delivery-identities.schemas.js';
export type {
  AccountCreatedEvent,
  AccountMemberGrantedEvent,
} from './delivery-identities/delivery-identities.events.js';

// --- business-api (issue 14) ---
export type { PlatformCode, PlatformCodeFormatError } from './registry/platform-code.js';

// --- registry (issue 14) ---
export type { EndSource, PlatformCodeFacts } from './registry/registry.model.js';
export type {
  AuthorizationRegistration,
  RefreshResult,
  RegisterResult,
  RegisteredCodeView,
  UnbindResult,
} from './registry/registry.model.js';
export type { RegistryError, RegistryOptions } from './registry/registry.service.js';
export type {
  ListRegisteredInput,
  RefreshCodeInput,
  RegisterCodeInput,
  UnbindPostInput,
} from './registry/registry.schemas.js';
export type {
  CodeRefreshedEvent,
  CodeRegisteredEvent,
  PostUnboundEvent,
  RegistryEvent,
} from './registry/registry.events.js';

// --- requests (issue 13) ---
export type {
  BrandRequestId,
  BrandRequestRecord,
  BrandRequestStatus,
  BrandRequestView,
  CreatorLedgerPage,
  LedgerAdAccount,
  LedgerAdCounts,
  LedgerEntry,
  LedgerStatus,
} from './requests/requests.model.js';
export type {
  AcceptedRequest,
  BrandRequestError,
  BrandRequestsOptions,
} from './requests/requests.service.js';
export type { AcceptFacts, RequestFacts } from './requests/requests.rules.js';
export type {
  AcceptRequestInput,
  CancelRequestInput,
  CreatorLedgerInput,
  DeclineRequestInput,
  ListRequestsOptions,
  RequestAuthorizationInput,
  RequestParty,
} from './requests/requests.schemas.js';
export type {
  RequestAcceptedEvent,
  RequestCancelledEvent,
  RequestCreatedEvent,
  RequestDeclinedEvent,
  RequestEvent,
} from './requests/requests.events.js';

// --- extensions (issue 13) ---
export type {
  AnswerExtensionResult,
  ExtensionAskAnswer,
  ExtensionAskRecord,
  ExtensionAskStatus,
  ExtensionAskView,
  ExtensionResult,
  ReminderRecipient,
  ReminderRecord,
  RenewalAdvice,
} from './extensions/extensions.model.js';
export type { ExtensionError, ExtensionQueryError } from './extensions/extensions.errors.js';
export type {
  AnswerExtensionInput,
  AskExtensionInput,
  ExtendAuthorizationInput,
  ListAsksInput,
  RemindDueInput,
} from './extensions/extensions.schemas.js';
export type {
  AuthorizationExtendedEvent,
  ExtensionAskDeclinedEvent,
  ExtensionAskGrantedEvent,
  ExtensionAskedEvent,
  ExtensionEvent,
  ReminderAuthorizationEndingEvent,
} from './extensions/extensions.events.js';

// --- batches and portfolio (issue 14) ---
export type {
  BatchError,
  BatchItemResult,
  RevokeAllItemResult,
} from './spark-codes/spark-codes.service.js';
export type { WithdrawalConfirmation, WithdrawalItemResult } from './top-ads/top-ads.service.js';
export type { PortfolioError } from './portfolio/portfolio.service.js';
export type { PortfolioAd, PortfolioItem, PortfolioPage } from './portfolio/portfolio.model.js';
export type { PortfolioKey } from './portfolio/portfolio.rules.js';
export type { ConfirmCodesInput, RevokeAllCodesInput } from './spark-codes/spark-codes.schemas.js';
export type { ConfirmWithdrawalInput, PrepareWithdrawalInput } from './top-ads/top-ads.schemas.js';
export type { EndingSoonInput } from './portfolio/portfolio.schemas.js';

// --- lifecycle (issue 13) ---
export type {
  DeletedAd,
  DependencyFacts,
  DependencyReport,
  DependencyStateRecord,
  IdentityAvailabilityFact,
  LifecycleReason,
} from './ads/ads.model.js';
export type { AdDeletedEvent, DependencyReportedEvent } from './ads/ads.events.js';
export type { DeleteDraftInput, ReportAccountChangeInput, ReportPostChangeInput } from './ads/ads.schemas.js';

// --- results and views of the services (moved from `.` to keep it at most 150 names) ---
export type {
  GeneratedCode,
  CodeSearchResult,
  ConfirmResult,
  RevokeResult,
  ExpireDueResult,
  LibraryEntryView,
} from './spark-codes/spark-codes.service.js';
export type { AdCodeSummary } from './spark-codes/spark-codes.model.js';
export type { AdView, AdForecast } from './ads/ads.model.js';
export type { WithdrawResult, PopupResult } from './top-ads/top-ads.service.js';
export type { TopAdsStatusView, TopAdsDisplay } from './top-ads/top-ads.model.js';
export type { StartedLinkRequest, ApprovedLink, LinkView } from './business-center/business-center.service.js';
export type { LinkRequestSummary, AdAccountAssignment } from './business-center/business-center.model.js';
export type { LinkedIdentity, CreatedIdentity } from './delivery-identities/delivery-identities.service.js';
export type { AccountMember, IdentityAvailability } from './delivery-identities/delivery-identities.model.js';
export type { ExtensionsOptions } from './extensions/extensions.service.js';
export type { PortfolioOptions } from './portfolio/portfolio.service.js';
