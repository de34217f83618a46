import * as z from 'zod/mini';
import { typeMessage, textSchema, type ReadonlyInput } from '../kernel/validation.js';
import { brandedId } from '../kernel/branded-id.js';
import type { AdAccountId, CreatorId, UserId, VideoId } from '../kernel/ids.js';
import { creatorFactsSchema, videoFactsSchema } from '../spark-codes/spark-codes.schemas.js';
import type { BrandRequestId } from './requests.model.js';

const creatorId = brandedId<CreatorId>();
const videoId = brandedId<VideoId>();
const adAccountId = brandedId<AdAccountId>();
const userId = brandedId<UserId>();
const requestId = brandedId<BrandRequestId>();
const limit = z
  .int('must be a whole number')
  .check(z.gte(1, 'must be at least 1'), z.lte(1000, 'must be at most 1000'));

/**
 * Input of `requestAuthorization` (REQ-01).
 *
 * @example
 * ```ts
 * const input = { advertiser: { adAccountId: 'adv-1' }, creatorId: 'tt-dana', videoId: 'v1' };
 * requestAuthorizationInputSchema.safeParse(input);
 * ```
 */
export const requestAuthorizationInputSchema = z.strictObject({
  advertiser: z.strictObject({ adAccountId }),
  userId: z.optional(userId),
  creatorId,
  videoId,
  periodDays: z.optional(z.int(typeMessage('must be a whole number of days'))),
  note: z.optional(textSchema),
});

/**
 * Input of `acceptRequest` (REQ-03): the creator's and the video's facts as they are now.
 *
 * @example
 * ```ts
 * acceptRequestInputSchema.safeParse({ creatorId: 'tt-dana', requestId: 'breq_1', creator, video });
 * ```
 */
export const acceptRequestInputSchema = z.strictObject({
  creatorId,
  requestId,
  creator: creatorFactsSchema,
  video: videoFactsSchema,
});

/**
 * Input of `declineRequest`.
 *
 * @example
 * ```ts
 * declineRequestInputSchema.safeParse({ creatorId: 'tt-dana', requestId: 'breq_1', reason: 'Not this video' });
 * ```
 */
export const declineRequestInputSchema = z.strictObject({ creatorId, requestId, reason: z.optional(textSchema) });

/**
 * Input of `cancelRequest`.
 *
 * @example
 * ```ts
 * cancelRequestInputSchema.safeParse({ adAccountId: 'adv-1', requestId: 'breq_1' });
 * ```
 */
export const cancelRequestInputSchema = z.strictObject({ adAccountId, userId: z.optional(userId), requestId });

/**
 * Whose requests `listRequests` lists: a creator's (received) or an ad account's (sent).
 *
 * @example
 * ```ts
 * requestPartySchema.safeParse({ adAccountId: 'adv-1' });
 * ```
 */
export const requestPartySchema = z.union([z.strictObject({ creatorId }), z.strictObject({ adAccountId })]);

/**
 * Options of `listRequests`: a status to keep, and at most `limit` requests (default 100, at most 1,000).
 *
 * @example
 * ```ts
 * listRequestsOptionsSchema.safeParse({ status: 'PENDING', limit: 30 });
 * ```
 */
export const listRequestsOptionsSchema = z.optional(
  z.strictObject({
    status: z.optional(z.enum(['PENDING', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'CANCELLED'])),
    limit: z.optional(limit),
  }),
);

/** A ledger cursor: `<instant ms>~<authorization id>`, as `creatorLedger` returned it. */
const cursor = z
  .string()
  .check(z.regex(/^-?\d{1,16}~[\x21-\x7e]{1,128}$/, 'must be a cursor returned by creatorLedger'));

/**
 * Input of `creatorLedger` (REQ-04): a page of at most `limit` (default 100, at most 1,000).
 *
 * @example
 * ```ts
 * creatorLedgerInputSchema.safeParse({ creatorId: 'tt-dana', limit: 50 });
 * ```
 */
export const creatorLedgerInputSchema = z.strictObject({
  creatorId,
  limit: z.optional(limit),
  cursor: z.optional(cursor),
});

/**
 * Input of `requestAuthorization`.
 *
 * @example
 * ```ts
 * const input: RequestAuthorizationInput = {
 *   advertiser: { adAccountId: 'adv-1' }, creatorId: 'tt-dana', videoId: 'v1',
 * };
 * ```
 */
export type RequestAuthorizationInput = ReadonlyInput<z.input<typeof requestAuthorizationInputSchema>>;
/**
 * Input of `acceptRequest`.
 *
 * @example
 * ```ts
 * const input: AcceptRequestInput = { creatorId: 'tt-dana', requestId, creator, video };
 * ```
 */
export type AcceptRequestInput = ReadonlyInput<z.input<typeof acceptRequestInputSchema>>;
/**
 * Input of `declineRequest`.
 *
 * @example
 * ```ts
 * const input: DeclineRequestInput = { creatorId: 'tt-dana', requestId };
 * ```
 */
export type DeclineRequestInput = ReadonlyInput<z.input<typeof declineRequestInputSchema>>;
/**
 * Input of `cancelRequest`.
 *
 * @example
 * ```ts
 * const input: CancelRequestInput = { adAccountId: 'adv-1', requestId };
 * ```
 */
export type CancelRequestInput = ReadonlyInput<z.input<typeof cancelRequestInputSchema>>;
/**
 * Whose requests to list.
 *
 * @example
 * ```ts
 * const party: RequestParty = { creatorId: 'tt-dana' };
 * ```
 */
export type RequestParty = ReadonlyInput<z.input<typeof requestPartySchema>>;
/**
 * Options of `listRequests`.
 *
 * @example
 * ```ts
 * const options: ListRequestsOptions = { status: 'PENDING' };
 * ```
 */
export type ListRequestsOptions = ReadonlyInput<z.input<typeof listRequestsOptionsSchema>>;
/**
 * Input of `creatorLedger`.
 *
 * @example
 * ```ts
 * const input: CreatorLedgerInput = { creatorId: 'tt-dana', limit: 20 };
 * ```
 */
export type CreatorLedgerInput = ReadonlyInput<z.input<typeof creatorLedgerInputSchema>>;
