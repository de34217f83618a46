import { Err, Ok, type Result } from '../kernel/result.js';
import { denied, notFound, storageError, type StorageError, type ValidationError, guardStorage as guard } from '../kernel/errors.js';
import type { Violation } from '../kernel/decision.js';
import { SYSTEM_ACTOR, type Actor, type NewEvent, advertiserActor } from '../kernel/events.js';
import type { AdCodeId, CreatorId, EventId, VideoId } from '../kernel/ids.js';
import { DEFAULT_POLICY, type Policy } from '../kernel/policy.js';
import { plusDays, plusMs } from '../kernel/time.js';
import { checkInput } from '../kernel/input.js';
import { toHex, utf8 } from '../kernel/sha256.js';
import { randomPool } from '../kernel/random-pool.js';
import type { Clock } from '../ports/clock.js';
import type { RandomSource } from '../ports/random-source.js';
import type { ConfirmOutcome, InsertCodeOutcome, SearchLookup, SearchLookupQuery, SparkCodeStore } from '../ports/spark-code-store.js';
import { systemClock } from '../adapters/clock/system-clock.js';
import { webCryptoRandom } from '../adapters/random/web-crypto-random.js';
import {
  MIN_SECRET_BYTES, adCodeDeriver, adCodeFingerprint, hexToBytesStrict, issuedCodeDigest, parseAdCode, type AdCode,
} from './ad-code.js';
import type { AdCodeRecord, AdCodeStatus, AdCodeSummary, AdvertiserFacts, LibraryEntry, VideoPreview } from './spark-codes.model.js';
import { adCodeStatusAt, canApplyAdCode, canGenerateAdCode, isInForce, summarizeAdCode } from './spark-codes.rules.js';
import {
  adAccountIdInput, codeStatusInput, confirmCodeInput, creatorIdInput, generateCodeInput, listExpiringInput, revokeCodeInput, searchCodeInput,
  showCodeInput,
} from './spark-codes.inputs.js';
import type { ConfirmCodeError, GenerateCodeError, QueryError, RevokeCodeError, SearchCodeError, ShowCodeError } from './spark-codes.errors.js';
import type { AdRef } from '../ads/ads.model.js';
import { adStatusEvent } from '../ads/ads.events.js';
import { newEvent, type AuthorizationConfirmedEvent, type CodeExpiredEvent, type CodeGeneratedEvent, type CodeRevokedEvent, type CodeSearchFailedEvent } from './spark-codes.events.js';

/** What `createSparkCodes` needs. */
export interface SparkCodesOptions {
  /** Where records and events are kept, e.g. `memoryStore()`. */
  readonly store: SparkCodeStore;
  /**
   * The service secret codes are derived from (at least 32 bytes, or a string of at least 32
   * characters). Keep it out of the database: with it the creator can be shown a code again
   * (SPARK-09) although the store holds only digests. Changing it makes existing codes
   * impossible to show again (they still work for search and confirm).
   */
  readonly codeSecret: string | Uint8Array;
  /** Source of "now" (default `systemClock()`). */
  readonly clock?: Clock;
  /** Source of randomness (default `webCryptoRandom()`). */
  readonly random?: RandomSource;
  /** Policy parameters (default `DEFAULT_POLICY`). */
  readonly policy?: Policy;
}

/** A freshly generated code. `code` is returned only here and by `showCode`. */
export interface GeneratedCode {
  readonly code: AdCode;
  readonly summary: AdCodeSummary;
}

/** What an advertiser sees after a successful search (ADV-02). Nothing was granted. */
export interface CodeSearchResult {
  readonly preview: VideoPreview;
  readonly codeId: AdCodeId;
  readonly status: AdCodeStatus;
  readonly expiresAt: Date;
}

/** Result of `confirmCode`: the library entry, and whether this call added it. */
export interface ConfirmResult {
  readonly entry: LibraryEntry;
  /** `false` when the ad account had already confirmed this code (idempotent). */
  readonly added: boolean;
}

/** Result of `revokeCode`. */
export interface RevokeResult {
  readonly summary: AdCodeSummary;
  /** `false` when the code was already revoked or expired (idempotent). */
  readonly revoked: boolean;
  /** The ads the revocation paused in the same atomic step (ADV-06), oldest first; empty when none. */
  readonly pausedAds: readonly AdRef[];
}

/** A library entry with whether its authorization is in force now. */
export interface LibraryEntryView extends LibraryEntry {
  readonly inForce: boolean;
  readonly expiresAt: Date;
}

/** The Spark Ads authorization code workflows. Create with `createSparkCodes`. */
export interface SparkCodes {
  /** The policy in force for this service. */
  readonly policy: Policy;
  /**
   * The creator generates a code for a video (SPARK-01..08). Refused with every violation,
   * including a code already in force for the video (revoke it first). The printed code is
   * returned once; the store keeps only its digest.
   */
  generateCode(input: unknown): Promise<Result<GeneratedCode, GenerateCodeError>>;
  /** Shows the creator's code again, while in force (SPARK-09). */
  showCode(input: unknown): Promise<Result<{ readonly code: AdCode; readonly summary: AdCodeSummary }, ShowCodeError>>;
  /** The advertiser searches with a pasted code: a preview, nothing granted (ADV-02, ADV-03). */
  searchCode(input: unknown): Promise<Result<CodeSearchResult, SearchCodeError>>;
  /** The advertiser confirms: the post joins the ad account's Spark Ads library (ADV-02). Idempotent. */
  confirmCode(input: unknown): Promise<Result<ConfirmResult, ConfirmCodeError>>;
  /**
   * The creator revokes a code (SPARK-10). Idempotent; revocation is terminal. With the
   * default `revocationMode: 'pause-ads'` every approved or running ad using the code is
   * paused in the same atomic step (ADV-06, one `ads.paused` event each); with
   * `'block-while-in-use'` the revocation is refused (`spark.code_in_use_by_ads`, the ads in
   * `details.adIds`) while any ad is in review, approved, running or paused.
   */
  revokeCode(input: unknown): Promise<Result<RevokeResult, RevokeCodeError>>;
  /**
   * Records the expiry of every code whose period ended (SPARK-11), once each, with events,
   * and in the same step stops the ads whose authorization expired (ADV-06, `ads.stopped`).
   * Returns the codes (the stopped ads are in the events, or use `Ads.expireDue`).
   */
  expireDue(options?: { readonly limit?: number }): Promise<Result<readonly AdCodeSummary[], StorageError | ValidationError>>;
  /** A code's Business API status at an instant (default now). */
  codeStatus(input: unknown): Promise<Result<AdCodeSummary, QueryError>>;
  /** A creator's codes, newest first, with their status now. */
  listCreatorCodes(creatorId: unknown): Promise<Result<readonly AdCodeSummary[], QueryError>>;
  /** An ad account's Spark Ads library, with whether each authorization is in force now. */
  listLibrary(adAccountId: unknown): Promise<Result<readonly LibraryEntryView[], QueryError>>;
  /** Codes in force now (or at `from`) that expire within `withinMs`, soonest first. */
  listExpiring(input: unknown): Promise<Result<readonly AdCodeSummary[], QueryError>>;
}

/** The violation of a video that already has a code in force (checked again by the store). */
function alreadyInForce(c: AdCodeRecord): Violation {
  return {
    rule: 'SPARK-09', code: 'spark.code_already_in_force',
    message: `This video already has a code in force until ${c.expiresAt.toISOString()}: copy that one, or turn off ad authorization to revoke it first.`,
    details: { codeId: c.id, expiresAt: c.expiresAt },
  };
}

/** The preview an advertiser sees (ADV-02), optional fields absent when unset. */
function previewOf(creatorId: CreatorId, creatorName: string, video: { readonly id: VideoId; readonly title?: string | undefined; readonly thumbnailUrl?: string | undefined }): VideoPreview {
  // One literal per case rather than conditional spreads (each spread is a temporary object).
  const { id: videoId, title, thumbnailUrl } = video;
  if (title === undefined) return thumbnailUrl === undefined ? { creatorId, creatorName, videoId } : { creatorId, creatorName, videoId, thumbnailUrl };
  return thumbnailUrl === undefined ? { creatorId, creatorName, videoId, title } : { creatorId, creatorName, videoId, title, thumbnailUrl };
}

const NONCE_BYTES = 32;
const ID_BYTES = 12;

function secretBytes(secret: string | Uint8Array): Uint8Array {
  // Accept byte arrays from any realm (iframes, VMs): `instanceof` would refuse those.
  const isBytes = (x: unknown): x is Uint8Array => ArrayBuffer.isView(x) && (x as Uint8Array).BYTES_PER_ELEMENT === 1 && !(x instanceof DataView);
  const bytes = typeof secret === 'string' ? utf8(secret) : secret;
  if (!isBytes(bytes) || bytes.length < MIN_SECRET_BYTES) {
    throw new TypeError(`createSparkCodes: codeSecret must be at least ${MIN_SECRET_BYTES} bytes`);
  }
  return Uint8Array.from(bytes);
}


/**
 * Creates the Spark Ads authorization code service over a store, a clock and a random source.
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
  const { store } = options;
  const clock = options.clock ?? systemClock();
  const random = options.random ?? webCryptoRandom();
  const policy = options.policy ?? DEFAULT_POLICY;
  const deriveCode = adCodeDeriver(secretBytes(options.codeSecret));
  const pool = randomPool((b) => random.fill(b));
  const eventId = () => pool.hex(16, 'evt_') as EventId;


  /**
   * The store query for a pasted code: parsed, checksummed and digested here, synchronously, so
   * that each workflow awaits the store directly (every extra async level is a promise hop on
   * the hottest path). Text that is not one of our codes has no digest: it counts as a failed
   * search, and `decideSearch` says why.
   */
  function searchQuery(advertiser: AdvertiserFacts, pasted: string, at: Date): SearchLookupQuery {
    const parsed = parseAdCode(pasted);
    const digest = parsed.isOk() ? issuedCodeDigest(parsed.value) : undefined;
    const reason = parsed.isErr() ? 'malformed' : digest === undefined ? 'mistyped' : 'not_found';
    const failedEvent = () => newEvent<CodeSearchFailedEvent>(eventId(), 'spark.code_search_failed', at, { kind: 'advertiser', id: advertiser.adAccountId },
      { kind: 'ad_account', id: advertiser.adAccountId }, { adAccountId: advertiser.adAccountId, reason });
    return { adAccountId: advertiser.adAccountId, digest, at, maxFailed: policy.maxFailedSearches, windowMs: policy.failedSearchWindowMs, failedEvent };
  }

  /** The answer to a search or confirm from the store's lookup: the record, or every reason it cannot be applied. */
  function decideSearch(advertiser: AdvertiserFacts, pasted: string, query: SearchLookupQuery, lookup: SearchLookup): Result<AdCodeRecord, SearchCodeError> {
    if (lookup.kind === 'throttled') {
      return Err({
        code: 'spark.search_throttled' as const,
        message: `Too many codes that match nothing were tried from this ad account: try again after ${lookup.retryAt.toISOString()}.`,
        retryAt: lookup.retryAt, limit: policy.maxFailedSearches, windowMs: policy.failedSearchWindowMs,
      });
    }
    const record = lookup.kind === 'found' ? lookup.record : undefined;
    const decision = canApplyAdCode({ advertiser, code: record, at: query.at, confirmedByAnotherAdAccount: lookup.kind === 'found' && lookup.confirmedByAnotherAdAccount }, policy);
    if (query.digest !== undefined) return decision.allowed ? Ok(record as AdCodeRecord) : Err(denied(decision.violations));
    // Not one of our codes (rare: worked out again here rather than on every search). Its
    // format is the reason, in place of "not found"; the advertiser's own violations stay.
    const parsed = parseAdCode(pasted);
    const formatViolation: Violation = parsed.isErr()
      ? { rule: 'SPARK-08', code: 'spark.code_malformed', message: parsed.error.message, details: { problem: parsed.error.problem } }
      : { rule: 'SPARK-08', code: 'spark.code_mistyped', message: 'This code has a typo or was not issued here: copy it again exactly, character for character.' };
    const violations: Violation[] = decision.allowed ? [] : decision.violations.filter((v) => v.code !== 'spark.code_not_found');
    violations.push(formatViolation);
    return Err(denied(violations as [Violation, ...Violation[]]));
  }

  return {
    policy,

    async generateCode(input) {
      const parsed = checkInput(generateCodeInput, input);
      if (parsed.isErr()) return parsed;
      const { creator, video, periodDays } = parsed.value;
      const at = clock.now();
      const decision = canGenerateAdCode({ creator, video, periodDays }, policy);
      if (!decision.allowed) {
        // A refusal lists every violation, so it also says whether the video already
        // has a code in force. An allowed request skips this read: `insertCode` checks the
        // same thing atomically and answers `video_has_code_in_force` (one store call fewer).
        const violations: Violation[] = [...decision.violations];
        const current = await guard(() => store.latestCodeForVideo(video.id));
        if (current.isErr()) return current;
        if (current.value !== undefined && isInForce(current.value, at)) violations.push(alreadyInForce(current.value));
        return Err(denied(violations as [Violation, ...Violation[]]));
      }

      const nonce = pool.bytes(NONCE_BYTES);
      const { code, digest } = deriveCode(nonce);
      const record: AdCodeRecord = {
        id: pool.hex(ID_BYTES, 'code_') as AdCodeId,
        digest,
        nonce: toHex(nonce),
        fingerprint: adCodeFingerprint(code),
        creatorId: creator.id,
        videoId: video.id,
        periodDays,
        generatedAt: at,
        expiresAt: plusDays(at, periodDays),
        preview: previewOf(creator.id, creator.displayName, video),
      };
      const event = newEvent<CodeGeneratedEvent>(eventId(), 'spark.code_generated', at, { kind: 'creator', id: creator.id }, { kind: 'ad_code', id: record.id }, {
        codeId: record.id, videoId: record.videoId, creatorId: record.creatorId, fingerprint: record.fingerprint, periodDays, expiresAt: record.expiresAt,
      });
      let inserted: InsertCodeOutcome;
      try {
        inserted = await store.insertCode(record, [event]);
      } catch (e) {
        return Err(storageError(e));
      }
      if (inserted.kind === 'video_has_code_in_force') return Err(denied([alreadyInForce(inserted.existing)]));
      return Ok({ code, summary: summarizeAdCode(inserted.record, at) });
    },

    async showCode(input) {
      const parsed = checkInput(showCodeInput, input);
      if (parsed.isErr()) return parsed;
      const got = await guard(() => store.getCode(parsed.value.codeId));
      if (got.isErr()) return got;
      const record = got.value;
      // Another creator's code is reported exactly like a missing one.
      if (!record || record.creatorId !== parsed.value.creatorId) return Err(notFound('authorization code', parsed.value.codeId));
      const at = clock.now();
      const status = adCodeStatusAt(record, at);
      if (status === 'DELETED' || status === 'EXPIRED') {
        return Err(denied([status === 'DELETED'
          ? { rule: 'SPARK-10', code: 'spark.code_revoked', message: 'This code was revoked: generate a new one to share.' }
          : { rule: 'SPARK-11', code: 'spark.code_expired', message: 'This code has expired: generate a new one to share.', details: { expiredAt: record.expiresAt } }]));
      }
      // A nonce of another length (another derivation) cannot give this code back either.
      const nonce = record.nonce.length === 2 * NONCE_BYTES ? hexToBytesStrict(record.nonce) : undefined;
      const derived = nonce && deriveCode(nonce);
      if (derived === undefined || derived.digest !== record.digest) {
        return Err(denied([{ rule: 'SPARK-09', code: 'spark.code_not_recoverable', message: 'This code was issued under another service secret and cannot be shown again: revoke it and generate a new one.' }]));
      }
      return Ok({ code: derived.code, summary: summarizeAdCode(record, at) });
    },

    async searchCode(input) {
      const parsed = checkInput(searchCodeInput, input);
      if (parsed.isErr()) return parsed;
      const at = clock.now();
      const query = searchQuery(parsed.value.advertiser, parsed.value.code, at);
      // The hot store calls are awaited in a try rather than through `guard`: no closure, no
      // extra promise and no Result per call (the same X-03 answer when the store fails).
      let lookup: SearchLookup;
      try {
        lookup = await store.lookupForSearch(query);
      } catch (e) {
        return Err(storageError(e));
      }
      const found = decideSearch(parsed.value.advertiser, parsed.value.code, query, lookup);
      if (found.isErr()) return found;
      const record = found.value;
      return Ok({ preview: record.preview, codeId: record.id, status: adCodeStatusAt(record, at), expiresAt: record.expiresAt });
    },

    async confirmCode(input) {
      const parsed = checkInput(confirmCodeInput, input);
      if (parsed.isErr()) return parsed;
      const { advertiser, code, userId } = parsed.value;
      const at = clock.now();
      const query = searchQuery(advertiser, code, at);
      let lookup: SearchLookup;
      try {
        lookup = await store.lookupForSearch(query);
      } catch (e) {
        return Err(storageError(e));
      }
      const found = decideSearch(advertiser, code, query, lookup);
      if (found.isErr()) return found;
      const record = found.value;
      const actor = advertiserActor(advertiser.adAccountId, userId);
      const entry: LibraryEntry = {
        adAccountId: advertiser.adAccountId, codeId: record.id, videoId: record.videoId, creatorId: record.creatorId,
        confirmedAt: at, confirmedBy: actor, preview: record.preview,
      };
      const event = newEvent<AuthorizationConfirmedEvent>(eventId(), 'spark.authorization_confirmed', at, actor, { kind: 'ad_code', id: record.id }, {
        codeId: record.id, adAccountId: advertiser.adAccountId, videoId: record.videoId,
      });
      let outcome: ConfirmOutcome;
      try {
        outcome = await store.confirm(entry, { singleUse: policy.confirmMode === 'single-use' }, [event]);
      } catch (e) {
        return Err(storageError(e));
      }
      switch (outcome.kind) {
        case 'added':
          return Ok({ entry: outcome.entry, added: true });
        case 'already_confirmed':
          return Ok({ entry: outcome.entry, added: false });
        case 'used_by_another_ad_account':
          return Err(denied([{ rule: 'ADV-02', code: 'spark.code_already_used', message: 'This code was already used by another ad account: ask the creator for a code of your own.' }]));
        case 'not_in_force':
        case 'not_found': {
          // A concurrent revoke or the period ending between search and write: same answer as a search now.
          const d = canApplyAdCode({ advertiser, code: outcome.kind === 'not_in_force' ? outcome.record : undefined, at }, policy);
          const violations: readonly Violation[] = d.allowed ? [{ rule: 'ADV-03', code: 'spark.code_not_found', message: 'No video was found for this code.' }] : d.violations;
          return Err(denied(violations as [Violation, ...Violation[]]));
        }
      }
    },

    async revokeCode(input) {
      const parsed = checkInput(revokeCodeInput, input);
      if (parsed.isErr()) return parsed;
      const { creatorId, codeId } = parsed.value;
      const got = await guard(() => store.getCode(codeId));
      if (got.isErr()) return got;
      if (!got.value || got.value.creatorId !== creatorId) return Err(notFound('authorization code', codeId));
      const at = clock.now();
      const actor: Actor = { kind: 'creator', id: creatorId };
      const event = newEvent<CodeRevokedEvent>(eventId(), 'spark.code_revoked', at, actor, { kind: 'ad_code', id: codeId }, {
        codeId, videoId: got.value.videoId, creatorId,
      });
      const revoked = await guard(() => store.revokeCode(codeId, at, actor, [event], {
        mode: policy.revocationMode,
        adEventFor: (before, after) => adStatusEvent(eventId(), at, actor, {
          adId: after.id, adAccountId: after.adAccountId, from: before.status, to: after.status, reason: 'authorization_revoked', codeId, effectiveAt: at,
        }),
      }));
      if (revoked.isErr()) return revoked;
      const outcome = revoked.value;
      switch (outcome.kind) {
        case 'not_found':
          return Err(notFound('authorization code', codeId));
        case 'blocked':
          return Err(denied([{
            rule: 'SPARK-10', code: 'spark.code_in_use_by_ads',
            message: `This post is used by ${outcome.adsInUse.length} ad(s): the advertiser must stop them before the authorization can be turned off.`,
            details: { adIds: outcome.adsInUse.map((a) => a.id) },
          }]));
        case 'already_ended':
          return Ok({ summary: summarizeAdCode(outcome.record, at), revoked: false, pausedAds: [] });
        case 'revoked':
          return Ok({ summary: summarizeAdCode(outcome.record, at), revoked: true, pausedAds: outcome.pausedAds });
      }
    },

    async expireDue(opts) {
      const limit = opts?.limit ?? 10_000;
      if (!Number.isInteger(limit) || limit < 1 || limit > 1_000_000) {
        return Err({ code: 'validation', message: 'Invalid input: limit must be a whole number from 1 to 1000000', issues: [{ path: 'limit', message: 'must be a whole number from 1 to 1000000' }] });
      }
      const at = clock.now();
      const done = await guard(() => store.recordExpiries(at, limit, (r) => newEvent<CodeExpiredEvent>(eventId(), 'spark.code_expired', at, SYSTEM_ACTOR,
        { kind: 'ad_code', id: r.id }, { codeId: r.id, videoId: r.videoId, expiresAt: r.expiresAt }) as NewEvent,
      (before, after) => adStatusEvent(eventId(), at, SYSTEM_ACTOR, {
        adId: after.id, adAccountId: after.adAccountId, from: before.status, to: after.status, reason: 'authorization_expired',
        ...(before.authorization ? { codeId: before.authorization.codeId } : {}), effectiveAt: after.statusChangedAt,
      })));
      return done.map((outcome) => outcome.codes.map((r) => summarizeAdCode(r, at)));
    },

    async codeStatus(input) {
      const parsed = checkInput(codeStatusInput, input);
      if (parsed.isErr()) return parsed;
      const got = await guard(() => store.getCode(parsed.value.codeId));
      if (got.isErr()) return got;
      if (!got.value) return Err(notFound('authorization code', parsed.value.codeId));
      return Ok(summarizeAdCode(got.value, parsed.value.at ?? clock.now()));
    },

    async listCreatorCodes(creatorId) {
      const parsed = checkInput(creatorIdInput, creatorId);
      if (parsed.isErr()) return parsed;
      const got = await guard(() => store.listCodesByCreator(parsed.value as CreatorId));
      const at = clock.now();
      return got.map((rs) => rs.map((r) => summarizeAdCode(r, at)));
    },

    async listLibrary(adAccountId) {
      const parsed = checkInput(adAccountIdInput, adAccountId);
      if (parsed.isErr()) return parsed;
      const entries = await guard(() => store.listLibrary(parsed.value));
      if (entries.isErr()) return entries;
      const at = clock.now();
      const views: LibraryEntryView[] = [];
      for (const e of entries.value) {
        const code = await guard(() => store.getCode(e.codeId));
        if (code.isErr()) return code;
        if (!code.value) continue;
        views.push({ ...e, inForce: isInForce(code.value, at), expiresAt: code.value.expiresAt });
      }
      return Ok(views);
    },

    async listExpiring(input) {
      const parsed = checkInput(listExpiringInput, input);
      if (parsed.isErr()) return parsed;
      const from = parsed.value.from ?? clock.now();
      const got = await guard(() => store.listExpiringBetween(from, plusMs(from, parsed.value.withinMs)));
      if (got.isErr()) return got;
      // One pass, one array: a window can return tens of thousands of codes.
      const out: AdCodeSummary[] = [];
      for (const r of got.value) if (isInForce(r, from)) out.push(summarizeAdCode(r, from));
      return Ok(out);
    },
  };
}
