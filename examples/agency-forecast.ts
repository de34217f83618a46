// An agency checks, before launch, which ads are scheduled to run past their creator's
// authorization: the money it would otherwise lose when the ads stop mid-flight (ADV-06).
// Run: node examples/support/run.mjs agency-forecast [--json]
import {
  createAds,
  createSparkCodes,
  DAY_MS,
  formatError,
  manualClock,
  memoryStore,
  seededRandom,
} from 'tiktok-ad-auth';
import type { FormattableError, Result } from 'tiktok-ad-auth';
import type { AdCodeSummary, AdView } from 'tiktok-ad-auth/model';
import type { AdvertiserFacts, CampaignFacts, CreatorFacts, VideoFacts } from 'tiktok-ad-auth/model';

const json = process.argv.includes('--json');
const say = (...args: unknown[]) => {
  if (!json) console.log(...args);
};
const day = (d: Date) => d.toISOString().slice(0, 10);
/** The value of a result, or a readable error (`formatError`) thrown. */
function ok<T>(result: Result<T, FormattableError>): T {
  if (result.isErr()) throw new Error(formatError(result.error));
  return result.value;
}

const store = memoryStore();
const clock = manualClock(new Date('2026-05-01T09:00:00Z'));
const random = seededRandom(7);
const spark = createSparkCodes({ store, clock, random, codeSecret: 'example-secret-of-at-least-32-chars!!' });
const ads = createAds({ store, clock, random });
const agency: AdvertiserFacts = {
  adAccountId: 'agency-acc',
  hasActivePaymentMethod: true,
  hasCreativeLibraryAccess: true,
};

// Two creators send codes: Maya for 7 days, Theo for 30.
async function creatorCode(id: string, name: string, periodDays: number): Promise<AdCodeSummary> {
  const creator: CreatorFacts = {
    id,
    displayName: name,
    accountType: 'CREATOR',
    followerCount: 80_000,
    adAuthorizationEnabled: true,
    adTermsAccepted: true,
  };
  const video: VideoFacts = {
    id: `${id}-video`,
    ownerId: id,
    visibility: 'PUBLIC',
    isOriginal: true,
    adAuthorizationEnabled: true,
    music: 'ORIGINAL',
    title: `${name}'s review`,
  };
  const generated = ok(await spark.generateCode({ creator, video, periodDays }));
  ok(await spark.confirmCode({ advertiser: agency, code: generated.code }));
  say(`${name} authorized a post for ${periodDays} days: until ${day(generated.summary.expiresAt)}`);
  return generated.summary;
}
const maya = await creatorCode('maya', 'Maya', 7);
const theo = await creatorCode('theo', 'Theo', 30);

const campaign: CampaignFacts = {
  campaignId: 'summer',
  objective: 'VIDEO_VIEWS',
  placements: ['TIKTOK'],
  campaignType: 'MANUAL',
};
const plan = [
  { name: 'Maya — two-week flight', code: maya, days: 14 },
  { name: 'Maya — launch weekend', code: maya, days: 3 },
  { name: 'Theo — always on', code: theo, days: undefined },
  { name: 'Theo — 3 weeks', code: theo, days: 21 },
];
const created: AdView[] = [];
for (const p of plan) {
  const startAt = clock.now();
  const endAt = p.days === undefined ? undefined : new Date(startAt.getTime() + p.days * DAY_MS);
  const schedule = endAt === undefined ? { startAt } : { startAt, endAt };
  const identity = { type: 'AUTH_CODE', codeId: p.code.id } as const;
  created.push(ok(await ads.createAd({ adAccountId: agency.adAccountId, name: p.name, campaign, schedule, identity })));
}

// Before launch: what will stop early, and what expires within 10 days?
const forecast = ok(await ads.forecast({ adAccountId: agency.adAccountId, withinMs: 10 * DAY_MS }));
say('\nForecast (schedule past the authorization, or expiring within 10 days):');
for (const f of forecast) {
  const lost = f.lostMs === undefined ? 'open-ended' : `${Math.round(f.lostMs / DAY_MS)} scheduled day(s) lost`;
  const why = f.runsPastAuthorization
    ? `runs past its authorization (${lost})`
    : 'fits, but its authorization expires within 10 days';
  say(`  ${f.name.padEnd(26)} stops ${day(f.stopsAt)}  ${why}`);
}

// Launch everything; then watch Maya's code run out.
for (const ad of created) {
  const ref = { adAccountId: agency.adAccountId, adId: ad.id };
  ok(await ads.submit(ref));
  ok(await ads.review({ ...ref, approved: true }));
  ok(await ads.start(ref));
}
clock.set(maya.expiresAt);
const firstAd = created[0];
if (firstAd === undefined) throw new Error('no ad was created');
const atExpiry = ok(await ads.getAd({ adAccountId: agency.adAccountId, adId: firstAd.id }));
say(
  `\nOn ${day(maya.expiresAt)} "${atExpiry.name}" reads ${atExpiry.status} (${atExpiry.statusReason})` +
    ' even before the sweep runs.',
);
const swept = ok(await spark.expireDue());
say(
  `The sweep records it: ${swept.codes.length} code expired, ${swept.stoppedAds.length} ads stopped` +
    ' (one ads.stopped event each).',
);

if (json) {
  console.log(
    JSON.stringify({
      flagged: forecast.map((f) => ({
        name: f.name,
        stopsAt: f.stopsAt.toISOString(),
        runsPast: f.runsPastAuthorization,
        lostDays: f.lostMs === undefined ? null : f.lostMs / DAY_MS,
      })),
      statusAtExpiry: atExpiry.status,
      reasonAtExpiry: atExpiry.statusReason,
      derived: atExpiry.derived,
      sweptCodes: swept.codes.length,
      stoppedAds: swept.stoppedAds.length,
    }),
  );
}
