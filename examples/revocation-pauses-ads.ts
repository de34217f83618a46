// A creator turns off ad authorization: every running ad on the post pauses in the same atomic
// step, and cannot resume (SPARK-10, ADV-06). With the Business API's policy the revocation is
// refused instead. Run: node examples/support/run.mjs revocation-pauses-ads [--json]
import {
  createAds,
  createSparkCodes,
  definePolicy,
  formatError,
  HOUR_MS,
  manualClock,
  memoryStore,
  seededRandom,
} from 'tiktok-ad-auth';
import type { FormattableError, Policy, Result } from 'tiktok-ad-auth';
import type { CampaignFacts, CreatorFacts, VideoFacts } from 'tiktok-ad-auth/model';

const json = process.argv.includes('--json');
const say = (...args: unknown[]) => {
  if (!json) console.log(...args);
};
/** The value of a result, or a readable error (`formatError`) thrown. */
function ok<T>(result: Result<T, FormattableError>): T {
  if (result.isErr()) throw new Error(formatError(result.error));
  return result.value;
}

const creator: CreatorFacts = {
  id: 'lena',
  displayName: 'Lena',
  accountType: 'CREATOR',
  followerCount: 120_000,
  adAuthorizationEnabled: true,
  adTermsAccepted: true,
};
const video: VideoFacts = {
  id: 'lena-unboxing',
  ownerId: 'lena',
  visibility: 'PUBLIC',
  isOriginal: true,
  adAuthorizationEnabled: true,
  music: 'ORIGINAL',
};
const campaign: CampaignFacts = {
  campaignId: 'c',
  objective: 'TRAFFIC',
  placements: ['TIKTOK'],
  campaignType: 'MANUAL',
};

/** Lena's code confirmed by two ad accounts, each running two ads on it. */
async function world(policy?: Policy) {
  const store = memoryStore();
  const clock = manualClock(new Date('2026-06-01T10:00:00Z'));
  const random = seededRandom(11);
  const codeSecret = 'example-secret-of-at-least-32-chars!!';
  const spark = createSparkCodes({ store, clock, random, codeSecret, policy });
  const ads = createAds({ store, clock, random, policy });
  const generated = ok(await spark.generateCode({ creator, video, periodDays: 30 }));
  const codeId = generated.summary.id;
  const running = [];
  for (const adAccountId of ['brand-eu', 'brand-us']) {
    const advertiser = { adAccountId, hasActivePaymentMethod: true, hasCreativeLibraryAccess: true };
    ok(await spark.confirmCode({ advertiser, code: generated.code }));
    for (const name of ['Prospecting', 'Retargeting']) {
      const ad = ok(
        await ads.createAd({
          adAccountId,
          name: `${adAccountId} ${name}`,
          campaign,
          schedule: { startAt: clock.now() },
          identity: { type: 'AUTH_CODE', codeId },
        }),
      );
      const ref = { adAccountId, adId: ad.id };
      ok(await ads.submit(ref));
      ok(await ads.review({ ...ref, approved: true }));
      ok(await ads.start(ref));
      running.push(ref);
    }
  }
  return { store, clock, spark, ads, codeId, running };
}

// 1. The sources' behaviour (default policy): revocation pauses the ads.
const w = await world();
say(`${w.running.length} ads run Lena's post in two ad accounts.`);
w.clock.advance(2 * HOUR_MS);
const before = (await w.store.readEvents({ after: 0, limit: 10_000 })).length;
const revoked = ok(await w.spark.revokeCode({ creatorId: 'lena', codeId: w.codeId }));
const events = await w.store.readEvents({ after: before, limit: 100 });
say(`Lena revokes: ${revoked.pausedAds.length} ads paused in the same step.`);
say(`Events of that step: ${events.map((e) => e.type).join(', ')}`);
const firstAd = w.running[0];
if (firstAd === undefined) throw new Error('no ad is running');
const resume = await w.ads.resume(firstAd);
say(`Resuming one is refused: ${resume.isErr() ? formatError(resume.error) : 'allowed?!'}`);

// 2. The Business API's behaviour: refuse to switch authorization off while ads use the post.
const strict = await world(ok(definePolicy({ revocationMode: 'block-while-in-use' })));
const refused = await strict.spark.revokeCode({ creatorId: 'lena', codeId: strict.codeId });
const blocking = refused.isErr() && refused.error.code === 'denied' ? refused.error.violations[0] : undefined;
const inTheWay = (blocking?.details?.['adIds'] ?? []) as readonly string[];
say(`\nWith revocationMode 'block-while-in-use' the revocation is refused: ${inTheWay.length} ads in the way.`);
for (const ref of strict.running) ok(await strict.ads.stop(ref));
const after = ok(await strict.spark.revokeCode({ creatorId: 'lena', codeId: strict.codeId }));
say(`Once the advertisers stop them, it goes through: revoked=${after.revoked}.`);

if (json) {
  console.log(
    JSON.stringify({
      paused: revoked.pausedAds.length,
      pausedReasons: [...new Set(revoked.pausedAds.map((a) => a.statusReason))],
      eventTypes: events.map((e) => e.type),
      resumeRefusal: resume.isErr() && resume.error.code === 'denied' ? resume.error.violations.map((v) => v.code) : [],
      blockedBy: inTheWay.length,
      blockedCode: blocking?.code ?? null,
      revokedAfterStopping: after.revoked,
    }),
  );
}
