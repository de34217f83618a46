// Hitting the 800-account cap of a Business Center (BC-01), sequentially and under concurrency.
// Run: npm run build && node examples/bc-cap.mjs [--json]
import { createBusinessCenterLinks, memoryStore, manualClock, seededRandom } from 'tiktok-ad-auth';

const json = process.argv.includes('--json');
const say = (...a) => { if (!json) console.log(...a); };
const admin = { userId: 'admin', role: 'ADMIN' };
const permissions = ['EXISTING_POSTS', 'PUBLISH_NEW_VIDEOS'];
const account = (id) => ({ id, accountType: 'CREATOR', isPrivate: false, inAnyBusinessCenter: false });

async function linkN(bc, bcId, n, prefix) {
  for (let i = 0; i < n; i++) {
    const s = (await bc.startLinkRequest({ businessCenter: { id: bcId, verified: true }, member: admin, permissionLevel: 'DELIVER_ADS', permissions })).unwrap();
    (await bc.approveLinkRequest({ token: s.qrToken, account: account(`${prefix}-${i}`), userId: 'u' })).unwrap();
  }
}

// 1. One by one up to the cap.
const store = memoryStore();
const bc = createBusinessCenterLinks({ store, clock: manualClock(new Date('2026-06-01T00:00:00Z')), random: seededRandom(800) });
await linkN(bc, 'bc-big', 800, 'tt');
say(`bc-big has ${(await bc.listBusinessCenterLinks('bc-big')).unwrap().length} linked accounts.`);
const extra = (await bc.startLinkRequest({ businessCenter: { id: 'bc-big', verified: true }, member: admin, permissionLevel: 'DELIVER_ADS', permissions })).unwrap();
const refused = await bc.approveLinkRequest({ token: extra.qrToken, account: account('tt-801'), userId: 'u' });
const refusal = refused.isErr() ? refused.error.violations[0] : undefined;
say(`The 801st approval is refused: ${refusal?.rule} ${refusal?.message}`);
const first = (await bc.listBusinessCenterLinks('bc-big')).unwrap()[0];
(await bc.unlink({ businessCenter: { id: 'bc-big', verified: true }, member: admin, linkId: first.id })).unwrap();
const retry = await bc.approveLinkRequest({ token: extra.qrToken, account: account('tt-801'), userId: 'u' });
say(`After unlinking ${first.accountId}, the same QR code (still pending) is approved: ${retry.isOk()}.`);

// 2. 790 links, then 100 creators approve at the same moment.
const store2 = memoryStore();
const bc2 = createBusinessCenterLinks({ store: store2, clock: manualClock(new Date('2026-06-01T00:00:00Z')), random: seededRandom(801) });
await linkN(bc2, 'bc-race', 790, 'seed');
const pending = [];
for (let i = 0; i < 100; i++) pending.push((await bc2.startLinkRequest({ businessCenter: { id: 'bc-race', verified: true }, member: admin, permissionLevel: 'DELIVER_ADS', permissions })).unwrap());
const results = await Promise.all(pending.map((p, i) => bc2.approveLinkRequest({ token: p.qrToken, account: account(`rush-${i}`), userId: 'u' })));
const succeeded = results.filter((r) => r.isOk()).length;
const total = (await bc2.listBusinessCenterLinks('bc-race')).unwrap().length;
say(`100 concurrent approvals on 790 links: ${succeeded} succeed, the Business Center ends with ${total} links.`);

if (json) {
  console.log(JSON.stringify({
    linked: 800, refusedRule: refusal?.rule, refusedCode: refusal?.code, retryAfterUnlink: retry.isOk(),
    afterUnlink: (await bc.listBusinessCenterLinks('bc-big')).unwrap().length,
    concurrent: { attempts: 100, succeeded, total, refusedForCap: results.filter((r) => r.isErr() && r.error.violations.some((v) => v.code === 'bc.business_center_cap_reached')).length },
  }));
}
