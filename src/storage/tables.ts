// The library's tables (design §7): what each row is, its primary key, and the indexes the
// workflows read by. Index values are computed here, in TypeScript, from the rows; an adapter
// stores and compares them and decides nothing. Partial indexes (`of` returning `undefined`)
// keep an index to the rows a workflow looks for, e.g. the links still active.
import type { Actor } from '../kernel/events.js';
import type { AdAccountId, AdId, TikTokAccountId, UserId } from '../kernel/ids.js';
import type { TopAdsStatusView } from '../top-ads/top-ads.model.js';
import type { IndexDef, TableDef } from '../ports/store.js';
import type { AdCodeRecord, LibraryEntry } from '../spark-codes/spark-codes.model.js';
import type { AdRecord, DependencyStateRecord } from '../ads/ads.model.js';
import type { BrandRequestRecord } from '../requests/requests.model.js'; // requests (issue 13)
import type { ExtensionAskRecord, ReminderRecord } from '../extensions/extensions.model.js'; // extensions (issue 13)
import type { AdAccountAssignment, BcLinkRecord, LinkRequestRecord } from '../business-center/business-center.model.js';
import type { AccountMemberRole, OwnedAccountRecord } from '../delivery-identities/delivery-identities.model.js';
import {
  countsTowardAdLimits,
  deliveringAccountId,
  identityKey,
  isSparkAd,
  PAUSED_BY_LIFECYCLE,
} from '../ads/ads.rules.js';

const ms = (d: Date) => d.getTime();
/** Joins the parts of a compound primary key. Ids never contain a space (printable ASCII without spaces). */
export const compoundKey = (...parts: readonly string[]): string => parts.join(' ');

function table<Row>(name: string, key: (row: Row) => string, indexes: Record<string, IndexDef<Row>>): TableDef<Row> {
  return Object.freeze({ name, key, indexes: Object.freeze(indexes) });
}

/** Spark Ads codes (SPARK-*): digests only, never the code. */
export const codesTable = table<AdCodeRecord>('spark_codes', (c) => c.id, {
  byDigest: { parts: ['text'], of: (c) => (c.digest === undefined ? undefined : [c.digest]), unique: true },
  byVideo: { parts: ['text', 'number'], of: (c) => [c.videoId, ms(c.generatedAt)] },
  byCreator: { parts: ['text', 'number'], of: (c) => [c.creatorId, ms(c.generatedAt)] },
  /** Codes not revoked, by their end (what `listExpiring` reads). */
  byExpiry: { parts: ['number'], of: (c) => (c.revokedAt === undefined ? [ms(c.expiresAt)] : undefined) },
  /** Codes the expiry sweep has not recorded yet, by their end. */
  unswept: { parts: ['number'], of: (c) => (c.expiryRecordedAt === undefined ? [ms(c.expiresAt)] : undefined) },
  /** Authorizations not revoked, by creator and end (the portfolio, POR-01; issue 14). */
  byCreatorEnd: {
    parts: ['text', 'number'],
    of: (c) => (c.revokedAt === undefined ? [c.creatorId, ms(c.expiresAt)] : undefined),
  },
});

/** Posts in ad accounts' Spark Ads libraries (ADV-02): one row per (ad account, code). */
export const libraryTable = table<LibraryEntry>('spark_library', (e) => compoundKey(e.adAccountId, e.codeId), {
  byAccount: { parts: ['text', 'number'], of: (e) => [e.adAccountId, ms(e.confirmedAt)] },
  byCode: { parts: ['text', 'number'], of: (e) => [e.codeId, ms(e.confirmedAt)] },
  /** Entries by ad account and the authorization's end (the portfolio, POR-01; issue 14). */
  byAccountEnd: { parts: ['text', 'number'], of: (e) => [e.adAccountId, ms(e.expiresAt)] },
});

/** One search that found nothing (ADV-03 throttle), kept while inside the window. */
export interface FailedSearchRow {
  readonly id: string;
  readonly adAccountId: AdAccountId;
  readonly at: Date;
}

/** Failed searches per ad account, pruned as they leave the window. */
export const failedSearchesTable = table<FailedSearchRow>('spark_failed_searches', (r) => r.id, {
  byAccount: { parts: ['text', 'number'], of: (r) => [r.adAccountId, ms(r.at)] },
});

/** Ads (ADV-04..06) with their Top Ads asset authorization (TOP-01..07). */
export const adsTable = table<AdRecord>('ads', (a) => a.id, {
  byAccount: { parts: ['text', 'number'], of: (a) => [a.adAccountId, ms(a.createdAt)] },
  byCode: {
    parts: ['text', 'number'],
    of: (a) => (a.authorization ? [a.authorization.codeId, ms(a.createdAt)] : undefined),
  },
  /** Spark Ads that count toward the per-ad-account limit. */
  sparkByAccount: {
    parts: ['text'],
    of: (a) => (isSparkAd(a.identity) && countsTowardAdLimits(a) ? [a.adAccountId] : undefined),
  },
  /** Spark Ads that count toward the per-identity limit. */
  byIdentity: {
    parts: ['text'],
    of: (a) => (isSparkAd(a.identity) && countsTowardAdLimits(a) ? [identityKey(a)] : undefined),
  },
  /** `AUTH_CODE` ads not stopped or rejected, by their authorization's end (the forecast). */
  atRisk: {
    parts: ['text', 'number'],
    of: (a) =>
      a.authorization && a.status !== 'STOPPED' && a.status !== 'REJECTED'
        ? [a.adAccountId, ms(a.authorization.expiresAt)]
        : undefined,
  },
  /** Ads whose Top Ads asset authorization is granted. */
  assetAuthorized: { parts: ['number'], of: (a) => (a.assetAuthorization.authorized ? [ms(a.createdAt)] : undefined) },
  // --- lifecycle (issue 13) ---
  /** Approved or running ads by the post they run: what a post turning private or deleted pauses (LIFE-01). */
  liveByVideo: {
    parts: ['text'],
    of: (a) => (a.videoId !== undefined && PAUSED_BY_LIFECYCLE.includes(a.status) ? [a.videoId] : undefined),
  },
  /** Approved or running ads by delivering account and ad account: what a ban or an unlink pauses (LIFE-01). */
  liveByAccount: {
    parts: ['text', 'text'],
    of: (a) => {
      const account = deliveringAccountId(a);
      return account !== undefined && PAUSED_BY_LIFECYCLE.includes(a.status) ? [account, a.adAccountId] : undefined;
    },
  },
});

/** When the Creative Center pop-up was last shown to an account (TOP-05). */
export interface PopupRow {
  readonly accountId: string;
  readonly lastShownAt: Date;
}

export const popupsTable = table<PopupRow>('top_ads_popups', (r) => r.accountId, {});

/** QR link requests (BC-02..07): token digests only. */
export const linkRequestsTable = table<LinkRequestRecord>('bc_link_requests', (r) => r.id, {
  byDigest: { parts: ['text'], of: (r) => [r.tokenDigest], unique: true },
  /** Requests not approved, rejected or cancelled, by their end: pending while `at < expiresAt`. */
  openByBusinessCenter: {
    parts: ['text', 'number'],
    of: (r) =>
      r.approvedAt === undefined && r.rejectedAt === undefined && r.cancelledAt === undefined
        ? [r.businessCenterId, ms(r.expiresAt)]
        : undefined,
  },
});

/** Links between TikTok accounts and Business Centers (BC-01, BC-07, ASSET-03..07). */
export const linksTable = table<BcLinkRecord>('bc_links', (l) => l.id, {
  activeByBusinessCenter: {
    parts: ['text', 'number'],
    of: (l) => (l.unlinkedAt === undefined ? [l.businessCenterId, ms(l.linkedAt)] : undefined),
  },
  activeByAccount: {
    parts: ['text', 'number'],
    of: (l) => (l.unlinkedAt === undefined ? [l.accountId, ms(l.linkedAt)] : undefined),
  },
  /** Backs up "one active link per (Business Center, account)". */
  activePair: {
    parts: ['text', 'text'],
    of: (l) => (l.unlinkedAt === undefined ? [l.businessCenterId, l.accountId] : undefined),
    unique: true,
  },
});

/** Linked accounts assigned to ad accounts (BC-08, ASSET-03): one row per (link, ad account). */
export const assignmentsTable = table<AdAccountAssignment>(
  'bc_assignments',
  (a) => compoundKey(a.linkId, a.adAccountId),
  {
    byLink: { parts: ['text', 'number'], of: (a) => [a.linkId, ms(a.assignedAt)] },
    byAdAccount: { parts: ['text', 'number'], of: (a) => [a.adAccountId, ms(a.assignedAt)] },
    byAccountAndAdAccount: { parts: ['text', 'text'], of: (a) => [a.accountId, a.adAccountId] },
  },
);

/** An account created in Ads Manager (ASSET-06, ASSET-07), its members in `accountMembersTable`. */
export type OwnedAccountRow = Omit<OwnedAccountRecord, 'members'>;

export const ownedAccountsTable = table<OwnedAccountRow>('owned_accounts', (a) => a.accountId, {
  byUsername: {
    parts: ['text'],
    of: (a) => (a.username === undefined ? undefined : [a.username.toLowerCase()]),
    unique: true,
  },
});

/** A member of an account created in Ads Manager (ASSET-07). */
export interface AccountMemberRow {
  readonly accountId: TikTokAccountId;
  readonly userId: UserId;
  readonly role: AccountMemberRole;
  readonly grantedAt: Date;
  readonly grantedBy: Actor;
}

export const accountMembersTable = table<AccountMemberRow>(
  'owned_account_members',
  (m) => compoundKey(m.accountId, m.userId),
  {
    byAccount: { parts: ['text', 'number'], of: (m) => [m.accountId, ms(m.grantedAt)] },
  },
);

// --- batches and portfolio (issue 14) ---

/**
 * One batch item applied (BAT-01): its idempotency key and its recorded outcome, written in the
 * same transaction as the item's effect. A retried item returns this outcome without applying again.
 */
export interface BatchItemRow {
  readonly kind: 'confirm_code';
  /** The ad account the key belongs to. */
  readonly adAccountId: AdAccountId;
  readonly idempotencyKey: string;
  /** The digest of the code the item applied (never the code): the same key with another code is refused. */
  readonly codeDigest: string;
  readonly result: 'applied' | 'already_applied';
  readonly entry: LibraryEntry;
  readonly recordedAt: Date;
}

/** Batch items by (kind, ad account, idempotency key). */
export const batchItemsTable = table<BatchItemRow>(
  'batch_items',
  (r) => compoundKey(r.kind, r.adAccountId, r.idempotencyKey),
  {},
);

/** One ad withdrawn (or found not authorized) under a withdrawal confirmation. */
export interface WithdrawalItemRow {
  readonly adId: AdId;
  readonly withdrawn: boolean;
  readonly status: TopAdsStatusView;
}

/**
 * A Top Ads withdrawal prepared for confirmation (BAT-01, TOP-06): the ads listed with their
 * state when prepared, and the results recorded as each ad is withdrawn (once).
 */
export interface WithdrawalConfirmationRow {
  readonly id: string;
  readonly adAccountId: AdAccountId;
  readonly preparedAt: Date;
  readonly preparedBy: Actor;
  readonly expiresAt: Date;
  readonly ads: readonly TopAdsStatusView[];
  readonly results: readonly WithdrawalItemRow[];
  readonly confirmedAt?: Date;
}

/** Withdrawal confirmations by id. */
export const withdrawalConfirmationsTable = table<WithdrawalConfirmationRow>(
  'top_ads_withdrawal_confirmations',
  (r) => r.id,
  {},
);

// --- end batches and portfolio ---

// --- requests (issue 13) ---

/** Brand requests (REQ-01..03): an ad account asks a creator to authorize a video. */
export const brandRequestsTable = table<BrandRequestRecord>('brand_requests', (r) => r.id, {
  byAdAccount: { parts: ['text', 'number'], of: (r) => [r.adAccountId, ms(r.requestedAt)] },
  byCreator: { parts: ['text', 'number'], of: (r) => [r.creatorId, ms(r.requestedAt)] },
  /** Requests not answered, by ad account and end: pending while `at < expiresAt` (the REQ-02 count). */
  openByAdAccount: {
    parts: ['text', 'number'],
    of: (r) => (isOpenRequest(r) ? [r.adAccountId, ms(r.expiresAt)] : undefined),
  },
  /** Requests not answered, by creator and end. */
  openByCreator: {
    parts: ['text', 'number'],
    of: (r) => (isOpenRequest(r) ? [r.creatorId, ms(r.expiresAt)] : undefined),
  },
  /** The request an authorization of origin `REQUEST` accepted. */
  byCode: { parts: ['text'], of: (r) => (r.codeId === undefined ? undefined : [r.codeId]), unique: true },
});

function isOpenRequest(r: BrandRequestRecord): boolean {
  return r.acceptedAt === undefined && r.declinedAt === undefined && r.cancelledAt === undefined;
}

// --- end requests ---

// --- extensions (issue 13) ---

/** Advertisers' extension asks (EXT-03); pending while unanswered and `at < expiresAt`. */
export const extensionAsksTable = table<ExtensionAskRecord>('extension_asks', (a) => a.id, {
  byCreator: { parts: ['text', 'number'], of: (a) => [a.creatorId, ms(a.askedAt)] },
  byAccount: { parts: ['text', 'number'], of: (a) => [a.adAccountId, ms(a.askedAt)] },
  /** Unanswered asks per (code, ad account), by their end: one pending at most (EXT-03). */
  openByPair: {
    parts: ['text', 'text', 'number'],
    of: (a) => (a.answer === undefined ? [a.codeId, a.adAccountId, ms(a.expiresAt)] : undefined),
  },
});

/** The primary key of a reminder: (authorization, end instant, offset, recipient) (REM-01). */
export const reminderKey = (r: Pick<ReminderRecord, 'codeId' | 'endsAt' | 'offsetMs' | 'recipient'>): string =>
  compoundKey(r.codeId, String(ms(r.endsAt)), String(r.offsetMs), `${r.recipient.kind}:${r.recipient.id}`);

/** Reminders recorded (REM-01), each once. */
export const remindersTable = table<ReminderRecord>('reminders', reminderKey, {
  byCode: { parts: ['text', 'number'], of: (r) => [r.codeId, ms(r.recordedAt)] },
});

// --- end extensions ---

// --- lifecycle (issue 13) ---

/** What was reported about a post or an account ads depend on (LIFE-01): one row per `post:`/`account:` key. */
export const dependencyStatesTable = table<DependencyStateRecord>('ad_dependency_states', (r) => r.key, {});

/**
 * Every table of the library, for adapters that create storage up front (the PostgreSQL
 * schema) and for the conformance suite.
 *
 * @example
 * ```ts
 * import { TABLES } from 'tiktok-ad-auth/testing';
 * for (const t of TABLES) console.log(t.name, Object.keys(t.indexes));
 * ```
 */
export const TABLES: readonly TableDef<never>[] = [
  codesTable,
  libraryTable,
  failedSearchesTable,
  adsTable,
  popupsTable,
  linkRequestsTable,
  linksTable,
  assignmentsTable,
  ownedAccountsTable,
  accountMembersTable,
  brandRequestsTable, // requests (issue 13)
  extensionAsksTable, // extensions (issue 13)
  remindersTable, // extensions (issue 13)
  batchItemsTable,
  withdrawalConfirmationsTable,
  dependencyStatesTable, // lifecycle (issue 13)
] as unknown as readonly TableDef<never>[];
