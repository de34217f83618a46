// From Business API response bodies to the library's facts, and from the library's inputs to
// request bodies (API-01). Pure functions: the time an answer was obtained (`checkedAt`) comes
// from the caller's clock, never from here.
import * as z from 'zod/mini';
import { validationError, type ValidationError } from '../kernel/errors.js';
import { Err, Ok, type Result } from '../kernel/result.js';
import { idSchema, instantSchema, MAX_TEXT, parseInput, typeMessage } from '../kernel/validation.js';
import type { AdCodeStatus } from '../spark-codes/spark-codes.model.js';
import type { PlatformCodeFacts } from '../registry/registry.model.js';
import { parsePlatformCode, type PlatformCode } from '../registry/platform-code.js';
import { fromBusinessApiError, type BusinessApiErrorInfo } from './errors.js';
import {
  businessApiEnvelopeSchema,
  identityGetRequestSchema,
  identityGetResponseSchema,
  ttVideoAckResponseSchema,
  ttVideoAuthorizeRequestSchema,
  ttVideoInfoRequestSchema,
  ttVideoInfoResponseSchema,
  ttVideoListRequestSchema,
  ttVideoListResponseSchema,
  ttVideoUnbindRequestSchema,
  type authInfoSchema,
  type identityAvailableStatusSchema,
  type identityTypeSchema,
  type pageInfoSchema,
  type ttVideoItemSchema,
} from './schemas.js';
import { parseApiTime } from './time.js';

/**
 * The Business API answered with an error (`code` ≠ 0): TikTok's code and message as received,
 * and, when the error is in TikTok's Spark Ads table, what it means and what to do
 * (`fromBusinessApiError`).
 *
 * @example
 * ```ts
 * import { parseAuthCodeInfo } from 'tiktok-ad-auth/business-api';
 * const r = parseAuthCodeInfo(body, { checkedAt: clock.now() });
 * if (r.isErr() && r.error.code === 'business_api.refused') console.log(r.error.info?.action);
 * ```
 */
export interface BusinessApiRefusal {
  readonly code: 'business_api.refused';
  readonly message: string;
  /** The response's `code`. */
  readonly apiCode: number;
  /** The response's `message`. */
  readonly apiMessage: string;
  readonly requestId?: string;
  /** TikTok's meaning and action, when the error is a Spark Ads error of TikTok's table. */
  readonly info?: BusinessApiErrorInfo;
}

/**
 * Errors of the response parsers: the body is not what the API sends (`validation`, naming the
 * field), or the API refused the request (`business_api.refused`).
 *
 * @example
 * ```ts
 * import type { BusinessApiParseError } from 'tiktok-ad-auth/business-api';
 * const explain = (e: BusinessApiParseError) => (e.code === 'validation' ? e.issues[0].path : e.apiCode);
 * ```
 */
export type BusinessApiParseError = ValidationError | BusinessApiRefusal;

/**
 * Paging of a list answer, in the library's words.
 *
 * @example
 * ```ts
 * const more = (p: BusinessApiPage) => p.page < p.totalPage;
 * ```
 */
export interface BusinessApiPage {
  readonly page: number;
  readonly pageSize: number;
  readonly totalNumber: number;
  readonly totalPage: number;
}

/**
 * When the caller obtained the answer being parsed (from its clock): `checkedAt` of the facts.
 *
 * @example
 * ```ts
 * const options: ParseAnswerOptions = { checkedAt: clock.now() };
 * ```
 */
export interface ParseAnswerOptions {
  readonly checkedAt: Date;
}

/**
 * One post authorized to an ad account (`tt_video/list`): the facts the library registers, the
 * code when the API shows it, and the creator's identity type.
 *
 * @example
 * ```ts
 * const ending = (v: AuthorizedVideo, t: Date) => v.facts.authEndAt.getTime() <= t.getTime();
 * ```
 */
export interface AuthorizedVideo {
  readonly facts: PlatformCodeFacts;
  readonly authCode?: PlatformCode;
  readonly identityType: z.output<typeof identityTypeSchema>;
  readonly itemType?: 'VIDEO' | 'CAROUSEL';
}

/**
 * The answer of `tt_video/list`, parsed: the posts and the page.
 *
 * @example
 * ```ts
 * const r = parseAuthorizedVideos(body, { checkedAt: clock.now() });
 * if (r.isOk()) for (const v of r.value.videos) console.log(v.facts.videoId);
 * ```
 */
export interface AuthorizedVideos {
  readonly videos: readonly AuthorizedVideo[];
  readonly page?: BusinessApiPage;
}

/**
 * An identity of an ad account (`identity/get`): its id and type, and whether it can be used.
 *
 * @example
 * ```ts
 * const usable = (i: BusinessApiIdentity) => i.availability === 'AVAILABLE';
 * ```
 */
export interface BusinessApiIdentity {
  readonly id: string;
  readonly type: z.output<typeof identityTypeSchema>;
  readonly displayName?: string;
  /** `available_status`; the API reports it for `TT_USER` and `BC_AUTH_TT` identities only. */
  readonly availability?: z.output<typeof identityAvailableStatusSchema>;
  /** The Business Center of a `BC_AUTH_TT` identity. */
  readonly authorizedBcId?: string;
  readonly canPullVideo?: boolean;
  readonly canPushVideo?: boolean;
  readonly canUseLiveAds?: boolean;
}

/**
 * The answer of `identity/get`, parsed: the identities and the page.
 *
 * @example
 * ```ts
 * const r = parseIdentities(body);
 * if (r.isOk()) console.log(r.value.identities.map((i) => i.type));
 * ```
 */
export interface BusinessApiIdentities {
  readonly identities: readonly BusinessApiIdentity[];
  readonly page?: BusinessApiPage;
}

const optionsSchema = z.strictObject({ checkedAt: instantSchema });

/** Text as the library keeps it: control characters and runs of space made one space, at most 512 characters. */
function cleanText(text: string | null | undefined): string | undefined {
  if (text === null || text === undefined) return undefined;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is replaced
  const one = text.replace(/[\s\x00-\x1f\x7f]+/g, ' ').trim();
  if (one.length === 0) return undefined;
  const chars = Array.from(one);
  return chars.length <= MAX_TEXT ? one : chars.slice(0, MAX_TEXT).join('');
}

/** An https URL the library can keep (at most 512 characters), else nothing. */
function cleanUrl(url: string | null | undefined): string | undefined {
  if (typeof url !== 'string' || url.length > MAX_TEXT || !/^https:\/\/\S+$/.test(url)) return undefined;
  return url;
}

function page(p: z.output<typeof pageInfoSchema> | undefined): { page?: BusinessApiPage } {
  if (p === undefined) return {};
  return { page: { page: p.page, pageSize: p.page_size, totalNumber: p.total_number, totalPage: p.total_page } };
}

/**
 * The status an answer gives a code (API-01): `auth_code_status` when the answer has it.
 * Otherwise the library's reading — the docs are silent on how `ad_auth_status` relates to it:
 * ended at `checkedAt` → `EXPIRED`; `AUTHORIZED` (the status of a post applied to the ad account
 * in the docs' `tt_video/list` example) → `IN_USE`; anything else → `NOT_USED`.
 */
function statusOf(auth: z.output<typeof authInfoSchema>, end: Date, checkedAt: Date): AdCodeStatus {
  if (auth.auth_code_status !== undefined) return auth.auth_code_status;
  if (end.getTime() <= checkedAt.getTime()) return 'EXPIRED';
  return auth.ad_auth_status === 'AUTHORIZED' ? 'IN_USE' : 'NOT_USED';
}

type Item = z.output<typeof ttVideoItemSchema>;
type Path = readonly (string | number)[];

/** The facts of one post, or the validation error naming the field (under `at`). */
function factsOf(item: Item, checkedAt: Date, at: Path): Result<PlatformCodeFacts, ValidationError> {
  // The schema checked both times already; `?? checkedAt` only satisfies the type checker.
  const start = parseApiTime(item.auth_info.auth_start_time) ?? checkedAt;
  const end = parseApiTime(item.auth_info.auth_end_time) ?? checkedAt;
  if (end.getTime() <= start.getTime()) {
    return Err(invalid([...at, 'auth_info', 'auth_end_time'], 'must be after auth_start_time'));
  }
  const creatorName = cleanText(item.user_info.tiktok_name);
  const title = cleanText(item.item_info.text);
  const thumbnailUrl = cleanUrl(item.video_info?.poster_url);
  return Ok({
    status: statusOf(item.auth_info, end, checkedAt),
    videoId: item.item_info.item_id,
    creatorId: item.user_info.identity_id,
    ...(creatorName === undefined ? {} : { creatorName }),
    ...(title === undefined ? {} : { title }),
    ...(thumbnailUrl === undefined ? {} : { thumbnailUrl }),
    authStartAt: start,
    authEndAt: end,
    checkedAt,
    endSource: 'API',
  });
}

function invalid(path: Path, message: string): ValidationError {
  return validationError([{ code: 'custom', path: [...path], message }]);
}

/** The envelope first: a refusal from the API is an answer, not a malformed body. */
function answer<S extends z.ZodMiniType>(schema: S, body: unknown): Result<z.output<S>, BusinessApiParseError> {
  const envelope = parseInput(businessApiEnvelopeSchema, body);
  if (envelope.isErr()) return envelope;
  const { code, message, request_id } = envelope.value;
  if (code !== 0) {
    const info = fromBusinessApiError({ code, message });
    return Err({
      code: 'business_api.refused',
      message: `The Business API refused the request: ${code} ${message}`,
      apiCode: code,
      apiMessage: message,
      ...(request_id === undefined ? {} : { requestId: request_id }),
      ...(info === undefined ? {} : { info }),
    });
  }
  return parseInput(schema, body);
}

/**
 * Reads a `tt_video/info` response into the facts an ad account registers with a code TikTok
 * issued (AG-01, API-01): status, video, creator, authorization start and end (UTC, whatever the
 * host's time zone), with `checkedAt` the caller's time of the answer and `endSource` `API`.
 * Post text and the creator's name are kept as one line of at most 512 characters; a poster URL
 * longer than that is left out. A body that is not the API's answer is a `validation` error
 * naming the field (`data.auth_info.auth_end_time`); an error answer (`code` ≠ 0) is
 * `business_api.refused` with TikTok's meaning and action.
 *
 * @example
 * ```ts
 * import { parseAuthCodeInfo } from 'tiktok-ad-auth/business-api';
 * const res = await fetch(`${base}/tt_video/info/?advertiser_id=${id}&auth_code=${encodeURIComponent(code)}`, init);
 * const facts = parseAuthCodeInfo(await res.json(), { checkedAt: clock.now() });
 * if (facts.isOk()) await registry.registerCode({ adAccountId, code, facts: facts.value });
 * ```
 */
export function parseAuthCodeInfo(
  body: unknown,
  options: ParseAnswerOptions,
): Result<PlatformCodeFacts, BusinessApiParseError> {
  const opts = parseInput(optionsSchema, options);
  if (opts.isErr()) return opts;
  const parsed = answer(ttVideoInfoResponseSchema, body);
  if (parsed.isErr()) return parsed;
  return factsOf(parsed.value.data, opts.value.checkedAt, ['data']);
}

/**
 * Reads a `tt_video/list` response: every post authorized to the ad account, each with its
 * facts (as `parseAuthCodeInfo` reads them), its code when the API shows it, and the creator's
 * identity type; and the page. Errors as `parseAuthCodeInfo`, paths under `data.list[i]`.
 *
 * @example
 * ```ts
 * import { parseAuthorizedVideos } from 'tiktok-ad-auth/business-api';
 * const r = parseAuthorizedVideos(await res.json(), { checkedAt: clock.now() });
 * if (r.isOk()) console.log(r.value.videos.length, r.value.page?.totalNumber);
 * ```
 */
export function parseAuthorizedVideos(
  body: unknown,
  options: ParseAnswerOptions,
): Result<AuthorizedVideos, BusinessApiParseError> {
  const opts = parseInput(optionsSchema, options);
  if (opts.isErr()) return opts;
  const parsed = answer(ttVideoListResponseSchema, body);
  if (parsed.isErr()) return parsed;
  const videos: AuthorizedVideo[] = [];
  for (const [i, item] of (parsed.value.data.list ?? []).entries()) {
    const facts = factsOf(item, opts.value.checkedAt, ['data', 'list', i]);
    if (facts.isErr()) return facts;
    const code = typeof item.item_info.auth_code === 'string' ? parsePlatformCode(item.item_info.auth_code) : undefined;
    const itemType = item.item_info.item_type ?? undefined;
    videos.push({
      facts: facts.value,
      ...(code?.isOk() ? { authCode: code.value } : {}),
      identityType: item.user_info.identity_type,
      ...(itemType === undefined ? {} : { itemType }),
    });
  }
  return Ok({ videos, ...page(parsed.value.data.page_info) });
}

/**
 * Reads an `identity/get` response: each identity with its type and availability
 * (`available_status`, reported for `TT_USER` and `BC_AUTH_TT` only), and the page (API-01).
 *
 * @example
 * ```ts
 * import { parseIdentities } from 'tiktok-ad-auth/business-api';
 * const r = parseIdentities(await res.json());
 * const usable = r.isOk() ? r.value.identities.filter((i) => i.availability === 'AVAILABLE') : [];
 * ```
 */
export function parseIdentities(body: unknown): Result<BusinessApiIdentities, BusinessApiParseError> {
  const parsed = answer(identityGetResponseSchema, body);
  if (parsed.isErr()) return parsed;
  const identities = (parsed.value.data.identity_list ?? []).map((i): BusinessApiIdentity => {
    const displayName = cleanText(i.display_name);
    return {
      id: i.identity_id,
      type: i.identity_type,
      ...(displayName === undefined ? {} : { displayName }),
      ...(i.available_status == null ? {} : { availability: i.available_status }),
      ...(i.identity_authorized_bc_id == null ? {} : { authorizedBcId: i.identity_authorized_bc_id }),
      ...(i.can_pull_video == null ? {} : { canPullVideo: i.can_pull_video }),
      ...(i.can_push_video == null ? {} : { canPushVideo: i.can_push_video }),
      ...(i.can_use_live_ads == null ? {} : { canUseLiveAds: i.can_use_live_ads }),
    };
  });
  return Ok({ identities, ...page(parsed.value.data.page_info) });
}

/**
 * Reads the answer of `tt_video/authorize` or `tt_video/unbind` (API-01): `data` is empty on
 * success; an error answer is `business_api.refused` with TikTok's meaning and action (a code
 * the creator deleted: `auth_code_not_found`; a mistyped one: 4013).
 *
 * @example
 * ```ts
 * import { parseAcknowledgement } from 'tiktok-ad-auth/business-api';
 * const r = parseAcknowledgement(await res.json());
 * if (r.isErr() && r.error.code === 'business_api.refused') showError(r.error.info?.meaning ?? r.error.apiMessage);
 * ```
 */
export function parseAcknowledgement(body: unknown): Result<{ readonly requestId?: string }, BusinessApiParseError> {
  const parsed = answer(ttVideoAckResponseSchema, body);
  if (parsed.isErr()) return parsed;
  const requestId = parsed.value.request_id;
  return Ok(requestId === undefined ? {} : { requestId });
}

// ---- Requests -------------------------------------------------------------------------------

const PASTED_CODE = 'must be an authorization code: "#" followed by base64';
/** A code as pasted: surrounding white space is forgiven (it is trimmed into the body). */
const pastedCode = z.string(typeMessage(PASTED_CODE)).check(z.refine((s) => parsePlatformCode(s).isOk(), PASTED_CODE));
const codeInputSchema = z.strictObject({
  advertiserId: idSchema,
  authCode: pastedCode,
  originalPostAuthCode: z.optional(pastedCode),
});
const infoInputSchema = z.strictObject({ advertiserId: idSchema, authCode: pastedCode });
const unbindInputSchema = z.strictObject({ advertiserId: idSchema, itemId: idSchema });

/** The trimmed code of a pasted code the schema accepted. */
function code(text: string): PlatformCode {
  return parsePlatformCode(text).unwrap();
}

/**
 * The body of `POST tt_video/authorize` (API-01): applies a creator's code to the ad account.
 * The code may be pasted with white space around it; the body carries it trimmed. Bad input is a
 * `validation` error naming the field (`authCode`).
 *
 * @example
 * ```ts
 * import { buildAuthorizeRequest } from 'tiktok-ad-auth/business-api';
 * const body = buildAuthorizeRequest({ advertiserId: '7012', authCode: pasted });
 * if (body.isOk()) await fetch(`${base}/tt_video/authorize/`, { method: 'POST', body: JSON.stringify(body.value) });
 * ```
 */
export function buildAuthorizeRequest(input: {
  readonly advertiserId: string;
  readonly authCode: string;
  readonly originalPostAuthCode?: string;
}): Result<z.output<typeof ttVideoAuthorizeRequestSchema>, ValidationError> {
  const parsed = parseInput(codeInputSchema, input);
  if (parsed.isErr()) return parsed;
  const { advertiserId, authCode, originalPostAuthCode } = parsed.value;
  return parseInput(ttVideoAuthorizeRequestSchema, {
    advertiser_id: advertiserId,
    auth_code: code(authCode),
    ...(originalPostAuthCode === undefined ? {} : { original_post_auth_code: code(originalPostAuthCode) }),
  });
}

/**
 * The body of `POST tt_video/unbind` (API-01): removes an authorized post from the ad account.
 *
 * @example
 * ```ts
 * import { buildUnbindRequest } from 'tiktok-ad-auth/business-api';
 * buildUnbindRequest({ advertiserId: '7012', itemId: '7300000000000000000' }).unwrap();
 * // { advertiser_id: '7012', item_id: '7300000000000000000' }
 * ```
 */
export function buildUnbindRequest(input: {
  readonly advertiserId: string;
  readonly itemId: string;
}): Result<z.output<typeof ttVideoUnbindRequestSchema>, ValidationError> {
  const parsed = parseInput(unbindInputSchema, input);
  if (parsed.isErr()) return parsed;
  return parseInput(ttVideoUnbindRequestSchema, {
    advertiser_id: parsed.value.advertiserId,
    item_id: parsed.value.itemId,
  });
}

/**
 * The query of `GET tt_video/info` (API-01), as strings for `URLSearchParams`.
 *
 * @example
 * ```ts
 * import { buildInfoQuery } from 'tiktok-ad-auth/business-api';
 * const q = buildInfoQuery({ advertiserId: '7012', authCode: pasted });
 * if (q.isOk()) await fetch(`${base}/tt_video/info/?${new URLSearchParams(q.value)}`, init);
 * ```
 */
export function buildInfoQuery(input: {
  readonly advertiserId: string;
  readonly authCode: string;
}): Result<Record<string, string>, ValidationError> {
  const parsed = parseInput(infoInputSchema, input);
  if (parsed.isErr()) return parsed;
  const query = { advertiser_id: parsed.value.advertiserId, auth_code: code(parsed.value.authCode) };
  const checked = parseInput(ttVideoInfoRequestSchema, query);
  return checked.isErr() ? checked : Ok({ ...query });
}

/** A checked query as strings: arrays and objects as JSON, as the API's GET parameters take them. */
function encode(query: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    out[key] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return out;
}

/**
 * The query of `GET tt_video/list` (API-01), checked (`ttVideoListRequestSchema`) and encoded as
 * strings for `URLSearchParams` (`item_types` as a JSON array).
 *
 * @example
 * ```ts
 * import { buildListQuery } from 'tiktok-ad-auth/business-api';
 * buildListQuery({ advertiser_id: '7012', item_types: ['VIDEO'], page_size: 50 }).unwrap();
 * // { advertiser_id: '7012', item_types: '["VIDEO"]', page_size: '50' }
 * ```
 */
export function buildListQuery(
  query: z.input<typeof ttVideoListRequestSchema>,
): Result<Record<string, string>, ValidationError> {
  const parsed = parseInput(ttVideoListRequestSchema, query);
  return parsed.isErr() ? parsed : Ok(encode(parsed.value));
}

/**
 * The query of `GET identity/get` (API-01), checked (`identityGetRequestSchema`: the Business
 * Center is required for `BC_AUTH_TT`) and encoded as strings (`filtering` as JSON).
 *
 * @example
 * ```ts
 * import { buildIdentityQuery } from 'tiktok-ad-auth/business-api';
 * buildIdentityQuery({ advertiser_id: '7012', identity_type: 'TT_USER' }).unwrap();
 * // { advertiser_id: '7012', identity_type: 'TT_USER' }
 * ```
 */
export function buildIdentityQuery(
  query: z.input<typeof identityGetRequestSchema>,
): Result<Record<string, string>, ValidationError> {
  const parsed = parseInput(identityGetRequestSchema, query);
  return parsed.isErr() ? parsed : Ok(encode(parsed.value));
}
