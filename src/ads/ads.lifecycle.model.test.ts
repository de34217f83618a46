import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { createAds, createBusinessCenterLinks, manualClock, memoryStore, type Ads } from '../index.js';
import type { BusinessCenterLinks } from '../index.js';
import { adsTable } from '../storage/tables.js';
import type { Store } from '../ports/store.js';
import { campaign, T0 } from '../../test/fixtures.js';

const NUM_RUNS = Number(process.env.FC_NUM_RUNS ?? 25);
const SPARK = ['EXISTING_POSTS', 'PUBLISH_NEW_VIDEOS', 'SHOW_THROUGH_ADS_ONLY'];
const businessCenter = { id: 'bc-1', verified: true };
const member = { userId: 'bc-admin', role: 'ADMIN' } as const;
const ACC = 'adacc-1';
const ACCOUNT = 'tt-1';
const VIDEO = 'v-1';

/** What the ads depend on, as the model sees it, and the ads the model knows (by id). */
interface Model {
  linkId: string | undefined;
  permitted: boolean;
  post: 'PUBLIC' | 'PRIVATE' | 'DELETED';
  banned: boolean;
  ads: string[];
}
interface Real {
  readonly store: Store;
  readonly ads: Ads;
  readonly bc: BusinessCenterLinks;
}

/** May an ad on the account and the post deliver, by the model? */
const deliverable = (m: Model) => m.linkId !== undefined && m.permitted && m.post === 'PUBLIC' && !m.banned;

/** The law of LIFE-01/LIFE-02: no stored ad is approved or running while something it depends on is gone. */
async function checkNoneLiveOnGone(m: Model, real: Real) {
  if (deliverable(m)) return;
  for (const id of m.ads) {
    const ad = await real.store.get(adsTable, id);
    expect(['APPROVED', 'RUNNING'], `ad ${id}`).not.toContain(ad?.status);
  }
}

const outcome = (r: { isOk(): boolean; error?: unknown }) =>
  r.isOk() ? 'ok' : ((r.error as { violations?: { code: string }[] }).violations ?? []).map((v) => v.code).join(',');

class Link implements fc.AsyncCommand<Model, Real> {
  check = (m: Readonly<Model>) => m.linkId === undefined;
  async run(m: Model, real: Real) {
    const started = (
      await real.bc.startLinkRequest({
        businessCenter,
        member,
        permissionLevel: 'DELIVER_ADS',
        permissions: SPARK,
        assignTo: { id: ACC, businessCenterId: businessCenter.id },
      })
    ).unwrap();
    const account = { id: ACCOUNT, accountType: 'CREATOR', isPrivate: false, inAnyBusinessCenter: false } as const;
    const approved = await real.bc.approveLinkRequest({ token: started.qrToken, account, userId: 'u' });
    m.linkId = approved.unwrap().link.id;
    m.permitted = true;
    await checkNoneLiveOnGone(m, real);
  }
  toString = () => 'link';
}

class Unlink implements fc.AsyncCommand<Model, Real> {
  check = (m: Readonly<Model>) => m.linkId !== undefined;
  async run(m: Model, real: Real) {
    (await real.bc.unlink({ businessCenter, member, linkId: m.linkId! })).unwrap();
    m.linkId = undefined;
    await checkNoneLiveOnGone(m, real);
  }
  toString = () => 'unlink';
}

class Permissions implements fc.AsyncCommand<Model, Real> {
  constructor(readonly spark: boolean) {}
  check = (m: Readonly<Model>) => m.linkId !== undefined;
  async run(m: Model, real: Real) {
    const permissions = this.spark ? SPARK : ['EXISTING_POSTS'];
    (await real.bc.changeLinkPermissions({ businessCenter, member, linkId: m.linkId!, permissions })).unwrap();
    m.permitted = this.spark;
    await checkNoneLiveOnGone(m, real);
  }
  toString = () => `permissions(${this.spark ? 'spark' : 'existing posts only'})`;
}

class Post implements fc.AsyncCommand<Model, Real> {
  constructor(readonly change: 'PUBLIC' | 'PRIVATE' | 'DELETED') {}
  check = () => true;
  async run(m: Model, real: Real) {
    const r = await real.ads.reportPostChange({ videoId: VIDEO, change: this.change });
    const refused = m.post === 'DELETED' && this.change !== 'DELETED';
    expect(outcome(r)).toBe(refused ? 'ads.post_deleted' : 'ok');
    if (!refused) m.post = this.change;
    await checkNoneLiveOnGone(m, real);
  }
  toString = () => `post(${this.change})`;
}

class Ban implements fc.AsyncCommand<Model, Real> {
  constructor(readonly banned: boolean) {}
  check = () => true;
  async run(m: Model, real: Real) {
    const change = this.banned ? 'BANNED' : 'REINSTATED';
    (await real.ads.reportAccountChange({ accountId: ACCOUNT, change })).unwrap();
    m.banned = this.banned;
    await checkNoneLiveOnGone(m, real);
  }
  toString = () => (this.banned ? 'ban' : 'reinstate');
}

class CreateAndRun implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(m: Model, real: Real) {
    const created = await real.ads.createAd({
      adAccountId: ACC,
      name: 'ad',
      campaign: campaign(),
      schedule: { startAt: T0 },
      identity: { type: 'BC_AUTH_TT', identityId: ACCOUNT },
      videoId: VIDEO,
    });
    expect(created.isOk()).toBe(deliverable(m));
    if (created.isErr()) return;
    const ref = { adAccountId: ACC, adId: created.value.id };
    m.ads.push(ref.adId);
    (await real.ads.submit(ref)).unwrap();
    (await real.ads.review({ ...ref, approved: true })).unwrap();
    expect((await real.ads.start(ref)).unwrap().status).toBe('RUNNING');
    await checkNoneLiveOnGone(m, real);
  }
  toString = () => 'createAndRun';
}

class Resume implements fc.AsyncCommand<Model, Real> {
  constructor(readonly i: number) {}
  check = (m: Readonly<Model>) => m.ads.length > 0;
  async run(m: Model, real: Real) {
    const adId = m.ads[this.i % m.ads.length]!;
    const before = await real.store.get(adsTable, adId);
    const r = await real.ads.resume({ adAccountId: ACC, adId });
    if (before?.status !== 'PAUSED') expect(r.isErr()).toBe(true);
    else expect(r.isOk()).toBe(deliverable(m));
    await checkNoneLiveOnGone(m, real);
  }
  toString = () => `resume(#${this.i})`;
}

describe('LIFE-01 LIFE-02 ads against what they depend on (fc.commands)', () => {
  test('no ad is ever approved or running while its link, permission, post or account is gone', async () => {
    const commands = [
      fc.constant(new Link()),
      fc.constant(new Unlink()),
      fc.boolean().map((b) => new Permissions(b)),
      fc.constantFrom('PUBLIC' as const, 'PRIVATE' as const, 'DELETED' as const).map((c) => new Post(c)),
      fc.boolean().map((b) => new Ban(b)),
      fc.constant(new CreateAndRun()),
      fc.nat(10).map((i) => new Resume(i)),
    ];
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 30 }), async (cmds) => {
        const store = memoryStore();
        const clock = manualClock(T0);
        const real: Real = { store, ads: createAds({ store, clock }), bc: createBusinessCenterLinks({ store, clock }) };
        const setup = () => ({
          model: { linkId: undefined, permitted: false, post: 'PUBLIC', banned: false, ads: [] } as Model,
          real,
        });
        await fc.asyncModelRun(setup, cmds);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
