// Internal: the reads and steps the ads, Top Ads and Business Center services share (a
// `*.workflows.ts` file may be used by another context's service; a service may not).
import { Err, Ok, type Result } from '../kernel/result.js';
import { notFound, type NotFoundError, type StorageError } from '../kernel/errors.js';
import type { Actor, NewEvent } from '../kernel/events.js';
import type { AdAccountId, AdId } from '../kernel/ids.js';
import type { StoreReader, Transaction } from '../ports/store.js';
import { adsTable, dependencyStatesTable } from '../storage/tables.js';
import { reading } from '../storage/unit-of-work.js';
import { identityAvailableTo } from '../business-center/business-center.workflows.js';
import type { AdIdentity, AdRecord, AdRef, AdStatusReason, DependencyFacts, LifecycleReason } from './ads.model.js';
import { adStatusAt, deliveringAccountId, PAUSED_BY_LIFECYCLE, withStatus } from './ads.rules.js';
import { adStatusEvent } from './ads.events.js';

/** The ad account's ad, read outside a transaction; another account's ad reads as missing. */
export async function loadOwnedAd(
  store: StoreReader,
  adAccountId: AdAccountId,
  adId: AdId,
): Promise<Result<AdRecord, NotFoundError | StorageError>> {
  const got = await reading(() => store.get(adsTable, adId));
  if (got.isErr()) return got;
  const ad = got.value;
  return ad !== undefined && ad.adAccountId === adAccountId ? Ok(ad) : Err(notFound('ad', adId));
}

/**
 * The key of what was reported about a post (LIFE-01): also the lock its report takes.
 *
 * @example
 * ```ts
 * postKey('v-1'); // 'video:v-1'
 * ```
 */
export const postKey = (videoId: string) => `video:${videoId}`;
/**
 * The key of what was reported about an account (LIFE-01): also the lock its report takes.
 *
 * @example
 * ```ts
 * accountKey('tt-1'); // 'account:tt-1'
 * ```
 */
export const accountKey = (accountId: string) => `account:${accountId}`;

/**
 * The lock keys of any change to an ad: the ad; for an `AUTH_CODE` ad its code (revocation,
 * expiry and extension change the ad under the code's lock); the post it runs (`video:`, a post
 * report) and the account that delivers it (`account:`, a ban, and for `BC_AUTH_TT` an unlink,
 * a permission change or an assignment removal). Every writer of an ad takes these, so a
 * lifecycle pause (LIFE-01) never races a status change.
 *
 * @example
 * ```ts
 * inTransaction(store, clock, adLockKeys(ad), async ({ tx, at }) => Ok(await tx.get(adsTable, ad.id)));
 * ```
 */
export function adLockKeys(
  ad: Pick<AdRecord, 'id' | 'identity'> & Partial<Pick<AdRecord, 'videoId' | 'authorization'>>,
): string[] {
  const keys = [`ad:${ad.id}`];
  if (ad.identity.type === 'AUTH_CODE') keys.push(`code:${ad.identity.codeId}`);
  if (ad.videoId !== undefined) keys.push(postKey(ad.videoId));
  const account = deliveringAccountId(ad);
  if (account !== undefined) keys.push(accountKey(account));
  return keys;
}

/**
 * What an ad (or an ad about to be created) depends on: its ad account, identity, post and delivering account.
 *
 * @example
 * ```ts
 * const subject: DependencySubject = { adAccountId: 'adv-1', identity, videoId: 'v-1' };
 * ```
 */
export interface DependencySubject {
  readonly adAccountId: string;
  readonly identity: AdIdentity | { readonly type: 'BC_AUTH_TT'; readonly identityId: string };
  readonly videoId?: string | undefined;
  readonly deliveringAccountId?: string | undefined;
}

/**
 * Reads what an ad depends on from the records (LIFE-01, LIFE-02): the reported state of its post
 * and of its delivering account, and for `BC_AUTH_TT` whether the account is available to the ad
 * account (`identityAvailableTo`). Read under the `video:`/`account:` locks of `adLockKeys`.
 *
 * @example
 * ```ts
 * const dependencies = await readDependencies(tx, dependencySubject(ad), at);
 * ```
 */
export async function readDependencies(reader: StoreReader, s: DependencySubject, at: Date): Promise<DependencyFacts> {
  const identity =
    s.identity.type === 'BC_AUTH_TT'
      ? await identityAvailableTo(reader, s.identity.identityId, s.adAccountId, at)
      : undefined;
  const post = s.videoId === undefined ? undefined : await reader.get(dependencyStatesTable, postKey(s.videoId));
  const account =
    s.deliveringAccountId === undefined
      ? undefined
      : await reader.get(dependencyStatesTable, accountKey(s.deliveringAccountId));
  return {
    ...(post !== undefined ? { post: post.state as DependencyFacts['post'] } : {}),
    ...(account !== undefined ? { account: account.state as DependencyFacts['account'] } : {}),
    ...(identity !== undefined ? { identity } : {}),
  };
}

/**
 * The dependency subject of a recorded ad.
 *
 * @example
 * ```ts
 * dependencySubject(ad).deliveringAccountId; // the creator of an AUTH_CODE ad
 * ```
 */
export function dependencySubject(ad: AdRecord): DependencySubject {
  return {
    adAccountId: ad.adAccountId,
    identity: ad.identity,
    videoId: ad.videoId,
    deliveringAccountId: deliveringAccountId(ad),
  };
}

/**
 * A short reference to an ad.
 *
 * @example
 * ```ts
 * adRef(ad).status;
 * ```
 */
export function adRef(ad: AdRecord): AdRef {
  const { id, adAccountId, status, statusReason, statusChangedAt } = ad;
  return { id, adAccountId, status, ...(statusReason !== undefined ? { statusReason } : {}), statusChangedAt };
}

/**
 * The one step that pauses ads, inside the caller's transaction: each of `ads` (the caller chose
 * them by a rule: `revocationEffects` for a revocation, `PAUSED_BY_LIFECYCLE` for LIFE-01) is
 * written `PAUSED` with `reason` (a fixed one, or per ad; `undefined` leaves the ad alone), with
 * one `ads.paused` event each. The events are returned, not appended, so that the caller appends
 * them after its own (a revocation before the pauses it causes).
 *
 * @example
 * ```ts
 * const { paused, events } = await pauseAds(tx, at, actor, effects.pause, 'authorization_revoked', eventId);
 * ```
 */
export async function pauseAds(
  tx: Transaction,
  at: Date,
  actor: Actor,
  ads: readonly AdRecord[],
  reason: AdStatusReason | ((ad: AdRecord) => AdStatusReason | undefined),
  eventId: () => string,
): Promise<{ paused: AdRef[]; events: NewEvent[] }> {
  const paused: AdRef[] = [];
  const events: NewEvent[] = [];
  for (const ad of ads) {
    const why = typeof reason === 'function' ? reason(ad) : reason;
    if (why === undefined) continue;
    const after = withStatus(ad, 'PAUSED', at, actor, why);
    await tx.update(adsTable, after);
    events.push(
      adStatusEvent(eventId(), at, actor, {
        adId: ad.id,
        adAccountId: ad.adAccountId,
        from: ad.status,
        to: 'PAUSED',
        reason: why,
        ...(ad.authorization !== undefined ? { codeId: ad.authorization.codeId } : {}),
        effectiveAt: at,
      }),
    );
    paused.push(adRef(after));
  }
  return { paused, events };
}

/**
 * Pauses the ads depending on something that went away (LIFE-01), inside the caller's
 * transaction: every ad among `ads` that is approved or running at `at` (`PAUSED_BY_LIFECYCLE`;
 * an ad its authorization's expiry already stopped is left to the sweep), with the reason (a
 * fixed one, or per ad), one `ads.paused` event each (`pauseAds`). The caller holds each ad's
 * `video:` or `account:` lock (see `adLockKeys`) for the dependency that changed. Returns the
 * paused ads.
 *
 * @example
 * ```ts
 * const paused = await pauseDependentAds(tx, at, actor, ads, 'link_removed', () => newEventId(random));
 * ```
 */
export async function pauseDependentAds(
  tx: Transaction,
  at: Date,
  actor: Actor,
  ads: readonly AdRecord[],
  reason: LifecycleReason | ((ad: AdRecord) => LifecycleReason | undefined),
  eventId: () => string,
): Promise<AdRef[]> {
  const live = ads.filter((ad) => PAUSED_BY_LIFECYCLE.includes(adStatusAt(ad, at).status));
  const { paused, events } = await pauseAds(tx, at, actor, live, reason, eventId);
  tx.append(events);
  return paused;
}

/**
 * After a change that may take a `BC_AUTH_TT` account away from ad accounts (an unlink, a
 * permission withdrawal, an assignment removal), pauses its approved or running ads in those ad
 * accounts that are no longer available to them by the records (another active, assigned link
 * with the permissions keeps them running), with `reason`. Runs in the change's transaction,
 * after its writes, under `account:<accountId>`.
 *
 * @example
 * ```ts
 * const paused = await pauseAdsOfUnavailableIdentity(tx, at, actor, link.accountId, ['adv-1'], 'link_removed', id);
 * ```
 */
export async function pauseAdsOfUnavailableIdentity(
  tx: Transaction,
  at: Date,
  actor: Actor,
  accountId: string,
  adAccountIds: readonly string[],
  reason: Extract<LifecycleReason, 'link_removed' | 'permission_withdrawn'>,
  eventId: () => string,
): Promise<AdRef[]> {
  const paused: AdRef[] = [];
  for (const adAccountId of new Set(adAccountIds)) {
    const live = await tx.list(adsTable, 'liveByAccount', { eq: [accountId, adAccountId] });
    const bc = live.filter((a) => a.identity.type === 'BC_AUTH_TT');
    if (bc.length === 0) continue;
    const availability = await identityAvailableTo(tx, accountId, adAccountId, at);
    if (availability.available) continue;
    paused.push(...(await pauseDependentAds(tx, at, actor, bc, reason, eventId)));
  }
  return paused;
}
