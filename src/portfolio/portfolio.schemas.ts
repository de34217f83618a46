import * as z from 'zod/mini';
import { typeMessage, instantSchema, type ReadonlyInput } from '../kernel/validation.js';
import { brandedId } from '../kernel/branded-id.js';
import type { AdAccountId, BusinessCenterId, CreatorId } from '../kernel/ids.js';

const ids = <T extends z.ZodMiniType>(id: T, max: number) =>
  z.optional(
    z.array(id).check(
      z.maxLength(max, `must hold at most ${max} ids`),
      z.refine((a) => new Set(a).size === a.length, 'must not repeat an id'),
    ),
  );

/**
 * Input of `endingSoon` (POR-01): the scope (ad accounts, Business Centers, creators; at least
 * one id in all), the window (`from`, default now, and `days` or `ms`), the page size (1 to
 * 1,000) and the cursor of the previous page.
 *
 * @example
 * ```ts
 * import { endingSoonInputSchema } from 'tiktok-ad-auth';
 * const input = { scope: { adAccountIds: ['adv-1'] }, within: { days: 7 }, limit: 50 };
 * endingSoonInputSchema.safeParse(input).success; // true
 * ```
 */
export const endingSoonInputSchema = z.strictObject({
  scope: z
    .strictObject({
      adAccountIds: ids(brandedId<AdAccountId>(), 1_000),
      businessCenterIds: ids(brandedId<BusinessCenterId>(), 100),
      creatorIds: ids(brandedId<CreatorId>(), 1_000),
    })
    .check(
      z.refine(
        (s) => (s.adAccountIds?.length ?? 0) + (s.businessCenterIds?.length ?? 0) + (s.creatorIds?.length ?? 0) > 0,
        'must name at least one ad account, Business Center or creator',
      ),
    ),
  within: z
    .strictObject({
      from: z.optional(instantSchema),
      days: z.optional(z.int(typeMessage('must be a whole number of days')).check(z.gte(1), z.lte(3_650))),
      ms: z.optional(
        z.int(typeMessage('must be a whole number of milliseconds')).check(z.gte(1), z.lte(3_650 * 86_400_000)),
      ),
    })
    .check(z.refine((w) => (w.days === undefined) !== (w.ms === undefined), 'must give either days or ms')),
  limit: z.int(typeMessage('must be a whole number')).check(z.gte(1), z.lte(1_000)),
  cursor: z.optional(z.string().check(z.maxLength(512, 'must be at most 512 characters'))),
});
/**
 * Input of `Portfolio.endingSoon`.
 *
 * @example
 * ```ts
 * const input: EndingSoonInput = { scope: { businessCenterIds: ['bc-1'] }, within: { days: 14 }, limit: 100 };
 * ```
 */
export type EndingSoonInput = ReadonlyInput<z.input<typeof endingSoonInputSchema>>;
