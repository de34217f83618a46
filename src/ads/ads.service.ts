import { Err, Ok, type Result } from '../kernel/result.js';
import { denied, notFound, storageError } from '../kernel/errors.js';
import type { Violation } from '../kernel/decision.js';
import { advertiserActor, SYSTEM_ACTOR, type Actor, type NewEvent } from '../kernel/events.js';
import type { AdAccountId, AdId, EventId } from '../kernel/ids.js';
import type { Policy } from '../kernel/policy.js';
import { DAY_MS } from '../kernel/time.js';
import { randomId } from '../kernel/crypto.js';
import type * as z from 'zod/mini';
import { parseInput } from '../kernel/validation.js';
import type { StoreReader } from '../ports/store.js';
import {
  accountKey,
  adLockKeys,
  dependencySubject,
  loadOwnedAd,
  pauseDependentAds,
  postKey,
  readDependencies,
} from './ads.workflows.js';
import { resolveOptions, type ServiceOptions } from '../storage/service-options.js';
import { inTransaction, reading } from '../storage/unit-of-work.js';
import { adsTable, codesTable, compoundKey, dependencyStatesTable, libraryTable } from '../storage/tables.js';
// Type only: the ads context reads codes through the tables, never through the Spark codes service.
import type { AdCodeRecord } from '../spark-codes/spark-codes.model.js';
import type {
  AdAuthorizationRef,
  AdForecast,
  AdIdentity,
  AdRecord,
  AdView,
  DeletedAd,
  DependencyFacts,
  DependencyReport,
  DependencyStateRecord,
  LifecycleReason,
} from './ads.model.js';
import {
  AD_TRANSITIONS,
  authorizationViolations,
  canChangeAdStatus,
  canCreateAd,
  forecastAds,
  identityKey,
  isSparkAd,
  lifecycleReason,
  offersAssetAuthorization,
  viewAd,
  withStatus,
  adLimitViolations,
  type AdAction,
} from './ads.rules.js';
import {
  adActionInputSchema,
  adsAccountIdSchema,
  createAdInputSchema,
  deleteDraftInputSchema,
  reportAccountChangeInputSchema,
  reportPostChangeInputSchema,
  forecastInputSchema,
  getAdInputSchema,
  reviewAdInputSchema,
  type AdActionInput,
  type CreateAdInput,
  type DeleteDraftInput,
  type ForecastInput,
  type ReportAccountChangeInput,
  type ReportPostChangeInput,
  type GetAdInput,
  type ReviewAdInput,
} from './ads.schemas.js';
import { adStatusEvent, type AdCreatedEvent, type AdDeletedEvent, type DependencyReportedEvent } from './ads.events.js';
import type { AdsError } from './ads.errors.js';

/**
 * What `createAds` needs: the store that also holds the Spark codes (`memoryStore()`,
 * `postgresStore(…)`), and optionally a clock, a random source and a policy.
 *
 * @example
 * ```ts
 * import { createAds, memoryStore, systemClock, type AdsOptions } from 'tiktok-ad-auth';
 * const options: AdsOptions = { store: memoryStore(), clock: systemClock() };
 * const ads = createAds(options);
 * ```
 */
export type AdsOptions = ServiceOptions;

/**
 * The ad workflows (ADV-04..06, SPARK-10, SPARK-11). Create with `createAds`. The expiry sweep
 * that stops ads is `SparkCodes.expireDue` (one sweep for codes and their ads).
 *
 * @example
 * ```ts
 * import { createAds, memoryStore, type Ads } from 'tiktok-ad-auth';
 * const ads: Ads = createAds({ store: memoryStore() });
 * const mine = await ads.listAds('adacc-1');
 * ```
 */
export interface Ads {
  /** The policy in force for this service. */
  readonly policy: Policy;
  /**
   * Creates a draft ad (ADV-04). An `AUTH_CODE` ad must use a post of the ad account's Spark
   * Ads library whose authorization is in force; the Spark Ads and per-identity limits are
   * checked under the ad account's and the identity's locks, so they hold under concurrent
   * callers; the Asset Authorization option follows TOP-01..03. A `BC_AUTH_TT` account must be
   * available to the ad account by the records (LIFE-02), the post not private or deleted and the
   * account not banned (LIFE-01). Every violation is reported.
   */
  createAd(input: CreateAdInput): Promise<Result<AdView, AdsError>>;
  /** Submits a draft (or rejected) ad for review (ADV-05); refused unless its authorization is in force. */
  submit(input: AdActionInput): Promise<Result<AdView, AdsError>>;
  /** Records the caller's review decision: approved or rejected (ADV-05). */
  review(input: ReviewAdInput): Promise<Result<AdView, AdsError>>;
  /** Starts an approved ad; refused unless its authorization is in force. */
  start(input: AdActionInput): Promise<Result<AdView, AdsError>>;
  /** The advertiser pauses a running ad. */
  pause(input: AdActionInput): Promise<Result<AdView, AdsError>>;
  /**
   * Resumes a paused ad; refused when its authorization ended (revoked or expired, ADV-06) or
   * while something it depends on is gone (LIFE-01, LIFE-02: its link, permission, post or account).
   */
  resume(input: AdActionInput): Promise<Result<AdView, AdsError>>;
  /** The advertiser stops an ad (terminal). */
  stop(input: AdActionInput): Promise<Result<AdView, AdsError>>;
  /** An ad with its status at `at` (default now; expiry applied even before the sweep). */
  getAd(input: GetAdInput): Promise<Result<AdView, AdsError>>;
  /** An ad account's ads, oldest first (ties by id), with their status now. */
  listAds(adAccountId: string): Promise<Result<readonly AdView[], AdsError>>;
  /**
   * The authorization forecast of one ad or a whole ad account: ads whose schedule runs past
   * their authorization's expiry, and those whose authorization expires within `withinMs`
   * (default 7 days), each with the instant it will stop. Soonest first.
   */
  forecast(input: ForecastInput): Promise<Result<readonly AdForecast[], AdsError>>;
  /**
   * Deletes a draft ad (LIFE-03): it then counts toward no limit. Any other status is refused
   * (`ads.not_draft`). Records `ads.ad_deleted`.
   */
  deleteDraft(input: DeleteDraftInput): Promise<Result<DeletedAd, AdsError>>;
  /**
   * Records that a post turned private, was deleted (final), or is public again (LIFE-01). A private
   * or deleted post pauses every approved or running ad that runs it, in the same step, with
   * `post_private` / `post_deleted` and one `ads.paused` event each; such ads cannot start or
   * resume until the post is public again.
   */
  reportPostChange(input: ReportPostChangeInput): Promise<Result<DependencyReport, AdsError>>;
  /**
   * Records that a TikTok account was banned or reinstated (LIFE-01). A ban pauses every approved
   * or running ad the account delivers (its `BC_AUTH_TT`/`TT_USER` ads, the `AUTH_CODE` ads of its
   * posts), in the same step, with `account_banned`.
   */
  reportAccountChange(input: ReportAccountChangeInput): Promise<Result<DependencyReport, AdsError>>;
}

/** The snapshot of a code's immutable facts an `AUTH_CODE` ad keeps. */
function authorizationRef(code: AdCodeRecord): AdAuthorizationRef {
  return { codeId: code.id, videoId: code.videoId, creatorId: code.creatorId, expiresAt: code.expiresAt };
}

/** The per-identity key of a new ad, given its code (when `AUTH_CODE` and the code exists). */
function newAdIdentityKey(identity: AdIdentity, code: AdCodeRecord | undefined): string {
  return identityKey({ identity, ...(code !== undefined ? { authorization: authorizationRef(code) } : {}) });
}

/**
 * The facts that decide whether an ad's identity may deliver: for `AUTH_CODE`, the code and
 * whether the ad account confirmed it (its library entry). Read inside the transaction.
 */
async function authorizationFacts(
  reader: StoreReader,
  adAccountId: AdAccountId,
  identity: AdIdentity,
): Promise<{ readonly code: AdCodeRecord | undefined; readonly inLibrary: boolean }> {
  if (identity.type !== 'AUTH_CODE') return { code: undefined, inLibrary: true };
  const code = await reader.get(codesTable, identity.codeId);
  const entry = await reader.get(libraryTable, compoundKey(adAccountId, identity.codeId));
  return { code, inLibrary: code !== undefined && entry !== undefined };
}

/** The checked input of `createAd`. */
type CreateAdParsed = z.output<typeof createAdInputSchema>;

/** Why an ad was not found: missing or another account's; or the store failed. */

/** What a status change returns. */
type AdResult = Result<AdView, AdsError>;

/** A `createAd` attempt that locked the wrong identity (the code appeared meanwhile): run again with this code. */
interface Relock {
  readonly relock: AdCodeRecord;
}

/**
 * The lock keys of a new ad: the ad, its ad account and identity (the limits), its code, and the
 * post and the delivering account it depends on (LIFE-01, LIFE-02; the same keys as `adLockKeys`).
 */
function createLockKeys(p: CreateAdParsed, id: AdId, code: AdCodeRecord | undefined): string[] {
  const keys = new Set([`adaccount:${p.adAccountId}`, `identity:${newAdIdentityKey(p.identity, code)}`]);
  const videoId = code?.videoId ?? p.videoId;
  const sketch = {
    id,
    identity: p.identity,
    ...(videoId !== undefined ? { videoId } : {}),
    ...(code !== undefined ? { authorization: authorizationRef(code) } : {}),
  };
  for (const k of adLockKeys(sketch)) keys.add(k);
  return [...keys];
}

/**
 * Creates the ads service over the store that also holds the Spark codes.
 *
 * @example
 * ```ts
 * import { createAds, createSparkCodes, memoryStore, manualClock } from 'tiktok-ad-auth';
 * const store = memoryStore();
 * const clock = manualClock(new Date('2026-03-01T12:00:00Z'));
 * const ads = createAds({ store, clock });
 * const ad = await ads.createAd({
 *   adAccountId: 'adacc-1', name: 'Spring launch',
 *   campaign: { campaignId: 'cmp-1', objective: 'VIDEO_VIEWS', placements: ['TIKTOK'], campaignType: 'MANUAL' },
 *   schedule: { startAt: clock.now() },
 *   identity: { type: 'AUTH_CODE', codeId }, // a code confirmed by adacc-1
 * });
 * ```
 */
export function createAds(options: AdsOptions): Ads {
  const { store, clock, random, policy } = resolveOptions('createAds', options);
  const eventId = () => randomId(random, 'evt_', 16) as EventId;

  const loadOwned = (adAccountId: AdAccountId, adId: AdId) => loadOwnedAd(store, adAccountId, adId);

  async function act(
    action: AdAction,
    adAccountId: AdAccountId,
    adId: AdId,
    userId: string | undefined,
  ): Promise<Result<AdView, AdsError>> {
    // Read outside only to learn which code the ad uses (never changes): the lock keys.
    const found = await loadOwned(adAccountId, adId);
    if (found.isErr()) return found;
    return inTransaction(store, clock, adLockKeys(found.value), async ({ tx, at }): Promise<AdResult> => {
      const ad = await tx.get(adsTable, adId);
      if (ad === undefined || ad.adAccountId !== adAccountId) return Err(notFound('ad', adId));
      const t = AD_TRANSITIONS[action];
      const facts = t.needsAuthorization
        ? await authorizationFacts(tx, adAccountId, ad.identity)
        : { code: undefined, inLibrary: true };
      // LIFE-01, LIFE-02: what the ad depends on, read from the records under its locks.
      const checksDependencies = t.needsAuthorization || action === 'approve';
      const dependencies: DependencyFacts = checksDependencies
        ? await readDependencies(tx, dependencySubject(ad), at)
        : {};
      const decision = canChangeAdStatus(
        { ad, action, ...facts, ...(t.needsAuthorization ? { dependencies } : {}) },
        at,
      );
      if (!decision.allowed) return Err(denied(decision.violations));
      const actor = advertiserActor(adAccountId, userId);
      const reason = action === 'pause' || action === 'stop' ? ('advertiser' as const) : undefined;
      const after = withStatus(ad, t.to, at, actor, reason);
      await tx.update(adsTable, after);
      // The review is recorded; an ad approved while something it depends on is gone is paused
      // in the same step (LIFE-01), never left approved.
      const gone = action === 'approve' ? lifecycleReason(ad.identity, dependencies) : undefined;
      if (gone !== undefined) {
        tx.append([
          adStatusEvent(eventId(), at, actor, {
            adId,
            adAccountId,
            from: ad.status,
            to: after.status,
            ...(ad.authorization !== undefined ? { codeId: ad.authorization.codeId } : {}),
            effectiveAt: at,
          }),
        ]);
        const [paused] = await pauseDependentAds(tx, at, SYSTEM_ACTOR, [after], gone, eventId);
        const stored = paused === undefined ? after : ((await tx.get(adsTable, adId)) ?? after);
        return Ok(viewAd(stored, at));
      }
      tx.append([
        adStatusEvent(eventId(), at, actor, {
          adId,
          adAccountId,
          from: ad.status,
          to: after.status,
          ...(reason !== undefined ? { reason } : {}),
          ...(ad.authorization !== undefined ? { codeId: ad.authorization.codeId } : {}),
          effectiveAt: at,
        }),
      ]);
      return Ok(viewAd(after, at));
    });
  }

  /**
   * One attempt at creating an ad under the locks of its ad account, its identity (`key`) and
   * its code: re-reads the code and the library entry, counts the ads toward the limits, decides
   * at `at`, and inserts the draft with its event. Asks to run again under another identity key
   * when the code is not the one read outside (it did not exist yet).
   */
  function createUnder(
    p: CreateAdParsed,
    id: AdId,
    seen: AdCodeRecord | undefined,
  ): Promise<Result<AdView | Relock, AdsError>> {
    const key = newAdIdentityKey(p.identity, seen);
    const keys = createLockKeys(p, id, seen);
    return inTransaction(store, clock, keys, async ({ tx, at }): Promise<Result<AdView | Relock, AdsError>> => {
      const { code, inLibrary } = await authorizationFacts(tx, p.adAccountId, p.identity);
      // A code's facts never change: only a code that appeared since it was read needs other locks.
      if (code !== undefined && seen === undefined) return Ok({ relock: code });

      const { campaign, identity, assetAuthorization, schedule } = p;
      const dependencies = await readDependencies(
        tx,
        {
          adAccountId: p.adAccountId,
          identity,
          videoId: code?.videoId ?? p.videoId,
          deliveringAccountId:
            identity.type === 'AUTH_CODE'
              ? code?.creatorId
              : identity.type === 'CUSTOMIZED_USER'
                ? undefined
                : identity.identityId,
        },
        at,
      );
      const d = canCreateAd({ campaign, identity, assetAuthorization, inLibrary, schedule }, policy, at);
      const violations: Violation[] = d.allowed ? [] : [...d.violations];
      for (const v of authorizationViolations({ identity, code, inLibrary, dependencies }, at)) {
        if (!violations.some((x) => x.code === v.code)) violations.push(v);
      }
      if (isSparkAd(identity)) {
        const sparkAds = await tx.count(adsTable, 'sparkByAccount', { eq: [p.adAccountId] });
        const identityAds = await tx.count(adsTable, 'byIdentity', { eq: [key] });
        violations.push(...adLimitViolations({ sparkAds, identityAds, identityKey: key }, policy));
      }
      const [first, ...rest] = violations;
      if (first !== undefined) return Err(denied([first, ...rest]));

      const actor = advertiserActor(p.adAccountId, p.userId);
      const ad = draftAd(p, id, code, at, actor);
      const event = {
        id: eventId(),
        type: 'ads.created',
        at,
        actor,
        subject: { kind: 'ad', id },
        data: {
          adId: id,
          adAccountId: p.adAccountId,
          identityType: identity.type,
          ...(code !== undefined ? { codeId: code.id } : {}),
          assetAuthorization: ad.assetAuthorization.authorized,
        },
      } satisfies Omit<AdCreatedEvent, 'seq'>;
      await tx.insert(adsTable, ad);
      tx.append([event as NewEvent]);
      return Ok(viewAd(ad, at));
    });
  }

  /** The new draft ad (ADV-04), with the code's snapshot for `AUTH_CODE` and the Top Ads option (TOP-01..03). */
  function draftAd(p: CreateAdParsed, id: AdId, code: AdCodeRecord | undefined, at: Date, actor: Actor): AdRecord {
    const offered = offersAssetAuthorization(p.campaign, policy);
    const authorized = offered && (p.assetAuthorization ?? policy.assetAuthorizationDefault);
    const { startAt, endAt } = p.schedule;
    return {
      id,
      adAccountId: p.adAccountId,
      name: p.name,
      campaign: p.campaign,
      schedule: { startAt, ...(endAt !== undefined ? { endAt } : {}) },
      identity: p.identity,
      ...(code !== undefined
        ? { videoId: code.videoId, authorization: authorizationRef(code) }
        : p.videoId !== undefined
          ? { videoId: p.videoId }
          : {}),
      regions: p.regions ?? [],
      ...(p.industry !== undefined ? { industry: p.industry } : {}),
      assetAuthorization: { offered, authorized, changedAt: at, source: 'ads_manager' },
      status: 'DRAFT',
      statusChangedAt: at,
      statusChangedBy: actor,
      createdAt: at,
    };
  }

  /**
   * Records a reported state of a post or an account (LIFE-01) and pauses the approved or running
   * ads that depend on it, in one transaction holding the subject's lock and every such ad's
   * locks (`adLockKeys`): the ads are listed outside to learn the locks, listed again inside, and
   * the step runs again with more locks if an ad went live meanwhile.
   */
  async function report(
    kind: DependencyStateRecord['kind'],
    subjectId: string,
    state: DependencyStateRecord['state'],
    actor: Actor,
  ): Promise<Result<DependencyReport, AdsError>> {
    const key = kind === 'POST' ? postKey(subjectId) : accountKey(subjectId);
    const live = (r: StoreReader) =>
      kind === 'POST'
        ? r.list(adsTable, 'liveByVideo', { eq: [subjectId] })
        : r.list(adsTable, 'liveByAccount', { eq: [subjectId] });
    const reason: LifecycleReason | undefined =
      state === 'PRIVATE'
        ? 'post_private'
        : state === 'DELETED'
          ? 'post_deleted'
          : state === 'BANNED'
            ? 'account_banned'
            : undefined;
    const outside = await reading(() => live(store));
    if (outside.isErr()) return outside;
    const keys = new Set([key, ...outside.value.flatMap(adLockKeys)]);
    for (let tries = 0; tries < 5; tries++) {
      const r = await inTransaction(
        store,
        clock,
        [...keys],
        async ({ tx, at }): Promise<Result<DependencyReport | { relock: string[] }, AdsError>> => {
          const ads = await live(tx);
          const missing = ads.flatMap(adLockKeys).filter((k) => !keys.has(k));
          if (missing.length > 0) return Ok({ relock: missing });
          const previous = await tx.get(dependencyStatesTable, key);
          if (previous?.state === 'DELETED' && state !== 'DELETED') {
            return Err(
              denied([
                {
                  rule: 'LIFE-01',
                  code: 'ads.post_deleted',
                  message: 'A deleted post stays deleted: it cannot become public or private again.',
                  details: { videoId: subjectId },
                },
              ]),
            );
          }
          const record: DependencyStateRecord = { key, kind, subjectId, state, changedAt: at, changedBy: actor };
          if (previous === undefined) await tx.insert(dependencyStatesTable, record);
          else await tx.update(dependencyStatesTable, record);
          const pausedAds = reason === undefined ? [] : await pauseDependentAds(tx, at, actor, ads, reason, eventId);
          tx.append([
            {
              id: eventId(),
              type: kind === 'POST' ? 'ads.post_changed' : 'ads.account_changed',
              at,
              actor,
              subject: { kind: kind === 'POST' ? 'video' : 'tiktok_account', id: subjectId },
              data: {
                key,
                subjectId,
                state,
                ...(previous !== undefined ? { previous: previous.state } : {}),
                pausedAds: pausedAds.length,
              } satisfies DependencyReportedEvent['data'],
            },
          ]);
          return Ok({ state: record, pausedAds });
        },
      );
      if (r.isErr()) return r;
      if (!('relock' in r.value)) return Ok(r.value);
      for (const k of r.value.relock) keys.add(k);
    }
    return Err(storageError(new Error('report: ads kept going live while it ran; try again')));
  }

  const reporter = (by: string | undefined): Actor => (by === undefined ? SYSTEM_ACTOR : { kind: 'user', id: by });

  const action =
    (name: AdAction) =>
    async (input: AdActionInput): Promise<Result<AdView, AdsError>> => {
      const parsed = parseInput(adActionInputSchema, input);
      if (parsed.isErr()) return parsed;
      return act(name, parsed.value.adAccountId, parsed.value.adId, parsed.value.userId);
    };

  return {
    policy,

    async createAd(input) {
      const parsed = parseInput(createAdInputSchema, input);
      if (parsed.isErr()) return parsed;
      const p = parsed.value;
      const id = randomId(random, 'ad_') as AdId;
      // The per-identity key of an AUTH_CODE ad names the code's creator, which never changes:
      // read the code outside only to know which identity to lock; everything is decided inside.
      let code: AdCodeRecord | undefined;
      if (p.identity.type === 'AUTH_CODE') {
        const codeId = p.identity.codeId;
        const got = await reading(() => store.get(codesTable, codeId));
        if (got.isErr()) return got;
        code = got.value;
      }
      for (let tries = 0; tries < 3; tries++) {
        const r = await createUnder(p, id, code);
        if (r.isErr()) return r;
        if (!('relock' in r.value)) return Ok(r.value);
        code = r.value.relock;
      }
      return Err(storageError(new Error('createAd: the code changed while it was being read; try again')));
    },

    submit: action('submit'),
    start: action('start'),
    pause: action('pause'),
    resume: action('resume'),
    stop: action('stop'),

    async review(input) {
      const parsed = parseInput(reviewAdInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { adAccountId, adId, userId, approved } = parsed.value;
      return act(approved ? 'approve' : 'reject', adAccountId, adId, userId);
    },

    async getAd(input) {
      const parsed = parseInput(getAdInputSchema, input);
      if (parsed.isErr()) return parsed;
      const loaded = await loadOwned(parsed.value.adAccountId, parsed.value.adId);
      return loaded.map((ad) => viewAd(ad, parsed.value.at ?? clock.now()));
    },

    async listAds(adAccountId) {
      const parsed = parseInput(adsAccountIdSchema, adAccountId);
      if (parsed.isErr()) return parsed;
      const got = await reading(() => store.list(adsTable, 'byAccount', { eq: [parsed.value] }));
      const at = clock.now();
      return got.map((ads) => ads.map((a) => viewAd(a, at)));
    },

    async forecast(input) {
      const parsed = parseInput(forecastInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { adAccountId, adId } = parsed.value;
      const at = parsed.value.at ?? clock.now();
      const withinMs = parsed.value.withinMs ?? 7 * DAY_MS;
      if (adId !== undefined) {
        const loaded = await loadOwned(adAccountId, adId);
        return loaded.map((ad) => forecastAds([ad], at, withinMs));
      }
      // Ads whose authorization has not ended at `at`; `forecastAds` keeps those at risk.
      const got = await reading(() => store.list(adsTable, 'atRisk', { eq: [adAccountId], gte: at.getTime() + 1 }));
      return got.map((ads) => forecastAds(ads, at, withinMs));
    },

    async deleteDraft(input) {
      const parsed = parseInput(deleteDraftInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { adAccountId, adId, userId } = parsed.value;
      const found = await loadOwned(adAccountId, adId);
      if (found.isErr()) return found;
      // The ad account's and the identity's locks: the limits counted under them (ADV-04) see it go.
      const keys = [...adLockKeys(found.value), `adaccount:${adAccountId}`, `identity:${identityKey(found.value)}`];
      return inTransaction(store, clock, keys, async ({ tx, at }): Promise<Result<DeletedAd, AdsError>> => {
        const ad = await tx.get(adsTable, adId);
        if (ad === undefined || ad.adAccountId !== adAccountId) return Err(notFound('ad', adId));
        if (ad.status !== 'DRAFT') {
          return Err(
            denied([
              {
                rule: 'LIFE-03',
                code: 'ads.not_draft',
                message:
                  `Only a draft ad can be deleted; this ad is ${ad.status.toLowerCase().replace('_', ' ')}: ` +
                  'stop it instead.',
                details: { status: ad.status },
              },
            ]),
          );
        }
        await tx.delete(adsTable, adId);
        const actor = advertiserActor(adAccountId, userId);
        tx.append([
          {
            id: eventId(),
            type: 'ads.ad_deleted',
            at,
            actor,
            subject: { kind: 'ad', id: adId },
            data: { adId, adAccountId, identityType: ad.identity.type } satisfies AdDeletedEvent['data'],
          },
        ]);
        return Ok({ adId, adAccountId, deletedAt: at });
      });
    },

    async reportPostChange(input) {
      const parsed = parseInput(reportPostChangeInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { videoId, change, reportedBy } = parsed.value;
      return report('POST', videoId, change, reporter(reportedBy));
    },

    async reportAccountChange(input) {
      const parsed = parseInput(reportAccountChangeInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { accountId, change, reportedBy } = parsed.value;
      return report('ACCOUNT', accountId, change === 'BANNED' ? 'BANNED' : 'ACTIVE', reporter(reportedBy));
    },
  };
}
