import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { manualClock } from '../adapters/clock/manual-clock.js';
import { memoryStore } from '../adapters/memory/memory-store.js';
import { seededRandom } from '../adapters/random/seeded-random.js';
import { createSparkCodes } from './spark-codes.service.js';
import type { AdvertiserFacts, CreatorFacts, VideoFacts } from './spark-codes.model.js';

const numRuns = Number(process.env.FC_NUM_RUNS ?? 15);
const SECRET = 'test-secret-of-at-least-thirty-two-chars!';
const creator: CreatorFacts = {
  id: 'creator-1',
  displayName: 'Dana Creator',
  accountType: 'CREATOR',
  followerCount: 25_000,
  adAuthorizationEnabled: true,
  adTermsAccepted: true,
};
const video: VideoFacts = {
  id: 'video-1',
  ownerId: 'creator-1',
  visibility: 'PUBLIC',
  isOriginal: true,
  adAuthorizationEnabled: true,
  music: 'ORIGINAL',
  title: 'Morning',
};
const advertiser: AdvertiserFacts = {
  adAccountId: 'adacc-1',
  hasActivePaymentMethod: true,
  hasCreativeLibraryAccess: true,
};
const ZONES = ['UTC', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham'];
const original = process.env.TZ;
afterAll(() => {
  if (original === undefined) delete process.env.TZ;
  else process.env.TZ = original;
});

// Node re-reads process.env.TZ when it changes, so one process can try every zone.
async function story(startMs: number, periodDays: number, steps: readonly number[]): Promise<string> {
  const clock = manualClock(new Date(startMs));
  const spark = createSparkCodes({ store: memoryStore(), clock, random: seededRandom(3), codeSecret: SECRET });
  const g = (await spark.generateCode({ creator, video, periodDays })).unwrap();
  const seen: unknown[] = [g.summary];
  for (const step of steps) {
    clock.advance(step);
    seen.push((await spark.codeStatus({ codeId: g.summary.id })).unwrap().status);
    seen.push((await spark.searchCode({ advertiser, code: g.code })).isOk());
    seen.push((await spark.expireDue()).unwrap().codes.length);
  }
  return JSON.stringify(seen);
}

describe('X-04 results never depend on the host time zone', () => {
  test('the same story gives the same results in every zone, across DST changes', async () => {
    await fc.assert(
      fc.asyncProperty(
        // Starts around the March and November DST switches of several zones.
        fc
          .constantFrom(
            Date.UTC(2026, 2, 8, 6, 59, 59),
            Date.UTC(2026, 10, 1, 5, 30),
            Date.UTC(2026, 3, 5, 0, 0),
            Date.UTC(2026, 8, 27, 13, 0),
          )
          .chain((base) => fc.integer({ min: base - 86_400_000, max: base + 86_400_000 })),
        fc.constantFrom(7, 30, 60, 365),
        fc.array(fc.integer({ min: 1, max: 40 * 86_400_000 }), { minLength: 1, maxLength: 5 }),
        async (start, period, steps) => {
          const results: string[] = [];
          for (const zone of ZONES) {
            process.env.TZ = zone;
            results.push(await story(start, period, steps));
          }
          expect(new Set(results).size).toBe(1);
        },
      ),
      { numRuns },
    );
  });
  test('the host zone really changes under this test (so the property above can fail)', () => {
    process.env.TZ = 'UTC';
    const utc = new Date(Date.UTC(2026, 0, 1)).getHours();
    process.env.TZ = 'Asia/Kolkata';
    const ist = new Date(Date.UTC(2026, 0, 1)).getHours();
    expect(utc).not.toBe(ist);
  });
});
