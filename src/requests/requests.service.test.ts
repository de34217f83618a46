import { describe, expect, test } from 'vitest';
import { createBrandRequests, DAY_MS, definePolicy, HOUR_MS, type Policy } from '../index.js';
import { brandRequestsTable, codesTable, libraryTable } from '../storage/tables.js';
import { adsSetup, advertiser, creator, T0, video } from '../../test/fixtures.js';

/** Bad input on purpose: what a JavaScript caller (or a cast) can pass; the types would refuse it. */
const unchecked = (input: unknown) => input as never;
const codesOf = (r: { isErr(): boolean; error?: unknown }) =>
  r.isErr() ? ((r as { error: { violations?: { code: string }[] } }).error.violations ?? []).map((v) => v.code) : [];
const errorOf = (r: { isErr(): boolean; error?: unknown }) => (r.isErr() ? (r.error as { code: string }).code : 'ok');

const ACC = 'adacc-1';
const CREATOR = 'creator-r';
const dana = creator({ id: CREATOR, displayName: 'Dana' });
const clip = (id = 'video-r') => video({ id, ownerId: CREATOR, title: 'Clip' });

/** Spark codes, ads and brand requests over one memory store and one manual clock. */
function setup(policy: Policy = definePolicy().unwrap()) {
  const s = adsSetup({ policy });
  const requests = createBrandRequests({ store: s.store, clock: s.clock, policy });
  const ask = (overrides: Record<string, unknown> = {}) =>
    requests.requestAuthorization(
      unchecked({ advertiser: { adAccountId: ACC }, creatorId: CREATOR, videoId: 'video-r', ...overrides }),
    );
  const accept = (requestId: string, overrides: Record<string, unknown> = {}) =>
    requests.acceptRequest(unchecked({ creatorId: CREATOR, requestId, creator: dana, video: clip(), ...overrides }));
  return { ...s, requests, ask, accept };
}

describe('REQ-01 a brand request: PENDING → ACCEPTED | DECLINED | EXPIRED | CANCELLED', () => {
  test('a request asks for 365 days by default and is pending for 7 days, then EXPIRED (derived)', async () => {
    const s = setup();
    const r = (await s.ask({ note: 'For our spring launch' })).unwrap();
    expect(r).toMatchObject({ status: 'PENDING', periodDays: 365, adAccountId: ACC, requestedAt: T0 });
    expect(r.expiresAt.getTime() - T0.getTime()).toBe(7 * DAY_MS);
    s.clock.set(new Date(r.expiresAt.getTime() - 1));
    expect((await s.requests.listRequests({ adAccountId: ACC })).unwrap()[0]?.status).toBe('PENDING');
    s.clock.set(r.expiresAt);
    expect((await s.requests.listRequests({ adAccountId: ACC })).unwrap()[0]?.status).toBe('EXPIRED');
    expect(codesOf(await s.accept(r.id))).toEqual(['request.not_pending']);
  });

  test('a period that is not allowed is refused (request.period_not_allowed), nothing stored', async () => {
    const s = setup();
    expect(codesOf(await s.ask({ periodDays: 45 }))).toEqual(['request.period_not_allowed']);
    // A default that the policy does not allow is refused too.
    const t = setup(definePolicy({ authorizationPeriodsDays: [7, 30] }).unwrap());
    expect(codesOf(await t.ask())).toEqual(['request.period_not_allowed']);
    expect((await s.store.list(brandRequestsTable, 'byAdAccount', { eq: [ACC] })).length).toBe(0);
  });

  test('the creator declines, the ad account cancels; each answer once (request.not_pending)', async () => {
    const s = setup();
    const a = (await s.ask()).unwrap();
    const b = (await s.ask({ videoId: 'video-2' })).unwrap();
    const declined = (await s.requests.declineRequest({ creatorId: CREATOR, requestId: a.id, reason: 'No' })).unwrap();
    expect(declined).toMatchObject({ status: 'DECLINED', declineReason: 'No' });
    const cancelled = (await s.requests.cancelRequest({ adAccountId: ACC, userId: 'u-1', requestId: b.id })).unwrap();
    expect(cancelled).toMatchObject({ status: 'CANCELLED', cancelledBy: { kind: 'user', id: 'u-1' } });
    expect(codesOf(await s.requests.cancelRequest({ adAccountId: ACC, requestId: a.id }))).toEqual([
      'request.not_pending',
    ]);
    expect(codesOf(await s.accept(b.id, { video: clip('video-2') }))).toEqual(['request.not_pending']);
    expect(codesOf(await s.requests.declineRequest({ creatorId: CREATOR, requestId: b.id }))).toEqual([
      'request.not_pending',
    ]);
    const types = (await s.store.readEvents()).map((e) => e.type).filter((t) => t.startsWith('request.'));
    expect(types).toEqual(['request.created', 'request.created', 'request.declined', 'request.cancelled']);
  });

  test("another party's request is reported as not found", async () => {
    const s = setup();
    const r = (await s.ask()).unwrap();
    expect(errorOf(await s.requests.cancelRequest({ adAccountId: 'adacc-other', requestId: r.id }))).toBe('not_found');
    expect(errorOf(await s.requests.declineRequest({ creatorId: 'someone', requestId: r.id }))).toBe('not_found');
    expect(errorOf(await s.accept(r.id, { creatorId: 'someone' }))).toBe('not_found');
    expect(errorOf(await s.accept('breq_missing'))).toBe('not_found');
  });

  test('listRequests: by creator or ad account, newest first, by status, limited', async () => {
    const s = setup();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await s.ask({ videoId: `video-${i}` })).unwrap().id);
      s.clock.advance(HOUR_MS);
    }
    (await s.requests.cancelRequest({ adAccountId: ACC, requestId: ids[1]! })).unwrap();
    const all = (await s.requests.listRequests({ creatorId: CREATOR })).unwrap();
    expect(all.map((r) => r.id)).toEqual([...ids].reverse());
    const pending = (await s.requests.listRequests({ adAccountId: ACC }, { status: 'PENDING', limit: 2 })).unwrap();
    expect(pending.map((r) => r.id)).toEqual([ids[4], ids[3]]);
    const cancelled = (await s.requests.listRequests({ adAccountId: ACC }, { status: 'CANCELLED' })).unwrap();
    expect(cancelled.map((r) => r.id)).toEqual([ids[1]]);
    expect((await s.requests.listRequests({ adAccountId: 'nobody' })).unwrap()).toEqual([]);
  });
});

describe('REQ-02 at most 30 pending requests per ad account (configurable)', () => {
  test('the 31st pending request is refused; a cancelled or expired one frees a place', async () => {
    const s = setup();
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push((await s.ask({ videoId: `v-${i}` })).unwrap().id);
    const refused = await s.ask({ videoId: 'v-30' });
    expect(codesOf(refused)).toEqual(['request.too_many_pending']);
    expect(codesOf(await s.ask({ videoId: 'v-30', periodDays: 45 }))).toEqual([
      'request.period_not_allowed',
      'request.too_many_pending',
    ]);
    // Another ad account is not affected.
    expect((await s.ask({ advertiser: { adAccountId: 'adacc-2' } })).isOk()).toBe(true);
    (await s.requests.cancelRequest({ adAccountId: ACC, requestId: ids[0]! })).unwrap();
    expect((await s.ask({ videoId: 'v-31' })).isOk()).toBe(true);
    expect(codesOf(await s.ask({ videoId: 'v-32' }))).toEqual(['request.too_many_pending']);
    s.clock.advance(7 * DAY_MS);
    expect((await s.ask({ videoId: 'v-33' })).isOk()).toBe(true);
  });

  test('the cap is the policy maxPendingRequests', async () => {
    const s = setup(definePolicy({ maxPendingRequests: 2, requestLifetimeMs: HOUR_MS }).unwrap());
    (await s.ask()).unwrap();
    const second = (await s.ask()).unwrap();
    expect(second.expiresAt.getTime() - second.requestedAt.getTime()).toBe(HOUR_MS);
    expect(codesOf(await s.ask())).toEqual(['request.too_many_pending']);
  });
});

describe('REQ-03 accepting authorizes that ad account only, with no shareable code; every later rule applies', () => {
  test('acceptance makes an authorization of origin REQUEST in the requesting library only', async () => {
    const s = setup();
    const r = (await s.ask({ periodDays: 30 })).unwrap();
    s.clock.advance(HOUR_MS);
    const at = s.clock.now();
    const { request, authorization, entry } = (await s.accept(r.id)).unwrap();
    expect(request).toMatchObject({ status: 'ACCEPTED', acceptedAt: at, codeId: authorization.id });
    expect(authorization).toMatchObject({
      origin: 'REQUEST',
      creatorId: CREATOR,
      videoId: 'video-r',
      periodDays: 30,
      generatedAt: at,
      expiresAt: new Date(at.getTime() + 30 * DAY_MS),
      firstConfirmedAt: at,
      fingerprint: `request ${r.id}`,
      preview: { creatorName: 'Dana', title: 'Clip' },
    });
    expect(authorization.digest).toBeUndefined();
    expect(authorization.nonce).toBeUndefined();
    expect(entry).toMatchObject({ adAccountId: ACC, codeId: authorization.id, expiresAt: authorization.expiresAt });
    expect((await s.store.list(libraryTable, 'byCode', { eq: [authorization.id] })).map((e) => e.adAccountId)).toEqual([
      ACC,
    ]);
    expect((await s.spark.codeStatus({ codeId: authorization.id })).unwrap()).toMatchObject({
      status: 'IN_USE',
      inForce: true,
    });
    expect((await s.spark.listLibrary(ACC)).unwrap().map((e) => e.codeId)).toEqual([authorization.id]);
    const accepted = (await s.store.readEvents()).find((e) => e.type === 'request.accepted');
    expect(accepted?.data).toMatchObject({ requestId: r.id, codeId: authorization.id, adAccountId: ACC });
  });

  test('showCode refuses: there is no code to share (request.no_shareable_code)', async () => {
    const s = setup();
    const { authorization } = (await s.accept((await s.ask()).unwrap().id)).unwrap();
    expect(codesOf(await s.spark.showCode({ creatorId: CREATOR, codeId: authorization.id }))).toEqual([
      'request.no_shareable_code',
    ]);
  });

  test('eligibility is checked at acceptance and every violation listed; nothing stored', async () => {
    const s = setup();
    const r = (await s.ask()).unwrap();
    const refused = await s.accept(r.id, {
      creator: creator({ id: CREATOR, accountType: 'PERSONAL', followerCount: 10 }),
      video: video({ id: 'video-other', ownerId: CREATOR, visibility: 'PRIVATE', music: 'COPYRIGHTED_NOT_IN_CML' }),
    });
    expect(codesOf(refused)).toEqual([
      'request.wrong_video',
      'spark.account_type_not_eligible',
      'spark.not_enough_followers',
      'spark.video_not_public',
      'spark.music_not_cleared',
    ]);
    const wrongCreator = await s.accept(r.id, { creator: creator({ id: 'creator-x' }) });
    expect(codesOf(wrongCreator)).toEqual(['request.wrong_creator', 'spark.video_not_owned']);
    expect((await s.store.list(codesTable, 'byVideo', { eq: ['video-r'] })).length).toBe(0);
    expect((await s.requests.listRequests({ adAccountId: ACC })).unwrap()[0]?.status).toBe('PENDING');
  });

  test('SPARK-12: a code in force for the video blocks acceptance, and an accepted request blocks a code', async () => {
    const s = setup();
    const g = (await s.spark.generateCode({ creator: dana, video: clip(), periodDays: 7 })).unwrap();
    const r = (await s.ask()).unwrap();
    expect(codesOf(await s.accept(r.id))).toEqual(['spark.code_already_in_force']);
    (await s.spark.revokeCode({ creatorId: CREATOR, codeId: g.summary.id })).unwrap();
    (await s.accept(r.id)).unwrap();
    const again = await s.spark.generateCode({ creator: dana, video: clip(), periodDays: 7 });
    expect(codesOf(again)).toEqual(['spark.code_already_in_force']);
    const second = (await s.ask({ advertiser: { adAccountId: 'adacc-2' } })).unwrap();
    expect(codesOf(await s.accept(second.id))).toEqual(['spark.code_already_in_force']);
  });

  test('SPARK-12 counts codes and accepted requests, not registered platform codes (20 of them, newer)', async () => {
    const s = setup();
    const g = (await s.spark.generateCode({ creator: dana, video: clip(), periodDays: 30 })).unwrap();
    const stored = (await s.store.get(codesTable, g.summary.id))!;
    const { digest: _d, nonce: _n, ...base } = stored;
    await s.store.transaction([], async (tx) => {
      for (let i = 0; i < 20; i++) {
        const at = new Date(T0.getTime() + 1 + Math.floor(i / 3));
        const expiresAt = new Date(at.getTime() + 30 * DAY_MS);
        await tx.insert(codesTable, {
          ...base,
          id: `code_reg_${i}` as typeof base.id,
          origin: 'REGISTERED',
          generatedAt: at,
          expiresAt,
        });
      }
    });
    s.clock.advance(HOUR_MS);
    const r = (await s.ask()).unwrap();
    // The issued code, older than the 20 registered ones, is still found.
    expect(codesOf(await s.accept(r.id))).toEqual(['spark.code_already_in_force']);
    (await s.spark.revokeCode({ creatorId: CREATOR, codeId: g.summary.id })).unwrap();
    // Registered platform codes in force do not block.
    expect((await s.accept(r.id)).isOk()).toBe(true);
  });

  test('ads run on it (AUTH_CODE); revokeCode pauses them; only the requesting ad account may use it', async () => {
    const s = setup();
    const { authorization } = (await s.accept((await s.ask({ periodDays: 30 })).unwrap().id)).unwrap();
    const ad = await s.runningAd(authorization.id);
    expect(ad).toMatchObject({ status: 'RUNNING', authorization: { codeId: authorization.id } });
    const other = await s.ads.createAd(s.adInput(authorization.id, { adAccountId: 'adacc-2' }));
    expect(codesOf(other)).toEqual(['ads.post_not_in_library']);
    // A code-confirm path does not exist for it: nothing to paste.
    const revoked = (await s.spark.revokeCode({ creatorId: CREATOR, codeId: authorization.id })).unwrap();
    expect(revoked.pausedAds.map((a) => a.id)).toEqual([ad.id]);
    expect((await s.ads.getAd({ adAccountId: ACC, adId: ad.id })).unwrap()).toMatchObject({
      status: 'PAUSED',
      statusReason: 'authorization_revoked',
    });
    void advertiser;
  });

  test('spark.expireDue stops its ads at the end of the period', async () => {
    const s = setup();
    const { authorization } = (await s.accept((await s.ask({ periodDays: 7 })).unwrap().id)).unwrap();
    const ad = await s.runningAd(authorization.id);
    s.clock.set(authorization.expiresAt);
    const swept = (await s.spark.expireDue()).unwrap();
    expect(swept.codes.map((c) => c.id)).toEqual([authorization.id]);
    expect(swept.stoppedAds.map((a) => a.id)).toEqual([ad.id]);
    // After the end, a new request for the video can be accepted.
    const again = (await s.ask()).unwrap();
    expect((await s.accept(again.id)).isOk()).toBe(true);
  });
});

describe('REQ-04 the creator ledger: every authorization granted, with who uses it', () => {
  test('codes and accepted requests, newest first, with status, end, ad accounts and ad states', async () => {
    const s = setup();
    // A code confirmed by two ad accounts, one of which runs an ad and pauses another.
    const g = (await s.spark.generateCode({ creator: dana, video: clip('video-c'), periodDays: 30 })).unwrap();
    for (const acc of [ACC, 'adacc-2'])
      (await s.spark.confirmCode({ advertiser: advertiser({ adAccountId: acc }), code: g.code })).unwrap();
    const running = await s.runningAd(g.summary.id);
    const paused = await s.runningAd(g.summary.id);
    (await s.ads.pause({ adAccountId: ACC, adId: paused.id })).unwrap();
    (await s.ads.createAd(s.adInput(g.summary.id))).unwrap(); // a draft
    s.clock.advance(HOUR_MS);
    // An accepted request, revoked.
    const r = (await s.ask({ periodDays: 7 })).unwrap();
    const { authorization } = (await s.accept(r.id)).unwrap();
    (await s.spark.revokeCode({ creatorId: CREATOR, codeId: authorization.id })).unwrap();

    const ledger = (await s.requests.creatorLedger({ creatorId: CREATOR })).unwrap();
    expect(ledger.nextCursor).toBeUndefined();
    expect(ledger.entries.map((e) => [e.origin, e.status])).toEqual([
      ['REQUEST', 'REVOKED'],
      ['CODE', 'IN_FORCE'],
    ]);
    const [req, code] = ledger.entries;
    expect(req).toMatchObject({
      requestId: r.id,
      apiStatus: 'DELETED',
      inForce: false,
      adAccounts: [{ adAccountId: ACC }],
      ads: { created: 0, running: 0, paused: 0, stopped: 0 },
    });
    expect(code).toMatchObject({
      codeId: g.summary.id,
      periodDays: 30,
      endsAt: g.summary.expiresAt,
      extensions: 0,
      ads: { created: 3, running: 1, paused: 1, stopped: 0 },
    });
    expect(code?.adAccounts.map((a) => a.adAccountId)).toEqual([ACC, 'adacc-2']);
    expect(code?.adRefs.map((a) => a.id)).toContain(running.id);

    // At the end of the code's period the ledger reads the expiry without a sweep.
    s.clock.set(g.summary.expiresAt);
    const later = (await s.requests.creatorLedger({ creatorId: CREATOR })).unwrap();
    // Running and paused ads stop at the end (ADV-06); the draft stays a draft.
    expect(later.entries[1]).toMatchObject({
      status: 'EXPIRED',
      ads: { created: 3, running: 0, paused: 0, stopped: 2 },
    });
  });

  test('paged by cursor, authorizations made in the same millisecond included once each', async () => {
    const s = setup(definePolicy({ maxPendingRequests: 100 }).unwrap());
    const made: string[] = [];
    for (let i = 0; i < 7; i++) {
      const r = (await s.ask({ videoId: `video-${i}`, periodDays: 7 })).unwrap();
      const accepted = await s.accept(r.id, { video: video({ id: `video-${i}`, ownerId: CREATOR }) });
      made.push(accepted.unwrap().authorization.id);
      if (i % 3 === 2) s.clock.advance(1); // three in one millisecond, then the next instant
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = (
        await s.requests.creatorLedger({ creatorId: CREATOR, limit: 2, ...(cursor ? { cursor } : {}) })
      ).unwrap();
      seen.push(...page.entries.map((e) => e.codeId));
      cursor = page.nextCursor;
      if (cursor === undefined) break;
    }
    expect([...seen].sort()).toEqual([...made].sort());
    expect(new Set(seen).size).toBe(7);
  });
});

describe('REQ-01 REQ-03 REQ-04 bad input: a validation error naming the field, nothing stored', () => {
  test.each([
    ['advertiser.adAccountId', { advertiser: { adAccountId: '' } }],
    ['periodDays', { periodDays: 1.5 }],
    ['note', { note: 'a\u0000b' }],
    ['videoId', { videoId: 'has space' }],
    ['extra', { extra: 1 }],
  ])('requestAuthorization: %s', async (field, overrides) => {
    const s = setup();
    const r = await s.ask(overrides);
    expect(errorOf(r)).toBe('validation');
    const issues = (r as unknown as { error: { issues: { path: (string | number)[] }[] } }).error.issues;
    expect(issues.map((i) => i.path.join('.'))).toContain(field);
    expect((await s.store.list(brandRequestsTable, 'byAdAccount', { eq: [ACC] })).length).toBe(0);
    expect(await s.store.readEvents()).toEqual([]);
  });

  test('acceptRequest, listRequests and creatorLedger name the field', async () => {
    const s = setup();
    const r = (await s.ask()).unwrap();
    const bad = await s.accept(r.id, { video: { ...clip(), visibility: 'SECRET' } });
    expect(errorOf(bad)).toBe('validation');
    expect(JSON.stringify(bad)).toContain('visibility');
    expect((await s.requests.listRequests({ adAccountId: ACC })).unwrap()[0]?.status).toBe('PENDING');
    const list = await s.requests.listRequests({ adAccountId: ACC }, unchecked({ limit: 0 }));
    expect(JSON.stringify(list)).toContain('limit');
    const ledger = await s.requests.creatorLedger(unchecked({ creatorId: CREATOR, cursor: 'nope' }));
    expect(errorOf(ledger)).toBe('validation');
    expect(JSON.stringify(ledger)).toContain('cursor');
  });
});
