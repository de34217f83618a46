import { expect, test } from 'vitest';
import { runExample } from './run-example.js';

test('spark permissions: BC-05 needs both, BC-06 visibilities are alternatives needing publish', () => {
  const { choices } = runExample('spark-permissions') as { choices: Record<string, unknown>[] };
  const by = Object.fromEntries(choices.map((c) => [c.name, c]));
  expect(by['existing posts only']).toMatchObject({
    valid: true,
    canDeliverSparkAds: false,
    missingForSparkAds: ['PUBLISH_NEW_VIDEOS'],
  });
  expect(by['Spark Ads, ads only (recommended)']).toMatchObject({
    canDeliverSparkAds: true,
    adsOnlyMode: true,
    membersCanToggleAdsOnly: false,
  });
  expect(by['Spark Ads, profile and ads']).toMatchObject({
    canDeliverSparkAds: true,
    adsOnlyMode: false,
    membersCanToggleAdsOnly: true,
  });
  expect(by['both visibilities, no publish']).toEqual({
    name: 'both visibilities, no publish',
    valid: false,
    problems: ['bc.visibility_conflict', 'bc.visibility_needs_publish'],
  });
  expect(by['LIVE shopping']).toMatchObject({ canDeliverSparkAds: false, canUseLiveAds: true });
});
