import { Err, Ok, type Result } from '../kernel/result.js';
import { denied, notFound } from '../kernel/errors.js';
import type { Violation } from '../kernel/decision.js';
import { SYSTEM_ACTOR, advertiserActor, type Actor, type NewEvent } from '../kernel/events.js';
import { isInForce } from '../kernel/authorization.js';
import type { Policy } from '../kernel/policy.js';
import { randomId } from '../kernel/crypto.js';
import { parseInput } from '../kernel/validation.js';
import type { Transaction } from '../ports/store.js';
import { resolveOptions, type ServiceOptions } from '../storage/service-options.js';
import { inTransaction, reading } from '../storage/unit-of-work.js';
import {
  codesTable,
  compoundKey,
  extensionAsksTable,
  libraryTable,
  reminderKey,
  remindersTable,
} from '../storage/tables.js';
import type { AdCodeRecord } from '../spark-codes/spark-codes.model.js';
import { summarizeAdCode } from '../spark-codes/spark-codes.rules.js';
import { authorizationLockKeys, setAuthorizationEnd } from '../spark-codes/spark-codes.workflows.js';
import type {
  AnswerExtensionResult,
  ExtensionAskRecord,
  ExtensionAskView,
  ExtensionResult,
  ReminderRecipient,
  ReminderRecord,
} from './extensions.model.js';
import {
  askNotPending,
  canExtendAuthorization,
  dueReminderOffset,
  extendedEnd,
  extensionAskStatusAt,
  periodViolation,
  timeLeftInWords,
} from './extensions.rules.js';
import {
  answerExtensionInputSchema,
  askExtensionInputSchema,
  extendAuthorizationInputSchema,
  listAsksInputSchema,
  remindDueInputSchema,
  type AnswerExtensionInput,
  type AskExtensionInput,
  type ExtendAuthorizationInput,
  type ListAsksInput,
  type RemindDueInput,
} from './extensions.schemas.js';
import type { ExtensionError, ExtensionQueryError } from './extensions.errors.js';
import {
  extensionEvent,
  type AuthorizationExtendedEvent,
  type ExtensionAskDeclinedEvent,
  type ExtensionAskGrantedEvent,
  type ExtensionAskedEvent,
  type ReminderAuthorizationEndingEvent,
} from './extensions.events.js';

/**
 * What `createExtensions` needs: the options of every service.
 *
 * @example
 * ```ts
 * const options: ExtensionsOptions = { store: memoryStore(), clock: systemClock() };
 * ```
 */
export interface ExtensionsOptions extends ServiceOptions {}

/**
 * Authorizations over time: extensions (EXT-01..03) and reminders (REM-01). Create with
 * `createExtensions`.
 *
 * @example
 * ```ts
 * const ext: Extensions = createExtensions({ store, clock });
 * ```
 */
export interface Extensions {
  /** The policy in force for this service. */
  readonly policy: Policy;
  /**
   * The creator extends an authorization in force by one allowed period (EXT-01): the new end
   * is the current end plus `periodDays × 24 h`. Ads using it keep running; their copies of the
   * end, and the library entries', move in the same step. Refused with every violation: revoked
   * or expired (EXT-02), a period not allowed (EXT-01), a code TikTok issued
   * (`extension.platform_code`). Takes the same locks as a revocation, so the two serialize.
   */
  extendAuthorization(input: ExtendAuthorizationInput): Promise<Result<ExtensionResult, ExtensionError>>;
  /**
   * An ad account with the authorization in its library asks the creator for an extension
   * (EXT-03). One pending ask per (authorization, ad account); the ask lapses after the
   * policy's `extensionAskLifetimeMs` (default 7 days) unless answered.
   */
  askExtension(input: AskExtensionInput): Promise<Result<ExtensionAskView, ExtensionError>>;
  /**
   * The creator grants a pending ask (the period asked for or another allowed one: the
   * authorization is extended as by `extendAuthorization`) or declines it (EXT-03).
   */
  answerExtension(input: AnswerExtensionInput): Promise<Result<AnswerExtensionResult, ExtensionError>>;
  /** A creator's asks or an ad account's, newest first, with their status now (at most `limit`, default 100). */
  listAsks(input: ListAsksInput): Promise<Result<readonly ExtensionAskView[], ExtensionQueryError>>;
  /**
   * The reminder sweep (REM-01): for every authorization in force whose end is within the
   * largest of the policy's `reminderOffsetsMs`, records the reminder now due (the smallest
   * offset whose instant has come; a late sweep skips the farther ones) for the creator and for
   * each ad account with it in its library, once each, with a `reminder.authorization_ending`
   * event whose `message` gives the time left in words. Reads only authorizations ending within
   * the largest offset. Stops once `limit` reminders (default 10,000) are recorded; run it
   * again to go on. Safe to run concurrently on several app servers.
   */
  remindDue(options?: RemindDueInput): Promise<Result<readonly ReminderRecord[], ExtensionQueryError>>;
}

const DEFAULT_LIST_LIMIT = 100;
const DEFAULT_REMIND_LIMIT = 10_000;
const PAGE = 1_000;

/** An ask with its status at `at`. */
const viewAsk = (ask: ExtensionAskRecord, at: Date): ExtensionAskView => ({
  ...ask,
  status: extensionAskStatusAt(ask, at),
});

/**
 * Creates the extensions and reminders service over a store, a clock and a random source.
 * Throws a `TypeError` naming the option when an option is wrong.
 *
 * @example
 * ```ts
 * import { createExtensions, memoryStore, manualClock } from 'tiktok-ad-auth';
 * const ext = createExtensions({ store: memoryStore(), clock: manualClock(new Date('2026-03-01T12:00:00Z')) });
 * const r = await ext.extendAuthorization({ creatorId: 'tt-dana', codeId, periodDays: 30 });
 * if (r.isOk()) console.log(r.value.newEnd);
 * ```
 */
export function createExtensions(options: ExtensionsOptions): Extensions {
  const { store, clock, random, policy } = resolveOptions('createExtensions', options);
  const eventId = () => randomId(random, 'evt_', 16);
  const maxOffset = Math.max(...policy.reminderOffsetsMs);

  /** Reads an authorization outside a transaction, only to learn the locks to take. */
  async function locate(codeId: string): Promise<Result<AdCodeRecord | undefined, ExtensionError>> {
    return reading(() => store.get(codesTable, codeId));
  }

  /**
   * Extends `code` by `periodDays` at `at` (allowed already): writes the new end with
   * `setAuthorizationEnd` and returns the result and its event.
   */
  async function extend(
    tx: Transaction,
    code: AdCodeRecord,
    periodDays: number,
    at: Date,
    by: Actor,
    askId: string | undefined,
  ): Promise<{ result: ExtensionResult; event: NewEvent }> {
    const previousEnd = code.expiresAt;
    const newEnd = extendedEnd(previousEnd, periodDays);
    const entry = { at, periodDays, previousEnd, by, ...(askId === undefined ? {} : { askId }) };
    const next: AdCodeRecord = { ...code, expiresAt: newEnd, extensions: [...(code.extensions ?? []), entry] };
    const moved = await setAuthorizationEnd(tx, next);
    const event = extensionEvent<AuthorizationExtendedEvent>(
      eventId(),
      'extension.authorization_extended',
      at,
      by,
      { kind: 'ad_code', id: code.id },
      {
        codeId: code.id,
        videoId: code.videoId,
        creatorId: code.creatorId,
        previousEnd,
        newEnd,
        periodDays,
        ...(askId === undefined ? {} : { askId }),
      },
    );
    return {
      result: { summary: summarizeAdCode(next, at), previousEnd, newEnd, periodDays, adsMoved: moved.length },
      event,
    };
  }

  /** Records the reminders due for one authorization at `at`, under its locks. */
  async function remindOne(candidate: AdCodeRecord): Promise<Result<ReminderRecord[], ExtensionQueryError>> {
    return inTransaction<ReminderRecord[], never>(
      store,
      clock,
      authorizationLockKeys(candidate),
      async ({ tx, at }) => {
        const code = await tx.get(codesTable, candidate.id);
        if (code === undefined || !isInForce(code, at)) return Ok([]);
        const offsetMs = dueReminderOffset(code.expiresAt, at, policy.reminderOffsetsMs);
        if (offsetMs === undefined) return Ok([]);
        const recipients: ReminderRecipient[] = [{ kind: 'creator', id: code.creatorId }];
        for (const e of await tx.list(libraryTable, 'byCode', { eq: [code.id] })) {
          recipients.push({ kind: 'advertiser', id: e.adAccountId });
        }
        const recorded: ReminderRecord[] = [];
        const events: NewEvent[] = [];
        const message = timeLeftInWords(at, code.expiresAt);
        for (const recipient of recipients) {
          const reminder: ReminderRecord = {
            codeId: code.id,
            creatorId: code.creatorId,
            videoId: code.videoId,
            endsAt: code.expiresAt,
            offsetMs,
            dueAt: new Date(code.expiresAt.getTime() - offsetMs),
            recipient,
            recordedAt: at,
            message,
          };
          if ((await tx.get(remindersTable, reminderKey(reminder))) !== undefined) continue;
          await tx.insert(remindersTable, reminder);
          const { recordedAt: _at, ...data } = reminder;
          events.push(
            extensionEvent<ReminderAuthorizationEndingEvent>(
              eventId(),
              'reminder.authorization_ending',
              at,
              SYSTEM_ACTOR,
              { kind: 'ad_code', id: code.id },
              data,
            ),
          );
          recorded.push(reminder);
        }
        tx.append(events);
        return Ok(recorded);
      },
    );
  }

  return {
    policy,

    async extendAuthorization(input) {
      const parsed = parseInput(extendAuthorizationInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { creatorId, codeId, periodDays } = parsed.value;
      const got = await locate(codeId);
      if (got.isErr()) return got;
      // Another creator's authorization is reported exactly like a missing one.
      if (got.value === undefined || got.value.creatorId !== creatorId) {
        return Err(notFound('authorization', codeId));
      }
      const actor: Actor = { kind: 'creator', id: creatorId };
      return inTransaction<ExtensionResult, ExtensionError>(
        store,
        clock,
        authorizationLockKeys(got.value),
        async ({ tx, at }) => {
          const code = await tx.get(codesTable, codeId);
          if (code === undefined) return Err(notFound('authorization', codeId));
          const decision = canExtendAuthorization({ code, periodDays, at }, policy);
          if (!decision.allowed) return Err(denied(decision.violations));
          const { result, event } = await extend(tx, code, periodDays, at, actor, undefined);
          tx.append([event]);
          return Ok(result);
        },
      );
    },

    async askExtension(input) {
      const parsed = parseInput(askExtensionInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { adAccountId, userId, codeId, periodDays } = parsed.value;
      const notInLibrary: Violation = {
        rule: 'EXT-03',
        code: 'extension.not_in_library',
        message: 'Only an ad account with this post in its Spark Ads library can ask for an extension.',
        details: { codeId },
      };
      const got = await reading(async () => {
        const entry = await store.get(libraryTable, compoundKey(adAccountId, codeId));
        return entry === undefined ? undefined : store.get(codesTable, codeId);
      });
      if (got.isErr()) return got;
      if (got.value === undefined) {
        // Without the post in its library the ad account learns nothing of the authorization.
        const period = periodViolation(periodDays, policy);
        return Err(denied(period === undefined ? [notInLibrary] : [notInLibrary, period]));
      }
      const actor = advertiserActor(adAccountId, userId);
      const id = randomId(random, 'extask_');
      const evtId = eventId();
      return inTransaction<ExtensionAskView, ExtensionError>(
        store,
        clock,
        authorizationLockKeys(got.value),
        async ({ tx, at }) => {
          const code = await tx.get(codesTable, codeId);
          const entry = await tx.get(libraryTable, compoundKey(adAccountId, codeId));
          const v: Violation[] = [];
          if (code === undefined || entry === undefined) v.push(notInLibrary);
          if (code !== undefined) {
            const decision = canExtendAuthorization({ code, periodDays, at }, policy);
            if (!decision.allowed) v.push(...decision.violations);
          }
          const [pending] = await tx.list(extensionAsksTable, 'openByPair', {
            eq: [codeId, adAccountId],
            gte: at.getTime() + 1,
            limit: 1,
          });
          if (pending !== undefined) {
            v.push({
              rule: 'EXT-03',
              code: 'extension.ask_already_pending',
              message:
                'This ad account already asked for an extension; ' +
                `the creator can answer until ${pending.expiresAt.toISOString()}.`,
              details: { askId: pending.id, expiresAt: pending.expiresAt },
            });
          }
          const [first, ...rest] = v;
          if (first !== undefined) return Err(denied([first, ...rest]));
          if (code === undefined) throw new TypeError('askExtension: a missing authorization passed the checks');
          const ask: ExtensionAskRecord = {
            id,
            codeId: code.id,
            adAccountId,
            creatorId: code.creatorId,
            videoId: code.videoId,
            periodDays,
            askedAt: at,
            askedBy: actor,
            expiresAt: new Date(at.getTime() + policy.extensionAskLifetimeMs),
          };
          await tx.insert(extensionAsksTable, ask);
          tx.append([
            extensionEvent<ExtensionAskedEvent>(
              evtId,
              'extension.asked',
              at,
              actor,
              { kind: 'extension_ask', id },
              {
                askId: id,
                codeId: code.id,
                adAccountId,
                creatorId: code.creatorId,
                periodDays,
                expiresAt: ask.expiresAt,
              },
            ),
          ]);
          return Ok(viewAsk(ask, at));
        },
      );
    },

    async answerExtension(input) {
      const parsed = parseInput(answerExtensionInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { creatorId, askId, answer } = parsed.value;
      const got = await reading(async () => {
        const ask = await store.get(extensionAsksTable, askId);
        return ask === undefined || ask.creatorId !== creatorId ? undefined : store.get(codesTable, ask.codeId);
      });
      if (got.isErr()) return got;
      if (got.value === undefined) return Err(notFound('extension ask', askId));
      const actor: Actor = { kind: 'creator', id: creatorId };
      const evtId = eventId();
      return inTransaction<AnswerExtensionResult, ExtensionError>(
        store,
        clock,
        authorizationLockKeys(got.value),
        async ({ tx, at }) => {
          const ask = await tx.get(extensionAsksTable, askId);
          const code = ask === undefined ? undefined : await tx.get(codesTable, ask.codeId);
          if (ask === undefined || code === undefined) return Err(notFound('extension ask', askId));
          const v: Violation[] = [];
          const notPending = askNotPending(ask, at);
          if (notPending !== undefined) v.push(notPending);
          if ('grant' in answer) {
            const decision = canExtendAuthorization({ code, periodDays: answer.grant, at }, policy);
            if (!decision.allowed) v.push(...decision.violations);
          }
          const [first, ...rest] = v;
          if (first !== undefined) return Err(denied([first, ...rest]));
          const subject = { kind: 'extension_ask', id: askId };
          if (!('grant' in answer)) {
            const declined: ExtensionAskRecord = { ...ask, answeredAt: at, answer: { kind: 'DECLINED' } };
            await tx.update(extensionAsksTable, declined);
            tx.append([
              extensionEvent<ExtensionAskDeclinedEvent>(evtId, 'extension.ask_declined', at, actor, subject, {
                askId,
                codeId: ask.codeId,
                adAccountId: ask.adAccountId,
              }),
            ]);
            return Ok({ ask: viewAsk(declined, at) });
          }
          const granted: ExtensionAskRecord = {
            ...ask,
            answeredAt: at,
            answer: { kind: 'GRANTED', periodDays: answer.grant },
          };
          await tx.update(extensionAsksTable, granted);
          const { result, event } = await extend(tx, code, answer.grant, at, actor, askId);
          tx.append([
            extensionEvent<ExtensionAskGrantedEvent>(evtId, 'extension.ask_granted', at, actor, subject, {
              askId,
              codeId: ask.codeId,
              adAccountId: ask.adAccountId,
              askedPeriodDays: ask.periodDays,
              periodDays: answer.grant,
              newEnd: result.newEnd,
            }),
            event,
          ]);
          return Ok({ ask: viewAsk(granted, at), extension: result });
        },
      );
    },

    async listAsks(input) {
      const parsed = parseInput(listAsksInputSchema, input);
      if (parsed.isErr()) return parsed;
      const q = parsed.value;
      const limit = q.limit ?? DEFAULT_LIST_LIMIT;
      const got = await reading(() =>
        'creatorId' in q
          ? store.list(extensionAsksTable, 'byCreator', { eq: [q.creatorId], reverse: true, limit })
          : store.list(extensionAsksTable, 'byAccount', { eq: [q.adAccountId], reverse: true, limit }),
      );
      if (got.isErr()) return got;
      const at = clock.now();
      return Ok(got.value.map((a) => viewAsk(a, at)));
    },

    async remindDue(input) {
      const parsed = parseInput(remindDueInputSchema, input);
      if (parsed.isErr()) return parsed;
      const limit = parsed.value?.limit ?? DEFAULT_REMIND_LIMIT;
      const now = clock.now();
      // Ends in (now, now + largest offset]: a reminder is due from `end - offset` on, included.
      const hi = now.getTime() + maxOffset + 1;
      const recorded: ReminderRecord[] = [];
      // Pages of those authorizations, soonest end first. Rows
      // with the same end as the cursor that were already seen are skipped (ties by key).
      let cursor = now.getTime();
      let seenAtCursor = new Set<string>();
      for (;;) {
        const want = seenAtCursor.size + PAGE;
        const page = await reading(() => store.list(codesTable, 'byExpiry', { gte: cursor, lt: hi, limit: want }));
        if (page.isErr()) return page;
        for (const candidate of page.value) {
          const end = candidate.expiresAt.getTime();
          if (end === cursor && seenAtCursor.has(candidate.id)) continue;
          if (end !== cursor) {
            cursor = end;
            seenAtCursor = new Set();
          }
          seenAtCursor.add(candidate.id);
          // Decided again under the locks; this only skips an authorization ending right now.
          if (dueReminderOffset(candidate.expiresAt, now, policy.reminderOffsetsMs) === undefined) continue;
          const one = await remindOne(candidate);
          if (one.isErr()) return one;
          recorded.push(...one.value);
          if (recorded.length >= limit) return Ok(recorded);
        }
        if (page.value.length < want) return Ok(recorded);
      }
    },
  };
}
