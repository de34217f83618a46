import { decide, type Decision, type Violation } from '../kernel/decision.js';
import type { Policy } from '../kernel/policy.js';
import { isInForce } from '../kernel/authorization.js';
import type {
  AdCodeRecord,
  AdCodeStatus,
  AdCodeSummary,
  AdvertiserFacts,
  CreatorFacts,
  VideoFacts,
} from './spark-codes.model.js';

/**
 * Facts for `canGenerateAdCode`, with plain string ids.
 *
 * @example
 * ```ts
 * const facts: GenerateFacts = { creator, video, periodDays: 30 };
 * ```
 */
export interface GenerateFacts {
  readonly creator: CreatorFacts;
  readonly video: VideoFacts;
  /** The authorization period the creator chose, in days (SPARK-06). */
  readonly periodDays: number;
  /**
   * The video's code in force at the generation instant, if it has one (SPARK-12: at most one
   * code in force per video). Find it with `isInForce`.
   */
  readonly codeInForce?: { readonly id: string; readonly expiresAt: Date } | undefined;
}

/**
 * May this creator generate a code for this video with this period? Checks SPARK-01 to
 * SPARK-06, and SPARK-12 when the video's code in force is given, and returns **every**
 * violation.
 *
 * @example
 * ```ts
 * import { canGenerateAdCode, DEFAULT_POLICY } from 'tiktok-ad-auth';
 * const d = canGenerateAdCode({ creator, video, periodDays: 30, codeInForce: undefined }, DEFAULT_POLICY);
 * if (!d.allowed) d.violations.map((v) => v.rule); // e.g. ['SPARK-01', 'SPARK-02']
 * ```
 */
export function canGenerateAdCode(facts: GenerateFacts, policy: Policy): Decision {
  const { creator, video, periodDays } = facts;
  const v: Violation[] = [];
  if (creator.accountType !== 'BUSINESS' && creator.accountType !== 'CREATOR') {
    v.push({
      rule: 'SPARK-01',
      code: 'spark.account_type_not_eligible',
      message: 'Switch the TikTok account to a Business or Creator account: personal accounts cannot generate codes.',
      details: { accountType: creator.accountType },
    });
  }
  if (creator.followerCount < policy.minFollowers) {
    v.push({
      rule: 'SPARK-02',
      code: 'spark.not_enough_followers',
      message:
        `The account needs at least ${policy.minFollowers} followers to generate a code; ` +
        `it has ${creator.followerCount}.`,
      details: { minimum: policy.minFollowers, actual: creator.followerCount },
    });
  }
  if (video.visibility !== 'PUBLIC') {
    v.push({
      rule: 'SPARK-03',
      code: 'spark.video_not_public',
      message: 'Make the video public before authorizing it.',
      details: { visibility: video.visibility },
    });
  }
  if (!video.isOriginal) {
    v.push({
      rule: 'SPARK-03',
      code: 'spark.video_not_original',
      message: "Only the creator's own original content can be authorized.",
    });
  }
  if (video.ownerId !== creator.id) {
    v.push({
      rule: 'SPARK-03',
      code: 'spark.video_not_owned',
      message: 'Only the account that posted the video can authorize it.',
      details: { ownerId: video.ownerId },
    });
  }
  if (!creator.adAuthorizationEnabled) {
    v.push({
      rule: 'SPARK-04',
      code: 'spark.account_ad_authorization_off',
      message: 'Turn on Ad authorization in Settings › Creator Settings › Ad Settings.',
    });
  }
  if (!video.adAuthorizationEnabled) {
    v.push({
      rule: 'SPARK-04',
      code: 'spark.video_ad_authorization_off',
      message: 'Turn on Ad authorization for the video (video › Ad settings).',
    });
  }
  if (!creator.adTermsAccepted) {
    v.push({
      rule: 'SPARK-04',
      code: 'spark.ad_terms_not_accepted',
      message: 'Accept the advertising terms of service to authorize videos.',
    });
  }
  if (video.music === 'COPYRIGHTED_NOT_IN_CML') {
    v.push({
      rule: 'SPARK-05',
      code: 'spark.music_not_cleared',
      message:
        'The video uses copyrighted music that is not in the Commercial Music Library, ' +
        'so it cannot be authorized.',
    });
  }
  if (!policy.authorizationPeriodsDays.includes(periodDays)) {
    v.push({
      rule: 'SPARK-06',
      code: 'spark.period_not_allowed',
      message: `Choose an authorization period of ${listOr(policy.authorizationPeriodsDays)} days.`,
      details: { allowed: policy.authorizationPeriodsDays, requested: periodDays },
    });
  }
  const current = facts.codeInForce;
  if (current !== undefined) {
    v.push({
      rule: 'SPARK-12',
      code: 'spark.code_already_in_force',
      message:
        `This video already has a code in force until ${current.expiresAt.toISOString()}: ` +
        'copy that one, or turn off ad authorization to revoke it first.',
      details: { codeId: current.id, expiresAt: current.expiresAt },
    });
  }
  return decide(v);
}

/** The instants of a code that decide whether it is in force. */
export type CodeTimes = Pick<AdCodeRecord, 'generatedAt' | 'expiresAt' | 'revokedAt'>;

export { isInForce };

/**
 * The Business API status of a code at an instant: `DELETED` once revoked, `EXPIRED` from
 * `expiresAt` on, `IN_USE` once an ad account confirmed it, else `NOT_USED`.
 *
 * @example
 * ```ts
 * import { adCodeStatusAt } from 'tiktok-ad-auth';
 * adCodeStatusAt(record, new Date()); // 'NOT_USED'
 * ```
 */
export function adCodeStatusAt(code: CodeTimes & Pick<AdCodeRecord, 'firstConfirmedAt'>, at: Date): AdCodeStatus {
  const t = at.getTime();
  if (code.revokedAt !== undefined && code.revokedAt.getTime() <= t) return 'DELETED';
  if (t >= code.expiresAt.getTime()) return 'EXPIRED';
  if (code.firstConfirmedAt !== undefined && code.firstConfirmedAt.getTime() <= t) return 'IN_USE';
  return 'NOT_USED';
}

/**
 * Facts for `canApplyAdCode`, with plain string ids.
 *
 * @example
 * ```ts
 * const facts: ApplyFacts = { advertiser: { adAccountId: 'adv-1', hasActivePaymentMethod: true,
 *   hasCreativeLibraryAccess: true }, code: undefined, at: new Date() };
 * ```
 */
export interface ApplyFacts {
  readonly advertiser: AdvertiserFacts;
  /** The code found for the pasted text, or `undefined` when none was found. */
  readonly code: CodeTimes | undefined;
  /** With single-use policy: whether another ad account already confirmed the code. */
  readonly confirmedByAnotherAdAccount?: boolean;
  readonly at: Date;
}

/**
 * May this advertiser apply (search and confirm) this code now? Checks ADV-01 and ADV-03 and
 * that the code is in force at `at` (SPARK-07, SPARK-10, SPARK-11), with single use when the
 * policy says so. Returns every violation.
 *
 * @example
 * ```ts
 * import { canApplyAdCode, DEFAULT_POLICY } from 'tiktok-ad-auth';
 * const d = canApplyAdCode({ advertiser, code: record, at: new Date() }, DEFAULT_POLICY);
 * ```
 */
export function canApplyAdCode(facts: ApplyFacts, policy: Policy): Decision {
  const { advertiser, code, at } = facts;
  const v: Violation[] = [];
  if (!advertiser.hasActivePaymentMethod) {
    v.push({
      rule: 'ADV-01',
      code: 'spark.no_active_payment_method',
      message: 'Add an active payment method to the ad account before applying a code.',
    });
  }
  if (!advertiser.hasCreativeLibraryAccess) {
    v.push({
      rule: 'ADV-01',
      code: 'spark.no_creative_library_access',
      message: 'Ask an admin of the ad account for access to the Creative Library.',
    });
  }
  if (code === undefined) {
    v.push(codeNotFound());
  } else if (code.revokedAt !== undefined && code.revokedAt.getTime() <= at.getTime()) {
    v.push({
      rule: 'ADV-03',
      code: 'spark.code_revoked',
      message: 'The creator turned off ad authorization for this video: ask them for a fresh code.',
      details: { revokedAt: code.revokedAt },
    });
  } else if (at.getTime() >= code.expiresAt.getTime()) {
    v.push({
      rule: 'ADV-03',
      code: 'spark.code_expired',
      message: 'This code has expired: ask the creator for a fresh code.',
      details: { expiredAt: code.expiresAt },
    });
  } else if (at.getTime() < code.generatedAt.getTime()) {
    v.push(codeNotFound());
  } else if (policy.confirmMode === 'single-use' && facts.confirmedByAnotherAdAccount === true) {
    v.push({
      rule: 'ADV-02',
      code: 'spark.code_already_used',
      message: 'This code was already used by another ad account: ask the creator for a code of your own.',
    });
  }
  return decide(v);
}

function listOr(values: readonly number[]): string {
  return values.length <= 1 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

function codeNotFound(): Violation {
  return {
    rule: 'ADV-03',
    code: 'spark.code_not_found',
    message: 'No video was found for this code: check that you copied it exactly, or ask the creator for a fresh code.',
  };
}

/**
 * A record as callers see it, with its status at `at` and without digest or nonce.
 *
 * @example
 * ```ts
 * import { summarizeAdCode } from 'tiktok-ad-auth';
 * summarizeAdCode(record, new Date()).status; // 'NOT_USED'
 * ```
 */
export function summarizeAdCode(record: AdCodeRecord, at: Date): AdCodeSummary {
  const { digest: _digest, nonce: _nonce, ...shown } = record;
  return { ...shown, status: adCodeStatusAt(record, at), inForce: isInForce(record, at) };
}
