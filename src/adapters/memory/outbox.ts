import type { DomainEvent, NewEvent } from '../../kernel/events.js';
import type { ReadEventsQuery } from '../../ports/event-log.js';
import { clone } from './clone.js';

/** Internal: the memory store's outbox. `seq` is the position (1-based): no gaps. */
export interface Outbox {
  append(events: readonly NewEvent[]): void;
  read(query?: ReadEventsQuery): readonly DomainEvent[];
}

export function createOutbox(): Outbox {
  const events: DomainEvent[] = [];
  return {
    append(batch) {
      for (const e of batch) {
        // The envelope is copied field by field (a revocation appends 10,000 events at once);
        // only the free-form `data` goes through the generic deep copy.
        events.push({
          id: e.id, seq: events.length + 1, type: e.type, at: new Date(e.at.getTime()), actor: { kind: e.actor.kind, id: e.actor.id },
          subject: { kind: e.subject.kind, id: e.subject.id }, data: clone(e.data),
        });
      }
    },
    read(query = {}) {
      const after = Math.max(0, Math.floor(query.after ?? 0));
      const limit = Math.max(0, Math.floor(query.limit ?? 1000));
      return events.slice(after, after + limit).map(clone);
    },
  };
}
