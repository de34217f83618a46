import type { NewEvent } from '../../kernel/events.js';
import type { BcLinkId } from '../../kernel/ids.js';
import type {
  ApproveLinkOutcome, AssignOutcome, BusinessCenterStore, CloseLinkRequestOutcome, InsertLinkOutcome, LinkChangeOutcome, UnassignOutcome,
} from '../../ports/business-center-store.js';
import type { DeliveryIdentityStore, GrantMemberOutcome } from '../../ports/delivery-identity-store.js';
import type { AdAccountAssignment, BcLinkRecord, LinkRequestRecord } from '../../business-center/business-center.model.js';
import type { ApprovalObservation } from '../../business-center/business-center.rules.js';
import type { OwnedAccountRecord } from '../../delivery-identities/delivery-identities.model.js';
import type { PgContext } from './context.js';
import type { Migration } from './migrations.js';
import type { SqlQueryable } from './sql-client.js';
import { encodeEvents, parseJson } from './outbox.pg.js';

/**
 * Migration 3: Business Center links (BC-01..08) and accounts created in Ads Manager
 * (ASSET-03..07), with their write functions.
 *
 * Lock order, the same in every function, so that no two calls wait on each other in a cycle:
 * the link request row or the existing link rows (by id) first, then the Business Center's
 * counter row (`bc_business_centers`), then the account's counter row (`bc_accounts`), then the
 * rows written (links, assignments, created accounts). Each counter row is created (`ON
 * CONFLICT DO NOTHING`) and locked before the next one is touched.
 *
 * - BC-01 caps: `bc_business_centers.active_links` and `bc_accounts.active_links` count the
 *   active links of each side. An approval or an inserted link locks both rows, reads both
 *   counts and the pair's active link, decides, and increments both with a conditional
 *   `UPDATE … SET active_links = active_links + 1 WHERE active_links < cap` (a second guard); an
 *   unlink locks both and decrements. `countActiveLinks` reads the counter.
 * - BC-07 approve once: the request row is locked `FOR UPDATE`; a request with `approved_at` is
 *   never approved again, and the write is a conditional `UPDATE … WHERE approved_at IS NULL`;
 *   `bc_links.request_id` is unique.
 * - One active link per (Business Center, account): a partial unique index on active links.
 * - Assignments only of active links: assign locks the link rows (by id); unlink locks its link
 *   and deletes its assignments in the same transaction.
 * - ASSET-06 usernames: a unique index on `lower(username)`.
 * - QR tokens: only the digest (64 hex digits, checked) and the redacted fingerprint are stored.
 */
export const businessCenterMigration: Migration = {
  version: 3,
  name: 'business-center',
  up: (s) => `
    CREATE TABLE ${s}.bc_link_requests (
      id text PRIMARY KEY,
      ins_seq bigint GENERATED ALWAYS AS IDENTITY,
      business_center_id text NOT NULL,
      requested_by text NOT NULL,
      permission_level text NOT NULL,
      permissions json NOT NULL,
      token_digest text NOT NULL UNIQUE CHECK (token_digest ~ '^[0-9a-f]{64}$'),
      token_fingerprint text NOT NULL,
      assign_to_ad_account_id text,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      approved_at timestamptz,
      approved_by json,
      account_id text,
      link_id text UNIQUE,
      rejected_at timestamptz,
      rejected_by json,
      cancelled_at timestamptz,
      cancelled_by json,
      CHECK ((approved_at IS NULL) = (link_id IS NULL))
    );

    CREATE TABLE ${s}.bc_links (
      id text PRIMARY KEY,
      ins_seq bigint GENERATED ALWAYS AS IDENTITY,
      business_center_id text NOT NULL,
      account_id text NOT NULL,
      permission_level text NOT NULL,
      permissions json NOT NULL,
      method text NOT NULL,
      request_id text UNIQUE,
      linked_at timestamptz NOT NULL,
      linked_by json NOT NULL,
      account json NOT NULL,
      permissions_changed_at timestamptz,
      unlinked_at timestamptz,
      unlinked_by json
    );
    CREATE UNIQUE INDEX bc_links_active_pair ON ${s}.bc_links (business_center_id, account_id) WHERE unlinked_at IS NULL;
    CREATE INDEX bc_links_active_by_bc ON ${s}.bc_links (business_center_id, ins_seq) WHERE unlinked_at IS NULL;
    CREATE INDEX bc_links_active_by_account ON ${s}.bc_links (account_id, ins_seq) WHERE unlinked_at IS NULL;

    -- One counter row per Business Center and per account: the BC-01 caps' lock and count.
    CREATE TABLE ${s}.bc_business_centers (
      business_center_id text PRIMARY KEY,
      active_links integer NOT NULL DEFAULT 0 CHECK (active_links >= 0)
    );
    CREATE TABLE ${s}.bc_accounts (
      account_id text PRIMARY KEY,
      active_links integer NOT NULL DEFAULT 0 CHECK (active_links >= 0)
    );

    CREATE TABLE ${s}.bc_assignments (
      account_id text NOT NULL,
      ad_account_id text NOT NULL,
      ins_seq bigint GENERATED ALWAYS AS IDENTITY,
      business_center_id text NOT NULL,
      link_id text NOT NULL REFERENCES ${s}.bc_links (id),
      assigned_at timestamptz NOT NULL,
      assigned_by json NOT NULL,
      PRIMARY KEY (account_id, ad_account_id)
    );
    CREATE INDEX bc_assignments_by_ad_account ON ${s}.bc_assignments (ad_account_id, ins_seq);
    CREATE INDEX bc_assignments_by_link ON ${s}.bc_assignments (link_id, ins_seq);

    CREATE TABLE ${s}.owned_accounts (
      account_id text PRIMARY KEY,
      kind text NOT NULL,
      business_center_id text NOT NULL,
      link_id text NOT NULL,
      nickname text NOT NULL,
      operating_region text,
      username text,
      profile_photo_url text,
      created_at timestamptz NOT NULL,
      created_by json NOT NULL,
      members json NOT NULL
    );
    CREATE UNIQUE INDEX owned_accounts_username ON ${s}.owned_accounts ((lower(username)));

    CREATE FUNCTION ${s}.bc_request_json(r ${s}.bc_link_requests) RETURNS json LANGUAGE sql STABLE AS $$
      SELECT json_build_object(
        'id', r.id, 'businessCenterId', r.business_center_id, 'requestedBy', r.requested_by,
        'permissionLevel', r.permission_level, 'permissions', r.permissions, 'tokenDigest', r.token_digest,
        'tokenFingerprint', r.token_fingerprint, 'assignToAdAccountId', r.assign_to_ad_account_id,
        'createdAt', ${s}.ms(r.created_at), 'expiresAt', ${s}.ms(r.expires_at),
        'approvedAt', ${s}.ms(r.approved_at), 'approvedBy', r.approved_by, 'accountId', r.account_id, 'linkId', r.link_id,
        'rejectedAt', ${s}.ms(r.rejected_at), 'rejectedBy', r.rejected_by,
        'cancelledAt', ${s}.ms(r.cancelled_at), 'cancelledBy', r.cancelled_by)
    $$;

    CREATE FUNCTION ${s}.bc_link_json(l ${s}.bc_links) RETURNS json LANGUAGE sql STABLE AS $$
      SELECT json_build_object(
        'id', l.id, 'businessCenterId', l.business_center_id, 'accountId', l.account_id,
        'permissionLevel', l.permission_level, 'permissions', l.permissions, 'method', l.method,
        'requestId', l.request_id, 'linkedAt', ${s}.ms(l.linked_at), 'linkedBy', l.linked_by, 'account', l.account,
        'permissionsChangedAt', ${s}.ms(l.permissions_changed_at),
        'unlinkedAt', ${s}.ms(l.unlinked_at), 'unlinkedBy', l.unlinked_by)
    $$;

    CREATE FUNCTION ${s}.bc_assignment_json(a ${s}.bc_assignments) RETURNS json LANGUAGE sql STABLE AS $$
      SELECT json_build_object(
        'businessCenterId', a.business_center_id, 'accountId', a.account_id, 'adAccountId', a.ad_account_id,
        'linkId', a.link_id, 'assignedAt', ${s}.ms(a.assigned_at), 'assignedBy', a.assigned_by)
    $$;

    CREATE FUNCTION ${s}.owned_account_json(o ${s}.owned_accounts) RETURNS json LANGUAGE sql STABLE AS $$
      SELECT json_build_object(
        'accountId', o.account_id, 'kind', o.kind, 'businessCenterId', o.business_center_id, 'linkId', o.link_id,
        'nickname', o.nickname, 'operatingRegion', o.operating_region, 'username', o.username,
        'profilePhotoUrl', o.profile_photo_url, 'createdAt', ${s}.ms(o.created_at), 'createdBy', o.created_by,
        'members', o.members)
    $$;

    -- linkRequestStatusAt, in SQL.
    CREATE FUNCTION ${s}.bc_request_status(r ${s}.bc_link_requests, t timestamptz) RETURNS text LANGUAGE sql STABLE AS $$
      SELECT CASE
        WHEN r.approved_at IS NOT NULL AND r.approved_at <= t THEN 'APPROVED'
        WHEN r.rejected_at IS NOT NULL AND r.rejected_at <= t THEN 'REJECTED'
        WHEN r.cancelled_at IS NOT NULL AND r.cancelled_at <= t THEN 'CANCELLED'
        WHEN t >= r.expires_at THEN 'EXPIRED'
        ELSE 'PENDING' END
    $$;

    -- Locks the Business Center's counter row, then the account's (always in this order), and
    -- observes both counts and whether the pair already has an active link.
    CREATE FUNCTION ${s}.bc_lock_sides(bc text, acc text, OUT bc_n integer, OUT acc_n integer, OUT linked boolean)
    LANGUAGE plpgsql AS $fn$
    BEGIN
      INSERT INTO ${s}.bc_business_centers (business_center_id) VALUES (bc) ON CONFLICT DO NOTHING;
      SELECT b.active_links INTO bc_n FROM ${s}.bc_business_centers b WHERE b.business_center_id = bc FOR UPDATE;
      INSERT INTO ${s}.bc_accounts (account_id) VALUES (acc) ON CONFLICT DO NOTHING;
      SELECT a.active_links INTO acc_n FROM ${s}.bc_accounts a WHERE a.account_id = acc FOR UPDATE;
      linked := EXISTS (SELECT 1 FROM ${s}.bc_links l WHERE l.business_center_id = bc AND l.account_id = acc AND l.unlinked_at IS NULL);
    END
    $fn$;

    -- Counts one more active link on both sides (caller holds both locks and checked the caps).
    CREATE FUNCTION ${s}.bc_count_link(bc text, acc text, max_bc integer, max_acc integer) RETURNS void LANGUAGE plpgsql AS $fn$
    BEGIN
      UPDATE ${s}.bc_business_centers SET active_links = active_links + 1 WHERE business_center_id = bc AND active_links < max_bc;
      IF NOT FOUND THEN RAISE EXCEPTION 'BC-01: Business Center % is at its cap', bc; END IF;
      UPDATE ${s}.bc_accounts SET active_links = active_links + 1 WHERE account_id = acc AND active_links < max_acc;
      IF NOT FOUND THEN RAISE EXCEPTION 'BC-01: account % is at its cap', acc; END IF;
    END
    $fn$;

    CREATE FUNCTION ${s}.bc_insert_link_row(l json, bc text, perms json, req text) RETURNS ${s}.bc_links LANGUAGE plpgsql AS $fn$
    DECLARE
      out_ ${s}.bc_links;
    BEGIN
      INSERT INTO ${s}.bc_links (id, business_center_id, account_id, permission_level, permissions, method, request_id,
          linked_at, linked_by, account, permissions_changed_at, unlinked_at, unlinked_by)
        VALUES (l->>'id', bc, l->>'accountId', l->>'permissionLevel', perms, l->>'method', req,
          (l->>'linkedAt')::timestamptz, l->'linkedBy', l->'account', NULL, NULL, NULL)
        RETURNING * INTO out_;
      RETURN out_;
    END
    $fn$;

    -- Assigns a link to an ad account, replacing a stale assignment of the account there.
    CREATE FUNCTION ${s}.bc_write_assignment(l ${s}.bc_links, adv text, at_ timestamptz, by_ json) RETURNS ${s}.bc_assignments
    LANGUAGE plpgsql AS $fn$
    DECLARE
      a ${s}.bc_assignments;
    BEGIN
      INSERT INTO ${s}.bc_assignments (account_id, ad_account_id, business_center_id, link_id, assigned_at, assigned_by)
        VALUES (l.account_id, adv, l.business_center_id, l.id, at_, by_)
        ON CONFLICT (account_id, ad_account_id) DO UPDATE SET business_center_id = excluded.business_center_id,
          link_id = excluded.link_id, assigned_at = excluded.assigned_at, assigned_by = excluded.assigned_by
        RETURNING * INTO a;
      RETURN a;
    END
    $fn$;

    CREATE FUNCTION ${s}.bc_insert_request(r json, evs json) RETURNS json LANGUAGE plpgsql AS $fn$
    BEGIN
      IF EXISTS (SELECT 1 FROM ${s}.bc_link_requests q WHERE q.id = r->>'id' OR q.token_digest = r->>'tokenDigest') THEN
        RAISE unique_violation USING MESSAGE = 'insertLinkRequest: duplicate request id or token digest';
      END IF;
      INSERT INTO ${s}.bc_link_requests (id, business_center_id, requested_by, permission_level, permissions, token_digest,
          token_fingerprint, assign_to_ad_account_id, created_at, expires_at, approved_at, approved_by, account_id, link_id,
          rejected_at, rejected_by, cancelled_at, cancelled_by)
        VALUES (r->>'id', r->>'businessCenterId', r->>'requestedBy', r->>'permissionLevel', r->'permissions', r->>'tokenDigest',
          r->>'tokenFingerprint', r->>'assignToAdAccountId', (r->>'createdAt')::timestamptz, (r->>'expiresAt')::timestamptz,
          (r->>'approvedAt')::timestamptz, r->'approvedBy', r->>'accountId', r->>'linkId',
          (r->>'rejectedAt')::timestamptz, r->'rejectedBy', (r->>'cancelledAt')::timestamptz, r->'cancelledBy');
      PERFORM ${s}.append_events(evs);
      RETURN json_build_object('kind', 'inserted');
    END
    $fn$;

    -- BC-07 + BC-01: the decision and the writes of an approval. The caller appends the events
    -- (built in JavaScript from what this returns) in the same transaction.
    CREATE FUNCTION ${s}.bc_approve(dig text, l json, at_ timestamptz, by_ json, max_bc integer, max_acc integer)
    RETURNS json LANGUAGE plpgsql AS $fn$
    DECLARE
      r ${s}.bc_link_requests;
      c record;
      nl ${s}.bc_links;
      a ${s}.bc_assignments;
      acc text := l->>'accountId';
    BEGIN
      SELECT * INTO r FROM ${s}.bc_link_requests q WHERE q.token_digest = dig FOR UPDATE;
      IF NOT FOUND THEN RETURN json_build_object('kind', 'not_found'); END IF;
      IF EXISTS (SELECT 1 FROM ${s}.bc_links x WHERE x.id = l->>'id') THEN
        RAISE unique_violation USING MESSAGE = 'approveLinkRequest: duplicate link id';
      END IF;
      SELECT * INTO c FROM ${s}.bc_lock_sides(r.business_center_id, acc);
      IF ${s}.bc_request_status(r, at_) <> 'PENDING' OR r.approved_at IS NOT NULL OR c.linked OR c.bc_n >= max_bc OR c.acc_n >= max_acc THEN
        RETURN json_build_object('kind', 'refused', 'request', ${s}.bc_request_json(r), 'observation',
          json_build_object('businessCenterActiveLinks', c.bc_n, 'accountActiveLinks', c.acc_n, 'alreadyLinked', c.linked));
      END IF;
      nl := ${s}.bc_insert_link_row(json_build_object('id', l->>'id', 'accountId', acc, 'permissionLevel', r.permission_level,
        'method', l->>'method', 'linkedAt', l->>'linkedAt', 'linkedBy', l->'linkedBy', 'account', l->'account'),
        r.business_center_id, r.permissions, r.id);
      UPDATE ${s}.bc_link_requests SET approved_at = at_, approved_by = by_, account_id = acc, link_id = nl.id
        WHERE id = r.id AND approved_at IS NULL RETURNING * INTO r;
      IF NOT FOUND THEN RAISE EXCEPTION 'BC-07: link request approved twice'; END IF;
      PERFORM ${s}.bc_count_link(r.business_center_id, acc, max_bc, max_acc);
      IF r.assign_to_ad_account_id IS NOT NULL THEN
        a := ${s}.bc_write_assignment(nl, r.assign_to_ad_account_id, at_, by_);
      END IF;
      RETURN json_build_object('kind', 'approved', 'request', ${s}.bc_request_json(r), 'link', ${s}.bc_link_json(nl),
        'assignment', CASE WHEN r.assign_to_ad_account_id IS NULL THEN NULL ELSE ${s}.bc_assignment_json(a) END);
    END
    $fn$;

    CREATE FUNCTION ${s}.bc_insert_link(l json, max_bc integer, max_acc integer, require_unlinked boolean, adv text, o json, evs json)
    RETURNS json LANGUAGE plpgsql AS $fn$
    DECLARE
      c record;
      nl ${s}.bc_links;
      a ${s}.bc_assignments;
      bc text := l->>'businessCenterId';
      acc text := l->>'accountId';
      got text;
    BEGIN
      IF EXISTS (SELECT 1 FROM ${s}.bc_links x WHERE x.id = l->>'id') THEN
        RAISE unique_violation USING MESSAGE = 'insertLink: duplicate link id';
      END IF;
      IF o IS NOT NULL AND EXISTS (SELECT 1 FROM ${s}.owned_accounts x WHERE x.account_id = o->>'accountId') THEN
        RAISE unique_violation USING MESSAGE = 'insertLink: duplicate owned account';
      END IF;
      SELECT * INTO c FROM ${s}.bc_lock_sides(bc, acc);
      IF c.linked OR c.bc_n >= max_bc OR c.acc_n >= max_acc OR (require_unlinked AND c.acc_n > 0) THEN
        RETURN json_build_object('kind', 'refused', 'observation',
          json_build_object('businessCenterActiveLinks', c.bc_n, 'accountActiveLinks', c.acc_n, 'alreadyLinked', c.linked));
      END IF;
      IF o IS NOT NULL THEN
        -- First write of the call: a taken username leaves nothing behind.
        INSERT INTO ${s}.owned_accounts (account_id, kind, business_center_id, link_id, nickname, operating_region, username,
            profile_photo_url, created_at, created_by, members)
          VALUES (o->>'accountId', o->>'kind', o->>'businessCenterId', o->>'linkId', o->>'nickname', o->>'operatingRegion',
            o->>'username', o->>'profilePhotoUrl', (o->>'createdAt')::timestamptz, o->'createdBy', o->'members')
          ON CONFLICT ((lower(username))) DO NOTHING
          RETURNING account_id INTO got;
        IF got IS NULL THEN RETURN json_build_object('kind', 'username_taken'); END IF;
      END IF;
      nl := ${s}.bc_insert_link_row(l, bc, l->'permissions', l->>'requestId');
      PERFORM ${s}.bc_count_link(bc, acc, max_bc, max_acc);
      IF adv IS NOT NULL THEN
        a := ${s}.bc_write_assignment(nl, adv, nl.linked_at, nl.linked_by);
      END IF;
      PERFORM ${s}.append_events(evs);
      RETURN json_build_object('kind', 'inserted', 'link', ${s}.bc_link_json(nl),
        'assignment', CASE WHEN adv IS NULL THEN NULL ELSE ${s}.bc_assignment_json(a) END);
    END
    $fn$;

    CREATE FUNCTION ${s}.bc_close_request(id_ text, how text, at_ timestamptz, by_ json, evs json) RETURNS json LANGUAGE plpgsql AS $fn$
    DECLARE
      r ${s}.bc_link_requests;
    BEGIN
      SELECT * INTO r FROM ${s}.bc_link_requests q WHERE q.id = id_ FOR UPDATE;
      IF NOT FOUND THEN RETURN json_build_object('kind', 'not_found'); END IF;
      IF ${s}.bc_request_status(r, at_) <> 'PENDING' THEN
        RETURN json_build_object('kind', 'not_pending', 'request', ${s}.bc_request_json(r));
      END IF;
      IF how = 'REJECTED' THEN
        UPDATE ${s}.bc_link_requests SET rejected_at = at_, rejected_by = by_ WHERE id = id_ RETURNING * INTO r;
      ELSE
        UPDATE ${s}.bc_link_requests SET cancelled_at = at_, cancelled_by = by_ WHERE id = id_ RETURNING * INTO r;
      END IF;
      PERFORM ${s}.append_events(evs);
      RETURN json_build_object('kind', 'closed', 'request', ${s}.bc_request_json(r));
    END
    $fn$;

    CREATE FUNCTION ${s}.bc_change_permissions(id_ text, perms json, at_ timestamptz, evs json) RETURNS json LANGUAGE plpgsql AS $fn$
    DECLARE
      l ${s}.bc_links;
    BEGIN
      UPDATE ${s}.bc_links SET permissions = perms, permissions_changed_at = at_
        WHERE id = id_ AND unlinked_at IS NULL RETURNING * INTO l;
      IF NOT FOUND THEN
        SELECT * INTO l FROM ${s}.bc_links x WHERE x.id = id_;
        IF NOT FOUND THEN RETURN json_build_object('kind', 'not_found'); END IF;
        RETURN json_build_object('kind', 'not_active', 'link', ${s}.bc_link_json(l));
      END IF;
      PERFORM ${s}.append_events(evs);
      RETURN json_build_object('kind', 'changed', 'link', ${s}.bc_link_json(l), 'removed', '[]'::json);
    END
    $fn$;

    -- Ends a link: locks it, then its Business Center's and account's counters (in that order),
    -- frees its place under both caps and deletes its assignments. Events: appended by the caller.
    CREATE FUNCTION ${s}.bc_unlink(id_ text, at_ timestamptz, by_ json) RETURNS json LANGUAGE plpgsql AS $fn$
    DECLARE
      l ${s}.bc_links;
      removed json;
    BEGIN
      SELECT * INTO l FROM ${s}.bc_links x WHERE x.id = id_ FOR UPDATE;
      IF NOT FOUND THEN RETURN json_build_object('kind', 'not_found'); END IF;
      IF l.unlinked_at IS NOT NULL THEN RETURN json_build_object('kind', 'not_active', 'link', ${s}.bc_link_json(l)); END IF;
      PERFORM 1 FROM ${s}.bc_business_centers b WHERE b.business_center_id = l.business_center_id FOR UPDATE;
      PERFORM 1 FROM ${s}.bc_accounts a WHERE a.account_id = l.account_id FOR UPDATE;
      UPDATE ${s}.bc_links SET unlinked_at = at_, unlinked_by = by_ WHERE id = id_ RETURNING * INTO l;
      UPDATE ${s}.bc_business_centers SET active_links = active_links - 1 WHERE business_center_id = l.business_center_id;
      UPDATE ${s}.bc_accounts SET active_links = active_links - 1 WHERE account_id = l.account_id;
      WITH d AS (DELETE FROM ${s}.bc_assignments a WHERE a.link_id = id_ RETURNING a.*)
        SELECT coalesce(json_agg(${s}.bc_assignment_json(d::${s}.bc_assignments) ORDER BY d.ins_seq), '[]'::json) INTO removed FROM d;
      RETURN json_build_object('kind', 'changed', 'link', ${s}.bc_link_json(l), 'removed', removed);
    END
    $fn$;

    -- Assigns every link of ids (locked in id order) to adv if all are active. Events: appended by the caller.
    CREATE FUNCTION ${s}.bc_assign(ids text[], adv text, at_ timestamptz, by_ json) RETURNS json LANGUAGE plpgsql AS $fn$
    DECLARE
      inactive text[];
      l ${s}.bc_links;
      seen text[] := '{}';
      added json[] := '{}';
    BEGIN
      PERFORM 1 FROM ${s}.bc_links x WHERE x.id = ANY (ids) ORDER BY x.id FOR UPDATE;
      SELECT array_agg(u.id ORDER BY u.ord) INTO inactive
        FROM unnest(ids) WITH ORDINALITY AS u(id, ord) LEFT JOIN ${s}.bc_links x ON x.id = u.id
        WHERE x.id IS NULL OR x.unlinked_at IS NOT NULL;
      IF inactive IS NOT NULL THEN RETURN json_build_object('kind', 'links_not_active', 'linkIds', to_json(inactive)); END IF;
      FOR l IN SELECT x.* FROM unnest(ids) WITH ORDINALITY AS u(id, ord) JOIN ${s}.bc_links x ON x.id = u.id ORDER BY u.ord LOOP
        CONTINUE WHEN l.account_id = ANY (seen);
        CONTINUE WHEN EXISTS (SELECT 1 FROM ${s}.bc_assignments a WHERE a.account_id = l.account_id AND a.ad_account_id = adv AND a.link_id = l.id);
        seen := seen || l.account_id;
        added := added || ${s}.bc_assignment_json(${s}.bc_write_assignment(l, adv, at_, by_));
      END LOOP;
      RETURN json_build_object('kind', 'assigned', 'assignments', to_json(added));
    END
    $fn$;

    CREATE FUNCTION ${s}.bc_unassign(link_id_ text, adv text, evs json) RETURNS json LANGUAGE plpgsql AS $fn$
    DECLARE
      a ${s}.bc_assignments;
    BEGIN
      DELETE FROM ${s}.bc_assignments x USING ${s}.bc_links l
        WHERE l.id = link_id_ AND x.account_id = l.account_id AND x.ad_account_id = adv AND x.link_id = link_id_
        RETURNING x.* INTO a;
      IF NOT FOUND THEN RETURN json_build_object('kind', 'not_assigned'); END IF;
      PERFORM ${s}.append_events(evs);
      RETURN json_build_object('kind', 'unassigned', 'assignment', ${s}.bc_assignment_json(a));
    END
    $fn$;

    CREATE FUNCTION ${s}.owned_grant_member(acc text, granted_by text, member json, evs json) RETURNS json LANGUAGE plpgsql AS $fn$
    DECLARE
      o ${s}.owned_accounts;
    BEGIN
      SELECT * INTO o FROM ${s}.owned_accounts x WHERE x.account_id = acc FOR UPDATE;
      IF NOT FOUND THEN RETURN json_build_object('kind', 'not_found'); END IF;
      IF NOT EXISTS (SELECT 1 FROM json_array_elements(o.members) m WHERE m->>'userId' = granted_by AND m->>'role' = 'ADMIN') THEN
        RETURN json_build_object('kind', 'not_admin', 'account', ${s}.owned_account_json(o));
      END IF;
      UPDATE ${s}.owned_accounts SET members = (
          SELECT json_agg(m ORDER BY k) FROM (
            SELECT m, k FROM json_array_elements(o.members) WITH ORDINALITY AS e(m, k) WHERE m->>'userId' <> member->>'userId'
            UNION ALL SELECT member, 2147483647) z)
        WHERE account_id = acc RETURNING * INTO o;
      PERFORM ${s}.append_events(evs);
      RETURN json_build_object('kind', 'granted', 'account', ${s}.owned_account_json(o));
    END
    $fn$;
  `,
};

/** JSON from the SQL builders → a record: nulls dropped (absent optional fields), instants (ms) → Dates. */
function decode<T>(raw: unknown, dates: readonly string[]): T {
  const j = parseJson(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(j)) {
    if (v === null) continue;
    out[k] = dates.includes(k) ? new Date(v as number) : v;
  }
  return out as T;
}

const REQUEST_DATES = ['createdAt', 'expiresAt', 'approvedAt', 'rejectedAt', 'cancelledAt'];
const LINK_DATES = ['linkedAt', 'permissionsChangedAt', 'unlinkedAt'];
const toRequest = (raw: unknown) => decode<LinkRequestRecord>(raw, REQUEST_DATES);
const toLink = (raw: unknown) => decode<BcLinkRecord>(raw, LINK_DATES);
const toAssignment = (raw: unknown) => decode<AdAccountAssignment>(raw, ['assignedAt']);
function toOwned(raw: unknown): OwnedAccountRecord {
  const o = decode<OwnedAccountRecord & { members: { grantedAt: string }[] }>(raw, ['createdAt']);
  return { ...o, members: o.members.map((m) => ({ ...m, grantedAt: new Date(m.grantedAt) })) } as OwnedAccountRecord;
}

type Out = {
  kind: string; request?: unknown; link?: unknown; assignment?: unknown; observation?: ApprovalObservation;
  removed?: unknown[]; assignments?: unknown[]; linkIds?: string[]; account?: unknown;
};

/** Internal: the Business Center and created-account tables of the PostgreSQL store (see `businessCenterMigration`). */
export function businessCenterPg(ctx: PgContext): Omit<BusinessCenterStore, 'readEvents'> & DeliveryIdentityStore {
  const { s, db } = ctx;
  const callOn = async (q: SqlQueryable, fn: string, params: readonly unknown[], casts: readonly string[]): Promise<Out> => {
    const args = casts.map((c, i) => `$${i + 1}::${c}`).join(', ');
    const { rows } = await q.query<{ out: unknown }>(`SELECT ${s}.${fn}(${args}) AS out`, params);
    return parseJson(rows[0]!.out) as Out;
  };
  /** One function call: one statement, one implicit transaction. */
  const call = (fn: string, params: readonly unknown[], casts: readonly string[]) => ctx.run(() => callOn(db, fn, params, casts));
  /**
   * A function call whose events are built in JavaScript from what it wrote (`eventsFor`): both
   * in one transaction, so an exception from `eventsFor` or the append rolls the writes back.
   */
  const callWithEvents = <T>(fn: string, params: readonly unknown[], casts: readonly string[], then: (out: Out) => { result: T; events: readonly NewEvent[] }) =>
    ctx.run(() => db.transaction(async (tx) => {
      const { result, events } = then(await callOn(tx, fn, params, casts));
      if (events.length > 0) await tx.query(`SELECT ${s}.append_events($1::json)`, [encodeEvents(events)]);
      return result;
    }));
  const rows = async (sql: string, params: readonly unknown[]): Promise<unknown[]> => {
    const { rows: got } = await ctx.run(() => db.query<{ j: unknown }>(sql, params));
    return got.map((r) => r.j);
  };

  return {
    async insertLinkRequest(request, events) {
      await call('bc_insert_request', [JSON.stringify(request), encodeEvents(events)], ['json', 'json']);
    },

    async getLinkRequest(id) {
      const [j] = await rows(`SELECT ${s}.bc_request_json(r) AS j FROM ${s}.bc_link_requests r WHERE r.id = $1`, [id]);
      return j === undefined ? undefined : toRequest(j);
    },

    async findLinkRequestByDigest(digest) {
      const [j] = await rows(`SELECT ${s}.bc_request_json(r) AS j FROM ${s}.bc_link_requests r WHERE r.token_digest = $1`, [digest]);
      return j === undefined ? undefined : toRequest(j);
    },

    async approveLinkRequest({ tokenDigest, link, at, by, caps, eventsFor }): Promise<ApproveLinkOutcome> {
      return callWithEvents<ApproveLinkOutcome>('bc_approve',
        [tokenDigest, JSON.stringify(link), at.toISOString(), JSON.stringify(by), caps.maxAccountsPerBusinessCenter, caps.maxBusinessCentersPerAccount],
        ['text', 'json', 'timestamptz', 'json', 'integer', 'integer'],
        (out) => {
          if (out.kind === 'not_found') return { result: { kind: 'not_found' }, events: [] };
          if (out.kind === 'refused') return { result: { kind: 'refused', request: toRequest(out.request), observation: out.observation! }, events: [] };
          const approved = { request: toRequest(out.request), link: toLink(out.link), assignment: out.assignment == null ? undefined : toAssignment(out.assignment) };
          return { result: { kind: 'approved', ...approved }, events: eventsFor(approved) };
        });
    },

    async insertLink({ link, caps, requireAccountUnlinked, assignTo, ownedAccount, events }): Promise<InsertLinkOutcome> {
      const out = await call('bc_insert_link',
        [JSON.stringify(link), caps.maxAccountsPerBusinessCenter, caps.maxBusinessCentersPerAccount, requireAccountUnlinked,
          assignTo ?? null, ownedAccount === undefined ? null : JSON.stringify(ownedAccount), encodeEvents(events)],
        ['json', 'integer', 'integer', 'boolean', 'text', 'json', 'json']);
      if (out.kind === 'refused') return { kind: 'refused', observation: out.observation! };
      if (out.kind === 'username_taken') return { kind: 'username_taken' };
      return { kind: 'inserted', link: toLink(out.link), assignment: out.assignment == null ? undefined : toAssignment(out.assignment) };
    },

    async closeLinkRequest(id, how, at, by, events): Promise<CloseLinkRequestOutcome> {
      const out = await call('bc_close_request', [id, how, at.toISOString(), JSON.stringify(by), encodeEvents(events)],
        ['text', 'text', 'timestamptz', 'json', 'json']);
      if (out.kind === 'not_found') return { kind: 'not_found' };
      return { kind: out.kind as 'closed' | 'not_pending', request: toRequest(out.request) };
    },

    async getLink(id) {
      const [j] = await rows(`SELECT ${s}.bc_link_json(l) AS j FROM ${s}.bc_links l WHERE l.id = $1`, [id]);
      return j === undefined ? undefined : toLink(j);
    },

    async getActiveLink(businessCenterId, accountId) {
      const [j] = await rows(`SELECT ${s}.bc_link_json(l) AS j FROM ${s}.bc_links l
        WHERE l.business_center_id = $1 AND l.account_id = $2 AND l.unlinked_at IS NULL`, [businessCenterId, accountId]);
      return j === undefined ? undefined : toLink(j);
    },

    async listActiveLinksOfBusinessCenter(businessCenterId) {
      return (await rows(`SELECT ${s}.bc_link_json(l) AS j FROM ${s}.bc_links l
        WHERE l.business_center_id = $1 AND l.unlinked_at IS NULL ORDER BY l.ins_seq`, [businessCenterId])).map(toLink);
    },

    async listActiveLinksOfAccount(accountId) {
      return (await rows(`SELECT ${s}.bc_link_json(l) AS j FROM ${s}.bc_links l
        WHERE l.account_id = $1 AND l.unlinked_at IS NULL ORDER BY l.ins_seq`, [accountId])).map(toLink);
    },

    async countActiveLinks(of) {
      const [n] = 'businessCenterId' in of
        ? await rows(`SELECT active_links AS j FROM ${s}.bc_business_centers WHERE business_center_id = $1`, [of.businessCenterId])
        : await rows(`SELECT active_links AS j FROM ${s}.bc_accounts WHERE account_id = $1`, [of.accountId]);
      return Number(n ?? 0);
    },

    async changeLinkPermissions(id, permissions, at, events): Promise<LinkChangeOutcome> {
      const out = await call('bc_change_permissions', [id, JSON.stringify(permissions), at.toISOString(), encodeEvents(events)],
        ['text', 'json', 'timestamptz', 'json']);
      if (out.kind === 'not_found') return { kind: 'not_found' };
      if (out.kind === 'not_active') return { kind: 'not_active', link: toLink(out.link) };
      return { kind: 'changed', link: toLink(out.link), removedAssignments: [] };
    },

    async unlink(id, at, by, eventsFor): Promise<LinkChangeOutcome> {
      return callWithEvents<LinkChangeOutcome>('bc_unlink', [id, at.toISOString(), JSON.stringify(by)], ['text', 'timestamptz', 'json'], (out) => {
        if (out.kind === 'not_found') return { result: { kind: 'not_found' }, events: [] };
        if (out.kind === 'not_active') return { result: { kind: 'not_active', link: toLink(out.link) }, events: [] };
        const removed = out.removed!.map(toAssignment);
        return { result: { kind: 'changed', link: toLink(out.link), removedAssignments: removed }, events: eventsFor(removed) };
      });
    },

    async assignAdAccount(linkIds, adAccountId, at, by, eventsFor): Promise<AssignOutcome> {
      return callWithEvents<AssignOutcome>('bc_assign', [[...linkIds], adAccountId, at.toISOString(), JSON.stringify(by)],
        ['text[]', 'text', 'timestamptz', 'json'], (out) => {
          if (out.kind === 'links_not_active') return { result: { kind: 'links_not_active', linkIds: out.linkIds! as BcLinkId[] }, events: [] };
          const added = out.assignments!.map(toAssignment);
          return { result: { kind: 'assigned', assignments: added }, events: eventsFor(added) };
        });
    },

    async unassignAdAccount(linkId, adAccountId, events): Promise<UnassignOutcome> {
      const out = await call('bc_unassign', [linkId, adAccountId, encodeEvents(events)], ['text', 'text', 'json']);
      return out.kind === 'unassigned' ? { kind: 'unassigned', assignment: toAssignment(out.assignment) } : { kind: 'not_assigned' };
    },

    async getAssignment(accountId, adAccountId) {
      const [j] = await rows(`SELECT ${s}.bc_assignment_json(a) AS j FROM ${s}.bc_assignments a
        WHERE a.account_id = $1 AND a.ad_account_id = $2`, [accountId, adAccountId]);
      return j === undefined ? undefined : toAssignment(j);
    },

    async listAssignmentsOfAdAccount(adAccountId) {
      return (await rows(`SELECT ${s}.bc_assignment_json(a) AS j FROM ${s}.bc_assignments a
        WHERE a.ad_account_id = $1 ORDER BY a.ins_seq`, [adAccountId])).map(toAssignment);
    },

    async getOwnedAccount(accountId) {
      const [j] = await rows(`SELECT ${s}.owned_account_json(o) AS j FROM ${s}.owned_accounts o WHERE o.account_id = $1`, [accountId]);
      return j === undefined ? undefined : toOwned(j);
    },

    async grantAccountMember(accountId, grantedBy, userId, role, at, by, events): Promise<GrantMemberOutcome> {
      const member = { userId, role, grantedAt: at.toISOString(), grantedBy: by };
      const out = await call('owned_grant_member', [accountId, grantedBy, JSON.stringify(member), encodeEvents(events)], ['text', 'text', 'json', 'json']);
      if (out.kind === 'not_found') return { kind: 'not_found' };
      const account = toOwned(out.account);
      if (out.kind === 'not_admin') return { kind: 'not_admin', account };
      return { kind: 'granted', account, member: account.members.find((m) => m.userId === userId)! };
    },
  };
}
