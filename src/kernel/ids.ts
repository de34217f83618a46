import type { Brand } from './brand.js';

/**
 * A TikTok account that makes videos (creator or business account). Supplied by the caller as a
 * plain string; branded in what the library returns.
 *
 * @example
 * ```ts
 * const id: CreatorId = summary.creatorId; // made by the library from the plain string you gave
 * ```
 */
export type CreatorId = Brand<string, 'CreatorId'>;
/**
 * A TikTok video (post). Supplied by the caller as a plain string; branded in what the library returns.
 *
 * @example
 * ```ts
 * const id: VideoId = summary.videoId;
 * ```
 */
export type VideoId = Brand<string, 'VideoId'>;
/**
 * An Ads Manager ad account. Supplied by the caller as a plain string; branded in what the library returns.
 *
 * @example
 * ```ts
 * const id: AdAccountId = entry.adAccountId;
 * ```
 */
export type AdAccountId = Brand<string, 'AdAccountId'>;
/**
 * A person acting in Ads Manager or Business Center. Supplied by the caller as a plain string;
 * branded in what the library returns.
 *
 * @example
 * ```ts
 * const id: UserId = member.userId; // of an AccountMember the library returned
 * ```
 */
export type UserId = Brand<string, 'UserId'>;
/**
 * An authorization code record, minted by the library (`code_…`). Never the code itself.
 *
 * @example
 * ```ts
 * await spark.revokeCode({ creatorId: 'tt-dana', codeId: generated.summary.id }); // an AdCodeId is a string
 * ```
 */
export type AdCodeId = Brand<string, 'AdCodeId'>;
/**
 * A domain event, minted by the library (`evt_…`).
 *
 * @example
 * ```ts
 * const id: EventId = event.id;
 * ```
 */
export type EventId = Brand<string, 'EventId'>;
/**
 * A TikTok Business Center. Supplied by the caller as a plain string; branded in what the library returns.
 *
 * @example
 * ```ts
 * const id: BusinessCenterId = link.businessCenterId;
 * ```
 */
export type BusinessCenterId = Brand<string, 'BusinessCenterId'>;
/**
 * A TikTok account (personal, business or creator) that can be linked to Business Centers.
 * Supplied by the caller, or minted (`tt_…`) for organization-owned accounts.
 *
 * @example
 * ```ts
 * const id: TikTokAccountId = link.accountId;
 * ```
 */
export type TikTokAccountId = Brand<string, 'TikTokAccountId'>;
/**
 * A QR link request, minted by the library (`lreq_…`). Never the QR token itself.
 *
 * @example
 * ```ts
 * const id: LinkRequestId = started.request.id;
 * ```
 */
export type LinkRequestId = Brand<string, 'LinkRequestId'>;
/**
 * An account–Business Center link, minted by the library (`link_…`).
 *
 * @example
 * ```ts
 * const id: BcLinkId = approved.link.id;
 * ```
 */
export type BcLinkId = Brand<string, 'BcLinkId'>;
/**
 * An ad, minted by the library (`ad_…`).
 *
 * @example
 * ```ts
 * const id: AdId = ad.id;
 * ```
 */
export type AdId = Brand<string, 'AdId'>;
