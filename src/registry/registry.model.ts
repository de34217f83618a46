import type { AdAccountId } from '../kernel/ids.js';
import type { AdRef } from '../ads/ads.model.js';
import type { AdCodeStatus, AdCodeSummary, LibraryEntry } from '../spark-codes/spark-codes.model.js';

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

/**
 * What the library records about a registered platform code (AG-01, AG-02), on its
 * `AdCodeRecord` (`registration`): who registered it first, where its end comes from, when the
 * facts were last checked and the API's status in that answer.
 *
 * @example
 * ```ts
 * const r: AuthorizationRegistration | undefined = record.registration;
 * if (r !== undefined) console.log(r.endSource, r.checkedAt.toISOString());
 * ```
 */
export interface AuthorizationRegistration {
  /** The ad account that registered the code first. */
  readonly registeredBy: AdAccountId;
  /** Where the recorded end (`expiresAt`) comes from (AG-02). */
  readonly endSource: EndSource;
  /** When the answer the record holds was obtained (AG-02): older answers are refused. */
  readonly checkedAt: Date;
  /** The API's `auth_code_status` in that answer (the library derives its own status, AG-03). */
  readonly apiStatus: AdCodeStatus;
}

/**
 * A registered code in an ad account's library, as `listRegistered` shows it: the authorization
 * with its status now by the one set of rules (AG-03), where its end comes from and when it was
 * last checked (AG-02).
 *
 * @example
 * ```ts
 * for (const v of (await registry.listRegistered({ adAccountId: 'adv-1' })).unwrap()) {
 *   console.log(v.summary.status, v.endSource, v.checkedAt);
 * }
 * ```
 */
export interface RegisteredCodeView {
  readonly summary: AdCodeSummary;
  readonly entry: LibraryEntry;
  readonly endSource: EndSource;
  readonly checkedAt: Date;
  readonly apiStatus: AdCodeStatus;
}

/**
 * Result of `registerCode`.
 *
 * @example
 * ```ts
 * const { summary, created, added }: RegisterResult = (await registry.registerCode(input)).unwrap();
 * ```
 */
export interface RegisterResult {
  readonly summary: AdCodeSummary;
  readonly entry: LibraryEntry;
  /** `true` when this call created the authorization (no ad account had registered the code). */
  readonly created: boolean;
  /** `false` when the ad account had the post in its library already (idempotent). */
  readonly added: boolean;
  /** `true` when the answer was newer than the one held and was applied (AG-02). */
  readonly refreshed: boolean;
}

/**
 * Result of `refreshCode`.
 *
 * @example
 * ```ts
 * const r: RefreshResult = (await registry.refreshCode({ adAccountId, codeId, facts })).unwrap();
 * for (const ad of r.pausedAds) notify(ad.id);
 * ```
 */
export interface RefreshResult {
  readonly summary: AdCodeSummary;
  /** `false` when the answer was as old as the one held (nothing changed). */
  readonly refreshed: boolean;
  /** The ads whose copy of the end moved with the authorization's end. */
  readonly movedAds: readonly AdRef[];
  /** The ads paused because the answer says the creator deleted the code (as a revocation does). */
  readonly pausedAds: readonly AdRef[];
}

/**
 * Result of `unbindPost`: the library entry removed.
 *
 * @example
 * ```ts
 * const { entry }: UnbindResult = (await registry.unbindPost({ adAccountId, codeId })).unwrap();
 * ```
 */
export interface UnbindResult {
  readonly entry: LibraryEntry;
}
