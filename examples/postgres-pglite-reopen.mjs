// The creator → advertiser → ads flow on PGlite (PostgreSQL in-process) with a data directory:
// the process stores everything, closes the database, opens it again and finds it all there;
// the creator revokes the code (pausing the running ad in the same transaction), and a third
// opening finds the ad paused.
// Run: npm run build && node examples/postgres-pglite-reopen.mjs [--json]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createAds, createSparkCodes, manualClock } from 'tiktok-ad-auth';
import { postgresStore } from 'tiktok-ad-auth/postgres';

const json = process.argv.includes('--json');
const say = (line) => { if (!json) console.log(line); };
const dataDir = mkdtempSync(join(tmpdir(), 'tiktok-ad-auth-pglite-'));
const codeSecret = 'example-secret-of-at-least-thirty-two-characters';
const clock = manualClock(new Date('2026-06-01T09:00:00.000Z'));

const creator = { id: 'creator-ana', displayName: 'Ana Bakes', accountType: 'CREATOR', followerCount: 120_000, adAuthorizationEnabled: true, adTermsAccepted: true };
const video = { id: 'video-croissant', ownerId: 'creator-ana', visibility: 'PUBLIC', isOriginal: true, adAuthorizationEnabled: true, music: 'ORIGINAL', title: 'Croissants in 10 minutes' };
const advertiser = { adAccountId: 'adacc-bakery', hasActivePaymentMethod: true, hasCreativeLibraryAccess: true };
const campaign = { campaignId: 'cmp-spring', objective: 'VIDEO_VIEWS', placements: ['TIKTOK'], campaignType: 'MANUAL' };
const ref = (adId) => ({ adAccountId: advertiser.adAccountId, adId });

try {
  // --- first run: set up, generate, search, confirm ---------------------------------------
  let db = await PGlite.create(dataDir);
  let store = postgresStore({ pglite: db });
  const firstMigration = await store.migrate();
  say(`Opened PGlite in ${dataDir}; migrate() applied versions ${firstMigration.applied.join(', ')}.`);
  let spark = createSparkCodes({ store, clock, codeSecret });
  const generated = (await spark.generateCode({ creator, video, periodDays: 30 })).unwrap();
  say(`${creator.displayName} generated a 30-day code for "${video.title}" (stored as a digest only: ${generated.summary.fingerprint}).`);
  clock.advance(60 * 60 * 1000);
  const found = (await spark.searchCode({ advertiser, code: generated.code })).unwrap();
  say(`The bakery's ad account searched the code and saw ${found.preview.creatorName}'s video.`);
  const confirmed = (await spark.confirmCode({ advertiser, code: generated.code })).unwrap();
  say(`It confirmed the code: the post is in its Spark Ads library (added: ${confirmed.added}).`);
  let ads = createAds({ store, clock });
  const ad = (await ads.createAd({ adAccountId: advertiser.adAccountId, name: 'Spring croissants', campaign, schedule: { startAt: clock.now() }, identity: { type: 'AUTH_CODE', codeId: generated.summary.id } })).unwrap();
  (await ads.submit(ref(ad.id))).unwrap();
  (await ads.review({ ...ref(ad.id), approved: true })).unwrap();
  const started = (await ads.start(ref(ad.id))).unwrap();
  say(`It created the Spark Ad "${ad.name}" on the post; submitted, approved and started, it is ${started.status}.`);
  await db.close();
  say('Closed the database.');

  // --- second run: reopen the same directory; the creator revokes --------------------------
  db = await PGlite.create(dataDir);
  store = postgresStore({ pglite: db });
  const secondMigration = await store.migrate();
  spark = createSparkCodes({ store, clock, codeSecret });
  ads = createAds({ store, clock });
  const status = (await spark.codeStatus({ codeId: generated.summary.id })).unwrap();
  const library = (await spark.listLibrary(advertiser.adAccountId)).unwrap();
  const adAfterReopen = (await ads.getAd(ref(ad.id))).unwrap();
  const again = (await spark.confirmCode({ advertiser, code: generated.code })).unwrap();
  say(`Reopened it: migrate() applied ${secondMigration.applied.length} migrations; the code is ${status.status}, the library holds ${library.length} post(s), the ad is ${adAfterReopen.status}.`);
  say(`Confirming again is idempotent after the restart (added: ${again.added}).`);
  clock.advance(24 * 60 * 60 * 1000);
  const revoked = (await spark.revokeCode({ creatorId: creator.id, codeId: generated.summary.id })).unwrap();
  say(`${creator.displayName} revoked the code; in the same transaction ${revoked.pausedAds.length} ad was paused (${revoked.pausedAds.map((a) => a.statusReason).join(', ')}).`);
  await db.close();
  say('Closed the database again.');

  // --- third run: the revocation and the paused ad are there --------------------------------
  db = await PGlite.create(dataDir);
  store = postgresStore({ pglite: db });
  spark = createSparkCodes({ store, clock, codeSecret });
  ads = createAds({ store, clock });
  const finalStatus = (await spark.codeStatus({ codeId: generated.summary.id })).unwrap();
  const finalAd = (await ads.getAd(ref(ad.id))).unwrap();
  const resumed = await ads.resume(ref(ad.id));
  const events = await store.readEvents({ after: 0 });
  say(`Reopened once more: the code is ${finalStatus.status}; the ad is ${finalAd.status} (${finalAd.statusReason}); resuming it is refused (${resumed.isErr() ? resumed.error.violations?.[0]?.code ?? resumed.error.code : 'allowed?!'}).`);
  say(`The outbox holds ${events.length} events: ${events.map((e) => e.type).join(', ')}.`);
  await db.close();

  if (json) {
    console.log(JSON.stringify({
      firstApplied: firstMigration.applied, secondApplied: secondMigration.applied, status: status.status,
      libraryCodeIds: library.map((e) => e.codeId), codeId: generated.summary.id, eventTypes: events.map((e) => e.type),
      eventSeqs: events.map((e) => e.seq), confirmedAgainAdded: again.added,
      confirmedAt: library[0]?.confirmedAt.toISOString(),
      adId: ad.id, adStatusAfterReopen: adAfterReopen.status, pausedAdIds: revoked.pausedAds.map((a) => a.id),
      finalCodeStatus: finalStatus.status, finalAdStatus: finalAd.status, finalAdReason: finalAd.statusReason,
      finalAdChangedAt: finalAd.statusChangedAt.toISOString(), resumeRefused: resumed.isErr(),
    }));
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
