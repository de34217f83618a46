import * as z from 'zod/mini';
import { idSchema, instantSchema, type ReadonlyInput } from '../kernel/validation.js';
import { brandedId } from '../kernel/branded-id.js';
import type { AdAccountId, AdId } from '../kernel/ids.js';
import { campaignObjectiveSchema } from '../ads/ads.schemas.js';

const adAccountId = brandedId<AdAccountId>();
const adId = brandedId<AdId>();

/**
 * Input of `topAdsStatus`.
 *
 * @example
 * ```ts
 * import { topAdsStatusInputSchema } from 'tiktok-ad-auth';
 * topAdsStatusInputSchema.safeParse({ adAccountId: 'acc', adId: 'ad_1' }).success; // true
 * ```
 */
export const topAdsStatusInputSchema = z.strictObject({ adAccountId, adId, at: z.optional(instantSchema) });
/**
 * Input of `withdraw` (TOP-06).
 *
 * @example
 * ```ts
 * import { withdrawInputSchema } from 'tiktok-ad-auth';
 * withdrawInputSchema.safeParse({ adAccountId: 'acc', adId: 'ad_1' }).success; // true
 * ```
 */
export const withdrawInputSchema = z.strictObject({ adAccountId, adId, userId: z.optional(idSchema) });
/**
 * Input of `authorize`: grant Top Ads authorization to some of an ad account's creatives.
 *
 * @example
 * ```ts
 * import { authorizeCreativesInputSchema } from 'tiktok-ad-auth';
 * // false: repeated ad
 * authorizeCreativesInputSchema.safeParse({ adAccountId: 'acc', adIds: ['ad_1', 'ad_1'] }).success;
 * ```
 */
export const authorizeCreativesInputSchema = z.strictObject({
  adAccountId,
  adIds: z.array(adId).check(
    z.minLength(1),
    z.maxLength(100),
    z.refine((a) => new Set(a).size === a.length, 'must not repeat an ad'),
  ),
  source: z.optional(z.enum(['ads_manager', 'creative_center'])),
  userId: z.optional(idSchema),
});
/**
 * Input of `popup` (TOP-05): the TikTok for Business account logging in and its linked ad accounts.
 *
 * @example
 * ```ts
 * import { popupInputSchema } from 'tiktok-ad-auth';
 * popupInputSchema.safeParse({ accountId: 'tt4b-1', adAccountIds: ['acc'] }).success; // true
 * ```
 */
export const popupInputSchema = z.strictObject({
  accountId: idSchema,
  adAccountIds: z.array(adAccountId).check(z.minLength(1), z.maxLength(1000)),
});
/**
 * Input of `listTopAds` (TOP-09).
 *
 * @example
 * ```ts
 * import { topAdsQueryInputSchema } from 'tiktok-ad-auth';
 * topAdsQueryInputSchema.safeParse({ regions: ['US'], objectives: ['REACH'] }).success; // true
 * ```
 */
export const topAdsQueryInputSchema = z.strictObject({
  regions: z.optional(
    z.array(z.string().check(z.regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code'))).check(z.maxLength(250)),
  ),
  industries: z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(64))).check(z.maxLength(100))),
  objectives: z.optional(z.array(campaignObjectiveSchema).check(z.maxLength(8))),
  at: z.optional(instantSchema),
});

/**
 * Input of `TopAds.status`.
 *
 * @example
 * ```ts
 * const input: TopAdsStatusInput = { adAccountId: 'adv-1', adId: 'ad_1' };
 * ```
 */
export type TopAdsStatusInput = ReadonlyInput<z.input<typeof topAdsStatusInputSchema>>;
/**
 * Input of `TopAds.withdraw`.
 *
 * @example
 * ```ts
 * const input: WithdrawInput = { adAccountId: 'adv-1', adId: 'ad_1', userId: 'u-7' };
 * ```
 */
export type WithdrawInput = ReadonlyInput<z.input<typeof withdrawInputSchema>>;
/**
 * Input of `TopAds.authorize`.
 *
 * @example
 * ```ts
 * const input: AuthorizeCreativesInput = { adAccountId: 'adv-1', adIds: ['ad_1', 'ad_2'], source: 'creative_center' };
 * ```
 */
export type AuthorizeCreativesInput = ReadonlyInput<z.input<typeof authorizeCreativesInputSchema>>;
/**
 * Input of `TopAds.popup`.
 *
 * @example
 * ```ts
 * const input: PopupInput = { accountId: 'tt4b-1', adAccountIds: ['adv-1'] };
 * ```
 */
export type PopupInput = ReadonlyInput<z.input<typeof popupInputSchema>>;
/**
 * Input of `TopAds.listTopAds`: each list given filters; omitted lists do not.
 *
 * @example
 * ```ts
 * const input: TopAdsQueryInput = { regions: ['US'], objectives: ['REACH'] };
 * ```
 */
export type TopAdsQueryInput = ReadonlyInput<z.input<typeof topAdsQueryInputSchema>>;

// --- batches (issue 14, BAT-01) ---

/**
 * Input of `prepareWithdrawal` (BAT-01): the creatives of an ad account to withdraw from Top
 * Ads, listed for confirmation first (1 to 100, no repeats).
 *
 * @example
 * ```ts
 * import { prepareWithdrawalInputSchema } from 'tiktok-ad-auth';
 * prepareWithdrawalInputSchema.safeParse({ adAccountId: 'acc', adIds: ['ad_1', 'ad_2'] }).success; // true
 * ```
 */
export const prepareWithdrawalInputSchema = z.strictObject({
  adAccountId,
  adIds: z.array(adId).check(
    z.minLength(1),
    z.maxLength(100),
    z.refine((a) => new Set(a).size === a.length, 'must not repeat an ad'),
  ),
  userId: z.optional(idSchema),
});
/**
 * Input of `confirmWithdrawal` (BAT-01): the confirmation `prepareWithdrawal` returned.
 *
 * @example
 * ```ts
 * import { confirmWithdrawalInputSchema } from 'tiktok-ad-auth';
 * confirmWithdrawalInputSchema.safeParse({ adAccountId: 'acc', confirmationId: 'wdc_1' }).success; // true
 * ```
 */
export const confirmWithdrawalInputSchema = z.strictObject({
  adAccountId,
  confirmationId: idSchema,
  userId: z.optional(idSchema),
});
/**
 * Input of `TopAds.prepareWithdrawal`.
 *
 * @example
 * ```ts
 * const input: PrepareWithdrawalInput = { adAccountId: 'adv-1', adIds: ['ad_1', 'ad_2'] };
 * ```
 */
export type PrepareWithdrawalInput = ReadonlyInput<z.input<typeof prepareWithdrawalInputSchema>>;
/**
 * Input of `TopAds.confirmWithdrawal`.
 *
 * @example
 * ```ts
 * const input: ConfirmWithdrawalInput = { adAccountId: 'adv-1', confirmationId: 'wdc_1' };
 * ```
 */
export type ConfirmWithdrawalInput = ReadonlyInput<z.input<typeof confirmWithdrawalInputSchema>>;
