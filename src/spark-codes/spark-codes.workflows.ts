// Internal: transaction steps on authorizations that other contexts' services share (extension,
// brand requests, the registry). A `*.workflows.ts` file may be used by another context's
// service; a service may not.
import type { Transaction } from '../ports/store.js';
import type { AdRecord } from '../ads/ads.model.js';
import { adsTable, codesTable, libraryTable } from '../storage/tables.js';
import type { AdCodeRecord } from './spark-codes.model.js';

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
