import type { Actor, NewEvent } from '../../kernel/events.js';
import type { AdAccountId, AdCodeId, AdId } from '../../kernel/ids.js';
import type { AdForecastFacts, AdRecord, AdRef, AdStatus } from '../../ads/ads.model.js';
import { IN_USE_STATUSES, PAUSED_BY_REVOCATION, STOPPED_BY_EXPIRY, adStatusAt, identityKey, isSparkAd } from '../../ads/ads.rules.js';
import type { AdStore } from '../../ports/ad-store.js';
import type { RevocationEffects } from '../../ports/spark-code-store.js';
import type { AdCodeRecord } from '../../spark-codes/spark-codes.model.js';
import { isInForce } from '../../spark-codes/spark-codes.rules.js';
import { clone } from './clone.js';
import { MinHeap } from './min-heap.js';
import type { Outbox } from './outbox.js';
import type { AdsLink } from './ads-link.js';

/** Internal: what the ads tables need to read from the Spark code tables (same store instance). */
export interface SparkView {
  code(id: AdCodeId): AdCodeRecord | undefined;
  inLibrary(adAccountId: AdAccountId, codeId: AdCodeId): boolean;
}

/**
 * Internal: the ads tables of the memory store, shared by the ads, Top Ads and Spark code
 * methods so that a revocation or an expiry sweep changes codes and ads in one synchronous
 * (hence atomic) step.
 */
export interface AdsState {
  readonly ads: Map<string, AdRecord>;
  /** Creation index of each ad: the "oldest creation first" order. */
  readonly seqOf: Map<string, number>;
  readonly byAccount: Map<string, string[]>;
  readonly byCode: Map<string, string[]>;
  readonly sparkCount: Map<string, number>;
  readonly identityCount: Map<string, number>;
  /** (authorization expiry, ad id) of AUTH_CODE ads not yet stopped by the sweep. */
  readonly expiryQueue: MinHeap<string>;
  readonly authorized: Set<string>;
  readonly popups: Map<string, number>;
}

export function createAdsState(): AdsState {
  return {
    ads: new Map(), seqOf: new Map(), byAccount: new Map(), byCode: new Map(), sparkCount: new Map(), identityCount: new Map(),
    expiryQueue: new MinHeap(), authorized: new Set(), popups: new Map(),
  };
}

const d = (x: Date): Date => new Date(x.getTime());
const dOpt = (x: Date | undefined): Date | undefined => (x === undefined ? undefined : new Date(x.getTime()));

/**
 * Internal: the stored form of an ad: a deep copy with every key present in one fixed order
 * (absent optional fields hold `undefined`). One object shape for all stored ads keeps the
 * bulk paths (a revocation pausing 10,000 ads, the forecast scan) fast; `exportAd` turns it
 * back into a record without the `undefined` keys.
 */
export function storedAd(ad: AdRecord): AdRecord {
  const a = ad.assetAuthorization;
  const auth = ad.authorization;
  return {
    id: ad.id, adAccountId: ad.adAccountId, name: ad.name,
    campaign: { campaignId: ad.campaign.campaignId, objective: ad.campaign.objective, placements: [...ad.campaign.placements], campaignType: ad.campaign.campaignType },
    schedule: { startAt: d(ad.schedule.startAt), endAt: dOpt(ad.schedule.endAt) },
    identity: { ...ad.identity },
    videoId: ad.videoId,
    authorization: auth === undefined ? undefined : { codeId: auth.codeId, videoId: auth.videoId, creatorId: auth.creatorId, expiresAt: d(auth.expiresAt) },
    regions: [...ad.regions],
    industry: ad.industry,
    assetAuthorization: { offered: a.offered, authorized: a.authorized, changedAt: d(a.changedAt), source: a.source, withdrawnAt: dOpt(a.withdrawnAt) },
    status: ad.status, statusReason: ad.statusReason, statusChangedAt: d(ad.statusChangedAt), statusChangedBy: { kind: ad.statusChangedBy.kind, id: ad.statusChangedBy.id },
    createdAt: d(ad.createdAt), firstRunningAt: dOpt(ad.firstRunningAt),
  } as AdRecord;
}

/** Internal: a deep copy of a stored ad for callers, without the keys whose value is `undefined`. */
export function exportAd(ad: AdRecord): AdRecord {
  const s = storedAd(ad) as unknown as Record<string, unknown>;
  for (const k of ['videoId', 'authorization', 'industry', 'statusReason', 'firstRunningAt']) if (s[k] === undefined) delete s[k];
  const schedule = s.schedule as Record<string, unknown>;
  if (schedule.endAt === undefined) delete schedule.endAt;
  const asset = s.assetAuthorization as Record<string, unknown>;
  if (asset.withdrawnAt === undefined) delete asset.withdrawnAt;
  return s as unknown as AdRecord;
}

/** Internal: callers' copies (alias kept for readability at call sites). */
export const cloneAd = exportAd;

const bump = (m: Map<string, number>, k: string, d: number) => m.set(k, (m.get(k) ?? 0) + d);

/** Internal: writes an ad's new record, keeping the counters and Top Ads index right. */
export function writeAd(state: AdsState, before: AdRecord, after: AdRecord): void {
  state.ads.set(after.id, after);
  if (after.status === 'STOPPED' && before.status !== 'STOPPED') {
    if (isSparkAd(after.identity)) bump(state.sparkCount, after.adAccountId, -1);
    bump(state.identityCount, identityKey(after), -1);
  }
  if (after.assetAuthorization.authorized) state.authorized.add(after.id);
  else state.authorized.delete(after.id);
}

/** Internal: a record with a new status (no clone of the unchanged parts: records are never mutated). */
export function withStatus(ad: AdRecord, to: AdStatus, reason: AdRecord['statusReason'], at: Date, by: Actor): AdRecord {
  // Same keys as the stored shape (see storedAd); `undefined` marks an absent optional field.
  const firstRunningAt = to === 'RUNNING' && ad.firstRunningAt === undefined ? new Date(at.getTime()) : ad.firstRunningAt;
  return { ...ad, status: to, statusReason: reason, statusChangedAt: new Date(at.getTime()), statusChangedBy: by, firstRunningAt } as AdRecord;
}

/** Internal: the short reference returned for bulk changes. */
export function refOf(ad: AdRecord): AdRef {
  return ad.statusReason === undefined
    ? { id: ad.id, adAccountId: ad.adAccountId, status: ad.status, statusChangedAt: new Date(ad.statusChangedAt.getTime()) }
    : { id: ad.id, adAccountId: ad.adAccountId, status: ad.status, statusReason: ad.statusReason, statusChangedAt: new Date(ad.statusChangedAt.getTime()) };
}

/** Internal: a planned bulk status change: the stored record and the reference to its new state. */
export interface BulkChange {
  readonly ad: AdRecord;
  readonly ref: AdRef;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Internal: applies planned bulk changes. Stored records are private to the store (copied in
 * and out), so they are updated in place: re-creating 10,000 records would double the cost
 * of a revocation.
 */
export function applyBulk(state: AdsState, changes: readonly BulkChange[], by: AdRecord['statusChangedBy']): void {
  for (const { ad, ref } of changes) {
    const m = ad as Mutable<AdRecord>;
    const wasStopped = m.status === 'STOPPED';
    m.status = ref.status;
    if (ref.statusReason !== undefined) m.statusReason = ref.statusReason;
    m.statusChangedAt = new Date(ref.statusChangedAt.getTime());
    m.statusChangedBy = by;
    if (ref.status === 'STOPPED' && !wasStopped) {
      if (isSparkAd(ad.identity)) bump(state.sparkCount, ad.adAccountId, -1);
      bump(state.identityCount, identityKey(ad), -1);
    }
  }
}

/**
 * Internal: the ad side of a revocation, planned without writing. `blocked` lists the ads in
 * the way (block-while-in-use); else `changes` are the ads to pause and `events` their events
 * (the builder already ran).
 */
export function planRevocation(state: AdsState, codeId: AdCodeId, at: Date, effects: RevocationEffects):
  { blocked: AdRef[] } | { changes: BulkChange[]; events: NewEvent[] } {
  const ids = state.byCode.get(codeId) ?? [];
  if (effects.mode === 'block-while-in-use') {
    const inUse: AdRef[] = [];
    for (const id of ids) {
      const ad = state.ads.get(id)!;
      if (IN_USE_STATUSES.includes(statusAt(ad, at.getTime()))) inUse.push(refOf(ad));
    }
    if (inUse.length > 0) return { blocked: inUse };
  }
  const changes: BulkChange[] = [];
  const events: NewEvent[] = [];
  const t = at.getTime();
  for (const id of ids) {
    const ad = state.ads.get(id)!;
    if (!PAUSED_BY_REVOCATION.includes(statusAt(ad, t))) continue;
    const ref: AdRef = { id: ad.id, adAccountId: ad.adAccountId, status: 'PAUSED', statusReason: 'authorization_revoked', statusChangedAt: new Date(t) };
    changes.push({ ad, ref });
    events.push(effects.adEventFor(ad, ref));
  }
  return { changes, events };
}

/**
 * Internal: the ad side of the expiry sweep, planned without writing: pops up to `limit` due
 * ads from the queue (pushing them back if a builder throws).
 */
export function planAdExpiries(state: AdsState, at: Date, limit: number, adEventFor: (before: AdRecord, after: AdRef) => NewEvent):
  { changes: BulkChange[]; events: NewEvent[] } {
  const t = at.getTime();
  const popped: [number, string][] = [];
  const changes: BulkChange[] = [];
  while (changes.length < limit && state.expiryQueue.size > 0 && state.expiryQueue.peekKey()! <= t) {
    const key = state.expiryQueue.peekKey()!;
    const id = state.expiryQueue.pop()!;
    popped.push([key, id]);
    const ad = state.ads.get(id)!;
    // Ads not in a stoppable status now can never become so (their authorization ended): dropped.
    if (!STOPPED_BY_EXPIRY.includes(ad.status)) continue;
    changes.push({ ad, ref: { id: ad.id, adAccountId: ad.adAccountId, status: 'STOPPED', statusReason: 'authorization_expired', statusChangedAt: new Date(ad.authorization!.expiresAt.getTime()) } });
  }
  try {
    return { changes, events: changes.map((c) => adEventFor(c.ad, c.ref)) };
  } catch (e) {
    for (const [k, id] of popped) state.expiryQueue.push(k, id);
    throw e;
  }
}

/**
 * Internal: the references for the caller. They are fresh objects the store state never
 * points to (`applyBulk` copies their instant), so they need no further copy.
 */
export const refsOut = (changes: readonly BulkChange[]): AdRef[] => changes.map((c) => c.ref);

/** Internal: the ads tables as the Spark code tables of `memoryStore()` reach them. */
export function adsLink(state: AdsState): AdsLink<AdsState> {
  return { state, planRevocation, planAdExpiries, applyBulk, refsOut };
}

/** Internal: the status at `t` (expiry applied) without allocating: the hot loop of a revocation. */
function statusAt(ad: AdRecord, t: number): AdStatus {
  const auth = ad.authorization;
  if (auth !== undefined && t >= auth.expiresAt.getTime() && STOPPED_BY_EXPIRY.includes(ad.status)) return 'STOPPED';
  return ad.status;
}

export function adsMemory(outbox: Outbox, state: AdsState, spark: SparkView): Omit<AdStore, 'readEvents'> {
  const list = (ids: readonly string[] | undefined) => (ids ?? []).map((id) => cloneAd(state.ads.get(id)!));
  return {
    async insertAd(ad, limits, events) {
      if (state.ads.has(ad.id)) throw new Error(`insertAd: duplicate ad id ${ad.id}`);
      if (ad.identity.type === 'AUTH_CODE' && !spark.inLibrary(ad.adAccountId, ad.identity.codeId)) return { kind: 'not_in_library' };
      const key = identityKey(ad);
      const sparkNow = state.sparkCount.get(ad.adAccountId) ?? 0;
      const identityNow = state.identityCount.get(key) ?? 0;
      const sparkFull = isSparkAd(ad.identity) && sparkNow >= limits.maxSparkAdsPerAdAccount;
      const identityFull = identityNow >= limits.maxAdsPerIdentity;
      if (sparkFull || identityFull) {
        return {
          kind: 'limits_reached',
          ...(sparkFull ? { sparkAds: { count: sparkNow, limit: limits.maxSparkAdsPerAdAccount } } : {}),
          ...(identityFull ? { identity: { key, count: identityNow, limit: limits.maxAdsPerIdentity } } : {}),
        };
      }
      const stored = storedAd(ad);
      state.ads.set(stored.id, stored);
      state.seqOf.set(stored.id, state.seqOf.size);
      const acc = state.byAccount.get(stored.adAccountId);
      if (acc) acc.push(stored.id);
      else state.byAccount.set(stored.adAccountId, [stored.id]);
      if (stored.identity.type === 'AUTH_CODE') {
        const byCode = state.byCode.get(stored.identity.codeId);
        if (byCode) byCode.push(stored.id);
        else state.byCode.set(stored.identity.codeId, [stored.id]);
        state.expiryQueue.push(stored.authorization!.expiresAt.getTime(), stored.id);
      }
      if (isSparkAd(stored.identity)) bump(state.sparkCount, stored.adAccountId, 1);
      bump(state.identityCount, key, 1);
      if (stored.assetAuthorization.authorized) state.authorized.add(stored.id);
      outbox.append(events);
      return { kind: 'inserted', ad: cloneAd(stored) };
    },
    async getAd(id: AdId) {
      const ad = state.ads.get(id);
      return ad && cloneAd(ad);
    },
    async changeAdStatus(change, eventsFor) {
      const ad = state.ads.get(change.adId);
      if (!ad || ad.adAccountId !== change.adAccountId) return { kind: 'not_found' };
      if (!change.from.includes(adStatusAt(ad, change.at).status)) return { kind: 'wrong_status', ad: cloneAd(ad) };
      if (change.requireAuthorization) {
        if (ad.identity.type === 'AUTH_CODE') {
          const code = spark.code(ad.identity.codeId);
          const inLibrary = spark.inLibrary(ad.adAccountId, ad.identity.codeId);
          if (!code || !inLibrary || !isInForce(code, change.at)) {
            return { kind: 'authorization_ended', ad: cloneAd(ad), ...(code ? { code: clone(code) } : {}), inLibrary };
          }
        } else if (ad.identity.type === 'BC_AUTH_TT' && !ad.identity.available) {
          return { kind: 'authorization_ended', ad: cloneAd(ad), inLibrary: false };
        }
      }
      const after = withStatus(ad, change.to, change.reason, change.at, clone(change.by));
      const events = eventsFor(cloneAd(ad), cloneAd(after));
      writeAd(state, ad, after);
      outbox.append(events);
      return { kind: 'changed', before: cloneAd(ad), ad: cloneAd(after) };
    },
    async listAdsByAccount(adAccountId) {
      return list(state.byAccount.get(adAccountId));
    },
    async listAdsByCode(codeId) {
      return list(state.byCode.get(codeId));
    },
    async listAdsAtRisk(adAccountId, at, withinMs) {
      const t = at.getTime();
      const out: AdForecastFacts[] = [];
      for (const id of state.byAccount.get(adAccountId) ?? []) {
        const ad = state.ads.get(id)!;
        const auth = ad.authorization;
        if (auth === undefined || ad.status === 'STOPPED' || ad.status === 'REJECTED') continue;
        const stops = auth.expiresAt.getTime();
        if (t >= stops) continue;
        const end = ad.schedule.endAt?.getTime();
        if (end !== undefined && end <= stops && stops >= t + withinMs) continue;
        const startAt = new Date(ad.schedule.startAt.getTime());
        out.push({
          id: ad.id, adAccountId: ad.adAccountId, name: ad.name, status: ad.status,
          schedule: end === undefined ? { startAt } : { startAt, endAt: new Date(end) },
          authorization: { codeId: auth.codeId, videoId: auth.videoId, creatorId: auth.creatorId, expiresAt: new Date(stops) },
        });
      }
      return out;
    },
  };
}
