import type pg from 'pg';
import type { AdStore, NewEvent, SparkCodeStore, TopAdsStore } from '../src/index.js';
import { adStatusAt, PAUSED_BY_REVOCATION } from '../src/ads/ads.rules.js';
import { isInForce } from '../src/spark-codes/spark-codes.rules.js';
import { encodeEvents } from '../src/adapters/postgres/outbox.pg.js';

type Ports = SparkCodeStore & AdStore & TopAdsStore;

/**
 * NEGATIVE CONTROL — deliberately wrong. The PostgreSQL store with revocation, ad status
 * changes and ad insertion replaced by read-then-write over separate autocommit statements (no
 * row lock, no transaction): a revocation lists the code's ads, then revokes, then pauses what
 * it listed; a resume reads the code, then writes; an insertion counts, then inserts. The
 * server concurrency tests must fail on it; if they ever pass, they have stopped testing.
 */
export function naivePgAdsStore(real: Ports, pool: pg.Pool, schema: string): Ports {
  const s = `"${schema}"`;
  const append = (events: readonly NewEvent[]) => pool.query(`SELECT ${s}.append_events($1::json)`, [encodeEvents(events)]);
  return {
    ...real,
    async revokeCode(id, at, by, events, effects) {
      const record = await real.getCode(id);
      if (!record) return { kind: 'not_found' };
      if (!isInForce(record, at) && at >= record.generatedAt) return { kind: 'already_ended', record };
      const ads = (await real.listAdsByCode(id)).filter((ad) => PAUSED_BY_REVOCATION.includes(adStatusAt(ad, at).status));
      await pool.query(`UPDATE ${s}.spark_codes SET revoked_at = $2, revoked_by = $3::json WHERE id = $1`, [id, at.toISOString(), JSON.stringify(by)]);
      const refs = ads.map((ad) => ({ id: ad.id, adAccountId: ad.adAccountId, status: 'PAUSED' as const, statusReason: 'authorization_revoked' as const, statusChangedAt: at }));
      await pool.query(`UPDATE ${s}.ads SET status = 'PAUSED', status_reason = 'authorization_revoked', status_changed_at = $2 WHERE id = ANY($1::text[])`,
        [ads.map((a) => a.id), at.toISOString()]);
      await append([...events, ...ads.map((ad, i) => effects.adEventFor(ad, refs[i]!))]);
      return { kind: 'revoked', record: { ...record, revokedAt: at, revokedBy: by }, pausedAds: refs };
    },
    async changeAdStatus(change, eventsFor) {
      const ad = await real.getAd(change.adId);
      if (!ad || ad.adAccountId !== change.adAccountId) return { kind: 'not_found' };
      if (!change.from.includes(adStatusAt(ad, change.at).status)) return { kind: 'wrong_status', ad };
      if (change.requireAuthorization && ad.identity.type === 'AUTH_CODE') {
        const code = await real.getCode(ad.identity.codeId);
        if (!code || !isInForce(code, change.at)) return { kind: 'authorization_ended', ad, ...(code ? { code } : {}), inLibrary: true };
      }
      const after = { ...ad, status: change.to, statusChangedAt: change.at, statusChangedBy: change.by };
      await pool.query(`UPDATE ${s}.ads SET status = $2, status_reason = $3, status_changed_at = $4 WHERE id = $1`,
        [ad.id, change.to, change.reason ?? null, change.at.toISOString()]);
      await append(eventsFor(ad, after));
      return { kind: 'changed', before: ad, ad: after };
    },
    async insertAd(ad, limits, events) {
      const live = (await real.listAdsByAccount(ad.adAccountId)).filter((a) => a.status !== 'STOPPED' && a.identity.type !== 'CUSTOMIZED_USER').length;
      if (ad.identity.type !== 'CUSTOMIZED_USER' && live >= limits.maxSparkAdsPerAdAccount) {
        return { kind: 'limits_reached', sparkAds: { count: live, limit: limits.maxSparkAdsPerAdAccount } };
      }
      return real.insertAd(ad, { maxSparkAdsPerAdAccount: 2 ** 31 - 1, maxAdsPerIdentity: 2 ** 31 - 1 }, events);
    },
  };
}
