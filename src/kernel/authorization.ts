/**
 * The instants that decide whether an authorization is in force: a Spark code, and every kind
 * of authorization built on the same rules (SPARK-07, SPARK-10, SPARK-11).
 */
export interface AuthorizationTimes {
  /** Start of the period (for a code: when it was generated). */
  readonly generatedAt: Date;
  /** End of the period, exclusive. */
  readonly expiresAt: Date;
  /** When the creator revoked it, if they did. */
  readonly revokedAt?: Date | undefined;
}

/**
 * True when the authorization allows use at `at`: `generatedAt <= at < expiresAt` and not
 * revoked at or before `at` (SPARK-07, SPARK-10, SPARK-11). The one definition of "in force".
 *
 * @example
 * ```ts
 * import { isInForce } from 'tiktok-ad-auth';
 * isInForce(record, record.expiresAt); // false: the end is exclusive
 * ```
 */
export function isInForce(code: AuthorizationTimes, at: Date): boolean {
  const t = at.getTime();
  if (t < code.generatedAt.getTime() || t >= code.expiresAt.getTime()) return false;
  return code.revokedAt === undefined || code.revokedAt.getTime() > t;
}
