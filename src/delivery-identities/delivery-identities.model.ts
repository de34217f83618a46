import type { Actor } from '../kernel/events.js';
import type { AdAccountId, BcLinkId, BusinessCenterId, TikTokAccountId, UserId } from '../kernel/ids.js';
import type {
  AdAccountFacts,
  AdAccountRole,
  BcMemberFacts,
  BusinessCenterFacts,
} from '../business-center/business-center.model.js';
import type { LinkCapabilities } from '../business-center/permissions.js';
import type { Violation } from '../kernel/decision.js';

/**
 * Who acts, where, and for which objective, when linking or creating ad delivery identities in
 * Ads Manager (ASSET-01, ASSET-02). Supplied by the caller.
 */
export interface IdentityContextFacts {
  readonly businessCenter: BusinessCenterFacts;
  /** The acting user and their role in that Business Center. */
  readonly member: BcMemberFacts;
  /** The ad account the identity is for, with the Business Center it belongs to. */
  readonly adAccount: AdAccountFacts;
  /** The acting user's role on the ad account, or `undefined` with no access. */
  readonly adAccountRole?: AdAccountRole | undefined;
  /** The campaign's advertising objective (Business API `objective_type`), e.g. `PRODUCT_SALES`. */
  readonly objective: string;
}

/** How an account created in Ads Manager came to be: ASSET-06 or ASSET-07. */
export type OwnedAccountKind = 'ORGANIZATION_OWNED' | 'SIGNED_UP';

/** A member's role on a created TikTok account (ASSET-07: the creator is `ADMIN` and grants the others). */
export type AccountMemberRole = 'ADMIN' | 'OPERATOR' | 'ANALYST';

/** A member of a created TikTok account. */
export interface AccountMember {
  readonly userId: UserId;
  readonly role: AccountMemberRole;
  readonly grantedAt: Date;
  readonly grantedBy: Actor;
}

/**
 * A TikTok account created in Ads Manager (ASSET-06, ASSET-07), linked to its Business Center
 * in the same step.
 */
export interface OwnedAccountRecord {
  readonly accountId: TikTokAccountId;
  readonly kind: OwnedAccountKind;
  readonly businessCenterId: BusinessCenterId;
  readonly linkId: BcLinkId;
  /** ASSET-06: the organization account's nickname; ASSET-07: the signed-up account's display name. */
  readonly nickname: string;
  /** ASSET-06: operating region (ISO 3166-1 alpha-2, never `CN`). */
  readonly operatingRegion?: string;
  readonly username?: string;
  readonly profilePhotoUrl?: string;
  readonly createdAt: Date;
  readonly createdBy: Actor;
  /**
   * ASSET-07: the creating user is `ADMIN`; admins may grant others. ASSET-06: empty (owned by
   * the Business Center). Stored as rows of their own, listed here oldest grant first.
   */
  readonly members: readonly AccountMember[];
}

/**
 * An identity's availability in an ad account, in the Business API's `available_status`
 * vocabulary (ASSET-08).
 */
export type IdentityAvailableStatus =
  | 'AVAILABLE'
  | 'NO_VALID_BIND_ACCOUNT'
  | 'SCOPE_UNAVAILABLE'
  | 'IS_PRIVATE_ACCOUNT'
  | 'NOT_BUSINESS_ACCOUNT';

/** The answer of `identityAvailability`: a status, every reason, and what the link allows. */
export interface IdentityAvailability {
  readonly accountId: TikTokAccountId;
  readonly adAccountId: AdAccountId;
  /**
   * The most fundamental problem (`NO_VALID_BIND_ACCOUNT` before `SCOPE_UNAVAILABLE` before
   * `IS_PRIVATE_ACCOUNT` before `NOT_BUSINESS_ACCOUNT`), or `AVAILABLE`.
   */
  readonly status: IdentityAvailableStatus;
  readonly available: boolean;
  /** Every reason the identity is not available; empty when available. */
  readonly reasons: readonly Violation[];
  /** The Business Center link's capabilities, when there is an active link. */
  readonly capabilities?: LinkCapabilities;
  /** The Business Center the link is with (`identity_authorized_bc_id`). */
  readonly businessCenterId?: BusinessCenterId;
}
