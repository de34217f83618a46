import type { NewEvent } from '../kernel/events.js';
import type { EventId } from '../kernel/ids.js';
import type { AdRecord, AdRef } from '../ads/ads.model.js';
import type { RevocationEffects } from '../ports/spark-code-store.js';

let n = 0;
/** Internal: a test event for an ad status change (before → after). */
export function adEvent(before: AdRecord, after: AdRef | AdRecord): NewEvent {
  n += 1;
  return {
    id: `evt-ad-${n}` as EventId, type: `t.ad_${after.status.toLowerCase()}`, at: after.statusChangedAt, actor: { kind: 'system', id: 'test' },
    subject: { kind: 'ad', id: after.id }, data: { from: before.status, to: after.status },
  };
}
/** Internal: revocation effects for store-level checks. */
export const pauseAds: RevocationEffects = { mode: 'pause-ads', adEventFor: adEvent };
/** Internal: block-while-in-use revocation effects. */
export const blockWhileInUse: RevocationEffects = { mode: 'block-while-in-use', adEventFor: adEvent };
