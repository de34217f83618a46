// A code TikTok issued, as an ad account pastes it to register it (AG-01). TikTok's codes are
// read by format only: `#` followed by canonical padded base64, the format of the public example
// `#s63DdePaj9HjSv2BPcSrDfTxU2X506b2oiwchQ9PIspTLgroZKtjN7PPiFnF+qA=`. The checksum that codes of
// this library carry is not asked for: TikTok's codes have none of ours (searched as one of ours,
// the public example is refused as `spark.code_mistyped`, 4013; registered, it is accepted).
// The format rules are `parseAdCode`'s (SPARK-08), not a copy: one reading of the printed form.
import type { Brand } from '../kernel/brand.js';
import { Err, Ok, type Result } from '../kernel/result.js';
import { parseAdCode, type AdCodeFormatProblem } from '../spark-codes/ad-code.js';

/**
 * A Spark Ads authorization code TikTok issued, in its printed form (`#` + base64), read by
 * format only (AG-01). Only `parsePlatformCode` makes values of this type.
 *
 * @example
 * ```ts
 * import { parsePlatformCode, type PlatformCode } from 'tiktok-ad-auth';
 * const code: PlatformCode = parsePlatformCode(pasted).unwrap();
 * ```
 */
export type PlatformCode = Brand<string, 'PlatformCode'>;

/**
 * The pasted text is not a code TikTok could have issued (AG-01 `registry.code_malformed`;
 * the Business API answers such a code with 4013 `auth_code_format_error`). `problem` says what
 * is wrong, in `parseAdCode`'s words.
 *
 * @example
 * ```ts
 * import { parsePlatformCode } from 'tiktok-ad-auth';
 * const r = parsePlatformCode('s63DdePaj9Hj');
 * if (r.isErr()) console.log(r.error.code, r.error.problem); // 'registry.code_malformed' 'missing_hash'
 * ```
 */
export interface PlatformCodeFormatError {
  readonly code: 'registry.code_malformed';
  readonly problem: AdCodeFormatProblem;
  readonly message: string;
}

/**
 * Parses pasted text into a `PlatformCode` by **format only** (AG-01): surrounding white space
 * is trimmed; the rest must be `#` followed by canonical padded base64 of a plausible length
 * (16 to 256 characters). No checksum is asked for, so TikTok's own codes, the public example
 * among them, are accepted. Whether the code exists is the Business API's answer
 * (`tt_video/info`), not this function's.
 *
 * @example
 * ```ts
 * import { parsePlatformCode } from 'tiktok-ad-auth';
 * parsePlatformCode(' #s63DdePaj9HjSv2BPcSrDfTxU2X506b2oiwchQ9PIspTLgroZKtjN7PPiFnF+qA=\n').isOk(); // true
 * parsePlatformCode('#not base64!').isErr(); // true: registry.code_malformed, invalid_character
 * ```
 */
export function parsePlatformCode(text: unknown): Result<PlatformCode, PlatformCodeFormatError> {
  const parsed = parseAdCode(text);
  if (parsed.isOk()) return Ok(parsed.value as string as PlatformCode);
  return Err({ code: 'registry.code_malformed', problem: parsed.error.problem, message: parsed.error.message });
}
