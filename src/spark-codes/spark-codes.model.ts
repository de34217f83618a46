import type { Actor } from '../kernel/events.js';
import type { AdAccountId, AdCodeId, CreatorId, VideoId } from '../kernel/ids.js';
import type { AuthorizationRegistration } from '../registry/registry.model.js';

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
 * How an authorization came to be: a code the library issued (`CODE`, SPARK-*), a brand
 * request the creator accepted (`REQUEST`, REQ-03: no shareable code), or a code TikTok issued
 * that an ad account registered (`REGISTERED`, AG-01). All three obey the same rules (AG-03).
 */
export type AuthorizationOrigin = 'CODE' | 'REQUEST' | 'REGISTERED';

/** One extension of an authorization's end (EXT-01): the end moved from `previousEnd` by `periodDays`. */
export interface AuthorizationExtension {
  readonly at: Date;
  readonly periodDays: number;
  readonly previousEnd: Date;
  readonly by: Actor;
  /** The advertiser's ask this extension granted (EXT-03), if any. */
  readonly askId?: string;
}

/**
 * A stored authorization: a code the library issued, an accepted brand request, or a registered
 * platform code. It holds at most the code's SHA-256 digest and the nonce it was derived from,
 * never the code itself (design §6). Records are immutable: a change makes a new one.
 */
export interface AdCodeRecord {
  readonly id: AdCodeId;
  /** Absent means `CODE`: a code the library issued. */
  readonly origin?: AuthorizationOrigin;
  /**
   * Hex SHA-256 of the code's bytes (see `adCodeDigest`): the only lookup key. Absent for an
   * accepted request, which has no code (REQ-03).
   */
  readonly digest?: string;
  /** Hex of the 32 random bytes a `CODE` was derived from with the service secret. */
  readonly nonce?: string;
  /** Redacted code, e.g. `#s63D…+qA=`. */
  readonly fingerprint: string;
  readonly creatorId: CreatorId;
  readonly videoId: VideoId;
  readonly periodDays: number;
  readonly generatedAt: Date;
  /**
   * `generatedAt + periodDays × 24 h` (SPARK-07), plus every extension (EXT-01); in force while
   * `generatedAt <= t < expiresAt`. Change it only with `setAuthorizationEnd`, which moves the
   * copies held by library entries and ads in the same transaction.
   */
  readonly expiresAt: Date;
  /** Extensions granted, oldest first (EXT-01). */
  readonly extensions?: readonly AuthorizationExtension[];
  readonly revokedAt?: Date;
  readonly revokedBy?: Actor;
  /** When the expiry sweep recorded the expiry (the status is derived regardless). */
  readonly expiryRecordedAt?: Date;
  /** First confirmation by any ad account: the code is `IN_USE` from then on. */
  readonly firstConfirmedAt?: Date;
  /** Snapshot of the facts shown to advertisers. */
  readonly preview: VideoPreview;
  // --- registry (issue 14) ---
  /** For `REGISTERED`: where the end comes from and when it was last checked (AG-01, AG-02). */
  readonly registration?: AuthorizationRegistration;
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
  /** Copy of the authorization's end (kept equal by `setAuthorizationEnd`), for per-account views. */
  readonly expiresAt: Date;
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
