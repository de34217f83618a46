import type { AdAccountId, AdCodeId, CreatorId, VideoId } from '../../kernel/ids.js';
import type { SparkCodeStore } from '../../ports/spark-code-store.js';
import type { AdCodeRecord, LibraryEntry } from '../../spark-codes/spark-codes.model.js';
import { isInForce } from '../../spark-codes/spark-codes.rules.js';
import { clone } from './clone.js';
import { MinHeap } from './min-heap.js';
import type { Outbox } from './outbox.js';
import { SortedRuns } from './sorted-runs.js';
import type { SparkView } from './ads.memory.js';
import type { AdsLink } from './ads-link.js';
import { SYSTEM_ACTOR } from '../../kernel/events.js';

/**
 * Internal: the Spark code tables of the memory store. Every method does all its checks,
 * then all its writes, synchronously: JavaScript runs it to the end before any other caller,
 * so each method is atomic under concurrent async callers without locks.
 */
export function sparkCodesMemory<S>(outbox: Outbox, ads: AdsLink<S>): { store: Omit<SparkCodeStore, 'readEvents'>; view: SparkView } {
  const { state: adsState, planRevocation, planAdExpiries, applyBulk, refsOut } = ads;
  const codes = new Map<string, AdCodeRecord>();
  const byDigest = new Map<string, string>();
  const latestByVideo = new Map<string, string>();
  const byCreator = new Map<string, string[]>();
  const library = new Map<string, Map<string, LibraryEntry>>();
  const confirmers = new Map<string, Set<string>>();
  const failedSearches = new Map<string, number[]>();
  const expiring = new SortedRuns();
  const unrecordedExpiry = new MinHeap<string>();
  const view: SparkView = {
    code: (id) => codes.get(id),
    inLibrary: (adAccountId, codeId) => library.get(adAccountId)?.has(codeId) === true,
  };
  const store: Omit<SparkCodeStore, 'readEvents'> = {
    async insertCode(record, events) {
      if (codes.has(record.id)) throw new Error(`insertCode: duplicate code id ${record.id}`);
      if (byDigest.has(record.digest)) throw new Error('insertCode: duplicate code digest');
      const latestId = latestByVideo.get(record.videoId);
      const latest = latestId === undefined ? undefined : codes.get(latestId);
      if (latest && isInForce(latest, record.generatedAt)) return { kind: 'video_has_code_in_force', existing: clone(latest) };
      const stored = clone(record);
      codes.set(stored.id, stored);
      byDigest.set(stored.digest, stored.id);
      latestByVideo.set(stored.videoId, stored.id);
      const list = byCreator.get(stored.creatorId);
      if (list) list.push(stored.id);
      else byCreator.set(stored.creatorId, [stored.id]);
      expiring.insert(stored.periodDays, stored.expiresAt.getTime(), stored.id);
      unrecordedExpiry.push(stored.expiresAt.getTime(), stored.id);
      outbox.append(events);
      return { kind: 'inserted', record: clone(stored) };
    },

    async getCode(id: AdCodeId) {
      const r = codes.get(id);
      return r && clone(r);
    },

    async latestCodeForVideo(videoId: VideoId) {
      const id = latestByVideo.get(videoId);
      const r = id === undefined ? undefined : codes.get(id);
      return r && clone(r);
    },

    async lookupForSearch({ adAccountId, digest, at, maxFailed, windowMs, failedEvent }) {
      const t = at.getTime();
      const log = failedSearches.get(adAccountId);
      const inWindow = log ? log.filter((x) => x > t - windowMs && x <= t) : [];
      if (log && inWindow.length !== log.length) failedSearches.set(adAccountId, inWindow);
      if (inWindow.length >= maxFailed) {
        const sorted = [...inWindow].sort((a, b) => a - b);
        return { kind: 'throttled', retryAt: new Date(sorted[inWindow.length - maxFailed]! + windowMs) };
      }
      const id = digest === undefined ? undefined : byDigest.get(digest);
      const record = id === undefined ? undefined : codes.get(id);
      if (!record) {
        inWindow.push(t);
        failedSearches.set(adAccountId, inWindow);
        outbox.append([failedEvent]);
        return { kind: 'not_found' };
      }
      const who = confirmers.get(record.id);
      const confirmedByAnotherAdAccount = who !== undefined && (who.size > 1 || (who.size === 1 && !who.has(adAccountId)));
      return { kind: 'found', record: clone(record), confirmedByAnotherAdAccount };
    },

    async confirm(entry, { singleUse }, events) {
      const record = codes.get(entry.codeId);
      if (!record) return { kind: 'not_found' };
      if (!isInForce(record, entry.confirmedAt)) return { kind: 'not_in_force', record: clone(record) };
      const accountLibrary = library.get(entry.adAccountId);
      const existing = accountLibrary?.get(entry.codeId);
      if (existing) return { kind: 'already_confirmed', entry: clone(existing), record: clone(record) };
      const who = confirmers.get(record.id);
      if (singleUse && who !== undefined && who.size > 0) return { kind: 'used_by_another_ad_account', record: clone(record) };
      const stored = clone(entry);
      if (accountLibrary) accountLibrary.set(stored.codeId, stored);
      else library.set(stored.adAccountId, new Map([[stored.codeId, stored]]));
      if (who) who.add(stored.adAccountId);
      else confirmers.set(record.id, new Set([stored.adAccountId]));
      let updated = record;
      if (record.firstConfirmedAt === undefined) {
        updated = { ...record, firstConfirmedAt: new Date(entry.confirmedAt.getTime()) };
        codes.set(record.id, updated);
      }
      outbox.append(events);
      return { kind: 'added', entry: clone(stored), record: clone(updated) };
    },

    async revokeCode(id, at, by, events, effects) {
      const record = codes.get(id);
      if (!record) return { kind: 'not_found' };
      if (!isInForce(record, at) && at.getTime() >= record.generatedAt.getTime()) return { kind: 'already_ended', record: clone(record) };
      // Plan the ads side (and run the event builder) before writing anything.
      const plan = planRevocation(adsState, id, at, effects);
      if ('blocked' in plan) return { kind: 'blocked', record: clone(record), adsInUse: plan.blocked };
      const updated: AdCodeRecord = { ...record, revokedAt: new Date(at.getTime()), revokedBy: clone(by) };
      codes.set(id, updated);
      applyBulk(adsState, plan.changes, clone(by));
      outbox.append(events);
      outbox.append(plan.events);
      return { kind: 'revoked', record: clone(updated), pausedAds: refsOut(plan.changes) };
    },

    async recordExpiries(at, limit, eventFor, adEventFor) {
      const t = at.getTime();
      const due: AdCodeRecord[] = [];
      while (due.length < limit && unrecordedExpiry.size > 0 && unrecordedExpiry.peekKey()! <= t) {
        const id = unrecordedExpiry.pop()!;
        const record = codes.get(id)!;
        if (record.revokedAt !== undefined && record.revokedAt.getTime() <= record.expiresAt.getTime()) continue;
        due.push(record);
      }
      // Build every event before writing anything, so a throwing builder leaves no trace.
      const updated = due.map((r) => ({ ...r, expiryRecordedAt: new Date(t) }));
      let events;
      let adPlan;
      try {
        events = updated.map((r) => eventFor(clone(r)));
        adPlan = planAdExpiries(adsState, at, limit, adEventFor);
      } catch (e) {
        for (const r of due) unrecordedExpiry.push(r.expiresAt.getTime(), r.id);
        throw e;
      }
      for (const r of updated) codes.set(r.id, r);
      applyBulk(adsState, adPlan.changes, SYSTEM_ACTOR);
      outbox.append(events);
      outbox.append(adPlan.events);
      return { codes: updated.map(clone), stoppedAds: refsOut(adPlan.changes) };
    },

    async listCodesByCreator(creatorId: CreatorId) {
      const ids = byCreator.get(creatorId) ?? [];
      const out: AdCodeRecord[] = [];
      for (let i = ids.length - 1; i >= 0; i--) out.push(clone(codes.get(ids[i]!)!));
      return out;
    },

    async listLibrary(adAccountId: AdAccountId) {
      return [...(library.get(adAccountId)?.values() ?? [])].map(clone);
    },

    async listExpiringBetween(from, to) {
      const out: AdCodeRecord[] = [];
      for (const id of expiring.range(from.getTime(), to.getTime())) {
        const r = codes.get(id)!;
        if (r.revokedAt === undefined) out.push(clone(r));
      }
      return out;
    },
  };
  return { store, view };
}
