// EXT-01 and REM-01 in every host time zone: this file runs in the UTC, America/New_York and
// Asia/Kolkata projects, and tries more zones by changing TZ within the process.
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { DAY_MS } from '../kernel/time.js';
import { extendedEnd, timeLeftInWords } from './extensions.rules.js';

const numRuns = Number(process.env.FC_NUM_RUNS ?? 15);
const ZONES = ['UTC', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Europe/London'];
const original = process.env.TZ;
afterAll(() => {
  if (original === undefined) delete process.env.TZ;
  else process.env.TZ = original;
});
const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }).map((t) => new Date(t));

describe('EXT-01 extendedEnd in any host time zone', () => {
  test('EXT-01 the end moves forward only, by exactly N × 86,400,000 ms, whatever the zone (DST included)', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 3650 }), fc.constantFrom(...ZONES), (end, days, zone) => {
        process.env.TZ = zone;
        const next = extendedEnd(end, days);
        expect(next.getTime() - end.getTime()).toBe(days * 86_400_000);
        expect(next.getTime()).toBeGreaterThan(end.getTime());
      }),
      { numRuns },
    );
  });

  test('EXT-01 across a DST change in New York, 30 days are 30 × 24 h', () => {
    process.env.TZ = 'America/New_York';
    const end = new Date('2026-03-01T12:00:00.000Z');
    expect(extendedEnd(end, 30).toISOString()).toBe('2026-03-31T12:00:00.000Z');
  });
});

describe('REM-01 timeLeftInWords is the same in every host time zone', () => {
  test('REM-01 the same words in every zone (computed in UTC)', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 60 * DAY_MS }), (from, left) => {
        const to = new Date(from.getTime() + left);
        const words = ZONES.map((zone) => {
          process.env.TZ = zone;
          return timeLeftInWords(from, to);
        });
        expect(new Set(words).size).toBe(1);
      }),
      { numRuns },
    );
  });
});
