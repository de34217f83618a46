import type { Violation } from '../kernel/decision.js';
import type { AdId, VideoId } from '../kernel/ids.js';
import type { CampaignObjective, CampaignType } from '../ads/ads.model.js';

/** TOP-07: whether an authorized creative is shown in Creative Center's Top Ads. */
export type TopAdsStatus = 'IN_TOP_ADS' | 'NOT_IN_TOP_ADS';

/**
 * Why a creative is not in Top Ads: never authorized (or the box was unchecked), withdrawn by
 * the advertiser (TOP-06), not meeting the eligibility requirements, or its Top Ads period
 * ended (TOP-07).
 */
export type NotInTopAdsReason = 'not_authorized' | 'withdrawn' | 'not_eligible' | 'expired';

/** The Top Ads status of one creative (an ad) at an instant (TOP-07). */
export interface TopAdsStatusView {
  readonly adId: AdId;
  readonly status: TopAdsStatus;
  /** Present when `NOT_IN_TOP_ADS`. */
  readonly reason?: NotInTopAdsReason;
  /** With `not_eligible`: every eligibility requirement not met. */
  readonly unmet?: readonly Violation[];
  /** When the creative leaves (or left) Top Ads: first publication + the Top Ads period. */
  readonly until?: Date;
}

/**
 * How Creative Center may display an authorized creative (TOP-08): always watermarked and
 * never downloadable. Carries the filter facts (TOP-09), not the advertiser's account.
 */
export interface TopAdsDisplay {
  readonly adId: AdId;
  readonly videoId?: VideoId;
  readonly objective: CampaignObjective;
  readonly campaignType: CampaignType;
  readonly regions: readonly string[];
  readonly industry?: string;
  readonly watermarked: true;
  readonly downloadable: false;
  readonly until: Date;
}

/** A Top Ads query (TOP-09): each given list filters (any of its values matches); omitted lists do not. */
export interface TopAdsQuery {
  readonly regions?: readonly string[] | undefined;
  readonly industries?: readonly string[] | undefined;
  readonly objectives?: readonly CampaignObjective[] | undefined;
}

/** The TOP-05 pop-up decision. */
export interface PopupDecision {
  readonly show: boolean;
  /** When it may show next, if it is not shown now because it was shown recently. */
  readonly nextAt?: Date;
}
