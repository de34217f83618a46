import type { Actor } from '../kernel/events.js';
import type { AdAccountId, AdCodeId, CreatorId, VideoId } from '../kernel/ids.js';
import type { AdCodeSummary } from '../spark-codes/spark-codes.model.js';

/**
 * Where an advertiser's extension ask stands (EXT-03). `PENDING` while unanswered and before its
 * end (`at < expiresAt`); `LAPSED` from its end on when nobody answered (derived at read: no
 * sweep writes it); `GRANTED` or `DECLINED` once the creator answered.
 *
 * @example
 * ```ts
 * const open = asks.filter((a) => a.status === ('PENDING' satisfies ExtensionAskStatus));
 * ```
 */
export type ExtensionAskStatus = 'PENDING' | 'GRANTED' | 'DECLINED' | 'LAPSED';

/**
 * The creator's answer recorded on an ask: the period granted, or a decline.
 *
 * @example
 * ```ts
 * const answer: ExtensionAskAnswer = { kind: 'GRANTED', periodDays: 30 };
 * ```
 */
export type ExtensionAskAnswer =
  | { readonly kind: 'GRANTED'; readonly periodDays: number }
  | { readonly kind: 'DECLINED' };

/**
 * A stored extension ask (EXT-03): an ad account holding an authorization in its library asks
 * the creator to extend it by `periodDays`.
 *
 * @example
 * ```ts
 * const ask: ExtensionAskRecord = (await ext.askExtension({ adAccountId: 'adv-1', codeId, periodDays: 30 })).unwrap();
 * console.log(ask.expiresAt); // the creator can answer until then
 * ```
 */
export interface ExtensionAskRecord {
  readonly id: string;
  readonly codeId: AdCodeId;
  readonly adAccountId: AdAccountId;
  readonly creatorId: CreatorId;
  readonly videoId: VideoId;
  /** The period the advertiser asked for; the creator may grant another allowed one. */
  readonly periodDays: number;
  readonly askedAt: Date;
  readonly askedBy: Actor;
  /** `askedAt + extensionAskLifetimeMs`: pending while `at < expiresAt` and unanswered. */
  readonly expiresAt: Date;
  readonly answeredAt?: Date;
  readonly answer?: ExtensionAskAnswer;
}

/**
 * An ask as shown to callers: the record with its status at the instant of reading.
 *
 * @example
 * ```ts
 * const asks = (await ext.listAsks({ creatorId: 'tt-dana' })).unwrap();
 * const pending = asks.filter((a: ExtensionAskView) => a.status === 'PENDING');
 * ```
 */
export interface ExtensionAskView extends ExtensionAskRecord {
  readonly status: ExtensionAskStatus;
}

/**
 * Result of an extension: the authorization after it, its previous and new end.
 *
 * @example
 * ```ts
 * const r: ExtensionResult = (await ext.extendAuthorization({ creatorId, codeId, periodDays: 30 })).unwrap();
 * console.log(r.previousEnd, '→', r.newEnd);
 * ```
 */
export interface ExtensionResult {
  readonly summary: AdCodeSummary;
  readonly previousEnd: Date;
  readonly newEnd: Date;
  readonly periodDays: number;
  /** How many ads' copies of the end moved with it (they keep running). */
  readonly adsMoved: number;
}

/**
 * Result of `answerExtension`: the ask after the answer and, for a grant, the extension.
 *
 * @example
 * ```ts
 * const answer = { decline: true } as const;
 * const r: AnswerExtensionResult = (await ext.answerExtension({ creatorId, askId, answer })).unwrap();
 * r.ask.status; // 'DECLINED'
 * ```
 */
export interface AnswerExtensionResult {
  readonly ask: ExtensionAskView;
  readonly extension?: ExtensionResult;
}

/**
 * Who a reminder is for: the creator of the authorization, or an ad account holding it.
 *
 * @example
 * ```ts
 * const to: ReminderRecipient = { kind: 'advertiser', id: 'adv-1' };
 * ```
 */
export interface ReminderRecipient {
  readonly kind: 'creator' | 'advertiser';
  readonly id: string;
}

/**
 * A reminder recorded once (REM-01): for one authorization, one end instant, one offset and one
 * recipient. An extension moves the end, so the reminders of the new end are new ones.
 *
 * @example
 * ```ts
 * for (const r of (await ext.remindDue()).unwrap()) notify(r.recipient, r.message); // 'ends in 6 days'
 * ```
 */
export interface ReminderRecord {
  readonly codeId: AdCodeId;
  readonly creatorId: CreatorId;
  readonly videoId: VideoId;
  /** The authorization's end this reminder is about. */
  readonly endsAt: Date;
  /** How long before `endsAt` it was due (one of the policy's `reminderOffsetsMs`). */
  readonly offsetMs: number;
  /** `endsAt - offsetMs`. */
  readonly dueAt: Date;
  readonly recipient: ReminderRecipient;
  /** When the sweep recorded it (at or after `dueAt`, before `endsAt`). */
  readonly recordedAt: Date;
  /** The time left in words at `recordedAt`: `ends in 6 days`. */
  readonly message: string;
}

/**
 * Renewal advice for an ad's schedule (REM-02): the smallest allowed period whose fresh
 * authorization, starting at the instant of asking, is still in force at the ad's end plus the
 * review time (ADV-05, 24 h); or why no period does.
 *
 * @example
 * ```ts
 * const advice: RenewalAdvice = renewalAdvice(ad.schedule, now, DEFAULT_POLICY);
 * if (advice.covered) console.log(`ask for ${advice.periodDays} days`);
 * else console.log(advice.reason, advice.message);
 * ```
 */
export type RenewalAdvice =
  | {
      readonly covered: true;
      readonly periodDays: number;
      /** The end a fresh authorization of `periodDays` starting now would have. */
      readonly authorizationEnd: Date;
      /** The ad's end plus the review time: what the authorization must outlast. */
      readonly neededUntil: Date;
    }
  | {
      readonly covered: false;
      readonly reason: 'no_end_date' | 'longer_than_longest_period' | 'schedule_ended';
      readonly message: string;
      /** The ad's end plus the review time, when the schedule has an end. */
      readonly neededUntil?: Date;
      /** The longest allowed period, for `longer_than_longest_period`. */
      readonly longestPeriodDays?: number;
    };
