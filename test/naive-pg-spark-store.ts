import type pg from 'pg';
import type { AdCodeId, SparkCodeStore } from '../src/index.js';
import { isInForce } from '../src/spark-codes/spark-codes.rules.js';
import { encodeEvents } from '../src/adapters/postgres/outbox.pg.js';

/**
 * NEGATIVE CONTROL — deliberately wrong. The PostgreSQL store with its three guarded writes
 * replaced by read-then-write over separate autocommit statements (no row lock, no conditional
 * write): the anti-pattern the real store's functions avoid. The server concurrency tests must
 * fail on it; if they ever pass, they have stopped testing anything.
 */
export function naivePgSparkStore(real: SparkCodeStore, pool: pg.Pool, schema: string): SparkCodeStore {
  const s = `"${schema}"`;
  return {
    ...real,
    async insertCode(record, events) {
      const latest = await real.latestCodeForVideo(record.videoId);
      if (latest && isInForce(latest, record.generatedAt)) return { kind: 'video_has_code_in_force', existing: latest };
      await pool.query(
        `INSERT INTO ${s}.spark_codes (id, digest, nonce, fingerprint, creator_id, video_id, period_days, generated_at, expires_at, preview)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::json)`,
        [record.id, record.digest, record.nonce, record.fingerprint, record.creatorId, record.videoId, record.periodDays,
          record.generatedAt.toISOString(), record.expiresAt.toISOString(), JSON.stringify(record.preview)]);
      await pool.query(`INSERT INTO ${s}.spark_videos (video_id, latest_code_id) VALUES ($1, $2)
        ON CONFLICT (video_id) DO UPDATE SET latest_code_id = excluded.latest_code_id`, [record.videoId, record.id]);
      void events;
      return { kind: 'inserted', record };
    },
    async lookupForSearch({ adAccountId, digest, at, maxFailed, windowMs, failedEvent }) {
      // Count, then decide, then record: three autocommit statements and no lock.
      const { rows } = await pool.query<{ n: number; oldest: Date | null }>(
        `SELECT count(*)::int AS n, min(at) AS oldest FROM ${s}.spark_failed_searches
         WHERE ad_account_id = $1 AND at > $2::timestamptz - $3::float8 * interval '1 millisecond' AND at <= $2::timestamptz`,
        [adAccountId, at.toISOString(), windowMs]);
      const { n, oldest } = rows[0]!;
      if (n >= maxFailed) return { kind: 'throttled', retryAt: new Date(oldest!.getTime() + windowMs) };
      const found = digest === undefined ? [] : (await pool.query<{ id: string }>(`SELECT id FROM ${s}.spark_codes WHERE digest = $1`, [digest])).rows;
      const record = found[0] ? await real.getCode(found[0].id as AdCodeId) : undefined;
      if (record) return { kind: 'found', record, confirmedByAnotherAdAccount: false };
      await pool.query(`INSERT INTO ${s}.spark_search_accounts (ad_account_id) VALUES ($1) ON CONFLICT DO NOTHING`, [adAccountId]);
      await pool.query(`INSERT INTO ${s}.spark_failed_searches (ad_account_id, at) VALUES ($1, $2)`, [adAccountId, at.toISOString()]);
      await pool.query(`SELECT ${s}.append_events($1::json)`, [encodeEvents([failedEvent()])]);
      return { kind: 'not_found' };
    },
    async confirm(entry, options, events) {
      const record = await real.getCode(entry.codeId);
      if (!record) return { kind: 'not_found' };
      const existing = (await real.listLibrary(entry.adAccountId)).find((e) => e.codeId === entry.codeId);
      if (existing) return { kind: 'already_confirmed', entry: existing, record };
      if (!isInForce(record, entry.confirmedAt)) return { kind: 'not_in_force', record };
      await pool.query(
        `INSERT INTO ${s}.spark_library (ad_account_id, code_id, video_id, creator_id, confirmed_at, confirmed_by, preview)
         VALUES ($1, $2, $3, $4, $5, $6::json, $7::json)`,
        [entry.adAccountId, entry.codeId, entry.videoId, entry.creatorId, entry.confirmedAt.toISOString(),
          JSON.stringify(entry.confirmedBy), JSON.stringify(entry.preview)]);
      void options; void events;
      return { kind: 'added', entry, record };
    },
  };
}
