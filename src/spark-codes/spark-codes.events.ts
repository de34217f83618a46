import type { Actor, DomainEvent } from '../kernel/events.js';
import type { AdAccountId, AdCodeId, CreatorId, VideoId } from '../kernel/ids.js';

/** A creator generated a code (SPARK-07). Carries the fingerprint, never the code. */
export type CodeGeneratedEvent = DomainEvent<
  'spark.code_generated',
  {
    readonly codeId: AdCodeId;
    readonly videoId: VideoId;
    readonly creatorId: CreatorId;
    readonly fingerprint: string;
    readonly periodDays: number;
    readonly expiresAt: Date;
  }
>;
/** An ad account confirmed a code: the post is in its Spark Ads library (ADV-02). */
export type AuthorizationConfirmedEvent = DomainEvent<
  'spark.authorization_confirmed',
  {
    readonly codeId: AdCodeId;
    readonly adAccountId: AdAccountId;
    readonly videoId: VideoId;
  }
>;
/** The creator revoked a code (SPARK-10). */
export type CodeRevokedEvent = DomainEvent<
  'spark.code_revoked',
  {
    readonly codeId: AdCodeId;
    readonly videoId: VideoId;
    readonly creatorId: CreatorId;
  }
>;
/** The sweep recorded that a code's period ended (SPARK-11). */
export type CodeExpiredEvent = DomainEvent<
  'spark.code_expired',
  {
    readonly codeId: AdCodeId;
    readonly videoId: VideoId;
    readonly expiresAt: Date;
  }
>;
/** An ad account searched with text that matches no code (counts toward the throttle). */
export type CodeSearchFailedEvent = DomainEvent<
  'spark.code_search_failed',
  {
    readonly adAccountId: AdAccountId;
    readonly reason: 'malformed' | 'mistyped' | 'not_found';
  }
>;

/** Every event of the Spark codes context. */
export type SparkEvent =
  | CodeGeneratedEvent
  | AuthorizationConfirmedEvent
  | CodeRevokedEvent
  | CodeExpiredEvent
  | CodeSearchFailedEvent;

/**
 * Internal: the envelope of a new event; `id` minted by the service, `seq` by the store.
 *
 * @example
 * ```ts
 * tx.append([newEvent<CodeRevokedEvent>(id, 'spark.code_revoked', at, actor, { kind: 'ad_code', id: codeId }, data)]);
 * ```
 */
export function newEvent<E extends SparkEvent>(
  id: string,
  type: E['type'],
  at: Date,
  actor: Actor,
  subject: { kind: string; id: string },
  data: E['data'],
): Omit<E, 'seq'> {
  return { id, type, at, actor, subject, data } as unknown as Omit<E, 'seq'>;
}
