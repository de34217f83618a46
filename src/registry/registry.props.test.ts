import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { base64 } from '@scure/base';
import { sha256Hex } from '../kernel/crypto.js';
import { DAY_MS, HOUR_MS } from '../kernel/time.js';
import { memoryStore } from '../adapters/memory/memory-store.js';
import { manualClock } from '../adapters/clock/manual-clock.js';
import { createAds, type Ads } from '../ads/ads.service.js';
import { codesTable, libraryTable } from '../storage/tables.js';
import { codeAd, T0 } from '../testing/apps.js';
import type { Store } from '../ports/store.js';
import type { PlatformCodeFacts } from './registry.model.js';
import { answeredEnd, isNewerAnswer, periodDaysBetween } from './registry.rules.js';
import { createRegistry, type Registry } from './registry.service.js';

const NUM_RUNS = Number(process.env.FC_NUM_RUNS ?? 25);
const EXAMPLE = '#s63DdePaj9HjSv2BPcSrDfTxU2X506b2oiwchQ9PIspTLgroZKtjN7PPiFnF+qA=';

const facts = (checkedAtMs: number, endDays: number, over: Partial<PlatformCodeFacts> = {}): PlatformCodeFacts => ({
  status: 'IN_USE',
  videoId: 'v-prop',
  creatorId: 'tt-prop',
  authStartAt: new Date(T0.getTime() - DAY_MS),
  authEndAt: new Date(T0.getTime() + endDays * DAY_MS),
  checkedAt: new Date(T0.getTime() - HOUR_MS + checkedAtMs),
  endSource: 'API',
  ...over,
});

const outcome = (r: { isOk(): boolean; error?: unknown }) =>
  r.isOk()
    ? 'ok'
    : ((r.error as { violations?: { code: string }[]; code: string }).violations?.map((v) => v.code).join(',') ??
      (r.error as { code: string }).code);

describe('AG-01 properties: registration reads the code by its format alone', () => {
  test('AG-01: every # + padded base64 of 12..190 bytes registers, stored under SHA-256 of its bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 12, maxLength: 190 }), async (bytes) => {
        const registry = createRegistry({ store: memoryStore(), clock: manualClock(T0) });
        const code = `#${base64.encode(bytes)}`;
        const r = await registry.registerCode({ adAccountId: 'adv-1', code, facts: facts(0, 10) });
        expect(outcome(r)).toBe('ok');
      }),
      { numRuns: NUM_RUNS },
    );
  });

  test('AG-01: the digest is SHA-256 of the bytes; text without its "#" is registry.code_malformed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 12, maxLength: 120 }), async (bytes) => {
        const store = memoryStore();
        const registry = createRegistry({ store, clock: manualClock(T0) });
        const body = base64.encode(bytes);
        const bad = await registry.registerCode({ adAccountId: 'adv-1', code: body, facts: facts(0, 10) });
        expect(outcome(bad)).toBe('registry.code_malformed');
        (await registry.registerCode({ adAccountId: 'adv-1', code: `#${body}`, facts: facts(0, 10) })).unwrap();
        const [record] = await store.list(codesTable, 'byDigest');
        expect(record?.digest).toBe(sha256Hex(bytes));
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('AG-02 properties: an answer sets the end, and only newer answers move it', () => {
  const answer = fc.record({
    status: fc.constantFrom('NOT_USED' as const, 'IN_USE' as const, 'EXPIRED' as const),
    start: fc.integer({ min: 0, max: 100 * DAY_MS }),
    length: fc.integer({ min: 1, max: 100 * DAY_MS }),
    checked: fc.integer({ min: 0, max: 200 * DAY_MS }),
  });

  test('AG-02: answeredEnd is never before the start; for EXPIRED, never after the check', () => {
    fc.assert(
      fc.property(answer, ({ status, start, length, checked }) => {
        const f = {
          status,
          authStartAt: new Date(start),
          authEndAt: new Date(start + length),
          checkedAt: new Date(checked),
        };
        const end = answeredEnd(f).getTime();
        expect(end).toBeGreaterThanOrEqual(start);
        expect(end).toBeLessThanOrEqual(start + length);
        if (status === 'EXPIRED') expect(end).toBeLessThanOrEqual(Math.max(checked, start));
        else expect(end).toBe(start + length);
        expect(periodDaysBetween(new Date(start), new Date(end))).toBe(Math.round((end - start) / DAY_MS));
      }),
      { numRuns: NUM_RUNS * 4 },
    );
  });

  test('AG-02: isNewerAnswer is a strict order on check instants', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer(), (a, b) => {
        expect(isNewerAnswer(new Date(a), new Date(b))).toBe(a > b);
        expect(isNewerAnswer(new Date(a), undefined)).toBe(true);
      }),
      { numRuns: NUM_RUNS * 4 },
    );
  });

  test('AG-02: whatever the order answers arrive in, the newest wins and older ones are refused', async () => {
    const answers = fc.array(fc.tuple(fc.integer({ min: 0, max: 50 * 60_000 }), fc.integer({ min: 1, max: 60 })), {
      minLength: 1,
      maxLength: 8,
    });
    await fc.assert(
      fc.asyncProperty(answers, async (list) => {
        const store = memoryStore();
        const registry = createRegistry({ store, clock: manualClock(T0) });
        const first = facts(0, 10);
        const codeId = (await registry.registerCode({ adAccountId: 'adv-1', code: EXAMPLE, facts: first })).unwrap()
          .summary.id;
        let held = { checked: 0, end: first.authEndAt.getTime() };
        for (const [checked, endDays] of list) {
          const f = facts(checked, endDays);
          const r = await registry.refreshCode({ adAccountId: 'adv-1', codeId, facts: f });
          expect(outcome(r)).toBe(checked < held.checked ? 'registry.stale_answer' : 'ok');
          if (checked > held.checked) held = { checked, end: f.authEndAt.getTime() };
        }
        const record = (await store.get(codesTable, codeId))!;
        expect(record.registration?.checkedAt.getTime()).toBe(facts(held.checked, 1).checkedAt.getTime());
        expect(record.expiresAt.getTime()).toBe(held.end);
        for (const e of await store.list(libraryTable, 'byCode', { eq: [codeId] })) {
          expect(e.expiresAt.getTime()).toBe(held.end);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

// ---- model-based: registration, refresh, drafts and unbinding across ad accounts ---------------------

const ACCOUNTS = ['acc-a', 'acc-b', 'acc-c'] as const;

interface Model {
  library: Set<string>;
  held: number;
  end: number;
  drafts: Map<string, string[]>;
  codeId: string | undefined;
}
interface Real {
  registry: Registry;
  ads: Ads;
  store: Store;
}

async function checkStored(m: Model, real: Real) {
  if (m.codeId === undefined) {
    expect(await real.store.list(codesTable, 'byDigest')).toEqual([]);
    return;
  }
  const record = (await real.store.get(codesTable, m.codeId))!;
  expect(record.expiresAt.getTime()).toBe(m.end);
  expect(record.registration?.checkedAt.getTime()).toBe(m.held);
  const entries = await real.store.list(libraryTable, 'byCode', { eq: [m.codeId] });
  expect(entries.map((e) => e.adAccountId).sort()).toEqual([...m.library].sort());
  for (const e of entries) expect(e.expiresAt.getTime()).toBe(m.end);
}

class Register implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly acc: string,
    readonly checked: number,
    readonly endDays: number,
  ) {}
  check = () => true;
  async run(m: Model, real: Real) {
    const f = facts(this.checked, this.endDays);
    const r = (await real.registry.registerCode({ adAccountId: this.acc, code: EXAMPLE, facts: f })).unwrap();
    expect(r.created).toBe(m.codeId === undefined);
    expect(r.added).toBe(!m.library.has(this.acc));
    if (m.codeId === undefined || f.checkedAt.getTime() > m.held) {
      m.held = f.checkedAt.getTime();
      m.end = f.authEndAt.getTime();
    }
    m.codeId = r.summary.id;
    m.library.add(this.acc);
    await checkStored(m, real);
  }
  toString = () => `register(${this.acc}, +${this.checked}, ${this.endDays} d)`;
}

class Refresh implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly acc: string,
    readonly checked: number,
    readonly endDays: number,
  ) {}
  check = (m: Readonly<Model>) => m.codeId !== undefined;
  async run(m: Model, real: Real) {
    const f = facts(this.checked, this.endDays);
    const r = await real.registry.refreshCode({ adAccountId: this.acc, codeId: m.codeId!, facts: f });
    const t = f.checkedAt.getTime();
    const expected = !m.library.has(this.acc) ? 'not_found' : t < m.held ? 'registry.stale_answer' : 'ok';
    expect(outcome(r)).toBe(expected);
    if (expected === 'ok' && t > m.held) {
      m.held = t;
      m.end = f.authEndAt.getTime();
    }
    await checkStored(m, real);
  }
  toString = () => `refresh(${this.acc}, +${this.checked}, ${this.endDays} d)`;
}

class Draft implements fc.AsyncCommand<Model, Real> {
  constructor(readonly acc: string) {}
  check = (m: Readonly<Model>) => m.codeId !== undefined;
  async run(m: Model, real: Real) {
    const r = await real.ads.createAd(codeAd(this.acc, m.codeId!));
    expect(r.isOk()).toBe(m.library.has(this.acc));
    if (r.isOk()) m.drafts.set(this.acc, [...(m.drafts.get(this.acc) ?? []), r.value.id]);
  }
  toString = () => `draft(${this.acc})`;
}

class DeleteDraft implements fc.AsyncCommand<Model, Real> {
  constructor(readonly acc: string) {}
  check = (m: Readonly<Model>) => (m.drafts.get(this.acc) ?? []).length > 0;
  async run(m: Model, real: Real) {
    const [adId, ...rest] = m.drafts.get(this.acc)!;
    (await real.ads.deleteDraft({ adAccountId: this.acc, adId: adId! })).unwrap();
    m.drafts.set(this.acc, rest);
  }
  toString = () => `deleteDraft(${this.acc})`;
}

class Unbind implements fc.AsyncCommand<Model, Real> {
  constructor(readonly acc: string) {}
  check = (m: Readonly<Model>) => m.codeId !== undefined;
  async run(m: Model, real: Real) {
    const r = await real.registry.unbindPost({ adAccountId: this.acc, codeId: m.codeId! });
    const drafts = m.drafts.get(this.acc) ?? [];
    const expected = !m.library.has(this.acc) ? 'not_found' : drafts.length > 0 ? 'spark.post_in_use_by_ads' : 'ok';
    expect(outcome(r)).toBe(expected);
    if (expected === 'ok') m.library.delete(this.acc);
    await checkStored(m, real);
  }
  toString = () => `unbind(${this.acc})`;
}

describe('AG-01 AG-02 ADV-02 the registry against a model (fc.commands)', () => {
  test('one record per code, a library entry per ad account, the newest answer, unbind only without ads', async () => {
    const acc = fc.constantFrom(...ACCOUNTS);
    const checked = fc.integer({ min: 0, max: 50 * 60_000 });
    const days = fc.integer({ min: 1, max: 60 });
    const commands = [
      fc.tuple(acc, checked, days).map(([a, c, d]) => new Register(a, c, d)),
      fc.tuple(acc, checked, days).map(([a, c, d]) => new Refresh(a, c, d)),
      acc.map((a) => new Draft(a)),
      acc.map((a) => new DeleteDraft(a)),
      acc.map((a) => new Unbind(a)),
    ];
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 30 }), async (cmds) => {
        const store = memoryStore();
        const clock = manualClock(T0);
        const real = { store, registry: createRegistry({ store, clock }), ads: createAds({ store, clock }) };
        const setup = () => ({
          model: { library: new Set<string>(), held: 0, end: 0, drafts: new Map(), codeId: undefined } as Model,
          real,
        });
        await fc.asyncModelRun(setup, cmds);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
