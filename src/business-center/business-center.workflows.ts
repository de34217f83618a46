// Internal: the reads and writes the Business Center service and the delivery identities
// service share (a link request under the pending cap, a link under the caps of BC-01, an
// assignment to an ad account). Each function runs inside a transaction its caller opened with
// the lock keys named here; the caller decides with the rule functions first, these only read
// what the rules need and write what was decided, with its events.
import type { Actor, NewEvent } from '../kernel/events.js';
import type {
  AdAccountId,
  BcLinkId,
  BusinessCenterId,
  EventId,
  LinkRequestId,
  TikTokAccountId,
  UserId,
} from '../kernel/ids.js';
import type { Policy } from '../kernel/policy.js';
import { plusMs } from '../kernel/time.js';
import { randomBytes, randomId } from '../kernel/crypto.js';
import type { RandomSource } from '../ports/random-source.js';
import type { StoreReader, Transaction } from '../ports/store.js';
import type { IdentityAvailabilityFact } from '../ads/ads.model.js';
import { assignmentsTable, compoundKey, linkRequestsTable, linksTable } from '../storage/tables.js';
import type {
  AdAccountAssignment,
  BcLinkRecord,
  LinkedAccountSnapshot,
  LinkRequestRecord,
  LinkRequestSummary,
} from './business-center.model.js';
import { isLinkActive, summarizeLinkRequest, type ApprovalObservation } from './business-center.rules.js';
import {
  bcEvent,
  type AdAccountAssignedEvent,
  type LinkApprovedEvent,
  type LinkRequestedEvent,
} from './business-center.events.js';
import { linkCapabilities, type LinkCapabilities, type PermissionSet } from './permissions.js';
import { QR_TOKEN_BYTES, qrTokenDigest, qrTokenFingerprint, qrTokenFromBytes, type QrToken } from './qr-token.js';

/** A link with what it allows, at an instant. */
export interface LinkView extends BcLinkRecord {
  readonly active: boolean;
  readonly capabilities: LinkCapabilities;
}

/** A new link request with its QR payload. `qrToken` is returned only here: render it as the QR code. */
export interface StartedLinkRequest {
  readonly qrToken: QrToken;
  readonly request: LinkRequestSummary;
}

/**
 * The lock keys of the aggregates these workflows change (design §7): a Business Center (its
 * cap of BC-01 and its pending requests), a TikTok account (its cap of BC-01, ASSET-04, its
 * created-account record and members), a link request, a link (its permissions and
 * assignments), a username of a created account.
 *
 * @example
 * ```ts
 * inTransaction(store, clock, [lockKeys.request(id)], async ({ tx, at }) => Ok(at));
 * ```
 */
export const lockKeys = Object.freeze({
  businessCenter: (id: string) => `bc:${id}`,
  account: (id: string) => `account:${id}`,
  request: (id: string) => `lreq:${id}`,
  link: (id: string) => `link:${id}`,
  username: (name: string) => `username:${name.toLowerCase()}`,
});

/**
 * The locks of a new link between a Business Center and an account: both caps of BC-01, and
 * the new link itself (so its creation instant is recorded under its own key and a later change
 * of the link never decides at an earlier instant).
 *
 * @example
 * ```ts
 * const keys = linkLockKeys('bc-1', 'tt-1', linkId); // ['bc:bc-1', 'account:tt-1', 'link:…']
 * ```
 */
export function linkLockKeys(businessCenterId: string, accountId: string, linkId: string): string[] {
  return [lockKeys.businessCenter(businessCenterId), lockKeys.account(accountId), lockKeys.link(linkId)];
}

/**
 * A view of a link at an instant: whether it is active then, and what it allows.
 *
 * @example
 * ```ts
 * viewLink(link, at).capabilities.canDeliverSparkAds;
 * ```
 */
export function viewLink(link: BcLinkRecord, at: Date): LinkView {
  return { ...link, active: isLinkActive(link, at), capabilities: linkCapabilities(link.permissions) };
}

/**
 * The snapshot of the account facts a link keeps (optional fields absent, never `undefined`).
 *
 * @example
 * ```ts
 * accountSnapshot({ accountType: 'CREATOR', isPrivate: false }); // { accountType: 'CREATOR', isPrivate: false }
 * ```
 */
export function accountSnapshot(account: {
  readonly accountType: LinkedAccountSnapshot['accountType'];
  readonly isPrivate: boolean;
  readonly displayName?: string | undefined;
}): LinkedAccountSnapshot {
  const { accountType, isPrivate, displayName } = account;
  return { accountType, isPrivate, ...(displayName !== undefined ? { displayName } : {}) };
}

/** The id and QR token of a request, drawn before its transaction. */
export interface LinkRequestDraft {
  readonly id: LinkRequestId;
  readonly token: QrToken;
}

/**
 * Draws a new request id and QR token (256 random bits) from the random source.
 *
 * @example
 * ```ts
 * const draft = draftLinkRequest(random);
 * const keys = [lockKeys.businessCenter(bcId), lockKeys.request(draft.id)];
 * ```
 */
export function draftLinkRequest(random: RandomSource): LinkRequestDraft {
  return {
    id: randomId(random, 'lreq_') as LinkRequestId,
    token: qrTokenFromBytes(randomBytes(random, QR_TOKEN_BYTES)),
  };
}

/**
 * The locks of a new link request: its Business Center (the pending requests it counts) and
 * the request itself (so its creation instant is recorded under its own key).
 *
 * @example
 * ```ts
 * const keys = requestLockKeys('bc-1', draft.id); // ['bc:bc-1', 'lreq:…']
 * ```
 */
export function requestLockKeys(businessCenterId: string, requestId: string): string[] {
  return [lockKeys.businessCenter(businessCenterId), lockKeys.request(requestId)];
}

/**
 * How many of a Business Center's requests are pending at `at`: not approved, rejected or
 * cancelled, and `at < expiresAt`. Read under the Business Center's lock.
 *
 * @example
 * ```ts
 * const pendingRequests = await pendingLinkRequests(tx, bcId, at);
 * ```
 */
export function pendingLinkRequests(tx: Transaction, businessCenterId: BusinessCenterId, at: Date): Promise<number> {
  return tx.count(linkRequestsTable, 'openByBusinessCenter', { eq: [businessCenterId], gte: at.getTime() + 1 });
}

/** What a new link request is for; everything else comes from the draft, the instant and the policy. */
export interface LinkRequestFacts {
  readonly businessCenterId: BusinessCenterId;
  readonly requestedBy: UserId;
  readonly permissions: PermissionSet;
  readonly assignToAdAccountId?: AdAccountId | undefined;
}

/**
 * Writes a pending link request decided at `at` (the caller checked `canStartLinkRequest` under
 * `requestLockKeys`) and its `bc.link_requested` event. Only the token's digest is stored.
 *
 * @example
 * ```ts
 * return Ok(await openLinkRequest(tx, random, draft, { businessCenterId, requestedBy, permissions }, at, policy));
 * ```
 */
export async function openLinkRequest(
  tx: Transaction,
  random: RandomSource,
  draft: LinkRequestDraft,
  facts: LinkRequestFacts,
  at: Date,
  policy: Pick<Policy, 'linkRequestLifetimeMs'>,
): Promise<StartedLinkRequest> {
  const { assignToAdAccountId } = facts;
  const record: LinkRequestRecord = {
    id: draft.id,
    businessCenterId: facts.businessCenterId,
    requestedBy: facts.requestedBy,
    permissionLevel: 'DELIVER_ADS',
    permissions: facts.permissions,
    tokenDigest: qrTokenDigest(draft.token),
    tokenFingerprint: qrTokenFingerprint(draft.token),
    ...(assignToAdAccountId !== undefined ? { assignToAdAccountId } : {}),
    createdAt: at,
    expiresAt: plusMs(at, policy.linkRequestLifetimeMs),
  };
  await tx.insert(linkRequestsTable, record);
  const actor: Actor = { kind: 'user', id: facts.requestedBy };
  tx.append([
    bcEvent<LinkRequestedEvent>(
      newEventId(random),
      'bc.link_requested',
      at,
      actor,
      { kind: 'link_request', id: record.id },
      {
        requestId: record.id,
        businessCenterId: record.businessCenterId,
        tokenFingerprint: record.tokenFingerprint,
        permissions: [...record.permissions],
        expiresAt: record.expiresAt,
        ...(assignToAdAccountId !== undefined ? { assignToAdAccountId } : {}),
      },
    ),
  ]);
  return { qrToken: draft.token, request: summarizeLinkRequest(record, at) };
}

/**
 * What BC-01 and BC-07 need to know about one more link between a Business Center and an
 * account: both active link counts and whether the pair is already linked. Read under
 * `linkLockKeys`, which every transaction that makes or ends a link holds.
 *
 * @example
 * ```ts
 * const seen = await observePlacement(tx, bcId, accountId);
 * const v = linkPlacementViolations(seen, policy);
 * ```
 */
export async function observePlacement(
  tx: Transaction,
  businessCenterId: BusinessCenterId,
  accountId: TikTokAccountId,
): Promise<ApprovalObservation> {
  const businessCenterActiveLinks = await tx.count(linksTable, 'activeByBusinessCenter', { eq: [businessCenterId] });
  const accountActiveLinks = await tx.count(linksTable, 'activeByAccount', { eq: [accountId] });
  const pair = await tx.count(linksTable, 'activePair', { eq: [businessCenterId, accountId] });
  return { businessCenterActiveLinks, accountActiveLinks, alreadyLinked: pair > 0 };
}

/**
 * Writes a new link (decided by the caller under `linkLockKeys`) with its `bc.link_approved`
 * event, and, when `assignTo` is given, its assignment to that ad account (BC-08, ASSET-03..07)
 * with a `bc.ad_account_assigned` event. The events are at `link.linkedAt`, by `link.linkedBy`.
 *
 * @example
 * ```ts
 * const assignment = await writeLink(tx, random, link, request.assignToAdAccountId);
 * ```
 */
export async function writeLink(
  tx: Transaction,
  random: RandomSource,
  link: BcLinkRecord,
  assignTo: AdAccountId | undefined,
): Promise<AdAccountAssignment | undefined> {
  await tx.insert(linksTable, link);
  const { id: linkId, businessCenterId, accountId, method, requestId } = link;
  tx.append([
    bcEvent<LinkApprovedEvent>(
      newEventId(random),
      'bc.link_approved',
      link.linkedAt,
      link.linkedBy,
      { kind: 'bc_link', id: linkId },
      {
        linkId,
        businessCenterId,
        accountId,
        method,
        ...(requestId !== undefined ? { requestId } : {}),
        permissions: [...link.permissions],
      },
    ),
  ]);
  if (assignTo === undefined) return undefined;
  return (await assignLink(tx, random, link, assignTo, link.linkedAt, link.linkedBy)).assignment;
}

/**
 * Assigns an active link to an ad account (BC-08), idempotently: an existing assignment of this
 * link to this ad account is returned as it is (`added: false`, no event); otherwise one is
 * written with its `bc.ad_account_assigned` event. The caller holds the link's lock and checked
 * that the link is active at `at`.
 *
 * @example
 * ```ts
 * const { assignment, added } = await assignLink(tx, random, link, adAccountId, at, actor);
 * ```
 */
export async function assignLink(
  tx: Transaction,
  random: RandomSource,
  link: BcLinkRecord,
  adAccountId: AdAccountId,
  at: Date,
  by: Actor,
): Promise<{ readonly assignment: AdAccountAssignment; readonly added: boolean }> {
  const existing = await tx.get(assignmentsTable, compoundKey(link.id, adAccountId));
  if (existing !== undefined) return { assignment: existing, added: false };
  const assignment: AdAccountAssignment = {
    businessCenterId: link.businessCenterId,
    accountId: link.accountId,
    adAccountId,
    linkId: link.id,
    assignedAt: at,
    assignedBy: by,
  };
  await tx.insert(assignmentsTable, assignment);
  tx.append([assignedEvent(random, assignment)]);
  return { assignment, added: true };
}

function assignedEvent(random: RandomSource, a: AdAccountAssignment): NewEvent {
  return bcEvent<AdAccountAssignedEvent>(
    newEventId(random),
    'bc.ad_account_assigned',
    a.assignedAt,
    a.assignedBy,
    { kind: 'bc_link', id: a.linkId },
    {
      linkId: a.linkId,
      businessCenterId: a.businessCenterId,
      accountId: a.accountId,
      adAccountId: a.adAccountId,
    },
  );
}

/**
 * A new link id.
 *
 * @example
 * ```ts
 * const linkId = newLinkId(random); // 'link_' + 24 hex digits
 * ```
 */
export function newLinkId(random: RandomSource): BcLinkId {
  return randomId(random, 'link_') as BcLinkId;
}

/**
 * A new event id (`evt_` + 32 hex digits).
 *
 * @example
 * ```ts
 * tx.append([bcEvent(newEventId(random), 'bc.unlinked', at, actor, subject, data)]);
 * ```
 */
export function newEventId(random: RandomSource): EventId {
  return randomId(random, 'evt_', 16) as EventId;
}

/**
 * Is this TikTok account available as a `BC_AUTH_TT` identity to this ad account, by the records
 * (LIFE-02, ASSET-08, BC-05)? Yes when one of its links is active at `at`, assigned to the ad
 * account, and grants Existing posts and Publish and manage new videos. Otherwise why not:
 * `permission_withdrawn` when an assigned active link lacks those permissions, else
 * `link_removed`. Read it under `lockKeys.account(accountId)`: unlinking, changing a link's
 * permissions and removing an assignment all hold that lock, so the answer stays true until the
 * caller's transaction commits.
 *
 * @example
 * ```ts
 * const a = await identityAvailableTo(tx, 'tt-1', 'adv-1', at);
 * if (!a.available) console.log(a.reason); // 'link_removed'
 * ```
 */
export async function identityAvailableTo(
  reader: StoreReader,
  accountId: string,
  adAccountId: string,
  at: Date,
): Promise<IdentityAvailabilityFact> {
  const assigned = await reader.list(assignmentsTable, 'byAccountAndAdAccount', { eq: [accountId, adAccountId] });
  let withdrawn = false;
  for (const a of assigned) {
    const link = await reader.get(linksTable, a.linkId);
    if (link === undefined || !isLinkActive(link, at)) continue;
    if (linkCapabilities(link.permissions).canDeliverSparkAds) return { available: true, linkId: link.id };
    withdrawn = true;
  }
  return { available: false, reason: withdrawn ? 'permission_withdrawn' : 'link_removed' };
}
