// The creator → advertiser → ads flow on PGlite (PostgreSQL in-process) with a data directory:
// the process stores everything, closes the database, opens it again and finds it all there;
// the creator revokes the code (pausing the running ad in the same transaction), and a third
// opening finds the ad paused. Needs `@electric-sql/pglite` (an optional peer dependency).
// Run: node examples/support/run.mjs postgres-pglite-reopen [--json]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createAds, createSparkCodes, DAY_MS, formatError, HOUR_MS, manualClock } from 'tiktok-ad-auth';
import type { FormattableError, Result } from 'tiktok-ad-auth';
import type { AdvertiserFacts, CampaignFacts, CreatorFacts, VideoFacts } from 'tiktok-ad-auth/model';
import { postgresStore } from 'tiktok-ad-auth/postgres';

const json = process.argv.includes('--json');
const say = (line: string) => {
  if (!json) console.log(line);
};
/** The value of a result, or a readable error (`formatError`) thrown. */
function ok<T>(result: Result<T, FormattableError>): T {
  if (result.isErr()) throw new Error(formatError(result.error));
  return result.value;
}
const dataDir = mkdtempSync(join(tmpdir(), 'tiktok-ad-auth-pglite-'));
const codeSecret = 'example-secret-of-at-least-thirty-two-characters';
const clock = manualClock(new Date('2026-06-01T09:00:00.000Z'));

const creator: CreatorFacts = {
  id: 'creator-ana',
  displayName: 'Ana Bakes',
  accountType: 'CREATOR',
  followerCount: 120_000,
  adAuthorizationEnabled: true,
  adTermsAccepted: true,
};
const video: VideoFacts = {
  id: 'video-croissant',
  ownerId: 'creator-ana',
  visibility: 'PUBLIC',
  isOriginal: true,
  adAuthorizationEnabled: true,
  music: 'ORIGINAL',
  title: 'Croissants in 10 minutes',
};
const advertiser: AdvertiserFacts = {
  adAccountId: 'adacc-bakery',
  hasActivePaymentMethod: true,
  hasCreativeLibraryAccess: true,
};
const campaign: CampaignFacts = {
  campaignId: 'cmp-spring',
  objective: 'VIDEO_VIEWS',
  placements: ['TIKTOK'],
  campaignType: 'MANUAL',
};
const ref = (adId: string) => ({ adAccountId: advertiser.adAccountId, adId });

try {
  // --- first run: set up, generate, search, confirm, start an ad --------------------------
  let db = await PGlite.create(dataDir);
  let store = postgresStore({ pglite: db });
  const firstMigration = await store.migrate();
  say(`Opened PGlite in ${dataDir}; migrate() applied versions ${firstMigration.applied.join(', ')}.`);
  let spark = createSparkCodes({ store, clock, codeSecret });
  const generated = ok(await spark.generateCode({ creator, video, periodDays: 30 }));
  const codeId = generated.summary.id;
  say(
    `${creator.displayName} generated a 30-day code for "${video.title}"` +
      ` (stored as a digest only: ${generated.summary.fingerprint}).`,
  );
  clock.advance(HOUR_MS);
  const found = ok(await spark.searchCode({ advertiser, code: generated.code }));
  say(`The bakery's ad account searched the code and saw ${found.preview.creatorName}'s video.`);
  const confirmed = ok(await spark.confirmCode({ advertiser, code: generated.code }));
  say(`It confirmed the code: the post is in its Spark Ads library (added: ${confirmed.added}).`);
  let ads = createAds({ store, clock });
  const ad = ok(
    await ads.createAd({
      adAccountId: advertiser.adAccountId,
      name: 'Spring croissants',
      campaign,
      schedule: { startAt: clock.now() },
      identity: { type: 'AUTH_CODE', codeId },
    }),
  );
  ok(await ads.submit(ref(ad.id)));
  ok(await ads.review({ ...ref(ad.id), approved: true }));
  const started = ok(await ads.start(ref(ad.id)));
  say(`It created the Spark Ad "${ad.name}" on the post; submitted, approved and started, it is ${started.status}.`);
  await db.close();
  say('Closed the database.');

  // --- second run: reopen the same directory; the creator revokes --------------------------
  db = await PGlite.create(dataDir);
  store = postgresStore({ pglite: db });
  const secondMigration = await store.migrate();
  spark = createSparkCodes({ store, clock, codeSecret });
  ads = createAds({ store, clock });
  const status = ok(await spark.codeStatus({ codeId }));
  const library = ok(await spark.listLibrary(advertiser.adAccountId));
  const adAfterReopen = ok(await ads.getAd(ref(ad.id)));
  const again = ok(await spark.confirmCode({ advertiser, code: generated.code }));
  say(
    `Reopened it: migrate() applied ${secondMigration.applied.length} migrations; the code is ${status.status},` +
      ` the library holds ${library.length} post(s), the ad is ${adAfterReopen.status}.`,
  );
  say(`Confirming again is idempotent after the restart (added: ${again.added}).`);
  clock.advance(DAY_MS);
  const revoked = ok(await spark.revokeCode({ creatorId: creator.id, codeId }));
  say(
    `${creator.displayName} revoked the code; in the same transaction ${revoked.pausedAds.length} ad was paused` +
      ` (${revoked.pausedAds.map((a) => a.statusReason).join(', ')}).`,
  );
  await db.close();
  say('Closed the database again.');

  // --- third run: the revocation and the paused ad are there --------------------------------
  db = await PGlite.create(dataDir);
  store = postgresStore({ pglite: db });
  spark = createSparkCodes({ store, clock, codeSecret });
  ads = createAds({ store, clock });
  const finalStatus = ok(await spark.codeStatus({ codeId }));
  const finalAd = ok(await ads.getAd(ref(ad.id)));
  const resumed = await ads.resume(ref(ad.id));
  const events = await store.readEvents({ after: 0 });
  say(
    `Reopened once more: the code is ${finalStatus.status}; the ad is ${finalAd.status} (${finalAd.statusReason});` +
      ` resuming it is refused:\n  ${resumed.isErr() ? formatError(resumed.error) : 'allowed?!'}`,
  );
  say(`The outbox holds ${events.length} events: ${events.map((e) => e.type).join(', ')}.`);
  await db.close();

  if (json) {
    console.log(
      JSON.stringify({
        firstApplied: firstMigration.applied,
        secondApplied: secondMigration.applied,
        status: status.status,
        libraryCodeIds: library.map((e) => e.codeId),
        codeId,
        eventTypes: events.map((e) => e.type),
        eventSeqs: events.map((e) => e.seq),
        confirmedAgainAdded: again.added,
        confirmedAt: library[0]?.confirmedAt.toISOString(),
        adId: ad.id,
        adStatusAfterReopen: adAfterReopen.status,
        pausedAdIds: revoked.pausedAds.map((a) => a.id),
        finalCodeStatus: finalStatus.status,
        finalAdStatus: finalAd.status,
        finalAdReason: finalAd.statusReason,
        finalAdChangedAt: finalAd.statusChangedAt.toISOString(),
        resumeRefused: resumed.isErr(),
      }),
    );
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
