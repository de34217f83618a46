// The rules of authorizations over time (rules.md §7: EXT-01..03, REM-01, REM-02), as pure
// functions of plain facts and an instant. Arithmetic is on epoch milliseconds; words
// come from date-fns computed in UTC, so no result depends on the host's time zone.
import { formatDistanceStrict } from 'date-fns';
import { utc } from '@date-fns/utc';
import { decide, type Decision, type Violation } from '../kernel/decision.js';
import type { Policy } from '../kernel/policy.js';
import { HOUR_MS, plusDays } from '../kernel/time.js';
import type { AdCodeRecord } from '../spark-codes/spark-codes.model.js';
import type { ExtensionAskRecord, ExtensionAskStatus, RenewalAdvice } from './extensions.model.js';

/**
 * The review time an ad needs before it can deliver (ADV-05: most ads are approved within 24
 * hours). Renewal advice (REM-02) adds it to the ad's end.
 *
 * @example
 * ```ts
 * import { REVIEW_TIME_MS } from 'tiktok-ad-auth';
 * REVIEW_TIME_MS === 24 * 3_600_000; // true
 * ```
 */
export const REVIEW_TIME_MS = 24 * HOUR_MS;

/**
 * The end of an authorization extended by `periodDays` (EXT-01): `end + periodDays × 24 h`,
 * exactly, in every time zone (no calendar arithmetic).
 *
 * @example
 * ```ts
 * import { extendedEnd } from 'tiktok-ad-auth';
 * extendedEnd(new Date('2026-03-28T12:00:00Z'), 30).toISOString(); // '2026-04-27T12:00:00.000Z'
 * ```
 */
export function extendedEnd(end: Date, periodDays: number): Date {
  return plusDays(end, periodDays);
}

/**
 * Internal: the violation of a period the policy does not allow (EXT-01), or `undefined`.
 *
 * @example
 * ```ts
 * periodViolation(45, DEFAULT_POLICY)?.code; // 'extension.period_not_allowed'
 * ```
 */
export function periodViolation(
  periodDays: number,
  policy: Pick<Policy, 'authorizationPeriodsDays'>,
): Violation | undefined {
  if (policy.authorizationPeriodsDays.includes(periodDays)) return undefined;
  const allowed = policy.authorizationPeriodsDays.join(', ');
  return {
    rule: 'EXT-01',
    code: 'extension.period_not_allowed',
    message: `An extension is one allowed period: ${allowed} days, not ${periodDays}.`,
    details: { periodDays, allowed: [...policy.authorizationPeriodsDays] },
  };
}

/**
 * May this authorization be extended by `periodDays` at `at`? Every reason it may not:
 * revoked or expired (EXT-02: a fresh code or request is needed), a period the policy does not
 * allow (EXT-01), or a code TikTok issued (`extension.platform_code`: its end comes from
 * TikTok; refresh it in the registry).
 *
 * @example
 * ```ts
 * import { canExtendAuthorization, DEFAULT_POLICY } from 'tiktok-ad-auth';
 * const d = canExtendAuthorization({ code: record, periodDays: 45, at: new Date() }, DEFAULT_POLICY);
 * if (!d.allowed) d.violations.map((v) => v.code); // ['extension.period_not_allowed']
 * ```
 */
export function canExtendAuthorization(
  facts: {
    readonly code: Pick<AdCodeRecord, 'origin' | 'expiresAt' | 'revokedAt'>;
    readonly periodDays: number;
    readonly at: Date;
  },
  policy: Pick<Policy, 'authorizationPeriodsDays'>,
): Decision {
  const { code, periodDays, at } = facts;
  const v: Violation[] = [];
  if (code.revokedAt !== undefined && code.revokedAt.getTime() <= at.getTime()) {
    v.push({
      rule: 'EXT-02',
      code: 'extension.authorization_revoked',
      message: 'This authorization was revoked: it cannot be extended. The creator can issue a new code.',
      details: { revokedAt: code.revokedAt },
    });
  }
  if (at.getTime() >= code.expiresAt.getTime()) {
    v.push({
      rule: 'EXT-02',
      code: 'extension.authorization_expired',
      message: 'This authorization has ended: it cannot be extended. A new code or request is needed.',
      details: { expiredAt: code.expiresAt },
    });
  }
  const period = periodViolation(periodDays, policy);
  if (period !== undefined) v.push(period);
  if (code.origin === 'REGISTERED') {
    v.push({
      rule: 'EXT-01',
      code: 'extension.platform_code',
      message:
        'TikTok issued this code: its end comes from TikTok. Extend it on TikTok, then refresh it in the registry.',
    });
  }
  return decide(v);
}

/**
 * An ask's status at `at` (EXT-03): answered → `GRANTED`/`DECLINED`; else `PENDING` while
 * `at < expiresAt`, `LAPSED` from then on.
 *
 * @example
 * ```ts
 * import { extensionAskStatusAt } from 'tiktok-ad-auth';
 * extensionAskStatusAt(ask, ask.expiresAt); // 'LAPSED' (the end is exclusive)
 * ```
 */
export function extensionAskStatusAt(
  ask: Pick<ExtensionAskRecord, 'answer' | 'expiresAt'>,
  at: Date,
): ExtensionAskStatus {
  if (ask.answer !== undefined) return ask.answer.kind;
  return at.getTime() < ask.expiresAt.getTime() ? 'PENDING' : 'LAPSED';
}

/**
 * Internal: the violation of answering an ask that is not pending (EXT-03), or `undefined` when it is.
 *
 * @example
 * ```ts
 * askNotPending(ask, ask.expiresAt)?.code; // 'extension.ask_not_pending'
 * ```
 */
export function askNotPending(ask: ExtensionAskRecord, at: Date): Violation | undefined {
  const status = extensionAskStatusAt(ask, at);
  if (status === 'PENDING') return undefined;
  const why =
    status === 'LAPSED'
      ? `it lapsed at ${ask.expiresAt.toISOString()}: the advertiser can ask again`
      : `it was already ${status === 'GRANTED' ? 'granted' : 'declined'}`;
  return {
    rule: 'EXT-03',
    code: 'extension.ask_not_pending',
    message: `This extension ask can no longer be answered: ${why}.`,
    details: { status },
  };
}

/**
 * The reminder offset due for an authorization ending at `end`, at `at` (REM-01): the smallest
 * offset `o` with `end - o <= at < end`. A sweep that runs late sends only that one (the nearer
 * reminder supersedes the farther ones it missed). `undefined` when none is due yet or the end
 * has passed.
 *
 * @example
 * ```ts
 * import { dueReminderOffset, DAY_MS } from 'tiktok-ad-auth';
 * const end = new Date('2026-03-31T00:00:00Z');
 * dueReminderOffset(end, new Date('2026-03-25T00:00:00Z'), [7 * DAY_MS, DAY_MS]); // 7 * DAY_MS
 * ```
 */
export function dueReminderOffset(end: Date, at: Date, offsetsMs: readonly number[]): number | undefined {
  const left = end.getTime() - at.getTime();
  if (left <= 0) return undefined;
  let due: number | undefined;
  for (const o of offsetsMs) if (o >= left && (due === undefined || o < due)) due = o;
  return due;
}

/**
 * The time from `from` to `to` in words, computed in UTC with date-fns' `formatDistanceStrict`
 * (rounded down, so it never overstates the time left): `ends in 6 days`, `ends in 23 hours`,
 * or `ended 2 days ago` / `ended just now` when `to` is not after `from`.
 *
 * @example
 * ```ts
 * import { timeLeftInWords } from 'tiktok-ad-auth';
 * timeLeftInWords(new Date('2026-03-01T12:00:00Z'), new Date('2026-03-08T11:00:00Z')); // 'ends in 6 days'
 * ```
 */
export function timeLeftInWords(from: Date, to: Date): string {
  const diff = to.getTime() - from.getTime();
  if (diff === 0) return 'ended just now';
  const words = formatDistanceStrict(to, from, { in: utc, roundingMethod: 'floor' });
  return diff > 0 ? `ends in ${words}` : `ended ${words} ago`;
}

/**
 * Renewal advice for an ad's schedule at `at` (REM-02): the smallest allowed period such that
 * a fresh authorization starting at `at` is still in force at the ad's end plus the review time
 * (`REVIEW_TIME_MS`, ADV-05), i.e. `at + period × 24 h >= endAt + 24 h`; or why none does: no end
 * date (no period covers an open-ended ad), the schedule already ended, or longer than the
 * longest period.
 *
 * @example
 * ```ts
 * import { renewalAdvice, DEFAULT_POLICY } from 'tiktok-ad-auth';
 * const at = new Date('2026-03-01T00:00:00Z');
 * const advice = renewalAdvice({ startAt: at, endAt: new Date('2026-03-20T00:00:00Z') }, at, DEFAULT_POLICY);
 * if (advice.covered) advice.periodDays; // 30
 * ```
 */
export function renewalAdvice(
  schedule: { readonly startAt: Date; readonly endAt?: Date | undefined },
  at: Date,
  policy: Pick<Policy, 'authorizationPeriodsDays'>,
): RenewalAdvice {
  const end = schedule.endAt;
  if (end === undefined) {
    return {
      covered: false,
      reason: 'no_end_date',
      message: 'The ad has no end date: no period covers it. Give it an end, or plan to extend the authorization.',
    };
  }
  const neededUntil = new Date(end.getTime() + REVIEW_TIME_MS);
  if (end.getTime() <= at.getTime()) {
    return {
      covered: false,
      reason: 'schedule_ended',
      message: `The ad's schedule ended at ${end.toISOString()}: it needs no authorization.`,
      neededUntil,
    };
  }
  const periods = [...policy.authorizationPeriodsDays].sort((a, b) => a - b);
  for (const periodDays of periods) {
    const authorizationEnd = plusDays(at, periodDays);
    if (authorizationEnd.getTime() >= neededUntil.getTime()) {
      return { covered: true, periodDays, authorizationEnd, neededUntil };
    }
  }
  const longestPeriodDays = periods[periods.length - 1] ?? 0;
  return {
    covered: false,
    reason: 'longer_than_longest_period',
    message:
      `The ad runs until ${end.toISOString()}: with the review time that is longer than the longest ` +
      `period (${longestPeriodDays} days). Plan to extend the authorization before it ends.`,
    neededUntil,
    longestPeriodDays,
  };
}
