// Creative Center's Top Ads pop-up over five simulated weeks with a manual clock: shown at most
// once every 7 days while the advertiser has eligible, unauthorized creatives, never again once
// they are authorized; then a withdrawal and the filtered Top Ads gallery (TOP-05..09).
// Run: node examples/support/run.mjs top-ads-popup [--json]
import { createAds, createTopAds, DAY_MS, formatError, manualClock, memoryStore, seededRandom } from 'tiktok-ad-auth';
import type { FormattableError, Result } from 'tiktok-ad-auth';
import type { CreateAdInput } from 'tiktok-ad-auth/model';

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
const start = new Date('2026-07-06T08:00:00Z');
const clock = manualClock(start);
const random = seededRandom(5);
const ads = createAds({ store, clock, random });
const topAds = createTopAds({ store, clock, random });

// Three published ads: one with the box unchecked, one on Pangle only (no option), one checked.
async function publish(name: string, over: Partial<CreateAdInput>) {
  const ad = ok(
    await ads.createAd({
      adAccountId: 'shop-acc',
      name,
      campaign: { campaignId: 'c', objective: 'PRODUCT_SALES', placements: ['TIKTOK'], campaignType: 'MANUAL' },
      schedule: { startAt: clock.now() },
      identity: { type: 'TT_USER', identityId: 'shop' },
      videoId: `${name}-video`,
      regions: ['US', 'CA'],
      industry: 'Apparel',
      ...over,
    }),
  );
  const ref = { adAccountId: 'shop-acc', adId: ad.id };
  ok(await ads.submit(ref));
  ok(await ads.review({ ...ref, approved: true }));
  return ok(await ads.start(ref));
}
const unchecked = await publish('summer-drop', { assetAuthorization: false });
await publish('pangle-only', {
  campaign: { campaignId: 'p', objective: 'PRODUCT_SALES', placements: ['PANGLE'], campaignType: 'MANUAL' },
});
const checked = await publish('evergreen', {});
say('Asset Authorization: summer-drop unchecked, pangle-only not offered, evergreen checked (default).');

// The advertiser logs in to Creative Center every day for five weeks.
const shownOnDays: number[] = [];
for (let d = 0; d < 35; d++) {
  clock.set(new Date(start.getTime() + d * DAY_MS));
  const popup = ok(await topAds.popup({ accountId: 'tt4b-shop', adAccountIds: ['shop-acc'] }));
  if (!popup.show) continue;
  shownOnDays.push(d);
  say(`day ${String(d).padStart(2)}: pop-up shows ${popup.creatives.map((c) => c.name).join(', ')}`);
  if (d >= 14) {
    ok(await topAds.authorize({ adAccountId: 'shop-acc', adIds: popup.creatives.map((c) => c.id) }));
    say('        the advertiser authorizes it: no more pop-ups.');
  }
}

// Withdraw the evergreen creative; query the gallery by region and objective.
const withdrawn = ok(await topAds.withdraw({ adAccountId: 'shop-acc', adId: checked.id }));
const again = ok(await topAds.withdraw({ adAccountId: 'shop-acc', adId: checked.id }));
say(
  `\nWithdraw evergreen: ${withdrawn.status.status} (${withdrawn.status.reason});` +
    ` withdrawing again changes nothing (withdrawn=${again.withdrawn}).`,
);
const gallery = ok(await topAds.listTopAds({ regions: ['CA'], objectives: ['PRODUCT_SALES'] }));
const shown = gallery.map(
  (g) =>
    `${g.adId === unchecked.id ? 'summer-drop' : g.adId}` +
    ` (watermarked=${g.watermarked}, downloadable=${g.downloadable})`,
);
say(`Top Ads for Canada / Product sales: ${shown.join(', ')}`);

if (json) {
  console.log(
    JSON.stringify({
      shownOnDays,
      withdrawnStatus: withdrawn.status,
      withdrawnAgain: again.withdrawn,
      gallery: gallery.map((g) => ({
        isSummerDrop: g.adId === unchecked.id,
        watermarked: g.watermarked,
        downloadable: g.downloadable,
      })),
    }),
  );
}
