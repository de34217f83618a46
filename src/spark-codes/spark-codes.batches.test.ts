import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { definePolicy } from '../index.js';
import { adsSetup, advertiser, creator, setup, video } from '../../test/fixtures.js';
import { batchItemsTable, compoundKey, libraryTable } from '../storage/tables.js';

type Spark = ReturnType<typeof setup>['spark'];

/** Codes of `n` fresh videos of one creator. */
async function codes(spark: Spark, n: number, creatorId = 'creator-1', first = 0) {
  const out: { code: string; codeId: string }[] = [];
  for (let i = first; i < first + n; i++) {
    const g = (
      await spark.generateCode({
        creator: creator({ id: creatorId }),
        video: video({ id: `video-${creatorId}-${i}`, ownerId: creatorId }),
        periodDays: 30,
      })
    ).unwrap();
    out.push({ code: g.code, codeId: g.summary.id });
  }
  return out;
}

const violationCodes = (e: unknown) =>
  ((e as { violations?: readonly { code: string }[] } | undefined)?.violations ?? []).map((v) => v.code);

describe('BAT-01 confirmCodes: up to 20 codes in one call, a result per item, idempotent per item', () => {
  test('a result per item; a refused item neither hides nor undoes the others', async () => {
    const { spark, store } = setup();
    const [a, b, c] = await codes(spark, 3);
    (await spark.revokeCode({ creatorId: 'creator-1', codeId: c!.codeId })).unwrap();
    const items = [
      { code: a!.code, idempotencyKey: 'k-1' },
      { code: 'not a code', idempotencyKey: 'k-2' },
      { code: b!.code, idempotencyKey: 'k-3' },
      { code: c!.code, idempotencyKey: 'k-4' },
    ];
    const results = (await spark.confirmCodes({ advertiser: advertiser(), items })).unwrap();
    expect(results.map((r) => [r.idempotencyKey, r.result])).toEqual([
      ['k-1', 'applied'],
      ['k-2', 'refused'],
      ['k-3', 'applied'],
      ['k-4', 'refused'],
    ]);
    expect(violationCodes(results[1]!.error)).toEqual(['spark.code_malformed']);
    expect(violationCodes(results[3]!.error)).toContain('spark.code_revoked');
    expect(results[0]!.entry?.codeId).toBe(a!.codeId);
    const library = await store.list(libraryTable, 'byAccount', { eq: ['adacc-1'] });
    expect(library.map((e) => e.codeId).sort()).toEqual([a!.codeId, b!.codeId].sort());
    // The refused items recorded nothing under their keys: they may be retried.
    expect(await store.get(batchItemsTable, compoundKey('confirm_code', 'adacc-1', 'k-2'))).toBeUndefined();
  });

  test('a retried batch applies each code once and answers with the recorded outcomes', async () => {
    const { spark, store } = setup();
    const [a, b] = await codes(spark, 2);
    const items = [
      { code: a!.code, idempotencyKey: 'k-1' },
      { code: b!.code, idempotencyKey: 'k-2' },
    ];
    const first = (await spark.confirmCodes({ advertiser: advertiser(), items })).unwrap();
    const again = (await spark.confirmCodes({ advertiser: advertiser(), items })).unwrap();
    expect(first.map((r) => r.result)).toEqual(['applied', 'applied']);
    expect(again.map((r) => [r.result, r.replayed])).toEqual([
      ['applied', true],
      ['applied', true],
    ]);
    expect(again.map((r) => r.entry)).toEqual(first.map((r) => r.entry));
    const events = await store.readEvents({ after: 0, limit: 1000 });
    expect(events.filter((e) => e.type === 'spark.authorization_confirmed')).toHaveLength(2);
  });

  test('a batch retried concurrently with itself applies each code once (memory store)', async () => {
    const { spark, store } = setup();
    const list = await codes(spark, 5);
    const items = list.map((x, i) => ({ code: x.code, idempotencyKey: `k-${i}` }));
    const runs = await Promise.all([1, 2, 3].map(() => spark.confirmCodes({ advertiser: advertiser(), items })));
    for (const r of runs) expect(r.unwrap().map((x) => x.result)).toEqual(items.map(() => 'applied'));
    const events = await store.readEvents({ after: 0, limit: 1000 });
    expect(events.filter((e) => e.type === 'spark.authorization_confirmed')).toHaveLength(5);
  });

  test('a code the ad account had confirmed already is already_applied; a fresh key for it too', async () => {
    const { spark } = setup();
    const [a] = await codes(spark, 1);
    (await spark.confirmCode({ advertiser: advertiser(), code: a!.code })).unwrap();
    const [r] = (
      await spark.confirmCodes({ advertiser: advertiser(), items: [{ code: a!.code, idempotencyKey: 'k' }] })
    ).unwrap();
    expect(r).toMatchObject({ result: 'already_applied', entry: { codeId: a!.codeId } });
  });

  test('the same key with another code is refused: batch.idempotency_key_reused', async () => {
    const { spark } = setup();
    const [a, b] = await codes(spark, 2);
    (await spark.confirmCodes({ advertiser: advertiser(), items: [{ code: a!.code, idempotencyKey: 'k' }] })).unwrap();
    const [r] = (
      await spark.confirmCodes({ advertiser: advertiser(), items: [{ code: b!.code, idempotencyKey: 'k' }] })
    ).unwrap();
    expect(r!.result).toBe('refused');
    expect(violationCodes(r!.error)).toEqual(['batch.idempotency_key_reused']);
    // Keys belong to one ad account: another may use the same key.
    const [other] = (
      await spark.confirmCodes({
        advertiser: advertiser({ adAccountId: 'adacc-2' }),
        items: [{ code: b!.code, idempotencyKey: 'k' }],
      })
    ).unwrap();
    expect(other!.result).toBe('applied');
  });

  test('more than 20 items are denied (batch.too_many_items), nothing applied; bad lists name items', async () => {
    const { spark, store } = setup();
    const list = await codes(spark, 21);
    const items = list.map((x, i) => ({ code: x.code, idempotencyKey: `k-${i}` }));
    const r = await spark.confirmCodes({ advertiser: advertiser(), items });
    expect(r.isErr() && violationCodes(r.error)).toEqual(['batch.too_many_items']);
    expect(await store.list(libraryTable, 'byAccount', { eq: ['adacc-1'] })).toEqual([]);
    expect((await spark.confirmCodes({ advertiser: advertiser(), items: items.slice(0, 20) })).isOk()).toBe(true);
    const empty = await spark.confirmCodes({ advertiser: advertiser(), items: [] });
    expect(empty.isErr() && empty.error.code === 'validation' && empty.error.issues[0].path).toEqual(['items']);
    const twice = await spark.confirmCodes({ advertiser: advertiser(), items: [items[0]!, items[0]!] });
    expect(twice.isErr() && twice.error.code).toBe('validation');
  });
});

describe('BAT-01 revokeAllCodes: every code of a creator in force, a result per code', () => {
  test('each code revoked with its ads paused; ended codes are not listed', async () => {
    const s = adsSetup();
    const list = await codes(s.spark, 3, 'creator-9');
    for (const x of list) (await s.spark.confirmCode({ advertiser: advertiser(), code: x.code })).unwrap();
    const ad = await s.runningAd(list[0]!.codeId);
    (await s.spark.revokeCode({ creatorId: 'creator-9', codeId: list[2]!.codeId })).unwrap();
    const results = (await s.spark.revokeAllCodes({ creatorId: 'creator-9' })).unwrap();
    expect(results.map((r) => [r.codeId, r.result]).sort()).toEqual(
      [
        [list[0]!.codeId, 'revoked'],
        [list[1]!.codeId, 'revoked'],
      ].sort(),
    );
    const first = results.find((r) => r.codeId === list[0]!.codeId)!;
    expect(first.pausedAds?.map((a) => [a.id, a.status])).toEqual([[ad.id, 'PAUSED']]);
    expect((await s.spark.revokeAllCodes({ creatorId: 'creator-9' })).unwrap()).toEqual([]);
  });

  test("a code blocked by SPARK-10 ('block-while-in-use') is reported; the others are still revoked", async () => {
    const s = adsSetup({ policy: definePolicy({ revocationMode: 'block-while-in-use' }).unwrap() });
    const list = await codes(s.spark, 3, 'creator-9');
    for (const x of list) (await s.spark.confirmCode({ advertiser: advertiser(), code: x.code })).unwrap();
    await s.runningAd(list[1]!.codeId);
    const results = (await s.spark.revokeAllCodes({ creatorId: 'creator-9' })).unwrap();
    const byCode = new Map<string, (typeof results)[number]>(results.map((r) => [r.codeId, r]));
    expect(byCode.get(list[1]!.codeId)?.result).toBe('refused');
    expect(violationCodes(byCode.get(list[1]!.codeId)?.error)).toEqual(['spark.code_in_use_by_ads']);
    expect(byCode.get(list[0]!.codeId)?.result).toBe('revoked');
    expect(byCode.get(list[2]!.codeId)?.result).toBe('revoked');
  });
});

describe('BAT-01 confirmCodes property: any sequence of batches and retries matches a model', () => {
  const NUM_RUNS = Number(process.env.FC_NUM_RUNS ?? 25);
  test('BAT-01 each key applies at most once, answers its recorded outcome, and refuses another code', async () => {
    const item = fc.record({ key: fc.integer({ min: 0, max: 5 }), code: fc.integer({ min: -1, max: 3 }) });
    const batch = fc.uniqueArray(item, { minLength: 1, maxLength: 5, selector: (i) => i.key });
    await fc.assert(
      fc.asyncProperty(fc.array(batch, { minLength: 1, maxLength: 6 }), async (batches) => {
        const { spark, store } = setup({ policy: definePolicy({ maxFailedSearches: 1000 }).unwrap() });
        const list = await codes(spark, 4);
        const recorded = new Map<number, { code: number; result: string }>();
        const library = new Set<number>();
        for (const b of batches) {
          const items = b.map((i) => ({
            code: i.code < 0 ? 'a typo' : list[i.code]!.code,
            idempotencyKey: `k-${i.key}`,
          }));
          const results = (await spark.confirmCodes({ advertiser: advertiser(), items })).unwrap();
          b.forEach((i, n) => {
            const got = results[n]!;
            const prior = recorded.get(i.key);
            if (prior !== undefined) {
              if (prior.code === i.code) expect([got.result, got.replayed]).toEqual([prior.result, true]);
              else expect(violationCodes(got.error)).toEqual(['batch.idempotency_key_reused']);
            } else if (i.code < 0) {
              expect(got.result).toBe('refused');
            } else {
              const result = library.has(i.code) ? 'already_applied' : 'applied';
              expect(got.result).toBe(result);
              recorded.set(i.key, { code: i.code, result });
              library.add(i.code);
            }
          });
        }
        const events = await store.readEvents({ after: 0, limit: 1000 });
        expect(events.filter((e) => e.type === 'spark.authorization_confirmed')).toHaveLength(library.size);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
