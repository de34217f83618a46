import type * as z from 'zod/mini';
import { Err, Ok, type Result } from '../kernel/result.js';
import { denied, notFound, type DeniedError, type NotFoundError } from '../kernel/errors.js';
import type { Violation } from '../kernel/decision.js';
import type { Actor } from '../kernel/events.js';
import type { AdAccountAssignment, BcLinkRecord, LinkMethod } from '../business-center/business-center.model.js';
import type { BcLinkId, TikTokAccountId } from '../kernel/ids.js';
import type { Policy } from '../kernel/policy.js';
import { parseInput } from '../kernel/validation.js';
import { randomId } from '../kernel/crypto.js';
import type { Transaction } from '../ports/store.js';
import { inTransaction, reading } from '../storage/unit-of-work.js';
import { resolveOptions, type ServiceOptions } from '../storage/service-options.js';
import {
  accountMembersTable,
  assignmentsTable,
  compoundKey,
  linksTable,
  ownedAccountsTable,
  type AccountMemberRow,
  type OwnedAccountRow,
} from '../storage/tables.js';
import { parsePermissionSet, type LinkPermission, type PermissionSet } from '../business-center/permissions.js';
import {
  canStartLinkRequest,
  isLinkActive,
  linkPlacementViolations,
  type ApprovalObservation,
} from '../business-center/business-center.rules.js';
import {
  accountSnapshot,
  assignLink,
  draftLinkRequest,
  linkLockKeys,
  lockKeys,
  newEventId,
  newLinkId,
  observePlacement,
  openLinkRequest,
  pendingLinkRequests,
  requestLockKeys,
  viewLink,
  writeLink,
  type LinkView,
  type StartedLinkRequest,
} from '../business-center/business-center.workflows.js';
import type {
  AccountMember,
  IdentityAvailability,
  IdentityContextFacts,
  OwnedAccountRecord,
} from './delivery-identities.model.js';
import {
  canCreateOrganizationAccount,
  canGrantAccountAccess,
  canManageIdentities,
  identityAvailability,
} from './delivery-identities.rules.js';
import {
  createOrganizationAccountInputSchema,
  grantAccountAccessInputSchema,
  checkIdentityAvailabilityInputSchema,
  identityContextSchema,
  linkByLoginInputSchema,
  linkByQrCodeInputSchema,
  linkFromBusinessCenterInputSchema,
  listIdentitiesInputSchema,
  signUpAccountInputSchema,
  type CreateOrganizationAccountInput,
  type GrantAccountAccessInput,
  type CheckIdentityAvailabilityInput,
  type LinkByLoginInput,
  type LinkByQrCodeInput,
  type LinkFromBusinessCenterInput,
  type ListIdentitiesInput,
  type SignUpAccountInput,
} from './delivery-identities.schemas.js';
import type { GrantAccessError, IdentityError, IdentityQueryError } from './delivery-identities.errors.js';
import type { AccountCreatedEvent, AccountMemberGrantedEvent } from './delivery-identities.events.js';

/**
 * Permissions given to accounts created in Ads Manager (ASSET-06, ASSET-07) unless the caller
 * names others: everything, with "Show on TikTok profile and in ads" as the visibility, since
 * the Business Center or the creating user owns the account.
 *
 * @example
 * ```ts
 * import { CREATED_ACCOUNT_PERMISSIONS } from 'tiktok-ad-auth';
 * const permissions = CREATED_ACCOUNT_PERMISSIONS.filter((p) => p !== 'MESSAGE_ADS');
 * await identities.signUpAccount({ context, account, permissions });
 * ```
 */
export const CREATED_ACCOUNT_PERMISSIONS: readonly LinkPermission[] = Object.freeze([
  'EXISTING_POSTS',
  'PUBLISH_NEW_VIDEOS',
  'SHOW_ON_PROFILE_AND_ADS',
  'LIVE_VIDEOS',
  'LIVE_GMV_MAX',
  'SHOWCASE',
  'MESSAGE_ADS',
  'SERIES',
  'MANAGE_ACCOUNT_IN_BC',
] as const);

/**
 * What `createDeliveryIdentities` takes: the same store as the Business Center links, and optional ports.
 *
 * @example
 * ```ts
 * const options: DeliveryIdentitiesOptions = { store, clock: systemClock() };
 * ```
 */
export type DeliveryIdentitiesOptions = ServiceOptions;

/**
 * A link made in Ads Manager, with the identity it made available.
 *
 * @example
 * ```ts
 * const { link, assignment }: LinkedIdentity = (await identities.linkByLogin(input)).unwrap();
 * ```
 */
export interface LinkedIdentity {
  readonly link: LinkView;
  readonly assignment: AdAccountAssignment | undefined;
}

/**
 * A TikTok account created in Ads Manager, its link and assignment.
 *
 * @example
 * ```ts
 * const created: CreatedIdentity = (await identities.createOrganizationAccount(input)).unwrap();
 * ```
 */
export interface CreatedIdentity extends LinkedIdentity {
  readonly account: OwnedAccountRecord;
}

/**
 * TikTok accounts as ad delivery identities in Ads Manager (ASSET-01..08). Create with
 * `createDeliveryIdentities`. Every method takes its typed input (plain string ids) and still validates it at run time.
 *
 * @example
 * ```ts
 * const identities: DeliveryIdentities = createDeliveryIdentities({ store });
 * const list = await identities.listIdentities({ adAccount: { id: 'adv-1', businessCenterId: 'bc-1' } });
 * ```
 */
export interface DeliveryIdentities {
  readonly policy: Policy;
  /** ASSET-03: make accounts already linked to the Business Center available to the ad account (all or none). */
  linkFromBusinessCenter(
    input: LinkFromBusinessCenterInput,
  ): Promise<Result<readonly AdAccountAssignment[], IdentityError>>;
  /**
   * ASSET-04: link the user's own account, not yet in any Business Center (as the library's own
   * links show, and as the caller says), after its owner approved the permissions.
   */
  linkByLogin(input: LinkByLoginInput): Promise<Result<LinkedIdentity, IdentityError>>;
  /**
   * ASSET-05: start a QR link request that assigns the account to the ad account on approval
   * (approve with the Business Center service).
   */
  linkByQrCode(input: LinkByQrCodeInput): Promise<Result<StartedLinkRequest, IdentityError>>;
  /** ASSET-06: create an organization-owned account (verified Business Center, nickname, region other than China). */
  createOrganizationAccount(input: CreateOrganizationAccountInput): Promise<Result<CreatedIdentity, IdentityError>>;
  /** ASSET-07: link a signed-up account (an id not known yet); the creating user becomes its admin. */
  signUpAccount(input: SignUpAccountInput): Promise<Result<CreatedIdentity, IdentityError>>;
  /** ASSET-07: an admin of a created account grants a member access (or changes their role). */
  grantAccountAccess(input: GrantAccountAccessInput): Promise<Result<AccountMember, GrantAccessError>>;
  /**
   * ASSET-08: is this account available as an identity in this ad account, and why not. Reads the
   * account's link and assignment from the store, then answers with the rule `identityAvailability`.
   */
  checkIdentityAvailability(
    input: CheckIdentityAvailabilityInput,
  ): Promise<Result<IdentityAvailability, IdentityQueryError>>;
  /** ASSET-08: the ad account's identities with their availability (account facts as linked). */
  listIdentities(input: ListIdentitiesInput): Promise<Result<readonly IdentityAvailability[], IdentityQueryError>>;
}

type Violations = readonly [Violation, ...Violation[]];

function alreadyInBc(): Violation {
  return {
    rule: 'ASSET-04',
    code: 'identity.account_already_in_a_bc',
    message: 'This TikTok account is already in a Business Center: link it from that Business Center, or by QR code.',
  };
}

function accountExists(accountId: string): Violation {
  return {
    rule: 'ASSET-07',
    code: 'identity.account_exists',
    message: `TikTok account ${accountId} already exists: link it by login or QR code instead of signing it up.`,
    details: { accountId },
  };
}

function usernameTaken(username: string): Violation {
  return {
    rule: 'ASSET-06',
    code: 'identity.username_taken',
    message: 'This username is taken: choose another one.',
    details: { username },
  };
}

function notInBc(accountIds: readonly string[], meanwhile: boolean): Violation {
  return {
    rule: 'ASSET-03',
    code: 'identity.account_not_in_bc',
    message: meanwhile
      ? `Linked to this Business Center again meanwhile: ${accountIds.join(', ')}. Try again.`
      : `Not in this Business Center: ${accountIds.join(', ')}. Link them by login or QR code first.`,
    details: { accountIds },
  };
}

/** An account created in Ads Manager as callers see it: its row and its members, oldest first. */
function ownedAccountRecord(row: OwnedAccountRow, members: readonly AccountMemberRow[]): OwnedAccountRecord {
  const member = ({ userId, role, grantedAt, grantedBy }: AccountMemberRow): AccountMember => ({
    userId,
    role,
    grantedAt,
    grantedBy,
  });
  return { ...row, members: members.map(member) };
}

/** The identity context as parsed: the facts given, with branded ids. */
type Context = z.output<typeof identityContextSchema>;

/** What a link made in Ads Manager is: its account, permissions, method and who made it. */
interface LinkPlan {
  readonly context: Context;
  readonly account: Parameters<typeof accountSnapshot>[0] & { readonly id: TikTokAccountId };
  readonly permissions: Result<PermissionSet, unknown>;
  readonly method: LinkMethod;
  readonly actor: Actor;
  readonly linkId: BcLinkId;
}

/**
 * Creates the ad delivery identity service over the same store as the Business Center links.
 * Links made here obey the same caps (BC-01) as QR approvals: they take the same locks (the
 * Business Center and the account) and decide under them at a monotonic instant.
 *
 * @example
 * ```ts
 * import { createDeliveryIdentities, memoryStore } from 'tiktok-ad-auth';
 * const identities = createDeliveryIdentities({ store: memoryStore() });
 * const created = await identities.createOrganizationAccount({
 *   context: {
 *     businessCenter: { id: 'bc-1', verified: true }, member: { userId: 'u-1', role: 'ADMIN' },
 *     adAccount: { id: 'adv-1', businessCenterId: 'bc-1' }, adAccountRole: 'ADMIN', objective: 'PRODUCT_SALES',
 *   },
 *   nickname: 'Acme Official', operatingRegion: 'US',
 * });
 * created.unwrap().link.capabilities.canDeliverSparkAds; // true
 * ```
 */
export function createDeliveryIdentities(options: DeliveryIdentitiesOptions): DeliveryIdentities {
  const { store, clock, random, policy } = resolveOptions('createDeliveryIdentities', options);

  const prerequisites = (context: IdentityContextFacts, extra: readonly Violation[] = []) => {
    const d = canManageIdentities(context, policy);
    return [...(d.allowed ? [] : d.violations), ...extra];
  };
  const permissionsOf = (raw: readonly string[] | undefined) =>
    parsePermissionSet(raw ?? [...CREATED_ACCOUNT_PERMISSIONS]);
  const problemsOf = (set: Result<PermissionSet, { readonly violations: Violations }>) =>
    set.isErr() ? set.error.violations : [];

  /**
   * Makes a link in Ads Manager under the caps of BC-01, assigned to the context's ad account.
   * Under the link's locks (and `extraKeys`), `check` returns the workflow's own violations,
   * deciding on what it reads there (ASSET-04, an existing account, a taken username); they are
   * reported with the placement problems of BC-01. When there is none, `write` writes what comes
   * with the link (a created account), then the link and its assignment are written.
   */
  async function makeLink<T>(
    plan: LinkPlan,
    extraKeys: readonly string[],
    check: (tx: Transaction, seen: ApprovalObservation) => Promise<Violation[]>,
    write: (tx: Transaction, at: Date, link: BcLinkRecord) => Promise<T>,
  ): Promise<Result<LinkedIdentity & { readonly extra: T }, IdentityError>> {
    const { context, account, method, actor, linkId } = plan;
    const businessCenterId = context.businessCenter.id;
    const keys = [...linkLockKeys(businessCenterId, account.id, linkId), ...extraKeys];
    return inTransaction(store, clock, keys, async ({ tx, at }) => {
      const seen = await observePlacement(tx, businessCenterId, account.id);
      const violations = [...(await check(tx, seen)), ...linkPlacementViolations(seen, policy)];
      // A permission problem is among `violations` (the workflows' checks report it).
      if (violations.length > 0 || plan.permissions.isErr()) {
        return Err(denied(violations as [Violation, ...Violation[]]));
      }
      const link: BcLinkRecord = {
        id: linkId,
        businessCenterId,
        accountId: account.id,
        permissionLevel: 'DELIVER_ADS',
        permissions: plan.permissions.value,
        method,
        linkedAt: at,
        linkedBy: actor,
        account: accountSnapshot(account),
      };
      const extra = await write(tx, at, link);
      const assignment = await writeLink(tx, random, link, context.adAccount.id);
      return Ok({ link: viewLink(link, at), assignment, extra });
    });
  }

  /** Writes a created account's row and its admin member (the creating user: ASSET-07, LIFE-04) with its event. */
  async function writeOwnedAccount(
    tx: Transaction,
    row: OwnedAccountRow,
    members: readonly AccountMemberRow[],
  ): Promise<OwnedAccountRecord> {
    await tx.insert(ownedAccountsTable, row);
    for (const m of members) await tx.insert(accountMembersTable, m);
    const { accountId, kind, businessCenterId, linkId } = row;
    tx.append([
      {
        id: newEventId(random),
        type: 'identity.account_created',
        at: row.createdAt,
        actor: row.createdBy,
        subject: { kind: 'tiktok_account', id: accountId },
        data: { accountId, kind, businessCenterId, linkId } satisfies AccountCreatedEvent['data'],
      },
    ]);
    return ownedAccountRecord(row, members);
  }

  return {
    policy,

    async linkFromBusinessCenter(input) {
      const parsed = parseInput(linkFromBusinessCenterInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { context, accountIds } = parsed.value;
      const businessCenterId = context.businessCenter.id;
      const ids = [...new Set(accountIds)];
      // Find the links to lock; under the accounts' locks (held by every transaction that makes
      // or ends a link) they are read again and must be the same.
      const found = await reading(async () => {
        const out: BcLinkId[] = [];
        for (const id of ids) {
          const [link] = await store.list(linksTable, 'activePair', { eq: [businessCenterId, id], limit: 1 });
          if (link !== undefined) out.push(link.id);
        }
        return out;
      });
      if (found.isErr()) return found;
      const locked = new Set<string>(found.value);
      const keys = [...ids.map(lockKeys.account), ...found.value.map(lockKeys.link)];
      const actor: Actor = { kind: 'user', id: context.member.userId };
      return inTransaction(store, clock, keys, async ({ tx, at }) => {
        const links: BcLinkRecord[] = [];
        const missing: TikTokAccountId[] = [];
        const relinked: TikTokAccountId[] = [];
        for (const id of ids) {
          const [link] = await tx.list(linksTable, 'activePair', { eq: [businessCenterId, id], limit: 1 });
          if (link === undefined || !isLinkActive(link, at)) missing.push(id);
          else if (!locked.has(link.id)) relinked.push(id);
          else links.push(link);
        }
        const violations = prerequisites(context, [
          ...(missing.length > 0 ? [notInBc(missing, false)] : []),
          ...(relinked.length > 0 ? [notInBc(relinked, true)] : []),
        ]);
        if (violations.length > 0) return Err(denied(violations as [Violation, ...Violation[]]));
        const all: AdAccountAssignment[] = [];
        for (const link of links) {
          all.push((await assignLink(tx, random, link, context.adAccount.id, at, actor)).assignment);
        }
        return Ok(all);
      });
    },

    async linkByLogin(input) {
      const parsed = parseInput(linkByLoginInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { context, account, permissions, approvedBy } = parsed.value;
      const set = parsePermissionSet(permissions);
      const plan: LinkPlan = {
        context,
        account,
        permissions: set,
        method: 'LOGIN',
        actor: { kind: 'user', id: approvedBy },
        linkId: newLinkId(random),
      };
      const made = await makeLink(
        plan,
        [],
        async (_tx, seen) => {
          // ASSET-04: in no Business Center, as the caller says and as this library's links show.
          const inABusinessCenter = account.inAnyBusinessCenter || seen.accountActiveLinks > 0;
          return prerequisites(context, [...(inABusinessCenter ? [alreadyInBc()] : []), ...problemsOf(set)]);
        },
        async () => undefined,
      );
      return made.map(({ link, assignment }) => ({ link, assignment }));
    },

    async linkByQrCode(input) {
      const parsed = parseInput(linkByQrCodeInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { context, permissions } = parsed.value;
      const { businessCenter, member, adAccount } = context;
      const assignTo = {
        id: adAccount.id,
        ...(adAccount.businessCenterId !== undefined ? { businessCenterId: adAccount.businessCenterId } : {}),
      };
      const draft = draftLinkRequest(random);
      return inTransaction(store, clock, requestLockKeys(businessCenter.id, draft.id), async ({ tx, at }) => {
        const pendingRequests = await pendingLinkRequests(tx, businessCenter.id, at);
        const request = canStartLinkRequest(
          { businessCenter, member, permissionLevel: 'DELIVER_ADS', permissions, assignTo, pendingRequests },
          policy,
        );
        // ASSET-01 already covers the BC admin (BC-02) and the ad account's Business Center (BC-08).
        const covered = new Set(['bc.not_bc_admin', 'bc.ad_account_not_in_bc']);
        const more = request.allowed ? [] : request.violations.filter((v) => !covered.has(v.code));
        const violations = prerequisites(context, more);
        if (violations.length > 0) return Err(denied(violations as [Violation, ...Violation[]]));
        const set = parsePermissionSet(permissions).unwrap(); // checked by canStartLinkRequest
        const facts = {
          businessCenterId: businessCenter.id,
          requestedBy: member.userId,
          permissions: set,
          assignToAdAccountId: adAccount.id,
        };
        return Ok(await openLinkRequest(tx, random, draft, facts, at, policy));
      });
    },

    async createOrganizationAccount(input) {
      const parsed = parseInput(createOrganizationAccountInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { context, nickname, operatingRegion, username, profilePhotoUrl, permissions } = parsed.value;
      const set = permissionsOf(permissions);
      const accountId = randomId(random, 'tt_') as TikTokAccountId;
      const actor: Actor = { kind: 'user', id: context.member.userId };
      const plan: LinkPlan = {
        context,
        account: { id: accountId, accountType: 'BUSINESS', isPrivate: false, displayName: nickname },
        permissions: set,
        method: 'ORGANIZATION_OWNED',
        actor,
        linkId: newLinkId(random),
      };
      // A username is unique among created accounts: its own lock makes a clash a refusal, not a storage error.
      const keys = username === undefined ? [] : [lockKeys.username(username)];
      const made = await makeLink(
        plan,
        keys,
        async (tx) => {
          const d = canCreateOrganizationAccount({ ...context, operatingRegion }, policy);
          const v = [...(d.allowed ? [] : d.violations), ...problemsOf(set)];
          if (await tx.get(ownedAccountsTable, accountId)) v.push(accountExists(accountId));
          const taken =
            username === undefined
              ? 0
              : await tx.count(ownedAccountsTable, 'byUsername', { eq: [username.toLowerCase()] });
          if (username !== undefined && taken > 0) v.push(usernameTaken(username));
          return v;
        },
        (tx, at, link) =>
          writeOwnedAccount(
            tx,
            {
              accountId,
              kind: 'ORGANIZATION_OWNED',
              businessCenterId: link.businessCenterId,
              linkId: link.id,
              nickname,
              operatingRegion,
              ...(username !== undefined ? { username } : {}),
              ...(profilePhotoUrl !== undefined ? { profilePhotoUrl } : {}),
              createdAt: at,
              createdBy: actor,
            },
            // LIFE-04: the user who creates an organization-owned account in Ads Manager is its admin.
            [{ accountId, userId: context.member.userId, role: 'ADMIN', grantedAt: at, grantedBy: actor }],
          ),
      );
      return made.map(({ link, assignment, extra }) => ({ link, assignment, account: extra }));
    },

    async signUpAccount(input) {
      const parsed = parseInput(signUpAccountInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { context, account, permissions } = parsed.value;
      const set = permissionsOf(permissions);
      const actor: Actor = { kind: 'user', id: context.member.userId };
      const plan: LinkPlan = {
        context,
        account,
        permissions: set,
        method: 'SIGN_UP',
        actor,
        linkId: newLinkId(random),
      };
      const made = await makeLink(
        plan,
        [],
        async (tx, seen) => {
          const v = prerequisites(context, problemsOf(set));
          // A signed-up account is new: one this library already created, or one linked to a
          // Business Center, is not (ASSET-07).
          if (seen.accountActiveLinks > 0 || (await tx.get(ownedAccountsTable, account.id)) !== undefined) {
            v.push(accountExists(account.id));
          }
          return v;
        },
        (tx, at, link) =>
          writeOwnedAccount(
            tx,
            {
              accountId: account.id,
              kind: 'SIGNED_UP',
              businessCenterId: link.businessCenterId,
              linkId: link.id,
              nickname: account.displayName,
              createdAt: at,
              createdBy: actor,
            },
            [{ accountId: account.id, userId: context.member.userId, role: 'ADMIN', grantedAt: at, grantedBy: actor }],
          ),
      );
      return made.map(({ link, assignment, extra }) => ({ link, assignment, account: extra }));
    },

    async grantAccountAccess(input) {
      const parsed = parseInput(grantAccountAccessInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { accountId, grantedBy, userId, role } = parsed.value;
      const actor: Actor = { kind: 'user', id: grantedBy };
      return inTransaction(store, clock, [lockKeys.account(accountId)], async ({ tx, at }) => {
        const account = await tx.get(ownedAccountsTable, accountId);
        if (account === undefined) {
          return Err<NotFoundError | DeniedError>(notFound('created TikTok account', accountId));
        }
        const granter = await tx.get(accountMembersTable, compoundKey(accountId, grantedBy));
        const d = canGrantAccountAccess({ grantedBy, granterRole: granter?.role });
        if (!d.allowed) return Err(denied(d.violations));
        const row: AccountMemberRow = { accountId, userId, role, grantedAt: at, grantedBy: actor };
        const existing = await tx.get(accountMembersTable, compoundKey(accountId, userId));
        if (existing === undefined) await tx.insert(accountMembersTable, row);
        else await tx.update(accountMembersTable, row);
        tx.append([
          {
            id: newEventId(random),
            type: 'identity.account_member_granted',
            at,
            actor,
            subject: { kind: 'tiktok_account', id: accountId },
            data: { accountId, userId, role } satisfies AccountMemberGrantedEvent['data'],
          },
        ]);
        return Ok({ userId, role, grantedAt: at, grantedBy: actor });
      });
    },

    async checkIdentityAvailability(input) {
      const parsed = parseInput(checkIdentityAvailabilityInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { account, adAccount } = parsed.value;
      const businessCenterId = adAccount.businessCenterId;
      if (businessCenterId === undefined) {
        return Ok(identityAvailability({ account, adAccountId: adAccount.id, link: undefined, assigned: false }));
      }
      const read = await reading(async () => {
        const [link] = await store.list(linksTable, 'activePair', { eq: [businessCenterId, account.id], limit: 1 });
        const assignment = link && (await store.get(assignmentsTable, compoundKey(link.id, adAccount.id)));
        return { link, assigned: assignment !== undefined };
      });
      if (read.isErr()) return read;
      return Ok(identityAvailability({ account, adAccountId: adAccount.id, ...read.value }));
    },

    async listIdentities(input) {
      const parsed = parseInput(listIdentitiesInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { adAccount } = parsed.value;
      const read = await reading(async () => {
        const assigned = await store.list(assignmentsTable, 'byAdAccount', { eq: [adAccount.id] });
        const out: { link: BcLinkRecord; inBc: boolean }[] = [];
        for (const a of assigned) {
          const link = await store.get(linksTable, a.linkId);
          if (link !== undefined) out.push({ link, inBc: link.businessCenterId === adAccount.businessCenterId });
        }
        return out;
      });
      if (read.isErr()) return read;
      // One entry per account, oldest assignment first; an assignment through the ad account's
      // own Business Center wins over one through a Business Center it has left.
      const byAccount = new Map<string, { link: BcLinkRecord; inBc: boolean }>();
      for (const x of read.value) {
        const seen = byAccount.get(x.link.accountId);
        if (seen === undefined || (!seen.inBc && x.inBc)) byAccount.set(x.link.accountId, x);
      }
      return Ok(
        [...byAccount.values()].map(({ link, inBc }) =>
          identityAvailability({
            account: { id: link.accountId, accountType: link.account.accountType, isPrivate: link.account.isPrivate },
            adAccountId: adAccount.id,
            link: inBc ? link : undefined,
            assigned: inBc,
          }),
        ),
      );
    },
  };
}
