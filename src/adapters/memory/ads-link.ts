import type { NewEvent } from '../../kernel/events.js';
import type { AdCodeId } from '../../kernel/ids.js';
import type { AdRecord, AdRef } from '../../ads/ads.model.js';
import type { RevocationEffects } from '../../ports/spark-code-store.js';
import type { BulkChange } from './ads.memory.js';

/**
 * Internal: how the Spark code tables of a memory store reach the ads tables of the same
 * store, so that a revocation pauses ads and the expiry sweep stops them in one synchronous
 * (hence atomic) step. `memoryStore()` plugs in the ads tables (`adsLink` in `ads.memory.ts`);
 * `memorySparkCodeStore()` plugs in `NO_ADS`, so it bundles no ads code at all.
 */
export interface AdsLink<S> {
  /** The ads tables' state, passed back to each function below. */
  readonly state: S;
  /** Plans the ad side of a revocation without writing (see `RevocationEffects`). */
  planRevocation(state: S, codeId: AdCodeId, at: Date, effects: RevocationEffects): { blocked: AdRef[] } | { changes: BulkChange[]; events: NewEvent[] };
  /** Plans the ad side of the expiry sweep without writing. */
  planAdExpiries(state: S, at: Date, limit: number, adEventFor: (before: AdRecord, after: AdRef) => NewEvent): { changes: BulkChange[]; events: NewEvent[] };
  /** Applies planned changes. */
  applyBulk(state: S, changes: readonly BulkChange[], by: AdRecord['statusChangedBy']): void;
  /** The references handed to the caller for planned changes. */
  refsOut(changes: readonly BulkChange[]): AdRef[];
}

const nothingPlanned = (): { changes: BulkChange[]; events: NewEvent[] } => ({ changes: [], events: [] });

/**
 * Internal: a store without ads. Exactly what the ads tables answer when they hold no ad: a
 * revocation has nothing to pause and nothing in use (so `block-while-in-use` never blocks),
 * the sweep has no ad to stop.
 */
export const NO_ADS: AdsLink<undefined> = {
  state: undefined,
  planRevocation: nothingPlanned,
  planAdExpiries: nothingPlanned,
  applyBulk: () => {},
  refsOut: () => [],
};
