import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { memoryStore, type MemoryStore } from '../adapters/memory/memory-store.js';
import { manualClock } from '../adapters/clock/manual-clock.js';
import { seededRandom } from '../adapters/random/seeded-random.js';
import { definePolicy } from '../kernel/policy-schema.js';
import { DAY_MS, HOUR_MS } from '../kernel/time.js';
import type { Policy, PolicyInput } from '../kernel/policy.js';
import type { DomainEvent } from '../kernel/events.js';
import type { Store } from '../ports/store.js';
import { adsTable, codesTable, failedSearchesTable, libraryTable } from '../storage/tables.js';
import type { AdRecord, AdStatus } from '../ads/ads.model.js';
import { isInForce } from './spark-codes.rules.js';
import { toBusinessApiError } from './spark-codes.errors.js';
import { createSparkCodes, type SparkCodes } from './spark-codes.service.js';
import type { AdCodeRecord, AdvertiserFacts, CreatorFacts, VideoFacts } from './spark-codes.model.js';

const T0 = new Date('2026-03-01T12:00:00.000Z');
const SECRET = 'test-secret-of-at-least-thirty-two-chars!';
const at = (ms: number) => new Date(T0.getTime() + ms);

/** Bad input on purpose: what a JavaScript caller (or a cast) can pass; the types would refuse it. */
const unchecked = (input: unknown) => input as never;
const creator = (overrides: Partial<CreatorFacts> = {}): CreatorFacts => ({
  id: 'creator-1',
  displayName: 'Dana Creator',
  accountType: 'CREATOR',
  followerCount: 25_000,
  adAuthorizationEnabled: true,
  adTermsAccepted: true,
  ...overrides,
});
const video = (overrides: Partial<VideoFacts> = {}): VideoFacts => ({
  id: 'video-1',
  ownerId: 'creator-1',
  visibility: 'PUBLIC',
  isOriginal: true,
  adAuthorizationEnabled: true,
  music: 'ORIGINAL',
  title: 'Morning routine',
  ...overrides,
});
const advertiser = (overrides: Partial<AdvertiserFacts> = {}): AdvertiserFacts => ({
  adAccountId: 'adacc-1',
  hasActivePaymentMethod: true,
  hasCreativeLibraryAccess: true,
  ...overrides,
});
const policyOf = (input: PolicyInput): Policy => definePolicy(input).unwrap();

function setup(opts: { store?: MemoryStore; seed?: number; policy?: Policy; start?: Date } = {}) {
  const store = opts.store ?? memoryStore();
  const clock = manualClock(opts.start ?? T0);
  const random = seededRandom(opts.seed ?? 1);
  const policy = opts.policy ? { policy: opts.policy } : {};
  const spark = createSparkCodes({ store, clock, random, codeSecret: SECRET, ...policy });
  return { store, clock, spark };
}

/** Workflow calls with the usual facts, for short tests. */
const generate = (
  spark: SparkCodes,
  videoOverrides: Partial<VideoFacts> = {},
  periodDays = 30,
  creatorOverrides: Partial<CreatorFacts> = {},
) => spark.generateCode({ creator: creator(creatorOverrides), video: video(videoOverrides), periodDays });
const search = (spark: SparkCodes, code: string, adv: Partial<AdvertiserFacts> = {}) =>
  spark.searchCode({ advertiser: advertiser(adv), code });
const confirm = (spark: SparkCodes, code: string, adv: Partial<AdvertiserFacts> = {}) =>
  spark.confirmCode({ advertiser: advertiser(adv), code });
const revoke = (spark: SparkCodes, codeId: string, creatorId = 'creator-1') => spark.revokeCode({ creatorId, codeId });
const show = (spark: SparkCodes, codeId: string, creatorId = 'creator-1') => spark.showCode({ creatorId, codeId });

async function generated(ctx = setup(), periodDays = 30) {
  const g = (await generate(ctx.spark, {}, periodDays)).unwrap();
  return { ...ctx, g };
}

type AnyResult = { isErr(): boolean; error?: unknown };
const violations = (r: AnyResult) =>
  r.isErr() ? ((r as { error: { violations?: { rule: string; code: string }[] } }).error.violations ?? []) : [];
const violationCodes = (r: AnyResult) => violations(r).map((v) => v.code);
const errorCode = (r: AnyResult) => (r.isErr() ? (r.error as { code: string }).code : undefined);

type CodeFacts = Pick<AdCodeRecord, 'id' | 'videoId' | 'creatorId' | 'expiresAt'>;
/** An `AUTH_CODE` ad on a code, written straight to the store (the ads service is not under test here). */
function adOn(code: CodeFacts, id: string, status: AdStatus): AdRecord {
  const { videoId, creatorId, expiresAt } = code;
  return {
    id,
    adAccountId: 'adacc-1',
    name: `ad ${id}`,
    campaign: { campaignId: 'cmp-1', objective: 'TRAFFIC', placements: ['TIKTOK'], campaignType: 'MANUAL' },
    schedule: { startAt: T0 },
    identity: { type: 'AUTH_CODE', codeId: code.id },
    videoId,
    authorization: { codeId: code.id, videoId, creatorId, expiresAt },
    regions: ['US'],
    assetAuthorization: { offered: true, authorized: true, changedAt: T0, source: 'ads_manager' },
    status,
    statusChangedAt: T0,
    statusChangedBy: { kind: 'advertiser', id: 'adacc-1' },
    createdAt: T0,
  } as unknown as AdRecord;
}

async function insertAds(store: Store, ads: readonly AdRecord[]) {
  const keys = ads.flatMap((a) => [`ad:${a.id}`, `code:${a.authorization!.codeId}`]);
  await store.transaction(keys, async (tx) => {
    for (const ad of ads) await tx.insert(adsTable, ad);
  });
}

const codeRecord = async (store: Store, id: string) => (await store.get(codesTable, id))!;

describe('generateCode', () => {
  test('SPARK-07 returns the printed code once, with expiry = generation + period', async () => {
    const { g } = await generated(undefined, 7);
    expect(g.code).toMatch(/^#[A-Za-z0-9+/]{63}=$/);
    expect(g.summary.generatedAt.toISOString()).toBe(T0.toISOString());
    expect(g.summary.expiresAt.getTime() - g.summary.generatedAt.getTime()).toBe(7 * DAY_MS);
    expect(g.summary).toMatchObject({ status: 'NOT_USED', inForce: true, periodDays: 7 });
    expect(g.summary).not.toHaveProperty('digest');
    expect(g.summary).not.toHaveProperty('nonce');
  });
  test('SPARK-12 one code in force per video: the refusal cites SPARK-12, with every other violation too', async () => {
    // Arrange
    const { spark, store, g } = await generated();
    const before = (await store.readEvents()).length;
    // Act
    const alone = await generate(spark);
    const withOthers = await generate(spark, {}, 30, { followerCount: 1 });
    // Assert
    expect(violations(alone).map((v) => [v.rule, v.code])).toEqual([['SPARK-12', 'spark.code_already_in_force']]);
    expect(alone.isErr() && alone.error.code === 'denied' && alone.error.violations[0].details).toEqual({
      codeId: g.summary.id,
      expiresAt: g.summary.expiresAt,
    });
    expect(violations(withOthers).map((v) => v.rule)).toEqual(['SPARK-02', 'SPARK-12']);
    expect((await store.readEvents()).length).toBe(before);
    expect(await store.list(codesTable, 'byVideo', { eq: ['video-1'] })).toHaveLength(1);
    expect((await generate(spark, { id: 'video-2' })).isOk()).toBe(true);
  });
  test('SPARK-10 after revocation the creator can generate a fresh code for the video', async () => {
    const { spark, g } = await generated();
    await revoke(spark, g.summary.id);
    const fresh = await generate(spark, {}, 60);
    expect(fresh.unwrap().code).not.toBe(g.code);
  });
  test('SPARK-12 codes generated and revoked within one millisecond: the one in force still blocks', async () => {
    // The clock does not move: the revoked codes and the fresh one share their generation instant.
    const { spark, g } = await generated();
    (await revoke(spark, g.summary.id)).unwrap();
    const ids: string[] = [g.summary.id];
    for (let i = 0; i < 4; i++) {
      const fresh = (await generate(spark, {}, 7)).unwrap();
      ids.push(fresh.summary.id);
      expect(violationCodes(await generate(spark, {}, 7))).toEqual(['spark.code_already_in_force']);
      (await revoke(spark, fresh.summary.id)).unwrap();
    }
    expect(new Set(ids).size).toBe(5);
  });
  test('SPARK-11 after expiry the creator can generate a fresh code for the video', async () => {
    const { spark, clock } = await generated(undefined, 7);
    clock.advance(7 * DAY_MS);
    expect((await generate(spark, {}, 7)).isOk()).toBe(true);
  });
  test('a missing secret and a secret shorter than 32 bytes are programmer errors, each said so', () => {
    const store = memoryStore();
    const create = (codeSecret: unknown) => () => createSparkCodes({ store, codeSecret } as never);
    expect(create('short')).toThrow(TypeError);
    expect(create('short')).toThrow(/codeSecret is too short: 5 bytes, at least 32/);
    expect(create(new Uint8Array(31))).toThrow(/codeSecret is too short/);
    expect(create(undefined)).toThrow(/codeSecret is missing/);
    expect(create('')).toThrow(/codeSecret is missing/);
    expect(create(42)).toThrow(/codeSecret must be a string or a Uint8Array/);
    expect(create(new Uint8Array(32))).not.toThrow();
    expect(() => createSparkCodes({ store: {} as Store, codeSecret: SECRET })).toThrow(/createSparkCodes: store/);
  });
});

describe('showCode', () => {
  test('SPARK-09 the creator can see and copy the code again; the store never holds it', async () => {
    const { spark, store, g } = await generated();
    const shown = (await show(spark, g.summary.id)).unwrap();
    expect(shown.code).toBe(g.code);
    const stored = JSON.stringify(store.dump());
    expect(stored).not.toContain(g.code.slice(1));
    expect(stored).not.toContain(g.code.slice(1, 20));
  });
  test('SPARK-09 another creator is told the code does not exist', async () => {
    const { spark, g } = await generated();
    expect(errorCode(await show(spark, g.summary.id, 'creator-2'))).toBe('not_found');
  });
  test('SPARK-09 a service with another secret cannot show it (but it still works for advertisers)', async () => {
    const { store, clock, g } = await generated();
    const other = createSparkCodes({ store, clock, codeSecret: 'another-secret-that-is-32-chars-long!!' });
    expect(violationCodes(await show(other, g.summary.id))).toEqual(['spark.code_not_recoverable']);
    expect((await search(other, g.code)).isOk()).toBe(true);
  });
  test('SPARK-10 SPARK-11 a revoked or expired code is not shown', async () => {
    const { spark, clock, g } = await generated(undefined, 7);
    clock.advance(7 * DAY_MS);
    expect(violationCodes(await show(spark, g.summary.id))).toEqual(['spark.code_expired']);
    const g2 = (await generate(spark, {}, 7)).unwrap();
    await revoke(spark, g2.summary.id);
    expect(violationCodes(await show(spark, g2.summary.id))).toEqual(['spark.code_revoked']);
  });
});

describe('searchCode and confirmCode', () => {
  test('ADV-02 search shows creator name, thumbnail and content, and grants nothing', async () => {
    const { spark, store, g } = await generated();
    const found = (await search(spark, `  ${g.code}\n`)).unwrap();
    expect(found.preview).toEqual({
      creatorId: 'creator-1',
      creatorName: 'Dana Creator',
      videoId: 'video-1',
      title: 'Morning routine',
    });
    expect(found.status).toBe('NOT_USED');
    expect(await store.list(libraryTable, 'byAccount', { eq: ['adacc-1'] })).toEqual([]);
  });
  test('ADV-02 confirm adds the post to the library; confirming again is idempotent', async () => {
    const { spark, store, g } = await generated();
    const first = (await spark.confirmCode({ advertiser: advertiser(), code: g.code, userId: 'user-7' })).unwrap();
    expect(first.added).toBe(true);
    expect(first.entry).toMatchObject({
      adAccountId: 'adacc-1',
      codeId: g.summary.id,
      videoId: 'video-1',
      confirmedBy: { kind: 'user', id: 'user-7' },
    });
    const second = (await confirm(spark, g.code)).unwrap();
    expect(second).toEqual({ entry: first.entry, added: false });
    expect(await store.list(libraryTable, 'byAccount', { eq: ['adacc-1'] })).toHaveLength(1);
    expect((await spark.codeStatus({ codeId: g.summary.id })).unwrap().status).toBe('IN_USE');
  });
  test('ADV-02 decision: multi-account by default, single use when configured', async () => {
    const { spark, g } = await generated();
    await confirm(spark, g.code);
    expect((await confirm(spark, g.code, { adAccountId: 'adacc-2' })).unwrap().added).toBe(true);
    const single = await generated(setup({ policy: policyOf({ confirmMode: 'single-use' }) }));
    const other = { adAccountId: 'adacc-2' };
    await confirm(single.spark, single.g.code);
    expect(violationCodes(await confirm(single.spark, single.g.code, other))).toEqual(['spark.code_already_used']);
    expect(violationCodes(await search(single.spark, single.g.code, other))).toEqual(['spark.code_already_used']);
    expect((await confirm(single.spark, single.g.code)).unwrap().added).toBe(false);
  });
  test('ADV-02 single use holds when several ad accounts confirm at once', async () => {
    const { spark, store, g } = await generated(setup({ policy: policyOf({ confirmMode: 'single-use' }) }));
    const accounts = ['adacc-1', 'adacc-2', 'adacc-3'];
    const results = await Promise.all(accounts.map((adAccountId) => confirm(spark, g.code, { adAccountId })));
    expect(results.filter((r) => r.isOk())).toHaveLength(1);
    expect(await store.list(libraryTable, 'byCode', { eq: [g.summary.id] })).toHaveLength(1);
  });
  test("ADV-01 the advertiser's own problems are reported with the code's", async () => {
    const { spark, g } = await generated();
    expect(violationCodes(await confirm(spark, g.code, { hasActivePaymentMethod: false }))).toEqual([
      'spark.no_active_payment_method',
    ]);
    expect(violationCodes(await search(spark, '#nope', { hasCreativeLibraryAccess: false }))).toEqual([
      'spark.no_creative_library_access',
      'spark.code_malformed',
    ]);
  });
  test('ADV-03 malformed, mistyped, unknown, revoked and expired codes: distinct answers and API codes', async () => {
    // Arrange
    const { spark, clock, g } = await generated(undefined, 7);
    const i = 10;
    const typo = g.code.slice(0, i) + (g.code[i] === 'A' ? 'B' : 'A') + g.code.slice(i + 1);
    const elsewhere = (await generate(setup({ seed: 99 }).spark, {}, 7)).unwrap();
    const apiError = (r: AnyResult) => (r.isErr() ? toBusinessApiError(r.error as { code: string }) : 'ok');
    // Act
    const malformed = await search(spark, g.code.slice(1));
    const mistyped = await search(spark, typo);
    const unknown = await search(spark, elsewhere.code);
    // Assert
    expect(violationCodes(malformed)).toEqual(['spark.code_malformed']);
    expect(violationCodes(mistyped)).toEqual(['spark.code_mistyped']);
    expect(violationCodes(unknown)).toEqual(['spark.code_not_found']);
    expect(apiError(malformed)).toEqual({ code: 4013, name: 'auth_code_format_error' });
    expect(apiError(mistyped)).toEqual({ code: 4013, name: 'auth_code_format_error' });
    expect(apiError(unknown)).toEqual({ name: 'auth_code_not_found' });
    clock.advance(7 * DAY_MS);
    const expired = await search(spark, g.code);
    expect(violationCodes(expired)).toEqual(['spark.code_expired']);
    expect(apiError(expired)).toEqual({ code: 4025, name: 'auth_code_expired' });
    const g2 = (await generate(spark, {}, 7)).unwrap();
    await revoke(spark, g2.summary.id);
    const revoked = await search(spark, g2.code);
    expect(violationCodes(revoked)).toEqual(['spark.code_revoked']);
    expect(apiError(revoked)).toEqual({ name: 'auth_code_not_found' }); // API-01: "the code has been deleted"
  });
  test('ADV-03 an unknown code reveals nothing about other codes', async () => {
    const { spark, g } = await generated();
    const elsewhere = (await generate(setup({ seed: 5 }).spark)).unwrap();
    const text = JSON.stringify(await search(spark, elsewhere.code));
    for (const secretBit of [g.summary.id, 'creator-1', 'video-1', 'Dana', g.summary.fingerprint]) {
      expect(text).not.toContain(secretBit);
    }
  });
  test('ADV-03 brute force: 100 failed searches per rolling hour per ad account, then refused until then', async () => {
    const { spark, clock, g } = await generated();
    for (let i = 0; i < 100; i++) {
      expect(errorCode(await search(spark, `#bad${i}`))).toBe('denied');
      clock.advance(1000);
    }
    const refused = await search(spark, g.code);
    expect(errorCode(refused)).toBe('spark.search_throttled');
    const retryAt = refused.isErr() && refused.error.code === 'spark.search_throttled' ? refused.error.retryAt : T0;
    expect(retryAt.toISOString()).toBe(at(HOUR_MS).toISOString());
    expect(errorCode(await search(spark, '#bad-again'))).toBe('spark.search_throttled');
    expect((await search(spark, g.code, { adAccountId: 'adacc-other' })).isOk()).toBe(true);
    clock.set(retryAt);
    expect((await search(spark, g.code)).isOk()).toBe(true);
  });
  test('ADV-03 successful searches are not counted toward the throttle', async () => {
    const { spark, g } = await generated(setup({ policy: policyOf({ maxFailedSearches: 2 }) }));
    for (let i = 0; i < 50; i++) expect((await search(spark, g.code)).isOk()).toBe(true);
    await search(spark, '#x');
    expect((await search(spark, g.code)).isOk()).toBe(true);
  });
  test('ADV-03 failed searches that left the window are pruned as new ones are recorded', async () => {
    const { spark, store, clock } = setup({ policy: policyOf({ maxFailedSearches: 3, failedSearchWindowMs: 60_000 }) });
    for (let i = 0; i < 10; i++) {
      expect(errorCode(await search(spark, `#bad${i}`))).toBe('denied');
      clock.advance(30_000);
    }
    expect((await store.list(failedSearchesTable, 'byAccount', { eq: ['adacc-1'] })).length).toBeLessThanOrEqual(3);
  });
  test('ADV-03 failed-search records stay bounded: at most the limit per account, none from past windows', async () => {
    // Any sequence of failed searches from two ad accounts, the clock moving on between them.
    const steps = fc.array(fc.record({ account: fc.constantFrom('adacc-1', 'adacc-2'), wait: fc.nat(90_000) }), {
      minLength: 1,
      maxLength: 40,
    });
    await fc.assert(
      fc.asyncProperty(steps, async (sequence) => {
        const policy = policyOf({ maxFailedSearches: 3, failedSearchWindowMs: 60_000 });
        const { spark, store, clock } = setup({ policy });
        for (const { account, wait } of sequence) {
          clock.advance(wait);
          await search(spark, '#nothing', { adAccountId: account });
          // Right after a failed search, the account's rows are the failures of the current window only.
          const rows = await store.list(failedSearchesTable, 'byAccount', { eq: [account] });
          expect(rows.length).toBeLessThanOrEqual(3);
          for (const row of rows) expect(clock.now().getTime() - row.at.getTime()).toBeLessThan(60_000);
        }
        const all = await store.list(failedSearchesTable, 'byAccount', {});
        expect(all.length).toBeLessThanOrEqual(2 * 3);
      }),
      { numRuns: Number(process.env.FC_NUM_RUNS ?? 25) },
    );
  });
  test('ADV-03 failed-search window under clock skew: a search stamped earlier does not reset the count', async () => {
    // Arrange: two app servers over one store, one clock 5 s ahead of the other.
    const policy = policyOf({ maxFailedSearches: 3, failedSearchWindowMs: 60_000 });
    const store = memoryStore();
    const ahead = setup({ store, policy, start: at(5_000) });
    const behind = setup({ store, policy, seed: 2 });
    const g = (await generate(ahead.spark)).unwrap();
    // Act: two failures on the server ahead, the third on the server behind.
    for (const code of ['#bad1', '#bad2']) expect(errorCode(await search(ahead.spark, code))).toBe('denied');
    expect(errorCode(await search(behind.spark, '#bad3'))).toBe('denied');
    // Assert: the third is stamped at the account's latest instant, not 5 s in its past…
    const rows = await store.list(failedSearchesTable, 'byAccount', { eq: ['adacc-1'] });
    expect(rows.map((r) => r.at.getTime() - T0.getTime())).toEqual([5_000, 5_000, 5_000]);
    // …so 57 s later all three are still in the window of the server ahead (now at T0 + 62 s).
    ahead.clock.advance(57_000);
    behind.clock.advance(57_000);
    expect(errorCode(await search(ahead.spark, g.code))).toBe('spark.search_throttled');
    expect(errorCode(await search(ahead.spark, '#bad4'))).toBe('spark.search_throttled');
    expect(errorCode(await search(behind.spark, '#bad5'))).toBe('spark.search_throttled');
    expect(await store.count(failedSearchesTable, 'byAccount', { eq: ['adacc-1'] })).toBe(3);
  });
  test('ADV-03 concurrent failed searches never exceed the limit', async () => {
    const { spark, store } = setup({ policy: policyOf({ maxFailedSearches: 5 }) });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => search(spark, `#b${i}`)));
    expect(results.filter((r) => errorCode(r) === 'denied')).toHaveLength(5);
    expect(results.filter((r) => errorCode(r) === 'spark.search_throttled')).toHaveLength(15);
    expect(await store.count(failedSearchesTable, 'byAccount', { eq: ['adacc-1'] })).toBe(5);
    expect((await store.readEvents()).filter((e) => e.type === 'spark.code_search_failed')).toHaveLength(5);
  });
});

describe('revokeCode and expireDue', () => {
  test('SPARK-10 revoke deactivates the code; revoking again is idempotent', async () => {
    const { spark, g } = await generated();
    const r1 = (await revoke(spark, g.summary.id)).unwrap();
    expect(r1).toMatchObject({ revoked: true, summary: { status: 'DELETED', inForce: false }, pausedAds: [] });
    const r2 = (await revoke(spark, g.summary.id)).unwrap();
    expect(r2.revoked).toBe(false);
    expect(violationCodes(await confirm(spark, g.code))).toEqual(['spark.code_revoked']);
  });
  test('SPARK-10 only the creator of the code can revoke it', async () => {
    const { spark, g } = await generated();
    expect(errorCode(await revoke(spark, g.summary.id, 'creator-2'))).toBe('not_found');
    expect(errorCode(await revoke(spark, 'code_unknown'))).toBe('not_found');
    expect((await spark.codeStatus({ codeId: g.summary.id })).unwrap().status).toBe('NOT_USED');
  });
  test('SPARK-10 ADV-06 revoking pauses the approved and running ads of the code in the same step', async () => {
    // Arrange
    const { spark, store, clock, g } = await generated();
    const code = await codeRecord(store, g.summary.id);
    const statuses: AdStatus[] = ['DRAFT', 'IN_REVIEW', 'APPROVED', 'RUNNING', 'PAUSED', 'STOPPED'];
    await insertAds(
      store,
      statuses.map((s, i) => adOn(code, `ad-${i}`, s)),
    );
    clock.advance(HOUR_MS);
    // Act
    const r = (await revoke(spark, g.summary.id)).unwrap();
    // Assert
    expect(r.pausedAds.map((a) => [a.id, a.status, a.statusReason])).toEqual([
      ['ad-2', 'PAUSED', 'authorization_revoked'],
      ['ad-3', 'PAUSED', 'authorization_revoked'],
    ]);
    const stored = await store.list(adsTable, 'byCode', { eq: [g.summary.id] });
    expect(stored.map((a) => a.status)).toEqual(['DRAFT', 'IN_REVIEW', 'PAUSED', 'PAUSED', 'PAUSED', 'STOPPED']);
    expect(stored[2]).toMatchObject({
      statusChangedAt: r.summary.revokedAt,
      statusChangedBy: { kind: 'creator', id: 'creator-1' },
    });
    const events = (await store.readEvents()).slice(1);
    expect(events.map((e) => [e.type, e.subject.id])).toEqual([
      ['spark.code_revoked', g.summary.id],
      ['ads.paused', 'ad-2'],
      ['ads.paused', 'ad-3'],
    ]);
    expect(events[1]!.data).toMatchObject({
      from: 'APPROVED',
      to: 'PAUSED',
      reason: 'authorization_revoked',
      codeId: g.summary.id,
    });
  });
  test('SPARK-10 with block-while-in-use, ads in use refuse the revocation and nothing changes', async () => {
    const { spark, store, g } = await generated(setup({ policy: policyOf({ revocationMode: 'block-while-in-use' }) }));
    const code = await codeRecord(store, g.summary.id);
    await insertAds(store, [adOn(code, 'ad-1', 'DRAFT'), adOn(code, 'ad-2', 'PAUSED'), adOn(code, 'ad-3', 'STOPPED')]);
    const r = await revoke(spark, g.summary.id);
    expect(violations(r).map((v) => [v.rule, v.code])).toEqual([['SPARK-10', 'spark.code_in_use_by_ads']]);
    expect(r.isErr() && r.error.code === 'denied' && r.error.violations[0].details).toEqual({ adIds: ['ad-2'] });
    expect((await codeRecord(store, g.summary.id)).revokedAt).toBeUndefined();
    expect((await store.readEvents()).map((e) => e.type)).toEqual(['spark.code_generated']);
  });
  test('SPARK-11 the sweep records each expiry once, with an event; the status is derived before it runs', async () => {
    const { spark, store, clock, g } = await generated(undefined, 7);
    clock.advance(7 * DAY_MS - 1);
    expect((await spark.expireDue()).unwrap()).toEqual({ codes: [], stoppedAds: [] });
    clock.advance(1);
    expect((await spark.codeStatus({ codeId: g.summary.id })).unwrap().status).toBe('EXPIRED');
    const swept = (await spark.expireDue()).unwrap();
    expect(swept.codes.map((s) => s.id)).toEqual([g.summary.id]);
    expect(swept.codes[0]).toMatchObject({ status: 'EXPIRED', expiryRecordedAt: clock.now() });
    expect((await spark.expireDue()).unwrap()).toEqual({ codes: [], stoppedAds: [] });
    const expiredEvents = (await store.readEvents()).filter((e) => e.type === 'spark.code_expired');
    expect(expiredEvents).toHaveLength(1);
    expect(expiredEvents[0]!.actor).toEqual({ kind: 'system', id: 'system' });
  });
  test('SPARK-11 a code revoked before its expiry is not swept as expired', async () => {
    const { spark, store, clock, g } = await generated(undefined, 7);
    await revoke(spark, g.summary.id);
    clock.advance(8 * DAY_MS);
    expect((await spark.expireDue()).unwrap()).toEqual({ codes: [], stoppedAds: [] });
    expect((await store.readEvents()).map((e) => e.type)).not.toContain('spark.code_expired');
    expect(await store.list(codesTable, 'unswept')).toEqual([]);
  });
  test('SPARK-11 ADV-06 the sweep stops the ads of an expired code, as of its expiry, and returns them', async () => {
    // Arrange: ads in every status on one code; a running ad on another code, revoked (paused, stopped at its end).
    const { spark, store, clock, g } = await generated(undefined, 7);
    const code = await codeRecord(store, g.summary.id);
    const statuses: AdStatus[] = ['DRAFT', 'IN_REVIEW', 'APPROVED', 'RUNNING', 'PAUSED', 'REJECTED', 'STOPPED'];
    await insertAds(
      store,
      statuses.map((s, i) => adOn(code, `ad-${i}`, s)),
    );
    clock.advance(1);
    const g2 = (await generate(spark, { id: 'video-2' }, 7)).unwrap();
    await insertAds(store, [adOn(await codeRecord(store, g2.summary.id), 'ad-x', 'RUNNING')]);
    (await revoke(spark, g2.summary.id)).unwrap();
    clock.advance(10 * DAY_MS);
    // Act
    const swept = (await spark.expireDue()).unwrap();
    // Assert
    expect(swept.codes.map((c) => c.id)).toEqual([g.summary.id]);
    expect(swept.stoppedAds.map((a) => a.id)).toEqual(['ad-1', 'ad-2', 'ad-3', 'ad-4', 'ad-x']);
    for (const a of swept.stoppedAds.filter((x) => x.id !== 'ad-x')) {
      expect(a).toMatchObject({
        status: 'STOPPED',
        statusReason: 'authorization_expired',
        statusChangedAt: code.expiresAt,
      });
    }
    const stored = await store.list(adsTable, 'byCode', { eq: [g.summary.id] });
    expect(stored.map((a) => a.status)).toEqual([
      'DRAFT',
      'STOPPED',
      'STOPPED',
      'STOPPED',
      'STOPPED',
      'REJECTED',
      'STOPPED',
    ]);
    const stopEvents = (await store.readEvents()).filter((e) => e.type === 'ads.stopped');
    expect(stopEvents.map((e) => e.subject.id)).toEqual(['ad-1', 'ad-2', 'ad-3', 'ad-4', 'ad-x']);
    expect(stopEvents[0]!.data).toMatchObject({
      from: 'IN_REVIEW',
      to: 'STOPPED',
      reason: 'authorization_expired',
      effectiveAt: code.expiresAt,
    });
    expect((await spark.expireDue()).unwrap()).toEqual({ codes: [], stoppedAds: [] });
  });
  test('SPARK-11 the sweep honours its limit, oldest expiry first', async () => {
    const { spark, clock } = setup();
    const ids: string[] = [];
    for (const [i, days] of [
      [1, 30],
      [2, 7],
      [3, 60],
    ] as const) {
      ids.push((await generate(spark, { id: `video-${i}` }, days)).unwrap().summary.id);
    }
    clock.advance(61 * DAY_MS);
    expect((await spark.expireDue({ limit: 2 })).unwrap().codes.map((c) => c.id)).toEqual([ids[1], ids[0]]);
    expect((await spark.expireDue({ limit: 2 })).unwrap().codes.map((c) => c.id)).toEqual([ids[2]]);
  });
});

describe('clock skew and concurrency (design §7: decide inside the lock, at a monotonic instant)', () => {
  test('SPARK-10 ADV-02 revoke vs confirm, servers 5 s apart: nothing is confirmed after the revocation', async () => {
    // Arrange: one store, two services whose clocks are 5 s apart; the codes are made on the server behind.
    const store = memoryStore();
    const ahead = setup({ store, start: at(5_000) });
    const behind = setup({ store, seed: 2 });
    const g = (await generate(behind.spark, { id: 'video-seq' })).unwrap();
    behind.clock.advance(1_000);
    // Act: the server ahead revokes at T0 + 5 s; the server behind confirms afterwards, at what is its T0 + 1 s.
    (await revoke(ahead.spark, g.summary.id)).unwrap();
    const late = await confirm(behind.spark, g.code);
    // Assert
    expect(violationCodes(late)).toEqual(['spark.code_revoked']);
    expect(await store.list(libraryTable, 'byCode', { eq: [g.summary.id] })).toEqual([]);

    // And racing, in both orders of start: whichever commits first, nothing is confirmed after the revocation.
    for (const revokeFirst of [true, false]) {
      const g2 = (await generate(behind.spark, { id: `video-${revokeFirst}` })).unwrap();
      const revoking = () => revoke(ahead.spark, g2.summary.id);
      const confirming = () => confirm(behind.spark, g2.code);
      await Promise.all(revokeFirst ? [revoking(), confirming()] : [confirming(), revoking()]);
      const record = await codeRecord(store, g2.summary.id);
      expect(record.revokedAt).toBeDefined();
      for (const entry of await store.list(libraryTable, 'byCode', { eq: [g2.summary.id] })) {
        expect(entry.confirmedAt.getTime()).toBeLessThan(record.revokedAt!.getTime());
      }
    }
    const events = await store.readEvents();
    for (const revoked of events.filter((e) => e.type === 'spark.code_revoked')) {
      const later = events.filter((e) => e.seq > revoked.seq && e.subject.id === revoked.subject.id);
      expect(later.map((e) => e.type)).not.toContain('spark.authorization_confirmed');
    }
  });
  test('SPARK-12 two servers with skewed clocks generating for one video never leave two codes in force', async () => {
    // Arrange
    const store = memoryStore();
    const ahead = setup({ store, start: at(5_000) });
    const behind = setup({ store, seed: 2 });
    // Act: the server behind asks after the server ahead made a code, then both at once, then after a revocation.
    const first = await generate(ahead.spark, {}, 7);
    const second = await generate(behind.spark, {}, 7);
    const racing = await Promise.all([generate(ahead.spark, {}, 7), generate(behind.spark, {}, 7)]);
    (await revoke(ahead.spark, first.unwrap().summary.id)).unwrap();
    const afterRevoke = await Promise.all([generate(behind.spark, {}, 7), generate(ahead.spark, {}, 7)]);
    // Assert
    expect(first.isOk()).toBe(true);
    expect(violations(second).map((v) => v.rule)).toEqual(['SPARK-12']);
    expect(racing.every((r) => r.isErr())).toBe(true);
    expect(afterRevoke.filter((r) => r.isOk())).toHaveLength(1);
    const codes: AdCodeRecord[] = [...(await store.list(codesTable, 'byVideo', { eq: ['video-1'] }))];
    expect(codes).toHaveLength(2);
    const instants = codes.flatMap((c) => [c.generatedAt, c.revokedAt ?? c.generatedAt, c.expiresAt]);
    for (const t of [T0, ...instants, ...instants.map((i) => new Date(i.getTime() - 1))]) {
      expect(codes.filter((c) => isInForce(c, t)).length).toBeLessThanOrEqual(1);
    }
  });
  test('X-02 a code made on a server ahead is confirmed on one behind; no event goes back in time', async () => {
    const store = memoryStore();
    const ahead = setup({ store, start: at(5_000) });
    const behind = setup({ store, seed: 2 });
    const g = (await generate(ahead.spark, {}, 7)).unwrap();
    const confirmed = (await confirm(behind.spark, g.code)).unwrap();
    (await revoke(behind.spark, g.summary.id)).unwrap();
    expect(confirmed.entry.confirmedAt.getTime()).toBeGreaterThanOrEqual(g.summary.generatedAt.getTime());
    const events = await store.readEvents();
    expect(events.map((e) => e.type)).toEqual([
      'spark.code_generated',
      'spark.authorization_confirmed',
      'spark.code_revoked',
    ]);
    const instants = events.map((e) => e.at.getTime());
    expect(instants).toEqual([...instants].sort((a, b) => a - b));
  });
});

describe('queries', () => {
  test('codes of a creator, library of an ad account, codes expiring within a window', async () => {
    const { spark, clock, g } = await generated(undefined, 7);
    clock.advance(1);
    const g2 = (await generate(spark, { id: 'video-2' }, 30)).unwrap();
    await confirm(spark, g.code);
    const ids = (r: { unwrap(): readonly { id: string }[] }) => r.unwrap().map((c) => c.id);
    expect(ids(await spark.listCreatorCodes('creator-1'))).toEqual([g2.summary.id, g.summary.id]);
    expect((await spark.listLibrary('adacc-1')).unwrap()).toMatchObject([{ codeId: g.summary.id, inForce: true }]);
    expect(ids(await spark.listExpiring({ withinMs: 8 * DAY_MS }))).toEqual([g.summary.id]);
    expect(ids(await spark.listExpiring({ withinMs: 31 * DAY_MS }))).toEqual([g.summary.id, g2.summary.id]);
    clock.advance(7 * DAY_MS);
    expect((await spark.listLibrary('adacc-1')).unwrap()).toMatchObject([{ codeId: g.summary.id, inForce: false }]);
    expect(ids(await spark.listExpiring({ withinMs: 31 * DAY_MS }))).toEqual([g2.summary.id]);
    await revoke(spark, g2.summary.id);
    expect((await spark.listExpiring({ withinMs: 31 * DAY_MS })).unwrap()).toEqual([]);
    expect(errorCode(await spark.codeStatus({ codeId: 'code_unknown' }))).toBe('not_found');
    expect((await spark.codeStatus({ codeId: g.summary.id, at: T0 })).unwrap().status).toBe('NOT_USED');
    expect((await spark.codeStatus({ codeId: g.summary.id, at: at(DAY_MS) })).unwrap().status).toBe('IN_USE');
  });
});

describe('X-02 every state change is an event, in order, without the code', () => {
  test('generate, confirm, failed search, revoke and expiry each write their event', async () => {
    // Arrange, Act
    const { spark, store, clock, g } = await generated(undefined, 7);
    await confirm(spark, g.code);
    await confirm(spark, g.code); // idempotent: no event
    await search(spark, '#x');
    const g2 = (await generate(spark, { id: 'video-2' }, 7)).unwrap();
    await revoke(spark, g2.summary.id);
    await revoke(spark, g2.summary.id); // idempotent: no event
    clock.advance(7 * DAY_MS);
    await spark.expireDue();
    // Assert
    const events: readonly DomainEvent[] = await store.readEvents();
    expect(events.map((e) => e.type)).toEqual([
      'spark.code_generated',
      'spark.authorization_confirmed',
      'spark.code_search_failed',
      'spark.code_generated',
      'spark.code_revoked',
      'spark.code_expired',
    ]);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(new Set(events.map((e) => e.id)).size).toBe(6);
    expect(events[1]).toMatchObject({
      actor: { kind: 'advertiser', id: 'adacc-1' },
      subject: { kind: 'ad_code', id: g.summary.id },
    });
    expect(events[2]).toMatchObject({ data: { adAccountId: 'adacc-1', reason: 'malformed' } });
    expect(events[0]!.data).toMatchObject({ fingerprint: g.summary.fingerprint });
    const text = JSON.stringify(events);
    for (const c of [g.code, g2.code]) expect(text).not.toContain(c.slice(6, -5));
  });
});

describe('X-03 bad input is refused with the field named, and nothing is stored', () => {
  type Loose = Record<string, unknown>;
  const input = (c: Loose, v: Loose, periodDays: unknown = 30) => ({
    creator: { ...creator(), ...c },
    video: { ...video(), ...v },
    periodDays,
  });
  const withProto = JSON.parse(
    `{"creator": ${JSON.stringify(creator())}, "video": ${JSON.stringify(video())}, "periodDays": 30, ` +
      '"__proto__": {"polluted": true}}',
  );
  const cases: [string, unknown, (string | number)[]][] = [
    ['wrong type', input({ followerCount: '10000' }, {}), ['creator', 'followerCount']],
    ['unknown key', input({ isAdmin: true }, {}), ['creator', 'isAdmin']],
    ['__proto__ key', withProto, ['__proto__']],
    ['huge string', input({ displayName: 'x'.repeat(100_000) }, {}), ['creator', 'displayName']],
    ['control characters', input({ displayName: 'a\u0000b' }, {}), ['creator', 'displayName']],
    ['fractional period', input({}, {}, 7.5), ['periodDays']],
    ['missing field', { creator: creator(), periodDays: 30 }, ['video']],
    ['not an object', 'creator-1', []],
    ['bad id', input({ id: 'has space' }, {}), ['creator', 'id']],
    ['bad url', input({}, { thumbnailUrl: 'javascript:alert(1)' }), ['video', 'thumbnailUrl']],
  ];
  test.each(cases)('generateCode: %s', async (_name, bad, path) => {
    const { spark, store } = setup();
    const r = await spark.generateCode(unchecked(bad));
    expect(errorCode(r)).toBe('validation');
    expect(r.isErr() && r.error.code === 'validation' && r.error.issues.map((i) => i.path)).toContainEqual(path);
    expect(await store.readEvents()).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  test('every entry point validates', async () => {
    const { spark, store, g } = await generated();
    const before = await store.readEvents();
    const results = [
      await spark.showCode(unchecked({ creatorId: 'creator-1' })),
      await search(spark, g.code, unchecked({ adAccountId: 7 })),
      await search(spark, 'x'.repeat(2000)),
      await spark.confirmCode(unchecked({ advertiser: advertiser(), code: g.code, extra: 1 })),
      await revoke(spark, ''),
      await spark.codeStatus({ codeId: g.summary.id, at: new Date('nope') }),
      await spark.listCreatorCodes(unchecked(42)),
      await spark.listLibrary(unchecked(null)),
      await spark.listExpiring({ withinMs: -1 }),
      await spark.expireDue({ limit: 0 }),
      await spark.expireDue({ limit: 1.5 }),
      await spark.expireDue(unchecked({ limit: 10, extra: true })),
    ];
    for (const r of results) expect(errorCode(r)).toBe('validation');
    expect(await store.readEvents()).toEqual(before);
  });
});

/** What a memory store holds (an empty table is the same as one never used). */
function contents(store: MemoryStore) {
  const { tables, events } = store.dump();
  return { tables: Object.fromEntries(Object.entries(tables).filter(([, rows]) => rows.length > 0)), events };
}

describe('storage failures', () => {
  test('X-03 a store that throws becomes a storage error', async () => {
    const store = memoryStore();
    const broken: Store = {
      ...store,
      transaction: async () => {
        throw new Error('connection reset');
      },
    };
    const spark = createSparkCodes({ store: broken, codeSecret: SECRET });
    const r = await generate(spark);
    expect(errorCode(r)).toBe('storage');
    expect(r.isErr() && r.error.message).toMatch(/connection reset/);
    expect(await store.readEvents()).toEqual([]);
  });
  test('X-03 a statement failing midway leaves nothing behind, in every workflow that writes', async () => {
    for (const workflow of ['generate', 'confirm', 'revoke', 'failed search', 'expire'] as const) {
      let failAt = 1;
      for (; ; failAt++) {
        // Arrange: a store whose Nth statement fails once armed.
        let armed = false;
        let n = 0;
        const store = memoryStore({
          onStatement: () => {
            if (armed && ++n === failAt) throw new Error(`statement ${failAt} failed`);
          },
        });
        const { spark, clock } = setup({ store });
        const g = (await generate(spark, {}, 7)).unwrap();
        await insertAds(store, [adOn(await codeRecord(store, g.summary.id), 'ad-1', 'RUNNING')]);
        if (workflow !== 'confirm') (await confirm(spark, g.code)).unwrap();
        if (workflow === 'expire') clock.advance(7 * DAY_MS);
        const before = contents(store);
        // Act
        armed = true;
        const run = {
          generate: () => generate(spark, { id: 'v2' }, 7),
          confirm: () => confirm(spark, g.code),
          revoke: () => revoke(spark, g.summary.id),
          'failed search': () => search(spark, '#nothing'),
          expire: () => spark.expireDue(),
        }[workflow];
        const r: AnyResult = await run();
        armed = false;
        // Assert
        if (errorCode(r) !== 'storage') break;
        expect(contents(store)).toEqual(before);
      }
      expect(failAt).toBeGreaterThan(2); // the workflow failed at each of its statements before passing
    }
  });
});
