import * as z from 'zod/mini';
import { instantSchema, textSchema, type ReadonlyInput } from '../kernel/validation.js';
import { brandedId } from '../kernel/branded-id.js';
import type { AdAccountId, AdCodeId, CreatorId, UserId, VideoId } from '../kernel/ids.js';

const adAccountId = brandedId<AdAccountId>();
const codeId = brandedId<AdCodeId>();
const url = textSchema.check(z.regex(/^https:\/\/\S+$/, 'must be an https URL'));

/**
 * Schema of `PlatformCodeFacts` (strict): the facts a Business API answer gives about a code
 * TikTok issued. The end must be after the start.
 *
 * @example
 * ```ts
 * import { platformCodeFactsSchema } from 'tiktok-ad-auth/schemas';
 * platformCodeFactsSchema.safeParse(facts).success;
 * ```
 */
export const platformCodeFactsSchema = z
  .strictObject({
    status: z.enum(['NOT_USED', 'IN_USE', 'EXPIRED', 'DELETED']),
    videoId: brandedId<VideoId>(),
    creatorId: brandedId<CreatorId>(),
    creatorName: z.optional(textSchema),
    title: z.optional(textSchema),
    thumbnailUrl: z.optional(url),
    authStartAt: instantSchema,
    authEndAt: instantSchema,
    checkedAt: instantSchema,
    endSource: z.enum(['API', 'CREATOR', 'DERIVED']),
  })
  .check(
    z.refine((f) => f.authEndAt.getTime() > f.authStartAt.getTime(), {
      message: 'must be after authStartAt',
      path: ['authEndAt'],
    }),
  );

/** A pasted platform code: any string up to 1,024 characters (its format is checked by `parsePlatformCode`). */
const pastedCode = z.string().check(z.maxLength(1024, 'must be at most 1024 characters'));
/** Who performs the action (an Ads Manager user), for the audit trail. */
const userId = z.optional(brandedId<UserId>());

/**
 * Input of `registerCode` (AG-01).
 *
 * @example
 * ```ts
 * registerCodeInputSchema.safeParse({ adAccountId: 'adv-1', code: pasted, facts });
 * ```
 */
export const registerCodeInputSchema = z.strictObject({
  adAccountId,
  userId,
  code: pastedCode,
  facts: platformCodeFactsSchema,
});
/**
 * Input of `registerCode` (AG-01): the ad account, the code as pasted and the API's facts.
 *
 * @example
 * ```ts
 * const input: RegisterCodeInput = { adAccountId: 'adv-1', code: pasted, facts };
 * ```
 */
export type RegisterCodeInput = ReadonlyInput<z.input<typeof registerCodeInputSchema>>;

/**
 * Input of `refreshCode` (AG-02).
 *
 * @example
 * ```ts
 * refreshCodeInputSchema.safeParse({ adAccountId: 'adv-1', codeId: 'code_1a2b', facts });
 * ```
 */
export const refreshCodeInputSchema = z.union([
  z.strictObject({ adAccountId, userId, codeId, facts: platformCodeFactsSchema }),
  /** By the code as pasted, as the Business API names it (only its digest is looked up). */
  z.strictObject({ adAccountId, userId, code: pastedCode, facts: platformCodeFactsSchema }),
]);
/**
 * Input of `refreshCode` (AG-02): a newer Business API answer for a registered code, named by
 * the id `registerCode` gave (`codeId`) or by the code itself (`code`, as the API names it).
 *
 * @example
 * ```ts
 * const input: RefreshCodeInput = { adAccountId: 'adv-1', codeId: 'code_1a2b', facts };
 * const same: RefreshCodeInput = { adAccountId: 'adv-1', code: '#s63DdePaj9…', facts };
 * ```
 */
export type RefreshCodeInput = ReadonlyInput<z.input<typeof refreshCodeInputSchema>>;

/**
 * Input of `listRegistered`.
 *
 * @example
 * ```ts
 * listRegisteredInputSchema.safeParse({ adAccountId: 'adv-1' });
 * ```
 */
export const listRegisteredInputSchema = z.strictObject({ adAccountId });
/**
 * Input of `listRegistered`.
 *
 * @example
 * ```ts
 * const input: ListRegisteredInput = { adAccountId: 'adv-1' };
 * ```
 */
export type ListRegisteredInput = ReadonlyInput<z.input<typeof listRegisteredInputSchema>>;

/**
 * Input of `unbindPost`.
 *
 * @example
 * ```ts
 * unbindPostInputSchema.safeParse({ adAccountId: 'adv-1', codeId: 'code_1a2b', userId: 'u-7' });
 * ```
 */
export const unbindPostInputSchema = z.strictObject({ adAccountId, userId, codeId });
/**
 * Input of `unbindPost`: remove a post from the ad account's Spark Ads library (the API's `unbind`).
 *
 * @example
 * ```ts
 * const input: UnbindPostInput = { adAccountId: 'adv-1', codeId: 'code_1a2b' };
 * ```
 */
export type UnbindPostInput = ReadonlyInput<z.input<typeof unbindPostInputSchema>>;
