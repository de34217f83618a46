// Internal: the registry's invariants (AG-01, AG-02) over the adapter, through the public
// services, with callers on two app servers over the same data whose clocks differ. Each check
// reads what ended up stored, never how long anything took.
import { base64 } from '@scure/base';
import { DAY_MS, HOUR_MS } from '../kernel/time.js';
import { manualClock } from '../adapters/clock/manual-clock.js';
import { webCryptoRandom } from '../adapters/random/web-crypto-random.js';
import { adsTable, codesTable, libraryTable } from '../storage/tables.js';
import { createAds } from '../ads/ads.service.js';
import { createRegistry, type Registry } from '../registry/registry.service.js';
import type { PlatformCodeFacts } from '../registry/registry.model.js';
import { check, checkEqual, checkSameDump, render, withHandle } from './check.js';
import { app, codeAd, outcome, skewed, T0, tally, type App } from './apps.js';
import { faultyHandle, servers } from './transactions.js';
import type { ConformanceCheck, StoreFactory, StoreHandle } from './types.js';

/** A platform code in TikTok's format (`#` + base64 of 40 bytes), different for each `n`. */
const platformCode = (n: number) =>
  `#${base64.encode(Uint8Array.from({ length: 40 }, (_, i) => (i < 2 ? (n >> (8 * i)) & 255 : i * 31) % 256))}`;

const facts = (videoId: string, checkedAtMs: number, endDays: number): PlatformCodeFacts => ({
  status: 'IN_USE',
  videoId,
  creatorId: `cr-${videoId}`,
  authStartAt: new Date(T0.getTime() - DAY_MS),
  authEndAt: new Date(T0.getTime() + endDays * DAY_MS),
  checkedAt: new Date(T0.getTime() - HOUR_MS + checkedAtMs),
  endSource: 'API',
});

/** The registry on each of two app servers over one handle's data, the second clock 5 s ahead. */
async function twoRegistries(handle: StoreHandle): Promise<Registry[]> {
  const [a, b] = await servers(handle, 2);
  const clock = manualClock(T0);
  return [
    createRegistry({ store: a!, clock, random: webCryptoRandom() }),
    createRegistry({ store: b!, clock: skewed(clock, 5_000), random: webCryptoRandom() }),
  ];
}

/** A registry workflow to fail at each statement: `setup` makes what it needs, fresh for each `n`. */
interface RegistryWorkflow {
  readonly name: string;
  readonly setup: (on: App, registry: Registry, n: number) => Promise<Record<string, string>>;
  readonly run: (registry: Registry, ctx: Record<string, string>, n: number) => Promise<{ isOk(): boolean }>;
}

/** A registered code for the `n`th run of `tag`, with a running ad on it when `withAd`. */
async function registered(on: App, registry: Registry, tag: string, n: number, withAd: boolean) {
  const videoId = `v-${tag}-${n}`;
  const r = await registry.registerCode({
    adAccountId: 'acc-f',
    code: platformCode(7000 + n + tag.length * 100),
    facts: facts(videoId, 0, 10),
  });
  check(r.isOk(), `${tag}: registration ${render(tally([r]))}`);
  if (withAd) {
    const ad = await on.ads.createAd(codeAd('acc-f', r.value.summary.id));
    check(ad.isOk(), `${tag}: the ad ${render(tally([ad]))}`);
    const ref = { adAccountId: 'acc-f', adId: ad.value.id };
    for (const step of ['submit', 'approve', 'start'] as const) {
      const done = step === 'approve' ? await on.ads.review({ ...ref, approved: true }) : await on.ads[step](ref);
      check(done.isOk(), `${tag}: ${step} ${render(tally([done]))}`);
    }
  }
  return { codeId: r.value.summary.id, videoId };
}

const REGISTRY_WORKFLOWS: readonly RegistryWorkflow[] = [
  {
    name: 'registry registerCode (a new code)',
    setup: async () => ({}),
    run: (registry, _c, n) =>
      registry.registerCode({ adAccountId: 'acc-f', code: platformCode(6000 + n), facts: facts(`v-new-${n}`, 0, 10) }),
  },
  {
    name: 'registry registerCode (a second ad account, a newer answer)',
    setup: async (on, registry, n) => ({ ...(await registered(on, registry, 'second', n, false)) }),
    run: (registry, c, n) =>
      registry.registerCode({
        adAccountId: 'acc-g',
        code: platformCode(7000 + n + 'second'.length * 100),
        facts: facts(c.videoId!, 5, 20),
      }),
  },
  {
    name: 'registry refreshCode (a new end, moving a running ad)',
    setup: async (on, registry, n) => ({ ...(await registered(on, registry, 'end', n, true)) }),
    run: (registry, c) =>
      registry.refreshCode({ adAccountId: 'acc-f', codeId: c.codeId!, facts: facts(c.videoId!, 5, 30) }),
  },
  {
    name: 'registry refreshCode (DELETED, pausing a running ad)',
    setup: async (on, registry, n) => ({ ...(await registered(on, registry, 'deleted', n, true)) }),
    run: (registry, c) =>
      registry.refreshCode({
        adAccountId: 'acc-f',
        codeId: c.codeId!,
        facts: { ...facts(c.videoId!, 5, 10), status: 'DELETED' },
      }),
  },
  {
    name: 'registry unbindPost',
    setup: async (on, registry, n) => ({ ...(await registered(on, registry, 'unbind', n, false)) }),
    run: (registry, c) => registry.unbindPost({ adAccountId: 'acc-f', codeId: c.codeId! }),
  },
];

/** One check per registry workflow: fail each of its statements in turn; a storage error, nothing changed. */
function registryFaultCheck(factory: StoreFactory, wf: RegistryWorkflow): ConformanceCheck {
  return {
    name: `fault X-03: ${wf.name}: failing its Nth statement (every N) gives a storage error and changes nothing`,
    async run() {
      const f = await faultyHandle(factory);
      try {
        const clock = manualClock(T0);
        const on = app(f.handle.store, clock);
        const registry = createRegistry({ store: f.handle.store, clock, random: webCryptoRandom() });
        const dry = await f.armed(0, async () => wf.run(registry, await wf.setup(on, registry, 0), 0));
        const answer = dry.error === undefined ? outcome(dry.result! as never) : String(dry.error);
        checkEqual(answer, 'ok', `${wf.name}: the answer without a fault`);
        check(dry.statements > 0, `${wf.name}: the store called onStatement for its statements`);
        for (let n = 1; n <= dry.statements; n++) {
          const ctx = await wf.setup(on, registry, n);
          const before = await f.handle.dump();
          const run = await f.armed(n, () => wf.run(registry, ctx, n));
          if (run.statements < n) continue; // this run took another path with fewer statements
          check(
            run.error === undefined,
            `${wf.name}: a storage failure must come back as a result: ${String(run.error)}`,
          );
          checkEqual(outcome(run.result! as never), 'storage', `${wf.name}: the answer when statement ${n} fails`);
          checkSameDump(await f.handle.dump(), before, `${wf.name}: rows and events after statement ${n} failed`);
        }
      } finally {
        await f.handle.close();
      }
    },
  };
}

/**
 * The registry's race checks (AG-01, AG-02) over a store factory, for the conformance suite.
 *
 * @example
 * ```ts
 * for (const c of registryRaceChecks(factory, 25)) test(c.name, c.run);
 * ```
 */
export function registryRaceChecks(factory: StoreFactory, numRuns: number): ConformanceCheck[] {
  const rounds = Math.max(2, Math.min(6, Math.ceil(numRuns / 5)));
  return [
    ...REGISTRY_WORKFLOWS.map((wf) => registryFaultCheck(factory, wf)),
    {
      name:
        'storage inspection AG-01: after platform codes are registered by two ad accounts, refreshed and unbound, ' +
        'no 12 characters of a registered code reached storage',
      run: () =>
        withHandle(factory, async (handle) => {
          // Arrange
          const registry = createRegistry({ store: handle.store, clock: manualClock(T0), random: webCryptoRandom() });
          const codes = [0, 1, 2].map((n) => platformCode(5000 + n));
          for (const [i, code] of codes.entries()) {
            const videoId = `v-inspect-${i}`;
            const first = await registry.registerCode({ adAccountId: 'acc-1', code, facts: facts(videoId, 0, 10) });
            check(first.isOk(), `registration ${render(tally([first]))}`);
            await registry.registerCode({ adAccountId: 'acc-2', code, facts: facts(videoId, 1, 12) });
            const codeId = first.value.summary.id;
            await registry.refreshCode({ adAccountId: 'acc-1', codeId, facts: facts(videoId, 2, 20) });
            if (i === 2) await registry.unbindPost({ adAccountId: 'acc-2', codeId });
          }
          // Act
          const stored = render(await handle.dump());
          // Assert: neither the whole code nor any 12 characters of its body (fingerprints show 4 + 4).
          for (const code of codes) {
            const body = code.slice(1);
            for (let i = 0; i + 12 <= body.length; i++) {
              const part = body.slice(i, i + 12);
              check(
                !stored.includes(part) && !stored.includes(JSON.stringify(part).slice(1, -1)),
                `storage holds 12 characters (${i}..${i + 12}) of a registered code`,
              );
            }
          }
        }),
    },
    {
      name:
        'race AG-01: four ad accounts register the same platform code concurrently on two app servers: ' +
        'one record, four library entries',
      run: () =>
        withHandle(factory, async (handle) => {
          const registries = await twoRegistries(handle);
          for (let round = 0; round < rounds; round++) {
            const videoId = `v-reg-${round}`;
            const code = platformCode(round);
            const results = await Promise.all(
              ['a', 'b', 'c', 'd'].map((acc, i) =>
                registries[i % 2]!.registerCode({
                  adAccountId: `acc-${acc}`,
                  code,
                  facts: facts(videoId, i, 10),
                }),
              ),
            );
            checkEqual(
              results.filter((r) => r.isOk()).length,
              4,
              `round ${round}: registrations that succeeded ${render(tally(results))}`,
            );
            const records = (await handle.store.list(codesTable, 'byVideo', { eq: [videoId] })).length;
            checkEqual(records, 1, `round ${round}: records for one registered code`);
            const created = results.filter((r) => r.isOk() && r.value.created).length;
            checkEqual(created, 1, `round ${round}: registrations that created the record`);
            const [record] = await handle.store.list(codesTable, 'byVideo', { eq: [videoId] });
            const entries = await handle.store.list(libraryTable, 'byCode', { eq: [record!.id] });
            checkEqual(
              entries.map((e) => e.adAccountId).sort(),
              ['acc-a', 'acc-b', 'acc-c', 'acc-d'],
              `round ${round}: library entries`,
            );
            // The newest of the four answers is the one held (AG-02).
            checkEqual(
              record!.registration?.checkedAt.getTime(),
              facts(videoId, 3, 10).checkedAt.getTime(),
              `round ${round}: the answer held`,
            );
          }
        }),
    },
    {
      name: 'race AG-02: eight refreshes racing on two app servers: the newest answer wins, ads and entries agree',
      run: () =>
        withHandle(factory, async (handle) => {
          const registries = await twoRegistries(handle);
          const ads = createAds({ store: handle.store, clock: manualClock(T0), random: webCryptoRandom() });
          for (let round = 0; round < rounds; round++) {
            const videoId = `v-ref-${round}`;
            const code = platformCode(1000 + round);
            const first = facts(videoId, 0, 10);
            const registered = await registries[0]!.registerCode({ adAccountId: 'acc-r', code, facts: first });
            check(registered.isOk(), `round ${round}: registration ${render(tally([registered]))}`);
            const codeId = registered.value.summary.id;
            const ad = await ads.createAd(codeAd('acc-r', codeId));
            check(ad.isOk(), `round ${round}: the ad ${render(tally([ad]))}`);
            // Answers checked at 1..8 minutes, each with its own end; sent newest-first to half the servers.
            const answers = Array.from({ length: 8 }, (_, i) => facts(videoId, (i + 1) * 60_000, 11 + ((i * 5) % 8)));
            const order = [7, 0, 6, 1, 5, 2, 4, 3];
            const results = await Promise.all(
              order.map((i, k) => registries[k % 2]!.refreshCode({ adAccountId: 'acc-r', codeId, facts: answers[i]! })),
            );
            const failed = results.filter((r) => r.isErr() && r.error.code !== 'denied');
            checkEqual(failed.length, 0, `round ${round}: refreshes that failed ${render(tally(results))}`);
            const record = await handle.store.get(codesTable, codeId);
            const newest = answers[7]!;
            checkEqual(
              record?.registration?.checkedAt.getTime(),
              newest.checkedAt.getTime(),
              `round ${round}: the answer held after the race`,
            );
            checkEqual(record?.expiresAt.getTime(), newest.authEndAt.getTime(), `round ${round}: the end held`);
            const stored = await handle.store.get(adsTable, ad.value.id);
            checkEqual(
              stored?.authorization?.expiresAt.getTime(),
              newest.authEndAt.getTime(),
              `round ${round}: the ad's copy of the end`,
            );
            for (const e of await handle.store.list(libraryTable, 'byCode', { eq: [codeId] })) {
              checkEqual(e.expiresAt.getTime(), newest.authEndAt.getTime(), `round ${round}: the library entry's end`);
            }
          }
        }),
    },
  ];
}
