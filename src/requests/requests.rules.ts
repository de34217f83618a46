// Brand requests (REQ-01..03) as pure decisions: the status of a request at an instant, whether
// an ad account may ask, and whether a creator may accept. The eligibility of the video at
// acceptance is `canGenerateAdCode`'s (SPARK-01..06, SPARK-12): one set of rules for every
// authorization (AG-03).
import { decide, type Decision, type Violation } from '../kernel/decision.js';
import type { Policy } from '../kernel/policy.js';
import type { CreatorFacts, VideoFacts } from '../spark-codes/spark-codes.model.js';
import { canGenerateAdCode } from '../spark-codes/spark-codes.rules.js';
import type { BrandRequestRecord, BrandRequestStatus } from './requests.model.js';

/**
 * A request's status at `at` (REQ-01): answered (`ACCEPTED`, `DECLINED`, `CANCELLED`), else
 * `EXPIRED` from its `expiresAt` on, else `PENDING`.
 *
 * @example
 * ```ts
 * import { requestStatusAt } from 'tiktok-ad-auth';
 * requestStatusAt(record, record.expiresAt); // 'EXPIRED' unless it was answered before
 * ```
 */
export function requestStatusAt(
  request: Pick<BrandRequestRecord, 'expiresAt' | 'acceptedAt' | 'declinedAt' | 'cancelledAt'>,
  at: Date,
): BrandRequestStatus {
  if (request.acceptedAt !== undefined) return 'ACCEPTED';
  if (request.declinedAt !== undefined) return 'DECLINED';
  if (request.cancelledAt !== undefined) return 'CANCELLED';
  return at.getTime() >= request.expiresAt.getTime() ? 'EXPIRED' : 'PENDING';
}

/**
 * Facts for `canRequestAuthorization`.
 *
 * @example
 * ```ts
 * const facts: RequestFacts = { periodDays: 365, pendingRequests: 3 };
 * ```
 */
export interface RequestFacts {
  /** The period asked for, in days. */
  readonly periodDays: number;
  /** How many of the ad account's requests are pending at the decision's instant. */
  readonly pendingRequests: number;
}

/**
 * May an ad account send one more request? Checks the period (REQ-01, one of
 * `authorizationPeriodsDays`) and the pending cap (REQ-02, `maxPendingRequests`, default 30),
 * and returns every violation.
 *
 * @example
 * ```ts
 * import { canRequestAuthorization, DEFAULT_POLICY } from 'tiktok-ad-auth';
 * canRequestAuthorization({ periodDays: 365, pendingRequests: 30 }, DEFAULT_POLICY).allowed; // false: REQ-02
 * ```
 */
export function canRequestAuthorization(facts: RequestFacts, policy: Policy): Decision {
  const v: Violation[] = [];
  if (!policy.authorizationPeriodsDays.includes(facts.periodDays)) {
    v.push({
      rule: 'REQ-01',
      code: 'request.period_not_allowed',
      message: `Ask for a period of ${policy.authorizationPeriodsDays.join(', ')} days.`,
      details: { allowed: policy.authorizationPeriodsDays, requested: facts.periodDays },
    });
  }
  if (facts.pendingRequests >= policy.maxPendingRequests) {
    v.push({
      rule: 'REQ-02',
      code: 'request.too_many_pending',
      message:
        `This ad account has ${facts.pendingRequests} requests waiting for an answer (at most ` +
        `${policy.maxPendingRequests}): cancel one, or wait for answers or for requests to lapse.`,
      details: { limit: policy.maxPendingRequests, pending: facts.pendingRequests },
    });
  }
  return decide(v);
}

/**
 * Internal: the violation of answering a request that is no longer pending (REQ-01).
 *
 * @example
 * ```ts
 * return Err(denied([notPending(requestStatusAt(request, at))]));
 * ```
 */
export function notPending(status: BrandRequestStatus): Violation {
  return {
    rule: 'REQ-01',
    code: 'request.not_pending',
    message: `This request is ${status.toLowerCase()}: only a pending request can be answered or cancelled.`,
    details: { status },
  };
}

/**
 * Facts for `canAcceptRequest`.
 *
 * @example
 * ```ts
 * const facts: AcceptFacts = { request, at, creator, video, codeInForce: undefined };
 * ```
 */
export interface AcceptFacts {
  readonly request: BrandRequestRecord;
  readonly at: Date;
  readonly creator: CreatorFacts;
  readonly video: VideoFacts;
  /** The video's authorization in force (origin `CODE` or `REQUEST`), if any (SPARK-12). */
  readonly codeInForce?: { readonly id: string; readonly expiresAt: Date } | undefined;
}

/**
 * May the creator accept this request now (REQ-03)? The request must be pending (REQ-01), the
 * facts must be those of the requested creator and video, and the video must be eligible as
 * for a code (SPARK-01..06, SPARK-12). Returns every violation.
 *
 * @example
 * ```ts
 * import { canAcceptRequest, DEFAULT_POLICY } from 'tiktok-ad-auth';
 * const d = canAcceptRequest({ request, at: new Date(), creator, video }, DEFAULT_POLICY);
 * if (!d.allowed) d.violations.map((v) => v.code);
 * ```
 */
export function canAcceptRequest(facts: AcceptFacts, policy: Policy): Decision {
  const { request, at, creator, video } = facts;
  const v: Violation[] = [];
  const status = requestStatusAt(request, at);
  if (status !== 'PENDING') v.push(notPending(status));
  if (creator.id !== request.creatorId) {
    v.push({
      rule: 'REQ-03',
      code: 'request.wrong_creator',
      message: 'These are the facts of another TikTok account than the one the request was sent to.',
      details: { requested: request.creatorId, given: creator.id },
    });
  }
  if (video.id !== request.videoId) {
    v.push({
      rule: 'REQ-03',
      code: 'request.wrong_video',
      message: 'The request names another video: accept it with the facts of the requested video.',
      details: { requested: request.videoId, given: video.id },
    });
  }
  const eligible = canGenerateAdCode(
    { creator, video, periodDays: request.periodDays, codeInForce: facts.codeInForce },
    policy,
  );
  if (!eligible.allowed) v.push(...eligible.violations);
  return decide(v);
}
