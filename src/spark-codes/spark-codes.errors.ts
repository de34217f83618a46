import type { DeniedError, NotFoundError, StorageError, ValidationError } from '../kernel/errors.js';
import { sparkAdsError, type BusinessApiErrorName } from '../business-api/errors.js';

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

/**
 * An error of the TikTok Business API that a library error corresponds to: TikTok's numeric code
 * where it has one, and the error's name (a row of `SPARK_ADS_ERRORS` in
 * `tiktok-ad-auth/business-api`).
 *
 * @example
 * ```ts
 * import type { BusinessApiError } from 'tiktok-ad-auth/model';
 * const expired: BusinessApiError = { code: 4025, name: 'auth_code_expired' };
 * ```
 */
export interface BusinessApiError {
  /** Numeric API code where the API has one (4025 expired, 4013 format error, -500 failure). */
  readonly code?: number;
  readonly name: BusinessApiErrorName;
}

/** Which API error wins when a library error lists several violations: the one to act on first. */
const PRIORITY: readonly BusinessApiErrorName[] = [
  'auth_code_expired',
  'auth_code_format_error',
  'auth_code_not_found',
  'call_db_fail',
];

/**
 * Maps a library error to the Business API error it corresponds to (API-01), so a service that
 * speaks both can answer in API terms: expired (a code, or the authorization of an ad or an
 * extension) → 4025 `auth_code_expired`; malformed or mistyped (ours or a pasted platform code)
 * → 4013 `auth_code_format_error`; unknown **or revoked** → `auth_code_not_found` ("The code has
 * been deleted.", TikTok's answer for a code its creator deleted); a storage failure → -500
 * `call_db_fail`. When an error lists several violations, the first of expired, format, not
 * found, failure wins. `undefined` when the API has no equivalent (ADV-01 problems, throttling,
 * eligibility rules).
 *
 * The reverse, `fromBusinessApiError` (an API code or message → meaning, action and the library's
 * violation codes), and the whole table, `SPARK_ADS_ERRORS`, are in `tiktok-ad-auth/business-api`,
 * which exports this function too.
 *
 * @example
 * ```ts
 * import { toBusinessApiError } from 'tiktok-ad-auth/model';
 * const r = await spark.searchCode({ advertiser, code: pasted });
 * if (r.isErr()) toBusinessApiError(r.error); // { code: 4025, name: 'auth_code_expired' }
 * ```
 */
export function toBusinessApiError(error: {
  readonly code: string;
  readonly violations?: readonly { readonly code: string }[];
}): BusinessApiError | undefined {
  const codes = new Set(error.violations ? error.violations.map((v) => v.code) : [error.code]);
  for (const name of PRIORITY) {
    const row = sparkAdsError(name);
    if (row.violationCodes.some((c) => codes.has(c))) {
      return row.code === undefined ? { name } : { code: row.code, name };
    }
  }
  return undefined;
}
