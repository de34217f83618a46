// Internal: plain validators for the hottest public inputs, without zod.
//
// Why they exist beside the zod schemas: the Spark codes service is the part of the library an
// app bundles alone (issue budget: 15 kB gzipped with its dependencies, of which zod/mini alone
// is 6 kB) and the one on the hot path of a busy service (zod/mini spends 1.1 µs on a search
// input and 4.3 µs on a generate input; these checks 0.3 µs and 1.1 µs). The published zod
// schemas stay the specification: every validator built from these pieces is property-tested
// against its schema (same inputs accepted, same output, same fields named on refusal), e.g.
// `src/spark-codes/spark-codes.inputs.props.test.ts`.
//
// Semantics mirrored from zod 4 strict objects: an input object is any non-null non-array
// object; fields are read with `input[key]` (inherited values count), keys listed by `for…in`
// that the shape does not declare are refused (`__proto__` included); an absent optional key
// stays absent, a present one holding `undefined` stays present.
import { Err, Ok, type Result } from './result.js';
import type { ValidationError, ValidationIssue } from './errors.js';

/**
 * Internal: checks the value at `parent`.`key` (both `''` at the top); pushes one issue per
 * problem; returns the parsed value (meaningless when it pushed). The path string is only built
 * for an issue: a valid input allocates none.
 */
export type Check<T> = (value: unknown, parent: string, key: string, issues: ValidationIssue[]) => T;

/** Longest string any identifier or free-text field may have. Longer input is refused. */
export const MAX_TEXT = 512;
/** Longest identifier. */
export const MAX_ID = 128;

const at = (path: string, key: string) => (path === '' ? key : `${path}.${key}`);

function push(issues: ValidationIssue[], parent: string, key: string, message: string): undefined {
  const path = at(parent, key);
  issues.push({ path: path === '' ? '(input)' : path, message });
  return undefined;
}

/** Internal: the `validation` error for a non-empty issue list (the same shape `parseInput` makes). */
export function validationError(issues: readonly ValidationIssue[]): ValidationError {
  const first = issues[0] ?? { path: '(input)', message: 'is invalid' };
  return {
    code: 'validation',
    message: `Invalid input: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
    issues: [first, ...issues.slice(1)],
  };
}

/** Internal: runs a check on untrusted input and returns the parsed value or a `validation` error. */
export function checkInput<T>(check: Check<T>, input: unknown): Result<T, ValidationError> {
  const issues: ValidationIssue[] = [];
  const value = check(input, '', '', issues);
  return issues.length === 0 ? Ok(value) : Err(validationError(issues));
}

/**
 * Internal: a string of `min`..`max` UTF-16 units that matches each `[pattern, message]` in
 * turn (a failed one pushes its message; the next ones still run, as zod's checks do).
 */
export function text(min: number, max: number, ...patterns: readonly (readonly [RegExp, string])[]): Check<string> {
  const tooLong = `must be at most ${max} characters`;
  return (v, parent, key, issues) => {
    if (typeof v !== 'string') return push(issues, parent, key, 'must be a string') as never;
    const n = v.length;
    if (n < min) push(issues, parent, key, 'must not be empty');
    if (n > max) return push(issues, parent, key, tooLong) as never;
    for (let i = 0; i < patterns.length; i++) if (!patterns[i]![0].test(v)) push(issues, parent, key, patterns[i]![1]);
    return v;
  };
}

/** Internal: a safe integer from `min` to `max` (`message` when it is not a whole number). */
export function int(message: string, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): Check<number> {
  return (v, parent, key, issues) => {
    if (typeof v !== 'number' || !Number.isInteger(v)) return push(issues, parent, key, message) as never;
    if (v < min) push(issues, parent, key, min === Number.MIN_SAFE_INTEGER ? message : `must be ${min} or more`);
    else if (v > max) push(issues, parent, key, max === Number.MAX_SAFE_INTEGER ? message : `must be at most ${max}`);
    return v;
  };
}

/** Internal: `true` or `false`. */
export const bool: Check<boolean> = (v, parent, key, issues) => (typeof v === 'boolean' ? v : (push(issues, parent, key, 'must be true or false') as never));

/** Internal: one of the given strings. */
export function oneOf<const T extends string>(values: readonly T[]): Check<T> {
  const message = `must be one of ${values.join(', ')}`;
  return (v, parent, key, issues) => ((values as readonly unknown[]).includes(v) ? (v as T) : (push(issues, parent, key, message) as never));
}

/** Internal: a valid `Date` (the same object is returned, as zod does). */
export function instant(message: string): Check<Date> {
  return (v, parent, key, issues) => (v instanceof Date && !Number.isNaN(v.getTime()) ? v : (push(issues, parent, key, message) as never));
}

/** Internal: marks a field optional: absent stays absent, `undefined` stays `undefined`. */
export interface Optional<T> {
  readonly optional: Check<T>;
}

/** Internal: an optional field of `strict`. */
export function optional<T>(check: Check<T>): Optional<T> {
  return { optional: check };
}

type Shape = Record<string, Check<unknown> | Optional<unknown>>;

/** Internal: a strict object: exactly the declared keys (see the module comment for the fine print). */
export function strict<T>(shape: Shape): Check<T> {
  const keys = Object.keys(shape);
  const known = new Set(keys);
  const checks = keys.map((k) => {
    const c = shape[k]!;
    return typeof c === 'function' ? c : c.optional;
  });
  const optionalAt = keys.map((k) => typeof shape[k] !== 'function');
  return (v, parent, key, issues) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return push(issues, parent, key, 'must be an object') as never;
    const input = v as Record<string, unknown>;
    const path = at(parent, key);
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const field = keys[i]!;
      const value = input[field];
      if (value === undefined && optionalAt[i]) {
        if (field in input) out[field] = undefined;
        continue;
      }
      out[field] = checks[i]!(value, path, field, issues);
    }
    let unknown: string[] | undefined;
    for (const k in input) if (!known.has(k)) (unknown ??= []).push(k);
    if (unknown !== undefined) {
      // Named as `parseInput` names zod's unrecognized keys (dotted, `.[` as `[`, never `(input)`).
      issues.push({ path: at(path, unknown.join(',')).replace(/\.\[/g, '['), message: unknown.length === 1 ? 'is not a known field' : 'are not known fields' });
    }
    return out as T;
  };
}

/** Internal: an opaque id, exactly as `idSchema`: 1–128 visible ASCII characters. */
export const id: Check<string> = text(1, MAX_ID, [/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces']);

// eslint-disable-next-line no-control-regex
export const NO_CONTROL: readonly [RegExp, string] = [/^[^\x00-\x1f\x7f]*$/, 'must not contain control characters'];

/** Internal: human text, exactly as `textSchema`: 1–512 characters, no control characters. */
export const humanText: Check<string> = text(1, MAX_TEXT, NO_CONTROL);
