import type { Actor, DomainEvent } from '../kernel/events.js';
import type { AdAccountId, AdCodeId, CreatorId, VideoId } from '../kernel/ids.js';
import type { BrandRequestId } from './requests.model.js';

/** An ad account asked a creator to authorize a video (REQ-01). */
export type RequestCreatedEvent = DomainEvent<
  'request.created',
  {
    readonly requestId: BrandRequestId;
    readonly adAccountId: AdAccountId;
    readonly creatorId: CreatorId;
    readonly videoId: VideoId;
    readonly periodDays: number;
    readonly expiresAt: Date;
  }
>;
/** The creator accepted: the authorization `codeId` (origin `REQUEST`) is in the ad account's library (REQ-03). */
export type RequestAcceptedEvent = DomainEvent<
  'request.accepted',
  {
    readonly requestId: BrandRequestId;
    readonly adAccountId: AdAccountId;
    readonly creatorId: CreatorId;
    readonly videoId: VideoId;
    readonly codeId: AdCodeId;
    readonly periodDays: number;
    readonly authorizationEndsAt: Date;
  }
>;
/** The creator declined a request (REQ-01). */
export type RequestDeclinedEvent = DomainEvent<
  'request.declined',
  {
    readonly requestId: BrandRequestId;
    readonly adAccountId: AdAccountId;
    readonly creatorId: CreatorId;
    readonly reason?: string;
  }
>;
/** The ad account cancelled its request (REQ-01). */
export type RequestCancelledEvent = DomainEvent<
  'request.cancelled',
  {
    readonly requestId: BrandRequestId;
    readonly adAccountId: AdAccountId;
    readonly creatorId: CreatorId;
  }
>;

/** Every event of the brand requests context. A request's expiry is derived and has no event. */
export type RequestEvent = RequestCreatedEvent | RequestAcceptedEvent | RequestDeclinedEvent | RequestCancelledEvent;

/**
 * Internal: the envelope of a new event; `id` minted by the service, `seq` by the store.
 *
 * @example
 * ```ts
 * tx.append([requestEvent<RequestCancelledEvent>(id, 'request.cancelled', at, actor, requestId, data)]);
 * ```
 */
export function requestEvent<E extends RequestEvent>(
  id: string,
  type: E['type'],
  at: Date,
  actor: Actor,
  requestId: BrandRequestId,
  data: E['data'],
): Omit<E, 'seq'> {
  return { id, type, at, actor, subject: { kind: 'brand_request', id: requestId }, data } as unknown as Omit<E, 'seq'>;
}
