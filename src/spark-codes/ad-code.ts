import { sha256, sha512 } from '@noble/hashes/sha2';
import { hmac } from '@noble/hashes/hmac';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import type { Brand } from '../kernel/brand.js';
import { Err, Ok, type Result } from '../kernel/result.js';
import { decodeBase64, encodeBase64 } from './base64.js';

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
const DERIVE_LABEL = utf8ToBytes('tiktok-ad-auth/ad-code/v1');
const CHECK_LABEL = utf8ToBytes('tiktok-ad-auth/ad-code/checksum/v1');

// People paste codes from chats and e-mails: we forgive white space around the code and
// nothing else. Zero-width characters and the BOM are *not* trimmed (String#trim would drop
// the BOM); a code carrying them is refused, as TikTok would not find it either.
const SURROUNDING_SPACE = /^[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;
const BASE64_BODY = /^[A-Za-z0-9+/]+={0,2}$/;

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
  const text = raw.replace(SURROUNDING_SPACE, '');
  if (text.length === 0) return formatError('empty');
  if (text[0] !== '#') return formatError('missing_hash');
  const body = text.slice(1);
  if (!BASE64_BODY.test(body)) return formatError('invalid_character');
  if (body.length < MIN_B64 || body.length > MAX_B64 || body.length % 4 !== 0) return formatError('wrong_length');
  const bytes = decodeBase64(body);
  // Base64 has spare bits before the padding: two texts can decode to the same bytes. Only the
  // canonical text is the code, so a changed character is never silently accepted.
  if (!bytes || encodeBase64(bytes) !== body) return formatError('not_canonical');
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
  if (code.length !== ISSUED_B64_LENGTH + 1) return false;
  const bytes = decodeBase64(code.slice(1));
  if (!bytes || bytes.length !== BODY_BYTES + CHECK_BYTES) return false;
  const expected = checksum(bytes.subarray(0, BODY_BYTES));
  let diff = 0;
  for (let i = 0; i < CHECK_BYTES; i++) diff |= expected[i]! ^ bytes[BODY_BYTES + i]!;
  return diff === 0;
}

function checksum(body: Uint8Array): Uint8Array {
  const h = sha256.create();
  h.update(CHECK_LABEL);
  h.update(body);
  return h.digest().subarray(0, CHECK_BYTES);
}

/** Minimum length of the secret a code service derives codes from. */
export const MIN_SECRET_BYTES = 32;

/**
 * Derives the printed code from the service secret and a stored 32-byte random nonce. The
 * store keeps the nonce and the digest, never the code: without the secret (kept out of the
 * database) a dump reveals no code, while the creator can still be shown theirs (SPARK-09).
 */
export function deriveAdCode(secret: Uint8Array, nonce: Uint8Array): AdCode {
  const material = hmac.create(sha512, secret).update(DERIVE_LABEL).update(nonce).digest();
  const bytes = new Uint8Array(BODY_BYTES + CHECK_BYTES);
  bytes.set(material.subarray(0, BODY_BYTES));
  bytes.set(checksum(bytes.subarray(0, BODY_BYTES)), BODY_BYTES);
  return `#${encodeBase64(bytes)}` as AdCode;
}

/**
 * The lookup key stored for a code: hex SHA-256 of its printed form. Stores index codes by
 * this digest only.
 *
 * @example
 * ```ts
 * import { adCodeDigest } from 'tiktok-ad-auth';
 * adCodeDigest(code).length; // 64
 * ```
 */
export function adCodeDigest(code: AdCode): string {
  return bytesToHex(sha256(utf8ToBytes(code)));
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

/** Hex of random bytes, for ids minted by the library. */
export function randomHex(fill: (b: Uint8Array) => Uint8Array, bytes: number): string {
  return bytesToHex(fill(new Uint8Array(bytes)));
}

/**
 * Internal: mints hex ids from a pool of random bytes refilled 4 KiB at a time. A revocation
 * that pauses 10,000 ads mints 10,000 event ids in one step; one `getRandomValues` call per
 * id costs more than the rest of the revocation. The bytes are the random source's own, so
 * the ids are exactly as unpredictable.
 */
export function pooledHex(fill: (b: Uint8Array) => Uint8Array): (bytes: number) => string {
  const pool = new Uint8Array(4096);
  let pos = pool.length;
  return (bytes) => {
    if (bytes > pool.length) return randomHex(fill, bytes);
    if (pos + bytes > pool.length) {
      fill(pool);
      pos = 0;
    }
    const out = bytesToHex(pool.subarray(pos, pos + bytes));
    // Never hand out the same bytes twice.
    pool.fill(0, pos, pos + bytes);
    pos += bytes;
    return out;
  };
}

/** Bytes of a hex string (for stored nonces). */
export function hexToBytesStrict(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-f]*$/.test(hex)) throw new TypeError('stored nonce is not lowercase hex');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}
