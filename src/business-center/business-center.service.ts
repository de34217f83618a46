import { Err, Ok, type Result } from '../kernel/result.js';
import { denied, notFound, guardStorage as guardStore } from '../kernel/errors.js';
import { decide, type Violation } from '../kernel/decision.js';
import type { Actor, NewEvent } from '../kernel/events.js';
import type { AdAccountId, BcLinkId, EventId, LinkRequestId, TikTokAccountId } from '../kernel/ids.js';
import { DEFAULT_POLICY, type Policy } from '../kernel/policy.js';
import { plusMs } from '../kernel/time.js';
import { randomPool } from '../kernel/random-pool.js';
import { parseInput } from '../kernel/validation.js';
import type { Clock } from '../ports/clock.js';
import type { RandomSource } from '../ports/random-source.js';
import type { BusinessCenterStore } from '../ports/business-center-store.js';
import { systemClock } from '../adapters/clock/system-clock.js';
import { webCryptoRandom } from '../adapters/random/web-crypto-random.js';
import type { AdAccountAssignment, BcLinkRecord, LinkRequestRecord, LinkRequestSummary } from './business-center.model.js';
import { canApproveLinkRequest, canManageLink, canStartLinkRequest, summarizeLinkRequest } from './business-center.rules.js';
import {
  approveLinkRequestInputSchema, assignmentInputSchema, businessCenterIdSchema, cancelLinkRequestInputSchema, changeLinkPermissionsInputSchema,
  linkIdSchema, linkRequestStatusInputSchema, rejectLinkRequestInputSchema, startLinkRequestInputSchema, tiktokAccountIdSchema, unlinkInputSchema,
} from './business-center.schemas.js';
import type { ApproveLinkRequestError, BcQueryError, CloseLinkRequestError, LinkChangeError, StartLinkRequestError } from './business-center.errors.js';
import {
  bcEvent, type AdAccountAssignedEvent, type AdAccountUnassignedEvent, type LinkApprovedEvent, type LinkPermissionsChangedEvent,
  type LinkRequestCancelledEvent, type LinkRequestRejectedEvent, type LinkRequestedEvent, type UnlinkedEvent,
} from './business-center.events.js';
import { linkCapabilities, parsePermissionSet, type LinkCapabilities, type PermissionSet } from './permissions.js';
import { QR_TOKEN_BYTES, parseQrToken, qrTokenDigest, qrTokenFingerprint, qrTokenFromBytes, type QrToken } from './qr-token.js';

/** What `createBusinessCenterLinks` needs. */
export interface BusinessCenterLinksOptions {
  /** Where records and events are kept, e.g. `memoryStore()`. */
  readonly store: BusinessCenterStore;
  /** Source of "now" (default `systemClock()`). */
  readonly clock?: Clock;
  /** Source of randomness for QR tokens and ids (default `webCryptoRandom()`). */
  readonly random?: RandomSource;
  /** Policy parameters (default `DEFAULT_POLICY`). */
  readonly policy?: Policy;
}

/** A new link request with its QR payload. `qrToken` is returned only here: render it as the QR code. */
export interface StartedLinkRequest {
  readonly qrToken: QrToken;
  readonly request: LinkRequestSummary;
}

/** A link with what it allows. */
export interface LinkView extends BcLinkRecord {
  readonly active: boolean;
  readonly capabilities: LinkCapabilities;
}

/** Result of `approveLinkRequest`. */
export interface ApprovedLink {
  readonly request: LinkRequestSummary;
  readonly link: LinkView;
  /** ASSET-05: the assignment made when the request named an ad account. */
  readonly assignment: AdAccountAssignment | undefined;
}

/** The Business Center link workflows (BC-01..08). Create with `createBusinessCenterLinks`. */
export interface BusinessCenterLinks {
  readonly policy: Policy;
  /** A BC admin starts a QR link request with permission level Deliver ads and an exact permission set (BC-02..06). */
  startLinkRequest(input: unknown): Promise<Result<StartedLinkRequest, StartLinkRequestError>>;
  /** A user of the TikTok account scans and approves (BC-07), once, within the caps (BC-01). */
  approveLinkRequest(input: unknown): Promise<Result<ApprovedLink, ApproveLinkRequestError>>;
  /** A user of the TikTok account scans and rejects a pending request. */
  rejectLinkRequest(input: unknown): Promise<Result<LinkRequestSummary, CloseLinkRequestError>>;
  /** A BC admin cancels a pending request of their Business Center. */
  cancelLinkRequest(input: unknown): Promise<Result<LinkRequestSummary, CloseLinkRequestError>>;
  /** A request's status at an instant (default now). */
  linkRequestStatus(input: unknown): Promise<Result<LinkRequestSummary, BcQueryError>>;
  /** A BC admin replaces an active link's permissions (same validation as a request). */
  changeLinkPermissions(input: unknown): Promise<Result<LinkView, LinkChangeError>>;
  /** A BC admin unlinks an account; its ad account assignments end with it. */
  unlink(input: unknown): Promise<Result<LinkView, LinkChangeError>>;
  /** A BC admin assigns a linked account to an ad account of the same Business Center (BC-08). Idempotent. */
  assignToAdAccount(input: unknown): Promise<Result<AdAccountAssignment, LinkChangeError>>;
  /** A BC admin removes an assignment. */
  unassignFromAdAccount(input: unknown): Promise<Result<AdAccountAssignment, LinkChangeError>>;
  /** A link with its capabilities. */
  getLink(linkId: unknown): Promise<Result<LinkView, BcQueryError>>;
  /** Active links of a Business Center, oldest first. */
  listBusinessCenterLinks(businessCenterId: unknown): Promise<Result<readonly LinkView[], BcQueryError>>;
  /** Active links of a TikTok account, oldest first. */
  listAccountLinks(accountId: unknown): Promise<Result<readonly LinkView[], BcQueryError>>;
}

/** Internal: runs a store call, turning a rejection into a `storage` error. */

/** Internal: a view of a link at an instant. */
export function viewLink(link: BcLinkRecord, at: Date): LinkView {
  const active = link.linkedAt.getTime() <= at.getTime() && (link.unlinkedAt === undefined || link.unlinkedAt.getTime() > at.getTime());
  return { ...link, active, capabilities: linkCapabilities(link.permissions) };
}

/** Internal: the violations a refused approval observation stands for. */
export function refusal(request: LinkRequestRecord | undefined, observation: Parameters<typeof canApproveLinkRequest>[0], policy: Policy): readonly [Violation, ...Violation[]] {
  const d = canApproveLinkRequest({ ...observation, request }, policy);
  return d.allowed ? [{ rule: 'BC-07', code: 'bc.link_request_not_found', message: 'No link request matches this QR code.' }] : d.violations;
}

const ID_BYTES = 12;

/**
 * Creates the Business Center link service (BC-01..08) over a store, a clock and a random source.
 *
 * @example
 * ```ts
 * import { createBusinessCenterLinks, memoryStore } from 'tiktok-ad-auth';
 * const bc = createBusinessCenterLinks({ store: memoryStore() });
 * const started = await bc.startLinkRequest({
 *   businessCenter: { id: 'bc-1', verified: true }, member: { userId: 'admin-1', role: 'ADMIN' },
 *   permissionLevel: 'DELIVER_ADS', permissions: ['EXISTING_POSTS', 'PUBLISH_NEW_VIDEOS', 'SHOW_THROUGH_ADS_ONLY'],
 * });
 * const token = started.unwrap().qrToken; // render as a QR code for the creator to scan
 * const approved = await bc.approveLinkRequest({
 *   token, userId: 'creator-user', account: { id: 'tt-1', accountType: 'CREATOR', isPrivate: false, inAnyBusinessCenter: false },
 * });
 * approved.unwrap().link.capabilities.canDeliverSparkAds; // true
 * ```
 */
export function createBusinessCenterLinks(options: BusinessCenterLinksOptions): BusinessCenterLinks {
  const { store } = options;
  const clock = options.clock ?? systemClock();
  const random = options.random ?? webCryptoRandom();
  const policy = options.policy ?? DEFAULT_POLICY;
  const pool = randomPool((b) => random.fill(b));
  const hex = pool.hex;
  const eventId = () => hex(16, 'evt_') as EventId;

  /** Checks the member and link (BC-02, BC-08) and returns the link, or every violation. */
  async function managedLink(input: { businessCenter: { id: string; verified: boolean }; member: { userId: string; role: 'ADMIN' | 'STANDARD' }; linkId: BcLinkId; adAccount?: { id: AdAccountId; businessCenterId?: string | undefined } }, extra: readonly Violation[], at: Date) {
    const got = await guardStore(() => store.getLink(input.linkId));
    if (got.isErr()) return got;
    const link = got.value;
    const d = canManageLink({ businessCenter: input.businessCenter as never, member: input.member as never, link, at, adAccount: input.adAccount as never });
    const violations = [...(d.allowed ? [] : d.violations), ...extra];
    if (violations.length > 0) return Err(denied(violations as [Violation, ...Violation[]]));
    return Ok(link as BcLinkRecord);
  }

  return {
    policy,

    async startLinkRequest(input) {
      const parsed = parseInput(startLinkRequestInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { businessCenter, member, permissionLevel, permissions, assignTo } = parsed.value;
      const decision = canStartLinkRequest({ businessCenter, member, permissionLevel, permissions, assignTo });
      if (!decision.allowed) return Err(denied(decision.violations));
      const set = parsePermissionSet(permissions).unwrap(); // checked by canStartLinkRequest
      const at = clock.now();
      const token = qrTokenFromBytes(pool.bytes(QR_TOKEN_BYTES));
      const record: LinkRequestRecord = {
        id: hex(ID_BYTES, 'lreq_') as LinkRequestId,
        businessCenterId: businessCenter.id,
        requestedBy: member.userId,
        permissionLevel: 'DELIVER_ADS',
        permissions: set,
        tokenDigest: qrTokenDigest(token),
        tokenFingerprint: qrTokenFingerprint(token),
        ...(assignTo !== undefined ? { assignToAdAccountId: assignTo.id } : {}),
        createdAt: at,
        expiresAt: plusMs(at, policy.linkRequestLifetimeMs),
      };
      const event = bcEvent<LinkRequestedEvent>(eventId(), 'bc.link_requested', at, { kind: 'user', id: member.userId }, { kind: 'link_request', id: record.id }, {
        requestId: record.id, businessCenterId: record.businessCenterId, tokenFingerprint: record.tokenFingerprint, permissions: [...set], expiresAt: record.expiresAt,
        ...(assignTo !== undefined ? { assignToAdAccountId: assignTo.id } : {}),
      });
      const inserted = await guardStore(() => store.insertLinkRequest(record, [event]));
      if (inserted.isErr()) return inserted;
      return Ok({ qrToken: token, request: summarizeLinkRequest(record, at) });
    },

    async approveLinkRequest(input) {
      const parsed = parseInput(approveLinkRequestInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { token: scanned, account, userId } = parsed.value;
      const token = parseQrToken(scanned);
      if (token.isErr()) return Err(denied([{ rule: 'BC-07', code: 'bc.qr_token_malformed', message: token.error.message }]));
      const at = clock.now();
      const actor: Actor = { kind: 'user', id: userId };
      const link: BcLinkRecord = {
        id: hex(ID_BYTES, 'link_') as BcLinkId,
        businessCenterId: '' as never, // set by the store from the request
        accountId: account.id,
        permissionLevel: 'DELIVER_ADS',
        permissions: [] as unknown as PermissionSet, // set by the store from the request
        method: 'QR_CODE',
        linkedAt: at,
        linkedBy: actor,
        account: { accountType: account.accountType, isPrivate: account.isPrivate, ...(account.displayName !== undefined ? { displayName: account.displayName } : {}) },
      };
      const digest = qrTokenDigest(token.value);
      // The store hands the approved request to `eventsFor`, so events name its Business Center and permissions without a separate read.
      const approved = await guardStore(() => store.approveLinkRequest({
        tokenDigest: digest, link, at, by: actor, caps: policy,
        eventsFor: ({ request, link: made, assignment }) => {
          const events: NewEvent[] = [
            bcEvent<LinkApprovedEvent>(eventId(), 'bc.link_approved', at, actor, { kind: 'bc_link', id: made.id }, {
              linkId: made.id, businessCenterId: request.businessCenterId, accountId: made.accountId, method: 'QR_CODE', requestId: request.id, permissions: [...request.permissions],
            }),
          ];
          if (assignment !== undefined) {
            events.push(bcEvent<AdAccountAssignedEvent>(eventId(), 'bc.ad_account_assigned', at, actor, { kind: 'bc_link', id: made.id }, {
              linkId: made.id, businessCenterId: request.businessCenterId, accountId: made.accountId, adAccountId: assignment.adAccountId,
            }));
          }
          return events;
        },
      }));
      if (approved.isErr()) return approved;
      const outcome = approved.value;
      if (outcome.kind === 'not_found') return Err(denied(refusal(undefined, { request: undefined, at, businessCenterActiveLinks: 0, accountActiveLinks: 0, alreadyLinked: false }, policy)));
      if (outcome.kind === 'refused') return Err(denied(refusal(outcome.request, { ...outcome.observation, request: outcome.request, at }, policy)));
      return Ok({ request: summarizeLinkRequest(outcome.request, at), link: viewLink(outcome.link, at), assignment: outcome.assignment });
    },

    async rejectLinkRequest(input) {
      const parsed = parseInput(rejectLinkRequestInputSchema, input);
      if (parsed.isErr()) return parsed;
      const token = parseQrToken(parsed.value.token);
      if (token.isErr()) return Err(denied([{ rule: 'BC-07', code: 'bc.qr_token_malformed', message: token.error.message }]));
      const found = await guardStore(() => store.findLinkRequestByDigest(qrTokenDigest(token.value)));
      if (found.isErr()) return found;
      const request = found.value;
      if (!request) return Err(denied([{ rule: 'BC-07', code: 'bc.link_request_not_found', message: 'No link request matches this QR code.' }]));
      return close(request.id, 'REJECTED', { kind: 'user', id: parsed.value.userId }, request.businessCenterId);
    },

    async cancelLinkRequest(input) {
      const parsed = parseInput(cancelLinkRequestInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { businessCenter, member, requestId } = parsed.value;
      const found = await guardStore(() => store.getLinkRequest(requestId));
      if (found.isErr()) return found;
      if (!found.value || found.value.businessCenterId !== businessCenter.id) return Err(notFound('link request', requestId));
      if (member.role !== 'ADMIN') {
        return Err(denied([{ rule: 'BC-02', code: 'bc.not_bc_admin', message: 'Only a Business Center member with Admin access can cancel a link request.', details: { userId: member.userId, role: member.role } }]));
      }
      return close(requestId, 'CANCELLED', { kind: 'user', id: member.userId }, businessCenter.id);
    },

    async linkRequestStatus(input) {
      const parsed = parseInput(linkRequestStatusInputSchema, input);
      if (parsed.isErr()) return parsed;
      const got = await guardStore(() => store.getLinkRequest(parsed.value.requestId));
      if (got.isErr()) return got;
      if (!got.value) return Err(notFound('link request', parsed.value.requestId));
      return Ok(summarizeLinkRequest(got.value, parsed.value.at ?? clock.now()));
    },

    async changeLinkPermissions(input) {
      const parsed = parseInput(changeLinkPermissionsInputSchema, input);
      if (parsed.isErr()) return parsed;
      const at = clock.now();
      const set = parsePermissionSet(parsed.value.permissions);
      const link = await managedLink(parsed.value, set.isErr() ? set.error.violations : [], at);
      if (link.isErr()) return link;
      const permissions = set.unwrap();
      const actor: Actor = { kind: 'user', id: parsed.value.member.userId };
      const l = link.value;
      const event = bcEvent<LinkPermissionsChangedEvent>(eventId(), 'bc.link_permissions_changed', at, actor, { kind: 'bc_link', id: l.id }, {
        linkId: l.id, businessCenterId: l.businessCenterId, accountId: l.accountId, before: [...l.permissions], after: [...permissions],
      });
      const changed = await guardStore(() => store.changeLinkPermissions(l.id, permissions, at, [event]));
      if (changed.isErr()) return changed;
      return linkChangeResult(changed.value, at);
    },

    async unlink(input) {
      const parsed = parseInput(unlinkInputSchema, input);
      if (parsed.isErr()) return parsed;
      const at = clock.now();
      const link = await managedLink(parsed.value, [], at);
      if (link.isErr()) return link;
      const l = link.value;
      const actor: Actor = { kind: 'user', id: parsed.value.member.userId };
      const done = await guardStore(() => store.unlink(l.id, at, actor, (removed) => [
        bcEvent<UnlinkedEvent>(eventId(), 'bc.unlinked', at, actor, { kind: 'bc_link', id: l.id }, {
          linkId: l.id, businessCenterId: l.businessCenterId, accountId: l.accountId, removedFromAdAccounts: removed.map((a) => a.adAccountId),
        }),
      ]));
      if (done.isErr()) return done;
      return linkChangeResult(done.value, at);
    },

    async assignToAdAccount(input) {
      const parsed = parseInput(assignmentInputSchema, input);
      if (parsed.isErr()) return parsed;
      const at = clock.now();
      const link = await managedLink(parsed.value, [], at);
      if (link.isErr()) return link;
      const l = link.value;
      const adAccountId = parsed.value.adAccount.id;
      const actor: Actor = { kind: 'user', id: parsed.value.member.userId };
      const done = await guardStore(() => store.assignAdAccount([l.id], adAccountId, at, actor, (added) => added.map((a) =>
        bcEvent<AdAccountAssignedEvent>(eventId(), 'bc.ad_account_assigned', at, actor, { kind: 'bc_link', id: l.id }, {
          linkId: l.id, businessCenterId: l.businessCenterId, accountId: l.accountId, adAccountId: a.adAccountId,
        }))));
      if (done.isErr()) return done;
      if (done.value.kind === 'links_not_active') return Err(denied([{ rule: 'BC-08', code: 'bc.link_not_active', message: 'This TikTok account was unlinked meanwhile: link it again first.' }]));
      const current = await guardStore(() => store.getAssignment(l.accountId, adAccountId));
      if (current.isErr()) return current;
      return current.value ? Ok(current.value) : Err(notFound('assignment', `${l.accountId}/${adAccountId}`));
    },

    async unassignFromAdAccount(input) {
      const parsed = parseInput(assignmentInputSchema, input);
      if (parsed.isErr()) return parsed;
      const at = clock.now();
      const link = await managedLink(parsed.value, [], at);
      if (link.isErr()) return link;
      const l = link.value;
      const adAccountId = parsed.value.adAccount.id;
      const actor: Actor = { kind: 'user', id: parsed.value.member.userId };
      const event = bcEvent<AdAccountUnassignedEvent>(eventId(), 'bc.ad_account_unassigned', at, actor, { kind: 'bc_link', id: l.id }, {
        linkId: l.id, businessCenterId: l.businessCenterId, accountId: l.accountId, adAccountId,
      });
      const done = await guardStore(() => store.unassignAdAccount(l.id, adAccountId, [event]));
      if (done.isErr()) return done;
      if (done.value.kind === 'not_assigned') {
        return Err(denied([{ rule: 'BC-08', code: 'bc.not_assigned', message: `This TikTok account is not assigned to ad account ${adAccountId}.` }]));
      }
      return Ok(done.value.assignment);
    },

    async getLink(linkId) {
      const parsed = parseInput(linkIdSchema, linkId);
      if (parsed.isErr()) return parsed;
      const got = await guardStore(() => store.getLink(parsed.value));
      if (got.isErr()) return got;
      return got.value ? Ok(viewLink(got.value, clock.now())) : Err(notFound('link', parsed.value));
    },

    async listBusinessCenterLinks(businessCenterId) {
      const parsed = parseInput(businessCenterIdSchema, businessCenterId);
      if (parsed.isErr()) return parsed;
      const got = await guardStore(() => store.listActiveLinksOfBusinessCenter(parsed.value));
      const at = clock.now();
      return got.map((ls) => ls.map((l) => viewLink(l, at)));
    },

    async listAccountLinks(accountId) {
      const parsed = parseInput(tiktokAccountIdSchema, accountId);
      if (parsed.isErr()) return parsed;
      const got = await guardStore(() => store.listActiveLinksOfAccount(parsed.value as TikTokAccountId));
      const at = clock.now();
      return got.map((ls) => ls.map((l) => viewLink(l, at)));
    },
  };

  async function close(id: LinkRequestId, how: 'REJECTED' | 'CANCELLED', actor: Actor, businessCenterId: LinkRequestRecord['businessCenterId']): Promise<Result<LinkRequestSummary, CloseLinkRequestError>> {
    const at = clock.now();
    const event = how === 'REJECTED'
      ? bcEvent<LinkRequestRejectedEvent>(eventId(), 'bc.link_request_rejected', at, actor, { kind: 'link_request', id }, { requestId: id, businessCenterId })
      : bcEvent<LinkRequestCancelledEvent>(eventId(), 'bc.link_request_cancelled', at, actor, { kind: 'link_request', id }, { requestId: id, businessCenterId });
    const closed = await guardStore(() => store.closeLinkRequest(id, how, at, actor, [event]));
    if (closed.isErr()) return closed;
    const outcome = closed.value;
    if (outcome.kind === 'not_found') return Err(notFound('link request', id));
    if (outcome.kind === 'not_pending') {
      const d = canApproveLinkRequest({ request: outcome.request, at, businessCenterActiveLinks: 0, accountActiveLinks: 0, alreadyLinked: false }, policy);
      const violations = d.allowed ? decide([{ rule: 'BC-07', code: 'bc.link_request_already_approved', message: 'This link request is no longer pending.' }]) : d;
      return Err(denied((violations as { violations: readonly [Violation, ...Violation[]] }).violations));
    }
    return Ok(summarizeLinkRequest(outcome.request, at));
  }

  function linkChangeResult(outcome: Awaited<ReturnType<BusinessCenterStore['unlink']>>, at: Date): Result<LinkView, LinkChangeError> {
    if (outcome.kind === 'not_found') return Err(notFound('link', 'unknown'));
    if (outcome.kind === 'not_active') return Err(denied([{ rule: 'BC-08', code: 'bc.link_not_active', message: 'This TikTok account was unlinked meanwhile.' }]));
    return Ok(viewLink(outcome.link, at));
  }
}
