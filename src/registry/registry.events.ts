import type { DomainEvent } from '../kernel/events.js';
import type { AdAccountId, AdCodeId, VideoId } from '../kernel/ids.js';
import type { AdCodeStatus } from '../spark-codes/spark-codes.model.js';
import type { EndSource } from './registry.model.js';

/**
 * An ad account registered a code TikTok issued (AG-01): the post is in its library. Carries
 * the fingerprint, never the code.
 *
 * @example
 * ```ts
 * const registered = events.filter((e): e is CodeRegisteredEvent => e.type === 'registry.code_registered');
 * ```
 */
export type CodeRegisteredEvent = DomainEvent<
  'registry.code_registered',
  {
    readonly codeId: AdCodeId;
    readonly adAccountId: AdAccountId;
    readonly videoId: VideoId;
    readonly fingerprint: string;
    /** `true` when this registration created the authorization. */
    readonly created: boolean;
    readonly expiresAt: Date;
    readonly endSource: EndSource;
  }
>;
/**
 * A newer Business API answer was applied to a registered code (AG-02).
 *
 * @example
 * ```ts
 * if (e.type === 'registry.code_refreshed') console.log((e as CodeRefreshedEvent).data.endSource);
 * ```
 */
export type CodeRefreshedEvent = DomainEvent<
  'registry.code_refreshed',
  {
    readonly codeId: AdCodeId;
    readonly previousEnd: Date;
    readonly expiresAt: Date;
    readonly apiStatus: AdCodeStatus;
    readonly endSource: EndSource;
    readonly checkedAt: Date;
  }
>;
/**
 * A post left an ad account's Spark Ads library (the API's `unbind`, ADV-02).
 *
 * @example
 * ```ts
 * if (e.type === 'spark.post_unbound') console.log((e as PostUnboundEvent).data.adAccountId);
 * ```
 */
export type PostUnboundEvent = DomainEvent<
  'spark.post_unbound',
  {
    readonly codeId: AdCodeId;
    readonly adAccountId: AdAccountId;
    readonly videoId: VideoId;
  }
>;

/**
 * Every event of the registry.
 *
 * @example
 * ```ts
 * const ofRegistry = (e: DomainEvent) => e.type.startsWith('registry.') || e.type === 'spark.post_unbound';
 * ```
 */
export type RegistryEvent = CodeRegisteredEvent | CodeRefreshedEvent | PostUnboundEvent;
