// Hitting the 800-account cap of a Business Center (BC-01), one by one and under concurrency.
// Run: node examples/support/run.mjs bc-cap [--json]
import { createBusinessCenterLinks, formatError, manualClock, memoryStore, seededRandom } from 'tiktok-ad-auth';
import type { BusinessCenterLinks, FormattableError, Result } from 'tiktok-ad-auth';
import type { StartLinkRequestInput, TikTokAccountFacts } from 'tiktok-ad-auth/model';

const json = process.argv.includes('--json');
const say = (...args: unknown[]) => {
  if (!json) console.log(...args);
};
/** The value of a result, or a readable error (`formatError`) thrown. */
function ok<T>(result: Result<T, FormattableError>): T {
  if (result.isErr()) throw new Error(formatError(result.error));
  return result.value;
}
const request = (businessCenterId: string): StartLinkRequestInput => ({
  businessCenter: { id: businessCenterId, verified: true },
  member: { userId: 'admin', role: 'ADMIN' },
  permissionLevel: 'DELIVER_ADS',
  permissions: ['EXISTING_POSTS', 'PUBLISH_NEW_VIDEOS'],
});
const account = (id: string): TikTokAccountFacts => ({
  id,
  accountType: 'CREATOR',
  isPrivate: false,
  inAnyBusinessCenter: false,
});
const start = new Date('2026-06-01T00:00:00Z');

async function linkN(bc: BusinessCenterLinks, businessCenterId: string, n: number, prefix: string) {
  for (let i = 0; i < n; i++) {
    const started = ok(await bc.startLinkRequest(request(businessCenterId)));
    ok(await bc.approveLinkRequest({ token: started.qrToken, account: account(`${prefix}-${i}`), userId: 'u' }));
  }
}

// 1. One by one up to the cap.
const bc = createBusinessCenterLinks({ store: memoryStore(), clock: manualClock(start), random: seededRandom(800) });
await linkN(bc, 'bc-big', 800, 'tt');
say(`bc-big has ${ok(await bc.listBusinessCenterLinks('bc-big')).length} linked accounts.`);
const extra = ok(await bc.startLinkRequest(request('bc-big')));
const refused = await bc.approveLinkRequest({ token: extra.qrToken, account: account('tt-801'), userId: 'u' });
const refusal = refused.isErr() && refused.error.code === 'denied' ? refused.error.violations[0] : undefined;
say(`The 801st approval is refused: ${refused.isErr() ? formatError(refused.error) : 'approved?!'}`);
const first = ok(await bc.listBusinessCenterLinks('bc-big'))[0];
if (first === undefined) throw new Error('bc-big has no links');
const admin = { userId: 'admin', role: 'ADMIN' } as const;
ok(await bc.unlink({ businessCenter: { id: 'bc-big', verified: true }, member: admin, linkId: first.id }));
const retry = await bc.approveLinkRequest({ token: extra.qrToken, account: account('tt-801'), userId: 'u' });
say(`After unlinking ${first.accountId}, the same QR code (still pending) is approved: ${retry.isOk()}.`);

// 2. 790 links, then 100 creators approve at the same moment.
const bc2 = createBusinessCenterLinks({ store: memoryStore(), clock: manualClock(start), random: seededRandom(801) });
await linkN(bc2, 'bc-race', 790, 'seed');
const pending = [];
for (let i = 0; i < 100; i++) pending.push(ok(await bc2.startLinkRequest(request('bc-race'))));
const results = await Promise.all(
  pending.map((p, i) => bc2.approveLinkRequest({ token: p.qrToken, account: account(`rush-${i}`), userId: 'u' })),
);
const succeeded = results.filter((r) => r.isOk()).length;
const total = ok(await bc2.listBusinessCenterLinks('bc-race')).length;
say(`100 concurrent approvals on 790 links: ${succeeded} succeed, the Business Center ends with ${total} links.`);

if (json) {
  const refusedForCap = results.filter(
    (r) =>
      r.isErr() &&
      r.error.code === 'denied' &&
      r.error.violations.some((v) => v.code === 'bc.business_center_cap_reached'),
  ).length;
  console.log(
    JSON.stringify({
      linked: 800,
      refusedRule: refusal?.rule,
      refusedCode: refusal?.code,
      retryAfterUnlink: retry.isOk(),
      afterUnlink: ok(await bc.listBusinessCenterLinks('bc-big')).length,
      concurrent: { attempts: 100, succeeded, total, refusedForCap },
    }),
  );
}
