// The Spark Ads error codes of TikTok's Business API and Ads Manager, as data (API-01).
//
// Source: TikTok Ads Manager help, "About Spark Ads Code Error Notifications in TikTok Ads
// Manager" (last updated July 2025),
// https://ads.us.tiktok.com/help/article/about-spark-ads-code-error-notifications-in-tiktok-ads-manager?lang=en
// Each row below copies that page's error code, name, notification message (`meaning`) and
// "What you can do" (`action`), in the page's order.
//
// What the page does not say, and this file therefore does not claim:
// - how these codes appear in a Business API response body (the envelope's numeric `code`, or
//   the name in `message`): `fromBusinessApiError` accepts either, and a body with both;
// - the last row: the stored copy of the page breaks off at "900003 multi_duet_stitch_refus…".
//   The name is completed as `multi_duet_stitch_refuse`; its meaning is the `tt_video/info`
//   field `is_multi_duet_stitch` (a stitch of a stitch, or a duet of a duet) and its action is
//   the one the page gives its sibling rows (4027, 4042). Both are marked `documented: false`.
// - rows after 900003, if the page has any.
// Two codes name two errors each (4002, -500): a code alone then means either of them.
//
// `violationCodes` are the library's violation codes that are the same refusal in the library's
// words; `toBusinessApiError` maps them to the row, and back. Rows with none have no library
// equivalent (the library does not model community-guideline checks, stories or duets).

/**
 * The name of a Spark Ads error in TikTok's vocabulary (the table `SPARK_ADS_ERRORS`).
 *
 * @example
 * ```ts
 * import type { BusinessApiErrorName } from 'tiktok-ad-auth/business-api';
 * const name: BusinessApiErrorName = 'auth_code_expired';
 * ```
 */
export type BusinessApiErrorName =
  | 'video_unavailable'
  | 'video_deleted'
  | 'auth_code_not_found'
  | 'auth_code_format_error'
  | 'call_rpc_fail'
  | 'call_db_fail'
  | 'mention_multiple_videos'
  | 'illegal_item_status_error'
  | 'story_video_not_supported'
  | 'carousel_duet_not_supported'
  | 'auth_code_expired'
  | 'multi_duet_stitch_refuse';

/**
 * One Spark Ads error: TikTok's code and name, what it means and what to do, and the library's
 * violation codes that are the same refusal (API-01).
 *
 * @example
 * ```ts
 * import { SPARK_ADS_ERRORS, type SparkAdsError } from 'tiktok-ad-auth/business-api';
 * const expired: SparkAdsError | undefined = SPARK_ADS_ERRORS.find((e) => e.code === 4025);
 * expired?.action; // 'Contact the creator to extend the authorization.'
 * ```
 */
export interface SparkAdsError {
  /** TikTok's numeric code; absent where TikTok gives none (`auth_code_not_found`). */
  readonly code?: number;
  readonly name: BusinessApiErrorName;
  /** TikTok's notification message. */
  readonly meaning: string;
  /** TikTok's "What you can do". */
  readonly action: string;
  /** The library's violation (or error) codes that are this refusal; `[]` when it has none. */
  readonly violationCodes: readonly string[];
  /** `false` where the source is incomplete and the row is completed by the library (900003). */
  readonly documented: boolean;
}

/**
 * Every Spark Ads error code TikTok documents, with its meaning and the action to take, in the
 * order of TikTok's help page ("About Spark Ads Code Error Notifications in TikTok Ads Manager",
 * July 2025). A revoked code is `auth_code_not_found`: "The code has been deleted." (API-01)
 *
 * @example
 * ```ts
 * import { SPARK_ADS_ERRORS } from 'tiktok-ad-auth/business-api';
 * for (const e of SPARK_ADS_ERRORS) console.log(e.code ?? '-', e.name, e.meaning, e.action);
 * ```
 */
export const SPARK_ADS_ERRORS: readonly SparkAdsError[] = [
  {
    code: 4002,
    name: 'video_unavailable',
    meaning: 'The video is not available due to community guidelines violation.',
    action: 'Contact the creator or select another post that meets community guidelines.',
    violationCodes: [],
    documented: true,
  },
  {
    code: 4002,
    name: 'video_deleted',
    meaning: 'The video has been deleted and cannot be used to create ads.',
    action: 'Contact the creator or choose another post.',
    violationCodes: [],
    documented: true,
  },
  {
    name: 'auth_code_not_found',
    meaning: 'The code has been deleted.',
    action: 'Contact the creator to generate a new code.',
    violationCodes: [
      'spark.code_not_found',
      'spark.code_revoked',
      'ads.authorization_revoked',
      'extension.authorization_revoked',
    ],
    documented: true,
  },
  {
    code: 4013,
    name: 'auth_code_format_error',
    meaning: 'The post code is incorrect.',
    action: 'Verify the code with the creator or generate a new one.',
    violationCodes: ['spark.code_malformed', 'spark.code_mistyped', 'registry.code_malformed'],
    documented: true,
  },
  {
    code: -500,
    name: 'call_rpc_fail',
    meaning: 'An error occurred processing the code.',
    action: 'Refresh the page or try again later.',
    violationCodes: [],
    documented: true,
  },
  {
    code: -500,
    name: 'call_db_fail',
    meaning: 'An error occurred processing the code.',
    action: 'Refresh the page or try again later.',
    violationCodes: ['storage'],
    documented: true,
  },
  {
    code: 930002,
    name: 'mention_multiple_videos',
    meaning: 'This post can’t be used for ads because it tags multiple posts.',
    action: 'Select a post that doesn’t tag multiple posts.',
    violationCodes: [],
    documented: true,
  },
  {
    code: 900012,
    name: 'illegal_item_status_error',
    meaning: 'The post is unavailable due to a community rule violation.',
    action: 'Contact the creator or choose another post.',
    violationCodes: [],
    documented: true,
  },
  {
    code: 4027,
    name: 'story_video_not_supported',
    meaning: 'Story videos can’t be used for Spark Ads.',
    action: 'Choose a different post.',
    violationCodes: [],
    documented: true,
  },
  {
    code: 4042,
    name: 'carousel_duet_not_supported',
    meaning: 'Duet carousels can’t be used for Spark Ads.',
    action: 'Choose a different post.',
    violationCodes: [],
    documented: true,
  },
  {
    code: 4025,
    name: 'auth_code_expired',
    meaning: 'Authorization expired.',
    action: 'Contact the creator to extend the authorization.',
    violationCodes: ['spark.code_expired', 'ads.authorization_expired', 'extension.authorization_expired'],
    documented: true,
  },
  {
    code: 900003,
    name: 'multi_duet_stitch_refuse',
    meaning: 'The post is a duet or stitch of another duet or stitch (`is_multi_duet_stitch`).',
    action: 'Choose a different post.',
    violationCodes: [],
    documented: false,
  },
];

/**
 * What a Business API error means for the app: TikTok's meaning and action, and the library's
 * violation codes that are the same refusal (`[]` when the library has none). For a code that
 * names two errors (4002, -500) given without a name, `meaning` and `action` say both and
 * `names` lists both.
 *
 * @example
 * ```ts
 * import { fromBusinessApiError, type BusinessApiErrorInfo } from 'tiktok-ad-auth/business-api';
 * const info: BusinessApiErrorInfo | undefined = fromBusinessApiError(4025);
 * ```
 */
export interface BusinessApiErrorInfo {
  /** TikTok's numeric code, when it has one. */
  readonly code?: number;
  /** The matching rows' names (one, or two for an ambiguous code). */
  readonly names: readonly [BusinessApiErrorName, ...BusinessApiErrorName[]];
  readonly meaning: string;
  readonly action: string;
  readonly violationCodes: readonly string[];
}

/**
 * What `fromBusinessApiError` reads: TikTok's numeric code, an error name or a message that
 * contains one (`'auth_code_not_found'`, `'4013 auth_code_format_error'`), or a Business API
 * response body `{ code, message }`.
 *
 * @example
 * ```ts
 * import type { BusinessApiErrorInput } from 'tiktok-ad-auth/business-api';
 * const input: BusinessApiErrorInput = { code: 4013, message: 'auth_code_format_error' };
 * ```
 */
export type BusinessApiErrorInput =
  | number
  | string
  | { readonly code?: number | undefined; readonly message?: string | undefined };

const NAMES: readonly BusinessApiErrorName[] = SPARK_ADS_ERRORS.map((e) => e.name);

/** The rows whose name is in `text` (as a whole word), longest name first. */
function rowsNamedIn(text: string): SparkAdsError[] {
  const words = new Set(text.toLowerCase().match(/[a-z0-9_]+/g) ?? []);
  // The page's cut-off spelling (`multi_duet_stitch_refus`) names the last row too.
  if (words.has('multi_duet_stitch_refus')) words.add('multi_duet_stitch_refuse');
  return SPARK_ADS_ERRORS.filter((e) => words.has(e.name));
}

/** A number in `text` that is one of the table's codes (`4013`, `-500`). */
function codeIn(text: string): number | undefined {
  for (const token of text.match(/-?\d+/g) ?? []) {
    const n = Number(token);
    if (SPARK_ADS_ERRORS.some((e) => e.code === n)) return n;
  }
  return undefined;
}

function merge(rows: readonly SparkAdsError[]): BusinessApiErrorInfo | undefined {
  const [first, ...rest] = rows;
  if (first === undefined) return undefined;
  const distinct = (values: readonly string[]) => [...new Set(values)];
  return {
    ...(first.code === undefined ? {} : { code: first.code }),
    names: [first.name, ...rest.map((r) => r.name)],
    meaning: distinct(rows.map((r) => r.meaning)).join(' Or: '),
    action: distinct(rows.map((r) => r.action)).join(' Or: '),
    violationCodes: distinct(rows.flatMap((r) => r.violationCodes)),
  };
}

/**
 * Reads a Business API error back into the library's terms (API-01): TikTok's meaning and the
 * action to take, and the library's violation codes that are the same refusal. The reverse of
 * `toBusinessApiError` (also exported here and from `tiktok-ad-auth/model`): for every library
 * code `c` that maps to an API error `e`, `fromBusinessApiError(e).violationCodes` contains `c`.
 *
 * A name (in a string or in a body's `message`) decides over a number, since two codes name two
 * errors each; a number alone that names two errors gives both. `undefined` when nothing in the
 * input is in TikTok's table (`SPARK_ADS_ERRORS`).
 *
 * @example
 * ```ts
 * import { fromBusinessApiError } from 'tiktok-ad-auth/business-api';
 * fromBusinessApiError('auth_code_not_found')?.violationCodes; // ['spark.code_not_found', 'spark.code_revoked', …]
 * fromBusinessApiError({ code: 4025, message: 'auth_code_expired' })?.action;
 * // 'Contact the creator to extend the authorization.'
 * fromBusinessApiError(4002)?.names; // ['video_unavailable', 'video_deleted']
 * ```
 */
export function fromBusinessApiError(error: BusinessApiErrorInput): BusinessApiErrorInfo | undefined {
  if (typeof error === 'number') return merge(SPARK_ADS_ERRORS.filter((e) => e.code === error));
  if (typeof error === 'string') {
    const named = rowsNamedIn(error);
    if (named.length > 0) return merge(named);
    const code = codeIn(error);
    return code === undefined ? undefined : fromBusinessApiError(code);
  }
  if (error === null || typeof error !== 'object') return undefined;
  const named = typeof error.message === 'string' ? rowsNamedIn(error.message) : [];
  // A body's code and name agree or the name wins; a name of another code alone still answers.
  const agreeing = named.filter((e) => error.code === undefined || e.code === undefined || e.code === error.code);
  if (agreeing.length > 0) return merge(agreeing);
  if (named.length > 0) return merge(named);
  return typeof error.code === 'number' ? fromBusinessApiError(error.code) : undefined;
}

/**
 * Internal: the row of a name.
 *
 * @example
 * ```ts
 * sparkAdsError('auth_code_expired').code; // 4025
 * ```
 */
export function sparkAdsError(name: BusinessApiErrorName): SparkAdsError {
  const row = SPARK_ADS_ERRORS[NAMES.indexOf(name)];
  if (row === undefined) throw new Error(`not a Spark Ads error name: ${name}`);
  return row;
}
