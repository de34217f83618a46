import { Err, Ok, type Result } from '../kernel/result.js';
import { denied, notFound, type DeniedError, type NotFoundError, type StorageError, type ValidationError, guardStorage as guard } from '../kernel/errors.js';
import type { Violation } from '../kernel/decision.js';
import { advertiserActor, type NewEvent } from '../kernel/events.js';
import type { AdAccountId, AdId, EventId } from '../kernel/ids.js';
import { DEFAULT_POLICY, type Policy } from '../kernel/policy.js';
import { parseInput } from '../kernel/validation.js';
import type { Clock } from '../ports/clock.js';
import { loadOwnedAd } from '../ads/ads.service.js';
import type { RandomSource } from '../ports/random-source.js';
import type { AdStore } from '../ports/ad-store.js';
import type { TopAdsStore } from '../ports/top-ads-store.js';
import { systemClock } from '../adapters/clock/system-clock.js';
import { webCryptoRandom } from '../adapters/random/web-crypto-random.js';
import { randomPool } from '../kernel/random-pool.js';
import type { AdRecord, AdView } from '../ads/ads.model.js';
import { viewAd } from '../ads/ads.rules.js';
import type { TopAdsDisplay, TopAdsStatusView } from './top-ads.model.js';
import { matchesTopAdsQuery, popupCandidates, shouldShowTopAdsPopup, topAdsDisplay, topAdsStatusAt } from './top-ads.rules.js';
import { authorizeCreativesInputSchema, popupInputSchema, topAdsQueryInputSchema, topAdsStatusInputSchema, withdrawInputSchema } from './top-ads.schemas.js';
import type { CreativeAuthorizedEvent, CreativeWithdrawnEvent, PopupShownEvent } from './top-ads.events.js';

/** Errors of the Top Ads workflows. `denied`: TOP-02/TOP-03 when the option is not offered. */
export type TopAdsError = ValidationError | DeniedError | NotFoundError | StorageError;

/** What `createTopAds` needs. */
export interface TopAdsOptions {
  /** The store holding the ads, e.g. `memoryStore()`. */
  readonly store: AdStore & TopAdsStore;
  readonly clock?: Clock;
  readonly random?: RandomSource;
  readonly policy?: Policy;
}

/** Result of `withdraw`. */
export interface WithdrawResult {
  readonly status: TopAdsStatusView;
  /** `false` when it was not authorized (already withdrawn, unchecked, or not offered): idempotent. */
  readonly withdrawn: boolean;
}

/** Result of `popup` (TOP-05). */
export interface PopupResult {
  /** Show the pop-up now; it has been recorded as shown. */
  readonly show: boolean;
  /** The eligible, unauthorized creatives (listed whether or not the pop-up shows). */
  readonly creatives: readonly AdView[];
  /** When the pop-up may show next, when it does not show because it was shown recently. */
  readonly nextAt?: Date;
}

/** The Top Ads asset authorization workflows (TOP-01..09). Create with `createTopAds`. */
export interface TopAds {
  readonly policy: Policy;
  /** TOP-07: `IN_TOP_ADS` or `NOT_IN_TOP_ADS` with the reason, at `at` (default now). */
  status(input: unknown): Promise<Result<TopAdsStatusView, TopAdsError>>;
  /** TOP-06: withdraws a creative from Top Ads. Idempotent; always allowed for the owning ad account. */
  withdraw(input: unknown): Promise<Result<WithdrawResult, TopAdsError>>;
  /** Grants authorization for some creatives (from the pop-up or Ads Manager). Idempotent per creative. */
  authorize(input: unknown): Promise<Result<readonly TopAdsStatusView[], TopAdsError>>;
  /** TOP-05: decides whether to show the Creative Center pop-up now and records it when shown. */
  popup(input: unknown): Promise<Result<PopupResult, TopAdsError>>;
  /** TOP-08, TOP-09: the creatives in Top Ads matching the filters, as display descriptors. */
  listTopAds(input?: unknown): Promise<Result<readonly TopAdsDisplay[], TopAdsError>>;
}


function notOffered(ad: AdRecord, policy: Policy): Violation[] {
  const v: Violation[] = [];
  if (!ad.campaign.placements.includes('TIKTOK')) v.push({ rule: 'TOP-02', code: 'top_ads.requires_tiktok_placement', message: 'Asset Authorization is only available for ads with TikTok as a placement.', details: { adId: ad.id } });
  if (policy.topAdsExcludedCampaignTypes.includes(ad.campaign.campaignType)) v.push({ rule: 'TOP-03', code: 'top_ads.campaign_type_not_eligible', message: 'Smart Performance Campaign creatives cannot be authorized for Top Ads.', details: { adId: ad.id } });
  return v.length > 0 ? v : [{ rule: 'TOP-02', code: 'top_ads.requires_tiktok_placement', message: 'This ad does not offer Asset Authorization.', details: { adId: ad.id } }];
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
  const { store } = options;
  const clock = options.clock ?? systemClock();
  const random = options.random ?? webCryptoRandom();
  const policy = options.policy ?? DEFAULT_POLICY;
  const fill = (b: Uint8Array) => random.fill(b);
  const hex = randomPool(fill).hex;
  const eventId = () => hex(16, 'evt_') as EventId;
  const actorOf = advertiserActor;

  const loadOwned = (adAccountId: AdAccountId, adId: AdId) => loadOwnedAd(store, adAccountId, adId);

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
      const at = clock.now();
      const actor = actorOf(adAccountId, userId);
      const changed = await guard(() => store.setCreativeAuthorization({ adIds: [adId], adAccountId, authorized: false, at, source: 'creative_center', by: actor },
        (after) => ({ id: eventId(), type: 'top_ads.withdrawn', at, actor, subject: { kind: 'ad', id: after.id }, data: { adId: after.id, adAccountId } } satisfies Omit<CreativeWithdrawnEvent, 'seq'>) as NewEvent));
      if (changed.isErr()) return changed;
      const out = changed.value;
      if (out.kind !== 'done') return Err(notFound('ad', adId));
      const ad = out.changed[0] ?? out.unchanged[0]!;
      return Ok({ status: topAdsStatusAt(ad, at, policy), withdrawn: out.changed.length === 1 });
    },

    async authorize(input) {
      const parsed = parseInput(authorizeCreativesInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { adAccountId, adIds, userId } = parsed.value;
      const source = parsed.value.source ?? 'creative_center';
      const at = clock.now();
      const actor = actorOf(adAccountId, userId);
      // One atomic step for every creative: all are authorized, or none.
      const changed = await guard(() => store.setCreativeAuthorization({ adIds, adAccountId, authorized: true, at, source, by: actor },
        (after) => ({ id: eventId(), type: 'top_ads.authorized', at, actor, subject: { kind: 'ad', id: after.id }, data: { adId: after.id, adAccountId, source } } satisfies Omit<CreativeAuthorizedEvent, 'seq'>) as NewEvent));
      if (changed.isErr()) return changed;
      const out = changed.value;
      if (out.kind === 'not_found') return Err(notFound('ad', out.adId));
      if (out.kind === 'not_offered') return Err(denied(out.ads.flatMap((a) => notOffered(a, policy)) as [Violation, ...Violation[]]));
      const byId = new Map([...out.changed, ...out.unchanged].map((a) => [a.id, a]));
      return Ok(adIds.map((id) => topAdsStatusAt(byId.get(id)!, at, policy)));
    },

    async popup(input) {
      const parsed = parseInput(popupInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { accountId, adAccountIds } = parsed.value;
      const at = clock.now();
      const last = await guard(() => store.getPopupLastShown(accountId));
      if (last.isErr()) return last;
      const candidates: AdRecord[] = [];
      for (const acc of new Set(adAccountIds)) {
        const listed = await guard(() => store.listAdsByAccount(acc));
        if (listed.isErr()) return listed;
        candidates.push(...popupCandidates(listed.value, at, policy));
      }
      const creatives = candidates.map((a) => viewAd(a, at));
      const decision = shouldShowTopAdsPopup({ candidates: candidates.length, lastShownAt: last.value }, at, policy);
      if (!decision.show) return Ok({ show: false, creatives, ...(decision.nextAt ? { nextAt: decision.nextAt } : {}) });
      const event = {
        id: eventId(), type: 'top_ads.popup_shown', at, actor: { kind: 'user', id: accountId }, subject: { kind: 'tt4b_account', id: accountId },
        data: { accountId, adIds: candidates.map((a) => a.id) },
      } satisfies Omit<PopupShownEvent, 'seq'>;
      const claimed = await guard(() => store.claimPopup(accountId, at, policy.topAdsPopupIntervalMs, [event as NewEvent]));
      if (claimed.isErr()) return claimed;
      if (claimed.value.kind === 'not_due') {
        return Ok({ show: false, creatives, nextAt: new Date(claimed.value.lastShownAt.getTime() + policy.topAdsPopupIntervalMs) });
      }
      return Ok({ show: true, creatives });
    },

    async listTopAds(input = {}) {
      const parsed = parseInput(topAdsQueryInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { at: atIn, ...query } = parsed.value;
      const at = atIn ?? clock.now();
      const got = await guard(() => store.listAuthorizedCreatives());
      return got.map((ads) => ads
        .filter((ad) => topAdsStatusAt(ad, at, policy).status === 'IN_TOP_ADS' && matchesTopAdsQuery(ad, query))
        .map((ad) => topAdsDisplay(ad, policy)));
    },
  };
}
