// Validation at the public boundary (design §4). `parseInput` first reads the caller's value once
// into a plain snapshot, then lets zod parse the snapshot. Reading first means a getter or a
// Proxy runs exactly once and cannot hand zod one value and the workflow another, and that
// whatever the caller passed (a throwing getter, a revoked Proxy, a cycle, a class instance) ends
// as a `validation` error naming the field instead of an exception.
//
// zod/mini ships no locale, so an issue whose schema gives no message would read "Invalid input".
// `parseInput` passes zod an error map for that one parse (not `z.config`, which is global): it
// words every issue in English from the issue's own data. Messages a schema sets win over it.
import * as z from 'zod/mini';
import { Err, Ok, type Result } from './result.js';
import { validationError, type ValidationError, type ValidationIssue, type ValidationIssueCode } from './errors.js';

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
const CYCLE = 'must not contain itself (the input has a cycle)';
const BAD_FIELD_NAME = 'names a field that is not well-formed Unicode (it contains a lone surrogate)';

/**
 * What a caller passes for a schema's input: its zod input type (plain strings for ids, optional
 * fields optional) with every field and array readonly, so that readonly data (`as const`
 * literals, `SPARK_ADS_PERMISSIONS`, your own readonly types) can be passed as it is.
 *
 * @example
 * ```ts
 * type GenerateCodeInput = ReadonlyInput<z.input<typeof generateCodeInputSchema>>;
 * ```
 */
export type ReadonlyInput<T> = T extends Date
  ? T
  : T extends readonly (infer E)[]
    ? readonly ReadonlyInput<E>[]
    : T extends object
      ? { readonly [K in keyof T]: ReadonlyInput<T[K]> }
      : T;

/**
 * Internal: the error option of a schema whose type check has a message of its own (`z.int(…)`,
 * `z.date(…)`): the message for a value of the wrong type, while a missing field still reads
 * `is required` like every other.
 *
 * @example
 * ```ts
 * const periodDays = z.int(typeMessage('must be a whole number of days'));
 * ```
 */
export function typeMessage(message: string): { error: (issue: z.core.$ZodRawIssue) => string | undefined } {
  return { error: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? undefined : message) };
}

/**
 * An opaque identifier: 1–128 visible ASCII characters, no spaces or control characters.
 *
 * @example
 * ```ts
 * const input = z.strictObject({ videoId: idSchema });
 * ```
 */
export const idSchema = z
  .string()
  .check(
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
export const instantSchema = z
  .date(typeMessage('must be a valid Date'))
  .check(z.gte(new Date(MIN_INSTANT_MS), INSTANT_RANGE), z.lte(new Date(MAX_INSTANT_MS), INSTANT_RANGE));

/**
 * A non-negative safe integer.
 *
 * @example
 * ```ts
 * const input = z.strictObject({ followers: countSchema });
 * ```
 */
export const countSchema = z.int(typeMessage('must be a whole number')).check(z.gte(0, 'must be 0 or more'));

/** Deepest nesting of objects and arrays accepted in an input (the top level is 0). */
const MAX_DEPTH = 32;
/** Most values (objects, arrays and primitives together) accepted in one input. */
const MAX_NODES = 10_000;

type Path = readonly (string | number)[];

/** A path as issues carry it: a field name with a lone surrogate is escaped, so the issue stays well-formed. */
function issuePath(path: readonly PropertyKey[]): (string | number)[] {
  return path.map((p) => (typeof p === 'number' ? p : String(p).replace(/\p{Cs}/gu, escapeUnit)));
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

function refuse(reading: Reading, path: Path, code: ValidationIssueCode, message: string): undefined {
  reading.issues.push({ code, path: issuePath(path), message });
  return undefined;
}

type Kind = 'array' | 'date' | 'plain' | 'other';

/** Which kind of object `value` is; may throw (a Proxy's traps, a revoked Proxy). */
function kindOf(value: object): Kind {
  if (Array.isArray(value)) return 'array';
  // A real Date of any realm (a subclass too) is tagged `[object Date]`; a Proxy of one and
  // `Object.create(Date.prototype)` are not. Only an object posing with `Symbol.toStringTag` gets
  // past the tag: `isDate` then tells it apart by calling a Date method on it.
  if (Object.prototype.toString.call(value) === '[object Date]' && isDate(value)) return 'date';
  const proto: unknown = Object.getPrototypeOf(value);
  // `{}`, `Object.create(null)` and objects of another realm (whose prototype's prototype is null).
  return proto === null || Object.getPrototypeOf(proto) === null ? 'plain' : 'other';
}

/** Whether `value` is a real Date (of any realm): only a Date's own method accepts it. */
function isDate(value: object): boolean {
  try {
    Date.prototype.getTime.call(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * Copies `value` as plain data (objects, arrays, Dates, primitives), reading every property once.
 * Returns `undefined` where it refused something; the caller then looks at `reading.issues` only.
 */
function snapshot(value: unknown, path: Path, reading: Reading): unknown {
  if (reading.full) return undefined;
  if (++reading.nodes > MAX_NODES) {
    reading.full = true;
    return refuse(reading, path, 'too_big', `is too large: more than ${MAX_NODES} values in all`);
  }
  switch (typeof value) {
    case 'string':
      return LONE_SURROGATE.test(value) ? refuse(reading, path, 'invalid_format', NOT_WELL_FORMED) : value;
    case 'number':
    case 'boolean':
    case 'undefined':
      return value;
    case 'bigint':
      return refuse(reading, path, 'invalid_type', 'must not be a bigint (use a number)');
    case 'symbol':
      return refuse(reading, path, 'invalid_type', 'must not be a symbol');
    case 'function':
      return refuse(reading, path, 'invalid_type', 'must not be a function');
  }
  if (value === null) return null;
  const object = value as object;
  if (path.length > MAX_DEPTH) {
    return refuse(reading, path, 'too_big', `is nested too deeply (more than ${MAX_DEPTH} levels)`);
  }
  if (reading.open.has(object)) return refuse(reading, path, 'custom', CYCLE);
  let kind: Kind;
  try {
    kind = kindOf(object);
  } catch {
    return refuse(reading, path, 'custom', 'could not be read (reading it threw an error)');
  }
  if (kind === 'date') {
    const ms = Date.prototype.getTime.call(object);
    if (ms < MIN_INSTANT_MS) return refuse(reading, path, 'too_small', INSTANT_RANGE);
    if (ms > MAX_INSTANT_MS) return refuse(reading, path, 'too_big', INSTANT_RANGE);
    return new Date(ms);
  }
  if (kind === 'other') return refuse(reading, path, 'invalid_type', NOT_PLAIN);
  reading.open.add(object);
  const copy =
    kind === 'array'
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
    return refuse(reading, path, 'custom', 'could not be read (reading its length threw an error)');
  }
  if (length > MAX_NODES - reading.nodes) {
    reading.full = true;
    return refuse(reading, path, 'too_big', `is too large: more than ${MAX_NODES} values in all`);
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
    return refuse(reading, path, 'custom', 'could not be read (listing its fields threw an error)');
  }
  if (keys.length > MAX_NODES - reading.nodes) {
    reading.full = true;
    return refuse(reading, path, 'too_big', `is too large: more than ${MAX_NODES} values in all`);
  }
  const copy: Record<string, unknown> = {};
  for (const key of keys) {
    if (reading.full) break;
    if (LONE_SURROGATE.test(key)) {
      refuse(reading, [...path, key], 'invalid_key', BAD_FIELD_NAME);
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
    return refuse(reading, path, 'custom', 'could not be read (reading it threw an error)');
  }
  return snapshot(value, path, reading);
}

// ---------------------------------------------------------------------------------------------
// Messages in English for zod's issues. Each message follows the field's name ("creator.id must
// not be empty"), and never repeats the value given: it may be a secret (a pasted code, a token).

type RawIssue = z.core.$ZodRawIssue;
type Primitive = string | number | bigint | boolean | symbol | null | undefined;

/** What each `expected` of an `invalid_type` issue is called. */
const EXPECTED: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  bigint: 'a bigint',
  symbol: 'a symbol',
  null: 'null',
  date: 'a valid Date',
  array: 'an array',
  tuple: 'an array',
  object: 'an object',
  record: 'an object',
  map: 'a Map',
  set: 'a Set',
  file: 'a file',
  nan: 'NaN',
  function: 'a function',
};

/** What each string format of an `invalid_format` issue is called. */
const FORMATS: Readonly<Record<string, string>> = {
  email: 'an email address',
  url: 'a URL',
  uuid: 'a UUID',
  guid: 'a GUID',
  datetime: 'an ISO date-time',
  date: 'an ISO date',
  time: 'an ISO time',
  duration: 'an ISO duration',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
  base64: 'a base64 string',
  base64url: 'a base64url string',
  jwt: 'a JWT',
  json_string: 'a JSON string',
  e164: 'an E.164 phone number',
  emoji: 'an emoji',
};

/** What was given instead, by kind only. */
function given(value: unknown, received: unknown): string {
  if (typeof received === 'string') return received === 'Invalid Date' ? 'an invalid Date' : received;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid Date' : 'a Date';
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) return String(value);
      return Number.isInteger(value) ? 'a number' : 'a fractional number';
    case 'object':
      return 'an object';
    case 'boolean':
      return String(value);
    case 'string':
      return value === '' ? 'an empty string' : 'a string';
    default:
      return `a ${typeof value}`;
  }
}

function shown(value: Primitive): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** `a`, `a or b`, `a, b or c`. */
function either(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** What a size limit counts, for each `origin` that has a size: [one, many]. */
const UNITS: Readonly<Record<string, readonly [string, string]>> = {
  string: ['character', 'characters'],
  array: ['item', 'items'],
  set: ['item', 'items'],
  map: ['entry', 'entries'],
  file: ['byte', 'bytes'],
};

/** A `too_small` (`side` = `min`) or `too_big` (`max`) issue in words. */
function bound(origin: string, limit: number | bigint, side: 'min' | 'max', inclusive: boolean, exact: boolean) {
  const unit = UNITS[origin];
  if (unit !== undefined) {
    const n = `${limit} ${Number(limit) === 1 ? unit[0] : unit[1]}`;
    const string = origin === 'string';
    if (exact) return string ? `must be exactly ${n} long` : `must have exactly ${n}`;
    if (side === 'min' && inclusive && Number(limit) === 1) return 'must not be empty';
    const [at, over] = side === 'min' ? ['at least', 'more than'] : ['at most', 'fewer than'];
    return string ? `must be ${inclusive ? at : over} ${n} long` : `must have ${inclusive ? at : over} ${n}`;
  }
  if (origin === 'date') {
    const when = new Date(Number(limit)).toISOString();
    if (exact) return `must be ${when}`;
    if (side === 'min') return inclusive ? `must be ${when} or later` : `must be after ${when}`;
    return inclusive ? `must be ${when} or earlier` : `must be before ${when}`;
  }
  if (origin === 'int' && Math.abs(Number(limit)) === Number.MAX_SAFE_INTEGER) {
    return `must be a safe integer (from ${-Number.MAX_SAFE_INTEGER} to ${Number.MAX_SAFE_INTEGER})`;
  }
  if (exact) return `must be exactly ${limit}`;
  if (side === 'min') return inclusive ? `must be at least ${limit}` : `must be more than ${limit}`;
  return inclusive ? `must be at most ${limit}` : `must be less than ${limit}`;
}

/** The `invalid_type` issue in words: `is required`, or what was expected and what kind was given. */
function wrongType(expected: string, input: unknown, received: unknown): string {
  if (input === undefined && received === undefined && expected !== 'undefined') return 'is required';
  if (expected === 'nonoptional') return 'is required';
  if (expected === 'never' || expected === 'undefined') return 'must not be given';
  return `must be ${EXPECTED[expected] ?? expected} (got ${given(input, received)})`;
}

/** An `invalid_union` issue in words, from what each alternative found. */
function noAlternative(issue: RawIssue & { code: 'invalid_union' }): string {
  if (issue.inclusive === false) return 'matches more than one of the allowed forms';
  const { discriminator, options } = issue as { discriminator?: unknown; options?: readonly Primitive[] };
  if (options !== undefined && options.length > 0) {
    const missing =
      typeof discriminator === 'string' &&
      typeof issue.input === 'object' &&
      issue.input !== null &&
      (issue.input as Record<string, unknown>)[discriminator] === undefined;
    return `${missing ? 'is required:' : 'must be'} one of ${either(options.map(shown))}`;
  }
  const firsts = issue.errors.map((alternative) => alternative[0]).filter((i) => i !== undefined);
  if (firsts.length > 0 && firsts.every((i) => i.code === 'invalid_type' && i.path.length === 0)) {
    const expected = firsts.map((i) => (i.code === 'invalid_type' ? (EXPECTED[i.expected] ?? i.expected) : ''));
    return `must be ${either([...new Set(expected)])} (got ${given(issue.input, undefined)})`;
  }
  const reasons = firsts.slice(0, 3).map((i) => `${i.path.length === 0 ? '' : `${pathText(i.path)} `}${i.message}`);
  return `does not match any of the allowed forms (${reasons.join('; or ')})`;
}

function pathText(path: readonly PropertyKey[]): string {
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))
    .join('.')
    .replace(/\.\[/g, '[');
}

/** The message of a nested issue (a record key, a map entry), as a clause: `it must …`. */
function nested(issues: readonly z.core.$ZodIssue[]): string {
  const first = issues[0];
  return first === undefined ? '' : `: it ${first.message}`;
}

/**
 * Internal: the English message of a zod issue that its schema gave no message for, worded from
 * the issue's own data (what was expected, the bounds, the allowed values…). `parseInput` passes
 * it to zod as the error map of each parse.
 *
 * @example
 * ```ts
 * z.string().safeParse(5, { error: issueMessage }).error?.issues[0]?.message; // 'must be a string (got a number)'
 * ```
 */
export function issueMessage(issue: RawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return wrongType(issue.expected, issue.input, (issue as { received?: unknown }).received);
    case 'too_small':
      return bound(issue.origin, issue.minimum, 'min', issue.inclusive !== false, issue.exact === true);
    case 'too_big':
      return bound(issue.origin, issue.maximum, 'max', issue.inclusive !== false, issue.exact === true);
    case 'invalid_format': {
      const { format, pattern } = issue;
      const extra = issue as { prefix?: string; suffix?: string; includes?: string };
      if (format === 'starts_with') return `must start with ${shown(extra.prefix)}`;
      if (format === 'ends_with') return `must end with ${shown(extra.suffix)}`;
      if (format === 'includes') return `must contain ${shown(extra.includes)}`;
      if (format === 'lowercase' || format === 'uppercase') return `must be ${format}`;
      if (format === 'regex' && pattern !== undefined) return `must match the pattern ${pattern}`;
      return `must be ${FORMATS[format] ?? `a valid ${format}`}`;
    }
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'unrecognized_keys':
      return UNKNOWN_FIELD;
    case 'invalid_union':
      return noAlternative(issue);
    case 'invalid_key':
      return `is not an allowed field name${nested(issue.issues)}`;
    case 'invalid_element':
      return `holds an invalid ${issue.origin === 'map' ? 'entry' : 'item'}${nested(issue.issues)}`;
    case 'invalid_value': {
      const what = issue.values.length === 1 ? shown(issue.values[0]) : `one of ${either(issue.values.map(shown))}`;
      return issue.input === undefined ? `is required: ${what}` : `must be ${what}`;
    }
    default:
      return 'is not valid';
  }
}

/** The message of an unknown field, the same in every context. */
const UNKNOWN_FIELD = 'is not a known field';

/** A zod issue as the library reports it: an unknown-keys issue becomes one issue per unknown field. */
function toIssues(issue: z.core.$ZodIssue): ValidationIssue[] {
  const path = issuePath(issue.path);
  if (issue.code === 'unrecognized_keys' && issue.keys.length > 0) {
    const { code, message } = issue;
    return issue.keys.map((key) => ({ code, path: issuePath([...issue.path, key]), message }));
  }
  return [{ code: issue.code, path, message: issue.message }];
}

/**
 * Parses untrusted input with a schema; on failure returns a `validation` error naming every
 * bad field. Never throws: the input is first read once into plain data (objects, arrays, Dates,
 * primitives), and whatever cannot be read that way is refused with the path where it was found:
 * a getter or Proxy that throws, a class instance, a function, a symbol, a bigint, a cycle, more
 * than 32 levels of nesting or more than 10,000 values, a string with a lone surrogate, a Date
 * outside years 1–9999. The input is never mutated and the parsed value shares nothing with it.
 *
 * Every issue has zod's `code`, the `path` as an array of keys and indices, and a readable
 * English message: the schema's own message where it sets one, else one worded from the issue
 * (`must be a string (got a number)`, `must be one of "REACH" or "TRAFFIC"`, `is not a known field`).
 *
 * @example
 * ```ts
 * const schema = z.strictObject({ videoId: idSchema, title: textSchema });
 * const r = parseInput(schema, { videoId: '', title: 'Launch', extra: 1 });
 * if (r.isErr()) r.error.issues;
 * // [{ code: 'too_small', path: ['videoId'], message: 'must not be empty' },
 * //  { code: 'unrecognized_keys', path: ['extra'], message: 'is not a known field' }]
 * ```
 */
export function parseInput<S extends z.ZodMiniType>(schema: S, input: unknown): Result<z.output<S>, ValidationError> {
  const reading: Reading = { issues: [], open: new Set(), nodes: 0, full: false };
  const plain = snapshot(input, [], reading);
  if (reading.issues.length > 0) return Err(validationError(reading.issues));
  const parsed = schema.safeParse(plain, { error: issueMessage });
  if (parsed.success) return Ok(parsed.data);
  return Err(validationError(parsed.error.issues.flatMap(toIssues)));
}
