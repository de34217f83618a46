import type { Actor, DomainEvent, NewEvent } from '../../kernel/events.js';
import type { EventId } from '../../kernel/ids.js';
import type { ReadEventsQuery } from '../../ports/event-log.js';

/** Internal: the memory store's outbox. `seq` is the position (1-based): no gaps. */
export interface Outbox {
  append(events: readonly NewEvent[]): void;
  read(query?: ReadEventsQuery): readonly DomainEvent[];
}

/**
 * The envelopes are kept in columns, event `seq` at index `seq - 1` of each, `at` as epoch
 * milliseconds: no envelope, Date, actor or subject object per stored event (with 10^6 codes
 * the outbox holds 10^6 events or more, each of them traced by every full collection). `read`
 * builds fresh events, exactly what the previous layout (a deep copy per event) returned.
 */
export function createOutbox(): Outbox {
  const ids: EventId[] = [];
  const types: string[] = [];
  const ats: number[] = [];
  const actorKinds: Actor['kind'][] = [];
  const actorIds: string[] = [];
  const subjectKinds: string[] = [];
  const subjectIds: string[] = [];
  const data: unknown[] = [];
  return {
    append(batch) {
      for (const e of batch) {
        // Everything is read and copied before the first column is written: an event that
        // throws midway (like a bad `at`) leaves the columns aligned.
        const id = e.id, type = e.type, at = e.at.getTime();
        const actorKind = e.actor.kind, actorId = e.actor.id, subjectKind = e.subject.kind, subjectId = e.subject.id;
        const stored = copyIn(e.data);
        ids.push(id);
        types.push(type);
        ats.push(at);
        actorKinds.push(actorKind);
        actorIds.push(actorId);
        subjectKinds.push(subjectKind);
        subjectIds.push(subjectId);
        data.push(stored);
      }
    },
    read(query = {}) {
      const after = Math.max(0, Math.floor(query.after ?? 0));
      const limit = Math.max(0, Math.floor(query.limit ?? 1000));
      // Both are >= 0 or NaN; a NaN reads nothing, as `slice(after, after + limit)` did.
      const end = Math.min(after + limit, ids.length);
      const out: DomainEvent[] = [];
      for (let i = after; i < end; i++) {
        out.push({
          id: ids[i]!, seq: i + 1, type: types[i]!, at: new Date(ats[i]!), actor: { kind: actorKinds[i]!, id: actorIds[i]! },
          subject: { kind: subjectKinds[i]!, id: subjectIds[i]! }, data: copyOut(data[i]) as DomainEvent['data'],
        });
      }
      return out;
    },
  };
}

/**
 * A Date inside stored event data, as its instant alone: a Date object is about 100 bytes, this
 * is a third of that. Never leaves the outbox (`copyOut` turns it back into a Date). The field
 * is private so that nothing enumerates it.
 */
class StoredInstant {
  readonly #ms: number;
  constructor(ms: number) {
    this.#ms = ms;
  }
  toDate(): Date {
    return new Date(this.#ms);
  }
}

/**
 * Internal: the copy of event data kept at rest. `copyOut(copyIn(x))` is exactly
 * `clone(clone(x))` (`clone.ts`), what the outbox returned when it stored `clone(data)` and
 * read with `clone`: Dates become `StoredInstant`s; a plain object (prototype
 * `Object.prototype`, no own `__proto__` key, the case of every event this library builds) is
 * copied with object spread, which V8 does by copying the object's layout in one step (about
 * twice as fast as key by key, and the copy holds its fields in-object). Spread also copies
 * own symbol keys, which `clone` drops; `copyOut` walks with `for…in`, which skips them, so
 * they never come out.
 */
export function copyIn(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return new StoredInstant(value.getTime());
  if (Array.isArray(value)) return value.map(copyIn);
  if (Object.getPrototypeOf(value) !== Object.prototype || Object.hasOwn(value, '__proto__')) return copyKeys(value, copyIn);
  const out: Record<string, unknown> = { ...value };
  for (const key in out) {
    const v = out[key];
    if (v !== null && typeof v === 'object') out[key] = copyIn(v);
  }
  return out;
}

/** Internal: a fresh copy of stored event data, as `clone` makes it, with every `StoredInstant` a Date again. */
export function copyOut(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof StoredInstant) return value.toDate();
  if (Array.isArray(value)) return value.map(copyOut);
  return copyKeys(value, copyOut);
}

/** `clone`'s walk of an object: every key `for…in` visits, objects copied with `copy`. */
function copyKeys(value: object, copy: (v: unknown) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in value) {
    const v = (value as Record<string, unknown>)[key];
    out[key] = v === null || typeof v !== 'object' ? v : copy(v);
  }
  return out;
}
