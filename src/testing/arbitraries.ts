import fc from 'fast-check';

/**
 * fast-check arbitraries of the library's input facts, for property tests of code that embeds
 * the rules. Values are plain objects as a caller would pass them.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { arbitraries } from 'tiktok-ad-auth/testing';
 * fc.assert(fc.property(arbitraries.creatorFacts(), (c) => typeof c.id === 'string'));
 * ```
 */
export const arbitraries = {
  /** An id as the schemas accept it. */
  id: (prefix = 'id'): fc.Arbitrary<string> => fc.stringMatching(/^[a-z0-9]{1,12}$/).map((s) => `${prefix}-${s}`),
  /** Creator facts of any eligibility. */
  creatorFacts: (id?: string) =>
    fc.record({
      id: id === undefined ? arbitraries.id('creator') : fc.constant(id),
      displayName: fc.constantFrom('Dana', 'Lee Park', 'Zoë', '佐藤'),
      accountType: fc.constantFrom('PERSONAL' as const, 'BUSINESS' as const, 'CREATOR' as const),
      followerCount: fc.oneof(fc.integer({ min: 0, max: 20_000 }), fc.constantFrom(9_999, 10_000, 10_001)),
      adAuthorizationEnabled: fc.boolean(),
      adTermsAccepted: fc.boolean(),
    }),
  /** Video facts of any eligibility, owned by `ownerId` or by someone else. */
  videoFacts: (ownerId: string) =>
    fc.record({
      id: arbitraries.id('video'),
      ownerId: fc.oneof(
        { weight: 4, arbitrary: fc.constant(ownerId) },
        { weight: 1, arbitrary: arbitraries.id('creator') },
      ),
      visibility: fc.constantFrom('PUBLIC' as const, 'FRIENDS' as const, 'PRIVATE' as const),
      isOriginal: fc.boolean(),
      adAuthorizationEnabled: fc.boolean(),
      music: fc.constantFrom(
        'NONE' as const,
        'ORIGINAL' as const,
        'COMMERCIAL_MUSIC_LIBRARY' as const,
        'COPYRIGHTED_NOT_IN_CML' as const,
      ),
    }),
  /** Advertiser facts of any eligibility. */
  advertiserFacts: () =>
    fc.record({
      adAccountId: arbitraries.id('adacc'),
      hasActivePaymentMethod: fc.boolean(),
      hasCreativeLibraryAccess: fc.boolean(),
    }),
  /** Fully eligible creator and video facts (every rule passes with the default policy). */
  eligibleCreatorAndVideo: () =>
    fc
      .tuple(arbitraries.id('creator'), arbitraries.id('video'), fc.integer({ min: 10_000, max: 5_000_000 }))
      .map(([cid, vid, followers]) => ({
        creator: {
          id: cid,
          displayName: 'Creator',
          accountType: 'CREATOR' as const,
          followerCount: followers,
          adAuthorizationEnabled: true,
          adTermsAccepted: true,
        },
        video: {
          id: vid,
          ownerId: cid,
          visibility: 'PUBLIC' as const,
          isOriginal: true,
          adAuthorizationEnabled: true,
          music: 'ORIGINAL' as const,
        },
      })),
  /** A period in days, allowed or not. */
  periodDays: () => fc.oneof(fc.constantFrom(7, 30, 60, 365), fc.integer({ min: -5, max: 400 })),
};
