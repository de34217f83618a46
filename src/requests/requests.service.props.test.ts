import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  createBrandRequests,
  DAY_MS,
  definePolicy,
  HOUR_MS,
  manualClock,
  memoryStore,
  type BrandRequests,
} from '../index.js';
import type { ManualClock } from '../adapters/clock/manual-clock.js';
import { creator, T0, video } from '../../test/fixtures.js';

const NUM_RUNS = Number(process.env.FC_NUM_RUNS ?? 25);
const policy = definePolicy({
  maxPendingRequests: 2,
  requestLifetimeMs: 3 * DAY_MS,
  authorizationPeriodsDays: [7, 30],
}).unwrap();
const CREATOR = 'creator-m';
const ACCOUNTS = ['acc-a', 'acc-b'] as const;
const VIDEOS = ['v0', 'v1', 'v2'] as const;

type State = 'PENDING' | 'ACCEPTED' | 'DECLINED' | 'CANCELLED';

/** The model: each request's owner, video, period, end and answer; each video's end in force. */
interface Model {
  now: number;
  requests: { id: string; acc: string; video: string; period: number; expiresAt: number; state: State }[];
  inForceUntil: Map<string, number>;
}
interface Real {
  requests: BrandRequests;
  clock: ManualClock;
}

const statusOf = (m: Model, r: Model['requests'][number]) =>
  r.state !== 'PENDING' ? r.state : m.now >= r.expiresAt ? 'EXPIRED' : 'PENDING';
const pendingOf = (m: Model, acc: string) => m.requests.filter((r) => r.acc === acc && statusOf(m, r) === 'PENDING');
const outcome = (r: { isOk(): boolean; error?: unknown }) =>
  r.isOk()
    ? 'ok'
    : ((r.error as { violations?: { code: string }[]; code: string }).violations?.map((v) => v.code).join(',') ??
      (r.error as { code: string }).code);

/** The statuses the service reports for both ad accounts, against the model's. */
async function checkStatuses(m: Model, real: Real) {
  const actual: Record<string, string> = {};
  for (const acc of ACCOUNTS) {
    for (const r of (await real.requests.listRequests({ adAccountId: acc }, { limit: 1000 })).unwrap()) {
      actual[r.id] = r.status;
    }
  }
  expect(actual).toEqual(Object.fromEntries(m.requests.map((r) => [r.id, statusOf(m, r)])));
}

class Ask implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly acc: string,
    readonly video: string,
    readonly period: number,
  ) {}
  check = () => true;
  async run(m: Model, real: Real) {
    const r = await real.requests.requestAuthorization({
      advertiser: { adAccountId: this.acc },
      creatorId: CREATOR,
      videoId: this.video,
      periodDays: this.period,
    });
    const expected = [
      ...(policy.authorizationPeriodsDays.includes(this.period) ? [] : ['request.period_not_allowed']),
      ...(pendingOf(m, this.acc).length < policy.maxPendingRequests ? [] : ['request.too_many_pending']),
    ];
    expect(outcome(r)).toBe(expected.length === 0 ? 'ok' : expected.join(','));
    if (r.isOk()) {
      const { id } = r.value;
      m.requests.push({
        id,
        acc: this.acc,
        video: this.video,
        period: this.period,
        expiresAt: m.now + 3 * DAY_MS,
        state: 'PENDING',
      });
    }
    await checkStatuses(m, real);
  }
  toString = () => `ask(${this.acc}, ${this.video}, ${this.period})`;
}

class Accept implements fc.AsyncCommand<Model, Real> {
  constructor(readonly i: number) {}
  check = (m: Readonly<Model>) => m.requests.length > 0;
  async run(m: Model, real: Real) {
    const req = m.requests[this.i % m.requests.length]!;
    const r = await real.requests.acceptRequest({
      creatorId: CREATOR,
      requestId: req.id,
      creator: creator({ id: CREATOR }),
      video: video({ id: req.video, ownerId: CREATOR }),
    });
    const expected = [
      ...(statusOf(m, req) === 'PENDING' ? [] : ['request.not_pending']),
      ...((m.inForceUntil.get(req.video) ?? -Infinity) > m.now ? ['spark.code_already_in_force'] : []),
    ];
    expect(outcome(r)).toBe(expected.length === 0 ? 'ok' : expected.join(','));
    if (r.isOk()) {
      req.state = 'ACCEPTED';
      m.inForceUntil.set(req.video, m.now + req.period * DAY_MS);
      expect(r.value.authorization.expiresAt.getTime()).toBe(m.now + req.period * DAY_MS);
    }
    await checkStatuses(m, real);
  }
  toString = () => `accept(#${this.i})`;
}

class Close implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly i: number,
    readonly how: 'decline' | 'cancel' | 'cancel-by-other',
  ) {}
  check = (m: Readonly<Model>) => m.requests.length > 0;
  async run(m: Model, real: Real) {
    const req = m.requests[this.i % m.requests.length]!;
    const other = ACCOUNTS.find((a) => a !== req.acc)!;
    const r =
      this.how === 'decline'
        ? await real.requests.declineRequest({ creatorId: CREATOR, requestId: req.id })
        : await real.requests.cancelRequest({
            adAccountId: this.how === 'cancel' ? req.acc : other,
            requestId: req.id,
          });
    if (this.how === 'cancel-by-other') expect(outcome(r)).toBe('not_found');
    else expect(outcome(r)).toBe(statusOf(m, req) === 'PENDING' ? 'ok' : 'request.not_pending');
    if (r.isOk()) req.state = this.how === 'decline' ? 'DECLINED' : 'CANCELLED';
    await checkStatuses(m, real);
  }
  toString = () => `${this.how}(#${this.i})`;
}

class Advance implements fc.AsyncCommand<Model, Real> {
  constructor(readonly ms: number) {}
  check = () => true;
  async run(m: Model, real: Real) {
    m.now += this.ms;
    real.clock.advance(this.ms);
    await checkStatuses(m, real);
  }
  toString = () => `advance(${this.ms / HOUR_MS} h)`;
}

describe('REQ-01 REQ-02 REQ-03 the request state machine against a model (fc.commands)', () => {
  test('statuses, the pending cap, answers once, and one authorization in force per video', async () => {
    const commands = [
      fc
        .tuple(fc.constantFrom(...ACCOUNTS), fc.constantFrom(...VIDEOS), fc.constantFrom(7, 30, 45))
        .map(([a, v, p]) => new Ask(a, v, p)),
      fc.nat(20).map((i) => new Accept(i)),
      fc
        .tuple(fc.nat(20), fc.constantFrom('decline' as const, 'cancel' as const, 'cancel-by-other' as const))
        .map(([i, how]) => new Close(i, how)),
      fc.constantFrom(HOUR_MS, 2 * DAY_MS, 4 * DAY_MS, 8 * DAY_MS).map((ms) => new Advance(ms)),
    ];
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 40 }), async (cmds) => {
        const clock = manualClock(T0);
        const requests = createBrandRequests({ store: memoryStore(), clock, policy });
        const setup = () => ({
          model: { now: T0.getTime(), requests: [], inForceUntil: new Map() } as Model,
          real: { requests, clock },
        });
        await fc.asyncModelRun(setup, cmds);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
