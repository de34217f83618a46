// Internal: the Spark codes service's input checks, one per published zod schema in
// `spark-codes.schemas.ts`, built from the plain validators of `kernel/input.ts` so that the
// service bundles no zod and parses its hot inputs in a fraction of the time. The schemas stay
// the specification: `spark-codes.inputs.props.test.ts` checks each pair accepts the same
// inputs, gives the same output and names the same fields on refusal. Change both together.
import type * as z from 'zod/mini';
import { MAX_TEXT, NO_CONTROL, bool, humanText, id, instant, int, oneOf, optional, strict, text, type Check } from '../kernel/input.js';
import type {
  codeStatusInputSchema, confirmCodeInputSchema, generateCodeInputSchema, listExpiringInputSchema, revokeCodeInputSchema, searchCodeInputSchema,
  showCodeInputSchema,
} from './spark-codes.schemas.js';
import type { AdAccountId, CreatorId } from '../kernel/ids.js';

const url = text(1, MAX_TEXT, NO_CONTROL, [/^https:\/\/\S+$/, 'must be an https URL']);
const count = int('must be a whole number', 0);
const date = instant('must be a valid Date');

const advertiser = strict({ adAccountId: id, hasActivePaymentMethod: bool, hasCreativeLibraryAccess: bool });
const pastedCode = text(0, 1024); // any string: its format is checked by `parseAdCode`

/** Checks `generateCode` input as `generateCodeInputSchema`. */
export const generateCodeInput = strict<z.output<typeof generateCodeInputSchema>>({
  creator: strict({
    id, displayName: humanText, accountType: oneOf(['PERSONAL', 'BUSINESS', 'CREATOR']), followerCount: count, adAuthorizationEnabled: bool, adTermsAccepted: bool,
  }),
  video: strict({
    id, ownerId: id, visibility: oneOf(['PUBLIC', 'FRIENDS', 'PRIVATE']), isOriginal: bool, adAuthorizationEnabled: bool,
    music: oneOf(['NONE', 'ORIGINAL', 'COMMERCIAL_MUSIC_LIBRARY', 'COPYRIGHTED_NOT_IN_CML']), title: optional(humanText), thumbnailUrl: optional(url),
  }),
  periodDays: int('must be a whole number of days'),
});
/** Checks `showCode` input as `showCodeInputSchema`. */
export const showCodeInput = strict<z.output<typeof showCodeInputSchema>>({ creatorId: id, codeId: id });
/** Checks `searchCode` input as `searchCodeInputSchema`. */
export const searchCodeInput = strict<z.output<typeof searchCodeInputSchema>>({ advertiser, code: pastedCode });
/** Checks `confirmCode` input as `confirmCodeInputSchema`. */
export const confirmCodeInput = strict<z.output<typeof confirmCodeInputSchema>>({ advertiser, code: pastedCode, userId: optional(id) });
/** Checks `revokeCode` input as `revokeCodeInputSchema`. */
export const revokeCodeInput = strict<z.output<typeof revokeCodeInputSchema>>({ creatorId: id, codeId: id });
/** Checks `codeStatus` input as `codeStatusInputSchema`. */
export const codeStatusInput = strict<z.output<typeof codeStatusInputSchema>>({ codeId: id, at: optional(date) });
/** Checks `listExpiring` input as `listExpiringInputSchema`. */
export const listExpiringInput = strict<z.output<typeof listExpiringInputSchema>>({
  withinMs: int('must be a whole number of milliseconds', 0, 3650 * 86_400_000), from: optional(date),
});
/** Checks a creator id argument as `creatorIdSchema`. */
export const creatorIdInput = id as Check<CreatorId>;
/** Checks an ad account id argument as `adAccountIdSchema`. */
export const adAccountIdInput = id as Check<AdAccountId>;
