import { decide, type Decision, type Violation } from '../kernel/decision.js';
import { DEFAULT_POLICY, type Policy } from '../kernel/policy.js';
import type {
  AdAccountFacts,
  BcMemberFacts,
  BusinessCenterFacts,
  LinkRequestRecord,
  LinkRequestStatus,
  LinkRequestSummary,
} from './business-center.model.js';
import { checkPermissions } from './permissions.js';

/** The two caps of BC-01, as the rules and stores need them. */
export type LinkCaps = Pick<Policy, 'maxBusinessCentersPerAccount' | 'maxAccountsPerBusinessCenter'>;

/**
 * Facts for `canStartLinkRequest`, with plain string ids.
 *
 * @example
 * ```ts
 * const facts: StartLinkFacts = {
 *   businessCenter: { id: 'bc-1', verified: true }, member: { userId: 'u-1', role: 'ADMIN' },
 *   permissionLevel: 'DELIVER_ADS', permissions: SPARK_ADS_PERMISSIONS,
 * };
 * ```
 */
export interface StartLinkFacts {
  readonly businessCenter: BusinessCenterFacts;
  readonly member: BcMemberFacts;
  /** Must be `DELIVER_ADS` (BC-03). */
  readonly permissionLevel: string;
  /** The permissions asked for, as given (BC-04, BC-06). */
  readonly permissions: readonly unknown[];
  /**
   * ASSET-05: the ad account to assign the account to on approval; must be in the same Business
   * Center (BC-08).
   */
  readonly assignTo?: AdAccountFacts | undefined;
  /**
   * The Business Center's requests pending now, as read under its lock. When given, it must be
   * below `maxPendingLinkRequests` (a pending request holds a live QR code: the cap keeps a
   * Business Center from minting them without bound).
   */
  readonly pendingRequests?: number | undefined;
}

/** The policy parameter `canStartLinkRequest` reads. */
export type StartLinkLimits = Pick<Policy, 'maxPendingLinkRequests'>;

function notAdmin(member: BcMemberFacts): Violation {
  return {
    rule: 'BC-02',
    code: 'bc.not_bc_admin',
    message: 'Only a Business Center member with Admin access can do this: ask an admin, or to be made admin.',
    details: { userId: member.userId, role: member.role },
  };
}

function adAccountNotInBc(adAccount: AdAccountFacts, businessCenter: { readonly id: string }): Violation {
  return {
    rule: 'BC-08',
    code: 'bc.ad_account_not_in_bc',
    message:
      `Ad account ${adAccount.id} does not belong to this Business Center: add it to the Business Center ` +
      'first, or choose one of its ad accounts.',
    details: {
      adAccountId: adAccount.id,
      businessCenterId: businessCenter.id,
      adAccountBusinessCenterId: adAccount.businessCenterId,
    },
  };
}

/**
 * May this member start a QR link request with this permission level and these permissions?
 * Checks BC-02 (admin; and, when `pendingRequests` is given, fewer than `maxPendingLinkRequests`
 * requests pending in the Business Center), BC-03 (Deliver ads), BC-04 and BC-06 (the
 * permission set) and BC-08 (an ad account to assign to belongs to the Business Center).
 * Returns **every** violation.
 *
 * @example
 * ```ts
 * import { canStartLinkRequest } from 'tiktok-ad-auth';
 * const d = canStartLinkRequest({
 *   businessCenter: { id: 'bc-1', verified: true }, member: { userId: 'u-1', role: 'STANDARD' },
 *   permissionLevel: 'DELIVER_ADS', permissions: [],
 * });
 * if (!d.allowed) d.violations.map((v) => v.rule); // ['BC-02', 'BC-04']
 * ```
 */
export function canStartLinkRequest(facts: StartLinkFacts, limits: StartLinkLimits = DEFAULT_POLICY): Decision {
  const v: Violation[] = [];
  if (facts.member.role !== 'ADMIN') v.push(notAdmin(facts.member));
  if (facts.pendingRequests !== undefined && facts.pendingRequests >= limits.maxPendingLinkRequests) {
    v.push({
      rule: 'BC-02',
      code: 'bc.too_many_pending_requests',
      message:
        `This Business Center already has ${facts.pendingRequests} link requests waiting for a scan, the most ` +
        `allowed (${limits.maxPendingLinkRequests}): cancel some, or wait until they are approved or expire.`,
      details: { limit: limits.maxPendingLinkRequests, actual: facts.pendingRequests },
    });
  }
  if (facts.permissionLevel !== 'DELIVER_ADS') {
    v.push({
      rule: 'BC-03',
      code: 'bc.permission_level_not_allowed',
      message:
        'Choose the "Deliver ads" permission level: a QR link grants advertising use only, not broader ' +
        'management.',
      details: { requested: facts.permissionLevel, allowed: ['DELIVER_ADS'] },
    });
  }
  const perms = checkPermissions(facts.permissions);
  if (!perms.allowed) v.push(...perms.violations);
  if (facts.assignTo !== undefined && facts.assignTo.businessCenterId !== facts.businessCenter.id) {
    v.push(adAccountNotInBc(facts.assignTo, facts.businessCenter));
  }
  return decide(v);
}

/** The instants of a request that decide its status. */
export type RequestTimes = Pick<
  LinkRequestRecord,
  'createdAt' | 'expiresAt' | 'approvedAt' | 'rejectedAt' | 'cancelledAt'
>;

/**
 * A link request's status at an instant: `APPROVED`, `REJECTED` or `CANCELLED` once recorded at
 * or before `at`; else `EXPIRED` from `expiresAt` on; else `PENDING`.
 *
 * @example
 * ```ts
 * import { linkRequestStatusAt } from 'tiktok-ad-auth';
 * linkRequestStatusAt(request, request.expiresAt); // 'EXPIRED' (the end is exclusive)
 * ```
 */
export function linkRequestStatusAt(request: RequestTimes, at: Date): LinkRequestStatus {
  const t = at.getTime();
  if (request.approvedAt !== undefined && request.approvedAt.getTime() <= t) return 'APPROVED';
  if (request.rejectedAt !== undefined && request.rejectedAt.getTime() <= t) return 'REJECTED';
  if (request.cancelledAt !== undefined && request.cancelledAt.getTime() <= t) return 'CANCELLED';
  if (t >= request.expiresAt.getTime()) return 'EXPIRED';
  return 'PENDING';
}

/**
 * What a workflow observes, under the locks of the approval it may write, for
 * `canApproveLinkRequest` and `linkPlacementViolations`.
 */
export interface ApprovalObservation {
  /** Active links of the request's Business Center. */
  readonly businessCenterActiveLinks: number;
  /** Active links of the approving account. */
  readonly accountActiveLinks: number;
  /** The account already has an active link with this Business Center. */
  readonly alreadyLinked: boolean;
}

/**
 * Whether one more link fits (BC-01, BC-07): the pair is not already linked, and neither the
 * Business Center nor the account has reached its cap. Used for QR approvals and for links made
 * in Ads Manager (ASSET-04, -06, -07) alike.
 *
 * @example
 * ```ts
 * import { linkPlacementViolations, DEFAULT_POLICY } from 'tiktok-ad-auth';
 * const full = { businessCenterActiveLinks: 800, accountActiveLinks: 0, alreadyLinked: false };
 * linkPlacementViolations(full, DEFAULT_POLICY)[0]?.code; // 'bc.business_center_cap_reached'
 * ```
 */
export function linkPlacementViolations(observation: ApprovalObservation, caps: LinkCaps): Violation[] {
  const v: Violation[] = [];
  if (observation.alreadyLinked) {
    v.push({
      rule: 'BC-07',
      code: 'bc.already_linked',
      message:
        "This TikTok account is already linked to this Business Center: change the existing link's " +
        'permissions instead.',
    });
    return v;
  }
  if (observation.businessCenterActiveLinks >= caps.maxAccountsPerBusinessCenter) {
    v.push({
      rule: 'BC-01',
      code: 'bc.business_center_cap_reached',
      message:
        `This Business Center already has ${observation.businessCenterActiveLinks} linked TikTok accounts, ` +
        `the most allowed (${caps.maxAccountsPerBusinessCenter}): unlink one first.`,
      details: { limit: caps.maxAccountsPerBusinessCenter, actual: observation.businessCenterActiveLinks },
    });
  }
  if (observation.accountActiveLinks >= caps.maxBusinessCentersPerAccount) {
    v.push({
      rule: 'BC-01',
      code: 'bc.account_cap_reached',
      message:
        `This TikTok account is already linked to ${observation.accountActiveLinks} Business Centers, ` +
        `the most allowed (${caps.maxBusinessCentersPerAccount}): unlink one first.`,
      details: { limit: caps.maxBusinessCentersPerAccount, actual: observation.accountActiveLinks },
    });
  }
  return v;
}

/** Facts for `canApproveLinkRequest`. */
export interface ApproveLinkFacts extends ApprovalObservation {
  /** The request found for the scanned token, or `undefined`. */
  readonly request: RequestTimes | undefined;
  readonly at: Date;
}

function requestStateViolation(status: LinkRequestStatus, request: RequestTimes): Violation | undefined {
  switch (status) {
    case 'PENDING':
      return undefined;
    case 'EXPIRED':
      return {
        rule: 'BC-07',
        code: 'bc.link_request_expired',
        message: 'This QR code has expired: ask the Business Center admin for a new one.',
        details: { expiredAt: request.expiresAt },
      };
    case 'APPROVED':
      return {
        rule: 'BC-07',
        code: 'bc.link_request_already_approved',
        message: 'This QR code was already used to approve the link; it can be approved once.',
        details: { approvedAt: request.approvedAt },
      };
    case 'REJECTED':
      return {
        rule: 'BC-07',
        code: 'bc.link_request_rejected',
        message:
          'This link request was rejected: ask the Business Center admin for a new QR code if you changed ' +
          'your mind.',
      };
    case 'CANCELLED':
      return {
        rule: 'BC-07',
        code: 'bc.link_request_cancelled',
        message: 'The Business Center cancelled this link request: ask its admin for a new QR code.',
      };
  }
}

const REQUEST_NOT_FOUND: Violation = Object.freeze({
  rule: 'BC-07',
  code: 'bc.link_request_not_found',
  message: 'No link request matches this QR code: ask the Business Center admin for a new one.',
});

/**
 * May the account approve this link request now (BC-07, BC-01)? The request must be pending
 * (not expired, rejected, cancelled or already approved), the account not already linked to
 * the Business Center, and neither cap of BC-01 reached. Returns **every** violation. The
 * service applies it to what it reads under the Business Center's and the account's locks, so
 * under concurrent approvals no cap is exceeded.
 *
 * @example
 * ```ts
 * import { canApproveLinkRequest, DEFAULT_POLICY } from 'tiktok-ad-auth';
 * const seen = { businessCenterActiveLinks: 800, accountActiveLinks: 3, alreadyLinked: false };
 * const d = canApproveLinkRequest({ request, at: new Date(), ...seen }, DEFAULT_POLICY);
 * if (!d.allowed) d.violations[0].code; // 'bc.business_center_cap_reached'
 * ```
 */
export function canApproveLinkRequest(facts: ApproveLinkFacts, caps: LinkCaps): Decision {
  const { request, at } = facts;
  if (request === undefined) return decide([REQUEST_NOT_FOUND]);
  const v: Violation[] = [];
  const status = linkRequestStatusAt(request, at);
  const state = requestStateViolation(status, request);
  if (state) v.push(state);
  // A request that made its link is not counted against the caps again.
  if (status !== 'APPROVED') v.push(...linkPlacementViolations(facts, caps));
  return decide(v);
}

/**
 * May this link request be rejected (by the account) or cancelled (by the Business Center) at
 * `at` (BC-07)? Only while it is pending; otherwise the violation says what it became.
 *
 * @example
 * ```ts
 * import { canCloseLinkRequest } from 'tiktok-ad-auth';
 * const d = canCloseLinkRequest(request, request.expiresAt);
 * if (!d.allowed) d.violations[0].code; // 'bc.link_request_expired'
 * ```
 */
export function canCloseLinkRequest(request: RequestTimes | undefined, at: Date): Decision {
  if (request === undefined) return decide([REQUEST_NOT_FOUND]);
  const state = requestStateViolation(linkRequestStatusAt(request, at), request);
  return decide(state === undefined ? [] : [state]);
}

/**
 * True when the link is active at `at`: `linkedAt <= at` and not unlinked at or before `at`.
 *
 * @example
 * ```ts
 * import { isLinkActive } from 'tiktok-ad-auth';
 * isLinkActive(link, link.unlinkedAt ?? new Date()); // false once unlinked
 * ```
 */
export function isLinkActive(
  link: { readonly linkedAt: Date; readonly unlinkedAt?: Date | undefined },
  at: Date,
): boolean {
  const t = at.getTime();
  return link.linkedAt.getTime() <= t && (link.unlinkedAt === undefined || link.unlinkedAt.getTime() > t);
}

/**
 * Facts for `canManageLink`, with plain string ids (a link record of the library fits `link`).
 *
 * @example
 * ```ts
 * const facts: ManageLinkFacts = {
 *   businessCenter: { id: 'bc-1', verified: true }, member: { userId: 'u-1', role: 'ADMIN' },
 *   link: { businessCenterId: 'bc-1', linkedAt: new Date('2026-01-01T00:00:00Z') }, at: new Date(),
 * };
 * ```
 */
export interface ManageLinkFacts {
  readonly businessCenter: BusinessCenterFacts;
  readonly member: BcMemberFacts;
  /** The link to change, unlink or assign, or `undefined` when none was found. */
  readonly link:
    | {
        readonly businessCenterId: string;
        readonly linkedAt: Date;
        readonly unlinkedAt?: Date | undefined;
      }
    | undefined;
  readonly at: Date;
  /** For assignments (BC-08): the ad account, which must belong to the same Business Center. */
  readonly adAccount?: AdAccountFacts | undefined;
}

/**
 * May this member change, unlink, or assign this link (BC-02, BC-08)? The member must be a
 * Business Center admin, the link active and of this Business Center, and an ad account to
 * assign to must belong to the same Business Center. Returns **every** violation.
 *
 * @example
 * ```ts
 * import { canManageLink } from 'tiktok-ad-auth';
 * const adAccount = { id: 'adv-9', businessCenterId: 'other-bc' };
 * const d = canManageLink({ businessCenter, member, link, at: new Date(), adAccount });
 * ```
 */
export function canManageLink(facts: ManageLinkFacts): Decision {
  const v: Violation[] = [];
  if (facts.member.role !== 'ADMIN') v.push(notAdmin(facts.member));
  const { link } = facts;
  if (link === undefined || link.businessCenterId !== facts.businessCenter.id || !isLinkActive(link, facts.at)) {
    v.push({
      rule: 'BC-08',
      code: 'bc.link_not_active',
      message:
        'This TikTok account is not linked to this Business Center (or was unlinked): link it again by QR ' +
        'code first.',
    });
  }
  if (facts.adAccount !== undefined && facts.adAccount.businessCenterId !== facts.businessCenter.id) {
    v.push(adAccountNotInBc(facts.adAccount, facts.businessCenter));
  }
  return decide(v);
}

/**
 * A request as callers see it, with its status at `at` and without the token digest.
 *
 * @example
 * ```ts
 * import { summarizeLinkRequest } from 'tiktok-ad-auth';
 * summarizeLinkRequest(record, new Date()).status; // 'PENDING'
 * ```
 */
export function summarizeLinkRequest(record: LinkRequestRecord, at: Date): LinkRequestSummary {
  const { tokenDigest: _digest, ...rest } = record;
  return { ...rest, status: linkRequestStatusAt(record, at) };
}
