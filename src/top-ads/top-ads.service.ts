import { Err, Ok, type Result } from '../kernel/result.js';
import {
  denied,
  notFound,
  type DeniedError,
  type NotFoundError,
  type StorageError,
  type ValidationError,
} from '../kernel/errors.js';
import { advertiserActor, type Actor, type NewEvent } from '../kernel/events.js';
import type { AdAccountId, AdId, EventId } from '../kernel/ids.js';
import type { Policy } from '../kernel/policy.js';
import { randomId } from '../kernel/crypto.js';
import { parseInput } from '../kernel/validation.js';
import { loadOwnedAd } from '../ads/ads.workflows.js';
import { resolveOptions, type ServiceOptions } from '../storage/service-options.js';
import { inTransaction, reading } from '../storage/unit-of-work.js';
import { adsTable, popupsTable } from '../storage/tables.js';
import type { AdRecord, AdView, AssetAuthorizationSource } from '../ads/ads.model.js';
import { viewAd } from '../ads/ads.rules.js';
import type { TopAdsDisplay, TopAdsStatusView } from './top-ads.model.js';
import {
  assetAuthorizationViolations,
  matchesTopAdsQuery,
  popupCandidates,
  shouldShowTopAdsPopup,
  topAdsDisplay,
  topAdsStatusAt,
  withAssetAuthorization,
} from './top-ads.rules.js';
import {
  authorizeCreativesInputSchema,
  popupInputSchema,
  topAdsQueryInputSchema,
  topAdsStatusInputSchema,
  withdrawInputSchema,
  type AuthorizeCreativesInput,
  type PopupInput,
  type TopAdsQueryInput,
  type TopAdsStatusInput,
  type WithdrawInput,
} from './top-ads.schemas.js';
import type { CreativeAuthorizedEvent, CreativeWithdrawnEvent, PopupShownEvent } from './top-ads.events.js';

/**
 * Errors of the Top Ads workflows. `denied`: TOP-02/TOP-03 when the option is not offered.
 *
 * @example
 * ```ts
 * import type { TopAdsError } from 'tiktok-ad-auth';
 * const explain = (e: TopAdsError) => (e.code === 'denied' ? e.violations.map((v) => v.message) : [e.code]);
 * ```
 */
export type TopAdsError = ValidationError | DeniedError | NotFoundError | StorageError;

/**
 * What `createTopAds` needs: the store holding the ads, and optionally a clock, a random source
 * and a policy.
 *
 * @example
 * ```ts
 * import { createTopAds, memoryStore, type TopAdsOptions } from 'tiktok-ad-auth';
 * const options: TopAdsOptions = { store: memoryStore() };
 * const topAds = createTopAds(options);
 * ```
 */
export type TopAdsOptions = ServiceOptions;

/**
 * Result of `withdraw`.
 *
 * @example
 * ```ts
 * const r = (await topAds.withdraw({ adAccountId: 'adacc-1', adId })).unwrap();
 * if (!r.withdrawn) console.log('it was not authorized:', r.status.reason);
 * ```
 */
export interface WithdrawResult {
  readonly status: TopAdsStatusView;
  /** `false` when it was not authorized (already withdrawn, unchecked, or not offered): idempotent. */
  readonly withdrawn: boolean;
}

/**
 * Result of `popup` (TOP-05).
 *
 * @example
 * ```ts
 * const p = (await topAds.popup({ accountId: 'tt4b-1', adAccountIds: ['adacc-1'] })).unwrap();
 * if (!p.show && p.nextAt) console.log('next pop-up at', p.nextAt.toISOString());
 * ```
 */
export interface PopupResult {
  /** Show the pop-up now; it has been recorded as shown. */
  readonly show: boolean;
  /** The eligible, unauthorized creatives (listed whether or not the pop-up shows). */
  readonly creatives: readonly AdView[];
  /** When the pop-up may show next, when it does not show because it was shown recently. */
  readonly nextAt?: Date;
}

/**
 * The Top Ads asset authorization workflows (TOP-01..09). Create with `createTopAds`.
 *
 * @example
 * ```ts
 * import { createTopAds, memoryStore, type TopAds } from 'tiktok-ad-auth';
 * const topAds: TopAds = createTopAds({ store: memoryStore() });
 * const shown = await topAds.listTopAds({ regions: ['US'] });
 * ```
 */
export interface TopAds {
  readonly policy: Policy;
  /** TOP-07: `IN_TOP_ADS` or `NOT_IN_TOP_ADS` with the reason, at `at` (default now). */
  status(input: TopAdsStatusInput): Promise<Result<TopAdsStatusView, TopAdsError>>;
  /** TOP-06: withdraws a creative from Top Ads. Idempotent; always allowed for the owning ad account. */
  withdraw(input: WithdrawInput): Promise<Result<WithdrawResult, TopAdsError>>;
  /**
   * Grants authorization for some creatives (from the pop-up or Ads Manager): all of them or
   * none. Idempotent per creative; refused, listing them, when some do not offer the option.
   */
  authorize(input: AuthorizeCreativesInput): Promise<Result<readonly TopAdsStatusView[], TopAdsError>>;
  /** TOP-05: decides whether to show the Creative Center pop-up now and records it when shown. */
  popup(input: PopupInput): Promise<Result<PopupResult, TopAdsError>>;
  /** TOP-08, TOP-09: the creatives in Top Ads matching the filters, as display descriptors. */
  listTopAds(input?: TopAdsQueryInput): Promise<Result<readonly TopAdsDisplay[], TopAdsError>>;
}

/** The lock keys of a change to an ad: the ad, and for an `AUTH_CODE` ad its code (revocation changes it too). */
function adLockKeys(ad: Pick<AdRecord, 'id' | 'identity'>): string[] {
  return ad.identity.type === 'AUTH_CODE' ? [`ad:${ad.id}`, `code:${ad.identity.codeId}`] : [`ad:${ad.id}`];
}

/** Why an ad was not found: missing or another account's; or the store failed. */
type Authorized = Omit<CreativeAuthorizedEvent, 'seq'>;
type Withdrawn = Omit<CreativeWithdrawnEvent, 'seq'>;
type PopupOutcome = Result<PopupResult, TopAdsError>;

/** The outcome of setting the asset authorization of some ads: each ad after, and which changed. */
interface Setting {
  readonly at: Date;
  readonly ads: readonly AdRecord[];
  readonly changed: ReadonlySet<AdId>;
}

/**
 * Creates the Top Ads service over the store holding the ads.
 *
 * @example
 * ```ts
 * import { createTopAds, memoryStore, manualClock } from 'tiktok-ad-auth';
 * const topAds = createTopAds({ store: memoryStore(), clock: manualClock(new Date('2026-03-01T00:00:00Z')) });
 * const p = await topAds.popup({ accountId: 'tt4b-1', adAccountIds: ['adacc-1'] });
 * if (p.isOk() && p.value.show) console.log(p.value.creatives.map((c) => c.name));
 * ```
 */
export function createTopAds(options: TopAdsOptions): TopAds {
  const { store, clock, random, policy } = resolveOptions('createTopAds', options);
  const eventId = () => randomId(random, 'evt_', 16) as EventId;

  const loadOwned = (adAccountId: AdAccountId, adId: AdId) => loadOwnedAd(store, adAccountId, adId);

  /**
   * Grants or withdraws the asset authorization of every ad in one transaction, all or nothing
   * a missing or foreign ad is not found, and a grant to an ad without the option is
   * refused listing every such ad; ads that already have the value are left as they are.
   */
  async function setAuthorization(
    adAccountId: AdAccountId,
    adIds: readonly AdId[],
    authorized: boolean,
    source: AssetAuthorizationSource,
    actor: Actor,
  ): Promise<Result<Setting, TopAdsError>> {
    // Read outside only to learn the lock keys (an ad's code never changes).
    const keys = new Set<string>();
    for (const adId of adIds) {
      const found = await loadOwned(adAccountId, adId);
      if (found.isErr()) return found;
      for (const k of adLockKeys(found.value)) keys.add(k);
    }
    return inTransaction(store, clock, [...keys], async ({ tx, at }): Promise<Result<Setting, TopAdsError>> => {
      const ads: AdRecord[] = [];
      for (const adId of adIds) {
        const ad = await tx.get(adsTable, adId);
        if (ad === undefined || ad.adAccountId !== adAccountId) return Err(notFound('ad', adId));
        ads.push(ad);
      }
      if (authorized) {
        const [first, ...rest] = ads.flatMap((ad) => assetAuthorizationViolations(ad, policy));
        if (first !== undefined) return Err(denied([first, ...rest]));
      }
      const out: AdRecord[] = [];
      const changed = new Set<AdId>();
      const events: NewEvent[] = [];
      for (const ad of ads) {
        const after = withAssetAuthorization(ad, authorized, at, source);
        if (after === undefined) {
          out.push(ad);
          continue;
        }
        await tx.update(adsTable, after);
        out.push(after);
        changed.add(ad.id);
        const envelope = { id: eventId(), at, actor, subject: { kind: 'ad', id: ad.id } };
        const event = authorized
          ? ({
              ...envelope,
              type: 'top_ads.authorized',
              data: { adId: ad.id, adAccountId, source },
            } satisfies Authorized)
          : ({ ...envelope, type: 'top_ads.withdrawn', data: { adId: ad.id, adAccountId } } satisfies Withdrawn);
        events.push(event as NewEvent);
      }
      tx.append(events);
      return Ok({ at, ads: out, changed });
    });
  }

  return {
    policy,

    async status(input) {
      const parsed = parseInput(topAdsStatusInputSchema, input);
      if (parsed.isErr()) return parsed;
      const loaded = await loadOwned(parsed.value.adAccountId, parsed.value.adId);
      return loaded.map((ad) => topAdsStatusAt(ad, parsed.value.at ?? clock.now(), policy));
    },

    async withdraw(input) {
      const parsed = parseInput(withdrawInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { adAccountId, adId, userId } = parsed.value;
      const actor = advertiserActor(adAccountId, userId);
      const set = await setAuthorization(adAccountId, [adId], false, 'creative_center', actor);
      return set.map(({ at, ads, changed }) => ({
        status: topAdsStatusAt(ads[0]!, at, policy),
        withdrawn: changed.has(adId),
      }));
    },

    async authorize(input) {
      const parsed = parseInput(authorizeCreativesInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { adAccountId, adIds, userId } = parsed.value;
      const source = parsed.value.source ?? 'creative_center';
      const actor = advertiserActor(adAccountId, userId);
      const set = await setAuthorization(adAccountId, adIds, true, source, actor);
      return set.map(({ at, ads }) => ads.map((ad) => topAdsStatusAt(ad, at, policy)));
    },

    async popup(input) {
      const parsed = parseInput(popupInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { accountId } = parsed.value;
      const adAccountIds = [...new Set(parsed.value.adAccountIds)];
      // The claim (at most once per interval, TOP-05) is decided under the account's lock.
      return inTransaction(store, clock, [`popup:${accountId}`], async ({ tx, at }): Promise<PopupOutcome> => {
        const candidates: AdRecord[] = [];
        for (const acc of adAccountIds) {
          candidates.push(...popupCandidates(await tx.list(adsTable, 'byAccount', { eq: [acc] }), at, policy));
        }
        const creatives = candidates.map((a) => viewAd(a, at));
        const shown = await tx.get(popupsTable, accountId);
        const lastShownAt = shown?.lastShownAt;
        const decision = shouldShowTopAdsPopup({ candidates: candidates.length, lastShownAt }, at, policy);
        if (!decision.show) {
          return Ok({ show: false, creatives, ...(decision.nextAt !== undefined ? { nextAt: decision.nextAt } : {}) });
        }
        const row = { accountId, lastShownAt: at };
        if (shown === undefined) await tx.insert(popupsTable, row);
        else await tx.update(popupsTable, row);
        const event = {
          id: eventId(),
          type: 'top_ads.popup_shown',
          at,
          actor: { kind: 'user', id: accountId },
          subject: { kind: 'tt4b_account', id: accountId },
          data: { accountId, adIds: candidates.map((a) => a.id) },
        } satisfies Omit<PopupShownEvent, 'seq'>;
        tx.append([event as NewEvent]);
        return Ok({ show: true, creatives });
      });
    },

    async listTopAds(input = {}) {
      const parsed = parseInput(topAdsQueryInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { at: atIn, ...query } = parsed.value;
      const at = atIn ?? clock.now();
      const got = await reading(() => store.list(adsTable, 'assetAuthorized'));
      return got.map((ads) =>
        ads
          .filter((ad) => topAdsStatusAt(ad, at, policy).status === 'IN_TOP_ADS' && matchesTopAdsQuery(ad, query))
          .map((ad) => topAdsDisplay(ad, policy)),
      );
    },
  };
}
