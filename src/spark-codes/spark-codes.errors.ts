import type { DeniedError, NotFoundError, StorageError, ValidationError } from '../kernel/errors.js';

/** Too many failed code searches from this ad account in the rolling window. */
export interface SearchThrottledError {
  readonly code: 'spark.search_throttled';
  readonly message: string;
  /** The first instant a search will be accepted again. */
  readonly retryAt: Date;
  readonly limit: number;
  readonly windowMs: number;
}

/** Errors of `generateCode`. `denied` lists SPARK-01..06 and SPARK-12 (a code already in force). */
export type GenerateCodeError = ValidationError | DeniedError | StorageError;
/** Errors of `showCode`. */
export type ShowCodeError = ValidationError | NotFoundError | DeniedError | StorageError;
/** Errors of `searchCode`. `denied` lists ADV-01, ADV-03 and SPARK-08 (malformed) violations. */
export type SearchCodeError = ValidationError | DeniedError | SearchThrottledError | StorageError;
/** Errors of `confirmCode`: as search, plus `spark.code_already_used` under single use. */
export type ConfirmCodeError = SearchCodeError;
/** Errors of `revokeCode`. `denied` (`spark.code_in_use_by_ads`) only with `revocationMode: 'block-while-in-use'`. */
export type RevokeCodeError = ValidationError | NotFoundError | DeniedError | StorageError;
/** Errors of queries. */
export type QueryError = ValidationError | NotFoundError | StorageError;

/** An error of the TikTok Business API that a library error corresponds to. */
export interface BusinessApiError {
  /** Numeric API code where the API has one (4025 expired, 4013 format error). */
  readonly code?: number;
  readonly name: 'auth_code_expired' | 'auth_code_format_error' | 'auth_code_not_found';
}

/**
 * Maps a library error to the Business API error it corresponds to, so a service that speaks
 * both can answer in API terms: expired → 4025 `auth_code_expired`; malformed or mistyped →
 * 4013 `auth_code_format_error`; unknown → `auth_code_not_found`. `undefined` when there is
 * no API equivalent (e.g. revoked, ADV-01 problems, throttling).
 *
 * @example
 * ```ts
 * import { toBusinessApiError } from 'tiktok-ad-auth';
 * const r = await spark.searchCode({ advertiser, code: pasted });
 * if (r.isErr()) toBusinessApiError(r.error); // { code: 4025, name: 'auth_code_expired' }
 * ```
 */
export function toBusinessApiError(error: {
  readonly code: string;
  readonly violations?: readonly { readonly code: string }[];
}): BusinessApiError | undefined {
  const codes = error.violations ? error.violations.map((v) => v.code) : [error.code];
  if (codes.includes('spark.code_expired')) return { code: 4025, name: 'auth_code_expired' };
  if (codes.includes('spark.code_malformed') || codes.includes('spark.code_mistyped')) {
    return { code: 4013, name: 'auth_code_format_error' };
  }
  if (codes.includes('spark.code_not_found')) return { name: 'auth_code_not_found' };
  return undefined;
}
