import type { DomainEvent } from '../kernel/events.js';

/** Where to start reading and how many events at most. */
export interface ReadEventsQuery {
  /** Return events with `seq > after` (default 0: from the beginning). */
  readonly after?: number;
  /** At most this many (default 1,000). */
  readonly limit?: number;
}

/**
 * The outbox every store keeps: events are appended in the same atomic step as the
 * change they describe and read back in `seq` order.
 */
export interface EventLog {
  /**
   * Events with `seq > after`, in increasing `seq`, at most `limit`. Events are never changed
   * or removed, so polling with the last `seq` seen never misses or repeats one.
   */
  readEvents(query?: ReadEventsQuery): Promise<readonly DomainEvent[]>;
}
