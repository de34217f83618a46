// Internal: transaction steps on authorizations that other contexts' services share (extension,
// brand requests, the registry). A `*.workflows.ts` file may be used by another context's
// service; a service may not.
import type { Transaction } from '../ports/store.js';
import type { AdRecord } from '../ads/ads.model.js';
import { adsTable, codesTable, libraryTable } from '../storage/tables.js';
import type { CreatorId, VideoId } from '../kernel/ids.js';
import type { AdCodeRecord, VideoPreview } from './spark-codes.model.js';
import { isInForce } from '../kernel/authorization.js';

/** The locks every change of an authorization takes (the same as a revocation's). */
export function authorizationLockKeys(code: Pick<AdCodeRecord, 'id' | 'videoId'>): string[] {
  return [`code:${code.id}`, `video:${code.videoId}`];
}

/**
 * Writes `next` (the authorization with its new end and whatever else changed) and moves every
 * copy of its end in the same transaction: the library entries (`expiresAt`) and the ads
 * (`authorization.expiresAt`), so the forecast, `listExpiring` and the portfolio see the new end
 * at once (EXT-01, AG-02). Call it with the authorization's locks held. Returns the ads it moved.
 */
export async function setAuthorizationEnd(tx: Transaction, next: AdCodeRecord): Promise<readonly AdRecord[]> {
  await tx.update(codesTable, next);
  const end = next.expiresAt;
  for (const entry of await tx.list(libraryTable, 'byCode', { eq: [next.id] })) {
    if (entry.expiresAt.getTime() !== end.getTime()) await tx.update(libraryTable, { ...entry, expiresAt: end });
  }
  const moved: AdRecord[] = [];
  for (const ad of await tx.list(adsTable, 'byCode', { eq: [next.id] })) {
    if (ad.authorization === undefined || ad.authorization.expiresAt.getTime() === end.getTime()) continue;
    const after: AdRecord = { ...ad, authorization: { ...ad.authorization, expiresAt: end } };
    await tx.update(adsTable, after);
    moved.push(after);
  }
  return moved;
}

// --- requests (issue 13) ---

/**
 * The video's authorization in force at `at` among those SPARK-12 counts (origins `CODE` and
 * `REQUEST`; a `REGISTERED` platform code is not one of ours to limit), or `undefined`. Call it
 * with the video's lock held. Only authorizations of the latest generation instant can be in
 * force: an older one was not in force when a later one was made, and revocation and expiry are
 * terminal (an extension needs one in force). There are several only when they were made and
 * revoked within one millisecond.
 *
 * @example
 * ```ts
 * const codeInForce = await codeInForceForVideo(tx, video.id, at);
 * const decision = canGenerateAdCode({ creator, video, periodDays, codeInForce }, policy);
 * ```
 */
export async function codeInForceForVideo(
  tx: Transaction,
  videoId: string,
  at: Date,
): Promise<AdCodeRecord | undefined> {
  const counted = (c: AdCodeRecord) => c.origin !== 'REGISTERED';
  let latest: AdCodeRecord | undefined;
  let before: number | undefined;
  // Page back past platform codes registered since (few per video).
  for (;;) {
    const range = before === undefined ? {} : { lt: before };
    const page = await tx.list(codesTable, 'byVideo', { eq: [videoId], ...range, reverse: true, limit: 16 });
    latest = page.find(counted);
    const last = page[page.length - 1];
    if (latest !== undefined || page.length < 16 || last === undefined) break;
    before = last.generatedAt.getTime();
    // Rows of the page's last instant may go on past the page.
    const ties = await tx.list(codesTable, 'byVideo', { eq: [videoId, before] });
    latest = ties.find(counted);
    if (latest !== undefined) break;
  }
  if (latest === undefined) return undefined;
  const sameInstant = await tx.list(codesTable, 'byVideo', { eq: [videoId, latest.generatedAt.getTime()] });
  return sameInstant.find((c) => counted(c) && isInForce(c, at));
}

// --- end requests ---

/**
 * The snapshot of the facts advertisers see (ADV-02), taken when an authorization is made: by a
 * generated code or an accepted request (optional fields absent when unset).
 */
export function previewOf(
  creator: { readonly id: CreatorId; readonly displayName: string },
  video: { readonly id: VideoId; readonly title?: string | undefined; readonly thumbnailUrl?: string | undefined },
): VideoPreview {
  return {
    creatorId: creator.id,
    creatorName: creator.displayName,
    videoId: video.id,
    ...(video.title === undefined ? {} : { title: video.title }),
    ...(video.thumbnailUrl === undefined ? {} : { thumbnailUrl: video.thumbnailUrl }),
  };
}
