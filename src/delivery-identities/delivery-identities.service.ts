import { Err, Ok, type Result } from '../kernel/result.js';
import { denied, notFound, guardStorage as guardStore } from '../kernel/errors.js';
import type { Violation } from '../kernel/decision.js';
import type { Actor, NewEvent } from '../kernel/events.js';
import type { BcLinkId, EventId, TikTokAccountId } from '../kernel/ids.js';
import { DEFAULT_POLICY, type Policy } from '../kernel/policy.js';
import { parseInput } from '../kernel/validation.js';
import { randomPool } from '../kernel/random-pool.js';
import type { Clock } from '../ports/clock.js';
import type { RandomSource } from '../ports/random-source.js';
import type { BusinessCenterStore } from '../ports/business-center-store.js';
import type { DeliveryIdentityStore } from '../ports/delivery-identity-store.js';
import { systemClock } from '../adapters/clock/system-clock.js';
import { webCryptoRandom } from '../adapters/random/web-crypto-random.js';
import type { AdAccountAssignment, BcLinkRecord, LinkMethod } from '../business-center/business-center.model.js';
import { bcEvent, type AdAccountAssignedEvent, type LinkApprovedEvent } from '../business-center/business-center.events.js';
import { parsePermissionSet, type LinkPermission, type PermissionSet } from '../business-center/permissions.js';
import { canStartLinkRequest, linkPlacementViolations } from '../business-center/business-center.rules.js';
import {
  createBusinessCenterLinks, viewLink, type LinkView, type StartedLinkRequest,
} from '../business-center/business-center.service.js';
import type { AccountMember, IdentityAvailability, IdentityContextFacts, OwnedAccountRecord } from './delivery-identities.model.js';
import { canCreateOrganizationAccount, canManageIdentities, identityAvailability } from './delivery-identities.rules.js';
import {
  createOrganizationAccountInputSchema, grantAccountAccessInputSchema, identityAvailabilityInputSchema, linkByLoginInputSchema, linkByQrCodeInputSchema,
  linkFromBusinessCenterInputSchema, listIdentitiesInputSchema, signUpAccountInputSchema,
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
 * await identities.signUpAccount({ context, account, permissions: CREATED_ACCOUNT_PERMISSIONS.filter((p) => p !== 'MESSAGE_ADS') });
 * ```
 */
export const CREATED_ACCOUNT_PERMISSIONS: readonly LinkPermission[] = Object.freeze([
  'EXISTING_POSTS', 'PUBLISH_NEW_VIDEOS', 'SHOW_ON_PROFILE_AND_ADS', 'LIVE_VIDEOS', 'LIVE_GMV_MAX', 'SHOWCASE', 'MESSAGE_ADS', 'SERIES', 'MANAGE_ACCOUNT_IN_BC',
] as const);

/** What `createDeliveryIdentities` needs. */
export interface DeliveryIdentitiesOptions {
  readonly store: BusinessCenterStore & DeliveryIdentityStore;
  readonly clock?: Clock;
  readonly random?: RandomSource;
  readonly policy?: Policy;
}

/** A link made in Ads Manager, with the identity it made available. */
export interface LinkedIdentity {
  readonly link: LinkView;
  readonly assignment: AdAccountAssignment | undefined;
}

/** A TikTok account created in Ads Manager, its link and assignment. */
export interface CreatedIdentity extends LinkedIdentity {
  readonly account: OwnedAccountRecord;
}

/** TikTok accounts as ad delivery identities in Ads Manager (ASSET-01..08). Create with `createDeliveryIdentities`. */
export interface DeliveryIdentities {
  readonly policy: Policy;
  /** ASSET-03: make accounts already linked to the Business Center available to the ad account (all or none). */
  linkFromBusinessCenter(input: unknown): Promise<Result<readonly AdAccountAssignment[], IdentityError>>;
  /** ASSET-04: link the user's own account, not yet in any Business Center, after its owner approved the permissions. */
  linkByLogin(input: unknown): Promise<Result<LinkedIdentity, IdentityError>>;
  /** ASSET-05: start a QR link request that assigns the account to the ad account on approval (approve with the Business Center service). */
  linkByQrCode(input: unknown): Promise<Result<StartedLinkRequest, IdentityError>>;
  /** ASSET-06: create an organization-owned account (verified Business Center, nickname, region other than China). */
  createOrganizationAccount(input: unknown): Promise<Result<CreatedIdentity, IdentityError>>;
  /** ASSET-07: link a signed-up account; the creating user becomes its admin. */
  signUpAccount(input: unknown): Promise<Result<CreatedIdentity, IdentityError>>;
  /** ASSET-07: an admin of a created account grants a member access. */
  grantAccountAccess(input: unknown): Promise<Result<AccountMember, GrantAccessError>>;
  /** ASSET-08: is this account available as an identity in this ad account, and why not. */
  identityAvailability(input: unknown): Promise<Result<IdentityAvailability, IdentityQueryError>>;
  /** ASSET-08: the ad account's identities with their availability (account facts as linked). */
  listIdentities(input: unknown): Promise<Result<readonly IdentityAvailability[], IdentityQueryError>>;
}

const ID_BYTES = 12;

/**
 * Creates the ad delivery identity service over the same store as the Business Center links.
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
  const { store } = options;
  const clock = options.clock ?? systemClock();
  const random = options.random ?? webCryptoRandom();
  const policy = options.policy ?? DEFAULT_POLICY;
  const links = createBusinessCenterLinks({ store, clock, random, policy });
  const hex = randomPool((b) => random.fill(b)).hex;
  const eventId = () => hex(16, 'evt_') as EventId;

  const prerequisites = (context: IdentityContextFacts, extra: readonly Violation[] = []) => {
    const d = canManageIdentities(context, policy);
    return [...(d.allowed ? [] : d.violations), ...extra];
  };
  const permissionsOf = (raw: readonly string[] | undefined) => parsePermissionSet(raw ?? [...CREATED_ACCOUNT_PERMISSIONS]);

  /** Inserts a link made in Ads Manager (with caps), assigned to the context's ad account, with its events. */
  async function insert(context: IdentityContextFacts, account: { id: TikTokAccountId; accountType: BcLinkRecord['account']['accountType']; isPrivate: boolean; displayName?: string | undefined },
    permissions: PermissionSet, method: LinkMethod, actor: Actor, requireAccountUnlinked: boolean, owned?: (linkId: BcLinkId) => OwnedAccountRecord) {
    const at = clock.now();
    const link: BcLinkRecord = {
      id: hex(ID_BYTES, 'link_') as BcLinkId, businessCenterId: context.businessCenter.id, accountId: account.id, permissionLevel: 'DELIVER_ADS', permissions, method,
      linkedAt: at, linkedBy: actor,
      account: { accountType: account.accountType, isPrivate: account.isPrivate, ...(account.displayName !== undefined ? { displayName: account.displayName } : {}) },
    };
    const ownedAccount = owned?.(link.id);
    const events: NewEvent[] = [];
    if (ownedAccount) {
      events.push({ id: eventId(), type: 'identity.account_created', at, actor, subject: { kind: 'tiktok_account', id: account.id },
        data: { accountId: account.id, kind: ownedAccount.kind, businessCenterId: link.businessCenterId, linkId: link.id } satisfies AccountCreatedEvent['data'] });
    }
    events.push(bcEvent<LinkApprovedEvent>(eventId(), 'bc.link_approved', at, actor, { kind: 'bc_link', id: link.id }, {
      linkId: link.id, businessCenterId: link.businessCenterId, accountId: account.id, method, permissions: [...permissions],
    }));
    events.push(bcEvent<AdAccountAssignedEvent>(eventId(), 'bc.ad_account_assigned', at, actor, { kind: 'bc_link', id: link.id }, {
      linkId: link.id, businessCenterId: link.businessCenterId, accountId: account.id, adAccountId: context.adAccount.id,
    }));
    const done = await guardStore(() => store.insertLink({ link, caps: policy, requireAccountUnlinked, assignTo: context.adAccount.id, ownedAccount, events }));
    if (done.isErr()) return done;
    const outcome = done.value;
    if (outcome.kind === 'username_taken') {
      return Err(denied([{ rule: 'ASSET-06', code: 'identity.username_taken', message: 'This username is taken: choose another one.' }]));
    }
    if (outcome.kind === 'refused') {
      const v: Violation[] = [];
      if (requireAccountUnlinked && outcome.observation.accountActiveLinks > 0) v.push(alreadyInBc());
      v.push(...linkPlacementViolations(outcome.observation, policy));
      return Err(denied(v as [Violation, ...Violation[]]));
    }
    return Ok({ link: viewLink(outcome.link, at), assignment: outcome.assignment, ownedAccount });
  }

  function alreadyInBc(): Violation {
    return { rule: 'ASSET-04', code: 'identity.account_already_in_a_bc', message: 'This TikTok account is already in a Business Center: link it from that Business Center, or by QR code.' };
  }

  return {
    policy,

    async linkFromBusinessCenter(input) {
      const parsed = parseInput(linkFromBusinessCenterInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { context, accountIds } = parsed.value;
      const found: BcLinkRecord[] = [];
      const missing: string[] = [];
      for (const id of new Set(accountIds)) {
        const got = await guardStore(() => store.getActiveLink(context.businessCenter.id, id));
        if (got.isErr()) return got;
        if (got.value) found.push(got.value);
        else missing.push(id);
      }
      const extra: Violation[] = missing.length === 0 ? [] : [{
        rule: 'ASSET-03', code: 'identity.account_not_in_bc',
        message: `Not in this Business Center: ${missing.join(', ')}. Link them by login or QR code first.`, details: { accountIds: missing },
      }];
      const violations = prerequisites(context, extra);
      if (violations.length > 0) return Err(denied(violations as [Violation, ...Violation[]]));
      const at = clock.now();
      const actor: Actor = { kind: 'user', id: context.member.userId };
      const done = await guardStore(() => store.assignAdAccount(found.map((l) => l.id), context.adAccount.id, at, actor, (added) => added.map((a) =>
        bcEvent<AdAccountAssignedEvent>(eventId(), 'bc.ad_account_assigned', at, actor, { kind: 'bc_link', id: a.linkId }, {
          linkId: a.linkId, businessCenterId: a.businessCenterId, accountId: a.accountId, adAccountId: a.adAccountId,
        }))));
      if (done.isErr()) return done;
      if (done.value.kind === 'links_not_active') {
        return Err(denied([{ rule: 'ASSET-03', code: 'identity.account_not_in_bc', message: 'Some accounts were unlinked meanwhile: link them again first.', details: { linkIds: done.value.linkIds } }]));
      }
      const all: AdAccountAssignment[] = [];
      for (const l of found) {
        const a = await guardStore(() => store.getAssignment(l.accountId, context.adAccount.id));
        if (a.isErr()) return a;
        if (a.value) all.push(a.value);
      }
      return Ok(all);
    },

    async linkByLogin(input) {
      const parsed = parseInput(linkByLoginInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { context, account, permissions, approvedBy } = parsed.value;
      const set = parsePermissionSet(permissions);
      const violations = prerequisites(context, [...(account.inAnyBusinessCenter ? [alreadyInBc()] : []), ...(set.isErr() ? set.error.violations : [])]);
      if (violations.length > 0) return Err(denied(violations as [Violation, ...Violation[]]));
      const done = await insert(context, account, set.unwrap(), 'LOGIN', { kind: 'user', id: approvedBy }, true);
      return done.map(({ link, assignment }) => ({ link, assignment }));
    },

    async linkByQrCode(input) {
      const parsed = parseInput(linkByQrCodeInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { context, permissions } = parsed.value;
      const assignTo = { id: context.adAccount.id, ...(context.adAccount.businessCenterId !== undefined ? { businessCenterId: context.adAccount.businessCenterId } : {}) };
      // Decide everything before anything is stored: prerequisites and link-request problems together.
      const request = canStartLinkRequest({ businessCenter: context.businessCenter, member: context.member, permissionLevel: 'DELIVER_ADS', permissions, assignTo });
      // ASSET-01 already covers BC admin (BC-02) and the ad account's Business Center (BC-08).
      const more = request.allowed ? [] : request.violations.filter((v) => v.rule !== 'BC-02' && v.rule !== 'BC-08');
      const violations = prerequisites(context, more);
      if (violations.length > 0) return Err(denied(violations as [Violation, ...Violation[]]));
      const started = await links.startLinkRequest({ businessCenter: context.businessCenter, member: context.member, permissionLevel: 'DELIVER_ADS', permissions, assignTo });
      return started;
    },

    async createOrganizationAccount(input) {
      const parsed = parseInput(createOrganizationAccountInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { context, nickname, operatingRegion, username, profilePhotoUrl, permissions } = parsed.value;
      const set = permissionsOf(permissions);
      const d = canCreateOrganizationAccount({ ...context, operatingRegion }, policy);
      const violations = [...(d.allowed ? [] : d.violations), ...(set.isErr() ? set.error.violations : [])];
      if (violations.length > 0) return Err(denied(violations as [Violation, ...Violation[]]));
      const accountId = hex(ID_BYTES, 'tt_') as TikTokAccountId;
      const actor: Actor = { kind: 'user', id: context.member.userId };
      const at = clock.now();
      const done = await insert(context, { id: accountId, accountType: 'BUSINESS', isPrivate: false, displayName: nickname }, set.unwrap(), 'ORGANIZATION_OWNED', actor, false, (linkId) => ({
        accountId, kind: 'ORGANIZATION_OWNED', businessCenterId: context.businessCenter.id, linkId, nickname, operatingRegion,
        ...(username !== undefined ? { username } : {}), ...(profilePhotoUrl !== undefined ? { profilePhotoUrl } : {}),
        createdAt: at, createdBy: actor, members: [],
      }));
      return done.map(({ link, assignment, ownedAccount }) => ({ link, assignment, account: ownedAccount! }));
    },

    async signUpAccount(input) {
      const parsed = parseInput(signUpAccountInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { context, account, permissions } = parsed.value;
      const set = permissionsOf(permissions);
      const violations = prerequisites(context, set.isErr() ? set.error.violations : []);
      if (violations.length > 0) return Err(denied(violations as [Violation, ...Violation[]]));
      const actor: Actor = { kind: 'user', id: context.member.userId };
      const at = clock.now();
      const done = await insert(context, account, set.unwrap(), 'SIGN_UP', actor, true, (linkId) => ({
        accountId: account.id, kind: 'SIGNED_UP', businessCenterId: context.businessCenter.id, linkId, nickname: account.displayName,
        createdAt: at, createdBy: actor, members: [{ userId: context.member.userId, role: 'ADMIN', grantedAt: at, grantedBy: actor }],
      }));
      return done.map(({ link, assignment, ownedAccount }) => ({ link, assignment, account: ownedAccount! }));
    },

    async grantAccountAccess(input) {
      const parsed = parseInput(grantAccountAccessInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { accountId, grantedBy, userId, role } = parsed.value;
      const at = clock.now();
      const actor: Actor = { kind: 'user', id: grantedBy };
      const event: NewEvent = { id: eventId(), type: 'identity.account_member_granted', at, actor, subject: { kind: 'tiktok_account', id: accountId },
        data: { accountId, userId, role } satisfies AccountMemberGrantedEvent['data'] };
      const done = await guardStore(() => store.grantAccountMember(accountId, grantedBy, userId, role, at, actor, [event]));
      if (done.isErr()) return done;
      const outcome = done.value;
      if (outcome.kind === 'not_found') return Err(notFound('created TikTok account', accountId));
      if (outcome.kind === 'not_admin') {
        return Err(denied([{ rule: 'ASSET-07', code: 'identity.not_account_admin', message: 'Only an admin of this TikTok account can grant access to it.', details: { userId: grantedBy } }]));
      }
      return Ok(outcome.member);
    },

    async identityAvailability(input) {
      const parsed = parseInput(identityAvailabilityInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { account, adAccount } = parsed.value;
      if (adAccount.businessCenterId === undefined) return Ok(identityAvailability({ account, adAccountId: adAccount.id, link: undefined, assigned: false }));
      const bcId = adAccount.businessCenterId;
      const link = await guardStore(() => store.getActiveLink(bcId, account.id));
      if (link.isErr()) return link;
      const assignment = await guardStore(() => store.getAssignment(account.id, adAccount.id));
      if (assignment.isErr()) return assignment;
      const assigned = assignment.value !== undefined && link.value !== undefined && assignment.value.linkId === link.value.id;
      return Ok(identityAvailability({ account, adAccountId: adAccount.id, link: link.value, assigned }));
    },

    async listIdentities(input) {
      const parsed = parseInput(listIdentitiesInputSchema, input);
      if (parsed.isErr()) return parsed;
      const { adAccount } = parsed.value;
      const assigned = await guardStore(() => store.listAssignmentsOfAdAccount(adAccount.id));
      if (assigned.isErr()) return assigned;
      const out: IdentityAvailability[] = [];
      for (const a of assigned.value) {
        const link = await guardStore(() => store.getLink(a.linkId));
        if (link.isErr()) return link;
        if (!link.value) continue;
        const inBc = adAccount.businessCenterId === link.value.businessCenterId;
        out.push(identityAvailability({
          account: { id: a.accountId, accountType: link.value.account.accountType, isPrivate: link.value.account.isPrivate },
          adAccountId: adAccount.id, link: inBc ? link.value : undefined, assigned: inBc,
        }));
      }
      return Ok(out);
    },
  };
}
