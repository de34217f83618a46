import type { DomainEvent, NewEvent } from '../../kernel/events.js';
import type { EventLog } from '../../ports/event-log.js';
import type { Migration } from './migrations.js';
import type { PgContext } from './context.js';

/**
 * Migration 1: shared helpers and the outbox.
 *
 * Writers never serialize on the outbox: `append_events` inserts the events of one call as one
 * batch (`batch` from a sequence, `ord` = position in the call) with no `seq` yet, inside the
 * writer's own transaction. `seq` — gap-free, never changed once given — is assigned by
 * `number_events()`, which `readEvents` runs first: under the `outbox_head` row lock it numbers
 * every committed, unnumbered event in (batch, ord) order and advances the head in the same
 * transaction. An event that commits late simply gets a later `seq`, so a reader polling with
 * the last `seq` it saw never misses or repeats one, and a rolled-back write leaves no gap.
 * The events of one write stay contiguous and in order. The price: reading new events is a
 * short write (readers serialize on the head row while numbering), and `seq` follows the order
 * in which readers first saw the commits rather than transaction start.
 */
export const outboxMigration: Migration = {
  version: 1,
  name: 'outbox',
  up: (s) => `
    CREATE FUNCTION ${s}.ms(t timestamptz) RETURNS float8 LANGUAGE sql IMMUTABLE STRICT
      AS $$ SELECT (extract(epoch FROM t) * 1000)::float8 $$;

    CREATE TABLE ${s}.outbox_head (
      one boolean PRIMARY KEY DEFAULT true CHECK (one),
      last_seq bigint NOT NULL
    );
    INSERT INTO ${s}.outbox_head (one, last_seq) VALUES (true, 0);

    CREATE SEQUENCE ${s}.events_batch;
    CREATE TABLE ${s}.events (
      batch bigint NOT NULL,
      ord integer NOT NULL,
      seq bigint UNIQUE,
      id text NOT NULL,
      type text NOT NULL,
      at timestamptz NOT NULL,
      actor json NOT NULL,
      subject json NOT NULL,
      data json NOT NULL,
      PRIMARY KEY (batch, ord)
    );
    CREATE INDEX events_unnumbered ON ${s}.events (batch, ord) WHERE seq IS NULL;

    -- Appends a JSON array of events [{id,type,at,actor,subject,data}] as one batch.
    CREATE FUNCTION ${s}.append_events(evs json) RETURNS void LANGUAGE plpgsql AS $fn$
    BEGIN
      IF coalesce(json_array_length(evs), 0) = 0 THEN RETURN; END IF;
      INSERT INTO ${s}.events (batch, ord, id, type, at, actor, subject, data)
      SELECT b.n, e.ord, e.v->>'id', e.v->>'type', (e.v->>'at')::timestamptz, e.v->'actor', e.v->'subject', e.v->'data'
      FROM (SELECT nextval('${s}.events_batch') AS n) b, json_array_elements(evs) WITH ORDINALITY AS e(v, ord)
      ORDER BY e.ord;
    END
    $fn$;

    -- Gives every committed, unnumbered event its seq, in (batch, ord) order, gap-free.
    CREATE FUNCTION ${s}.number_events() RETURNS void LANGUAGE plpgsql AS $fn$
    DECLARE
      last bigint;
      n bigint;
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM ${s}.events WHERE seq IS NULL) THEN RETURN; END IF;
      SELECT last_seq INTO last FROM ${s}.outbox_head FOR UPDATE;
      WITH todo AS (
        SELECT batch, ord, row_number() OVER (ORDER BY batch, ord) AS k
        FROM ${s}.events WHERE seq IS NULL ORDER BY batch, ord
      )
      UPDATE ${s}.events e SET seq = last + todo.k FROM todo WHERE e.batch = todo.batch AND e.ord = todo.ord;
      GET DIAGNOSTICS n = ROW_COUNT;
      UPDATE ${s}.outbox_head SET last_seq = last + n;
    END
    $fn$;
  `,
};

const DATE_TAG = '$tta:date';

/** Dates inside event data are stored as `{"$tta:date": ISO}` so they come back as Dates. */
function encodeValue(value: unknown): unknown {
  if (value instanceof Date) return { [DATE_TAG]: value.toISOString() };
  if (Array.isArray(value)) return value.map(encodeValue);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = encodeValue(v);
    return out;
  }
  return value;
}

function decodeValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeValue);
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    const tagged = (value as Record<string, unknown>)[DATE_TAG];
    if (keys.length === 1 && typeof tagged === 'string') return new Date(tagged);
    const out: Record<string, unknown> = {};
    for (const k of keys) out[k] = decodeValue((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

/** The JSON text `append_events` takes. */
export function encodeEvents(events: readonly NewEvent[]): string {
  return JSON.stringify(events.map((e) => ({
    id: e.id, type: e.type, at: e.at.toISOString(), actor: e.actor, subject: e.subject, data: encodeValue(e.data),
  })));
}

interface EventRow { seq: number; id: string; type: string; at: number; actor: unknown; subject: unknown; data: unknown }

/** Some drivers hand `json` columns back as text. */
export function parseJson(v: unknown): unknown {
  return typeof v === 'string' ? JSON.parse(v) : v;
}

export function outboxPg(ctx: PgContext): EventLog {
  const { s } = ctx;
  return {
    async readEvents(query = {}) {
      const after = Math.max(0, Math.floor(query.after ?? 0));
      const limit = Math.max(0, Math.floor(query.limit ?? 1000));
      await ctx.run(() => ctx.db.query(`SELECT ${s}.number_events()`));
      const { rows } = await ctx.run(() => ctx.db.query<EventRow>(
        `SELECT seq::float8 AS seq, id, type, (extract(epoch FROM at) * 1000)::float8 AS at, actor, subject, data
         FROM ${s}.events WHERE seq > $1 ORDER BY seq LIMIT $2`, [after, limit]));
      return rows.map((r) => ({
        id: r.id, type: r.type, at: new Date(r.at), actor: parseJson(r.actor), subject: parseJson(r.subject),
        data: decodeValue(parseJson(r.data)), seq: Number(r.seq),
      }) as DomainEvent);
    },
  };
}
