import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  DAY_MS,
  DEFAULT_POLICY,
  matchesTopAdsQuery,
  popupCandidates,
  shouldShowTopAdsPopup,
  topAdsDisplay,
  topAdsStatusAt,
} from '../index.js';
import { assetAuthorizationViolations, withAssetAuthorization } from './top-ads.rules.js';
import { adRecordArb, instantArb, T0 } from '../../test/ad-arbitraries.js';

type Env = { process?: { env: Record<string, string | undefined> } };
const numRuns = Number((globalThis as unknown as Env).process?.env.FC_NUM_RUNS ?? 25) * 4;

describe('TOP-05 the pop-up (properties)', () => {
  test('over any sequence of logins, shown only with candidates and never twice within 7 days', () => {
    const login = fc.tuple(fc.integer({ min: 0, max: 3 * DAY_MS }), fc.nat(3));
    fc.assert(
      fc.property(fc.array(login, { maxLength: 40 }), (logins) => {
        let now = T0;
        let last: Date | undefined;
        for (const [gap, candidates] of logins) {
          now += gap;
          const d = shouldShowTopAdsPopup({ candidates, lastShownAt: last }, new Date(now), DEFAULT_POLICY);
          if (d.show) {
            expect(candidates).toBeGreaterThan(0);
            if (last) expect(now - last.getTime()).toBeGreaterThanOrEqual(7 * DAY_MS);
            last = new Date(now);
          } else if (candidates > 0) {
            expect(last).toBeDefined();
            expect(d.nextAt!.getTime()).toBe(last!.getTime() + 7 * DAY_MS);
          }
        }
      }),
      { numRuns },
    );
  });

  test('candidates are never authorized nor withdrawn, and always offer the option', () => {
    fc.assert(
      fc.property(fc.array(adRecordArb, { maxLength: 20 }), instantArb, (ads, at) => {
        for (const c of popupCandidates(ads, at, DEFAULT_POLICY)) {
          expect(c.assetAuthorization).toMatchObject({ offered: true, authorized: false });
          expect(c.assetAuthorization.withdrawnAt).toBeUndefined();
        }
      }),
      { numRuns },
    );
  });
});

describe('TOP-02..04, TOP-07 status (properties)', () => {
  test('IN_TOP_ADS only when authorized, TikTok-placed, not SPC, published, in its period; withdrawn says so', () => {
    fc.assert(
      fc.property(adRecordArb, instantArb, (ad, at) => {
        const s = topAdsStatusAt(ad, at, DEFAULT_POLICY);
        if (s.status === 'IN_TOP_ADS') {
          expect(ad.assetAuthorization.authorized).toBe(true);
          expect(ad.campaign.placements).toContain('TIKTOK');
          expect(ad.campaign.campaignType).not.toBe('SMART_PERFORMANCE');
          expect(ad.firstRunningAt!.getTime()).toBeLessThanOrEqual(at.getTime());
          expect(at.getTime()).toBeLessThan(ad.firstRunningAt!.getTime() + 180 * DAY_MS);
        } else {
          expect(s.reason).toBeDefined();
          const a = ad.assetAuthorization;
          if (a.withdrawnAt && !a.authorized) expect(s.reason).toBe('withdrawn');
        }
      }),
      { numRuns },
    );
  });
});

describe('TOP-08 / TOP-09 display and query (properties)', () => {
  test(
    'every display is watermarked and not downloadable; an empty query matches everything; ' +
      'a region filter keeps only matching regions',
    () => {
      fc.assert(
        fc.property(adRecordArb, fc.subarray(['US', 'FR', 'JP']), (ad, regions) => {
          expect(topAdsDisplay(ad, DEFAULT_POLICY)).toMatchObject({ watermarked: true, downloadable: false });
          expect(matchesTopAdsQuery(ad, {})).toBe(true);
          expect(matchesTopAdsQuery(ad, { regions })).toBe(regions.some((r) => ad.regions.includes(r)));
        }),
        { numRuns },
      );
    },
  );
});

describe('TOP-01..03, TOP-06 granting and withdrawing (properties)', () => {
  test('a change sets the value, records when and where, and is idempotent; without the option nothing changes', () => {
    const sources = fc.constantFrom('ads_manager' as const, 'creative_center' as const);
    fc.assert(
      fc.property(adRecordArb, fc.boolean(), instantArb, sources, (ad, authorized, at, source) => {
        const after = withAssetAuthorization(ad, authorized, at, source);
        const changes = ad.assetAuthorization.offered && ad.assetAuthorization.authorized !== authorized;
        expect(after !== undefined).toBe(changes);
        if (after === undefined) return;
        expect(after.assetAuthorization).toMatchObject({ offered: true, authorized, changedAt: at, source });
        expect(after.assetAuthorization.withdrawnAt).toEqual(authorized ? undefined : at);
        expect({ ...after, assetAuthorization: ad.assetAuthorization }).toEqual(ad);
        expect(withAssetAuthorization(after, authorized, at, source)).toBeUndefined();
      }),
      { numRuns },
    );
  });

  test('a grant is refused exactly for ads without the option, citing TOP-02 or TOP-03', () => {
    fc.assert(
      fc.property(adRecordArb, (ad) => {
        const v = assetAuthorizationViolations(ad, DEFAULT_POLICY);
        expect(v.length === 0).toBe(ad.assetAuthorization.offered);
        for (const x of v) expect(['TOP-02', 'TOP-03']).toContain(x.rule);
      }),
      { numRuns },
    );
  });
});
