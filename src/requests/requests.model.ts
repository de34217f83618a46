import type { Brand } from '../kernel/brand.js';
import type { Actor } from '../kernel/events.js';
import type { AdAccountId, AdCodeId, CreatorId, VideoId } from '../kernel/ids.js';
import type { AdRef } from '../ads/ads.model.js';
import type { AdCodeStatus, AuthorizationOrigin, VideoPreview } from '../spark-codes/spark-codes.model.js';

/**
 * A brand request, minted by the library (`breq_…`).
 *
 * @example
 * ```ts
 * const id: BrandRequestId = view.id;
 * ```
 */
export type BrandRequestId = Brand<string, 'BrandRequestId'>;

/**
 * A brand request's status (REQ-01): `PENDING → ACCEPTED | DECLINED | EXPIRED | CANCELLED`.
 * `EXPIRED` is derived: a request nobody answered within `requestLifetimeMs` (default 7 days).
 */
export type BrandRequestStatus = 'PENDING' | 'ACCEPTED' | 'DECLINED' | 'EXPIRED' | 'CANCELLED';

/**
 * A stored brand request (REQ-01). Records are immutable: a change makes a new one. At most one
 * of `acceptedAt`, `declinedAt`, `cancelledAt` is set, and only while the request was pending.
 */
export interface BrandRequestRecord {
  readonly id: BrandRequestId;
  readonly adAccountId: AdAccountId;
  readonly creatorId: CreatorId;
  readonly videoId: VideoId;
  /** The authorization period asked for, in days (one of `authorizationPeriodsDays`). */
  readonly periodDays: number;
  readonly note?: string;
  readonly requestedAt: Date;
  readonly requestedBy: Actor;
  /** `requestedAt + requestLifetimeMs`: pending while `at < expiresAt`. */
  readonly expiresAt: Date;
  readonly acceptedAt?: Date;
  /** The authorization the acceptance made (origin `REQUEST`). */
  readonly codeId?: AdCodeId;
  readonly declinedAt?: Date;
  readonly declineReason?: string;
  readonly cancelledAt?: Date;
  readonly cancelledBy?: Actor;
}

/**
 * A brand request as callers see it: the record with its status at the instant it was read.
 *
 * @example
 * ```ts
 * const pending = views.filter((r: BrandRequestView) => r.status === 'PENDING');
 * ```
 */
export type BrandRequestView = BrandRequestRecord & { readonly status: BrandRequestStatus };

/** An authorization in the creator's ledger, in words: in force, revoked, or expired (REQ-04). */
export type LedgerStatus = 'IN_FORCE' | 'REVOKED' | 'EXPIRED';

/** How many of an authorization's ads are in each state (REQ-04), statuses read at the ledger's instant. */
export interface LedgerAdCounts {
  /** Every ad created on the authorization, whatever its state. */
  readonly created: number;
  readonly running: number;
  readonly paused: number;
  readonly stopped: number;
}

/** An ad account that uses an authorization: it confirmed the code, or its request was accepted. */
export interface LedgerAdAccount {
  readonly adAccountId: AdAccountId;
  readonly confirmedAt: Date;
}

/**
 * One authorization a creator granted, with who uses it (REQ-04).
 *
 * @example
 * ```ts
 * for (const e of ledger.entries) console.log(e.origin, e.status, e.adAccounts.length, e.ads.running);
 * ```
 */
export interface LedgerEntry {
  readonly codeId: AdCodeId;
  readonly origin: AuthorizationOrigin;
  /** For origin `REQUEST`: the request it accepted. */
  readonly requestId?: BrandRequestId;
  readonly videoId: VideoId;
  readonly preview: VideoPreview;
  readonly fingerprint: string;
  readonly status: LedgerStatus;
  /** The Business API vocabulary of the same status. */
  readonly apiStatus: AdCodeStatus;
  readonly inForce: boolean;
  /** The period first granted, in days. */
  readonly periodDays: number;
  readonly grantedAt: Date;
  /** The end, extensions included. */
  readonly endsAt: Date;
  readonly revokedAt?: Date;
  /** How many times the end was extended (EXT-01). */
  readonly extensions: number;
  /** The ad accounts with the post in their library, oldest first. */
  readonly adAccounts: readonly LedgerAdAccount[];
  readonly ads: LedgerAdCounts;
  /** The ads on the authorization, oldest first, with their status at the ledger's instant. */
  readonly adRefs: readonly AdRef[];
}

/**
 * One page of a creator's ledger, newest authorization first (REQ-04).
 *
 * @example
 * ```ts
 * let page = (await requests.creatorLedger({ creatorId })).unwrap();
 * while (page.nextCursor) page = (await requests.creatorLedger({ creatorId, cursor: page.nextCursor })).unwrap();
 * ```
 */
export interface CreatorLedgerPage {
  readonly at: Date;
  readonly entries: readonly LedgerEntry[];
  /** Pass it as `cursor` for the next page; absent on the last page. */
  readonly nextCursor?: string;
}
