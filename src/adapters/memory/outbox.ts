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
        const copy = clone(e) as NewEvent & { seq: number };
        copy.seq = events.length + 1;
        events.push(copy as DomainEvent);
      }
    },
    read(query = {}) {
      const after = Math.max(0, Math.floor(query.after ?? 0));
      const limit = Math.max(0, Math.floor(query.limit ?? 1000));
      return events.slice(after, after + limit).map(clone);
    },
  };
}
