import * as z from 'zod/mini';
import { textSchema, type ReadonlyInput } from '../kernel/validation.js';
import { brandedId } from '../kernel/branded-id.js';
import type { TikTokAccountId, UserId } from '../kernel/ids.js';
import {
  adAccountFactsSchema,
  bcMemberFactsSchema,
  businessCenterFactsSchema,
  permissionListSchema,
  tiktokAccountFactsSchema,
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
  accountIds: z
    .array(accountId)
    .check(z.minLength(1, 'must name at least one account'), z.maxLength(100, 'must name at most 100 accounts')),
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
  context: identityContextSchema,
  account: tiktokAccountFactsSchema,
  permissions: permissionListSchema,
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
  context: identityContextSchema,
  permissions: permissionListSchema,
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
  username: z.optional(
    z.string().check(z.regex(/^[A-Za-z0-9_.]{2,24}$/, 'must be 2–24 letters, digits, underscores or dots')),
  ),
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
    id: accountId,
    accountType: z.enum(['PERSONAL', 'BUSINESS', 'CREATOR']),
    isPrivate: z.boolean(),
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
  accountId,
  grantedBy: userId,
  userId,
  role: z.enum(['ADMIN', 'OPERATOR', 'ANALYST']),
});
/**
 * Input of the service method `checkIdentityAvailability` (ASSET-08): the account as it is now,
 * and the ad account.
 *
 * @example
 * ```ts
 * import { checkIdentityAvailabilityInputSchema } from 'tiktok-ad-auth/schemas';
 * // The services parse their input with it and return Results.
 * const ok = checkIdentityAvailabilityInputSchema.safeParse(input).success;
 * ```
 */
export const checkIdentityAvailabilityInputSchema = z.strictObject({
  account: z.strictObject({
    id: accountId,
    accountType: z.enum(['PERSONAL', 'BUSINESS', 'CREATOR']),
    isPrivate: z.boolean(),
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

/**
 * The identity context every delivery identity workflow takes.
 *
 * @example
 * ```ts
 * const context: IdentityContextInput = {
 *   businessCenter: { id: 'bc-1', verified: true }, member: { userId: 'u-1', role: 'ADMIN' },
 *   adAccount: { id: 'adv-1', businessCenterId: 'bc-1' }, adAccountRole: 'ADMIN', objective: 'PRODUCT_SALES',
 * };
 * ```
 */
export type IdentityContextInput = ReadonlyInput<z.input<typeof identityContextSchema>>;
/**
 * Input of `linkFromBusinessCenter`.
 *
 * @example
 * ```ts
 * const input: LinkFromBusinessCenterInput = { context, accountIds: ['tt-1', 'tt-2'] };
 * ```
 */
export type LinkFromBusinessCenterInput = ReadonlyInput<z.input<typeof linkFromBusinessCenterInputSchema>>;
/**
 * Input of `linkByLogin`.
 *
 * @example
 * ```ts
 * const input: LinkByLoginInput = { context, account, permissions: SPARK_ADS_PERMISSIONS, approvedBy: 'u-9' };
 * ```
 */
export type LinkByLoginInput = ReadonlyInput<z.input<typeof linkByLoginInputSchema>>;
/**
 * Input of `linkByQrCode`.
 *
 * @example
 * ```ts
 * const input: LinkByQrCodeInput = { context, permissions: SPARK_ADS_PERMISSIONS };
 * ```
 */
export type LinkByQrCodeInput = ReadonlyInput<z.input<typeof linkByQrCodeInputSchema>>;
/**
 * Input of `createOrganizationAccount`.
 *
 * @example
 * ```ts
 * const input: CreateOrganizationAccountInput = { context, nickname: 'Acme Official', operatingRegion: 'US' };
 * ```
 */
export type CreateOrganizationAccountInput = ReadonlyInput<z.input<typeof createOrganizationAccountInputSchema>>;
/**
 * Input of `signUpAccount`.
 *
 * @example
 * ```ts
 * const account = { id: 'tt-new', accountType: 'BUSINESS', isPrivate: false, displayName: 'New Brand' } as const;
 * const input: SignUpAccountInput = { context, account };
 * ```
 */
export type SignUpAccountInput = ReadonlyInput<z.input<typeof signUpAccountInputSchema>>;
/**
 * Input of `grantAccountAccess`.
 *
 * @example
 * ```ts
 * const input: GrantAccountAccessInput = { accountId: 'tt-new', grantedBy: 'u-1', userId: 'u-2', role: 'ANALYST' };
 * ```
 */
export type GrantAccountAccessInput = ReadonlyInput<z.input<typeof grantAccountAccessInputSchema>>;
/**
 * Input of the service method `checkIdentityAvailability` (the rule answering the same question
 * from facts is `identityAvailability`).
 *
 * @example
 * ```ts
 * const input: CheckIdentityAvailabilityInput = {
 *   account: { id: 'tt-1', accountType: 'CREATOR', isPrivate: false }, adAccount: { id: 'adv-1' },
 * };
 * ```
 */
export type CheckIdentityAvailabilityInput = ReadonlyInput<z.input<typeof checkIdentityAvailabilityInputSchema>>;
/**
 * Input of `listIdentities`.
 *
 * @example
 * ```ts
 * const input: ListIdentitiesInput = { adAccount: { id: 'adv-1', businessCenterId: 'bc-1' } };
 * ```
 */
export type ListIdentitiesInput = ReadonlyInput<z.input<typeof listIdentitiesInputSchema>>;
