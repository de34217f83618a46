import { base64 } from '@scure/base';
import { hmacSha256, sha256Bytes, sha256Hex, utf8ToBytes } from '../kernel/crypto.js';
import type { Brand } from '../kernel/brand.js';
import { Err, Ok, type Result } from '../kernel/result.js';

/**
 * A Spark Ads authorization code in its printed form (SPARK-08): `#` followed by padded
 * base64, as in the public example `#s63DdePaj9HjSv2BPcSrDfTxU2X506b2oiwchQ9PIspTLgroZKtjN7PPiFnF+qA=`.
 * Only `parseAdCode` and the code service make values of this type.
 *
 * @example
 * ```ts
 * import { parseAdCode, type AdCode } from 'tiktok-ad-auth';
 * const code: AdCode = parseAdCode(pasted).unwrap();
 * ```
 */
export type AdCode = Brand<string, 'AdCode'>;

/**
 * Why a pasted text is not an authorization code.
 *
 * @example
 * ```ts
 * import { parseAdCode, type AdCodeFormatProblem } from 'tiktok-ad-auth';
 * const r = parseAdCode('abc');
 * const problem: AdCodeFormatProblem | undefined = r.isErr() ? r.error.problem : undefined; // 'missing_hash'
 * ```
 */
export type AdCodeFormatProblem =
  | 'not_a_string'
  | 'empty'
  | 'missing_hash'
  | 'invalid_character'
  | 'wrong_length'
  | 'not_canonical';

/**
 * The pasted text is not a code at all (maps to the Business API's `auth_code_format_error`, 4013).
 *
 * @example
 * ```ts
 * import { parseAdCode } from 'tiktok-ad-auth';
 * const r = parseAdCode('');
 * if (r.isErr()) console.log(r.error.code, r.error.problem, r.error.message); // 'spark.code_malformed' 'empty' …
 * ```
 */
export interface AdCodeFormatError {
  readonly code: 'spark.code_malformed';
  readonly problem: AdCodeFormatProblem;
  readonly message: string;
}

/** Shortest and longest base64 part accepted for codes from elsewhere (format only). */
const MIN_B64 = 16;
const MAX_B64 = 256;
/** Codes this library issues: 43 derived bytes + 4 checksum bytes = 47 bytes = 64 base64 characters. */
const BODY_BYTES = 43;
const CHECK_BYTES = 4;
const ISSUED_B64_LENGTH = 64;
const NONCE_BYTES = 32;
/** Domain separation of the derivation (HMAC input: label, nonce, counter byte). */
const DERIVE_LABEL = utf8ToBytes('tiktok-ad-auth/code/v3');

// People paste codes from chats and e-mails: we forgive white space around the code and
// nothing else. Zero-width characters and the BOM are *not* trimmed (String#trim would drop
// the BOM); a code carrying them is refused, as TikTok would not find it either.
const WHITE_SPACE = '\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const SURROUNDING_SPACE = new RegExp(`^[${WHITE_SPACE}]+|[${WHITE_SPACE}]+$`, 'g');
/** Base64 characters, then at most two `=`. */
const BASE64_TEXT = /^[A-Za-z0-9+/]+={0,2}$/;

const MESSAGES: Readonly<Record<AdCodeFormatProblem, string>> = {
  not_a_string: 'The code must be text.',
  empty: 'Paste the authorization code you received from the creator.',
  missing_hash: 'An authorization code starts with "#": copy the whole code from the creator, including the "#".',
  invalid_character:
    'The code contains characters that never appear in an authorization code: ' +
    'copy it again exactly as the creator sent it.',
  wrong_length: 'The code is too short or too long: copy it again exactly, character for character.',
  not_canonical: 'The code has been altered: copy it again exactly as the creator sent it.',
};

function formatError(problem: AdCodeFormatProblem): Err<AdCodeFormatError> {
  return Err({ code: 'spark.code_malformed', problem, message: MESSAGES[problem] });
}

/** The bytes of padded base64 text, or `undefined` when it is not canonical padded base64. */
function decodeBase64(text: string): Uint8Array | undefined {
  try {
    return base64.decode(text);
  } catch {
    return undefined;
  }
}

/**
 * Parses pasted text into an `AdCode` by **format** (SPARK-08): surrounding white space is
 * trimmed; anything else that differs — a missing `#`, a zero-width or look-alike character, a
 * wrong length, non-canonical base64 — is refused. It does not check that a code exists, nor
 * the checksum of codes this library issued (see `hasValidChecksum`).
 *
 * @example
 * ```ts
 * import { parseAdCode } from 'tiktok-ad-auth';
 * const r = parseAdCode('  #s63DdePaj9HjSv2BPcSrDfTxU2X506b2oiwchQ9PIspTLgroZKtjN7PPiFnF+qA=\n');
 * r.isOk(); // true
 * parseAdCode('s63DdePaj9Hj').isErr(); // true: no "#"
 * ```
 */
export function parseAdCode(raw: unknown): Result<AdCode, AdCodeFormatError> {
  if (typeof raw !== 'string') return formatError('not_a_string');
  if (raw.length > 4 * MAX_B64) return formatError('wrong_length'); // refuse huge input before any regex work
  const text = raw.replace(SURROUNDING_SPACE, '');
  if (text.length === 0) return formatError('empty');
  if (!text.startsWith('#')) return formatError('missing_hash');
  const body = text.slice(1);
  if (!BASE64_TEXT.test(body)) return formatError('invalid_character');
  if (body.length < MIN_B64 || body.length > MAX_B64 || body.length % 4 !== 0) return formatError('wrong_length');
  // Base64 has spare bits before the padding: two texts can decode to the same bytes. Only the
  // canonical text (spare bits zero) is the code, so a changed character is never silently accepted.
  if (decodeBase64(body) === undefined) return formatError('not_canonical');
  return Ok(text as AdCode);
}

/** The 4-byte checksum of a code's 43 derived bytes: the first 4 bytes of their SHA-256. */
function checksum(body: Uint8Array): Uint8Array {
  return sha256Bytes(body).slice(0, CHECK_BYTES);
}

/** The 47 bytes of a code this library issues (length and checksum right), else `undefined`. */
function issuedBytes(code: string): Uint8Array | undefined {
  if (code.length !== ISSUED_B64_LENGTH + 1 || !code.startsWith('#')) return undefined;
  const bytes = decodeBase64(code.slice(1));
  if (bytes === undefined || bytes.length !== BODY_BYTES + CHECK_BYTES) return undefined;
  const expected = checksum(bytes.subarray(0, BODY_BYTES));
  return expected.every((b, i) => bytes[BODY_BYTES + i] === b) ? bytes : undefined;
}

/**
 * True when `code` has the length and checksum of a code this library issues. A mistyped
 * code of ours fails this before any storage lookup; codes from elsewhere fail it too.
 *
 * @example
 * ```ts
 * import { hasValidChecksum, parseAdCode } from 'tiktok-ad-auth';
 * hasValidChecksum(parseAdCode(generated.code).unwrap()); // true
 * ```
 */
export function hasValidChecksum(code: AdCode): boolean {
  return issuedBytes(code) !== undefined;
}

/**
 * Internal: the digest of a code this library issued, or `undefined` when the code's length or
 * checksum is wrong (a typo, or a code from elsewhere).
 *
 * @example
 * ```ts
 * const digest = issuedCodeDigest(parseAdCode(pasted).unwrap()); // undefined for a typo
 * ```
 */
export function issuedCodeDigest(code: AdCode): string | undefined {
  const bytes = issuedBytes(code);
  return bytes === undefined ? undefined : sha256Hex(bytes);
}

/**
 * Minimum length in bytes of the secret a code service derives codes from.
 *
 * @example
 * ```ts
 * const secret = crypto.getRandomValues(new Uint8Array(MIN_SECRET_BYTES));
 * ```
 */
export const MIN_SECRET_BYTES = 32;

/**
 * Internal: a derived code and its digest (`adCodeDigest(code)`).
 *
 * @example
 * ```ts
 * const { code, digest }: DerivedCode = adCodeDeriver(secret)(nonce);
 * ```
 */
export interface DerivedCode {
  readonly code: AdCode;
  readonly digest: string;
}

/**
 * Internal: makes the function that derives a printed code from a stored 32-byte random nonce
 * with the service secret. The 43 derived bytes are HMAC-SHA-256(secret, label | nonce | 1)
 * followed by the first 11 bytes of HMAC-SHA-256(secret, label | nonce | 2); the last 4 bytes
 * are the checksum (first 4 bytes of SHA-256 of the 43). The store keeps the nonce and the
 * digest, never the code: without the secret (kept out of the database) a dump reveals no
 * code, while the creator can still be shown theirs (SPARK-09).
 *
 * @example
 * ```ts
 * const derive = adCodeDeriver(secret);
 * const { code, digest } = derive(nonce); // the same nonce always gives the same code
 * ```
 */
export function adCodeDeriver(secret: Uint8Array): (nonce: Uint8Array) => DerivedCode {
  const key = Uint8Array.from(secret);
  return (nonce) => {
    if (nonce.length !== NONCE_BYTES) throw new TypeError(`adCodeDeriver: the nonce must be ${NONCE_BYTES} bytes`);
    const block = (counter: number) => hmacSha256(key, Uint8Array.from([...DERIVE_LABEL, ...nonce, counter]));
    const body = Uint8Array.from([...block(1), ...block(2).subarray(0, BODY_BYTES - 32)]);
    const bytes = Uint8Array.from([...body, ...checksum(body)]);
    return { code: `#${base64.encode(bytes)}` as AdCode, digest: sha256Hex(bytes) };
  };
}

/**
 * The lookup key stored for a code: hex SHA-256 of the bytes its base64 encodes. Stores index
 * codes by this digest only.
 *
 * @example
 * ```ts
 * import { adCodeDigest } from 'tiktok-ad-auth';
 * adCodeDigest(code).length; // 64
 * ```
 */
export function adCodeDigest(code: AdCode): string {
  // A parsed code always decodes; a text that is not base64 is hashed as its characters.
  const bytes = decodeBase64(code.slice(1));
  return sha256Hex(bytes ?? utf8ToBytes(code));
}

/**
 * A redacted form of a code, safe for logs, events and errors: the first five and the last
 * four characters, e.g. `#s63D…+qA=`.
 *
 * @example
 * ```ts
 * import { adCodeFingerprint } from 'tiktok-ad-auth';
 * adCodeFingerprint(code); // '#s63D…+qA='
 * ```
 */
export function adCodeFingerprint(code: AdCode): string {
  return `${code.slice(0, 5)}…${code.slice(-4)}`;
}
