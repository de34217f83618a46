/**
 * The only source of "now" in the library (design §5, X-04). Services call `now()` once per
 * workflow and pass the instant down to pure rules.
 *
 * Contract: `now()` returns a valid `Date`; the library never mutates it.
 */
export interface Clock {
  now(): Date;
}
