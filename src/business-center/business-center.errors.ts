import type { DeniedError, NotFoundError, StorageError, ValidationError } from '../kernel/errors.js';

/**
 * Errors of `startLinkRequest`: `denied` lists BC-02 (admin; too many requests pending in the
 * Business Center), BC-03, BC-04, BC-06 and BC-08 violations.
 */
export type StartLinkRequestError = ValidationError | DeniedError | StorageError;
/**
 * Errors of `approveLinkRequest`: `denied` lists BC-07 (malformed, unknown, expired, rejected,
 * cancelled, approved, already linked) and BC-01 (caps).
 */
export type ApproveLinkRequestError = ValidationError | DeniedError | StorageError;
/**
 * Errors of `rejectLinkRequest` and `cancelLinkRequest`: `denied` when the request is not
 * pending (BC-07) or the member not admin (BC-02).
 */
export type CloseLinkRequestError = ValidationError | DeniedError | NotFoundError | StorageError;
/**
 * Errors of link changes (`changeLinkPermissions`, `unlink`, assignments): `denied` lists BC-02,
 * BC-04, BC-06, BC-08.
 */
export type LinkChangeError = ValidationError | DeniedError | NotFoundError | StorageError;
/** Errors of Business Center queries. */
export type BcQueryError = ValidationError | NotFoundError | StorageError;
