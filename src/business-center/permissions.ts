import type { Brand } from '../kernel/brand.js';
import { decide, type Decision, type Violation } from '../kernel/decision.js';
import { Err, Ok, type Result } from '../kernel/result.js';

/**
 * The permissions a Business Center can ask of a linked TikTok account (BC-04), in the order the
 * Business Center shows them:
 *
 * | value | Business Center label |
 * |---|---|
 * | `EXISTING_POSTS` | Existing posts (pull existing posts for ads) |
 * | `PUBLISH_NEW_VIDEOS` | Publish and manage new videos (push new content) |
 * | `SHOW_THROUGH_ADS_ONLY` | Show through ads only (recommended; formerly ads-only mode) |
 * | `SHOW_ON_PROFILE_AND_ADS` | Show on TikTok profile and in ads |
 * | `LIVE_VIDEOS` | LIVE videos |
 * | `LIVE_GMV_MAX` | Exclusive LIVE GMV Max ad delivery |
 * | `SHOWCASE` | Showcase |
 * | `MESSAGE_ADS` | Message ads |
 * | `SERIES` | Series |
 * | `MANAGE_ACCOUNT_IN_BC` | Manage TikTok account in BC (account data and insights) |
 *
 * @example
 * ```ts
 * import { LINK_PERMISSIONS } from 'tiktok-ad-auth';
 * const options = LINK_PERMISSIONS.map((p) => ({ value: p })); // checkboxes of a permission picker
 * ```
 */
export const LINK_PERMISSIONS = [
  'EXISTING_POSTS',
  'PUBLISH_NEW_VIDEOS',
  'SHOW_THROUGH_ADS_ONLY',
  'SHOW_ON_PROFILE_AND_ADS',
  'LIVE_VIDEOS',
  'LIVE_GMV_MAX',
  'SHOWCASE',
  'MESSAGE_ADS',
  'SERIES',
  'MANAGE_ACCOUNT_IN_BC',
] as const;

/** One permission of BC-04. */
export type LinkPermission = (typeof LINK_PERMISSIONS)[number];

/** The only permission level a QR link grants (BC-03): advertising use, not broader management. */
export type PermissionLevel = 'DELIVER_ADS';

/**
 * A validated permission set (BC-04, BC-06): no unknown or repeated permission, not empty, at
 * most one of the two visibility permissions, and a visibility permission only together with
 * `PUBLISH_NEW_VIDEOS`. Kept in the canonical order of `LINK_PERMISSIONS`, so two equal sets
 * are equal arrays. Only `parsePermissionSet` makes values of this type.
 */
export type PermissionSet = Brand<readonly LinkPermission[], 'PermissionSet'>;

/**
 * The permissions Spark Ads delivery needs (BC-05).
 *
 * @example
 * ```ts
 * import { SPARK_ADS_PERMISSIONS } from 'tiktok-ad-auth';
 * const permissions = [...SPARK_ADS_PERMISSIONS, 'SHOW_THROUGH_ADS_ONLY'];
 * ```
 */
export const SPARK_ADS_PERMISSIONS: readonly LinkPermission[] = Object.freeze([
  'EXISTING_POSTS',
  'PUBLISH_NEW_VIDEOS',
] as const);

/** A permission list that is not a valid set; `violations` lists every problem. */
export interface PermissionSetError {
  readonly code: 'bc.permissions_invalid';
  readonly message: string;
  readonly violations: readonly [Violation, ...Violation[]];
}

const KNOWN = new Set<string>(LINK_PERMISSIONS);
const ORDER = new Map<string, number>(LINK_PERMISSIONS.map((p, i) => [p, i]));

/**
 * Checks a permission list against BC-04 and BC-06 and returns **every** problem: empty list,
 * unknown names, repeats, both visibility options (they are alternatives), a visibility option
 * without `PUBLISH_NEW_VIDEOS` (visibility is about pushed videos).
 *
 * @example
 * ```ts
 * import { checkPermissions } from 'tiktok-ad-auth';
 * const d = checkPermissions(['SHOW_THROUGH_ADS_ONLY', 'SHOW_ON_PROFILE_AND_ADS']);
 * if (!d.allowed) d.violations.map((v) => v.code); // ['bc.visibility_conflict', 'bc.visibility_needs_publish']
 * ```
 */
export function checkPermissions(raw: readonly unknown[]): Decision {
  const v: Violation[] = [];
  if (raw.length === 0) {
    v.push({
      rule: 'BC-04',
      code: 'bc.permissions_empty',
      message: 'Choose at least one permission: the link request must name exactly what the Business Center may do.',
    });
  }
  // Unknown names are shown cut to 64 characters; a non-string by its type.
  const unknown = raw
    .filter((p) => typeof p !== 'string' || !KNOWN.has(p))
    .map((p) => (typeof p === 'string' ? p.slice(0, 64) : typeof p));
  if (unknown.length > 0) {
    v.push({
      rule: 'BC-04',
      code: 'bc.permission_unknown',
      message:
        `Unknown permission${unknown.length > 1 ? 's' : ''} ` +
        `${unknown.map((p) => JSON.stringify(p)).join(', ')}: choose from ${LINK_PERMISSIONS.join(', ')}.`,
      details: { unknown, allowed: LINK_PERMISSIONS },
    });
  }
  const seen = new Set<unknown>();
  const repeated = new Set<string>();
  for (const p of raw) {
    if (seen.has(p) && typeof p === 'string' && KNOWN.has(p)) repeated.add(p);
    seen.add(p);
  }
  if (repeated.size > 0) {
    v.push({
      rule: 'BC-04',
      code: 'bc.permission_repeated',
      message: `Name each permission once: ${[...repeated].join(', ')} repeated.`,
      details: { repeated: [...repeated] },
    });
  }
  const adsOnly = seen.has('SHOW_THROUGH_ADS_ONLY');
  const profile = seen.has('SHOW_ON_PROFILE_AND_ADS');
  if (adsOnly && profile) {
    v.push({
      rule: 'BC-06',
      code: 'bc.visibility_conflict',
      message: 'Choose either "Show through ads only" or "Show on TikTok profile and in ads", not both.',
    });
  }
  if ((adsOnly || profile) && !seen.has('PUBLISH_NEW_VIDEOS')) {
    v.push({
      rule: 'BC-06',
      code: 'bc.visibility_needs_publish',
      message:
        'A visibility permission decides where pushed videos show: add "Publish and manage new videos", or ' +
        'drop the visibility permission.',
    });
  }
  return decide(v);
}

/**
 * Parses a permission list into a `PermissionSet` (BC-04, BC-06), in canonical order.
 *
 * @example
 * ```ts
 * import { parsePermissionSet } from 'tiktok-ad-auth';
 * const r = parsePermissionSet(['PUBLISH_NEW_VIDEOS', 'EXISTING_POSTS', 'SHOW_THROUGH_ADS_ONLY']);
 * r.unwrap(); // ['EXISTING_POSTS', 'PUBLISH_NEW_VIDEOS', 'SHOW_THROUGH_ADS_ONLY']
 * parsePermissionSet(['SHOW_THROUGH_ADS_ONLY']).isErr(); // true: needs PUBLISH_NEW_VIDEOS
 * ```
 */
export function parsePermissionSet(raw: unknown): Result<PermissionSet, PermissionSetError> {
  if (!Array.isArray(raw)) {
    const violation: Violation = {
      rule: 'BC-04',
      code: 'bc.permissions_empty',
      message: 'Permissions must be a list of permission names.',
    };
    return Err({ code: 'bc.permissions_invalid', message: violation.message, violations: [violation] });
  }
  const d = checkPermissions(raw);
  if (!d.allowed) {
    const message =
      d.violations.length === 1
        ? d.violations[0].message
        : `${d.violations.length} problems: ${d.violations.map((x) => x.message).join(' ')}`;
    return Err({ code: 'bc.permissions_invalid', message, violations: d.violations });
  }
  const sorted = [...(raw as LinkPermission[])].sort((a, b) => ORDER.get(a)! - ORDER.get(b)!);
  return Ok(Object.freeze(sorted) as unknown as PermissionSet);
}

/**
 * What a link allows, derived from its permissions. Field names follow the Business API's
 * identity fields where one exists (`can_pull_video`, `can_push_video`, `ads_only_mode`,
 * `can_use_live_ads`, `can_manage_message`).
 */
export interface LinkCapabilities {
  /** Existing posts: pull the account's existing posts for ads (`can_pull_video`). */
  readonly canPullVideo: boolean;
  /** Publish and manage new videos: push new content to the account (`can_push_video`). */
  readonly canPushVideo: boolean;
  /**
   * Where pushed videos show (BC-06): `ADS_ONLY` (paid traffic only, members cannot turn it off),
   * `PROFILE_AND_ADS` (members may turn ads-only on or off), or `undefined` when no visibility
   * permission was granted.
   */
  readonly visibility: 'ADS_ONLY' | 'PROFILE_AND_ADS' | undefined;
  /**
   * Ads-only mode is locked on (`ads_only_mode`): `SHOW_THROUGH_ADS_ONLY` was granted, so pushed
   * videos get paid traffic only and members cannot turn that off.
   */
  readonly adsOnlyMode: boolean;
  /** Members may toggle "Show through ads only" in Ads Manager (only with `SHOW_ON_PROFILE_AND_ADS`). */
  readonly membersCanToggleAdsOnly: boolean;
  /** LIVE videos (`can_use_live_ads`). */
  readonly canUseLiveAds: boolean;
  /** Exclusive LIVE GMV Max ad delivery. */
  readonly canUseLiveGmvMax: boolean;
  /** Products from Showcase. */
  readonly canUseShowcase: boolean;
  /** Message ads (`can_manage_message`). */
  readonly canManageMessage: boolean;
  /** TikTok Series. */
  readonly canUseSeries: boolean;
  /** Manage TikTok account in BC: account data and insights. */
  readonly canViewAccountData: boolean;
  /** BC-05: both `EXISTING_POSTS` and `PUBLISH_NEW_VIDEOS` are granted. */
  readonly canDeliverSparkAds: boolean;
  /** BC-05: the Spark Ads permissions still missing (empty when `canDeliverSparkAds`). */
  readonly missingForSparkAds: readonly LinkPermission[];
}

/**
 * Derives what a link allows from its permissions (BC-04..06).
 *
 * @example
 * ```ts
 * import { linkCapabilities, parsePermissionSet } from 'tiktok-ad-auth';
 * const caps = linkCapabilities(parsePermissionSet(['EXISTING_POSTS']).unwrap());
 * caps.canDeliverSparkAds; // false
 * caps.missingForSparkAds; // ['PUBLISH_NEW_VIDEOS']
 * ```
 */
export function linkCapabilities(permissions: PermissionSet | readonly LinkPermission[]): LinkCapabilities {
  const has = (p: LinkPermission) => permissions.includes(p);
  const visibility = has('SHOW_THROUGH_ADS_ONLY')
    ? 'ADS_ONLY'
    : has('SHOW_ON_PROFILE_AND_ADS')
      ? 'PROFILE_AND_ADS'
      : undefined;
  const missingForSparkAds = SPARK_ADS_PERMISSIONS.filter((p) => !has(p));
  return {
    canPullVideo: has('EXISTING_POSTS'),
    canPushVideo: has('PUBLISH_NEW_VIDEOS'),
    visibility,
    adsOnlyMode: visibility === 'ADS_ONLY',
    membersCanToggleAdsOnly: visibility === 'PROFILE_AND_ADS',
    canUseLiveAds: has('LIVE_VIDEOS'),
    canUseLiveGmvMax: has('LIVE_GMV_MAX'),
    canUseShowcase: has('SHOWCASE'),
    canManageMessage: has('MESSAGE_ADS'),
    canUseSeries: has('SERIES'),
    canViewAccountData: has('MANAGE_ACCOUNT_IN_BC'),
    canDeliverSparkAds: missingForSparkAds.length === 0,
    missingForSparkAds,
  };
}

const label = (p: LinkPermission) => (p === 'EXISTING_POSTS' ? '"Existing posts"' : '"Publish and manage new videos"');

/**
 * BC-05 as a decision: can a link with these permissions deliver Spark Ads? Refused with the
 * missing permissions named.
 *
 * @example
 * ```ts
 * import { canDeliverSparkAds } from 'tiktok-ad-auth';
 * canDeliverSparkAds(['EXISTING_POSTS', 'PUBLISH_NEW_VIDEOS']).allowed; // true
 * ```
 */
export function canDeliverSparkAds(permissions: PermissionSet | readonly LinkPermission[]): Decision {
  const missing = linkCapabilities(permissions).missingForSparkAds;
  if (missing.length === 0) return decide([]);
  return decide([
    {
      rule: 'BC-05',
      code: 'bc.spark_ads_permissions_missing',
      message: `To deliver Spark Ads through this account, also grant ${missing.map(label).join(' and ')}.`,
      details: { missing },
    },
  ]);
}
