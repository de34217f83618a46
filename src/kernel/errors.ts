import type { Violation } from './decision.js';

/** One problem with an input: the dotted path of the field and what is wrong with it. */
export interface ValidationIssue {
  readonly path: string;
  readonly message: string;
}

/** Input at the public boundary did not parse; nothing was read or stored. */
export interface ValidationError {
  readonly code: 'validation';
  readonly message: string;
  readonly issues: readonly [ValidationIssue, ...ValidationIssue[]];
}

/** The store failed (connection lost, timeout…); the workflow left no partial state. */
export interface StorageError {
  readonly code: 'storage';
  readonly message: string;
  readonly cause?: unknown;
}

/** A rule refused the request; `violations` lists every rule that blocked it (X-01). */
export interface DeniedError {
  readonly code: 'denied';
  readonly message: string;
  readonly violations: readonly [Violation, ...Violation[]];
}

/** Something looked up by id does not exist (or is not the caller's to see). */
export interface NotFoundError {
  readonly code: 'not_found';
  readonly message: string;
  readonly entity: string;
  readonly id: string;
}

/**
 * Makes a `denied` error from a refused decision's violations.
 *
 * @example
 * ```ts
 * const d = canGenerateAdCode(facts, policy);
 * if (!d.allowed) return Err(denied(d.violations));
 * ```
 */
export function denied(violations: readonly [Violation, ...Violation[]]): DeniedError {
  const first = violations[0];
  const message = violations.length === 1
    ? first.message
    : `${violations.length} rules block this: ${violations.map((v) => v.message).join(' ')}`;
  return { code: 'denied', message, violations };
}

/**
 * Internal: the `validation` error for a non-empty list of issues (the one `parseInput` makes).
 *
 * @example
 * ```ts
 * validationError([{ path: 'videoId', message: 'must not be empty' }]).message;
 * // 'Invalid input: videoId must not be empty'
 * ```
 */
export function validationError(issues: readonly ValidationIssue[]): ValidationError {
  const first = issues[0] ?? { path: '(input)', message: 'is invalid' };
  return {
    code: 'validation',
    message: `Invalid input: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
    issues: [first, ...issues.slice(1)],
  };
}

/**
 * Makes a `storage` error from whatever the store threw. The message always says what failed in
 * words, even when the store threw something that is not an `Error`, an `Error` without a
 * message (Node's `AggregateError` for a refused connection), or an object that cannot be
 * turned into a string; the thrown value itself stays in `cause`.
 *
 * @example
 * ```ts
 * storageError(new Error('connection terminated')).message;
 * // 'The store failed, nothing was changed: connection terminated'
 * ```
 */
export function storageError(cause: unknown): StorageError {
  return { code: 'storage', message: `The store failed, nothing was changed: ${describeFailure(cause, 0)}`, cause };
}

/** What a thrown value says about itself, in words; never throws. */
function describeFailure(thrown: unknown, depth: number): string {
  try {
    if (typeof thrown === 'string') return thrown.trim() === '' ? 'no reason given' : thrown;
    if (typeof thrown === 'function') return 'it threw a function';
    if (typeof thrown !== 'object' || thrown === null) return `it threw ${String(thrown)}`;
    const { message, errors, code, name } = thrown as Partial<Record<'message' | 'errors' | 'code' | 'name', unknown>>;
    if (typeof message === 'string' && message.trim() !== '') return message;
    // Node reports a refused connection to every address of a host as an AggregateError with no message.
    if (Array.isArray(errors) && errors.length > 0 && depth < 2) {
      return [...new Set(errors.map((e) => describeFailure(e, depth + 1)))].join('; ');
    }
    if (typeof code === 'string' || typeof code === 'number') return `error code ${code}`;
    if (typeof name === 'string' && name !== '') return `${name} without a message`;
    const text = String(thrown).trim();
    return text === '' || text === '[object Object]' ? 'an object that is not an Error' : text;
  } catch {
    return 'a value that cannot be turned into text';
  }
}

/**
 * Makes a `not_found` error.
 *
 * @example
 * ```ts
 * if (record === undefined) return Err(notFound('code', codeId));
 * ```
 */
export function notFound(entity: string, id: string): NotFoundError {
  return { code: 'not_found', message: `No ${entity} ${id} is visible to you.`, entity, id };
}

/** What `formatError` reads: every error of the library has a `code` and a `message`. */
export interface FormattableError {
  readonly code: string;
  readonly message: string;
  readonly issues?: readonly ValidationIssue[];
  readonly violations?: readonly Violation[];
}

/**
 * One readable paragraph for any error of the library, for logs and support tickets: the code,
 * then every validation issue (path and problem) or every violation (rule, code and message),
 * or else the error's message.
 *
 * @example
 * ```ts
 * import { formatError } from 'tiktok-ad-auth';
 * const r = await spark.generateCode(input);
 * if (r.isErr()) console.error(formatError(r.error));
 * // denied: 2 rules refuse this. SPARK-02 (spark.not_enough_followers): The account needs at
 * // least 10,000 followers. SPARK-12 (spark.code_already_in_force): This video already has a
 * // code in force.
 * ```
 */
export function formatError(error: FormattableError): string {
  const { code, issues, violations } = error;
  if (issues !== undefined && issues.length > 0) {
    const list = issues.map((i) => `${i.path} ${i.message}`).join('; ');
    return `${code}: the input was refused (${count(issues.length, 'problem')}): ${sentence(list)}`;
  }
  if (violations !== undefined && violations.length > 0) {
    const list = violations.map((v) => `${v.rule} (${v.code}): ${sentence(v.message)}`).join(' ');
    const verb = violations.length === 1 ? 'refuses' : 'refuse';
    return `${code}: ${count(violations.length, 'rule')} ${verb} this. ${list}`;
  }
  return `${code}: ${sentence(error.message)}`;
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
const sentence = (text: string) => (/[.!?…]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);
