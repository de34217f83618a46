import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { adStatusAt, canChangeAdStatus, DAY_MS, definePolicy, forecastAds } from '../index.js';
import { AD_TRANSITIONS, STOPPED_BY_EXPIRY, type AdAction } from '../model.js';
import { adLimitViolations } from './ads.rules.js';
import { adRecordArb, instantArb } from '../../test/ad-arbitraries.js';

type Env = { process?: { env: Record<string, string | undefined> } };
const numRuns = Number((globalThis as unknown as Env).process?.env.FC_NUM_RUNS ?? 25) * 4;
const ACTIONS = Object.keys(AD_TRANSITIONS) as AdAction[];

describe('ADV-06 / SPARK-11 derived status (properties)', () => {
  test('an ad whose authorization expired reads as stopped, from the expiry instant on, forever', () => {
    fc.assert(
      fc.property(adRecordArb, instantArb, instantArb, (ad, a, b) => {
        const [t1, t2] = a.getTime() <= b.getTime() ? [a, b] : [b, a];
        const s1 = adStatusAt(ad, t1);
        if (s1.derived) expect(adStatusAt(ad, t2)).toEqual(s1);
        const auth = ad.authorization;
        const expired =
          auth !== undefined && STOPPED_BY_EXPIRY.includes(ad.status) && t1.getTime() >= auth.expiresAt.getTime();
        expect(s1.derived).toBe(expired);
        if (!expired) expect(s1.status).toBe(ad.status);
      }),
      { numRuns },
    );
  });
});

describe('ADV-05 / X-01 lifecycle decisions (properties)', () => {
  test(
    'allowed exactly when the status at `at` is one the action starts from, the schedule has not ended ' +
      '(submit, start, resume) and, when needed, the code is in force; every violation listed',
    () => {
      const actions = fc.constantFrom(...ACTIONS);
      fc.assert(
        fc.property(adRecordArb, actions, instantArb, fc.boolean(), (ad, action, at, revoked) => {
          const t = AD_TRANSITIONS[action];
          const revocation = revoked ? { revokedAt: new Date(0) } : {};
          const code = ad.authorization
            ? { generatedAt: new Date(0), expiresAt: ad.authorization.expiresAt, ...revocation }
            : undefined;
          const d = canChangeAdStatus({ ad, action, code, inLibrary: true }, at);
          const statusOk = t.from.includes(adStatusAt(ad, at).status);
          const inForce = (end: Date) => !revoked && at.getTime() < end.getTime();
          const authOk = !t.needsAuthorization || ad.authorization === undefined || inForce(ad.authorization.expiresAt);
          const end = ad.schedule.endAt;
          const towardDelivery = action === 'submit' || action === 'start' || action === 'resume';
          const scheduleOk = !towardDelivery || end === undefined || at.getTime() < end.getTime();
          expect(d.allowed).toBe(statusOk && authOk && scheduleOk);
          if (!d.allowed) {
            expect(d.violations.some((v) => v.code === 'ads.wrong_status')).toBe(!statusOk);
            expect(d.violations.some((v) => v.rule === 'ADV-06')).toBe(!authOk);
            expect(d.violations.some((v) => v.rule === 'ADV-05' && v.code === 'ads.schedule_ended')).toBe(!scheduleOk);
          }
        }),
        { numRuns },
      );
    },
  );
});

describe('ADV-06 forecast (properties)', () => {
  test('lists only live, unexpired AUTH_CODE ads that run past or expire within the window, soonest first', () => {
    const days = fc.integer({ min: 0, max: 60 });
    fc.assert(
      fc.property(fc.array(adRecordArb, { maxLength: 30 }), instantArb, days, (generated, at, windowDays) => {
        const ads = generated.map((a, i) => ({ ...a, id: `ad-${i}` as typeof a.id }));
        const f = forecastAds(ads, at, windowDays * DAY_MS);
        for (let i = 1; i < f.length; i++) {
          expect(f[i - 1]!.stopsAt.getTime()).toBeLessThanOrEqual(f[i]!.stopsAt.getTime());
          // Ties by ad id: the same answer whatever order the store listed the ads in.
          if (f[i - 1]!.stopsAt.getTime() === f[i]!.stopsAt.getTime()) expect(f[i - 1]!.adId < f[i]!.adId).toBe(true);
        }
        expect(forecastAds([...ads].reverse(), at, windowDays * DAY_MS)).toEqual(f);
        for (const x of f) {
          const ad = ads.find((a) => a.id === x.adId)!;
          expect(ad.authorization).toBeDefined();
          expect(['STOPPED', 'REJECTED']).not.toContain(ad.status);
          expect(x.stopsAt.getTime()).toBeGreaterThan(at.getTime());
          const end = ad.schedule.endAt;
          expect(x.runsPastAuthorization).toBe(end === undefined || end.getTime() > x.stopsAt.getTime());
          expect(x.runsPastAuthorization || x.expiresWithinWindow).toBe(true);
          if (x.lostMs !== undefined) expect(x.lostMs).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns },
    );
  });
});

describe('ads policy parameters (properties)', () => {
  test('limits and revocation mode take any valid value and refuse invalid ones', () => {
    const modes = fc.constantFrom('pause-ads', 'block-while-in-use', 'delete');
    fc.assert(
      fc.property(fc.integer({ min: -5, max: 20_000_000 }), modes, (limit, mode) => {
        const r = definePolicy({ maxSparkAdsPerAdAccount: limit, revocationMode: mode as 'pause-ads' });
        expect(r.isOk()).toBe(limit >= 1 && limit <= 10_000_000 && mode !== 'delete');
      }),
      { numRuns },
    );
  });
});

describe('ADV-04 platform limits (properties)', () => {
  test('one more Spark Ad fits exactly when both counts are below their limits; each limit reached is reported', () => {
    const count = fc.integer({ min: 0, max: 12 });
    const limit = fc.integer({ min: 1, max: 10 });
    fc.assert(
      fc.property(count, count, limit, limit, (sparkAds, identityAds, perAccount, perIdentity) => {
        const policy = definePolicy({ maxSparkAdsPerAdAccount: perAccount, maxAdsPerIdentity: perIdentity }).unwrap();
        const v = adLimitViolations({ sparkAds, identityAds, identityKey: 'TT_USER:brand' }, policy).map((x) => x.code);
        expect(v.includes('ads.spark_ads_limit_reached')).toBe(sparkAds >= perAccount);
        expect(v.includes('ads.identity_limit_reached')).toBe(identityAds >= perIdentity);
        expect(v).toHaveLength(Number(sparkAds >= perAccount) + Number(identityAds >= perIdentity));
      }),
      { numRuns },
    );
  });
});
