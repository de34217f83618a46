import type { Actor } from '../kernel/events.js';
import type { AdAccountId, BcLinkId, BusinessCenterId, LinkRequestId, TikTokAccountId, UserId } from '../kernel/ids.js';
import type { PermissionLevel, PermissionSet } from './permissions.js';

/** A member's role in a Business Center: only `ADMIN` can start links (BC-02, ASSET-01). */
export type BcRole = 'ADMIN' | 'STANDARD';
/** A member's role on an ad account: `ADMIN` or `OPERATOR` may link identities (ASSET-01). */
export type AdAccountRole = 'ADMIN' | 'OPERATOR' | 'ANALYST';
/** TikTok account types: personal, business, creator. */
export type TikTokAccountType = 'PERSONAL' | 'BUSINESS' | 'CREATOR';

/**
 * What the library needs to know about a Business Center. Supplied by the caller, with a plain
 * string id: the library checks it and records it as a `BusinessCenterId`.
 *
 * @example
 * ```ts
 * const businessCenter: BusinessCenterFacts = { id: 'bc-agency', verified: true };
 * ```
 */
export interface BusinessCenterFacts {
  readonly id: string;
  /** The Business Center passed business verification (ASSET-06). */
  readonly verified: boolean;
}

/**
 * A person acting in a Business Center, with their role there. Supplied by the caller.
 *
 * @example
 * ```ts
 * const member: BcMemberFacts = { userId: 'u-admin', role: 'ADMIN' };
 * ```
 */
export interface BcMemberFacts {
  readonly userId: string;
  readonly role: BcRole;
}

/**
 * An ad account and the Business Center it belongs to (`undefined` when in none). Supplied by the caller.
 *
 * @example
 * ```ts
 * const adAccount: AdAccountFacts = { id: 'adv-1', businessCenterId: 'bc-agency' };
 * ```
 */
export interface AdAccountFacts {
  readonly id: string;
  readonly businessCenterId?: string | undefined;
}

/**
 * What the library needs to know about a TikTok account. Supplied by the caller.
 *
 * @example
 * ```ts
 * const account: TikTokAccountFacts = {
 *   id: 'tt-dana', accountType: 'CREATOR', isPrivate: false, inAnyBusinessCenter: false,
 * };
 * ```
 */
export interface TikTokAccountFacts {
  readonly id: string;
  readonly accountType: TikTokAccountType;
  readonly isPrivate: boolean;
  /** Whether the account is already linked to any Business Center (ASSET-04), as the caller knows it. */
  readonly inAnyBusinessCenter: boolean;
  readonly displayName?: string | undefined;
}

/** A link request's status, derived from its instants and the clock. */
export type LinkRequestStatus = 'PENDING' | 'APPROVED' | 'REJECTED' | 'CANCELLED' | 'EXPIRED';

/**
 * A QR link request (BC-02..07). It holds the SHA-256 digest of its QR token, never the token.
 * Records are immutable: a change makes a new one.
 */
export interface LinkRequestRecord {
  readonly id: LinkRequestId;
  readonly businessCenterId: BusinessCenterId;
  readonly requestedBy: UserId;
  readonly permissionLevel: PermissionLevel;
  readonly permissions: PermissionSet;
  /** Hex SHA-256 of the QR token: the only lookup key. */
  readonly tokenDigest: string;
  /** Redacted token, e.g. `bcqr_1a2b…9f0e`. */
  readonly tokenFingerprint: string;
  /** ASSET-05: the ad account the account becomes an identity of on approval, if any. */
  readonly assignToAdAccountId?: AdAccountId;
  readonly createdAt: Date;
  /** `createdAt + linkRequestLifetimeMs`: approvable while `createdAt <= t < expiresAt`. */
  readonly expiresAt: Date;
  readonly approvedAt?: Date;
  readonly approvedBy?: Actor;
  /** The account that approved, and the link made (set together with `approvedAt`). */
  readonly accountId?: TikTokAccountId;
  readonly linkId?: BcLinkId;
  readonly rejectedAt?: Date;
  readonly rejectedBy?: Actor;
  readonly cancelledAt?: Date;
  readonly cancelledBy?: Actor;
}

/**
 * How a link came to be: a QR approval (BC-07, ASSET-05), a login (ASSET-04), a sign-up
 * (ASSET-07), or an organization-owned account (ASSET-06).
 */
export type LinkMethod = 'QR_CODE' | 'LOGIN' | 'SIGN_UP' | 'ORGANIZATION_OWNED';

/** A snapshot of the account facts a link was made with. */
export interface LinkedAccountSnapshot {
  readonly accountType: TikTokAccountType;
  readonly isPrivate: boolean;
  readonly displayName?: string;
}

/**
 * A link between a TikTok account and a Business Center with permission level Deliver ads.
 * Active from `linkedAt` until `unlinkedAt`. At most one active link per (Business Center, account).
 */
export interface BcLinkRecord {
  readonly id: BcLinkId;
  readonly businessCenterId: BusinessCenterId;
  readonly accountId: TikTokAccountId;
  readonly permissionLevel: PermissionLevel;
  readonly permissions: PermissionSet;
  readonly method: LinkMethod;
  readonly requestId?: LinkRequestId;
  readonly linkedAt: Date;
  readonly linkedBy: Actor;
  readonly account: LinkedAccountSnapshot;
  readonly permissionsChangedAt?: Date;
  readonly unlinkedAt?: Date;
  readonly unlinkedBy?: Actor;
}

/** A linked account assigned to an ad account of the same Business Center (BC-08): an identity there. */
export interface AdAccountAssignment {
  readonly businessCenterId: BusinessCenterId;
  readonly accountId: TikTokAccountId;
  readonly adAccountId: AdAccountId;
  readonly linkId: BcLinkId;
  readonly assignedAt: Date;
  readonly assignedBy: Actor;
}

/** A link request as shown to callers: everything but the digest, with its status now. */
export type LinkRequestSummary = Omit<LinkRequestRecord, 'tokenDigest'> & { readonly status: LinkRequestStatus };
