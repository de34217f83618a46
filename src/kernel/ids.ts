import type { Brand } from './brand.js';

/** A TikTok account that makes videos (creator or business account). Supplied by the caller. */
export type CreatorId = Brand<string, 'CreatorId'>;
/** A TikTok video (post). Supplied by the caller. */
export type VideoId = Brand<string, 'VideoId'>;
/** An Ads Manager ad account. Supplied by the caller. */
export type AdAccountId = Brand<string, 'AdAccountId'>;
/** A person acting in Ads Manager or Business Center. Supplied by the caller. */
export type UserId = Brand<string, 'UserId'>;
/** An authorization code record, minted by the library (`code_…`). Never the code itself. */
export type AdCodeId = Brand<string, 'AdCodeId'>;
/** A domain event, minted by the library (`evt_…`). */
export type EventId = Brand<string, 'EventId'>;
/** A TikTok Business Center. Supplied by the caller. */
export type BusinessCenterId = Brand<string, 'BusinessCenterId'>;
/**
 * A TikTok account (personal, business or creator) that can be linked to Business Centers.
 * Supplied by the caller, or minted (`tt_…`) for organization-owned accounts.
 */
export type TikTokAccountId = Brand<string, 'TikTokAccountId'>;
/** A QR link request, minted by the library (`lreq_…`). Never the QR token itself. */
export type LinkRequestId = Brand<string, 'LinkRequestId'>;
/** An account–Business Center link, minted by the library (`link_…`). */
export type BcLinkId = Brand<string, 'BcLinkId'>;
/** An ad, minted by the library (`ad_…`). */
export type AdId = Brand<string, 'AdId'>;
