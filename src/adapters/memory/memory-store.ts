import type { AdStore } from '../../ports/ad-store.js';
import type { SparkCodeStore } from '../../ports/spark-code-store.js';
import type { BusinessCenterStore } from '../../ports/business-center-store.js';
import type { DeliveryIdentityStore } from '../../ports/delivery-identity-store.js';
import { businessCenterMemory } from './business-center.memory.js';
import type { TopAdsStore } from '../../ports/top-ads-store.js';
import { adsLink, adsMemory, createAdsState } from './ads.memory.js';
import { createOutbox } from './outbox.js';
import { sparkCodesMemory } from './spark-codes.memory.js';
import { topAdsMemory } from './top-ads.memory.js';

/**
 * Every store port of the library, in one object: what `memoryStore()` and the PostgreSQL
 * store return and what the conformance suite checks. The ports share one transaction scope
 * (a revocation pauses ads in the same step).
 */
export type Store = SparkCodeStore & AdStore & TopAdsStore & BusinessCenterStore & DeliveryIdentityStore;

/**
 * The embedded default store: zero setup, isolated per instance (no module state), correct
 * under concurrent async callers. Data lives as long as the object.
 *
 * @example
 * ```ts
 * import { createSparkCodes, memoryStore } from 'tiktok-ad-auth';
 * const store = memoryStore();
 * const spark = createSparkCodes({ store, codeSecret: 'a secret of at least thirty-two characters!' });
 * const events = await store.readEvents({ after: 0 });
 * ```
 */
export function memoryStore(): Store {
  const outbox = createOutbox();
  const adsState = createAdsState();
  const spark = sparkCodesMemory(outbox, adsLink(adsState));
  return {
    async readEvents(query) {
      return outbox.read(query);
    },
    ...spark.store,
    ...businessCenterMemory(outbox),
    ...adsMemory(outbox, adsState, spark.view),
    ...topAdsMemory(outbox, adsState),
  };
}
