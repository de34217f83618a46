import { decide, type Decision, type Violation } from '../kernel/decision.js';
import type { Policy } from '../kernel/policy.js';
import type { AdAccountId, BusinessCenterId, TikTokAccountId } from '../kernel/ids.js';
import type { TikTokAccountType } from '../business-center/business-center.model.js';
import { linkCapabilities, type LinkPermission, type PermissionSet } from '../business-center/permissions.js';
import type {
  AccountMemberRole,
  IdentityAvailability,
  IdentityAvailableStatus,
  IdentityContextFacts,
} from './delivery-identities.model.js';

/**
 * May this user link or create TikTok accounts as ad delivery identities for this ad account
 * and objective? Checks ASSET-01 (admin of the Business Center, the ad account belongs to it,
 * operator or admin access to the ad account) and ASSET-02 (the objective is supported).
 * Returns **every** violation.
 *
 * @example
 * ```ts
 * import { canManageIdentities, DEFAULT_POLICY } from 'tiktok-ad-auth';
 * const d = canManageIdentities({
 *   businessCenter: { id: 'bc-1', verified: true }, member: { userId: 'u-1', role: 'ADMIN' },
 *   adAccount: { id: 'adv-1', businessCenterId: 'bc-1' }, adAccountRole: 'ANALYST', objective: 'REACH',
 * }, DEFAULT_POLICY);
 * // ['identity.ad_account_access_insufficient', 'identity.objective_unsupported']
 * if (!d.allowed) d.violations.map((v) => v.code);
 * ```
 */
export function canManageIdentities(facts: IdentityContextFacts, policy: Policy): Decision {
  const v: Violation[] = [];
  if (facts.member.role !== 'ADMIN') {
    v.push({
      rule: 'ASSET-01',
      code: 'identity.not_bc_admin',
      message:
        'You need to be an admin of the Business Center to link or create TikTok accounts: ask an admin to ' +
        'make you one.',
      details: { role: facts.member.role },
    });
  }
  if (facts.adAccount.businessCenterId !== facts.businessCenter.id) {
    v.push({
      rule: 'ASSET-01',
      code: 'identity.ad_account_not_in_bc',
      message:
        `Ad account ${facts.adAccount.id} is not part of this Business Center: add it to the Business ` +
        'Center first.',
      details: { adAccountId: facts.adAccount.id, businessCenterId: facts.businessCenter.id },
    });
  }
  if (facts.adAccountRole !== 'ADMIN' && facts.adAccountRole !== 'OPERATOR') {
    v.push({
      rule: 'ASSET-01',
      code: 'identity.ad_account_access_insufficient',
      message: 'You need operator or admin access to the ad account: ask its admin to grant it.',
      details: { role: facts.adAccountRole ?? null, needed: ['OPERATOR', 'ADMIN'] },
    });
  }
  if (policy.unsupportedObjectives.includes(facts.objective)) {
    v.push({
      rule: 'ASSET-02',
      code: 'identity.objective_unsupported',
      message:
        `Linking or creating TikTok accounts as identities is not available for the ${facts.objective} ` +
        'objective: choose another objective.',
      details: { objective: facts.objective, unsupported: policy.unsupportedObjectives },
    });
  }
  return decide(v);
}

/** Facts for `canCreateOrganizationAccount`. */
export interface OrganizationAccountFacts extends IdentityContextFacts {
  /** The operating region chosen (ISO 3166-1 alpha-2). */
  readonly operatingRegion: string;
}

/**
 * May this user create an organization-owned TikTok account here (ASSET-06)? The prerequisites of
 * `canManageIdentities`, a Business Center that passed business verification, and an offered
 * operating region (never China). Returns **every** violation.
 *
 * @example
 * ```ts
 * import { canCreateOrganizationAccount, DEFAULT_POLICY } from 'tiktok-ad-auth';
 * const d = canCreateOrganizationAccount({ ...context, operatingRegion: 'CN' }, DEFAULT_POLICY);
 * if (!d.allowed) d.violations.map((v) => v.code); // ['identity.region_not_offered']
 * ```
 */
export function canCreateOrganizationAccount(facts: OrganizationAccountFacts, policy: Policy): Decision {
  const base = canManageIdentities(facts, policy);
  const v: Violation[] = base.allowed ? [] : [...base.violations];
  if (!facts.businessCenter.verified) {
    v.push({
      rule: 'ASSET-06',
      code: 'identity.bc_not_verified',
      message:
        'Organization-owned accounts need a Business Center that passed business verification: complete ' +
        'verification first.',
    });
  }
  if (!policy.operatingRegions.includes(facts.operatingRegion)) {
    v.push({
      rule: 'ASSET-06',
      code: 'identity.region_not_offered',
      message:
        facts.operatingRegion === 'CN'
          ? 'China is not offered as an operating region: China-based advertisers choose another region.'
          : `Operating region ${facts.operatingRegion} is not offered: choose one of the listed regions.`,
      details: { region: facts.operatingRegion },
    });
  }
  return decide(v);
}

/**
 * Facts for `canGrantAccountAccess`, with a plain string id.
 *
 * @example
 * ```ts
 * const facts: GrantAccessFacts = { grantedBy: 'u-2', granterRole: 'ADMIN' };
 * ```
 */
export interface GrantAccessFacts {
  /** The user who grants. */
  readonly grantedBy: string;
  /** Their role on the created account, or `undefined` when they are not a member. */
  readonly granterRole: AccountMemberRole | undefined;
}

/**
 * May this user grant access to a TikTok account created in Ads Manager (ASSET-07)? Only an
 * `ADMIN` member of the account may.
 *
 * @example
 * ```ts
 * import { canGrantAccountAccess } from 'tiktok-ad-auth';
 * const d = canGrantAccountAccess({ grantedBy: 'u-2', granterRole: 'ANALYST' });
 * if (!d.allowed) d.violations[0].code; // 'identity.not_account_admin'
 * ```
 */
export function canGrantAccountAccess(facts: GrantAccessFacts): Decision {
  if (facts.granterRole === 'ADMIN') return decide([]);
  return decide([
    {
      rule: 'ASSET-07',
      code: 'identity.not_account_admin',
      message: 'Only an admin of this TikTok account can grant access to it.',
      details: { userId: facts.grantedBy },
    },
  ]);
}

/**
 * Facts for `identityAvailability`, with plain string ids. `link` may be a link record of the
 * library or any Business Center id with the link's permissions.
 *
 * @example
 * ```ts
 * const facts: AvailabilityFacts = {
 *   account: { id: 'tt-dana', accountType: 'CREATOR', isPrivate: false }, adAccountId: 'adv-1',
 *   link: { businessCenterId: 'bc-1', permissions: ['EXISTING_POSTS', 'PUBLISH_NEW_VIDEOS'] }, assigned: true,
 * };
 * ```
 */
export interface AvailabilityFacts {
  /** The TikTok account as it is now (type and privacy may have changed since it was linked). */
  readonly account: {
    readonly id: string;
    readonly accountType: TikTokAccountType;
    readonly isPrivate: boolean;
  };
  readonly adAccountId: string;
  /** The account's active link with the ad account's Business Center, or `undefined`. */
  readonly link:
    | {
        readonly businessCenterId: string;
        readonly permissions: PermissionSet | readonly LinkPermission[];
      }
    | undefined;
  /** Whether that link is assigned to this ad account (BC-08). */
  readonly assigned: boolean;
}

const PRECEDENCE: readonly IdentityAvailableStatus[] = [
  'NO_VALID_BIND_ACCOUNT',
  'SCOPE_UNAVAILABLE',
  'IS_PRIVATE_ACCOUNT',
  'NOT_BUSINESS_ACCOUNT',
];

/**
 * Is this TikTok account available as a Spark Ads identity in this ad account (ASSET-08)? Answers
 * in the Business API's `available_status` vocabulary with **every** reason:
 * - `NO_VALID_BIND_ACCOUNT`: no active link with the ad account's Business Center, or the link
 *   is not assigned to this ad account;
 * - `SCOPE_UNAVAILABLE`: the link lacks Existing posts and/or Publish and manage new videos (BC-05);
 * - `IS_PRIVATE_ACCOUNT`: the account is private;
 * - `NOT_BUSINESS_ACCOUNT`: a personal account (only business and creator accounts deliver ads).
 * `status` is the first of these in that order, or `AVAILABLE`. A pure rule over facts you hold;
 * the service method `identities.checkIdentityAvailability(...)` reads the link and the
 * assignment from the store and answers with this rule.
 *
 * @example
 * ```ts
 * import { identityAvailability } from 'tiktok-ad-auth';
 * const a = identityAvailability({ account, adAccountId: 'adv-1', link, assigned: true });
 * a.status; // 'AVAILABLE'
 * ```
 */
export function identityAvailability(facts: AvailabilityFacts): IdentityAvailability {
  const reasons: (Violation & { status: IdentityAvailableStatus })[] = [];
  if (facts.link === undefined) {
    reasons.push({
      status: 'NO_VALID_BIND_ACCOUNT',
      rule: 'ASSET-08',
      code: 'identity.no_valid_bind_account',
      message:
        "This TikTok account is not linked to the ad account's Business Center: link it first (from the " +
        'Business Center, by login, or by QR code).',
    });
  } else if (!facts.assigned) {
    reasons.push({
      status: 'NO_VALID_BIND_ACCOUNT',
      rule: 'ASSET-08',
      code: 'identity.not_assigned_to_ad_account',
      message:
        'This TikTok account is in the Business Center but not available to this ad account: link it from ' +
        'the Business Center.',
    });
  }
  const capabilities = facts.link === undefined ? undefined : linkCapabilities(facts.link.permissions);
  if (capabilities !== undefined && !capabilities.canDeliverSparkAds) {
    reasons.push({
      status: 'SCOPE_UNAVAILABLE',
      rule: 'ASSET-08',
      code: 'identity.scope_unavailable',
      message: `The link does not allow Spark Ads: ask for ${capabilities.missingForSparkAds.join(' and ')} (BC-05).`,
      details: { missing: capabilities.missingForSparkAds },
    });
  }
  if (facts.account.isPrivate) {
    reasons.push({
      status: 'IS_PRIVATE_ACCOUNT',
      rule: 'ASSET-08',
      code: 'identity.private_account',
      message: 'This TikTok account is private: it must be public to deliver Spark Ads.',
    });
  }
  if (facts.account.accountType === 'PERSONAL') {
    reasons.push({
      status: 'NOT_BUSINESS_ACCOUNT',
      rule: 'ASSET-08',
      code: 'identity.not_business_account',
      message: 'This is a personal account: switch it to a business or creator account.',
    });
  }
  const first = PRECEDENCE.find((s) => reasons.some((r) => r.status === s));
  // The answer names the ids the caller gave, branded like every id the library returns.
  return {
    accountId: facts.account.id as TikTokAccountId,
    adAccountId: facts.adAccountId as AdAccountId,
    status: first ?? 'AVAILABLE',
    available: first === undefined,
    reasons: reasons.map(({ status: _s, ...v }) => v),
    ...(capabilities !== undefined ? { capabilities } : {}),
    ...(facts.link !== undefined ? { businessCenterId: facts.link.businessCenterId as BusinessCenterId } : {}),
  };
}
