import { Err, Ok, type Result } from '../kernel/result.js';
import { denied, notFound, type DeniedError, type NotFoundError } from '../kernel/errors.js';
import type { Decision, Violation } from '../kernel/decision.js';
import type { Actor } from '../kernel/events.js';
import type { AdAccountId, BcLinkId, LinkRequestId, TikTokAccountId } from '../kernel/ids.js';
import type { Policy } from '../kernel/policy.js';
import { parseInput } from '../kernel/validation.js';
import type { Transaction } from '../ports/store.js';
import { inTransaction, reading } from '../storage/unit-of-work.js';
import { resolveOptions, type ServiceOptions } from '../storage/service-options.js';
import { assignmentsTable, compoundKey, linkRequestsTable, linksTable } from '../storage/tables.js';
import type {
  AdAccountAssignment,
  AdAccountFacts,
  BcLinkRecord,
  BcMemberFacts,
  BusinessCenterFacts,
  LinkRequestRecord,
  LinkRequestSummary,
} from './business-center.model.js';
import {
  canApproveLinkRequest,
  canCloseLinkRequest,
  canManageLink,
  canStartLinkRequest,
  summarizeLinkRequest,
} from './business-center.rules.js';
import {
  approveLinkRequestInputSchema,
  assignmentInputSchema,
  businessCenterIdSchema,
  cancelLinkRequestInputSchema,
  changeLinkPermissionsInputSchema,
  linkIdSchema,
  linkRequestStatusInputSchema,
  rejectLinkRequestInputSchema,
  startLinkRequestInputSchema,
  tiktokAccountIdSchema,
  unlinkInputSchema,
  type ApproveLinkRequestInput,
  type AssignmentInput,
  type CancelLinkRequestInput,
  type ChangeLinkPermissionsInput,
  type LinkRequestStatusInput,
  type RejectLinkRequestInput,
  type StartLinkRequestInput,
  type UnlinkInput,
} from './business-center.schemas.js';
import type {
  ApproveLinkRequestError,
  BcQueryError,
  CloseLinkRequestError,
  LinkChangeError,
  StartLinkRequestError,
} from './business-center.errors.js';
import {
  bcEvent,
  type AdAccountUnassignedEvent,
  type LinkPermissionsChangedEvent,
  type LinkRequestCancelledEvent,
  type LinkRequestRejectedEvent,
  type UnlinkedEvent,
} from './business-center.events.js';
import {
  accountSnapshot,
  assignLink,
  draftLinkRequest,
  linkLockKeys,
  lockKeys,
  newEventId,
  newLinkId,
  observePlacement,
  openLinkRequest,
  pendingLinkRequests,
  requestLockKeys,
  viewLink,
  writeLink,
  type LinkView,
  type StartedLinkRequest,
} from './business-center.workflows.js';
import { parsePermissionSet } from './permissions.js';
// LIFE-01: the one step that pauses ads whose identity went away (a workflow, not the ads service).
import { pauseAdsOfUnavailableIdentity } from '../ads/ads.workflows.js';
import { parseQrToken, qrTokenDigest } from './qr-token.js';

export type { LinkView, StartedLinkRequest } from './business-center.workflows.js';

/**
 * What `createBusinessCenterLinks` takes: a store, and optionally a clock, a random source and a policy.
 *
 * @example
 * ```ts
 * const options: BusinessCenterLinksOptions = { store: memoryStore(), clock: systemClock() };
 * ```
 */
export type BusinessCenterLinksOptions = ServiceOptions;

/**
 * Result of `approveLinkRequest`: the link made, and its assignment when the request named an ad account.
 *
 * @example
 * ```ts
 * const { link, assignment }: ApprovedLink = (await links.approveLinkRequest(input)).unwrap();
 * ```
 */
export interface ApprovedLink {
  readonly request: LinkRequestSummary;
  readonly link: LinkView;
  /** ASSET-05: the assignment made when the request named an ad account. */
  readonly assignment: AdAccountAssignment | undefined;
}

/**
 * The Business Center link workflows (BC-01..08). Create with `createBusinessCenterLinks`. Every method takes
 * its typed input (plain string ids) and still validates it at run time.
 *
 * @example
 * ```ts
 * const links: BusinessCenterLinks = createBusinessCenterLinks({ store });
 * const mine = await links.listBusinessCenterLinks('bc-agency');
 * ```
 */
export interface BusinessCenterLinks {
  readonly policy: Policy;
  /**
   * A BC admin starts a QR link request with permission level Deliver ads and an exact permission
   * set (BC-02..06), while the Business Center has fewer than `maxPendingLinkRequests` pending.
   */
  startLinkRequest(input: StartLinkRequestInput): Promise<Result<StartedLinkRequest, StartLinkRequestError>>;
  /** A user of the TikTok account scans and approves (BC-07), once, within the caps (BC-01). */
  approveLinkRequest(input: ApproveLinkRequestInput): Promise<Result<ApprovedLink, ApproveLinkRequestError>>;
  /** A user of the TikTok account scans and rejects a pending request. */
  rejectLinkRequest(input: RejectLinkRequestInput): Promise<Result<LinkRequestSummary, CloseLinkRequestError>>;
  /** A BC admin cancels a pending request of their Business Center. */
  cancelLinkRequest(input: CancelLinkRequestInput): Promise<Result<LinkRequestSummary, CloseLinkRequestError>>;
  /** A request's status at an instant (default now). */
  linkRequestStatus(input: LinkRequestStatusInput): Promise<Result<LinkRequestSummary, BcQueryError>>;
  /**
   * A BC admin replaces an active link's permissions (same validation as a request). Withdrawing
   * Existing posts or Publish and manage new videos pauses the approved or running ads delivered
   * through the link, in the same step (LIFE-01, `permission_withdrawn`).
   */
  changeLinkPermissions(input: ChangeLinkPermissionsInput): Promise<Result<LinkView, LinkChangeError>>;
  /**
   * A BC admin unlinks an account; its ad account assignments end with it, and its approved or
   * running ads in those ad accounts are paused in the same step (LIFE-01, `link_removed`) unless
   * another active, assigned link keeps the account available.
   */
  unlink(input: UnlinkInput): Promise<Result<LinkView, LinkChangeError>>;
  /** A BC admin assigns a linked account to an ad account of the same Business Center (BC-08). Idempotent. */
  assignToAdAccount(input: AssignmentInput): Promise<Result<AdAccountAssignment, LinkChangeError>>;
  /** A BC admin removes an assignment; the account's ads in that ad account are paused as by an unlink (LIFE-01). */
  unassignFromAdAccount(input: AssignmentInput): Promise<Result<AdAccountAssignment, LinkChangeError>>;
  /** A link with its capabilities. */
  getLink(linkId: string): Promise<Result<LinkView, BcQueryError>>;
  /** Active links of a Business Center, oldest first. */
  listBusinessCenterLinks(businessCenterId: string): Promise<Result<readonly LinkView[], BcQueryError>>;
  /** Active links of a TikTok account, oldest first. */
  listAccountLinks(accountId: string): Promise<Result<readonly LinkView[], BcQueryError>>;
}

/** The refusal a decision stands for; only called with a refused decision. */
function refused(d: Decision): DeniedError {
  if (d.allowed) throw new Error('refused: the decision allowed it');
  return denied(d.violations);
}

const MALFORMED = (message: string): Violation => ({ rule: 'BC-07', code: 'bc.qr_token_malformed', message });

/** What a link change names: who acts, in which Business Center, on which link (and ad account). */
interface LinkChangeFacts {
  readonly businessCenter: BusinessCenterFacts;
  readonly member: BcMemberFacts;
  readonly linkId: BcLinkId;
  readonly adAccount?: AdAccountFacts | undefined;
}

/**
 * Creates the Business Center link service (BC-01..08) over a store, a clock and a random source.
 * Every workflow that writes locks the aggregates it changes (the Business Center and the
 * account for the caps of BC-01, the request, the link), reads them again under the locks and
 * decides at a monotonic instant, so concurrent callers and app servers with skewed clocks
 * cannot break a rule.
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
 *   token, userId: 'creator-user',
 *   account: { id: 'tt-1', accountType: 'CREATOR', isPrivate: false, inAnyBusinessCenter: false },
 * });
 * approved.unwrap().link.capabilities.canDeliverSparkAds; // true
 * ```
 */
export function createBusinessCenterLinks(options: BusinessCenterLinksOptions): BusinessCenterLinks {
  const { store, clock, random, policy } = resolveOptions('createBusinessCenterLinks', options);

  /**
   * Runs a link change: finds the link to learn which aggregates to lock (a link's Business
   * Center and account never change), then under the locks reads it again and checks the member
   * and the link (BC-02, BC-08) with `extra` violations, before `work`.
   */
  async function changeLink<T>(
    facts: LinkChangeFacts,
    extra: readonly Violation[],
    keysOf: (link: BcLinkRecord) => string[],
    work: (tx: Transaction, at: Date, link: BcLinkRecord) => Promise<Result<T, DeniedError>>,
  ): Promise<Result<T, LinkChangeError>> {
    const found = await reading(() => store.get(linksTable, facts.linkId));
    if (found.isErr()) return found;
    const keys = found.value === undefined ? [lockKeys.link(facts.linkId)] : keysOf(found.value);
    return inTransaction(store, clock, keys, async ({ tx, at }) => {
      const link = await tx.get(linksTable, facts.linkId);
      const d = canManageLink({ ...facts, link, at });
      const violations = [...(d.allowed ? [] : d.violations), ...extra];
      if (link === undefined || violations.length > 0) return Err(denied(violations as [Violation, ...Violation[]]));
      return work(tx, at, link);
    });
  }

  /** Rejects (by the account) or cancels (by the Business Center) a request pending at the instant. */
  function closeRequest(
    id: LinkRequestId,
    how: 'REJECTED' | 'CANCELLED',
    actor: Actor,
  ): Promise<Result<LinkRequestSummary, CloseLinkRequestError>> {
    return inTransaction(store, clock, [lockKeys.request(id)], async ({ tx, at }) => {
      const request = await tx.get(linkRequestsTable, id);
      if (request === undefined) return Err<NotFoundError | DeniedError>(notFound('link request', id));
      const d = canCloseLinkRequest(request, at);
      if (!d.allowed) return Err(denied(d.violations));
      const subject = { kind: 'link_request', id };
      const data = { requestId: id, businessCenterId: request.businessCenterId };
      const closed: LinkRequestRecord =
        how === 'REJECTED'
          ? { ...request, rejectedAt: at, rejectedBy: actor }
          : { ...request, cancelledAt: at, cancelledBy: actor };
      await tx.update(linkRequestsTable, closed);
      const eventId = newEventId(random);
      tx.append([
        how === 'REJECTED'
          ? bcEvent<LinkRequestRejectedEvent>(eventId, 'bc.link_request_rejected', at, actor, subject, data)
          : bcEvent<LinkRequestCancelledEvent>(eventId, 'bc.link_request_cancelled', at, actor, subject, data),
      ]);
      return Ok(summarizeLinkRequest(closed, at));
    });
  }

  /** The request whose QR token this is, found by the token's digest (or a refusal). */
  async function requestOfToken(scanned: string) {
    const token = parseQrToken(scanned);
    if (token.isErr()) return Err(denied([MALFORMED(token.error.message)]));
    const digest = qrTokenDigest(token.value);
    const found = await reading(() => store.list(linkRequestsTable, 'byDigest', { eq: [digest], limit: 1 }));
    if (found.isErr()) return found;
    const request = found.value[0];
    if (request === undefined) return Err(refused(canCloseLinkRequest(undefined, clock.now())));
    return Ok(request);
  }

  return {
    policy,

    async startLinkRequest(input) {
      const parsed = parseInput(startLinkRequestInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { businessCenter, member, permissionLevel, permissions, assignTo } = parsed.value;
      const draft = draftLinkRequest(random);
      return inTransaction(store, clock, requestLockKeys(businessCenter.id, draft.id), async ({ tx, at }) => {
        const pendingRequests = await pendingLinkRequests(tx, businessCenter.id, at);
        const facts = { businessCenter, member, permissionLevel, permissions, assignTo, pendingRequests };
        const d = canStartLinkRequest(facts, policy);
        if (!d.allowed) return Err(denied(d.violations));
        const set = parsePermissionSet(permissions).unwrap(); // checked by canStartLinkRequest
        const request = {
          businessCenterId: businessCenter.id,
          requestedBy: member.userId,
          permissions: set,
          assignToAdAccountId: assignTo?.id,
        };
        return Ok(await openLinkRequest(tx, random, draft, request, at, policy));
      });
    },

    async approveLinkRequest(input) {
      const parsed = parseInput(approveLinkRequestInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { token, account, userId } = parsed.value;
      const found = await requestOfToken(token);
      if (found.isErr()) return found;
      const { id, businessCenterId } = found.value;
      const actor: Actor = { kind: 'user', id: userId };
      const linkId = newLinkId(random);
      const keys = [lockKeys.request(id), ...linkLockKeys(businessCenterId, account.id, linkId)];
      return inTransaction(store, clock, keys, async ({ tx, at }) => {
        const request = await tx.get(linkRequestsTable, id);
        const seen = await observePlacement(tx, businessCenterId, account.id);
        const d = canApproveLinkRequest({ request, at, ...seen }, policy);
        if (request === undefined || !d.allowed) return Err(refused(d));
        const link: BcLinkRecord = {
          id: linkId,
          businessCenterId,
          accountId: account.id,
          permissionLevel: request.permissionLevel,
          permissions: request.permissions,
          method: 'QR_CODE',
          requestId: id,
          linkedAt: at,
          linkedBy: actor,
          account: accountSnapshot(account),
        };
        const approved: LinkRequestRecord = {
          ...request,
          approvedAt: at,
          approvedBy: actor,
          accountId: account.id,
          linkId,
        };
        await tx.update(linkRequestsTable, approved);
        const assignment = await writeLink(tx, random, link, request.assignToAdAccountId);
        return Ok({ request: summarizeLinkRequest(approved, at), link: viewLink(link, at), assignment });
      });
    },

    async rejectLinkRequest(input) {
      const parsed = parseInput(rejectLinkRequestInputSchema, input);
      if (parsed.isErr()) return parsed;
      const found = await requestOfToken(parsed.value.token);
      if (found.isErr()) return found;
      return closeRequest(found.value.id, 'REJECTED', { kind: 'user', id: parsed.value.userId });
    },

    async cancelLinkRequest(input) {
      const parsed = parseInput(cancelLinkRequestInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { businessCenter, member, requestId } = parsed.value;
      const found = await reading(() => store.get(linkRequestsTable, requestId));
      if (found.isErr()) return found;
      // A request's Business Center never changes: checking it outside the lock is safe.
      if (found.value === undefined || found.value.businessCenterId !== businessCenter.id) {
        return Err(notFound('link request', requestId));
      }
      if (member.role !== 'ADMIN') {
        return Err(
          denied([
            {
              rule: 'BC-02',
              code: 'bc.not_bc_admin',
              message: 'Only a Business Center member with Admin access can cancel a link request.',
              details: { userId: member.userId, role: member.role },
            },
          ]),
        );
      }
      return closeRequest(requestId, 'CANCELLED', { kind: 'user', id: member.userId });
    },

    async linkRequestStatus(input) {
      const parsed = parseInput(linkRequestStatusInputSchema, input);
      if (parsed.isErr()) return parsed;
      const got = await reading(() => store.get(linkRequestsTable, parsed.value.requestId));
      if (got.isErr()) return got;
      if (got.value === undefined) return Err(notFound('link request', parsed.value.requestId));
      return Ok(summarizeLinkRequest(got.value, parsed.value.at ?? clock.now()));
    },

    async changeLinkPermissions(input) {
      const parsed = parseInput(changeLinkPermissionsInputSchema, input);
      if (parsed.isErr()) return parsed;
      const set = parsePermissionSet(parsed.value.permissions);
      const actor: Actor = { kind: 'user', id: parsed.value.member.userId };
      const extra = set.isErr() ? set.error.violations : [];
      // The account's lock too: ads decide the account's availability under it (LIFE-02).
      return changeLink(
        parsed.value,
        extra,
        (l) => [lockKeys.link(l.id), lockKeys.account(l.accountId)],
        async (tx, at, link) => {
          const permissions = set.unwrap(); // no violation: the set parsed
          const changed: BcLinkRecord = { ...link, permissions, permissionsChangedAt: at };
          await tx.update(linksTable, changed);
          // LIFE-01: a withdrawn Spark Ads permission pauses the ads relying on it, in this step.
          const assigned = await tx.list(assignmentsTable, 'byLink', { eq: [link.id] });
          const adAccounts = assigned.map((a) => a.adAccountId);
          const eventId = () => newEventId(random);
          await pauseAdsOfUnavailableIdentity(
            tx,
            at,
            actor,
            link.accountId,
            adAccounts,
            'permission_withdrawn',
            eventId,
          );
          tx.append([
            bcEvent<LinkPermissionsChangedEvent>(
              newEventId(random),
              'bc.link_permissions_changed',
              at,
              actor,
              { kind: 'bc_link', id: link.id },
              {
                linkId: link.id,
                businessCenterId: link.businessCenterId,
                accountId: link.accountId,
                before: [...link.permissions],
                after: [...permissions],
              },
            ),
          ]);
          return Ok(viewLink(changed, at));
        },
      );
    },

    async unlink(input) {
      const parsed = parseInput(unlinkInputSchema, input);
      if (parsed.isErr()) return parsed;
      const actor: Actor = { kind: 'user', id: parsed.value.member.userId };
      // Unlinking frees a place under both caps of BC-01: it holds both aggregates' locks.
      const keysOf = (l: BcLinkRecord) => linkLockKeys(l.businessCenterId, l.accountId, l.id);
      return changeLink(parsed.value, [], keysOf, async (tx, at, link) => {
        const removed = await tx.list(assignmentsTable, 'byLink', { eq: [link.id] });
        for (const a of removed) await tx.delete(assignmentsTable, compoundKey(a.linkId, a.adAccountId));
        const ended: BcLinkRecord = { ...link, unlinkedAt: at, unlinkedBy: actor };
        await tx.update(linksTable, ended);
        // LIFE-01: the ads delivered through this link are paused in this step (under `account:`).
        const adAccounts = removed.map((a) => a.adAccountId);
        const eventId = () => newEventId(random);
        await pauseAdsOfUnavailableIdentity(tx, at, actor, link.accountId, adAccounts, 'link_removed', eventId);
        const subject = { kind: 'bc_link', id: link.id };
        tx.append([
          bcEvent<UnlinkedEvent>(newEventId(random), 'bc.unlinked', at, actor, subject, {
            linkId: link.id,
            businessCenterId: link.businessCenterId,
            accountId: link.accountId,
            removedFromAdAccounts: removed.map((a) => a.adAccountId),
          }),
        ]);
        return Ok(viewLink(ended, at));
      });
    },

    async assignToAdAccount(input) {
      const parsed = parseInput(assignmentInputSchema, input);
      if (parsed.isErr()) return parsed;
      const adAccountId = parsed.value.adAccount.id;
      const actor: Actor = { kind: 'user', id: parsed.value.member.userId };
      return changeLink(
        parsed.value,
        [],
        (l) => [lockKeys.link(l.id)],
        async (tx, at, link) => {
          const { assignment } = await assignLink(tx, random, link, adAccountId, at, actor);
          return Ok(assignment);
        },
      );
    },

    async unassignFromAdAccount(input) {
      const parsed = parseInput(assignmentInputSchema, input);
      if (parsed.isErr()) return parsed;
      const adAccountId: AdAccountId = parsed.value.adAccount.id;
      const actor: Actor = { kind: 'user', id: parsed.value.member.userId };
      return changeLink(
        parsed.value,
        [],
        (l) => [lockKeys.link(l.id), lockKeys.account(l.accountId)],
        async (tx, at, link) => {
          const assignment = await tx.get(assignmentsTable, compoundKey(link.id, adAccountId));
          if (assignment === undefined) {
            return Err(
              denied([
                {
                  rule: 'BC-08',
                  code: 'bc.not_assigned',
                  message: `This TikTok account is not assigned to ad account ${adAccountId}.`,
                },
              ]),
            );
          }
          await tx.delete(assignmentsTable, compoundKey(link.id, adAccountId));
          // LIFE-01: the ads of this ad account delivered through the link are paused in this step.
          const eventId = () => newEventId(random);
          await pauseAdsOfUnavailableIdentity(tx, at, actor, link.accountId, [adAccountId], 'link_removed', eventId);
          tx.append([
            bcEvent<AdAccountUnassignedEvent>(
              newEventId(random),
              'bc.ad_account_unassigned',
              at,
              actor,
              { kind: 'bc_link', id: link.id },
              {
                linkId: link.id,
                businessCenterId: link.businessCenterId,
                accountId: link.accountId,
                adAccountId,
              },
            ),
          ]);
          return Ok(assignment);
        },
      );
    },

    async getLink(linkId) {
      const parsed = parseInput(linkIdSchema, linkId);
      if (parsed.isErr()) return parsed;
      const got = await reading(() => store.get(linksTable, parsed.value));
      if (got.isErr()) return got;
      return got.value ? Ok(viewLink(got.value, clock.now())) : Err(notFound('link', parsed.value));
    },

    async listBusinessCenterLinks(businessCenterId) {
      const parsed = parseInput(businessCenterIdSchema, businessCenterId);
      if (parsed.isErr()) return parsed;
      const got = await reading(() => store.list(linksTable, 'activeByBusinessCenter', { eq: [parsed.value] }));
      const at = clock.now();
      return got.map((ls) => ls.map((l) => viewLink(l, at)));
    },

    async listAccountLinks(accountId) {
      const parsed = parseInput(tiktokAccountIdSchema, accountId);
      if (parsed.isErr()) return parsed;
      const id: TikTokAccountId = parsed.value;
      const got = await reading(() => store.list(linksTable, 'activeByAccount', { eq: [id] }));
      const at = clock.now();
      return got.map((ls) => ls.map((l) => viewLink(l, at)));
    },
  };
}
