// The request and response bodies of the Business API endpoints the library speaks (API-01):
// Spark Ads `tt_video/authorize`, `tt_video/info`, `tt_video/list`, `tt_video/unbind`, and the
// identity list `identity/get` (API version v1.3, https://business-api.tiktok.com/open_api/v1.3/).
//
// Sources (what each field below rests on):
// - TikTok API for Business docs, "Create Spark Ads" (Doc ID 1739470744631298, Use Cases >
//   Campaign creation), whose examples are the fixtures under test/fixtures/business-api/;
//   endpoint references it links: tt_video/info 1738376324021250, tt_video/authorize
//   1738376435339265, tt_video/list 1738376465972226, identity/get 1740218420781057.
// - The field lists and enumerations of a public Business API client that transcribes the
//   reference pages: github.com/bububa/tiktok-business, model/ttvideo/*.go, model/identity/*.go,
//   enum/identity_type.go, enum/identity_available_status.go.
// - The status vocabulary `auth_code_status` (NOT_USED, IN_USE, EXPIRED, DELETED) is the
//   project's design (design.md §6). Neither source above shows that field in a response: the
//   docs' examples carry `auth_info.ad_auth_status` (`AUTHORIZED`). Both are read when present.
//
// Requests are strict (an unknown field is refused: it would be a typo). Responses are not: TikTok
// adds fields over time, and an app must not break on one; the fields the parsers read are
// checked, each refusal naming the field's path (`data.auth_info.auth_end_time`).
import * as z from 'zod/mini';
import { idSchema, typeMessage } from '../kernel/validation.js';
import { parsePlatformCode } from '../registry/platform-code.js';
import { parseApiTime } from './time.js';

/**
 * The status of a Spark Ads authorization code in the Business API's vocabulary
 * (`auth_code_status`): `NOT_USED → IN_USE → EXPIRED | DELETED` (API-01).
 *
 * @example
 * ```ts
 * import { authCodeStatusSchema } from 'tiktok-ad-auth/business-api';
 * authCodeStatusSchema.safeParse('IN_USE').success; // true
 * ```
 */
export const authCodeStatusSchema = z.enum(['NOT_USED', 'IN_USE', 'EXPIRED', 'DELETED']);

/**
 * An identity type (`identity_type`): `CUSTOMIZED_USER` (custom identity), `AUTH_CODE` (an account
 * or post reached by an authorization code), `TT_USER` (a TikTok business account linked to the
 * ad account), `BC_AUTH_TT` (a TikTok account added to a Business Center), `TTS_TT` (the TikTok
 * account of a TikTok Shop) (API-01).
 *
 * @example
 * ```ts
 * import { identityTypeSchema } from 'tiktok-ad-auth/business-api';
 * identityTypeSchema.safeParse('BC_AUTH_TT').success; // true
 * ```
 */
export const identityTypeSchema = z.enum(['CUSTOMIZED_USER', 'AUTH_CODE', 'TT_USER', 'BC_AUTH_TT', 'TTS_TT']);

/**
 * Whether an identity can be used (`available_status`); reported for `TT_USER` and `BC_AUTH_TT`
 * identities only (API-01).
 *
 * @example
 * ```ts
 * import { identityAvailableStatusSchema } from 'tiktok-ad-auth/business-api';
 * identityAvailableStatusSchema.safeParse('IS_PRIVATE_ACCOUNT').success; // true
 * ```
 */
export const identityAvailableStatusSchema = z.enum([
  'AVAILABLE',
  'NO_VALID_BIND_ACCOUNT',
  'SCOPE_UNAVAILABLE',
  'IS_PRIVATE_ACCOUNT',
  'NOT_BUSINESS_ACCOUNT',
]);

/** A post type: a video or a photo post. */
const itemType = z.enum(['VIDEO', 'CAROUSEL']);
const TIME_FORMAT = 'must be a UTC time "YYYY-MM-DD HH:MM:SS"';
/** A time as the API writes it (see `parseApiTime`). */
const apiTime = z.string(typeMessage(TIME_FORMAT)).check(z.refine((s) => parseApiTime(s) !== undefined, TIME_FORMAT));
/** A code TikTok issued, exactly (no surrounding space): `#` + base64. */
const platformCode = z
  .string(typeMessage('must be an authorization code: "#" followed by base64'))
  .check(
    z.refine(
      (s) => parsePlatformCode(s).isOk() && s.trim() === s,
      'must be an authorization code: "#" followed by base64',
    ),
  );
const optionalText = z.optional(z.nullable(z.string()));
const optionalFlag = z.optional(z.nullable(z.boolean()));
const count = z.int(typeMessage('must be a whole number')).check(z.gte(0, 'must be 0 or more'));

/**
 * The envelope of every Business API response: `code` 0 and `message` `OK` on success, else
 * TikTok's error code and message; `data` holds the answer.
 *
 * @example
 * ```ts
 * import { businessApiEnvelopeSchema } from 'tiktok-ad-auth/business-api';
 * businessApiEnvelopeSchema.safeParse({ code: 40002, message: 'No permission', request_id: 'r1' }).success; // true
 * ```
 */
export const businessApiEnvelopeSchema = z.object({
  code: z.int(typeMessage('must be a whole number')),
  message: z.string(),
  request_id: z.optional(z.string()),
});

/**
 * Paging of a list answer (`page_info`).
 *
 * @example
 * ```ts
 * import { pageInfoSchema } from 'tiktok-ad-auth/business-api';
 * pageInfoSchema.safeParse({ page: 1, page_size: 20, total_number: 1, total_page: 1 }).success; // true
 * ```
 */
export const pageInfoSchema = z.object({
  page: count,
  page_size: count,
  total_number: count,
  total_page: count,
});

/**
 * The authorization of a post (`auth_info`): start and end of the authorization (UTC), the
 * API's status, and when the creator was invited.
 *
 * @example
 * ```ts
 * import { authInfoSchema } from 'tiktok-ad-auth/business-api';
 * authInfoSchema.safeParse({ auth_start_time: '2026-10-01 00:00:00', auth_end_time: '2026-10-31 00:00:00' }).success;
 * ```
 */
export const authInfoSchema = z.object({
  ad_auth_status: optionalText,
  auth_code_status: z.optional(authCodeStatusSchema),
  auth_start_time: apiTime,
  auth_end_time: apiTime,
  invite_start_time: z.optional(z.nullable(apiTime)),
});

/**
 * One authorized post as `tt_video/info` and `tt_video/list` return it: the post
 * (`item_info`), its authorization (`auth_info`), the creator's identity (`user_info`) and the
 * video (`video_info`, `null` for a photo post).
 *
 * @example
 * ```ts
 * import { ttVideoItemSchema } from 'tiktok-ad-auth/business-api';
 * const ok = ttVideoItemSchema.safeParse(response.data).success;
 * ```
 */
export const ttVideoItemSchema = z.object({
  item_info: z.object({
    item_id: idSchema,
    auth_code: z.optional(z.nullable(platformCode)),
    text: optionalText,
    status: optionalText,
    item_type: z.optional(z.nullable(itemType)),
  }),
  auth_info: authInfoSchema,
  user_info: z.object({
    identity_id: idSchema,
    identity_type: identityTypeSchema,
    tiktok_name: optionalText,
  }),
  video_info: z.optional(z.nullable(z.object({ poster_url: optionalText }))),
});

/**
 * A successful `tt_video/info` response: the post an authorization code gives access to.
 *
 * @example
 * ```ts
 * import { ttVideoInfoResponseSchema } from 'tiktok-ad-auth/business-api';
 * const r = ttVideoInfoResponseSchema.safeParse(await res.json());
 * ```
 */
export const ttVideoInfoResponseSchema = z.object({
  ...businessApiEnvelopeSchema.shape,
  code: z.literal(0),
  data: ttVideoItemSchema,
});

/**
 * A successful `tt_video/list` response: the posts authorized to an ad account, a page of them.
 *
 * @example
 * ```ts
 * import { ttVideoListResponseSchema } from 'tiktok-ad-auth/business-api';
 * const r = ttVideoListResponseSchema.safeParse(await res.json());
 * ```
 */
export const ttVideoListResponseSchema = z.object({
  ...businessApiEnvelopeSchema.shape,
  code: z.literal(0),
  data: z.object({ list: z.nullable(z.array(ttVideoItemSchema)), page_info: z.optional(pageInfoSchema) }),
});

/**
 * A successful `tt_video/authorize` or `tt_video/unbind` response: `data` is an empty object.
 *
 * @example
 * ```ts
 * import { ttVideoAckResponseSchema } from 'tiktok-ad-auth/business-api';
 * ttVideoAckResponseSchema.safeParse({ code: 0, message: 'OK', request_id: 'r1', data: {} }).success; // true
 * ```
 */
export const ttVideoAckResponseSchema = z.object({
  ...businessApiEnvelopeSchema.shape,
  code: z.literal(0),
  data: z.optional(z.object({})),
});

/**
 * One identity of an ad account as `identity/get` returns it.
 *
 * @example
 * ```ts
 * import { identitySchema } from 'tiktok-ad-auth/business-api';
 * identitySchema.safeParse({ identity_id: '7000', identity_type: 'TT_USER', available_status: 'AVAILABLE' }).success;
 * ```
 */
export const identitySchema = z.object({
  identity_id: idSchema,
  identity_type: identityTypeSchema,
  identity_authorized_bc_id: z.optional(z.nullable(idSchema)),
  display_name: optionalText,
  available_status: z.optional(z.nullable(identityAvailableStatusSchema)),
  can_pull_video: optionalFlag,
  can_push_video: optionalFlag,
  can_use_live_ads: optionalFlag,
});

/**
 * A successful `identity/get` response: the identities an ad account can deliver ads with.
 *
 * @example
 * ```ts
 * import { identityGetResponseSchema } from 'tiktok-ad-auth/business-api';
 * const r = identityGetResponseSchema.safeParse(await res.json());
 * ```
 */
export const identityGetResponseSchema = z.object({
  ...businessApiEnvelopeSchema.shape,
  code: z.literal(0),
  data: z.object({ identity_list: z.nullable(z.array(identitySchema)), page_info: z.optional(pageInfoSchema) }),
});

/**
 * The body of `POST tt_video/authorize`: apply a creator's code to an ad account. For a stitch,
 * a duet or a post that mentions another video, `original_post_auth_code` is the source post's
 * code.
 *
 * @example
 * ```ts
 * import { ttVideoAuthorizeRequestSchema } from 'tiktok-ad-auth/business-api';
 * ttVideoAuthorizeRequestSchema.safeParse({ advertiser_id: '7012', auth_code: code }).success;
 * ```
 */
export const ttVideoAuthorizeRequestSchema = z.strictObject({
  advertiser_id: idSchema,
  auth_code: platformCode,
  original_post_auth_code: z.optional(platformCode),
});

/**
 * The body of `POST tt_video/unbind`: remove an authorized post from an ad account.
 *
 * @example
 * ```ts
 * import { ttVideoUnbindRequestSchema } from 'tiktok-ad-auth/business-api';
 * ttVideoUnbindRequestSchema.safeParse({ advertiser_id: '7012', item_id: '7300000000000000000' }).success;
 * ```
 */
export const ttVideoUnbindRequestSchema = z.strictObject({ advertiser_id: idSchema, item_id: idSchema });

/**
 * The query of `GET tt_video/info`: the post a code gives access to.
 *
 * @example
 * ```ts
 * import { ttVideoInfoRequestSchema } from 'tiktok-ad-auth/business-api';
 * ttVideoInfoRequestSchema.safeParse({ advertiser_id: '7012', auth_code: code }).success;
 * ```
 */
export const ttVideoInfoRequestSchema = z.strictObject({ advertiser_id: idSchema, auth_code: platformCode });

/**
 * The query of `GET tt_video/list` (before encoding): post types, a keyword (text up to 500
 * characters or a post id), page (from 1) and page size (1–50).
 *
 * @example
 * ```ts
 * import { ttVideoListRequestSchema } from 'tiktok-ad-auth/business-api';
 * ttVideoListRequestSchema.safeParse({ advertiser_id: '7012', page_size: 50 }).success; // true
 * ```
 */
export const ttVideoListRequestSchema = z.strictObject({
  advertiser_id: idSchema,
  item_types: z.optional(z.array(itemType).check(z.minLength(1, 'must not be empty'))),
  keyword: z.optional(z.string().check(z.minLength(1, 'must not be empty'), z.maxLength(500, 'must be at most 500'))),
  page: z.optional(z.int(typeMessage('must be a whole number')).check(z.gte(1, 'must be 1 or more'))),
  page_size: z.optional(
    z.int(typeMessage('must be a whole number')).check(z.gte(1, 'must be 1 or more'), z.lte(50, 'must be at most 50')),
  ),
});

/**
 * The query of `GET identity/get` (before encoding): the identity type, the Business Center
 * (required for `BC_AUTH_TT`), a display-name keyword, page (from 1) and page size (1–100).
 *
 * @example
 * ```ts
 * import { identityGetRequestSchema } from 'tiktok-ad-auth/business-api';
 * identityGetRequestSchema.safeParse({ advertiser_id: '7012', identity_type: 'TT_USER' }).success; // true
 * ```
 */
export const identityGetRequestSchema = z
  .strictObject({
    advertiser_id: idSchema,
    identity_type: z.optional(identityTypeSchema),
    identity_authorized_bc_id: z.optional(idSchema),
    filtering: z.optional(z.strictObject({ keyword: z.optional(z.string()) })),
    page: z.optional(z.int(typeMessage('must be a whole number')).check(z.gte(1, 'must be 1 or more'))),
    page_size: z.optional(
      z
        .int(typeMessage('must be a whole number'))
        .check(z.gte(1, 'must be 1 or more'), z.lte(100, 'must be at most 100')),
    ),
  })
  .check(
    z.refine((q) => q.identity_type !== 'BC_AUTH_TT' || q.identity_authorized_bc_id !== undefined, {
      message: 'is required when identity_type is BC_AUTH_TT',
      path: ['identity_authorized_bc_id'],
    }),
  );
