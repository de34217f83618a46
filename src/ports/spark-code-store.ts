import type { NewEvent } from '../kernel/events.js';
import type { AdAccountId, AdCodeId, CreatorId, VideoId } from '../kernel/ids.js';
import type { Actor } from '../kernel/events.js';
import type { AdCodeRecord, LibraryEntry } from '../spark-codes/spark-codes.model.js';
import type { AdRecord, AdRef } from '../ads/ads.model.js';
import type { EventLog } from './event-log.js';

/** Outcome of `insertCode`. */
export type InsertCodeOutcome =
  | { readonly kind: 'inserted'; readonly record: AdCodeRecord }
  /** Another code for the same video is in force at the insertion instant: nothing was written. */
  | { readonly kind: 'video_has_code_in_force'; readonly existing: AdCodeRecord };

/** Outcome of `lookupForSearch`. */
export type SearchLookup =
  | { readonly kind: 'found'; readonly record: AdCodeRecord; readonly confirmedByAnotherAdAccount: boolean }
  /** No code has this digest (or no digest was given): one failed search was recorded. */
  | { readonly kind: 'not_found' }
  /** The ad account reached its failed-search limit: nothing was looked up or recorded. */
  | { readonly kind: 'throttled'; readonly retryAt: Date };

/** What `lookupForSearch` needs. */
export interface SearchLookupQuery {
  readonly adAccountId: AdAccountId;
  /** The digest of a well-formed code, or `undefined` for text that is not a code (counts as failed). */
  readonly digest: string | undefined;
  readonly at: Date;
  readonly maxFailed: number;
  readonly windowMs: number;
  /**
   * Builds the event to append when the search fails (made by the service). Called only for a
   * failed search, before anything is written: if it throws, nothing is written. Found and
   * throttled searches never call it (a search is the hottest path: most searches find).
   */
  readonly failedEvent: () => NewEvent;
}

/** Outcome of `confirm`. */
export type ConfirmOutcome =
  | { readonly kind: 'added'; readonly entry: LibraryEntry; readonly record: AdCodeRecord }
  /** The ad account had already confirmed this code: nothing was written (idempotent). */
  | { readonly kind: 'already_confirmed'; readonly entry: LibraryEntry; readonly record: AdCodeRecord }
  /** Single-use policy and another ad account confirmed it first. */
  | { readonly kind: 'used_by_another_ad_account'; readonly record: AdCodeRecord }
  /** Revoked or expired at the confirmation instant (perhaps by a concurrent revoke). */
  | { readonly kind: 'not_in_force'; readonly record: AdCodeRecord }
  | { readonly kind: 'not_found' };

/**
 * What revoking a code does to the ads using it (SPARK-10, ADV-06), passed to `revokeCode`.
 * The ads concerned are the `AUTH_CODE` ads whose `identity.codeId` is the code, in every ad
 * account.
 */
export interface RevocationEffects {
  /**
   * `pause-ads`: pause, in the revocation's step, every such ad whose status at `at` (expiry
   * applied) is `APPROVED` or `RUNNING`. `block-while-in-use`: when any such ad's status at
   * `at` is `IN_REVIEW`, `APPROVED`, `RUNNING` or `PAUSED`, revoke nothing (`blocked`).
   */
  readonly mode: 'pause-ads' | 'block-while-in-use';
  /**
   * The event of one paused ad, from its record before the change and a reference to its
   * state after it. Called for every paused ad before anything is written; if it throws,
   * nothing is written. The record passed may be the store's own: a builder must not mutate
   * or keep it.
   */
  readonly adEventFor: (before: AdRecord, after: AdRef) => NewEvent;
}

/** Outcome of `recordExpiries`. */
export interface RecordExpiriesOutcome {
  /** The codes whose expiry was recorded, oldest expiry first. */
  readonly codes: readonly AdCodeRecord[];
  /** The ads stopped because their authorization expired, oldest expiry first. */
  readonly stoppedAds: readonly AdRef[];
}

/** Outcome of `revokeCode`. */
export type RevokeOutcome =
  /** Revoked; `pausedAds` are the ads paused in the same step (as changed), oldest creation first. */
  | { readonly kind: 'revoked'; readonly record: AdCodeRecord; readonly pausedAds: readonly AdRef[] }
  /** `block-while-in-use` and ads use the post: nothing was written. `adsInUse` oldest creation first. */
  | { readonly kind: 'blocked'; readonly record: AdCodeRecord; readonly adsInUse: readonly AdRef[] }
  /** Already revoked or already expired at `at`: nothing was written (idempotent, terminal). */
  | { readonly kind: 'already_ended'; readonly record: AdCodeRecord }
  | { readonly kind: 'not_found' };

/**
 * Storage for Spark Ads codes (design §7). Every method is atomic: the invariants that span
 * records — one code in force per video, idempotent confirm, single use, the failed-search
 * limit — are checked and written in one step that concurrent callers cannot interleave.
 * Every method that writes appends its events in that same step, or none when it writes
 * nothing. Records passed in and returned are treated as immutable. Absence is `undefined`.
 * A method that rejects (throws) has written nothing.
 */
export interface SparkCodeStore extends EventLog {
  /**
   * Inserts `record` unless another code for `record.videoId` is in force at
   * `record.generatedAt` (not revoked and `expiresAt > generatedAt`); appends `events` only
   * when inserted. Ids and digests are unique: inserting a duplicate `id` or `digest` rejects.
   */
  insertCode(record: AdCodeRecord, events: readonly NewEvent[]): Promise<InsertCodeOutcome>;
  /** The record with this id, or `undefined`. */
  getCode(id: AdCodeId): Promise<AdCodeRecord | undefined>;
  /**
   * The most recently generated code of a video, or `undefined`. The service reads it only to
   * list every violation of a refused generation; an allowed one relies on `insertCode`.
   */
  latestCodeForVideo(videoId: VideoId): Promise<AdCodeRecord | undefined>;
  /**
   * A search by digest for an ad account, with the failed-search limit, in one step: when the
   * account has `maxFailed` failed searches with `at - windowMs < t <= at`, returns
   * `throttled` (retry once the oldest leaves the window) and records nothing; else looks
   * the digest up; a miss records one failed search at `at` and appends `failedEvent()`.
   */
  lookupForSearch(query: SearchLookupQuery): Promise<SearchLookup>;
  /**
   * Adds `entry` to its ad account's library if the code is in force at `entry.confirmedAt`,
   * the account has not confirmed it already (then returns the existing entry and writes
   * nothing), and, when `singleUse`, no other account confirmed it. Sets the code's
   * `firstConfirmedAt` on its first confirmation. Appends `events` only when added.
   */
  confirm(entry: LibraryEntry, options: { readonly singleUse: boolean }, events: readonly NewEvent[]): Promise<ConfirmOutcome>;
  /**
   * In one step: revokes the code at `at` (sets `revokedAt`, `revokedBy`) unless it is
   * already revoked or expired at `at` (`already_ended`), and applies `effects` to the ads
   * using it (see `RevocationEffects`): under `pause-ads` each paused ad gets
   * `status = 'PAUSED'`, `statusReason = 'authorization_revoked'`, `statusChangedAt = at`,
   * `statusChangedBy = by`; under `block-while-in-use` with ads in use nothing is written
   * (`blocked`). Appends `events` then one `effects.adEventFor` event per paused ad (oldest
   * ad first), only when revoked. In SQL: lock the code row, then the ads rows of the code
   * (`SELECT … FOR UPDATE`), in one transaction; `changeAdStatus` locks the same code row
   * (shared or exclusive) before checking authorization, so the two serialize.
   */
  revokeCode(id: AdCodeId, at: Date, by: Actor, events: readonly NewEvent[], effects: RevocationEffects): Promise<RevokeOutcome>;
  /**
   * In one step: records the expiry of every code with `expiresAt <= at`, not revoked at or
   * before its expiry and not yet recorded, at most `limit` of them (oldest expiry first):
   * sets `expiryRecordedAt = at` and appends `eventFor(record)` for each. Then stops every
   * `AUTH_CODE` ad whose `authorization.expiresAt <= at` and whose stored status is
   * `IN_REVIEW`, `APPROVED`, `RUNNING` or `PAUSED` (whatever its code's revocation), at most
   * `limit` of them (oldest expiry first): `status = 'STOPPED'`,
   * `statusReason = 'authorization_expired'`, `statusChangedAt = authorization.expiresAt`,
   * `statusChangedBy = SYSTEM_ACTOR`, appending `adEventFor(before, after)` for each (as in
   * `RevocationEffects.adEventFor`). Every
   * builder is called before anything is written; if one throws, nothing is written. Running
   * it twice records nothing the second time.
   */
  recordExpiries(
    at: Date, limit: number, eventFor: (record: AdCodeRecord) => NewEvent, adEventFor: (before: AdRecord, after: AdRef) => NewEvent,
  ): Promise<RecordExpiriesOutcome>;
  /** Codes of a creator, newest first. */
  listCodesByCreator(creatorId: CreatorId): Promise<readonly AdCodeRecord[]>;
  /** Library entries of an ad account, oldest confirmation first. */
  listLibrary(adAccountId: AdAccountId): Promise<readonly LibraryEntry[]>;
  /** Codes not revoked with `from <= expiresAt < to`, by `expiresAt` ascending. Cost grows with the answer, not the store. */
  listExpiringBetween(from: Date, to: Date): Promise<readonly AdCodeRecord[]>;
}
