import type * as z from 'zod/mini';
import { Err, Ok, type Result } from '../kernel/result.js';
import { denied, notFound, type DeniedError, type StorageError, type ValidationError } from '../kernel/errors.js';
import type { Violation } from '../kernel/decision.js';
import { SYSTEM_ACTOR, advertiserActor, type Actor, type NewEvent } from '../kernel/events.js';
import type { AdAccountId, AdCodeId, CreatorId } from '../kernel/ids.js';
import type { Policy } from '../kernel/policy.js';
import { plusDays, plusMs } from '../kernel/time.js';
import { parseInput } from '../kernel/validation.js';
import { bytesToHex, hexToBytes, randomBytes, randomId, utf8ToBytes } from '../kernel/crypto.js';
import type { StoreReader, Transaction } from '../ports/store.js';
import { resolveOptions, type ServiceOptions } from '../storage/service-options.js';
import { inTransaction, reading } from '../storage/unit-of-work.js';
import { adsTable, codesTable, compoundKey, failedSearchesTable, libraryTable } from '../storage/tables.js';
import { batchItemsTable, type BatchItemRow } from '../storage/tables.js';
import { authorizationLockKeys } from './spark-codes.workflows.js';
import {
  MAX_BATCH_ITEMS,
  confirmCodesInputSchema,
  revokeAllCodesInputSchema,
  type ConfirmCodesInput,
  type RevokeAllCodesInput,
} from './spark-codes.schemas.js';
import type { AdRef } from '../ads/ads.model.js';
import { revocationEffects, stoppedByExpiry } from '../ads/ads.rules.js';
import { adStatusEvent } from '../ads/ads.events.js';
import { adRef, pauseAds } from '../ads/ads.workflows.js';
import {
  MIN_SECRET_BYTES,
  adCodeDeriver,
  adCodeFingerprint,
  issuedCodeDigest,
  parseAdCode,
  type AdCode,
  type AdCodeFormatError,
} from './ad-code.js';
import type { AdCodeRecord, AdCodeStatus, AdCodeSummary, LibraryEntry, VideoPreview } from './spark-codes.model.js';
import { adCodeStatusAt, canApplyAdCode, canGenerateAdCode, isInForce, summarizeAdCode } from './spark-codes.rules.js';
import { codeInForceForVideo, previewOf } from './spark-codes.workflows.js';
import {
  adAccountIdSchema,
  advertiserFactsSchema,
  codeStatusInputSchema,
  confirmCodeInputSchema,
  creatorIdSchema,
  expireDueInputSchema,
  generateCodeInputSchema,
  listExpiringInputSchema,
  revokeCodeInputSchema,
  searchCodeInputSchema,
  showCodeInputSchema,
  type CodeStatusInput,
  type ConfirmCodeInput,
  type ExpireDueInput,
  type GenerateCodeInput,
  type ListExpiringInput,
  type RevokeCodeInput,
  type SearchCodeInput,
  type ShowCodeInput,
} from './spark-codes.schemas.js';
import type {
  ConfirmCodeError,
  GenerateCodeError,
  QueryError,
  RevokeCodeError,
  SearchCodeError,
  SearchThrottledError,
  ShowCodeError,
} from './spark-codes.errors.js';
import {
  newEvent,
  type AuthorizationConfirmedEvent,
  type CodeExpiredEvent,
  type CodeGeneratedEvent,
  type CodeRevokedEvent,
  type CodeSearchFailedEvent,
} from './spark-codes.events.js';

/** The facts as parsed: the same as given, with branded ids. */
type Advertiser = z.output<typeof advertiserFactsSchema>;

/**
 * What `createSparkCodes` needs: the options of every service, plus the secret codes are
 * derived from.
 *
 * @example
 * ```ts
 * const options: SparkCodesOptions = { store: memoryStore(), codeSecret: process.env.CODE_SECRET! };
 * ```
 */
export interface SparkCodesOptions extends ServiceOptions {
  /**
   * The service secret codes are derived from (at least 32 bytes, or a string of at least 32
   * UTF-8 bytes). Keep it out of the database: with it the creator can be shown a code again
   * (SPARK-09) although the store holds only digests. Changing it makes existing codes
   * impossible to show again (they still work for search and confirm).
   */
  readonly codeSecret: string | Uint8Array;
}

/**
 * A freshly generated code. `code` is returned only here and by `showCode`.
 *
 * @example
 * ```ts
 * const generated: GeneratedCode = (await spark.generateCode({ creator, video, periodDays: 30 })).unwrap();
 * sendToBrand(generated.code);
 * ```
 */
export interface GeneratedCode {
  readonly code: AdCode;
  readonly summary: AdCodeSummary;
}

/**
 * What an advertiser sees after a successful search (ADV-02). Nothing was granted.
 *
 * @example
 * ```ts
 * const found: CodeSearchResult = (await spark.searchCode({ advertiser, code: pasted })).unwrap();
 * console.log(found.preview.creatorName, found.expiresAt);
 * ```
 */
export interface CodeSearchResult {
  readonly preview: VideoPreview;
  readonly codeId: AdCodeId;
  readonly status: AdCodeStatus;
  readonly expiresAt: Date;
}

/**
 * Result of `confirmCode`: the library entry, and whether this call added it.
 *
 * @example
 * ```ts
 * const { entry, added }: ConfirmResult = (await spark.confirmCode({ advertiser, code: pasted })).unwrap();
 * ```
 */
export interface ConfirmResult {
  readonly entry: LibraryEntry;
  /** `false` when the ad account had already confirmed this code (idempotent). */
  readonly added: boolean;
}

/**
 * Result of `revokeCode`.
 *
 * @example
 * ```ts
 * const r: RevokeResult = (await spark.revokeCode({ creatorId, codeId })).unwrap();
 * for (const ad of r.pausedAds) notify(ad.adAccountId, ad.id);
 * ```
 */
export interface RevokeResult {
  readonly summary: AdCodeSummary;
  /** `false` when the code was already revoked or expired (idempotent). */
  readonly revoked: boolean;
  /** The ads the revocation paused in the same atomic step (ADV-06), oldest first; empty when none. */
  readonly pausedAds: readonly AdRef[];
}

// --- batches (issue 14, BAT-01) ---

/**
 * The result of one item of `confirmCodes` (BAT-01): `applied` (this key added the post to the
 * library), `already_applied` (the ad account had it already) or `refused` (with the error;
 * nothing recorded, so the item may be retried once the problem is fixed).
 *
 * @example
 * ```ts
 * const results = (await spark.confirmCodes({ advertiser, items })).unwrap();
 * const refused = results.filter((r: BatchItemResult) => r.result === 'refused');
 * ```
 */
export interface BatchItemResult {
  readonly idempotencyKey: string;
  readonly result: 'applied' | 'already_applied' | 'refused';
  /** The library entry, unless refused. */
  readonly entry?: LibraryEntry;
  /** Why the item was refused. */
  readonly error?: ConfirmCodeError;
  /** `true` when this is the outcome an earlier run of the same key recorded (nothing applied now). */
  readonly replayed?: boolean;
}

/**
 * The result of one code of `revokeAllCodes` (BAT-01): `revoked`, `already_ended` (revoked or
 * expired meanwhile) or `refused` (e.g. SPARK-10 `spark.code_in_use_by_ads`, with the error).
 *
 * @example
 * ```ts
 * const results = (await spark.revokeAllCodes({ creatorId })).unwrap();
 * for (const r of results) if (r.result === 'refused') console.log(r.codeId, r.error);
 * ```
 */
export interface RevokeAllItemResult {
  readonly codeId: AdCodeId;
  readonly result: 'revoked' | 'already_ended' | 'refused';
  readonly summary?: AdCodeSummary;
  /** The ads the revocation paused (ADV-06). */
  readonly pausedAds?: readonly AdRef[];
  readonly error?: RevokeCodeError;
}

/**
 * Errors of a whole batch (BAT-01): bad input, or `denied` `batch.too_many_items`. A batch
 * never fails for one item: items report their own errors.
 *
 * @example
 * ```ts
 * const explain = (e: BatchError) => (e.code === 'denied' ? e.violations[0].code : e.code);
 * ```
 */
export type BatchError = ValidationError | DeniedError;

/**
 * Result of `expireDue`: the codes whose expiry it recorded and the ads it stopped.
 *
 * @example
 * ```ts
 * const { codes, stoppedAds }: ExpireDueResult = (await spark.expireDue()).unwrap();
 * ```
 */
export interface ExpireDueResult {
  /** The codes whose expiry was recorded (one `spark.code_expired` event each), oldest expiry first. */
  readonly codes: readonly AdCodeSummary[];
  /** The ads stopped because their authorization expired (one `ads.stopped` event each). */
  readonly stoppedAds: readonly AdRef[];
}

/**
 * A library entry with whether its authorization is in force now.
 *
 * @example
 * ```ts
 * const usable = (await spark.listLibrary('adv-1')).unwrap().filter((e: LibraryEntryView) => e.inForce);
 * ```
 */
export interface LibraryEntryView extends LibraryEntry {
  readonly inForce: boolean;
  readonly expiresAt: Date;
}

/**
 * The Spark Ads authorization code workflows. Create with `createSparkCodes`.
 *
 * @example
 * ```ts
 * const spark: SparkCodes = createSparkCodes({ store: memoryStore(), codeSecret });
 * ```
 */
export interface SparkCodes {
  /** The policy in force for this service. */
  readonly policy: Policy;
  /**
   * The creator generates a code for a video (SPARK-01..08). Refused with every violation,
   * including a code already in force for the video (SPARK-12: revoke it first). The printed
   * code is returned once; the store keeps only its digest.
   */
  generateCode(input: GenerateCodeInput): Promise<Result<GeneratedCode, GenerateCodeError>>;
  /** Shows the creator's code again, while in force (SPARK-09). */
  showCode(
    input: ShowCodeInput,
  ): Promise<Result<{ readonly code: AdCode; readonly summary: AdCodeSummary }, ShowCodeError>>;
  /**
   * The advertiser searches with a pasted code: a preview, nothing granted (ADV-02, ADV-03).
   * Text that finds no code counts toward the ad account's failed-search limit.
   */
  searchCode(input: SearchCodeInput): Promise<Result<CodeSearchResult, SearchCodeError>>;
  /** The advertiser confirms: the post joins the ad account's Spark Ads library (ADV-02). Idempotent. */
  confirmCode(input: ConfirmCodeInput): Promise<Result<ConfirmResult, ConfirmCodeError>>;
  /**
   * The creator revokes a code (SPARK-10). Idempotent; revocation is terminal. With the
   * default `revocationMode: 'pause-ads'` every approved or running ad using the code is
   * paused in the same atomic step (ADV-06, one `ads.paused` event each); with
   * `'block-while-in-use'` the revocation is refused (`spark.code_in_use_by_ads`, the ads in
   * `details.adIds`) while any ad is in review, approved, running or paused.
   */
  revokeCode(input: RevokeCodeInput): Promise<Result<RevokeResult, RevokeCodeError>>;
  /**
   * The expiry sweep (SPARK-11, ADV-06): records the expiry of every code whose period ended,
   * once each, with a `spark.code_expired` event (none for a code revoked before its end), and
   * in the same step stops the ads whose authorization expired (`ads.stopped`). At most
   * `limit` codes (default 10,000), oldest expiry first; each code is one atomic step, so a
   * storage failure midway keeps the codes already recorded and running it again finishes.
   */
  expireDue(options?: ExpireDueInput): Promise<Result<ExpireDueResult, StorageError | ValidationError>>;
  /** A code's Business API status at an instant (default now). */
  codeStatus(input: CodeStatusInput): Promise<Result<AdCodeSummary, QueryError>>;
  /** A creator's codes, newest first, with their status now. */
  listCreatorCodes(creatorId: string): Promise<Result<readonly AdCodeSummary[], QueryError>>;
  /** An ad account's Spark Ads library, oldest confirmation first, with whether each is in force now. */
  listLibrary(adAccountId: string): Promise<Result<readonly LibraryEntryView[], QueryError>>;
  /** Codes in force now (or at `from`) that expire within `withinMs`, soonest first. */
  listExpiring(input: ListExpiringInput): Promise<Result<readonly AdCodeSummary[], QueryError>>;
  // --- batches (issue 14, BAT-01) ---
  /**
   * Applies up to 20 codes in one call (BAT-01), each as `confirmCode` does and in its own
   * transaction, with a result per item: one refused item never hides or undoes the others.
   * Each item's idempotency key is recorded with its outcome in the transaction that applies
   * it: a retried item (even concurrently) returns the recorded outcome and applies nothing
   * again; the same key with another code is refused (`batch.idempotency_key_reused`). More
   * than 20 items: denied `batch.too_many_items`, nothing applied.
   */
  confirmCodes(input: ConfirmCodesInput): Promise<Result<readonly BatchItemResult[], BatchError>>;
  /**
   * Revokes every code of the creator in force (BAT-01), one by one with `revokeCode`'s step
   * (ads paused per `revocationMode`), with a result per code: a code refused (SPARK-10 in
   * `'block-while-in-use'` mode) is reported and the others are still revoked. Codes TikTok
   * issued that an ad account registered (origin `REGISTERED`) are not the creator's to revoke here.
   */
  revokeAllCodes(input: RevokeAllCodesInput): Promise<Result<readonly RevokeAllItemResult[], QueryError>>;
}

const NONCE_BYTES = 32;
const DEFAULT_SWEEP_LIMIT = 10_000;

/** A code a search found, and the instant it was found at. */
interface Found {
  readonly record: AdCodeRecord;
  readonly at: Date;
}

/** What the sweep did to one code: its summary when it recorded an expiry, and the ads it stopped. */
interface SweptCode {
  readonly code: AdCodeSummary | undefined;
  readonly stopped: readonly AdRef[];
}

/** The violation of a pasted text that is not one of our codes (SPARK-08). */
function formatViolation(problem: AdCodeFormatError | 'mistyped'): Violation {
  if (problem === 'mistyped') {
    return {
      rule: 'SPARK-08',
      code: 'spark.code_mistyped',
      message:
        'This code has a typo or was not issued here: copy it again exactly, character for character. ' +
        'A code TikTok issued is recorded with the registry (registerCode), not confirmed here.',
    };
  }
  return {
    rule: 'SPARK-08',
    code: 'spark.code_malformed',
    message: problem.message,
    details: { problem: problem.problem },
  };
}

/** The secret's bytes; a missing, mistyped or short secret is a programmer error. */
function secretBytes(secret: unknown): Uint8Array {
  const fail = (why: string): never => {
    throw new TypeError(`createSparkCodes: codeSecret ${why}`);
  };
  if (secret === undefined || secret === null || secret === '') {
    fail(
      `is missing: pass a secret of at least ${MIN_SECRET_BYTES} bytes (a string or a Uint8Array), ` +
        'kept out of the database',
    );
  }
  // Accept byte arrays from any realm (iframes, VMs): `instanceof Uint8Array` would refuse those.
  const isBytes =
    ArrayBuffer.isView(secret) && !(secret instanceof DataView) && (secret as Uint8Array).BYTES_PER_ELEMENT === 1;
  if (typeof secret !== 'string' && !isBytes) fail('must be a string or a Uint8Array');
  const bytes = typeof secret === 'string' ? utf8ToBytes(secret) : Uint8Array.from(secret as Uint8Array);
  if (bytes.length < MIN_SECRET_BYTES) {
    fail(`is too short: ${bytes.length} bytes, at least ${MIN_SECRET_BYTES} are needed`);
  }
  return bytes;
}

/**
 * Creates the Spark Ads authorization code service over a store, a clock and a random source.
 * Throws a `TypeError` naming the option when an option is wrong (a missing or short
 * `codeSecret` included).
 *
 * @example
 * ```ts
 * import { createSparkCodes, memoryStore, manualClock } from 'tiktok-ad-auth';
 * const spark = createSparkCodes({
 *   store: memoryStore(),
 *   clock: manualClock(new Date('2026-03-01T12:00:00Z')),
 *   codeSecret: 'a secret of at least thirty-two characters!',
 * });
 * const generated = await spark.generateCode({ creator, video, periodDays: 30 });
 * if (generated.isOk()) console.log(generated.value.code); // '#…' — send it to the brand
 * ```
 */
export function createSparkCodes(options: SparkCodesOptions): SparkCodes {
  const { store, clock, random, policy } = resolveOptions('createSparkCodes', options);
  const deriveCode = adCodeDeriver(secretBytes(options.codeSecret));
  const eventId = () => randomId(random, 'evt_', 16);

  function throttled(retryAt: Date): SearchThrottledError {
    return {
      code: 'spark.search_throttled',
      message:
        'Too many codes that match nothing were tried from this ad account: ' +
        `try again after ${retryAt.toISOString()}.`,
      retryAt,
      limit: policy.maxFailedSearches,
      windowMs: policy.failedSearchWindowMs,
    };
  }

  /**
   * When the ad account may search again, or `undefined` when it is not throttled at `at`
   * (ADV-03): a failed search at `t` counts while `at - windowMs < t`.
   */
  async function throttledUntil(reader: StoreReader, adAccountId: AdAccountId, at: Date): Promise<Date | undefined> {
    const inWindow = { eq: [adAccountId], gte: at.getTime() - policy.failedSearchWindowMs + 1 };
    const failed = await reader.count(failedSearchesTable, 'byAccount', inWindow);
    if (failed < policy.maxFailedSearches) return undefined;
    // Searching is allowed again once enough of the oldest failures left the window.
    const limit = failed - policy.maxFailedSearches + 1;
    const oldest = await reader.list(failedSearchesTable, 'byAccount', { ...inWindow, limit });
    const last = oldest[oldest.length - 1];
    return last === undefined ? undefined : plusMs(last.at, policy.failedSearchWindowMs);
  }

  /**
   * A search that found no code: under the ad account's lock, refuses a throttled account, else
   * records the failure (a row and a `spark.code_search_failed` event) and commits the denial.
   */
  function failedSearch(
    advertiser: Advertiser,
    reason: CodeSearchFailedEvent['data']['reason'],
    format: Violation | undefined,
  ): Promise<Result<never, SearchCodeError>> {
    const adAccountId = advertiser.adAccountId;
    const rowId = randomId(random, 'search_');
    const evtId = eventId();
    return inTransaction<never, SearchCodeError>(store, clock, [`searches:${adAccountId}`], async ({ tx, at }) => {
      const left = await tx.list(failedSearchesTable, 'byAccount', {
        eq: [adAccountId],
        lt: at.getTime() - policy.failedSearchWindowMs + 1,
      });
      for (const row of left) await tx.delete(failedSearchesTable, row.id);
      const retryAt = await throttledUntil(tx, adAccountId, at);
      if (retryAt !== undefined) return Err(throttled(retryAt));
      await tx.insert(failedSearchesTable, { id: rowId, adAccountId, at });
      const actor: Actor = { kind: 'advertiser', id: adAccountId };
      tx.append([
        newEvent<CodeSearchFailedEvent>(
          evtId,
          'spark.code_search_failed',
          at,
          actor,
          { kind: 'ad_account', id: adAccountId },
          { adAccountId, reason },
        ),
      ]);
      // The advertiser's own problems (ADV-01) come with the reason nothing was found.
      const decision = canApplyAdCode({ advertiser, code: undefined, at }, policy);
      const violations = decision.allowed ? [] : [...decision.violations];
      const answer =
        format === undefined ? violations : [...violations.filter((v) => v.code !== 'spark.code_not_found'), format];
      return Err(denied(answer as [Violation, ...Violation[]]));
    });
  }

  /**
   * The code a pasted text names, if `advertiser` may apply it now (ADV-01, ADV-03), else every
   * reason it may not. A search that finds a code takes no lock and writes nothing.
   */
  async function findCode(advertiser: Advertiser, pasted: string): Promise<Result<Found, SearchCodeError>> {
    const parsed = parseAdCode(pasted);
    if (parsed.isErr()) return failedSearch(advertiser, 'malformed', formatViolation(parsed.error));
    const digest = issuedCodeDigest(parsed.value);
    if (digest === undefined) return failedSearch(advertiser, 'mistyped', formatViolation('mistyped'));
    const adAccountId = advertiser.adAccountId;
    const now = clock.now();
    const looked = await reading(async () => {
      const retryAt = await throttledUntil(store, adAccountId, now);
      if (retryAt !== undefined) return { retryAt };
      const [record] = await store.list(codesTable, 'byDigest', { eq: [digest], limit: 1 });
      if (record === undefined || policy.confirmMode !== 'single-use') return { record };
      const entries = await store.list(libraryTable, 'byCode', { eq: [record.id], limit: 2 });
      return { record, usedByAnother: entries.some((e) => e.adAccountId !== adAccountId) };
    });
    if (looked.isErr()) return looked;
    const { retryAt, record, usedByAnother } = looked.value;
    if (retryAt !== undefined) return Err(throttled(retryAt));
    if (record === undefined) return failedSearch(advertiser, 'not_found', undefined);
    // A code generated by a server whose clock is ahead of ours exists already: never look at it
    // from before its generation (the confirmation decides again under the code's lock).
    const at = now.getTime() < record.generatedAt.getTime() ? record.generatedAt : now;
    const confirmedByAnotherAdAccount = usedByAnother === true;
    const decision = canApplyAdCode({ advertiser, code: record, at, confirmedByAnotherAdAccount }, policy);
    return decision.allowed ? Ok({ record, at }) : Err(denied(decision.violations));
  }

  /**
   * The confirmation's transaction step (ADV-02), shared by `confirmCode` and `confirmCodes`:
   * decided again under the code's lock; adds the library entry once (idempotent).
   */
  async function confirmStep(
    tx: Transaction,
    at: Date,
    advertiser: Advertiser,
    codeId: AdCodeId,
    actor: Actor,
    evtId: string,
  ): Promise<Result<ConfirmResult, ConfirmCodeError>> {
    const adAccountId = advertiser.adAccountId;
    // Decided again under the code's lock: a revocation or the period's end since the search wins.
    const record = await tx.get(codesTable, codeId);
    const others =
      record !== undefined && policy.confirmMode === 'single-use'
        ? await tx.list(libraryTable, 'byCode', { eq: [codeId], limit: 2 })
        : [];
    const decision = canApplyAdCode(
      {
        advertiser,
        code: record,
        at,
        confirmedByAnotherAdAccount: others.some((e) => e.adAccountId !== adAccountId),
      },
      policy,
    );
    if (!decision.allowed) return Err(denied(decision.violations));
    if (record === undefined) throw new TypeError('confirmCode: canApplyAdCode allowed a missing code');
    const existing = await tx.get(libraryTable, compoundKey(adAccountId, codeId));
    if (existing !== undefined) return Ok({ entry: existing, added: false });

    const entry: LibraryEntry = {
      adAccountId,
      codeId,
      videoId: record.videoId,
      creatorId: record.creatorId,
      confirmedAt: at,
      confirmedBy: actor,
      preview: record.preview,
      expiresAt: record.expiresAt,
    };
    await tx.insert(libraryTable, entry);
    if (record.firstConfirmedAt === undefined) await tx.update(codesTable, { ...record, firstConfirmedAt: at });
    tx.append([
      newEvent<AuthorizationConfirmedEvent>(
        evtId,
        'spark.authorization_confirmed',
        at,
        actor,
        { kind: 'ad_code', id: codeId },
        { codeId, adAccountId, videoId: record.videoId },
      ),
    ]);
    return Ok({ entry, added: true });
  }

  /**
   * The revocation's transaction step (SPARK-10, ADV-06), shared by `revokeCode` and
   * `revokeAllCodes`: call it holding `authorizationLockKeys(code)`.
   */
  async function revokeStep(
    tx: Transaction,
    at: Date,
    codeId: AdCodeId,
    actor: Actor,
  ): Promise<Result<RevokeResult, RevokeCodeError>> {
    const code = await tx.get(codesTable, codeId);
    if (code === undefined) return Err(notFound('authorization code', codeId));
    const status = adCodeStatusAt(code, at);
    if (status === 'DELETED' || status === 'EXPIRED') {
      return Ok({ summary: summarizeAdCode(code, at), revoked: false, pausedAds: [] });
    }

    const ads = await tx.list(adsTable, 'byCode', { eq: [codeId] });
    const effects = revocationEffects(ads, at, policy.revocationMode);
    if (effects.kind === 'blocked') {
      return Err(
        denied([
          {
            rule: 'SPARK-10',
            code: 'spark.code_in_use_by_ads',
            message:
              `This post is used by ${effects.adsInUse.length} ad(s): ` +
              'the advertiser must stop them before the authorization can be turned off.',
            details: { adIds: effects.adsInUse.map((a) => a.id) },
          },
        ]),
      );
    }
    const revoked: AdCodeRecord = { ...code, revokedAt: at, revokedBy: actor };
    await tx.update(codesTable, revoked);
    const events: NewEvent[] = [
      newEvent<CodeRevokedEvent>(
        eventId(),
        'spark.code_revoked',
        at,
        actor,
        { kind: 'ad_code', id: codeId },
        { codeId, videoId: code.videoId, creatorId: code.creatorId },
      ),
    ];
    const { paused: pausedAds, events: pauses } = await pauseAds(
      tx,
      at,
      actor,
      effects.pause,
      'authorization_revoked',
      eventId,
    );
    tx.append([...events, ...pauses]);
    return Ok({ summary: summarizeAdCode(revoked, at), revoked: true, pausedAds });
  }

  // --- batches (issue 14, BAT-01) ---
  /**
   * One item of `confirmCodes`: the outcome recorded under its idempotency key, else the
   * confirmation step with the key's row written in the same transaction (under the key's lock,
   * so a concurrent retry waits and then finds the row). A refusal records nothing.
   */
  async function confirmItem(
    advertiser: Advertiser,
    actor: Actor,
    pasted: string,
    idempotencyKey: string,
  ): Promise<BatchItemResult> {
    const adAccountId = advertiser.adAccountId;
    const rowKey = compoundKey('confirm_code', adAccountId, idempotencyKey);
    const code = parseAdCode(pasted);
    const codeDigest = code.isOk() ? issuedCodeDigest(code.value) : undefined;
    const refused = (error: ConfirmCodeError): BatchItemResult => ({ idempotencyKey, result: 'refused', error });
    const recorded = (row: BatchItemRow): BatchItemResult =>
      row.codeDigest === codeDigest
        ? { idempotencyKey, result: row.result, entry: row.entry, replayed: true }
        : refused(
            denied([
              {
                rule: 'BAT-01',
                code: 'batch.idempotency_key_reused',
                message: 'This idempotency key was used for another code: give each item its own key.',
                details: { idempotencyKey },
              },
            ]),
          );
    const prior = await reading(() => store.get(batchItemsTable, rowKey));
    if (prior.isErr()) return refused(prior.error);
    if (prior.value !== undefined) return recorded(prior.value);
    const found = await findCode(advertiser, pasted);
    if (found.isErr()) return refused(found.error);
    const codeId = found.value.record.id;
    const evtId = eventId();
    const lockKeys = [`batch:${rowKey}`, `code:${codeId}`];
    const done = await inTransaction<BatchItemResult, never>(store, clock, lockKeys, async ({ tx, at }) => {
      const row = await tx.get(batchItemsTable, rowKey);
      if (row !== undefined) return Ok(recorded(row));
      const applied = await confirmStep(tx, at, advertiser, codeId, actor, evtId);
      if (applied.isErr()) return Ok(refused(applied.error));
      if (codeDigest === undefined) throw new TypeError('confirmCodes: a code was found for an unparsable text');
      const { entry, added } = applied.value;
      const result = added ? 'applied' : 'already_applied';
      await tx.insert(batchItemsTable, {
        kind: 'confirm_code',
        adAccountId,
        idempotencyKey,
        codeDigest,
        result,
        entry,
        recordedAt: at,
      });
      return Ok({ idempotencyKey, result, entry, replayed: false });
    });
    return done.isOk() ? done.value : refused(done.error);
  }

  return {
    policy,

    async generateCode(input) {
      const parsed = parseInput(generateCodeInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { creator, video, periodDays } = parsed.value;
      const nonce = randomBytes(random, NONCE_BYTES);
      const { code, digest } = deriveCode(nonce);
      const id = randomId(random, 'code_') as AdCodeId;
      const evtId = eventId();
      // The new code's key too: its generation instant is then recorded under it, and no later
      // transaction on the code (confirm, revoke) decides at an instant before the code existed.
      const lockKeys = [`video:${video.id}`, `code:${id}`];
      return inTransaction<GeneratedCode, GenerateCodeError>(store, clock, lockKeys, async ({ tx, at }) => {
        // SPARK-12 counts issued codes and accepted requests, not registered platform codes.
        const codeInForce = await codeInForceForVideo(tx, video.id, at);
        const decision = canGenerateAdCode({ creator, video, periodDays, codeInForce }, policy);
        if (!decision.allowed) return Err(denied(decision.violations));

        const record: AdCodeRecord = {
          id,
          digest,
          nonce: bytesToHex(nonce),
          fingerprint: adCodeFingerprint(code),
          creatorId: creator.id,
          videoId: video.id,
          periodDays,
          generatedAt: at,
          expiresAt: plusDays(at, periodDays),
          preview: previewOf(creator, video),
        };
        await tx.insert(codesTable, record);
        tx.append([
          newEvent<CodeGeneratedEvent>(
            evtId,
            'spark.code_generated',
            at,
            { kind: 'creator', id: creator.id },
            { kind: 'ad_code', id },
            {
              codeId: id,
              videoId: video.id,
              creatorId: creator.id,
              fingerprint: record.fingerprint,
              periodDays,
              expiresAt: record.expiresAt,
            },
          ),
        ]);
        return Ok({ code, summary: summarizeAdCode(record, at) });
      });
    },

    async showCode(input) {
      const parsed = parseInput(showCodeInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { creatorId, codeId } = parsed.value;
      const got = await reading(() => store.get(codesTable, codeId));
      if (got.isErr()) return got;
      const record = got.value;
      // Another creator's code is reported exactly like a missing one.
      if (record === undefined || record.creatorId !== creatorId) return Err(notFound('authorization code', codeId));
      if (record.origin === 'REQUEST' || record.origin === 'REGISTERED') {
        return Err(
          denied([
            record.origin === 'REQUEST'
              ? {
                  rule: 'REQ-03',
                  code: 'request.no_shareable_code',
                  message: 'This authorization was granted by accepting a request: it has no code to share.',
                }
              : {
                  rule: 'AG-01',
                  code: 'registry.code_not_kept',
                  message: 'TikTok issued this code: the library keeps only its digest and cannot show it.',
                },
          ]),
        );
      }
      const at = clock.now();
      const status = adCodeStatusAt(record, at);
      if (status === 'DELETED') {
        return Err(
          denied([
            {
              rule: 'SPARK-10',
              code: 'spark.code_revoked',
              message: 'This code was revoked: generate a new one to share.',
            },
          ]),
        );
      }
      if (status === 'EXPIRED') {
        return Err(
          denied([
            {
              rule: 'SPARK-11',
              code: 'spark.code_expired',
              message: 'This code has expired: generate a new one to share.',
              details: { expiredAt: record.expiresAt },
            },
          ]),
        );
      }
      // A nonce of another shape (another derivation) cannot give this code back either.
      let nonce: Uint8Array | undefined;
      try {
        nonce = record.nonce === undefined ? undefined : hexToBytes(record.nonce);
      } catch {
        nonce = undefined;
      }
      const derived = nonce?.length === NONCE_BYTES ? deriveCode(nonce) : undefined;
      if (derived === undefined || derived.digest !== record.digest) {
        return Err(
          denied([
            {
              rule: 'SPARK-09',
              code: 'spark.code_not_recoverable',
              message:
                'This code was issued under another service secret and cannot be shown again: ' +
                'revoke it and generate a new one.',
            },
          ]),
        );
      }
      return Ok({ code: derived.code, summary: summarizeAdCode(record, at) });
    },

    async searchCode(input) {
      const parsed = parseInput(searchCodeInputSchema, input);
      if (parsed.isErr()) return parsed;
      const found = await findCode(parsed.value.advertiser, parsed.value.code);
      if (found.isErr()) return found;
      const { record, at } = found.value;
      const status = adCodeStatusAt(record, at);
      return Ok({ preview: record.preview, codeId: record.id, status, expiresAt: record.expiresAt });
    },

    async confirmCode(input) {
      const parsed = parseInput(confirmCodeInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { advertiser, code, userId } = parsed.value;
      const found = await findCode(advertiser, code);
      if (found.isErr()) return found;
      const codeId = found.value.record.id;
      const adAccountId = advertiser.adAccountId;
      const actor = advertiserActor(adAccountId, userId);
      const evtId = eventId();
      return inTransaction<ConfirmResult, ConfirmCodeError>(store, clock, [`code:${codeId}`], ({ tx, at }) =>
        confirmStep(tx, at, advertiser, codeId, actor, evtId),
      );
    },

    async revokeCode(input) {
      const parsed = parseInput(revokeCodeInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { creatorId, codeId } = parsed.value;
      // Read first only to learn the video to lock; everything is decided again under the locks.
      const got = await reading(() => store.get(codesTable, codeId));
      if (got.isErr()) return got;
      if (got.value === undefined || got.value.creatorId !== creatorId) {
        return Err(notFound('authorization code', codeId));
      }
      const videoId = got.value.videoId;
      const actor: Actor = { kind: 'creator', id: creatorId };
      const lockKeys = [`code:${codeId}`, `video:${videoId}`];
      return inTransaction<RevokeResult, RevokeCodeError>(store, clock, lockKeys, ({ tx, at }) =>
        revokeStep(tx, at, codeId, actor),
      );
    },

    async expireDue(input) {
      const parsed = parseInput(expireDueInputSchema, input);
      if (parsed.isErr()) return parsed;
      const limit = parsed.value?.limit ?? DEFAULT_SWEEP_LIMIT;
      const now = clock.now();
      const due = await reading(() => store.list(codesTable, 'unswept', { lt: now.getTime() + 1, limit }));
      if (due.isErr()) return due;
      const codes: AdCodeSummary[] = [];
      const stoppedAds: AdRef[] = [];
      for (const candidate of due.value) {
        const lockKeys = [`code:${candidate.id}`, `video:${candidate.videoId}`];
        const swept = await inTransaction<SweptCode, never>(store, clock, lockKeys, async ({ tx, at }) => {
          const code = await tx.get(codesTable, candidate.id);
          if (code === undefined || code.expiryRecordedAt !== undefined || at.getTime() < code.expiresAt.getTime()) {
            return Ok({ code: undefined, stopped: [] });
          }
          const recorded: AdCodeRecord = { ...code, expiryRecordedAt: at };
          await tx.update(codesTable, recorded);
          const events: NewEvent[] = [];
          // A code revoked before its end ended then: its expiry is recorded, but it did not "expire".
          const expired = code.revokedAt === undefined || code.revokedAt.getTime() > code.expiresAt.getTime();
          if (expired) {
            const data = { codeId: code.id, videoId: code.videoId, expiresAt: code.expiresAt };
            const subject = { kind: 'ad_code', id: code.id };
            events.push(newEvent<CodeExpiredEvent>(eventId(), 'spark.code_expired', at, SYSTEM_ACTOR, subject, data));
          }
          const stopped: AdRef[] = [];
          for (const ad of await tx.list(adsTable, 'byCode', { eq: [code.id] })) {
            const after = stoppedByExpiry(ad, at);
            if (after === undefined) continue;
            await tx.update(adsTable, after);
            events.push(
              adStatusEvent(eventId(), at, SYSTEM_ACTOR, {
                adId: ad.id,
                adAccountId: ad.adAccountId,
                from: ad.status,
                to: 'STOPPED',
                reason: 'authorization_expired',
                codeId: code.id,
                effectiveAt: after.statusChangedAt,
              }),
            );
            stopped.push(adRef(after));
          }
          tx.append(events);
          return Ok({ code: expired ? summarizeAdCode(recorded, at) : undefined, stopped });
        });
        if (swept.isErr()) return swept;
        if (swept.value.code !== undefined) codes.push(swept.value.code);
        stoppedAds.push(...swept.value.stopped);
      }
      return Ok({ codes, stoppedAds });
    },

    async codeStatus(input) {
      const parsed = parseInput(codeStatusInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { codeId, at } = parsed.value;
      const got = await reading(() => store.get(codesTable, codeId));
      if (got.isErr()) return got;
      if (got.value === undefined) return Err(notFound('authorization code', codeId));
      return Ok(summarizeAdCode(got.value, at ?? clock.now()));
    },

    async listCreatorCodes(creatorId) {
      const parsed = parseInput(creatorIdSchema, creatorId);
      if (parsed.isErr()) return parsed;
      const creator: CreatorId = parsed.value;
      const got = await reading(() => store.list(codesTable, 'byCreator', { eq: [creator], reverse: true }));
      if (got.isErr()) return got;
      const at = clock.now();
      return Ok(got.value.map((r) => summarizeAdCode(r, at)));
    },

    async listLibrary(adAccountId) {
      const parsed = parseInput(adAccountIdSchema, adAccountId);
      if (parsed.isErr()) return parsed;
      const at = clock.now();
      return reading(async () => {
        const entries = await store.list(libraryTable, 'byAccount', { eq: [parsed.value] });
        const views: LibraryEntryView[] = [];
        for (const e of entries) {
          const code = await store.get(codesTable, e.codeId);
          if (code !== undefined) views.push({ ...e, inForce: isInForce(code, at), expiresAt: code.expiresAt });
        }
        return views;
      });
    },

    async listExpiring(input) {
      const parsed = parseInput(listExpiringInputSchema, input);
      if (parsed.isErr()) return parsed;
      const from = parsed.value.from ?? clock.now();
      const to = plusMs(from, parsed.value.withinMs);
      const got = await reading(() => store.list(codesTable, 'byExpiry', { gte: from.getTime(), lt: to.getTime() }));
      if (got.isErr()) return got;
      return Ok(got.value.filter((r) => isInForce(r, from)).map((r) => summarizeAdCode(r, from)));
    },

    // --- batches (issue 14, BAT-01) ---
    async confirmCodes(input) {
      const parsed = parseInput(confirmCodesInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { advertiser, userId, items } = parsed.value;
      if (items.length > MAX_BATCH_ITEMS) {
        return Err(
          denied([
            {
              rule: 'BAT-01',
              code: 'batch.too_many_items',
              message: `A batch holds at most ${MAX_BATCH_ITEMS} codes: split these ${items.length} into batches.`,
              details: { items: items.length, max: MAX_BATCH_ITEMS },
            },
          ]),
        );
      }
      const actor = advertiserActor(advertiser.adAccountId, userId);
      const results: BatchItemResult[] = [];
      for (const item of items) results.push(await confirmItem(advertiser, actor, item.code, item.idempotencyKey));
      return Ok(results);
    },

    async revokeAllCodes(input) {
      const parsed = parseInput(revokeAllCodesInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { creatorId } = parsed.value;
      const now = clock.now();
      const got = await reading(() => store.list(codesTable, 'byCreator', { eq: [creatorId] }));
      if (got.isErr()) return got;
      const actor: Actor = { kind: 'creator', id: creatorId };
      const live = got.value.filter((c) => {
        const status = adCodeStatusAt(c, now);
        return c.origin !== 'REGISTERED' && status !== 'DELETED' && status !== 'EXPIRED';
      });
      const results: RevokeAllItemResult[] = [];
      for (const code of live) {
        const r = await inTransaction<RevokeResult, RevokeCodeError>(
          store,
          clock,
          authorizationLockKeys(code),
          ({ tx, at }) => revokeStep(tx, at, code.id, actor),
        );
        results.push(
          r.isOk()
            ? {
                codeId: code.id,
                result: r.value.revoked ? 'revoked' : 'already_ended',
                summary: r.value.summary,
                pausedAds: r.value.pausedAds,
              }
            : { codeId: code.id, result: 'refused', error: r.error },
        );
      }
      return Ok(results);
    },
  };
}
