import type { BcLinkRecord, BusinessCenterStore, DeliveryIdentityStore, LinkRequestRecord } from '../src/index.js';
import { canApproveLinkRequest, linkPlacementViolations } from '../src/index.js';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * NEGATIVE CONTROL — deliberately wrong. A Business Center store that enforces the BC-01 caps and
 * "approved once" by counting, yielding, then writing: the check-then-write anti-pattern of
 * style.md. The cap race checks of the conformance suite must fail on it (more than 800 links);
 * if they ever pass, they have stopped testing anything.
 */
export function naiveBusinessCenterStore(): BusinessCenterStore & DeliveryIdentityStore {
  const requests: LinkRequestRecord[] = [];
  const links: BcLinkRecord[] = [];
  const events: { seq: number }[] = [];
  const active = () => links.filter((l) => l.unlinkedAt === undefined);
  const unsupported = async (): Promise<never> => { throw new Error('naive store: not implemented'); };
  return {
    async readEvents(q = {}) { const after = q.after ?? 0; return events.slice(after, after + (q.limit ?? 1000)) as never; },
    async insertLinkRequest(request, evts) { requests.push(request); evts.forEach((e) => events.push({ ...e, seq: events.length + 1 })); },
    async getLinkRequest(id) { return requests.find((r) => r.id === id); },
    async findLinkRequestByDigest(d) { return requests.find((r) => r.tokenDigest === d); },
    async approveLinkRequest({ tokenDigest, link, at, by, caps, eventsFor }) {
      const i = requests.findIndex((r) => r.tokenDigest === tokenDigest);
      if (i < 0) return { kind: 'not_found' };
      const request = requests[i]!;
      const observation = {
        businessCenterActiveLinks: active().filter((l) => l.businessCenterId === request.businessCenterId).length,
        accountActiveLinks: active().filter((l) => l.accountId === link.accountId).length,
        alreadyLinked: active().some((l) => l.businessCenterId === request.businessCenterId && l.accountId === link.accountId),
      };
      await tick(); // every concurrent approval runs here and sees the same counts
      if (!canApproveLinkRequest({ request, at, ...observation }, caps).allowed) return { kind: 'refused', request, observation };
      const newLink = { ...link, businessCenterId: request.businessCenterId, permissions: request.permissions, requestId: request.id };
      requests[i] = { ...request, approvedAt: at, approvedBy: by, accountId: link.accountId, linkId: link.id };
      links.push(newLink);
      eventsFor({ request: requests[i]!, link: newLink, assignment: undefined }).forEach((e) => events.push({ ...e, seq: events.length + 1 }));
      return { kind: 'approved', request: requests[i]!, link: newLink, assignment: undefined };
    },
    async insertLink({ link, caps, requireAccountUnlinked, events: evts }) {
      const observation = {
        businessCenterActiveLinks: active().filter((l) => l.businessCenterId === link.businessCenterId).length,
        accountActiveLinks: active().filter((l) => l.accountId === link.accountId).length,
        alreadyLinked: active().some((l) => l.businessCenterId === link.businessCenterId && l.accountId === link.accountId),
      };
      await tick(); // check, yield, write: concurrent callers all pass the check
      if (linkPlacementViolations(observation, caps).length > 0 || (requireAccountUnlinked && observation.accountActiveLinks > 0)) return { kind: 'refused', observation };
      links.push(link);
      evts.forEach((e) => events.push({ ...e, seq: events.length + 1 }));
      return { kind: 'inserted', link, assignment: undefined };
    },
    closeLinkRequest: unsupported,
    async getLink(id) { return links.find((l) => l.id === id); },
    async getActiveLink(b, a) { return active().find((l) => l.businessCenterId === b && l.accountId === a); },
    async listActiveLinksOfBusinessCenter(b) { return active().filter((l) => l.businessCenterId === b); },
    async listActiveLinksOfAccount(a) { return active().filter((l) => l.accountId === a); },
    async countActiveLinks(of) { return 'businessCenterId' in of ? active().filter((l) => l.businessCenterId === of.businessCenterId).length : active().filter((l) => l.accountId === of.accountId).length; },
    changeLinkPermissions: unsupported,
    unlink: unsupported,
    assignAdAccount: unsupported,
    unassignAdAccount: unsupported,
    async getAssignment() { return undefined; },
    async listAssignmentsOfAdAccount() { return []; },
    async getOwnedAccount() { return undefined; },
    grantAccountMember: unsupported,
  };
}
