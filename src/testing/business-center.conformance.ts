import fc from 'fast-check';
import type { BusinessCenterId, TikTokAccountId, AdAccountId } from '../kernel/ids.js';
import { HOUR_MS } from '../kernel/time.js';
import type { Policy } from '../kernel/policy.js';
import { definePolicy } from '../kernel/policy-schema.js';
import { manualClock } from '../adapters/clock/manual-clock.js';
import { seededRandom } from '../adapters/random/seeded-random.js';
import type { BusinessCenterStore } from '../ports/business-center-store.js';
import { createBusinessCenterLinks, type BusinessCenterLinks } from '../business-center/business-center.service.js';
import { check, checkEqual, checkWithStore, scheduledStore } from './check.js';
import { failingStore } from './failing-store.js';
import type { ConformanceCheck, StoreFactory } from './conformance.js';

const T0 = new Date('2026-01-01T00:00:00.000Z');
const SPARK = ['EXISTING_POSTS', 'PUBLISH_NEW_VIDEOS', 'SHOW_THROUGH_ADS_ONLY'];
const admin = (userId = 'bc-admin') => ({ userId, role: 'ADMIN' as const });
const bcFacts = (id: string) => ({ id, verified: true });
const account = (id: string) => ({ id, accountType: 'CREATOR' as const, isPrivate: false, inAnyBusinessCenter: false });

function service(store: BusinessCenterStore, seed: number, policy?: Policy) {
  const clock = manualClock(T0);
  return { clock, bc: createBusinessCenterLinks({ store, clock, random: seededRandom(seed), ...(policy ? { policy } : {}) }) };
}

async function start(bc: BusinessCenterLinks, bcId: string, assignTo?: string) {
  return (await bc.startLinkRequest({
    businessCenter: bcFacts(bcId), member: admin(), permissionLevel: 'DELIVER_ADS', permissions: SPARK,
    ...(assignTo ? { assignTo: { id: assignTo, businessCenterId: bcId } } : {}),
  })).unwrap();
}

async function eventCount(store: BusinessCenterStore): Promise<number> {
  let n = 0;
  for (;;) {
    const page = await store.readEvents({ after: n, limit: 1000 });
    n += page.length;
    if (page.length < 1000) return n;
  }
}

const codesOf = (r: { isErr(): boolean; error?: unknown }) =>
  r.isErr() ? ((r.error as { violations?: { code: string }[] }).violations ?? []).map((v) => v.code) : [];

/** The Business Center part of the store conformance suite (BC-01..08). */
export function businessCenterChecks(factory: StoreFactory<BusinessCenterStore>, numRuns: number): ConformanceCheck[] {
  const withStore = checkWithStore(factory);

  const sequential: ConformanceCheck[] = [
    withStore('bc: BC-08 an assignment moved to a newer link survives unlinking the old link', async (store) => {
      const { bc } = service(store, 131);
      const acc = 'tt-move';
      const adAccount = 'adv-move';
      const a = await start(bc, 'bc-move-1', adAccount);
      const l1 = (await bc.approveLinkRequest({ token: a.qrToken, account: account(acc), userId: 'u' })).unwrap().link;
      // The ad account now belongs to another Business Center, whose link assigns it too.
      const b = await start(bc, 'bc-move-2', adAccount);
      const l2 = (await bc.approveLinkRequest({ token: b.qrToken, account: account(acc), userId: 'u' })).unwrap().link;
      checkEqual((await store.getAssignment(acc as TikTokAccountId, adAccount as AdAccountId))?.linkId, l2.id, 'the assignment moved to the newer link');
      (await bc.unlink({ businessCenter: bcFacts(l1.businessCenterId), member: admin(), linkId: l1.id })).unwrap();
      checkEqual((await store.getAssignment(acc as TikTokAccountId, adAccount as AdAccountId))?.linkId, l2.id, 'unlinking the old link leaves the newer assignment');
    }),
    withStore('bc: BC-07 an approved request makes one active link, once; the token is stored only as a digest', async (store) => {
      const { bc } = service(store, 101);
      const started = await start(bc, 'bc-a');
      const stored = await store.getLinkRequest(started.request.id);
      check(stored !== undefined && stored.tokenDigest.length === 64 && !JSON.stringify(stored).includes(started.qrToken), 'only the digest is stored');
      const before = await eventCount(store);
      const ok = await bc.approveLinkRequest({ token: started.qrToken, account: account('tt-a'), userId: 'u-a' });
      check(ok.isOk(), 'approval succeeds');
      checkEqual(await eventCount(store), before + 1, 'one event for the approval');
      const events = await store.readEvents({ after: 0, limit: 1000 });
      check(!JSON.stringify(events).includes(started.qrToken), 'no event carries the token');
      checkEqual(await store.countActiveLinks({ businessCenterId: 'bc-a' as BusinessCenterId }), 1, 'one active link');
      check((await store.getActiveLink('bc-a' as BusinessCenterId, 'tt-a' as TikTokAccountId)) !== undefined, 'getActiveLink finds it');
      const again = await bc.approveLinkRequest({ token: started.qrToken, account: account('tt-b'), userId: 'u-b' });
      check(codesOf(again).includes('bc.link_request_already_approved'), 'a second approval is refused');
      checkEqual(await store.countActiveLinks({ businessCenterId: 'bc-a' as BusinessCenterId }), 1, 'still one link');
    }),
    withStore('bc: BC-07 expired, rejected and cancelled requests cannot be approved', async (store) => {
      const { bc, clock } = service(store, 102);
      const expired = await start(bc, 'bc-b');
      const rejected = await start(bc, 'bc-b');
      const cancelled = await start(bc, 'bc-b');
      check((await bc.rejectLinkRequest({ token: rejected.qrToken, userId: 'u' })).isOk(), 'reject');
      check((await bc.cancelLinkRequest({ businessCenter: bcFacts('bc-b'), member: admin(), requestId: cancelled.request.id })).isOk(), 'cancel');
      clock.advance(24 * HOUR_MS);
      const a = await bc.approveLinkRequest({ token: expired.qrToken, account: account('tt-1'), userId: 'u' });
      const b = await bc.approveLinkRequest({ token: rejected.qrToken, account: account('tt-1'), userId: 'u' });
      const c = await bc.approveLinkRequest({ token: cancelled.qrToken, account: account('tt-1'), userId: 'u' });
      check(codesOf(a).includes('bc.link_request_expired'), 'expired at exactly 24 h');
      check(codesOf(b).includes('bc.link_request_rejected'), 'rejected');
      check(codesOf(c).includes('bc.link_request_cancelled'), 'cancelled');
      checkEqual(await store.countActiveLinks({ accountId: 'tt-1' as TikTokAccountId }), 0, 'no link');
    }),
    withStore('bc: BC-08 assignments follow the link; unlinking frees the cap and removes them', async (store) => {
      const policy = definePolicy({ maxAccountsPerBusinessCenter: 1 }).unwrap();
      const { bc } = service(store, 103, policy);
      const first = await start(bc, 'bc-c', 'adv-c');
      const approved = (await bc.approveLinkRequest({ token: first.qrToken, account: account('tt-c1'), userId: 'u' })).unwrap();
      check(approved.assignment?.adAccountId === 'adv-c', 'ASSET-05: assigned on approval');
      checkEqual((await store.listAssignmentsOfAdAccount('adv-c' as AdAccountId)).length, 1, 'one identity in the ad account');
      const second = await start(bc, 'bc-c');
      const refused = await bc.approveLinkRequest({ token: second.qrToken, account: account('tt-c2'), userId: 'u' });
      check(codesOf(refused).includes('bc.business_center_cap_reached'), 'cap of 1 reached');
      check((await bc.unlink({ businessCenter: bcFacts('bc-c'), member: admin(), linkId: approved.link.id })).isOk(), 'unlink');
      checkEqual((await store.listAssignmentsOfAdAccount('adv-c' as AdAccountId)).length, 0, 'assignment removed with the link');
      check((await bc.approveLinkRequest({ token: second.qrToken, account: account('tt-c2'), userId: 'u' })).isOk(), 'the freed place can be used; the refused request stayed pending');
    }),
  ];

  /** `existing` active links on one side, then `attempts` concurrent approvals of distinct pending requests. */
  async function capRace(store: BusinessCenterStore, side: 'businessCenter' | 'account', existing: number, attempts: number, cap: number) {
    const policy = definePolicy({ maxAccountsPerBusinessCenter: cap, maxBusinessCentersPerAccount: cap }).unwrap();
    const { bc } = service(store, side === 'businessCenter' ? 201 : 202, policy);
    const bcOf = (i: number) => (side === 'businessCenter' ? 'race-bc' : `race-bc-${i}`);
    const accOf = (i: number) => (side === 'businessCenter' ? `race-tt-${i}` : 'race-tt');
    for (let i = 0; i < existing; i++) {
      const s = await start(bc, bcOf(i));
      (await bc.approveLinkRequest({ token: s.qrToken, account: account(accOf(i)), userId: 'u' })).unwrap();
    }
    const pending = [];
    for (let i = existing; i < existing + attempts; i++) pending.push({ i, s: await start(bc, bcOf(i)) });
    const results = await Promise.all(pending.map(({ i, s }) => bc.approveLinkRequest({ token: s.qrToken, account: account(accOf(i)), userId: 'u' })));
    const count = side === 'businessCenter'
      ? await store.countActiveLinks({ businessCenterId: 'race-bc' as BusinessCenterId })
      : await store.countActiveLinks({ accountId: 'race-tt' as TikTokAccountId });
    const listed = side === 'businessCenter'
      ? (await store.listActiveLinksOfBusinessCenter('race-bc' as BusinessCenterId)).length
      : (await store.listActiveLinksOfAccount('race-tt' as TikTokAccountId)).length;
    return { results, count, listed, pending };
  }

  const races: ConformanceCheck[] = [
    withStore('bc race: BC-01 with 790 links on a Business Center, 100 concurrent approvals end at exactly 800', async (store) => {
      const { results, count, listed } = await capRace(store, 'businessCenter', 790, 100, 800);
      checkEqual(count, 800, 'the BC-01 cap is never exceeded: the Business Center has exactly 800 active links');
      checkEqual(listed, 800, 'exactly 800 links listed');
      checkEqual(results.filter((r) => r.isOk()).length, 10, 'no approval within the cap is lost: exactly 10 succeed');
      check(results.filter((r) => r.isErr()).every((r) => codesOf(r).includes('bc.business_center_cap_reached')), 'the other 90 are told the cap is reached');
    }),
    withStore('bc race: BC-01 with one account in 790 Business Centers, 100 concurrent approvals end at exactly 800', async (store) => {
      const { results, count, listed } = await capRace(store, 'account', 790, 100, 800);
      checkEqual(count, 800, 'the BC-01 cap is never exceeded: the account has exactly 800 active links');
      checkEqual(listed, 800, 'exactly 800 links listed');
      checkEqual(results.filter((r) => r.isOk()).length, 10, 'no approval within the cap is lost: exactly 10 succeed');
      check(results.filter((r) => r.isErr()).every((r) => codesOf(r).includes('bc.account_cap_reached')), 'the other 90 are told the cap is reached');
    }),
    withStore('bc race: BC-07 20 concurrent approvals of one request make exactly one link', async (store) => {
      const { bc } = service(store, 203);
      const s = await start(bc, 'once-bc');
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => bc.approveLinkRequest({ token: s.qrToken, account: account(`once-${i}`), userId: 'u' })));
      checkEqual(results.filter((r) => r.isOk()).length, 1, 'one approval');
      checkEqual(await store.countActiveLinks({ businessCenterId: 'once-bc' as BusinessCenterId }), 1, 'one link');
    }),
    {
      name: 'bc race (fc.scheduler): BC-01 approvals across Business Centers and accounts under every interleaving keep both caps',
      async run() {
        // A fixed worst case first: 9 concurrent approvals into one Business Center capped at 2.
        {
          const handle = await factory();
          try {
            const policy = definePolicy({ maxAccountsPerBusinessCenter: 2, maxBusinessCentersPerAccount: 2 }).unwrap();
            const { bc } = service(handle.store, 206, policy);
            const reqs = [];
            for (let i = 0; i < 9; i++) reqs.push(await start(bc, 'w-bc'));
            const results = await Promise.all(reqs.map((r, i) => bc.approveLinkRequest({ token: r.qrToken, account: account(`w-tt-${i}`), userId: 'u' })));
            checkEqual(results.filter((r) => r.isOk()).length, 2, 'exactly the cap succeeds under Promise.all');
            checkEqual(await handle.store.countActiveLinks({ businessCenterId: 'w-bc' as BusinessCenterId }), 2, 'the Business Center holds exactly its cap');
          } finally {
            await handle.close?.();
          }
        }
        await fc.assert(
          fc.asyncProperty(fc.scheduler(), fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 })), { minLength: 1, maxLength: 9 }), async (s, pairs) => {
            const handle = await factory();
            try {
              const raw = handle.store;
              const policy = definePolicy({ maxAccountsPerBusinessCenter: 2, maxBusinessCentersPerAccount: 2 }).unwrap();
              const setup = service(raw, 204, policy);
              const reqs: { qrToken: string }[] = [];
              for (const [b] of pairs) reqs.push(await start(setup.bc, `s-bc-${b}`));
              const scheduled = scheduledStore(s, raw);
              const racing = createBusinessCenterLinks({ store: scheduled, clock: setup.clock, random: seededRandom(205), policy });
              const results = await s.waitFor(Promise.all(pairs.map(([, a], i) => racing.approveLinkRequest({ token: reqs[i]!.qrToken, account: account(`s-tt-${a}`), userId: 'u' }))));
              const distinct = new Set<string>();
              for (let b = 0; b < 3; b++) check((await raw.countActiveLinks({ businessCenterId: `s-bc-${b}` as BusinessCenterId })) <= 2, `Business Center ${b} within its cap`);
              for (let a = 0; a < 3; a++) {
                const links = await raw.listActiveLinksOfAccount(`s-tt-${a}` as TikTokAccountId);
                check(links.length <= 2, `account ${a} within its cap`);
                for (const l of links) { check(!distinct.has(`${l.businessCenterId}/${a}`), 'one active link per pair'); distinct.add(`${l.businessCenterId}/${a}`); }
              }
              checkEqual(results.filter((r) => r.isOk()).length, distinct.size, 'every success made exactly one link');
              for (const r of results) if (r.isErr()) check(codesOf(r).some((c) => ['bc.business_center_cap_reached', 'bc.account_cap_reached', 'bc.already_linked'].includes(c)), 'refused only for a cap or an existing link');
            } finally {
              await handle.close?.();
            }
          }),
          { numRuns: Math.max(5, Math.floor(numRuns / 2)) },
        );
      },
    },
  ];

  const faults: ConformanceCheck[] = [
    {
      name: 'bc X-03: a storage failure at any write of any link workflow leaves no partial state or stray event',
      async run() {
        const workflows: { name: string; run: (bc: BusinessCenterLinks, ctx: { token: string; linkId: string; requestId: string }) => Promise<{ isErr(): boolean }> }[] = [
          { name: 'start', run: (bc) => bc.startLinkRequest({ businessCenter: bcFacts('f-bc'), member: admin(), permissionLevel: 'DELIVER_ADS', permissions: SPARK }) },
          { name: 'approve', run: (bc, c) => bc.approveLinkRequest({ token: c.token, account: account('f-tt-2'), userId: 'u' }) },
          { name: 'reject', run: (bc, c) => bc.rejectLinkRequest({ token: c.token, userId: 'u' }) },
          { name: 'cancel', run: (bc, c) => bc.cancelLinkRequest({ businessCenter: bcFacts('f-bc'), member: admin(), requestId: c.requestId }) },
          { name: 'change permissions', run: (bc, c) => bc.changeLinkPermissions({ businessCenter: bcFacts('f-bc'), member: admin(), linkId: c.linkId, permissions: ['EXISTING_POSTS'] }) },
          { name: 'assign', run: (bc, c) => bc.assignToAdAccount({ businessCenter: bcFacts('f-bc'), member: admin(), linkId: c.linkId, adAccount: { id: 'f-adv', businessCenterId: 'f-bc' } }) },
          { name: 'unlink', run: (bc, c) => bc.unlink({ businessCenter: bcFacts('f-bc'), member: admin(), linkId: c.linkId }) },
        ];
        for (const wf of workflows) {
          for (let n = 1; n <= 2; n++) {
            const handle = await factory();
            try {
              const setup = service(handle.store, 301);
              const linked = await start(setup.bc, 'f-bc', 'f-adv0');
              const link = (await setup.bc.approveLinkRequest({ token: linked.qrToken, account: account('f-tt-1'), userId: 'u' })).unwrap().link;
              const pending = await start(setup.bc, 'f-bc');
              const snapshot = async () => JSON.stringify({
                events: await handle.store.readEvents({ after: 0, limit: 100_000 }),
                links: await handle.store.listActiveLinksOfBusinessCenter('f-bc' as BusinessCenterId),
                request: await handle.store.getLinkRequest(pending.request.id),
                assigned: [await handle.store.listAssignmentsOfAdAccount('f-adv' as AdAccountId), await handle.store.listAssignmentsOfAdAccount('f-adv0' as AdAccountId)],
              });
              const before = await snapshot();
              const wrapped = failingStore(handle.store, { failOnWrite: n });
              const bc = createBusinessCenterLinks({ store: wrapped, clock: setup.clock, random: seededRandom(302) });
              const result = await wf.run(bc, { token: pending.qrToken, linkId: link.id, requestId: pending.request.id });
              if (wrapped.writesAttempted() >= n) {
                check(result.isErr() && (result as unknown as { error: { code: string } }).error.code === 'storage', `${wf.name}: failure #${n} reported as a storage error`);
                checkEqual(await snapshot(), before, `${wf.name}: state unchanged after failure #${n}`);
              }
            } finally {
              await handle.close?.();
            }
          }
        }
      },
    },
  ];

  return [...sequential, ...races, ...faults, linkModelCheck(factory, numRuns)];
}

// ---- model-based run of the link-request lifecycle -------------------------------------------

interface ModelRequest { id: string; token: string; bc: number; createdAt: number; expiresAt: number; status: 'PENDING' | 'APPROVED' | 'REJECTED' | 'CANCELLED' }
interface LinkModel { now: number; requests: ModelRequest[]; links: Map<string, string> /* "bc/acc" -> linkId */ }
interface LinkReal { bc: BusinessCenterLinks; clock: ReturnType<typeof manualClock>; store: BusinessCenterStore }
const CAP = 2;
const LIFETIME = 24 * HOUR_MS;
const statusAt = (r: ModelRequest, t: number) => (r.status === 'PENDING' && t >= r.expiresAt ? 'EXPIRED' : r.status);
const countBc = (m: LinkModel, bc: number) => [...m.links.keys()].filter((k) => k.startsWith(`${bc}/`)).length;
const countAcc = (m: LinkModel, acc: number) => [...m.links.keys()].filter((k) => k.endsWith(`/${acc}`)).length;

class Start implements fc.AsyncCommand<LinkModel, LinkReal> {
  constructor(readonly bc: number) {}
  check() { return true; }
  async run(m: LinkModel, r: LinkReal) {
    const s = await start(r.bc, `m-bc-${this.bc}`);
    checkEqual(s.request.status, 'PENDING', 'a new request is pending');
    m.requests.push({ id: s.request.id, token: s.qrToken, bc: this.bc, createdAt: m.now, expiresAt: m.now + LIFETIME, status: 'PENDING' });
  }
  toString() { return `start(bc${this.bc})`; }
}

class Approve implements fc.AsyncCommand<LinkModel, LinkReal> {
  constructor(readonly pick: number, readonly acc: number) {}
  check(m: Readonly<LinkModel>) { return m.requests.length > 0; }
  async run(m: LinkModel, r: LinkReal) {
    const q = m.requests[this.pick % m.requests.length]!;
    const res = await r.bc.approveLinkRequest({ token: q.token, account: account(`m-tt-${this.acc}`), userId: 'u' });
    const status = statusAt(q, m.now);
    const key = `${q.bc}/${this.acc}`;
    const expected: string[] = [];
    if (status === 'EXPIRED') expected.push('bc.link_request_expired');
    if (status === 'APPROVED') expected.push('bc.link_request_already_approved');
    if (status === 'REJECTED') expected.push('bc.link_request_rejected');
    if (status === 'CANCELLED') expected.push('bc.link_request_cancelled');
    const linked = m.links.has(key);
    if (linked && status !== 'APPROVED') expected.push('bc.already_linked');
    if (!linked && status !== 'APPROVED') {
      if (countBc(m, q.bc) >= CAP) expected.push('bc.business_center_cap_reached');
      if (countAcc(m, this.acc) >= CAP) expected.push('bc.account_cap_reached');
    }
    if (expected.length === 0) {
      check(res.isOk(), `approve ${q.id} by ${this.acc}: expected success`);
      q.status = 'APPROVED';
      if (res.isOk()) m.links.set(key, res.value.link.id);
    } else {
      checkEqual(codesOf(res).sort(), expected.sort(), `approve ${q.id} by ${this.acc}: every reason (X-01)`);
    }
  }
  toString() { return `approve(#${this.pick}, tt${this.acc})`; }
}

class Close implements fc.AsyncCommand<LinkModel, LinkReal> {
  constructor(readonly pick: number, readonly how: 'REJECTED' | 'CANCELLED') {}
  check(m: Readonly<LinkModel>) { return m.requests.length > 0; }
  async run(m: LinkModel, r: LinkReal) {
    const q = m.requests[this.pick % m.requests.length]!;
    const res = this.how === 'REJECTED'
      ? await r.bc.rejectLinkRequest({ token: q.token, userId: 'u' })
      : await r.bc.cancelLinkRequest({ businessCenter: bcFacts(`m-bc-${q.bc}`), member: admin(), requestId: q.id });
    const pending = statusAt(q, m.now) === 'PENDING';
    check(res.isOk() === pending, `${this.how} ${q.id}: only a pending request closes`);
    if (pending) q.status = this.how;
  }
  toString() { return `${this.how.toLowerCase()}(#${this.pick})`; }
}

class Unlink implements fc.AsyncCommand<LinkModel, LinkReal> {
  constructor(readonly pick: number) {}
  check(m: Readonly<LinkModel>) { return m.links.size > 0; }
  async run(m: LinkModel, r: LinkReal) {
    const [key, linkId] = [...m.links.entries()][this.pick % m.links.size]!;
    const bc = key.split('/')[0];
    const res = await r.bc.unlink({ businessCenter: bcFacts(`m-bc-${bc}`), member: admin(), linkId });
    check(res.isOk() && !res.value.active, 'unlink of an active link');
    m.links.delete(key);
  }
  toString() { return `unlink(#${this.pick})`; }
}

class AdvanceClock implements fc.AsyncCommand<LinkModel, LinkReal> {
  constructor(readonly ms: number) {}
  check() { return true; }
  async run(m: LinkModel, r: LinkReal) { m.now += this.ms; r.clock.advance(this.ms); }
  toString() { return `advance(${this.ms})`; }
}

class RequestStatus implements fc.AsyncCommand<LinkModel, LinkReal> {
  constructor(readonly pick: number) {}
  check(m: Readonly<LinkModel>) { return m.requests.length > 0; }
  async run(m: LinkModel, r: LinkReal) {
    const q = m.requests[this.pick % m.requests.length]!;
    checkEqual((await r.bc.linkRequestStatus({ requestId: q.id })).unwrap().status, statusAt(q, m.now), `status of ${q.id}`);
    for (let b = 0; b < 3; b++) checkEqual(await r.store.countActiveLinks({ businessCenterId: `m-bc-${b}` as BusinessCenterId }), countBc(m, b), `active links of bc${b}`);
  }
  toString() { return `status(#${this.pick})`; }
}

function linkModelCheck(factory: StoreFactory<BusinessCenterStore>, numRuns: number): ConformanceCheck {
  return {
    name: 'bc model: the link-request lifecycle (BC-01, BC-07) matches a simple model (fc.commands)',
    async run() {
      const commands = [
        fc.integer({ min: 0, max: 2 }).map((b) => new Start(b)),
        fc.tuple(fc.nat(), fc.integer({ min: 0, max: 3 })).map(([p, a]) => new Approve(p, a)),
        fc.tuple(fc.nat(), fc.constantFrom('REJECTED' as const, 'CANCELLED' as const)).map(([p, h]) => new Close(p, h)),
        fc.nat().map((p) => new Unlink(p)),
        fc.oneof(fc.integer({ min: 1, max: 12 * HOUR_MS }), fc.constantFrom(LIFETIME, 1)).map((ms) => new AdvanceClock(ms)),
        fc.nat().map((p) => new RequestStatus(p)),
      ];
      await fc.assert(
        fc.asyncProperty(fc.commands(commands, { maxCommands: 40 }), async (cmds) => {
          const handle = await factory();
          try {
            const policy = definePolicy({ maxAccountsPerBusinessCenter: CAP, maxBusinessCentersPerAccount: CAP, linkRequestLifetimeMs: LIFETIME }).unwrap();
            const { bc, clock } = service(handle.store, 401, policy);
            await fc.asyncModelRun(() => ({ model: { now: T0.getTime(), requests: [], links: new Map() }, real: { bc, clock, store: handle.store } }), cmds);
          } finally {
            await handle.close?.();
          }
        }),
        { numRuns },
      );
    },
  };
}
