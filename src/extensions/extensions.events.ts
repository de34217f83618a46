import type { Actor, DomainEvent } from '../kernel/events.js';
import type { AdAccountId, AdCodeId, CreatorId, VideoId } from '../kernel/ids.js';
import type { ReminderRecipient } from './extensions.model.js';

/** A creator extended an authorization (EXT-01), on its own or granting an ask (`askId`, EXT-03). */
export type AuthorizationExtendedEvent = DomainEvent<
  'extension.authorization_extended',
  {
    readonly codeId: AdCodeId;
    readonly videoId: VideoId;
    readonly creatorId: CreatorId;
    readonly previousEnd: Date;
    readonly newEnd: Date;
    readonly periodDays: number;
    readonly askId?: string;
  }
>;
/** An ad account asked the creator for an extension (EXT-03). */
export type ExtensionAskedEvent = DomainEvent<
  'extension.asked',
  {
    readonly askId: string;
    readonly codeId: AdCodeId;
    readonly adAccountId: AdAccountId;
    readonly creatorId: CreatorId;
    readonly periodDays: number;
    readonly expiresAt: Date;
  }
>;
/** The creator granted an ask (EXT-03); an `extension.authorization_extended` event comes with it. */
export type ExtensionAskGrantedEvent = DomainEvent<
  'extension.ask_granted',
  {
    readonly askId: string;
    readonly codeId: AdCodeId;
    readonly adAccountId: AdAccountId;
    readonly askedPeriodDays: number;
    readonly periodDays: number;
    readonly newEnd: Date;
  }
>;
/** The creator declined an ask (EXT-03). */
export type ExtensionAskDeclinedEvent = DomainEvent<
  'extension.ask_declined',
  { readonly askId: string; readonly codeId: AdCodeId; readonly adAccountId: AdAccountId }
>;
/** A reminder that an authorization ends soon (REM-01), recorded once per (end, offset, recipient). */
export type ReminderAuthorizationEndingEvent = DomainEvent<
  'reminder.authorization_ending',
  {
    readonly codeId: AdCodeId;
    readonly videoId: VideoId;
    readonly creatorId: CreatorId;
    readonly recipient: ReminderRecipient;
    readonly endsAt: Date;
    readonly offsetMs: number;
    readonly dueAt: Date;
    /** The time left in words: `ends in 6 days`. */
    readonly message: string;
  }
>;

/** Every event of the extensions context. */
export type ExtensionEvent =
  | AuthorizationExtendedEvent
  | ExtensionAskedEvent
  | ExtensionAskGrantedEvent
  | ExtensionAskDeclinedEvent
  | ReminderAuthorizationEndingEvent;

/**
 * Internal: the envelope of a new event; `id` minted by the service, `seq` by the store.
 *
 * @example
 * ```ts
 * tx.append([extensionEvent<ExtensionAskedEvent>(id, 'extension.asked', at, actor, subject, data)]);
 * ```
 */
export function extensionEvent<E extends ExtensionEvent>(
  id: string,
  type: E['type'],
  at: Date,
  actor: Actor,
  subject: { kind: string; id: string },
  data: E['data'],
): Omit<E, 'seq'> {
  return { id, type, at, actor, subject, data } as unknown as Omit<E, 'seq'>;
}
