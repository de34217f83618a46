import type { Violation } from './decision.js';
import { Err, Ok, type Result } from './result.js';

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

/** A rule refused the request; `violations` lists every rule that blocked it. */
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

/** Makes a `denied` error from a refused decision's violations. */
export function denied(violations: readonly [Violation, ...Violation[]]): DeniedError {
  const first = violations[0];
  const message =
    violations.length === 1 ? first.message : `${violations.length} rules block this: ${violations.map((v) => v.message).join(' ')}`;
  return { code: 'denied', message, violations };
}

/** Makes a `storage` error from whatever the store threw. */
export function storageError(cause: unknown): StorageError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return { code: 'storage', message: `The store failed, nothing was changed: ${detail}`, cause };
}

/** Makes a `not_found` error. */
export function notFound(entity: string, id: string): NotFoundError {
  return { code: 'not_found', message: `No ${entity} ${id} is visible to you.`, entity, id };
}

/**
 * Internal: runs one store call and turns a rejection into a `storage` error, so a workflow
 * returns `Err` instead of throwing when the store fails.
 */
export function guardStorage<T>(op: () => Promise<T>): Promise<Result<T, StorageError>> {
  // `.then` rather than an async function: one promise hop fewer on every store call.
  try {
    return Promise.resolve(op()).then(okValue<T>, storageFailure);
  } catch (e) {
    return Promise.resolve(storageFailure(e));
  }
}

function okValue<T>(value: T): Result<T, StorageError> {
  return Ok(value);
}

function storageFailure(e: unknown): Result<never, StorageError> {
  return Err(storageError(e));
}
