import * as z from 'zod/mini';
import { type Result } from './result.js';
import type { ValidationError } from './errors.js';
import { parseInput } from './validation.js';
import { DAY_MS, HOUR_MS } from './time.js';

const positiveInt = z.int('must be a whole number').check(z.gte(1, 'must be at least 1'));

/**
 * Schema (zod/mini) of the policy parameters: the rules marked *configurable* in `rules.md`.
 * Every field is optional in input and takes its default; `definePolicy` wraps it.
 *
 * @example
 * ```ts
 * const parsed = policySchema.safeParse(JSON.parse(configText));
 * ```
 */
export const policySchema = z.strictObject({
  /** SPARK-02: minimum followers to generate a code. */
  minFollowers: z._default(z.int().check(z.gte(0), z.lte(1_000_000_000)), 10_000),
  /** SPARK-06: the authorization periods a creator may choose, in days. */
  authorizationPeriodsDays: z._default(
    z.array(z.int().check(z.gte(1), z.lte(3650))).check(z.minLength(1), z.maxLength(32), z.refine((a) => new Set(a).size === a.length, 'must not repeat a period')),
    [7, 30, 60, 365],
  ),
  /** ADV-02 decision: whether one code may be confirmed by several ad accounts. */
  confirmMode: z._default(z.enum(['multi-account', 'single-use']), 'multi-account'),
  /** Brute-force guard: failed code searches allowed per ad account per window. */
  maxFailedSearches: z._default(positiveInt.check(z.lte(1_000_000)), 100),
  /** Length of the rolling window for failed searches, in ms. */
  failedSearchWindowMs: z._default(positiveInt.check(z.lte(30 * DAY_MS)), HOUR_MS),
});

/**
 * The validated policy: every configurable rule parameter with its value. Passed to rule
 * functions and service factories; there is no global configuration.
 *
 * @example
 * ```ts
 * import { definePolicy } from 'tiktok-ad-auth';
 * const policy = definePolicy({ minFollowers: 1_000, confirmMode: 'single-use' }).unwrap();
 * ```
 */
export type Policy = Readonly<z.output<typeof policySchema>>;

/** The policy overrides a caller may pass; anything omitted takes its default. */
export type PolicyInput = z.input<typeof policySchema>;

/**
 * Validates policy overrides and fills in the defaults.
 *
 * @example
 * ```ts
 * const r = definePolicy({ authorizationPeriodsDays: [7, 30] });
 * if (r.isErr()) console.error(r.error.issues);
 * ```
 */
export function definePolicy(overrides: PolicyInput = {}): Result<Policy, ValidationError> {
  return parseInput(policySchema, overrides).map((p) => deepFreeze(p));
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * The defaults of `rules.md`: 10,000 followers, periods of 7/30/60/365 days, multi-account
 * confirmation, 100 failed searches per rolling hour.
 *
 * @example
 * ```ts
 * canGenerateAdCode(facts, DEFAULT_POLICY);
 * ```
 */
export const DEFAULT_POLICY: Policy = definePolicy().unwrap();
