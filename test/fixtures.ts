import {
  createAds,
  createSparkCodes,
  createTopAds,
  DEFAULT_POLICY,
  manualClock,
  memoryStore,
  seededRandom,
  type Policy,
} from '../src/index.js';
import type { Store } from '../src/ports/store.js';
import type { ConfirmCodeInput, GenerateCodeInput } from '../src/spark-codes/spark-codes.schemas.js';
import type { CreateAdInput } from '../src/ads/ads.schemas.js';

// The facts below take overrides of any shape (tests of validation pass wrong values on purpose)
// and are typed as the service inputs they usually are.
export const T0 = new Date('2026-03-01T12:00:00.000Z');
export const SECRET = 'test-secret-of-at-least-thirty-two-chars!';

export function creator(overrides: Record<string, unknown> = {}): GenerateCodeInput['creator'] {
  return <GenerateCodeInput['creator']>{
    id: 'creator-1',
    displayName: 'Dana Creator',
    accountType: 'CREATOR',
    followerCount: 25_000,
    adAuthorizationEnabled: true,
    adTermsAccepted: true,
    ...overrides,
  };
}

export function video(overrides: Record<string, unknown> = {}): GenerateCodeInput['video'] {
  return <GenerateCodeInput['video']>{
    id: 'video-1',
    ownerId: 'creator-1',
    visibility: 'PUBLIC',
    isOriginal: true,
    adAuthorizationEnabled: true,
    music: 'ORIGINAL',
    title: 'Morning routine',
    ...overrides,
  };
}

export function advertiser(overrides: Record<string, unknown> = {}): ConfirmCodeInput['advertiser'] {
  return <ConfirmCodeInput['advertiser']>{
    adAccountId: 'adacc-1',
    hasActivePaymentMethod: true,
    hasCreativeLibraryAccess: true,
    ...overrides,
  };
}

export function setup(
  opts: { store?: Store; seed?: number; policy?: Parameters<typeof createSparkCodes>[0]['policy'] } = {},
) {
  const store = opts.store ?? memoryStore();
  const clock = manualClock(T0);
  const spark = createSparkCodes({
    store,
    clock,
    random: seededRandom(opts.seed ?? 1),
    codeSecret: SECRET,
    ...(opts.policy ? { policy: opts.policy } : {}),
  });
  return { store, clock, spark };
}

/** Campaign facts: TikTok placement, manual campaign (Top Ads option offered). */
export function campaign(overrides: Record<string, unknown> = {}): CreateAdInput['campaign'] {
  return <CreateAdInput['campaign']>{
    campaignId: 'cmp-1',
    objective: 'VIDEO_VIEWS',
    placements: ['TIKTOK'],
    campaignType: 'MANUAL',
    ...overrides,
  };
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
    const g = (
      await spark.generateCode({
        creator: creator({ id: creatorId }),
        video: video({ id: `video-${n}`, ownerId: creatorId }),
        periodDays,
      })
    ).unwrap();
    for (const acc of adAccountIds)
      (await spark.confirmCode({ advertiser: advertiser({ adAccountId: acc }), code: g.code })).unwrap();
    return { code: g.code, codeId: g.summary.id, creatorId, expiresAt: g.summary.expiresAt };
  }
  function adInput(codeId: string, overrides: Record<string, unknown> = {}): CreateAdInput {
    return <CreateAdInput>{
      adAccountId: 'adacc-1',
      name: 'Spring launch',
      campaign: campaign(),
      schedule: { startAt: T0 },
      identity: { type: 'AUTH_CODE', codeId },
      ...overrides,
    };
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
