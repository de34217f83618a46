/// <reference types="node" />
// The PostgreSQL adapter's own verbs, transactions and migrations, on PGlite and (with
// DATABASE_URL) on a server. The service-level races run in the conformance suite.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import pg from 'pg';
import { memoryStore } from '../memory/memory-store.js';
import type { IndexRange, Store, TableDef } from '../../ports/store.js';
import type { EventId } from '../../kernel/ids.js';
import type { NewEvent } from '../../kernel/events.js';
import { TABLES } from '../../storage/tables.js';
import { postgresStore, type PostgresStore, type PostgresTarget } from './index.js';
import { tableSql } from './sql-tables.js';
import { quoteIdent } from './sql-client.js';
import {
  closeSharedPGlite,
  DATABASE_URL,
  freshSchema,
  freshStore,
  pgliteFactory,
  serverFactory,
  serverPool,
  sharedPGlite,
} from '../../../test/pg-fixtures.js';

const numRuns = Number(process.env.FC_NUM_RUNS ?? 15);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Item {
  readonly id: string;
  readonly group: string;
  readonly rank: number;
  readonly at: Date;
  readonly tag?: string;
  readonly extra?: unknown;
}
/** A table outside `TABLES`: created on first use. */
const items: TableDef<Item> = {
  name: 'pg_test_items',
  key: (r) => r.id,
  indexes: {
    byGroup: { parts: ['text', 'number'], of: (r) => [r.group, r.rank] },
    byTag: { parts: ['text'], of: (r) => (r.tag === undefined ? undefined : [r.tag]), unique: true },
    byAt: { parts: ['number'], of: (r) => [r.at.getTime()] },
  },
};
interface Counter {
  readonly id: string;
  readonly n: number;
}
const counters: TableDef<Counter> = { name: 'pg_test_counters', key: (r) => r.id, indexes: {} };

const T0 = Date.UTC(2026, 4, 1);
const item = (id: string, more: Partial<Item> = {}): Item => ({ id, group: 'g', rank: 1, at: new Date(T0), ...more });
const event = (id: string, data: Record<string, unknown> = {}): NewEvent => ({
  id: id as EventId,
  type: 'test.happened',
  at: new Date(T0),
  actor: { kind: 'system', id: 'system' },
  subject: { kind: 'item', id },
  data,
});
const retryable = (code: string) => Object.assign(new Error(`injected ${code}`), { code });

// --- targets --------------------------------------------------------------------------------

type Sql = { query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }> };
interface Target {
  readonly name: string;
  readonly server: boolean;
  /** Where stores keep their data, and a second connection to it (a second app server). */
  readonly main: () => Promise<PostgresTarget>;
  readonly other: () => Promise<PostgresTarget>;
  readonly sql: () => Promise<Sql>;
}
const pool = DATABASE_URL ? serverPool(12) : undefined;
const otherPool = DATABASE_URL ? serverPool(12) : undefined;
// The server target is always listed, so that without DATABASE_URL its tests show as skipped.
const targets: Target[] = [
  {
    name: 'PGlite',
    server: false,
    sql: sharedPGlite,
    main: async () => ({ pglite: await sharedPGlite() }),
    other: async () => ({ pglite: await sharedPGlite() }),
  },
  {
    name: 'server',
    server: true,
    sql: async () => pool!,
    main: async () => ({ pool: pool! }),
    other: async () => ({ pool: otherPool! }),
  },
];
// Timeouts only stop a hang: far above what any test takes on a loaded machine. Making a PGlite
// takes seconds of CPU: done once for the file, before the tests, with a limit of its own.
const HANG_MS = 300_000;
beforeAll(async () => {
  await sharedPGlite();
}, HANG_MS);
afterAll(async () => {
  await closeSharedPGlite();
  await pool?.end();
  await otherPool?.end();
}, HANG_MS);

/** Runs `fn` on a fresh, migrated store (and a second store over the same schema), then drops the schema. */
async function withStore(
  t: Target,
  fn: (store: PostgresStore, other: PostgresStore) => Promise<void>,
  options: Parameters<typeof freshStore>[2] = {},
): Promise<void> {
  const { store, close } = await freshStore(await t.main(), undefined, options);
  try {
    await fn(store, postgresStore(await t.other(), { schema: store.schema }));
  } finally {
    await close();
  }
}

async function counter(store: Store, id: string): Promise<number> {
  return (await store.get(counters, id))?.n ?? 0;
}

describe('postgresStore options', () => {
  const pglite = { query: async () => ({ rows: [] }), exec: async () => ({}), transaction: async () => ({}) } as never;
  test.each([
    ['no target', () => postgresStore(undefined as never), /first argument/],
    ['both targets', () => postgresStore({ pool: {}, pglite } as never), /exactly one of `pool`/],
    ['neither target', () => postgresStore({} as never), /exactly one of `pool`/],
    ['a pool without connect', () => postgresStore({ pool: { query() {} } } as never), /pool must be a pg Pool/],
    [
      'a pglite without transaction',
      () => postgresStore({ pglite: { query() {}, exec() {} } } as never),
      /pglite must be/,
    ],
    ['a schema with capitals', () => postgresStore({ pglite }, { schema: 'Bad' }), /schema must match/],
    ['a negative maxRetries', () => postgresStore({ pglite }, { maxRetries: -1 }), /maxRetries/],
    ['a fractional maxRetries', () => postgresStore({ pglite }, { maxRetries: 1.5 }), /maxRetries/],
    [
      'an onStatement that is not a function',
      () => postgresStore({ pglite }, { onStatement: 1 as never }),
      /onStatement/,
    ],
    [
      'a non-boolean preparedStatements',
      () => postgresStore({ pglite }, { preparedStatements: 'no' as never }),
      /preparedStatements/,
    ],
  ])('rejects %s with a TypeError naming the option', (_name, make, message) => {
    expect(make).toThrow(TypeError);
    expect(make).toThrow(message);
  });

  test('defaults to the schema tiktok_ad_auth', () => {
    expect(postgresStore({ pglite }).schema).toBe('tiktok_ad_auth');
  });
});

for (const t of targets)
  describe.runIf(!t.server || DATABASE_URL)(`postgresStore on ${t.name}`, () => {
    // --- migrations -------------------------------------------------------------------------

    test('the migrated schema has the table, a column per index part and the indexes of each TableDef', async () => {
      await withStore(t, async (store) => {
        // Arrange
        const sql = await t.sql();
        const { rows: columns } = await sql.query(
          `
        SELECT table_name AS t, column_name AS c, data_type AS type, collation_name AS coll, is_nullable AS nullable
        FROM information_schema.columns WHERE table_schema = $1`,
          [store.schema],
        );
        const { rows: indexes } = await sql.query(
          'SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE schemaname = $1',
          [store.schema],
        );
        type ColumnRow = { t: string; c: string; type: string; coll: string | null; nullable: string };
        const column = new Map(
          (columns as ColumnRow[]).map((r) => [
            `${r.t}.${r.c}`,
            `${r.type}${r.coll ? ` ${r.coll}` : ''}${r.nullable === 'NO' ? ' not null' : ''}`,
          ]),
        );
        const index = new Map((indexes as { name: string; def: string }[]).map((r) => [r.name, r.def]));
        // Act: what each TableDef needs, as sql-tables.ts lays it out
        const missing: string[] = [];
        for (const def of TABLES) {
          const layout = tableSql(def as TableDef<unknown>, quoteIdent(store.schema));
          const want = (name: string, type: string) => {
            const found = column.get(`${def.name}.${name}`);
            if (found !== type) missing.push(`${def.name}.${name} ${type} (found ${found})`);
          };
          want('key', 'text C not null');
          want('data', 'jsonb not null');
          for (const i of layout.indexes) {
            i.columns.forEach((c, n) => want(c, i.def.parts[n] === 'text' ? 'text C' : 'double precision'));
            const columnsOf = [...i.columns, ...(i.def.unique ? [] : ['key'])].join(', ');
            const expected =
              `CREATE ${i.def.unique ? 'UNIQUE ' : ''}INDEX ${i.sqlName} ON ${store.schema}.${def.name} ` +
              `USING btree (${columnsOf}) WHERE (${i.columns[0]} IS NOT NULL)`;
            if (index.get(i.sqlName) !== expected) missing.push(`${expected} (found ${index.get(i.sqlName)})`);
          }
          if (missing.some((m) => m.startsWith(def.name) || m.includes(`.${def.name} `))) {
            missing.push(`-- DDL:\n${layout.createScript}`);
          }
        }
        // Assert
        expect(missing, 'add these to schema.ts (before the first release) or to a new migration').toEqual([]);
        for (const own of ['events.seq', 'events.data', 'lock_instants.key', 'lock_instants.at']) {
          expect(column.has(own)).toBe(true);
        }
      });
    });

    test('migrate() is idempotent and records the schema version', async () => {
      await withStore(t, async (store, other) => {
        expect(await store.migrate()).toEqual({ from: 1, to: 1, applied: [] });
        expect(await other.migrate()).toEqual({ from: 1, to: 1, applied: [] });
        const { rows } = await (await t.sql()).query(
          `SELECT version FROM ${quoteIdent(store.schema)}.schema_migrations`,
        );
        expect(rows).toEqual([{ version: 1 }]);
      });
    });

    test('migrate() run by several stores at once applies the schema exactly once', async () => {
      const schema = freshSchema();
      const stores = [await t.main(), await t.other(), await t.main()].map((target) =>
        postgresStore(target, { schema }),
      );
      try {
        const reports = await Promise.all(stores.map((s) => s.migrate()));
        expect(reports.map((r) => r.applied).sort()).toEqual([[], [], [1]]);
        await stores[1]!.transaction([], (tx) => tx.insert(counters, { id: 'c', n: 1 }));
        expect(await counter(stores[2]!, 'c')).toBe(1);
      } finally {
        await (await t.sql()).query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
      }
    });

    test('migrate() refuses a schema newer than the library', async () => {
      await withStore(t, async (store) => {
        const future = `INSERT INTO ${quoteIdent(store.schema)}.schema_migrations (version, name) VALUES (2, 'future')`;
        await (await t.sql()).query(future);
        await expect(store.migrate()).rejects.toThrow(/newer than this library/);
      });
    });

    // --- verbs --------------------------------------------------------------------------------

    test('get, insert, update and delete keep rows by primary key (X-03)', async () => {
      await withStore(t, async (store) => {
        // Arrange
        const a = item('a', { extra: { list: [1, 'two'] } });
        await store.transaction([], async (tx) => {
          await tx.insert(items, a);
          await tx.insert(items, item('b'));
        });
        // Act and assert
        expect(await store.get(items, 'a')).toEqual(a);
        expect(await store.get(items, 'missing')).toBeUndefined();
        await store.transaction([], async (tx) => {
          expect(await tx.get(items, 'a')).toEqual(a);
          await tx.update(items, { ...a, rank: 7 });
          expect((await tx.get(items, 'a'))?.rank).toBe(7); // its own writes
          await tx.delete(items, 'b');
          await tx.delete(items, 'never-there');
          await expect(tx.update(items, item('missing'))).rejects.toThrow(/no row missing to update/);
          await expect(tx.insert(items, item('a'))).rejects.toThrow(/already has a row a/);
          await tx.insert(items, item('c')); // a rejected insert leaves the transaction usable
        });
        expect((await store.get(items, 'a'))?.rank).toBe(7);
        expect(await store.get(items, 'b')).toBeUndefined();
        expect(await store.get(items, 'c')).toEqual(item('c'));
        const got = (await store.get(items, 'c'))!;
        (got as { rank: number }).rank = 99;
        expect((await store.get(items, 'c'))?.rank).toBe(1); // rows are copies
      });
    });

    test(
      'list and count return what the memory store returns for every index range (property)',
      async () => {
        const groups = ['a', 'B', 'b', 'a b', 'é', 'Z'];
        const ranks = [-1e15, -1.5, 0, 0.25, 1, 2 ** 40];
        const instants = [-1, 0, T0, T0 + 1, Date.UTC(2100, 0, 1)];
        const tags = ['x', 'y', 'Y', 'z'];
        const allIds = ['k a', 'k B', 'k b', 'k é', 'k1', 'k10', 'k2', 'k_'];
        const rowArb = fc
          .record({
            id: fc.constantFrom(...allIds),
            group: fc.constantFrom(...groups),
            rank: fc.constantFrom(...ranks),
            at: fc.constantFrom(...instants).map((ms) => new Date(ms)),
            tag: fc.option(fc.constantFrom(...tags), { nil: undefined }),
          })
          .map((r) => (r.tag === undefined ? { id: r.id, group: r.group, rank: r.rank, at: r.at } : r) as Item);
        const bound = <V extends string | number>(values: readonly V[]) =>
          fc.option(fc.constantFrom(...values), { nil: undefined });
        const limit = fc.option(fc.nat(5), { nil: undefined });
        const rangeArb = fc.oneof(
          fc
            .record({
              g: fc.constantFrom(...groups),
              r: fc.constantFrom(...ranks),
              gteG: bound(groups),
              ltG: bound(groups),
              gteR: bound(ranks),
              ltR: bound(ranks),
              eq: fc.constantFrom(0, 1, 2),
              limit,
              reverse: fc.boolean(),
            })
            .map(({ g, r, gteG, ltG, gteR, ltR, eq, limit, reverse }) => ({
              index: 'byGroup',
              range:
                eq === 0
                  ? { gte: gteG, lt: ltG, limit, reverse }
                  : eq === 1
                    ? { eq: [g], gte: gteR, lt: ltR, limit, reverse }
                    : { eq: [g, r], limit, reverse },
            })),
          fc
            .record({ gte: bound(instants), lt: bound(instants), limit, reverse: fc.boolean() })
            .map((range) => ({ index: 'byAt', range })),
          fc
            .record({ eq: bound(tags), gte: bound(tags), lt: bound(tags), reverse: fc.boolean() })
            .map(({ eq, gte, lt, reverse }) => ({
              index: 'byTag',
              range: eq === undefined ? { gte, lt, reverse } : { eq: [eq], reverse },
            })),
        );
        // Leaves out the members that are undefined: a range's absent bound is absent.
        const clean = (range: object) => JSON.parse(JSON.stringify(range)) as IndexRange;
        await withStore(t, async (store) => {
          const rowsArb = fc.array(rowArb, { maxLength: 12 });
          await fc.assert(
            fc.asyncProperty(rowsArb, fc.array(rangeArb, { minLength: 1, maxLength: 6 }), async (drawn, ranges) => {
              // Arrange: the same rows in both stores, one per id and tag (clashes have their own test)
              const ids = new Set<string>();
              const tagsTaken = new Set<string>();
              const rows = drawn.filter((row) => {
                if (ids.has(row.id) || (row.tag !== undefined && tagsTaken.has(row.tag))) return false;
                ids.add(row.id);
                if (row.tag !== undefined) tagsTaken.add(row.tag);
                return true;
              });
              const model = memoryStore();
              for (const s of [store, model]) {
                await s.transaction([], async (tx) => {
                  for (const id of allIds) await tx.delete(items, id);
                  for (const row of rows) await tx.insert(items, row);
                });
              }
              // Act and assert
              for (const { index, range } of ranges.map((r) => ({ index: r.index, range: clean(r.range) }))) {
                const expected = await model.list(items, index, range);
                expect(await store.list(items, index, range), `${index} ${JSON.stringify(range)}`).toEqual(expected);
                expect(await store.count(items, index, range), `count ${index} ${JSON.stringify(range)}`).toBe(
                  await model.count(items, index, range),
                );
              }
              const first = { index: ranges[0]!.index, range: clean(ranges[0]!.range) };
              const inside = await store.transaction([], (tx) => tx.list(items, first.index, first.range));
              expect(inside).toEqual(await model.list(items, first.index, first.range));
            }),
            { numRuns },
          );
        });
      },
      HANG_MS,
    );

    test('a unique index rejects a second row with the same values; rows outside it never clash', async () => {
      await withStore(t, async (store) => {
        // Arrange
        await store.transaction([], async (tx) => {
          await tx.insert(items, item('a', { tag: 'x' }));
          await tx.insert(items, item('b'));
          await tx.insert(items, item('c')); // no tag: not in byTag, no clash
        });
        // Act and assert: an insert that clashes writes nothing and the transaction goes on
        await store.transaction([], async (tx) => {
          await expect(tx.insert(items, item('d', { tag: 'x' }))).rejects.toThrow(/unique index/);
          await tx.insert(items, item('e', { tag: 'y' }));
        });
        expect(await store.get(items, 'd')).toBeUndefined();
        expect(await store.count(items, 'byTag')).toBe(2);
        // An update that clashes rejects, and so does its transaction, even when work catches it
        const result = store.transaction([], async (tx) => {
          await tx.update(items, item('c', { rank: 5 }));
          await tx.update(items, item('b', { tag: 'x' })).catch(() => 'caught');
          return 'done';
        });
        await expect(result).rejects.toThrow(/clashes with another row in a unique index/);
        expect((await store.get(items, 'c'))?.rank).toBe(1);
        expect(await store.list(items, 'byTag')).toEqual([item('a', { tag: 'x' }), item('e', { tag: 'y' })]);
      });
    });

    test('Dates, nested data and $-keys come back as they went in; non-plain values are refused', async () => {
      await withStore(t, async (store) => {
        // Arrange
        const extra = {
          when: new Date(Date.UTC(1969, 11, 31, 23, 59, 59, 999)),
          dates: [new Date(0), new Date(Date.UTC(2100, 0, 1))],
          $date: 'a plain string',
          $$x: { $date: new Date(1) },
          nested: { deep: [{ at: new Date(T0 + 1) }] },
          text: 'é 中 😀 "quoted" back\\slash\nline',
          numbers: [-1e15, 0.1, Number.MAX_SAFE_INTEGER],
          flags: [true, false, null],
        };
        const row = { ...item('a'), extra };
        // Act
        await store.transaction([], async (tx) => {
          await tx.insert(items, row);
          await tx.insert(items, { ...item('b'), tag: undefined, extra: { gone: undefined } } as unknown as Item);
          tx.append([event('evt_1', { at: new Date(5), list: [new Date(6)] })]);
        });
        // Assert
        expect(await store.get(items, 'a')).toEqual(row);
        expect(Object.keys((await store.get(items, 'b'))!)).not.toContain('tag');
        expect((await store.get(items, 'b'))!.extra).toEqual({});
        expect((await store.readEvents())[0]!.data).toEqual({ at: new Date(5), list: [new Date(6)] });
        class Thing {}
        const bads = [
          new Map(),
          new Thing(),
          Number.NaN,
          Infinity,
          () => 1,
          1n,
          new Date(Number.NaN),
          'nul\u0000',
          [undefined],
          '\ud800',
        ];
        for (const bad of bads) {
          await expect(
            store.transaction([], (tx) => tx.insert(items, { ...item('bad'), extra: bad })),
            String(bad),
          ).rejects.toThrow(TypeError);
        }
        const appendSet = store.transaction([], async (tx) => tx.append([event('evt_2', { m: new Set() })]));
        await expect(appendSet).rejects.toThrow(TypeError);
        expect(await store.get(items, 'bad')).toBeUndefined();
        expect(await store.readEvents()).toHaveLength(1);
      });
    });

    test('tables outside TABLES are created on first use; a definition must be valid and one per name', async () => {
      await withStore(t, async (store) => {
        // A creation in a transaction that rolls back is undone and simply made again.
        await expect(
          store.transaction([], async (tx) => {
            await tx.insert(counters, { id: 'c', n: 1 });
            throw new Error('no');
          }),
        ).rejects.toThrow('no');
        expect(await store.get(counters, 'c')).toBeUndefined();
        await store.transaction([], (tx) => tx.insert(counters, { id: 'c', n: 1 }));
        expect(await counter(store, 'c')).toBe(1);
        const twin: TableDef<Counter> = { ...counters };
        await expect(store.get(twin, 'c')).rejects.toThrow(/two different definitions/);
        await expect(store.get({ ...counters, name: 'events' }, 'c')).rejects.toThrow(/store's own/);
        await expect(store.get({ ...counters, name: 'Bad-Name' }, 'c')).rejects.toThrow(TypeError);
        await expect(store.list(items, 'noSuchIndex')).rejects.toThrow(/has no index noSuchIndex/);
        await expect(store.list(items, 'byGroup', { eq: [1] })).rejects.toThrow(/must be a string/);
        const tooLong = store.list(items, 'byTag', { eq: ['x'], gte: 'y' });
        await expect(tooLong).rejects.toThrow(/more values than the index has/);
        const badIndex: TableDef<Counter> = {
          name: 'pg_test_bad',
          key: (r) => r.id,
          indexes: { byN: { parts: ['number'], of: (r) => [String(r.n)] } },
        };
        const insertBad = store.transaction([], (tx) => tx.insert(badIndex, { id: 'x', n: 1 }));
        await expect(insertBad).rejects.toThrow(/must be a finite number/);
      });
    });

    // --- transactions -------------------------------------------------------------------------

    test('a throw inside work rolls back its writes, events and instant, and is passed on (X-03)', async () => {
      await withStore(t, async (store) => {
        // Arrange
        await store.transaction(['item:a'], async (tx) => {
          await tx.insert(items, item('a'));
          tx.markInstant(new Date(T0));
        });
        const before = await store.dump();
        const failure = new Error('work failed');
        // Act
        const result = store.transaction(['item:a'], async (tx) => {
          await tx.update(items, item('a', { rank: 2 }));
          await tx.insert(items, item('b'));
          await tx.delete(items, 'a');
          tx.append([event('evt_1')]);
          tx.markInstant(new Date(T0 + 1000));
          throw failure;
        });
        // Assert
        await expect(result).rejects.toBe(failure);
        expect(await store.dump()).toEqual(before);
        await store.transaction(['item:a'], async (tx) => expect(tx.lastInstant).toEqual(new Date(T0)));
      });
    });

    test('lastInstant is the latest instant marked under any of the keys, never moved backwards', async () => {
      await withStore(t, async (store, other) => {
        await store.transaction(['a', 'b'], async (tx) => {
          expect(tx.lastInstant).toBeUndefined();
          tx.markInstant(new Date(T0 + 5));
        });
        await other.transaction(['b'], async (tx) => {
          expect(tx.lastInstant).toEqual(new Date(T0 + 5));
          tx.markInstant(new Date(T0 + 1)); // earlier: b stays at T0 + 5
        });
        await store.transaction(['c', 'b'], async (tx) => expect(tx.lastInstant).toEqual(new Date(T0 + 5)));
        await store.transaction(['c'], async (tx) => {
          expect(tx.lastInstant).toBeUndefined();
          tx.markInstant(new Date(T0 + 9));
        });
        await store.transaction(['a', 'c'], async (tx) => expect(tx.lastInstant).toEqual(new Date(T0 + 9)));
        await store.transaction([], async (tx) => expect(tx.lastInstant).toBeUndefined());
      });
    });

    test('events are written only on commit, numbered 1, 2, 3… in the order of the transactions (X-02)', async () => {
      await withStore(t, async (store, other) => {
        await store.transaction(['e'], async (tx) => {
          tx.append([event('evt_1'), event('evt_2')]);
          if (t.server) expect(await other.readEvents()).toEqual([]); // another connection sees nothing yet
        });
        await expect(
          store.transaction(['e'], async (tx) => {
            tx.append([event('evt_lost')]);
            throw new Error('rolled back');
          }),
        ).rejects.toThrow('rolled back');
        await other.transaction([], async (tx) => tx.append([event('evt_3')]));
        const events = await store.readEvents();
        expect(events.map((e) => [e.seq, e.id])).toEqual([
          [1, 'evt_1'],
          [2, 'evt_2'],
          [3, 'evt_3'],
        ]);
        expect(events[0]).toEqual({ ...event('evt_1'), seq: 1 });
        expect((await store.readEvents({ after: 1, limit: 1 })).map((e) => e.id)).toEqual(['evt_2']);
        await expect(store.readEvents({ after: -1 })).rejects.toThrow(TypeError);
        await expect(store.readEvents({ limit: 10_001 })).rejects.toThrow(TypeError);
      });
    });

    test('readEvents never writes: it works on a read-only connection (X-02)', async () => {
      await withStore(t, async (store) => {
        await store.transaction([], async (tx) => tx.append([event('evt_1')]));
        if (t.server) {
          const options = '-c default_transaction_read_only=on';
          const readOnly = new pg.Pool({ connectionString: DATABASE_URL, max: 1, options });
          try {
            expect(await postgresStore({ pool: readOnly }, { schema: store.schema }).readEvents()).toHaveLength(1);
            const dump = await postgresStore({ pool: readOnly }, { schema: store.schema }).dump();
            expect(dump).toMatchObject({ events: [{ id: 'evt_1' }] });
          } finally {
            await readOnly.end();
          }
        } else {
          const sql = await t.sql();
          await sql.query('SET default_transaction_read_only = on');
          try {
            expect(await store.readEvents()).toHaveLength(1);
          } finally {
            await sql.query('SET default_transaction_read_only = off');
          }
        }
      });
    });

    test(
      'a reader polling from its last seq sees each event of concurrent writers exactly once (X-02)',
      async () => {
        await withStore(t, async (store, other) => {
          // Arrange: 24 transactions on two app servers, on distinct keys (they run in parallel)
          const writers = Array.from({ length: 24 }, (_, i) => async () => {
            const s = i % 2 === 0 ? store : other;
            await s.transaction([`w:${i}`], async (tx) => {
              await tx.insert(counters, { id: `w${i}`, n: i });
              await sleep(i % 3);
              tx.append(Array.from({ length: 1 + (i % 3) }, (_, k) => event(`evt_${i}_${k}`, { i, k })));
            });
          });
          // Act: a poller reads while they commit
          const seen: { seq: number; id: string }[] = [];
          let done = false;
          let stop = false;
          const poller = (async () => {
            while (!stop && (!done || seen.length < 48)) {
              const batch = await other.readEvents({ after: seen.at(-1)?.seq ?? 0, limit: 7 });
              seen.push(...batch.map((e) => ({ seq: e.seq, id: e.id })));
              if (batch.length === 0) await sleep(1);
            }
          })();
          const written = await Promise.allSettled(writers.map((w) => w()));
          done = true;
          const failed = written.find((w) => w.status === 'rejected');
          if (failed) {
            stop = true; // the poller would wait forever for the missing events
            await poller.catch(() => {});
            throw failed.reason;
          }
          await poller;
          // Assert: 1 + 2 + 3 events per three writers, gap-free, each writer's events together and in order
          const all = await store.readEvents({ limit: 10_000 });
          expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 48 }, (_, k) => k + 1));
          expect(seen).toEqual(all.map((e) => ({ seq: e.seq, id: e.id })));
          for (let i = 0; i < 24; i++) {
            const mine = all.filter((e) => e.id.startsWith(`evt_${i}_`));
            expect(mine.map((e) => e.seq - mine[0]!.seq)).toEqual(mine.map((_, k) => k));
            expect(mine.map((e) => e.data)).toEqual(mine.map((_, k) => ({ i, k })));
          }
        });
      },
      HANG_MS,
    );

    test(
      'transactions naming the same key exclude each other, across two app servers (X-03)',
      async () => {
        await withStore(t, async (store, other) => {
          // Act: read, wait, write: lost updates unless the lock holds
          const increment = (s: Store) =>
            s.transaction(['counter:c'], async (tx) => {
              const n = (await tx.get(counters, 'c'))?.n ?? 0;
              await sleep(2);
              if (n === 0) await tx.insert(counters, { id: 'c', n: 1 });
              else await tx.update(counters, { id: 'c', n: n + 1 });
            });
          const increments = Array.from({ length: 20 }, (_, i) => increment(i % 2 === 0 ? store : other));
          await Promise.all(increments);
          // Assert
          expect(await counter(store, 'c')).toBe(20);
        });
      },
      HANG_MS,
    );

    test(
      'overlapping key sets in any order never deadlock, and each key still excludes (X-03)',
      async () => {
        await withStore(t, async (store, other) => {
          // Arrange: the same keys named in every order
          const keys = ['k:a', 'k:b', 'k:c', 'k:d'];
          const sets = Array.from({ length: 24 }, (_, i) => [i % 4, (i + 1 + (i % 3)) % 4, (7 * i) % 4]).map((set) =>
            set.map((k) => keys[k]!),
          );
          await store.transaction([], async (tx) => {
            for (const k of keys) await tx.insert(counters, { id: k, n: 0 });
          });
          // Act: each transaction increments the counter of each of its keys, slowly
          let runs = 0;
          await Promise.all(
            sets.map((set, i) =>
              (i % 2 ? store : other).transaction(set, async (tx) => {
                runs++;
                for (const k of new Set(set)) {
                  const n = (await tx.get(counters, k))!.n;
                  await sleep(1);
                  await tx.update(counters, { id: k, n: n + 1 });
                }
              }),
            ),
          );
          // Assert: no transaction had to run again (a deadlock would have been retried)
          expect(runs).toBe(sets.length);
          for (const k of keys) expect(await counter(store, k)).toBe(sets.filter((s) => s.includes(k)).length);
        });
      },
      HANG_MS,
    );

    const retried = 'a serialization failure or deadlock runs work again, up to maxRetries; other errors pass at once';
    test(retried, async () => {
      let failAt: { n: number; times: number; error: () => Error } | undefined;
      await withStore(
        t,
        async (store) => {
          let runs = 0;
          let attempts = 0;
          const work = () =>
            store.transaction(['r'], async (tx) => {
              runs++;
              attempts++;
              await tx.insert(counters, { id: `r${attempts}`, n: runs });
              tx.append([event(`evt_${attempts}`)]);
              return runs;
            });
          // A 40001 on the insert of the first attempt (lock, lastInstant, createTable, insert): the
          // second commits alone.
          failAt = { n: 4, times: 1, error: () => retryable('40001') };
          expect(await work()).toBe(2);
          expect((await store.dump()).tables.pg_test_counters).toEqual([{ id: 'r2', n: 2 }]);
          expect((await store.readEvents()).map((e) => e.id)).toEqual(['evt_2']);
          // A deadlock at commit (lock, lastInstant, insert, lockOutbox, append, commit), three times in a row with
          // maxRetries 2: the third failure is passed on.
          runs = 0;
          failAt = { n: 6, times: 3, error: () => retryable('40P01') };
          await expect(work()).rejects.toMatchObject({ code: '40P01' });
          expect(runs).toBe(3);
          // Any other error: no retry.
          runs = 0;
          failAt = { n: 3, times: 5, error: () => new Error('disk full') };
          await expect(work()).rejects.toThrow('disk full');
          expect(runs).toBe(1);
          expect((await store.readEvents()).map((e) => e.id)).toEqual(['evt_2']);
        },
        {
          maxRetries: 2,
          onStatement: ({ n }) => {
            if (failAt && n === failAt.n && failAt.times > 0) {
              failAt.times--;
              throw failAt.error();
            }
          },
        },
      );
    });

    test.runIf(t.server)(
      'a real deadlock between two transactions is retried and both commit',
      async () => {
        await withStore(t, async (store, other) => {
          await store.transaction([], async (tx) => {
            await tx.insert(counters, { id: 'a', n: 0 });
            await tx.insert(counters, { id: 'b', n: 0 });
          });
          // No lock keys: the two take the rows' locks in opposite orders (PostgreSQL detects it after ~1 s).
          // Each writes its own mark (no read-modify-write: without a lock key that could lose an update).
          let ready = 0;
          let runs = 0;
          const bothHoldOne = async () => {
            ready++;
            while (ready < 2) await sleep(5);
          };
          const mark = (s: Store, first: string, second: string, n: number) =>
            s.transaction([], async (tx) => {
              runs++;
              await tx.update(counters, { id: first, n });
              await bothHoldOne();
              await tx.update(counters, { id: second, n });
              await tx.insert(counters, { id: `done-${n}`, n });
            });
          await Promise.all([mark(store, 'a', 'b', 1), mark(other, 'b', 'a', 2)]);
          // Assert: one was the deadlock's victim and ran again; both committed, the later one wrote both rows
          expect(runs).toBe(3);
          expect([await counter(store, 'done-1'), await counter(store, 'done-2')]).toEqual([1, 2]);
          expect(await counter(store, 'a')).toBe(await counter(store, 'b'));
        });
      },
      HANG_MS,
    );

    test('a storage failure at any statement of a transaction leaves storage as it was (X-03)', async () => {
      let failAt = 0;
      const verbs: string[] = [];
      await withStore(
        t,
        async (store) => {
          // Arrange
          await store.transaction(['item:a'], async (tx) => {
            await tx.insert(items, item('a'));
            tx.markInstant(new Date(T0));
          });
          const before = await store.dump();
          const work = () =>
            store.transaction(['item:a', 'item:b'], async (tx) => {
              const a = (await tx.get(items, 'a'))!;
              await tx.update(items, { ...a, rank: 2 });
              await tx.insert(items, item('b'));
              expect(await tx.count(items, 'byGroup', { eq: ['g'] })).toBe(2);
              await tx.delete(items, 'a');
              tx.append([event('evt_1'), event('evt_2')]);
              tx.markInstant(new Date(T0 + 1));
            });
          // Act: fail statement 1, 2, … until the transaction gets through
          let n = 1;
          for (; ; n++) {
            failAt = n;
            verbs.length = 0;
            const outcome = await work().then(
              () => 'committed',
              (e: Error) => e.message,
            );
            if (outcome === 'committed') break;
            // Assert
            expect(outcome).toBe(`injected failure at ${n}`);
            expect(await store.dump(), `after a failure at statement ${n} (${verbs.at(-1)})`).toEqual(before);
          }
          expect(verbs).toEqual([
            'lock',
            'lastInstant',
            'get',
            'update',
            'insert',
            'count',
            'delete',
            'markInstant',
            'lockOutbox',
            'append',
            'commit',
          ]);
          expect(n).toBe(verbs.length + 1);
          expect((await store.dump()).tables.pg_test_items).toEqual([item('b')]);
          expect((await store.readEvents()).map((e) => e.id)).toEqual(['evt_1', 'evt_2']);
        },
        {
          onStatement: ({ n, verb }) => {
            verbs.push(verb);
            if (n === failAt) throw new Error(`injected failure at ${n}`);
          },
        },
      );
    });

    test('a transaction validates its lock keys and refuses statements once it is over', async () => {
      await withStore(t, async (store) => {
        await expect(store.transaction(['ok', ''], async () => 1)).rejects.toThrow(TypeError);
        await expect(store.transaction('k' as never, async () => 1)).rejects.toThrow(TypeError);
        let leaked: Parameters<Parameters<Store['transaction']>[1]>[0] | undefined;
        await store.transaction(['k'], async (tx) => {
          leaked = tx;
        });
        await expect(leaked!.get(items, 'a')).rejects.toThrow(/the transaction is over/);
        expect(() => leaked!.append([event('evt_late')])).toThrow(/the transaction is over/);
      });
    });

    test('dump() holds every table of the schema and every event, rows in key order', async () => {
      await withStore(t, async (store) => {
        await store.transaction([], async (tx) => {
          await tx.insert(items, item('b'));
          await tx.insert(items, item('a'));
          tx.append([event('evt_1')]);
        });
        const dump = await store.dump();
        expect(Object.keys(dump.tables)).toEqual([...TABLES.map((d) => d.name), items.name].sort());
        expect(dump.tables.pg_test_items).toEqual([item('a'), item('b')]);
        expect(dump.tables.spark_codes).toEqual([]);
        expect(dump.events).toEqual([{ ...event('evt_1'), seq: 1 }]);
      });
    });
  });

for (const { name, factory } of [
  { name: 'PGlite', factory: pgliteFactory },
  { name: 'server', factory: serverFactory(pool!) },
])
  describe.runIf(name === 'PGlite' || DATABASE_URL)(`the ${name} store factory (test/pg-fixtures.ts)`, () => {
    test('gives a fresh store, a second one over the same data, a dump, and drops it all on close', async () => {
      // Arrange
      const statements: string[] = [];
      const handle = await factory({ onStatement: ({ verb }) => void statements.push(verb) });
      const second = await handle.open();
      // Act
      await handle.store.transaction(['x'], (tx) => tx.insert(counters, { id: 'c', n: 1 }));
      // Assert
      expect(await second.get(counters, 'c')).toEqual({ id: 'c', n: 1 });
      expect((await handle.dump()).tables.pg_test_counters).toEqual([{ id: 'c', n: 1 }]);
      expect(statements).toContain('insert');
      await handle.close();
      await expect(second.get(counters, 'c')).rejects.toThrow();
    });
  });
