import { SYSTEM_ACTOR, type NewEvent } from '../../kernel/events.js';
import type { AdRef } from '../../ads/ads.model.js';
import { IN_USE_STATUSES, PAUSED_BY_REVOCATION, adStatusAt } from '../../ads/ads.rules.js';
import type { AdAccountId, AdCodeId, CreatorId, VideoId } from '../../kernel/ids.js';
import type { ConfirmOutcome, InsertCodeOutcome, RevokeOutcome, SearchLookup, SparkCodeStore } from '../../ports/spark-code-store.js';
import type { AdCodeRecord, LibraryEntry } from '../../spark-codes/spark-codes.model.js';
import type { PgContext } from './context.js';
import type { Migration } from './migrations.js';
import { encodeEvents, parseJson } from './outbox.pg.js';
import { refOf, toAd } from './ads.pg.js';

/**
 * Migration 2: the Spark code tables and their write functions.
 *
 * Every write is ONE call of a PL/pgSQL function, i.e. one statement and one implicit
 * transaction (READ COMMITTED; each statement inside sees the latest committed data): it
 * takes row locks in a fixed order — the video row or the code row first, the ad account's
 * throttle row for a failed search, the outbox head last — checks, writes, appends its events,
 * and commits as soon as it returns. An exception anywhere rolls the whole call back.
 *
 * - One code in force per video (SPARK-09): `spark_videos` has one row per video pointing at
 *   its latest code; `spark_insert_code` locks that row (creating it if needed), so two
 *   generations for one video run one after the other and the second sees the first.
 * - Idempotent confirm and single use: `spark_confirm` locks the code row; the library's
 *   primary key (ad_account_id, code_id) backs it up. (Migration 5 replaced `spark_confirm`
 *   by one with typed arguments and `ms` by an inlinable one: see `speedupsMigration`.)
 * - Revocation vs confirm: both lock the code row, so a confirm never lands after a revoke.
 * - Failed-search limit: a miss locks the account's `spark_search_accounts` row, recounts and
 *   records; found searches below the limit are a plain read (they write nothing).
 * - Digests only: the table holds the code's digest and nonce, never the code.
 */
export const sparkCodesMigration: Migration = {
  version: 2,
  name: 'spark-codes',
  up: (s) => `
    CREATE TABLE ${s}.spark_codes (
      id text PRIMARY KEY,
      ins_seq bigint GENERATED ALWAYS AS IDENTITY,
      digest text NOT NULL UNIQUE,
      nonce text NOT NULL,
      fingerprint text NOT NULL,
      creator_id text NOT NULL,
      video_id text NOT NULL,
      period_days integer NOT NULL,
      generated_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      revoked_by json,
      expiry_recorded_at timestamptz,
      first_confirmed_at timestamptz,
      preview json NOT NULL,
      CHECK (expires_at >= generated_at)
    );
    CREATE INDEX spark_codes_by_creator ON ${s}.spark_codes (creator_id, ins_seq DESC);
    CREATE INDEX spark_codes_expiring ON ${s}.spark_codes (expires_at, ins_seq) WHERE revoked_at IS NULL;
    CREATE INDEX spark_codes_expiry_due ON ${s}.spark_codes (expires_at, ins_seq)
      WHERE expiry_recorded_at IS NULL AND (revoked_at IS NULL OR revoked_at > expires_at);

    CREATE TABLE ${s}.spark_videos (
      video_id text PRIMARY KEY,
      latest_code_id text REFERENCES ${s}.spark_codes (id)
    );

    CREATE TABLE ${s}.spark_library (
      ad_account_id text NOT NULL,
      code_id text NOT NULL REFERENCES ${s}.spark_codes (id),
      ord bigint GENERATED ALWAYS AS IDENTITY,
      video_id text NOT NULL,
      creator_id text NOT NULL,
      confirmed_at timestamptz NOT NULL,
      confirmed_by json NOT NULL,
      preview json NOT NULL,
      PRIMARY KEY (ad_account_id, code_id)
    );
    CREATE INDEX spark_library_by_code ON ${s}.spark_library (code_id, ad_account_id);
    CREATE INDEX spark_library_by_account ON ${s}.spark_library (ad_account_id, ord);

    CREATE TABLE ${s}.spark_search_accounts (ad_account_id text PRIMARY KEY);
    CREATE TABLE ${s}.spark_failed_searches (
      ad_account_id text NOT NULL REFERENCES ${s}.spark_search_accounts (ad_account_id),
      at timestamptz NOT NULL
    );
    CREATE INDEX spark_failed_searches_by_account ON ${s}.spark_failed_searches (ad_account_id, at);

    CREATE FUNCTION ${s}.spark_in_force(c ${s}.spark_codes, t timestamptz) RETURNS boolean LANGUAGE sql STABLE
      AS $$ SELECT t >= c.generated_at AND t < c.expires_at AND (c.revoked_at IS NULL OR c.revoked_at > t) $$;

    CREATE FUNCTION ${s}.spark_code_json(c ${s}.spark_codes) RETURNS json LANGUAGE sql STABLE AS $$
      SELECT json_build_object(
        'id', c.id, 'digest', c.digest, 'nonce', c.nonce, 'fingerprint', c.fingerprint,
        'creatorId', c.creator_id, 'videoId', c.video_id, 'periodDays', c.period_days,
        'generatedAt', ${s}.ms(c.generated_at), 'expiresAt', ${s}.ms(c.expires_at),
        'revokedAt', ${s}.ms(c.revoked_at), 'revokedBy', c.revoked_by,
        'expiryRecordedAt', ${s}.ms(c.expiry_recorded_at), 'firstConfirmedAt', ${s}.ms(c.first_confirmed_at),
        'preview', c.preview)
    $$;

    CREATE FUNCTION ${s}.spark_entry_json(e ${s}.spark_library) RETURNS json LANGUAGE sql STABLE AS $$
      SELECT json_build_object(
        'adAccountId', e.ad_account_id, 'codeId', e.code_id, 'videoId', e.video_id, 'creatorId', e.creator_id,
        'confirmedAt', ${s}.ms(e.confirmed_at), 'confirmedBy', e.confirmed_by, 'preview', e.preview)
    $$;

    CREATE FUNCTION ${s}.spark_insert_code(r json, evs json) RETURNS json LANGUAGE plpgsql AS $fn$
    DECLARE
      gen timestamptz := (r->>'generatedAt')::timestamptz;
      latest ${s}.spark_codes;
      ins ${s}.spark_codes;
    BEGIN
      IF EXISTS (SELECT 1 FROM ${s}.spark_codes WHERE id = r->>'id' OR digest = r->>'digest') THEN
        RAISE unique_violation USING MESSAGE = 'insertCode: duplicate code id or digest';
      END IF;
      INSERT INTO ${s}.spark_videos (video_id) VALUES (r->>'videoId') ON CONFLICT DO NOTHING;
      SELECT c.* INTO latest FROM ${s}.spark_videos v JOIN ${s}.spark_codes c ON c.id = v.latest_code_id
        WHERE v.video_id = r->>'videoId' FOR UPDATE OF v;
      IF NOT FOUND THEN
        PERFORM 1 FROM ${s}.spark_videos WHERE video_id = r->>'videoId' FOR UPDATE;
      ELSIF ${s}.spark_in_force(latest, gen) THEN
        RETURN json_build_object('kind', 'video_has_code_in_force', 'existing', ${s}.spark_code_json(latest));
      END IF;
      INSERT INTO ${s}.spark_codes (id, digest, nonce, fingerprint, creator_id, video_id, period_days,
          generated_at, expires_at, revoked_at, revoked_by, expiry_recorded_at, first_confirmed_at, preview)
        VALUES (r->>'id', r->>'digest', r->>'nonce', r->>'fingerprint', r->>'creatorId', r->>'videoId',
          (r->>'periodDays')::integer, gen, (r->>'expiresAt')::timestamptz, (r->>'revokedAt')::timestamptz,
          r->'revokedBy', (r->>'expiryRecordedAt')::timestamptz, (r->>'firstConfirmedAt')::timestamptz, r->'preview')
        RETURNING * INTO ins;
      UPDATE ${s}.spark_videos SET latest_code_id = ins.id WHERE video_id = ins.video_id;
      PERFORM ${s}.append_events(evs);
      RETURN json_build_object('kind', 'inserted', 'record', ${s}.spark_code_json(ins));
    END
    $fn$;

    CREATE FUNCTION ${s}.spark_lookup_for_search(acc text, dig text, at_ timestamptz, max_failed integer,
        window_ms float8, failed_event json) RETURNS json LANGUAGE plpgsql AS $fn$
    DECLARE
      win interval := window_ms * interval '1 millisecond';
      n integer;
      oldest timestamptz;
      c ${s}.spark_codes;
    BEGIN
      INSERT INTO ${s}.spark_search_accounts (ad_account_id) VALUES (acc) ON CONFLICT DO NOTHING;
      PERFORM 1 FROM ${s}.spark_search_accounts WHERE ad_account_id = acc FOR UPDATE;
      DELETE FROM ${s}.spark_failed_searches WHERE ad_account_id = acc AND NOT (at > at_ - win AND at <= at_);
      SELECT count(*) INTO n FROM ${s}.spark_failed_searches WHERE ad_account_id = acc;
      IF n >= max_failed THEN
        SELECT at INTO oldest FROM ${s}.spark_failed_searches WHERE ad_account_id = acc
          ORDER BY at OFFSET n - max_failed LIMIT 1;
        RETURN json_build_object('kind', 'throttled', 'retryAt', ${s}.ms(oldest + win));
      END IF;
      SELECT * INTO c FROM ${s}.spark_codes WHERE digest = dig;
      IF NOT FOUND THEN
        INSERT INTO ${s}.spark_failed_searches (ad_account_id, at) VALUES (acc, at_);
        PERFORM ${s}.append_events(json_build_array(failed_event));
        RETURN json_build_object('kind', 'not_found');
      END IF;
      RETURN json_build_object('kind', 'found', 'record', ${s}.spark_code_json(c), 'confirmedByAnotherAdAccount',
        EXISTS (SELECT 1 FROM ${s}.spark_library WHERE code_id = c.id AND ad_account_id <> acc));
    END
    $fn$;

    CREATE FUNCTION ${s}.spark_confirm(en json, single_use boolean, evs json) RETURNS json LANGUAGE plpgsql AS $fn$
    DECLARE
      at_ timestamptz := (en->>'confirmedAt')::timestamptz;
      acc text := en->>'adAccountId';
      c ${s}.spark_codes;
      e ${s}.spark_library;
    BEGIN
      SELECT * INTO c FROM ${s}.spark_codes WHERE id = en->>'codeId' FOR UPDATE;
      IF NOT FOUND THEN RETURN json_build_object('kind', 'not_found'); END IF;
      IF NOT ${s}.spark_in_force(c, at_) THEN
        RETURN json_build_object('kind', 'not_in_force', 'record', ${s}.spark_code_json(c));
      END IF;
      SELECT * INTO e FROM ${s}.spark_library WHERE ad_account_id = acc AND code_id = c.id;
      IF FOUND THEN
        RETURN json_build_object('kind', 'already_confirmed', 'entry', ${s}.spark_entry_json(e), 'record', ${s}.spark_code_json(c));
      END IF;
      IF single_use AND EXISTS (SELECT 1 FROM ${s}.spark_library WHERE code_id = c.id) THEN
        RETURN json_build_object('kind', 'used_by_another_ad_account', 'record', ${s}.spark_code_json(c));
      END IF;
      INSERT INTO ${s}.spark_library (ad_account_id, code_id, video_id, creator_id, confirmed_at, confirmed_by, preview)
        VALUES (acc, c.id, en->>'videoId', en->>'creatorId', at_, en->'confirmedBy', en->'preview')
        RETURNING * INTO e;
      IF c.first_confirmed_at IS NULL THEN
        UPDATE ${s}.spark_codes SET first_confirmed_at = at_ WHERE id = c.id RETURNING * INTO c;
      END IF;
      PERFORM ${s}.append_events(evs);
      RETURN json_build_object('kind', 'added', 'entry', ${s}.spark_entry_json(e), 'record', ${s}.spark_code_json(c));
    END
    $fn$;

    CREATE FUNCTION ${s}.spark_revoke(code_id text, at_ timestamptz, by_ json, evs json) RETURNS json LANGUAGE plpgsql AS $fn$
    DECLARE
      c ${s}.spark_codes;
    BEGIN
      SELECT * INTO c FROM ${s}.spark_codes WHERE id = code_id FOR UPDATE;
      IF NOT FOUND THEN RETURN json_build_object('kind', 'not_found'); END IF;
      IF NOT ${s}.spark_in_force(c, at_) AND at_ >= c.generated_at THEN
        RETURN json_build_object('kind', 'already_ended', 'record', ${s}.spark_code_json(c));
      END IF;
      UPDATE ${s}.spark_codes SET revoked_at = at_, revoked_by = by_ WHERE id = c.id RETURNING * INTO c;
      PERFORM ${s}.append_events(evs);
      RETURN json_build_object('kind', 'revoked', 'record', ${s}.spark_code_json(c));
    END
    $fn$;
  `,
};

interface CodeJson {
  id: string; digest: string; nonce: string; fingerprint: string; creatorId: string; videoId: string; periodDays: number;
  generatedAt: number; expiresAt: number; revokedAt: number | null; revokedBy: AdCodeRecord['revokedBy'] | null;
  expiryRecordedAt: number | null; firstConfirmedAt: number | null; preview: AdCodeRecord['preview'];
}
interface EntryJson {
  adAccountId: string; codeId: string; videoId: string; creatorId: string; confirmedAt: number;
  confirmedBy: LibraryEntry['confirmedBy']; preview: LibraryEntry['preview'];
}

/** Internal: a code record from `spark_code_json`. */
export function toRecord(raw: unknown): AdCodeRecord {
  const j = parseJson(raw) as CodeJson;
  const r: Record<string, unknown> = {
    id: j.id, digest: j.digest, nonce: j.nonce, fingerprint: j.fingerprint, creatorId: j.creatorId, videoId: j.videoId,
    periodDays: j.periodDays, generatedAt: new Date(j.generatedAt), expiresAt: new Date(j.expiresAt),
  };
  if (j.revokedAt !== null) r.revokedAt = new Date(j.revokedAt);
  if (j.revokedBy !== null) r.revokedBy = j.revokedBy;
  if (j.expiryRecordedAt !== null) r.expiryRecordedAt = new Date(j.expiryRecordedAt);
  if (j.firstConfirmedAt !== null) r.firstConfirmedAt = new Date(j.firstConfirmedAt);
  r.preview = j.preview;
  return r as unknown as AdCodeRecord;
}

function toEntry(raw: unknown): LibraryEntry {
  const j = parseJson(raw) as EntryJson;
  return {
    adAccountId: j.adAccountId as AdAccountId, codeId: j.codeId as AdCodeId, videoId: j.videoId as VideoId,
    creatorId: j.creatorId as CreatorId, confirmedAt: new Date(j.confirmedAt), confirmedBy: j.confirmedBy, preview: j.preview,
  };
}

const iso = (d: Date | undefined) => (d === undefined ? undefined : d.toISOString());

function encodeRecord(r: AdCodeRecord): string {
  return JSON.stringify({
    ...r, generatedAt: iso(r.generatedAt), expiresAt: iso(r.expiresAt), revokedAt: iso(r.revokedAt),
    expiryRecordedAt: iso(r.expiryRecordedAt), firstConfirmedAt: iso(r.firstConfirmedAt),
  });
}

type Out = { kind: string; record?: unknown; existing?: unknown; entry?: unknown; retryAt?: number; confirmedByAnotherAdAccount?: boolean };

/** Internal: the Spark code tables of the PostgreSQL store (see `sparkCodesMigration`). */
export function sparkCodesPg(ctx: PgContext): Omit<SparkCodeStore, 'readEvents'> {
  const { s, db } = ctx;
  // Each statement's text is built once: the same text is the same prepared statement.
  const fnSql = (fn: string, casts: readonly string[]) => `SELECT ${s}.${fn}(${casts.map((c, i) => `$${i + 1}::${c}`).join(', ')}) AS out`;
  const INSERT_CODE = fnSql('spark_insert_code', ['json', 'json']);
  const LOOKUP_FOR_SEARCH = fnSql('spark_lookup_for_search', ['text', 'text', 'timestamptz', 'integer', 'float8', 'json']);
  const CONFIRM = fnSql('spark_confirm', ['text', 'text', 'text', 'text', 'timestamptz', 'json', 'json', 'boolean', 'json']);
  // A search's read: whether the account has `maxFailed` ($5) failed searches in the window
  // (a row at offset maxFailed - 1), the code, and whether another account confirmed it.
  const FIND = `SELECT EXISTS (SELECT 1 FROM ${s}.spark_failed_searches f
                  WHERE f.ad_account_id = $1 AND f.at > $3::timestamptz - $4::float8 * interval '1 millisecond' AND f.at <= $3::timestamptz
                  OFFSET $5::integer - 1 LIMIT 1) AS limited,
                ${s}.spark_code_json(c) AS j,
                EXISTS (SELECT 1 FROM ${s}.spark_library l WHERE l.code_id = c.id AND l.ad_account_id <> $1) AS other
         FROM ${s}.spark_codes c WHERE c.digest = $2`;
  const call = async (sql: string, params: readonly unknown[]): Promise<Out> => {
    const { rows } = await ctx.run(() => db.query<{ out: unknown }>(sql, params));
    return parseJson(rows[0]!.out) as Out;
  };
  const codes = async (where: string, params: readonly unknown[], order = ''): Promise<AdCodeRecord[]> => {
    const { rows } = await ctx.run(() => db.query<{ j: unknown }>(`SELECT ${s}.spark_code_json(c) AS j FROM ${s}.spark_codes c WHERE ${where} ${order}`, params));
    return rows.map((r) => toRecord(r.j));
  };

  return {
    async insertCode(record, events): Promise<InsertCodeOutcome> {
      const out = await call(INSERT_CODE, [encodeRecord(record), encodeEvents(events)]);
      return out.kind === 'inserted'
        ? { kind: 'inserted', record: toRecord(out.record) }
        : { kind: 'video_has_code_in_force', existing: toRecord(out.existing) };
    },

    async getCode(id) {
      return (await codes('c.id = $1', [id]))[0];
    },

    async latestCodeForVideo(videoId) {
      return (await codes(`c.id = (SELECT latest_code_id FROM ${s}.spark_videos WHERE video_id = $1)`, [videoId]))[0];
    },

    async lookupForSearch({ adAccountId, digest, at, maxFailed, windowMs, failedEvent }): Promise<SearchLookup> {
      // Fast path, one read-only statement (no lock, no transaction id, no WAL): below the
      // limit, a search that finds its code writes nothing. Racing misses of the same account
      // may make the count one short; that only decides whether this found search is answered,
      // and misses are still counted exactly, under the lock, below.
      if (digest !== undefined) {
        const { rows } = await ctx.run(() => db.query<{ limited: boolean; j: unknown; other: boolean }>(FIND, [adAccountId, digest, at.toISOString(), windowMs, maxFailed]));
        const row = rows[0];
        if (row && !row.limited) return { kind: 'found', record: toRecord(row.j), confirmedByAnotherAdAccount: row.other };
      }
      // Otherwise lock the account's throttle row and decide there (a miss writes).
      // One statement: the event goes with it (built here even when the search finds; it is small
      // next to a round trip), and the database appends it only on a miss.
      const out = await call(LOOKUP_FOR_SEARCH,
        [adAccountId, digest ?? null, at.toISOString(), maxFailed, windowMs, encodeEvents([failedEvent()]).slice(1, -1)]);
      if (out.kind === 'throttled') return { kind: 'throttled', retryAt: new Date(out.retryAt!) };
      if (out.kind === 'found') return { kind: 'found', record: toRecord(out.record), confirmedByAnotherAdAccount: out.confirmedByAnotherAdAccount! };
      return { kind: 'not_found' };
    },

    async confirm(entry, { singleUse }, events): Promise<ConfirmOutcome> {
      const by = JSON.stringify(entry.confirmedBy);
      const preview = JSON.stringify(entry.preview);
      const out = await call(CONFIRM,
        [entry.adAccountId, entry.codeId, entry.videoId, entry.creatorId, entry.confirmedAt.toISOString(), by, preview, singleUse, encodeEvents(events)]);
      switch (out.kind) {
        case 'added': {
          // The row just inserted holds exactly these values (the JSON parts as the text sent).
          const added: LibraryEntry = {
            adAccountId: entry.adAccountId, codeId: entry.codeId, videoId: entry.videoId, creatorId: entry.creatorId,
            confirmedAt: new Date(entry.confirmedAt.getTime()), confirmedBy: JSON.parse(by), preview: JSON.parse(preview),
          };
          return { kind: 'added', entry: added, record: toRecord(out.record) };
        }
        case 'already_confirmed': return { kind: 'already_confirmed', entry: toEntry(out.entry), record: toRecord(out.record) };
        case 'used_by_another_ad_account': return { kind: 'used_by_another_ad_account', record: toRecord(out.record) };
        case 'not_in_force': return { kind: 'not_in_force', record: toRecord(out.record) };
        default: return { kind: 'not_found' };
      }
    },

    async revokeCode(id, at, by, events, effects): Promise<RevokeOutcome> {
      // An interactive transaction (the ads' events are built in JS): lock the code row, then
      // the code's ads in use (by ins_seq); decide; write code, ads and events; commit.
      return ctx.run(() => db.transaction(async (tx): Promise<RevokeOutcome> => {
        const locked = await tx.query<{ out: unknown }>(`SELECT ${s}.spark_revoke_lock($1::text, $2::timestamptz) AS out`, [id, at.toISOString()]);
        const out = parseJson(locked.rows[0]!.out) as { kind: string; record?: unknown; ads?: unknown[] };
        if (out.kind === 'not_found') return { kind: 'not_found' };
        const record = toRecord(out.record);
        if (out.kind === 'already_ended') return { kind: 'already_ended', record };
        const ads = out.ads!.map(toAd);
        if (effects.mode === 'block-while-in-use') {
          const inUse = ads.filter((ad) => IN_USE_STATUSES.includes(adStatusAt(ad, at).status));
          if (inUse.length > 0) return { kind: 'blocked', record, adsInUse: inUse.map(refOf) };
        }
        const paused = ads.filter((ad) => PAUSED_BY_REVOCATION.includes(adStatusAt(ad, at).status));
        const refs: AdRef[] = paused.map((ad) => ({ id: ad.id, adAccountId: ad.adAccountId, status: 'PAUSED', statusReason: 'authorization_revoked', statusChangedAt: new Date(at.getTime()) }));
        const adEvents = paused.map((ad, i) => effects.adEventFor(ad, refs[i]!));
        const by_ = JSON.stringify({ kind: by.kind, id: by.id });
        const applied = await tx.query<{ out: unknown }>(
          `SELECT ${s}.spark_revoke_apply($1::text, $2::timestamptz, $3::json, $4::text[], $5::json) AS out`,
          [id, at.toISOString(), by_, paused.map((a) => a.id), encodeEvents([...events, ...adEvents])]);
        return { kind: 'revoked', record: toRecord(applied.rows[0]!.out), pausedAds: refs };
      }));
    },

    async recordExpiries(at, limit, eventFor, adEventFor) {
      // An interactive transaction: the events are built in JS from the locked rows.
      return ctx.run(() => db.transaction(async (tx) => {
        const n = Math.max(0, Math.floor(limit));
        const locked = await tx.query<{ out: unknown }>(`SELECT ${s}.spark_expiries_lock($1::timestamptz, $2::integer) AS out`, [at.toISOString(), n]);
        const out = parseJson(locked.rows[0]!.out) as { codes: unknown[]; ads: unknown[] };
        if (out.codes.length === 0 && out.ads.length === 0) return { codes: [], stoppedAds: [] };
        const codes = out.codes.map((j) => ({ ...toRecord(j), expiryRecordedAt: new Date(at.getTime()) }));
        const ads = out.ads.map(toAd);
        const refs: AdRef[] = ads.map((ad) => ({ id: ad.id, adAccountId: ad.adAccountId, status: 'STOPPED', statusReason: 'authorization_expired', statusChangedAt: new Date(ad.authorization!.expiresAt.getTime()) }));
        // Builders get their own copies of the code records (they must not share the returned ones).
        const events: NewEvent[] = [...out.codes.map((j) => eventFor({ ...toRecord(j), expiryRecordedAt: new Date(at.getTime()) })), ...ads.map((ad, i) => adEventFor(ad, refs[i]!))];
        await tx.query(`SELECT ${s}.spark_expiries_apply($1::timestamptz, $2::text[], $3::text[], $4::json, $5::json)`,
          [at.toISOString(), codes.map((r) => r.id), ads.map((a) => a.id), JSON.stringify({ kind: SYSTEM_ACTOR.kind, id: SYSTEM_ACTOR.id }), encodeEvents(events)]);
        return { codes, stoppedAds: refs };
      }));
    },

    async listCodesByCreator(creatorId) {
      return codes('c.creator_id = $1', [creatorId], 'ORDER BY c.ins_seq DESC');
    },

    async listLibrary(adAccountId) {
      const { rows } = await ctx.run(() => db.query<{ j: unknown }>(
        `SELECT ${s}.spark_entry_json(l) AS j FROM ${s}.spark_library l WHERE l.ad_account_id = $1 ORDER BY l.ord`, [adAccountId]));
      return rows.map((r) => toEntry(r.j));
    },

    async listExpiringBetween(from, to) {
      return codes('c.revoked_at IS NULL AND c.expires_at >= $1::timestamptz AND c.expires_at < $2::timestamptz',
        [from.toISOString(), to.toISOString()], 'ORDER BY c.expires_at, c.ins_seq');
    },
  };
}
