import type { Actor } from '../../kernel/events.js';
import type { AdAccountId, AdCodeId, AdId } from '../../kernel/ids.js';
import type { AdForecastFacts, AdRecord, AdRef, AdStatus } from '../../ads/ads.model.js';
import { adStatusAt, identityKey, isSparkAd } from '../../ads/ads.rules.js';
import type { AdStore, ChangeAdStatusOutcome, InsertAdOutcome } from '../../ports/ad-store.js';
import type { AdCodeRecord } from '../../spark-codes/spark-codes.model.js';
import { isInForce } from '../../spark-codes/spark-codes.rules.js';
import type { PgContext } from './context.js';
import type { Migration } from './migrations.js';
import { encodeEvents, parseJson } from './outbox.pg.js';
import { toRecord } from './spark-codes.pg.js';

/**
 * Migration 4: the ads and Top Ads tables (ADV-04..06, SPARK-10/11 effects on ads, TOP-05/06),
 * the revocation and expiry functions that change codes and ads in one transaction, and the
 * pop-up claims. (Version 3 is the Business Center migration.)
 *
 * Lock order, everywhere: the code row (`spark_codes`) → ad rows (`ads`, by `ins_seq`) → the
 * limit counter rows (`ad_counts`, by `(scope, key)`). Nobody waits for an earlier kind of
 * lock while holding a later one, so these transactions cannot deadlock one another.
 *
 * - Revocation pauses ads in its transaction: `spark_revoke_lock` locks the code row
 *   `FOR UPDATE` and then the code's ads in use, `spark_revoke_apply` writes both. A submit,
 *   start or resume (`ads_lock_for_change` with `require_auth`) locks the code row `FOR SHARE`
 *   before the ad row and checks the code is in force after the lock: it runs wholly before the
 *   revocation (which then sees and pauses its result) or wholly after (and is refused).
 * - The 10,000 limits: one counter row per ad account (Spark Ads not stopped) and per identity
 *   key (ads not stopped). `ads_insert` locks both rows, checks and increments them in its
 *   statement; every change to `STOPPED` decrements them (`ads_release_slots`) in its own.
 *   `CHECK (n >= 0)` backs the bookkeeping.
 * - The pop-up claim: `top_ads_claim_popup` locks the account's row and compares.
 */
export const adsMigration: Migration = {
  version: 4,
  name: 'ads-and-top-ads',
  up: (s) => `
    CREATE TABLE ${s}.ads (
      id text PRIMARY KEY,
      ins_seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
      ad_account_id text NOT NULL,
      name text NOT NULL,
      campaign json NOT NULL,
      schedule_start timestamptz NOT NULL,
      schedule_end timestamptz,
      identity json NOT NULL,
      identity_type text NOT NULL,
      code_id text REFERENCES ${s}.spark_codes (id),
      identity_key text NOT NULL,
      spark boolean NOT NULL,
      video_id text,
      auth_ref json,
      auth_expires_at timestamptz,
      regions json NOT NULL,
      industry text,
      asset_offered boolean NOT NULL,
      asset_authorized boolean NOT NULL,
      asset_changed_at timestamptz NOT NULL,
      asset_source text NOT NULL,
      asset_withdrawn_at timestamptz,
      status text NOT NULL,
      status_reason text,
      status_changed_at timestamptz NOT NULL,
      status_changed_by json NOT NULL,
      created_at timestamptz NOT NULL,
      first_running_at timestamptz,
      CHECK ((identity_type = 'AUTH_CODE') = (code_id IS NOT NULL)),
      CHECK ((code_id IS NULL) = (auth_expires_at IS NULL))
    );
    CREATE INDEX ads_by_account ON ${s}.ads (ad_account_id, ins_seq);
    CREATE INDEX ads_by_code ON ${s}.ads (code_id, ins_seq) WHERE code_id IS NOT NULL;
    CREATE INDEX ads_expiry_due ON ${s}.ads (auth_expires_at, ins_seq)
      WHERE auth_expires_at IS NOT NULL AND status IN ('IN_REVIEW', 'APPROVED', 'RUNNING', 'PAUSED');
    CREATE INDEX ads_authorized ON ${s}.ads (ins_seq) WHERE asset_authorized;

    -- Ads not stopped, per scope: 'spark' (Spark Ads of an ad account) and 'identity' (per identity key).
    CREATE TABLE ${s}.ad_counts (
      scope text NOT NULL CHECK (scope IN ('identity', 'spark')),
      key text NOT NULL,
      n integer NOT NULL CHECK (n >= 0),
      PRIMARY KEY (scope, key)
    );

    CREATE TABLE ${s}.top_ads_popups (
      account_id text PRIMARY KEY,
      last_shown_at timestamptz NOT NULL
    );

    CREATE FUNCTION ${s}.ad_json(a ${s}.ads) RETURNS json LANGUAGE sql STABLE AS $$
      SELECT json_build_object(
        'id', a.id, 'adAccountId', a.ad_account_id, 'name', a.name, 'campaign', a.campaign,
        'startAt', ${s}.ms(a.schedule_start), 'endAt', ${s}.ms(a.schedule_end), 'identity', a.identity,
        'videoId', a.video_id, 'auth', a.auth_ref, 'authExpiresAt', ${s}.ms(a.auth_expires_at),
        'regions', a.regions, 'industry', a.industry,
        'offered', a.asset_offered, 'authorized', a.asset_authorized, 'assetChangedAt', ${s}.ms(a.asset_changed_at),
        'source', a.asset_source, 'withdrawnAt', ${s}.ms(a.asset_withdrawn_at),
        'status', a.status, 'statusReason', a.status_reason, 'statusChangedAt', ${s}.ms(a.status_changed_at),
        'statusChangedBy', a.status_changed_by, 'createdAt', ${s}.ms(a.created_at), 'firstRunningAt', ${s}.ms(a.first_running_at))
    $$;

    -- Frees the limit slots of ads about to become STOPPED (none of them stopped yet; rows
    -- already locked by the caller). Counter rows are locked in (scope, key) order.
    CREATE FUNCTION ${s}.ads_slots(ids text[]) RETURNS TABLE (scope text, key text, k integer) LANGUAGE sql STABLE AS $$
      SELECT x.scope, x.key, count(*)::integer FROM (
        SELECT 'identity' AS scope, identity_key AS key FROM ${s}.ads WHERE id = ANY(ids)
        UNION ALL
        SELECT 'spark', ad_account_id FROM ${s}.ads WHERE id = ANY(ids) AND spark
      ) x GROUP BY x.scope, x.key
    $$;

    -- Frees the limit slots of ads about to become STOPPED (none of them stopped yet; their
    -- rows already locked by the caller). Counter rows are locked in (scope, key) order.
    CREATE FUNCTION ${s}.ads_release_slots(ids text[]) RETURNS void LANGUAGE plpgsql AS $fn$
    BEGIN
      PERFORM 1 FROM ${s}.ad_counts c JOIN ${s}.ads_slots(ids) r ON r.scope = c.scope AND r.key = c.key
        ORDER BY c.scope, c.key FOR UPDATE OF c;
      UPDATE ${s}.ad_counts c SET n = c.n - r.k FROM ${s}.ads_slots(ids) r WHERE r.scope = c.scope AND r.key = c.key;
    END
    $fn$;

    CREATE FUNCTION ${s}.ads_insert(r json, ikey text, is_spark boolean, max_spark integer, max_identity integer, evs json)
        RETURNS json LANGUAGE plpgsql AS $fn$
    DECLARE
      acc text := r->>'adAccountId';
      code text := CASE WHEN r->'identity'->>'type' = 'AUTH_CODE' THEN r->'identity'->>'codeId' END;
      n_identity integer;
      n_spark integer := 0;
      identity_full boolean;
      spark_full boolean;
      a ${s}.ads;
    BEGIN
      IF EXISTS (SELECT 1 FROM ${s}.ads WHERE id = r->>'id') THEN
        RAISE unique_violation USING MESSAGE = 'insertAd: duplicate ad id';
      END IF;
      IF code IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${s}.spark_library WHERE ad_account_id = acc AND code_id = code) THEN
        RETURN json_build_object('kind', 'not_in_library');
      END IF;
      -- Counter rows in (scope, key) order: 'identity' before 'spark'.
      INSERT INTO ${s}.ad_counts (scope, key, n) VALUES ('identity', ikey, 0) ON CONFLICT DO NOTHING;
      SELECT n INTO n_identity FROM ${s}.ad_counts WHERE scope = 'identity' AND key = ikey FOR UPDATE;
      IF is_spark THEN
        INSERT INTO ${s}.ad_counts (scope, key, n) VALUES ('spark', acc, 0) ON CONFLICT DO NOTHING;
        SELECT n INTO n_spark FROM ${s}.ad_counts WHERE scope = 'spark' AND key = acc FOR UPDATE;
      END IF;
      spark_full := is_spark AND n_spark >= max_spark;
      identity_full := n_identity >= max_identity;
      IF spark_full OR identity_full THEN
        RETURN json_build_object('kind', 'limits_reached',
          'sparkAds', CASE WHEN spark_full THEN json_build_object('count', n_spark, 'limit', max_spark) END,
          'identity', CASE WHEN identity_full THEN json_build_object('key', ikey, 'count', n_identity, 'limit', max_identity) END);
      END IF;
      INSERT INTO ${s}.ads (id, ad_account_id, name, campaign, schedule_start, schedule_end, identity, identity_type, code_id,
          identity_key, spark, video_id, auth_ref, auth_expires_at, regions, industry, asset_offered, asset_authorized,
          asset_changed_at, asset_source, asset_withdrawn_at, status, status_reason, status_changed_at, status_changed_by,
          created_at, first_running_at)
        VALUES (r->>'id', acc, r->>'name', r->'campaign', (r->'schedule'->>'startAt')::timestamptz,
          (r->'schedule'->>'endAt')::timestamptz, r->'identity', r->'identity'->>'type', code,
          ikey, is_spark, r->>'videoId',
          CASE WHEN r->'authorization' IS NOT NULL THEN json_build_object('codeId', r->'authorization'->'codeId',
            'videoId', r->'authorization'->'videoId', 'creatorId', r->'authorization'->'creatorId') END,
          (r->'authorization'->>'expiresAt')::timestamptz, r->'regions', r->>'industry',
          (r->'assetAuthorization'->>'offered')::boolean, (r->'assetAuthorization'->>'authorized')::boolean,
          (r->'assetAuthorization'->>'changedAt')::timestamptz, r->'assetAuthorization'->>'source',
          (r->'assetAuthorization'->>'withdrawnAt')::timestamptz, r->>'status', r->>'statusReason',
          (r->>'statusChangedAt')::timestamptz, r->'statusChangedBy', (r->>'createdAt')::timestamptz,
          (r->>'firstRunningAt')::timestamptz)
        RETURNING * INTO a;
      IF a.status <> 'STOPPED' THEN
        UPDATE ${s}.ad_counts SET n = n + 1 WHERE scope = 'identity' AND key = ikey;
        IF is_spark THEN UPDATE ${s}.ad_counts SET n = n + 1 WHERE scope = 'spark' AND key = acc; END IF;
      END IF;
      PERFORM ${s}.append_events(evs);
      RETURN json_build_object('kind', 'inserted', 'ad', ${s}.ad_json(a));
    END
    $fn$;

    -- First half of changeAdStatus: lock (the code row FOR SHARE when the authorization is
    -- checked, then the ad row) and return what the decision needs.
    CREATE FUNCTION ${s}.ads_lock_for_change(ad_id text, acc text, require_auth boolean) RETURNS json LANGUAGE plpgsql AS $fn$
    DECLARE
      code text;
      owner text;
      c ${s}.spark_codes;
      a ${s}.ads;
      in_lib boolean := false;
    BEGIN
      SELECT code_id, ad_account_id INTO code, owner FROM ${s}.ads WHERE id = ad_id;
      IF NOT FOUND OR owner <> acc THEN RETURN json_build_object('kind', 'not_found'); END IF;
      IF require_auth AND code IS NOT NULL THEN
        SELECT * INTO c FROM ${s}.spark_codes WHERE id = code FOR SHARE;
        in_lib := EXISTS (SELECT 1 FROM ${s}.spark_library WHERE ad_account_id = acc AND code_id = code);
      END IF;
      SELECT * INTO a FROM ${s}.ads WHERE id = ad_id FOR UPDATE;
      RETURN json_build_object('kind', 'locked', 'ad', ${s}.ad_json(a),
        'code', CASE WHEN c.id IS NOT NULL THEN ${s}.spark_code_json(c) END, 'inLibrary', in_lib);
    END
    $fn$;

    -- Second half: write the new status (the row is locked), free the slots on a stop, append events.
    CREATE FUNCTION ${s}.ads_set_status(ad_id text, to_ text, reason text, at_ timestamptz, by_ json, evs json)
        RETURNS json LANGUAGE plpgsql AS $fn$
    DECLARE
      a ${s}.ads;
    BEGIN
      IF to_ = 'STOPPED' AND EXISTS (SELECT 1 FROM ${s}.ads WHERE id = ad_id AND status <> 'STOPPED') THEN
        PERFORM ${s}.ads_release_slots(ARRAY[ad_id]);
      END IF;
      UPDATE ${s}.ads SET status = to_, status_reason = reason, status_changed_at = at_, status_changed_by = by_,
          first_running_at = CASE WHEN to_ = 'RUNNING' AND first_running_at IS NULL THEN at_ ELSE first_running_at END
        WHERE id = ad_id RETURNING * INTO a;
      PERFORM ${s}.append_events(evs);
      RETURN ${s}.ad_json(a);
    END
    $fn$;

    -- Revocation, first half: lock the code row, then the code's ads in use (by ins_seq).
    CREATE FUNCTION ${s}.spark_revoke_lock(code text, at_ timestamptz) RETURNS json LANGUAGE plpgsql AS $fn$
    DECLARE
      c ${s}.spark_codes;
      ads_ json;
    BEGIN
      SELECT * INTO c FROM ${s}.spark_codes WHERE id = code FOR UPDATE;
      IF NOT FOUND THEN RETURN json_build_object('kind', 'not_found'); END IF;
      IF NOT ${s}.spark_in_force(c, at_) AND at_ >= c.generated_at THEN
        RETURN json_build_object('kind', 'already_ended', 'record', ${s}.spark_code_json(c));
      END IF;
      SELECT coalesce(json_agg(x.j ORDER BY x.ins_seq), '[]'::json) INTO ads_ FROM (
        SELECT a.ins_seq, ${s}.ad_json(a) AS j FROM ${s}.ads a
        WHERE a.code_id = code AND a.status IN ('IN_REVIEW', 'APPROVED', 'RUNNING', 'PAUSED')
        ORDER BY a.ins_seq FOR UPDATE
      ) x;
      RETURN json_build_object('kind', 'locked', 'record', ${s}.spark_code_json(c), 'ads', ads_);
    END
    $fn$;

    -- Revocation, second half (rows locked by the first): revoke, pause, append events.
    CREATE FUNCTION ${s}.spark_revoke_apply(code text, at_ timestamptz, by_ json, paused text[], evs json)
        RETURNS json LANGUAGE plpgsql AS $fn$
    DECLARE
      c ${s}.spark_codes;
    BEGIN
      UPDATE ${s}.spark_codes SET revoked_at = at_, revoked_by = by_ WHERE id = code RETURNING * INTO c;
      IF coalesce(array_length(paused, 1), 0) > 0 THEN
        UPDATE ${s}.ads SET status = 'PAUSED', status_reason = 'authorization_revoked', status_changed_at = at_, status_changed_by = by_
          WHERE id = ANY(paused);
      END IF;
      PERFORM ${s}.append_events(evs);
      RETURN ${s}.spark_code_json(c);
    END
    $fn$;

    -- The expiry sweep, first half: lock the due codes (oldest expiry first), then the due ads
    -- (chosen oldest expiry first, locked by ins_seq; a concurrent change re-checked).
    CREATE FUNCTION ${s}.spark_expiries_lock(at_ timestamptz, lim integer) RETURNS json LANGUAGE plpgsql AS $fn$
    DECLARE
      codes_ json;
      ads_ json;
      ids text[];
    BEGIN
      SELECT coalesce(json_agg(x.j ORDER BY x.expires_at, x.ins_seq), '[]'::json) INTO codes_ FROM (
        SELECT c.expires_at, c.ins_seq, ${s}.spark_code_json(c) AS j FROM ${s}.spark_codes c
        WHERE c.expiry_recorded_at IS NULL AND (c.revoked_at IS NULL OR c.revoked_at > c.expires_at) AND c.expires_at <= at_
        ORDER BY c.expires_at, c.ins_seq LIMIT lim FOR UPDATE
      ) x;
      SELECT array_agg(a.id) INTO ids FROM (
        SELECT id FROM ${s}.ads
        WHERE auth_expires_at IS NOT NULL AND auth_expires_at <= at_ AND status IN ('IN_REVIEW', 'APPROVED', 'RUNNING', 'PAUSED')
        ORDER BY auth_expires_at, ins_seq LIMIT lim
      ) a;
      SELECT coalesce(json_agg(x.j ORDER BY x.auth_expires_at, x.ins_seq), '[]'::json) INTO ads_ FROM (
        SELECT a.auth_expires_at, a.ins_seq, ${s}.ad_json(a) AS j FROM ${s}.ads a
        WHERE a.id = ANY(coalesce(ids, '{}')) AND a.status IN ('IN_REVIEW', 'APPROVED', 'RUNNING', 'PAUSED')
        ORDER BY a.ins_seq FOR UPDATE
      ) x;
      RETURN json_build_object('codes', codes_, 'ads', ads_);
    END
    $fn$;

    -- The expiry sweep, second half (rows locked by the first).
    CREATE FUNCTION ${s}.spark_expiries_apply(at_ timestamptz, code_ids text[], ad_ids text[], by_ json, evs json)
        RETURNS void LANGUAGE plpgsql AS $fn$
    BEGIN
      IF coalesce(array_length(code_ids, 1), 0) > 0 THEN
        UPDATE ${s}.spark_codes SET expiry_recorded_at = at_ WHERE id = ANY(code_ids);
      END IF;
      IF coalesce(array_length(ad_ids, 1), 0) > 0 THEN
        PERFORM ${s}.ads_release_slots(ad_ids);
        UPDATE ${s}.ads SET status = 'STOPPED', status_reason = 'authorization_expired', status_changed_at = auth_expires_at,
            status_changed_by = by_
          WHERE id = ANY(ad_ids);
      END IF;
      PERFORM ${s}.append_events(evs);
    END
    $fn$;

    -- Top Ads, first half: lock the ads of a batch by ins_seq.
    CREATE FUNCTION ${s}.top_ads_lock(ids text[]) RETURNS json LANGUAGE sql AS $$
      SELECT coalesce(json_agg(x.j), '[]'::json) FROM (
        SELECT ${s}.ad_json(a) AS j FROM ${s}.ads a WHERE a.id = ANY(ids) ORDER BY a.ins_seq FOR UPDATE
      ) x
    $$;

    CREATE FUNCTION ${s}.top_ads_apply(ids text[], authorized boolean, at_ timestamptz, source text, evs json)
        RETURNS void LANGUAGE plpgsql AS $fn$
    BEGIN
      UPDATE ${s}.ads SET asset_authorized = authorized, asset_changed_at = at_, asset_source = source,
          asset_withdrawn_at = CASE WHEN authorized THEN NULL ELSE at_ END
        WHERE id = ANY(ids);
      PERFORM ${s}.append_events(evs);
    END
    $fn$;

    CREATE FUNCTION ${s}.top_ads_claim_popup(acc text, at_ timestamptz, interval_ms float8, evs json)
        RETURNS json LANGUAGE plpgsql AS $fn$
    DECLARE
      last timestamptz;
    BEGIN
      SELECT last_shown_at INTO last FROM ${s}.top_ads_popups WHERE account_id = acc FOR UPDATE;
      IF NOT FOUND THEN
        INSERT INTO ${s}.top_ads_popups (account_id, last_shown_at) VALUES (acc, at_) ON CONFLICT DO NOTHING;
        IF NOT FOUND THEN
          -- A concurrent first claim inserted the row: decide against it.
          SELECT last_shown_at INTO last FROM ${s}.top_ads_popups WHERE account_id = acc FOR UPDATE;
        ELSE
          PERFORM ${s}.append_events(evs);
          RETURN json_build_object('kind', 'claimed');
        END IF;
      END IF;
      IF ${s}.ms(at_) - ${s}.ms(last) < interval_ms THEN
        RETURN json_build_object('kind', 'not_due', 'lastShownAt', ${s}.ms(last));
      END IF;
      UPDATE ${s}.top_ads_popups SET last_shown_at = at_ WHERE account_id = acc;
      PERFORM ${s}.append_events(evs);
      RETURN json_build_object('kind', 'claimed', 'previous', ${s}.ms(last));
    END
    $fn$;

    -- Superseded by spark_revoke_lock + spark_revoke_apply (a revocation now pauses ads).
    DROP FUNCTION ${s}.spark_revoke(text, timestamptz, json, json);
  `,
};

interface AdJson {
  id: string; adAccountId: string; name: string; campaign: AdRecord['campaign']; startAt: number; endAt: number | null;
  identity: AdRecord['identity']; videoId: string | null; auth: { codeId: string; videoId: string; creatorId: string } | null;
  authExpiresAt: number | null; regions: string[]; industry: string | null; offered: boolean; authorized: boolean;
  assetChangedAt: number; source: AdRecord['assetAuthorization']['source']; withdrawnAt: number | null; status: AdStatus;
  statusReason: AdRecord['statusReason'] | null; statusChangedAt: number; statusChangedBy: Actor; createdAt: number; firstRunningAt: number | null;
}

/** Internal: an ad record from `ad_json`, without the keys of absent optional fields. */
export function toAd(raw: unknown): AdRecord {
  const j = parseJson(raw) as AdJson;
  const ad: Record<string, unknown> = {
    id: j.id, adAccountId: j.adAccountId, name: j.name, campaign: j.campaign,
    schedule: j.endAt === null ? { startAt: new Date(j.startAt) } : { startAt: new Date(j.startAt), endAt: new Date(j.endAt) },
    identity: j.identity,
  };
  if (j.videoId !== null) ad.videoId = j.videoId;
  if (j.auth !== null) ad.authorization = { codeId: j.auth.codeId, videoId: j.auth.videoId, creatorId: j.auth.creatorId, expiresAt: new Date(j.authExpiresAt!) };
  ad.regions = j.regions;
  if (j.industry !== null) ad.industry = j.industry;
  ad.assetAuthorization = j.withdrawnAt === null
    ? { offered: j.offered, authorized: j.authorized, changedAt: new Date(j.assetChangedAt), source: j.source }
    : { offered: j.offered, authorized: j.authorized, changedAt: new Date(j.assetChangedAt), source: j.source, withdrawnAt: new Date(j.withdrawnAt) };
  ad.status = j.status;
  if (j.statusReason !== null) ad.statusReason = j.statusReason;
  ad.statusChangedAt = new Date(j.statusChangedAt);
  ad.statusChangedBy = j.statusChangedBy;
  ad.createdAt = new Date(j.createdAt);
  if (j.firstRunningAt !== null) ad.firstRunningAt = new Date(j.firstRunningAt);
  return ad as unknown as AdRecord;
}

/** Internal: the record `changeAdStatus` writes (same fields as the memory store's `withStatus`). */
function withStatus(ad: AdRecord, to: AdStatus, reason: AdRecord['statusReason'], at: Date, by: Actor): AdRecord {
  const { statusReason: _r, firstRunningAt: _f, ...rest } = ad;
  const firstRunningAt = ad.firstRunningAt ?? (to === 'RUNNING' ? new Date(at.getTime()) : undefined);
  return {
    ...rest, status: to, ...(reason !== undefined ? { statusReason: reason } : {}), statusChangedAt: new Date(at.getTime()),
    statusChangedBy: { kind: by.kind, id: by.id }, ...(firstRunningAt !== undefined ? { firstRunningAt } : {}),
  } as AdRecord;
}

type LockOut = { kind: 'not_found' } | { kind: 'locked'; ad: unknown; code: unknown; inLibrary: boolean };

/** Internal: the ads tables of the PostgreSQL store (see `adsMigration`). */
export function adsPg(ctx: PgContext): Omit<AdStore, 'readEvents'> {
  const { s, db } = ctx;
  const ads = async (where: string, params: readonly unknown[]): Promise<AdRecord[]> => {
    const { rows } = await ctx.run(() => db.query<{ j: unknown }>(`SELECT ${s}.ad_json(a) AS j FROM ${s}.ads a WHERE ${where} ORDER BY a.ins_seq`, params));
    return rows.map((r) => toAd(r.j));
  };

  return {
    async insertAd(ad, limits, events): Promise<InsertAdOutcome> {
      const { rows } = await ctx.run(() => db.query<{ out: unknown }>(
        `SELECT ${s}.ads_insert($1::json, $2::text, $3::boolean, $4::integer, $5::integer, $6::json) AS out`,
        [JSON.stringify(ad), identityKey(ad), isSparkAd(ad.identity), limits.maxSparkAdsPerAdAccount, limits.maxAdsPerIdentity, encodeEvents(events)]));
      const out = parseJson(rows[0]!.out) as { kind: string; ad?: unknown; sparkAds?: { count: number; limit: number } | null; identity?: { key: string; count: number; limit: number } | null };
      if (out.kind === 'inserted') return { kind: 'inserted', ad: toAd(out.ad) };
      if (out.kind === 'not_in_library') return { kind: 'not_in_library' };
      return { kind: 'limits_reached', ...(out.sparkAds ? { sparkAds: out.sparkAds } : {}), ...(out.identity ? { identity: out.identity } : {}) };
    },

    async getAd(id: AdId) {
      return (await ads('a.id = $1', [id]))[0];
    },

    async changeAdStatus(change, eventsFor): Promise<ChangeAdStatusOutcome> {
      // An interactive transaction (the events are built in JS): lock, decide, write, commit.
      return ctx.run(() => db.transaction(async (tx): Promise<ChangeAdStatusOutcome> => {
        const locked = await tx.query<{ out: unknown }>(`SELECT ${s}.ads_lock_for_change($1::text, $2::text, $3::boolean) AS out`,
          [change.adId, change.adAccountId, change.requireAuthorization]);
        const out = parseJson(locked.rows[0]!.out) as LockOut;
        if (out.kind === 'not_found') return { kind: 'not_found' };
        const ad = toAd(out.ad);
        if (!change.from.includes(adStatusAt(ad, change.at).status)) return { kind: 'wrong_status', ad };
        if (change.requireAuthorization) {
          if (ad.identity.type === 'AUTH_CODE') {
            const code: AdCodeRecord | undefined = out.code === null ? undefined : toRecord(out.code);
            if (!code || !out.inLibrary || !isInForce(code, change.at)) {
              return { kind: 'authorization_ended', ad, ...(code ? { code } : {}), inLibrary: out.inLibrary };
            }
          } else if (ad.identity.type === 'BC_AUTH_TT' && !ad.identity.available) {
            return { kind: 'authorization_ended', ad, inLibrary: false };
          }
        }
        // Fresh copies for the builder: it must not share objects with the records returned.
        const events = eventsFor(toAd(out.ad), withStatus(toAd(out.ad), change.to, change.reason, change.at, change.by));
        const written = await tx.query<{ out: unknown }>(
          `SELECT ${s}.ads_set_status($1::text, $2::text, $3::text, $4::timestamptz, $5::json, $6::json) AS out`,
          [ad.id, change.to, change.reason ?? null, change.at.toISOString(), JSON.stringify({ kind: change.by.kind, id: change.by.id }), encodeEvents(events)]);
        return { kind: 'changed', before: ad, ad: toAd(written.rows[0]!.out) };
      }));
    },

    async listAdsByAccount(adAccountId: AdAccountId) {
      return ads('a.ad_account_id = $1', [adAccountId]);
    },

    async listAdsByCode(codeId: AdCodeId) {
      return ads('a.code_id = $1', [codeId]);
    },

    async listAdsAtRisk(adAccountId, at, withinMs) {
      const { rows } = await ctx.run(() => db.query<{ j: unknown }>(
        `SELECT ${s}.ad_json(a) AS j FROM ${s}.ads a
         WHERE a.ad_account_id = $1 AND a.code_id IS NOT NULL AND a.status NOT IN ('STOPPED', 'REJECTED')
           AND $2::timestamptz < a.auth_expires_at
           AND (a.schedule_end IS NULL OR a.schedule_end > a.auth_expires_at
                OR a.auth_expires_at < $2::timestamptz + $3::float8 * interval '1 millisecond')
         ORDER BY a.ins_seq`, [adAccountId, at.toISOString(), withinMs]));
      return rows.map((r): AdForecastFacts => {
        const ad = toAd(r.j);
        return { id: ad.id, adAccountId: ad.adAccountId, name: ad.name, status: ad.status, schedule: ad.schedule, authorization: ad.authorization! };
      });
    },
  };
}


/** Internal: the short reference of an ad (its stored status). */
export function refOf(ad: AdRecord): AdRef {
  return ad.statusReason === undefined
    ? { id: ad.id, adAccountId: ad.adAccountId, status: ad.status, statusChangedAt: new Date(ad.statusChangedAt.getTime()) }
    : { id: ad.id, adAccountId: ad.adAccountId, status: ad.status, statusReason: ad.statusReason, statusChangedAt: new Date(ad.statusChangedAt.getTime()) };
}
