// Internal: the library's services over a store under test, as one app server runs them, plus
// the input facts the service checks pass and a few readers of what ended up stored.
import type { DomainEvent } from '../kernel/events.js';
import type { Policy } from '../kernel/policy.js';
import type { Clock } from '../ports/clock.js';
import type { Store } from '../ports/store.js';
import { webCryptoRandom } from '../adapters/random/web-crypto-random.js';
import { createSparkCodes, type SparkCodes } from '../spark-codes/spark-codes.service.js';
import { createAds, type Ads } from '../ads/ads.service.js';
import { createTopAds, type TopAds } from '../top-ads/top-ads.service.js';
import { createBusinessCenterLinks, type BusinessCenterLinks } from '../business-center/business-center.service.js';
import {
  createDeliveryIdentities,
  type DeliveryIdentities,
} from '../delivery-identities/delivery-identities.service.js';
import { createBrandRequests, type BrandRequests } from '../requests/requests.service.js'; // requests (issue 13)
import { createExtensions, type Extensions } from '../extensions/extensions.service.js';
import type { AdCodeRecord } from '../spark-codes/spark-codes.model.js';
import type { ConfirmCodeInput, GenerateCodeInput } from '../spark-codes/spark-codes.schemas.js';
import type { CreateAdInput } from '../ads/ads.schemas.js';
import type { ApproveLinkRequestInput, StartLinkRequestInput } from '../business-center/business-center.schemas.js';
import type { IdentityContextInput } from '../delivery-identities/delivery-identities.schemas.js';
import { codesTable } from '../storage/tables.js';
import { allEvents } from './check.js';

export const SECRET = 'conformance-suite-secret-of-at-least-32-characters';
export const T0 = new Date('2026-03-01T12:00:00.000Z');
export const SPARK_PERMISSIONS = ['EXISTING_POSTS', 'PUBLISH_NEW_VIDEOS', 'SHOW_THROUGH_ADS_ONLY'];

/** Every service of the library over one store and one clock: what one app server runs. */
export interface App {
  readonly store: Store;
  readonly clock: Clock;
  readonly spark: SparkCodes;
  readonly ads: Ads;
  readonly topAds: TopAds;
  readonly bc: BusinessCenterLinks;
  readonly ids: DeliveryIdentities;
  readonly requests: BrandRequests; // requests (issue 13)
  readonly extensions: Extensions;
}

/** The services over `store` with `clock` (random ids: app servers never mint the same one). */
export function app(store: Store, clock: Clock, policy?: Policy): App {
  const options = { store, clock, random: webCryptoRandom(), ...(policy === undefined ? {} : { policy }) };
  return {
    store,
    clock,
    spark: createSparkCodes({ ...options, codeSecret: SECRET }),
    ads: createAds(options),
    topAds: createTopAds(options),
    bc: createBusinessCenterLinks(options),
    ids: createDeliveryIdentities(options),
    requests: createBrandRequests(options), // requests (issue 13)
    extensions: createExtensions(options),
  };
}

/** A clock `ms` ahead of `base` (behind when negative): another app server's clock. */
export function skewed(base: Clock, ms: number): Clock {
  return { now: () => new Date(base.now().getTime() + ms) };
}

// ---- facts -------------------------------------------------------------------------------------

export const creator = (id: string): GenerateCodeInput['creator'] => ({
  id,
  displayName: `Creator ${id}`,
  accountType: 'CREATOR',
  followerCount: 50_000,
  adAuthorizationEnabled: true,
  adTermsAccepted: true,
});
export const video = (id: string, ownerId: string): GenerateCodeInput['video'] => ({
  id,
  ownerId,
  visibility: 'PUBLIC',
  isOriginal: true,
  adAuthorizationEnabled: true,
  music: 'ORIGINAL',
  title: `Video ${id}`,
});
export const generateInput = (videoId: string, creatorId = `cr-${videoId}`, periodDays = 30): GenerateCodeInput => ({
  creator: creator(creatorId),
  video: video(videoId, creatorId),
  periodDays,
});
export const advertiser = (adAccountId: string): ConfirmCodeInput['advertiser'] => ({
  adAccountId,
  hasActivePaymentMethod: true,
  hasCreativeLibraryAccess: true,
});
export const campaign: CreateAdInput['campaign'] = {
  campaignId: 'cmp-1',
  objective: 'VIDEO_VIEWS',
  placements: ['TIKTOK'],
  campaignType: 'MANUAL',
};
export const codeAd = (adAccountId: string, codeId: string): CreateAdInput => ({
  adAccountId,
  name: 'Spark ad',
  campaign,
  schedule: { startAt: T0 },
  identity: { type: 'AUTH_CODE', codeId },
});
export const userAd = (adAccountId: string, identityId: string): CreateAdInput => ({
  adAccountId,
  name: 'Brand ad',
  campaign,
  schedule: { startAt: T0 },
  identity: { type: 'TT_USER', identityId },
});
export const bcFacts = (id: string) => ({ id, verified: true });
export const bcAdmin = { userId: 'bc-admin', role: 'ADMIN' as const };
export const tiktokAccount = (id: string): ApproveLinkRequestInput['account'] => ({
  id,
  accountType: 'CREATOR',
  isPrivate: false,
  inAnyBusinessCenter: false,
});
export const linkRequest = (businessCenterId: string): StartLinkRequestInput => ({
  businessCenter: bcFacts(businessCenterId),
  member: bcAdmin,
  permissionLevel: 'DELIVER_ADS',
  permissions: SPARK_PERMISSIONS,
});
export const identityContext = (
  businessCenterId: string,
  adAccountId = `${businessCenterId}-adv`,
): IdentityContextInput => ({
  businessCenter: bcFacts(businessCenterId),
  member: { userId: 'id-admin', role: 'ADMIN' },
  adAccount: { id: adAccountId, businessCenterId },
  adAccountRole: 'OPERATOR',
  objective: 'PRODUCT_SALES',
});

// ---- outcomes ----------------------------------------------------------------------------------

interface Outcome {
  isOk(): boolean;
  isErr(): boolean;
}

/** The error code of a failed result (`denied`, `storage`, `spark.search_throttled`, …), else `ok`. */
export function outcome(r: Outcome): string {
  return r.isOk() ? 'ok' : String((r as unknown as { error: { code: string } }).error.code);
}

/** The violation codes of a denied result (empty for anything else). */
export function violations(r: Outcome): string[] {
  if (r.isOk()) return [];
  const v = (r as unknown as { error: { violations?: readonly { code: string }[] } }).error.violations;
  return (v ?? []).map((x) => x.code);
}

/** How many results answered each outcome, for failure messages. */
export function tally(results: readonly Outcome[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of results) {
    const key = r.isOk() ? 'ok' : [outcome(r), ...violations(r)].join(':');
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

// ---- what was stored ---------------------------------------------------------------------------

/** The end of a code's period in force: its expiry, or its revocation when earlier. */
export const endOf = (c: AdCodeRecord) => Math.min(c.expiresAt.getTime(), c.revokedAt?.getTime() ?? Infinity);

/**
 * SPARK-12 over what was stored: the periods in force of a video's codes never overlap. Returns
 * a description of the first overlap, or `undefined`.
 */
export async function overlappingCodes(store: Store, videoId: string): Promise<string | undefined> {
  const codes = [...(await store.list(codesTable, 'byVideo', { eq: [videoId] }))]
    .filter((c) => endOf(c) > c.generatedAt.getTime())
    .sort((a, b) => a.generatedAt.getTime() - b.generatedAt.getTime());
  for (let i = 1; i < codes.length; i++) {
    const [a, b] = [codes[i - 1]!, codes[i]!];
    if (b.generatedAt.getTime() < endOf(a)) {
      return (
        `${a.id} in force ${a.generatedAt.toISOString()}..${new Date(endOf(a)).toISOString()} and ` +
        `${b.id} from ${b.generatedAt.toISOString()}`
      );
    }
  }
  return undefined;
}

/**
 * SPARK-10 over what was stored: no confirmation of a revoked code recorded after its
 * revocation, by instant (`confirmedAt <= revokedAt`) or by order (`seq` before the revocation's).
 */
export function confirmationsAfterRevocation(events: readonly DomainEvent[], code: AdCodeRecord): string[] {
  const revoked = events.find((e) => e.type === 'spark.code_revoked' && e.subject.id === code.id);
  if (revoked === undefined || code.revokedAt === undefined) return [];
  const revokedAt = code.revokedAt.toISOString();
  return events
    .filter((e) => e.type === 'spark.authorization_confirmed' && e.subject.id === code.id)
    .filter((e) => e.seq > revoked.seq || e.at.getTime() > code.revokedAt!.getTime())
    .map((e) => `confirmation #${e.seq} at ${e.at.toISOString()} after revocation #${revoked.seq} at ${revokedAt}`);
}

export { allEvents };
