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
/** An ad, minted by the library (`ad_…`). */
export type AdId = Brand<string, 'AdId'>;
