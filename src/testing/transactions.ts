// Internal: the transaction semantics of the storage port: rollback, events only on commit,
// mutual exclusion per lock key (across app servers), no deadlock, the monotonic instant, and
// the fault hook. Counters are kept in rows of `popupsTable` (an instant as a number), so these
// checks need no table beyond the library's.
import fc from 'fast-check';
import type { NewEvent } from '../kernel/events.js';
import type { EventId } from '../kernel/ids.js';
import type { Store, Transaction } from '../ports/store.js';
import { codesTable, failedSearchesTable, popupsTable, type PopupRow } from '../storage/tables.js';
import {
  allEvents,
  assertProperty,
  check,
  checkEqual,
  checkRejects,
  checkSameDump,
  handleCheck,
  render,
  withHandle,
  within,
  yieldNow,
} from './check.js';
import type { ConformanceCheck, StoreFactory, StoreHandle } from './types.js';

const counter = (name: string, n: number): PopupRow => ({ accountId: name, lastShownAt: new Date(n) });
const valueOf = (row: PopupRow | undefined) => row?.lastShownAt.getTime() ?? 0;

/** Adds one to a counter row, yielding between the read and the write (the window a race needs). */
async function increment(tx: Transaction, name: string, pause: () => Promise<unknown> = yieldNow): Promise<void> {
  const row = await tx.get(popupsTable, name);
  await pause();
  if (row === undefined) await tx.insert(popupsTable, counter(name, 1));
  else await tx.update(popupsTable, counter(name, valueOf(row) + 1));
}

let eventNumber = 0;
/** A test event with nested data, a Date inside it, and text that needs escaping. */
export function testEvent(type: string, subject: string, at = new Date('2026-01-01T00:00:00.123Z')): NewEvent {
  eventNumber += 1;
  return {
    id: `evt_conformance_${eventNumber}` as EventId,
    type,
    at,
    actor: { kind: 'system', id: 'conformance' },
    subject: { kind: 'test', id: subject },
    data: {
      n: eventNumber,
      note: 'quote " backslash \\ é 😀',
      when: new Date(at.getTime() + 1),
      list: [1, 'two', { three: 3 }],
    },
  };
}

async function lastInstant(store: Store, keys: readonly string[]): Promise<number | undefined> {
  return store.transaction(keys, async (tx) => tx.lastInstant?.getTime());
}

/** A transaction that uses every verb, for rollback and fault injection. */
async function everyVerb(tx: Transaction, tag: string, at: Date): Promise<string> {
  await tx.get(popupsTable, 'row-a');
  await tx.insert(popupsTable, counter(`row-${tag}`, 1));
  await tx.update(popupsTable, counter('row-a', 99));
  await tx.delete(popupsTable, 'row-b');
  await tx.list(failedSearchesTable, 'byAccount', { eq: ['acc-1'] });
  await tx.count(codesTable, 'byVideo');
  tx.append([testEvent('t.every_verb', tag)]);
  tx.markInstant(at);
  return tag;
}

async function seedEveryVerb(store: Store): Promise<void> {
  await store.transaction(['k:seed'], async (tx) => {
    await tx.insert(popupsTable, counter('row-a', 1));
    await tx.insert(popupsTable, counter('row-b', 2));
    tx.append([testEvent('t.seeded', 'seed')]);
    tx.markInstant(new Date(1_000));
  });
}

function examples(factory: StoreFactory): ConformanceCheck[] {
  const on = (name: string, body: (h: StoreHandle) => Promise<void>) => handleCheck(factory, name, body);
  return [
    on(
      'tx: the value of work is returned; a throw rejects with that error and writes nothing, no event, no instant',
      async (handle) => {
        const { store } = handle;
        await seedEveryVerb(store);
        checkEqual(await store.transaction(['k:seed'], async () => 42), 42, 'the value of work');
        const before = await handle.dump();
        const boom = new Error('work failed');
        const err = await checkRejects(
          store.transaction(['k:seed', 'k:other'], async (tx) => {
            await everyVerb(tx, 'x', new Date(5_000));
            throw boom;
          }),
          'a transaction whose work throws',
        );
        check(
          err === boom || (err instanceof Error && err.message === boom.message),
          `the rejection is the work's error, got ${render(String(err))}`,
        );
        checkSameDump(await handle.dump(), before, 'rows and events after the rollback');
        checkEqual(
          await lastInstant(store, ['k:seed']),
          1_000,
          'lastInstant after the rollback (the mark was rolled back)',
        );
        checkEqual(
          await lastInstant(store, ['k:other']),
          undefined,
          'no instant for a key only a rolled-back transaction held',
        );
      },
    ),
    on(
      'tx: reads in a transaction see its own writes and every earlier commit, from any app server',
      async (handle) => {
        const other = await handle.open();
        await handle.store.transaction(['k:1'], (tx) => tx.insert(popupsTable, counter('c', 1)));
        await other.transaction(['k:1'], async (tx) => {
          checkEqual(valueOf(await tx.get(popupsTable, 'c')), 1, 'a commit of the other app server is visible');
          await tx.update(popupsTable, counter('c', 2));
          await tx.insert(failedSearchesTable, { id: 'fs-1', adAccountId: 'acc', at: new Date(5) } as never);
          checkEqual(valueOf(await tx.get(popupsTable, 'c')), 2, "get sees the transaction's own update");
          checkEqual(
            (await tx.list(failedSearchesTable, 'byAccount', { eq: ['acc'] })).length,
            1,
            'list sees its own insert',
          );
          checkEqual(await tx.count(failedSearchesTable, 'byAccount'), 1, 'count sees its own insert');
          await tx.delete(failedSearchesTable, 'fs-1');
          checkEqual(await tx.count(failedSearchesTable, 'byAccount'), 0, 'count sees its own delete');
        });
        checkEqual(valueOf(await handle.store.get(popupsTable, 'c')), 2, 'the first app server sees the commit');
      },
    ),
    on(
      'tx: events commit with their transaction, in the order appended, numbered consecutively; readEvents pages',
      async (handle) => {
        const { store } = handle;
        const a = [testEvent('t.a', 's1'), testEvent('t.b', 's1')];
        const b = [testEvent('t.c', 's2')];
        await store.transaction(['k:1'], async (tx) => tx.append(a));
        await store.transaction(['k:2'], async (tx) => tx.append(b));
        const events = await store.readEvents({ after: 0 });
        checkEqual(
          events.map((e) => e.seq),
          [1, 2, 3],
          'seq numbers 1, 2, 3 in a fresh store',
        );
        checkEqual(
          events.map(({ seq: _seq, ...e }) => e),
          [...a, ...b],
          'events come back as appended, Dates in data as Dates',
        );
        checkEqual(
          (await store.readEvents({ after: 1, limit: 1 })).map((e) => e.seq),
          [2],
          'after and limit',
        );
        checkEqual(await store.readEvents({ after: 3 }), [], 'nothing after the last');
        checkEqual(
          (await (await handle.open()).readEvents({ after: 0 })).length,
          3,
          'another app server reads the same events',
        );
      },
    ),
    on("tx: a transaction's verbs reject once it is over; a leaked handle writes nothing", async (handle) => {
      const { store } = handle;
      let leaked: Transaction | undefined;
      await store.transaction(['k:1'], async (tx) => {
        leaked = tx;
        await tx.insert(popupsTable, counter('c', 1));
      });
      const before = await handle.dump();
      await checkRejects(leaked!.insert(popupsTable, counter('d', 1)), 'insert through a finished transaction');
      await checkRejects(leaked!.update(popupsTable, counter('c', 5)), 'update through a finished transaction');
      await checkRejects(leaked!.delete(popupsTable, 'c'), 'delete through a finished transaction');
      await checkRejects(leaked!.get(popupsTable, 'c'), 'get through a finished transaction');
      try {
        leaked!.append([testEvent('t.late', 'x')]);
      } catch {
        // Throwing is as good as ignoring: what matters is that nothing is written.
      }
      await store.transaction(['k:1'], async () => undefined);
      checkSameDump(await handle.dump(), before, 'nothing written through the finished transaction');
    }),
    on('tx: lastInstant is the latest instant marked under any of its keys, across app servers', async (handle) => {
      const { store } = handle;
      const other = await handle.open();
      checkEqual(await lastInstant(store, ['i:a']), undefined, 'no instant before any mark');
      await store.transaction(['i:a'], async (tx) => tx.markInstant(new Date(5_000)));
      checkEqual(await lastInstant(other, ['i:a']), 5_000, 'the mark is seen by another app server');
      checkEqual(await lastInstant(store, ['i:b']), undefined, 'another key has none');
      checkEqual(await lastInstant(other, ['i:b', 'i:a']), 5_000, 'any of the keys');
      await other.transaction(['i:a', 'i:b'], async (tx) => tx.markInstant(new Date(7_000)));
      checkEqual(await lastInstant(store, ['i:b']), 7_000, 'a mark is recorded under every key of its transaction');
      await store.transaction(['i:a'], async (tx) => tx.markInstant(new Date(6_000)));
      checkEqual(await lastInstant(store, ['i:a']), 7_000, 'an earlier mark never moves the instant back');
      await store.transaction(['i:c'], async (tx) => tx.markInstant(new Date(Date.UTC(2026, 0, 1, 0, 0, 0, 1))));
      checkEqual(await lastInstant(other, ['i:c']), Date.UTC(2026, 0, 1, 0, 0, 0, 1), 'to the millisecond');
    }),
    on('tx: a transaction may name a key twice, or none', async ({ store }) => {
      checkEqual(
        await within(
          store.transaction(['k:1', 'k:1'], async () => 'twice'),
          120_000,
          'a repeated key hangs',
        ),
        'twice',
        'repeated',
      );
      checkEqual(await store.transaction([], async () => 'none'), 'none', 'no key');
    }),
  ];
}

// ---- concurrency -------------------------------------------------------------------------------

/** `n` stores over one handle's data: the handle's and `n - 1` opened (app servers). */
export async function servers(handle: StoreHandle, n: number): Promise<Store[]> {
  const out = [handle.store];
  while (out.length < n) out.push(await handle.open());
  return out;
}

function races(factory: StoreFactory, numRuns: number): ConformanceCheck[] {
  return [
    {
      name: 'tx race: 20 read-modify-write increments of one counter over two app servers lose no update',
      run: () =>
        withHandle(factory, async (handle) => {
          const stores = await servers(handle, 2);
          await handle.store.transaction(['counter:1'], (tx) => tx.insert(popupsTable, counter('c1', 0)));
          await Promise.all(
            Array.from({ length: 20 }, (_, i) =>
              stores[i % 2]!.transaction(['counter:1'], (tx) => increment(tx, 'c1')),
            ),
          );
          checkEqual(valueOf(await handle.store.get(popupsTable, 'c1')), 20, 'the counter after 20 increments');
        }),
    },
    {
      name: 'tx race (fc.scheduler): increments under one key lose no update, however their steps interleave',
      run: () =>
        withHandle(factory, async (handle) => {
          const stores = await servers(handle, 2);
          let round = 0;
          await assertProperty(
            fc.asyncProperty(fc.scheduler(), fc.integer({ min: 2, max: 6 }), async (s, n) => {
              round += 1;
              const name = `sched-${round}`;
              await handle.store.transaction([`counter:${name}`], (tx) => tx.insert(popupsTable, counter(name, 0)));
              const work = Array.from({ length: n }, (_, i) =>
                stores[i % 2]!.transaction([`counter:${name}`], (tx) =>
                  increment(tx, name, () => s.schedule(Promise.resolve(`between read and write #${i}`))),
                ),
              );
              await s.waitFor(Promise.all(work));
              checkEqual(valueOf(await handle.store.get(popupsTable, name)), n, `the counter after ${n} increments`);
            }),
            { numRuns },
          );
        }),
    },
    {
      name: 'tx concurrency: transactions locking [a, b], [b, a], [b, c] and [c, a] at once all finish (no deadlock)',
      run: () =>
        withHandle(factory, async (handle) => {
          const stores = await servers(handle, 2);
          const sets = [
            ['d:a', 'd:b'],
            ['d:b', 'd:a'],
            ['d:b', 'd:c'],
            ['d:c', 'd:a'],
          ];
          const all = Promise.all(
            Array.from({ length: 16 }, (_, i) => {
              const keys = sets[i % sets.length]!;
              return stores[i % 2]!.transaction(keys, async (tx) => {
                for (const k of keys) await increment(tx, k);
              });
            }),
          );
          await within(all, 120_000, 'transactions with crossed lock keys did not finish in 120 s: a deadlock?');
          const total = (await Promise.all(['d:a', 'd:b', 'd:c'].map((k) => handle.store.get(popupsTable, k)))).map(
            valueOf,
          );
          checkEqual(total, [12, 12, 8], 'each key counted once per transaction that held it');
        }),
    },
    {
      name: 'tx concurrency: transactions on different keys commit their events as consecutive blocks, none lost',
      run: () =>
        withHandle(factory, async (handle) => {
          const stores = await servers(handle, 2);
          const sizes = [1, 3, 2, 0, 4, 1, 2, 3];
          await Promise.all(
            sizes.map((size, i) =>
              stores[i % 2]!.transaction([`e:${i}`], async (tx) => {
                await yieldNow();
                tx.append(Array.from({ length: size }, (_, j) => testEvent(`t.block_${i}`, `${i}-${j}`)));
                await tx.get(popupsTable, 'x');
                if (i === 5) throw new Error('rolled back');
              }).catch(() => undefined),
            ),
          );
          const events = await allEvents(handle.store);
          const expected = sizes.reduce((a, b, i) => a + (i === 5 ? 0 : b), 0);
          checkEqual(
            events.map((e) => e.seq),
            Array.from({ length: expected }, (_, i) => i + 1),
            'seq 1..N, no gap',
          );
          check(!events.some((e) => e.type === 't.block_5'), 'no event of the rolled-back transaction');
          for (let i = 0; i < sizes.length; i++) {
            const mine = events.filter((e) => e.type === `t.block_${i}`).map((e) => e.seq);
            if (mine.length > 0)
              checkEqual(mine.at(-1)! - mine[0]! + 1, mine.length, `the events of transaction ${i} are consecutive`);
          }
        }),
    },
    {
      name: 'tx concurrency: a reader polling readEvents during concurrent commits sees every event once, in seq order',
      run: () =>
        withHandle(factory, async (handle) => {
          const stores = await servers(handle, 2);
          const seen: number[] = [];
          let done = false;
          const poll = async () => {
            for (;;) {
              const finished = done;
              const page = await stores[1]!.readEvents({ after: seen.at(-1) ?? 0, limit: 7 });
              seen.push(...page.map((e) => e.seq));
              if (finished && page.length === 0) return;
              await yieldNow();
            }
          };
          const reader = poll();
          await Promise.all(
            Array.from({ length: 30 }, (_, i) =>
              stores[i % 2]!.transaction([`p:${i % 5}`], async (tx) => {
                await increment(tx, `p-${i % 5}`);
                tx.append([testEvent('t.polled', `${i}`), testEvent('t.polled', `${i}b`)]);
              }),
            ),
          );
          done = true;
          await reader;
          checkEqual(
            seen,
            Array.from({ length: 60 }, (_, i) => i + 1),
            'the seq numbers the reader saw',
          );
        }),
    },
  ];
}

// ---- the fault hook ----------------------------------------------------------------------------

/**
 * A handle whose statement hook fails the `failAt`-th statement (counted over every transaction)
 * while armed, and counts statements. Used by every fault-injection check.
 */
export async function faultyHandle(factory: StoreFactory) {
  const state = { armed: false, failAt: 0, seen: 0, verbs: [] as string[] };
  const handle = await factory({
    onStatement: (s) => {
      if (!state.armed) return;
      state.seen += 1;
      state.verbs.push(s.verb);
      if (state.seen === state.failAt)
        throw new Error(`conformance: injected failure of statement ${state.seen} (${s.verb})`);
    },
  });
  return {
    handle,
    /** Runs `body` with the hook armed to fail statement `failAt` (0: never), and says how many ran. */
    async armed<T>(
      failAt: number,
      body: () => Promise<T>,
    ): Promise<{ result: T | undefined; error: unknown; statements: number }> {
      Object.assign(state, { armed: true, failAt, seen: 0, verbs: [] });
      try {
        return { result: await body(), error: undefined, statements: state.seen };
      } catch (error) {
        return { result: undefined, error, statements: state.seen };
      } finally {
        state.armed = false;
      }
    },
    verbs: () => [...state.verbs],
  };
}

function faults(factory: StoreFactory): ConformanceCheck[] {
  return [
    {
      name:
        'tx fault: failing the Nth statement of a transaction (every N) rejects it and leaves rows, events ' +
        'and instants as they were',
      async run() {
        const f = await faultyHandle(factory);
        try {
          const { store } = f.handle;
          await seedEveryVerb(store);
          const dry = await f.armed(0, () =>
            store.transaction(['k:seed', 'k:dry'], (tx) => everyVerb(tx, 'dry', new Date(2_000))),
          );
          check(dry.error === undefined, `the transaction runs without a fault: ${String(dry.error)}`);
          check(
            dry.statements >= 3,
            `the hook is called for each statement (it saw ${dry.statements}: ${f.verbs().join(', ')})`,
          );
          for (let n = 1; n <= dry.statements; n++) {
            const before = await f.handle.dump();
            const tag = `n${n}`;
            const run = await f.armed(n, () =>
              store.transaction(['k:seed', `k:${tag}`], (tx) => everyVerb(tx, tag, new Date(9_000))),
            );
            check(run.error !== undefined, `failing statement ${n} of ${dry.statements} rejects the transaction`);
            checkSameDump(await f.handle.dump(), before, `after failing statement ${n} of ${dry.statements}`);
            checkEqual(await lastInstant(store, ['k:seed']), 2_000, `lastInstant after failing statement ${n}`);
          }
        } finally {
          await f.handle.close();
        }
      },
    },
  ];
}

/** Transaction semantics: rollback, events, visibility, the monotonic instant, races, faults. */
export function transactionChecks(factory: StoreFactory, numRuns: number): ConformanceCheck[] {
  return [...examples(factory), ...races(factory, numRuns), ...faults(factory)];
}
