import {
  createAds, createSparkCodes, createTopAds, DEFAULT_POLICY, manualClock, memoryStore, seededRandom,
  type CreatorFacts, type VideoFacts, type AdvertiserFacts, type Policy, type Store,
} from '../src/index.js';

export const T0 = new Date('2026-03-01T12:00:00.000Z');
export const SECRET = 'test-secret-of-at-least-thirty-two-chars!';

export function creator(overrides: Partial<Record<keyof CreatorFacts, unknown>> = {}): Record<string, unknown> {
  return { id: 'creator-1', displayName: 'Dana Creator', accountType: 'CREATOR', followerCount: 25_000, adAuthorizationEnabled: true, adTermsAccepted: true, ...overrides };
}

export function video(overrides: Partial<Record<keyof VideoFacts, unknown>> = {}): Record<string, unknown> {
  return { id: 'video-1', ownerId: 'creator-1', visibility: 'PUBLIC', isOriginal: true, adAuthorizationEnabled: true, music: 'ORIGINAL', title: 'Morning routine', ...overrides };
}

export function advertiser(overrides: Partial<Record<keyof AdvertiserFacts, unknown>> = {}): Record<string, unknown> {
  return { adAccountId: 'adacc-1', hasActivePaymentMethod: true, hasCreativeLibraryAccess: true, ...overrides };
}

export function setup(opts: { store?: Store; seed?: number; policy?: Parameters<typeof createSparkCodes>[0]['policy'] } = {}) {
  const store = opts.store ?? memoryStore();
  const clock = manualClock(T0);
  const spark = createSparkCodes({ store, clock, random: seededRandom(opts.seed ?? 1), codeSecret: SECRET, ...(opts.policy ? { policy: opts.policy } : {}) });
  return { store, clock, spark };
}

/** Campaign facts: TikTok placement, manual campaign (Top Ads option offered). */
export function campaign(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { campaignId: 'cmp-1', objective: 'VIDEO_VIEWS', placements: ['TIKTOK'], campaignType: 'MANUAL', ...overrides };
}

/**
 * Spark codes, ads and Top Ads over one memory store and one manual clock, plus a helper that
 * generates a code for a fresh video and confirms it from an ad account.
 */
export function adsSetup(opts: { policy?: Policy; seed?: number } = {}) {
  const store = memoryStore();
  const clock = manualClock(T0);
  const policy = opts.policy ?? DEFAULT_POLICY;
  const random = seededRandom(opts.seed ?? 3);
  const spark = createSparkCodes({ store, clock, random, codeSecret: SECRET, policy });
  const ads = createAds({ store, clock, random, policy });
  const topAds = createTopAds({ store, clock, random, policy });
  let n = 0;
  async function confirmedCode(adAccountIds: readonly string[] = ['adacc-1'], periodDays = 30) {
    n += 1;
    const creatorId = `creator-${n}`;
    const g = (await spark.generateCode({ creator: creator({ id: creatorId }), video: video({ id: `video-${n}`, ownerId: creatorId }), periodDays })).unwrap();
    for (const acc of adAccountIds) (await spark.confirmCode({ advertiser: advertiser({ adAccountId: acc }), code: g.code })).unwrap();
    return { code: g.code, codeId: g.summary.id, creatorId, expiresAt: g.summary.expiresAt };
  }
  function adInput(codeId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return { adAccountId: 'adacc-1', name: 'Spring launch', campaign: campaign(), schedule: { startAt: T0 }, identity: { type: 'AUTH_CODE', codeId }, ...overrides };
  }
  /** Creates an ad and moves it through review to RUNNING. */
  async function runningAd(codeId: string, overrides: Record<string, unknown> = {}) {
    const ad = (await ads.createAd(adInput(codeId, overrides))).unwrap();
    const ref = { adAccountId: ad.adAccountId, adId: ad.id };
    (await ads.submit(ref)).unwrap();
    (await ads.review({ ...ref, approved: true })).unwrap();
    return (await ads.start(ref)).unwrap();
  }
  return { store, clock, spark, ads, topAds, policy, confirmedCode, adInput, runningAd };
}
