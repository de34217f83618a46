/**
 * Time helpers. Every instant is a UTC `Date`, and no result depends on the host's time zone or
 * daylight-saving rules (X-04). Day arithmetic is date-fns' `addDays` in the UTC context of
 * `@date-fns/utc` (a day in UTC is always 24 h); plain `addDays` would work in local time.
 */
import { addDays } from 'date-fns';
import { utc } from '@date-fns/utc';

/**
 * Milliseconds in one day: a period of N days is exactly `N × DAY_MS` (SPARK-07).
 *
 * @example
 * ```ts
 * clock.advance(30 * DAY_MS); // thirty days later, in every time zone
 * ```
 */
export const DAY_MS = 86_400_000;
/**
 * Milliseconds in one hour.
 *
 * @example
 * ```ts
 * definePolicy({ failedSearchWindowMs: 2 * HOUR_MS });
 * ```
 */
export const HOUR_MS = 3_600_000;

/**
 * `instant + ms`, as a new Date.
 *
 * @example
 * ```ts
 * plusMs(new Date('2026-01-01T00:00:00Z'), HOUR_MS).toISOString(); // '2026-01-01T01:00:00.000Z'
 * ```
 */
export function plusMs(instant: Date, ms: number): Date {
  return new Date(instant.getTime() + ms);
}

/**
 * `instant + days × 24 h`, independent of time zone and daylight-saving changes.
 *
 * @example
 * ```ts
 * plusDays(new Date('2026-03-01T09:00:00Z'), 30).toISOString(); // '2026-03-31T09:00:00.000Z'
 * ```
 */
export function plusDays(instant: Date, days: number): Date {
  return new Date(addDays(instant, days, { in: utc }).getTime());
}

/**
 * True when `start <= at < end` (the end is exclusive).
 *
 * @example
 * ```ts
 * isWithin(record.expiresAt, record.generatedAt, record.expiresAt); // false
 * ```
 */
export function isWithin(at: Date, start: Date, end: Date): boolean {
  const t = at.getTime();
  return start.getTime() <= t && t < end.getTime();
}

/** True when `d` is a Date holding a real instant (not `Invalid Date`). */
export function isValidInstant(d: unknown): d is Date {
  return d instanceof Date && !Number.isNaN(d.getTime());
}
