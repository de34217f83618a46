import type { AdAccountId, AdCodeId, CreatorId, VideoId } from '../kernel/ids.js';
import type { AdRef } from '../ads/ads.model.js';
import type { AuthorizationOrigin, VideoPreview } from '../spark-codes/spark-codes.model.js';

/**
 * An ad at risk in a portfolio item (POR-01): its reference, name and scheduled end.
 *
 * @example
 * ```ts
 * const line = (ad: PortfolioAd) => `${ad.name} (${ad.status}) runs to ${ad.scheduledEnd?.toISOString() ?? 'no end'}`;
 * ```
 */
export interface PortfolioAd extends AdRef {
  readonly name: string;
  /** The schedule's end; absent when the ad has none (it runs until stopped). */
  readonly scheduledEnd?: Date;
}

/**
 * One authorization of a portfolio (POR-01): an authorization (issued code, accepted request or
 * registered TikTok code) ending within the window, the ad accounts of the scope holding it and
 * their ads at risk (ads using it, not stopped or rejected).
 *
 * @example
 * ```ts
 * const line = (i: PortfolioItem) => `${i.codeId} ends ${i.expiresAt.toISOString()}: ${i.adsAtRisk.length} ad(s)`;
 * ```
 */
export interface PortfolioItem {
  readonly codeId: AdCodeId;
  readonly origin: AuthorizationOrigin;
  readonly creatorId: CreatorId;
  readonly videoId: VideoId;
  readonly preview: VideoPreview;
  readonly generatedAt: Date;
  /** The end of the authorization (exclusive). */
  readonly expiresAt: Date;
  /**
   * The ad accounts holding it in their Spark Ads library: those of the scope, or every one when
   * its creator is in the scope.
   */
  readonly adAccountIds: readonly AdAccountId[];
  /**
   * The ads using it, in the same ad accounts, that its end will stop: not stopped or rejected,
   * and scheduled to run past the end (no end date, or one after it). An ad whose schedule ends
   * first is not at risk.
   */
  readonly adsAtRisk: readonly PortfolioAd[];
}

/**
 * One page of `endingSoon` (POR-01): soonest end first (ties by authorization id), and the
 * opaque cursor of the next page (absent on the last page).
 *
 * @example
 * ```ts
 * const query = { scope, within: { days: 7 }, limit: 50 };
 * let page: PortfolioPage = (await portfolio.endingSoon(query)).unwrap();
 * while (page.nextCursor) page = (await portfolio.endingSoon({ ...query, cursor: page.nextCursor })).unwrap();
 * ```
 */
export interface PortfolioPage {
  readonly items: readonly PortfolioItem[];
  readonly nextCursor?: string;
}
