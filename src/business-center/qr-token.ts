import { bytesToHex, sha256Hex, utf8ToBytes } from '../kernel/crypto.js';
import type { Brand } from '../kernel/brand.js';
import { Err, Ok, type Result } from '../kernel/result.js';

/**
 * The payload of a link request's QR code (BC-07, ASSET-05): `bcqr_` followed by 64 lowercase hex
 * digits (256 random bits from the RandomSource port). Hex keeps the payload plain ASCII that
 * every QR encoder and scanner handles, with no padding or case ambiguity. The store keeps only
 * its SHA-256 digest; events and errors carry a redacted fingerprint. Only `parseQrToken` and
 * the Business Center service make values of this type.
 */
export type QrToken = Brand<string, 'QrToken'>;

/**
 * Prefix of every QR token.
 *
 * @example
 * ```ts
 * import { QR_TOKEN_PREFIX } from 'tiktok-ad-auth';
 * scanned.startsWith(QR_TOKEN_PREFIX); // worth sending to approveLinkRequest
 * ```
 */
export const QR_TOKEN_PREFIX = 'bcqr_';
/**
 * Random bytes per token (256 bits).
 *
 * @example
 * ```ts
 * const token = qrTokenFromBytes(random.fill(new Uint8Array(QR_TOKEN_BYTES)));
 * ```
 */
export const QR_TOKEN_BYTES = 32;
const PATTERN = /^bcqr_[0-9a-f]{64}$/;
const SURROUNDING_SPACE = /^[\t\n\v\f\r \u00a0]+|[\t\n\v\f\r \u00a0]+$/g;

/** A scanned text that is not a QR token of this library. */
export interface QrTokenFormatError {
  readonly code: 'bc.qr_token_malformed';
  readonly message: string;
}

/**
 * Parses a scanned QR payload: surrounding white space is forgiven, anything else that differs
 * is refused before any storage lookup.
 *
 * @example
 * ```ts
 * import { parseQrToken } from 'tiktok-ad-auth';
 * parseQrToken('bcqr_' + 'ab'.repeat(32)).isOk(); // true
 * parseQrToken('bcqr_XYZ').isErr(); // true
 * ```
 */
export function parseQrToken(raw: unknown): Result<QrToken, QrTokenFormatError> {
  if (typeof raw !== 'string' || raw.length > 256) return Err(malformed());
  const text = raw.replace(SURROUNDING_SPACE, '');
  if (!PATTERN.test(text)) return Err(malformed());
  return Ok(text as QrToken);
}

function malformed(): QrTokenFormatError {
  return {
    code: 'bc.qr_token_malformed',
    message:
      'This is not a Business Center link QR code: scan the code again, or ask the Business Center admin for ' +
      'a new one.',
  };
}

/**
 * Makes a token from 32 random bytes (the Business Center service draws them from its
 * RandomSource).
 *
 * @example
 * ```ts
 * const token = qrTokenFromBytes(random.fill(new Uint8Array(QR_TOKEN_BYTES)));
 * ```
 */
export function qrTokenFromBytes(bytes: Uint8Array): QrToken {
  if (bytes.length !== QR_TOKEN_BYTES) throw new TypeError(`qrTokenFromBytes: need ${QR_TOKEN_BYTES} bytes`);
  return (QR_TOKEN_PREFIX + bytesToHex(bytes)) as QrToken;
}

/**
 * The lookup key stored for a token: hex SHA-256 of its printed form.
 *
 * @example
 * ```ts
 * import { qrTokenDigest } from 'tiktok-ad-auth';
 * qrTokenDigest(token).length; // 64
 * ```
 */
export function qrTokenDigest(token: QrToken): string {
  return sha256Hex(utf8ToBytes(token));
}

/**
 * A redacted token, safe for logs, events and errors: prefix, first four and last four digits.
 *
 * @example
 * ```ts
 * import { qrTokenFingerprint } from 'tiktok-ad-auth';
 * qrTokenFingerprint(token); // 'bcqr_1a2b…9f0e'
 * ```
 */
export function qrTokenFingerprint(token: QrToken): string {
  return `${token.slice(0, QR_TOKEN_PREFIX.length + 4)}…${token.slice(-4)}`;
}
