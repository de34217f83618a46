import type { Actor } from '../kernel/events.js';
import type { AdAccountId, AdCodeId, CreatorId, VideoId } from '../kernel/ids.js';

/** TikTok account types (SPARK-01): only `BUSINESS` and `CREATOR` accounts can generate codes. */
export type AccountType = 'PERSONAL' | 'BUSINESS' | 'CREATOR';
/** Who can watch a video (SPARK-03): only `PUBLIC` videos can be authorized. */
export type VideoVisibility = 'PUBLIC' | 'FRIENDS' | 'PRIVATE';
/**
 * The music a video uses (SPARK-05): copyrighted music that is not in the Commercial Music
 * Library (`COPYRIGHTED_NOT_IN_CML`) blocks authorization.
 */
export type VideoMusic = 'NONE' | 'ORIGINAL' | 'COMMERCIAL_MUSIC_LIBRARY' | 'COPYRIGHTED_NOT_IN_CML';

/**
 * What the library needs to know about the creator's TikTok account. Supplied by the caller, with
 * plain string ids: the library checks them and records them as branded ids (`CreatorId`).
 *
 * @example
 * ```ts
 * const creator: CreatorFacts = {
 *   id: 'tt-dana', displayName: 'Dana', accountType: 'CREATOR', followerCount: 12_000,
 *   adAuthorizationEnabled: true, adTermsAccepted: true,
 * };
 * ```
 */
export interface CreatorFacts {
  readonly id: string;
  readonly displayName: string;
  readonly accountType: AccountType;
  readonly followerCount: number;
  /** Settings › Creator Settings › Ad Settings (SPARK-04). */
  readonly adAuthorizationEnabled: boolean;
  /** The creator accepted the advertising terms of service (SPARK-04). */
  readonly adTermsAccepted: boolean;
}

/**
 * What the library needs to know about the video to authorize. Supplied by the caller.
 *
 * @example
 * ```ts
 * const video: VideoFacts = {
 *   id: 'vid-1', ownerId: 'tt-dana', visibility: 'PUBLIC', isOriginal: true, adAuthorizationEnabled: true,
 *   music: 'ORIGINAL',
 * };
 * ```
 */
export interface VideoFacts {
  readonly id: string;
  /** The account that posted the video; must be the creator (SPARK-03). */
  readonly ownerId: string;
  readonly visibility: VideoVisibility;
  /** The creator's own original content (SPARK-03). */
  readonly isOriginal: boolean;
  /** video › Ad settings › Ad authorization (SPARK-04). */
  readonly adAuthorizationEnabled: boolean;
  readonly music: VideoMusic;
  readonly title?: string | undefined;
  readonly thumbnailUrl?: string | undefined;
}

/**
 * What the library needs to know about the advertiser applying a code (ADV-01). Supplied by the caller.
 *
 * @example
 * ```ts
 * const advertiser: AdvertiserFacts = {
 *   adAccountId: 'adv-1', hasActivePaymentMethod: true, hasCreativeLibraryAccess: true,
 * };
 * ```
 */
export interface AdvertiserFacts {
  readonly adAccountId: string;
  readonly hasActivePaymentMethod: boolean;
  readonly hasCreativeLibraryAccess: boolean;
}

/** What the advertiser sees when a search finds a code (ADV-02): creator name, thumbnail, content. */
export interface VideoPreview {
  readonly creatorId: CreatorId;
  readonly creatorName: string;
  readonly videoId: VideoId;
  readonly title?: string;
  readonly thumbnailUrl?: string;
}

/**
 * A stored authorization code. It holds the code's SHA-256 digest and the nonce it was derived
 * from, never the code itself (design §6). Records are immutable: a change makes a new one.
 */
export interface AdCodeRecord {
  readonly id: AdCodeId;
  /** Hex SHA-256 of the code's bytes (see `adCodeDigest`): the only lookup key. */
  readonly digest: string;
  /** Hex of the 32 random bytes the code was derived from with the service secret. */
  readonly nonce: string;
  /** Redacted code, e.g. `#s63D…+qA=`. */
  readonly fingerprint: string;
  readonly creatorId: CreatorId;
  readonly videoId: VideoId;
  readonly periodDays: number;
  readonly generatedAt: Date;
  /** `generatedAt + periodDays × 24 h` (SPARK-07); in force while `generatedAt <= t < expiresAt`. */
  readonly expiresAt: Date;
  readonly revokedAt?: Date;
  readonly revokedBy?: Actor;
  /** When the expiry sweep recorded the expiry (the status is derived regardless). */
  readonly expiryRecordedAt?: Date;
  /** First confirmation by any ad account: the code is `IN_USE` from then on. */
  readonly firstConfirmedAt?: Date;
  /** Snapshot of the facts shown to advertisers. */
  readonly preview: VideoPreview;
}

/** A post in an ad account's Spark Ads library, added by confirming a code (ADV-02). */
export interface LibraryEntry {
  readonly adAccountId: AdAccountId;
  readonly codeId: AdCodeId;
  readonly videoId: VideoId;
  readonly creatorId: CreatorId;
  readonly confirmedAt: Date;
  readonly confirmedBy: Actor;
  readonly preview: VideoPreview;
}

/**
 * A code's status in the Business API's `auth_code_status` vocabulary:
 * `NOT_USED → IN_USE → EXPIRED | DELETED` (`DELETED` = revoked by the creator).
 */
export type AdCodeStatus = 'NOT_USED' | 'IN_USE' | 'EXPIRED' | 'DELETED';

/** A code record as shown to callers: everything but the digest and nonce. */
export type AdCodeSummary = Omit<AdCodeRecord, 'digest' | 'nonce'> & {
  readonly status: AdCodeStatus;
  readonly inForce: boolean;
};
