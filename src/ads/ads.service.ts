import { Err, Ok, type Result } from '../kernel/result.js';
import { denied, notFound, type NotFoundError, type StorageError, type ValidationError, guardStorage as guard } from '../kernel/errors.js';
import type { Violation } from '../kernel/decision.js';
import { SYSTEM_ACTOR, type NewEvent, advertiserActor } from '../kernel/events.js';
import type { AdAccountId, AdId, EventId } from '../kernel/ids.js';
import { DEFAULT_POLICY, type Policy } from '../kernel/policy.js';
import { DAY_MS } from '../kernel/time.js';
import { parseInput } from '../kernel/validation.js';
import type { Clock } from '../ports/clock.js';
import type { RandomSource } from '../ports/random-source.js';
import type { AdStore } from '../ports/ad-store.js';
import type { SparkCodeStore } from '../ports/spark-code-store.js';
import { systemClock } from '../adapters/clock/system-clock.js';
import { webCryptoRandom } from '../adapters/random/web-crypto-random.js';
import { randomPool } from '../kernel/random-pool.js';
import type { AdCodeSummary } from '../spark-codes/spark-codes.model.js';
import { summarizeAdCode } from '../spark-codes/spark-codes.rules.js';
import { newEvent, type CodeExpiredEvent } from '../spark-codes/spark-codes.events.js';
import type { AdForecast, AdRecord, AdRef, AdView } from './ads.model.js';
import {
  AD_TRANSITIONS, authorizationViolations, canChangeAdStatus, canCreateAd, forecastAds, offersAssetAuthorization, viewAd, type AdAction,
} from './ads.rules.js';
import { adActionInputSchema, adsAccountIdSchema, createAdInputSchema, forecastInputSchema, getAdInputSchema, reviewAdInputSchema } from './ads.schemas.js';
import { adStatusEvent, type AdCreatedEvent } from './ads.events.js';
import type { AdsError } from './ads.errors.js';

/** What `createAds` needs. The store must hold both the ads and the Spark codes (one transaction scope). */
export interface AdsOptions {
  /** E.g. `memoryStore()`: the same store the Spark codes service uses. */
  readonly store: AdStore & SparkCodeStore;
  /** Source of "now" (default `systemClock()`). */
  readonly clock?: Clock;
  /** Source of randomness for ids (default `webCryptoRandom()`). */
  readonly random?: RandomSource;
  /** Policy parameters (default `DEFAULT_POLICY`). */
  readonly policy?: Policy;
}

/** Result of `expireDue`: the codes whose expiry was recorded and the ads stopped with them. */
export interface AdsExpiryResult {
  readonly codes: readonly AdCodeSummary[];
  readonly stoppedAds: readonly AdRef[];
}

/** The ad workflows (ADV-04..06, SPARK-10, SPARK-11). Create with `createAds`. */
export interface Ads {
  /** The policy in force for this service. */
  readonly policy: Policy;
  /**
   * Creates a draft ad (ADV-04). An `AUTH_CODE` ad must use a post of the ad account's Spark
   * Ads library whose authorization is in force; the Spark Ads and per-identity limits are
   * enforced atomically; the Asset Authorization option follows TOP-01..03.
   */
  createAd(input: unknown): Promise<Result<AdView, AdsError>>;
  /** Submits a draft (or rejected) ad for review (ADV-05); refused unless its authorization is in force. */
  submit(input: unknown): Promise<Result<AdView, AdsError>>;
  /** Records the caller's review decision: approved or rejected (ADV-05). */
  review(input: unknown): Promise<Result<AdView, AdsError>>;
  /** Starts an approved ad; refused unless its authorization is in force. */
  start(input: unknown): Promise<Result<AdView, AdsError>>;
  /** The advertiser pauses a running ad. */
  pause(input: unknown): Promise<Result<AdView, AdsError>>;
  /** Resumes a paused ad; refused when its authorization ended (revoked or expired, ADV-06). */
  resume(input: unknown): Promise<Result<AdView, AdsError>>;
  /** The advertiser stops an ad (terminal). */
  stop(input: unknown): Promise<Result<AdView, AdsError>>;
  /** An ad with its status at `at` (default now; expiry applied even before the sweep). */
  getAd(input: unknown): Promise<Result<AdView, AdsError>>;
  /** An ad account's ads, oldest first, with their status now. */
  listAds(adAccountId: unknown): Promise<Result<readonly AdView[], AdsError>>;
  /**
   * The authorization forecast of one ad or a whole ad account: ads whose schedule runs past
   * their authorization's expiry, and those whose authorization expires within `withinMs`
   * (default 7 days), each with the instant it will stop. Soonest first.
   */
  forecast(input: unknown): Promise<Result<readonly AdForecast[], AdsError>>;
  /** The expiry sweep (SPARK-11, ADV-06): records due code expiries and stops their ads, once, with events. */
  expireDue(options?: { readonly limit?: number }): Promise<Result<AdsExpiryResult, StorageError | ValidationError>>;
}


const deny = (v: readonly Violation[]) => Err(denied(v as [Violation, ...Violation[]]));

/**
 * Internal (shared with the Top Ads service): the ad with this id if it belongs to the ad
 * account; another account's ad is reported exactly like a missing one.
 */
export async function loadOwnedAd(store: Pick<AdStore, 'getAd'>, adAccountId: AdAccountId, adId: AdId): Promise<Result<AdRecord, NotFoundError | StorageError>> {
  const got = await guard(() => store.getAd(adId));
  if (got.isErr()) return got;
  if (!got.value || got.value.adAccountId !== adAccountId) return Err(notFound('ad', adId));
  return Ok(got.value);
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
  const { store } = options;
  const clock = options.clock ?? systemClock();
  const random = options.random ?? webCryptoRandom();
  const policy = options.policy ?? DEFAULT_POLICY;
  const fill = (b: Uint8Array) => random.fill(b);
  const hex = randomPool(fill).hex;
  const eventId = () => hex(16, 'evt_') as EventId;
  const actorOf = advertiserActor;

  const loadOwned = (adAccountId: AdAccountId, adId: AdId) => loadOwnedAd(store, adAccountId, adId);

  async function act(action: AdAction, adAccountId: AdAccountId, adId: AdId, userId: string | undefined): Promise<Result<AdView, AdsError>> {
    const at = clock.now();
    const loaded = await loadOwned(adAccountId, adId);
    if (loaded.isErr()) return loaded;
    const ad = loaded.value;
    const t = AD_TRANSITIONS[action];
    let code;
    if (t.needsAuthorization && ad.identity.type === 'AUTH_CODE') {
      const c = await guard(() => store.getCode(ad.authorization!.codeId));
      if (c.isErr()) return c;
      code = c.value;
    }
    // Library entries are never removed: an AUTH_CODE ad exists only if its post was in the library.
    const decision = canChangeAdStatus({ ad, action, code, inLibrary: true }, at);
    if (!decision.allowed) return deny(decision.violations);
    const actor = actorOf(adAccountId, userId);
    const reason = action === 'pause' || action === 'stop' ? 'advertiser' as const : undefined;
    const changed = await guard(() => store.changeAdStatus(
      { adId, adAccountId, from: t.from, to: t.to, ...(reason ? { reason } : {}), at, by: actor, requireAuthorization: t.needsAuthorization },
      (before, after) => [adStatusEvent(eventId(), at, actor, {
        adId, adAccountId, from: before.status, to: after.status, ...(reason ? { reason } : {}),
        ...(after.authorization ? { codeId: after.authorization.codeId } : {}), effectiveAt: at,
      })],
    ));
    if (changed.isErr()) return changed;
    const outcome = changed.value;
    switch (outcome.kind) {
      case 'changed':
        return Ok(viewAd(outcome.ad, at));
      case 'not_found':
        return Err(notFound('ad', adId));
      case 'wrong_status': {
        // A concurrent change (or the expiry) got there first: answer as a fresh decision would.
        const d = canChangeAdStatus({ ad: outcome.ad, action, code, inLibrary: true }, at);
        return deny(d.allowed ? [{ rule: 'ADV-05', code: 'ads.wrong_status', message: 'The ad changed status meanwhile: read it again.' }] : d.violations);
      }
      case 'authorization_ended': {
        const v = authorizationViolations({ identity: outcome.ad.identity, code: outcome.code, inLibrary: outcome.inLibrary }, at);
        return deny(v.length > 0 ? v : [{ rule: 'ADV-06', code: 'ads.authorization_revoked', message: 'The authorization ended meanwhile.' }]);
      }
    }
  }

  const action = (name: AdAction) => async (input: unknown) => {
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
      const at = clock.now();
      let inLibrary = true;
      let code;
      if (p.identity.type === 'AUTH_CODE') {
        const codeId = p.identity.codeId;
        const c = await guard(() => store.getCode(codeId));
        if (c.isErr()) return c;
        code = c.value;
        const lib = await guard(() => store.listLibrary(p.adAccountId));
        if (lib.isErr()) return lib;
        inLibrary = code !== undefined && lib.value.some((e) => e.codeId === codeId);
      }
      const d = canCreateAd({ campaign: p.campaign, identity: p.identity, assetAuthorization: p.assetAuthorization, inLibrary }, policy);
      const violations: Violation[] = d.allowed ? [] : [...d.violations];
      for (const v of authorizationViolations({ identity: p.identity, code, inLibrary }, at)) {
        if (!violations.some((x) => x.code === v.code)) violations.push(v);
      }
      if (violations.length > 0) return deny(violations);
      const offered = offersAssetAuthorization(p.campaign, policy);
      const actor = actorOf(p.adAccountId, p.userId);
      const id = hex(12, 'ad_') as AdId;
      const ad: AdRecord = {
        id, adAccountId: p.adAccountId, name: p.name, campaign: p.campaign,
        schedule: { startAt: p.schedule.startAt, ...(p.schedule.endAt !== undefined ? { endAt: p.schedule.endAt } : {}) },
        identity: p.identity,
        ...(code !== undefined ? { videoId: code.videoId, authorization: { codeId: code.id, videoId: code.videoId, creatorId: code.creatorId, expiresAt: code.expiresAt } }
          : p.videoId !== undefined ? { videoId: p.videoId } : {}),
        regions: p.regions ?? [],
        ...(p.industry !== undefined ? { industry: p.industry } : {}),
        assetAuthorization: { offered, authorized: offered && (p.assetAuthorization ?? policy.assetAuthorizationDefault), changedAt: at, source: 'ads_manager' },
        status: 'DRAFT', statusChangedAt: at, statusChangedBy: actor, createdAt: at,
      };
      const event = {
        id: eventId(), type: 'ads.created', at, actor, subject: { kind: 'ad', id },
        data: { adId: id, adAccountId: p.adAccountId, identityType: p.identity.type, ...(code ? { codeId: code.id } : {}), assetAuthorization: ad.assetAuthorization.authorized },
      } satisfies Omit<AdCreatedEvent, 'seq'>;
      const inserted = await guard(() => store.insertAd(ad, { maxSparkAdsPerAdAccount: policy.maxSparkAdsPerAdAccount, maxAdsPerIdentity: policy.maxAdsPerIdentity }, [event as NewEvent]));
      if (inserted.isErr()) return inserted;
      const out = inserted.value;
      if (out.kind === 'inserted') return Ok(viewAd(out.ad, at));
      if (out.kind === 'not_in_library') {
        return deny([{ rule: 'ADV-04', code: 'ads.post_not_in_library', message: 'Add the post to this ad account\'s Spark Ads library first: search and confirm the creator\'s code.' }]);
      }
      const v: Violation[] = [];
      if (out.sparkAds) v.push({ rule: 'ADV-04', code: 'ads.spark_ads_limit_reached', message: `This ad account already has ${out.sparkAds.count} Spark Ads, the limit is ${out.sparkAds.limit}: stop some first.`, details: out.sparkAds });
      if (out.identity) v.push({ rule: 'ADV-04', code: 'ads.identity_limit_reached', message: `This identity already delivers ${out.identity.count} ads, the limit is ${out.identity.limit}: stop some first.`, details: out.identity });
      return deny(v);
    },

    submit: action('submit'),
    start: action('start'),
    pause: action('pause'),
    resume: action('resume'),
    stop: action('stop'),

    async review(input) {
      const parsed = parseInput(reviewAdInputSchema, input);
      if (parsed.isErr()) return parsed;
      return act(parsed.value.approved ? 'approve' : 'reject', parsed.value.adAccountId, parsed.value.adId, parsed.value.userId);
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
      const got = await guard(() => store.listAdsByAccount(parsed.value));
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
      const got = await guard(() => store.listAdsAtRisk(adAccountId, at, withinMs));
      return got.map((ads) => forecastAds(ads, at, withinMs));
    },

    async expireDue(opts) {
      const limit = opts?.limit ?? 10_000;
      if (!Number.isInteger(limit) || limit < 1 || limit > 1_000_000) {
        return Err({ code: 'validation', message: 'Invalid input: limit must be a whole number from 1 to 1000000', issues: [{ path: 'limit', message: 'must be a whole number from 1 to 1000000' }] });
      }
      const at = clock.now();
      const done = await guard(() => store.recordExpiries(at, limit,
        (r) => newEvent<CodeExpiredEvent>(eventId(), 'spark.code_expired', at, SYSTEM_ACTOR, { kind: 'ad_code', id: r.id }, { codeId: r.id, videoId: r.videoId, expiresAt: r.expiresAt }) as NewEvent,
        (before, after) => adStatusEvent(eventId(), at, SYSTEM_ACTOR, {
          adId: after.id, adAccountId: after.adAccountId, from: before.status, to: after.status, reason: 'authorization_expired',
          ...(before.authorization ? { codeId: before.authorization.codeId } : {}), effectiveAt: after.statusChangedAt,
        })));
      return done.map((o) => ({ codes: o.codes.map((c) => summarizeAdCode(c, at)), stoppedAds: o.stoppedAds }));
    },
  };
}
