import { describe, expect, test } from 'vitest';
import { DAY_MS, manualClock, systemClock } from '../../index.js';

describe('clocks', () => {
  test('manualClock stays put, sets and advances; hands out copies', () => {
    const c = manualClock(new Date('2026-01-01T00:00:00Z'));
    const a = c.now();
    a.setTime(0);
    expect(c.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
    c.advance(30 * DAY_MS);
    expect(c.now().toISOString()).toBe('2026-01-31T00:00:00.000Z');
    c.set(new Date('2027-06-01T12:00:00Z'));
    expect(c.now().toISOString()).toBe('2027-06-01T12:00:00.000Z');
  });
  test('manualClock refuses invalid instants (programmer error)', () => {
    expect(() => manualClock(new Date('x'))).toThrow(TypeError);
    expect(() => manualClock(new Date(0)).advance(Number.NaN)).toThrow(TypeError);
  });
  test('systemClock reads the host clock', () => {
    const before = Date.now();
    const t = systemClock().now().getTime();
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(Date.now());
  });
});
