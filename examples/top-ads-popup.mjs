// Creative Center's Top Ads pop-up over five simulated weeks with a manual clock: shown at most
// once every 7 days while the advertiser has eligible, unauthorized creatives, never again once
// they are authorized; then a withdrawal and the filtered Top Ads gallery.
// Run: npm run build && node examples/top-ads-popup.mjs [--json]
import { createAds, createTopAds, DAY_MS, manualClock, memoryStore, seededRandom } from 'tiktok-ad-auth';

const json = process.argv.includes('--json');
const log = (...a) => { if (!json) console.log(...a); };

const store = memoryStore();
const start = new Date('2026-07-06T08:00:00Z');
const clock = manualClock(start);
const random = seededRandom(5);
const ads = createAds({ store, clock, random });
const topAds = createTopAds({ store, clock, random });

// Three published ads: one with the box unchecked, one on Pangle only (no option), one checked.
async function publish(name, over) {
  const ad = (await ads.createAd({
    adAccountId: 'shop-acc', name, campaign: { campaignId: 'c', objective: 'PRODUCT_SALES', placements: ['TIKTOK'], campaignType: 'MANUAL' },
    schedule: { startAt: clock.now() }, identity: { type: 'TT_USER', identityId: 'shop' }, videoId: `${name}-video`, regions: ['US', 'CA'], industry: 'Apparel', ...over,
  })).unwrap();
  const ref = { adAccountId: 'shop-acc', adId: ad.id };
  (await ads.submit(ref)).unwrap();
  (await ads.review({ ...ref, approved: true })).unwrap();
  return (await ads.start(ref)).unwrap();
}
const unchecked = await publish('summer-drop', { assetAuthorization: false });
await publish('pangle-only', { campaign: { campaignId: 'p', objective: 'PRODUCT_SALES', placements: ['PANGLE'], campaignType: 'MANUAL' } });
const checked = await publish('evergreen', {});
log(`Asset Authorization: summer-drop unchecked, pangle-only not offered, evergreen checked (default).`);

// The advertiser logs in to Creative Center every day for five weeks.
const shownOnDays = [];
for (let d = 0; d < 35; d++) {
  clock.set(new Date(start.getTime() + d * DAY_MS));
  const p = (await topAds.popup({ accountId: 'tt4b-shop', adAccountIds: ['shop-acc'] })).unwrap();
  if (p.show) {
    shownOnDays.push(d);
    log(`day ${String(d).padStart(2)}: pop-up shows ${p.creatives.map((c) => c.name).join(', ')}`);
    if (d >= 14) {
      (await topAds.authorize({ adAccountId: 'shop-acc', adIds: p.creatives.map((c) => c.id) })).unwrap();
      log(`        the advertiser authorizes it: no more pop-ups.`);
    }
  }
}

// Withdraw the evergreen creative; query the gallery by region and objective.
const withdrawn = (await topAds.withdraw({ adAccountId: 'shop-acc', adId: checked.id })).unwrap();
const again = (await topAds.withdraw({ adAccountId: 'shop-acc', adId: checked.id })).unwrap();
log(`\nWithdraw evergreen: ${withdrawn.status.status} (${withdrawn.status.reason}); withdrawing again changes nothing (withdrawn=${again.withdrawn}).`);
const gallery = (await topAds.listTopAds({ regions: ['CA'], objectives: ['PRODUCT_SALES'] })).unwrap();
log(`Top Ads for Canada / Product sales: ${gallery.map((g) => `${g.adId === unchecked.id ? 'summer-drop' : g.adId} (watermarked=${g.watermarked}, downloadable=${g.downloadable})`).join(', ')}`);

if (json) {
  console.log(JSON.stringify({
    shownOnDays, withdrawnStatus: withdrawn.status, withdrawnAgain: again.withdrawn,
    gallery: gallery.map((g) => ({ isSummerDrop: g.adId === unchecked.id, watermarked: g.watermarked, downloadable: g.downloadable })),
  }));
}
