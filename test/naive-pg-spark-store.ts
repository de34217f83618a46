import type pg from 'pg';
import type { SparkCodeStore } from '../src/index.js';
import { isInForce } from '../src/spark-codes/spark-codes.rules.js';

/**
 * NEGATIVE CONTROL — deliberately wrong. The PostgreSQL store with its two guarded writes
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
