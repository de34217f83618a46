/**
 * `tiktok-ad-auth/business-api`: the TikTok Business API's vocabulary as data (API-01), for an
 * app that calls the API itself. The library makes no HTTP calls: the app sends what the
 * builders make and hands the parsers what it receives.
 *
 * - zod/mini schemas of the request and response bodies of the Spark Ads endpoints
 *   (`tt_video/authorize`, `tt_video/info`, `tt_video/list`, `tt_video/unbind`) and of the
 *   identity list (`identity/get`), to validate what you send and receive;
 * - parsers from those responses to the library's facts (`parseAuthCodeInfo` → the
 *   `PlatformCodeFacts` a registered code takes, `parseAuthorizedVideos`, `parseIdentities`) and
 *   builders of the request bodies;
 * - TikTok's table of Spark Ads error codes with meaning and action (`SPARK_ADS_ERRORS`), and
 *   the mapping both ways: `toBusinessApiError` (a library error → the API's error) and
 *   `fromBusinessApiError` (an API error → meaning, action and the library's violation codes).
 *
 * Nothing of this entry is in the bundle of an app that does not import it.
 *
 * @example
 * ```ts
 * import { buildInfoQuery, parseAuthCodeInfo } from 'tiktok-ad-auth/business-api';
 *
 * const query = buildInfoQuery({ advertiserId, authCode: pasted }).unwrap();
 * const base = 'https://business-api.tiktok.com/open_api/v1.3';
 * const headers = { 'Access-Token': token };
 * const res = await fetch(`${base}/tt_video/info/?${new URLSearchParams(query)}`, { headers });
 * const facts = parseAuthCodeInfo(await res.json(), { checkedAt: clock.now() });
 * if (facts.isErr() && facts.error.code === 'business_api.refused') console.log(facts.error.info?.action);
 * ```
 *
 * @packageDocumentation
 */

export {
  authCodeStatusSchema,
  identityTypeSchema,
  identityAvailableStatusSchema,
  businessApiEnvelopeSchema,
  pageInfoSchema,
  authInfoSchema,
  ttVideoItemSchema,
  ttVideoInfoResponseSchema,
  ttVideoListResponseSchema,
  ttVideoAckResponseSchema,
  identitySchema,
  identityGetResponseSchema,
  ttVideoAuthorizeRequestSchema,
  ttVideoUnbindRequestSchema,
  ttVideoInfoRequestSchema,
  ttVideoListRequestSchema,
  identityGetRequestSchema,
} from './schemas.js';
export {
  parseAuthCodeInfo,
  parseAuthorizedVideos,
  parseIdentities,
  parseAcknowledgement,
  buildAuthorizeRequest,
  buildUnbindRequest,
  buildInfoQuery,
  buildListQuery,
  buildIdentityQuery,
  type BusinessApiRefusal,
  type BusinessApiParseError,
  type BusinessApiPage,
  type ParseAnswerOptions,
  type AuthorizedVideo,
  type AuthorizedVideos,
  type BusinessApiIdentity,
  type BusinessApiIdentities,
} from './parsers.js';
export {
  SPARK_ADS_ERRORS,
  fromBusinessApiError,
  type SparkAdsError,
  type BusinessApiErrorName,
  type BusinessApiErrorInfo,
  type BusinessApiErrorInput,
} from './errors.js';
export { toBusinessApiError, type BusinessApiError } from '../spark-codes/spark-codes.errors.js';
export type { PlatformCodeFacts, EndSource } from '../registry/registry.model.js';
export { parsePlatformCode, type PlatformCode, type PlatformCodeFormatError } from '../registry/platform-code.js';
