import { describe, expect, inject, test } from 'vitest';
import { zoneProblems } from './time-zone.js';

// X-04 and design §10: the suite passes in UTC, America/New_York and Asia/Kolkata. vitest.config.ts
// runs every time-zone-sensitive file once per zone (a project each, TZ set in its environment);
// its setup file (test/time-zone.ts) checks the zone before each file, this test says so by name.
describe('X-04 the tests run in the time zone their project names', () => {
  test("TZ is the project's zone, and Date and Intl use it", () => {
    expect(zoneProblems(inject('timeZone'))).toEqual([]);
  });
});
