import type { EventId } from './ids.js';

/** Who caused a state change: a creator, an advertiser (ad account), a user, or the system (sweeps). */
export interface Actor {
  readonly kind: 'creator' | 'advertiser' | 'user' | 'system';
  readonly id: string;
}

/**
 * Internal: who acts for an ad account — the named Ads Manager user when given, else the ad
 * account itself.
 */
export function advertiserActor(adAccountId: string, userId: string | undefined): Actor {
  return userId === undefined ? { kind: 'advertiser', id: adAccountId } : { kind: 'user', id: userId };
}

/**
 * The system actor, used by sweeps such as `expireDue`.
 *
 * @example
 * ```ts
 * const bySweep = events.filter((e) => e.actor.kind === SYSTEM_ACTOR.kind);
 * ```
 */
export const SYSTEM_ACTOR: Actor = Object.freeze({ kind: 'system', id: 'system' });

/**
 * The envelope of every domain event: who did what to which subject, and when.
 * `seq` is the event's position in its store's outbox: strictly increasing, no gaps within one
 * store; read events in `seq` order to replay history.
 *
 * @example
 * ```ts
 * const events = await store.readEvents({ after: 0, limit: 100 });
 * for (const e of events) console.log(e.seq, e.type, e.subject.id, e.at.toISOString());
 * ```
 */
export interface DomainEvent<T extends string = string, D = Readonly<Record<string, unknown>>> {
  readonly id: EventId;
  readonly seq: number;
  readonly type: T;
  readonly at: Date;
  readonly actor: Actor;
  readonly subject: { readonly kind: string; readonly id: string };
  readonly data: D;
}

/** An event before the store has given it its `seq`. */
export type NewEvent = Omit<DomainEvent, 'seq'>;
