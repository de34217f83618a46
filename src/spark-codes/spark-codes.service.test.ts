import { describe, expect, test } from 'vitest';
import { DAY_MS, HOUR_MS, createSparkCodes, definePolicy, memoryStore, toBusinessApiError, type DomainEvent } from '../index.js';
import { advertiser, creator, SECRET, setup, T0, video } from '../../test/fixtures.js';

async function generated(ctx = setup(), periodDays = 30) {
  const g = (await ctx.spark.generateCode({ creator: creator(), video: video(), periodDays })).unwrap();
  return { ...ctx, g };
}
const violationCodes = (r: { isErr(): boolean; error?: unknown }) =>
  r.isErr() ? ((r as { error: { violations?: { code: string }[] } }).error.violations ?? []).map((v) => v.code) : [];

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
  test('SPARK-09 decision: one code in force per video; refused with every other violation too', async () => {
    const { spark } = await generated();
    const again = await spark.generateCode({ creator: creator({ followerCount: 1 }), video: video(), periodDays: 30 });
    expect(violationCodes(again)).toEqual(['spark.not_enough_followers', 'spark.code_already_in_force']);
    // Allowed by every other rule: the store's atomic check answers, with the same violation.
    const { spark: s2, g, store } = await generated();
    const before = (await store.readEvents()).length;
    const alone = await s2.generateCode({ creator: creator(), video: video(), periodDays: 30 });
    expect(violationCodes(alone)).toEqual(['spark.code_already_in_force']);
    expect(alone.isErr() && alone.error.code === 'denied' && alone.error.violations[0].details).toEqual({ codeId: g.summary.id, expiresAt: g.summary.expiresAt });
    expect((await store.readEvents()).length).toBe(before);
    const other = await spark.generateCode({ creator: creator(), video: video({ id: 'video-2' }), periodDays: 30 });
    expect(other.isOk()).toBe(true);
  });
  test('SPARK-10 after revocation the creator can generate a fresh code for the video', async () => {
    const { spark, g } = await generated();
    await spark.revokeCode({ creatorId: 'creator-1', codeId: g.summary.id });
    const fresh = await spark.generateCode({ creator: creator(), video: video(), periodDays: 60 });
    expect(fresh.unwrap().code).not.toBe(g.code);
  });
  test('SPARK-11 after expiry the creator can generate a fresh code for the video', async () => {
    const { spark, clock } = await generated(undefined, 7);
    clock.advance(7 * DAY_MS);
    expect((await spark.generateCode({ creator: creator(), video: video(), periodDays: 7 })).isOk()).toBe(true);
  });
  test('a secret shorter than 32 bytes is a programmer error', () => {
    expect(() => createSparkCodes({ store: memoryStore(), codeSecret: 'short' })).toThrow(TypeError);
  });
});

describe('showCode', () => {
  test('SPARK-09 the creator can see and copy the code again; the store never holds it', async () => {
    const { spark, store, g } = await generated();
    const shown = (await spark.showCode({ creatorId: 'creator-1', codeId: g.summary.id })).unwrap();
    expect(shown.code).toBe(g.code);
    const stored = JSON.stringify([await store.getCode(g.summary.id), await store.readEvents()]);
    expect(stored).not.toContain(g.code.slice(1));
    expect(stored).not.toContain(g.code.slice(1, 20));
  });
  test('SPARK-09 another creator is told the code does not exist', async () => {
    const { spark, g } = await generated();
    const r = await spark.showCode({ creatorId: 'creator-2', codeId: g.summary.id });
    expect(r.isErr() && r.error.code).toBe('not_found');
  });
  test('SPARK-09 a service with another secret cannot show it (but it still works for advertisers)', async () => {
    const { store, clock, g } = await generated();
    const other = createSparkCodes({ store, clock, codeSecret: 'another-secret-that-is-32-chars-long!!' });
    expect(violationCodes(await other.showCode({ creatorId: 'creator-1', codeId: g.summary.id }))).toEqual(['spark.code_not_recoverable']);
    expect((await other.searchCode({ advertiser: advertiser(), code: g.code })).isOk()).toBe(true);
  });
  test('SPARK-10 SPARK-11 a revoked or expired code is not shown', async () => {
    const { spark, clock, g } = await generated(undefined, 7);
    clock.advance(7 * DAY_MS);
    expect(violationCodes(await spark.showCode({ creatorId: 'creator-1', codeId: g.summary.id }))).toEqual(['spark.code_expired']);
    const g2 = (await spark.generateCode({ creator: creator(), video: video(), periodDays: 7 })).unwrap();
    await spark.revokeCode({ creatorId: 'creator-1', codeId: g2.summary.id });
    expect(violationCodes(await spark.showCode({ creatorId: 'creator-1', codeId: g2.summary.id }))).toEqual(['spark.code_revoked']);
  });
});

describe('searchCode and confirmCode', () => {
  test('ADV-02 search shows creator name, thumbnail and content, and grants nothing', async () => {
    const { spark, store, g } = await generated();
    const found = (await spark.searchCode({ advertiser: advertiser(), code: `  ${g.code}\n` })).unwrap();
    expect(found.preview).toEqual({ creatorId: 'creator-1', creatorName: 'Dana Creator', videoId: 'video-1', title: 'Morning routine' });
    expect(found.status).toBe('NOT_USED');
    expect(await store.listLibrary('adacc-1' as never)).toEqual([]);
  });
  test('ADV-02 confirm adds the post to the library; confirming again is idempotent', async () => {
    const { spark, store, g } = await generated();
    const first = (await spark.confirmCode({ advertiser: advertiser(), code: g.code, userId: 'user-7' })).unwrap();
    expect(first.added).toBe(true);
    expect(first.entry).toMatchObject({ adAccountId: 'adacc-1', codeId: g.summary.id, videoId: 'video-1', confirmedBy: { kind: 'user', id: 'user-7' } });
    const second = (await spark.confirmCode({ advertiser: advertiser(), code: g.code })).unwrap();
    expect(second).toEqual({ entry: first.entry, added: false });
    expect(await store.listLibrary('adacc-1' as never)).toHaveLength(1);
    expect((await spark.codeStatus({ codeId: g.summary.id })).unwrap().status).toBe('IN_USE');
  });
  test('ADV-02 decision: multi-account by default, single use when configured', async () => {
    const { spark, g } = await generated();
    await spark.confirmCode({ advertiser: advertiser(), code: g.code });
    expect((await spark.confirmCode({ advertiser: advertiser({ adAccountId: 'adacc-2' }), code: g.code })).unwrap().added).toBe(true);
    const single = await generated(setup({ policy: definePolicy({ confirmMode: 'single-use' }).unwrap() }));
    await single.spark.confirmCode({ advertiser: advertiser(), code: single.g.code });
    expect(violationCodes(await single.spark.confirmCode({ advertiser: advertiser({ adAccountId: 'adacc-2' }), code: single.g.code }))).toEqual(['spark.code_already_used']);
    expect(violationCodes(await single.spark.searchCode({ advertiser: advertiser({ adAccountId: 'adacc-2' }), code: single.g.code }))).toEqual(['spark.code_already_used']);
    expect((await single.spark.confirmCode({ advertiser: advertiser(), code: single.g.code })).unwrap().added).toBe(false);
  });
  test('ADV-01 the advertiser\'s own problems are reported with the code\'s', async () => {
    const { spark, g } = await generated();
    expect(violationCodes(await spark.confirmCode({ advertiser: advertiser({ hasActivePaymentMethod: false }), code: g.code }))).toEqual(['spark.no_active_payment_method']);
    expect(violationCodes(await spark.searchCode({ advertiser: advertiser({ hasCreativeLibraryAccess: false }), code: '#nope' }))).toEqual(['spark.no_creative_library_access', 'spark.code_malformed']);
  });
  test('ADV-03 malformed, mistyped, unknown, revoked and expired codes get distinct answers and API codes', async () => {
    const { spark, clock, g } = await generated(undefined, 7);
    const search = (code: string) => spark.searchCode({ advertiser: advertiser(), code });
    const malformed = await search(g.code.slice(1));
    const i = 10;
    const typo = g.code.slice(0, i) + (g.code[i] === 'A' ? 'B' : 'A') + g.code.slice(i + 1);
    const mistyped = await search(typo);
    const unknown = await search(setup({ seed: 99 }).spark && (await setup({ seed: 99 }).spark.generateCode({ creator: creator(), video: video(), periodDays: 7 })).unwrap().code);
    expect(violationCodes(malformed)).toEqual(['spark.code_malformed']);
    expect(violationCodes(mistyped)).toEqual(['spark.code_mistyped']);
    expect(violationCodes(unknown)).toEqual(['spark.code_not_found']);
    expect(malformed.isErr() && toBusinessApiError(malformed.error)).toEqual({ code: 4013, name: 'auth_code_format_error' });
    expect(mistyped.isErr() && toBusinessApiError(mistyped.error)).toEqual({ code: 4013, name: 'auth_code_format_error' });
    expect(unknown.isErr() && toBusinessApiError(unknown.error)).toEqual({ name: 'auth_code_not_found' });
    clock.advance(7 * DAY_MS);
    const expired = await search(g.code);
    expect(violationCodes(expired)).toEqual(['spark.code_expired']);
    expect(expired.isErr() && toBusinessApiError(expired.error)).toEqual({ code: 4025, name: 'auth_code_expired' });
    const g2 = (await spark.generateCode({ creator: creator(), video: video(), periodDays: 7 })).unwrap();
    await spark.revokeCode({ creatorId: 'creator-1', codeId: g2.summary.id });
    const revoked = await search(g2.code);
    expect(violationCodes(revoked)).toEqual(['spark.code_revoked']);
    expect(revoked.isErr() && toBusinessApiError(revoked.error)).toBeUndefined();
  });
  test('ADV-03 an unknown code reveals nothing about other codes', async () => {
    const { spark, g } = await generated();
    const unknown = await spark.searchCode({ advertiser: advertiser(), code: (await setup({ seed: 5 }).spark.generateCode({ creator: creator(), video: video(), periodDays: 30 })).unwrap().code });
    const text = JSON.stringify(unknown);
    for (const secretBit of [g.summary.id, 'creator-1', 'video-1', 'Dana', g.summary.fingerprint]) expect(text).not.toContain(secretBit);
  });
  test('ADV-03 brute force: 100 failed searches per rolling hour per ad account, then refused until the window allows', async () => {
    const { spark, clock, g } = await generated();
    for (let i = 0; i < 100; i++) {
      const r = await spark.searchCode({ advertiser: advertiser(), code: `#bad${i}` });
      expect(r.isErr() && r.error.code).toBe('denied');
      clock.advance(1000);
    }
    const refused = await spark.searchCode({ advertiser: advertiser(), code: g.code });
    expect(refused.isErr() && refused.error.code).toBe('spark.search_throttled');
    const retryAt = refused.isErr() && refused.error.code === 'spark.search_throttled' ? refused.error.retryAt : T0;
    expect(retryAt.toISOString()).toBe(new Date(T0.getTime() + HOUR_MS).toISOString());
    expect((await spark.searchCode({ advertiser: advertiser({ adAccountId: 'adacc-other' }), code: g.code })).isOk()).toBe(true);
    clock.set(retryAt);
    expect((await spark.searchCode({ advertiser: advertiser(), code: g.code })).isOk()).toBe(true);
  });
  test('ADV-03 successful searches are not counted toward the throttle', async () => {
    const { spark, g } = await generated(setup({ policy: definePolicy({ maxFailedSearches: 2 }).unwrap() }));
    for (let i = 0; i < 50; i++) expect((await spark.searchCode({ advertiser: advertiser(), code: g.code })).isOk()).toBe(true);
    await spark.searchCode({ advertiser: advertiser(), code: '#x' });
    expect((await spark.searchCode({ advertiser: advertiser(), code: g.code })).isOk()).toBe(true);
  });
});

describe('revokeCode and expireDue', () => {
  test('SPARK-10 revoke deactivates the code; revoking again is idempotent', async () => {
    const { spark, g } = await generated();
    const r1 = (await spark.revokeCode({ creatorId: 'creator-1', codeId: g.summary.id })).unwrap();
    expect(r1).toMatchObject({ revoked: true, summary: { status: 'DELETED', inForce: false } });
    const r2 = (await spark.revokeCode({ creatorId: 'creator-1', codeId: g.summary.id })).unwrap();
    expect(r2.revoked).toBe(false);
    expect(violationCodes(await spark.confirmCode({ advertiser: advertiser(), code: g.code }))).toEqual(['spark.code_revoked']);
  });
  test('SPARK-10 only the creator of the code can revoke it', async () => {
    const { spark, g } = await generated();
    const r = await spark.revokeCode({ creatorId: 'creator-2', codeId: g.summary.id });
    expect(r.isErr() && r.error.code).toBe('not_found');
    expect((await spark.codeStatus({ codeId: g.summary.id })).unwrap().status).toBe('NOT_USED');
  });
  test('SPARK-11 the sweep records each expiry once, with an event; status is derived even before it runs', async () => {
    const { spark, store, clock, g } = await generated(undefined, 7);
    clock.advance(7 * DAY_MS - 1);
    expect((await spark.expireDue()).unwrap()).toEqual([]);
    clock.advance(1);
    expect((await spark.codeStatus({ codeId: g.summary.id })).unwrap().status).toBe('EXPIRED');
    const swept = (await spark.expireDue()).unwrap();
    expect(swept.map((s) => s.id)).toEqual([g.summary.id]);
    expect((await spark.expireDue()).unwrap()).toEqual([]);
    const expiredEvents = (await store.readEvents()).filter((e) => e.type === 'spark.code_expired');
    expect(expiredEvents).toHaveLength(1);
    expect(expiredEvents[0]!.actor).toEqual({ kind: 'system', id: 'system' });
  });
  test('SPARK-11 a code revoked before its expiry is not swept as expired', async () => {
    const { spark, clock, g } = await generated(undefined, 7);
    await spark.revokeCode({ creatorId: 'creator-1', codeId: g.summary.id });
    clock.advance(8 * DAY_MS);
    expect((await spark.expireDue()).unwrap()).toEqual([]);
  });
});

describe('queries', () => {
  test('codes of a creator, library of an ad account, codes expiring within a window', async () => {
    const { spark, clock, g } = await generated(undefined, 7);
    const g2 = (await spark.generateCode({ creator: creator(), video: video({ id: 'video-2' }), periodDays: 30 })).unwrap();
    await spark.confirmCode({ advertiser: advertiser(), code: g.code });
    expect((await spark.listCreatorCodes('creator-1')).unwrap().map((c) => c.id)).toEqual([g2.summary.id, g.summary.id]);
    expect((await spark.listLibrary('adacc-1')).unwrap()).toMatchObject([{ codeId: g.summary.id, inForce: true }]);
    expect((await spark.listExpiring({ withinMs: 8 * DAY_MS })).unwrap().map((c) => c.id)).toEqual([g.summary.id]);
    expect((await spark.listExpiring({ withinMs: 31 * DAY_MS })).unwrap().map((c) => c.id)).toEqual([g.summary.id, g2.summary.id]);
    clock.advance(7 * DAY_MS);
    expect((await spark.listLibrary('adacc-1')).unwrap()).toMatchObject([{ codeId: g.summary.id, inForce: false }]);
    expect((await spark.listExpiring({ withinMs: 31 * DAY_MS })).unwrap().map((c) => c.id)).toEqual([g2.summary.id]);
  });
});

describe('X-02 every state change is an event, in order, without the code', () => {
  test('generate, confirm, failed search, revoke and expiry each write their event', async () => {
    const { spark, store, clock, g } = await generated(undefined, 7);
    await spark.confirmCode({ advertiser: advertiser(), code: g.code });
    await spark.confirmCode({ advertiser: advertiser(), code: g.code }); // idempotent: no event
    await spark.searchCode({ advertiser: advertiser(), code: '#x' });
    const g2 = (await spark.generateCode({ creator: creator(), video: video({ id: 'video-2' }), periodDays: 7 })).unwrap();
    await spark.revokeCode({ creatorId: 'creator-1', codeId: g2.summary.id });
    await spark.revokeCode({ creatorId: 'creator-1', codeId: g2.summary.id }); // idempotent: no event
    clock.advance(7 * DAY_MS);
    await spark.expireDue();
    const events: readonly DomainEvent[] = await store.readEvents();
    expect(events.map((e) => e.type)).toEqual([
      'spark.code_generated', 'spark.authorization_confirmed', 'spark.code_search_failed', 'spark.code_generated', 'spark.code_revoked', 'spark.code_expired',
    ]);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(new Set(events.map((e) => e.id)).size).toBe(6);
    expect(events[1]).toMatchObject({ actor: { kind: 'advertiser', id: 'adacc-1' }, subject: { kind: 'ad_code', id: g.summary.id } });
    expect(events[0]!.data).toMatchObject({ fingerprint: g.summary.fingerprint });
    const text = JSON.stringify(events);
    for (const c of [g.code, g2.code]) expect(text).not.toContain(c.slice(6, -5));
  });
});

describe('X-03 bad input is refused with the field named, and nothing is stored', () => {
  const cases: [string, unknown, string][] = [
    ['wrong type', { creator: creator({ followerCount: '10000' }), video: video(), periodDays: 30 }, 'creator.followerCount'],
    ['unknown key', { creator: creator({ isAdmin: true } as never), video: video(), periodDays: 30 }, 'creator.isAdmin'],
    ['__proto__ key', JSON.parse(`{"creator": ${JSON.stringify(creator())}, "video": ${JSON.stringify(video())}, "periodDays": 30, "__proto__": {"polluted": true}}`), '__proto__'],
    ['huge string', { creator: creator({ displayName: 'x'.repeat(100_000) }), video: video(), periodDays: 30 }, 'creator.displayName'],
    ['control characters', { creator: creator({ displayName: 'a\u0000b' }), video: video(), periodDays: 30 }, 'creator.displayName'],
    ['fractional period', { creator: creator(), video: video(), periodDays: 7.5 }, 'periodDays'],
    ['missing field', { creator: creator(), periodDays: 30 }, 'video'],
    ['not an object', 'creator-1', '(input)'],
    ['bad id', { creator: creator({ id: 'has space' }), video: video(), periodDays: 30 }, 'creator.id'],
    ['bad url', { creator: creator(), video: video({ thumbnailUrl: 'javascript:alert(1)' }), periodDays: 30 }, 'video.thumbnailUrl'],
  ];
  test.each(cases)('generateCode: %s', async (_name, input, path) => {
    const { spark, store } = setup();
    const r = await spark.generateCode(input);
    expect(r.isErr() && r.error.code).toBe('validation');
    expect(r.isErr() && r.error.code === 'validation' && r.error.issues.map((i) => i.path)).toContain(path);
    expect(await store.readEvents()).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  test('every entry point validates', async () => {
    const { spark, store, g } = await generated();
    const before = await store.readEvents();
    const results = [
      await spark.showCode({ creatorId: 'creator-1' }),
      await spark.searchCode({ advertiser: advertiser({ adAccountId: 7 }), code: g.code }),
      await spark.searchCode({ advertiser: advertiser(), code: 'x'.repeat(2000) }),
      await spark.confirmCode({ advertiser: advertiser(), code: g.code, extra: 1 }),
      await spark.revokeCode({ creatorId: 'creator-1', codeId: '' }),
      await spark.codeStatus({ codeId: g.summary.id, at: new Date('nope') }),
      await spark.listCreatorCodes(42),
      await spark.listLibrary(null),
      await spark.listExpiring({ withinMs: -1 }),
      await spark.expireDue({ limit: 0 }),
    ];
    for (const r of results) expect(r.isErr() && r.error.code).toBe('validation');
    expect(await store.readEvents()).toEqual(before);
  });
});

describe('storage failures', () => {
  test('X-03 a store that throws becomes a storage error', async () => {
    const store = memoryStore();
    const broken = { ...store, insertCode: async () => { throw new Error('connection reset'); } };
    const spark = createSparkCodes({ store: broken, codeSecret: SECRET });
    const r = await spark.generateCode({ creator: creator(), video: video(), periodDays: 30 });
    expect(r.isErr() && r.error.code).toBe('storage');
    expect(r.isErr() && r.error.message).toMatch(/connection reset/);
    expect(await store.readEvents()).toEqual([]);
  });
});
