import type { Actor, DomainEvent } from '../kernel/events.js';
import type { AdAccountId, BcLinkId, BusinessCenterId, LinkRequestId, TikTokAccountId } from '../kernel/ids.js';
import type { LinkMethod } from './business-center.model.js';
import type { LinkPermission } from './permissions.js';

/** A BC admin started a QR link request (BC-02..06). Carries the token fingerprint, never the token. */
export type LinkRequestedEvent = DomainEvent<
  'bc.link_requested',
  {
    readonly requestId: LinkRequestId;
    readonly businessCenterId: BusinessCenterId;
    readonly tokenFingerprint: string;
    readonly permissions: readonly LinkPermission[];
    readonly expiresAt: Date;
    readonly assignToAdAccountId?: AdAccountId;
  }
>;
/** A link became active: a QR approval (BC-07) or a link made in Ads Manager (ASSET-04, -06, -07). */
export type LinkApprovedEvent = DomainEvent<
  'bc.link_approved',
  {
    readonly linkId: BcLinkId;
    readonly businessCenterId: BusinessCenterId;
    readonly accountId: TikTokAccountId;
    readonly method: LinkMethod;
    readonly requestId?: LinkRequestId;
    readonly permissions: readonly LinkPermission[];
  }
>;
/** A user of the account rejected a link request. */
export type LinkRequestRejectedEvent = DomainEvent<
  'bc.link_request_rejected',
  {
    readonly requestId: LinkRequestId;
    readonly businessCenterId: BusinessCenterId;
  }
>;
/** A BC admin cancelled a pending link request. */
export type LinkRequestCancelledEvent = DomainEvent<
  'bc.link_request_cancelled',
  {
    readonly requestId: LinkRequestId;
    readonly businessCenterId: BusinessCenterId;
  }
>;
/** A BC admin changed a link's permissions. */
export type LinkPermissionsChangedEvent = DomainEvent<
  'bc.link_permissions_changed',
  {
    readonly linkId: BcLinkId;
    readonly businessCenterId: BusinessCenterId;
    readonly accountId: TikTokAccountId;
    readonly before: readonly LinkPermission[];
    readonly after: readonly LinkPermission[];
  }
>;
/** A link ended; its ad account assignments were removed with it. */
export type UnlinkedEvent = DomainEvent<
  'bc.unlinked',
  {
    readonly linkId: BcLinkId;
    readonly businessCenterId: BusinessCenterId;
    readonly accountId: TikTokAccountId;
    readonly removedFromAdAccounts: readonly AdAccountId[];
  }
>;
/** A linked account was assigned to an ad account (BC-08, ASSET-03..07). */
export type AdAccountAssignedEvent = DomainEvent<
  'bc.ad_account_assigned',
  {
    readonly linkId: BcLinkId;
    readonly businessCenterId: BusinessCenterId;
    readonly accountId: TikTokAccountId;
    readonly adAccountId: AdAccountId;
  }
>;
/** An assignment was removed. */
export type AdAccountUnassignedEvent = DomainEvent<
  'bc.ad_account_unassigned',
  {
    readonly linkId: BcLinkId;
    readonly businessCenterId: BusinessCenterId;
    readonly accountId: TikTokAccountId;
    readonly adAccountId: AdAccountId;
  }
>;

/** Every event of the Business Center context. */
export type BusinessCenterEvent =
  | LinkRequestedEvent
  | LinkApprovedEvent
  | LinkRequestRejectedEvent
  | LinkRequestCancelledEvent
  | LinkPermissionsChangedEvent
  | UnlinkedEvent
  | AdAccountAssignedEvent
  | AdAccountUnassignedEvent;

/** Internal: the envelope of a new event; `id` minted by the service, `seq` by the store. */
export function bcEvent<E extends BusinessCenterEvent>(
  id: string,
  type: E['type'],
  at: Date,
  actor: Actor,
  subject: { kind: string; id: string },
  data: E['data'],
): Omit<E, 'seq'> {
  return { id, type, at, actor, subject, data } as unknown as Omit<E, 'seq'>;
}
