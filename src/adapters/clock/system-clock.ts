import type { Clock } from '../../ports/clock.js';

/**
 * The wall clock. The only place in the library that reads the host's time.
 *
 * @example
 * ```ts
 * import { systemClock } from 'tiktok-ad-auth';
 * const clock = systemClock();
 * clock.now(); // a UTC instant
 * ```
 */
export function systemClock(): Clock {
  return { now: () => new Date() };
}
