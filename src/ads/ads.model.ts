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
 * - `BC_AUTH_TT`: a TikTok account linked through a Business Center. Whether it is available to
 *   the ad account comes from the library's records (an active link assigned to the ad account
 *   with the Spark Ads permissions, LIFE-02), never from the caller. A Spark Ad.
 * - `TT_USER`: the advertiser's own TikTok account. A Spark Ad; no authorization needed.
 * - `CUSTOMIZED_USER`: a custom display name and avatar. Not a Spark Ad.
 */
export type AdIdentity =
  | { readonly type: 'AUTH_CODE'; readonly codeId: AdCodeId }
  | { readonly type: 'BC_AUTH_TT'; readonly identityId: string }
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

/**
 * Why an ad is paused or stopped. The lifecycle reasons (LIFE-01): `post_private`,
 * `post_deleted` (the post it runs), `account_banned` (the account that delivers it),
 * `link_removed` (its Business Center link or the link's assignment to the ad account ended),
 * `permission_withdrawn` (the link no longer grants the Spark Ads permissions, BC-05).
 */
export type AdStatusReason =
  | 'authorization_revoked'
  | 'authorization_expired'
  | 'advertiser'
  | 'post_private'
  | 'post_deleted'
  | 'account_banned'
  | 'link_removed'
  | 'permission_withdrawn';

/**
 * The lifecycle reasons an ad is paused for when something it depends on goes away (LIFE-01).
 *
 * @example
 * ```ts
 * const why: LifecycleReason = 'link_removed';
 * ```
 */
export type LifecycleReason = Extract<
  AdStatusReason,
  'post_private' | 'post_deleted' | 'account_banned' | 'link_removed' | 'permission_withdrawn'
>;

/**
 * Whether a `BC_AUTH_TT` account is available to an ad account by the records (LIFE-02): an
 * active link assigned to the ad account that grants the Spark Ads permissions (BC-05); if not,
 * why: no such link or assignment (`link_removed`), or the permissions are missing
 * (`permission_withdrawn`).
 *
 * @example
 * ```ts
 * const gone: IdentityAvailabilityFact = { available: false, reason: 'link_removed' };
 * ```
 */
export type IdentityAvailabilityFact =
  | { readonly available: true; readonly linkId: string }
  | { readonly available: false; readonly reason: 'link_removed' | 'permission_withdrawn' };

/**
 * What an ad depends on, as read from the records at a decision (LIFE-01, LIFE-02).
 *
 * @example
 * ```ts
 * const facts: DependencyFacts = { post: 'PRIVATE', account: 'ACTIVE' };
 * dependencyViolations({ type: 'TT_USER', identityId: 'tt-1' }, facts); // [ads.post_private]
 * ```
 */
export interface DependencyFacts {
  /** The post's state; absent when nothing was reported (public). */
  readonly post?: 'PUBLIC' | 'PRIVATE' | 'DELETED' | undefined;
  /** The delivering account's state; absent when nothing was reported (active). */
  readonly account?: 'ACTIVE' | 'BANNED' | undefined;
  /** For a `BC_AUTH_TT` identity: its availability to the ad account. */
  readonly identity?: IdentityAvailabilityFact | undefined;
}

/**
 * What the library was told about a post or a TikTok account an ad depends on (LIFE-01), one
 * row per subject: `key` is `video:<videoId>` or `account:<accountId>` (the lock its report takes). A post is `PUBLIC`,
 * `PRIVATE` or `DELETED` (final); an account `ACTIVE` or `BANNED`. No row: public / active.
 *
 * @example
 * ```ts
 * const report = (await ads.reportPostChange({ videoId: 'v-1', change: 'PRIVATE' })).unwrap();
 * report.state.state; // 'PRIVATE'
 * ```
 */
export interface DependencyStateRecord {
  readonly key: string;
  readonly kind: 'POST' | 'ACCOUNT';
  readonly subjectId: string;
  readonly state: 'PUBLIC' | 'PRIVATE' | 'DELETED' | 'ACTIVE' | 'BANNED';
  readonly changedAt: Date;
  readonly changedBy: Actor;
}

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

/**
 * What `Ads.deleteDraft` returns (LIFE-03): the draft that was deleted, and when.
 *
 * @example
 * ```ts
 * const { deletedAt }: DeletedAd = (await ads.deleteDraft({ adAccountId: 'adv-1', adId })).unwrap();
 * ```
 */
export interface DeletedAd {
  readonly adId: AdRecord['id'];
  readonly adAccountId: AdAccountId;
  readonly deletedAt: Date;
}

/**
 * What a lifecycle report returns (LIFE-01): the state recorded and the ads it paused.
 *
 * @example
 * ```ts
 * const report = await ads.reportAccountChange({ accountId: 'tt-1', change: 'BANNED' });
 * const { pausedAds }: DependencyReport = report.unwrap();
 * ```
 */
export interface DependencyReport {
  readonly state: DependencyStateRecord;
  readonly pausedAds: readonly AdRef[];
}
