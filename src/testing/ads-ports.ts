import type { AdStore } from '../ports/ad-store.js';
import type { SparkCodeStore } from '../ports/spark-code-store.js';
import type { TopAdsStore } from '../ports/top-ads-store.js';

/** Internal: the ports the ads and Top Ads checks need (a revocation crosses Spark and ads). */
export type AdsPorts = SparkCodeStore & AdStore & TopAdsStore;
