import * as z from 'zod/mini';
import { typeMessage, idSchema, type ReadonlyInput } from '../kernel/validation.js';
import { brandedId } from '../kernel/branded-id.js';
import type { AdAccountId, AdCodeId, CreatorId } from '../kernel/ids.js';

const creatorId = brandedId<CreatorId>();
const adAccountId = brandedId<AdAccountId>();
const codeId = brandedId<AdCodeId>();
const periodDays = z.int(typeMessage('must be a whole number of days'));
const limit = (max: number) =>
  z.optional(
    z
      .int(`must be a whole number from 1 to ${max}`)
      .check(
        z.gte(1, `must be a whole number from 1 to ${max}`),
        z.lte(max, `must be a whole number from 1 to ${max}`),
      ),
  );

/**
 * Input of `extendAuthorization` (EXT-01).
 *
 * @example
 * ```ts
 * extendAuthorizationInputSchema.safeParse({ creatorId: 'tt-dana', codeId: 'code_1a2b', periodDays: 30 });
 * ```
 */
export const extendAuthorizationInputSchema = z.strictObject({ creatorId, codeId, periodDays });

/**
 * Input of `askExtension` (EXT-03).
 *
 * @example
 * ```ts
 * askExtensionInputSchema.safeParse({ adAccountId: 'adv-1', userId: 'u-7', codeId: 'code_1a2b', periodDays: 30 });
 * ```
 */
export const askExtensionInputSchema = z.strictObject({
  adAccountId,
  userId: z.optional(idSchema),
  codeId,
  periodDays,
});

/**
 * Input of `answerExtension` (EXT-03): grant a period (the one asked for or another allowed one) or decline.
 *
 * @example
 * ```ts
 * answerExtensionInputSchema.safeParse({ creatorId: 'tt-dana', askId: 'extask_1a2b', answer: { grant: 30 } });
 * ```
 */
export const answerExtensionInputSchema = z.strictObject({
  creatorId,
  askId: idSchema,
  answer: z.union([z.strictObject({ grant: periodDays }), z.strictObject({ decline: z.literal(true) })]),
});

/**
 * Input of `listAsks`: a creator's asks or an ad account's, newest first, at most `limit` (default 100, at most 1,000).
 *
 * @example
 * ```ts
 * listAsksInputSchema.safeParse({ creatorId: 'tt-dana', limit: 20 });
 * ```
 */
export const listAsksInputSchema = z.union([
  z.strictObject({ creatorId, limit: limit(1000) }),
  z.strictObject({ adAccountId, limit: limit(1000) }),
]);

/**
 * Options of `remindDue` (absent: at most 10,000 reminders per call).
 *
 * @example
 * ```ts
 * remindDueInputSchema.safeParse({ limit: 500 });
 * ```
 */
export const remindDueInputSchema = z.optional(z.strictObject({ limit: limit(1_000_000) }));

/**
 * Input of `extendAuthorization`.
 *
 * @example
 * ```ts
 * const input: ExtendAuthorizationInput = { creatorId: 'tt-dana', codeId, periodDays: 30 };
 * ```
 */
export type ExtendAuthorizationInput = ReadonlyInput<z.input<typeof extendAuthorizationInputSchema>>;
/**
 * Input of `askExtension`.
 *
 * @example
 * ```ts
 * const input: AskExtensionInput = { adAccountId: 'adv-1', codeId, periodDays: 30 };
 * ```
 */
export type AskExtensionInput = ReadonlyInput<z.input<typeof askExtensionInputSchema>>;
/**
 * Input of `answerExtension`.
 *
 * @example
 * ```ts
 * const input: AnswerExtensionInput = { creatorId: 'tt-dana', askId, answer: { grant: 60 } };
 * ```
 */
export type AnswerExtensionInput = ReadonlyInput<z.input<typeof answerExtensionInputSchema>>;
/**
 * Input of `listAsks`.
 *
 * @example
 * ```ts
 * const input: ListAsksInput = { adAccountId: 'adv-1' };
 * ```
 */
export type ListAsksInput = ReadonlyInput<z.input<typeof listAsksInputSchema>>;
/**
 * Options of `remindDue`.
 *
 * @example
 * ```ts
 * const options: RemindDueInput = { limit: 1000 };
 * ```
 */
export type RemindDueInput = ReadonlyInput<z.input<typeof remindDueInputSchema>>;
