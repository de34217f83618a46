/**
 * The library's result type: `Ok`, `Err` and `Result` of `ts-results-es`, re-exported exactly as
 * that package publishes them, so consumers and the library share one `Result`. Workflows return
 * `Ok` for outcomes and `Err` with plain error data for expected refusals; they throw only for
 * programmer errors. The errors are plain data: print one with `formatError(error)` (it gives
 * `[object Object]` through `String`), and prefer `isErr()` to `unwrap()` where a person reads the
 * outcome (`unwrap()` throws an `Error` whose message holds the error's JSON).
 *
 * @example
 * ```ts
 * import { Err, Ok, type Result } from 'tiktok-ad-auth';
 * const half = (n: number): Result<number, { code: 'odd' }> => (n % 2 === 0 ? Ok(n / 2) : Err({ code: 'odd' }));
 * half(3).isErr(); // true
 * ```
 */
export { Ok, Err, Result } from 'ts-results-es';
