import type { AdCodeStatus } from '../spark-codes/spark-codes.model.js';

/**
 * Where a registered authorization's end comes from (AG-02): TikTok's Business API answer
 * (`API`), the creator's word (`CREATOR`), or a period counted from a start (`DERIVED`).
 */
export type EndSource = 'API' | 'CREATOR' | 'DERIVED';

/**
 * What the Business API (`tt_video/info`) says about a code TikTok issued, in the library's
 * words: the facts an ad account registers with the code (AG-01). Parsers in
 * `tiktok-ad-auth/business-api` produce it from a response body.
 *
 * @example
 * ```ts
 * const facts: PlatformCodeFacts = {
 *   status: 'NOT_USED', videoId: '7120000000000000000', creatorId: 'creator-7', creatorName: 'Dana',
 *   authStartAt: new Date('2026-10-01T00:00:00Z'), authEndAt: new Date('2026-10-31T00:00:00Z'),
 *   checkedAt: new Date('2026-10-02T09:00:00Z'), endSource: 'API',
 * };
 * ```
 */
export interface PlatformCodeFacts {
  /** The API's `auth_code_status`. */
  readonly status: AdCodeStatus;
  /** The post (`item_id`). */
  readonly videoId: string;
  /** The creator's TikTok account (`identity_id` / user id as the API reports it). */
  readonly creatorId: string;
  readonly creatorName?: string | undefined;
  readonly title?: string | undefined;
  readonly thumbnailUrl?: string | undefined;
  /** Start of the authorization (`auth_start_time`). */
  readonly authStartAt: Date;
  /** End of the authorization (`auth_end_time`), exclusive. */
  readonly authEndAt: Date;
  /** When this answer was obtained (the registry refuses an answer older than the one it holds). */
  readonly checkedAt: Date;
  /** Where `authEndAt` comes from; `API` when it is the API's own field. */
  readonly endSource: EndSource;
}
