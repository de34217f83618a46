import { describe, expect, test } from 'vitest';
import { canDeliverSparkAds, checkPermissions, linkCapabilities, parsePermissionSet } from '../index.js';
import { LINK_PERMISSIONS } from '../model.js';

const codes = (raw: unknown[]) => {
  const d = checkPermissions(raw);
  return d.allowed ? [] : d.violations.map((v) => v.code);
};

describe('BC-04 the request names exact permissions', () => {
  test('all ten permissions of the Business Center are known', () => {
    expect(LINK_PERMISSIONS).toHaveLength(10);
  });
  test('an empty list, unknown names and repeats are each reported', () => {
    expect(codes([])).toEqual(['bc.permissions_empty']);
    expect(codes(['EXISTING_POSTS', 'ALL_THE_THINGS'])).toEqual(['bc.permission_unknown']);
    expect(codes(['EXISTING_POSTS', 'EXISTING_POSTS'])).toEqual(['bc.permission_repeated']);
    expect(parsePermissionSet('EXISTING_POSTS').isErr()).toBe(true);
  });
  test('a valid set comes back in canonical order', () => {
    expect(parsePermissionSet(['SERIES', 'EXISTING_POSTS']).unwrap()).toEqual(['EXISTING_POSTS', 'SERIES']);
  });
});

describe('BC-06 ads-only vs profile-and-ads', () => {
  test('visibility options are alternatives, each needs Publish and manage new videos (X-01: both reported)', () => {
    expect(codes(['SHOW_THROUGH_ADS_ONLY', 'SHOW_ON_PROFILE_AND_ADS'])).toEqual([
      'bc.visibility_conflict',
      'bc.visibility_needs_publish',
    ]);
    expect(codes(['SHOW_ON_PROFILE_AND_ADS'])).toEqual(['bc.visibility_needs_publish']);
    expect(codes(['PUBLISH_NEW_VIDEOS', 'SHOW_ON_PROFILE_AND_ADS'])).toEqual([]);
  });
  test('ads only: members cannot turn it off; profile and ads: they can', () => {
    const adsOnly = linkCapabilities(parsePermissionSet(['PUBLISH_NEW_VIDEOS', 'SHOW_THROUGH_ADS_ONLY']).unwrap());
    expect(adsOnly).toMatchObject({ visibility: 'ADS_ONLY', adsOnlyMode: true, membersCanToggleAdsOnly: false });
    const profile = linkCapabilities(parsePermissionSet(['PUBLISH_NEW_VIDEOS', 'SHOW_ON_PROFILE_AND_ADS']).unwrap());
    expect(profile).toMatchObject({ visibility: 'PROFILE_AND_ADS', adsOnlyMode: false, membersCanToggleAdsOnly: true });
  });
});

describe('BC-05 Spark Ads need Existing posts and Publish and manage new videos', () => {
  test('the missing permissions are named', () => {
    expect(linkCapabilities(['EXISTING_POSTS']).missingForSparkAds).toEqual(['PUBLISH_NEW_VIDEOS']);
    expect(linkCapabilities(['LIVE_VIDEOS']).missingForSparkAds).toEqual(['EXISTING_POSTS', 'PUBLISH_NEW_VIDEOS']);
    const d = canDeliverSparkAds(['LIVE_VIDEOS']);
    expect(d.allowed).toBe(false);
    if (!d.allowed) {
      expect(d.violations[0]).toMatchObject({
        rule: 'BC-05',
        code: 'bc.spark_ads_permissions_missing',
        details: { missing: ['EXISTING_POSTS', 'PUBLISH_NEW_VIDEOS'] },
      });
    }
    expect(canDeliverSparkAds(['EXISTING_POSTS', 'PUBLISH_NEW_VIDEOS']).allowed).toBe(true);
  });
  test('each other permission maps to its capability', () => {
    const set = parsePermissionSet(LINK_PERMISSIONS.filter((p) => p !== 'SHOW_ON_PROFILE_AND_ADS')).unwrap();
    expect(linkCapabilities(set)).toMatchObject({
      canPullVideo: true,
      canPushVideo: true,
      canUseLiveAds: true,
      canUseLiveGmvMax: true,
      canUseShowcase: true,
      canManageMessage: true,
      canUseSeries: true,
      canViewAccountData: true,
      canDeliverSparkAds: true,
    });
  });
});
