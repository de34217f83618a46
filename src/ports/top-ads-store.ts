import type { Actor, NewEvent } from '../kernel/events.js';
import type { AdAccountId, AdId } from '../kernel/ids.js';
import type { AdRecord, AssetAuthorizationSource } from '../ads/ads.model.js';
import type { EventLog } from './event-log.js';

/** A grant or withdrawal of the Top Ads asset authorization of some of an ad account's ads. */
export interface CreativeAuthorizationChange {
  /** One or more ads, no repeats; all must belong to `adAccountId`. */
  readonly adIds: readonly AdId[];
  readonly adAccountId: AdAccountId;
  readonly authorized: boolean;
  readonly at: Date;
  readonly source: AssetAuthorizationSource;
  readonly by: Actor;
}

/** Outcome of `setCreativeAuthorization`. */
export type SetCreativeAuthorizationOutcome =
  /** Every ad now has `authorized`; `changed` were written (with their events), `unchanged` already had it (idempotent, TOP-06). */
  | { readonly kind: 'done'; readonly changed: readonly AdRecord[]; readonly unchanged: readonly AdRecord[] }
  /** Some ads do not offer the option (TOP-02/03), only when granting: nothing written. */
  | { readonly kind: 'not_offered'; readonly ads: readonly AdRecord[] }
  /** An ad is missing or of another ad account: nothing written. */
  | { readonly kind: 'not_found'; readonly adId: AdId };

/** Outcome of `claimPopup`. */
export type ClaimPopupOutcome =
  /** Recorded as shown at `at`; `previous` is the last showing before it, if any. */
  | { readonly kind: 'claimed'; readonly previous?: Date }
  /** Shown less than `intervalMs` before `at`: nothing written. */
  | { readonly kind: 'not_due'; readonly lastShownAt: Date };

/**
 * Storage for Top Ads asset authorization (TOP-01..09). The authorization lives on the ad
 * record (`AdRecord.assetAuthorization`), so this port shares the ads table with `AdStore`.
 * Methods that write append their events in the same step, or none when they write nothing.
 */
export interface TopAdsStore extends EventLog {
  /**
   * In one step, all or nothing: finds every ad (`not_found` with the first missing or
   * foreign one); when granting, refuses if any ad does not offer the option (`not_offered`,
   * listing them); else, for each ad whose `assetAuthorization.authorized` differs from
   * `change.authorized`, sets `authorized`, `changedAt = at`, `source`, and `withdrawnAt = at`
   * on a withdrawal (removed on a grant), appending `eventFor(after)`; the others are left
   * as they are (`unchanged`). Withdrawing an ad without the option is `unchanged`.
   * `eventFor` is called before anything is written; if it throws, nothing is written.
   */
  setCreativeAuthorization(change: CreativeAuthorizationChange, eventFor: (after: AdRecord) => NewEvent): Promise<SetCreativeAuthorizationOutcome>;
  /** Every ad whose asset authorization is granted (stored records), oldest creation first. */
  listAuthorizedCreatives(): Promise<readonly AdRecord[]>;
  /** When the Creative Center pop-up was last shown to this account, or `undefined`. */
  getPopupLastShown(accountId: string): Promise<Date | undefined>;
  /**
   * In one step: if the pop-up was shown to `accountId` at `t` with `at - t < intervalMs`,
   * returns `not_due`; else records `at` as its last showing and appends `events`. Two
   * concurrent claims inside one interval: exactly one is `claimed`.
   */
  claimPopup(accountId: string, at: Date, intervalMs: number, events: readonly NewEvent[]): Promise<ClaimPopupOutcome>;
}
