import type { Actor, DomainEvent, NewEvent } from '../kernel/events.js';
import type { AdAccountId, AdCodeId, AdId } from '../kernel/ids.js';
import type { AdIdentity, AdStatus, AdStatusReason, DependencyStateRecord } from './ads.model.js';

/** An ad was created as a draft. */
export type AdCreatedEvent = DomainEvent<
  'ads.created',
  {
    readonly adId: AdId;
    readonly adAccountId: AdAccountId;
    readonly identityType: AdIdentity['type'];
    readonly codeId?: AdCodeId;
    readonly assetAuthorization: boolean;
  }
>;

/** The data of every ad status event. `effectiveAt` is when the change took effect (the expiry, for a sweep). */
export interface AdStatusEventData {
  readonly adId: AdId;
  readonly adAccountId: AdAccountId;
  readonly from: AdStatus;
  readonly to: AdStatus;
  readonly reason?: AdStatusReason;
  readonly codeId?: AdCodeId;
  readonly effectiveAt: Date;
}

/** The event type of each status an ad moves to. */
export type AdStatusEventType =
  | 'ads.submitted'
  | 'ads.approved'
  | 'ads.rejected'
  | 'ads.started'
  | 'ads.paused'
  | 'ads.resumed'
  | 'ads.stopped';

/** An ad changed status (ADV-05, ADV-06): submitted, approved, rejected, started, paused, resumed or stopped. */
export type AdStatusChangedEvent = DomainEvent<AdStatusEventType, AdStatusEventData>;

/**
 * A draft ad was deleted (LIFE-03); it no longer counts toward any limit.
 *
 * @example
 * ```ts
 * const deleted = events.filter((e): e is AdDeletedEvent => e.type === 'ads.ad_deleted');
 * ```
 */
export type AdDeletedEvent = DomainEvent<
  'ads.ad_deleted',
  { readonly adId: AdId; readonly adAccountId: AdAccountId; readonly identityType: AdIdentity['type'] }
>;

/**
 * A change of a post or an account ads depend on was reported (LIFE-01); `pausedAds` is how many
 * approved or running ads it paused (each with its own `ads.paused` event).
 *
 * @example
 * ```ts
 * const banned = events.filter((e) => e.type === 'ads.account_changed' && e.data.state === 'BANNED');
 * ```
 */
export type DependencyReportedEvent = DomainEvent<
  'ads.post_changed' | 'ads.account_changed',
  {
    readonly key: string;
    readonly subjectId: string;
    readonly state: DependencyStateRecord['state'];
    readonly previous?: DependencyStateRecord['state'];
    readonly pausedAds: number;
  }
>;

/** Every event of the ads context. */
export type AdsEvent = AdCreatedEvent | AdStatusChangedEvent | AdDeletedEvent | DependencyReportedEvent;

/** Internal: the event type for a move from `from` to `to`. */
export function statusEventType(from: AdStatus, to: AdStatus): AdStatusEventType {
  switch (to) {
    case 'IN_REVIEW':
      return 'ads.submitted';
    case 'APPROVED':
      return 'ads.approved';
    case 'REJECTED':
      return 'ads.rejected';
    case 'RUNNING':
      return from === 'PAUSED' ? 'ads.resumed' : 'ads.started';
    case 'PAUSED':
      return 'ads.paused';
    case 'STOPPED':
      return 'ads.stopped';
    case 'DRAFT':
      throw new TypeError('no transition leads to DRAFT');
  }
}

/** Internal: the envelope of an ad status event. */
export function adStatusEvent(id: string, at: Date, actor: Actor, data: AdStatusEventData): NewEvent {
  const type = statusEventType(data.from, data.to);
  return { id, type, at, actor, subject: { kind: 'ad', id: data.adId }, data } as unknown as NewEvent;
}
