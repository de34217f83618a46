import * as z from 'zod/mini';
import { textSchema } from '../kernel/validation.js';
import { brandedId } from '../kernel/branded-id.js';
import type { TikTokAccountId, UserId } from '../kernel/ids.js';
import {
  adAccountFactsSchema, bcMemberFactsSchema, businessCenterFactsSchema, permissionListSchema, tiktokAccountFactsSchema,
} from '../business-center/business-center.schemas.js';

const accountId = brandedId<TikTokAccountId>();
const userId = brandedId<UserId>();

/**
 * Schema of `IdentityContextFacts`.
 *
 * @example
 * ```ts
 * import { identityContextSchema } from 'tiktok-ad-auth';
 * // The services parse their input with it and return Results.
 * const ok = identityContextSchema.safeParse(input).success;
 * ```
 */
export const identityContextSchema = z.strictObject({
  businessCenter: businessCenterFactsSchema,
  member: bcMemberFactsSchema,
  adAccount: adAccountFactsSchema,
  adAccountRole: z.optional(z.enum(['ADMIN', 'OPERATOR', 'ANALYST'])),
  objective: z.string().check(z.regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'must be an objective such as PRODUCT_SALES')),
});

/**
 * Input of `linkFromBusinessCenter` (ASSET-03): 1–100 accounts already in the Business Center.
 *
 * @example
 * ```ts
 * import { linkFromBusinessCenterInputSchema } from 'tiktok-ad-auth';
 * // The services parse their input with it and return Results.
 * const ok = linkFromBusinessCenterInputSchema.safeParse(input).success;
 * ```
 */
export const linkFromBusinessCenterInputSchema = z.strictObject({
  context: identityContextSchema,
  accountIds: z.array(accountId).check(
    z.minLength(1, 'must name at least one account'), z.maxLength(100, 'must name at most 100 accounts'),
  ),
});
/**
 * Input of `linkByLogin` (ASSET-04): the account, the permissions its owner approved, who approved.
 *
 * @example
 * ```ts
 * import { linkByLoginInputSchema } from 'tiktok-ad-auth';
 * // The services parse their input with it and return Results.
 * const ok = linkByLoginInputSchema.safeParse(input).success;
 * ```
 */
export const linkByLoginInputSchema = z.strictObject({
  context: identityContextSchema, account: tiktokAccountFactsSchema, permissions: permissionListSchema,
  approvedBy: userId,
});
/**
 * Input of `linkByQrCode` (ASSET-05).
 *
 * @example
 * ```ts
 * import { linkByQrCodeInputSchema } from 'tiktok-ad-auth';
 * // The services parse their input with it and return Results.
 * const ok = linkByQrCodeInputSchema.safeParse(input).success;
 * ```
 */
export const linkByQrCodeInputSchema = z.strictObject({
  context: identityContextSchema, permissions: permissionListSchema,
});
/**
 * Input of `createOrganizationAccount` (ASSET-06).
 *
 * @example
 * ```ts
 * import { createOrganizationAccountInputSchema } from 'tiktok-ad-auth';
 * // The services parse their input with it and return Results.
 * const ok = createOrganizationAccountInputSchema.safeParse(input).success;
 * ```
 */
export const createOrganizationAccountInputSchema = z.strictObject({
  context: identityContextSchema,
  nickname: textSchema.check(z.maxLength(30, 'must be at most 30 characters')),
  operatingRegion: z.string().check(z.regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as US')),
  username: z.optional(z.string().check(
    z.regex(/^[A-Za-z0-9_.]{2,24}$/, 'must be 2–24 letters, digits, underscores or dots'),
  )),
  profilePhotoUrl: z.optional(textSchema.check(z.regex(/^https:\/\/\S+$/, 'must be an https URL'))),
  permissions: z.optional(permissionListSchema),
});
/**
 * Input of `signUpAccount` (ASSET-07): the account the sign-up created.
 *
 * @example
 * ```ts
 * import { signUpAccountInputSchema } from 'tiktok-ad-auth';
 * // The services parse their input with it and return Results.
 * const ok = signUpAccountInputSchema.safeParse(input).success;
 * ```
 */
export const signUpAccountInputSchema = z.strictObject({
  context: identityContextSchema,
  account: z.strictObject({
    id: accountId, accountType: z.enum(['PERSONAL', 'BUSINESS', 'CREATOR']), isPrivate: z.boolean(),
    displayName: textSchema,
  }),
  permissions: z.optional(permissionListSchema),
});
/**
 * Input of `grantAccountAccess` (ASSET-07).
 *
 * @example
 * ```ts
 * import { grantAccountAccessInputSchema } from 'tiktok-ad-auth';
 * // The services parse their input with it and return Results.
 * const ok = grantAccountAccessInputSchema.safeParse(input).success;
 * ```
 */
export const grantAccountAccessInputSchema = z.strictObject({
  accountId, grantedBy: userId, userId, role: z.enum(['ADMIN', 'OPERATOR', 'ANALYST']),
});
/**
 * Input of `identityAvailability` (ASSET-08): the account as it is now, and the ad account.
 *
 * @example
 * ```ts
 * import { identityAvailabilityInputSchema } from 'tiktok-ad-auth';
 * // The services parse their input with it and return Results.
 * const ok = identityAvailabilityInputSchema.safeParse(input).success;
 * ```
 */
export const identityAvailabilityInputSchema = z.strictObject({
  account: z.strictObject({
    id: accountId, accountType: z.enum(['PERSONAL', 'BUSINESS', 'CREATOR']), isPrivate: z.boolean(),
  }),
  adAccount: adAccountFactsSchema,
});
/**
 * Input of `listIdentities`.
 *
 * @example
 * ```ts
 * import { listIdentitiesInputSchema } from 'tiktok-ad-auth';
 * // The services parse their input with it and return Results.
 * const ok = listIdentitiesInputSchema.safeParse(input).success;
 * ```
 */
export const listIdentitiesInputSchema = z.strictObject({ adAccount: adAccountFactsSchema });

/** Input type of the identity context. */
export type IdentityContextInput = z.input<typeof identityContextSchema>;
/** Input type of `linkFromBusinessCenter`. */
export type LinkFromBusinessCenterInput = z.input<typeof linkFromBusinessCenterInputSchema>;
/** Input type of `linkByLogin`. */
export type LinkByLoginInput = z.input<typeof linkByLoginInputSchema>;
/** Input type of `linkByQrCode`. */
export type LinkByQrCodeInput = z.input<typeof linkByQrCodeInputSchema>;
/** Input type of `createOrganizationAccount`. */
export type CreateOrganizationAccountInput = z.input<typeof createOrganizationAccountInputSchema>;
/** Input type of `signUpAccount`. */
export type SignUpAccountInput = z.input<typeof signUpAccountInputSchema>;
/** Input type of `grantAccountAccess`. */
export type GrantAccountAccessInput = z.input<typeof grantAccountAccessInputSchema>;
/** Input type of `identityAvailability`. */
export type IdentityAvailabilityInput = z.input<typeof identityAvailabilityInputSchema>;
