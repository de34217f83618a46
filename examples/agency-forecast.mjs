// An agency checks, before launch, which ads are scheduled to run past their creator's
// authorization — the money it would otherwise lose when the ads stop mid-flight.
// Run: npm run build && node examples/agency-forecast.mjs [--json]
import { createAds, createSparkCodes, DAY_MS, manualClock, memoryStore, seededRandom } from 'tiktok-ad-auth';

const json = process.argv.includes('--json');
const log = (...a) => { if (!json) console.log(...a); };
const day = (d) => d.toISOString().slice(0, 10);

const store = memoryStore();
const clock = manualClock(new Date('2026-05-01T09:00:00Z'));
const random = seededRandom(7);
const spark = createSparkCodes({ store, clock, random, codeSecret: 'example-secret-of-at-least-32-chars!!' });
const ads = createAds({ store, clock, random });
const agency = { adAccountId: 'agency-acc', hasActivePaymentMethod: true, hasCreativeLibraryAccess: true };

// Two creators send codes: Maya for 7 days, Theo for 30.
async function creatorCode(id, name, periodDays) {
  const creator = { id, displayName: name, accountType: 'CREATOR', followerCount: 80_000, adAuthorizationEnabled: true, adTermsAccepted: true };
  const video = { id: `${id}-video`, ownerId: id, visibility: 'PUBLIC', isOriginal: true, adAuthorizationEnabled: true, music: 'ORIGINAL', title: `${name}'s review` };
  const g = (await spark.generateCode({ creator, video, periodDays })).unwrap();
  (await spark.confirmCode({ advertiser: agency, code: g.code })).unwrap();
  log(`${name} authorized a post for ${periodDays} days: until ${day(g.summary.expiresAt)}`);
  return g.summary;
}
const maya = await creatorCode('maya', 'Maya', 7);
const theo = await creatorCode('theo', 'Theo', 30);

const campaign = { campaignId: 'summer', objective: 'VIDEO_VIEWS', placements: ['TIKTOK'], campaignType: 'MANUAL' };
const plan = [
  { name: 'Maya — two-week flight', code: maya, days: 14 },
  { name: 'Maya — launch weekend', code: maya, days: 3 },
  { name: 'Theo — always on', code: theo, days: undefined },
  { name: 'Theo — 3 weeks', code: theo, days: 21 },
];
const created = [];
for (const p of plan) {
  const schedule = { startAt: clock.now(), ...(p.days ? { endAt: new Date(clock.now().getTime() + p.days * DAY_MS) } : {}) };
  const ad = (await ads.createAd({ adAccountId: agency.adAccountId, name: p.name, campaign, schedule, identity: { type: 'AUTH_CODE', codeId: p.code.id } })).unwrap();
  created.push(ad);
}

// Before launch: what will stop early, and what expires this week?
const forecast = (await ads.forecast({ adAccountId: agency.adAccountId, withinMs: 10 * DAY_MS })).unwrap();
log('\nForecast (schedule past the authorization, or expiring within 10 days):');
for (const f of forecast) {
  const lost = f.lostMs === undefined ? 'open-ended' : `${Math.round(f.lostMs / DAY_MS)} scheduled day(s) lost`;
  log(`  ${f.name.padEnd(26)} stops ${day(f.stopsAt)}  ${f.runsPastAuthorization ? `runs past its authorization (${lost})` : 'fits, but its authorization expires within 10 days'}`);
}

// Launch everything that fits; then watch Maya's code run out.
for (const ad of created) {
  const ref = { adAccountId: agency.adAccountId, adId: ad.id };
  (await ads.submit(ref)).unwrap();
  (await ads.review({ ...ref, approved: true })).unwrap();
  (await ads.start(ref)).unwrap();
}
clock.set(maya.expiresAt);
const atExpiry = (await ads.getAd({ adAccountId: agency.adAccountId, adId: created[0].id })).unwrap();
log(`\nOn ${day(maya.expiresAt)} "${atExpiry.name}" reads ${atExpiry.status} (${atExpiry.statusReason}) even before the sweep runs.`);
const swept = (await spark.expireDue()).unwrap();
log(`The sweep records it: ${swept.codes.length} code expired, ${swept.stoppedAds.length} ads stopped (one ads.stopped event each).`);

if (json) {
  console.log(JSON.stringify({
    flagged: forecast.map((f) => ({ name: f.name, stopsAt: f.stopsAt.toISOString(), runsPast: f.runsPastAuthorization, lostDays: f.lostMs === undefined ? null : f.lostMs / DAY_MS })),
    statusAtExpiry: atExpiry.status, reasonAtExpiry: atExpiry.statusReason, derived: atExpiry.derived,
    sweptCodes: swept.codes.length, stoppedAds: swept.stoppedAds.length,
  }));
}
