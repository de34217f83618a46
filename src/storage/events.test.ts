import { describe, expect, test } from 'vitest';
import { memoryStore } from '../adapters/memory/memory-store.js';
import type { EventId } from '../kernel/ids.js';
import type { NewEvent } from '../kernel/events.js';
import type { Store } from '../ports/store.js';
import { readAllEvents } from './events.js';

const event = (n: number): NewEvent => ({
  id: `evt_${n}` as EventId,
  type: 'test.happened',
  at: new Date(Date.UTC(2026, 0, 1)),
  actor: { kind: 'system', id: 'system' },
  subject: { kind: 'item', id: `i${n}` },
  data: { n },
});

/** A memory store holding `count` events, committed 500 per transaction. */
async function storeWith(count: number) {
  const store = memoryStore();
  for (let from = 0; from < count; from += 500) {
    const batch = Array.from({ length: Math.min(500, count - from) }, (_, i) => event(from + i));
    await store.transaction([], async (tx) => tx.append(batch));
  }
  return store;
}

describe('X-02 reading the outbox: readEvents is one page, readAllEvents reads every page', () => {
  test('readEvents() without a limit returns the first 1,000 events: a full page says "maybe more"', async () => {
    const store = await storeWith(2_345);
    const page = await store.readEvents();
    expect(page).toHaveLength(1_000);
    expect(page.map((e) => e.seq)).toEqual(Array.from({ length: 1_000 }, (_, i) => i + 1));
    const next = await store.readEvents({ after: page.at(-1)!.seq, limit: 10_000 });
    expect(next).toHaveLength(1_345); // shorter than the limit: the end of the outbox
  });

  test('readAllEvents returns every event in seq order, from the start or after a seq, whatever the page', async () => {
    const store = await storeWith(2_345);
    const all = await readAllEvents(store);
    expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 2_345 }, (_, i) => i + 1));
    expect(all.map((e) => e.data.n)).toEqual(Array.from({ length: 2_345 }, (_, i) => i));
    expect((await readAllEvents(store, { after: 2_000 })).map((e) => e.seq)[0]).toBe(2_001);
    expect(await readAllEvents(store, { after: 2_000, pageSize: 100 })).toEqual(all.slice(2_000));
    expect(await readAllEvents(store, { pageSize: 1 })).toHaveLength(2_345);
    expect(await readAllEvents(store, { pageSize: 2_345 })).toHaveLength(2_345); // a full last page, then none
    expect(await readAllEvents(memoryStore())).toEqual([]);
  });

  test('readAllEvents refuses bad options and a store whose pages do not move on', async () => {
    const store = memoryStore();
    for (const options of [{ pageSize: 0 }, { pageSize: 10_001 }, { pageSize: 1.5 }, { after: -1 }, { after: 0.5 }]) {
      await expect(readAllEvents(store, options)).rejects.toThrow(TypeError);
    }
    const stuck: Pick<Store, 'readEvents'> = { readEvents: async () => [{ ...event(1), seq: 1 }] };
    await expect(readAllEvents(stuck, { after: 1, pageSize: 1 })).rejects.toThrow(/returned seq 1 after 1/);
  });
});
