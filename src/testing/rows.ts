// Internal: rows of every table for the table contract. Each generator draws its fields from
// small pools, so that keys, index values and unique values collide often, instants tie, and
// optional fields (which partial indexes test) come and go. Text pools mix case, punctuation and
// non-ASCII letters: their order is by code point, which an adapter comparing with a locale's
// collation gets wrong.
import fc from 'fast-check';
import type { TableDef } from '../ports/store.js';
import type { Actor } from '../kernel/events.js';
import { DAY_MS } from '../kernel/time.js';
import { LINK_PERMISSIONS } from '../business-center/permissions.js';
import type { AdCodeRecord, LibraryEntry } from '../spark-codes/spark-codes.model.js';
import type { AdRecord, AdStatus, DependencyStateRecord } from '../ads/ads.model.js';
import type { BrandRequestRecord } from '../requests/requests.model.js'; // requests (issue 13)
import type { ExtensionAskRecord, ReminderRecord } from '../extensions/extensions.model.js';
import type { AdAccountAssignment, BcLinkRecord, LinkRequestRecord } from '../business-center/business-center.model.js';
import {
  accountMembersTable,
  adsTable,
  assignmentsTable,
  codesTable,
  failedSearchesTable,
  libraryTable,
  linkRequestsTable,
  linksTable,
  ownedAccountsTable,
  popupsTable,
  type AccountMemberRow,
  batchItemsTable,
  withdrawalConfirmationsTable,
  type BatchItemRow,
  type WithdrawalConfirmationRow,
  type FailedSearchRow,
  brandRequestsTable, // requests (issue 13)
  dependencyStatesTable, // lifecycle (issue 13)
  extensionAsksTable,
  remindersTable,
  type OwnedAccountRow,
  type PopupRow,
} from '../storage/tables.js';

/** How to make rows of one table: `row(k)` makes rows whose primary key is the `k`-th of `keys`. */
export interface RowSpec<Row> {
  readonly table: TableDef<Row>;
  /** How many distinct primary keys `row` can make (k = 0 … keys - 1). */
  readonly keys: number;
  readonly row: (k: number) => fc.Arbitrary<Row>;
}

/** Names whose code-point order differs from a locale's: `B` < `B_` < `a` < `a-b` < `b` < `é`. */
export const NAMES = ['a', 'B', 'b', 'B_', 'a-b', 'é'] as const;
const T0 = Date.UTC(2026, 0, 1);
/** Instants that tie and straddle the epoch and a day boundary, with and without milliseconds. */
export const INSTANTS = [-1, 0, T0, T0 + 1, T0 + 999, T0 + DAY_MS, Date.UTC(2100, 0, 1)] as const;

const name = (prefix: string, n: number = NAMES.length) =>
  fc.constantFrom(...NAMES.slice(0, n).map((s) => `${prefix}${s}`));
const instant = fc.constantFrom(...INSTANTS).map((t) => new Date(t));
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });
/** Any short text a caller might pass: quotes, backslashes, emoji, line separators. */
const text = fc.oneof(
  fc.constantFrom('', 'Dana', '"quoted"', 'back\\slash', "O'Brien", '😀 emoji', 'line\u2028sep', 'tab\tand\nnewline'),
  fc.string({ unit: 'grapheme', maxLength: 6 }).filter((s) => !s.includes('\u0000')),
);
const actor: fc.Arbitrary<Actor> = fc.record({
  kind: fc.constantFrom('creator' as const, 'advertiser' as const, 'user' as const, 'system' as const),
  id: name('who-', 3),
});
const hex = (c: string) => c.repeat(64);

/** Leaves out the members that are `undefined`: an absent optional field is absent (never `undefined`). */
export function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

const codes: RowSpec<AdCodeRecord> = {
  table: codesTable,
  keys: NAMES.length,
  row: (k) =>
    fc
      .record({
        digest: fc.constantFrom(hex('0'), hex('a'), hex('f'), hex('1')),
        creatorId: name('cr-', 3),
        videoId: name('v-', 3),
        periodDays: fc.constantFrom(7, 30, 60, 365),
        generatedAt: instant,
        expiresAt: instant,
        revokedAt: maybe(instant),
        revokedBy: actor,
        expiryRecordedAt: maybe(instant),
        firstConfirmedAt: maybe(instant),
        creatorName: text,
        title: maybe(text),
      })
      .map(
        (x) =>
          compact({
            id: `code_${NAMES[k]}`,
            digest: x.digest,
            nonce: hex('7').slice(0, 64),
            fingerprint: '#abcd…wxyz',
            creatorId: x.creatorId,
            videoId: x.videoId,
            periodDays: x.periodDays,
            generatedAt: x.generatedAt,
            expiresAt: x.expiresAt,
            revokedAt: x.revokedAt,
            revokedBy: x.revokedAt === undefined ? undefined : x.revokedBy,
            expiryRecordedAt: x.expiryRecordedAt,
            firstConfirmedAt: x.firstConfirmedAt,
            preview: compact({
              creatorId: x.creatorId,
              creatorName: x.creatorName,
              videoId: x.videoId,
              title: x.title,
            }),
          }) as unknown as AdCodeRecord,
      ),
};

const library: RowSpec<LibraryEntry> = {
  table: libraryTable,
  keys: 6,
  row: (k) =>
    fc
      .record({
        videoId: name('v-', 3),
        creatorId: name('cr-', 3),
        confirmedAt: instant,
        confirmedBy: actor,
        creatorName: text,
        expiresAt: instant,
      })
      .map(
        (x) =>
          ({
            adAccountId: `acc-${NAMES[k % 3]}`,
            codeId: `code_${NAMES[Math.floor(k / 3)]}`,
            videoId: x.videoId,
            creatorId: x.creatorId,
            confirmedAt: x.confirmedAt,
            confirmedBy: x.confirmedBy,
            preview: { creatorId: x.creatorId, creatorName: x.creatorName, videoId: x.videoId },
            expiresAt: x.expiresAt,
          }) as unknown as LibraryEntry,
      ),
};

const failedSearches: RowSpec<FailedSearchRow> = {
  table: failedSearchesTable,
  keys: NAMES.length,
  row: (k) =>
    fc
      .record({ adAccountId: name('acc-', 3), at: instant })
      .map((x) => ({ id: `fs_${NAMES[k]}`, ...x }) as unknown as FailedSearchRow),
};

const STATUSES: readonly AdStatus[] = ['DRAFT', 'IN_REVIEW', 'APPROVED', 'REJECTED', 'RUNNING', 'PAUSED', 'STOPPED'];

const ads: RowSpec<AdRecord> = {
  table: adsTable,
  keys: NAMES.length,
  row: (k) =>
    fc
      .record({
        adAccountId: name('acc-', 3),
        createdAt: instant,
        kind: fc.constantFrom(
          'AUTH_CODE' as const,
          'BC_AUTH_TT' as const,
          'TT_USER' as const,
          'CUSTOMIZED_USER' as const,
        ),
        ref: name('', 3),
        expiresAt: instant,
        status: fc.constantFrom(...STATUSES),
        reason: maybe(
          fc.constantFrom(
            'authorization_revoked' as const,
            'authorization_expired' as const,
            'advertiser' as const,
            'link_removed' as const,
            'post_deleted' as const,
          ),
        ),
        offered: fc.boolean(),
        authorized: fc.boolean(),
        withdrawnAt: maybe(instant),
        statusChangedAt: instant,
        by: actor,
        firstRunningAt: maybe(instant),
        endAt: maybe(instant),
        regions: fc.subarray(['US', 'FR', 'JP']),
        industry: maybe(text),
        name: text,
      })
      .map((x) => {
        const auth = x.kind === 'AUTH_CODE';
        const identity = auth ? { type: x.kind, codeId: `code_${x.ref}` } : { type: x.kind, identityId: `id-${x.ref}` };
        return compact({
          id: `ad_${NAMES[k]}`,
          adAccountId: x.adAccountId,
          name: x.name,
          campaign: { campaignId: 'cmp', objective: 'VIDEO_VIEWS', placements: ['TIKTOK'], campaignType: 'MANUAL' },
          schedule: compact({ startAt: x.createdAt, endAt: x.endAt }),
          identity,
          videoId: auth ? `v-${x.ref}` : undefined,
          authorization: auth
            ? { codeId: `code_${x.ref}`, videoId: `v-${x.ref}`, creatorId: `cr-${x.ref}`, expiresAt: x.expiresAt }
            : undefined,
          regions: x.regions,
          industry: x.industry,
          assetAuthorization: compact({
            offered: x.offered,
            authorized: x.offered && x.authorized,
            changedAt: x.createdAt,
            source: 'ads_manager',
            withdrawnAt: x.withdrawnAt,
          }),
          status: x.status,
          statusReason: x.reason,
          statusChangedAt: x.statusChangedAt,
          statusChangedBy: x.by,
          createdAt: x.createdAt,
          firstRunningAt: x.firstRunningAt,
        }) as unknown as AdRecord;
      }),
};

const popups: RowSpec<PopupRow> = {
  table: popupsTable,
  keys: NAMES.length,
  row: (k) => instant.map((lastShownAt) => ({ accountId: `acc-${NAMES[k]}`, lastShownAt })),
};

const permissions = fc.subarray([...LINK_PERMISSIONS], { minLength: 1 });

const linkRequests: RowSpec<LinkRequestRecord> = {
  table: linkRequestsTable,
  keys: NAMES.length,
  row: (k) =>
    fc
      .record({
        businessCenterId: name('bc-', 3),
        requestedBy: name('u-', 2),
        permissions,
        tokenDigest: fc.constantFrom(hex('0'), hex('b'), hex('c'), hex('9')),
        assignTo: maybe(name('acc-', 2)),
        createdAt: instant,
        expiresAt: instant,
        closed: fc.constantFrom('no' as const, 'approved' as const, 'rejected' as const, 'cancelled' as const),
        closedAt: instant,
        by: actor,
      })
      .map(
        (x) =>
          compact({
            id: `lreq_${NAMES[k]}`,
            businessCenterId: x.businessCenterId,
            requestedBy: x.requestedBy,
            permissionLevel: 'DELIVER_ADS',
            permissions: x.permissions,
            tokenDigest: x.tokenDigest,
            tokenFingerprint: 'bcqr_1a2b…9f0e',
            assignToAdAccountId: x.assignTo,
            createdAt: x.createdAt,
            expiresAt: x.expiresAt,
            ...(x.closed === 'approved'
              ? { approvedAt: x.closedAt, approvedBy: x.by, accountId: 'tt-a', linkId: `link_${NAMES[k]}` }
              : {}),
            ...(x.closed === 'rejected' ? { rejectedAt: x.closedAt, rejectedBy: x.by } : {}),
            ...(x.closed === 'cancelled' ? { cancelledAt: x.closedAt, cancelledBy: x.by } : {}),
          }) as unknown as LinkRequestRecord,
      ),
};

const links: RowSpec<BcLinkRecord> = {
  table: linksTable,
  keys: NAMES.length,
  row: (k) =>
    fc
      .record({
        businessCenterId: name('bc-', 2),
        accountId: name('tt-', 2),
        permissions,
        method: fc.constantFrom(
          'QR_CODE' as const,
          'LOGIN' as const,
          'SIGN_UP' as const,
          'ORGANIZATION_OWNED' as const,
        ),
        requestId: maybe(name('lreq_', 2)),
        linkedAt: instant,
        by: actor,
        accountType: fc.constantFrom('PERSONAL' as const, 'BUSINESS' as const, 'CREATOR' as const),
        isPrivate: fc.boolean(),
        displayName: maybe(text),
        permissionsChangedAt: maybe(instant),
        unlinkedAt: maybe(instant),
      })
      .map(
        (x) =>
          compact({
            id: `link_${NAMES[k]}`,
            businessCenterId: x.businessCenterId,
            accountId: x.accountId,
            permissionLevel: 'DELIVER_ADS',
            permissions: x.permissions,
            method: x.method,
            requestId: x.requestId,
            linkedAt: x.linkedAt,
            linkedBy: x.by,
            account: compact({ accountType: x.accountType, isPrivate: x.isPrivate, displayName: x.displayName }),
            permissionsChangedAt: x.permissionsChangedAt,
            unlinkedAt: x.unlinkedAt,
            unlinkedBy: x.unlinkedAt === undefined ? undefined : x.by,
          }) as unknown as BcLinkRecord,
      ),
};

const assignments: RowSpec<AdAccountAssignment> = {
  table: assignmentsTable,
  keys: 6,
  row: (k) =>
    fc
      .record({ businessCenterId: name('bc-', 2), accountId: name('tt-', 3), assignedAt: instant, assignedBy: actor })
      .map(
        (x) =>
          ({
            ...x,
            linkId: `link_${NAMES[k % 3]}`,
            adAccountId: `acc-${NAMES[Math.floor(k / 3)]}`,
          }) as unknown as AdAccountAssignment,
      ),
};

const ownedAccounts: RowSpec<OwnedAccountRow> = {
  table: ownedAccountsTable,
  keys: NAMES.length,
  row: (k) =>
    fc
      .record({
        kind: fc.constantFrom('ORGANIZATION_OWNED' as const, 'SIGNED_UP' as const),
        businessCenterId: name('bc-', 2),
        nickname: text,
        operatingRegion: maybe(fc.constantFrom('US', 'FR')),
        // Unique without regard to case: 'acme' and 'ACME' clash.
        username: maybe(fc.constantFrom('acme', 'ACME', 'Acme_1', 'bob')),
        profilePhotoUrl: maybe(fc.constant('https://example.com/p.png')),
        createdAt: instant,
        createdBy: actor,
      })
      .map(
        (x) => compact({ accountId: `tt-${NAMES[k]}`, linkId: `link_${NAMES[k]}`, ...x }) as unknown as OwnedAccountRow,
      ),
};

const members: RowSpec<AccountMemberRow> = {
  table: accountMembersTable,
  keys: 6,
  row: (k) =>
    fc
      .record({
        role: fc.constantFrom('ADMIN' as const, 'OPERATOR' as const, 'ANALYST' as const),
        grantedAt: instant,
        grantedBy: actor,
      })
      .map(
        (x) =>
          ({
            accountId: `tt-${NAMES[k % 3]}`,
            userId: `u-${NAMES[Math.floor(k / 3)]}`,
            ...x,
          }) as unknown as AccountMemberRow,
      ),
};

/** A row of the suite's own test table (see `CONFORMANCE_TABLES`). */
export interface ConformanceItem {
  readonly id: string;
  readonly group: string;
  readonly rank: number;
  readonly at: Date;
  readonly tag?: string;
  readonly flag: boolean;
  readonly notes: { readonly list: readonly string[]; readonly when?: Date; readonly n: number };
}

/**
 * The suite's own table: three-part and partial unique indexes over text with spaces and
 * non-ASCII letters, and numbers that are negative, fractional or beyond 32 bits.
 */
export const conformanceItemsTable: TableDef<ConformanceItem> = Object.freeze({
  name: 'conformance_items',
  key: (r: ConformanceItem) => r.id,
  indexes: Object.freeze({
    byGroup: { parts: ['text', 'number'], of: (r: ConformanceItem) => [r.group, r.rank] },
    byTag: { parts: ['text'], of: (r: ConformanceItem) => (r.tag === undefined ? undefined : [r.tag]), unique: true },
    byFlag: {
      parts: ['text', 'text', 'number'],
      of: (r: ConformanceItem) => [r.flag ? 'yes' : 'no', r.group, r.at.getTime()],
    },
    flaggedRank: {
      parts: ['number', 'text'],
      of: (r: ConformanceItem) => (r.flag ? [r.rank, r.group] : undefined),
      unique: true,
    },
  }),
} as TableDef<ConformanceItem>);

/** Keys and text values with spaces, case and non-ASCII letters (all in the Basic Multilingual Plane). */
export const ITEM_TEXT = ['a', 'a b', 'B', 'b', 'Z', 'é', 'ß', '中'] as const;
/** Numbers an index part must order right: negative, fractional, above 2^32 and 2^53 - 1. */
export const ITEM_NUMBERS = [-1e15, -1.5, -1, 0, 0.25, 1, 2 ** 40, Number.MAX_SAFE_INTEGER] as const;

const items: RowSpec<ConformanceItem> = {
  table: conformanceItemsTable,
  keys: ITEM_TEXT.length,
  row: (k) =>
    fc
      .record({
        group: fc.constantFrom(...ITEM_TEXT.slice(0, 5)),
        rank: fc.constantFrom(...ITEM_NUMBERS),
        at: instant,
        tag: maybe(fc.constantFrom(...ITEM_TEXT.slice(2))),
        flag: fc.boolean(),
        list: fc.array(text, { maxLength: 3 }),
        when: maybe(instant),
        n: fc.constantFrom(...ITEM_NUMBERS),
      })
      .map(
        (x) =>
          compact({
            id: `k ${ITEM_TEXT[k]}`,
            group: x.group,
            rank: x.rank,
            at: x.at,
            tag: x.tag,
            flag: x.flag,
            notes: compact({ list: x.list, when: x.when, n: x.n }),
          }) as ConformanceItem,
      ),
};

// --- batches and portfolio (issue 14) ---
const batchItems: RowSpec<BatchItemRow> = {
  table: batchItemsTable,
  keys: NAMES.length,
  row: (k) =>
    fc
      .record({ digest: fc.constantFrom(hex('0'), hex('a')), applied: fc.boolean(), at: instant, entryAt: instant })
      .map(
        (x) =>
          ({
            kind: 'confirm_code',
            adAccountId: `acc-${NAMES[k % 2]}`,
            idempotencyKey: `key-${NAMES[k]}`,
            codeDigest: x.digest,
            result: x.applied ? 'applied' : 'already_applied',
            entry: {
              adAccountId: `acc-${NAMES[k % 2]}`,
              codeId: 'code_a',
              videoId: 'v-a',
              creatorId: 'cr-a',
              confirmedAt: x.entryAt,
              confirmedBy: { kind: 'advertiser', id: `acc-${NAMES[k % 2]}` },
              preview: { creatorId: 'cr-a', creatorName: 'Dana', videoId: 'v-a' },
              expiresAt: x.entryAt,
            },
            recordedAt: x.at,
          }) as unknown as BatchItemRow,
      ),
};
const withdrawals: RowSpec<WithdrawalConfirmationRow> = {
  table: withdrawalConfirmationsTable,
  keys: NAMES.length,
  row: (k) =>
    fc.record({ at: instant, until: instant, confirmedAt: maybe(instant), by: actor, withdrawn: fc.boolean() }).map(
      (x) =>
        compact({
          id: `wdc_${NAMES[k]}`,
          adAccountId: `acc-${NAMES[k % 3]}`,
          preparedAt: x.at,
          preparedBy: x.by,
          expiresAt: x.until,
          ads: [{ adId: 'ad_a', status: 'IN_TOP_ADS', until: x.until }],
          results: x.confirmedAt
            ? [{ adId: 'ad_a', withdrawn: x.withdrawn, status: { adId: 'ad_a', status: 'NOT_IN_TOP_ADS' } }]
            : [],
          confirmedAt: x.confirmedAt,
        }) as unknown as WithdrawalConfirmationRow,
    ),
};
const batchRows = [batchItems, withdrawals];
// --- end batches and portfolio ---

// --- requests (issue 13) ---
const brandRequests: RowSpec<BrandRequestRecord> = {
  table: brandRequestsTable,
  keys: NAMES.length,
  row: (k) =>
    fc
      .record({
        adAccountId: name('acc-', 3),
        creatorId: name('cr-', 3),
        videoId: name('v-', 3),
        periodDays: fc.constantFrom(7, 365),
        note: maybe(text),
        requestedAt: instant,
        requestedBy: actor,
        expiresAt: instant,
        answer: fc.constantFrom('none', 'accepted', 'declined', 'cancelled'),
        at: instant,
        codeId: fc.constantFrom('code_a', 'code_b', 'code_B'),
      })
      .map(
        ({ answer, at, codeId, ...x }) =>
          compact({
            id: `breq_${NAMES[k]}`,
            ...x,
            note: x.note === '' ? undefined : x.note,
            acceptedAt: answer === 'accepted' ? at : undefined,
            // Unique: two accepted rows with the same code clash.
            codeId: answer === 'accepted' ? codeId : undefined,
            declinedAt: answer === 'declined' ? at : undefined,
            cancelledAt: answer === 'cancelled' ? at : undefined,
            cancelledBy: answer === 'cancelled' ? x.requestedBy : undefined,
          }) as unknown as BrandRequestRecord,
      ),
};
const requestRows = [brandRequests];
// --- end requests ---

// --- lifecycle (issue 13) ---
const dependencyStates: RowSpec<DependencyStateRecord> = {
  table: dependencyStatesTable,
  keys: NAMES.length,
  row: (k) =>
    fc.record({ at: instant, by: actor, n: fc.nat(1) }).map(
      (x) =>
        ({
          key: `${k % 2 === 0 ? 'video' : 'account'}:${NAMES[k]}`,
          kind: k % 2 === 0 ? 'POST' : 'ACCOUNT',
          subjectId: NAMES[k],
          state: k % 2 === 0 ? (['PRIVATE', 'DELETED'] as const)[x.n] : (['ACTIVE', 'BANNED'] as const)[x.n],
          changedAt: x.at,
          changedBy: x.by,
        }) as DependencyStateRecord,
    ),
};
const lifecycleRows = [dependencyStates];
// --- end lifecycle ---

// --- extensions (issue 13) ---
const extensionAsks: RowSpec<ExtensionAskRecord> = {
  table: extensionAsksTable,
  keys: NAMES.length,
  row: (k) =>
    fc
      .record({
        codeId: fc.constantFrom('code_a', 'code_B', 'code_é'),
        adAccountId: name('acc-', 3),
        creatorId: name('cr-', 3),
        videoId: name('v-', 3),
        periodDays: fc.constantFrom(7, 30, 365),
        askedAt: instant,
        askedBy: actor,
        expiresAt: instant,
        answer: fc.constantFrom('none', 'granted', 'declined'),
        at: instant,
      })
      .map(
        ({ answer, at, ...x }) =>
          compact({
            id: `ask_${NAMES[k]}`,
            ...x,
            answeredAt: answer === 'none' ? undefined : at,
            answer:
              answer === 'granted'
                ? { kind: 'GRANTED', periodDays: x.periodDays }
                : answer === 'declined'
                  ? { kind: 'DECLINED' }
                  : undefined,
          }) as unknown as ExtensionAskRecord,
      ),
};
const reminders: RowSpec<ReminderRecord> = {
  table: remindersTable,
  keys: NAMES.length,
  row: (k) =>
    // The primary key holds the end instant: it is the same for every row of key k.
    fc.record({ creatorId: name('cr-', 3), videoId: name('v-', 3), at: instant, message: text }).map(
      (x) =>
        ({
          codeId: `code_${NAMES[k]}`,
          creatorId: x.creatorId,
          videoId: x.videoId,
          endsAt: new Date(INSTANTS[k % INSTANTS.length]!),
          offsetMs: DAY_MS,
          dueAt: new Date(INSTANTS[k % INSTANTS.length]! - DAY_MS),
          recipient: { kind: k % 2 === 0 ? 'creator' : 'advertiser', id: `r-${NAMES[k]}` },
          recordedAt: x.at,
          message: x.message,
        }) as unknown as ReminderRecord,
    ),
};
const extensionRows = [extensionAsks, reminders];
// --- end extensions ---

/** Rows for every table of the library (`TABLES`), by table name. */
export const LIBRARY_ROWS: Readonly<Record<string, RowSpec<never>>> = Object.fromEntries(
  [
    codes,
    library,
    failedSearches,
    ads,
    popups,
    linkRequests,
    links,
    assignments,
    ownedAccounts,
    members,
    ...batchRows,
    ...requestRows,
    ...lifecycleRows,
    ...extensionRows,
  ].map((s) => [s.table.name, s as unknown as RowSpec<never>]),
);

/**
 * The suite's own tables, which the table contract runs over besides the library's `TABLES`
 * (unless `testTables: false`). An adapter that creates storage per table up front must create
 * these too, or create any table it is handed on first use.
 *
 * @example
 * ```ts
 * import { CONFORMANCE_TABLES, TABLES } from 'tiktok-ad-auth/testing';
 * for (const table of [...TABLES, ...CONFORMANCE_TABLES]) await createTable(table); // your adapter's DDL
 * ```
 */
export const CONFORMANCE_TABLES: readonly TableDef<never>[] = [conformanceItemsTable as unknown as TableDef<never>];

/** Rows for the suite's own tables. */
export const TEST_ROWS: readonly RowSpec<never>[] = [items as unknown as RowSpec<never>];
