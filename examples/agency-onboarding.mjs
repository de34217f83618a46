// An agency onboards 50 creators by QR code (BC-02..08, ASSET-05, ASSET-08).
// Run: npm run build && node examples/agency-onboarding.mjs [--json]
import { createBusinessCenterLinks, createDeliveryIdentities, manualClock, memoryStore, seededRandom, HOUR_MS } from 'tiktok-ad-auth';

const json = process.argv.includes('--json');
const say = (...a) => { if (!json) console.log(...a); };

const store = memoryStore();
const clock = manualClock(new Date('2026-04-01T09:00:00Z'));
// seededRandom keeps the story reproducible; production uses the default Web Crypto source.
const bc = createBusinessCenterLinks({ store, clock, random: seededRandom(2026) });
const identities = createDeliveryIdentities({ store, clock, random: seededRandom(2027) });

const agency = { id: 'bc-agency', verified: true };
const admin = { userId: 'ops-lead', role: 'ADMIN' };
const adAccount = { id: 'adv-spring-campaign', businessCenterId: 'bc-agency' };
const context = { businessCenter: agency, member: admin, adAccount, adAccountRole: 'ADMIN', objective: 'PRODUCT_SALES' };
const permissions = ['EXISTING_POSTS', 'PUBLISH_NEW_VIDEOS', 'SHOW_THROUGH_ADS_ONLY'];

say('The agency "bc-agency" sends 50 creators a QR code each, for the spring campaign ad account.');
const requests = [];
for (let i = 1; i <= 50; i++) {
  const started = (await identities.linkByQrCode({ context, permissions })).unwrap();
  requests.push({ creator: `creator-${String(i).padStart(2, '0')}`, ...started });
}
say(`50 QR codes issued, each valid until ${requests[0].request.expiresAt.toISOString()} (24 h).`);

// 47 creators scan and approve the same day; creator-48 declines; creator-49 is private; creator-50 scans too late.
let approved = 0, rejected = 0, expired = 0;
for (const r of requests.slice(0, 49)) {
  if (r.creator === 'creator-48') {
    (await bc.rejectLinkRequest({ token: r.qrToken, userId: `${r.creator}-phone` })).unwrap();
    rejected++;
    say(`${r.creator} declined the request.`);
    continue;
  }
  const account = { id: `tt-${r.creator}`, accountType: 'CREATOR', isPrivate: r.creator === 'creator-49', inAnyBusinessCenter: false, displayName: r.creator };
  (await bc.approveLinkRequest({ token: r.qrToken, account, userId: `${r.creator}-phone` })).unwrap();
  approved++;
}
say(`${approved} creators scanned and approved: their accounts show "Deliver ads" and are identities of the ad account.`);
clock.advance(25 * HOUR_MS);
const late = requests[49];
const tooLate = await bc.approveLinkRequest({ token: late.qrToken, account: { id: 'tt-creator-50', accountType: 'CREATOR', isPrivate: false, inAnyBusinessCenter: false }, userId: 'creator-50-phone' });
if (tooLate.isErr()) {
  expired++;
  say(`${late.creator} scanned after 25 hours: ${tooLate.error.violations[0].message}`);
}

const list = (await identities.listIdentities({ adAccount })).unwrap();
const available = list.filter((x) => x.available).length;
const unavailable = list.filter((x) => !x.available).map((x) => ({ accountId: x.accountId, status: x.status }));
say(`Identities in ${adAccount.id}: ${list.length}, available for Spark Ads: ${available}.`);
for (const u of unavailable) say(`  ${u.accountId}: ${u.status}`);

const events = await store.readEvents({ after: 0, limit: 10_000 });
const byType = {};
for (const e of events) byType[e.type] = (byType[e.type] ?? 0) + 1;
say('Audit trail:', byType);

if (json) {
  console.log(JSON.stringify({
    requested: requests.length, approved, rejected, expired,
    linkedAccounts: (await bc.listBusinessCenterLinks('bc-agency')).unwrap().length,
    identities: list.length, available, unavailable, events: byType,
    tokensInEvents: events.some((e) => requests.some((r) => JSON.stringify(e).includes(r.qrToken))),
  }));
}
