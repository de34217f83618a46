import type { SparkCodeStore } from '../../ports/spark-code-store.js';
import { NO_ADS } from './ads-link.js';
import { createOutbox } from './outbox.js';
import { sparkCodesMemory } from './spark-codes.memory.js';

/**
 * An embedded store for the Spark codes service alone: the Spark code tables and the event
 * log of `memoryStore()`, without the ads, Top Ads, Business Center and delivery-identity
 * tables, so an app that only issues and confirms codes bundles none of their code. It holds
 * no ads, so a revocation pauses nothing (`pausedAds` is empty) and is never blocked by ads in
 * use, and the expiry sweep stops no ads. Same guarantees otherwise: isolated per instance,
 * correct under concurrent async callers, data lives as long as the object. Use
 * `memoryStore()` when the same store also serves `createAds` or `createTopAds`.
 *
 * @example
 * ```ts
 * import { createSparkCodes, memorySparkCodeStore } from 'tiktok-ad-auth';
 * const store = memorySparkCodeStore();
 * const spark = createSparkCodes({ store, codeSecret: 'a secret of at least thirty-two characters!' });
 * const events = await store.readEvents({ after: 0 });
 * ```
 */
export function memorySparkCodeStore(): SparkCodeStore {
  const outbox = createOutbox();
  const { store } = sparkCodesMemory(outbox, NO_ADS);
  return {
    async readEvents(query) {
      return outbox.read(query);
    },
    ...store,
  };
}
