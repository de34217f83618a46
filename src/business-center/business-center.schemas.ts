import * as z from 'zod/mini';
import { instantSchema, textSchema } from '../kernel/validation.js';
import { brandedId } from '../kernel/branded-id.js';
import type { AdAccountId, BcLinkId, BusinessCenterId, LinkRequestId, TikTokAccountId, UserId } from '../kernel/ids.js';

const bcId = brandedId<BusinessCenterId>();
const userId = brandedId<UserId>();
const adAccountId = brandedId<AdAccountId>();
const accountId = brandedId<TikTokAccountId>();
const requestId = brandedId<LinkRequestId>();
const linkId = brandedId<BcLinkId>();

/**
 * Schema of `BusinessCenterFacts` (strict: unknown keys are refused).
 *
 * @example
 * ```ts
 * import { businessCenterFactsSchema } from 'tiktok-ad-auth';
 * // The services parse their input with it and return Results.
 * const ok = businessCenterFactsSchema.safeParse(input).success;
 * ```
 */
export const businessCenterFactsSchema = z.strictObject({ id: bcId, verified: z.boolean() });
/**
 * Schema of `BcMemberFacts`.
 *
 * @example
 * ```ts
 * import { bcMemberFactsSchema } from 'tiktok-ad-auth';
 * // The services parse their input with it and return Results.
 * const ok = bcMemberFactsSchema.safeParse(input).success;
 * ```
 */
export const bcMemberFactsSchema = z.strictObject({ userId, role: z.enum(['ADMIN', 'STANDARD']) });
/**
 * Schema of `AdAccountFacts`.
 *
 * @example
 * ```ts
 * import { adAccountFactsSchema } from 'tiktok-ad-auth';
 * // The services parse their input with it and return Results.
 * const ok = adAccountFactsSchema.safeParse(input).success;
 * ```
 */
export const adAccountFactsSchema = z.strictObject({ id: adAccountId, businessCenterId: z.optional(bcId) });
/**
 * Schema of `TikTokAccountFacts`.
 *
 * @example
 * ```ts
 * import { tiktokAccountFactsSchema } from 'tiktok-ad-auth';
 * // The services parse their input with it and return Results.
 * const ok = tiktokAccountFactsSchema.safeParse(input).success;
 * ```
 */
export const tiktokAccountFactsSchema = z.strictObject({
  id: accountId,
  accountType: z.enum(['PERSONAL', 'BUSINESS', 'CREATOR']),
  isPrivate: z.boolean(),
  inAnyBusinessCenter: z.boolean(),
  displayName: z.optional(textSchema),
});
/**
 * A permission list as given: names are checked by `parsePermissionSet` (so an unknown name is
 * reported with the other BC-04/BC-06 problems), only the shape and size are checked here.
 *
 * @example
 * ```ts
 * import { permissionListSchema } from 'tiktok-ad-auth';
 * // The services parse their input with it and return Results.
 * const ok = permissionListSchema.safeParse(input).success;
 * ```
 */
export const permissionListSchema = z.array(z.string().check(z.maxLength(64, 'must be at most 64 characters')))
  .check(z.maxLength(32, 'must have at most 32 permissions'));
/** A scanned QR payload: any string up to 1,024 characters (its format is checked by `parseQrToken`). */
const scanned = z.string().check(z.maxLength(1024, 'must be at most 1024 characters'));

/**
 * Input of `startLinkRequest`.
 *
 * @example
 * ```ts
 * import { startLinkRequestInputSchema } from 'tiktok-ad-auth';
 * // The services parse their input with it and return Results.
 * const ok = startLinkRequestInputSchema.safeParse(input).success;
 * ```
 */
export const startLinkRequestInputSchema = z.strictObject({
  businessCenter: businessCenterFactsSchema,
  member: bcMemberFactsSchema,
  permissionLevel: z.string().check(z.maxLength(64, 'must be at most 64 characters')),
  permissions: permissionListSchema,
  assignTo: z.optional(adAccountFactsSchema),
});
/**
 * Input of `approveLinkRequest`: the scanned token, the account's facts, the user who approves.
 *
 * @example
 * ```ts
 * import { approveLinkRequestInputSchema } from 'tiktok-ad-auth';
 * // The services parse their input with it and return Results.
 * const ok = approveLinkRequestInputSchema.safeParse(input).success;
 * ```
 */
export const approveLinkRequestInputSchema = z.strictObject({
  token: scanned, account: tiktokAccountFactsSchema, userId,
});
/**
 * Input of `rejectLinkRequest`.
 *
 * @example
 * ```ts
 * import { rejectLinkRequestInputSchema } from 'tiktok-ad-auth';
 * // The services parse their input with it and return Results.
 * const ok = rejectLinkRequestInputSchema.safeParse(input).success;
 * ```
 */
export const rejectLinkRequestInputSchema = z.strictObject({ token: scanned, userId });
/**
 * Input of `cancelLinkRequest`.
 *
 * @example
 * ```ts
 * import { cancelLinkRequestInputSchema } from 'tiktok-ad-auth';
 * // The services parse their input with it and return Results.
 * const ok = cancelLinkRequestInputSchema.safeParse(input).success;
 * ```
 */
export const cancelLinkRequestInputSchema = z.strictObject({
  businessCenter: businessCenterFactsSchema, member: bcMemberFactsSchema, requestId,
});
/**
 * Input of `linkRequestStatus`.
 *
 * @example
 * ```ts
 * import { linkRequestStatusInputSchema } from 'tiktok-ad-auth';
 * // The services parse their input with it and return Results.
 * const ok = linkRequestStatusInputSchema.safeParse(input).success;
 * ```
 */
export const linkRequestStatusInputSchema = z.strictObject({ requestId, at: z.optional(instantSchema) });
/**
 * Input of `changeLinkPermissions`.
 *
 * @example
 * ```ts
 * import { changeLinkPermissionsInputSchema } from 'tiktok-ad-auth';
 * // The services parse their input with it and return Results.
 * const ok = changeLinkPermissionsInputSchema.safeParse(input).success;
 * ```
 */
export const changeLinkPermissionsInputSchema = z.strictObject({
  businessCenter: businessCenterFactsSchema, member: bcMemberFactsSchema, linkId, permissions: permissionListSchema,
});
/**
 * Input of `unlink`.
 *
 * @example
 * ```ts
 * import { unlinkInputSchema } from 'tiktok-ad-auth';
 * // The services parse their input with it and return Results.
 * const ok = unlinkInputSchema.safeParse(input).success;
 * ```
 */
export const unlinkInputSchema = z.strictObject({
  businessCenter: businessCenterFactsSchema, member: bcMemberFactsSchema, linkId,
});
/**
 * Input of `assignToAdAccount` and `unassignFromAdAccount`.
 *
 * @example
 * ```ts
 * import { assignmentInputSchema } from 'tiktok-ad-auth';
 * // The services parse their input with it and return Results.
 * const ok = assignmentInputSchema.safeParse(input).success;
 * ```
 */
export const assignmentInputSchema = z.strictObject({
  businessCenter: businessCenterFactsSchema, member: bcMemberFactsSchema, linkId, adAccount: adAccountFactsSchema,
});
/** A Business Center id argument. */
export const businessCenterIdSchema = bcId;
/** A TikTok account id argument. */
export const tiktokAccountIdSchema = accountId;
/** A link id argument. */
export const linkIdSchema = linkId;

/** Input type of `startLinkRequest` (plain strings; the service brands them). */
export type StartLinkRequestInput = z.input<typeof startLinkRequestInputSchema>;
/** Input type of `approveLinkRequest`. */
export type ApproveLinkRequestInput = z.input<typeof approveLinkRequestInputSchema>;
/** Input type of `rejectLinkRequest`. */
export type RejectLinkRequestInput = z.input<typeof rejectLinkRequestInputSchema>;
/** Input type of `cancelLinkRequest`. */
export type CancelLinkRequestInput = z.input<typeof cancelLinkRequestInputSchema>;
/** Input type of `changeLinkPermissions`. */
export type ChangeLinkPermissionsInput = z.input<typeof changeLinkPermissionsInputSchema>;
/** Input type of `unlink`. */
export type UnlinkInput = z.input<typeof unlinkInputSchema>;
/** Input type of `assignToAdAccount` / `unassignFromAdAccount`. */
export type AssignmentInput = z.input<typeof assignmentInputSchema>;
