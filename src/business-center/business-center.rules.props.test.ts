import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { canApproveLinkRequest, DEFAULT_POLICY, HOUR_MS, linkRequestStatusAt } from '../index.js';

const numRuns = Number(process.env.FC_NUM_RUNS ?? 100);
const T = Date.UTC(2026, 4, 1);

describe('link request state machine laws (BC-07, BC-01)', () => {
  test('a closed request is never pending again; a pending one expires exactly at expiresAt', () => {
    const how = fc.constantFrom('approvedAt', 'rejectedAt', 'cancelledAt', undefined);
    const span = fc.integer({ min: 0, max: 96 * HOUR_MS });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 48 * HOUR_MS }), span, how, span, (lifetime, closeAfter, how, probe) => {
        const base = { createdAt: new Date(T), expiresAt: new Date(T + lifetime) };
        const closedAt = T + Math.min(closeAfter, lifetime - 1);
        const r = how ? { ...base, [how]: new Date(closedAt) } : base;
        const at = new Date(T + probe);
        const s = linkRequestStatusAt(r, at);
        if (how && at.getTime() >= closedAt) expect(s).not.toBe('PENDING');
        if (!how) expect(s).toBe(T + probe < T + lifetime ? 'PENDING' : 'EXPIRED');
      }),
      { numRuns },
    );
  });
  test('approval is allowed iff pending, not linked and under both caps; every reason is listed', () => {
    const n = fc.integer({ min: 0, max: 900 });
    fc.assert(
      fc.property(n, n, fc.boolean(), fc.boolean(), (bcN, accN, linked, expired) => {
        const request = { createdAt: new Date(T), expiresAt: new Date(T + HOUR_MS) };
        const at = new Date(expired ? T + HOUR_MS : T);
        const seen = { businessCenterActiveLinks: bcN, accountActiveLinks: accN, alreadyLinked: linked };
        const d = canApproveLinkRequest({ request, at, ...seen }, DEFAULT_POLICY);
        const expected = !expired && !linked && bcN < 800 && accN < 800;
        expect(d.allowed).toBe(expected);
        if (!d.allowed) {
          const codes = d.violations.map((v) => v.code);
          expect(codes.includes('bc.link_request_expired')).toBe(expired);
          if (!linked) expect(codes.includes('bc.business_center_cap_reached')).toBe(bcN >= 800);
        }
      }),
      { numRuns },
    );
  });
});
