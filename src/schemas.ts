/**
 * `tiktok-ad-auth/schemas`: the zod/mini schemas the services validate their input with, for
 * validating the same data at your own boundary (an HTTP handler, a form) with the same
 * messages. They are strict objects: unknown keys are refused. Parse with zod's own functions;
 * the input types they accept are in `tiktok-ad-auth/model` (`GenerateCodeInput`, …).
 *
 * Only this entry point loads the schemas of every context: a bundle that imports the services
 * it uses from `tiktok-ad-auth` keeps only those services' schemas.
 *
 * @example
 * ```ts
 * import * as z from 'zod/mini';
 * import { generateCodeInputSchema } from 'tiktok-ad-auth/schemas';
 *
 * const parsed = z.safeParse(generateCodeInputSchema, await request.json());
 * if (!parsed.success) return new Response(JSON.stringify(parsed.error.issues), { status: 400 });
 * ```
 *
 * @packageDocumentation
 */

// Policy
export { policySchema } from './kernel/policy-schema.js';

// Spark Ads authorization codes
export {
  creatorFactsSchema,
  videoFactsSchema,
  advertiserFactsSchema,
  generateCodeInputSchema,
  showCodeInputSchema,
  searchCodeInputSchema,
  confirmCodeInputSchema,
  revokeCodeInputSchema,
  codeStatusInputSchema,
  listExpiringInputSchema,
  expireDueInputSchema,
} from './spark-codes/spark-codes.schemas.js';

// Ads that run authorized posts
export {
  campaignObjectiveSchema,
  campaignFactsSchema,
  adScheduleSchema,
  adIdentitySchema,
  createAdInputSchema,
  adActionInputSchema,
  reviewAdInputSchema,
  getAdInputSchema,
  forecastInputSchema,
} from './ads/ads.schemas.js';

// Top Ads asset authorization
export {
  topAdsStatusInputSchema,
  withdrawInputSchema,
  authorizeCreativesInputSchema,
  popupInputSchema,
  topAdsQueryInputSchema,
} from './top-ads/top-ads.schemas.js';

// Business Center links by QR code
export {
  businessCenterFactsSchema,
  bcMemberFactsSchema,
  adAccountFactsSchema,
  tiktokAccountFactsSchema,
  permissionListSchema,
  startLinkRequestInputSchema,
  approveLinkRequestInputSchema,
  rejectLinkRequestInputSchema,
  cancelLinkRequestInputSchema,
  linkRequestStatusInputSchema,
  changeLinkPermissionsInputSchema,
  unlinkInputSchema,
  assignmentInputSchema,
} from './business-center/business-center.schemas.js';

// TikTok accounts as ad delivery identities in Ads Manager
export {
  identityContextSchema,
  linkFromBusinessCenterInputSchema,
  linkByLoginInputSchema,
  linkByQrCodeInputSchema,
  createOrganizationAccountInputSchema,
  signUpAccountInputSchema,
  grantAccountAccessInputSchema,
  checkIdentityAvailabilityInputSchema,
  listIdentitiesInputSchema,
} from './delivery-identities/delivery-identities.schemas.js';

// --- requests (issue 13) ---
export {
  acceptRequestInputSchema,
  cancelRequestInputSchema,
  creatorLedgerInputSchema,
  declineRequestInputSchema,
  listRequestsOptionsSchema,
  requestAuthorizationInputSchema,
  requestPartySchema,
} from './requests/requests.schemas.js';

// --- extensions (issue 13) ---
export {
  answerExtensionInputSchema,
  askExtensionInputSchema,
  extendAuthorizationInputSchema,
  listAsksInputSchema,
  remindDueInputSchema,
} from './extensions/extensions.schemas.js';

// --- batches and portfolio (issue 14) ---
export { confirmCodesInputSchema, revokeAllCodesInputSchema } from './spark-codes/spark-codes.schemas.js';
export { confirmWithdrawalInputSchema, prepareWithdrawalInputSchema } from './top-ads/top-ads.schemas.js';
export { endingSoonInputSchema } from './portfolio/portfolio.schemas.js';

// --- registry (issue 14) ---
export {
  listRegisteredInputSchema,
  platformCodeFactsSchema,
  refreshCodeInputSchema,
  registerCodeInputSchema,
  unbindPostInputSchema,
} from './registry/registry.schemas.js';

// --- lifecycle (issue 13) ---
export {
  deleteDraftInputSchema,
  reportAccountChangeInputSchema,
  reportPostChangeInputSchema,
} from './ads/ads.schemas.js';
