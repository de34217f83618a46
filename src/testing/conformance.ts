import type { Store } from '../adapters/memory/memory-store.js';
import type { SparkCodeStore } from '../ports/spark-code-store.js';
import type { BusinessCenterStore } from '../ports/business-center-store.js';
import type { DeliveryIdentityStore } from '../ports/delivery-identity-store.js';
import type { AdStore } from '../ports/ad-store.js';
import type { TopAdsStore } from '../ports/top-ads-store.js';
import { sparkCodeChecks } from './spark-codes.conformance.js';
import { businessCenterChecks } from './business-center.conformance.js';
import { deliveryIdentityChecks } from './delivery-identities.conformance.js';
import { adChecks } from './ads.conformance.js';
import { topAdsChecks } from './top-ads.conformance.js';

/** A store under test and how to dispose of it. */
export interface StoreHandle<S> {
  readonly store: S;
  readonly close?: () => Promise<void>;
}

/** Makes a fresh, empty store for each check. */
export type StoreFactory<S = Store> = () => Promise<StoreHandle<S>>;

/** One named check of the conformance suite: `run` rejects with a message when it fails. */
export interface ConformanceCheck {
  readonly name: string;
  readonly run: () => Promise<void>;
}

/** Options of the conformance suite. */
export interface ConformanceOptions {
  /** Runs of each property and model check (default 25; `FC_NUM_RUNS` raises it in our CI). */
  readonly numRuns?: number;
}

/**
 * The store conformance suite (design §7): every store adapter — the memory store, the
 * PostgreSQL store, or yours — must pass it. It holds the sequential contract of each port
 * method, a model-based run of the workflows against a simple model, races (plain
 * `Promise.all` and `fc.scheduler`) proving no invariant breaks under concurrent callers, and
 * fault injection proving a storage failure leaves no partial state. Framework-agnostic:
 * each check is a name and an async function that rejects on failure.
 *
 * @example
 * ```ts
 * import { test } from 'vitest';
 * import { storeConformanceChecks } from 'tiktok-ad-auth/testing';
 * import { memoryStore } from 'tiktok-ad-auth';
 * for (const c of storeConformanceChecks(async () => ({ store: memoryStore() }))) test(c.name, c.run);
 * ```
 */
export function storeConformanceChecks(factory: StoreFactory, options: ConformanceOptions = {}): readonly ConformanceCheck[] {
  return [...sparkCodeConformanceChecks(factory, options), ...adsConformanceChecks(factory, options), ...businessCenterConformanceChecks(factory, options)];
}

/**
 * The Spark codes part of the conformance suite, for a store that implements `SparkCodeStore`
 * only (an adapter that has not implemented the other ports yet).
 *
 * @example
 * ```ts
 * import { sparkCodeConformanceChecks } from 'tiktok-ad-auth/testing';
 * for (const c of sparkCodeConformanceChecks(async () => ({ store: mySparkOnlyStore() }))) test(c.name, c.run);
 * ```
 */
export function sparkCodeConformanceChecks(factory: StoreFactory<SparkCodeStore>, options: ConformanceOptions = {}): readonly ConformanceCheck[] {
  return sparkCodeChecks(factory, options.numRuns ?? 25);
}

/**
 * The Business Center and delivery identities part of the conformance suite (BC-01..08,
 * ASSET-03..08): the 800/800 cap races, the link-request model run, fault injection.
 *
 * @example
 * ```ts
 * import { businessCenterConformanceChecks } from 'tiktok-ad-auth/testing';
 * for (const c of businessCenterConformanceChecks(async () => ({ store: myStore() }))) test(c.name, c.run);
 * ```
 */
export function businessCenterConformanceChecks(factory: StoreFactory<BusinessCenterStore & DeliveryIdentityStore>, options: ConformanceOptions = {}): readonly ConformanceCheck[] {
  return [...businessCenterChecks(factory, options.numRuns ?? 25), ...deliveryIdentityChecks(factory)];
}

/**
 * The ads and Top Ads part of the conformance suite (ADV-04..06, SPARK-10/11 effects on ads,
 * TOP-05/06): revocation pausing ads in the code's atomic step, limits under concurrency, the
 * pop-up claim, fault injection, the ad lifecycle model run.
 *
 * @example
 * ```ts
 * import { adsConformanceChecks } from 'tiktok-ad-auth/testing';
 * for (const c of adsConformanceChecks(async () => ({ store: myStore() }))) test(c.name, c.run);
 * ```
 */
export function adsConformanceChecks(factory: StoreFactory<SparkCodeStore & AdStore & TopAdsStore>, options: ConformanceOptions = {}): readonly ConformanceCheck[] {
  const numRuns = options.numRuns ?? 25;
  return [...adChecks(factory, numRuns), ...topAdsChecks(factory, numRuns)];
}
