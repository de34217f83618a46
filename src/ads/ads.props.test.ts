import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { AD_TRANSITIONS, adStatusAt, canChangeAdStatus, DAY_MS, definePolicy, forecastAds, STOPPED_BY_EXPIRY, type AdAction } from '../index.js';
import { adRecordArb, instantArb } from '../../test/ad-arbitraries.js';

const numRuns = Number((globalThis as unknown as { process?: { env: Record<string, string | undefined> } }).process?.env.FC_NUM_RUNS ?? 25) * 4;
const ACTIONS = Object.keys(AD_TRANSITIONS) as AdAction[];

describe('ADV-06 / SPARK-11 derived status (properties)', () => {
  test('an ad whose authorization expired reads as stopped, from the expiry instant on, forever', () => {
    fc.assert(fc.property(adRecordArb, instantArb, instantArb, (ad, a, b) => {
      const [t1, t2] = a.getTime() <= b.getTime() ? [a, b] : [b, a];
      const s1 = adStatusAt(ad, t1);
      if (s1.derived) expect(adStatusAt(ad, t2)).toEqual(s1);
      const expired = ad.authorization !== undefined && STOPPED_BY_EXPIRY.includes(ad.status) && t1.getTime() >= ad.authorization.expiresAt.getTime();
      expect(s1.derived).toBe(expired);
      if (!expired) expect(s1.status).toBe(ad.status);
    }), { numRuns });
  });
});

describe('ADV-05 / X-01 lifecycle decisions (properties)', () => {
  test('allowed exactly when the status at `at` is one the action starts from and, when needed, the code is in force; every violation listed', () => {
    fc.assert(fc.property(adRecordArb, fc.constantFrom(...ACTIONS), instantArb, fc.boolean(), (ad, action, at, revoked) => {
      const t = AD_TRANSITIONS[action];
      const code = ad.authorization ? { generatedAt: new Date(0), expiresAt: ad.authorization.expiresAt, ...(revoked ? { revokedAt: new Date(0) } : {}) } : undefined;
      const d = canChangeAdStatus({ ad, action, code, inLibrary: true }, at);
      const statusOk = t.from.includes(adStatusAt(ad, at).status);
      const authOk = !t.needsAuthorization || ad.authorization === undefined || (!revoked && at.getTime() < ad.authorization.expiresAt.getTime());
      expect(d.allowed).toBe(statusOk && authOk);
      if (!d.allowed) {
        expect(d.violations.some((v) => v.code === 'ads.wrong_status')).toBe(!statusOk);
        expect(d.violations.some((v) => v.rule === 'ADV-06')).toBe(!authOk);
      }
    }), { numRuns });
  });
});

describe('ADV-06 forecast (properties)', () => {
  test('lists only live, unexpired AUTH_CODE ads that run past or expire within the window, soonest first', () => {
    fc.assert(fc.property(fc.array(adRecordArb, { maxLength: 30 }), instantArb, fc.integer({ min: 0, max: 60 }), (generated, at, days) => {
      const ads = generated.map((a, i) => ({ ...a, id: `ad-${i}` as typeof a.id }));
      const f = forecastAds(ads, at, days * DAY_MS);
      for (let i = 1; i < f.length; i++) expect(f[i - 1]!.stopsAt.getTime()).toBeLessThanOrEqual(f[i]!.stopsAt.getTime());
      for (const x of f) {
        const ad = ads.find((a) => a.id === x.adId)!;
        expect(ad.authorization).toBeDefined();
        expect(['STOPPED', 'REJECTED']).not.toContain(ad.status);
        expect(x.stopsAt.getTime()).toBeGreaterThan(at.getTime());
        expect(x.runsPastAuthorization).toBe(ad.schedule.endAt === undefined || ad.schedule.endAt.getTime() > x.stopsAt.getTime());
        expect(x.runsPastAuthorization || x.expiresWithinWindow).toBe(true);
        if (x.lostMs !== undefined) expect(x.lostMs).toBeGreaterThanOrEqual(0);
      }
    }), { numRuns });
  });
});

describe('ads policy parameters (properties)', () => {
  test('limits and revocation mode take any valid value and refuse invalid ones', () => {
    fc.assert(fc.property(fc.integer({ min: -5, max: 20_000_000 }), fc.constantFrom('pause-ads', 'block-while-in-use', 'delete'), (limit, mode) => {
      const r = definePolicy({ maxSparkAdsPerAdAccount: limit, revocationMode: mode as 'pause-ads' });
      expect(r.isOk()).toBe(limit >= 1 && limit <= 10_000_000 && mode !== 'delete');
    }), { numRuns });
  });
});
