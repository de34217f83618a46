// Internal: rows and event data as JSON for `jsonb` columns, so that what comes back is what went
// in. JSON has no dates: a `Date` is written `{"$date": "<ISO>"}`. A key of the row that itself
// starts with `$` is written with one more `$` in front, so a lone `$date` key is always a date.
// Anything that is not plain data (port contract: strings, finite numbers, booleans, null,
// Dates, arrays and plain objects) is refused with a `TypeError` instead of being mangled.

const DATE = '$date';
/** U+0000 (PostgreSQL text cannot hold it) or half of a surrogate pair (not valid UTF-8). */
const UNSTORABLE = /\u0000|\p{Cs}/u;
const MAX_DEPTH = 64;

/**
 * Throws a `TypeError` when PostgreSQL cannot store `s` as text unchanged.
 *
 * @example
 * ```ts
 * checkText('video:1', 'lock key'); // fine
 * checkText('a\u0000b', 'lock key'); // throws
 * ```
 */
export function checkText(s: string, what: string): void {
  if (UNSTORABLE.test(s)) {
    throw new TypeError(`postgresStore: ${what} holds U+0000 or a lone surrogate, which PostgreSQL cannot store`);
  }
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function encode(value: unknown, path: string, depth: number): unknown {
  if (depth > MAX_DEPTH) throw new TypeError(`postgresStore: ${path} is nested too deep (a cycle?)`);
  switch (typeof value) {
    case 'string':
      checkText(value, path);
      return value;
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`postgresStore: ${path} is ${value}, not a finite number`);
      return value;
    case 'object': {
      if (value === null) return null;
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) throw new TypeError(`postgresStore: ${path} is an invalid Date`);
        return { [DATE]: value.toISOString() };
      }
      if (Array.isArray(value)) {
        return value.map((item: unknown, i) => {
          if (item === undefined) throw new TypeError(`postgresStore: ${path}[${i}] is undefined`);
          return encode(item, `${path}[${i}]`, depth + 1);
        });
      }
      if (!isPlainObject(value)) {
        throw new TypeError(`postgresStore: ${path} is not plain data (${value.constructor?.name ?? 'object'})`);
      }
      const out: [string, unknown][] = [];
      for (const [k, v] of Object.entries(value)) {
        // An absent optional field is absent: a member holding `undefined` is not stored.
        if (v === undefined) continue;
        checkText(k, `a key of ${path}`);
        out.push([k.startsWith('$') ? `$${k}` : k, encode(v, `${path}.${k}`, depth + 1)]);
      }
      return Object.fromEntries(out);
    }
    default:
      throw new TypeError(`postgresStore: ${path} is a ${typeof value}, not plain data`);
  }
}

function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  const [first] = entries;
  if (entries.length === 1 && first![0] === DATE && typeof first![1] === 'string') return new Date(first![1]);
  // Object.fromEntries defines own members: a stored `__proto__` key stays a plain key.
  return Object.fromEntries(entries.map(([k, v]) => [k.startsWith('$') ? k.slice(1) : k, decode(v)]));
}

/**
 * The JSON text stored for `value` (a row, or an event's data).
 *
 * @example
 * ```ts
 * toJsonText({ at: new Date(0), $x: 1 }, 'row'); // '{"at":{"$date":"1970-01-01T00:00:00.000Z"},"$$x":1}'
 * ```
 */
export function toJsonText(value: unknown, what: string): string {
  return JSON.stringify(encode(value, what, 0));
}

/**
 * The value `toJsonText` stored, from what the driver returns for a `jsonb` column (parsed, or
 * the JSON text).
 *
 * @example
 * ```ts
 * fromJson('{"at":{"$date":"1970-01-01T00:00:00.000Z"}}'); // { at: new Date(0) }
 * ```
 */
export function fromJson(stored: unknown): unknown {
  return decode(typeof stored === 'string' ? JSON.parse(stored) : stored);
}
