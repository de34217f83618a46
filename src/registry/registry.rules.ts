// Pure rules of the registry of platform-issued codes (AG-01, AG-02). Whether an authorization
// is in force, its status, what a revocation pauses and what the sweep stops are the library's
// one set of rules (spark-codes.rules, kernel/authorization, ads.rules), never copied here.
import { DAY_MS } from '../kernel/time.js';
import type { PlatformCodeFacts } from './registry.model.js';

/**
 * The end a Business API answer gives an authorization (AG-02): `authEndAt`, except that an
 * answer saying `EXPIRED` ended it no later than when it was checked; never before the start.
 *
 * @example
 * ```ts
 * answeredEnd({ ...facts, status: 'EXPIRED' }).getTime() <= facts.checkedAt.getTime(); // true
 * ```
 */
export function answeredEnd(
  facts: Pick<PlatformCodeFacts, 'status' | 'authStartAt' | 'authEndAt' | 'checkedAt'>,
): Date {
  let end = facts.authEndAt.getTime();
  if (facts.status === 'EXPIRED') end = Math.min(end, facts.checkedAt.getTime());
  return new Date(Math.max(end, facts.authStartAt.getTime()));
}

/**
 * The whole days between a start and an end, rounded (a registered code's `periodDays`).
 *
 * @example
 * ```ts
 * periodDaysBetween(new Date('2026-10-01'), new Date('2026-10-31')); // 30
 * ```
 */
export function periodDaysBetween(start: Date, end: Date): number {
  return Math.max(0, Math.round((end.getTime() - start.getTime()) / DAY_MS));
}

/**
 * True when an answer checked at `checkedAt` is newer than the one held (checked at `held`):
 * a registered authorization only ever moves to newer answers (AG-02).
 *
 * @example
 * ```ts
 * isNewerAnswer(new Date(2), new Date(1)); // true
 * isNewerAnswer(new Date(1), new Date(1)); // false: the same answer changes nothing
 * ```
 */
export function isNewerAnswer(checkedAt: Date, held: Date | undefined): boolean {
  return held === undefined || checkedAt.getTime() > held.getTime();
}
