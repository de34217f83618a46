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
import { plusMs } from '../kernel/time.js';
import { parseInput } from '../kernel/validation.js';
// adLockKeys: every writer of an ad takes the same locks (its code, post, delivering account; LIFE-01).
import { adLockKeys, loadOwnedAd } from '../ads/ads.workflows.js';
import { resolveOptions, type ServiceOptions } from '../storage/service-options.js';
import { inTransaction, reading } from '../storage/unit-of-work.js';
import { adsTable, popupsTable } from '../storage/tables.js';
import type { Transaction } from '../ports/store.js';
import {
  withdrawalConfirmationsTable,
  type WithdrawalConfirmationRow,
  type WithdrawalItemRow,
} from '../storage/tables.js';
import {
  confirmWithdrawalInputSchema,
  prepareWithdrawalInputSchema,
  type ConfirmWithdrawalInput,
  type PrepareWithdrawalInput,
} from './top-ads.schemas.js';
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
  // --- batches (issue 14, BAT-01) ---
  /**
   * The confirmation step of a batch withdrawal (BAT-01, TOP-06): lists the selected creatives
   * with their Top Ads state now and stores the confirmation for 10 minutes. Nothing is
   * withdrawn yet. A missing or another account's ad: `not_found`, nothing stored.
   */
  prepareWithdrawal(input: PrepareWithdrawalInput): Promise<Result<WithdrawalConfirmation, TopAdsError>>;
  /**
   * Withdraws every creative of a confirmation (BAT-01), each with `withdraw`'s step in its own
   * transaction, with a result per ad: one failing ad never hides or undoes the others. Once:
   * each ad's result is recorded with its withdrawal, so a second (or concurrent) confirmation
   * returns the recorded results and withdraws nothing again. An unknown, expired or another ad
   * account's confirmation is denied (`batch.not_confirmed`).
   */
  confirmWithdrawal(input: ConfirmWithdrawalInput): Promise<Result<readonly WithdrawalItemResult[], TopAdsError>>;
}

// --- batches (issue 14, BAT-01) ---

/** How long a prepared withdrawal may be confirmed (BAT-01): 10 minutes. */
export const WITHDRAWAL_CONFIRMATION_MS = 10 * 60_000;

/**
 * A batch withdrawal waiting for its confirmation (BAT-01): the creatives listed with their
 * Top Ads state when prepared, and until when it may be confirmed.
 *
 * @example
 * ```ts
 * const c: WithdrawalConfirmation = (await topAds.prepareWithdrawal({ adAccountId, adIds })).unwrap();
 * if (userConfirms(c.ads)) await topAds.confirmWithdrawal({ adAccountId, confirmationId: c.id });
 * ```
 */
export interface WithdrawalConfirmation {
  readonly id: string;
  readonly adAccountId: AdAccountId;
  readonly ads: readonly TopAdsStatusView[];
  readonly expiresAt: Date;
}

/**
 * The result of one creative of `confirmWithdrawal` (BAT-01): `withdrawn`, `not_authorized`
 * (nothing to withdraw: idempotent) or `failed` (with the error; not recorded, so confirming
 * again retries it).
 *
 * @example
 * ```ts
 * const results = (await topAds.confirmWithdrawal({ adAccountId, confirmationId })).unwrap();
 * const failed = results.filter((r: WithdrawalItemResult) => r.result === 'failed');
 * ```
 */
export interface WithdrawalItemResult {
  readonly adId: AdId;
  readonly result: 'withdrawn' | 'not_authorized' | 'failed';
  readonly status?: TopAdsStatusView;
  readonly error?: TopAdsError;
  /** `true` when this is the result an earlier confirmation recorded (nothing done now). */
  readonly replayed?: boolean;
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
   * The transaction step of `setAuthorization` (TOP-06 withdrawals share it with the batch
   * withdrawal of BAT-01): call it holding the ads' lock keys.
   */
  async function applyAuthorization(
    tx: Transaction,
    at: Date,
    adAccountId: AdAccountId,
    adIds: readonly AdId[],
    authorized: boolean,
    source: AssetAuthorizationSource,
    actor: Actor,
  ): Promise<Result<Setting, TopAdsError>> {
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
  }

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
    return inTransaction(store, clock, [...keys], ({ tx, at }) =>
      applyAuthorization(tx, at, adAccountId, adIds, authorized, source, actor),
    );
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

    // --- batches (issue 14, BAT-01) ---
    async prepareWithdrawal(input) {
      const parsed = parseInput(prepareWithdrawalInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { adAccountId, adIds, userId } = parsed.value;
      const id = randomId(random, 'wdc_');
      const preparedBy = advertiserActor(adAccountId, userId);
      type Prepared = Result<WithdrawalConfirmation, TopAdsError>;
      return inTransaction(store, clock, [`withdrawal:${id}`], async ({ tx, at }): Promise<Prepared> => {
        const ads: TopAdsStatusView[] = [];
        for (const adId of adIds) {
          const ad = await tx.get(adsTable, adId);
          if (ad === undefined || ad.adAccountId !== adAccountId) return Err(notFound('ad', adId));
          ads.push(topAdsStatusAt(ad, at, policy));
        }
        const expiresAt = plusMs(at, WITHDRAWAL_CONFIRMATION_MS);
        const row: WithdrawalConfirmationRow = {
          id,
          adAccountId,
          preparedAt: at,
          preparedBy,
          expiresAt,
          ads,
          results: [],
        };
        await tx.insert(withdrawalConfirmationsTable, row);
        return Ok({ id, adAccountId, ads, expiresAt });
      });
    },

    async confirmWithdrawal(input) {
      const parsed = parseInput(confirmWithdrawalInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { adAccountId, confirmationId, userId } = parsed.value;
      const actor = advertiserActor(adAccountId, userId);
      const notConfirmed = () =>
        denied([
          {
            rule: 'BAT-01',
            code: 'batch.not_confirmed',
            message:
              'This withdrawal was not prepared for this ad account or its confirmation expired: prepare it again.',
            details: { confirmationId },
          },
        ]);
      // Valid for this ad account until it expires; once an item was recorded (the confirmation is
      // claimed) it may be finished after it expired. Checked first to answer at once, then again
      // inside each item's transaction, which claims it together with the item's effect: a storage
      // failure leaves the confirmation as it was, and a retry applies what is missing.
      const lock = `withdrawal:${confirmationId}`;
      const claim = (row: WithdrawalConfirmationRow | undefined, at: Date) =>
        row !== undefined &&
        row.adAccountId === adAccountId &&
        (row.confirmedAt !== undefined || at.getTime() < row.expiresAt.getTime());
      const read = await reading(() => store.get(withdrawalConfirmationsTable, confirmationId));
      if (read.isErr()) return read;
      const prepared = read.value;
      if (prepared === undefined || !claim(prepared, clock.now())) return Err(notConfirmed());
      const results: WithdrawalItemResult[] = [];
      for (const { adId } of prepared.ads) {
        const failed = (error: TopAdsError): WithdrawalItemResult => ({ adId, result: 'failed', error });
        const found = await loadOwned(adAccountId, adId);
        if (found.isErr()) {
          results.push(failed(found.error));
          continue;
        }
        type Item = Result<WithdrawalItemResult, TopAdsError>;
        const keys = [lock, ...adLockKeys(found.value)];
        const item = await inTransaction(store, clock, keys, async ({ tx, at }): Promise<Item> => {
          const row = await tx.get(withdrawalConfirmationsTable, confirmationId);
          if (row === undefined || !claim(row, at)) return Err(notConfirmed());
          const done = row.results.find((r) => r.adId === adId);
          if (done !== undefined) return Ok({ ...itemResult(done), replayed: true });
          const set = await applyAuthorization(tx, at, adAccountId, [adId], false, 'creative_center', actor);
          if (set.isErr()) return set;
          const recorded: WithdrawalItemRow = {
            adId,
            withdrawn: set.value.changed.has(adId),
            status: topAdsStatusAt(set.value.ads[0]!, at, policy),
          };
          const results = [...row.results, recorded];
          await tx.update(withdrawalConfirmationsTable, { ...row, confirmedAt: row.confirmedAt ?? at, results });
          return Ok(itemResult(recorded));
        });
        results.push(item.isOk() ? item.value : failed(item.error));
      }
      return Ok(results);
    },
  };
}

/** The result a recorded withdrawal stands for. */
function itemResult(row: WithdrawalItemRow): WithdrawalItemResult {
  return { adId: row.adId, result: row.withdrawn ? 'withdrawn' : 'not_authorized', status: row.status };
}
