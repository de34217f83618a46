import type * as z from 'zod/mini';
import { idSchema } from './validation.js';

/**
 * Internal: the schema of an id of brand `B` (`brandedId<CreatorId>()`). At run time it *is*
 * `idSchema`: a brand exists only for the type checker, so there is nothing to transform, and
 * sharing the one schema bundles no `z.pipe`/`z.transform` code. Only the output type differs:
 * the input type is a plain `string`, so input types take plain strings and parsed values are branded.
 *
 * @example
 * ```ts
 * const creatorId = brandedId<CreatorId>();
 * const input = z.strictObject({ creatorId }); // z.input: { creatorId: string }; z.output: { creatorId: CreatorId }
 * ```
 */
export function brandedId<B extends string>(): z.ZodMiniType<B, string> {
  return idSchema as unknown as z.ZodMiniType<B, string>;
}
