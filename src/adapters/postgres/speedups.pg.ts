import type { Migration } from './migrations.js';

/**
 * Migration 5: the same functions, cheaper to run (issue 5's throughput targets). No table,
 * lock or check changes: every invariant is enforced exactly as before.
 *
 * - `ms(t)` (migration 1) was declared `IMMUTABLE`, but its body, `extract(epoch FROM t)` on a
 *   `timestamptz`, is `STABLE`, so PostgreSQL refused to inline it: every call ran the SQL
 *   function executor, which parses and plans the body again — five times per code record,
 *   nine per ad. Declared `STABLE` (what it is), it is inlined into every query and function
 *   that uses it. Same body, same results.
 * - `append_events` parsed the JSON array once per field of every event (`v->>'id'`,
 *   `v->'actor'`, …); it now parses it once (`json_to_recordset`), in one plain INSERT. Same
 *   rows: the text of the JSON parts is kept as given, `ord` is the position in the array, an
 *   empty or null array appends nothing (it may use up a batch number: batches only order
 *   events, `seq` stays gap-free).
 * - `spark_confirm` takes the library entry as typed arguments instead of one JSON object
 *   (read seven times), and its `added` answer no longer echoes the entry the caller just
 *   passed (the store returns a copy of it, as the memory store does). It takes the same
 *   locks in the same order: the code row `FOR UPDATE`, then the library, then the outbox.
 * - `spark_codes` gets `fillfactor = 90`: pages filled from now on keep room for the one
 *   update nearly every code gets (`first_confirmed_at`, at its first confirmation), which
 *   then stays on its page and touches none of the five indexes (a HOT update: no indexed
 *   column, no partial-index predicate column changes).
 */
export const speedupsMigration: Migration = {
  version: 5,
  name: 'speedups',
  up: (s) => `
    CREATE OR REPLACE FUNCTION ${s}.ms(t timestamptz) RETURNS float8 LANGUAGE sql STABLE STRICT
      AS $$ SELECT (extract(epoch FROM t) * 1000)::float8 $$;

    CREATE OR REPLACE FUNCTION ${s}.append_events(evs json) RETURNS void LANGUAGE plpgsql AS $fn$
    DECLARE
      b bigint := nextval('${s}.events_batch');
    BEGIN
      INSERT INTO ${s}.events (batch, ord, id, type, at, actor, subject, data)
      SELECT b, e.ord, e.id, e.type, e.at, e.actor, e.subject, e.data
      FROM ROWS FROM (json_to_recordset(evs) AS (id text, type text, at timestamptz, actor json, subject json, data json))
        WITH ORDINALITY AS e(id, type, at, actor, subject, data, ord);
    END
    $fn$;

    DROP FUNCTION ${s}.spark_confirm(json, boolean, json);
    CREATE FUNCTION ${s}.spark_confirm(acc text, code_id_ text, video_id_ text, creator_id_ text, at_ timestamptz,
        by_ json, preview_ json, single_use boolean, evs json) RETURNS json LANGUAGE plpgsql AS $fn$
    DECLARE
      c ${s}.spark_codes;
      e ${s}.spark_library;
    BEGIN
      SELECT * INTO c FROM ${s}.spark_codes WHERE id = code_id_ FOR UPDATE;
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
        VALUES (acc, c.id, video_id_, creator_id_, at_, by_, preview_);
      IF c.first_confirmed_at IS NULL THEN
        UPDATE ${s}.spark_codes SET first_confirmed_at = at_ WHERE id = c.id RETURNING * INTO c;
      END IF;
      PERFORM ${s}.append_events(evs);
      RETURN json_build_object('kind', 'added', 'record', ${s}.spark_code_json(c));
    END
    $fn$;

    ALTER TABLE ${s}.spark_codes SET (fillfactor = 90);
  `,
};
