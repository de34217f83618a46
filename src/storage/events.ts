import type { DomainEvent } from '../kernel/events.js';
import type { Store } from '../ports/store.js';

/** The largest page `Store.readEvents` serves. */
const MAX_PAGE = 10_000;

/**
 * Every committed event with `seq > after` (default 0: all of them), in increasing `seq`.
 * `store.readEvents()` returns one page (1,000 events unless asked for up to 10,000); this reads
 * page after page until a page is not full, so nothing is left out. It holds every event in
 * memory: to forward events as they come, poll `readEvents({ after: lastSeq })` instead.
 *
 * @param store Any store (`memoryStore()`, `postgresStore(...)` or yours).
 * @param options `after`: the last `seq` already seen; `pageSize`: events per `readEvents` call
 *   (1 to 10,000; default 10,000).
 * @returns The events, oldest first.
 * @throws TypeError when an option is invalid, or when the store returns a page whose last `seq`
 *   does not move past `after` (a broken adapter that would make this loop forever).
 *
 * @example
 * ```ts
 * import { memoryStore } from 'tiktok-ad-auth';
 * import { readAllEvents } from 'tiktok-ad-auth/adapters';
 *
 * const store = memoryStore();
 * // … services write events …
 * const all = await readAllEvents(store); // every event, however many
 * const newer = await readAllEvents(store, { after: all.at(-1)?.seq ?? 0 });
 * ```
 */
export async function readAllEvents(
  store: Pick<Store, 'readEvents'>,
  options: { readonly after?: number; readonly pageSize?: number } = {},
): Promise<readonly DomainEvent[]> {
  const pageSize = options.pageSize ?? MAX_PAGE;
  let after = options.after ?? 0;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE) {
    throw new TypeError('readAllEvents: pageSize must be a whole number from 1 to 10000');
  }
  if (!Number.isInteger(after) || after < 0)
    throw new TypeError('readAllEvents: after must be a whole number, 0 or more');
  const events: DomainEvent[] = [];
  for (;;) {
    const page = await store.readEvents({ after, limit: pageSize });
    for (const event of page) events.push(event);
    const last = page[page.length - 1];
    if (page.length < pageSize || last === undefined) return events;
    if (!(last.seq > after)) throw new TypeError(`readAllEvents: the store returned seq ${last.seq} after ${after}`);
    after = last.seq;
  }
}
