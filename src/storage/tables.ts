// The library's tables (design §7): what each row is, its primary key, and the indexes the
// workflows read by. Index values are computed here, in TypeScript, from the rows; an adapter
// stores and compares them and decides nothing. Partial indexes (`of` returning `undefined`)
// keep an index to the rows a workflow looks for, e.g. the links still active.
import type { Actor } from '../kernel/events.js';
import type { AdAccountId, TikTokAccountId, UserId } from '../kernel/ids.js';
import type { IndexDef, TableDef } from '../ports/store.js';
import type { AdCodeRecord, LibraryEntry } from '../spark-codes/spark-codes.model.js';
import type { AdRecord } from '../ads/ads.model.js';
import type { AdAccountAssignment, BcLinkRecord, LinkRequestRecord } from '../business-center/business-center.model.js';
import type { AccountMemberRole, OwnedAccountRecord } from '../delivery-identities/delivery-identities.model.js';
import { countsTowardAdLimits, identityKey, isSparkAd } from '../ads/ads.rules.js';

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
});

/** Posts in ad accounts' Spark Ads libraries (ADV-02): one row per (ad account, code). */
export const libraryTable = table<LibraryEntry>('spark_library', (e) => compoundKey(e.adAccountId, e.codeId), {
  byAccount: { parts: ['text', 'number'], of: (e) => [e.adAccountId, ms(e.confirmedAt)] },
  byCode: { parts: ['text', 'number'], of: (e) => [e.codeId, ms(e.confirmedAt)] },
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
] as unknown as readonly TableDef<never>[];
