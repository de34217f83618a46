import type { AdAccountId, AdCodeId, CreatorId, VideoId } from '../../kernel/ids.js';
import type { SparkCodeStore } from '../../ports/spark-code-store.js';
import type { AdCodeRecord, LibraryEntry, VideoPreview } from '../../spark-codes/spark-codes.model.js';
import { isInForce } from '../../spark-codes/spark-codes.rules.js';
import { clone } from './clone.js';
import { MinHeap } from './min-heap.js';
import type { Outbox } from './outbox.js';
import { SortedRuns } from './sorted-runs.js';
import type { SparkView } from './ads.memory.js';
import type { AdsLink } from './ads-link.js';
import { SYSTEM_ACTOR } from '../../kernel/events.js';

/** A stored code: its current record (replaced, never mutated) and who confirmed it. */
interface CodeRow {
  record: AdCodeRecord;
  confirmers: Set<string> | undefined;
}

/**
 * Internal: the Spark code tables of the memory store. Every method does all its checks,
 * then all its writes, synchronously: JavaScript runs it to the end before any other caller,
 * so each method is atomic under concurrent async callers without locks.
 *
 * One row object per code is shared by the id, digest and video indexes, so a search costs
 * one hash lookup and an update is one assignment (with 10^6 codes each lookup in a large
 * Map is a cache miss or two: that, not the hashing, is what a search pays for).
 */
export function sparkCodesMemory<S>(outbox: Outbox, ads: AdsLink<S>): { store: Omit<SparkCodeStore, 'readEvents'>; view: SparkView } {
  const { state: adsState, planRevocation, planAdExpiries, applyBulk, refsOut } = ads;
  const codes = new Map<string, CodeRow>();
  const byDigest = new Map<string, CodeRow>();
  const latestByVideo = new Map<string, CodeRow>();
  const byCreator = new Map<string, CodeRow[]>();
  const library = new Map<string, Map<string, LibraryEntry>>();
  const failedSearches = new Map<string, number[]>();
  // The expiry index holds the rows themselves: a listing walks them with no hash lookup.
  const expiring = new SortedRuns<CodeRow>();
  const unrecordedExpiry = new MinHeap<CodeRow>();
  const view: SparkView = {
    code: (id) => codes.get(id)?.record,
    inLibrary: (adAccountId, codeId) => library.get(adAccountId)?.has(codeId) === true,
  };
  const store: Omit<SparkCodeStore, 'readEvents'> = {
    async insertCode(record, events) {
      if (codes.has(record.id)) throw new Error(`insertCode: duplicate code id ${record.id}`);
      if (byDigest.has(record.digest)) throw new Error('insertCode: duplicate code digest');
      const latest = latestByVideo.get(record.videoId)?.record;
      if (latest && isInForce(latest, record.generatedAt)) return { kind: 'video_has_code_in_force', existing: copyCode(latest) };
      const stored = copyCode(record, frozenPreview(record.preview));
      const row: CodeRow = { record: stored, confirmers: undefined };
      codes.set(stored.id, row);
      byDigest.set(stored.digest, row);
      latestByVideo.set(stored.videoId, row);
      const list = byCreator.get(stored.creatorId);
      if (list) list.push(row);
      else byCreator.set(stored.creatorId, [row]);
      expiring.insert(stored.periodDays, stored.expiresAt.getTime(), row);
      unrecordedExpiry.push(stored.expiresAt.getTime(), row);
      outbox.append(events);
      return { kind: 'inserted', record: copyCode(stored) };
    },

    async getCode(id: AdCodeId) {
      const row = codes.get(id);
      return row && copyCode(row.record);
    },

    async latestCodeForVideo(videoId: VideoId) {
      const row = latestByVideo.get(videoId);
      return row && copyCode(row.record);
    },

    async lookupForSearch({ adAccountId, digest, at, maxFailed, windowMs, failedEvent }) {
      const t = at.getTime();
      const log = failedSearches.get(adAccountId);
      let inWindow: number[] = [];
      if (log !== undefined) {
        inWindow = log.filter((x) => x > t - windowMs && x <= t);
        if (inWindow.length !== log.length) failedSearches.set(adAccountId, inWindow);
        if (inWindow.length >= maxFailed) {
          const sorted = [...inWindow].sort((a, b) => a - b);
          return { kind: 'throttled', retryAt: new Date(sorted[inWindow.length - maxFailed]! + windowMs) };
        }
      }
      const row = digest === undefined ? undefined : byDigest.get(digest);
      if (row === undefined) {
        const event = failedEvent(); // built before anything is written: a throwing builder leaves no trace
        inWindow.push(t);
        failedSearches.set(adAccountId, inWindow);
        outbox.append([event]);
        return { kind: 'not_found' };
      }
      const who = row.confirmers;
      const confirmedByAnotherAdAccount = who !== undefined && (who.size > 1 || (who.size === 1 && !who.has(adAccountId)));
      return { kind: 'found', record: copyCode(row.record), confirmedByAnotherAdAccount };
    },

    async confirm(entry, { singleUse }, events) {
      const row = codes.get(entry.codeId);
      if (!row) return { kind: 'not_found' };
      const record = row.record;
      if (!isInForce(record, entry.confirmedAt)) return { kind: 'not_in_force', record: copyCode(record) };
      const accountLibrary = library.get(entry.adAccountId);
      const existing = accountLibrary?.get(entry.codeId);
      if (existing) return { kind: 'already_confirmed', entry: copyEntry(existing), record: copyCode(record) };
      const who = row.confirmers;
      if (singleUse && who !== undefined && who.size > 0) return { kind: 'used_by_another_ad_account', record: copyCode(record) };
      const stored = copyEntry(entry, frozenPreview(entry.preview));
      if (accountLibrary) accountLibrary.set(stored.codeId, stored);
      else library.set(stored.adAccountId, new Map([[stored.codeId, stored]]));
      if (who) who.add(stored.adAccountId);
      else row.confirmers = new Set([stored.adAccountId]);
      if (record.firstConfirmedAt === undefined) row.record = { ...record, firstConfirmedAt: new Date(entry.confirmedAt.getTime()) };
      outbox.append(events);
      return { kind: 'added', entry: copyEntry(stored), record: copyCode(row.record) };
    },

    async revokeCode(id, at, by, events, effects) {
      const row = codes.get(id);
      if (!row) return { kind: 'not_found' };
      const record = row.record;
      if (!isInForce(record, at) && at.getTime() >= record.generatedAt.getTime()) return { kind: 'already_ended', record: copyCode(record) };
      // Plan the ads side (and run the event builder) before writing anything.
      const plan = planRevocation(adsState, id, at, effects);
      if ('blocked' in plan) return { kind: 'blocked', record: copyCode(record), adsInUse: plan.blocked };
      row.record = { ...record, revokedAt: new Date(at.getTime()), revokedBy: { kind: by.kind, id: by.id } };
      applyBulk(adsState, plan.changes, clone(by));
      outbox.append(events);
      outbox.append(plan.events);
      return { kind: 'revoked', record: copyCode(row.record), pausedAds: refsOut(plan.changes) };
    },

    async recordExpiries(at, limit, eventFor, adEventFor) {
      const t = at.getTime();
      const due: CodeRow[] = [];
      while (due.length < limit && unrecordedExpiry.size > 0 && unrecordedExpiry.peekKey()! <= t) {
        const row = unrecordedExpiry.pop()!;
        const record = row.record;
        if (record.revokedAt !== undefined && record.revokedAt.getTime() <= record.expiresAt.getTime()) continue;
        due.push(row);
      }
      // Build every event before writing anything, so a throwing builder leaves no trace.
      const updated = due.map((row) => ({ ...row.record, expiryRecordedAt: new Date(t) }));
      let events;
      let adPlan;
      try {
        events = updated.map((r) => eventFor(copyCode(r)));
        adPlan = planAdExpiries(adsState, at, limit, adEventFor);
      } catch (e) {
        for (const row of due) unrecordedExpiry.push(row.record.expiresAt.getTime(), row);
        throw e;
      }
      for (let i = 0; i < due.length; i++) due[i]!.record = updated[i]!;
      applyBulk(adsState, adPlan.changes, SYSTEM_ACTOR);
      outbox.append(events);
      outbox.append(adPlan.events);
      return { codes: updated.map((r) => copyCode(r)), stoppedAds: refsOut(adPlan.changes) };
    },

    async listCodesByCreator(creatorId: CreatorId) {
      const rows = byCreator.get(creatorId) ?? [];
      const out: AdCodeRecord[] = [];
      for (let i = rows.length - 1; i >= 0; i--) out.push(copyCode(rows[i]!.record));
      return out;
    },

    async listLibrary(adAccountId: AdAccountId) {
      return [...(library.get(adAccountId)?.values() ?? [])].map((e) => copyEntry(e));
    },

    async listExpiringBetween(from, to) {
      const out: AdCodeRecord[] = [];
      for (const row of expiring.range(from.getTime(), to.getTime())) {
        const r = row.record;
        if (r.revokedAt === undefined) out.push(copyCode(r));
      }
      return out;
    },
  };
  return { store, view };
}

/**
 * A frozen copy of a preview, made once when a record is written. Stored previews are frozen
 * and then handed out as they are: nobody can change them, so copying them on every read (the
 * search path) would buy nothing but allocation and a cache miss.
 */
function frozenPreview(p: VideoPreview): VideoPreview {
  const out: { -readonly [K in keyof VideoPreview]: VideoPreview[K] } = { creatorId: p.creatorId, creatorName: p.creatorName, videoId: p.videoId };
  if (p.title !== undefined) out.title = p.title;
  if (p.thumbnailUrl !== undefined) out.thumbnailUrl = p.thumbnailUrl;
  return Object.freeze(out);
}

const date = (d: Date) => new Date(d.getTime());

/**
 * A copy of a stored code record, field by field (the generic `clone` walks keys: this is the
 * hot path of every search), sharing only the frozen preview. Optional fields stay absent.
 */
function copyCode(r: AdCodeRecord, preview = r.preview): AdCodeRecord {
  const out: { -readonly [K in keyof AdCodeRecord]: AdCodeRecord[K] } = {
    id: r.id, digest: r.digest, nonce: r.nonce, fingerprint: r.fingerprint, creatorId: r.creatorId, videoId: r.videoId,
    periodDays: r.periodDays, generatedAt: date(r.generatedAt), expiresAt: date(r.expiresAt), preview,
  };
  if (r.revokedAt !== undefined) out.revokedAt = date(r.revokedAt);
  if (r.revokedBy !== undefined) out.revokedBy = { kind: r.revokedBy.kind, id: r.revokedBy.id };
  if (r.expiryRecordedAt !== undefined) out.expiryRecordedAt = date(r.expiryRecordedAt);
  if (r.firstConfirmedAt !== undefined) out.firstConfirmedAt = date(r.firstConfirmedAt);
  return out;
}

/** A copy of a stored library entry, sharing only the frozen preview. */
function copyEntry(e: LibraryEntry, preview = e.preview): LibraryEntry {
  return {
    adAccountId: e.adAccountId, codeId: e.codeId, videoId: e.videoId, creatorId: e.creatorId, confirmedAt: date(e.confirmedAt),
    confirmedBy: { kind: e.confirmedBy.kind, id: e.confirmedBy.id }, preview,
  };
}
