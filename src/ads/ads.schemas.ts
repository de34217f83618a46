import * as z from 'zod/mini';
import { idSchema, instantSchema, textSchema, type ReadonlyInput } from '../kernel/validation.js';
import { brandedId } from '../kernel/branded-id.js';
import { DAY_MS } from '../kernel/time.js';
import type { AdAccountId, AdCodeId, AdId, VideoId } from '../kernel/ids.js';

const adAccountId = brandedId<AdAccountId>();
const adId = brandedId<AdId>();
const codeId = brandedId<AdCodeId>();
const videoId = brandedId<VideoId>();

/**
 * Campaign objectives accepted (Business API vocabulary).
 *
 * @example
 * ```ts
 * import { campaignObjectiveSchema } from 'tiktok-ad-auth';
 * campaignObjectiveSchema.safeParse('VIDEO_VIEWS').success; // true
 * ```
 */
export const campaignObjectiveSchema = z.enum([
  'REACH',
  'TRAFFIC',
  'VIDEO_VIEWS',
  'ENGAGEMENT',
  'APP_PROMOTION',
  'LEAD_GENERATION',
  'WEB_CONVERSIONS',
  'PRODUCT_SALES',
]);

/**
 * Schema of `CampaignFacts` (strict).
 *
 * @example
 * ```ts
 * import { campaignFactsSchema } from 'tiktok-ad-auth';
 * const facts = { campaignId: 'c1', objective: 'REACH', placements: ['TIKTOK'], campaignType: 'MANUAL' };
 * campaignFactsSchema.safeParse(facts).success; // true
 * ```
 */
export const campaignFactsSchema = z.strictObject({
  campaignId: idSchema,
  objective: campaignObjectiveSchema,
  placements: z.array(z.enum(['TIKTOK', 'PANGLE', 'GLOBAL_APP_BUNDLE'])).check(
    z.minLength(1, 'must name at least one placement'),
    z.maxLength(3),
    z.refine((a) => new Set(a).size === a.length, 'must not repeat a placement'),
  ),
  campaignType: z.enum(['MANUAL', 'SMART_PERFORMANCE', 'SMART_PLUS']),
});

/**
 * Schema of `AdSchedule`: the end, when given, is after the start.
 *
 * @example
 * ```ts
 * import { adScheduleSchema } from 'tiktok-ad-auth';
 * // false: endAt must be after startAt
 * adScheduleSchema.safeParse({ startAt: new Date(1), endAt: new Date(0) }).success;
 * ```
 */
export const adScheduleSchema = z
  .strictObject({
    startAt: instantSchema,
    endAt: z.optional(instantSchema),
  })
  .check(
    z.refine((s) => s.endAt === undefined || s.endAt.getTime() > s.startAt.getTime(), {
      message: 'must be after startAt',
      path: ['endAt'],
    }),
  );

/**
 * Schema of `AdIdentity`, discriminated by `type`.
 *
 * @example
 * ```ts
 * import { adIdentitySchema } from 'tiktok-ad-auth';
 * adIdentitySchema.safeParse({ type: 'AUTH_CODE', codeId: 'code_1' }).success; // true
 * ```
 */
export const adIdentitySchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('AUTH_CODE'), codeId }),
  z.strictObject({ type: z.literal('BC_AUTH_TT'), identityId: idSchema }),
  z.strictObject({ type: z.literal('TT_USER'), identityId: idSchema }),
  z.strictObject({ type: z.literal('CUSTOMIZED_USER'), identityId: idSchema }),
]);

const region = z.string().check(z.regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code such as US'));
const industry = z
  .string()
  .check(z.minLength(1), z.maxLength(64), z.regex(/^[\x20-\x7e]+$/, 'must be printable ASCII'));

/**
 * Input of `createAd`.
 *
 * @example
 * ```ts
 * import { createAdInputSchema } from 'tiktok-ad-auth';
 * const identity = { type: 'TT_USER', identityId: 'me' };
 * const schedule = { startAt: new Date() };
 * createAdInputSchema.safeParse({ adAccountId: 'acc', name: 'Ad', campaign, schedule, identity });
 * ```
 */
export const createAdInputSchema = z.strictObject({
  adAccountId,
  name: textSchema,
  campaign: campaignFactsSchema,
  schedule: adScheduleSchema,
  identity: adIdentitySchema,
  /** The post to run; ignored for `AUTH_CODE` (the code's video is used). */
  videoId: z.optional(videoId),
  regions: z.optional(z.array(region).check(z.maxLength(250))),
  industry: z.optional(industry),
  /** The Asset Authorization checkbox (TOP-01); omitted = the policy default. */
  assetAuthorization: z.optional(z.boolean()),
  userId: z.optional(idSchema),
});

/**
 * Input of the lifecycle actions (`submit`, `start`, `pause`, `resume`, `stop`).
 *
 * @example
 * ```ts
 * import { adActionInputSchema } from 'tiktok-ad-auth';
 * adActionInputSchema.safeParse({ adAccountId: 'acc', adId: 'ad_1' }).success; // true
 * ```
 */
export const adActionInputSchema = z.strictObject({ adAccountId, adId, userId: z.optional(idSchema) });

/**
 * Input of `deleteDraft` (LIFE-03): the draft ad to delete.
 *
 * @example
 * ```ts
 * import { deleteDraftInputSchema } from 'tiktok-ad-auth';
 * deleteDraftInputSchema.safeParse({ adAccountId: 'acc', adId: 'ad_1' }).success; // true
 * ```
 */
export const deleteDraftInputSchema = adActionInputSchema;

/**
 * Input of `reportPostChange` (LIFE-01): a post turned private, was deleted, or is public again
 * (a deleted post stays deleted).
 *
 * @example
 * ```ts
 * import { reportPostChangeInputSchema } from 'tiktok-ad-auth';
 * reportPostChangeInputSchema.safeParse({ videoId: 'v-1', change: 'PRIVATE' }).success; // true
 * ```
 */
export const reportPostChangeInputSchema = z.strictObject({
  videoId,
  change: z.enum(['PRIVATE', 'DELETED', 'PUBLIC']),
  reportedBy: z.optional(idSchema),
});

/**
 * Input of `reportAccountChange` (LIFE-01): a TikTok account was banned, or reinstated.
 *
 * @example
 * ```ts
 * import { reportAccountChangeInputSchema } from 'tiktok-ad-auth';
 * reportAccountChangeInputSchema.safeParse({ accountId: 'tt-1', change: 'BANNED' }).success; // true
 * ```
 */
export const reportAccountChangeInputSchema = z.strictObject({
  accountId: idSchema,
  change: z.enum(['BANNED', 'REINSTATED']),
  reportedBy: z.optional(idSchema),
});

/**
 * Input of `review`: the caller's review decision (the library does not review content).
 *
 * @example
 * ```ts
 * import { reviewAdInputSchema } from 'tiktok-ad-auth';
 * reviewAdInputSchema.safeParse({ adAccountId: 'acc', adId: 'ad_1', approved: true }).success; // true
 * ```
 */
export const reviewAdInputSchema = z.strictObject({
  adAccountId,
  adId,
  approved: z.boolean(),
  userId: z.optional(idSchema),
});

/**
 * Input of `getAd`.
 *
 * @example
 * ```ts
 * import { getAdInputSchema } from 'tiktok-ad-auth';
 * getAdInputSchema.safeParse({ adAccountId: 'acc', adId: 'ad_1', at: new Date() }).success; // true
 * ```
 */
export const getAdInputSchema = z.strictObject({ adAccountId, adId, at: z.optional(instantSchema) });

/**
 * Input of `forecast`: one ad, or the whole ad account.
 *
 * @example
 * ```ts
 * import { forecastInputSchema } from 'tiktok-ad-auth';
 * forecastInputSchema.safeParse({ adAccountId: 'acc', withinMs: 7 * 86_400_000 }).success; // true
 * ```
 */
export const forecastInputSchema = z.strictObject({
  adAccountId,
  adId: z.optional(adId),
  /** Also list ads whose authorization expires within this many ms (default 7 days). */
  withinMs: z.optional(z.int().check(z.gte(0), z.lte(3650 * DAY_MS))),
  at: z.optional(instantSchema),
});

/**
 * An ad account id argument (of `listAds`).
 *
 * @example
 * ```ts
 * adsAccountIdSchema.safeParse('adv-1').success; // true
 * ```
 */
export const adsAccountIdSchema = adAccountId;

/**
 * Input of `Ads.createAd`: ids are plain strings; unknown keys are refused at compile and run time.
 *
 * @example
 * ```ts
 * const input: CreateAdInput = {
 *   adAccountId: 'adv-1', name: 'Spring', schedule: { startAt: new Date() },
 *   campaign: { campaignId: 'c1', objective: 'TRAFFIC', placements: ['TIKTOK'], campaignType: 'MANUAL' },
 *   identity: { type: 'AUTH_CODE', codeId: 'code_1a2b' },
 * };
 * ```
 */
export type CreateAdInput = ReadonlyInput<z.input<typeof createAdInputSchema>>;
/**
 * Input of the ad lifecycle actions (`submit`, `start`, `pause`, `resume`, `stop`).
 *
 * @example
 * ```ts
 * await ads.submit({ adAccountId: 'adv-1', adId: 'ad_1', userId: 'u-7' } satisfies AdActionInput);
 * ```
 */
export type AdActionInput = ReadonlyInput<z.input<typeof adActionInputSchema>>;
/**
 * Input of `Ads.review`: the caller's review decision.
 *
 * @example
 * ```ts
 * const input: ReviewAdInput = { adAccountId: 'adv-1', adId: 'ad_1', approved: true };
 * ```
 */
export type ReviewAdInput = ReadonlyInput<z.input<typeof reviewAdInputSchema>>;
/**
 * Input of `Ads.getAd`: the ad, and optionally the instant to read its status at.
 *
 * @example
 * ```ts
 * const input: GetAdInput = { adAccountId: 'adv-1', adId: 'ad_1', at: new Date() };
 * ```
 */
export type GetAdInput = ReadonlyInput<z.input<typeof getAdInputSchema>>;
/**
 * Input of `Ads.forecast`: one ad, or every ad of the ad account.
 *
 * @example
 * ```ts
 * const input: ForecastInput = { adAccountId: 'adv-1', withinMs: 7 * DAY_MS };
 * ```
 */
export type ForecastInput = ReadonlyInput<z.input<typeof forecastInputSchema>>;
/**
 * Input of `Ads.deleteDraft` (LIFE-03).
 *
 * @example
 * ```ts
 * const input: DeleteDraftInput = { adAccountId: 'adv-1', adId: 'ad_1' };
 * ```
 */
export type DeleteDraftInput = ReadonlyInput<z.input<typeof deleteDraftInputSchema>>;
/**
 * Input of `Ads.reportPostChange` (LIFE-01).
 *
 * @example
 * ```ts
 * const input: ReportPostChangeInput = { videoId: 'v-1', change: 'DELETED' };
 * ```
 */
export type ReportPostChangeInput = ReadonlyInput<z.input<typeof reportPostChangeInputSchema>>;
/**
 * Input of `Ads.reportAccountChange` (LIFE-01).
 *
 * @example
 * ```ts
 * const input: ReportAccountChangeInput = { accountId: 'tt-1', change: 'BANNED' };
 * ```
 */
export type ReportAccountChangeInput = ReadonlyInput<z.input<typeof reportAccountChangeInputSchema>>;
