import type { AdRecord } from '../../ads/ads.model.js';
import type { TopAdsStore } from '../../ports/top-ads-store.js';
import { cloneAd, writeAd, type AdsState } from './ads.memory.js';
import type { Outbox } from './outbox.js';

/** Internal: the Top Ads methods of the memory store, over the shared ads tables. */
export function topAdsMemory(outbox: Outbox, state: AdsState): Omit<TopAdsStore, 'readEvents'> {
  return {
    async setCreativeAuthorization(change, events) {
      const ad = state.ads.get(change.adId);
      if (!ad || ad.adAccountId !== change.adAccountId) return { kind: 'not_found' };
      if (!ad.assetAuthorization.offered) return { kind: 'not_offered', ad: cloneAd(ad) };
      if (ad.assetAuthorization.authorized === change.authorized) return { kind: 'unchanged', ad: cloneAd(ad) };
      const at = new Date(change.at.getTime());
      const after = {
        ...ad,
        assetAuthorization: { ...ad.assetAuthorization, authorized: change.authorized, changedAt: at, source: change.source, withdrawnAt: change.authorized ? undefined : at },
      } as AdRecord;
      writeAd(state, ad, after);
      outbox.append(events);
      return { kind: 'changed', ad: cloneAd(after) };
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
