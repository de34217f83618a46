import {
  createSparkCodes, manualClock, memoryStore, seededRandom, type CreatorFacts, type VideoFacts, type AdvertiserFacts, type Store,
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
