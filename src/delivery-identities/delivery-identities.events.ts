import type { DomainEvent } from '../kernel/events.js';
import type { BcLinkId, BusinessCenterId, TikTokAccountId, UserId } from '../kernel/ids.js';
import type { AccountMemberRole, OwnedAccountKind } from './delivery-identities.model.js';

/** A TikTok account was created in Ads Manager and linked to its Business Center (ASSET-06, ASSET-07). */
export type AccountCreatedEvent = DomainEvent<
  'identity.account_created',
  {
    readonly accountId: TikTokAccountId;
    readonly kind: OwnedAccountKind;
    readonly businessCenterId: BusinessCenterId;
    readonly linkId: BcLinkId;
  }
>;
/** An admin of a created account granted a member access (ASSET-07). */
export type AccountMemberGrantedEvent = DomainEvent<
  'identity.account_member_granted',
  {
    readonly accountId: TikTokAccountId;
    readonly userId: UserId;
    readonly role: AccountMemberRole;
  }
>;

/** Every event of the delivery identities context (links themselves emit `bc.*` events). */
export type DeliveryIdentityEvent = AccountCreatedEvent | AccountMemberGrantedEvent;
