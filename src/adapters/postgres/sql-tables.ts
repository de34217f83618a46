// Internal: how a `TableDef` is laid out in PostgreSQL and the statements that read and write it.
// One SQL table per TableDef:
//   key   text COLLATE "C" PRIMARY KEY        the row's primary key
//   <index>_<i>  text COLLATE "C" | double precision   part i of each index (null: not in it)
//   data  jsonb NOT NULL                     the row (codec.ts)
// and per index a btree on (its columns…, key) — on its columns alone when unique — restricted
// to the rows in the index (`WHERE <index>_0 IS NOT NULL`). "C" compares text by code point,
// as the port orders it. Nothing else: no functions, no triggers, no rule.
import type { IndexDef, IndexRange, IndexValue, TableDef } from '../../ports/store.js';
import { checkText, toJsonText } from './codec.js';
import { quoteIdent } from './sql-client.js';

/**
 * Tables of the store itself; a TableDef may not take these names.
 *
 * @example
 * ```ts
 * RESERVED_TABLES.has('events'); // true
 * ```
 */
export const RESERVED_TABLES: ReadonlySet<string> = new Set(['events', 'lock_instants', 'schema_migrations']);
const TABLE_NAME = /^[a-z][a-z0-9_]*$/;
const INDEX_NAME = /^[a-z][a-zA-Z0-9]*$/;
/** PostgreSQL's longest identifier (NAMEDATALEN - 1). */
const MAX_IDENTIFIER = 63;

/** One index of a table, as laid out in SQL. */
export interface IndexSql {
  readonly name: string;
  readonly def: IndexDef<unknown>;
  /** The SQL index's name: `<table>_<index in snake case>`. */
  readonly sqlName: string;
  /** Its columns, one per part: `<index in snake case>_<i>`. */
  readonly columns: readonly string[];
}

/** A table as laid out in SQL, and its statements (all texts fixed per table, verb and range shape). */
export interface TableSql {
  readonly def: TableDef<unknown>;
  readonly indexes: readonly IndexSql[];
  /** `CREATE TABLE IF NOT EXISTS` and its indexes, for schema `s` (quoted). */
  readonly createScript: string;
  readonly get: string;
  /** Returns the key, or no row when the key or a unique index value is taken (`ON CONFLICT DO NOTHING`). */
  readonly insert: string;
  /** Returns the key, or no row when there is no row with that key. */
  readonly update: string;
  readonly delete: string;
  /** `[key, …index columns, data]`: the parameters of `insert` and `update` for `row`. */
  params(row: unknown): unknown[];
  /** The statement and parameters reading an index range (`count`: how many rows it holds). */
  range(index: string, range: IndexRange, count: boolean): { readonly text: string; readonly params: unknown[] };
}

/**
 * `byVideo` → `by_video`. Index names have no `_`, so two names never give the same result.
 *
 * @example
 * ```ts
 * snakeCase('activeByBusinessCenter'); // 'active_by_business_center'
 * ```
 */
export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

const sqlType = (part: string) => (part === 'text' ? 'text COLLATE "C"' : 'double precision');

function checkDef(def: TableDef<unknown>): void {
  const where = `postgresStore: table ${JSON.stringify(def?.name)}`;
  if (typeof def?.name !== 'string' || !TABLE_NAME.test(def.name) || def.name.length > MAX_IDENTIFIER) {
    throw new TypeError(`${where}: a table name must match ${TABLE_NAME}, at most ${MAX_IDENTIFIER} characters`);
  }
  if (RESERVED_TABLES.has(def.name)) throw new TypeError(`${where}: the name is the store's own`);
  if (typeof def.key !== 'function') throw new TypeError(`${where}: key must be a function`);
  if (def.indexes === null || typeof def.indexes !== 'object') {
    throw new TypeError(`${where}: indexes must be an object`);
  }
  for (const [name, idx] of Object.entries(def.indexes)) {
    if (!INDEX_NAME.test(name)) {
      throw new TypeError(`${where}: index name ${JSON.stringify(name)} must match ${INDEX_NAME}`);
    }
    if (!Array.isArray(idx?.parts) || idx.parts.length === 0 || idx.parts.some((p) => p !== 'text' && p !== 'number')) {
      throw new TypeError(`${where}: index ${name} must have parts, each 'text' or 'number'`);
    }
    const longest = Math.max(`${def.name}_${snakeCase(name)}`.length, `${snakeCase(name)}_${idx.parts.length}`.length);
    if (longest > MAX_IDENTIFIER) {
      throw new TypeError(`${where}: index ${name} makes an SQL name longer than ${MAX_IDENTIFIER} characters`);
    }
    if (typeof idx.of !== 'function') throw new TypeError(`${where}: index ${name} must have an \`of\` function`);
  }
}

function checkValue(value: unknown, part: string, what: string): IndexValue {
  if (part === 'text') {
    if (typeof value !== 'string') throw new TypeError(`postgresStore: ${what} must be a string`);
    checkText(value, what);
  } else if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TypeError(`postgresStore: ${what} must be a finite number`);
  }
  return value;
}

/**
 * The SQL layout and statements of `def` in schema `s` (already quoted). Validates `def`.
 *
 * @example
 * ```ts
 * const t = tableSql(codesTable, '"tiktok_ad_auth"');
 * await db.query(t.get, ['code_1']);
 * ```
 */
export function tableSql(def: TableDef<unknown>, s: string): TableSql {
  checkDef(def);
  const table = `${s}.${quoteIdent(def.name)}`;
  const indexes: IndexSql[] = Object.entries(def.indexes).map(([name, idx]) => ({
    name,
    def: idx,
    sqlName: `${def.name}_${snakeCase(name)}`,
    columns: idx.parts.map((_, i) => `${snakeCase(name)}_${i}`),
  }));
  const columns = indexes.flatMap((i) => i.columns);
  const q = (c: string) => quoteIdent(c);
  const ddl = [
    `CREATE TABLE IF NOT EXISTS ${table} (`,
    '  key text COLLATE "C" PRIMARY KEY,',
    ...indexes.flatMap((i) => i.columns.map((c, n) => `  ${q(c)} ${sqlType(i.def.parts[n]!)},`)),
    '  data jsonb NOT NULL',
    ');',
    ...indexes.map((i) => {
      const indexed = [...i.columns, ...(i.def.unique ? [] : ['key'])].map(q).join(', ');
      return (
        `CREATE ${i.def.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${q(i.sqlName)} ON ${table} (${indexed}) ` +
        `WHERE ${q(i.columns[0]!)} IS NOT NULL;`
      );
    }),
  ];
  const placeholders = columns.map((_, n) => `$${n + 2}`);
  const dataParam = `$${columns.length + 2}::jsonb`;
  const byName = new Map(indexes.map((i) => [i.name, i]));

  return {
    def,
    indexes,
    createScript: ddl.join('\n'),
    get: `SELECT data FROM ${table} WHERE key = $1`,
    insert:
      `INSERT INTO ${table} (${['key', ...columns.map(q), 'data'].join(', ')}) ` +
      `VALUES (${['$1', ...placeholders, dataParam].join(', ')}) ON CONFLICT DO NOTHING RETURNING key`,
    update: `UPDATE ${table} SET ${[
      ...columns.map((c, n) => `${q(c)} = ${placeholders[n]}`),
      `data = ${dataParam}`,
    ].join(', ')} WHERE key = $1 RETURNING key`,
    delete: `DELETE FROM ${table} WHERE key = $1`,

    params(row) {
      const key = def.key(row as never);
      if (typeof key !== 'string' || key === '') {
        throw new TypeError(`postgresStore: ${def.name}: a primary key must be a non-empty string`);
      }
      checkText(key, `${def.name} key`);
      const values: unknown[] = [key];
      for (const i of indexes) {
        const of = i.def.of(row as never);
        if (of === undefined) {
          values.push(...i.columns.map(() => null));
          continue;
        }
        if (!Array.isArray(of) || of.length !== i.columns.length) {
          throw new TypeError(`postgresStore: ${def.name}.${i.name} must give ${i.columns.length} values or undefined`);
        }
        of.forEach((v, n) => values.push(checkValue(v, i.def.parts[n]!, `${def.name}.${i.name} value ${n}`)));
      }
      values.push(toJsonText(row, `${def.name} row`));
      return values;
    },

    range(index, range, count) {
      const i = byName.get(index);
      if (i === undefined) throw new TypeError(`postgresStore: table ${def.name} has no index ${index}`);
      const eq = range.eq ?? [];
      const bounded = range.gte !== undefined || range.lt !== undefined;
      if (!Array.isArray(eq) || eq.length + (bounded ? 1 : 0) > i.columns.length) {
        throw new TypeError(`postgresStore: a range of ${def.name}.${index} has more values than the index has parts`);
      }
      const params: unknown[] = [];
      const where = [`${q(i.columns[0]!)} IS NOT NULL`];
      const compare = (n: number, op: string, v: unknown) => {
        params.push(checkValue(v, i.def.parts[n]!, `${def.name}.${index} range value ${n}`));
        where.push(`${q(i.columns[n]!)} ${op} $${params.length}`);
      };
      eq.forEach((v, n) => compare(n, '=', v));
      if (range.gte !== undefined) compare(eq.length, '>=', range.gte);
      if (range.lt !== undefined) compare(eq.length, '<', range.lt);
      if (count) return { text: `SELECT count(*)::float8 AS n FROM ${table} WHERE ${where.join(' AND ')}`, params };
      const order = [...i.columns.map(q), 'key'].map((c) => (range.reverse ? `${c} DESC` : c)).join(', ');
      params.push(limitOf(range.limit));
      const text = `SELECT data FROM ${table} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT $${params.length}`;
      return { text, params };
    },
  };
}

/** `LIMIT` takes null for "all". */
function limitOf(limit: number | undefined): number | null {
  if (limit === undefined || limit === Infinity) return null;
  if (typeof limit !== 'number' || Number.isNaN(limit)) {
    throw new TypeError('postgresStore: a range limit must be a number');
  }
  return Math.max(0, Math.floor(limit));
}
