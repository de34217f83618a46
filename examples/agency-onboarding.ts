// An agency onboards 50 creators by QR code (BC-02..08, ASSET-05, ASSET-08).
// Run: node examples/support/run.mjs agency-onboarding [--json]
import {
  createBusinessCenterLinks,
  createDeliveryIdentities,
  formatError,
  HOUR_MS,
  manualClock,
  memoryStore,
  seededRandom,
} from 'tiktok-ad-auth';
import type { FormattableError, Result } from 'tiktok-ad-auth';
import type { StartedLinkRequest } from 'tiktok-ad-auth/model';
import type { IdentityContextInput, LinkPermission, TikTokAccountFacts } from 'tiktok-ad-auth/model';

const json = process.argv.includes('--json');
const say = (...args: unknown[]) => {
  if (!json) console.log(...args);
};
/** The value of a result, or a readable error (`formatError`) thrown. */
function ok<T>(result: Result<T, FormattableError>): T {
  if (result.isErr()) throw new Error(formatError(result.error));
  return result.value;
}

const store = memoryStore();
const clock = manualClock(new Date('2026-04-01T09:00:00Z'));
// seededRandom keeps the story reproducible; production uses the default Web Crypto source.
const bc = createBusinessCenterLinks({ store, clock, random: seededRandom(2026) });
const identities = createDeliveryIdentities({ store, clock, random: seededRandom(2027) });

const adAccount = { id: 'adv-spring-campaign', businessCenterId: 'bc-agency' };
const context: IdentityContextInput = {
  businessCenter: { id: 'bc-agency', verified: true },
  member: { userId: 'ops-lead', role: 'ADMIN' },
  adAccount,
  adAccountRole: 'ADMIN',
  objective: 'PRODUCT_SALES',
};
const permissions: LinkPermission[] = ['EXISTING_POSTS', 'PUBLISH_NEW_VIDEOS', 'SHOW_THROUGH_ADS_ONLY'];
const account = (creator: string, isPrivate = false): TikTokAccountFacts => ({
  id: `tt-${creator}`,
  accountType: 'CREATOR',
  isPrivate,
  inAnyBusinessCenter: false,
  displayName: creator,
});

say('The agency "bc-agency" sends 50 creators a QR code each, for the spring campaign ad account.');
const requests: (StartedLinkRequest & { creator: string })[] = [];
for (let i = 1; i <= 50; i++) {
  const started = ok(await identities.linkByQrCode({ context, permissions }));
  requests.push({ creator: `creator-${String(i).padStart(2, '0')}`, ...started });
}
say(`50 QR codes issued, each valid until ${requests[0]?.request.expiresAt.toISOString()} (24 h).`);

// 47 creators scan and approve the same day; creator-48 declines; creator-49 is private;
// creator-50 scans too late.
let approved = 0;
let rejected = 0;
let expired = 0;
for (const r of requests.slice(0, 49)) {
  if (r.creator === 'creator-48') {
    ok(await bc.rejectLinkRequest({ token: r.qrToken, userId: `${r.creator}-phone` }));
    rejected++;
    say(`${r.creator} declined the request.`);
    continue;
  }
  const facts = account(r.creator, r.creator === 'creator-49');
  ok(await bc.approveLinkRequest({ token: r.qrToken, account: facts, userId: `${r.creator}-phone` }));
  approved++;
}
say(
  `${approved} creators scanned and approved: their accounts show "Deliver ads"` +
    ' and are identities of the ad account.',
);
clock.advance(25 * HOUR_MS);
const late = requests[49];
if (late === undefined) throw new Error('50 requests were expected');
const tooLate = await bc.approveLinkRequest({ token: late.qrToken, account: account(late.creator), userId: 'phone' });
if (tooLate.isErr()) {
  expired++;
  say(`${late.creator} scanned after 25 hours: ${formatError(tooLate.error)}`);
}

const list = ok(await identities.listIdentities({ adAccount }));
const available = list.filter((x) => x.available).length;
const unavailable = list.filter((x) => !x.available).map((x) => ({ accountId: x.accountId, status: x.status }));
say(`Identities in ${adAccount.id}: ${list.length}, available for Spark Ads: ${available}.`);
for (const u of unavailable) say(`  ${u.accountId}: ${u.status}`);

const events = await store.readEvents({ after: 0, limit: 10_000 });
const byType: Record<string, number> = {};
for (const e of events) byType[e.type] = (byType[e.type] ?? 0) + 1;
say('Audit trail:', byType);

if (json) {
  console.log(
    JSON.stringify({
      requested: requests.length,
      approved,
      rejected,
      expired,
      linkedAccounts: ok(await bc.listBusinessCenterLinks('bc-agency')).length,
      identities: list.length,
      available,
      unavailable,
      events: byType,
      tokensInEvents: events.some((e) => requests.some((r) => JSON.stringify(e).includes(r.qrToken))),
    }),
  );
}
