/// <reference types="node" />
import { describe, expect, test } from 'vitest';
import { createSparkCodes, DAY_MS, definePolicy, manualClock, memorySparkCodeStore, seededRandom } from '../../index.js';
import { sparkCodeConformanceChecks } from '../../testing/index.js';

// Read through globalThis: tsconfig.json type-checks src without Node's types.
const env = (globalThis as unknown as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
const numRuns = Number(env.FC_NUM_RUNS ?? 25);

describe('memorySparkCodeStore passes the Spark codes part of the store conformance suite', () => {
  for (const c of sparkCodeConformanceChecks(async () => ({ store: memorySparkCodeStore() }), { numRuns })) test(c.name, c.run);
});

describe('memorySparkCodeStore holds no ads', () => {
  const creator = { id: 'c1', displayName: 'C', accountType: 'CREATOR', followerCount: 20_000, adAuthorizationEnabled: true, adTermsAccepted: true };
  const video = { id: 'v1', ownerId: 'c1', visibility: 'PUBLIC', isOriginal: true, adAuthorizationEnabled: true, music: 'NONE' };
  const advertiser = { adAccountId: 'a1', hasActivePaymentMethod: true, hasCreativeLibraryAccess: true };

  for (const revocationMode of ['pause-ads', 'block-while-in-use'] as const) {
    test(`revocation (${revocationMode}) pauses nothing, is not blocked, and the sweep stops nothing`, async () => {
      const store = memorySparkCodeStore();
      const clock = manualClock(new Date('2026-01-01T00:00:00Z'));
      const spark = createSparkCodes({ store, clock, random: seededRandom(1), codeSecret: 'a secret of at least thirty-two characters!', policy: definePolicy({ revocationMode }).unwrap() });
      const g = (await spark.generateCode({ creator, video, periodDays: 7 })).unwrap();
      expect((await spark.confirmCode({ advertiser, code: g.code })).unwrap().added).toBe(true);
      const r = (await spark.revokeCode({ creatorId: 'c1', codeId: g.summary.id })).unwrap();
      expect(r).toMatchObject({ revoked: true, pausedAds: [] });
      const g2 = (await spark.generateCode({ creator, video, periodDays: 7 })).unwrap();
      clock.advance(8 * DAY_MS);
      const expired = (await spark.expireDue()).unwrap();
      expect(expired.map((s) => s.id)).toEqual([g2.summary.id]);
      const types = (await store.readEvents({ after: 0 })).map((e) => e.type);
      expect(types).toEqual(['spark.code_generated', 'spark.authorization_confirmed', 'spark.code_revoked', 'spark.code_generated', 'spark.code_expired']);
    });
  }
});
