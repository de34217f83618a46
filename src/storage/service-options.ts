// Internal: the options every service factory takes, checked once at creation. A wrong option
// is a programmer error: it throws a `TypeError` naming the option, before anything runs.
import { DEFAULT_POLICY, deepFreeze, type Policy } from '../kernel/policy.js';
import { policySchema } from '../kernel/policy-schema.js';
import { parseInput } from '../kernel/validation.js';
import { formatPath } from '../kernel/errors.js';
import type { Clock } from '../ports/clock.js';
import type { RandomSource } from '../ports/random-source.js';
import type { Store } from '../ports/store.js';
import { systemClock } from '../adapters/clock/system-clock.js';
import { webCryptoRandom } from '../adapters/random/web-crypto-random.js';

/** What every service factory takes. */
export interface ServiceOptions {
  /** Where records and events are kept: `memoryStore()`, `postgresStore(…)` or your own adapter. */
  readonly store: Store;
  /** Source of "now" (default `systemClock()`). */
  readonly clock?: Clock | undefined;
  /** Source of randomness for ids, codes and tokens (default `webCryptoRandom()`). */
  readonly random?: RandomSource | undefined;
  /** Policy parameters (default `DEFAULT_POLICY`; make one with `definePolicy(…).unwrap()`). */
  readonly policy?: Policy | undefined;
}

/** The checked options with their defaults filled in. */
export interface Resolved {
  readonly store: Store;
  readonly clock: Clock;
  readonly random: RandomSource;
  readonly policy: Policy;
}

const hasMethods = (x: unknown, names: readonly string[]) =>
  typeof x === 'object' && x !== null && names.every((n) => typeof (x as Record<string, unknown>)[n] === 'function');

/** Checks a factory's options; throws a `TypeError` that names the factory and the option. */
export function resolveOptions(factory: string, options: ServiceOptions): Resolved {
  const fail = (option: string, why: string): never => {
    throw new TypeError(`${factory}: ${option} ${why}`);
  };
  if (typeof options !== 'object' || options === null) fail('options', 'must be an object');
  const { store, clock, random, policy } = options;
  if (!hasMethods(store, ['transaction', 'get', 'list', 'count', 'readEvents'])) {
    fail('store', 'must be a store (memoryStore(), postgresStore(…) or an adapter of the Store port)');
  }
  if (clock !== undefined && !hasMethods(clock, ['now'])) fail('clock', 'must have a now() method returning a Date');
  if (random !== undefined && !hasMethods(random, ['fill'])) fail('random', 'must have a fill(bytes) method');
  let checked: Policy = DEFAULT_POLICY;
  if (policy !== undefined) {
    if (hasMethods(policy, ['isOk', 'isErr']))
      fail('policy', 'is a Result: pass definePolicy(…).unwrap(), not the Result itself');
    const parsed = parseInput(policySchema, policy);
    if (parsed.isErr()) {
      const first = parsed.error.issues[0];
      fail('policy', `is not a valid policy: ${formatPath(first.path) || '(policy)'} ${first.message}`);
    } else {
      checked = deepFreeze(parsed.value as Policy);
    }
  }
  return { store, clock: clock ?? systemClock(), random: random ?? webCryptoRandom(), policy: checked };
}
