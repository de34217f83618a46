import type { Clock } from '../../ports/clock.js';
import { isValidInstant } from '../../kernel/time.js';

/** A clock you move by hand: for tests, examples and "what if" simulations. */
export interface ManualClock extends Clock {
  /** Sets the current instant. */
  set(instant: Date): void;
  /** Moves the clock forward (or back, with a negative value) by `ms` milliseconds. */
  advance(ms: number): void;
}

/**
 * A clock that stays where you put it.
 *
 * @example
 * ```ts
 * import { manualClock, DAY_MS } from 'tiktok-ad-auth';
 * const clock = manualClock(new Date('2026-01-01T00:00:00Z'));
 * clock.advance(30 * DAY_MS);
 * clock.now().toISOString(); // '2026-01-31T00:00:00.000Z'
 * ```
 */
export function manualClock(start: Date): ManualClock {
  if (!isValidInstant(start)) throw new TypeError('manualClock(start): start must be a valid Date');
  let ms = start.getTime();
  return {
    now: () => new Date(ms),
    set(instant) {
      if (!isValidInstant(instant)) throw new TypeError('ManualClock.set: instant must be a valid Date');
      ms = instant.getTime();
    },
    advance(delta) {
      if (!Number.isFinite(delta)) throw new TypeError('ManualClock.advance: ms must be a finite number');
      ms += delta;
    },
  };
}
