// A Spark Ads authorization code from start to end, with a manual clock:
// a creator generates a 30-day code, a brand searches and confirms it, a second code is
// revoked by its creator, and the first one expires. Run: `npm run demo` (or `node examples/spark-codes-lifecycle.mjs`).
import { DAY_MS, createSparkCodes, manualClock, memoryStore } from 'tiktok-ad-auth';
import { toBusinessApiError } from 'tiktok-ad-auth/model';

const json = process.argv.includes('--json');
const say = (...args) => { if (!json) console.log(...args); };

const clock = manualClock(new Date('2026-03-01T09:00:00Z'));
const store = memoryStore();
const spark = createSparkCodes({ store, clock, codeSecret: 'example-service-secret-keep-it-out-of-the-db' });

// --- The creator's side (SPARK-01..08) ------------------------------------------------------
const creator = { id: 'tt-dana', displayName: 'Dana Moves', accountType: 'CREATOR', followerCount: 48_200, adAuthorizationEnabled: true, adTermsAccepted: true };
const video = { id: 'vid-7301', ownerId: 'tt-dana', visibility: 'PUBLIC', isOriginal: true, adAuthorizationEnabled: true, music: 'COMMERCIAL_MUSIC_LIBRARY', title: '5-minute morning stretch' };

const refused = await spark.generateCode({ creator: { ...creator, accountType: 'PERSONAL', followerCount: 900 }, video, periodDays: 45 });
say('A personal account with 900 followers asking for 45 days is told everything at once:');
for (const v of refused.error.violations) say(`  ${v.rule}  ${v.message}`);

const generated = (await spark.generateCode({ creator, video, periodDays: 30 })).unwrap();
say(`\nDana generates a 30-day code at ${clock.now().toISOString()}:\n  ${generated.code}`);
say(`  expires ${generated.summary.expiresAt.toISOString()} (status ${generated.summary.status})`);

// --- The advertiser's side (ADV-01..03) -----------------------------------------------------
const brand = { adAccountId: 'adv-glowco', hasActivePaymentMethod: true, hasCreativeLibraryAccess: true };
clock.advance(2 * 3_600_000);
const pasted = `  ${generated.code}\n`; // pasted from a chat, with white space around it
const preview = (await spark.searchCode({ advertiser: brand, code: pasted })).unwrap();
say(`\nGlowCo searches the pasted code and sees "${preview.preview.title}" by ${preview.preview.creatorName} (nothing granted yet).`);
const typo = generated.code.slice(0, 20) + (generated.code[20] === 'x' ? 'y' : 'x') + generated.code.slice(21);
const mistyped = await spark.searchCode({ advertiser: brand, code: typo });
say(`A one-character typo is caught before any lookup: ${mistyped.error.violations[0].code} (API ${toBusinessApiError(mistyped.error).code}).`);
const confirmed = (await spark.confirmCode({ advertiser: brand, code: pasted, userId: 'u-media-buyer' })).unwrap();
say(`GlowCo confirms: the post is in its Spark Ads library (added: ${confirmed.added}).`);
const status1 = (await spark.codeStatus({ codeId: generated.summary.id })).unwrap().status;
say(`Code status: ${status1}`);

// --- Revocation (SPARK-10) ------------------------------------------------------------------
const second = (await spark.generateCode({ creator, video: { ...video, id: 'vid-7302', title: 'Desk yoga' }, periodDays: 7 })).unwrap();
await spark.confirmCode({ advertiser: brand, code: second.code });
const revoked = (await spark.revokeCode({ creatorId: 'tt-dana', codeId: second.summary.id })).unwrap();
const afterRevoke = await spark.confirmCode({ advertiser: { ...brand, adAccountId: 'adv-other' }, code: second.code });
say(`\nDana turns off ad authorization for "Desk yoga": status ${revoked.summary.status}; another brand is told: ${afterRevoke.error.violations[0].message}`);

// --- Expiry (SPARK-11) ----------------------------------------------------------------------
const soon = (await spark.listExpiring({ withinMs: 30 * DAY_MS })).unwrap();
say(`\nCodes expiring within 30 days: ${soon.map((c) => `${c.fingerprint} at ${c.expiresAt.toISOString()}`).join(', ')}`);
clock.set(generated.summary.expiresAt);
const swept = (await spark.expireDue()).unwrap();
const late = await spark.searchCode({ advertiser: brand, code: generated.code });
say(`At ${clock.now().toISOString()} the sweep records ${swept.codes.length} expiry; a search now says: ${late.error.violations[0].message} (API ${toBusinessApiError(late.error).code})`);

const events = await store.readEvents();
say(`\nAudit trail (${events.length} events): ${events.map((e) => e.type).join(', ')}`);
say('No event or record holds a code in the clear:', !JSON.stringify(events).includes(generated.code.slice(1, 30)));

if (json) {
  console.log(JSON.stringify({
    refusedRules: refused.error.violations.map((v) => v.rule),
    codeLength: generated.code.length,
    expiresAt: generated.summary.expiresAt.toISOString(),
    previewTitle: preview.preview.title,
    typoCode: mistyped.error.violations[0].code,
    added: confirmed.added,
    statusAfterConfirm: status1,
    statusAfterRevoke: revoked.summary.status,
    afterRevokeCode: afterRevoke.error.violations[0].code,
    expiringSoon: soon.length,
    swept: swept.length,
    lateApi: toBusinessApiError(late.error),
    events: events.map((e) => e.type),
    codeInEvents: JSON.stringify(events).includes(generated.code.slice(1, 30)),
  }));
}
