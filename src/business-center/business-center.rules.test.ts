import { describe, expect, test } from 'vitest';
import {
  canApproveLinkRequest,
  canManageLink,
  canStartLinkRequest,
  definePolicy,
  DEFAULT_POLICY,
  HOUR_MS,
  isLinkActive,
  linkPlacementViolations,
  linkRequestStatusAt,
} from '../index.js';
import type { BusinessCenterFacts, BcMemberFacts } from '../model.js';
import { canCloseLinkRequest } from './business-center.rules.js';

const T = new Date('2026-05-01T00:00:00Z');
const bc = { id: 'bc-1', verified: true } as BusinessCenterFacts;
const adminM = { userId: 'u-1', role: 'ADMIN' } as BcMemberFacts;
const request = { createdAt: T, expiresAt: new Date(T.getTime() + 24 * HOUR_MS) };
const codes = (d: ReturnType<typeof canStartLinkRequest>) => (d.allowed ? [] : d.violations.map((v) => v.code));
const ok = { businessCenterActiveLinks: 0, accountActiveLinks: 0, alreadyLinked: false };
const start = (over: Partial<Parameters<typeof canStartLinkRequest>[0]> = {}) => ({
  businessCenter: bc,
  member: adminM,
  permissionLevel: 'DELIVER_ADS',
  permissions: ['EXISTING_POSTS'],
  ...over,
});

describe('BC-02 only a BC admin can start a link', () => {
  test('a standard member is refused, with every other problem too (X-01)', () => {
    const standard = { ...adminM, role: 'STANDARD' } as BcMemberFacts;
    const d = canStartLinkRequest(start({ member: standard, permissionLevel: 'MANAGE', permissions: [] }));
    expect(d.allowed).toBe(false);
    if (!d.allowed) expect(d.violations.map((v) => v.rule)).toEqual(['BC-02', 'BC-03', 'BC-04']);
  });
  test('an admin with Deliver ads and a valid set is allowed', () => {
    expect(canStartLinkRequest(start()).allowed).toBe(true);
  });
  test('pending requests, when counted, stay below maxPendingLinkRequests (default 100)', () => {
    expect(canStartLinkRequest(start({ pendingRequests: 99 })).allowed).toBe(true);
    const d = canStartLinkRequest(start({ pendingRequests: 100 }));
    expect(codes(d)).toEqual(['bc.too_many_pending_requests']);
    if (!d.allowed) expect(d.violations[0].details).toEqual({ limit: 100, actual: 100 });
    const p = definePolicy({ maxPendingLinkRequests: 2 }).unwrap();
    expect(codes(canStartLinkRequest(start({ pendingRequests: 2 }), p))).toEqual(['bc.too_many_pending_requests']);
    expect(canStartLinkRequest(start({ pendingRequests: 1 }), p).allowed).toBe(true);
  });
});

describe('BC-03 the permission level is Deliver ads', () => {
  test('any other level is refused', () => {
    const d = canStartLinkRequest(start({ permissionLevel: 'ADMIN' }));
    expect(codes(d)).toEqual(['bc.permission_level_not_allowed']);
  });
});

describe('BC-07 a QR link request is approved once, before it expires', () => {
  test('status is derived from the instants; the 24 h end is exclusive', () => {
    expect(linkRequestStatusAt(request, new Date(T.getTime() + 24 * HOUR_MS - 1))).toBe('PENDING');
    expect(linkRequestStatusAt(request, request.expiresAt)).toBe('EXPIRED');
    expect(linkRequestStatusAt({ ...request, approvedAt: T }, request.expiresAt)).toBe('APPROVED');
    expect(linkRequestStatusAt({ ...request, rejectedAt: T }, T)).toBe('REJECTED');
    expect(linkRequestStatusAt({ ...request, cancelledAt: T }, T)).toBe('CANCELLED');
  });
  test('unknown, expired, approved, rejected and cancelled requests are refused with their reason', () => {
    const c = (r: Parameters<typeof canApproveLinkRequest>[0]['request'], at = T) =>
      codes(canApproveLinkRequest({ request: r, at, ...ok }, DEFAULT_POLICY));
    expect(c(undefined)).toEqual(['bc.link_request_not_found']);
    expect(c(request, request.expiresAt)).toEqual(['bc.link_request_expired']);
    expect(c({ ...request, approvedAt: T })).toEqual(['bc.link_request_already_approved']);
    expect(c({ ...request, rejectedAt: T })).toEqual(['bc.link_request_rejected']);
    expect(c({ ...request, cancelledAt: T })).toEqual(['bc.link_request_cancelled']);
    expect(c(request)).toEqual([]);
  });
  test('an account already linked to the Business Center is told so', () => {
    const d = canApproveLinkRequest({ request, at: T, ...ok, alreadyLinked: true }, DEFAULT_POLICY);
    expect(codes(d)).toEqual(['bc.already_linked']);
  });
  test('only a pending request can be rejected or cancelled, with the same reasons', () => {
    expect(canCloseLinkRequest(request, T).allowed).toBe(true);
    expect(codes(canCloseLinkRequest(undefined, T))).toEqual(['bc.link_request_not_found']);
    expect(codes(canCloseLinkRequest(request, request.expiresAt))).toEqual(['bc.link_request_expired']);
    expect(codes(canCloseLinkRequest({ ...request, approvedAt: T }, T))).toEqual(['bc.link_request_already_approved']);
    expect(codes(canCloseLinkRequest({ ...request, cancelledAt: T }, T))).toEqual(['bc.link_request_cancelled']);
  });
});

describe('BC-01 at most 800 Business Centers per account and 800 accounts per Business Center', () => {
  test('799 fits, 800 is full, on each side, and both are reported together', () => {
    const place = (seen: Partial<typeof ok>) => linkPlacementViolations({ ...ok, ...seen }, DEFAULT_POLICY);
    expect(place({ businessCenterActiveLinks: 799, accountActiveLinks: 799 })).toEqual([]);
    expect(place({ businessCenterActiveLinks: 800 }).map((v) => v.code)).toEqual(['bc.business_center_cap_reached']);
    expect(place({ accountActiveLinks: 800 }).map((v) => v.code)).toEqual(['bc.account_cap_reached']);
    const full = { businessCenterActiveLinks: 800, accountActiveLinks: 800, alreadyLinked: false };
    expect(codes(canApproveLinkRequest({ request, at: request.expiresAt, ...full }, DEFAULT_POLICY))).toEqual([
      'bc.link_request_expired',
      'bc.business_center_cap_reached',
      'bc.account_cap_reached',
    ]);
  });
  test('the caps are configurable', () => {
    const p = definePolicy({ maxAccountsPerBusinessCenter: 3, maxBusinessCentersPerAccount: 5 }).unwrap();
    const v = linkPlacementViolations({ ...ok, businessCenterActiveLinks: 3 }, p);
    expect(v.map((x) => x.details)).toEqual([{ limit: 3, actual: 3 }]);
    expect(linkPlacementViolations({ ...ok, accountActiveLinks: 4 }, p)).toEqual([]);
  });
});

describe('BC-08 the linked account is connected to ad accounts of the same Business Center', () => {
  const link = { businessCenterId: 'bc-1', linkedAt: T } as never;
  test('an ad account of another Business Center, an inactive link and a non-admin are all reported', () => {
    const d = canManageLink({
      businessCenter: bc,
      member: { ...adminM, role: 'STANDARD' },
      link: { businessCenterId: 'bc-1', linkedAt: T, unlinkedAt: T } as never,
      at: T,
      adAccount: { id: 'adv-9', businessCenterId: 'bc-2' } as never,
    });
    expect(codes(d)).toEqual(['bc.not_bc_admin', 'bc.link_not_active', 'bc.ad_account_not_in_bc']);
    const adAccount = { id: 'adv-1', businessCenterId: 'bc-1' } as never;
    expect(canManageLink({ businessCenter: bc, member: adminM, link, at: T, adAccount }).allowed).toBe(true);
  });
  test('a link is active from linkedAt until unlinkedAt (exclusive)', () => {
    expect(isLinkActive({ linkedAt: T, unlinkedAt: new Date(T.getTime() + 1) }, T)).toBe(true);
    expect(isLinkActive({ linkedAt: T, unlinkedAt: T }, T)).toBe(false);
  });
  test('a request may name an ad account only of its own Business Center', () => {
    const d = canStartLinkRequest(start({ assignTo: { id: 'adv-2' } as never }));
    expect(codes(d)).toEqual(['bc.ad_account_not_in_bc']);
  });
});
