import { crc32, hmacSha256, sha256Ascii, sha256Hex, toHex, utf8 } from '../kernel/sha256.js';
import type { Brand } from '../kernel/brand.js';
import { Err, Ok, type Result } from '../kernel/result.js';
import { decodeBase64, encodeBase64, isBase64Char, isBase64Text } from './base64.js';

/**
 * A Spark Ads authorization code in its printed form (SPARK-08): `#` followed by padded
 * base64, as in the public example `#s63DdePaj9HjSv2BPcSrDfTxU2X506b2oiwchQ9PIspTLgroZKtjN7PPiFnF+qA=`.
 * Only `parseAdCode` and the code service make values of this type.
 */
export type AdCode = Brand<string, 'AdCode'>;

/** Why a pasted text is not an authorization code. */
export type AdCodeFormatProblem =
  | 'not_a_string'
  | 'empty'
  | 'missing_hash'
  | 'invalid_character'
  | 'wrong_length'
  | 'not_canonical';

/** The pasted text is not a code at all (maps to the Business API's `auth_code_format_error`, 4013). */
export interface AdCodeFormatError {
  readonly code: 'spark.code_malformed';
  readonly problem: AdCodeFormatProblem;
  readonly message: string;
}

/** Shortest and longest base64 part accepted for codes from elsewhere (format only). */
const MIN_B64 = 16;
const MAX_B64 = 256;
/** Codes this library issues: 43 secret bytes + 4 checksum bytes = 47 bytes = 64 base64 chars. */
const BODY_BYTES = 43;
const CHECK_BYTES = 4;
const ISSUED_B64_LENGTH = 64;
// At most 22 bytes, so that label + 32-byte nonce + counter byte fit one SHA-256 block with
// its padding: each HMAC then costs two compressions after the once-per-key schedule.
const DERIVE_LABEL = utf8('tiktok-ad-auth/code/v3');

// People paste codes from chats and e-mails: we forgive white space around the code and
// nothing else. Zero-width characters and the BOM are *not* trimmed (String#trim would drop
// the BOM); a code carrying them is refused, as TikTok would not find it either.
const SURROUNDING_SPACE = /^[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;
const B64_VALUE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function formatError(problem: AdCodeFormatProblem): Err<AdCodeFormatError> {
  const messages: Record<AdCodeFormatProblem, string> = {
    not_a_string: 'The code must be text.',
    empty: 'Paste the authorization code you received from the creator.',
    missing_hash: 'An authorization code starts with "#": copy the whole code from the creator, including the "#".',
    invalid_character: 'The code contains characters that never appear in an authorization code: copy it again exactly as the creator sent it.',
    wrong_length: 'The code is too short or too long: copy it again exactly, character for character.',
    not_canonical: 'The code has been altered: copy it again exactly as the creator sent it.',
  };
  return Err({ code: 'spark.code_malformed', problem, message: messages[problem] });
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
  // White space is only ever at the ends; a text starting with "#" and ending in a base64
  // character or "=" has none to trim (the common case: skip the regular expression).
  const lastChar = raw.charCodeAt(raw.length - 1);
  const text = raw.charCodeAt(0) === 35 && (lastChar === 61 || isBase64Char(lastChar)) ? raw : raw.replace(SURROUNDING_SPACE, '');
  if (text.length === 0) return formatError('empty');
  if (text.charCodeAt(0) !== 35) return formatError('missing_hash');
  if (!isBase64Text(text, 1)) return formatError('invalid_character');
  const bodyLength = text.length - 1;
  if (bodyLength < MIN_B64 || bodyLength > MAX_B64 || bodyLength % 4 !== 0) return formatError('wrong_length');
  // Base64 has spare bits before the padding: two texts can decode to the same bytes. Only the
  // canonical text (spare bits zero) is the code, so a changed character is never silently accepted.
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  if (pad > 0) {
    const last = B64_VALUE.indexOf(text[text.length - 1 - pad]!);
    if ((last & (pad === 1 ? 0b11 : 0b1111)) !== 0) return formatError('not_canonical');
  }
  return Ok(text as AdCode);
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

// Scratch for the bytes of a pasted code: they are checksummed and hashed synchronously, then dropped.
const ISSUED_SCRATCH = new Uint8Array(BODY_BYTES + CHECK_BYTES);

/**
 * The 47 bytes of a code this library issues (length and checksum right), else `undefined`.
 * They are in a scratch buffer that the next call overwrites: use them at once.
 */
function issuedBytes(code: string): Uint8Array | undefined {
  if (code.length !== ISSUED_B64_LENGTH + 1) return undefined;
  const bytes = decodeBase64(code, 1, ISSUED_SCRATCH);
  if (!bytes || bytes.length !== BODY_BYTES + CHECK_BYTES) return undefined;
  const stored = ((bytes[BODY_BYTES]! << 24) | (bytes[BODY_BYTES + 1]! << 16) | (bytes[BODY_BYTES + 2]! << 8) | bytes[BODY_BYTES + 3]!) >>> 0;
  return crc32(bytes, BODY_BYTES) === stored ? bytes : undefined;
}

/**
 * Internal: the digest of a code this library issued, or `undefined` when the code's length or
 * checksum is wrong (a typo, or a code from elsewhere). One base64 decode serves both the
 * checksum and the digest: this is the hot path of every search and confirm.
 */
export function issuedCodeDigest(code: AdCode): string | undefined {
  const bytes = issuedBytes(code);
  return bytes === undefined ? undefined : sha256Hex(bytes);
}

/** Minimum length of the secret a code service derives codes from. */
export const MIN_SECRET_BYTES = 32;

/**
 * Makes the function that derives a printed code from a stored 32-byte random nonce with the
 * service secret (HMAC-SHA-256 as a PRF over label, nonce and a counter, key schedule done once). The store keeps
 * the nonce and the digest, never the code: without the secret (kept out of the database) a
 * dump reveals no code, while the creator can still be shown theirs (SPARK-09). The code's
 * last 4 bytes are a CRC-32 of the first 43, so any single-character typo is caught.
 */
export function adCodeDeriver(secret: Uint8Array): (nonce: Uint8Array) => DerivedCode {
  const mac = hmacSha256(secret);
  const info = new Uint8Array(DERIVE_LABEL.length + 32 + 1);
  info.set(DERIVE_LABEL);
  // Scratch, per deriver: the code's bytes are encoded and hashed before the deriver returns.
  const bytes = new Uint8Array(BODY_BYTES + CHECK_BYTES);
  const t2 = new Uint8Array(32);
  return (nonce) => {
    if (nonce.length !== 32) throw new TypeError('adCodeDeriver: the nonce must be 32 bytes');
    // Two independent PRF outputs, HMAC(secret, label | nonce | i) for i = 1, 2: 32 + 11 bytes.
    info.set(nonce, DERIVE_LABEL.length);
    info[info.length - 1] = 1;
    mac(info, bytes, 0);
    info[info.length - 1] = 2;
    mac(info, t2, 0);
    info.fill(0, DERIVE_LABEL.length); // no nonce lingers in the scratch buffer
    for (let i = 32; i < BODY_BYTES; i++) bytes[i] = t2[i - 32]!;
    const crc = crc32(bytes, BODY_BYTES);
    bytes[BODY_BYTES] = crc >>> 24; bytes[BODY_BYTES + 1] = crc >>> 16; bytes[BODY_BYTES + 2] = crc >>> 8; bytes[BODY_BYTES + 3] = crc;
    // The digest straight from the bytes: `adCodeDigest` of the printed code, without decoding it again.
    const derived = { code: encodeBase64(bytes, '#') as AdCode, digest: sha256Hex(bytes) };
    bytes.fill(0);
    t2.fill(0);
    return derived;
  };
}

/** Internal: a derived code and its digest (`adCodeDigest(code)`). */
export interface DerivedCode {
  readonly code: AdCode;
  readonly digest: string;
}

/**
 * The lookup key stored for a code: hex SHA-256 of the bytes its base64 encodes (for a text
 * that is not base64, of its characters). Stores index codes by this digest only.
 *
 * @example
 * ```ts
 * import { adCodeDigest } from 'tiktok-ad-auth';
 * adCodeDigest(code).length; // 64
 * ```
 */
export function adCodeDigest(code: AdCode): string {
  const bytes = decodeBase64(code, 1);
  return bytes ? sha256Hex(bytes) : toHex(sha256Ascii(code)); // a parsed code always decodes
}

/**
 * A redacted form of a code, safe for logs, events and errors: the first four and the last
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

/** Bytes of a hex string (for stored nonces). */
export function hexToBytesStrict(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-f]*$/.test(hex)) throw new TypeError('stored nonce is not lowercase hex');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}
