import type { Actor, NewEvent } from '../kernel/events.js';
import type { AdAccountId, BcLinkId, BusinessCenterId, LinkRequestId, TikTokAccountId } from '../kernel/ids.js';
import type { AdAccountAssignment, BcLinkRecord, LinkRequestRecord } from '../business-center/business-center.model.js';
import type { ApprovalObservation, LinkCaps } from '../business-center/business-center.rules.js';
import type { PermissionSet } from '../business-center/permissions.js';
import type { OwnedAccountRecord } from '../delivery-identities/delivery-identities.model.js';
import type { EventLog } from './event-log.js';

/** What `approveLinkRequest` needs. */
export interface ApproveLinkCommand {
  /** Digest of the scanned QR token. */
  readonly tokenDigest: string;
  /** The link to create; its `businessCenterId`, `permissions` and `requestId` are overwritten from the request. */
  readonly link: BcLinkRecord;
  readonly at: Date;
  readonly by: Actor;
  readonly caps: LinkCaps;
  /** Builds the events of the approval from what is written (called once, before any write, only when approved). */
  readonly eventsFor: (approved: { readonly request: LinkRequestRecord; readonly link: BcLinkRecord; readonly assignment: AdAccountAssignment | undefined }) => readonly NewEvent[];
}

/** Outcome of `approveLinkRequest`. */
export type ApproveLinkOutcome =
  /** Request approved, link created (and assigned to the request's ad account, if any): all in one step. */
  | { readonly kind: 'approved'; readonly request: LinkRequestRecord; readonly link: BcLinkRecord; readonly assignment: AdAccountAssignment | undefined }
  /** No request has this digest: nothing written. */
  | { readonly kind: 'not_found' }
  /** `canApproveLinkRequest` refused what was observed (`observation`) at `at`: nothing written. */
  | { readonly kind: 'refused'; readonly request: LinkRequestRecord; readonly observation: ApprovalObservation };

/** What `insertLink` needs (links made without a QR request: ASSET-04, ASSET-06, ASSET-07). */
export interface InsertLinkCommand {
  readonly link: BcLinkRecord;
  readonly caps: LinkCaps;
  /** ASSET-04: refuse unless the account has no active link with any Business Center. */
  readonly requireAccountUnlinked: boolean;
  /** Assign the new link to this ad account in the same step. */
  readonly assignTo?: AdAccountId | undefined;
  /** ASSET-06/07: the account record created with the link (unique `accountId`, unique `username`). */
  readonly ownedAccount?: OwnedAccountRecord | undefined;
  readonly events: readonly NewEvent[];
}

/** Outcome of `insertLink`. */
export type InsertLinkOutcome =
  | { readonly kind: 'inserted'; readonly link: BcLinkRecord; readonly assignment: AdAccountAssignment | undefined }
  /** A cap was reached, the pair is already linked, or (with `requireAccountUnlinked`) the account is in a Business Center: nothing written. */
  | { readonly kind: 'refused'; readonly observation: ApprovalObservation }
  /** ASSET-06: another owned account has this username: nothing written. */
  | { readonly kind: 'username_taken' };

/** Outcome of `closeLinkRequest`. */
export type CloseLinkRequestOutcome =
  | { readonly kind: 'closed'; readonly request: LinkRequestRecord }
  /** Not pending at `at` (approved, rejected, cancelled or expired): nothing written. */
  | { readonly kind: 'not_pending'; readonly request: LinkRequestRecord }
  | { readonly kind: 'not_found' };

/** Outcome of `changeLinkPermissions` and `unlink`. */
export type LinkChangeOutcome =
  | { readonly kind: 'changed'; readonly link: BcLinkRecord; readonly removedAssignments: readonly AdAccountAssignment[] }
  /** The link is not active at `at` (unlinked): nothing written. */
  | { readonly kind: 'not_active'; readonly link: BcLinkRecord }
  | { readonly kind: 'not_found' };

/** Outcome of `assignAdAccount`. */
export type AssignOutcome =
  | { readonly kind: 'assigned'; readonly assignments: readonly AdAccountAssignment[] }
  /** Some links are not active at `at` (their ids listed): nothing written. */
  | { readonly kind: 'links_not_active'; readonly linkIds: readonly BcLinkId[] };

/** Outcome of `unassignAdAccount`. */
export type UnassignOutcome =
  | { readonly kind: 'unassigned'; readonly assignment: AdAccountAssignment }
  | { readonly kind: 'not_assigned' };

/**
 * Storage for Business Center links (design §7). Every method is atomic: the invariants that
 * span records — the two caps of BC-01 counted over **active** links, a link request approved
 * once, one active link per (Business Center, account), assignments only of active links — are
 * checked and written in one step concurrent callers cannot interleave. Every method that writes
 * appends its events in that same step, or none when it writes nothing. A method that rejects
 * (throws) has written nothing. Records passed in and returned are treated as immutable.
 * Absence is `undefined`.
 */
export interface BusinessCenterStore extends EventLog {
  /** Inserts a pending request and appends `events`. A duplicate `id` or `tokenDigest` rejects. */
  insertLinkRequest(request: LinkRequestRecord, events: readonly NewEvent[]): Promise<void>;
  /** The request with this id, or `undefined`. */
  getLinkRequest(id: LinkRequestId): Promise<LinkRequestRecord | undefined>;
  /** The request whose token has this digest, or `undefined`. */
  findLinkRequestByDigest(tokenDigest: string): Promise<LinkRequestRecord | undefined>;
  /**
   * Approves the request with `tokenDigest` in one step: observes the Business Center's and the
   * account's active link counts and whether the pair is already linked, applies
   * `canApproveLinkRequest` with `caps` at `at`, and only when allowed sets `approvedAt`,
   * `approvedBy`, `accountId`, `linkId`, inserts the link, assigns it to the request's ad account
   * if it names one, and appends `eventsFor(…)` (built before any write: if it throws, nothing is written). However many approvals run concurrently, no cap is
   * exceeded and none within the caps is refused.
   */
  approveLinkRequest(command: ApproveLinkCommand): Promise<ApproveLinkOutcome>;
  /**
   * Inserts a link made without a QR request, under the same caps and one-link-per-pair rule as
   * `approveLinkRequest` (plus `requireAccountUnlinked`), with its optional assignment and owned
   * account record, in one step. A duplicate link id rejects.
   */
  insertLink(command: InsertLinkCommand): Promise<InsertLinkOutcome>;
  /**
   * Rejects (by the account) or cancels (by the Business Center) a request that is pending at
   * `at`: sets `rejectedAt`/`rejectedBy` or `cancelledAt`/`cancelledBy` and appends `events`.
   */
  closeLinkRequest(id: LinkRequestId, how: 'REJECTED' | 'CANCELLED', at: Date, by: Actor, events: readonly NewEvent[]): Promise<CloseLinkRequestOutcome>;
  /** The link with this id, or `undefined`. */
  getLink(id: BcLinkId): Promise<BcLinkRecord | undefined>;
  /** The active link (not unlinked) between this Business Center and account, or `undefined`. */
  getActiveLink(businessCenterId: BusinessCenterId, accountId: TikTokAccountId): Promise<BcLinkRecord | undefined>;
  /** Active links of a Business Center, oldest first. */
  listActiveLinksOfBusinessCenter(businessCenterId: BusinessCenterId): Promise<readonly BcLinkRecord[]>;
  /** Active links of an account, oldest first. */
  listActiveLinksOfAccount(accountId: TikTokAccountId): Promise<readonly BcLinkRecord[]>;
  /** Active link counts (what BC-01 caps). */
  countActiveLinks(of: { readonly businessCenterId: BusinessCenterId } | { readonly accountId: TikTokAccountId }): Promise<number>;
  /** Replaces an active link's permissions (sets `permissionsChangedAt = at`) and appends `events`. */
  changeLinkPermissions(id: BcLinkId, permissions: PermissionSet, at: Date, events: readonly NewEvent[]): Promise<LinkChangeOutcome>;
  /**
   * Ends an active link at `at` (sets `unlinkedAt`, `unlinkedBy`), removes its ad account
   * assignments (returned as `removedAssignments`), frees its place under both caps, and appends
   * `eventsFor(removedAssignments)`.
   */
  unlink(id: BcLinkId, at: Date, by: Actor, eventsFor: (removed: readonly AdAccountAssignment[]) => readonly NewEvent[]): Promise<LinkChangeOutcome>;
  /**
   * Assigns every link of `linkIds` to `adAccountId` (BC-08, ASSET-03) if all are active at `at`;
   * links already assigned stay as they are (not returned). All or nothing; appends
   * `eventsFor(newAssignments)`.
   */
  assignAdAccount(linkIds: readonly BcLinkId[], adAccountId: AdAccountId, at: Date, by: Actor, eventsFor: (added: readonly AdAccountAssignment[]) => readonly NewEvent[]): Promise<AssignOutcome>;
  /** Removes the assignment of a link to an ad account and appends `events`. */
  unassignAdAccount(linkId: BcLinkId, adAccountId: AdAccountId, events: readonly NewEvent[]): Promise<UnassignOutcome>;
  /** The assignment of this account to this ad account, or `undefined`. */
  getAssignment(accountId: TikTokAccountId, adAccountId: AdAccountId): Promise<AdAccountAssignment | undefined>;
  /** Assignments of an ad account (its identities), oldest first. */
  listAssignmentsOfAdAccount(adAccountId: AdAccountId): Promise<readonly AdAccountAssignment[]>;
}
