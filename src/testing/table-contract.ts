// Internal: the table contract of the storage port, verb by verb. Properties and model runs
// compare the store with the simplest model there is: the rows in an array, each index read by
// computing `of` for every row, filtering and sorting (index values, then primary key, by code
// point). Examples pin the behaviours a reader looks for by name.
import fc from 'fast-check';
import type { IndexRange, IndexValue, Store, TableDef, Transaction } from '../ports/store.js';
import { TABLES, codesTable, failedSearchesTable, linksTable, type FailedSearchRow } from '../storage/tables.js';
import type { AdCodeRecord } from '../spark-codes/spark-codes.model.js';
import type { BcLinkRecord } from '../business-center/business-center.model.js';
import {
  assertProperty,
  check,
  checkEqual,
  checkRejects,
  checkSameDump,
  compareText,
  compareTuple,
  compareValue,
  handleCheck,
  render,
  withHandle,
} from './check.js';
import { LIBRARY_ROWS, TEST_ROWS, type RowSpec } from './rows.js';
import type { ConformanceCheck, StoreFactory, StoreHandle } from './types.js';

type Row = Record<string, unknown>;
type AnyTable = TableDef<Row>;
const asTable = (t: TableDef<never>) => t as unknown as AnyTable;

// ---- the model ---------------------------------------------------------------------------------

/** Rows of one table in an array sorted by primary key: what the store should hold. */
export class TableModel {
  readonly rows: Row[] = [];
  constructor(readonly table: AnyTable) {}

  get(key: string): Row | undefined {
    return this.rows.find((r) => this.table.key(r) === key);
  }

  /** Why writing `row` must be refused (`undefined` when it must not). */
  refusal(row: Row, verb: 'insert' | 'update'): string | undefined {
    const key = this.table.key(row);
    const existing = this.get(key);
    if (verb === 'insert' && existing !== undefined) return `the key ${key} is in use`;
    if (verb === 'update' && existing === undefined) return `there is no row ${key}`;
    for (const [name, index] of Object.entries(this.table.indexes)) {
      if (!index.unique) continue;
      const values = index.of(row);
      if (values === undefined) continue;
      const clash = this.rows.find((r) => this.table.key(r) !== key && sameTuple(index.of(r), values));
      if (clash !== undefined) return `unique index ${name} holds ${render(values)} for ${this.table.key(clash)}`;
    }
    return undefined;
  }

  put(row: Row): void {
    this.delete(this.table.key(row));
    this.rows.push(structuredClone(row));
    this.rows.sort((a, b) => compareText(this.table.key(a), this.table.key(b)));
  }

  delete(key: string): void {
    const i = this.rows.findIndex((r) => this.table.key(r) === key);
    if (i >= 0) this.rows.splice(i, 1);
  }

  /** The rows an index range matches, in order, ignoring `limit` and `reverse`. */
  matching(index: string, range: IndexRange = {}): Row[] {
    const def = this.table.indexes[index]!;
    const eq = range.eq ?? [];
    const hits: { tuple: readonly IndexValue[]; key: string; row: Row }[] = [];
    for (const row of this.rows) {
      const tuple = def.of(row);
      if (tuple === undefined) continue;
      if (!eq.every((v, i) => compareValue(tuple[i]!, v) === 0)) continue;
      const next = tuple[eq.length];
      if (range.gte !== undefined && (next === undefined || compareValue(next, range.gte) < 0)) continue;
      if (range.lt !== undefined && (next === undefined || compareValue(next, range.lt) >= 0)) continue;
      hits.push({ tuple, key: this.table.key(row), row });
    }
    hits.sort((a, b) => compareTuple(a.tuple, b.tuple) || compareText(a.key, b.key));
    return hits.map((h) => h.row);
  }

  list(index: string, range: IndexRange = {}): Row[] {
    const rows = this.matching(index, range);
    if (range.reverse) rows.reverse();
    return range.limit === undefined ? rows : rows.slice(0, range.limit);
  }
}

function sameTuple(a: readonly IndexValue[] | undefined, b: readonly IndexValue[]): boolean {
  return a !== undefined && a.length === b.length && a.every((v, i) => compareValue(v, b[i]!) === 0);
}

const keysOf = (table: AnyTable, rows: readonly Row[]) => rows.map((r) => table.key(r));
const lockOf = (table: AnyTable) => [`conformance:${table.name}`];

/** Deletes every row the spec can make, so each run starts from an empty table on a shared handle. */
async function clear(store: Store, spec: RowSpec<never>): Promise<void> {
  const table = asTable(spec.table);
  const keys = Array.from({ length: spec.keys }, (_, k) =>
    table.key(fc.sample(spec.row(k), { numRuns: 1, seed: 1 })[0] as unknown as Row),
  );
  await store.transaction(lockOf(table), async (tx) => {
    for (const key of keys) await tx.delete(table, key);
  });
}

/** Scrambles every field of a row in place: Dates, strings, numbers, arrays and nested objects. */
export function scramble(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  if (value instanceof Date) {
    value.setTime(123);
    return;
  }
  const o = value as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    const v = o[k];
    if (typeof v === 'string') o[k] = `${v}!changed`;
    else if (typeof v === 'number') o[k] = v + 1;
    else if (typeof v === 'boolean') o[k] = !v;
    else scramble(v);
  }
  if (Array.isArray(value)) value.push('changed');
}

// ---- ranges ------------------------------------------------------------------------------------

const anyRow = (spec: RowSpec<never>) => fc.nat(spec.keys - 1).chain((k) => spec.row(k)) as fc.Arbitrary<Row>;

/** A range of `index` whose values come from rows the spec makes, so that it matches some. */
function rangeArb(spec: RowSpec<never>, index: string): fc.Arbitrary<IndexRange | undefined> {
  const def = asTable(spec.table).indexes[index]!;
  return fc
    .record({
      rows: fc.tuple(anyRow(spec), anyRow(spec), anyRow(spec)),
      p: fc.nat(def.parts.length),
      gte: fc.boolean(),
      lt: fc.boolean(),
      limit: fc.option(fc.constantFrom(0, 1, 2, 5), { nil: undefined }),
      reverse: fc.boolean(),
      none: fc.nat(9),
    })
    .map((x) => {
      if (x.none === 0) return undefined;
      const [a, b, c] = x.rows.map((r) => def.of(r));
      const eq = (a ?? []).slice(0, x.p);
      const p = eq.length;
      const range: { -readonly [K in keyof IndexRange]: IndexRange[K] } = {};
      if (eq.length > 0) range.eq = eq;
      if (p < def.parts.length) {
        if (x.gte && b !== undefined) range.gte = b[p]!;
        if (x.lt && c !== undefined) range.lt = c[p]!;
      }
      if (x.limit !== undefined) range.limit = x.limit;
      if (x.reverse) range.reverse = true;
      return range;
    });
}

async function checkIndex(
  reader: Pick<Store, 'list' | 'count'>,
  model: TableModel,
  index: string,
  range: IndexRange | undefined,
) {
  const table = model.table;
  const got = await reader.list(table, index, range);
  const want = model.list(index, range);
  const where = `${table.name}.${index} ${render(range)}`;
  checkEqual(
    keysOf(table, got as Row[]),
    keysOf(table, want),
    `list ${where}: the rows in index order, then by primary key`,
  );
  checkEqual(got, want, `list ${where}: the rows as written`);
  const n = await reader.count(table, index, range);
  checkEqual(n, model.matching(index, range).length, `count ${where} (limit and reverse ignored)`);
}

// ---- model-based run ---------------------------------------------------------------------------

interface Real {
  readonly store: Store;
}

type Cmd = fc.AsyncCommand<TableModel, Real>;

async function expectGet(store: Store, model: TableModel, key: string, what: string): Promise<void> {
  checkEqual(
    await store.get(model.table, key),
    model.get(key),
    `${what}: get(${model.table.name}, ${JSON.stringify(key)})`,
  );
}

class Insert implements Cmd {
  constructor(readonly row: Row) {}
  check() {
    return true;
  }
  async run(m: TableModel, r: Real) {
    const passed = structuredClone(this.row);
    const refusal = m.refusal(this.row, 'insert');
    const key = m.table.key(this.row);
    const write = r.store.transaction(lockOf(m.table), (tx) => tx.insert(m.table, passed));
    if (refusal !== undefined) {
      await checkRejects(write, `insert into ${m.table.name} must reject: ${refusal}`);
    } else {
      await write;
      m.put(this.row);
      scramble(passed); // the caller's object is not the stored row
    }
    await expectGet(r.store, m, key, `after insert ${key}`);
  }
  toString() {
    return `insert(${render(this.row)})`;
  }
}

class Update implements Cmd {
  constructor(readonly row: Row) {}
  check() {
    return true;
  }
  async run(m: TableModel, r: Real) {
    const passed = structuredClone(this.row);
    const refusal = m.refusal(this.row, 'update');
    const key = m.table.key(this.row);
    const write = r.store.transaction(lockOf(m.table), (tx) => tx.update(m.table, passed));
    if (refusal !== undefined) {
      await checkRejects(write, `update of ${m.table.name} must reject: ${refusal}`);
    } else {
      await write;
      m.put(this.row);
      scramble(passed);
    }
    await expectGet(r.store, m, key, `after update ${key}`);
  }
  toString() {
    return `update(${render(this.row)})`;
  }
}

class Delete implements Cmd {
  constructor(readonly key: string) {}
  check() {
    return true;
  }
  async run(m: TableModel, r: Real) {
    await r.store.transaction(lockOf(m.table), (tx) => tx.delete(m.table, this.key));
    m.delete(this.key);
    await expectGet(r.store, m, this.key, `after delete ${this.key}`);
  }
  toString() {
    return `delete(${JSON.stringify(this.key)})`;
  }
}

class Read implements Cmd {
  constructor(
    readonly index: string,
    readonly range: IndexRange | undefined,
    readonly inTransaction: boolean,
  ) {}
  check() {
    return true;
  }
  async run(m: TableModel, r: Real) {
    if (this.inTransaction)
      await r.store.transaction(lockOf(m.table), (tx) => checkIndex(tx, m, this.index, this.range));
    else await checkIndex(r.store, m, this.index, this.range);
  }
  toString() {
    return `${this.inTransaction ? 'tx.' : ''}list/count(${this.index}, ${render(this.range)})`;
  }
}

/** A returned row is a copy: scrambling it changes nothing stored. */
class MutateReturned implements Cmd {
  constructor(readonly key: string) {}
  check() {
    return true;
  }
  async run(m: TableModel, r: Real) {
    const got = await r.store.get(m.table, this.key);
    scramble(got);
    const listed = await Promise.all(Object.keys(m.table.indexes).map((i) => r.store.list(m.table, i)));
    listed.forEach((rows) => rows.forEach(scramble));
    await expectGet(r.store, m, this.key, 'after scrambling returned rows');
  }
  toString() {
    return `mutateReturned(${JSON.stringify(this.key)})`;
  }
}

function commandsFor(spec: RowSpec<never>): fc.Arbitrary<Cmd>[] {
  const table = asTable(spec.table);
  const keyArb = fc.nat(spec.keys - 1).chain((k) => spec.row(k).map((row) => table.key(row as Row)));
  const indexes = Object.keys(table.indexes);
  const cmds: fc.Arbitrary<Cmd>[] = [
    anyRow(spec).map((row) => new Insert(row)),
    anyRow(spec).map((row) => new Insert(row)),
    anyRow(spec).map((row) => new Update(row)),
    keyArb.map((key) => new Delete(key)),
    keyArb.map((key) => new MutateReturned(key)),
  ];
  if (indexes.length > 0) {
    cmds.push(
      fc
        .constantFrom(...indexes)
        .chain((i) => fc.tuple(rangeArb(spec, i), fc.boolean()).map(([range, inTx]) => new Read(i, range, inTx))),
    );
  }
  return cmds;
}

function modelRun(factory: StoreFactory, spec: RowSpec<never>, numRuns: number): ConformanceCheck {
  const table = asTable(spec.table);
  return {
    name: `table ${table.name}: get, insert, update, delete, list and count match a sorted-array model (fc.commands)`,
    run: () =>
      withHandle(factory, async (handle) => {
        await assertProperty(
          fc.asyncProperty(fc.commands(commandsFor(spec), { maxCommands: 30 }), async (cmds) => {
            await clear(handle.store, spec);
            await fc.asyncModelRun(() => ({ model: new TableModel(table), real: { store: handle.store } }), cmds);
          }),
          { numRuns },
        );
      }),
  };
}

/** Any set of rows written, then any range of any index: list and count agree with the model. */
function rangesProperty(factory: StoreFactory, spec: RowSpec<never>, numRuns: number): ConformanceCheck {
  const table = asTable(spec.table);
  const indexes = Object.keys(table.indexes);
  const ranges = fc.array(
    fc.constantFrom(...indexes).chain((i) => rangeArb(spec, i).map((range) => ({ i, range }))),
    {
      minLength: 1,
      maxLength: 8,
    },
  );
  return {
    name: `table ${table.name}: every index range (eq, gte, lt, reverse, limit) lists and counts as the model`,
    run: () =>
      withHandle(factory, async (handle) => {
        await assertProperty(
          fc.asyncProperty(fc.array(anyRow(spec), { maxLength: 12 }), ranges, async (rows, queries) => {
            await clear(handle.store, spec);
            const model = new TableModel(table);
            // One transaction for the rows the model accepts: each insert or update in order.
            const accepted = rows.filter((row) => {
              const verb = model.get(table.key(row)) === undefined ? 'insert' : 'update';
              if (model.refusal(row, verb) !== undefined) return false;
              model.put(row);
              return true;
            });
            await handle.store.transaction(lockOf(table), async (tx) => {
              const written = new Set<string>();
              for (const row of accepted) {
                const key = table.key(row);
                if (written.has(key)) await tx.update(table, row);
                else await tx.insert(table, row);
                written.add(key);
              }
            });
            for (const { i, range } of queries) await checkIndex(handle.store, model, i, range);
          }),
          { numRuns },
        );
      }),
  };
}

// ---- examples ----------------------------------------------------------------------------------

const T = (iso: string) => new Date(iso);
const tx1 =
  (store: Store) =>
  <T>(work: (tx: Transaction) => Promise<T>): Promise<T> =>
    store.transaction(['c:1'], work);

function codeRow(id: string, over: Partial<AdCodeRecord> = {}): AdCodeRecord {
  return {
    id,
    digest: id.padEnd(64, '0'),
    nonce: '00'.repeat(32),
    fingerprint: '#abcd…wxyz',
    creatorId: 'cr-1',
    videoId: 'v-1',
    periodDays: 30,
    generatedAt: T('2026-01-01T00:00:00.000Z'),
    expiresAt: T('2026-01-31T00:00:00.000Z'),
    preview: { creatorId: 'cr-1', creatorName: 'Dana', videoId: 'v-1', title: 'Morning' },
    ...over,
  } as AdCodeRecord;
}

function linkRow(id: string, bc: string, acc: string, unlinkedAt?: Date): BcLinkRecord {
  return {
    id,
    businessCenterId: bc,
    accountId: acc,
    permissionLevel: 'DELIVER_ADS',
    permissions: ['EXISTING_POSTS'],
    method: 'LOGIN',
    linkedAt: T('2026-01-01T00:00:00.000Z'),
    linkedBy: { kind: 'user', id: 'u' },
    account: { accountType: 'CREATOR', isPrivate: false },
    ...(unlinkedAt === undefined ? {} : { unlinkedAt, unlinkedBy: { kind: 'user', id: 'u' } }),
  } as unknown as BcLinkRecord;
}

const search = (id: string, adAccountId: string, ms: number): FailedSearchRow =>
  ({ id, adAccountId, at: new Date(ms) }) as FailedSearchRow;

/** Runs `write` (started only once the dump before it is taken) and checks it rejects and writes nothing. */
async function rejectsAndKeeps(handle: StoreHandle, write: () => Promise<unknown>, message: string): Promise<void> {
  const before = await handle.dump();
  await checkRejects(write(), message);
  checkSameDump(await handle.dump(), before, `${message}: nothing written`);
}

function examples(factory: StoreFactory): ConformanceCheck[] {
  const on = (name: string, body: (h: StoreHandle) => Promise<void>) => handleCheck(factory, name, body);
  return [
    on(
      'table: insert then get returns an equal row with its Dates as Dates; a missing key is undefined',
      async ({ store }) => {
        const row = codeRow('code_1', { revokedAt: T('2026-01-02T03:04:05.678Z') });
        await tx1(store)((tx) => tx.insert(codesTable, row));
        const got = await store.get(codesTable, 'code_1');
        checkEqual(got, row, 'get returns the row as inserted');
        check(got?.generatedAt instanceof Date && got.revokedAt instanceof Date, 'instants come back as Date objects');
        checkEqual(await store.get(codesTable, 'code_2'), undefined, 'a missing key is undefined');
        checkEqual(await tx1(store)((tx) => tx.get(codesTable, 'code_1')), row, 'the same inside a transaction');
      },
    ),
    on('table: rows handed in and handed out are copies: mutating one changes nothing stored', async ({ store }) => {
      const row = codeRow('code_1');
      const passed = structuredClone(row);
      await tx1(store)(async (tx) => {
        await tx.insert(codesTable, passed);
        scramble(passed);
        scramble(await tx.get(codesTable, 'code_1'));
        (await tx.list(codesTable, 'byVideo')).forEach(scramble);
      });
      scramble(await store.get(codesTable, 'code_1'));
      (await store.list(codesTable, 'byCreator')).forEach(scramble);
      checkEqual(await store.get(codesTable, 'code_1'), row, 'the stored row is unchanged');
      checkEqual(await store.list(codesTable, 'byVideo', { eq: ['v-1'] }), [row], 'and so are its index entries');
    }),
    on('table: an insert with a key in use rejects, and its whole transaction rolls back', async (handle) => {
      await tx1(handle.store)((tx) => tx.insert(codesTable, codeRow('code_1')));
      await rejectsAndKeeps(
        handle,
        () =>
          tx1(handle.store)(async (tx) => {
            await tx.insert(codesTable, codeRow('code_2'));
            await tx.insert(codesTable, codeRow('code_1', { videoId: 'v-9' } as Partial<AdCodeRecord>));
          }),
        'inserting a second row with key code_1',
      );
      checkEqual(
        await handle.store.get(codesTable, 'code_2'),
        undefined,
        'the earlier insert of the transaction is undone',
      );
    }),
    on('table: update replaces the row and moves its index entries; updating a missing row rejects', async (handle) => {
      const { store } = handle;
      await tx1(store)((tx) => tx.insert(codesTable, codeRow('code_1')));
      const moved = codeRow('code_1', { videoId: 'v-2', creatorId: 'cr-2' } as Partial<AdCodeRecord>);
      await tx1(store)((tx) => tx.update(codesTable, moved));
      checkEqual(await store.get(codesTable, 'code_1'), moved, 'get returns the new row');
      checkEqual(await store.list(codesTable, 'byVideo', { eq: ['v-1'] }), [], 'the old index entry is gone');
      checkEqual(await store.list(codesTable, 'byVideo', { eq: ['v-2'] }), [moved], 'the new one is there');
      await rejectsAndKeeps(
        handle,
        () => tx1(store)((tx) => tx.update(codesTable, codeRow('code_9'))),
        'updating a missing row',
      );
    }),
    on('table: delete removes the row from every index; deleting a missing row is not an error', async ({ store }) => {
      await tx1(store)((tx) => tx.insert(codesTable, codeRow('code_1')));
      await tx1(store)(async (tx) => {
        await tx.delete(codesTable, 'code_1');
        await tx.delete(codesTable, 'code_1');
        await tx.delete(codesTable, 'code_never');
      });
      checkEqual(await store.get(codesTable, 'code_1'), undefined, 'the row is gone');
      for (const index of Object.keys(codesTable.indexes)) {
        checkEqual(await store.count(codesTable, index), 0, `index ${index} is empty`);
      }
      await tx1(store)((tx) => tx.insert(codesTable, codeRow('code_1')));
      checkEqual(await store.count(codesTable, 'byDigest'), 1, 'the key and its unique value can be used again');
    }),
    on(
      'table: a unique index clash rejects insert and update and writes nothing; rows out of the index never clash',
      async (handle) => {
        const { store } = handle;
        const t = T('2026-02-01T00:00:00.000Z');
        await tx1(store)(async (tx) => {
          await tx.insert(linksTable, linkRow('link_1', 'bc-1', 'tt-1'));
          await tx.insert(linksTable, linkRow('link_2', 'bc-1', 'tt-1', t)); // unlinked: not in activePair
          await tx.insert(linksTable, linkRow('link_3', 'bc-1', 'tt-2'));
        });
        await rejectsAndKeeps(
          handle,
          () => tx1(store)((tx) => tx.insert(linksTable, linkRow('link_4', 'bc-1', 'tt-1'))),
          'a second active link',
        );
        await rejectsAndKeeps(
          handle,
          () => tx1(store)((tx) => tx.update(linksTable, linkRow('link_3', 'bc-1', 'tt-1'))),
          'an update onto it',
        );
        await rejectsAndKeeps(
          handle,
          () => tx1(store)((tx) => tx.update(linksTable, linkRow('link_2', 'bc-1', 'tt-1'))),
          'relinking link_2',
        );
        await rejectsAndKeeps(
          handle,
          () =>
            tx1(store)(async (tx) => {
              await tx.insert(codesTable, { ...codeRow('code_2'), digest: 'x' });
              await tx.insert(codesTable, { ...codeRow('code_3'), digest: 'x' });
            }),
          'two codes with one digest in one transaction',
        );
        await tx1(store)((tx) => tx.update(linksTable, linkRow('link_1', 'bc-1', 'tt-1', t)));
        await tx1(store)((tx) => tx.update(linksTable, linkRow('link_2', 'bc-1', 'tt-1')));
        checkEqual(
          await store.count(linksTable, 'activePair', { eq: ['bc-1', 'tt-1'] }),
          1,
          'once link_1 left the index, link_2 may enter',
        );
        await tx1(store)((tx) => tx.update(linksTable, linkRow('link_2', 'bc-1', 'tt-1')));
      },
    ),
    on('table: partial indexes hold only the rows their `of` keeps, and follow updates', async ({ store }) => {
      const t = T('2026-02-01T00:00:00.000Z');
      await tx1(store)(async (tx) => {
        await tx.insert(linksTable, linkRow('link_1', 'bc-1', 'tt-1'));
        await tx.insert(linksTable, linkRow('link_2', 'bc-2', 'tt-1', t));
      });
      const active = async () => (await store.list(linksTable, 'activeByAccount', { eq: ['tt-1'] })).map((l) => l.id);
      checkEqual(await active(), ['link_1'], 'only the active link is in the partial index');
      await tx1(store)((tx) => tx.update(linksTable, linkRow('link_1', 'bc-1', 'tt-1', t)));
      checkEqual(await active(), [], 'unlinking takes it out');
      await tx1(store)((tx) => tx.update(linksTable, linkRow('link_2', 'bc-2', 'tt-1')));
      checkEqual(await active(), ['link_2'], 'and an update can put a row in');
      checkEqual(await store.count(linksTable, 'activeByBusinessCenter'), 1, 'count sees the same rows');
    }),
    on(
      'table: list orders by index values then primary key; eq, gte, lt, reverse and limit; count ignores limit',
      async ({ store }) => {
        const rows = [
          search('s_2', 'acc-b', 20),
          search('s_1', 'acc-b', 20),
          search('s_3', 'acc-b', 10),
          search('s_4', 'acc-b', 30),
          search('s_5', 'acc-a', 20),
          search('s_6', 'acc-B', 5),
          search('s_7', 'acc-b_', 1),
        ];
        await tx1(store)(async (tx) => {
          for (const r of rows) await tx.insert(failedSearchesTable, r);
        });
        const ids = async (range?: IndexRange) =>
          (await store.list(failedSearchesTable, 'byAccount', range)).map((r) => r.id);
        checkEqual(
          await ids(),
          ['s_6', 's_5', 's_3', 's_1', 's_2', 's_4', 's_7'],
          'all: by account (code point: B < a < b < b_), at, id',
        );
        checkEqual(
          await ids({ eq: ['acc-b'] }),
          ['s_3', 's_1', 's_2', 's_4'],
          'eq on the first value; ties by primary key',
        );
        checkEqual(await ids({ eq: ['acc-b'], gte: 20 }), ['s_1', 's_2', 's_4'], 'gte is inclusive');
        checkEqual(await ids({ eq: ['acc-b'], lt: 20 }), ['s_3'], 'lt is exclusive');
        checkEqual(await ids({ eq: ['acc-b'], gte: 11, lt: 30 }), ['s_1', 's_2'], 'gte and lt together');
        checkEqual(
          await ids({ eq: ['acc-b'], reverse: true }),
          ['s_4', 's_2', 's_1', 's_3'],
          'reverse: descending, ties too',
        );
        checkEqual(await ids({ eq: ['acc-b'], reverse: true, limit: 2 }), ['s_4', 's_2'], 'limit after reverse');
        checkEqual(await ids({ eq: ['acc-b'], limit: 0 }), [], 'limit 0');
        checkEqual(await ids({ gte: 'acc-a', lt: 'acc-b' }), ['s_5'], 'a range on the first value');
        checkEqual(await ids({ eq: ['acc-b', 20] }), ['s_1', 's_2'], 'eq on every value');
        checkEqual(await ids({ eq: ['acc-z'] }), [], 'no match');
        checkEqual(
          await store.count(failedSearchesTable, 'byAccount', { eq: ['acc-b'], limit: 1, reverse: true }),
          4,
          'count',
        );
      },
    ),
    on(
      'table: text index values order by code point, as UTF-8 bytes do (astral letters after U+FFFD)',
      async ({ store }) => {
        const accounts = ['\u{1F600}', '\uFFFD', 'z', '\u00E9', 'Z'];
        await tx1(store)(async (tx) => {
          for (const [i, acc] of accounts.entries()) await tx.insert(failedSearchesTable, search(`s_${i}`, acc, 0));
        });
        const listed = (await store.list(failedSearchesTable, 'byAccount')).map((r) => r.adAccountId);
        checkEqual(listed, ['Z', 'z', '\u00E9', '\uFFFD', '\u{1F600}'], 'ascending code points');
        checkEqual(
          await store.count(failedSearchesTable, 'byAccount', { gte: '\uFFFD' }),
          2,
          'U+1F600 is at or above U+FFFD',
        );
      },
    ),
  ];
}

/**
 * The table contract: examples of each verb, then for every table of the library (and the
 * suite's own tables) a property over index ranges and a model-based run of every verb.
 */
export function tableChecks(factory: StoreFactory, numRuns: number, testTables: boolean): ConformanceCheck[] {
  const specs: RowSpec<never>[] = [];
  const missing: string[] = [];
  for (const table of TABLES) {
    const spec = LIBRARY_ROWS[table.name];
    if (spec === undefined || spec.table !== table) missing.push(table.name);
    else specs.push(spec);
  }
  if (testTables) specs.push(...TEST_ROWS);
  const coverage: ConformanceCheck = {
    name: 'table: the suite has rows for every table of the library (TABLES)',
    async run() {
      checkEqual(missing, [], 'tables without a row generator in src/testing/rows.ts');
    },
  };
  return [
    coverage,
    ...examples(factory),
    ...specs.filter((s) => Object.keys(s.table.indexes).length > 0).map((s) => rangesProperty(factory, s, numRuns)),
    ...specs.map((s) => modelRun(factory, s, numRuns)),
  ];
}
