import type { Store } from '../adapters/memory/memory-store.js';
import { sparkCodeChecks } from './spark-codes.conformance.js';
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
  const numRuns = options.numRuns ?? 25;
  return [...sparkCodeChecks(factory, numRuns), ...adChecks(factory, numRuns), ...topAdsChecks(factory, numRuns)];
}
