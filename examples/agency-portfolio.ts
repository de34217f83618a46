// An agency's quarter with codes TikTok issued: it registers them from recorded Business API
// answers, runs ads on them, forecasts what ends within 90 days across its ad accounts (page by
// page), then batches the renewals: a newer API answer moves one end, fresh codes are confirmed
// in one batch with idempotency keys, and a retried batch applies nothing twice
// (AG-01..03, API-01, POR-01, BAT-01, ADV-06).
// Run: node examples/support/run.mjs agency-portfolio [--json]
import {
  createAds,
  createPortfolio,
  createRegistry,
  createSparkCodes,
  DAY_MS,
  formatError,
  manualClock,
  memoryStore,
  seededRandom,
} from 'tiktok-ad-auth';
import type { FormattableError, Result } from 'tiktok-ad-auth';
import { fromBusinessApiError, parseAuthCodeInfo, toBusinessApiError } from 'tiktok-ad-auth/business-api';
import type { AdView, AdvertiserFacts, CampaignFacts, CreatorFacts, VideoFacts } from 'tiktok-ad-auth/model';

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
const clock = manualClock(new Date('2026-10-01T09:00:00Z'));
const random = seededRandom(14);
const options = { store, clock, random };
const registry = createRegistry(options);
const spark = createSparkCodes({ ...options, codeSecret: 'example-secret-of-at-least-32-chars!!' });
const ads = createAds(options);
const portfolio = createPortfolio(options);

const us: AdvertiserFacts = { adAccountId: 'agency-us', hasActivePaymentMethod: true, hasCreativeLibraryAccess: true };
const eu = 'agency-eu';

// What GET /open_api/v1.3/tt_video/info/ answered for each code the creators sent (recorded:
// the shape of test/fixtures/business-api/tt-video-info.response.json; times in UTC+0).
type Answer = Record<string, unknown>;
function recorded(itemId: string, text: string, creator: [string, string], start: string, end: string): Answer {
  const [identityId, name] = creator;
  return {
    code: 0,
    message: 'OK',
    request_id: `20261001-${itemId.slice(-4)}`,
    data: {
      item_info: { item_id: itemId, text, status: 'HESITATE_RECOMMEND' },
      auth_info: { ad_auth_status: 'AUTHORIZED', auth_start_time: start, auth_end_time: end },
      user_info: { identity_id: identityId, identity_type: 'AUTH_CODE', tiktok_name: name },
      video_info: { poster_url: `https://example.invalid/${itemId}.jpeg` },
    },
  };
}
const received = [
  {
    adAccountId: us.adAccountId,
    code: '#s63DdePaj9HjSv2BPcSrDfTxU2X506b2oiwchQ9PIspTLgroZKtjN7PPiFnF+qA=',
    answer: recorded(
      '7301234567890123456',
      'Autumn lookbook, part 2',
      ['7209876543210987654', 'Dana'],
      '2026-10-01 00:00:00',
      '2026-10-31 00:00:00',
    ),
  },
  {
    adAccountId: us.adAccountId,
    code: '#m5UWEZXEibPEQEvhPBJSRstALNrdFG6prA8PgokOyYGEuIs1WOe3RePHqd9fZxo=',
    answer: recorded(
      '7301234567890120002',
      'Trail shoes, 100 km later',
      ['7209876543210980002', 'Ivo'],
      '2026-09-15 00:00:00',
      '2026-11-20 00:00:00',
    ),
  },
  {
    adAccountId: us.adAccountId,
    code: '#8D1O7R8pSbPQnSwzB0T01yIa/xMnhwLlyVxigbZD+eoLvq77vG3csE43OmqqNi4=',
    answer: recorded(
      '7301234567890120003',
      'Winter coat haul',
      ['7209876543210980003', 'Rosa'],
      '2026-10-01 00:00:00',
      '2026-12-20 00:00:00',
    ),
  },
  {
    adAccountId: eu,
    code: '#fSGvE02yCZXuDBbNwFcDQO9FuvB5g63jeqzbjaOALn7Cz7hnrEn12LkB7r+2+Ck=',
    answer: recorded(
      '7301234567890120004',
      'Gift guide',
      ['7209876543210980004', 'Kai'],
      '2026-10-01 00:00:00',
      '2027-02-01 00:00:00',
    ),
  },
];

// 1. Register each code with the facts of its answer (AG-01, API-01).
const codeIds = new Map<string, string>(); // creator name → authorization id
for (const r of received) {
  const facts = ok(parseAuthCodeInfo(r.answer, { checkedAt: clock.now() }));
  const { summary } = ok(await registry.registerCode({ adAccountId: r.adAccountId, code: r.code, facts }));
  codeIds.set(facts.creatorName ?? facts.creatorId, summary.id);
  say(
    `${day(clock.now())} registered ${facts.creatorName}'s code in ${r.adAccountId}: "${facts.title}", ` +
      `${summary.origin} ${summary.status} until ${day(summary.expiresAt)}`,
  );
}
// Lou's code: the Business API answered with an error; the parser and the table explain it.
const louAnswer = { code: 4025, message: 'auth_code_expired', request_id: '20261001-0005', data: {} };
const lou = parseAuthCodeInfo(louAnswer, { checkedAt: clock.now() });
if (lou.isOk() || lou.error.code !== 'business_api.refused') throw new Error('expected a refusal');
const louInfo = fromBusinessApiError(louAnswer);
say(
  `${day(clock.now())} Lou's code not registered: ${lou.error.apiCode} ${lou.error.apiMessage}, "${louInfo?.meaning}"`,
);
say(`  what to do: ${louInfo?.action} (library: ${louInfo?.violationCodes.join(', ')})`);

// 2. Ads on the registered codes, submitted, approved and started.
const campaign: CampaignFacts = {
  campaignId: 'q4',
  objective: 'VIDEO_VIEWS',
  placements: ['TIKTOK'],
  campaignType: 'MANUAL',
};
let adsStarted = 0;
async function runAd(adAccountId: string, name: string, creator: string, days?: number): Promise<AdView> {
  const codeId = codeIds.get(creator);
  if (codeId === undefined) throw new Error(`no code of ${creator}`);
  const startAt = clock.now();
  const schedule = days === undefined ? { startAt } : { startAt, endAt: new Date(startAt.getTime() + days * DAY_MS) };
  const identity = { type: 'AUTH_CODE', codeId } as const;
  const ad = ok(await ads.createAd({ adAccountId, name, campaign, schedule, identity }));
  const ref = { adAccountId, adId: ad.id };
  ok(await ads.submit(ref));
  ok(await ads.review({ ...ref, approved: true }));
  adsStarted += 1;
  return ok(await ads.start(ref));
}
const danaAds = [
  await runAd(us.adAccountId, 'Dana — lookbook always on', 'Dana'),
  await runAd(us.adAccountId, 'Dana — autumn flight', 'Dana', 60),
];
const ivoAd = await runAd(us.adAccountId, 'Ivo — trail flight', 'Ivo', 75);
await runAd(us.adAccountId, 'Rosa — coat haul', 'Rosa', 30);
await runAd(eu, 'Kai — gift guide', 'Kai', 84);
say(`${day(clock.now())} ${adsStarted} ads running`);

// 3. The quarter: what ends within 90 days across both ad accounts, soonest first, two per page (POR-01).
const scope = { adAccountIds: [us.adAccountId, eu] };
const forecastPages: string[][] = [];
let cursor: string | undefined;
do {
  const page = ok(await portfolio.endingSoon({ scope, within: { days: 90 }, limit: 2, ...(cursor ? { cursor } : {}) }));
  say(`Ending within 90 days, page ${forecastPages.length + 1}:`);
  forecastPages.push(page.items.map((i) => i.preview.creatorName));
  for (const item of page.items) {
    // An ad is at risk when the end stops it: Rosa's 30-day flight ends before her code does.
    const atRisk = item.adsAtRisk.map((a) => a.name).sort();
    say(
      `  ${day(item.expiresAt)} ${item.preview.creatorName} (${item.origin}) in ${item.adAccountIds.join(', ')}: ` +
        `${atRisk.length} ad(s) at risk${atRisk.length > 0 ? `: ${atRisk.join('; ')}` : ''}`,
    );
  }
  cursor = page.nextCursor;
} while (cursor !== undefined);
// The ads whose schedule outruns their authorization (ADV-06).
const forecast = ok(await ads.forecast({ adAccountId: us.adAccountId, withinMs: 90 * DAY_MS }));
const pastAuthorization = forecast
  .filter((f) => f.runsPastAuthorization)
  .sort((a, b) => a.stopsAt.getTime() - b.stopsAt.getTime() || a.name.localeCompare(b.name));
for (const f of pastAuthorization) {
  const lost = f.lostMs === undefined ? 'open-ended' : `${Math.round(f.lostMs / DAY_MS)} scheduled day(s) lost`;
  say(`  forecast: "${f.name}" stops ${day(f.stopsAt)} (${lost})`);
}

// 4. Renewals, three weeks later.
clock.set(new Date('2026-10-20T09:00:00Z'));
// Dana extended on TikTok: a newer tt_video/info answer moves the end, and the ads with it (AG-02).
const danaNewer = recorded(
  '7301234567890123456',
  'Autumn lookbook, part 2',
  ['7209876543210987654', 'Dana'],
  '2026-10-01 00:00:00',
  '2026-12-31 00:00:00',
);
const danaId = codeIds.get('Dana') ?? '';
const refreshed = ok(
  await registry.refreshCode({
    adAccountId: us.adAccountId,
    codeId: danaId,
    facts: ok(parseAuthCodeInfo(danaNewer, { checkedAt: clock.now() })),
  }),
);
say(
  `${day(clock.now())} Dana extended on TikTok: ends ${day(refreshed.summary.expiresAt)}, ` +
    `${refreshed.movedAds.length} ad(s) moved with it`,
);
// The first answer again is older than the one held: refused, nothing changes.
const stale = await registry.refreshCode({
  adAccountId: us.adAccountId,
  codeId: danaId,
  facts: ok(parseAuthCodeInfo(received[0]?.answer, { checkedAt: new Date('2026-10-01T09:00:00Z') })),
});
const staleCode = stale.isErr() && stale.error.code === 'denied' ? stale.error.violations[0].code : 'applied';
say(`${day(clock.now())} the older answer again: ${staleCode}`);

// Ivo and Rosa renew through the agency's creator portal, which issues codes with this library.
async function renewal(creatorId: string, name: string, videoId: string): Promise<string> {
  const creator: CreatorFacts = {
    id: creatorId,
    displayName: name,
    accountType: 'CREATOR',
    followerCount: 50_000,
    adAuthorizationEnabled: true,
    adTermsAccepted: true,
  };
  const video: VideoFacts = {
    id: videoId,
    ownerId: creatorId,
    visibility: 'PUBLIC',
    isOriginal: true,
    adAuthorizationEnabled: true,
    music: 'ORIGINAL',
  };
  const generated = ok(await spark.generateCode({ creator, video, periodDays: 60 }));
  say(`${day(clock.now())} ${name} issued a renewal code until ${day(generated.summary.expiresAt)}`);
  return generated.code;
}
const ivoRenewal = await renewal('7209876543210980002', 'Ivo', '7301234567890120002');
const rosaRenewal = await renewal('7209876543210980003', 'Rosa', '7301234567890120003');
// An account manager confirmed Rosa's by hand already.
ok(await spark.confirmCode({ advertiser: us, code: rosaRenewal }));

// One batch, one idempotency key per item (BAT-01). Mina's code is one TikTok issued, pasted here by
// mistake: it is refused (TikTok codes are registered), and the other items are applied all the same.
const items = [
  { code: ivoRenewal, idempotencyKey: 'renewals-oct-1' },
  { code: '#28hxWhraH/MfM4vZ1qm0OwxmjrXiOGz7Tv2tiVbirD3Q+822luSBu0nt5jAjnwg=', idempotencyKey: 'renewals-oct-2' },
  { code: rosaRenewal, idempotencyKey: 'renewals-oct-3' },
];
const batch = ok(await spark.confirmCodes({ advertiser: us, items }));
say(`${day(clock.now())} batch: ${batch.map((r) => `${r.idempotencyKey} ${r.result}`).join(', ')}`);
for (const r of batch) {
  if (r.result !== 'refused' || r.error === undefined) continue;
  const api = toBusinessApiError(r.error);
  const codes = r.error.code === 'denied' ? r.error.violations.map((v) => v.code).join(', ') : r.error.code;
  say(`  ${r.idempotencyKey} refused: ${codes} (Business API: ${api?.code ?? '—'} ${api?.name ?? ''})`);
}
// The network dropped the answer: the same batch again applies nothing twice.
const retried = ok(await spark.confirmCodes({ advertiser: us, items }));
say(`${day(clock.now())} batch retried: ${retried.map((r) => (r.replayed ? 'replayed' : r.result)).join(', ')}`);

// The renewal is a new authorization: ads stay on their own code, so Ivo's flight goes on a new ad.
const ivoEntry = batch[0]?.entry;
if (ivoEntry === undefined) throw new Error("Ivo's renewal was not applied");
codeIds.set('Ivo (renewal)', ivoEntry.codeId);
const renewedAd = await runAd(us.adAccountId, 'Ivo — renewed flight', 'Ivo (renewal)', 55);
say(`${day(clock.now())} "${renewedAd.name}" is ${renewedAd.status} on the renewal`);

// 5. Ivo's first code ends: the sweep stops the ad still on it; Dana's ads run on (ADV-06).
clock.set(new Date('2026-11-20T00:00:00Z'));
const swept = ok(await spark.expireDue());
const stopped = ok(await ads.getAd({ adAccountId: us.adAccountId, adId: ivoAd.id }));
const danaNow = await Promise.all(
  danaAds.map(async (a) => ok(await ads.getAd({ adAccountId: us.adAccountId, adId: a.id }))),
);
say(
  `${day(clock.now())} sweep: ${swept.codes.length} code ended, ${swept.stoppedAds.length} ad stopped ` +
    `("${stopped.name}" ${stopped.status}, ${stopped.statusReason}); ` +
    `Dana's ads: ${danaNow.map((a) => a.status).join(', ')}`,
);

if (json) {
  console.log(
    JSON.stringify({
      lines,
      forecastPages,
      louViolationCodes: louInfo?.violationCodes ?? [],
      danaEnd: refreshed.summary.expiresAt.toISOString(),
      batch: batch.map((r) => r.result),
      retried: retried.map((r) => ({ result: r.result, replayed: r.replayed ?? false })),
      finalIvoStatus: stopped.status,
    }),
  );
}
