// Type tests (checked by vitest's typecheck; at run time nothing here is called): what a user
// writes compiles with plain string ids, and a misspelled key or a wrong type does not.
import { describe, expectTypeOf, test } from 'vitest';
import { DEFAULT_POLICY } from '../kernel/policy.js';
import type { AdCodeId, CreatorId, VideoId } from '../kernel/ids.js';
import type { SparkCodes } from './spark-codes.service.js';
import type { AdCodeSummary, LibraryEntry } from './spark-codes.model.js';
import { canApplyAdCode, canGenerateAdCode } from './spark-codes.rules.js';

declare const spark: SparkCodes;
declare const pasted: string;

describe('Spark codes: typed inputs, plain string ids', () => {
  test('SPARK-01 the README calls compile as written, with plain string ids', () => {
    const calls = async () => {
      canGenerateAdCode(
        {
          creator: {
            id: 'tt-dana',
            displayName: 'Dana',
            accountType: 'PERSONAL',
            followerCount: 900,
            adAuthorizationEnabled: true,
            adTermsAccepted: true,
          },
          video: {
            id: 'vid-1',
            ownerId: 'tt-dana',
            visibility: 'PUBLIC',
            isOriginal: true,
            adAuthorizationEnabled: true,
            music: 'ORIGINAL',
          },
          periodDays: 45,
        },
        DEFAULT_POLICY,
      );
      const advertiser = { adAccountId: 'adv-1', hasActivePaymentMethod: true, hasCreativeLibraryAccess: true };
      canApplyAdCode({ advertiser, code: undefined, at: new Date() }, DEFAULT_POLICY);
      await spark.generateCode({
        creator: {
          id: 'tt-dana',
          displayName: 'Dana',
          accountType: 'CREATOR',
          followerCount: 12_000,
          adAuthorizationEnabled: true,
          adTermsAccepted: true,
        },
        video: {
          id: 'vid-1',
          ownerId: 'tt-dana',
          visibility: 'PUBLIC',
          isOriginal: true,
          adAuthorizationEnabled: true,
          music: 'ORIGINAL',
        },
        periodDays: 30,
      });
      await spark.searchCode({ advertiser, code: pasted });
      await spark.confirmCode({ advertiser, code: pasted, userId: 'u-7' });
      await spark.revokeCode({ creatorId: 'tt-dana', codeId: 'code_1' });
      await spark.showCode({ creatorId: 'tt-dana', codeId: 'code_1' });
      await spark.codeStatus({ codeId: 'code_1' });
      await spark.listCreatorCodes('tt-dana');
      await spark.listLibrary('adv-1');
      await spark.listExpiring({ withinMs: 1000 });
      await spark.expireDue();
      await spark.expireDue({ limit: 10 });
    };
    expectTypeOf(calls).toBeFunction();
  });

  test('X-03 a misspelled key or a wrong type is a compile error', () => {
    const calls = async (creator: Parameters<SparkCodes['generateCode']>[0]['creator']) => {
      const video = {
        id: 'v',
        ownerId: 'tt-dana',
        visibility: 'PUBLIC',
        isOriginal: true,
        adAuthorizationEnabled: true,
        music: 'ORIGINAL',
      } as const;
      // @ts-expect-error periodDay is not periodDays
      await spark.generateCode({ creator, video, periodDay: 30 });
      // @ts-expect-error periodDays is a number
      await spark.generateCode({ creator, video, periodDays: '30' });
      // @ts-expect-error accountType is one of the Business API's account types
      await spark.generateCode({ creator: { ...creator, accountType: 'ADMIN' }, video, periodDays: 30 });
      // @ts-expect-error codeID is not codeId
      await spark.revokeCode({ creatorId: 'tt-dana', codeID: 'code_1' });
      // @ts-expect-error a creator id is a string
      await spark.listCreatorCodes(42);
      // @ts-expect-error followerCount is a number
      canGenerateAdCode({ creator: { ...creator, followerCount: '900' }, video, periodDays: 30 }, DEFAULT_POLICY);
    };
    expectTypeOf(calls).toBeFunction();
  });

  test('SPARK-09 records the library returns keep branded ids', () => {
    expectTypeOf<AdCodeSummary['id']>().toEqualTypeOf<AdCodeId>();
    expectTypeOf<AdCodeSummary['creatorId']>().toEqualTypeOf<CreatorId>();
    expectTypeOf<LibraryEntry['videoId']>().toEqualTypeOf<VideoId>();
    expectTypeOf<string>().not.toMatchTypeOf<CreatorId>();
  });
});
