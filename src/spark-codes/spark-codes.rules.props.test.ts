import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DEFAULT_POLICY } from '../kernel/policy.js';
import { DAY_MS } from '../kernel/time.js';
import { arbitraries } from '../testing/arbitraries.js';
import type { AdvertiserFacts, CreatorFacts, VideoFacts } from './spark-codes.model.js';
import { adCodeStatusAt, canApplyAdCode, canGenerateAdCode, isInForce } from './spark-codes.rules.js';

const numRuns = Number(process.env.FC_NUM_RUNS ?? 200);
const instant = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) });
const codeArb = fc
  .record({
    start: instant,
    days: fc.constantFrom(7, 30, 60, 365),
    revokeAfter: fc.option(fc.integer({ min: 0, max: 400 * DAY_MS }), { nil: undefined }),
  })
  .map(({ start, days, revokeAfter }) => ({
    generatedAt: new Date(start),
    expiresAt: new Date(start + days * DAY_MS),
    ...(revokeAfter === undefined ? {} : { revokedAt: new Date(start + revokeAfter) }),
  }));

describe('properties of the in-force window', () => {
  test('SPARK-07 SPARK-11 an unrevoked code is in force exactly on [generatedAt, expiresAt)', () => {
    fc.assert(
      fc.property(codeArb, fc.integer({ min: -400 * DAY_MS, max: 400 * DAY_MS }), (c, offset) => {
        const { revokedAt: _r, ...code } = c;
        const t = new Date(code.generatedAt.getTime() + offset);
        expect(isInForce(code, t)).toBe(code.generatedAt <= t && t < code.expiresAt);
      }),
      { numRuns },
    );
  });
  test('SPARK-10 a revoked code is never in force at or after the revocation instant', () => {
    fc.assert(
      fc.property(codeArb, fc.nat({ max: 800 * DAY_MS }), (c, after) => {
        fc.pre(c.revokedAt !== undefined);
        const t = new Date(c.revokedAt!.getTime() + after);
        expect(isInForce(c, t)).toBe(false);
        expect(adCodeStatusAt(c, t)).toBe('DELETED');
      }),
      { numRuns },
    );
  });
  test('statuses move only forward: NOT_USED → IN_USE → EXPIRED | DELETED, never back', () => {
    const rank = { NOT_USED: 0, IN_USE: 1, EXPIRED: 2, DELETED: 2 } as const;
    const usedAfterArb = fc.option(fc.nat({ max: 400 * DAY_MS }), { nil: undefined });
    const offsetsArb = fc.array(fc.integer({ min: -10 * DAY_MS, max: 800 * DAY_MS }), { minLength: 2, maxLength: 12 });
    fc.assert(
      fc.property(codeArb, usedAfterArb, offsetsArb, (c, usedAfter, offsets) => {
        const later = (ms: number) => new Date(c.generatedAt.getTime() + ms);
        const code = { ...c, ...(usedAfter === undefined ? {} : { firstConfirmedAt: later(usedAfter) }) };
        const ranks = [...offsets].sort((a, b) => a - b).map((o) => rank[adCodeStatusAt(code, later(o))]);
        for (let i = 1; i < ranks.length; i++) expect(ranks[i]!).toBeGreaterThanOrEqual(ranks[i - 1]!);
      }),
      { numRuns },
    );
  });
});

describe('X-01 decisions list every violation', () => {
  test('canGenerateAdCode reports one violation per failed condition, and allows iff none fails', () => {
    const creatorArb = arbitraries.creatorFacts('c1');
    fc.assert(
      fc.property(creatorArb, fc.string(), arbitraries.periodDays(), (creator, _s, periodDays) =>
        fc.assert(
          fc.property(arbitraries.videoFacts('c1'), (video) => {
            const c = creator as unknown as CreatorFacts,
              v = video as unknown as VideoFacts;
            // An independent oracle: the conditions as the sources state them.
            const expected = [
              c.accountType === 'PERSONAL' && 'SPARK-01',
              c.followerCount < 10_000 && 'SPARK-02',
              v.visibility !== 'PUBLIC' && 'SPARK-03',
              !v.isOriginal && 'SPARK-03',
              v.ownerId !== c.id && 'SPARK-03',
              !c.adAuthorizationEnabled && 'SPARK-04',
              !v.adAuthorizationEnabled && 'SPARK-04',
              !c.adTermsAccepted && 'SPARK-04',
              v.music === 'COPYRIGHTED_NOT_IN_CML' && 'SPARK-05',
              ![7, 30, 60, 365].includes(periodDays) && 'SPARK-06',
            ].filter(Boolean);
            const d = canGenerateAdCode({ creator: c, video: v, periodDays }, DEFAULT_POLICY);
            expect(d.allowed ? [] : d.violations.map((x) => x.rule)).toEqual(expected);
            expect(d.allowed).toBe(expected.length === 0);
          }),
          { numRuns: 5 },
        ),
      ),
      { numRuns: Math.max(10, Math.floor(numRuns / 5)) },
    );
  });
  test('canApplyAdCode reports ADV-01 problems together with the code problem', () => {
    const maybeCode = fc.option(codeArb, { nil: undefined });
    const offsetArb = fc.integer({ min: -DAY_MS, max: 400 * DAY_MS });
    fc.assert(
      fc.property(arbitraries.advertiserFacts(), maybeCode, offsetArb, (a, code, offset) => {
        const at = new Date((code?.generatedAt.getTime() ?? Date.UTC(2026, 0, 1)) + Math.max(0, offset));
        const d = canApplyAdCode({ advertiser: a as unknown as AdvertiserFacts, code, at }, DEFAULT_POLICY);
        const adv01 = Number(!a.hasActivePaymentMethod) + Number(!a.hasCreativeLibraryAccess);
        const codeProblem = code === undefined || !isInForce(code, at) ? 1 : 0;
        expect(d.allowed ? 0 : d.violations.length).toBe(adv01 + codeProblem);
        if (!d.allowed) expect(d.violations.filter((v) => v.rule === 'ADV-01')).toHaveLength(adv01);
      }),
      { numRuns },
    );
  });
});
