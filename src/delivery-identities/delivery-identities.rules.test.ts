import { describe, expect, test } from 'vitest';
import {
  canCreateOrganizationAccount,
  canManageIdentities,
  DEFAULT_POLICY,
  definePolicy,
  identityAvailability,
  parsePermissionSet,
} from '../index.js';
import { DEFAULT_OPERATING_REGIONS } from '../model.js';
import type { IdentityContextFacts, TikTokAccountId, AdAccountId, UserId } from '../model.js';
import { canGrantAccountAccess } from './delivery-identities.rules.js';

const ctx = (over: Partial<Record<keyof IdentityContextFacts, unknown>> = {}) =>
  ({
    businessCenter: { id: 'bc-1', verified: true },
    member: { userId: 'u-1', role: 'ADMIN' },
    adAccount: { id: 'adv-1', businessCenterId: 'bc-1' },
    adAccountRole: 'OPERATOR',
    objective: 'PRODUCT_SALES',
    ...over,
  }) as IdentityContextFacts;
const codes = (d: ReturnType<typeof canManageIdentities>) => (d.allowed ? [] : d.violations.map((v) => v.code));

describe('ASSET-01 BC admin, ad account in that BC, operator or admin on the ad account', () => {
  test('all three prerequisites are reported together (X-01)', () => {
    const bad = ctx({
      member: { userId: 'u', role: 'STANDARD' },
      adAccount: { id: 'adv-1', businessCenterId: 'bc-2' },
      adAccountRole: 'ANALYST',
    });
    expect(codes(canManageIdentities(bad, DEFAULT_POLICY))).toEqual([
      'identity.not_bc_admin',
      'identity.ad_account_not_in_bc',
      'identity.ad_account_access_insufficient',
    ]);
    expect(codes(canManageIdentities(ctx({ adAccountRole: undefined }), DEFAULT_POLICY))).toEqual([
      'identity.ad_account_access_insufficient',
    ]);
    expect(canManageIdentities(ctx({ adAccountRole: 'ADMIN' }), DEFAULT_POLICY).allowed).toBe(true);
  });
});

describe('ASSET-02 not available for all advertising objectives', () => {
  test('the default unsupported objectives are refused, and the set is configurable', () => {
    const reach = canManageIdentities(ctx({ objective: 'REACH' }), DEFAULT_POLICY);
    expect(codes(reach)).toEqual(['identity.objective_unsupported']);
    const p = definePolicy({ unsupportedObjectives: ['PRODUCT_SALES'] }).unwrap();
    expect(codes(canManageIdentities(ctx(), p))).toEqual(['identity.objective_unsupported']);
    expect(canManageIdentities(ctx({ objective: 'REACH' }), p).allowed).toBe(true);
  });
});

describe('ASSET-06 organization-owned accounts', () => {
  test('need a verified BC and an offered region; China is never offered', () => {
    expect(DEFAULT_OPERATING_REGIONS).not.toContain('CN');
    expect(DEFAULT_OPERATING_REGIONS).toContain('US');
    const unverified = ctx({ businessCenter: { id: 'bc-1', verified: false } });
    const d = canCreateOrganizationAccount({ ...unverified, operatingRegion: 'CN' }, DEFAULT_POLICY);
    expect(codes(d)).toEqual(['identity.bc_not_verified', 'identity.region_not_offered']);
    expect(definePolicy({ operatingRegions: ['US', 'CN'] }).isErr()).toBe(true);
    expect(canCreateOrganizationAccount({ ...ctx(), operatingRegion: 'SG' }, DEFAULT_POLICY).allowed).toBe(true);
  });
});

describe('ASSET-07 only an admin of a created account grants access', () => {
  test('an admin may; an operator, an analyst or a non-member may not', () => {
    const grantedBy = 'u-1' as UserId;
    expect(canGrantAccountAccess({ grantedBy, granterRole: 'ADMIN' }).allowed).toBe(true);
    for (const granterRole of ['OPERATOR', 'ANALYST', undefined] as const) {
      expect(codes(canGrantAccountAccess({ grantedBy, granterRole }))).toEqual(['identity.not_account_admin']);
    }
  });
});

describe('ASSET-08 once linked, the account is available as a Spark Ads identity', () => {
  const account = { id: 'tt-1' as TikTokAccountId, accountType: 'CREATOR' as const, isPrivate: false };
  const spark = parsePermissionSet(['EXISTING_POSTS', 'PUBLISH_NEW_VIDEOS']).unwrap();
  const link = { businessCenterId: 'bc-1', permissions: spark } as never;
  const adAccountId = 'adv-1' as AdAccountId;
  const status = (facts: Partial<Parameters<typeof identityAvailability>[0]>) =>
    identityAvailability({ account, adAccountId, link, assigned: true, ...facts }).status;
  test('AVAILABLE with an assigned Spark-capable link of a public business or creator account', () => {
    const a = identityAvailability({ account, adAccountId, link, assigned: true });
    expect(a).toMatchObject({ status: 'AVAILABLE', available: true, reasons: [], businessCenterId: 'bc-1' });
  });
  test('each status of the Business API, with every reason and the most fundamental as status', () => {
    expect(status({ link: undefined, assigned: false })).toBe('NO_VALID_BIND_ACCOUNT');
    const unassigned = identityAvailability({ account, adAccountId, link, assigned: false });
    expect(unassigned.reasons.map((r) => r.code)).toEqual(['identity.not_assigned_to_ad_account']);
    const narrow = { businessCenterId: 'bc-1', permissions: parsePermissionSet(['EXISTING_POSTS']).unwrap() } as never;
    expect(status({ link: narrow })).toBe('SCOPE_UNAVAILABLE');
    expect(status({ account: { ...account, isPrivate: true } })).toBe('IS_PRIVATE_ACCOUNT');
    expect(status({ account: { ...account, accountType: 'PERSONAL' } })).toBe('NOT_BUSINESS_ACCOUNT');
    const worst = { ...account, accountType: 'PERSONAL' as const, isPrivate: true };
    const all = identityAvailability({ account: worst, adAccountId, link: narrow, assigned: false });
    expect(all.status).toBe('NO_VALID_BIND_ACCOUNT');
    expect(all.reasons.map((r) => r.code)).toEqual([
      'identity.not_assigned_to_ad_account',
      'identity.scope_unavailable',
      'identity.private_account',
      'identity.not_business_account',
    ]);
  });
});
