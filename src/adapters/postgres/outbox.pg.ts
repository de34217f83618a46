import type { DomainEvent, NewEvent } from '../../kernel/events.js';
import type { EventLog } from '../../ports/event-log.js';
import type { Migration } from './migrations.js';
import type { PgContext } from './context.js';

/**
 * Migration 1: shared helpers and the outbox.
 *
 * `seq` is gap-free and equals commit order: `append_events` takes the next numbers from the
 * single `outbox_head` row with `UPDATE … RETURNING`, which row-locks it until the transaction
 * ends. A transaction that rolls back releases its numbers (no gaps), and a reader can never
 * see seq N+1 committed before seq N (no skipped events). The price: writers serialize on that
 * row for the last moment of their transaction, so every write path appends its events as its
 * LAST statement and commits at once (the store's writes are single-statement functions).
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

    CREATE TABLE ${s}.events (
      seq bigint PRIMARY KEY,
      id text NOT NULL,
      type text NOT NULL,
      at timestamptz NOT NULL,
      actor json NOT NULL,
      subject json NOT NULL,
      data json NOT NULL
    );

    -- Appends a JSON array of events [{id,type,at,actor,subject,data}], numbering them after
    -- the current head. Call it as the last statement of a transaction (it locks the head).
    CREATE FUNCTION ${s}.append_events(evs json) RETURNS void LANGUAGE plpgsql AS $fn$
    DECLARE
      n integer := coalesce(json_array_length(evs), 0);
      last bigint;
    BEGIN
      IF n = 0 THEN RETURN; END IF;
      UPDATE ${s}.outbox_head SET last_seq = last_seq + n RETURNING last_seq INTO last;
      INSERT INTO ${s}.events (seq, id, type, at, actor, subject, data)
      SELECT last - n + e.ord, e.v->>'id', e.v->>'type', (e.v->>'at')::timestamptz, e.v->'actor', e.v->'subject', e.v->'data'
      FROM json_array_elements(evs) WITH ORDINALITY AS e(v, ord);
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
      const { rows } = await ctx.run(() => ctx.db.query<EventRow>(
        `SELECT seq::float8 AS seq, id, type, ${s}.ms(at) AS at, actor, subject, data
         FROM ${s}.events WHERE seq > $1 ORDER BY seq LIMIT $2`, [after, limit]));
      return rows.map((r) => ({
        id: r.id, type: r.type, at: new Date(r.at), actor: parseJson(r.actor), subject: parseJson(r.subject),
        data: decodeValue(parseJson(r.data)), seq: Number(r.seq),
      }) as DomainEvent);
    },
  };
}
