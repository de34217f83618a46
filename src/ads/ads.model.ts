import type { Actor } from '../kernel/events.js';
import type { AdAccountId, AdCodeId, AdId, CreatorId, VideoId } from '../kernel/ids.js';

/** Campaign objectives, in the Business API's vocabulary. */
export type CampaignObjective =
  | 'REACH'
  | 'TRAFFIC'
  | 'VIDEO_VIEWS'
  | 'ENGAGEMENT'
  | 'APP_PROMOTION'
  | 'LEAD_GENERATION'
  | 'WEB_CONVERSIONS'
  | 'PRODUCT_SALES';
/** Where an ad may be shown. Top Ads needs `TIKTOK` (TOP-02). */
export type Placement = 'TIKTOK' | 'PANGLE' | 'GLOBAL_APP_BUNDLE';
/** `SMART_PERFORMANCE` is a Smart Performance Campaign (SPC, TOP-03); `SMART_PLUS` is Smart+. */
export type CampaignType = 'MANUAL' | 'SMART_PERFORMANCE' | 'SMART_PLUS';

/** The campaign facts an ad needs (supplied by the caller). */
export interface CampaignFacts {
  readonly campaignId: string;
  readonly objective: CampaignObjective;
  /** At least one; no repeats. */
  readonly placements: readonly Placement[];
  readonly campaignType: CampaignType;
}

/** When the ad is scheduled to deliver: from `startAt`, until `endAt` (exclusive) when given. */
export interface AdSchedule {
  readonly startAt: Date;
  readonly endAt?: Date;
}

/**
 * The ad's identity, in the Business API's `identity_type` vocabulary (ADV-04):
 * - `AUTH_CODE`: a post confirmed with a Spark code (the library entry of `codeId` in the ad's
 *   ad account). A Spark Ad.
 * - `BC_AUTH_TT`: a TikTok account linked through a Business Center. Until Business Center
 *   links land, the caller asserts whether it is `available`. A Spark Ad.
 * - `TT_USER`: the advertiser's own TikTok account. A Spark Ad; no authorization needed.
 * - `CUSTOMIZED_USER`: a custom display name and avatar. Not a Spark Ad.
 */
export type AdIdentity =
  | { readonly type: 'AUTH_CODE'; readonly codeId: AdCodeId }
  | { readonly type: 'BC_AUTH_TT'; readonly identityId: string; readonly available: boolean }
  | { readonly type: 'TT_USER'; readonly identityId: string }
  | { readonly type: 'CUSTOMIZED_USER'; readonly identityId: string };

/**
 * An ad's identity as a caller gives it to the rules, with a plain string `codeId`: the ads
 * the library records carry an `AdIdentity` with a branded `AdCodeId`, and fit here too.
 *
 * @example
 * ```ts
 * const identity: AdIdentityInput = { type: 'AUTH_CODE', codeId: 'code_1a2b' };
 * canCreateAd({ campaign, identity, inLibrary: true }, DEFAULT_POLICY);
 * ```
 */
export type AdIdentityInput =
  | { readonly type: 'AUTH_CODE'; readonly codeId: string }
  | Exclude<AdIdentity, { readonly type: 'AUTH_CODE' }>;

/**
 * An ad's lifecycle status (ADV-05, ADV-06):
 * `DRAFT → IN_REVIEW → APPROVED | REJECTED`, `APPROVED → RUNNING ⇄ PAUSED`, and `STOPPED`
 * (terminal) from `APPROVED`, `RUNNING` or `PAUSED`. A rejected ad can be submitted again.
 */
export type AdStatus = 'DRAFT' | 'IN_REVIEW' | 'APPROVED' | 'REJECTED' | 'RUNNING' | 'PAUSED' | 'STOPPED';

/** Why an ad is paused or stopped. */
export type AdStatusReason = 'authorization_revoked' | 'authorization_expired' | 'advertiser';

/** For `AUTH_CODE` ads: a snapshot of the code's immutable facts, taken at creation. */
export interface AdAuthorizationRef {
  readonly codeId: AdCodeId;
  readonly videoId: VideoId;
  readonly creatorId: CreatorId;
  /** The code's `expiresAt`: the ad stops at this instant (SPARK-11, ADV-06). */
  readonly expiresAt: Date;
}

/** Where a Top Ads asset authorization was granted or withdrawn. */
export type AssetAuthorizationSource = 'ads_manager' | 'creative_center';

/**
 * The ad's Top Ads Asset Authorization option (TOP-01..03, TOP-06). `offered` is false when
 * TikTok is not a placement or the campaign type is excluded (SPC): then `authorized` is false.
 */
export interface AssetAuthorization {
  readonly offered: boolean;
  readonly authorized: boolean;
  /** When `authorized` last changed (or the ad was created). */
  readonly changedAt: Date;
  readonly source: AssetAuthorizationSource;
  /** Set when the advertiser withdrew the authorization (TOP-06); cleared if granted again. */
  readonly withdrawnAt?: Date;
}

/** A stored ad. Records are immutable: a change makes a new one. */
export interface AdRecord {
  readonly id: AdId;
  readonly adAccountId: AdAccountId;
  readonly name: string;
  readonly campaign: CampaignFacts;
  readonly schedule: AdSchedule;
  readonly identity: AdIdentity;
  /** The post (video) the ad runs; for `AUTH_CODE` the code's video. */
  readonly videoId?: VideoId;
  /** Present exactly for `AUTH_CODE` ads. */
  readonly authorization?: AdAuthorizationRef;
  /** Targeted regions (ISO 3166 alpha-2), for the Top Ads filter (TOP-09). */
  readonly regions: readonly string[];
  /** The advertiser's industry, for the Top Ads filter (TOP-09). */
  readonly industry?: string;
  readonly assetAuthorization: AssetAuthorization;
  /** The stored status; read it through `adStatusAt`, which applies expiry. */
  readonly status: AdStatus;
  readonly statusReason?: AdStatusReason;
  readonly statusChangedAt: Date;
  readonly statusChangedBy: Actor;
  readonly createdAt: Date;
  /** The first time the ad started running: it is then published (TOP-04). */
  readonly firstRunningAt?: Date;
}

/**
 * A short reference to an ad after a bulk change (the ads a revocation paused or the expiry
 * sweep stopped): enough to act on, cheap to return for 10,000 ads. Read the ad for the rest.
 */
export type AdRef = Pick<AdRecord, 'id' | 'adAccountId' | 'status' | 'statusReason' | 'statusChangedAt'>;

/** The facts of an ad the authorization forecast needs. */
export type AdForecastFacts = Pick<AdRecord, 'id' | 'adAccountId' | 'name' | 'status' | 'schedule' | 'authorization'>;

/** An ad as callers see it: its status derived at an instant (expiry applied). */
export type AdView = AdRecord & {
  /** True when the status comes from the authorization's expiry and no sweep recorded it yet. */
  readonly derived: boolean;
};

/** One ad of a forecast: when its authorization ends against its schedule. */
export interface AdForecast {
  readonly adId: AdId;
  readonly adAccountId: AdAccountId;
  readonly name: string;
  readonly status: AdStatus;
  readonly codeId: AdCodeId;
  /** The instant the ad will stop: its authorization's expiry. */
  readonly stopsAt: Date;
  readonly scheduledEnd?: Date;
  /** The schedule runs past the authorization (no end, or the end is after `stopsAt`). */
  readonly runsPastAuthorization: boolean;
  /** The authorization expires within the forecast window. */
  readonly expiresWithinWindow: boolean;
  /** Scheduled delivery lost to the expiry, in ms (`undefined` when the schedule has no end). */
  readonly lostMs?: number;
}
