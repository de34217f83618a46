/// <reference types="node" />
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import {
  createAds, createBusinessCenterLinks, createDeliveryIdentities, createSparkCodes, createTopAds, DAY_MS, manualClock, seededRandom,
  type AdAccountId, type AdCodeId, type AdCodeRecord, type CreatorId, type EventId, type VideoId,
} from '../../index.js';
import { postgresStore } from './index.js';
import { applyMigrations } from './migrations.js';
import { fromPGlite, fromPgPool } from './sql-client.js';
import { outboxMigration } from './outbox.pg.js';
import { sparkCodesMigration } from './spark-codes.pg.js';
import { businessCenterMigration } from './business-center.pg.js';
import { adsMigration } from './ads.pg.js';
import { closeSharedPGlite, DATABASE_URL, freshSchema, freshStore, serverPool, sharedPGlite } from '../../../test/pg-fixtures.js';

const SECRET = 'postgres-tests-secret-at-least-32-characters';
const T0 = new Date('2026-05-01T00:00:00.000Z');
const numRuns = Number(process.env.FC_NUM_RUNS ?? 25);

type Db = { query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }> };
type Target = { name: string; db: () => Promise<Db>; handle: () => Promise<{ pglite: PGlite } | { pool: pg.Pool }>; server: boolean };

const pool = DATABASE_URL ? serverPool(10) : undefined;
const targets: Target[] = [
  { name: 'PGlite', db: sharedPGlite, handle: async () => ({ pglite: await sharedPGlite() }), server: false },
  ...(pool ? [{ name: 'server', db: async () => pool, handle: async () => ({ pool }), server: true }] : []),
];
afterAll(async () => { await closeSharedPGlite(); await pool?.end(); });

function eligible(videoId: string, creatorId = 'creator-f') {
  return {
    creator: { id: creatorId, displayName: 'C', accountType: 'CREATOR', followerCount: 50_000, adAuthorizationEnabled: true, adTermsAccepted: true },
    video: { id: videoId, ownerId: creatorId, visibility: 'PUBLIC', isOriginal: true, adAuthorizationEnabled: true, music: 'ORIGINAL' },
  };
}
const advertiser = (adAccountId: string) => ({ adAccountId, hasActivePaymentMethod: true, hasCreativeLibraryAccess: true });
const campaign = { campaignId: 'cmp-f', objective: 'VIDEO_VIEWS', placements: ['TIKTOK'], campaignType: 'MANUAL' } as const;

/** Every row of every table of the schema, as JSON: "the state of the database". */
async function snapshot(db: Db, schema: string): Promise<string> {
  const { rows } = await db.query(`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`, [schema]);
  const out: Record<string, unknown> = {};
  for (const { t } of rows as { t: string }[]) {
    const r = await db.query(`SELECT coalesce(json_agg(x ORDER BY x::text), '[]'::json)::text AS j FROM "${schema}"."${t}" x`);
    out[t] = (r.rows[0] as { j: string }).j;
  }
  return JSON.stringify(out);
}

// Where a statement fails inside each multi-row workflow: every table it writes, in order.
const WORKFLOWS = [
  { name: 'generate', points: ['INSERT spark_videos', 'INSERT spark_codes', 'UPDATE spark_videos', 'INSERT events'] },
  { name: 'confirm', points: ['INSERT spark_library', 'UPDATE spark_codes', 'INSERT events'] },
  { name: 'failed search', points: ['INSERT spark_search_accounts', 'INSERT spark_failed_searches', 'INSERT events'] },
  { name: 'revoke', points: ['UPDATE spark_codes', 'INSERT events'] },
  { name: 'expire sweep', points: ['UPDATE spark_codes', 'INSERT events'] },
  // With three ads running or approved on the code (the multi-row ads workflows).
  { name: 'create ad', points: ['INSERT ad_counts', 'UPDATE ad_counts', 'INSERT ads', 'INSERT events'] },
  { name: 'stop ad', points: ['UPDATE ad_counts', 'UPDATE ads', 'INSERT events'] },
  { name: 'revoke pausing 3 ads', points: ['UPDATE spark_codes', 'UPDATE ads', 'INSERT events'] },
  { name: 'expire sweep stopping 3 ads', points: ['UPDATE spark_codes', 'UPDATE ad_counts', 'UPDATE ads', 'INSERT events'] },
  { name: 'authorize 3 creatives', points: ['UPDATE ads', 'INSERT events'] },
  { name: 'pop-up claim', points: ['INSERT top_ads_popups', 'INSERT events'] },
] as const;
const WITH_ADS: readonly string[] = ['create ad', 'stop ad', 'revoke pausing 3 ads', 'expire sweep stopping 3 ads', 'authorize 3 creatives', 'pop-up claim'];

// The same for the Business Center and created-account workflows (migration 3).
const BC_WORKFLOWS = [
  { name: 'start link request', points: ['INSERT bc_link_requests', 'INSERT events'] },
  { name: 'approve (with assignment)', points: ['INSERT bc_business_centers', 'INSERT bc_accounts', 'INSERT bc_links', 'UPDATE bc_link_requests', 'UPDATE bc_business_centers', 'UPDATE bc_accounts', 'INSERT bc_assignments', 'INSERT events'] },
  { name: 'reject', points: ['UPDATE bc_link_requests', 'INSERT events'] },
  { name: 'cancel', points: ['UPDATE bc_link_requests', 'INSERT events'] },
  { name: 'change permissions', points: ['UPDATE bc_links', 'INSERT events'] },
  { name: 'unlink', points: ['UPDATE bc_links', 'UPDATE bc_business_centers', 'UPDATE bc_accounts', 'DELETE bc_assignments', 'INSERT events'] },
  { name: 'assign', points: ['INSERT bc_assignments', 'INSERT events'] },
  { name: 'unassign', points: ['DELETE bc_assignments', 'INSERT events'] },
  { name: 'create organization account', points: ['INSERT bc_business_centers', 'INSERT bc_accounts', 'INSERT owned_accounts', 'INSERT bc_links', 'UPDATE bc_business_centers', 'UPDATE bc_accounts', 'INSERT bc_assignments', 'INSERT events'] },
  { name: 'grant account access', points: ['UPDATE owned_accounts', 'INSERT events'] },
] as const;
const SPARK_PERMISSIONS = ['EXISTING_POSTS', 'PUBLISH_NEW_VIDEOS', 'SHOW_THROUGH_ADS_ONLY'];
const bcFacts = { id: 'f-bc', verified: true };
const bcAdmin = { userId: 'f-admin', role: 'ADMIN' as const };
const tiktokAccount = (id: string) => ({ id, accountType: 'CREATOR' as const, isPrivate: false, inAnyBusinessCenter: false });
const identityContext = { businessCenter: bcFacts, member: bcAdmin, adAccount: { id: 'f-adv', businessCenterId: 'f-bc' }, adAccountRole: 'ADMIN' as const, objective: 'PRODUCT_SALES' };

for (const target of targets) {
  describe(`postgresStore on ${target.name}`, () => {
    const modes = target.server ? (['statement fails', 'connection killed'] as const) : (['statement fails'] as const);
    for (const mode of modes) {
      test(`X-03: ${mode} in the middle of each multi-row workflow leaves the database as it was`, async () => {
        const db = await target.db();
        for (const wf of WORKFLOWS) {
          for (const point of wf.points) {
            const { store, close } = await freshStore(await target.handle());
            const s = `"${store.schema}"`;
            try {
              const clock = manualClock(T0);
              const spark = createSparkCodes({ store, clock, random: seededRandom(3), codeSecret: SECRET });
              const ads = createAds({ store, clock, random: seededRandom(4) });
              const topAds = createTopAds({ store, clock, random: seededRandom(5) });
              const g = (await spark.generateCode({ ...eligible('video-setup'), periodDays: 7 })).unwrap();
              const adIds: string[] = [];
              if (WITH_ADS.includes(wf.name)) {
                (await spark.confirmCode({ advertiser: advertiser('acc-f'), code: g.code })).unwrap();
                for (const path of [['submit', 'approve', 'start'], ['submit', 'approve', 'start'], ['submit', 'approve']] as const) {
                  const ad = (await ads.createAd({ adAccountId: 'acc-f', name: 'Ad', campaign, schedule: { startAt: T0 }, identity: { type: 'AUTH_CODE', codeId: g.summary.id }, assetAuthorization: false })).unwrap();
                  for (const step of path) (step === 'approve' ? await ads.review({ adAccountId: 'acc-f', adId: ad.id, approved: true }) : await ads[step]({ adAccountId: 'acc-f', adId: ad.id })).unwrap();
                  adIds.push(ad.id);
                }
              }
              if (wf.name === 'expire sweep' || wf.name === 'expire sweep stopping 3 ads') clock.advance(8 * DAY_MS);
              if (wf.name === 'generate') await store.revokeCode(g.summary.id, T0, { kind: 'creator', id: 'creator-f' }, [], { mode: 'pause-ads', adEventFor: () => { throw new Error('no ads here'); } });
              const [op, table] = point.split(' ') as [string, string];
              const body = mode === 'statement fails' ? `RAISE EXCEPTION 'injected failure at ${point}'` : 'PERFORM pg_terminate_backend(pg_backend_pid())';
              const before = await snapshot(db, store.schema);
              await db.query(`CREATE FUNCTION ${s}.inject() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${body}; RETURN NEW; END $$`);
              await db.query(`CREATE TRIGGER inject BEFORE ${op} ON ${s}.${table} FOR EACH ROW EXECUTE FUNCTION ${s}.inject()`);
              const asResult = (p: Promise<unknown>) => p.then(() => ({ isErr: () => false }) as const, () => ({ isErr: () => true, error: { code: 'storage' } }) as const);
              const result: { isErr(): boolean; error?: { code: string } } = wf.name === 'generate' ? await spark.generateCode({ ...eligible('video-setup'), periodDays: 30 })
                : wf.name === 'confirm' ? await spark.confirmCode({ advertiser: advertiser('acc-f'), code: g.code })
                : wf.name === 'failed search' ? await spark.searchCode({ advertiser: advertiser('acc-f'), code: '#not-a-code' })
                : wf.name === 'revoke' || wf.name === 'revoke pausing 3 ads' ? await spark.revokeCode({ creatorId: 'creator-f', codeId: g.summary.id })
                : wf.name === 'create ad' ? await ads.createAd({ adAccountId: 'acc-f', name: 'Ad', campaign, schedule: { startAt: T0 }, identity: { type: 'AUTH_CODE', codeId: g.summary.id } })
                : wf.name === 'stop ad' ? await ads.stop({ adAccountId: 'acc-f', adId: adIds[0]! })
                : wf.name === 'authorize 3 creatives' ? await topAds.authorize({ adAccountId: 'acc-f', adIds })
                : wf.name === 'pop-up claim' ? await asResult(store.claimPopup('tt4b-f', T0, DAY_MS, [{ id: 'evt-popup' as EventId, type: 'top_ads.popup_shown', at: T0, actor: { kind: 'user', id: 'tt4b-f' }, subject: { kind: 'tt4b_account', id: 'tt4b-f' }, data: {} }]))
                : await spark.expireDue();
              await db.query(`DROP TRIGGER inject ON ${s}.${table}`);
              await db.query(`DROP FUNCTION ${s}.inject()`);
              expect(result.isErr() && result.error?.code, `${wf.name} / ${point}`).toBe('storage');
              expect(await snapshot(db, store.schema), `${wf.name} / ${point}`).toBe(before);
            } finally {
              await close();
            }
          }
        }
      });
    }

    for (const mode of modes) {
      test(`X-03: ${mode} in the middle of each Business Center and created-account workflow leaves the database as it was`, async () => {
        const db = await target.db();
        // One store for every point: a failed call changes nothing, so each starts from the same state.
        const { store, close } = await freshStore(await target.handle());
        const s = `"${store.schema}"`;
        try {
          const clock = manualClock(T0);
          const bc = createBusinessCenterLinks({ store, clock, random: seededRandom(31) });
          const ids = createDeliveryIdentities({ store, clock, random: seededRandom(32) });
          const linked = (await bc.startLinkRequest({ businessCenter: bcFacts, member: bcAdmin, permissionLevel: 'DELIVER_ADS', permissions: SPARK_PERMISSIONS, assignTo: { id: 'f-adv0', businessCenterId: 'f-bc' } })).unwrap();
          const link = (await bc.approveLinkRequest({ token: linked.qrToken, account: tiktokAccount('f-tt-1'), userId: 'u' })).unwrap().link;
          const pending = (await bc.startLinkRequest({ businessCenter: bcFacts, member: bcAdmin, permissionLevel: 'DELIVER_ADS', permissions: SPARK_PERMISSIONS, assignTo: { id: 'f-adv', businessCenterId: 'f-bc' } })).unwrap();
          (await ids.signUpAccount({ context: identityContext, account: { id: 'f-signed', accountType: 'CREATOR', isPrivate: false, displayName: 'Signed' } })).unwrap();
          const manage = { businessCenter: bcFacts, member: bcAdmin, linkId: link.id };
          for (const wf of BC_WORKFLOWS) {
            for (const point of wf.points) {
              const [op, table] = point.split(' ') as [string, string];
              const body = mode === 'statement fails' ? `RAISE EXCEPTION 'injected failure at ${point}'` : 'PERFORM pg_terminate_backend(pg_backend_pid())';
              const before = await snapshot(db, store.schema);
              await db.query(`CREATE FUNCTION ${s}.inject() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${body}; RETURN NEW; END $$`);
              await db.query(`CREATE TRIGGER inject BEFORE ${op} ON ${s}.${table} FOR EACH ROW EXECUTE FUNCTION ${s}.inject()`);
              const result = wf.name === 'start link request' ? await bc.startLinkRequest({ businessCenter: bcFacts, member: bcAdmin, permissionLevel: 'DELIVER_ADS', permissions: SPARK_PERMISSIONS })
                : wf.name === 'approve (with assignment)' ? await bc.approveLinkRequest({ token: pending.qrToken, account: tiktokAccount('f-tt-2'), userId: 'u' })
                : wf.name === 'reject' ? await bc.rejectLinkRequest({ token: pending.qrToken, userId: 'u' })
                : wf.name === 'cancel' ? await bc.cancelLinkRequest({ businessCenter: bcFacts, member: bcAdmin, requestId: pending.request.id })
                : wf.name === 'change permissions' ? await bc.changeLinkPermissions({ ...manage, permissions: ['EXISTING_POSTS'] })
                : wf.name === 'unlink' ? await bc.unlink(manage)
                : wf.name === 'assign' ? await bc.assignToAdAccount({ ...manage, adAccount: { id: 'f-adv', businessCenterId: 'f-bc' } })
                : wf.name === 'unassign' ? await bc.unassignFromAdAccount({ ...manage, adAccount: { id: 'f-adv0', businessCenterId: 'f-bc' } })
                : wf.name === 'create organization account' ? await ids.createOrganizationAccount({ context: identityContext, nickname: 'Acme', operatingRegion: 'US', username: 'acme_f' })
                : await ids.grantAccountAccess({ accountId: 'f-signed', grantedBy: 'f-admin', userId: 'teammate', role: 'OPERATOR' });
              await db.query(`DROP TRIGGER inject ON ${s}.${table}`);
              await db.query(`DROP FUNCTION ${s}.inject()`);
              expect(result.isErr() && result.error.code, `${wf.name} / ${point}`).toBe('storage');
              expect(await snapshot(db, store.schema), `${wf.name} / ${point}`).toBe(before);
            }
          }
          // Without a trigger every workflow goes through, so the points above were on its path.
          expect((await bc.approveLinkRequest({ token: pending.qrToken, account: tiktokAccount('f-tt-2'), userId: 'u' })).isOk()).toBe(true);
          expect((await bc.unlink(manage)).isOk()).toBe(true);
        } finally {
          await close();
        }
      });
    }

    test('a dump of the database after issuing 1,000 codes and 300 link requests contains none of them in the clear', async () => {
      const { store, close } = await freshStore(await target.handle());
      try {
        const clock = manualClock(T0);
        const spark = createSparkCodes({ store, clock, random: seededRandom(9), codeSecret: SECRET });
        const codes: string[] = [];
        for (let i = 0; i < 1000; i++) codes.push((await spark.generateCode({ ...eligible(`video-${i}`, `creator-${i % 10}`), periodDays: 30 })).unwrap().code);
        const bc = createBusinessCenterLinks({ store, clock, random: seededRandom(10) });
        const tokens: string[] = [];
        for (let i = 0; i < 300; i++) {
          const started = (await bc.startLinkRequest({ businessCenter: { id: `bc-${i % 7}`, verified: true }, member: bcAdmin, permissionLevel: 'DELIVER_ADS', permissions: SPARK_PERMISSIONS })).unwrap();
          tokens.push(started.qrToken);
          if (i % 3 === 0) (await bc.approveLinkRequest({ token: started.qrToken, account: tiktokAccount(`tt-${i}`), userId: 'u' })).unwrap();
        }
        const dump = target.server
          ? execFileSync('pg_dump', ['--data-only', `--schema=${store.schema}`, DATABASE_URL!], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
          : await snapshot(await target.db(), store.schema);
        expect(dump.length).toBeGreaterThan(100_000);
        const bodies = codes.map((c) => c.replace(/^#/, ''));
        expect(bodies.filter((b) => dump.includes(b))).toEqual([]);
        expect(bodies.filter((b) => dump.includes(b.slice(0, 16)))).toEqual([]);
        const tokenBodies = tokens.map((t) => t.replace(/^bcqr_/, ''));
        expect(tokenBodies.every((b) => b.length >= 32)).toBe(true);
        expect(tokens.filter((t) => dump.includes(t))).toEqual([]);
        expect(tokenBodies.filter((b) => dump.includes(b.slice(0, 16)) || dump.includes(b.slice(-16)))).toEqual([]);
      } finally {
        await close();
      }
    });

    test('instants are timestamptz and round-trip to the millisecond', async () => {
      const { store, close } = await freshStore(await target.handle());
      try {
        await fc.assert(fc.asyncProperty(
          fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }), fc.integer({ min: 1, max: 400 }),
          async (t, days) => {
            const id = `code-${t}-${days}-${Math.abs(t % 9973)}` as AdCodeId;
            const generatedAt = new Date(t);
            const record: AdCodeRecord = {
              id, digest: `${id}`.padEnd(64, 'a'), nonce: '00'.repeat(32), fingerprint: '#x…y', creatorId: 'c' as CreatorId,
              videoId: `v-${id}` as VideoId, periodDays: days, generatedAt, expiresAt: new Date(t + days * DAY_MS),
              preview: { creatorId: 'c' as CreatorId, creatorName: 'C', videoId: `v-${id}` as VideoId },
            };
            if ((await store.getCode(id)) === undefined) await store.insertCode(record, []);
            const got = await store.getCode(id);
            expect(got?.generatedAt.getTime()).toBe(generatedAt.getTime());
            expect(got?.expiresAt.getTime()).toBe(record.expiresAt.getTime());
          }), { numRuns });
      } finally {
        await close();
      }
    });

    test('migrate() is idempotent and versioned; a schema newer than the library is refused', async () => {
      const schema = freshSchema();
      const h = await target.handle();
      const store = 'pglite' in h ? postgresStore({ pglite: h.pglite, schema }) : postgresStore({ pool: h.pool, schema });
      const db = await target.db();
      try {
        const first = await store.migrate();
        expect(first).toEqual({ from: 0, to: 5, applied: [1, 2, 3, 4, 5] });
        expect(await store.migrate()).toEqual({ from: 5, to: 5, applied: [] });
        await db.query(`INSERT INTO "${schema}".schema_migrations (version, name) VALUES (99, 'from the future')`);
        await expect(store.migrate()).rejects.toThrow(/newer than this library/);
      } finally {
        await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      }
    });

    test('migration 5 upgrades a schema at version 4 that holds data: codes, confirmations and events carry on', async () => {
      const schema = freshSchema();
      const h = await target.handle();
      const sql = 'pglite' in h ? fromPGlite(h.pglite) : fromPgPool(h.pool);
      const db = await target.db();
      try {
        expect(await applyMigrations(sql, schema, [outboxMigration, sparkCodesMigration, businessCenterMigration, adsMigration], 0))
          .toEqual({ from: 0, to: 4, applied: [1, 2, 3, 4] });
        const s = `"${schema}"`;
        // Written through the version-4 functions, as the previous library did.
        const code = { id: 'code-v4', digest: 'd'.repeat(64), nonce: '0'.repeat(64), fingerprint: '#v4…', creatorId: 'creator-f', videoId: 'video-v4',
          periodDays: 7, generatedAt: T0.toISOString(), expiresAt: new Date(T0.getTime() + 7 * DAY_MS).toISOString(), preview: { creatorId: 'creator-f', creatorName: 'C', videoId: 'video-v4' } };
        const ev = (id: string) => ({ id, type: 't.v4', at: T0.toISOString(), actor: { kind: 'user', id: 'u' }, subject: { kind: 'ad_code', id: 'code-v4' }, data: { n: 1 } });
        await sql.query(`SELECT ${s}.spark_insert_code($1::json, $2::json)`, [JSON.stringify(code), JSON.stringify([ev('evt-v4-1')])]);
        await sql.query(`SELECT ${s}.spark_confirm($1::json, $2::boolean, $3::json)`, [JSON.stringify({
          adAccountId: 'acc-v4', codeId: 'code-v4', videoId: 'video-v4', creatorId: 'creator-f', confirmedAt: T0.toISOString(), confirmedBy: { kind: 'advertiser', id: 'acc-v4' }, preview: code.preview,
        }), false, JSON.stringify([ev('evt-v4-2')])]);
        const store = 'pglite' in h ? postgresStore({ pglite: h.pglite, schema }) : postgresStore({ pool: h.pool, schema });
        expect(await store.migrate()).toEqual({ from: 4, to: 5, applied: [5] });
        const before = await store.getCode('code-v4' as AdCodeId);
        expect(before?.firstConfirmedAt?.getTime()).toBe(T0.getTime());
        const spark = createSparkCodes({ store, clock: manualClock(new Date(T0.getTime() + 1000)), random: seededRandom(11), codeSecret: SECRET });
        const g = (await spark.generateCode({ ...eligible('video-v5'), periodDays: 7 })).unwrap();
        expect((await spark.confirmCode({ advertiser: advertiser('acc-v4'), code: g.code })).unwrap().added).toBe(true);
        expect((await store.listLibrary('acc-v4' as AdAccountId)).map((e) => e.codeId)).toEqual(['code-v4', g.summary.id]);
        expect((await store.readEvents()).map((e) => [e.seq, e.id])).toEqual([[1, 'evt-v4-1'], [2, 'evt-v4-2'], [3, expect.any(String)], [4, expect.any(String)]]);
      } finally {
        await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      }
    });
  });
}

describe.runIf(DATABASE_URL)('postgresStore on a server: operations', () => {
  test('migrate() from several processes at once applies each migration once', async () => {
    const schema = freshSchema();
    const pools = Array.from({ length: 5 }, () => serverPool(2));
    try {
      const reports = await Promise.all(pools.map((p) => postgresStore({ pool: p, schema }).migrate()));
      expect(reports.map((r) => r.applied.length).sort()).toEqual([0, 0, 0, 0, 5]);
    } finally {
      await pools[0]!.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await Promise.all(pools.map((p) => p.end()));
    }
  });

  test('statements run as named prepared statements, or unnamed with preparedStatements: false', async () => {
    expect(() => postgresStore({ pool: pool!, preparedStatements: 'yes' as unknown as boolean })).toThrow(TypeError);
    for (const prepared of [true, false]) {
      const one = serverPool(1); // one connection: the session whose prepared statements are listed below
      const schema = freshSchema();
      try {
        const store = postgresStore({ pool: one, schema, preparedStatements: prepared });
        await store.migrate();
        const spark = createSparkCodes({ store, clock: manualClock(T0), random: seededRandom(12), codeSecret: SECRET });
        const g = (await spark.generateCode({ ...eligible('video-p'), periodDays: 7 })).unwrap();
        for (let i = 0; i < 3; i++) {
          expect((await spark.confirmCode({ advertiser: advertiser('acc-p'), code: g.code })).unwrap().added).toBe(i === 0);
          expect((await spark.searchCode({ advertiser: advertiser('acc-q'), code: g.code })).unwrap().codeId).toBe(g.summary.id);
        }
        const { rows } = await one.query(`SELECT name FROM pg_prepared_statements WHERE strpos(statement, $1) > 0`, [`"${schema}".`]);
        if (prepared) expect(rows.length).toBeGreaterThanOrEqual(4); // latest code, insert, find, confirm
        else expect(rows).toEqual([]);
      } finally {
        await one.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await one.end();
      }
    }
  });

  test('a statement timeout and a lost connection come back as storage errors, with nothing written', async () => {
    const { store, close } = await freshStore({ pool: pool! });
    const timeoutPool = new pg.Pool({ connectionString: DATABASE_URL, max: 2, options: '-c statement_timeout=200' });
    const locker = await pool!.connect();
    try {
      const clock = manualClock(T0);
      const g = (await createSparkCodes({ store, clock, random: seededRandom(4), codeSecret: SECRET }).generateCode({ ...eligible('video-t'), periodDays: 7 })).unwrap();
      const slow = createSparkCodes({ store: postgresStore({ pool: timeoutPool, schema: store.schema }), clock, random: seededRandom(5), codeSecret: SECRET });
      await locker.query('BEGIN');
      await locker.query(`SELECT 1 FROM "${store.schema}".spark_codes WHERE id = $1 FOR UPDATE`, [g.summary.id]);
      const before = await snapshot(pool!, store.schema);
      const timedOut = await slow.confirmCode({ advertiser: advertiser('acc-t'), code: g.code });
      expect(timedOut.isErr() && timedOut.error.code).toBe('storage');
      await locker.query('ROLLBACK');
      expect(await snapshot(pool!, store.schema)).toBe(before);
      const nowhere = postgresStore({ pool: new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:1/none', connectionTimeoutMillis: 500 }), schema: store.schema });
      const lost = await createSparkCodes({ store: nowhere, clock, random: seededRandom(6), codeSecret: SECRET }).confirmCode({ advertiser: advertiser('acc-t'), code: g.code });
      expect(lost.isErr() && lost.error.code).toBe('storage');
    } finally {
      locker.release();
      await timeoutPool.end();
      await close();
    }
  });

  test('instants do not depend on the session time zone', async () => {
    const schema = freshSchema();
    const kolkata = new pg.Pool({ connectionString: DATABASE_URL, max: 2, options: '-c TimeZone=Asia/Kolkata' });
    try {
      const a = postgresStore({ pool: pool!, schema });
      await a.migrate();
      const b = postgresStore({ pool: kolkata, schema });
      const spark = createSparkCodes({ store: b, clock: manualClock(T0), random: seededRandom(8), codeSecret: SECRET });
      const g = (await spark.generateCode({ ...eligible('video-tz'), periodDays: 7 })).unwrap();
      expect((await a.getCode(g.summary.id))?.generatedAt.toISOString()).toBe(T0.toISOString());
      expect((await b.getCode(g.summary.id))?.expiresAt.getTime()).toBe(T0.getTime() + 7 * DAY_MS);
    } finally {
      await pool!.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await kolkata.end();
    }
  });
});
