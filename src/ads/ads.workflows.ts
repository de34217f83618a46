// Internal: reads the ads and Top Ads services share (a `*.workflows.ts` file may be used by
// another context's service; a service may not).
import { Err, Ok, type Result } from '../kernel/result.js';
import { notFound, type NotFoundError, type StorageError } from '../kernel/errors.js';
import type { AdAccountId, AdId } from '../kernel/ids.js';
import type { StoreReader } from '../ports/store.js';
import { adsTable } from '../storage/tables.js';
import { reading } from '../storage/unit-of-work.js';
import type { AdRecord } from './ads.model.js';

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
