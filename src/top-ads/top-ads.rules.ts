import type { Violation } from '../kernel/decision.js';
import type { Policy } from '../kernel/policy.js';
import { DAY_MS } from '../kernel/time.js';
import type { AdRecord, AssetAuthorizationSource } from '../ads/ads.model.js';
import type { PopupDecision, TopAdsDisplay, TopAdsQuery, TopAdsStatusView } from './top-ads.model.js';

/**
 * The Top Ads eligibility requirements an ad does not meet at `at` (empty when eligible): TikTok
 * among the placements (TOP-02), campaign type not excluded — SPC by default (TOP-03),
 * published in a campaign, i.e. it has run (TOP-04), for at least `topAdsMinDaysPublished`
 * days, and an objective not in `topAdsExcludedObjectives` (the configurable predicate).
 *
 * @example
 * ```ts
 * import { topAdsEligibility, DEFAULT_POLICY } from 'tiktok-ad-auth';
 * topAdsEligibility(draftAd, new Date(), DEFAULT_POLICY).map((v) => v.code); // ['top_ads.not_published']
 * ```
 */
export function topAdsEligibility(ad: AdRecord, at: Date, policy: Policy): Violation[] {
  const v: Violation[] = [];
  if (!ad.campaign.placements.includes('TIKTOK')) {
    v.push({
      rule: 'TOP-02',
      code: 'top_ads.requires_tiktok_placement',
      message: 'Only ads with TikTok as a placement can appear in Top Ads.',
    });
  }
  if (policy.topAdsExcludedCampaignTypes.includes(ad.campaign.campaignType)) {
    v.push({
      rule: 'TOP-03',
      code: 'top_ads.campaign_type_not_eligible',
      message: 'Smart Performance Campaign creatives are not eligible for Top Ads.',
      details: { campaignType: ad.campaign.campaignType },
    });
  }
  const published = ad.firstRunningAt;
  if (published === undefined || published.getTime() > at.getTime()) {
    v.push({
      rule: 'TOP-04',
      code: 'top_ads.not_published',
      message: 'Only creatives already published in an ad campaign are shared: this ad has not run yet.',
    });
  } else if (at.getTime() - published.getTime() < policy.topAdsMinDaysPublished * DAY_MS) {
    v.push({
      rule: 'TOP-04',
      code: 'top_ads.not_published_long_enough',
      message: `A creative must have been published for ${policy.topAdsMinDaysPublished} days to be eligible.`,
      details: { publishedAt: published },
    });
  }
  if (policy.topAdsExcludedObjectives.includes(ad.campaign.objective)) {
    v.push({
      rule: 'TOP-07',
      code: 'top_ads.objective_not_eligible',
      message: `Creatives of ${ad.campaign.objective} campaigns are not eligible for Top Ads.`,
      details: { objective: ad.campaign.objective },
    });
  }
  return v;
}

/** When a published creative leaves Top Ads: first publication + `topAdsPeriodDays`. */
function until(ad: AdRecord, policy: Policy): Date | undefined {
  if (ad.firstRunningAt === undefined) return undefined;
  return new Date(ad.firstRunningAt.getTime() + policy.topAdsPeriodDays * DAY_MS);
}

/**
 * The Top Ads status of an ad at `at` (TOP-07): `IN_TOP_ADS` when authorized, eligible and
 * within its Top Ads period; else `NOT_IN_TOP_ADS` with the reason — `not_authorized`,
 * `withdrawn` (TOP-06), `not_eligible` (with the unmet requirements) or `expired`.
 *
 * @example
 * ```ts
 * import { topAdsStatusAt, DEFAULT_POLICY } from 'tiktok-ad-auth';
 * topAdsStatusAt(ad, new Date(), DEFAULT_POLICY); // { adId, status: 'IN_TOP_ADS', until }
 * ```
 */
export function topAdsStatusAt(ad: AdRecord, at: Date, policy: Policy): TopAdsStatusView {
  const u = until(ad, policy);
  const base = { adId: ad.id, ...(u !== undefined ? { until: u } : {}) };
  const a = ad.assetAuthorization;
  if (!a.authorized) {
    return { ...base, status: 'NOT_IN_TOP_ADS', reason: a.withdrawnAt !== undefined ? 'withdrawn' : 'not_authorized' };
  }
  const unmet = topAdsEligibility(ad, at, policy);
  if (unmet.length > 0) return { ...base, status: 'NOT_IN_TOP_ADS', reason: 'not_eligible', unmet };
  if (u !== undefined && at.getTime() >= u.getTime()) return { ...base, status: 'NOT_IN_TOP_ADS', reason: 'expired' };
  return { ...base, status: 'IN_TOP_ADS' };
}

/**
 * The creatives the Creative Center pop-up offers (TOP-05): ads with the option, not
 * authorized, never withdrawn, eligible and within their Top Ads period at `at`.
 *
 * @example
 * ```ts
 * import { popupCandidates, DEFAULT_POLICY } from 'tiktok-ad-auth';
 * popupCandidates(ads, new Date(), DEFAULT_POLICY).map((a) => a.id);
 * ```
 */
export function popupCandidates(ads: readonly AdRecord[], at: Date, policy: Policy): AdRecord[] {
  return ads.filter((ad) => {
    const a = ad.assetAuthorization;
    if (!a.offered || a.authorized || a.withdrawnAt !== undefined) return false;
    if (topAdsEligibility(ad, at, policy).length > 0) return false;
    const u = until(ad, policy);
    return u === undefined || at.getTime() < u.getTime();
  });
}

/**
 * Should the Creative Center pop-up show now (TOP-05)? Only while there is at least one
 * eligible, unauthorized creative, and at most once every `topAdsPopupIntervalMs` (7 days).
 *
 * @example
 * ```ts
 * import { shouldShowTopAdsPopup, DEFAULT_POLICY } from 'tiktok-ad-auth';
 * shouldShowTopAdsPopup({ candidates: 2, lastShownAt: undefined }, new Date(), DEFAULT_POLICY); // { show: true }
 * ```
 */
export function shouldShowTopAdsPopup(
  facts: { readonly candidates: number; readonly lastShownAt: Date | undefined },
  at: Date,
  policy: Policy,
): PopupDecision {
  if (facts.candidates <= 0) return { show: false };
  if (facts.lastShownAt !== undefined) {
    const next = facts.lastShownAt.getTime() + policy.topAdsPopupIntervalMs;
    if (at.getTime() < next) return { show: false, nextAt: new Date(next) };
  }
  return { show: true };
}

/**
 * How Creative Center may show an authorized creative (TOP-08): watermarked, not
 * downloadable, with its filter facts.
 *
 * @example
 * ```ts
 * import { topAdsDisplay, DEFAULT_POLICY } from 'tiktok-ad-auth';
 * topAdsDisplay(ad, DEFAULT_POLICY).downloadable; // false
 * ```
 */
export function topAdsDisplay(ad: AdRecord, policy: Policy): TopAdsDisplay {
  const u = until(ad, policy) ?? ad.createdAt;
  return {
    adId: ad.id,
    ...(ad.videoId !== undefined ? { videoId: ad.videoId } : {}),
    objective: ad.campaign.objective,
    campaignType: ad.campaign.campaignType,
    regions: [...ad.regions],
    ...(ad.industry !== undefined ? { industry: ad.industry } : {}),
    watermarked: true,
    downloadable: false,
    until: u,
  };
}

/**
 * Does the ad match a Top Ads query (TOP-09)? Each given list must share a value with the ad.
 *
 * @example
 * ```ts
 * import { matchesTopAdsQuery } from 'tiktok-ad-auth';
 * matchesTopAdsQuery(ad, { regions: ['US', 'CA'], objectives: ['VIDEO_VIEWS'] });
 * ```
 */
export function matchesTopAdsQuery(ad: AdRecord, query: TopAdsQuery): boolean {
  if (query.regions !== undefined && !query.regions.some((r) => ad.regions.includes(r))) return false;
  const { industries } = query;
  if (industries !== undefined && (ad.industry === undefined || !industries.includes(ad.industry))) return false;
  if (query.objectives !== undefined && !query.objectives.includes(ad.campaign.objective)) return false;
  return true;
}

/**
 * Why an ad's Top Ads asset authorization cannot be granted (TOP-02, TOP-03): empty when the
 * ad offers the option. Every reason is listed.
 *
 * @example
 * ```ts
 * import { assetAuthorizationViolations, DEFAULT_POLICY } from 'tiktok-ad-auth';
 * assetAuthorizationViolations(spcAd, DEFAULT_POLICY).map((v) => v.code); // ['top_ads.campaign_type_not_eligible']
 * ```
 */
export function assetAuthorizationViolations(ad: AdRecord, policy: Policy): Violation[] {
  if (ad.assetAuthorization.offered) return [];
  const v: Violation[] = [];
  if (!ad.campaign.placements.includes('TIKTOK')) {
    v.push({
      rule: 'TOP-02',
      code: 'top_ads.requires_tiktok_placement',
      message: 'Asset Authorization is only available for ads with TikTok as a placement.',
      details: { adId: ad.id },
    });
  }
  if (policy.topAdsExcludedCampaignTypes.includes(ad.campaign.campaignType)) {
    v.push({
      rule: 'TOP-03',
      code: 'top_ads.campaign_type_not_eligible',
      message: 'Smart Performance Campaign creatives cannot be authorized for Top Ads.',
      details: { adId: ad.id },
    });
  }
  if (v.length > 0) return v;
  return [
    {
      rule: 'TOP-02',
      code: 'top_ads.requires_tiktok_placement',
      message: 'This ad does not offer Asset Authorization.',
      details: { adId: ad.id },
    },
  ];
}

/**
 * The ad after granting (`authorized = true`) or withdrawing (TOP-06) its Top Ads asset
 * authorization at `at` from `source`, or `undefined` when nothing changes: it already has that
 * value (idempotent), or it does not offer the option. A withdrawal records `withdrawnAt`; a
 * grant clears it.
 *
 * @example
 * ```ts
 * import { withAssetAuthorization } from 'tiktok-ad-auth';
 * withAssetAuthorization(ad, false, new Date(), 'creative_center')?.assetAuthorization.withdrawnAt;
 * ```
 */
export function withAssetAuthorization(
  ad: AdRecord,
  authorized: boolean,
  at: Date,
  source: AssetAuthorizationSource,
): AdRecord | undefined {
  const { withdrawnAt: _previous, ...current } = ad.assetAuthorization;
  if (!current.offered || current.authorized === authorized) return undefined;
  return {
    ...ad,
    assetAuthorization: { ...current, authorized, changedAt: at, source, ...(authorized ? {} : { withdrawnAt: at }) },
  };
}
