/// <reference types="node" />
import { afterAll, describe, expect, test } from 'vitest';
import type pg from 'pg';
import { createSparkCodes, manualClock, seededRandom, type CreatorId, type AdAccountId, type SparkCodeStore } from '../../index.js';
import { isInForce } from '../../spark-codes/spark-codes.rules.js';
import { DATABASE_URL, freshSchema, freshStore, serverPool } from '../../../test/pg-fixtures.js';
import { naivePgSparkStore } from '../../../test/naive-pg-spark-store.js';

// Real concurrency: several pools (as several processes would have), each call on its own
// pooled connection, against one schema. Repeated so that a lucky interleaving cannot hide a bug.
const SECRET = 'concurrency-secret-at-least-32-characters';
const T0 = new Date('2026-03-01T00:00:00.000Z');
const REPEAT = Number(process.env.PG_RACE_REPEAT ?? 10);

function eligible(videoId: string, creatorId: string) {
  return {
    creator: { id: creatorId, displayName: 'C', accountType: 'CREATOR', followerCount: 50_000, adAuthorizationEnabled: true, adTermsAccepted: true },
    video: { id: videoId, ownerId: creatorId, visibility: 'PUBLIC', isOriginal: true, adAuthorizationEnabled: true, music: 'ORIGINAL' },
  };
}
const advertiser = (adAccountId: string) => ({ adAccountId, hasActivePaymentMethod: true, hasCreativeLibraryAccess: true });

/** 20 generations for one video at once, spread over the stores: exactly one code in force. */
async function generationsRace(stores: readonly SparkCodeStore[], round: number): Promise<void> {
  const clock = manualClock(T0);
  const services = stores.map((store, i) => createSparkCodes({ store, clock, random: seededRandom(1000 * round + i), codeSecret: SECRET }));
  const creatorId = `creator-gen-${round}`;
  const results = await Promise.all(Array.from({ length: 20 }, (_, i) =>
    services[i % services.length]!.generateCode({ ...eligible(`video-gen-${round}`, creatorId), periodDays: 30 })));
  const ok = results.filter((r) => r.isOk()).length;
  const inForce = (await stores[0]!.listCodesByCreator(creatorId as CreatorId)).filter((c) => isInForce(c, T0)).length;
  if (ok !== 1 || inForce !== 1) throw new Error(`round ${round}: ${ok} generations succeeded, ${inForce} codes in force`);
}

/** 50 confirms of one code by one ad account at once: all Ok, one added, one library entry. */
async function confirmsRace(stores: readonly SparkCodeStore[], round: number): Promise<void> {
  const clock = manualClock(T0);
  const services = stores.map((store, i) => createSparkCodes({ store, clock, random: seededRandom(5000 * round + i), codeSecret: SECRET }));
  const generated = (await services[0]!.generateCode({ ...eligible(`video-conf-${round}`, `creator-conf-${round}`), periodDays: 7 })).unwrap();
  const acc = `acc-conf-${round}`;
  const results = await Promise.all(Array.from({ length: 50 }, (_, i) =>
    services[i % services.length]!.confirmCode({ advertiser: advertiser(acc), code: generated.code })));
  const ok = results.filter((r) => r.isOk()).length;
  const added = results.filter((r) => r.isOk() && r.value.added).length;
  const entries = (await stores[0]!.listLibrary(acc as AdAccountId)).length;
  if (ok !== 50 || added !== 1 || entries !== 1) throw new Error(`round ${round}: ${ok} Ok, ${added} added, ${entries} library entries`);
}

describe.runIf(DATABASE_URL)('postgresStore on a server keeps its invariants under real concurrency', () => {
  const pools: pg.Pool[] = DATABASE_URL ? [serverPool(8), serverPool(8), serverPool(8)] : [];
  afterAll(async () => { await Promise.all(pools.map((p) => p.end())); });

  async function withStores(naive: boolean, body: (stores: SparkCodeStore[]) => Promise<void>): Promise<void> {
    const schema = freshSchema();
    const handles = await Promise.all(pools.map((pool) => freshStore({ pool }, schema)));
    try {
      await body(handles.map((h, i) => (naive ? naivePgSparkStore(h.store, pools[i]!, schema) : h.store)));
    } finally {
      await handles[0]!.close();
    }
  }

  test(`SPARK-09: 20 concurrent generations for one video over separate connections give one code in force (×${REPEAT})`, async () => {
    await withStores(false, async (stores) => { for (let r = 0; r < REPEAT; r++) await generationsRace(stores, r); });
  });
  test(`ADV-02: 50 concurrent confirms of one code from one ad account give one library entry (×${REPEAT})`, async () => {
    await withStores(false, async (stores) => { for (let r = 0; r < REPEAT; r++) await confirmsRace(stores, r); });
  });

  test(`X-02: a reader polling during concurrent writes over separate connections sees every event once, seq gap-free (×${REPEAT})`, async () => {
    await withStores(false, async (stores) => {
      const services = stores.map((store, i) => createSparkCodes({ store, clock: manualClock(T0), random: seededRandom(77 + i), codeSecret: SECRET }));
      const seen: number[] = [];
      let done = false;
      const poll = async () => {
        while (!done || (await stores[1]!.readEvents({ after: seen.length, limit: 1 })).length > 0) {
          const page = await stores[1]!.readEvents({ after: seen.at(-1) ?? 0, limit: 50 });
          seen.push(...page.map((e) => e.seq));
        }
      };
      const reader = poll();
      for (let r = 0; r < REPEAT; r++) {
        await Promise.all(Array.from({ length: 40 }, (_, i) =>
          services[i % services.length]!.searchCode({ advertiser: advertiser(`acc-poll-${r}-${i}`), code: '#no-such-code' })));
      }
      done = true;
      await reader;
      expect(seen).toEqual(Array.from({ length: 40 * REPEAT }, (_, i) => i + 1));
    });
  });

  describe('negative control: a read-then-write PostgreSQL store fails the same tests', () => {
    test('generations race fails on the naive store', async () => {
      await expect(withStores(true, async (stores) => { for (let r = 0; r < REPEAT; r++) await generationsRace(stores, r); })).rejects.toThrow();
    });
    test('confirms race fails on the naive store', async () => {
      await expect(withStores(true, async (stores) => { for (let r = 0; r < REPEAT; r++) await confirmsRace(stores, r); })).rejects.toThrow();
    });
  });
});
