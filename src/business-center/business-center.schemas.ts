import * as z from 'zod/mini';
import { instantSchema, textSchema, type ReadonlyInput } from '../kernel/validation.js';
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
export const permissionListSchema = z
  .array(z.string().check(z.maxLength(64, 'must be at most 64 characters')))
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
  token: scanned,
  account: tiktokAccountFactsSchema,
  userId,
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
  businessCenter: businessCenterFactsSchema,
  member: bcMemberFactsSchema,
  requestId,
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
  businessCenter: businessCenterFactsSchema,
  member: bcMemberFactsSchema,
  linkId,
  permissions: permissionListSchema,
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
  businessCenter: businessCenterFactsSchema,
  member: bcMemberFactsSchema,
  linkId,
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
  businessCenter: businessCenterFactsSchema,
  member: bcMemberFactsSchema,
  linkId,
  adAccount: adAccountFactsSchema,
});
/**
 * A Business Center id argument (of `listBusinessCenterLinks`).
 *
 * @example
 * ```ts
 * businessCenterIdSchema.safeParse('bc-1').success; // true
 * ```
 */
export const businessCenterIdSchema = bcId;
/**
 * A TikTok account id argument (of `listAccountLinks`).
 *
 * @example
 * ```ts
 * tiktokAccountIdSchema.safeParse('tt-dana').success; // true
 * ```
 */
export const tiktokAccountIdSchema = accountId;
/**
 * A link id argument (of `getLink`).
 *
 * @example
 * ```ts
 * linkIdSchema.safeParse('has space').success; // false
 * ```
 */
export const linkIdSchema = linkId;

/**
 * Input of `startLinkRequest`, with plain string ids (the service brands them).
 *
 * @example
 * ```ts
 * const input: StartLinkRequestInput = {
 *   businessCenter: { id: 'bc-1', verified: true }, member: { userId: 'u-admin', role: 'ADMIN' },
 *   permissionLevel: 'DELIVER_ADS', permissions: SPARK_ADS_PERMISSIONS,
 * };
 * ```
 */
export type StartLinkRequestInput = ReadonlyInput<z.input<typeof startLinkRequestInputSchema>>;
/**
 * Input of `approveLinkRequest`: the scanned token, the account's facts, who approves.
 *
 * @example
 * ```ts
 * const account = { id: 'tt-dana', accountType: 'CREATOR', isPrivate: false, inAnyBusinessCenter: false } as const;
 * const input: ApproveLinkRequestInput = { token: scanned, account, userId: 'creator-phone' };
 * ```
 */
export type ApproveLinkRequestInput = ReadonlyInput<z.input<typeof approveLinkRequestInputSchema>>;
/**
 * Input of `rejectLinkRequest`.
 *
 * @example
 * ```ts
 * const input: RejectLinkRequestInput = { token: scanned, userId: 'creator-phone' };
 * ```
 */
export type RejectLinkRequestInput = ReadonlyInput<z.input<typeof rejectLinkRequestInputSchema>>;
/**
 * Input of `cancelLinkRequest`.
 *
 * @example
 * ```ts
 * const input: CancelLinkRequestInput = { businessCenter, member, requestId: 'lreq_1a2b' };
 * ```
 */
export type CancelLinkRequestInput = ReadonlyInput<z.input<typeof cancelLinkRequestInputSchema>>;
/**
 * Input of `linkRequestStatus`.
 *
 * @example
 * ```ts
 * const input: LinkRequestStatusInput = { requestId: 'lreq_1a2b', at: new Date() };
 * ```
 */
export type LinkRequestStatusInput = ReadonlyInput<z.input<typeof linkRequestStatusInputSchema>>;
/**
 * Input of `changeLinkPermissions`.
 *
 * @example
 * ```ts
 * const input: ChangeLinkPermissionsInput = {
 *   businessCenter, member, linkId: 'link_1', permissions: ['EXISTING_POSTS'],
 * };
 * ```
 */
export type ChangeLinkPermissionsInput = ReadonlyInput<z.input<typeof changeLinkPermissionsInputSchema>>;
/**
 * Input of `unlink`.
 *
 * @example
 * ```ts
 * const input: UnlinkInput = { businessCenter, member, linkId: 'link_1' };
 * ```
 */
export type UnlinkInput = ReadonlyInput<z.input<typeof unlinkInputSchema>>;
/**
 * Input of `assignToAdAccount` and `unassignFromAdAccount`.
 *
 * @example
 * ```ts
 * const adAccount = { id: 'adv-1', businessCenterId: 'bc-1' };
 * const input: AssignmentInput = { businessCenter, member, linkId: 'link_1', adAccount };
 * ```
 */
export type AssignmentInput = ReadonlyInput<z.input<typeof assignmentInputSchema>>;
