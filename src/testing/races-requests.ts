// Internal: brand request invariants (REQ-01..03) over the adapter, through the public services,
// with concurrent callers on two app servers over the same data and clocks 5 s apart. Each check
// reads what ended up stored, never how long anything took.
import { definePolicy } from '../kernel/policy-schema.js';
import { manualClock } from '../adapters/clock/manual-clock.js';
import { brandRequestsTable } from '../storage/tables.js';
import { check, checkEqual, checkSameDump, render, withHandle } from './check.js';
import {
  app,
  creator,
  generateInput,
  outcome,
  overlappingCodes,
  skewed,
  T0,
  tally,
  video,
  violations,
  type App,
} from './apps.js';
import { faultyHandle, servers } from './transactions.js';
import type { ConformanceCheck, StoreFactory, StoreHandle } from './types.js';

const ok = (r: { isOk(): boolean }) => r.isOk();

/** Two app servers over one handle's data, the second's clock 5 s ahead. */
async function twoServers(handle: StoreHandle) {
  const [a, b] = await servers(handle, 2);
  const clock = manualClock(T0);
  const policy = definePolicy().unwrap();
  return [app(a!, clock, policy), app(b!, skewed(clock, 5_000), policy)] as const;
}

/** A pending request by `adAccountId` for the video `videoId` of the creator `cr-<videoId>`. */
const requestFor = (adAccountId: string, videoId: string) => ({
  advertiser: { adAccountId },
  creatorId: `cr-${videoId}`,
  videoId,
  periodDays: 30,
});

/** The acceptance of a request for `videoId` by its creator, with eligible facts. */
const acceptFor = (requestId: string, videoId: string) => ({
  creatorId: `cr-${videoId}`,
  requestId,
  creator: creator(`cr-${videoId}`),
  video: video(videoId, `cr-${videoId}`),
});

/**
 * The brand request races: the pending cap (REQ-02), one answer per request (REQ-01), and one
 * authorization in force per video whether it comes from a code or a request (SPARK-12, REQ-03).
 *
 * @example
 * ```ts
 * for (const c of requestsRaceChecks(factory, 25)) test(c.name, c.run);
 * ```
 */
export function requestsRaceChecks(factory: StoreFactory, numRuns: number): ConformanceCheck[] {
  const rounds = Math.max(2, Math.ceil(numRuns / 8));
  return [
    {
      name:
        'race REQ-02: 60 concurrent requests by one ad account on two app servers (clocks 5 s apart): ' +
        'exactly 30 pending',
      run: () =>
        withHandle(factory, async (handle) => {
          const apps = await twoServers(handle);
          const acc = 'acc-req-cap';
          const results = await Promise.all(
            Array.from({ length: 60 }, (_, i) => apps[i % 2]!.requests.requestAuthorization(requestFor(acc, `v-${i}`))),
          );
          checkEqual(results.filter(ok).length, 30, `requests that succeeded ${render(tally(results))}`);
          check(
            results.every((r) => r.isOk() || violations(r).join() === 'request.too_many_pending'),
            `the others are told the cap is reached ${render(tally(results))}`,
          );
          const open = await handle.store.list(brandRequestsTable, 'openByAdAccount', { eq: [acc] });
          checkEqual(open.length, 30, 'pending requests stored');
        }),
    },
    {
      name: 'race REQ-01: acceptRequest racing cancelRequest on two app servers: exactly one wins',
      run: () =>
        withHandle(factory, async (handle) => {
          const apps = await twoServers(handle);
          for (let round = 0; round < rounds * 2; round++) {
            const videoId = `v-ac-${round}`;
            const acc = `acc-ac-${round}`;
            const sent = await apps[0].requests.requestAuthorization(requestFor(acc, videoId));
            check(sent.isOk(), `round ${round}: the request was sent`);
            const id = sent.value.id;
            const accept = () => apps[round % 2]!.requests.acceptRequest(acceptFor(id, videoId));
            const cancel = () => apps[1 - (round % 2)]!.requests.cancelRequest({ adAccountId: acc, requestId: id });
            const [a, c] = round % 2 === 0 ? await Promise.all([accept(), cancel()]) : await swap(accept, cancel);
            const results = [a, c];
            checkEqual(
              results.filter(ok).length,
              1,
              `round ${round}: answers that succeeded ${render(tally(results))}`,
            );
            check(
              results.every((r) => r.isOk() || violations(r).join() === 'request.not_pending'),
              `round ${round}: the loser is told the request is no longer pending ${render(tally(results))}`,
            );
            const stored = await handle.store.get(brandRequestsTable, id);
            const answers = [stored?.acceptedAt, stored?.cancelledAt].filter((x) => x !== undefined);
            checkEqual(answers.length, 1, `round ${round}: answers stored on the request`);
            checkEqual(stored?.codeId !== undefined, a.isOk(), `round ${round}: an authorization only if accepted`);
          }
        }),
    },
    {
      name:
        'race REQ-03: acceptRequest racing 4 generateCode for the same video on two app servers ' +
        '(clocks 5 s apart): one authorization in force (SPARK-12)',
      run: () =>
        withHandle(factory, async (handle) => {
          const apps = await twoServers(handle);
          for (let round = 0; round < rounds; round++) {
            const videoId = `v-ag-${round}`;
            const sent = await apps[1].requests.requestAuthorization(requestFor(`acc-ag-${round}`, videoId));
            check(sent.isOk(), `round ${round}: the request was sent`);
            const generate = (i: number) => apps[i % 2]!.spark.generateCode(generateInput(videoId, `cr-${videoId}`));
            const results = await Promise.all([
              generate(0),
              generate(1),
              apps[round % 2]!.requests.acceptRequest(acceptFor(sent.value.id, videoId)),
              generate(2),
              generate(3),
            ]);
            const overlap = await overlappingCodes(handle.store, videoId);
            check(overlap === undefined, `round ${round}: two authorizations in force at once: ${overlap}`);
            checkEqual(results.filter(ok).length, 1, `round ${round}: calls that succeeded ${render(tally(results))}`);
            check(
              results.every((r) => r.isOk() || violations(r).includes('spark.code_already_in_force')),
              `round ${round}: the others are told an authorization is in force ${render(tally(results))}`,
            );
          }
        }),
    },
    ...REQUEST_WORKFLOWS.map((wf) => requestFaultCheck(factory, wf)),
  ];
}

/** A brand request workflow to fail at each of its statements: `setup` makes what it needs, fresh for each `n`. */
interface RequestWorkflow {
  readonly name: string;
  readonly setup: (on: App, n: number) => Promise<string>;
  readonly run: (on: App, requestId: string, n: number) => Promise<{ isOk(): boolean; isErr(): boolean }>;
}

const REQUEST_WORKFLOWS: readonly RequestWorkflow[] = [
  {
    name: 'requests requestAuthorization',
    setup: async () => '',
    run: (on, _id, n) => on.requests.requestAuthorization(requestFor(`acc-rf-${n}`, `v-rf-${n}`)),
  },
  {
    name: 'requests acceptRequest',
    setup: async (on, n) =>
      (await on.requests.requestAuthorization(requestFor(`acc-rf-${n}`, `v-rf-${n}`))).unwrap().id,
    run: (on, id, n) => on.requests.acceptRequest(acceptFor(id, `v-rf-${n}`)),
  },
  {
    name: 'requests cancelRequest',
    setup: async (on, n) =>
      (await on.requests.requestAuthorization(requestFor(`acc-rf-${n}`, `v-rf-${n}`))).unwrap().id,
    run: (on, id, n) => on.requests.cancelRequest({ adAccountId: `acc-rf-${n}`, requestId: id }),
  },
];

/** Fails each statement of a workflow in turn: each time a storage error, and storage as it was. */
function requestFaultCheck(factory: StoreFactory, wf: RequestWorkflow): ConformanceCheck {
  return {
    name: `fault X-03: ${wf.name}: failing its Nth statement (every N) gives a storage error and changes nothing`,
    async run() {
      const f = await faultyHandle(factory);
      try {
        const on = app(f.handle.store, manualClock(T0));
        const dry = await f.armed(0, async () => wf.run(on, await wf.setup(on, 0), 0));
        check(dry.error === undefined && outcome(dry.result!) === 'ok', `${wf.name}: the answer without a fault`);
        check(dry.statements > 0, `${wf.name}: the store called onStatement for its statements`);
        for (let n = 1; n <= dry.statements; n++) {
          const id = await wf.setup(on, n);
          const before = await f.handle.dump();
          const run = await f.armed(n, () => wf.run(on, id, n));
          if (run.statements < n) continue;
          check(run.error === undefined, `${wf.name}: a storage failure must come back as a result, not a throw`);
          checkEqual(outcome(run.result!), 'storage', `${wf.name}: the answer when statement ${n} fails`);
          checkSameDump(await f.handle.dump(), before, `${wf.name}: rows and events after statement ${n} failed`);
        }
      } finally {
        await f.handle.close();
      }
    },
  };
}

/** Runs `b` then `a` concurrently (the other start order), answering in the order a, b. */
async function swap<A, B>(a: () => Promise<A>, b: () => Promise<B>): Promise<[A, B]> {
  const pb = b();
  const pa = a();
  return [await pa, await pb];
}
