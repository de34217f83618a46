import type { DeniedError, NotFoundError, StorageError, ValidationError } from '../kernel/errors.js';

/**
 * Errors of the identity link and create workflows: `denied` lists ASSET-01..07 (including
 * `identity.account_exists` for a sign-up of a known account), BC-01 and BC-02..07 violations.
 */
export type IdentityError = ValidationError | DeniedError | StorageError;
/** Errors of `grantAccountAccess`. */
export type GrantAccessError = ValidationError | DeniedError | NotFoundError | StorageError;
/** Errors of the identity queries. */
export type IdentityQueryError = ValidationError | StorageError;
