/**
 * The rule registry: every rule of `rules.md` with its stable id, a title, the source
 * documents it comes from and the machine codes a violation of it can carry. Services can list
 * the rules they enforce from it, and the docs are checked against it.
 */

/**
 * Source documents of `rules.md`: 000 Top Ads, 001 Spark walkthrough, 002 identities, 003 Ad Code
 * FAQ, 004 BC QR links.
 */
export type RuleSource = '000' | '001' | '002' | '003' | '004';

/** One rule of the catalogue. */
export interface RuleInfo {
  /** Stable id as written in `rules.md`, e.g. `SPARK-06`. */
  readonly id: RuleId;
  /** One-line summary of the rule. */
  readonly title: string;
  /** Which source documents state it (empty for the cross-cutting X rules). */
  readonly sources: readonly RuleSource[];
  /** The violation codes that cite this rule. */
  readonly codes: readonly string[];
}

const catalogue = [
  // §1 Spark Ads authorization codes — creator side
  {
    id: 'SPARK-01',
    sources: ['003'],
    title: 'Only a Business or Creator account can generate a code.',
    codes: ['spark.account_type_not_eligible'],
  },
  {
    id: 'SPARK-02',
    sources: ['001'],
    title: 'The creator account needs a minimum follower count (default 10,000).',
    codes: ['spark.not_enough_followers'],
  },
  {
    id: 'SPARK-03',
    sources: ['003'],
    title: "The video must be public and the creator's own original content.",
    codes: ['spark.video_not_public', 'spark.video_not_original', 'spark.video_not_owned'],
  },
  {
    id: 'SPARK-04',
    sources: ['001', '003'],
    title: 'Ad authorization must be enabled for the account and the video, and the advertising terms accepted.',
    codes: ['spark.account_ad_authorization_off', 'spark.video_ad_authorization_off', 'spark.ad_terms_not_accepted'],
  },
  {
    id: 'SPARK-05',
    sources: ['003'],
    title: 'A video using copyrighted music not in the Commercial Music Library cannot be authorized.',
    codes: ['spark.music_not_cleared'],
  },
  {
    id: 'SPARK-06',
    sources: ['001', '003'],
    title: 'The authorization period is one of 7, 30, 60 or 365 days.',
    codes: ['spark.period_not_allowed'],
  },
  {
    id: 'SPARK-07',
    sources: ['003'],
    title: 'The period starts when the code is generated; expiry = generation + period.',
    codes: [],
  },
  {
    id: 'SPARK-08',
    sources: ['001', '003'],
    title: 'The code is a unique, unguessable token printed as # followed by base64.',
    codes: ['spark.code_malformed', 'spark.code_mistyped'],
  },
  {
    id: 'SPARK-09',
    sources: ['001'],
    title: 'The creator can see the code again and copy it.',
    codes: ['spark.code_not_recoverable'],
  },
  {
    id: 'SPARK-10',
    sources: ['003'],
    title: 'The creator can revoke; the code is deactivated and ads using the video are paused.',
    codes: ['spark.code_revoked', 'spark.code_in_use_by_ads'],
  },
  {
    id: 'SPARK-11',
    sources: ['001', '003'],
    title: 'When the period ends the code expires and the advertiser needs a fresh code.',
    codes: ['spark.code_expired'],
  },
  {
    id: 'SPARK-12',
    sources: ['001', '003'],
    title: 'A video has at most one code in force at a time; a new code for it is refused while one is in force.',
    codes: ['spark.code_already_in_force'],
  },
  // §2 Spark Ads authorization codes — advertiser side
  {
    id: 'ADV-01',
    sources: ['001'],
    title: 'The advertiser needs an active payment method and Creative Library access.',
    codes: ['spark.no_active_payment_method', 'spark.no_creative_library_access'],
  },
  {
    id: 'ADV-02',
    sources: ['001', '003'],
    title: 'Search shows the video for review; confirm adds it to the Spark Ads library.',
    codes: ['spark.code_already_used', 'spark.post_in_use_by_ads'],
  },
  {
    id: 'ADV-03',
    sources: ['001', '003'],
    title: 'An unknown, revoked or expired code finds nothing, with an actionable reason.',
    codes: ['spark.code_not_found', 'spark.code_revoked', 'spark.code_expired', 'spark.search_throttled'],
  },
  {
    id: 'ADV-04',
    sources: ['001', '003'],
    title: 'The ad identity is "Use TikTok account to deliver Spark Ads" with an authorized post.',
    codes: ['ads.post_not_in_library', 'ads.spark_ads_limit_reached', 'ads.identity_limit_reached'],
  },
  {
    id: 'ADV-05',
    title: 'The ad is submitted for review.',
    sources: ['001'],
    codes: ['ads.wrong_status', 'ads.schedule_ended'],
  },
  {
    id: 'ADV-06',
    sources: ['001', '003'],
    title: 'A revoked authorization pauses the ad; an expired one stops it.',
    codes: ['ads.authorization_revoked', 'ads.authorization_expired'],
  },
  // §3 Top Ads asset authorization
  {
    id: 'TOP-01',
    sources: ['000'],
    title: 'Each ad carries an Asset Authorization checkbox, checked by default.',
    codes: [],
  },
  {
    id: 'TOP-02',
    sources: ['000'],
    title: 'The checkbox exists only for campaigns with TikTok as a placement.',
    codes: ['top_ads.requires_tiktok_placement'],
  },
  {
    id: 'TOP-03',
    sources: ['000'],
    title: 'Smart Performance Campaign creatives are not eligible.',
    codes: ['top_ads.campaign_type_not_eligible'],
  },
  {
    id: 'TOP-04',
    sources: ['000'],
    title: 'Only creatives published in ad campaigns are shared.',
    codes: ['top_ads.not_published', 'top_ads.not_published_long_enough'],
  },
  {
    id: 'TOP-05',
    sources: ['000'],
    title: 'The Creative Center pop-up shows unauthorized eligible creatives at most once a week.',
    codes: [],
  },
  { id: 'TOP-06', title: 'The advertiser can withdraw an authorized creative.', sources: ['000'], codes: [] },
  {
    id: 'TOP-07',
    sources: ['000'],
    title: 'Each authorized creative shows In Top Ads or Not in Top Ads with the reason.',
    codes: ['top_ads.objective_not_eligible'],
  },
  { id: 'TOP-08', title: 'Shown creatives are watermarked and not downloadable.', sources: ['000'], codes: [] },
  {
    id: 'TOP-09',
    sources: ['000'],
    title: 'Top Ads can be filtered by region, industry and campaign objective.',
    codes: [],
  },
  // §4 TikTok accounts as ad delivery assets
  {
    id: 'ASSET-01',
    sources: ['002'],
    title: 'BC admin, ad account in that BC, operator or admin access on the ad account.',
    codes: ['identity.not_bc_admin', 'identity.ad_account_not_in_bc', 'identity.ad_account_access_insufficient'],
  },
  {
    id: 'ASSET-02',
    sources: ['002'],
    title: 'Not available for all advertising objectives.',
    codes: ['identity.objective_unsupported'],
  },
  { id: 'ASSET-03', title: 'Link from the Business Center.', sources: ['002'], codes: ['identity.account_not_in_bc'] },
  {
    id: 'ASSET-04',
    sources: ['002'],
    title: 'Link by logging in to an account not yet in any Business Center.',
    codes: ['identity.account_already_in_a_bc'],
  },
  {
    id: 'ASSET-05',
    sources: ['002'],
    title: "Link a third party's account by QR code, without exchanging credentials.",
    codes: [],
  },
  {
    id: 'ASSET-06',
    sources: ['002'],
    title: 'Create an organization-owned account (verified BC, nickname, region other than China).',
    codes: ['identity.bc_not_verified', 'identity.region_not_offered', 'identity.username_taken'],
  },
  {
    id: 'ASSET-07',
    sources: ['002'],
    title: 'Sign up a new account, automatically linked; the creator becomes its admin.',
    codes: ['identity.not_account_admin', 'identity.account_exists'],
  },
  {
    id: 'ASSET-08',
    sources: ['002'],
    title: 'Once linked, the account is available as a Spark Ads identity in that ad account.',
    codes: [
      'identity.no_valid_bind_account',
      'identity.not_assigned_to_ad_account',
      'identity.scope_unavailable',
      'identity.private_account',
      'identity.not_business_account',
    ],
  },
  // §5 Business Center links by QR code
  {
    id: 'BC-01',
    sources: ['004'],
    title: 'At most 800 Business Centers per account and 800 accounts per Business Center.',
    codes: ['bc.business_center_cap_reached', 'bc.account_cap_reached'],
  },
  {
    id: 'BC-02',
    sources: ['004'],
    title: 'Only a BC admin can start a link.',
    codes: ['bc.not_bc_admin', 'bc.too_many_pending_requests'],
  },
  {
    id: 'BC-03',
    sources: ['004'],
    title: 'The permission level is Deliver ads.',
    codes: ['bc.permission_level_not_allowed'],
  },
  {
    id: 'BC-04',
    sources: ['004'],
    title: 'The request names exact permissions.',
    codes: ['bc.permissions_empty', 'bc.permission_unknown', 'bc.permission_repeated'],
  },
  {
    id: 'BC-05',
    sources: ['004'],
    title: 'Spark Ads need Existing posts and Publish and manage new videos.',
    codes: ['bc.spark_ads_permissions_missing'],
  },
  {
    id: 'BC-06',
    sources: ['004'],
    title: 'Show through ads only vs. Show on TikTok profile and in ads.',
    codes: ['bc.visibility_conflict', 'bc.visibility_needs_publish'],
  },
  {
    id: 'BC-07',
    sources: ['004'],
    title: 'The link becomes active when a user of the account scans the QR code and approves.',
    codes: [
      'bc.qr_token_malformed',
      'bc.link_request_not_found',
      'bc.link_request_expired',
      'bc.link_request_already_approved',
      'bc.link_request_rejected',
      'bc.link_request_cancelled',
      'bc.already_linked',
    ],
  },
  {
    id: 'BC-08',
    sources: ['004'],
    title: 'The linked account is then connected to ad accounts.',
    codes: ['bc.ad_account_not_in_bc', 'bc.link_not_active', 'bc.not_assigned'],
  },
  // §6 Across the contexts
  { id: 'X-01', title: 'Every decision reports all rules that block it.', sources: [], codes: [] },
  { id: 'X-02', title: 'Every state change is recorded as a domain event.', sources: [], codes: [] },
  { id: 'X-03', title: 'No operation loses or corrupts stored state.', sources: [], codes: ['validation', 'storage'] },
  { id: 'X-04', title: 'Results never depend on the host time zone, locale or wall clock.', sources: [], codes: [] },
  // §7 Authorizations over time
  {
    id: 'EXT-01',
    sources: [],
    title:
      'A creator can extend an authorization in force by one allowed ' +
      'period; the new end is the current end plus the period.',
    codes: ['extension.period_not_allowed', 'extension.platform_code'],
  },
  {
    id: 'EXT-02',
    sources: ['001', '003'],
    title: 'A revoked or expired authorization cannot be extended.',
    codes: ['extension.authorization_revoked', 'extension.authorization_expired'],
  },
  {
    id: 'EXT-03',
    sources: [],
    title:
      'An advertiser holding an authorization can ask for an extension; the creator ' +
      'grants a period or declines; an unanswered ask lapses after 7 days.',
    codes: ['extension.not_in_library', 'extension.ask_not_pending', 'extension.ask_already_pending'],
  },
  {
    id: 'REQ-01',
    sources: [],
    title:
      "An advertiser can request a creator's authorization of a named video for a period " +
      '(default 365 days): PENDING to ACCEPTED, DECLINED, EXPIRED or CANCELLED.',
    codes: ['request.not_pending', 'request.period_not_allowed'],
  },
  {
    id: 'REQ-02',
    sources: [],
    title: 'At most 30 pending requests per advertiser.',
    codes: ['request.too_many_pending'],
  },
  {
    id: 'REQ-03',
    sources: [],
    title:
      'Accepting a request authorizes that ad account only, with no ' +
      'shareable code; eligibility is checked at acceptance.',
    codes: ['request.no_shareable_code', 'request.wrong_creator', 'request.wrong_video'],
  },
  {
    id: 'REQ-04',
    sources: [],
    title: 'A creator can list every authorization it granted, by code or by request, with who uses it.',
    codes: [],
  },
  {
    id: 'REM-01',
    sources: [],
    title:
      'Reminders before an authorization ends, at configurable offsets, recorded ' +
      'once each for the creator and each ad account using it.',
    codes: [],
  },
  {
    id: 'REM-02',
    sources: [],
    title: "Renewal advice: the smallest allowed period covering an ad's end plus the review time, or that none does.",
    codes: [],
  },
  {
    id: 'LIFE-01',
    sources: ['004'],
    title:
      'When a post, account, link or permission an ad depends on goes away, every ' +
      'approved or running ad depending on it is paused in the same step.',
    codes: ['ads.post_private', 'ads.post_deleted', 'ads.account_banned'],
  },
  {
    id: 'LIFE-02',
    sources: ['002'],
    title: "An identity's availability comes from the library's own records, never from a flag the caller asserts.",
    codes: ['ads.identity_unavailable'],
  },
  {
    id: 'LIFE-03',
    sources: [],
    title: 'A draft ad can be deleted, and then counts toward no limit.',
    codes: ['ads.not_draft'],
  },
  {
    id: 'LIFE-04',
    sources: ['002'],
    title: 'An organization-owned account created in Ads Manager has the creating user as its admin.',
    codes: [],
  },
  // §8 The advertiser's side of codes TikTok issued
  {
    id: 'AG-01',
    sources: [],
    title:
      'An ad account can register a code TikTok issued, with the facts the ' +
      'Business API returns for it; only its digest is stored.',
    codes: ['registry.code_malformed', 'registry.code_not_kept', 'registry.code_issued_here'],
  },
  {
    id: 'AG-02',
    sources: [],
    title: 'A registered authorization records where its end comes from and when it was last checked.',
    codes: ['registry.stale_answer', 'registry.other_video'],
  },
  {
    id: 'AG-03',
    sources: [],
    title: 'Registered and issued authorizations obey the same rules and views.',
    codes: [],
  },
  {
    id: 'API-01',
    sources: [],
    title: "The Business API's vocabulary is modelled whole; a revoked code maps to auth_code_not_found.",
    codes: [],
  },
  {
    id: 'BAT-01',
    sources: ['000'],
    title: 'Batches report per item and are idempotent per item.',
    codes: ['batch.too_many_items', 'batch.not_confirmed', 'batch.idempotency_key_reused'],
  },
  {
    id: 'POR-01',
    sources: [],
    title: 'A portfolio across ad accounts, Business Centers and creators, soonest first, paged.',
    codes: [],
  },
] as const satisfies readonly { id: RuleId; title: string; sources: readonly RuleSource[]; codes: readonly string[] }[];

/** A rule id of `rules.md`, such as `'SPARK-06'` or `'BC-01'`. */
export type RuleId =
  | 'SPARK-01'
  | 'SPARK-02'
  | 'SPARK-03'
  | 'SPARK-04'
  | 'SPARK-05'
  | 'SPARK-06'
  | 'SPARK-07'
  | 'SPARK-08'
  | 'SPARK-09'
  | 'SPARK-10'
  | 'SPARK-11'
  | 'SPARK-12'
  | 'ADV-01'
  | 'ADV-02'
  | 'ADV-03'
  | 'ADV-04'
  | 'ADV-05'
  | 'ADV-06'
  | 'TOP-01'
  | 'TOP-02'
  | 'TOP-03'
  | 'TOP-04'
  | 'TOP-05'
  | 'TOP-06'
  | 'TOP-07'
  | 'TOP-08'
  | 'TOP-09'
  | 'ASSET-01'
  | 'ASSET-02'
  | 'ASSET-03'
  | 'ASSET-04'
  | 'ASSET-05'
  | 'ASSET-06'
  | 'ASSET-07'
  | 'ASSET-08'
  | 'BC-01'
  | 'BC-02'
  | 'BC-03'
  | 'BC-04'
  | 'BC-05'
  | 'BC-06'
  | 'BC-07'
  | 'BC-08'
  | 'X-01'
  | 'X-02'
  | 'X-03'
  | 'X-04'
  | 'EXT-01'
  | 'EXT-02'
  | 'EXT-03'
  | 'REQ-01'
  | 'REQ-02'
  | 'REQ-03'
  | 'REQ-04'
  | 'REM-01'
  | 'REM-02'
  | 'LIFE-01'
  | 'LIFE-02'
  | 'LIFE-03'
  | 'LIFE-04'
  | 'AG-01'
  | 'AG-02'
  | 'AG-03'
  | 'API-01'
  | 'BAT-01'
  | 'POR-01';

/**
 * Every rule the library models, in the order of `rules.md`.
 *
 * @example
 * ```ts
 * import { RULES } from 'tiktok-ad-auth';
 * const spark = RULES.filter((r) => r.id.startsWith('SPARK-'));
 * console.log(spark.map((r) => `${r.id}: ${r.title}`).join('\n'));
 * ```
 */
export const RULES: readonly RuleInfo[] = catalogue;

/**
 * Looks up a rule by id.
 *
 * @example
 * ```ts
 * import { ruleInfo } from 'tiktok-ad-auth';
 * ruleInfo('SPARK-06').title; // 'The authorization period is one of 7, 30, 60 or 365 days.'
 * ```
 */
export function ruleInfo(id: RuleId): RuleInfo {
  const found = RULES.find((r) => r.id === id);
  if (!found) throw new TypeError(`Unknown rule id ${String(id)}`);
  return found;
}
