import { ErrImpl, type Err as TsErr } from 'ts-results-es';

/**
 * The library's result type, from `ts-results-es`, so consumers and the library share one
 * `Result`. Workflows return `Ok` for outcomes and `Err` with plain error data for expected
 * refusals; they throw only for programmer errors.
 */
export { Ok, Result } from 'ts-results-es';

/** The `Err` variant of a `Result` (the type of ts-results-es). */
export type Err<E> = TsErr<E>;

/**
 * Internal: `Err(error)`, the same object as ts-results-es makes (an `ErrImpl` with `error`),
 * without the stack trace its constructor captures and formats into `_stack` on every call:
 * about 15 µs, several times a whole successful search, paid by every refusal (a mistyped or
 * brute-forced code, a throttled search, bad input) where nothing needs that trace. `_stack`
 * only decorates the message of `unwrap`/`expect`, which stays "…: <error>". The package's
 * public `Err` is ts-results-es's own (`src/index.ts`).
 */
export function Err<E>(error: E): TsErr<E> {
  const err = Object.create(ErrImpl.prototype) as { error: E; _stack: string };
  err.error = error;
  err._stack = '';
  return err as unknown as TsErr<E>;
}
