import type { DeniedError, NotFoundError, StorageError, ValidationError } from '../kernel/errors.js';

/**
 * Errors of `extendAuthorization`, `askExtension` and `answerExtension`: `denied` lists every
 * EXT-01, EXT-02 and EXT-03 violation; `not_found` for an authorization or ask that is not the
 * caller's (reported exactly like a missing one).
 *
 * @example
 * ```ts
 * const r = await ext.extendAuthorization({ creatorId, codeId, periodDays: 30 });
 * if (r.isErr() && r.error.code === 'denied') r.error.violations.map((v) => v.code);
 * ```
 */
export type ExtensionError = ValidationError | NotFoundError | DeniedError | StorageError;

/**
 * Errors of `listAsks` and `remindDue`.
 *
 * @example
 * ```ts
 * const r = await ext.remindDue({ limit: 0 }); // validation: limit must be a whole number from 1 to 1000000
 * ```
 */
export type ExtensionQueryError = ValidationError | StorageError;
