// Validation at the public boundary (design §4). `parseInput` first reads the caller's value once
// into a plain snapshot, then lets zod parse the snapshot. Reading first means a getter or a
// Proxy runs exactly once and cannot hand zod one value and the workflow another, and that
// whatever the caller passed (a throwing getter, a revoked Proxy, a cycle, a class instance) ends
// as a `validation` error naming the field instead of an exception.
import * as z from 'zod/mini';
import { Err, Ok, type Result } from './result.js';
import { validationError, type ValidationError, type ValidationIssue } from './errors.js';

/**
 * Longest string any free-text field may have. Longer input is refused.
 *
 * @example
 * ```ts
 * const title = z.string().check(z.maxLength(MAX_TEXT));
 * ```
 */
export const MAX_TEXT = 512;

/**
 * Longest identifier.
 *
 * @example
 * ```ts
 * idSchema.safeParse('x'.repeat(MAX_ID + 1)).success; // false
 * ```
 */
export const MAX_ID = 128;

/**
 * The earliest instant the library accepts, 0001-01-01T00:00:00.000Z in epoch milliseconds.
 * With `MAX_INSTANT_MS` it bounds what every store adapter can write and read back unchanged:
 * ISO text has four-digit years only from 0000 to 9999, and PostgreSQL has no year 0.
 *
 * @example
 * ```ts
 * new Date(MIN_INSTANT_MS).toISOString(); // '0001-01-01T00:00:00.000Z'
 * ```
 */
export const MIN_INSTANT_MS = -62_135_596_800_000;

/**
 * The latest instant the library accepts, 9999-12-31T23:59:59.999Z in epoch milliseconds.
 *
 * @example
 * ```ts
 * new Date(MAX_INSTANT_MS).toISOString(); // '9999-12-31T23:59:59.999Z'
 * ```
 */
export const MAX_INSTANT_MS = 253_402_300_799_999;

const INSTANT_RANGE = 'must be between 0001-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z';
// With the `u` flag a well-formed surrogate pair is one code point, so `\p{Cs}` matches only a
// surrogate that is not part of a pair: text that no UTF-8 store or JSON encoder keeps intact.
const LONE_SURROGATE = /\p{Cs}/u;
const NOT_WELL_FORMED = 'must be well-formed Unicode (it contains a lone surrogate)';
const NOT_PLAIN = 'must be a plain object, an array or a Date, not an instance of a class';

/**
 * An opaque identifier: 1–128 visible ASCII characters, no spaces or control characters.
 *
 * @example
 * ```ts
 * const input = z.strictObject({ videoId: idSchema });
 * ```
 */
export const idSchema = z.string().check(
  z.minLength(1, 'must not be empty'),
  z.maxLength(MAX_ID, `must be at most ${MAX_ID} characters`),
  z.regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces'),
);

/**
 * Human text (names, titles): 1–512 characters, no control characters, well-formed Unicode.
 *
 * @example
 * ```ts
 * const input = z.strictObject({ title: textSchema });
 * ```
 */
export const textSchema = z.string().check(
  z.minLength(1, 'must not be empty'),
  z.maxLength(MAX_TEXT, `must be at most ${MAX_TEXT} characters`),
  // eslint-disable-next-line no-control-regex
  z.regex(/^[^\x00-\x1f\x7f]*$/, 'must not contain control characters'),
  z.regex(/^\P{Cs}*$/u, NOT_WELL_FORMED),
);

/**
 * A real instant (a valid `Date`) that every store can hold: from year 1 to year 9999, UTC.
 *
 * @example
 * ```ts
 * const input = z.strictObject({ endsAt: instantSchema });
 * ```
 */
export const instantSchema = z.date('must be a valid Date').check(
  z.gte(new Date(MIN_INSTANT_MS), INSTANT_RANGE),
  z.lte(new Date(MAX_INSTANT_MS), INSTANT_RANGE),
);

/**
 * A non-negative safe integer.
 *
 * @example
 * ```ts
 * const input = z.strictObject({ followers: countSchema });
 * ```
 */
export const countSchema = z.int('must be a whole number').check(z.gte(0, 'must be 0 or more'));

/** Deepest nesting of objects and arrays accepted in an input (the top level is 0). */
const MAX_DEPTH = 32;
/** Most values (objects, arrays and primitives together) accepted in one input. */
const MAX_NODES = 10_000;

type Path = readonly (string | number)[];

function pathOf(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(input)';
  // A field name with a lone surrogate is shown escaped, so the message itself stays well-formed.
  const shown = path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p).replace(/\p{Cs}/gu, escapeUnit)));
  return shown.join('.').replace(/\.\[/g, '[');
}

function escapeUnit(unit: string): string {
  return `\\u${unit.charCodeAt(0).toString(16)}`;
}

/** What the snapshot found so far: the problems, how many values it read, the objects being read. */
interface Reading {
  readonly issues: ValidationIssue[];
  readonly open: Set<object>;
  nodes: number;
  full: boolean;
}

function refuse(reading: Reading, path: Path, message: string): undefined {
  reading.issues.push({ path: pathOf(path), message });
  return undefined;
}

type Kind = 'array' | 'date' | 'plain' | 'other';

/** Which kind of object `value` is; may throw (a Proxy's traps, a revoked Proxy). */
function kindOf(value: object): Kind {
  if (Array.isArray(value)) return 'array';
  try {
    // Succeeds only on a real Date (from any realm), never calls user code.
    Date.prototype.getTime.call(value);
    return 'date';
  } catch {
    // not a Date
  }
  const proto: unknown = Object.getPrototypeOf(value);
  // `{}`, `Object.create(null)` and objects of another realm (whose prototype's prototype is null).
  return proto === null || Object.getPrototypeOf(proto) === null ? 'plain' : 'other';
}

/**
 * Copies `value` as plain data (objects, arrays, Dates, primitives), reading every property once.
 * Returns `undefined` where it refused something; the caller then looks at `reading.issues` only.
 */
function snapshot(value: unknown, path: Path, reading: Reading): unknown {
  if (reading.full) return undefined;
  if (++reading.nodes > MAX_NODES) {
    reading.full = true;
    return refuse(reading, path, `is too large: more than ${MAX_NODES} values in all`);
  }
  switch (typeof value) {
    case 'string':
      return LONE_SURROGATE.test(value) ? refuse(reading, path, NOT_WELL_FORMED) : value;
    case 'number':
    case 'boolean':
    case 'undefined':
      return value;
    case 'bigint':
      return refuse(reading, path, 'must not be a bigint (use a number)');
    case 'symbol':
      return refuse(reading, path, 'must not be a symbol');
    case 'function':
      return refuse(reading, path, 'must not be a function');
  }
  if (value === null) return null;
  const object = value as object;
  if (path.length > MAX_DEPTH) return refuse(reading, path, `is nested too deeply (more than ${MAX_DEPTH} levels)`);
  if (reading.open.has(object)) return refuse(reading, path, 'must not contain itself (the input has a cycle)');
  let kind: Kind;
  try {
    kind = kindOf(object);
  } catch {
    return refuse(reading, path, 'could not be read (reading it threw an error)');
  }
  if (kind === 'date') {
    const ms = Date.prototype.getTime.call(object);
    if (!Number.isNaN(ms) && (ms < MIN_INSTANT_MS || ms > MAX_INSTANT_MS)) return refuse(reading, path, INSTANT_RANGE);
    return new Date(ms);
  }
  if (kind === 'other') return refuse(reading, path, NOT_PLAIN);
  reading.open.add(object);
  const copy = kind === 'array'
    ? snapshotArray(object as readonly unknown[], path, reading)
    : snapshotObject(object, path, reading);
  reading.open.delete(object);
  return copy;
}

function snapshotArray(array: readonly unknown[], path: Path, reading: Reading): unknown[] | undefined {
  let length: number;
  try {
    length = array.length;
  } catch {
    return refuse(reading, path, 'could not be read (reading its length threw an error)');
  }
  if (length > MAX_NODES - reading.nodes) {
    reading.full = true;
    return refuse(reading, path, `is too large: more than ${MAX_NODES} values in all`);
  }
  const copy: unknown[] = [];
  for (let i = 0; i < length && !reading.full; i++) {
    copy.push(snapshotProperty(array, i, [...path, i], reading));
  }
  return copy;
}

function snapshotObject(object: object, path: Path, reading: Reading): Record<string, unknown> | undefined {
  let keys: string[];
  try {
    keys = Object.keys(object);
  } catch {
    return refuse(reading, path, 'could not be read (listing its fields threw an error)');
  }
  if (keys.length > MAX_NODES - reading.nodes) {
    reading.full = true;
    return refuse(reading, path, `is too large: more than ${MAX_NODES} values in all`);
  }
  const copy: Record<string, unknown> = {};
  for (const key of keys) {
    if (reading.full) break;
    if (LONE_SURROGATE.test(key)) {
      refuse(reading, [...path, key], `names a field that is not well-formed Unicode (it contains a lone surrogate)`);
      continue;
    }
    // defineProperty, so that a field named `__proto__` stays a field (and zod refuses it as unknown).
    const field = snapshotProperty(object, key, [...path, key], reading);
    Object.defineProperty(copy, key, { value: field, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

function snapshotProperty(owner: object, key: string | number, path: Path, reading: Reading): unknown {
  let value: unknown;
  try {
    value = (owner as Record<string | number, unknown>)[key];
  } catch {
    return refuse(reading, path, 'could not be read (reading it threw an error)');
  }
  return snapshot(value, path, reading);
}

/**
 * Parses untrusted input with a schema; on failure returns a `validation` error naming every
 * bad field. Never throws: the input is first read once into plain data (objects, arrays, Dates,
 * primitives), and whatever cannot be read that way is refused with the path where it was found:
 * a getter or Proxy that throws, a class instance, a function, a symbol, a bigint, a cycle, more
 * than 32 levels of nesting or more than 10,000 values, a string with a lone surrogate, a Date
 * outside years 1–9999. The input is never mutated and the parsed value shares nothing with it.
 *
 * @example
 * ```ts
 * const schema = z.strictObject({ videoId: idSchema, title: textSchema });
 * const r = parseInput(schema, { videoId: '', title: 'Launch' });
 * if (r.isErr()) r.error.issues; // [{ path: 'videoId', message: 'must not be empty' }]
 * ```
 */
export function parseInput<S extends z.ZodMiniType>(schema: S, input: unknown): Result<z.output<S>, ValidationError> {
  const reading: Reading = { issues: [], open: new Set(), nodes: 0, full: false };
  const plain = snapshot(input, [], reading);
  if (reading.issues.length > 0) return Err(validationError(reading.issues));
  const parsed = schema.safeParse(plain);
  if (parsed.success) return Ok(parsed.data);
  const issues: ValidationIssue[] = parsed.error.issues.map((i) => {
    const keys = (i as { keys?: readonly string[] }).keys;
    const path = keys && keys.length > 0 ? [...i.path, keys.join(',')] : i.path;
    return { path: pathOf(path), message: i.message };
  });
  return Err(validationError(issues));
}
