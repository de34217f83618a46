import type { Actor, NewEvent } from '../kernel/events.js';
import type { AdAccountId, AdCodeId, AdId } from '../kernel/ids.js';
import type { AdForecastFacts, AdRecord, AdStatus, AdStatusReason } from '../ads/ads.model.js';
import type { AdCodeRecord } from '../spark-codes/spark-codes.model.js';
import type { EventLog } from './event-log.js';

/** The platform limits `insertAd` enforces (from the policy). */
export interface AdLimits {
  /** Spark Ads (identity other than `CUSTOMIZED_USER`) not `STOPPED`, per ad account. */
  readonly maxSparkAdsPerAdAccount: number;
  /** Ads not `STOPPED`, per identity key (`identityKey`), across ad accounts. */
  readonly maxAdsPerIdentity: number;
}

/** Outcome of `insertAd`. */
export type InsertAdOutcome =
  | { readonly kind: 'inserted'; readonly ad: AdRecord }
  /** An `AUTH_CODE` ad whose ad account has no library entry for its code: nothing written. */
  | { readonly kind: 'not_in_library' }
  /** One or both limits would be exceeded: nothing written. Each present field is one limit reached. */
  | {
    readonly kind: 'limits_reached';
    readonly sparkAds?: { readonly count: number; readonly limit: number };
    readonly identity?: { readonly key: string; readonly count: number; readonly limit: number };
  };

/** A status change asked of `changeAdStatus`. */
export interface AdStatusChange {
  readonly adId: AdId;
  /** The ad must belong to this ad account; otherwise the outcome is `not_found`. */
  readonly adAccountId: AdAccountId;
  /** The statuses the change may start from (the status at `at`, expiry applied). */
  readonly from: readonly AdStatus[];
  readonly to: AdStatus;
  /** Stored with `PAUSED` and `STOPPED`; cleared otherwise. */
  readonly reason?: AdStatusReason;
  readonly at: Date;
  readonly by: Actor;
  /** Check in the same step that the identity may deliver at `at` (submit, start, resume). */
  readonly requireAuthorization: boolean;
}

/** Outcome of `changeAdStatus`. */
export type ChangeAdStatusOutcome =
  | { readonly kind: 'changed'; readonly before: AdRecord; readonly ad: AdRecord }
  /** The ad's status at `at` (expiry applied) is not in `from`: nothing written. */
  | { readonly kind: 'wrong_status'; readonly ad: AdRecord }
  /**
   * `requireAuthorization` and the identity may not deliver at `at`: for `AUTH_CODE`, the code
   * is missing, not in force at `at` (revoked at or before `at`, or `at` outside
   * `generatedAt <= at < expiresAt`), or the ad account has no library entry for it; for
   * `BC_AUTH_TT`, `identity.available` is false. Nothing written. `code` is the code record as
   * read in that step; `inLibrary` whether the entry exists.
   */
  | { readonly kind: 'authorization_ended'; readonly ad: AdRecord; readonly code?: AdCodeRecord; readonly inLibrary: boolean }
  | { readonly kind: 'not_found' };

/**
 * Storage for ads (ADV-04..06). It shares its transaction scope with `SparkCodeStore`: the
 * authorization check of `changeAdStatus` reads the code and library tables, and
 * `SparkCodeStore.revokeCode` / `recordExpiries` pause and stop ads, each in one atomic step,
 * so that no interleaving of a revocation with a submit, start or resume leaves an ad
 * running (or in review) on a revoked code. Methods that write append their events in the
 * same step, or none when they write nothing. A method that rejects has written nothing.
 *
 * "Status at `at`" below always means the stored status with expiry applied: an `AUTH_CODE`
 * ad stored `IN_REVIEW`, `APPROVED`, `RUNNING` or `PAUSED` whose `authorization.expiresAt <= at`
 * is `STOPPED` (see `adStatusAt`).
 */
export interface AdStore extends EventLog {
  /**
   * Inserts `ad` (status `DRAFT`) in one step, unless: it is an `AUTH_CODE` ad and no library
   * entry `(ad.adAccountId, ad.identity.codeId)` exists (`not_in_library`); or, counting ads
   * whose stored status is not `STOPPED`, it is a Spark Ad (identity not `CUSTOMIZED_USER`)
   * and its ad account already has `limits.maxSparkAdsPerAdAccount` Spark Ads, and/or its
   * identity key (`identityKey(ad)`) already has `limits.maxAdsPerIdentity` ads
   * (`limits_reached`, reporting each limit reached). Appends `events` only when inserted.
   * A duplicate `id` rejects.
   */
  insertAd(ad: AdRecord, limits: AdLimits, events: readonly NewEvent[]): Promise<InsertAdOutcome>;
  /** The stored ad with this id (stored status, no expiry applied), or `undefined`. */
  getAd(id: AdId): Promise<AdRecord | undefined>;
  /**
   * In one step: finds the ad (`not_found` when missing or of another ad account), checks its
   * status at `change.at` is in `change.from` (`wrong_status`), and when
   * `change.requireAuthorization` checks the identity may deliver at `change.at`
   * (`authorization_ended`, see the outcome). Then writes `status = to`,
   * `statusReason = reason` (absent when not given), `statusChangedAt = at`,
   * `statusChangedBy = by`, sets `firstRunningAt = at` when `to` is `RUNNING` and it was
   * unset, and appends `eventsFor(before, after)`. `eventsFor` is called before anything is
   * written; if it throws, nothing is written (it must not mutate or keep the records).
   */
  changeAdStatus(change: AdStatusChange, eventsFor: (before: AdRecord, after: AdRecord) => readonly NewEvent[]): Promise<ChangeAdStatusOutcome>;
  /** The ads of an ad account (stored records), oldest creation first. */
  listAdsByAccount(adAccountId: AdAccountId): Promise<readonly AdRecord[]>;
  /** The `AUTH_CODE` ads of a code (stored records, every ad account), oldest creation first. */
  listAdsByCode(codeId: AdCodeId): Promise<readonly AdRecord[]>;
  /**
   * The forecast facts of the ad account's ads at risk at `at` (ADV-06): `AUTH_CODE` ads whose
   * stored status is neither `STOPPED` nor `REJECTED`, with `at < authorization.expiresAt`,
   * and either a schedule that runs past the expiry (`schedule.endAt` absent or
   * `> authorization.expiresAt`) or an expiry before `at + withinMs`. Oldest creation first.
   * (In SQL one indexed `SELECT` on `(ad_account_id)` with those predicates.)
   */
  listAdsAtRisk(adAccountId: AdAccountId, at: Date, withinMs: number): Promise<readonly AdForecastFacts[]>;
}
