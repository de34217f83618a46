declare const brand: unique symbol;

/**
 * A nominal ("branded") type: `Brand<string, 'VideoId'>` is a string the type checker will
 * not confuse with another id. Values are made by the parse functions and schemas.
 *
 * @example
 * ```ts
 * type VideoId = Brand<string, 'VideoId'>;
 * ```
 */
export type Brand<T, B extends string> = T & { readonly [brand]: B };
