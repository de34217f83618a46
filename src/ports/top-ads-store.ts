import type { Actor, NewEvent } from '../kernel/events.js';
import type { AdAccountId, AdId } from '../kernel/ids.js';
import type { AdRecord, AssetAuthorizationSource } from '../ads/ads.model.js';
import type { EventLog } from './event-log.js';

/** A grant or withdrawal of an ad's Top Ads asset authorization. */
export interface CreativeAuthorizationChange {
  readonly adId: AdId;
  /** The ad must belong to this ad account; otherwise `not_found`. */
  readonly adAccountId: AdAccountId;
  readonly authorized: boolean;
  readonly at: Date;
  readonly source: AssetAuthorizationSource;
  readonly by: Actor;
}

/** Outcome of `setCreativeAuthorization`. */
export type SetCreativeAuthorizationOutcome =
  | { readonly kind: 'changed'; readonly ad: AdRecord }
  /** Already in the asked state: nothing written (idempotent, TOP-06). */
  | { readonly kind: 'unchanged'; readonly ad: AdRecord }
  /** The ad does not offer the option (`assetAuthorization.offered` false, TOP-02/03): nothing written. */
  | { readonly kind: 'not_offered'; readonly ad: AdRecord }
  | { readonly kind: 'not_found' };

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
   * In one step: finds the ad (`not_found` when missing or of another ad account); refuses
   * when the option is not offered (`not_offered`); when `assetAuthorization.authorized`
   * already equals `change.authorized` writes nothing (`unchanged`); else sets
   * `authorized`, `changedAt = at`, `source`, and `withdrawnAt = at` on a withdrawal
   * (removed on a grant), and appends `events`.
   */
  setCreativeAuthorization(change: CreativeAuthorizationChange, events: readonly NewEvent[]): Promise<SetCreativeAuthorizationOutcome>;
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
