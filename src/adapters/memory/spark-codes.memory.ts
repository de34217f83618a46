import type { Actor } from '../../kernel/events.js';
import type { AdAccountId, AdCodeId, CreatorId, VideoId } from '../../kernel/ids.js';
import type { SparkCodeStore } from '../../ports/spark-code-store.js';
import type { AdCodeRecord, LibraryEntry, VideoPreview } from '../../spark-codes/spark-codes.model.js';
import { clone } from './clone.js';
import { MinHeap } from './min-heap.js';
import type { Outbox } from './outbox.js';
import { SortedRuns } from './sorted-runs.js';
import { StringIndex } from './string-index.js';
import type { SparkView } from './ads.memory.js';
import type { AdsLink } from './ads-link.js';
import { SYSTEM_ACTOR } from '../../kernel/events.js';

/**
 * A stored code: the record's fields held directly, instants as epoch milliseconds (a Date is
 * an object of ~100 bytes the collector must trace; a number field is 16 bytes at most), and
 * who confirmed it. Optional instants are `undefined` when unset. Reads build a fresh
 * `AdCodeRecord` (`recordOf`); writes change the fields in place. The fields that never change
 * are `readonly`.
 */
interface CodeRow {
  readonly id: AdCodeId;
  readonly digest: string;
  readonly nonce: string;
  readonly fingerprint: string;
  readonly creatorId: CreatorId;
  readonly videoId: VideoId;
  readonly periodDays: number;
  readonly generatedAt: number;
  readonly expiresAt: number;
  revokedAt: number | undefined;
  /** A private copy (set by few codes: a field of its own costs less than two flat ones on every row). */
  revokedBy: Actor | undefined;
  expiryRecordedAt: number | undefined;
  firstConfirmedAt: number | undefined;
  /** The frozen copy made at insertion, handed out as it is. */
  readonly preview: VideoPreview;
  /**
   * Who confirmed the code, enough to answer "confirmed by an ad account other than A?": the
   * first confirming account and the number of accounts. Confirmations are never removed and
   * each account confirms at most once (the library refuses a second), so with two or more
   * there is always another account than any given one: no set of accounts is needed.
   */
  firstConfirmer: string | undefined;
  confirmations: number;
}

/** A library entry at rest; its ad account is the key of the map that holds it. */
interface StoredEntry {
  readonly codeId: AdCodeId;
  readonly videoId: VideoId;
  readonly creatorId: CreatorId;
  readonly confirmedAt: number;
  readonly confirmedByKind: Actor['kind'];
  readonly confirmedById: string;
  readonly preview: VideoPreview;
}

/**
 * Internal: the Spark code tables of the memory store. Every method does all its checks,
 * then all its writes, synchronously: JavaScript runs it to the end before any other caller,
 * so each method is atomic under concurrent async callers without locks.
 *
 * One row object per code is shared by the id, digest, video and creator indexes and the
 * expiry structures, so a search costs one hash lookup and an update writes the row's fields
 * (with 10^6 codes each lookup in a large Map is a cache miss or two: that, not the hashing,
 * is what a search pays for; a flat row with numeric instants is one more miss, not four).
 */
export function sparkCodesMemory<S>(outbox: Outbox, ads: AdsLink<S>): { store: Omit<SparkCodeStore, 'readEvents'>; view: SparkView } {
  const { state: adsState, planRevocation, planAdExpiries, applyBulk, refsOut } = ads;
  // One entry per code (or per video): see StringIndex for why not Maps.
  const codes = new StringIndex<CodeRow>((row) => row.id);
  const byDigest = new StringIndex<CodeRow>((row) => row.digest);
  const latestByVideo = new StringIndex<CodeRow>((row) => row.videoId);
  const byCreator = new Map<string, CodeRow[]>();
  const library = new Map<string, Map<string, StoredEntry>>();
  const failedSearches = new Map<string, number[]>();
  // The expiry index holds the rows themselves: a listing walks them with no hash lookup.
  const expiring = new SortedRuns<CodeRow>();
  const unrecordedExpiry = new MinHeap<CodeRow>();
  const view: SparkView = {
    code: (id) => {
      const row = codes.get(id);
      return row && recordOf(row);
    },
    inLibrary: (adAccountId, codeId) => library.get(adAccountId)?.has(codeId) === true,
  };
  const store: Omit<SparkCodeStore, 'readEvents'> = {
    async insertCode(record, events) {
      if (codes.has(record.id)) throw new Error(`insertCode: duplicate code id ${record.id}`);
      if (byDigest.has(record.digest)) throw new Error('insertCode: duplicate code digest');
      const latest = latestByVideo.get(record.videoId);
      if (latest && inForceAt(latest, record.generatedAt.getTime())) return { kind: 'video_has_code_in_force', existing: recordOf(latest) };
      const row = rowOf(record);
      codes.set(row);
      byDigest.set(row);
      latestByVideo.set(row);
      const list = byCreator.get(row.creatorId);
      if (list) list.push(row);
      else byCreator.set(row.creatorId, [row]);
      expiring.insert(row.periodDays, row.expiresAt, row);
      unrecordedExpiry.push(row.expiresAt, row);
      outbox.append(events);
      return { kind: 'inserted', record: recordOf(row) };
    },

    async getCode(id: AdCodeId) {
      const row = codes.get(id);
      return row && recordOf(row);
    },

    async latestCodeForVideo(videoId: VideoId) {
      const row = latestByVideo.get(videoId);
      return row && recordOf(row);
    },

    async lookupForSearch({ adAccountId, digest, at, maxFailed, windowMs, failedEvent }) {
      const t = at.getTime();
      const log = failedSearches.get(adAccountId);
      let inWindow: number[] | undefined;
      if (log !== undefined) {
        // The log keeps only the failures with t - windowMs < x <= t. Mostly all of them are
        // (or the log is empty): then the log itself is that list, with no copy.
        const from = t - windowMs;
        let kept = 0;
        for (let i = 0; i < log.length; i++) if (log[i]! > from && log[i]! <= t) kept++;
        if (kept === log.length) inWindow = log;
        else failedSearches.set(adAccountId, (inWindow = log.filter((x) => x > from && x <= t)));
        if (inWindow.length >= maxFailed) {
          const sorted = [...inWindow].sort((a, b) => a - b);
          return { kind: 'throttled', retryAt: new Date(sorted[inWindow.length - maxFailed]! + windowMs) };
        }
      }
      const row = digest === undefined ? undefined : byDigest.get(digest);
      if (row === undefined) {
        const event = failedEvent(); // built before anything is written: a throwing builder leaves no trace
        if (inWindow === undefined) failedSearches.set(adAccountId, [t]);
        else inWindow.push(t);
        outbox.append([event]);
        return { kind: 'not_found' };
      }
      const n = row.confirmations;
      const confirmedByAnotherAdAccount = n > 1 || (n === 1 && row.firstConfirmer !== adAccountId);
      return { kind: 'found', record: recordOf(row), confirmedByAnotherAdAccount };
    },

    async confirm(entry, { singleUse }, events) {
      const row = codes.get(entry.codeId);
      if (!row) return { kind: 'not_found' };
      const t = entry.confirmedAt.getTime();
      if (!inForceAt(row, t)) return { kind: 'not_in_force', record: recordOf(row) };
      const accountLibrary = library.get(entry.adAccountId);
      const existing = accountLibrary?.get(entry.codeId);
      if (existing) return { kind: 'already_confirmed', entry: entryOf(entry.adAccountId, existing), record: recordOf(row) };
      if (singleUse && row.confirmations > 0) return { kind: 'used_by_another_ad_account', record: recordOf(row) };
      const stored: StoredEntry = {
        codeId: entry.codeId, videoId: entry.videoId, creatorId: entry.creatorId, confirmedAt: t,
        // The service passes the preview it was handed by a lookup: the row's own frozen copy,
        // shared rather than copied again (one object fewer per library entry at rest).
        confirmedByKind: entry.confirmedBy.kind, confirmedById: entry.confirmedBy.id, preview: entry.preview === row.preview ? row.preview : frozenPreview(entry.preview),
      };
      const adAccountId = entry.adAccountId;
      if (accountLibrary) accountLibrary.set(stored.codeId, stored);
      else {
        const fresh = new Map<string, StoredEntry>();
        fresh.set(stored.codeId, stored);
        library.set(adAccountId, fresh);
      }
      if (row.confirmations++ === 0) row.firstConfirmer = adAccountId;
      if (row.firstConfirmedAt === undefined) row.firstConfirmedAt = t;
      outbox.append(events);
      return { kind: 'added', entry: entryOf(adAccountId, stored), record: recordOf(row) };
    },

    async revokeCode(id, at, by, events, effects) {
      const row = codes.get(id);
      if (!row) return { kind: 'not_found' };
      const t = at.getTime();
      if (!inForceAt(row, t) && t >= row.generatedAt) return { kind: 'already_ended', record: recordOf(row) };
      // Plan the ads side (and run the event builder) before writing anything.
      const plan = planRevocation(adsState, id, at, effects);
      if ('blocked' in plan) return { kind: 'blocked', record: recordOf(row), adsInUse: plan.blocked };
      const revokedBy: Actor = { kind: by.kind, id: by.id };
      const actor = clone(by);
      row.revokedAt = t;
      row.revokedBy = revokedBy;
      applyBulk(adsState, plan.changes, actor);
      outbox.append(events);
      outbox.append(plan.events);
      return { kind: 'revoked', record: recordOf(row), pausedAds: refsOut(plan.changes) };
    },

    async recordExpiries(at, limit, eventFor, adEventFor) {
      const t = at.getTime();
      const due: CodeRow[] = [];
      while (due.length < limit && unrecordedExpiry.size > 0 && unrecordedExpiry.peekKey()! <= t) {
        const row = unrecordedExpiry.pop()!;
        if (row.revokedAt !== undefined && row.revokedAt <= row.expiresAt) continue;
        due.push(row);
      }
      // Build every event before writing anything, so a throwing builder leaves no trace.
      let events;
      let adPlan;
      try {
        events = due.map((row) => eventFor(recordWith(row, t)));
        adPlan = planAdExpiries(adsState, at, limit, adEventFor);
      } catch (e) {
        for (const row of due) unrecordedExpiry.push(row.expiresAt, row);
        throw e;
      }
      for (const row of due) row.expiryRecordedAt = t;
      applyBulk(adsState, adPlan.changes, SYSTEM_ACTOR);
      outbox.append(events);
      outbox.append(adPlan.events);
      return { codes: due.map((row) => recordOf(row)), stoppedAds: refsOut(adPlan.changes) };
    },

    async listCodesByCreator(creatorId: CreatorId) {
      const rows = byCreator.get(creatorId) ?? [];
      const out: AdCodeRecord[] = [];
      for (let i = rows.length - 1; i >= 0; i--) out.push(recordOf(rows[i]!));
      return out;
    },

    async listLibrary(adAccountId: AdAccountId) {
      const out: LibraryEntry[] = [];
      const entries = library.get(adAccountId);
      if (entries) for (const e of entries.values()) out.push(entryOf(adAccountId, e));
      return out;
    },

    async listExpiringBetween(from, to) {
      return expiring.collect(from.getTime(), to.getTime(), (row) => (row.revokedAt === undefined ? recordOf(row) : undefined));
    },
  };
  return { store, view };
}

/**
 * `isInForce` (spark-codes.rules.ts) on a row's numeric instants, exactly: in force at `t`
 * iff `generatedAt <= t < expiresAt` and not revoked at or before `t`.
 */
function inForceAt(row: CodeRow, t: number): boolean {
  if (t < row.generatedAt || t >= row.expiresAt) return false;
  return row.revokedAt === undefined || row.revokedAt > t;
}

/** The row of a record being inserted: a copy (nothing of the caller's is kept but strings and numbers). */
function rowOf(r: AdCodeRecord): CodeRow {
  return {
    id: r.id, digest: r.digest, nonce: r.nonce, fingerprint: r.fingerprint, creatorId: r.creatorId, videoId: r.videoId,
    periodDays: r.periodDays, generatedAt: r.generatedAt.getTime(), expiresAt: r.expiresAt.getTime(),
    revokedAt: r.revokedAt?.getTime(),
    revokedBy: r.revokedBy === undefined ? undefined : { kind: r.revokedBy.kind, id: r.revokedBy.id },
    expiryRecordedAt: r.expiryRecordedAt?.getTime(), firstConfirmedAt: r.firstConfirmedAt?.getTime(),
    preview: frozenPreview(r.preview),
    firstConfirmer: undefined, confirmations: 0,
  };
}

/** A fresh record from a row (fresh Dates, the frozen preview shared), optional fields absent when unset. */
function recordOf(row: CodeRow): AdCodeRecord {
  return recordWith(row, row.expiryRecordedAt);
}

/** `recordOf` with `expiryRecordedAt` in place of the row's (the sweep builds its events before it writes). */
function recordWith(row: CodeRow, expiryRecordedAt: number | undefined): AdCodeRecord {
  const out: { -readonly [K in keyof AdCodeRecord]: AdCodeRecord[K] } = {
    id: row.id, digest: row.digest, nonce: row.nonce, fingerprint: row.fingerprint, creatorId: row.creatorId, videoId: row.videoId,
    periodDays: row.periodDays, generatedAt: new Date(row.generatedAt), expiresAt: new Date(row.expiresAt), preview: row.preview,
  };
  if (row.revokedAt !== undefined) out.revokedAt = new Date(row.revokedAt);
  if (row.revokedBy !== undefined) out.revokedBy = { kind: row.revokedBy.kind, id: row.revokedBy.id };
  if (expiryRecordedAt !== undefined) out.expiryRecordedAt = new Date(expiryRecordedAt);
  if (row.firstConfirmedAt !== undefined) out.firstConfirmedAt = new Date(row.firstConfirmedAt);
  return out;
}

/** A fresh library entry from a stored one, sharing only the frozen preview. */
function entryOf(adAccountId: string, e: StoredEntry): LibraryEntry {
  return {
    adAccountId: adAccountId as AdAccountId, codeId: e.codeId, videoId: e.videoId, creatorId: e.creatorId, confirmedAt: new Date(e.confirmedAt),
    confirmedBy: { kind: e.confirmedByKind, id: e.confirmedById }, preview: e.preview,
  };
}

/**
 * A frozen copy of a preview, made once when a record is written. Stored previews are frozen
 * and then handed out as they are: nobody can change them, so copying them on every read (the
 * search path) would buy nothing but allocation and a cache miss.
 */
function frozenPreview(p: VideoPreview): VideoPreview {
  const { creatorId, creatorName, videoId, title, thumbnailUrl } = p;
  // One literal per combination of the optional fields: a property added after the literal
  // would go to a separate property array (one more object per stored preview).
  if (title === undefined) return Object.freeze(thumbnailUrl === undefined ? { creatorId, creatorName, videoId } : { creatorId, creatorName, videoId, thumbnailUrl });
  return Object.freeze(thumbnailUrl === undefined ? { creatorId, creatorName, videoId, title } : { creatorId, creatorName, videoId, title, thumbnailUrl });
}
