/**
 * The library's result type, re-exported from `ts-results-es` so consumers and the library
 * share one `Result`. Workflows return `Ok` for outcomes and `Err` with plain error data for
 * expected refusals; they throw only for programmer errors.
 */
export { Ok, Err, Result } from 'ts-results-es';
