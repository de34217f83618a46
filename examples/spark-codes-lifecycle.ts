// A Spark Ads authorization code from start to end, with a manual clock: a creator generates a
// 30-day code, a brand searches and confirms it, a second code is revoked by its creator, and the
// first one expires.
// Run: `npm run demo` (or `node examples/support/run.mjs spark-codes-lifecycle [--json]`).
import { createSparkCodes, DAY_MS, formatError, HOUR_MS, manualClock, memoryStore } from 'tiktok-ad-auth';
import type { FormattableError, Result } from 'tiktok-ad-auth';
import { toBusinessApiError } from 'tiktok-ad-auth/model';
import type { AdvertiserFacts, CreatorFacts, VideoFacts } from 'tiktok-ad-auth/model';

const json = process.argv.includes('--json');
const say = (...args: unknown[]) => {
  if (!json) console.log(...args);
};
/** The value of a result, or a readable error (`formatError`) thrown. */
function ok<T>(result: Result<T, FormattableError>): T {
  if (result.isErr()) throw new Error(formatError(result.error));
  return result.value;
}
/** The error of a result the story expects to fail. */
function refusal(result: Result<unknown, FormattableError>): FormattableError {
  if (result.isOk()) throw new Error('expected a refusal');
  return result.error;
}

const clock = manualClock(new Date('2026-03-01T09:00:00Z'));
const store = memoryStore();
const spark = createSparkCodes({ store, clock, codeSecret: 'example-service-secret-keep-it-out-of-the-db' });

// --- The creator's side (SPARK-01..08) ------------------------------------------------------
const creator: CreatorFacts = {
  id: 'tt-dana',
  displayName: 'Dana Moves',
  accountType: 'CREATOR',
  followerCount: 48_200,
  adAuthorizationEnabled: true,
  adTermsAccepted: true,
};
const video: VideoFacts = {
  id: 'vid-7301',
  ownerId: 'tt-dana',
  visibility: 'PUBLIC',
  isOriginal: true,
  adAuthorizationEnabled: true,
  music: 'COMMERCIAL_MUSIC_LIBRARY',
  title: '5-minute morning stretch',
};

const personal = { ...creator, accountType: 'PERSONAL', followerCount: 900 } as const;
const refused = refusal(await spark.generateCode({ creator: personal, video, periodDays: 45 }));
say('A personal account with 900 followers asking for 45 days is told everything at once:');
for (const v of refused.violations ?? []) say(`  ${v.rule}  ${v.message}`);

const generated = ok(await spark.generateCode({ creator, video, periodDays: 30 }));
say(`\nDana generates a 30-day code at ${clock.now().toISOString()}:\n  ${generated.code}`);
say(`  expires ${generated.summary.expiresAt.toISOString()} (status ${generated.summary.status})`);

// --- The advertiser's side (ADV-01..03) -----------------------------------------------------
const brand: AdvertiserFacts = {
  adAccountId: 'adv-glowco',
  hasActivePaymentMethod: true,
  hasCreativeLibraryAccess: true,
};
clock.advance(2 * HOUR_MS);
const pasted = `  ${generated.code}\n`; // pasted from a chat, with white space around it
const preview = ok(await spark.searchCode({ advertiser: brand, code: pasted }));
say(
  `\nGlowCo searches the pasted code and sees "${preview.preview.title}" by ${preview.preview.creatorName}` +
    ' (nothing granted yet).',
);
const typo = generated.code.slice(0, 20) + (generated.code[20] === 'x' ? 'y' : 'x') + generated.code.slice(21);
const mistyped = refusal(await spark.searchCode({ advertiser: brand, code: typo }));
say(
  `A one-character typo is caught before any lookup: ${formatError(mistyped)}` +
    ` (Business API ${toBusinessApiError(mistyped)?.code})`,
);
const confirmed = ok(await spark.confirmCode({ advertiser: brand, code: pasted, userId: 'u-media-buyer' }));
say(`GlowCo confirms: the post is in its Spark Ads library (added: ${confirmed.added}).`);
const statusAfterConfirm = ok(await spark.codeStatus({ codeId: generated.summary.id })).status;
say(`Code status: ${statusAfterConfirm}`);

// --- Revocation (SPARK-10) ------------------------------------------------------------------
const desk = { ...video, id: 'vid-7302', title: 'Desk yoga' };
const second = ok(await spark.generateCode({ creator, video: desk, periodDays: 7 }));
ok(await spark.confirmCode({ advertiser: brand, code: second.code }));
const revoked = ok(await spark.revokeCode({ creatorId: 'tt-dana', codeId: second.summary.id }));
const otherBrand = { ...brand, adAccountId: 'adv-other' };
const afterRevoke = refusal(await spark.confirmCode({ advertiser: otherBrand, code: second.code }));
say(
  `\nDana turns off ad authorization for "Desk yoga": status ${revoked.summary.status}; another brand is told:` +
    `\n  ${formatError(afterRevoke)}`,
);

// --- Expiry (SPARK-11) ----------------------------------------------------------------------
const soon = ok(await spark.listExpiring({ withinMs: 30 * DAY_MS }));
const expiring = soon.map((c) => `${c.fingerprint} at ${c.expiresAt.toISOString()}`);
say(`\nCodes expiring within 30 days: ${expiring.join(', ')}`);
clock.set(generated.summary.expiresAt);
const swept = ok(await spark.expireDue());
const late = refusal(await spark.searchCode({ advertiser: brand, code: generated.code }));
say(
  `At ${clock.now().toISOString()} the sweep records ${swept.codes.length} expiry; a search now says:` +
    `\n  ${formatError(late)} (Business API ${toBusinessApiError(late)?.code})`,
);

const events = await store.readEvents();
say(`\nAudit trail (${events.length} events): ${events.map((e) => e.type).join(', ')}`);
const codeInEvents = JSON.stringify(events).includes(generated.code.slice(1, 30));
say('No event or record holds a code in the clear:', !codeInEvents);

if (json) {
  console.log(
    JSON.stringify({
      refusedRules: (refused.violations ?? []).map((v) => v.rule),
      codeLength: generated.code.length,
      expiresAt: generated.summary.expiresAt.toISOString(),
      previewTitle: preview.preview.title,
      typoCode: mistyped.violations?.[0]?.code,
      added: confirmed.added,
      statusAfterConfirm,
      statusAfterRevoke: revoked.summary.status,
      afterRevokeCode: afterRevoke.violations?.[0]?.code,
      expiringSoon: soon.length,
      swept: swept.codes.length,
      lateApi: toBusinessApiError(late),
      events: events.map((e) => e.type),
      codeInEvents,
    }),
  );
}
