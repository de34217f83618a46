// The creator → advertiser flow, and a Business Center link by QR code, on PGlite (PostgreSQL
// in-process) with a data directory: the process stores everything, closes the database, opens
// it again and finds it all there.
// Run: npm run build && node examples/postgres-pglite-reopen.mjs [--json]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createBusinessCenterLinks, createSparkCodes, manualClock } from 'tiktok-ad-auth';
import { postgresStore } from 'tiktok-ad-auth/postgres';

const json = process.argv.includes('--json');
const say = (line) => { if (!json) console.log(line); };
const dataDir = mkdtempSync(join(tmpdir(), 'tiktok-ad-auth-pglite-'));
const codeSecret = 'example-secret-of-at-least-thirty-two-characters';
const clock = manualClock(new Date('2026-06-01T09:00:00.000Z'));

const creator = { id: 'creator-ana', displayName: 'Ana Bakes', accountType: 'CREATOR', followerCount: 120_000, adAuthorizationEnabled: true, adTermsAccepted: true };
const video = { id: 'video-croissant', ownerId: 'creator-ana', visibility: 'PUBLIC', isOriginal: true, adAuthorizationEnabled: true, music: 'ORIGINAL', title: 'Croissants in 10 minutes' };
const advertiser = { adAccountId: 'adacc-bakery', hasActivePaymentMethod: true, hasCreativeLibraryAccess: true };

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
  const bc = createBusinessCenterLinks({ store, clock });
  const started = (await bc.startLinkRequest({
    businessCenter: { id: 'bc-bakery', verified: true }, member: { userId: 'bakery-admin', role: 'ADMIN' },
    permissionLevel: 'DELIVER_ADS', permissions: ['EXISTING_POSTS', 'PUBLISH_NEW_VIDEOS', 'SHOW_THROUGH_ADS_ONLY'],
  })).unwrap();
  const approved = (await bc.approveLinkRequest({
    token: started.qrToken, account: { id: 'tt-ana', accountType: 'CREATOR', isPrivate: false, inAnyBusinessCenter: false }, userId: 'creator-ana',
  })).unwrap();
  say(`The bakery's Business Center showed a QR code; ${creator.displayName} scanned and approved it (link ${approved.link.id}).`);
  await db.close();
  say('Closed the database.');

  // --- second run: reopen the same directory ----------------------------------------------
  db = await PGlite.create(dataDir);
  store = postgresStore({ pglite: db });
  const secondMigration = await store.migrate();
  spark = createSparkCodes({ store, clock, codeSecret });
  const status = (await spark.codeStatus({ codeId: generated.summary.id })).unwrap();
  const library = await store.listLibrary(advertiser.adAccountId);
  const events = await store.readEvents({ after: 0 });
  const again = (await spark.confirmCode({ advertiser, code: generated.code })).unwrap();
  const bcLinks = await store.listActiveLinksOfBusinessCenter('bc-bakery');
  const rescanned = await createBusinessCenterLinks({ store, clock }).approveLinkRequest({
    token: started.qrToken, account: { id: 'tt-ana', accountType: 'CREATOR', isPrivate: false, inAnyBusinessCenter: true }, userId: 'creator-ana',
  });
  say(`Reopened it: migrate() applied ${secondMigration.applied.length} migrations; the code is ${status.status}, the library holds ${library.length} post(s), the outbox ${events.length} events (${events.map((e) => e.type).join(', ')}).`);
  say(`Confirming again is idempotent after the restart (added: ${again.added}).`);
  say(`The Business Center still has ${bcLinks.length} active link (${bcLinks.map((l) => l.accountId).join(', ')}); scanning the same QR code again is refused (${rescanned.isErr() ? rescanned.error.violations[0].code : 'accepted?!'}).`);
  await db.close();

  if (json) {
    console.log(JSON.stringify({
      firstApplied: firstMigration.applied, secondApplied: secondMigration.applied, status: status.status,
      libraryCodeIds: library.map((e) => e.codeId), codeId: generated.summary.id, eventTypes: events.map((e) => e.type),
      eventSeqs: events.map((e) => e.seq), confirmedAgainAdded: again.added,
      confirmedAt: library[0]?.confirmedAt.toISOString(),
      bcLinkIds: bcLinks.map((l) => l.id), linkId: approved.link.id,
      rescanCodes: rescanned.isErr() ? rescanned.error.violations.map((v) => v.code) : [],
    }));
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
