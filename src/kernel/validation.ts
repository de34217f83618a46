import * as z from 'zod/mini';
import { Err, Ok, type Result } from './result.js';
import type { ValidationError, ValidationIssue } from './errors.js';

import { MAX_ID, MAX_TEXT, validationError } from './input.js';

export { MAX_ID, MAX_TEXT };

/** An opaque identifier: 1–128 visible ASCII characters, no spaces or control characters. */
export const idSchema = z.string().check(
  z.minLength(1, 'must not be empty'),
  z.maxLength(MAX_ID, `must be at most ${MAX_ID} characters`),
  z.regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces'),
);

/** Human text (names, titles): 1–512 characters, no control characters. */
export const textSchema = z.string().check(
  z.minLength(1, 'must not be empty'),
  z.maxLength(MAX_TEXT, `must be at most ${MAX_TEXT} characters`),
  // eslint-disable-next-line no-control-regex
  z.regex(/^[^\x00-\x1f\x7f]*$/, 'must not contain control characters'),
);

/** A real instant (a valid `Date`). */
export const instantSchema = z.date('must be a valid Date');

/** A non-negative safe integer. */
export const countSchema = z.int('must be a whole number').check(z.gte(0, 'must be 0 or more'));

function pathOf(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(input)' : path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[');
}

/**
 * Parses untrusted input with a schema; on failure returns a `validation` error naming every
 * bad field. The input is never mutated and the parsed value holds no unknown keys.
 */
export function parseInput<S extends z.ZodMiniType>(schema: S, input: unknown): Result<z.output<S>, ValidationError> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return Ok(parsed.data);
  const issues: ValidationIssue[] = parsed.error.issues.map((i) => {
    const keys = (i as { keys?: readonly string[] }).keys;
    const path = keys && keys.length > 0 ? [...i.path, keys.join(',')] : i.path;
    return { path: pathOf(path), message: i.message };
  });
  return Err(validationError(issues));
}
