import type { AdRecord } from '../../ads/ads.model.js';
import type { TopAdsStore } from '../../ports/top-ads-store.js';
import { cloneAd, writeAd, type AdsState } from './ads.memory.js';
import type { Outbox } from './outbox.js';

/** Internal: the Top Ads methods of the memory store, over the shared ads tables. */
export function topAdsMemory(outbox: Outbox, state: AdsState): Omit<TopAdsStore, 'readEvents'> {
  return {
    async setCreativeAuthorization(change, eventFor) {
      const ads: AdRecord[] = [];
      for (const id of change.adIds) {
        const ad = state.ads.get(id);
        if (!ad || ad.adAccountId !== change.adAccountId) return { kind: 'not_found', adId: id };
        ads.push(ad);
      }
      const missing = change.authorized ? ads.filter((a) => !a.assetAuthorization.offered) : [];
      if (missing.length > 0) return { kind: 'not_offered', ads: missing.map(cloneAd) };
      const at = new Date(change.at.getTime());
      const writes: [AdRecord, AdRecord][] = [];
      const unchanged: AdRecord[] = [];
      for (const ad of ads) {
        if (ad.assetAuthorization.authorized === change.authorized || !ad.assetAuthorization.offered) { unchanged.push(ad); continue; }
        writes.push([ad, {
          ...ad,
          assetAuthorization: { ...ad.assetAuthorization, authorized: change.authorized, changedAt: at, source: change.source, withdrawnAt: change.authorized ? undefined : at },
        } as AdRecord]);
      }
      const events = writes.map(([, after]) => eventFor(cloneAd(after)));
      for (const [before, after] of writes) writeAd(state, before, after);
      outbox.append(events);
      return { kind: 'done', changed: writes.map(([, a]) => cloneAd(a)), unchanged: unchanged.map(cloneAd) };
    },
    async listAuthorizedCreatives() {
      return [...state.authorized]
        .sort((a, b) => state.seqOf.get(a)! - state.seqOf.get(b)!)
        .map((id) => cloneAd(state.ads.get(id)!));
    },
    async getPopupLastShown(accountId) {
      const t = state.popups.get(accountId);
      return t === undefined ? undefined : new Date(t);
    },
    async claimPopup(accountId, at, intervalMs, events) {
      const last = state.popups.get(accountId);
      if (last !== undefined && at.getTime() - last < intervalMs) return { kind: 'not_due', lastShownAt: new Date(last) };
      state.popups.set(accountId, at.getTime());
      outbox.append(events);
      return last === undefined ? { kind: 'claimed' } : { kind: 'claimed', previous: new Date(last) };
    },
  };
}
