import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DAY_MS, DEFAULT_POLICY, matchesTopAdsQuery, popupCandidates, shouldShowTopAdsPopup, topAdsDisplay, topAdsStatusAt } from '../index.js';
import { adRecordArb, instantArb, T0 } from '../../test/ad-arbitraries.js';

const numRuns = Number((globalThis as unknown as { process?: { env: Record<string, string | undefined> } }).process?.env.FC_NUM_RUNS ?? 25) * 4;

describe('TOP-05 the pop-up (properties)', () => {
  test('over any sequence of logins, shown only with candidates and never twice within 7 days', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 3 * DAY_MS }), fc.nat(3)), { maxLength: 40 }), (logins) => {
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
    }), { numRuns });
  });

  test('candidates are never authorized nor withdrawn, and always offer the option', () => {
    fc.assert(fc.property(fc.array(adRecordArb, { maxLength: 20 }), instantArb, (ads, at) => {
      for (const c of popupCandidates(ads, at, DEFAULT_POLICY)) {
        expect(c.assetAuthorization).toMatchObject({ offered: true, authorized: false });
        expect(c.assetAuthorization.withdrawnAt).toBeUndefined();
      }
    }), { numRuns });
  });
});

describe('TOP-02..04, TOP-07 status (properties)', () => {
  test('IN_TOP_ADS only when authorized, TikTok-placed, not SPC, published and within the period; withdrawn says so', () => {
    fc.assert(fc.property(adRecordArb, instantArb, (ad, at) => {
      const s = topAdsStatusAt(ad, at, DEFAULT_POLICY);
      if (s.status === 'IN_TOP_ADS') {
        expect(ad.assetAuthorization.authorized).toBe(true);
        expect(ad.campaign.placements).toContain('TIKTOK');
        expect(ad.campaign.campaignType).not.toBe('SMART_PERFORMANCE');
        expect(ad.firstRunningAt!.getTime()).toBeLessThanOrEqual(at.getTime());
        expect(at.getTime()).toBeLessThan(ad.firstRunningAt!.getTime() + 180 * DAY_MS);
      } else {
        expect(s.reason).toBeDefined();
        if (ad.assetAuthorization.withdrawnAt && !ad.assetAuthorization.authorized) expect(s.reason).toBe('withdrawn');
      }
    }), { numRuns });
  });
});

describe('TOP-08 / TOP-09 display and query (properties)', () => {
  test('every display is watermarked and not downloadable; an empty query matches everything; a region filter keeps only matching regions', () => {
    fc.assert(fc.property(adRecordArb, fc.subarray(['US', 'FR', 'JP']), (ad, regions) => {
      expect(topAdsDisplay(ad, DEFAULT_POLICY)).toMatchObject({ watermarked: true, downloadable: false });
      expect(matchesTopAdsQuery(ad, {})).toBe(true);
      expect(matchesTopAdsQuery(ad, { regions })).toBe(regions.some((r) => ad.regions.includes(r)));
    }), { numRuns });
  });
});
