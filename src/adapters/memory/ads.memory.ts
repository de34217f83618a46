import type { Actor, NewEvent } from '../../kernel/events.js';
import type { AdAccountId, AdCodeId, AdId } from '../../kernel/ids.js';
import type { AdRecord, AdStatus } from '../../ads/ads.model.js';
import { IN_USE_STATUSES, PAUSED_BY_REVOCATION, STOPPED_BY_EXPIRY, adStatusAt, identityKey, isSparkAd } from '../../ads/ads.rules.js';
import type { AdStore } from '../../ports/ad-store.js';
import type { RevocationEffects } from '../../ports/spark-code-store.js';
import type { AdCodeRecord } from '../../spark-codes/spark-codes.model.js';
import { isInForce } from '../../spark-codes/spark-codes.rules.js';
import { SYSTEM_ACTOR } from '../../kernel/events.js';
import { clone } from './clone.js';
import { MinHeap } from './min-heap.js';
import type { Outbox } from './outbox.js';

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
  const { statusReason: _old, ...rest } = ad;
  return {
    ...rest, status: to, ...(reason !== undefined ? { statusReason: reason } : {}), statusChangedAt: new Date(at.getTime()), statusChangedBy: by,
    ...(to === 'RUNNING' && ad.firstRunningAt === undefined ? { firstRunningAt: new Date(at.getTime()) } : {}),
  };
}

/**
 * Internal: the ad side of a revocation, planned without writing. `blocked` lists the ads in
 * the way (block-while-in-use); else `updates` pairs each ad to pause with its new record, and
 * `events` their events (the builder already ran).
 */
export function planRevocation(state: AdsState, codeId: AdCodeId, at: Date, by: Actor, effects: RevocationEffects):
  { blocked: AdRecord[] } | { updates: [AdRecord, AdRecord][]; events: NewEvent[] } {
  const ids = state.byCode.get(codeId) ?? [];
  if (effects.mode === 'block-while-in-use') {
    const inUse: AdRecord[] = [];
    for (const id of ids) {
      const ad = state.ads.get(id)!;
      if (IN_USE_STATUSES.includes(adStatusAt(ad, at).status)) inUse.push(ad);
    }
    if (inUse.length > 0) return { blocked: inUse.map(clone) };
  }
  const updates: [AdRecord, AdRecord][] = [];
  const events: NewEvent[] = [];
  const byCopy = clone(by);
  for (const id of ids) {
    const ad = state.ads.get(id)!;
    if (!PAUSED_BY_REVOCATION.includes(adStatusAt(ad, at).status)) continue;
    const after = withStatus(ad, 'PAUSED', 'authorization_revoked', at, byCopy);
    updates.push([ad, after]);
    events.push(effects.adEventFor(clone(ad), clone(after)));
  }
  return { updates, events };
}

/**
 * Internal: the ad side of the expiry sweep, planned without writing: pops up to `limit` due
 * ads from the queue (pushing them back if a builder throws).
 */
export function planAdExpiries(state: AdsState, at: Date, limit: number, adEventFor: (before: AdRecord, after: AdRecord) => NewEvent):
  { updates: [AdRecord, AdRecord][]; events: NewEvent[] } {
  const t = at.getTime();
  const popped: [number, string][] = [];
  const updates: [AdRecord, AdRecord][] = [];
  while (updates.length < limit && state.expiryQueue.size > 0 && state.expiryQueue.peekKey()! <= t) {
    const key = state.expiryQueue.peekKey()!;
    const id = state.expiryQueue.pop()!;
    popped.push([key, id]);
    const ad = state.ads.get(id)!;
    // Ads not in a stoppable status now can never become so (their authorization ended): dropped.
    if (!STOPPED_BY_EXPIRY.includes(ad.status)) continue;
    updates.push([ad, withStatus(ad, 'STOPPED', 'authorization_expired', ad.authorization!.expiresAt, SYSTEM_ACTOR)]);
  }
  try {
    const events = updates.map(([b, a]) => adEventFor(clone(b), clone(a)));
    return { updates, events };
  } catch (e) {
    for (const [k, id] of popped) state.expiryQueue.push(k, id);
    throw e;
  }
}

export function adsMemory(outbox: Outbox, state: AdsState, spark: SparkView): Omit<AdStore, 'readEvents'> {
  const list = (ids: readonly string[] | undefined) => (ids ?? []).map((id) => clone(state.ads.get(id)!));
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
      const stored = clone(ad);
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
      return { kind: 'inserted', ad: clone(stored) };
    },
    async getAd(id: AdId) {
      const ad = state.ads.get(id);
      return ad && clone(ad);
    },
    async changeAdStatus(change, eventsFor) {
      const ad = state.ads.get(change.adId);
      if (!ad || ad.adAccountId !== change.adAccountId) return { kind: 'not_found' };
      if (!change.from.includes(adStatusAt(ad, change.at).status)) return { kind: 'wrong_status', ad: clone(ad) };
      if (change.requireAuthorization) {
        if (ad.identity.type === 'AUTH_CODE') {
          const code = spark.code(ad.identity.codeId);
          const inLibrary = spark.inLibrary(ad.adAccountId, ad.identity.codeId);
          if (!code || !inLibrary || !isInForce(code, change.at)) {
            return { kind: 'authorization_ended', ad: clone(ad), ...(code ? { code: clone(code) } : {}), inLibrary };
          }
        } else if (ad.identity.type === 'BC_AUTH_TT' && !ad.identity.available) {
          return { kind: 'authorization_ended', ad: clone(ad), inLibrary: false };
        }
      }
      const after = withStatus(ad, change.to, change.reason, change.at, clone(change.by));
      const events = eventsFor(clone(ad), clone(after));
      writeAd(state, ad, after);
      outbox.append(events);
      return { kind: 'changed', before: clone(ad), ad: clone(after) };
    },
    async listAdsByAccount(adAccountId) {
      return list(state.byAccount.get(adAccountId));
    },
    async listAdsByCode(codeId) {
      return list(state.byCode.get(codeId));
    },
  };
}
