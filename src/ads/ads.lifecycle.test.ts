import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { createBusinessCenterLinks, definePolicy, dependencyViolations, seededRandom } from '../index.js';
import type { AdView } from '../model.js';
import { lifecycleReason } from './ads.rules.js';
import { adsSetup } from '../../test/fixtures.js';
import { adsTable } from '../storage/tables.js';

const NUM_RUNS = Number(process.env.FC_NUM_RUNS ?? 25);
const SPARK = ['EXISTING_POSTS', 'PUBLISH_NEW_VIDEOS', 'SHOW_THROUGH_ADS_ONLY'];
const admin = { userId: 'bc-admin', role: 'ADMIN' } as const;
const codesOf = (r: { isErr(): boolean; error?: unknown }) =>
  r.isErr() ? ((r as { error: { violations?: { code: string }[] } }).error.violations ?? []).map((v) => v.code) : [];
const ref = (ad: Pick<AdView, 'adAccountId' | 'id'>) => ({ adAccountId: ad.adAccountId, adId: ad.id });

/** Ads, Spark codes and Business Center links over one store. */
function setup(opts: Parameters<typeof adsSetup>[0] = {}) {
  const s = adsSetup(opts);
  const bc = createBusinessCenterLinks({ store: s.store, clock: s.clock, random: seededRandom(11), policy: s.policy });
  /** Links `accountId` to `bcId` by QR code with `permissions`, assigned to `adAccountId`. */
  async function link(accountId = 'tt-1', adAccountId = 'adacc-1', bcId = 'bc-1', permissions = SPARK) {
    const businessCenter = { id: bcId, verified: true };
    const started = (
      await bc.startLinkRequest({
        businessCenter,
        member: admin,
        permissionLevel: 'DELIVER_ADS',
        permissions,
        assignTo: { id: adAccountId, businessCenterId: bcId },
      })
    ).unwrap();
    const account = { id: accountId, accountType: 'CREATOR', isPrivate: false, inAnyBusinessCenter: false } as const;
    const approved = (await bc.approveLinkRequest({ token: started.qrToken, account, userId: 'creator' })).unwrap();
    return { linkId: approved.link.id, businessCenter, member: admin };
  }
  const bcAd = (accountId = 'tt-1', over: Record<string, unknown> = {}) =>
    s.adInput('x', { identity: { type: 'BC_AUTH_TT', identityId: accountId }, videoId: 'v-bc', ...over });
  /** A BC_AUTH_TT ad moved to `to`. */
  async function bcAdAt(to: 'DRAFT' | 'IN_REVIEW' | 'APPROVED' | 'RUNNING' | 'PAUSED', over = {}, accountId = 'tt-1') {
    const ad = (await s.ads.createAd(bcAd(accountId, over))).unwrap();
    if (to === 'DRAFT') return ad;
    (await s.ads.submit(ref(ad))).unwrap();
    if (to === 'IN_REVIEW') return ad;
    (await s.ads.review({ ...ref(ad), approved: true })).unwrap();
    if (to === 'APPROVED') return ad;
    (await s.ads.start(ref(ad))).unwrap();
    if (to === 'RUNNING') return ad;
    return (await s.ads.pause(ref(ad))).unwrap();
  }
  const statusOf = async (ad: AdView) => {
    const got = (await s.ads.getAd(ref(ad))).unwrap();
    return { status: got.status, reason: got.statusReason };
  };
  const eventsAfter = async (seq: number) => s.store.readEvents({ after: seq, limit: 10_000 });
  const lastSeq = async () => {
    const all = await s.store.readEvents({ after: 0, limit: 10_000 });
    return all.at(-1)?.seq ?? 0;
  };
  return { ...s, bc, link, bcAd, bcAdAt, statusOf, eventsAfter, lastSeq };
}

describe('LIFE-02 availability of a BC_AUTH_TT identity comes from the records', () => {
  test('an account linked, assigned to the ad account, with the Spark Ads permissions can deliver', async () => {
    const s = setup();
    await s.link();
    const ad = await s.bcAdAt('RUNNING');
    expect(await s.statusOf(ad)).toEqual({ status: 'RUNNING', reason: undefined });
  });

  test('no link, a link assigned elsewhere, or a link without Publish new videos: unavailable', async () => {
    const s = setup();
    expect(codesOf(await s.ads.createAd(s.bcAd()))).toEqual(['ads.identity_unavailable']);
    await s.link('tt-1', 'adacc-other');
    expect(codesOf(await s.ads.createAd(s.bcAd()))).toEqual(['ads.identity_unavailable']);
    await s.link('tt-2', 'adacc-1', 'bc-1', ['EXISTING_POSTS']);
    const r = await s.ads.createAd(s.bcAd('tt-2'));
    expect(codesOf(r)).toEqual(['ads.identity_unavailable']);
    const v = r.isErr() && r.error.code === 'denied' ? r.error.violations[0] : undefined;
    expect(v).toMatchObject({ rule: 'LIFE-02', details: { reason: 'permission_withdrawn' } });
    expect((await s.ads.listAds('adacc-1')).unwrap()).toHaveLength(0);
  });

  test('a caller-asserted `available` flag is refused as bad input', async () => {
    const s = setup();
    const flagged = { type: 'BC_AUTH_TT', identityId: 'tt-1', available: true };
    const r = await s.ads.createAd(s.adInput('x', { identity: flagged }));
    expect(r.isErr() && r.error.code).toBe('validation');
  });

  test('property: a BC_AUTH_TT identity is unavailable unless the records say available', () => {
    const reason = fc.constantFrom('link_removed' as const, 'permission_withdrawn' as const);
    const availability = fc.option(
      fc.oneof(
        fc.record({ available: fc.constant(true as const), linkId: fc.constant('link_1') }),
        fc.record({ available: fc.constant(false as const), reason }),
      ),
      { nil: undefined },
    );
    fc.assert(
      fc.property(availability, (identity) => {
        const v = dependencyViolations({ type: 'BC_AUTH_TT', identityId: 'tt-1' }, identity ? { identity } : {});
        expect(v.some((x) => x.code === 'ads.identity_unavailable')).toBe(identity?.available !== true);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('LIFE-01 ads are paused in the same step when what they depend on goes away', () => {
  test('unlink pauses the approved and running BC_AUTH_TT ads (link_removed), one event each, one step', async () => {
    // Arrange
    const s = setup();
    const l = await s.link();
    const draft = await s.bcAdAt('DRAFT');
    const review = await s.bcAdAt('IN_REVIEW');
    const approved = await s.bcAdAt('APPROVED');
    const running = await s.bcAdAt('RUNNING');
    const paused = await s.bcAdAt('PAUSED');
    const before = await s.lastSeq();
    // Act
    (await s.bc.unlink({ businessCenter: l.businessCenter, member: l.member, linkId: l.linkId })).unwrap();
    // Assert
    expect(await s.statusOf(approved)).toEqual({ status: 'PAUSED', reason: 'link_removed' });
    expect(await s.statusOf(running)).toEqual({ status: 'PAUSED', reason: 'link_removed' });
    expect(await s.statusOf(paused)).toEqual({ status: 'PAUSED', reason: 'advertiser' });
    expect((await s.statusOf(draft)).status).toBe('DRAFT');
    expect((await s.statusOf(review)).status).toBe('IN_REVIEW');
    const events = await s.eventsAfter(before);
    expect(events.map((e) => e.type).sort()).toEqual(['ads.paused', 'ads.paused', 'bc.unlinked']);
    expect(new Set(events.map((e) => e.at.getTime())).size).toBe(1);
    expect(events.filter((e) => e.type === 'ads.paused').map((e) => e.subject.id)).toEqual(
      expect.arrayContaining([approved.id, running.id]),
    );
    // A paused ad cannot resume while the link is gone; nor can the ad in review start later.
    expect(codesOf(await s.ads.resume(ref(running)))).toEqual(['ads.identity_unavailable']);
    expect(codesOf(await s.ads.submit(ref(draft)))).toEqual(['ads.identity_unavailable']);
    // Linked again: it can.
    await s.link();
    expect((await s.ads.resume(ref(running))).unwrap().status).toBe('RUNNING');
  });

  test('an ad approved after its link was removed is paused in the review step (never left approved)', async () => {
    const s = setup();
    const l = await s.link();
    const review = await s.bcAdAt('IN_REVIEW');
    (await s.bc.unlink({ businessCenter: l.businessCenter, member: l.member, linkId: l.linkId })).unwrap();
    const reviewed = (await s.ads.review({ ...ref(review), approved: true })).unwrap();
    expect(reviewed).toMatchObject({ status: 'PAUSED', statusReason: 'link_removed' });
  });

  test('unlink leaves ads running when another active, assigned link keeps the account available', async () => {
    const s = setup();
    const l = await s.link('tt-1', 'adacc-1', 'bc-1');
    await s.link('tt-1', 'adacc-1', 'bc-2');
    const running = await s.bcAdAt('RUNNING');
    (await s.bc.unlink({ businessCenter: l.businessCenter, member: l.member, linkId: l.linkId })).unwrap();
    expect((await s.statusOf(running)).status).toBe('RUNNING');
  });

  test('withdrawing a Spark Ads permission pauses the ads relying on it (permission_withdrawn)', async () => {
    const s = setup();
    const l = await s.link();
    const running = await s.bcAdAt('RUNNING');
    const input = { businessCenter: l.businessCenter, member: l.member, linkId: l.linkId };
    (await s.bc.changeLinkPermissions({ ...input, permissions: ['EXISTING_POSTS', 'SHOWCASE'] })).unwrap();
    expect(await s.statusOf(running)).toEqual({ status: 'PAUSED', reason: 'permission_withdrawn' });
    expect(codesOf(await s.ads.resume(ref(running)))).toEqual(['ads.identity_unavailable']);
    (await s.bc.changeLinkPermissions({ ...input, permissions: SPARK })).unwrap();
    expect((await s.ads.resume(ref(running))).unwrap().status).toBe('RUNNING');
    // A change that keeps the Spark Ads permissions pauses nothing.
    (await s.bc.changeLinkPermissions({ ...input, permissions: [...SPARK, 'SHOWCASE'] })).unwrap();
    expect((await s.statusOf(running)).status).toBe('RUNNING');
  });

  test('removing the assignment to the ad account pauses its ads there (link_removed), not elsewhere', async () => {
    const s = setup();
    const l = await s.link('tt-1', 'adacc-1');
    const input = { businessCenter: l.businessCenter, member: l.member, linkId: l.linkId };
    (await s.bc.assignToAdAccount({ ...input, adAccount: { id: 'adacc-2', businessCenterId: 'bc-1' } })).unwrap();
    const here = await s.bcAdAt('RUNNING');
    const there = await s.bcAdAt('RUNNING', { adAccountId: 'adacc-2' });
    (await s.bc.unassignFromAdAccount({ ...input, adAccount: { id: 'adacc-1', businessCenterId: 'bc-1' } })).unwrap();
    expect(await s.statusOf(here)).toEqual({ status: 'PAUSED', reason: 'link_removed' });
    expect((await s.statusOf(there)).status).toBe('RUNNING');
  });

  test('a private post pauses the approved or running ads running it (post_private); public, they resume', async () => {
    const s = setup();
    const c = await s.confirmedCode();
    const spark = await s.runningAd(c.codeId);
    const videoId = spark.videoId ?? '';
    const own = await s.runningAd('x', { identity: { type: 'TT_USER', identityId: 'brand' }, videoId });
    const other = await s.runningAd('x', { identity: { type: 'TT_USER', identityId: 'brand' }, videoId: 'v-other' });
    const before = await s.lastSeq();
    const report = (await s.ads.reportPostChange({ videoId, change: 'PRIVATE' })).unwrap();
    expect(report.pausedAds.map((a) => a.id).sort()).toEqual([spark.id, own.id].sort());
    expect(await s.statusOf(spark)).toEqual({ status: 'PAUSED', reason: 'post_private' });
    expect(await s.statusOf(own)).toEqual({ status: 'PAUSED', reason: 'post_private' });
    expect((await s.statusOf(other)).status).toBe('RUNNING');
    const types = (await s.eventsAfter(before)).map((e) => e.type).sort();
    expect(types).toEqual(['ads.paused', 'ads.paused', 'ads.post_changed']);
    expect(codesOf(await s.ads.resume(ref(spark)))).toEqual(['ads.post_private']);
    (await s.ads.reportPostChange({ videoId, change: 'PUBLIC' })).unwrap();
    expect((await s.ads.resume(ref(spark))).unwrap().status).toBe('RUNNING');
  });

  test('a deleted post pauses its ads (post_deleted) and stays deleted', async () => {
    const s = setup();
    const c = await s.confirmedCode();
    const spark = await s.runningAd(c.codeId);
    const videoId = spark.videoId ?? '';
    (await s.ads.reportPostChange({ videoId, change: 'DELETED' })).unwrap();
    expect(await s.statusOf(spark)).toEqual({ status: 'PAUSED', reason: 'post_deleted' });
    expect(codesOf(await s.ads.reportPostChange({ videoId, change: 'PUBLIC' }))).toEqual(['ads.post_deleted']);
    expect(codesOf(await s.ads.resume(ref(spark)))).toEqual(['ads.post_deleted']);
    expect(codesOf(await s.ads.createAd(s.adInput(c.codeId)))).toEqual(['ads.post_deleted']);
  });

  test('a banned account pauses the ads it delivers (account_banned): BC, TT_USER, its posts by code', async () => {
    const s = setup();
    const c = await s.confirmedCode();
    await s.link('tt-1');
    const bcRunning = await s.bcAdAt('RUNNING');
    const sparkRunning = await s.runningAd(c.codeId);
    const own = await s.runningAd('x', { identity: { type: 'TT_USER', identityId: 'tt-1' }, videoId: 'v-own' });
    const bystander = await s.runningAd('x', { identity: { type: 'TT_USER', identityId: 'tt-9' }, videoId: 'v-9' });
    const banTt = (await s.ads.reportAccountChange({ accountId: 'tt-1', change: 'BANNED' })).unwrap();
    expect(banTt.pausedAds.map((a) => a.id).sort()).toEqual([bcRunning.id, own.id].sort());
    (await s.ads.reportAccountChange({ accountId: c.creatorId, change: 'BANNED', reportedBy: 'trust-team' })).unwrap();
    expect(await s.statusOf(sparkRunning)).toEqual({ status: 'PAUSED', reason: 'account_banned' });
    expect((await s.statusOf(bystander)).status).toBe('RUNNING');
    expect(codesOf(await s.ads.resume(ref(bcRunning)))).toEqual(['ads.account_banned']);
    (await s.ads.reportAccountChange({ accountId: 'tt-1', change: 'REINSTATED' })).unwrap();
    expect((await s.ads.resume(ref(bcRunning))).unwrap().status).toBe('RUNNING');
  });

  test('property: a lifecycle reason exists exactly when a dependency violation does', () => {
    const identity = fc.constantFrom(
      { type: 'BC_AUTH_TT' as const, identityId: 'tt-1' },
      { type: 'TT_USER' as const, identityId: 'tt-1' },
      { type: 'AUTH_CODE' as const, codeId: 'code_1' },
    );
    const facts = fc.record(
      {
        post: fc.constantFrom('PUBLIC' as const, 'PRIVATE' as const, 'DELETED' as const),
        account: fc.constantFrom('ACTIVE' as const, 'BANNED' as const),
        identity: fc.constantFrom(
          { available: true as const, linkId: 'l' },
          { available: false as const, reason: 'link_removed' as const },
          { available: false as const, reason: 'permission_withdrawn' as const },
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(identity, facts, (id, f) => {
        expect(lifecycleReason(id, f) !== undefined).toBe(dependencyViolations(id, f).length > 0);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('LIFE-03 a draft ad can be deleted, and then counts toward no limit', () => {
  test('deleting a draft frees its slot under the Spark Ads limit, with one ads.ad_deleted event', async () => {
    const s = setup({ policy: definePolicy({ maxSparkAdsPerAdAccount: 1 }).unwrap() });
    const own = { identity: { type: 'TT_USER', identityId: 'brand' }, videoId: 'v-own' };
    const first = (await s.ads.createAd(s.adInput('x', own))).unwrap();
    expect(codesOf(await s.ads.createAd(s.adInput('x', own)))).toEqual(['ads.spark_ads_limit_reached']);
    const before = await s.lastSeq();
    const deleted = (await s.ads.deleteDraft(ref(first))).unwrap();
    expect(deleted).toMatchObject({ adId: first.id, adAccountId: 'adacc-1' });
    expect((await s.eventsAfter(before)).map((e) => e.type)).toEqual(['ads.ad_deleted']);
    expect(await s.store.get(adsTable, first.id)).toBeUndefined();
    expect((await s.ads.getAd(ref(first))).isErr()).toBe(true);
    (await s.ads.createAd(s.adInput('x', own))).unwrap();
  });

  test('an ad that is not a draft is refused (ads.not_draft); another account cannot delete it', async () => {
    const s = setup();
    const own = { identity: { type: 'TT_USER', identityId: 'brand' }, videoId: 'v-own' };
    const ad = (await s.ads.createAd(s.adInput('x', own))).unwrap();
    (await s.ads.submit(ref(ad))).unwrap();
    expect(codesOf(await s.ads.deleteDraft(ref(ad)))).toEqual(['ads.not_draft']);
    const other = await s.ads.deleteDraft({ adAccountId: 'adacc-2', adId: ad.id });
    expect(other.isErr() && other.error.code).toBe('not_found');
    expect((await s.ads.deleteDraft({ adAccountId: 'adacc-1', adId: '' })).isErr()).toBe(true);
  });
});
