import { describe, expect, test } from 'vitest';
import { DEFAULT_POLICY } from '../kernel/policy.js';
import { definePolicy } from '../kernel/policy-schema.js';
import { DAY_MS } from '../kernel/time.js';
import type { AdAccountId, AdCodeId, CreatorId, VideoId } from '../kernel/ids.js';
import type { AdvertiserFacts, CreatorFacts, VideoFacts } from './spark-codes.model.js';
import { adCodeStatusAt, canApplyAdCode, canGenerateAdCode, isInForce, summarizeAdCode } from './spark-codes.rules.js';

const creator: CreatorFacts = {
  id: 'c1' as CreatorId,
  displayName: 'Dana',
  accountType: 'CREATOR',
  followerCount: 10_000,
  adAuthorizationEnabled: true,
  adTermsAccepted: true,
};
const video: VideoFacts = {
  id: 'v1' as VideoId,
  ownerId: 'c1' as CreatorId,
  visibility: 'PUBLIC',
  isOriginal: true,
  adAuthorizationEnabled: true,
  music: 'COMMERCIAL_MUSIC_LIBRARY',
};
const advertiser: AdvertiserFacts = {
  adAccountId: 'a1' as AdAccountId,
  hasActivePaymentMethod: true,
  hasCreativeLibraryAccess: true,
};
const gen = (c: Partial<CreatorFacts> = {}, v: Partial<VideoFacts> = {}, periodDays = 30, policy = DEFAULT_POLICY) =>
  canGenerateAdCode({ creator: { ...creator, ...c }, video: { ...video, ...v }, periodDays }, policy);
const codes = (d: ReturnType<typeof gen>) => (d.allowed ? [] : d.violations.map((v) => v.code));
const rules = (d: ReturnType<typeof gen>) => (d.allowed ? [] : d.violations.map((v) => v.rule));

const T = new Date('2026-05-01T00:00:00Z');
const code = { generatedAt: T, expiresAt: new Date(T.getTime() + 30 * DAY_MS) };

describe('canGenerateAdCode', () => {
  test('an eligible creator and video may generate', () => {
    expect(gen()).toEqual({ allowed: true });
  });
  test('SPARK-01 a personal account cannot generate; business and creator accounts can', () => {
    expect(codes(gen({ accountType: 'PERSONAL' }))).toEqual(['spark.account_type_not_eligible']);
    expect(gen({ accountType: 'BUSINESS' }).allowed).toBe(true);
    expect(gen({ accountType: 'CREATOR' }).allowed).toBe(true);
  });
  test('SPARK-02 the follower minimum is 10,000 by default and configurable', () => {
    expect(gen({ followerCount: 10_000 }).allowed).toBe(true);
    const d = gen({ followerCount: 9_999 });
    expect(codes(d)).toEqual(['spark.not_enough_followers']);
    expect(d.allowed ? undefined : d.violations[0].details).toEqual({ minimum: 10_000, actual: 9_999 });
    expect(gen({ followerCount: 500 }, {}, 30, definePolicy({ minFollowers: 500 }).unwrap()).allowed).toBe(true);
  });
  test("SPARK-03 the video must be public, original and the creator's own", () => {
    expect(codes(gen({}, { visibility: 'FRIENDS' }))).toEqual(['spark.video_not_public']);
    expect(codes(gen({}, { visibility: 'PRIVATE' }))).toEqual(['spark.video_not_public']);
    expect(codes(gen({}, { isOriginal: false }))).toEqual(['spark.video_not_original']);
    expect(codes(gen({}, { ownerId: 'someone-else' as CreatorId }))).toEqual(['spark.video_not_owned']);
  });
  test('SPARK-04 ad authorization on for the account and the video, and the terms accepted', () => {
    expect(codes(gen({ adAuthorizationEnabled: false }))).toEqual(['spark.account_ad_authorization_off']);
    expect(codes(gen({}, { adAuthorizationEnabled: false }))).toEqual(['spark.video_ad_authorization_off']);
    expect(codes(gen({ adTermsAccepted: false }))).toEqual(['spark.ad_terms_not_accepted']);
  });
  test('SPARK-05 copyrighted music outside the Commercial Music Library blocks authorization', () => {
    expect(codes(gen({}, { music: 'COPYRIGHTED_NOT_IN_CML' }))).toEqual(['spark.music_not_cleared']);
    for (const music of ['NONE', 'ORIGINAL', 'COMMERCIAL_MUSIC_LIBRARY'] as const) {
      expect(gen({}, { music }).allowed).toBe(true);
    }
  });
  test('SPARK-06 the period is 7, 30, 60 or 365 days by default, configurable', () => {
    for (const p of [7, 30, 60, 365]) expect(gen({}, {}, p).allowed).toBe(true);
    for (const p of [0, 1, 14, 31, 90, 366, -7]) expect(codes(gen({}, {}, p))).toEqual(['spark.period_not_allowed']);
    const custom = definePolicy({ authorizationPeriodsDays: [14] }).unwrap();
    expect(gen({}, {}, 14, custom).allowed).toBe(true);
    expect(gen({}, {}, 30, custom).allowed).toBe(false);
  });
  test('SPARK-12 a video with a code in force cannot get another; the refusal cites SPARK-12 and the code', () => {
    const inForce = { id: 'code_1' as AdCodeId, expiresAt: code.expiresAt };
    const d = canGenerateAdCode({ creator, video, periodDays: 30, codeInForce: inForce }, DEFAULT_POLICY);
    expect(d.allowed ? [] : d.violations.map((v) => [v.rule, v.code])).toEqual([
      ['SPARK-12', 'spark.code_already_in_force'],
    ]);
    expect(d.allowed ? undefined : d.violations[0].details).toEqual({ codeId: 'code_1', expiresAt: code.expiresAt });
    expect(canGenerateAdCode({ creator, video, periodDays: 30, codeInForce: undefined }, DEFAULT_POLICY).allowed).toBe(
      true,
    );
    const few = { ...creator, followerCount: 1 };
    const both = canGenerateAdCode({ creator: few, video, periodDays: 30, codeInForce: inForce }, DEFAULT_POLICY);
    expect(rules(both)).toEqual(['SPARK-02', 'SPARK-12']);
  });
  test('X-01 every violated rule is reported, not only the first', () => {
    const d = gen(
      { accountType: 'PERSONAL', followerCount: 3, adAuthorizationEnabled: false, adTermsAccepted: false },
      {
        visibility: 'PRIVATE',
        isOriginal: false,
        ownerId: 'x' as CreatorId,
        adAuthorizationEnabled: false,
        music: 'COPYRIGHTED_NOT_IN_CML',
      },
      12,
    );
    expect(rules(d)).toEqual([
      'SPARK-01',
      'SPARK-02',
      'SPARK-03',
      'SPARK-03',
      'SPARK-03',
      'SPARK-04',
      'SPARK-04',
      'SPARK-04',
      'SPARK-05',
      'SPARK-06',
    ]);
    if (!d.allowed) for (const v of d.violations) expect(v.message).toMatch(/\.$/);
  });
});

describe('isInForce and adCodeStatusAt', () => {
  test('SPARK-07 the period starts at generation and lasts exactly N × 24 h, end exclusive', () => {
    expect(isInForce(code, new Date(T.getTime() - 1))).toBe(false);
    expect(isInForce(code, T)).toBe(true);
    expect(isInForce(code, new Date(code.expiresAt.getTime() - 1))).toBe(true);
    expect(isInForce(code, code.expiresAt)).toBe(false);
  });
  test('SPARK-10 a revoked code is not in force from the revocation instant on and reads DELETED', () => {
    const revoked = { ...code, revokedAt: new Date(T.getTime() + DAY_MS) };
    expect(isInForce(revoked, new Date(T.getTime() + DAY_MS - 1))).toBe(true);
    expect(isInForce(revoked, revoked.revokedAt)).toBe(false);
    expect(adCodeStatusAt(revoked, revoked.revokedAt)).toBe('DELETED');
    expect(adCodeStatusAt(revoked, new Date(T.getTime() + 100 * DAY_MS))).toBe('DELETED');
  });
  test('SPARK-11 a code reads EXPIRED from its expiry instant; IN_USE once confirmed before that', () => {
    expect(adCodeStatusAt(code, T)).toBe('NOT_USED');
    const used = { ...code, firstConfirmedAt: new Date(T.getTime() + 5) };
    expect(adCodeStatusAt(used, new Date(T.getTime() + 4))).toBe('NOT_USED');
    expect(adCodeStatusAt(used, new Date(T.getTime() + 5))).toBe('IN_USE');
    expect(adCodeStatusAt(used, code.expiresAt)).toBe('EXPIRED');
  });
});

describe('summarizeAdCode', () => {
  test('shows everything but the digest and the nonce, with the status and whether in force', () => {
    const record = {
      id: 'code_1',
      digest: 'd'.repeat(64),
      nonce: 'n'.repeat(64),
      fingerprint: '#abcd…xyz=',
      creatorId: 'c1',
      videoId: 'v1',
      periodDays: 30,
      ...code,
      preview: { creatorId: 'c1', creatorName: 'Dana', videoId: 'v1' },
    } as unknown as Parameters<typeof summarizeAdCode>[0];
    const summary = summarizeAdCode(record, T);
    expect(summary).not.toHaveProperty('digest');
    expect(summary).not.toHaveProperty('nonce');
    expect(summary).toMatchObject({ id: 'code_1', fingerprint: '#abcd…xyz=', status: 'NOT_USED', inForce: true });
    expect(summarizeAdCode(record, code.expiresAt)).toMatchObject({ status: 'EXPIRED', inForce: false });
  });
});

describe('canApplyAdCode', () => {
  type Code = Parameters<typeof canApplyAdCode>[0]['code'];
  const apply = (a: Partial<AdvertiserFacts>, c: Code, at = T, extra = {}, policy = DEFAULT_POLICY) =>
    canApplyAdCode({ advertiser: { ...advertiser, ...a }, code: c, at, ...extra }, policy);
  test('an advertiser with payment and library access may apply a code in force', () => {
    expect(apply({}, code)).toEqual({ allowed: true });
  });
  test('ADV-01 an active payment method and Creative Library access are required', () => {
    expect(codes(apply({ hasActivePaymentMethod: false }, code))).toEqual(['spark.no_active_payment_method']);
    expect(codes(apply({ hasCreativeLibraryAccess: false }, code))).toEqual(['spark.no_creative_library_access']);
  });
  test('ADV-03 unknown, revoked and expired codes each get their own actionable reason', () => {
    expect(codes(apply({}, undefined))).toEqual(['spark.code_not_found']);
    expect(codes(apply({}, { ...code, revokedAt: T }))).toEqual(['spark.code_revoked']);
    expect(codes(apply({}, code, code.expiresAt))).toEqual(['spark.code_expired']);
    const expired = apply({}, code, code.expiresAt);
    expect(expired.allowed ? '' : expired.violations[0].message).toMatch(/fresh code/);
  });
  test('ADV-02 single use (when configured) refuses a code another ad account confirmed', () => {
    const single = definePolicy({ confirmMode: 'single-use' }).unwrap();
    expect(codes(apply({}, code, T, { confirmedByAnotherAdAccount: true }, single))).toEqual([
      'spark.code_already_used',
    ]);
    expect(apply({}, code, T, { confirmedByAnotherAdAccount: true }).allowed).toBe(true);
  });
  test('X-01 advertiser and code problems are reported together', () => {
    expect(codes(apply({ hasActivePaymentMethod: false, hasCreativeLibraryAccess: false }, undefined))).toEqual([
      'spark.no_active_payment_method',
      'spark.no_creative_library_access',
      'spark.code_not_found',
    ]);
  });
});
