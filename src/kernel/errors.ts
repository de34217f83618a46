import type { Violation } from './decision.js';

/**
 * What kind of problem a `ValidationIssue` is, in zod's issue vocabulary (`invalid_type`,
 * `too_small`, `unrecognized_keys`, …), so code written for zod's issues can branch on it.
 *
 * @example
 * ```ts
 * const missing = (i: ValidationIssue) => i.code === 'invalid_type' && i.message === 'is required';
 * ```
 */
export type ValidationIssueCode =
  | 'invalid_type'
  | 'too_big'
  | 'too_small'
  | 'invalid_format'
  | 'not_multiple_of'
  | 'unrecognized_keys'
  | 'invalid_union'
  | 'invalid_key'
  | 'invalid_element'
  | 'invalid_value'
  | 'custom';

/**
 * One problem with an input, shaped like a zod issue: its `code`, the `path` of the field as
 * keys and array indices (`['creator', 'id']`, `['adIds', 2]`; `[]` for the input itself), and
 * a readable English `message` that follows the field's name (`must not be empty`, `is not a
 * known field`). An unknown field is an `unrecognized_keys` issue whose path ends with its name.
 *
 * @example
 * ```ts
 * const r = await spark.generateCode({ creator, video, periodDays: 45 });
 * if (r.isErr() && r.error.code === 'validation') {
 *   for (const i of r.error.issues) form.setError(i.path.join('.'), { message: i.message });
 * }
 * ```
 */
export interface ValidationIssue {
  readonly code: ValidationIssueCode;
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/**
 * The path of an issue in words: keys joined with dots, indices in brackets
 * (`creator.id`, `adIds[2]`, `(input)` for the input itself).
 *
 * @example
 * ```ts
 * formatPath(['campaign', 'placements', 0]); // 'campaign.placements[0]'
 * formatPath([]); // '(input)'
 * ```
 */
export function formatPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return '(input)';
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : p))
    .join('.')
    .replace(/\.\[/g, '[');
}

/**
 * Input at the public boundary did not parse; nothing was read or stored. `issues` lists every
 * problem (at least one); `message` says them all on one line.
 *
 * @example
 * ```ts
 * const r = await spark.generateCode({ creator, video, periodDays: 1.5 });
 * if (r.isErr() && r.error.code === 'validation') r.error.issues[0];
 * // { code: 'invalid_type', path: ['periodDays'], message: 'must be a whole number of days' }
 * ```
 */
export interface ValidationError {
  readonly code: 'validation';
  readonly message: string;
  readonly issues: readonly [ValidationIssue, ...ValidationIssue[]];
}

/**
 * The store failed (connection lost, timeout…); the workflow left no partial state.
 *
 * @example
 * ```ts
 * if (r.isErr() && r.error.code === 'storage') retryLater(r.error.cause);
 * ```
 */
export interface StorageError {
  readonly code: 'storage';
  readonly message: string;
  readonly cause?: unknown;
}

/**
 * A rule refused the request; `violations` lists every rule that blocked it.
 *
 * @example
 * ```ts
 * if (r.isErr() && r.error.code === 'denied') r.error.violations.map((v) => v.rule); // ['SPARK-02']
 * ```
 */
export interface DeniedError {
  readonly code: 'denied';
  readonly message: string;
  readonly violations: readonly [Violation, ...Violation[]];
}

/**
 * Something looked up by id does not exist (or is not the caller's to see).
 *
 * @example
 * ```ts
 * if (r.isErr() && r.error.code === 'not_found') console.log(r.error.entity, r.error.id);
 * ```
 */
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
  const message =
    violations.length === 1
      ? first.message
      : `${violations.length} rules block this: ${violations.map((v) => v.message).join(' ')}`;
  return { code: 'denied', message, violations };
}

/**
 * Internal: the `validation` error for a non-empty list of issues (the one `parseInput` makes).
 * Its `message` is one line naming every field with its dotted path.
 *
 * @example
 * ```ts
 * validationError([{ code: 'too_small', path: ['videoId'], message: 'must not be empty' }]).message;
 * // 'The input was refused: videoId must not be empty'
 * ```
 */
export function validationError(issues: readonly ValidationIssue[]): ValidationError {
  const first: ValidationIssue = issues[0] ?? { code: 'custom', path: [], message: 'is not valid' };
  const all: [ValidationIssue, ...ValidationIssue[]] = [first, ...issues.slice(1)];
  return { code: 'validation', message: `The input was refused: ${describeIssues(all)}`, issues: all };
}

/** `path message` for every issue, separated by semicolons. */
function describeIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((i) => `${formatPath(i.path)} ${i.message}`).join('; ');
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

/**
 * What `formatError` reads: every error of the library has a `code` and a `message`.
 *
 * @example
 * ```ts
 * const error: FormattableError = { code: 'spark.search_throttled', message: 'Retry later' };
 * ```
 */
export interface FormattableError {
  readonly code: string;
  readonly message: string;
  readonly issues?: readonly ValidationIssue[];
  readonly violations?: readonly Violation[];
}

/**
 * One readable paragraph for any error of the library, for logs and support tickets: the code,
 * then every validation issue (path and problem) or every violation (rule, code and message),
 * or else the error's message. It covers every error kind the services return: `validation`,
 * `denied`, `not_found`, `storage` and `spark.search_throttled`.
 *
 * The errors are plain data (design §4), so `String(error)` and `` `${error}` `` give
 * `[object Object]`: print them with `formatError(error)`, or `error.message` for one short
 * sentence. `Result.unwrap()` (ts-results-es) puts the error's JSON in the message it throws;
 * check `isErr()` and format the error instead of unwrapping where a person reads the outcome.
 *
 * @example
 * ```ts
 * import { formatError } from 'tiktok-ad-auth';
 * const r = await spark.generateCode(input);
 * if (r.isErr()) console.error(formatError(r.error));
 * // denied: 2 rules refuse this. SPARK-02 (spark.not_enough_followers): The account needs at
 * // least 10,000 followers. SPARK-12 (spark.code_already_in_force): This video already has a
 * // code in force.
 * // validation: the input was refused (2 problems): creator.id must not be empty; periodDay is
 * // not a known field.
 * ```
 */
export function formatError(error: FormattableError): string {
  const { code, issues, violations } = error;
  if (issues !== undefined && issues.length > 0) {
    const list = describeIssues(issues);
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
