/**
 * Time helpers. Every instant is a UTC `Date`; arithmetic is on epoch milliseconds so no
 * result depends on the host's time zone or daylight-saving rules. We deliberately do
 * not use calendar helpers such as `addDays`: they work in local time.
 */

/** Milliseconds in one day: a period of N days is exactly `N × DAY_MS` (SPARK-07). */
export const DAY_MS = 86_400_000;
/** Milliseconds in one hour. */
export const HOUR_MS = 3_600_000;

/** `instant + ms`, as a new Date. */
export function plusMs(instant: Date, ms: number): Date {
  return new Date(instant.getTime() + ms);
}

/** `instant + days × 24 h`, independent of time zone. */
export function plusDays(instant: Date, days: number): Date {
  return new Date(instant.getTime() + days * DAY_MS);
}

/** True when `start <= at < end` (the end is exclusive). */
export function isWithin(at: Date, start: Date, end: Date): boolean {
  const t = at.getTime();
  return start.getTime() <= t && t < end.getTime();
}

/** True when `d` is a Date holding a real instant (not `Invalid Date`). */
export function isValidInstant(d: unknown): d is Date {
  return d instanceof Date && !Number.isNaN(d.getTime());
}
