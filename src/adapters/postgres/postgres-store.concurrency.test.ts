/// <reference types="node" />
import { afterAll, describe, expect, test } from 'vitest';
import type pg from 'pg';
import {
  createBusinessCenterLinks, createSparkCodes, DEFAULT_POLICY, definePolicy, manualClock, memoryStore, seededRandom,
  type AdAccountId, type BcLinkId, type BcLinkRecord, type BusinessCenterId, type CreatorId, type PermissionSet, type SparkCodeStore, type TikTokAccountId,
} from '../../index.js';
import { isInForce } from '../../spark-codes/spark-codes.rules.js';
import type { PostgresStore } from './index.js';
import { DATABASE_URL, freshSchema, freshStore, serverPool } from '../../../test/pg-fixtures.js';
import { naivePgSparkStore } from '../../../test/naive-pg-spark-store.js';
import { naivePgBusinessCenterStore } from '../../../test/naive-pg-business-center-store.js';

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

/**
 * ADV-03 over separate connections: 40 concurrent searches from one ad account for a code that
 * is well formed but was never issued here, with a limit of 5 failed searches per hour: exactly
 * 5 are recorded as failed (5 `not found` answers, 5 events), the other 35 are throttled.
 */
async function throttleRace(stores: readonly SparkCodeStore[], round: number): Promise<void> {
  const clock = manualClock(T0);
  const policy = definePolicy({ maxFailedSearches: 5 }).unwrap();
  const services = stores.map((store, i) => createSparkCodes({ store, clock, random: seededRandom(8000 * round + i), codeSecret: SECRET, policy }));
  // Issued by a service on another store: a valid code, unknown to these stores.
  const elsewhere = createSparkCodes({ store: memoryStore(), clock, random: seededRandom(round), codeSecret: SECRET });
  const unknown = (await elsewhere.generateCode({ ...eligible(`video-thr-${round}`, `creator-thr-${round}`), periodDays: 7 })).unwrap().code;
  const acc = `acc-thr-${round}`;
  const results = await Promise.all(Array.from({ length: 40 }, (_, i) =>
    services[i % services.length]!.searchCode({ advertiser: advertiser(acc), code: unknown })));
  const missed = results.filter((r) => codesOf(r).includes('spark.code_not_found')).length;
  const throttled = results.filter((r) => r.isErr() && (r.error as { code: string }).code === 'spark.search_throttled').length;
  const events = (await stores[0]!.readEvents({ limit: 1_000_000 })).filter((e) => e.type === 'spark.code_search_failed' && e.subject.id === acc).length;
  if (missed !== 5 || throttled !== 35 || events !== 5) throw new Error(`round ${round}: ${missed} failed searches answered, ${throttled} throttled, ${events} failed-search events`);
}

const SPARK_PERMISSIONS = ['EXISTING_POSTS', 'PUBLISH_NEW_VIDEOS', 'SHOW_THROUGH_ADS_ONLY'];
const bcAdmin = { userId: 'bc-admin', role: 'ADMIN' as const };
const tiktokAccount = (id: string) => ({ id, accountType: 'CREATOR' as const, isPrivate: false, inAnyBusinessCenter: false });
const codesOf = (r: { isErr(): boolean; error?: unknown }) => (r.isErr() ? ((r.error as { violations?: { code: string }[] }).violations ?? []).map((v) => v.code) : []);
const storageErrors = (rs: readonly { isErr(): boolean; error?: unknown }[]) => rs.filter((r) => r.isErr() && (r.error as { code: string }).code === 'storage');

/** A link made without a request (as a login link would be), to seed a side up to its cap. */
function seedLink(id: string, businessCenterId: string, accountId: string): BcLinkRecord {
  return {
    id: id as BcLinkId, businessCenterId: businessCenterId as BusinessCenterId, accountId: accountId as TikTokAccountId,
    permissionLevel: 'DELIVER_ADS', permissions: SPARK_PERMISSIONS as unknown as PermissionSet, method: 'LOGIN',
    linkedAt: T0, linkedBy: { kind: 'user', id: 'seed' }, account: { accountType: 'CREATOR', isPrivate: false },
  };
}

/**
 * BC-01 over separate connections: 790 active links on one side (one Business Center, or one
 * account across 790 Business Centers), then, each round, 100 concurrent approvals of distinct
 * requests spread over the stores: exactly 10 succeed and the side ends at exactly 800 (counted
 * and listed); the winners are then unlinked, back to 790, for the next round.
 */
async function capRace(stores: readonly BusinessCenterStoreLike[], side: 'businessCenter' | 'account', rounds: number): Promise<void> {
  const services = stores.map((store, i) => createBusinessCenterLinks({ store, clock: manualClock(T0), random: seededRandom(9000 + i) }));
  const bcOf = (k: string) => (side === 'businessCenter' ? 'cap-bc' : `cap-bc-${k}`);
  const accOf = (k: string) => (side === 'businessCenter' ? `cap-tt-${k}` : 'cap-tt');
  const count = () => (side === 'businessCenter'
    ? stores[0]!.countActiveLinks({ businessCenterId: 'cap-bc' as BusinessCenterId })
    : stores[0]!.countActiveLinks({ accountId: 'cap-tt' as TikTokAccountId }));
  const listed = async () => (side === 'businessCenter'
    ? await stores[0]!.listActiveLinksOfBusinessCenter('cap-bc' as BusinessCenterId)
    : await stores[0]!.listActiveLinksOfAccount('cap-tt' as TikTokAccountId)).length;
  await Promise.all(Array.from({ length: 790 }, (_, i) => stores[i % stores.length]!.insertLink({
    link: seedLink(`link_seed_${i}`, bcOf(`seed-${i}`), accOf(`seed-${i}`)), caps: DEFAULT_POLICY, requireAccountUnlinked: false, events: [],
  })));
  if ((await count()) !== 790) throw new Error(`seeding: ${await count()} active links, expected 790`);
  for (let r = 0; r < rounds; r++) {
    const started = await Promise.all(Array.from({ length: 100 }, (_, i) => services[i % services.length]!.startLinkRequest({
      businessCenter: { id: bcOf(`r${r}-${i}`), verified: true }, member: bcAdmin, permissionLevel: 'DELIVER_ADS', permissions: SPARK_PERMISSIONS,
    })));
    const results = await Promise.all(started.map((s, i) => services[i % services.length]!.approveLinkRequest({
      token: s.unwrap().qrToken, account: tiktokAccount(accOf(`r${r}-${i}`)), userId: 'u',
    })));
    const ok = results.filter((x) => x.isOk());
    const capCode = side === 'businessCenter' ? 'bc.business_center_cap_reached' : 'bc.account_cap_reached';
    const active = await count();
    const inList = await listed();
    if (ok.length !== 10 || active !== 800 || inList !== 800 || !results.every((x) => x.isOk() || codesOf(x).includes(capCode))) {
      throw new Error(`round ${r}: ${ok.length} approvals succeeded, active links: ${active} counted, ${inList} listed; errors: ${JSON.stringify(results.filter((x) => x.isErr()).map(codesOf).slice(0, 3))}`);
    }
    for (const x of ok) await stores[0]!.unlink(x.unwrap().link.id, T0, { kind: 'user', id: 'u' }, () => []);
    if ((await count()) !== 790 || (await listed()) !== 790) throw new Error(`round ${r}: unlinking the winners did not free their places`);
  }
}
type BusinessCenterStoreLike = PostgresStore;

/**
 * Crossed links between 2 Business Centers and 2 accounts: 100 concurrent approvals (25 per
 * pair) over separate connections. Approvals lock the Business Center's counter row, then the
 * account's: however they interleave, no deadlock or serialization error reaches the caller, and
 * the result is the maximal placement — with caps of 2 all 4 pairs, with caps of 1 a matching of 2.
 */
async function crossRace(stores: readonly PostgresStore[], round: number, cap: number): Promise<void> {
  const policy = definePolicy({ maxAccountsPerBusinessCenter: cap, maxBusinessCentersPerAccount: cap }).unwrap();
  const services = stores.map((store, i) => createBusinessCenterLinks({ store, clock: manualClock(T0), random: seededRandom(7000 + (cap === 1 ? 5000 : 0) + 10 * round + i), policy }));
  const bcs = [0, 1].map((b) => `x-bc-${round}-${cap}-${b}`);
  const accs = [0, 1].map((a) => `x-tt-${round}-${cap}-${a}`);
  const started = await Promise.all(Array.from({ length: 100 }, (_, i) => services[i % services.length]!.startLinkRequest({
    businessCenter: { id: bcs[i % 2]!, verified: true }, member: bcAdmin, permissionLevel: 'DELIVER_ADS', permissions: SPARK_PERMISSIONS,
  })));
  const results = await Promise.all(started.map((s, i) => services[(i + 1) % services.length]!.approveLinkRequest({
    token: s.unwrap().qrToken, account: tiktokAccount(accs[(i >> 1) % 2]!), userId: 'u',
  })));
  const failed = storageErrors(results);
  if (failed.length > 0) throw new Error(`round ${round}: ${failed.length} storage errors escaped: ${JSON.stringify(failed[0])}`);
  const expectedLinks = cap >= 2 ? 4 : 2;
  const perSide = Math.min(cap, 2);
  const ok = results.filter((x) => x.isOk()).length;
  const counts = [
    ...await Promise.all(bcs.map((b) => stores[0]!.countActiveLinks({ businessCenterId: b as BusinessCenterId }))),
    ...await Promise.all(accs.map((a) => stores[0]!.countActiveLinks({ accountId: a as TikTokAccountId }))),
  ];
  const lists = [
    ...await Promise.all(bcs.map(async (b) => (await stores[0]!.listActiveLinksOfBusinessCenter(b as BusinessCenterId)).length)),
    ...await Promise.all(accs.map(async (a) => (await stores[0]!.listActiveLinksOfAccount(a as TikTokAccountId)).length)),
  ];
  const allowed = ['bc.already_linked', 'bc.business_center_cap_reached', 'bc.account_cap_reached'];
  if (ok !== expectedLinks || counts.some((n) => n !== perSide) || lists.some((n) => n !== perSide)
    || !results.every((x) => x.isOk() || codesOf(x).some((c) => allowed.includes(c)))) {
    throw new Error(`round ${round}, cap ${cap}: ${ok} approvals succeeded (expected ${expectedLinks}); counts ${counts}, listed ${lists} (expected ${perSide} each)`);
  }
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

  test(`ADV-03: 40 concurrent failed searches from one ad account over separate connections record exactly the limit (×${REPEAT})`, async () => {
    await withStores(false, async (stores) => { for (let r = 0; r < REPEAT; r++) await throttleRace(stores, r); });
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

  async function withPgStores(naive: boolean, body: (stores: PostgresStore[]) => Promise<void>): Promise<void> {
    const schema = freshSchema();
    const handles = await Promise.all(pools.map((pool) => freshStore({ pool }, schema)));
    try {
      await body(handles.map((h, i) => (naive ? naivePgBusinessCenterStore(h.store, pools[i]!, schema) : h.store)));
    } finally {
      await handles[0]!.close();
    }
  }

  test(`BC-01: with 790 links on a Business Center, 100 concurrent approvals over separate connections: exactly 10 succeed, 800 links (×${REPEAT})`, async () => {
    await withPgStores(false, (stores) => capRace(stores, 'businessCenter', REPEAT));
  });
  test(`BC-01: with one account in 790 Business Centers, 100 concurrent approvals over separate connections: exactly 10 succeed, 800 links (×${REPEAT})`, async () => {
    await withPgStores(false, (stores) => capRace(stores, 'account', REPEAT));
  });
  test(`BC-01: 100 concurrent approvals crossing 2 Business Centers and 2 accounts: no deadlock escapes, caps and counts right (×${REPEAT})`, async () => {
    await withPgStores(false, async (stores) => {
      for (let r = 0; r < REPEAT; r++) {
        await crossRace(stores, r, 800);
        await crossRace(stores, r, 1);
      }
    });
  });

  describe('negative control: a read-then-write PostgreSQL store fails the same tests', () => {
    test('BC-01 Business Center cap race fails on the naive store, by exceeding the cap', async () => {
      await expect(withPgStores(true, (stores) => capRace(stores, 'businessCenter', REPEAT))).rejects.toThrow(/active links: (80[1-9]|8[1-9]\d|9\d\d) counted/);
    });
    test('BC-01 account cap race fails on the naive store, by exceeding the cap', async () => {
      await expect(withPgStores(true, (stores) => capRace(stores, 'account', REPEAT))).rejects.toThrow(/active links: (80[1-9]|8[1-9]\d|9\d\d) counted/);
    });
    test('generations race fails on the naive store', async () => {
      await expect(withStores(true, async (stores) => { for (let r = 0; r < REPEAT; r++) await generationsRace(stores, r); })).rejects.toThrow();
    });
    test('failed-search limit race fails on the naive store, by recording more than the limit', async () => {
      await expect(withStores(true, async (stores) => { for (let r = 0; r < REPEAT; r++) await throttleRace(stores, r); })).rejects.toThrow(/([6-9]|[1-9]\d) failed searches answered/);
    });
    test('confirms race fails on the naive store', async () => {
      await expect(withStores(true, async (stores) => { for (let r = 0; r < REPEAT; r++) await confirmsRace(stores, r); })).rejects.toThrow();
    });
  });
});
