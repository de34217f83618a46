import type { Actor, NewEvent } from '../../kernel/events.js';
import type { AdAccountId, BcLinkId, BusinessCenterId, TikTokAccountId } from '../../kernel/ids.js';
import type { BusinessCenterStore } from '../../ports/business-center-store.js';
import type { DeliveryIdentityStore } from '../../ports/delivery-identity-store.js';
import type { AdAccountAssignment, BcLinkRecord, LinkRequestRecord } from '../../business-center/business-center.model.js';
import { canApproveLinkRequest, linkPlacementViolations, linkRequestStatusAt, type ApprovalObservation } from '../../business-center/business-center.rules.js';
import type { OwnedAccountRecord } from '../../delivery-identities/delivery-identities.model.js';
import { clone } from './clone.js';
import type { Outbox } from './outbox.js';

const pairKey = (a: string, b: string) => `${a}\u0000${b}`;

/**
 * Internal: the Business Center and created-account tables of the memory store. As with the
 * Spark code tables, every method does all its checks, then all its writes, synchronously, so
 * each is atomic under concurrent async callers without locks: the BC-01 caps are counted and
 * the link written with no `await` in between.
 */
export function businessCenterMemory(outbox: Outbox): Omit<BusinessCenterStore, 'readEvents'> & DeliveryIdentityStore {
  const requests = new Map<string, LinkRequestRecord>();
  const requestByDigest = new Map<string, string>();
  const links = new Map<string, BcLinkRecord>();
  const activeByPair = new Map<string, string>();
  const activeByBc = new Map<string, Set<string>>();
  const activeByAccount = new Map<string, Set<string>>();
  const assignments = new Map<string, AdAccountAssignment>(); // key: account \0 adAccount
  const assignmentsByAdAccount = new Map<string, Set<string>>(); // adAccount -> keys
  const assignmentsByLink = new Map<string, Set<string>>(); // linkId -> keys
  const owned = new Map<string, OwnedAccountRecord>();
  const usernames = new Set<string>();

  const observe = (businessCenterId: string, accountId: string): ApprovalObservation => ({
    businessCenterActiveLinks: activeByBc.get(businessCenterId)?.size ?? 0,
    accountActiveLinks: activeByAccount.get(accountId)?.size ?? 0,
    alreadyLinked: activeByPair.has(pairKey(businessCenterId, accountId)),
  });

  const addToSet = (m: Map<string, Set<string>>, k: string, v: string) => {
    const s = m.get(k);
    if (s) s.add(v);
    else m.set(k, new Set([v]));
  };
  const removeFromSet = (m: Map<string, Set<string>>, k: string, v: string) => {
    const s = m.get(k);
    if (!s) return;
    s.delete(v);
    if (s.size === 0) m.delete(k);
  };

  /** Writes a new active link (caller has checked everything). */
  const activate = (link: BcLinkRecord) => {
    links.set(link.id, link);
    activeByPair.set(pairKey(link.businessCenterId, link.accountId), link.id);
    addToSet(activeByBc, link.businessCenterId, link.id);
    addToSet(activeByAccount, link.accountId, link.id);
  };

  const assignment = (link: BcLinkRecord, adAccountId: AdAccountId, at: Date, by: Actor): AdAccountAssignment => ({
    businessCenterId: link.businessCenterId, accountId: link.accountId, adAccountId, linkId: link.id, assignedAt: new Date(at.getTime()), assignedBy: clone(by),
  });
  const writeAssignment = (a: AdAccountAssignment) => {
    const key = pairKey(a.accountId, a.adAccountId);
    // An assignment may move to a newer link (the ad account changed Business Center): the old
    // link must forget it, or unlinking the old link would delete the new assignment.
    const old = assignments.get(key);
    if (old && old.linkId !== a.linkId) removeFromSet(assignmentsByLink, old.linkId, key);
    assignments.set(key, a);
    addToSet(assignmentsByAdAccount, a.adAccountId, key);
    addToSet(assignmentsByLink, a.linkId, key);
  };

  const linksOf = (ids: Set<string> | undefined) => [...(ids ?? [])].map((id) => clone(links.get(id)!));

  return {
    async insertLinkRequest(request, events) {
      if (requests.has(request.id)) throw new Error(`insertLinkRequest: duplicate request id ${request.id}`);
      if (requestByDigest.has(request.tokenDigest)) throw new Error('insertLinkRequest: duplicate token digest');
      const stored = clone(request);
      requests.set(stored.id, stored);
      requestByDigest.set(stored.tokenDigest, stored.id);
      outbox.append(events);
    },

    async getLinkRequest(id) {
      const r = requests.get(id);
      return r && clone(r);
    },

    async findLinkRequestByDigest(digest) {
      const id = requestByDigest.get(digest);
      const r = id === undefined ? undefined : requests.get(id);
      return r && clone(r);
    },

    async approveLinkRequest({ tokenDigest, link, at, by, caps, eventsFor }) {
      const id = requestByDigest.get(tokenDigest);
      const request = id === undefined ? undefined : requests.get(id);
      if (!request) return { kind: 'not_found' };
      if (links.has(link.id)) throw new Error(`approveLinkRequest: duplicate link id ${link.id}`);
      const observation = observe(request.businessCenterId, link.accountId);
      if (!canApproveLinkRequest({ request, at, ...observation }, caps).allowed) return { kind: 'refused', request: clone(request), observation };
      const newLink = clone(link) as { -readonly [K in keyof BcLinkRecord]: BcLinkRecord[K] };
      newLink.businessCenterId = request.businessCenterId;
      newLink.permissionLevel = request.permissionLevel;
      newLink.permissions = request.permissions; // stored arrays are never mutated and are copied on the way out: safe to share between records
      newLink.requestId = request.id;
      const approved: LinkRequestRecord = {
        ...request, approvedAt: new Date(at.getTime()), approvedBy: clone(by), accountId: newLink.accountId, linkId: newLink.id,
      };
      const assigned = request.assignToAdAccountId === undefined ? undefined : assignment(newLink, request.assignToAdAccountId, at, by);
      const out = { request: clone(approved), link: clone(newLink), assignment: assigned && clone(assigned) };
      const events = eventsFor(out);
      requests.set(approved.id, approved);
      activate(newLink);
      if (assigned) writeAssignment(assigned);
      outbox.append(events);
      return { kind: 'approved', ...out };
    },

    async insertLink({ link, caps, requireAccountUnlinked, assignTo, ownedAccount, events }) {
      if (links.has(link.id)) throw new Error(`insertLink: duplicate link id ${link.id}`);
      if (ownedAccount && owned.has(ownedAccount.accountId)) throw new Error(`insertLink: duplicate owned account ${ownedAccount.accountId}`);
      const observation = observe(link.businessCenterId, link.accountId);
      if (linkPlacementViolations(observation, caps).length > 0 || (requireAccountUnlinked && observation.accountActiveLinks > 0)) return { kind: 'refused', observation };
      const username = ownedAccount?.username?.toLowerCase();
      if (username !== undefined && usernames.has(username)) return { kind: 'username_taken' };
      const stored = clone(link);
      const assigned = assignTo === undefined ? undefined : assignment(stored, assignTo, link.linkedAt, link.linkedBy);
      activate(stored);
      if (assigned) writeAssignment(assigned);
      if (ownedAccount) {
        owned.set(ownedAccount.accountId, clone(ownedAccount));
        if (username !== undefined) usernames.add(username);
      }
      outbox.append(events);
      return { kind: 'inserted', link: clone(stored), assignment: assigned && clone(assigned) };
    },

    async closeLinkRequest(id, how, at, by, events) {
      const request = requests.get(id);
      if (!request) return { kind: 'not_found' };
      if (linkRequestStatusAt(request, at) !== 'PENDING') return { kind: 'not_pending', request: clone(request) };
      const closed: LinkRequestRecord = how === 'REJECTED'
        ? { ...request, rejectedAt: new Date(at.getTime()), rejectedBy: clone(by) }
        : { ...request, cancelledAt: new Date(at.getTime()), cancelledBy: clone(by) };
      requests.set(id, closed);
      outbox.append(events);
      return { kind: 'closed', request: clone(closed) };
    },

    async getLink(id) {
      const l = links.get(id);
      return l && clone(l);
    },

    async getActiveLink(businessCenterId: BusinessCenterId, accountId: TikTokAccountId) {
      const id = activeByPair.get(pairKey(businessCenterId, accountId));
      return id === undefined ? undefined : clone(links.get(id)!);
    },

    async listActiveLinksOfBusinessCenter(businessCenterId) {
      return linksOf(activeByBc.get(businessCenterId));
    },

    async listActiveLinksOfAccount(accountId) {
      return linksOf(activeByAccount.get(accountId));
    },

    async countActiveLinks(of) {
      return 'businessCenterId' in of ? (activeByBc.get(of.businessCenterId)?.size ?? 0) : (activeByAccount.get(of.accountId)?.size ?? 0);
    },

    async changeLinkPermissions(id, permissions, at, events) {
      const link = links.get(id);
      if (!link) return { kind: 'not_found' };
      if (activeByPair.get(pairKey(link.businessCenterId, link.accountId)) !== id) return { kind: 'not_active', link: clone(link) };
      const updated: BcLinkRecord = { ...link, permissions: clone(permissions), permissionsChangedAt: new Date(at.getTime()) };
      links.set(id, updated);
      outbox.append(events);
      return { kind: 'changed', link: clone(updated), removedAssignments: [] };
    },

    async unlink(id, at, by, eventsFor) {
      const link = links.get(id);
      if (!link) return { kind: 'not_found' };
      if (activeByPair.get(pairKey(link.businessCenterId, link.accountId)) !== id) return { kind: 'not_active', link: clone(link) };
      const keys = [...(assignmentsByLink.get(id) ?? [])];
      const removed = keys.map((k) => assignments.get(k)!);
      const events: readonly NewEvent[] = eventsFor(removed.map(clone)); // built before any write: a throwing builder leaves no trace
      const updated: BcLinkRecord = { ...link, unlinkedAt: new Date(at.getTime()), unlinkedBy: clone(by) };
      links.set(id, updated);
      activeByPair.delete(pairKey(link.businessCenterId, link.accountId));
      removeFromSet(activeByBc, link.businessCenterId, id);
      removeFromSet(activeByAccount, link.accountId, id);
      for (const a of removed) {
        const key = pairKey(a.accountId, a.adAccountId);
        assignments.delete(key);
        removeFromSet(assignmentsByAdAccount, a.adAccountId, key);
      }
      assignmentsByLink.delete(id);
      outbox.append(events);
      return { kind: 'changed', link: clone(updated), removedAssignments: removed.map(clone) };
    },

    async assignAdAccount(linkIds, adAccountId, at, by, eventsFor) {
      const inactive: BcLinkId[] = [];
      const added: AdAccountAssignment[] = [];
      const seen = new Set<string>();
      for (const id of linkIds) {
        const link = links.get(id);
        if (!link || activeByPair.get(pairKey(link.businessCenterId, link.accountId)) !== id) {
          inactive.push(id);
          continue;
        }
        const key = pairKey(link.accountId, adAccountId);
        if (seen.has(key) || assignments.get(key)?.linkId === id) continue;
        seen.add(key);
        added.push(assignment(link, adAccountId, at, by));
      }
      if (inactive.length > 0) return { kind: 'links_not_active', linkIds: inactive };
      const events = eventsFor(added.map(clone));
      for (const a of added) {
        // A stale assignment of the same account through an older link is replaced.
        writeAssignment(a);
      }
      outbox.append(events);
      return { kind: 'assigned', assignments: added.map(clone) };
    },

    async unassignAdAccount(linkId, adAccountId, events) {
      const link = links.get(linkId);
      if (!link) return { kind: 'not_assigned' };
      const key = pairKey(link.accountId, adAccountId);
      const a = assignments.get(key);
      if (!a || a.linkId !== linkId) return { kind: 'not_assigned' };
      assignments.delete(key);
      removeFromSet(assignmentsByAdAccount, adAccountId, key);
      removeFromSet(assignmentsByLink, linkId, key);
      outbox.append(events);
      return { kind: 'unassigned', assignment: clone(a) };
    },

    async getAssignment(accountId, adAccountId) {
      const a = assignments.get(pairKey(accountId, adAccountId));
      return a && clone(a);
    },

    async listAssignmentsOfAdAccount(adAccountId) {
      return [...(assignmentsByAdAccount.get(adAccountId) ?? [])].map((k) => clone(assignments.get(k)!));
    },

    async getOwnedAccount(accountId) {
      const o = owned.get(accountId);
      return o && clone(o);
    },

    async grantAccountMember(accountId, grantedBy, userId, role, at, by, events) {
      const account = owned.get(accountId);
      if (!account) return { kind: 'not_found' };
      if (!account.members.some((m) => m.userId === grantedBy && m.role === 'ADMIN')) return { kind: 'not_admin', account: clone(account) };
      const member = { userId, role, grantedAt: new Date(at.getTime()), grantedBy: clone(by) };
      const updated: OwnedAccountRecord = { ...account, members: [...account.members.filter((m) => m.userId !== userId), member] };
      owned.set(accountId, updated);
      outbox.append(events);
      return { kind: 'granted', account: clone(updated), member: clone(member) };
    },
  };
}
