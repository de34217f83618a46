import { Err, Ok, type Result } from '../kernel/result.js';
import {
  denied,
  notFound,
  storageError,
  type DeniedError,
  type StorageError,
  type ValidationError,
} from '../kernel/errors.js';
import type { NotFoundError } from '../kernel/errors.js';
import type { Violation } from '../kernel/decision.js';
import { advertiserActor, type Actor, type NewEvent } from '../kernel/events.js';
import type { AdAccountId, AdCodeId, EventId } from '../kernel/ids.js';
import type { Policy } from '../kernel/policy.js';
import { parseInput } from '../kernel/validation.js';
import { randomId } from '../kernel/crypto.js';
import type { Transaction } from '../ports/store.js';
import { resolveOptions, type ServiceOptions } from '../storage/service-options.js';
import { inTransaction, reading } from '../storage/unit-of-work.js';
import { adsTable, codesTable, compoundKey, libraryTable } from '../storage/tables.js';
import type { AdRef } from '../ads/ads.model.js';
import { adStatusAt, revocationEffects } from '../ads/ads.rules.js';
import { adRef, pauseAds } from '../ads/ads.workflows.js';
import { adCodeDigest, adCodeFingerprint, type AdCode } from '../spark-codes/ad-code.js';
import type { AdCodeRecord, LibraryEntry } from '../spark-codes/spark-codes.model.js';
import { summarizeAdCode } from '../spark-codes/spark-codes.rules.js';
import { setAuthorizationEnd } from '../spark-codes/spark-codes.workflows.js';
import type { CodeRevokedEvent } from '../spark-codes/spark-codes.events.js';
import { parsePlatformCode, type PlatformCodeFormatError } from './platform-code.js';
import type {
  AuthorizationRegistration,
  PlatformCodeFacts,
  RefreshResult,
  RegisterResult,
  RegisteredCodeView,
  UnbindResult,
} from './registry.model.js';
import type { CodeRefreshedEvent, CodeRegisteredEvent, PostUnboundEvent } from './registry.events.js';
import { answeredEnd, isNewerAnswer, periodDaysBetween } from './registry.rules.js';
import {
  listRegisteredInputSchema,
  refreshCodeInputSchema,
  registerCodeInputSchema,
  unbindPostInputSchema,
  type ListRegisteredInput,
  type RefreshCodeInput,
  type RegisterCodeInput,
  type UnbindPostInput,
} from './registry.schemas.js';

/**
 * Errors of the registry's commands: bad input (`validation`), a refusal listing every
 * violation (`denied`: AG-01, AG-02, ADV-02), an unknown code or library entry (`not_found`),
 * or a store failure (`storage`).
 *
 * @example
 * ```ts
 * const r = await registry.registerCode(input);
 * if (r.isErr() && r.error.code === 'denied') console.log(r.error.violations.map((v) => v.code));
 * ```
 */
export type RegistryError = ValidationError | DeniedError | NotFoundError | StorageError;

/**
 * What `createRegistry` needs: the options of every service (the store that also holds the
 * Spark codes and the ads).
 *
 * @example
 * ```ts
 * const options: RegistryOptions = { store, clock: systemClock() };
 * ```
 */
export type RegistryOptions = ServiceOptions;

/**
 * The registry of codes TikTok issued (AG-01..03), and unbinding a post from an ad account's
 * library (ADV-02). A registered code becomes an authorization like any other (a row of the
 * codes table, origin `REGISTERED`): in force, statuses, `listExpiring`, the forecast, the expiry
 * sweep and revocation effects are the library's one set of rules. Create with `createRegistry`.
 *
 * @example
 * ```ts
 * const registry: Registry = createRegistry({ store, clock });
 * ```
 */
export interface Registry {
  /** The policy in force for this service. */
  readonly policy: Policy;
  /**
   * An ad account registers a code TikTok issued with the Business API's facts for it (AG-01):
   * the code's format is checked (`registry.code_malformed`), only its digest is stored, and
   * the post joins the ad account's library. A code another ad account registered gets this ad
   * account's library entry, and the facts when they are newer (AG-02). Idempotent.
   */
  registerCode(input: RegisterCodeInput): Promise<Result<RegisterResult, RegistryError>>;
  /**
   * Applies a newer Business API answer (AG-02): a new end moves the ads and library entries
   * with it, `DELETED` revokes now (pausing ads as a revocation does), `EXPIRED` ends it no
   * later than the check. An answer older than the one held is refused (`registry.stale_answer`).
   * An authorization that already ended or was revoked stays so (both are terminal).
   */
  refreshCode(input: RefreshCodeInput): Promise<Result<RefreshResult, RegistryError>>;
  /** The ad account's registered codes, oldest first, with their status now (AG-03), end source and last check. */
  listRegistered(input: ListRegisteredInput): Promise<Result<readonly RegisteredCodeView[], RegistryError>>;
  /**
   * Removes a post (any origin) from the ad account's library — the API's `unbind`. Refused
   * while the ad account has ads on it that are not stopped or rejected (ADV-02
   * `spark.post_in_use_by_ads`, the ads in `details.adIds`). The ad account can then no longer
   * create ads with it.
   */
  unbindPost(input: UnbindPostInput): Promise<Result<UnbindResult, RegistryError>>;
}

/** The registration lock: every registration of one code is serialized on its digest. */
const regcodeKey = (digest: string) => `regcode:${digest}`;
/** Tries of a registration whose code appeared (another ad account registered it) while it was being read. */
const MAX_TRIES = 3;
const RETRY = Symbol('retry');

/** The preview advertisers see, from the API's facts (optional fields absent when unset). */
function previewOf(facts: PlatformCodeFacts): AdCodeRecord['preview'] {
  return {
    creatorId: facts.creatorId as AdCodeRecord['creatorId'],
    creatorName: facts.creatorName ?? facts.creatorId,
    videoId: facts.videoId as AdCodeRecord['videoId'],
    ...(facts.title === undefined ? {} : { title: facts.title }),
    ...(facts.thumbnailUrl === undefined ? {} : { thumbnailUrl: facts.thumbnailUrl }),
  };
}

/** AG-01: the pasted text is not a code in TikTok's format. */
function malformed(error: PlatformCodeFormatError): Violation {
  return {
    rule: 'AG-01',
    code: 'registry.code_malformed',
    message: error.message,
    details: { field: 'code', problem: error.problem },
  };
}

/** AG-02: facts about another video than the registered code's. */
function otherVideo(record: AdCodeRecord, facts: PlatformCodeFacts): Violation {
  return {
    rule: 'AG-02',
    code: 'registry.other_video',
    message: 'These facts are about another post than the one this code authorizes: check the answer.',
    details: { field: 'facts.videoId', videoId: record.videoId, given: facts.videoId },
  };
}

/** What applying an answer did. */
interface Applied {
  readonly record: AdCodeRecord;
  readonly refreshed: boolean;
  readonly moved: readonly AdRef[];
  readonly paused: readonly AdRef[];
  readonly events: readonly NewEvent[];
}

/**
 * Creates the registry of platform-issued codes over a store (the one the Spark codes and ads
 * services use), a clock and a random source. Throws a `TypeError` naming the option when an
 * option is wrong.
 *
 * @example
 * ```ts
 * import { createRegistry, memoryStore } from 'tiktok-ad-auth';
 * const registry = createRegistry({ store: memoryStore() });
 * const r = await registry.registerCode({ adAccountId: 'adv-1', code: pasted, facts });
 * if (r.isOk()) console.log(r.value.summary.status, r.value.summary.expiresAt);
 * ```
 */
export function createRegistry(options: RegistryOptions): Registry {
  const { store, clock, random, policy } = resolveOptions('createRegistry', options);
  const eventId = () => randomId(random, 'evt_', 16) as EventId;

  /**
   * Applies `facts` to a registered authorization when they are newer than the answer it holds
   * (AG-02), with its locks held. Revocation and an end already passed are terminal: the answer
   * is recorded, the authorization stays ended.
   */
  async function applyAnswer(
    tx: Transaction,
    record: AdCodeRecord,
    facts: PlatformCodeFacts,
    at: Date,
    actor: Actor,
    by: AdAccountId,
  ) {
    const held = record.registration;
    if (!isNewerAnswer(facts.checkedAt, held?.checkedAt)) {
      return { record, refreshed: false, moved: [], paused: [], events: [] } satisfies Applied;
    }
    const registration: AuthorizationRegistration = {
      registeredBy: held?.registeredBy ?? by,
      endSource: facts.endSource,
      checkedAt: facts.checkedAt,
      apiStatus: facts.status,
    };
    let next: AdCodeRecord = { ...record, registration, preview: previewOf(facts) };
    const events: NewEvent[] = [];
    const moved: AdRef[] = [];
    const paused: AdRef[] = [];
    const ended = record.expiresAt.getTime() <= at.getTime();
    const revoked = record.revokedAt !== undefined && record.revokedAt.getTime() <= at.getTime();
    if (ended || revoked) {
      await tx.update(codesTable, next);
    } else if (facts.status === 'DELETED') {
      // TikTok says the creator deleted the code: revoked now, ads paused as any revocation does.
      // The library cannot refuse what already happened, so 'block-while-in-use' does not apply.
      const creator: Actor = { kind: 'creator', id: record.creatorId };
      next = { ...next, revokedAt: at, revokedBy: creator };
      await tx.update(codesTable, next);
      const data = { codeId: record.id, videoId: record.videoId, creatorId: record.creatorId };
      events.push({
        id: eventId(),
        type: 'spark.code_revoked' satisfies CodeRevokedEvent['type'],
        at,
        actor: creator,
        subject: { kind: 'ad_code', id: record.id },
        data,
      });
      const effects = revocationEffects(await tx.list(adsTable, 'byCode', { eq: [record.id] }), at, 'pause-ads');
      const pauses = effects.kind === 'pause' ? effects.pause : [];
      const done = await pauseAds(tx, at, creator, pauses, 'authorization_revoked', eventId);
      events.push(...done.events);
      paused.push(...done.paused);
    } else {
      const end = answeredEnd({ ...facts, authStartAt: record.generatedAt });
      next = { ...next, expiresAt: end, periodDays: periodDaysBetween(record.generatedAt, end) };
      for (const ad of await setAuthorizationEnd(tx, next)) moved.push(adRef(ad));
    }
    events.push({
      id: eventId(),
      type: 'registry.code_refreshed' satisfies CodeRefreshedEvent['type'],
      at,
      actor,
      subject: { kind: 'ad_code', id: record.id },
      data: {
        codeId: record.id,
        previousEnd: record.expiresAt,
        expiresAt: next.expiresAt,
        apiStatus: facts.status,
        endSource: facts.endSource,
        checkedAt: facts.checkedAt,
      } satisfies CodeRefreshedEvent['data'],
    });
    return { record: next, refreshed: true, moved, paused, events } satisfies Applied;
  }

  /** A new registered authorization from the API's facts (AG-01): digest only, no nonce. */
  function newRecord(id: AdCodeId, digest: string, code: AdCode, facts: PlatformCodeFacts, by: AdAccountId, at: Date) {
    const generatedAt = facts.authStartAt;
    const expiresAt = answeredEnd(facts);
    const record: AdCodeRecord = {
      id,
      origin: 'REGISTERED',
      digest,
      fingerprint: adCodeFingerprint(code),
      creatorId: facts.creatorId as AdCodeRecord['creatorId'],
      videoId: facts.videoId as AdCodeRecord['videoId'],
      periodDays: periodDaysBetween(generatedAt, expiresAt),
      generatedAt,
      expiresAt,
      // Registering puts the post in a library: the code is in use from then on, as a confirmation makes it.
      firstConfirmedAt: at,
      ...(facts.status === 'DELETED'
        ? {
            revokedAt: new Date(Math.min(facts.checkedAt.getTime(), at.getTime())),
            revokedBy: { kind: 'creator', id: facts.creatorId } satisfies Actor,
          }
        : {}),
      preview: previewOf(facts),
      registration: {
        registeredBy: by,
        endSource: facts.endSource,
        checkedAt: facts.checkedAt,
        apiStatus: facts.status,
      },
    };
    return record;
  }

  return {
    policy,

    async registerCode(input) {
      const parsed = parseInput(registerCodeInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { adAccountId, userId, facts } = parsed.value;
      const format = parsePlatformCode(parsed.value.code);
      if (format.isErr()) return Err(denied([malformed(format.error)]));
      const code = format.value as unknown as AdCode;
      const digest = adCodeDigest(code);
      const actor = advertiserActor(adAccountId, userId);
      const newId = randomId(random, 'code_') as AdCodeId;

      for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
        const pre = await reading(() => store.list(codesTable, 'byDigest', { eq: [digest], limit: 1 }));
        if (pre.isErr()) return pre;
        const seen = pre.value[0];
        const codeId = seen?.id ?? newId;
        const lockKeys = [regcodeKey(digest), `code:${codeId}`, `video:${facts.videoId}`];
        if (seen !== undefined && seen.videoId !== facts.videoId) lockKeys.push(`video:${seen.videoId}`);
        const done = await inTransaction<RegisterResult | typeof RETRY, RegistryError>(
          store,
          clock,
          lockKeys,
          async ({ tx, at }) => {
            const [existing] = await tx.list(codesTable, 'byDigest', { eq: [digest], limit: 1 });
            // The code appeared (or went) since it was read: run again under its own lock.
            if (existing?.id !== seen?.id) return Ok(RETRY);
            const violations: Violation[] = [];
            if (existing !== undefined && existing.origin !== 'REGISTERED') {
              violations.push({
                rule: 'AG-01',
                code: 'registry.code_issued_here',
                message: 'This code was issued by this library: search and confirm it instead of registering it.',
                details: { field: 'code' },
              });
            }
            if (existing !== undefined && existing.videoId !== facts.videoId)
              violations.push(otherVideo(existing, facts));
            if (violations.length > 0) return Err(denied(violations as [Violation, ...Violation[]]));

            const events: NewEvent[] = [];
            let record: AdCodeRecord;
            let refreshed = false;
            if (existing === undefined) {
              record = newRecord(codeId, digest, code, facts, adAccountId, at);
              await tx.insert(codesTable, record);
            } else {
              const applied = await applyAnswer(tx, existing, facts, at, actor, adAccountId);
              record = applied.record;
              refreshed = applied.refreshed;
              events.push(...applied.events);
            }
            const key = compoundKey(adAccountId, record.id);
            const before = await tx.get(libraryTable, key);
            const entry: LibraryEntry = before ?? {
              adAccountId,
              codeId: record.id,
              videoId: record.videoId,
              creatorId: record.creatorId,
              confirmedAt: at,
              confirmedBy: actor,
              preview: record.preview,
              expiresAt: record.expiresAt,
            };
            if (before === undefined) {
              await tx.insert(libraryTable, entry);
              if (existing !== undefined && existing.firstConfirmedAt === undefined) {
                record = { ...record, firstConfirmedAt: at };
                await tx.update(codesTable, record);
              }
            }
            if (existing === undefined || before === undefined) {
              events.unshift({
                id: eventId(),
                type: 'registry.code_registered' satisfies CodeRegisteredEvent['type'],
                at,
                actor,
                subject: { kind: 'ad_code', id: record.id },
                data: {
                  codeId: record.id,
                  adAccountId,
                  videoId: record.videoId,
                  fingerprint: record.fingerprint,
                  created: existing === undefined,
                  expiresAt: record.expiresAt,
                  endSource: facts.endSource,
                } satisfies CodeRegisteredEvent['data'],
              });
            }
            tx.append(events);
            const current = (await tx.get(libraryTable, key)) ?? entry;
            return Ok({
              summary: summarizeAdCode(record, at),
              entry: current,
              created: existing === undefined,
              added: before === undefined,
              refreshed,
            });
          },
        );
        if (done.isErr()) return done;
        if (done.value !== RETRY) return Ok(done.value);
      }
      return Err(storageError(new Error('registerCode: the code changed while it was being read; try again')));
    },

    async refreshCode(input) {
      const parsed = parseInput(refreshCodeInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { adAccountId, userId, facts } = parsed.value;
      const actor = advertiserActor(adAccountId, userId);
      // Read first only to learn the locks (the video and digest never change); decided again under them.
      let got: Result<AdCodeRecord | undefined, StorageError>;
      let named: string;
      if ('code' in parsed.value) {
        const format = parsePlatformCode(parsed.value.code);
        if (format.isErr()) return Err(denied([malformed(format.error)]));
        const digest = adCodeDigest(format.value as unknown as AdCode);
        named = `${parsed.value.code.trim().slice(0, 5)}…`; // never the whole code in an error
        const listed = await reading(() => store.list(codesTable, 'byDigest', { eq: [digest], limit: 1 }));
        got = listed.isErr() ? listed : Ok(listed.value[0]);
      } else {
        named = parsed.value.codeId;
        const codeId = parsed.value.codeId;
        got = await reading(() => store.get(codesTable, codeId));
      }
      if (got.isErr()) return got;
      const seen = got.value;
      if (seen === undefined || seen.origin !== 'REGISTERED' || seen.digest === undefined) {
        return Err(notFound('registered code', named));
      }
      const codeId = seen.id;
      const lockKeys = [regcodeKey(seen.digest), `code:${codeId}`, `video:${seen.videoId}`];
      return inTransaction<RefreshResult, RegistryError>(store, clock, lockKeys, async ({ tx, at }) => {
        const record = await tx.get(codesTable, codeId);
        const entry = await tx.get(libraryTable, compoundKey(adAccountId, codeId));
        if (record === undefined || entry === undefined) return Err(notFound('registered code', codeId));
        const violations: Violation[] = [];
        const held = record.registration?.checkedAt;
        if (held !== undefined && facts.checkedAt.getTime() < held.getTime()) {
          violations.push({
            rule: 'AG-02',
            code: 'registry.stale_answer',
            message: 'This answer is older than the one the library holds: ask the Business API again.',
            details: { field: 'facts.checkedAt', checkedAt: facts.checkedAt, heldCheckedAt: held },
          });
        }
        if (record.videoId !== facts.videoId) violations.push(otherVideo(record, facts));
        if (violations.length > 0) return Err(denied(violations as [Violation, ...Violation[]]));
        const applied = await applyAnswer(tx, record, facts, at, actor, adAccountId);
        tx.append(applied.events);
        return Ok({
          summary: summarizeAdCode(applied.record, at),
          refreshed: applied.refreshed,
          movedAds: applied.moved,
          pausedAds: applied.paused,
        });
      });
    },

    async listRegistered(input) {
      const parsed = parseInput(listRegisteredInputSchema, input);
      if (parsed.isErr()) return parsed;
      const at = clock.now();
      return reading(async () => {
        const views: RegisteredCodeView[] = [];
        for (const entry of await store.list(libraryTable, 'byAccount', { eq: [parsed.value.adAccountId] })) {
          const record = await store.get(codesTable, entry.codeId);
          const r = record?.registration;
          if (record === undefined || record.origin !== 'REGISTERED' || r === undefined) continue;
          views.push({
            summary: summarizeAdCode(record, at),
            entry: { ...entry, expiresAt: record.expiresAt },
            endSource: r.endSource,
            checkedAt: r.checkedAt,
            apiStatus: r.apiStatus,
          });
        }
        return views;
      });
    },

    async unbindPost(input) {
      const parsed = parseInput(unbindPostInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { adAccountId, userId, codeId } = parsed.value;
      const actor = advertiserActor(adAccountId, userId);
      // `code:` is the key `createAd` takes for an AUTH_CODE ad: no ad can be created on the post meanwhile.
      return inTransaction<UnbindResult, RegistryError>(store, clock, [`code:${codeId}`], async ({ tx, at }) => {
        const key = compoundKey(adAccountId, codeId);
        const entry = await tx.get(libraryTable, key);
        if (entry === undefined) return Err(notFound('library entry', codeId));
        const inUse = (await tx.list(adsTable, 'byCode', { eq: [codeId] })).filter((ad) => {
          if (ad.adAccountId !== adAccountId) return false;
          const status = adStatusAt(ad, at).status;
          return status !== 'STOPPED' && status !== 'REJECTED';
        });
        if (inUse.length > 0) {
          return Err(
            denied([
              {
                rule: 'ADV-02',
                code: 'spark.post_in_use_by_ads',
                message:
                  `This post is used by ${inUse.length} ad(s) of this ad account: ` +
                  'stop or delete them before removing the post from the library.',
                details: { adIds: inUse.map((a) => a.id) },
              },
            ]),
          );
        }
        await tx.delete(libraryTable, key);
        tx.append([
          {
            id: eventId(),
            type: 'spark.post_unbound' satisfies PostUnboundEvent['type'],
            at,
            actor,
            subject: { kind: 'ad_code', id: codeId },
            data: { codeId, adAccountId, videoId: entry.videoId } satisfies PostUnboundEvent['data'],
          },
        ]);
        return Ok({ entry });
      });
    },
  };
}
