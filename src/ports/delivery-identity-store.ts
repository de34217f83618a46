import type { Actor, NewEvent } from '../kernel/events.js';
import type { TikTokAccountId, UserId } from '../kernel/ids.js';
import type { AccountMember, AccountMemberRole, OwnedAccountRecord } from '../delivery-identities/delivery-identities.model.js';

/** Outcome of `grantAccountMember`. */
export type GrantMemberOutcome =
  | { readonly kind: 'granted'; readonly account: OwnedAccountRecord; readonly member: AccountMember }
  /** `by` is not an `ADMIN` member of the account at the time of the write: nothing written. */
  | { readonly kind: 'not_admin'; readonly account: OwnedAccountRecord }
  | { readonly kind: 'not_found' };

/**
 * Storage for TikTok accounts created in Ads Manager (ASSET-06, ASSET-07). They are inserted
 * together with their link by `BusinessCenterStore.insertLink`. Same atomicity and event rules
 * as every store port.
 */
export interface DeliveryIdentityStore {
  /** The created account with this id, or `undefined`. */
  getOwnedAccount(accountId: TikTokAccountId): Promise<OwnedAccountRecord | undefined>;
  /**
   * ASSET-07: when `grantedBy` is an `ADMIN` member of the account, sets `userId`'s role (adding
   * or replacing its membership) and appends `events`, in one step.
   */
  grantAccountMember(accountId: TikTokAccountId, grantedBy: UserId, userId: UserId, role: AccountMemberRole, at: Date, by: Actor, events: readonly NewEvent[]): Promise<GrantMemberOutcome>;
}
