// Choosing the permissions of a Business Center link for Spark Ads (BC-04, BC-05, BC-06).
// Run: node examples/support/run.mjs spark-permissions [--json]
import { linkCapabilities, parsePermissionSet } from 'tiktok-ad-auth';
import type { LinkPermission } from 'tiktok-ad-auth/model';

const json = process.argv.includes('--json');
const say = (...args: unknown[]) => {
  if (!json) console.log(...args);
};

const choices: { name: string; permissions: LinkPermission[] }[] = [
  { name: 'existing posts only', permissions: ['EXISTING_POSTS'] },
  {
    name: 'Spark Ads, ads only (recommended)',
    permissions: ['EXISTING_POSTS', 'PUBLISH_NEW_VIDEOS', 'SHOW_THROUGH_ADS_ONLY'],
  },
  {
    name: 'Spark Ads, profile and ads',
    permissions: ['EXISTING_POSTS', 'PUBLISH_NEW_VIDEOS', 'SHOW_ON_PROFILE_AND_ADS'],
  },
  {
    name: 'both visibilities, no publish',
    permissions: ['EXISTING_POSTS', 'SHOW_THROUGH_ADS_ONLY', 'SHOW_ON_PROFILE_AND_ADS'],
  },
  { name: 'LIVE shopping', permissions: ['LIVE_VIDEOS', 'LIVE_GMV_MAX', 'SHOWCASE'] },
];

const results = [];
for (const c of choices) {
  const parsed = parsePermissionSet(c.permissions);
  if (parsed.isErr()) {
    const problems = parsed.error.violations.map((v) => v.code);
    say(`✗ ${c.name}: refused —`, parsed.error.violations.map((v) => `${v.rule} ${v.message}`).join(' | '));
    results.push({ name: c.name, valid: false, problems });
    continue;
  }
  const caps = linkCapabilities(parsed.value);
  const spark = caps.canDeliverSparkAds ? 'yes' : `no (missing ${caps.missingForSparkAds.join(', ')})`;
  say(
    `✓ ${c.name}: Spark Ads ${spark}; visibility ${caps.visibility ?? 'not set'};` +
      ` members can toggle ads-only: ${caps.membersCanToggleAdsOnly}`,
  );
  results.push({
    name: c.name,
    valid: true,
    canDeliverSparkAds: caps.canDeliverSparkAds,
    missingForSparkAds: caps.missingForSparkAds,
    adsOnlyMode: caps.adsOnlyMode,
    membersCanToggleAdsOnly: caps.membersCanToggleAdsOnly,
    canUseLiveAds: caps.canUseLiveAds,
  });
}
if (json) console.log(JSON.stringify({ choices: results }));
