// An agency's quarter with one creator: it requests her video instead of waiting for a code,
// runs an ad on it, gets reminded before the authorization ends, has it extended, and sees the
// ad stop when the extended authorization finally ends (REQ-01..04, REM-01, EXT-01, ADV-06).
// Run: node examples/support/run.mjs agency-quarter [--json]
import {
  createAds,
  createBrandRequests,
  createExtensions,
  createSparkCodes,
  DAY_MS,
  formatError,
  manualClock,
  memoryStore,
  seededRandom,
} from 'tiktok-ad-auth';
import type { FormattableError, Result } from 'tiktok-ad-auth';
import type { CampaignFacts, CreatorFacts, VideoFacts } from 'tiktok-ad-auth/model';

const json = process.argv.includes('--json');
const lines: string[] = [];
const say = (line: string) => {
  lines.push(line);
  if (!json) console.log(line);
};
const day = (d: Date) => d.toISOString().slice(0, 10);
/** The value of a result, or a readable error (`formatError`) thrown. */
function ok<T>(result: Result<T, FormattableError>): T {
  if (result.isErr()) throw new Error(formatError(result.error));
  return result.value;
}

const store = memoryStore();
const clock = manualClock(new Date('2026-04-01T09:00:00Z'));
const random = seededRandom(11);
const options = { store, clock, random };
const spark = createSparkCodes({ ...options, codeSecret: 'example-secret-of-at-least-32-chars!!' });
const ads = createAds(options);
const requests = createBrandRequests(options);
const extensions = createExtensions(options);

const agency = 'agency-q2';
const maya: CreatorFacts = {
  id: 'maya',
  displayName: 'Maya',
  accountType: 'CREATOR',
  followerCount: 80_000,
  adAuthorizationEnabled: true,
  adTermsAccepted: true,
};
const review: VideoFacts = {
  id: 'maya-review',
  ownerId: 'maya',
  visibility: 'PUBLIC',
  isOriginal: true,
  adAuthorizationEnabled: true,
  music: 'ORIGINAL',
  title: "Maya's serum review",
};

// 1. The agency asks Maya for her review, for 30 days (REQ-01).
const sent = ok(
  await requests.requestAuthorization({
    advertiser: { adAccountId: agency },
    creatorId: maya.id,
    videoId: review.id,
    periodDays: 30,
    note: 'Q2 serum campaign',
  }),
);
say(`${day(clock.now())} request sent: ${sent.status}, answer by ${day(sent.expiresAt)}`);

// 2. Maya accepts the next day: an authorization for this ad account only, no code (REQ-03).
clock.advance(DAY_MS);
const { authorization } = ok(
  await requests.acceptRequest({ creatorId: maya.id, requestId: sent.id, creator: maya, video: review }),
);
say(
  `${day(clock.now())} Maya accepted: authorized until ${day(authorization.expiresAt)} ` +
    `(origin ${authorization.origin})`,
);

// 3. The agency runs an ad on the post.
const campaign: CampaignFacts = {
  campaignId: 'q2-serum',
  objective: 'VIDEO_VIEWS',
  placements: ['TIKTOK'],
  campaignType: 'MANUAL',
};
const ad = ok(
  await ads.createAd({
    adAccountId: agency,
    name: 'Q2 serum',
    campaign,
    schedule: { startAt: clock.now() },
    identity: { type: 'AUTH_CODE', codeId: authorization.id },
  }),
);
const ref = { adAccountId: agency, adId: ad.id };
ok(await ads.submit(ref));
ok(await ads.review({ ...ref, approved: true }));
ok(await ads.start(ref));
say(`${day(clock.now())} ad "${ad.name}" is ${ok(await ads.getAd(ref)).status}`);

// 4. A week before the end, the reminders are due: Maya and the agency are told (REM-01).
clock.set(new Date(authorization.expiresAt.getTime() - 7 * DAY_MS));
const reminders = ok(await extensions.remindDue());
for (const r of reminders) say(`${day(clock.now())} reminder to ${r.recipient.kind} ${r.recipient.id}: ${r.message}`);

// 5. Maya extends by 30 days: the ad keeps running, nothing to confirm again (EXT-01).
const extended = ok(
  await extensions.extendAuthorization({ creatorId: maya.id, codeId: authorization.id, periodDays: 30 }),
);
const afterExtension = ok(await ads.getAd(ref)).status;
say(`${day(clock.now())} extended to ${day(extended.newEnd)}; the ad is still ${afterExtension}`);

// 6. The extended authorization ends: the sweep stops the ad (SPARK-11, ADV-06).
clock.set(extended.newEnd);
const swept = ok(await spark.expireDue());
const stopped = ok(await ads.getAd(ref));
say(
  `${day(clock.now())} authorization ended: ad ${stopped.status} (${stopped.statusReason}), ` +
    `${swept.stoppedAds.length} stopped`,
);

// 7. Maya's ledger: every authorization she granted, and who used it (REQ-04).
const ledger = ok(await requests.creatorLedger({ creatorId: maya.id }));
for (const e of ledger.entries) {
  say(
    `ledger: ${e.origin} ${e.status}, ${e.periodDays} days + ${e.extensions} extension(s), ends ${day(e.endsAt)}, ` +
      `${e.adAccounts.length} ad account(s), ads created ${e.ads.created}, stopped ${e.ads.stopped}`,
  );
}

if (json) {
  console.log(
    JSON.stringify({
      lines,
      requestStatus: sent.status,
      origin: authorization.origin,
      firstEnd: authorization.expiresAt.toISOString(),
      reminders: reminders.map((r) => ({ to: r.recipient.kind, message: r.message })),
      newEnd: extended.newEnd.toISOString(),
      afterExtension,
      finalStatus: stopped.status,
      finalReason: stopped.statusReason,
      ledger: ledger.entries.map((e) => ({
        origin: e.origin,
        status: e.status,
        extensions: e.extensions,
        adAccounts: e.adAccounts.length,
        ads: e.ads,
      })),
    }),
  );
}
