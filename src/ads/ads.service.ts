import { Err, Ok, type Result } from '../kernel/result.js';
import { denied, notFound, storageError } from '../kernel/errors.js';
import type { Violation } from '../kernel/decision.js';
import { advertiserActor, type Actor, type NewEvent } from '../kernel/events.js';
import type { AdAccountId, AdId, EventId } from '../kernel/ids.js';
import type { Policy } from '../kernel/policy.js';
import { DAY_MS } from '../kernel/time.js';
import { randomId } from '../kernel/crypto.js';
import type * as z from 'zod/mini';
import { parseInput } from '../kernel/validation.js';
import type { StoreReader } from '../ports/store.js';
import { loadOwnedAd } from './ads.workflows.js';
import { resolveOptions, type ServiceOptions } from '../storage/service-options.js';
import { inTransaction, reading } from '../storage/unit-of-work.js';
import { adsTable, codesTable, compoundKey, libraryTable } from '../storage/tables.js';
// Type only: the ads context reads codes through the tables, never through the Spark codes service.
import type { AdCodeRecord } from '../spark-codes/spark-codes.model.js';
import type { AdAuthorizationRef, AdForecast, AdIdentity, AdRecord, AdView } from './ads.model.js';
import {
  AD_TRANSITIONS,
  authorizationViolations,
  canChangeAdStatus,
  canCreateAd,
  forecastAds,
  identityKey,
  isSparkAd,
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
  forecastInputSchema,
  getAdInputSchema,
  reviewAdInputSchema,
  type AdActionInput,
  type CreateAdInput,
  type ForecastInput,
  type GetAdInput,
  type ReviewAdInput,
} from './ads.schemas.js';
import { adStatusEvent, type AdCreatedEvent } from './ads.events.js';
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
   * callers; the Asset Authorization option follows TOP-01..03. Every violation is reported.
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
  /** Resumes a paused ad; refused when its authorization ended (revoked or expired, ADV-06). */
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
}

/**
 * The lock keys of a change to an ad: the ad, and for an `AUTH_CODE` ad its code (revocation and
 * expiry change the ad under the code's lock).
 */
function adLockKeys(ad: Pick<AdRecord, 'id' | 'identity'>): string[] {
  return ad.identity.type === 'AUTH_CODE' ? [`ad:${ad.id}`, `code:${ad.identity.codeId}`] : [`ad:${ad.id}`];
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

/** A `createAd` attempt that locked the wrong identity (the code appeared meanwhile): run again under this key. */
interface Relock {
  readonly relock: string;
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
      const decision = canChangeAdStatus({ ad, action, ...facts }, at);
      if (!decision.allowed) return Err(denied(decision.violations));
      const actor = advertiserActor(adAccountId, userId);
      const reason = action === 'pause' || action === 'stop' ? ('advertiser' as const) : undefined;
      const after = withStatus(ad, t.to, at, actor, reason);
      await tx.update(adsTable, after);
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
  function createUnder(p: CreateAdParsed, id: AdId, key: string): Promise<Result<AdView | Relock, AdsError>> {
    const keys = [`ad:${id}`, `adaccount:${p.adAccountId}`, `identity:${key}`];
    if (p.identity.type === 'AUTH_CODE') keys.push(`code:${p.identity.codeId}`);
    return inTransaction(store, clock, keys, async ({ tx, at }): Promise<Result<AdView | Relock, AdsError>> => {
      const { code, inLibrary } = await authorizationFacts(tx, p.adAccountId, p.identity);
      const ownKey = newAdIdentityKey(p.identity, code);
      if (code !== undefined && ownKey !== key) return Ok({ relock: ownKey });

      const { campaign, identity, assetAuthorization, schedule } = p;
      const d = canCreateAd({ campaign, identity, assetAuthorization, inLibrary, schedule }, policy, at);
      const violations: Violation[] = d.allowed ? [] : [...d.violations];
      for (const v of authorizationViolations({ identity, code, inLibrary }, at)) {
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
      let key = newAdIdentityKey(p.identity, code);
      for (let tries = 0; tries < 3; tries++) {
        const r = await createUnder(p, id, key);
        if (r.isErr()) return r;
        if (!('relock' in r.value)) return Ok(r.value);
        key = r.value.relock;
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
  };
}
