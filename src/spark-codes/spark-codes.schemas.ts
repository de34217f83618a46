import * as z from 'zod/mini';
import {
  typeMessage,
  idSchema,
  instantSchema,
  textSchema,
  countSchema,
  type ReadonlyInput,
} from '../kernel/validation.js';
import { brandedId } from '../kernel/branded-id.js';
import type { AdAccountId, AdCodeId, CreatorId, VideoId } from '../kernel/ids.js';

const creatorId = brandedId<CreatorId>();
const videoId = brandedId<VideoId>();
const adAccountId = brandedId<AdAccountId>();
const codeId = brandedId<AdCodeId>();
const url = textSchema.check(z.regex(/^https:\/\/\S+$/, 'must be an https URL'));

/**
 * Schema of `CreatorFacts` (strict: unknown keys are refused).
 *
 * @example
 * ```ts
 * const creator = creatorFactsSchema.parse(row); // throws on bad data; the services return Results instead
 * ```
 */
export const creatorFactsSchema = z.strictObject({
  id: creatorId,
  displayName: textSchema,
  accountType: z.enum(['PERSONAL', 'BUSINESS', 'CREATOR']),
  followerCount: countSchema,
  adAuthorizationEnabled: z.boolean(),
  adTermsAccepted: z.boolean(),
});

/**
 * Schema of `VideoFacts`.
 *
 * @example
 * ```ts
 * const ok = videoFactsSchema.safeParse(payload).success;
 * ```
 */
export const videoFactsSchema = z.strictObject({
  id: videoId,
  ownerId: creatorId,
  visibility: z.enum(['PUBLIC', 'FRIENDS', 'PRIVATE']),
  isOriginal: z.boolean(),
  adAuthorizationEnabled: z.boolean(),
  music: z.enum(['NONE', 'ORIGINAL', 'COMMERCIAL_MUSIC_LIBRARY', 'COPYRIGHTED_NOT_IN_CML']),
  title: z.optional(textSchema),
  thumbnailUrl: z.optional(url),
});

/**
 * Schema of `AdvertiserFacts`.
 *
 * @example
 * ```ts
 * const facts = { adAccountId: 'adv-1', hasActivePaymentMethod: true, hasCreativeLibraryAccess: true };
 * advertiserFactsSchema.safeParse(facts).success; // true
 * ```
 */
export const advertiserFactsSchema = z.strictObject({
  adAccountId,
  hasActivePaymentMethod: z.boolean(),
  hasCreativeLibraryAccess: z.boolean(),
});

/** A pasted code: any string up to 1,024 characters (its format is checked by `parseAdCode`). */
const pastedCode = z.string().check(z.maxLength(1024, 'must be at most 1024 characters'));
/** Who performs an advertiser action (an Ads Manager user), for the audit trail. */
const actorId = z.optional(idSchema);

/**
 * Input of `generateCode`.
 *
 * @example
 * ```ts
 * const input: GenerateCodeInput = { creator, video, periodDays: 30 }; generateCodeInputSchema.safeParse(input);
 * ```
 */
export const generateCodeInputSchema = z.strictObject({
  creator: creatorFactsSchema,
  video: videoFactsSchema,
  periodDays: z.int(typeMessage('must be a whole number of days')),
});
/**
 * Input of `showCode`.
 *
 * @example
 * ```ts
 * showCodeInputSchema.safeParse({ creatorId: 'tt-dana', codeId: 'code_1a2b' });
 * ```
 */
export const showCodeInputSchema = z.strictObject({ creatorId, codeId });
/**
 * Input of `searchCode`.
 *
 * @example
 * ```ts
 * searchCodeInputSchema.safeParse({ advertiser, code: pasted });
 * ```
 */
export const searchCodeInputSchema = z.strictObject({ advertiser: advertiserFactsSchema, code: pastedCode });
/**
 * Input of `confirmCode`.
 *
 * @example
 * ```ts
 * confirmCodeInputSchema.safeParse({ advertiser, code: pasted, userId: 'u-7' });
 * ```
 */
export const confirmCodeInputSchema = z.strictObject({
  advertiser: advertiserFactsSchema,
  code: pastedCode,
  userId: actorId,
});
/**
 * Input of `revokeCode`.
 *
 * @example
 * ```ts
 * revokeCodeInputSchema.safeParse({ creatorId: 'tt-dana', codeId: 'code_1a2b' });
 * ```
 */
export const revokeCodeInputSchema = z.strictObject({ creatorId, codeId });
/**
 * Input of `codeStatus`.
 *
 * @example
 * ```ts
 * codeStatusInputSchema.safeParse({ codeId: 'code_1a2b', at: new Date('2026-04-01T00:00:00Z') });
 * ```
 */
export const codeStatusInputSchema = z.strictObject({ codeId, at: z.optional(instantSchema) });
/**
 * Input of `listExpiring`.
 *
 * @example
 * ```ts
 * listExpiringInputSchema.safeParse({ withinMs: 7 * DAY_MS });
 * ```
 */
export const listExpiringInputSchema = z.strictObject({
  withinMs: z.int().check(z.gte(0), z.lte(3650 * 86_400_000)),
  from: z.optional(instantSchema),
});
/**
 * Options of `expireDue` (absent: the default limit of 10,000 codes).
 *
 * @example
 * ```ts
 * expireDueInputSchema.safeParse({ limit: 500 });
 * ```
 */
export const expireDueInputSchema = z.optional(
  z.strictObject({
    limit: z.optional(
      z
        .int('must be a whole number from 1 to 1000000')
        .check(
          z.gte(1, 'must be a whole number from 1 to 1000000'),
          z.lte(1_000_000, 'must be a whole number from 1 to 1000000'),
        ),
    ),
  }),
);
/**
 * A creator id argument of the list queries.
 *
 * @example
 * ```ts
 * creatorIdSchema.safeParse('tt-dana').success; // true
 * ```
 */
export const creatorIdSchema = creatorId;
/**
 * An ad account id argument.
 *
 * @example
 * ```ts
 * adAccountIdSchema.safeParse('adv-1').success; // true
 * ```
 */
export const adAccountIdSchema = adAccountId;

/**
 * Input of `generateCode`, with plain string ids (the service brands them).
 *
 * @example
 * ```ts
 * const input: GenerateCodeInput = { creator, video, periodDays: 30 }; // periodDay: 30 does not compile
 * ```
 */
export type GenerateCodeInput = ReadonlyInput<z.input<typeof generateCodeInputSchema>>;
/**
 * Input of `showCode`.
 *
 * @example
 * ```ts
 * const input: ShowCodeInput = { creatorId: 'tt-dana', codeId: 'code_1a2b' };
 * ```
 */
export type ShowCodeInput = ReadonlyInput<z.input<typeof showCodeInputSchema>>;
/**
 * Input of `searchCode`: the advertiser and the pasted text.
 *
 * @example
 * ```ts
 * const input: SearchCodeInput = { advertiser, code: pasted };
 * ```
 */
export type SearchCodeInput = ReadonlyInput<z.input<typeof searchCodeInputSchema>>;
/**
 * Input of `confirmCode`.
 *
 * @example
 * ```ts
 * const input: ConfirmCodeInput = { advertiser, code: pasted, userId: 'u-7' };
 * ```
 */
export type ConfirmCodeInput = ReadonlyInput<z.input<typeof confirmCodeInputSchema>>;
/**
 * Input of `revokeCode`.
 *
 * @example
 * ```ts
 * const input: RevokeCodeInput = { creatorId: 'tt-dana', codeId: 'code_1a2b' };
 * ```
 */
export type RevokeCodeInput = ReadonlyInput<z.input<typeof revokeCodeInputSchema>>;
/**
 * Input of `codeStatus`.
 *
 * @example
 * ```ts
 * const input: CodeStatusInput = { codeId: 'code_1a2b', at: new Date() };
 * ```
 */
export type CodeStatusInput = ReadonlyInput<z.input<typeof codeStatusInputSchema>>;
/**
 * Input of `listExpiring`.
 *
 * @example
 * ```ts
 * const input: ListExpiringInput = { withinMs: 7 * DAY_MS };
 * ```
 */
export type ListExpiringInput = ReadonlyInput<z.input<typeof listExpiringInputSchema>>;
/**
 * Options of `expireDue` (absent: at most 10,000 codes).
 *
 * @example
 * ```ts
 * const options: ExpireDueInput = { limit: 500 };
 * ```
 */
export type ExpireDueInput = ReadonlyInput<z.input<typeof expireDueInputSchema>>;

// --- batches (issue 14, BAT-01) ---

/** The most items a batch of `confirmCodes` may hold (BAT-01); more are refused. */
export const MAX_BATCH_ITEMS = 20;

/**
 * Input of `confirmCodes` (BAT-01): up to 20 codes, each with an idempotency key of the ad
 * account (a retried item never applies twice). More than 20 items are refused
 * (`batch.too_many_items`); an empty list or a repeated key is a validation error.
 *
 * @example
 * ```ts
 * confirmCodesInputSchema.safeParse({ advertiser, items: [{ code: pasted, idempotencyKey: 'k-1' }] });
 * ```
 */
const REPEATED_KEY = 'must not repeat an idempotency key';
export const confirmCodesInputSchema = z.strictObject({
  advertiser: advertiserFactsSchema,
  userId: actorId,
  items: z.array(z.strictObject({ code: pastedCode, idempotencyKey: idSchema })).check(
    z.minLength(1, 'must hold at least one item'),
    z.maxLength(1000, 'must hold at most 1000 items'),
    z.refine((a) => new Set(a.map((i) => i.idempotencyKey)).size === a.length, REPEATED_KEY),
  ),
});
/**
 * Input of `revokeAllCodes` (BAT-01): the creator whose codes in force are all revoked.
 *
 * @example
 * ```ts
 * revokeAllCodesInputSchema.safeParse({ creatorId: 'tt-dana' });
 * ```
 */
export const revokeAllCodesInputSchema = z.strictObject({ creatorId });
/**
 * Input of `confirmCodes`.
 *
 * @example
 * ```ts
 * const input: ConfirmCodesInput = { advertiser, items: [{ code: pasted, idempotencyKey: 'order-7-1' }] };
 * ```
 */
export type ConfirmCodesInput = ReadonlyInput<z.input<typeof confirmCodesInputSchema>>;
/**
 * Input of `revokeAllCodes`.
 *
 * @example
 * ```ts
 * const input: RevokeAllCodesInput = { creatorId: 'tt-dana' };
 * ```
 */
export type RevokeAllCodesInput = ReadonlyInput<z.input<typeof revokeAllCodesInputSchema>>;
