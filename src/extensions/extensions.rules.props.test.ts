// Laws of the pure rules of authorizations over time (EXT-01, EXT-02, EXT-03, REM-01, REM-02).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DEFAULT_POLICY } from '../kernel/policy.js';
import { definePolicy } from '../kernel/policy-schema.js';
import { DAY_MS, HOUR_MS } from '../kernel/time.js';
import {
  REVIEW_TIME_MS,
  canExtendAuthorization,
  dueReminderOffset,
  extensionAskStatusAt,
  renewalAdvice,
  timeLeftInWords,
} from './extensions.rules.js';

const numRuns = Number(process.env.FC_NUM_RUNS ?? 25);
const MIN = Date.UTC(2000, 0, 1);
const MAX = Date.UTC(2100, 0, 1);
const instant = fc.integer({ min: MIN, max: MAX }).map((t) => new Date(t));
const periods = fc.uniqueArray(fc.integer({ min: 1, max: 3650 }), { minLength: 1, maxLength: 8 });

describe('EXT-01 EXT-02 canExtendAuthorization', () => {
  test('EXT-01 EXT-02 refused exactly when revoked, ended, period not allowed or platform code; all listed', () => {
    fc.assert(
      fc.property(
        instant,
        instant,
        fc.option(instant, { nil: undefined }),
        fc.constantFrom(7, 30, 45, 60, 365, 0),
        fc.constantFrom('CODE', 'REQUEST', 'REGISTERED', undefined),
        (at, expiresAt, revokedAt, periodDays, origin) => {
          const code = {
            expiresAt,
            ...(revokedAt === undefined ? {} : { revokedAt }),
            ...(origin === undefined ? {} : { origin }),
          } as const;
          const d = canExtendAuthorization({ code, periodDays, at }, DEFAULT_POLICY);
          const expected = [
            ...(revokedAt !== undefined && revokedAt.getTime() <= at.getTime()
              ? ['extension.authorization_revoked']
              : []),
            ...(at.getTime() >= expiresAt.getTime() ? ['extension.authorization_expired'] : []),
            ...(DEFAULT_POLICY.authorizationPeriodsDays.includes(periodDays) ? [] : ['extension.period_not_allowed']),
            ...(origin === 'REGISTERED' ? ['extension.platform_code'] : []),
          ];
          expect(d.allowed ? [] : d.violations.map((v) => v.code)).toEqual(expected);
        },
      ),
      { numRuns },
    );
  });
});

describe('EXT-03 extensionAskStatusAt', () => {
  test('EXT-03 unanswered: PENDING before the end, LAPSED from it on; an answer is final', () => {
    fc.assert(
      fc.property(instant, instant, fc.constantFrom(undefined, 'GRANTED', 'DECLINED'), (at, expiresAt, kind) => {
        const answer = kind === undefined ? undefined : kind === 'GRANTED' ? { kind, periodDays: 30 } : { kind };
        const status = extensionAskStatusAt({ expiresAt, ...(answer ? { answer } : {}) } as never, at);
        if (kind !== undefined) expect(status).toBe(kind);
        else expect(status).toBe(at.getTime() < expiresAt.getTime() ? 'PENDING' : 'LAPSED');
      }),
      { numRuns },
    );
  });
});

describe('REM-01 dueReminderOffset and timeLeftInWords', () => {
  test('REM-01 the due offset is the smallest whose instant has come, before the end', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: -2 * DAY_MS, max: 40 * DAY_MS }),
        fc.uniqueArray(fc.integer({ min: 1, max: 30 * DAY_MS }), { minLength: 1, maxLength: 5 }),
        (end, left, offsets) => {
          const at = new Date(end.getTime() - left);
          const due = dueReminderOffset(end, at, offsets);
          const candidates = offsets.filter((o) => left > 0 && end.getTime() - o <= at.getTime());
          expect(due).toBe(candidates.length === 0 ? undefined : Math.min(...candidates));
        },
      ),
      { numRuns },
    );
  });

  test('REM-01 the words say "ends in" exactly when time is left, and never overstate it', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: -400 * DAY_MS, max: 400 * DAY_MS }), (from, diff) => {
        const words = timeLeftInWords(from, new Date(from.getTime() + diff));
        expect(words.startsWith('ends in ')).toBe(diff > 0);
        const days = /^ends in (\d+) days?$/.exec(words);
        if (days) expect(Number(days[1]) * DAY_MS).toBeLessThanOrEqual(diff);
      }),
      { numRuns },
    );
    const from = new Date('2026-03-01T12:00:00Z');
    expect(timeLeftInWords(from, new Date(from.getTime() + 7 * DAY_MS - HOUR_MS))).toBe('ends in 6 days');
    expect(timeLeftInWords(from, new Date(from.getTime() + DAY_MS))).toBe('ends in 1 day');
    expect(timeLeftInWords(from, new Date(from.getTime() + 5 * HOUR_MS))).toBe('ends in 5 hours');
    expect(timeLeftInWords(from, from)).toBe('ended just now');
    expect(timeLeftInWords(from, new Date(from.getTime() - 2 * DAY_MS))).toBe('ended 2 days ago');
  });
});

describe('REM-02 renewalAdvice', () => {
  test('REM-02 the smallest allowed period covering the end plus the review time, or why none does', () => {
    fc.assert(
      fc.property(
        instant,
        fc.option(fc.integer({ min: -30 * DAY_MS, max: 4000 * DAY_MS }), { nil: undefined }),
        periods,
        (at, endIn, allowed) => {
          const policy = definePolicy({ authorizationPeriodsDays: allowed }).unwrap();
          const endAt = endIn === undefined ? undefined : new Date(at.getTime() + endIn);
          const advice = renewalAdvice({ startAt: at, endAt }, at, policy);
          const covers = (p: number) => endIn !== undefined && p * DAY_MS >= endIn + REVIEW_TIME_MS;
          if (endIn === undefined) {
            expect(advice).toMatchObject({ covered: false, reason: 'no_end_date' });
          } else if (endIn <= 0) {
            expect(advice).toMatchObject({ covered: false, reason: 'schedule_ended' });
          } else if (advice.covered) {
            expect(allowed).toContain(advice.periodDays);
            expect(covers(advice.periodDays)).toBe(true);
            expect(allowed.filter((p) => p < advice.periodDays).some(covers)).toBe(false);
            expect(advice.authorizationEnd.getTime()).toBe(at.getTime() + advice.periodDays * DAY_MS);
            expect(advice.neededUntil.getTime()).toBe(endAt!.getTime() + REVIEW_TIME_MS);
          } else {
            expect(advice.reason).toBe('longer_than_longest_period');
            expect(allowed.some(covers)).toBe(false);
            expect(advice.longestPeriodDays).toBe(Math.max(...allowed));
          }
        },
      ),
      { numRuns },
    );
  });

  test('REM-02 examples: 19 days of ad need 30 days; exactly 6 days + review fit in 7; 400 days fit in none', () => {
    const at = new Date('2026-03-01T00:00:00Z');
    const advise = (ms: number) =>
      renewalAdvice({ startAt: at, endAt: new Date(at.getTime() + ms) }, at, DEFAULT_POLICY);
    expect(advise(19 * DAY_MS)).toMatchObject({ covered: true, periodDays: 30 });
    expect(advise(6 * DAY_MS)).toMatchObject({ covered: true, periodDays: 7 });
    expect(advise(6 * DAY_MS + 1)).toMatchObject({ covered: true, periodDays: 30 });
    expect(advise(400 * DAY_MS)).toMatchObject({
      covered: false,
      reason: 'longer_than_longest_period',
      longestPeriodDays: 365,
    });
  });
});
