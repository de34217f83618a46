import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createPortfolio, DAY_MS, manualClock, memoryStore } from '../index.js';
import { adsSetup, T0 } from '../../test/fixtures.js';
import { assignmentsTable, codesTable, libraryTable, linksTable } from '../storage/tables.js';
import type { AdCodeRecord, LibraryEntry } from '../spark-codes/spark-codes.model.js';
import type { AdAccountAssignment, BcLinkRecord } from '../business-center/business-center.model.js';
import type { Store } from '../ports/store.js';
import { comparePortfolioKeys, decodePortfolioCursor, encodePortfolioCursor } from './portfolio.rules.js';

const NUM_RUNS = Number(process.env.FC_NUM_RUNS ?? 25);
const ACCOUNTS = ['acc-a', 'acc-B', 'acc-b'];
const CREATORS = ['cr-a', 'cr-b', 'cr-c'];

function codeRow(id: string, creatorId: string, end: number, revoked: boolean, origin?: 'REQUEST'): AdCodeRecord {
  return {
    id,
    ...(origin === undefined ? {} : { origin }),
    fingerprint: '#abcd…wxyz',
    creatorId,
    videoId: `v-${id}`,
    periodDays: 30,
    generatedAt: new Date(T0.getTime() - 30 * DAY_MS),
    expiresAt: new Date(end),
    ...(revoked ? { revokedAt: T0, revokedBy: { kind: 'creator', id: creatorId } } : {}),
    preview: { creatorId, creatorName: 'C', videoId: `v-${id}` },
  } as AdCodeRecord;
}

function entryRow(code: AdCodeRecord, adAccountId: string): LibraryEntry {
  return {
    adAccountId,
    codeId: code.id,
    videoId: code.videoId,
    creatorId: code.creatorId,
    confirmedAt: T0,
    confirmedBy: { kind: 'advertiser', id: adAccountId },
    preview: code.preview,
    expiresAt: code.expiresAt,
  } as LibraryEntry;
}

async function put(store: Store, codes: readonly AdCodeRecord[], entries: readonly LibraryEntry[]) {
  await store.transaction([], async (tx) => {
    for (const c of codes) await tx.insert(codesTable, c);
    for (const e of entries) await tx.insert(libraryTable, e);
  });
}

/** Every page of `endingSoon`, concatenated. */
async function allPages(portfolio: ReturnType<typeof createPortfolio>, input: Record<string, unknown>) {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let n = 0; n < 1000; n++) {
    const page = (await portfolio.endingSoon({ ...input, ...(cursor ? { cursor } : {}) } as never)).unwrap();
    ids.push(...page.items.map((i) => i.codeId));
    if (page.nextCursor === undefined) return ids;
    expect(page.items.length).toBe((input as { limit: number }).limit);
    cursor = page.nextCursor;
  }
  throw new Error('too many pages');
}

describe('POR-01 portfolio: ending within a window, soonest first, paged by cursor', () => {
  test('POR-01 property: all pages concatenated are the sorted model list, without duplicates', async () => {
    const code = fc.record({
      creator: fc.constantFrom(...CREATORS),
      endDay: fc.integer({ min: -2, max: 12 }),
      endMs: fc.constantFrom(0, 1, 999),
      revoked: fc.boolean(),
      holders: fc.subarray(ACCOUNTS),
      request: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(code, { maxLength: 40 }),
        fc.subarray(ACCOUNTS),
        fc.subarray(CREATORS),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 6 }),
        async (specs, accounts, creators, days, limit) => {
          fc.pre(accounts.length + creators.length > 0);
          const store = memoryStore();
          const codes = specs.map((s, i) =>
            codeRow(
              `code_${String(i).padStart(2, '0')}${i % 2 ? 'x' : 'X'}`,
              s.creator,
              T0.getTime() + s.endDay * DAY_MS + s.endMs,
              s.revoked,
              s.request ? 'REQUEST' : undefined,
            ),
          );
          const entries = specs.flatMap((s, i) => s.holders.map((a) => entryRow(codes[i]!, a)));
          await put(store, codes, entries);
          const portfolio = createPortfolio({ store, clock: manualClock(T0) });
          const to = T0.getTime() + days * DAY_MS;
          const expected = codes
            .filter((c) => c.revokedAt === undefined)
            .filter((c) => c.expiresAt.getTime() >= T0.getTime() && c.expiresAt.getTime() < to)
            .filter(
              (c) =>
                creators.includes(c.creatorId) ||
                entries.some((e) => e.codeId === c.id && accounts.includes(e.adAccountId)),
            )
            .map((c) => ({ end: c.expiresAt.getTime(), codeId: c.id }))
            .sort(comparePortfolioKeys)
            .map((k) => k.codeId);
          const got = await allPages(portfolio, {
            scope: { adAccountIds: accounts, creatorIds: creators },
            within: { days },
            limit,
          });
          expect(new Set(got).size).toBe(got.length);
          expect(got).toEqual(expected);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  test('POR-01 an ad whose schedule ends before the authorization is not at risk; others carry a name', async () => {
    const s = adsSetup();
    const code = await s.confirmedCode(['adacc-1'], 30);
    const open = await s.runningAd(code.codeId, { name: 'Open-ended' });
    const short = new Date(T0.getTime() + 10 * DAY_MS);
    await s.runningAd(code.codeId, { name: 'Ten days', schedule: { startAt: T0, endAt: short } });
    const long = new Date(T0.getTime() + 40 * DAY_MS);
    const past = await s.runningAd(code.codeId, { name: 'Forty days', schedule: { startAt: T0, endAt: long } });
    const portfolio = createPortfolio({ store: s.store, clock: s.clock });
    const page = (
      await portfolio.endingSoon({ scope: { adAccountIds: ['adacc-1'] }, within: { days: 31 }, limit: 10 })
    ).unwrap();
    const atRisk = page.items[0]!.adsAtRisk;
    expect(atRisk.map((a) => a.id).sort()).toEqual([open.id, past.id].sort());
    expect(atRisk.map((a) => a.name).sort()).toEqual(['Forty days', 'Open-ended']);
    expect(atRisk.find((a) => a.id === past.id)!.scheduledEnd).toEqual(long);
  });

  test('POR-01 the holders and the ads at risk, soonest first, across ad accounts and a Business Center', async () => {
    const s = adsSetup();
    const late = await s.confirmedCode(['adacc-1', 'adacc-2'], 30);
    const soon = await s.confirmedCode(['adacc-1'], 7);
    const far = await s.confirmedCode(['adacc-1'], 60);
    const running = await s.runningAd(soon.codeId);
    const stopped = await s.runningAd(soon.codeId);
    (await s.ads.stop({ adAccountId: 'adacc-1', adId: stopped.id })).unwrap();
    await s.runningAd(late.codeId, { adAccountId: 'adacc-2' });
    // A Business Center stands for the ad accounts its active links are assigned to.
    await s.store.transaction([], async (tx) => {
      await tx.insert(linksTable, {
        id: 'link-1',
        businessCenterId: 'bc-1',
        accountId: 'tt-1',
        linkedAt: T0,
      } as unknown as BcLinkRecord);
      await tx.insert(assignmentsTable, {
        businessCenterId: 'bc-1',
        accountId: 'tt-1',
        adAccountId: 'adacc-1',
        linkId: 'link-1',
        assignedAt: T0,
      } as unknown as AdAccountAssignment);
    });
    const portfolio = createPortfolio({ store: s.store, clock: s.clock });
    const page = (
      await portfolio.endingSoon({ scope: { businessCenterIds: ['bc-1'] }, within: { days: 31 }, limit: 10 })
    ).unwrap();
    expect(page.items.map((i) => i.codeId)).toEqual([soon.codeId, late.codeId]);
    expect(page.nextCursor).toBeUndefined();
    expect(page.items[0]!.adsAtRisk.map((a) => a.id)).toEqual([running.id]);
    // Only the scope's ad accounts, unless the creator is in the scope.
    expect(page.items[1]!.adAccountIds).toEqual(['adacc-1']);
    expect(page.items[1]!.adsAtRisk).toEqual([]);
    const byCreator = (
      await portfolio.endingSoon({ scope: { creatorIds: [late.creatorId] }, within: { days: 31 }, limit: 10 })
    ).unwrap();
    expect(byCreator.items[0]!.adAccountIds).toEqual(['adacc-1', 'adacc-2']);
    expect(byCreator.items[0]!.adsAtRisk.map((a) => a.adAccountId)).toEqual(['adacc-2']);
    // A revoked authorization leaves the portfolio.
    (await s.spark.revokeCode({ creatorId: soon.creatorId, codeId: soon.codeId })).unwrap();
    const after = (
      await portfolio.endingSoon({ scope: { adAccountIds: ['adacc-1'] }, within: { days: 90 }, limit: 1 })
    ).unwrap();
    expect(after.items.map((i) => i.codeId)).toEqual([late.codeId]);
    const next = (
      await portfolio.endingSoon({
        scope: { adAccountIds: ['adacc-1'] },
        within: { days: 90 },
        limit: 1,
        cursor: after.nextCursor!,
      })
    ).unwrap();
    expect(next.items.map((i) => i.codeId)).toEqual([far.codeId]);
  });

  test('POR-01 bad input names the field: scope, within, limit, cursor', async () => {
    const portfolio = createPortfolio({ store: memoryStore() });
    const path = async (input: unknown) => {
      const r = await portfolio.endingSoon(input as never);
      return r.isErr() && r.error.code === 'validation' ? r.error.issues[0].path[0] : 'ok';
    };
    expect(await path({ scope: {}, within: { days: 1 }, limit: 1 })).toBe('scope');
    expect(await path({ scope: { creatorIds: ['c'] }, within: { days: 1, ms: 5 }, limit: 1 })).toBe('within');
    expect(await path({ scope: { creatorIds: ['c'] }, within: { days: 1 }, limit: 0 })).toBe('limit');
    expect(await path({ scope: { creatorIds: ['c'] }, within: { days: 1 }, limit: 1, cursor: 'x' })).toBe('cursor');
    expect(await path({ scope: { creatorIds: ['c'] }, within: { days: 1 }, limit: 1 })).toBe('ok');
  });

  test('POR-01 the cursor round-trips any key', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e15, max: 1e15 }),
        fc.string({ unit: fc.constantFrom(...'aZ_-|.~!0'.split('')), minLength: 1, maxLength: 128 }),
        (end, codeId) => {
          expect(decodePortfolioCursor(encodePortfolioCursor({ end, codeId }))).toEqual({ end, codeId });
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });
});
