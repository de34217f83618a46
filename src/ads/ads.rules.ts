import { decide, type Decision, type Violation } from '../kernel/decision.js';
import type { Policy } from '../kernel/policy.js';
import { SYSTEM_ACTOR, type Actor } from '../kernel/events.js';
import { isInForce, type AuthorizationTimes as CodeTimes } from '../kernel/authorization.js';
import type {
  AdForecast,
  AdForecastFacts,
  AdIdentityInput,
  AdRecord,
  AdStatus,
  AdStatusReason,
  AdView,
  CampaignFacts,
  DependencyFacts,
  LifecycleReason,
} from './ads.model.js';

/** The actions of the ad lifecycle. */
export type AdAction = 'submit' | 'approve' | 'reject' | 'start' | 'pause' | 'resume' | 'stop';

/**
 * For each action: the statuses it starts from, the status it leads to, and whether the
 * authorization must be in force (ADV-05, ADV-06).
 *
 * @example
 * ```ts
 * import { AD_TRANSITIONS } from 'tiktok-ad-auth';
 * AD_TRANSITIONS.resume; // { from: ['PAUSED'], to: 'RUNNING', needsAuthorization: true }
 * ```
 */
export const AD_TRANSITIONS: Readonly<
  Record<
    AdAction,
    {
      readonly from: readonly AdStatus[];
      readonly to: AdStatus;
      readonly needsAuthorization: boolean;
    }
  >
> = Object.freeze({
  submit: { from: ['DRAFT', 'REJECTED'], to: 'IN_REVIEW', needsAuthorization: true },
  approve: { from: ['IN_REVIEW'], to: 'APPROVED', needsAuthorization: false },
  reject: { from: ['IN_REVIEW'], to: 'REJECTED', needsAuthorization: false },
  start: { from: ['APPROVED'], to: 'RUNNING', needsAuthorization: true },
  pause: { from: ['RUNNING'], to: 'PAUSED', needsAuthorization: false },
  resume: { from: ['PAUSED'], to: 'RUNNING', needsAuthorization: true },
  stop: { from: ['APPROVED', 'RUNNING', 'PAUSED'], to: 'STOPPED', needsAuthorization: false },
});

/**
 * Statuses a revocation pauses (`pause-ads` mode): the ad delivers or is about to.
 *
 * @example
 * ```ts
 * import { PAUSED_BY_REVOCATION } from 'tiktok-ad-auth';
 * PAUSED_BY_REVOCATION.includes('RUNNING'); // true
 * ```
 */
export const PAUSED_BY_REVOCATION: readonly AdStatus[] = ['APPROVED', 'RUNNING'];
/**
 * Statuses that keep a post "in use" (`block-while-in-use` mode refuses revocation).
 *
 * @example
 * ```ts
 * import { IN_USE_STATUSES } from 'tiktok-ad-auth';
 * IN_USE_STATUSES.includes('PAUSED'); // true
 * ```
 */
export const IN_USE_STATUSES: readonly AdStatus[] = ['IN_REVIEW', 'APPROVED', 'RUNNING', 'PAUSED'];
/**
 * Statuses the authorization's expiry stops (ADV-06).
 *
 * @example
 * ```ts
 * import { STOPPED_BY_EXPIRY } from 'tiktok-ad-auth';
 * STOPPED_BY_EXPIRY.includes('DRAFT'); // false: a draft stays a draft
 * ```
 */
export const STOPPED_BY_EXPIRY: readonly AdStatus[] = ['IN_REVIEW', 'APPROVED', 'RUNNING', 'PAUSED'];

/**
 * True when the identity makes the ad a Spark Ad (every identity but `CUSTOMIZED_USER`).
 *
 * @example
 * ```ts
 * import { isSparkAd } from 'tiktok-ad-auth';
 * isSparkAd({ type: 'CUSTOMIZED_USER', identityId: 'brand' }); // false
 * ```
 */
export function isSparkAd(identity: AdIdentityInput): boolean {
  return identity.type !== 'CUSTOMIZED_USER';
}

/**
 * Whether an ad counts toward the Spark Ads limits (per ad account and per identity): every ad
 * whose stored status is not `STOPPED`.
 *
 * @example
 * ```ts
 * import { countsTowardAdLimits } from 'tiktok-ad-auth';
 * countsTowardAdLimits({ status: 'STOPPED' }); // false
 * ```
 */
export function countsTowardAdLimits(ad: Pick<AdRecord, 'status'>): boolean {
  return ad.status !== 'STOPPED';
}

/**
 * The key the per-identity ad limit counts by: `AUTH_CODE:<creatorId>` for a Spark code post
 * (the creator's account delivers it), else `<type>:<identityId>`.
 *
 * @example
 * ```ts
 * import { identityKey } from 'tiktok-ad-auth';
 * identityKey(ad); // 'AUTH_CODE:creator-1'
 * ```
 */
export function identityKey(ad: Pick<AdRecord, 'identity' | 'authorization'>): string {
  if (ad.identity.type === 'AUTH_CODE') return `AUTH_CODE:${ad.authorization?.creatorId ?? ad.identity.codeId}`;
  return `${ad.identity.type}:${ad.identity.identityId}`;
}

/**
 * Whether the ad offers the Top Ads Asset Authorization option: only with TikTok among the
 * placements (TOP-02) and not for excluded campaign types, SPC by default (TOP-03).
 *
 * @example
 * ```ts
 * import { offersAssetAuthorization, DEFAULT_POLICY } from 'tiktok-ad-auth';
 * const pangleOnly = { campaignId: 'c', objective: 'REACH', placements: ['PANGLE'], campaignType: 'MANUAL' } as const;
 * offersAssetAuthorization(pangleOnly, DEFAULT_POLICY); // false
 * ```
 */
export function offersAssetAuthorization(campaign: CampaignFacts, policy: Policy): boolean {
  return campaign.placements.includes('TIKTOK') && !policy.topAdsExcludedCampaignTypes.includes(campaign.campaignType);
}

/**
 * Facts for `canCreateAd`, with plain string ids.
 *
 * @example
 * ```ts
 * const facts: CreateAdFacts = {
 *   campaign, identity: { type: 'AUTH_CODE', codeId: 'code_1a2b' }, inLibrary: true,
 *   schedule: { startAt: new Date('2026-06-01T00:00:00Z') },
 * };
 * ```
 */
export interface CreateAdFacts {
  readonly campaign: CampaignFacts;
  /** When the ad is to deliver; with the instant of the decision, an ended schedule is refused (ADV-05). */
  readonly schedule?: { readonly startAt: Date; readonly endAt?: Date | undefined } | undefined;
  readonly identity: AdIdentityInput;
  /** The caller's choice for the Asset Authorization checkbox, if any (TOP-01). */
  readonly assetAuthorization?: boolean | undefined;
  /** For `AUTH_CODE`: whether the post is in the ad account's Spark Ads library (ADV-02, ADV-04). */
  readonly inLibrary: boolean;
}

/**
 * May this ad be created? Checks that an `AUTH_CODE` post is in the ad account's library
 * (ADV-04), that an explicitly checked Asset Authorization box is offered (TOP-02, TOP-03) and,
 * when `facts.schedule` and `at` (the instant of the decision) are both given, that the schedule
 * has not ended by `at`: an ad that can never deliver is not created (ADV-05,
 * `ads.schedule_ended`). The services always pass both. Returns every violation.
 *
 * @example
 * ```ts
 * import { canCreateAd, DEFAULT_POLICY } from 'tiktok-ad-auth';
 * const d = canCreateAd({ campaign, identity: { type: 'AUTH_CODE', codeId }, inLibrary: false }, DEFAULT_POLICY);
 * if (!d.allowed) d.violations.map((v) => v.code); // ['ads.post_not_in_library']
 * const schedule = { startAt: new Date('2026-01-01T00:00:00Z'), endAt: new Date('2026-02-01T00:00:00Z') };
 * const late = canCreateAd({ campaign, identity, inLibrary: true, schedule }, DEFAULT_POLICY, new Date('2026-05-01'));
 * if (!late.allowed) late.violations.map((v) => v.code); // ['ads.schedule_ended']
 * ```
 */
export function canCreateAd(facts: CreateAdFacts, policy: Policy, at?: Date): Decision {
  const v: Violation[] = [];
  if (facts.schedule !== undefined && at !== undefined) {
    const ended = scheduleEnded(facts.schedule, at, 'create');
    if (ended !== undefined) v.push(ended);
  }
  if (facts.identity.type === 'AUTH_CODE' && !facts.inLibrary) {
    v.push({
      rule: 'ADV-04',
      code: 'ads.post_not_in_library',
      message: "Add the post to this ad account's Spark Ads library first: search and confirm the creator's code.",
      details: { codeId: facts.identity.codeId },
    });
  }
  if (facts.assetAuthorization === true) {
    if (!facts.campaign.placements.includes('TIKTOK')) {
      v.push({
        rule: 'TOP-02',
        code: 'top_ads.requires_tiktok_placement',
        message:
          'Asset Authorization is only available when TikTok is one of the placements: ' +
          'add it or leave the box unchecked.',
      });
    }
    if (policy.topAdsExcludedCampaignTypes.includes(facts.campaign.campaignType)) {
      const type = facts.campaign.campaignType;
      const what = type === 'SMART_PERFORMANCE' ? 'Smart Performance Campaigns' : type;
      v.push({
        rule: 'TOP-03',
        code: 'top_ads.campaign_type_not_eligible',
        message: `Creatives of ${what} cannot be authorized for Top Ads: leave the box unchecked.`,
        details: { campaignType: type },
      });
    }
  }
  return decide(v);
}

/**
 * The violation of an ad whose schedule ended at or before `at` (its end is exclusive), when
 * asked to be created, submitted, started or resumed (ADV-05): it could never deliver.
 */
function scheduleEnded(
  schedule: { readonly endAt?: Date | undefined },
  at: Date,
  action: AdAction | 'create',
): Violation | undefined {
  const end = schedule.endAt;
  if (end === undefined || end.getTime() > at.getTime()) return undefined;
  const verb = action === 'create' ? 'be created' : `be asked to ${action}`;
  return {
    rule: 'ADV-05',
    code: 'ads.schedule_ended',
    message:
      `The ad's schedule ended at ${end.toISOString()}: it cannot ${verb}. ` +
      'Give it an end in the future, or no end.',
    details: { endAt: end.toISOString(), action },
  };
}

/** Facts for `adLimitViolations`: how many ads already count toward each limit (`countsTowardAdLimits`). */
export interface AdLimitFacts {
  /** Spark Ads of the ad account that count toward the limit. */
  readonly sparkAds: number;
  /** Spark Ads of the identity (all ad accounts) that count toward the limit. */
  readonly identityAds: number;
  /** The identity's key (`identityKey`). */
  readonly identityKey: string;
}

/**
 * Whether one more Spark Ad fits the platform limits (ADV-04, configurable): at most
 * `maxSparkAdsPerAdAccount` per ad account and `maxAdsPerIdentity` per identity. Returns a
 * violation for each limit reached; empty when the ad fits.
 *
 * @example
 * ```ts
 * import { adLimitViolations, definePolicy } from 'tiktok-ad-auth';
 * const policy = definePolicy({ maxSparkAdsPerAdAccount: 2 }).unwrap();
 * adLimitViolations({ sparkAds: 2, identityAds: 0, identityKey: 'TT_USER:brand' }, policy)[0]?.code;
 * // 'ads.spark_ads_limit_reached'
 * ```
 */
export function adLimitViolations(facts: AdLimitFacts, policy: Policy): Violation[] {
  const v: Violation[] = [];
  const limit = policy.maxSparkAdsPerAdAccount;
  if (facts.sparkAds >= limit) {
    v.push({
      rule: 'ADV-04',
      code: 'ads.spark_ads_limit_reached',
      message: `This ad account already has ${facts.sparkAds} Spark Ads, the limit is ${limit}: stop some first.`,
      details: { count: facts.sparkAds, limit },
    });
  }
  const identityLimit = policy.maxAdsPerIdentity;
  if (facts.identityAds >= identityLimit) {
    v.push({
      rule: 'ADV-04',
      code: 'ads.identity_limit_reached',
      message:
        `This identity already delivers ${facts.identityAds} ads, the limit is ${identityLimit}: ` + 'stop some first.',
      details: { key: facts.identityKey, count: facts.identityAds, limit: identityLimit },
    });
  }
  return v;
}

/**
 * Facts for `authorizationViolations`: an ad's identity (plain string ids, or a recorded ad's
 * `identity`), its code and whether the code is in the ad account's library.
 *
 * @example
 * ```ts
 * const facts: AuthorizationFacts = { identity: ad.identity, code, inLibrary: true };
 * ```
 */
export interface AuthorizationFacts {
  readonly identity: AdIdentityInput;
  /** For `AUTH_CODE`: the code, or `undefined` when it no longer exists. */
  readonly code?: CodeTimes | undefined;
  /** For `AUTH_CODE`: whether the ad account confirmed the code (its post is in the library). */
  readonly inLibrary: boolean;
  /**
   * What the ad depends on, read from the records (LIFE-01, LIFE-02). A `BC_AUTH_TT` identity
   * without `dependencies.identity.available` is unavailable: availability is never assumed.
   */
  readonly dependencies?: DependencyFacts | undefined;
}

/**
 * Why the ad's identity may not deliver at `at`, if at all: an `AUTH_CODE` post must be in
 * the ad account's library with its code in force (ADV-04, ADV-06); a `BC_AUTH_TT` account
 * must be available (ASSET-08). Empty when it may deliver.
 *
 * @example
 * ```ts
 * import { authorizationViolations } from 'tiktok-ad-auth';
 * authorizationViolations({ identity, code, inLibrary: true }, new Date()); // [] while in force
 * ```
 */
export function authorizationViolations(facts: AuthorizationFacts, at: Date): Violation[] {
  const v: Violation[] = [];
  const { identity, code } = facts;
  if (identity.type === 'AUTH_CODE') {
    if (!facts.inLibrary || code === undefined) {
      v.push({
        rule: 'ADV-04',
        code: 'ads.post_not_in_library',
        message:
          "This post is not in the ad account's Spark Ads library: " + "search and confirm the creator's code first.",
        details: { codeId: identity.codeId },
      });
    } else if (code.revokedAt !== undefined && code.revokedAt.getTime() <= at.getTime()) {
      v.push({
        rule: 'ADV-06',
        code: 'ads.authorization_revoked',
        message:
          'The creator revoked the authorization for this post: ' +
          'ask them for a fresh code and create a new ad with it.',
        details: { codeId: identity.codeId, revokedAt: code.revokedAt },
      });
    } else if (!isInForce(code, at)) {
      v.push({
        rule: 'ADV-06',
        code: 'ads.authorization_expired',
        message:
          'The authorization for this post has expired: ' +
          'ask the creator for a fresh code and create a new ad with it.',
        details: { codeId: identity.codeId, expiredAt: code.expiresAt },
      });
    }
  }
  v.push(...dependencyViolations(identity, facts.dependencies ?? {}));
  return v;
}

/**
 * The statuses an ad is paused from when something it depends on goes away (LIFE-01): approved
 * or running. A draft, an ad in review, a paused or rejected ad is left as it is: it cannot
 * start or resume while the dependency is gone (`dependencyViolations` refuses it).
 *
 * @example
 * ```ts
 * import { PAUSED_BY_LIFECYCLE } from 'tiktok-ad-auth';
 * PAUSED_BY_LIFECYCLE.includes('IN_REVIEW'); // false
 * ```
 */
export const PAUSED_BY_LIFECYCLE: readonly AdStatus[] = ['APPROVED', 'RUNNING'];

/**
 * The TikTok account that delivers an ad (what an account ban takes away, LIFE-01): a
 * `BC_AUTH_TT` or `TT_USER` identity's account, an `AUTH_CODE` ad's creator; none for
 * `CUSTOMIZED_USER`.
 *
 * @example
 * ```ts
 * import { deliveringAccountId } from 'tiktok-ad-auth';
 * deliveringAccountId({ identity: { type: 'BC_AUTH_TT', identityId: 'tt-1' } }); // 'tt-1'
 * ```
 */
export function deliveringAccountId(ad: Pick<AdRecord, 'identity'> & Partial<Pick<AdRecord, 'authorization'>>) {
  const { identity } = ad;
  if (identity.type === 'AUTH_CODE') return ad.authorization?.creatorId as string | undefined;
  if (identity.type === 'CUSTOMIZED_USER') return undefined;
  return identity.identityId;
}

/**
 * Why an ad may not deliver because of what it depends on (LIFE-01, LIFE-02), every reason: a
 * `BC_AUTH_TT` account not available to the ad account by the records
 * (`ads.identity_unavailable`), a private or deleted post, a banned account. Empty when nothing
 * it depends on is gone.
 *
 * @example
 * ```ts
 * import { dependencyViolations } from 'tiktok-ad-auth';
 * dependencyViolations({ type: 'TT_USER', identityId: 'tt-1' }, { post: 'DELETED' })[0]?.code; // 'ads.post_deleted'
 * ```
 */
export function dependencyViolations(identity: AdIdentityInput, facts: DependencyFacts): Violation[] {
  const v: Violation[] = [];
  const availability = facts.identity;
  if (identity.type === 'BC_AUTH_TT' && availability?.available !== true) {
    const withdrawn =
      availability !== undefined && !availability.available && availability.reason === 'permission_withdrawn';
    v.push({
      rule: 'LIFE-02',
      code: 'ads.identity_unavailable',
      message: withdrawn
        ? 'The Business Center link of this TikTok account no longer grants Existing posts and Publish and ' +
          'manage new videos (BC-05): ask for them again.'
        : 'This TikTok account is not available as an identity in this ad account: link it through a ' +
          'Business Center and assign it to the ad account first (ASSET-08).',
      details: {
        identityId: identity.identityId,
        ...(availability?.available === false ? { reason: availability.reason } : {}),
      },
    });
  }
  if (facts.post === 'DELETED') {
    v.push({
      rule: 'LIFE-01',
      code: 'ads.post_deleted',
      message: 'The post was deleted: create a new ad with another post.',
    });
  } else if (facts.post === 'PRIVATE') {
    v.push({
      rule: 'LIFE-01',
      code: 'ads.post_private',
      message: 'The post is private: it must be public again before the ad can deliver.',
    });
  }
  if (facts.account === 'BANNED') {
    v.push({
      rule: 'LIFE-01',
      code: 'ads.account_banned',
      message: 'The TikTok account that delivers this ad is banned: use another identity.',
    });
  }
  return v;
}

/**
 * The reason an approved or running ad is paused for, given what it depends on (LIFE-01): the
 * first of `post_deleted`, `post_private`, `account_banned`, `link_removed`,
 * `permission_withdrawn` that applies; `undefined` when nothing it depends on is gone.
 *
 * @example
 * ```ts
 * import { lifecycleReason } from 'tiktok-ad-auth';
 * lifecycleReason({ type: 'TT_USER', identityId: 'tt-1' }, { account: 'BANNED' }); // 'account_banned'
 * ```
 */
export function lifecycleReason(identity: AdIdentityInput, facts: DependencyFacts): LifecycleReason | undefined {
  if (facts.post === 'DELETED') return 'post_deleted';
  if (facts.post === 'PRIVATE') return 'post_private';
  if (facts.account === 'BANNED') return 'account_banned';
  const a = facts.identity;
  if (identity.type === 'BC_AUTH_TT' && a?.available !== true) {
    return a !== undefined && !a.available ? a.reason : 'link_removed';
  }
  return undefined;
}

/** An ad's status at an instant, with expiry applied. */
export interface AdStatusAt {
  readonly status: AdStatus;
  readonly reason?: AdStatusReason;
  readonly since: Date;
  /** True when expiry set the status and no sweep recorded it yet. */
  readonly derived: boolean;
}

/**
 * The ad's status at `at`: the stored status, except that an ad whose authorization expired
 * at or before `at` reads as `STOPPED` (`authorization_expired`, since the expiry) even
 * before the sweep records it (ADV-06, SPARK-11).
 *
 * @example
 * ```ts
 * import { adStatusAt } from 'tiktok-ad-auth';
 * adStatusAt(ad, ad.authorization!.expiresAt).status; // 'STOPPED'
 * ```
 */
export function adStatusAt(
  ad: Pick<AdRecord, 'status' | 'statusReason' | 'statusChangedAt' | 'authorization'>,
  at: Date,
): AdStatusAt {
  const auth = ad.authorization;
  if (auth !== undefined && STOPPED_BY_EXPIRY.includes(ad.status) && at.getTime() >= auth.expiresAt.getTime()) {
    return { status: 'STOPPED', reason: 'authorization_expired', since: auth.expiresAt, derived: true };
  }
  const reason = ad.statusReason !== undefined ? { reason: ad.statusReason } : {};
  return { status: ad.status, ...reason, since: ad.statusChangedAt, derived: false };
}

/**
 * The ad as callers see it at `at` (status derived with `adStatusAt`).
 *
 * @example
 * ```ts
 * import { viewAd } from 'tiktok-ad-auth';
 * viewAd(ad, new Date()).status;
 * ```
 */
export function viewAd(ad: AdRecord, at: Date): AdView {
  const s = adStatusAt(ad, at);
  if (!s.derived) return { ...ad, derived: false };
  return { ...ad, status: s.status, statusReason: 'authorization_expired', statusChangedAt: s.since, derived: true };
}

/** A status in words: `IN_REVIEW` → `in review`. */
const words = (s: AdStatus) => s.toLowerCase().replace('_', ' ');

/** Facts for `canChangeAdStatus`. */
export interface ChangeStatusFacts extends Omit<AuthorizationFacts, 'identity'> {
  readonly ad: AdRecord;
  readonly action: AdAction;
}

/**
 * May this lifecycle action happen now? The ad's status at `at` must be one the action starts
 * from (ADV-05); for `submit`, `start` and `resume` the ad's schedule must not have ended by `at`
 * (ADV-05, `ads.schedule_ended`) and the authorization must be in force (ADV-04, ADV-06).
 * Returns every violation.
 *
 * @example
 * ```ts
 * import { canChangeAdStatus } from 'tiktok-ad-auth';
 * canChangeAdStatus({ ad, action: 'resume', code, inLibrary: true }, new Date());
 * ```
 */
export function canChangeAdStatus(facts: ChangeStatusFacts, at: Date): Decision {
  const { ad, action } = facts;
  const t = AD_TRANSITIONS[action];
  const v: Violation[] = [];
  const current = adStatusAt(ad, at);
  if (!t.from.includes(current.status)) {
    v.push({
      rule: 'ADV-05',
      code: 'ads.wrong_status',
      message:
        `An ad that is ${words(current.status)} cannot be asked to ${action}: ` +
        `it must be ${t.from.map(words).join(' or ')}.`,
      details: { status: current.status, action, allowedFrom: t.from },
    });
  }
  if (action === 'submit' || action === 'start' || action === 'resume') {
    const ended = scheduleEnded(ad.schedule, at, action);
    if (ended !== undefined) v.push(ended);
  }
  if (t.needsAuthorization) {
    const { code, inLibrary, dependencies } = facts;
    v.push(...authorizationViolations({ identity: ad.identity, code, inLibrary, dependencies }, at));
  }
  return decide(v);
}

/**
 * The authorization forecast of ads at `at` (what agencies lose money on): every ad with a
 * Spark code authorization that is not stopped or rejected and whose authorization has not
 * ended yet, when its schedule runs past the authorization's expiry or the authorization
 * expires within `windowMs`. Soonest stop first.
 *
 * @example
 * ```ts
 * import { forecastAds, DAY_MS } from 'tiktok-ad-auth';
 * const atRisk = forecastAds(ads, new Date(), 7 * DAY_MS).filter((f) => f.runsPastAuthorization);
 * ```
 */
export function forecastAds(ads: readonly AdForecastFacts[], at: Date, windowMs: number): AdForecast[] {
  const t = at.getTime();
  const out: AdForecast[] = [];
  for (const ad of ads) {
    const auth = ad.authorization;
    if (auth === undefined || ad.status === 'STOPPED' || ad.status === 'REJECTED') continue;
    const stops = auth.expiresAt.getTime();
    if (t >= stops) continue;
    const end = ad.schedule.endAt?.getTime();
    const runsPast = end === undefined || end > stops;
    const within = stops < t + windowMs;
    if (!runsPast && !within) continue;
    out.push({
      adId: ad.id,
      adAccountId: ad.adAccountId,
      name: ad.name,
      status: ad.status,
      codeId: auth.codeId,
      stopsAt: auth.expiresAt,
      ...(ad.schedule.endAt !== undefined ? { scheduledEnd: ad.schedule.endAt } : {}),
      runsPastAuthorization: runsPast,
      expiresWithinWindow: within,
      ...(end !== undefined ? { lostMs: Math.max(0, end - Math.max(stops, ad.schedule.startAt.getTime())) } : {}),
    });
  }
  // Soonest first; ties by ad id, so the order never depends on how the store listed them.
  out.sort((a, b) => a.stopsAt.getTime() - b.stopsAt.getTime() || (a.adId < b.adId ? -1 : a.adId > b.adId ? 1 : 0));
  return out;
}

/**
 * The ad after a status change: `status = to`, the reason (kept only for `PAUSED` and
 * `STOPPED`), when and by whom, and `firstRunningAt` the first time it runs.
 *
 * @example
 * ```ts
 * import { withStatus } from 'tiktok-ad-auth';
 * withStatus(ad, 'PAUSED', now, actor, 'advertiser').status; // 'PAUSED'
 * ```
 */
export function withStatus(ad: AdRecord, to: AdStatus, at: Date, by: Actor, reason?: AdStatusReason): AdRecord {
  const { statusReason: _previous, ...rest } = ad;
  return {
    ...rest,
    status: to,
    ...(reason !== undefined && (to === 'PAUSED' || to === 'STOPPED') ? { statusReason: reason } : {}),
    statusChangedAt: at,
    statusChangedBy: by,
    ...(to === 'RUNNING' && ad.firstRunningAt === undefined ? { firstRunningAt: at } : {}),
  };
}

/** What revoking an authorization does to the ads using it. */
export type RevocationEffects =
  /** `pause-ads`: these ads are paused in the revocation's step (`authorization_revoked`). */
  | { readonly kind: 'pause'; readonly pause: readonly AdRecord[] }
  /** `block-while-in-use`: these ads use the post, so the revocation is refused. */
  | { readonly kind: 'blocked'; readonly adsInUse: readonly AdRecord[] };

/**
 * The one place that says what a revocation does to ads (SPARK-10, ADV-06): with the default
 * `pause-ads`, every ad approved or running at `at` (`PAUSED_BY_REVOCATION`, expiry applied) is
 * paused; with `block-while-in-use`, any ad in review, approved, running or paused
 * (`IN_USE_STATUSES`) blocks the revocation.
 *
 * @example
 * ```ts
 * import { revocationEffects } from 'tiktok-ad-auth';
 * revocationEffects(adsOfTheCode, new Date(), 'pause-ads'); // { kind: 'pause', pause: [...] }
 * ```
 */
export function revocationEffects(
  ads: readonly AdRecord[],
  at: Date,
  mode: Policy['revocationMode'],
): RevocationEffects {
  if (mode === 'block-while-in-use') {
    const adsInUse = ads.filter((ad) => IN_USE_STATUSES.includes(adStatusAt(ad, at).status));
    if (adsInUse.length > 0) return { kind: 'blocked', adsInUse };
    return { kind: 'pause', pause: [] };
  }
  return { kind: 'pause', pause: ads.filter((ad) => PAUSED_BY_REVOCATION.includes(adStatusAt(ad, at).status)) };
}

/**
 * The record the expiry sweep writes for an ad whose authorization ended at or before `at`
 * (ADV-06, SPARK-11): `STOPPED` with `authorization_expired` since the expiry instant, by the
 * system; `undefined` when the ad is not one the expiry stops (`STOPPED_BY_EXPIRY`).
 *
 * @example
 * ```ts
 * import { stoppedByExpiry } from 'tiktok-ad-auth';
 * stoppedByExpiry(runningAd, afterTheEnd)?.status; // 'STOPPED'
 * ```
 */
export function stoppedByExpiry(ad: AdRecord, at: Date): AdRecord | undefined {
  const auth = ad.authorization;
  if (auth === undefined || !STOPPED_BY_EXPIRY.includes(ad.status)) return undefined;
  if (at.getTime() < auth.expiresAt.getTime()) return undefined;
  return withStatus(ad, 'STOPPED', auth.expiresAt, SYSTEM_ACTOR, 'authorization_expired');
}
