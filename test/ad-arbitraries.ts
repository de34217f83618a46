import fc from 'fast-check';
import type { AdRecord, AdStatus } from '../src/ads/ads.model.js';

export const T0 = new Date('2026-03-01T12:00:00.000Z').getTime();
export const STATUSES: AdStatus[] = ['DRAFT', 'IN_REVIEW', 'APPROVED', 'REJECTED', 'RUNNING', 'PAUSED', 'STOPPED'];
const SYS = { kind: 'system', id: 'x' } as const;

/** Any ad record, AUTH_CODE or not, in any status, with Top Ads facts. */
export const adRecordArb: fc.Arbitrary<AdRecord> = fc
  .record({
    n: fc.nat(1_000_000),
    status: fc.constantFrom(...STATUSES),
    authCode: fc.boolean(),
    expiresIn: fc.integer({ min: -30, max: 400 }),
    startIn: fc.integer({ min: -10, max: 60 }),
    endIn: fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined }),
    placements: fc.subarray(['TIKTOK', 'PANGLE', 'GLOBAL_APP_BUNDLE'] as const, { minLength: 1 }),
    campaignType: fc.constantFrom('MANUAL' as const, 'SMART_PERFORMANCE' as const, 'SMART_PLUS' as const),
    objective: fc.constantFrom('REACH' as const, 'VIDEO_VIEWS' as const, 'APP_PROMOTION' as const),
    authorized: fc.boolean(),
    withdrawn: fc.boolean(),
    publishedIn: fc.option(fc.integer({ min: -200, max: 30 }), { nil: undefined }),
    regions: fc.subarray(['US', 'FR', 'JP']),
    industry: fc.option(fc.constantFrom('Beauty', 'Games'), { nil: undefined }),
  })
  .map((x) => {
    const day = 86_400_000;
    const startAt = new Date(T0 + x.startIn * day);
    const offered = x.placements.includes('TIKTOK') && x.campaignType !== 'SMART_PERFORMANCE';
    const authorized = offered && x.authorized && !x.withdrawn;
    return {
      id: `ad-${x.n}`,
      adAccountId: 'acc',
      name: 'Ad',
      campaign: { campaignId: 'c', objective: x.objective, placements: x.placements, campaignType: x.campaignType },
      schedule: { startAt, ...(x.endIn !== undefined ? { endAt: new Date(startAt.getTime() + x.endIn * day) } : {}) },
      identity: x.authCode ? { type: 'AUTH_CODE', codeId: `code-${x.n}` } : { type: 'TT_USER', identityId: 'brand' },
      ...(x.authCode
        ? {
            authorization: {
              codeId: `code-${x.n}`,
              videoId: `v-${x.n}`,
              creatorId: 'cr',
              expiresAt: new Date(T0 + x.expiresIn * day),
            },
          }
        : {}),
      regions: x.regions,
      ...(x.industry !== undefined ? { industry: x.industry } : {}),
      assetAuthorization: {
        offered,
        authorized,
        changedAt: new Date(T0),
        source: 'ads_manager',
        ...(offered && x.withdrawn ? { withdrawnAt: new Date(T0) } : {}),
      },
      status: x.status,
      statusChangedAt: new Date(T0),
      statusChangedBy: SYS,
      createdAt: new Date(T0),
      ...(x.publishedIn !== undefined ? { firstRunningAt: new Date(T0 + x.publishedIn * day) } : {}),
    } as unknown as AdRecord;
  });

export const instantArb = fc.integer({ min: -40, max: 500 }).map((d) => new Date(T0 + d * 86_400_000));
