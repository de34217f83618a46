// A creator turns off ad authorization: every running ad on the post pauses in the same atomic
// step, and cannot resume. With the Business API's policy the revocation is refused instead.
// Run: npm run build && node examples/revocation-pauses-ads.mjs [--json]
import { createAds, createSparkCodes, definePolicy, manualClock, memoryStore, seededRandom, HOUR_MS } from 'tiktok-ad-auth';

const json = process.argv.includes('--json');
const log = (...a) => { if (!json) console.log(...a); };

async function world(policy) {
  const store = memoryStore();
  const clock = manualClock(new Date('2026-06-01T10:00:00Z'));
  const random = seededRandom(11);
  const spark = createSparkCodes({ store, clock, random, codeSecret: 'example-secret-of-at-least-32-chars!!', ...(policy ? { policy } : {}) });
  const ads = createAds({ store, clock, random, ...(policy ? { policy } : {}) });
  const creator = { id: 'lena', displayName: 'Lena', accountType: 'CREATOR', followerCount: 120_000, adAuthorizationEnabled: true, adTermsAccepted: true };
  const video = { id: 'lena-unboxing', ownerId: 'lena', visibility: 'PUBLIC', isOriginal: true, adAuthorizationEnabled: true, music: 'ORIGINAL' };
  const g = (await spark.generateCode({ creator, video, periodDays: 30 })).unwrap();
  const running = [];
  for (const acc of ['brand-eu', 'brand-us']) {
    (await spark.confirmCode({ advertiser: { adAccountId: acc, hasActivePaymentMethod: true, hasCreativeLibraryAccess: true }, code: g.code })).unwrap();
    for (const name of ['Prospecting', 'Retargeting']) {
      const ad = (await ads.createAd({ adAccountId: acc, name: `${acc} ${name}`, campaign: { campaignId: 'c', objective: 'TRAFFIC', placements: ['TIKTOK'], campaignType: 'MANUAL' }, schedule: { startAt: clock.now() }, identity: { type: 'AUTH_CODE', codeId: g.summary.id } })).unwrap();
      const ref = { adAccountId: acc, adId: ad.id };
      (await ads.submit(ref)).unwrap();
      (await ads.review({ ...ref, approved: true })).unwrap();
      (await ads.start(ref)).unwrap();
      running.push(ref);
    }
  }
  return { store, clock, spark, ads, codeId: g.summary.id, running };
}

// 1. The sources' behaviour (default policy): revocation pauses the ads.
const w = await world();
log(`${w.running.length} ads run Lena's post in two ad accounts.`);
w.clock.advance(2 * HOUR_MS);
const before = (await w.store.readEvents({ after: 0, limit: 10_000 })).length;
const revoked = (await w.spark.revokeCode({ creatorId: 'lena', codeId: w.codeId })).unwrap();
const events = await w.store.readEvents({ after: before, limit: 100 });
log(`Lena revokes: ${revoked.pausedAds.length} ads paused in the same step.`);
log(`Events of that step: ${events.map((e) => e.type).join(', ')}`);
const resume = await w.ads.resume(w.running[0]);
log(`Resuming one is refused: ${resume.isErr() ? resume.error.violations.map((v) => `${v.rule} ${v.code}`).join('; ') : 'allowed?!'}`);

// 2. The Business API's behaviour: refuse to switch authorization off while ads use the post.
const strict = await world(definePolicy({ revocationMode: 'block-while-in-use' }).unwrap());
const refused = await strict.spark.revokeCode({ creatorId: 'lena', codeId: strict.codeId });
const inTheWay = refused.isErr() ? refused.error.violations[0].details.adIds : [];
log(`\nWith revocationMode 'block-while-in-use' the revocation is refused: ${inTheWay.length} ads in the way.`);
for (const ref of strict.running) (await strict.ads.stop(ref)).unwrap();
const after = (await strict.spark.revokeCode({ creatorId: 'lena', codeId: strict.codeId })).unwrap();
log(`Once the advertisers stop them, it goes through: revoked=${after.revoked}.`);

if (json) {
  console.log(JSON.stringify({
    paused: revoked.pausedAds.length, pausedReasons: [...new Set(revoked.pausedAds.map((a) => a.statusReason))],
    eventTypes: events.map((e) => e.type), resumeRefusal: resume.isErr() ? resume.error.violations.map((v) => v.code) : [],
    blockedBy: inTheWay.length, blockedCode: refused.isErr() ? refused.error.violations[0].code : null, revokedAfterStopping: after.revoked,
  }));
}
