import type { DomainEvent, LibraryEntry, AdCodeRecord, AdRecord, SparkCodeStore, AdStore, TopAdsStore } from '../src/index.js';
import { isInForce } from '../src/spark-codes/spark-codes.rules.js';
import { PAUSED_BY_REVOCATION, adStatusAt } from '../src/ads/ads.rules.js';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * NEGATIVE CONTROL — deliberately wrong. A store that enforces "one code in force per video",
 * "idempotent confirm", "no ad delivers on a revoked code" and the pop-up interval by reading,
 * yielding, then writing: the anti-pattern of style.md ("use once" as read-then-write). The
 * race checks of the conformance suite must fail on it; if they ever pass, they have stopped
 * testing anything.
 */
export function naiveSparkStore(): SparkCodeStore & AdStore & TopAdsStore {
  const codes: AdCodeRecord[] = [];
  const library: LibraryEntry[] = [];
  const ads: AdRecord[] = [];
  const popups = new Map<string, number>();
  const events: DomainEvent[] = [];
  const append = (batch: readonly Omit<DomainEvent, 'seq'>[]) => batch.forEach((e) => events.push({ ...e, seq: events.length + 1 }));
  const setAd = (ad: AdRecord) => { ads[ads.findIndex((a) => a.id === ad.id)] = ad; };
  return {
    async readEvents(q = {}) { const after = q.after ?? 0; return events.slice(after, after + (q.limit ?? 1000)); },
    async insertCode(record, evts) {
      const latest = [...codes].reverse().find((c) => c.videoId === record.videoId);
      await tick(); // another caller runs here and sees the same "no code in force"
      if (latest && isInForce(latest, record.generatedAt)) return { kind: 'video_has_code_in_force', existing: latest };
      codes.push(record);
      append(evts);
      return { kind: 'inserted', record };
    },
    async getCode(id) { return codes.find((c) => c.id === id); },
    async latestCodeForVideo(videoId) { return [...codes].reverse().find((c) => c.videoId === videoId); },
    async lookupForSearch({ digest }) {
      const record = codes.find((c) => c.digest === digest);
      return record ? { kind: 'found', record, confirmedByAnotherAdAccount: false } : { kind: 'not_found' };
    },
    async confirm(entry, _options, evts) {
      const record = codes.find((c) => c.id === entry.codeId);
      if (!record) return { kind: 'not_found' };
      const existing = library.find((e) => e.adAccountId === entry.adAccountId && e.codeId === entry.codeId);
      await tick();
      if (existing) return { kind: 'already_confirmed', entry: existing, record };
      if (!isInForce(record, entry.confirmedAt)) return { kind: 'not_in_force', record };
      library.push(entry);
      append(evts);
      return { kind: 'added', entry, record };
    },
    async revokeCode(id, at, by, evts, effects) {
      const i = codes.findIndex((c) => c.id === id);
      if (i < 0) return { kind: 'not_found' };
      const record = { ...codes[i]!, revokedAt: at, revokedBy: by };
      // Reads the ads to pause, yields, then writes: an ad resumed meanwhile keeps running.
      const toPause = ads.filter((a) => a.identity.type === 'AUTH_CODE' && a.identity.codeId === id && PAUSED_BY_REVOCATION.includes(adStatusAt(a, at).status));
      await tick();
      codes[i] = record;
      const paused = toPause.map((a) => ({ ...a, status: 'PAUSED' as const, statusReason: 'authorization_revoked' as const, statusChangedAt: at, statusChangedBy: by }));
      paused.forEach(setAd);
      append(evts);
      append(paused.map((a, k) => effects.adEventFor(toPause[k]!, a)));
      return { kind: 'revoked', record, pausedAds: paused };
    },
    async recordExpiries() { return { codes: [], stoppedAds: [] }; },
    async listCodesByCreator(creatorId) { return codes.filter((c) => c.creatorId === creatorId).reverse(); },
    async listLibrary(adAccountId) { return library.filter((e) => e.adAccountId === adAccountId); },
    async listExpiringBetween() { return []; },
    async insertAd(ad, _limits, evts) {
      if (ad.identity.type === 'AUTH_CODE') {
        const codeId = ad.identity.codeId;
        if (!library.some((e) => e.adAccountId === ad.adAccountId && e.codeId === codeId)) return { kind: 'not_in_library' };
      }
      ads.push(ad);
      append(evts);
      return { kind: 'inserted', ad };
    },
    async getAd(id) { return ads.find((a) => a.id === id); },
    async changeAdStatus(change, eventsFor) {
      const ad = ads.find((a) => a.id === change.adId && a.adAccountId === change.adAccountId);
      if (!ad) return { kind: 'not_found' };
      if (!change.from.includes(adStatusAt(ad, change.at).status)) return { kind: 'wrong_status', ad };
      if (change.requireAuthorization && ad.identity.type === 'AUTH_CODE') {
        const codeId = ad.identity.codeId;
        const code = codes.find((c) => c.id === codeId);
        const inLibrary = library.some((e) => e.adAccountId === ad.adAccountId && e.codeId === codeId);
        if (!code || !inLibrary || !isInForce(code, change.at)) return { kind: 'authorization_ended', ad, ...(code ? { code } : {}), inLibrary };
      }
      await tick(); // the check above is stale by the time we write
      const current = ads.find((a) => a.id === ad.id)!;
      const after: AdRecord = { ...current, status: change.to, statusChangedAt: change.at, statusChangedBy: change.by, ...(change.reason ? { statusReason: change.reason } : {}) };
      setAd(after);
      append(eventsFor(current, after));
      return { kind: 'changed', before: current, ad: after };
    },
    async listAdsByAccount(adAccountId) { return ads.filter((a) => a.adAccountId === adAccountId); },
    async listAdsAtRisk(adAccountId) { return ads.filter((a) => a.adAccountId === adAccountId && a.authorization !== undefined); },
    async listAdsByCode(codeId) { return ads.filter((a) => a.identity.type === 'AUTH_CODE' && a.identity.codeId === codeId); },
    async setCreativeAuthorization(change, eventFor) {
      const changed: AdRecord[] = [];
      const unchanged: AdRecord[] = [];
      for (const adId of change.adIds) {
        const ad = ads.find((a) => a.id === adId && a.adAccountId === change.adAccountId);
        if (!ad) return { kind: 'not_found', adId };
        if (ad.assetAuthorization.authorized === change.authorized) { unchanged.push(ad); continue; }
        const after = { ...ad, assetAuthorization: { ...ad.assetAuthorization, authorized: change.authorized, changedAt: change.at, source: change.source } };
        setAd(after);
        append([eventFor(after)]);
        changed.push(after);
      }
      return { kind: 'done', changed, unchanged };
    },
    async listAuthorizedCreatives() { return ads.filter((a) => a.assetAuthorization.authorized); },
    async getPopupLastShown(accountId) { const t = popups.get(accountId); return t === undefined ? undefined : new Date(t); },
    async claimPopup(accountId, at, intervalMs, evts) {
      const last = popups.get(accountId);
      await tick();
      if (last !== undefined && at.getTime() - last < intervalMs) return { kind: 'not_due', lastShownAt: new Date(last) };
      popups.set(accountId, at.getTime());
      append(evts);
      return { kind: 'claimed' };
    },
  };
}
