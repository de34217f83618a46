// Internal: how every workflow uses the store (design §7). Lock the aggregate, read it, then
// take the instant to decide at: never earlier than the latest instant recorded under the same
// locks, so app servers with skewed clocks cannot move an aggregate's time backwards. A store
// failure becomes a `storage` error and leaves nothing behind.
import { Err, Ok, type Result } from '../kernel/result.js';
import { storageError, type StorageError } from '../kernel/errors.js';
import type { Clock } from '../ports/clock.js';
import type { Store, Transaction } from '../ports/store.js';

/** The transaction and the monotonic instant a workflow decides at. */
export interface Work {
  readonly tx: Transaction;
  /** `max(clock.now(), tx.lastInstant)`, taken once the locks are held. */
  readonly at: Date;
}

/**
 * Runs `work` in one transaction holding `lockKeys`, at a monotonic instant. Whatever `work`
 * returns (an `Ok` or a refusal) commits with its writes and events; a throw or a store failure
 * rolls everything back and gives a `storage` error.
 */
export async function inTransaction<T, E>(
  store: Store,
  clock: Clock,
  lockKeys: readonly string[],
  work: (w: Work) => Promise<Result<T, E>>,
): Promise<Result<T, E | StorageError>> {
  try {
    return await store.transaction(lockKeys, async (tx) => {
      const now = clock.now();
      const last = tx.lastInstant;
      const at = last !== undefined && last.getTime() > now.getTime() ? new Date(last.getTime()) : now;
      const result = await work({ tx, at });
      tx.markInstant(at);
      return result;
    });
  } catch (e) {
    return Err(storageError(e));
  }
}

/** Runs a read outside any transaction, turning a store failure into a `storage` error. */
export async function reading<T>(read: () => Promise<T>): Promise<Result<T, StorageError>> {
  try {
    return Ok(await read());
  } catch (e) {
    return Err(storageError(e));
  }
}
