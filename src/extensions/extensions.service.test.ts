// The extensions service (EXT-01..03, REM-01) over the memory store, with the Spark codes and
// ads services it works beside; an fc.commands model of the ask state machine.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { definePolicy } from '../kernel/policy-schema.js';
import { DAY_MS, HOUR_MS } from '../kernel/time.js';
import { adsTable, extensionAsksTable, libraryTable, remindersTable } from '../storage/tables.js';
import { memoryStore } from '../adapters/memory/memory-store.js';
import { manualClock } from '../adapters/clock/manual-clock.js';
import { seededRandom } from '../adapters/random/seeded-random.js';
import type { Policy } from '../kernel/policy.js';
import { createSparkCodes } from '../spark-codes/spark-codes.service.js';
import { createAds } from '../ads/ads.service.js';
import type { CreateAdInput } from '../ads/ads.schemas.js';
import { codesTable } from '../storage/tables.js';
import type { AdCodeRecord } from '../spark-codes/spark-codes.model.js';
import { createExtensions } from './extensions.service.js';

const T0 = new Date('2026-03-01T12:00:00.000Z');
const SECRET = 'test-secret-of-at-least-thirty-two-chars!';

/** A fresh app at T0. */
function setup(opts: { policy?: Policy; seed?: number } = {}) {
  const store = memoryStore();
  const clock = manualClock(T0);
  const options = {
    store,
    clock,
    random: seededRandom(opts.seed ?? 7),
    ...(opts.policy ? { policy: opts.policy } : {}),
  };
  const spark = createSparkCodes({ ...options, codeSecret: SECRET });
  const ads = createAds(options);
  const ext = createExtensions(options);

  /** A code of `periodDays` for `videoId` by `creatorId`, confirmed by each of `accounts`. */
  async function code(
    videoId = 'video-1',
    accounts: readonly string[] = ['adacc-1'],
    periodDays = 30,
    creatorId = 'creator-1',
  ) {
    const g = (
      await spark.generateCode({
        creator: {
          id: creatorId,
          displayName: 'Dana',
          accountType: 'CREATOR',
          followerCount: 50_000,
          adAuthorizationEnabled: true,
          adTermsAccepted: true,
        },
        video: {
          id: videoId,
          ownerId: creatorId,
          visibility: 'PUBLIC',
          isOriginal: true,
          adAuthorizationEnabled: true,
          music: 'ORIGINAL',
        },
        periodDays,
      })
    ).unwrap();
    for (const adAccountId of accounts) {
      (
        await spark.confirmCode({
          advertiser: { adAccountId, hasActivePaymentMethod: true, hasCreativeLibraryAccess: true },
          code: g.code,
        })
      ).unwrap();
    }
    return { codeId: g.summary.id as string, creatorId, end: g.summary.expiresAt };
  }

  /** Changes a stored authorization directly (e.g. to make it a registered platform code). */
  async function patch(codeId: string, change: (c: AdCodeRecord) => AdCodeRecord) {
    await store.transaction([`code:${codeId}`], async (tx) => {
      const c = await tx.get(codesTable, codeId);
      if (c) await tx.update(codesTable, change(c));
    });
  }

  /** A running Spark ad on the code, with an optional scheduled end. */
  async function runningAd(adAccountId: string, codeId: string, endAt?: Date) {
    const input: CreateAdInput = {
      adAccountId,
      name: 'Spark ad',
      campaign: { campaignId: 'cmp-1', objective: 'VIDEO_VIEWS', placements: ['TIKTOK'], campaignType: 'MANUAL' },
      schedule: endAt === undefined ? { startAt: T0 } : { startAt: T0, endAt },
      identity: { type: 'AUTH_CODE', codeId },
    };
    const ad = (await ads.createAd(input)).unwrap();
    const ref = { adAccountId, adId: ad.id };
    (await ads.submit(ref)).unwrap();
    (await ads.review({ ...ref, approved: true })).unwrap();
    (await ads.start(ref)).unwrap();
    return ad.id as string;
  }

  return { store, clock, spark, ads, ext, code, patch, runningAd };
}

/** The violation codes of a denied result (empty otherwise). */
function codesOf(r: { isErr(): boolean; error?: unknown }): string[] {
  if (!r.isErr()) return [];
  const e = r.error as { code: string; violations?: readonly { code: string }[] };
  return e.violations ? e.violations.map((v) => v.code) : [e.code];
}

const numRuns = Number(process.env.FC_NUM_RUNS ?? 25);
/** Bad input on purpose: what a JavaScript caller can pass; the types would refuse it. */
const unchecked = (input: unknown) => input as never;

describe('EXT-01 extendAuthorization', () => {
  test('EXT-01 the end moves by exactly the period; ads keep running and their copies move too', async () => {
    // Arrange
    const app = setup();
    const { codeId, creatorId, end } = await app.code('video-1', ['adacc-1', 'adacc-2']);
    const adId = await app.runningAd('adacc-1', codeId);
    app.clock.advance(10 * DAY_MS);
    // Act
    const r = (await app.ext.extendAuthorization({ creatorId, codeId, periodDays: 60 })).unwrap();
    // Assert
    expect(r.previousEnd).toEqual(end);
    expect(r.newEnd.getTime()).toBe(end.getTime() + 60 * DAY_MS);
    expect(r.summary.expiresAt).toEqual(r.newEnd);
    expect(r.summary.extensions).toHaveLength(1);
    expect(r.adsMoved).toBe(1);
    const ad = await app.store.get(adsTable, adId);
    expect(ad?.status).toBe('RUNNING');
    expect(ad?.authorization?.expiresAt).toEqual(r.newEnd);
    for (const e of await app.store.list(libraryTable, 'byCode', { eq: [codeId] }))
      expect(e.expiresAt).toEqual(r.newEnd);
    const events = await app.store.readEvents();
    const ext = events.find((e) => e.type === 'extension.authorization_extended');
    expect(ext?.data).toMatchObject({ codeId, periodDays: 60, previousEnd: end, newEnd: r.newEnd });
  });

  test('EXT-01 the forecast and spark.listExpiring see the new end at once', async () => {
    const app = setup();
    const { codeId, creatorId, end } = await app.code('video-1', ['adacc-1'], 7);
    await app.runningAd('adacc-1', codeId, new Date(T0.getTime() + 20 * DAY_MS));
    const before = (await app.ads.forecast({ adAccountId: 'adacc-1' })).unwrap();
    expect(before[0]?.stopsAt).toEqual(end);
    expect(before[0]?.runsPastAuthorization).toBe(true);
    expect((await app.spark.listExpiring({ withinMs: 8 * DAY_MS })).unwrap().map((c) => c.id)).toEqual([codeId]);

    (await app.ext.extendAuthorization({ creatorId, codeId, periodDays: 30 })).unwrap();

    // No longer at risk: the ad ends before its authorization, which ends beyond the 7-day window.
    expect((await app.ads.forecast({ adAccountId: 'adacc-1' })).unwrap()).toEqual([]);
    const after = (await app.ads.forecast({ adAccountId: 'adacc-1', withinMs: 40 * DAY_MS })).unwrap();
    expect(after[0]?.stopsAt.getTime()).toBe(end.getTime() + 30 * DAY_MS);
    expect(after[0]?.runsPastAuthorization).toBe(false);
    expect((await app.spark.listExpiring({ withinMs: 8 * DAY_MS })).unwrap()).toEqual([]);
    const later = (await app.spark.listExpiring({ withinMs: 40 * DAY_MS })).unwrap();
    expect(later.map((c) => c.expiresAt.getTime())).toEqual([end.getTime() + 30 * DAY_MS]);
  });

  test('EXT-01 a period not allowed is refused; a registered platform code is refused; nothing stored', async () => {
    const app = setup();
    const { codeId, creatorId, end } = await app.code();
    const r = await app.ext.extendAuthorization({ creatorId, codeId, periodDays: 45 });
    expect(codesOf(r)).toEqual(['extension.period_not_allowed']);
    await app.patch(codeId, (c) => ({ ...c, origin: 'REGISTERED' }));
    const p = await app.ext.extendAuthorization({ creatorId, codeId, periodDays: 45 });
    expect(codesOf(p)).toEqual(['extension.period_not_allowed', 'extension.platform_code']);
    expect((await app.spark.codeStatus({ codeId })).unwrap().expiresAt).toEqual(end);
    expect((await app.store.readEvents()).filter((e) => e.type.startsWith('extension.'))).toEqual([]);
  });

  test("EXT-01 another creator's authorization is not found, like a missing one", async () => {
    const app = setup();
    const { codeId } = await app.code();
    expect(codesOf(await app.ext.extendAuthorization({ creatorId: 'creator-2', codeId, periodDays: 30 }))).toEqual([
      'not_found',
    ]);
    expect(
      codesOf(await app.ext.extendAuthorization({ creatorId: 'creator-1', codeId: 'code_none', periodDays: 30 })),
    ).toEqual(['not_found']);
  });

  test('EXT-01 bad input is a validation error naming the field; nothing stored', async () => {
    const app = setup();
    const { codeId } = await app.code();
    const before = await app.store.dump();
    const r = await app.ext.extendAuthorization(unchecked({ creatorId: 'creator-1', codeId, periodDays: 1.5 }));
    expect(r.isErr() && r.error.code).toBe('validation');
    if (r.isErr() && r.error.code === 'validation') expect(r.error.issues[0].path).toEqual(['periodDays']);
    const a = await app.ext.askExtension(unchecked({ adAccountId: '', codeId, periodDays: 30 }));
    if (a.isErr() && a.error.code === 'validation') expect(a.error.issues[0].path).toEqual(['adAccountId']);
    else throw new Error('expected a validation error');
    const n = await app.ext.answerExtension(unchecked({ creatorId: 'creator-1', askId: 'x', answer: { grant: 'a' } }));
    expect(n.isErr() && n.error.code).toBe('validation');
    const d = await app.ext.remindDue(unchecked({ limit: 0 }));
    if (d.isErr() && d.error.code === 'validation') expect(d.error.issues[0].path).toEqual(['limit']);
    else throw new Error('expected a validation error');
    const l = await app.ext.listAsks(unchecked({ creatorId: 'creator-1', adAccountId: 'adacc-1' }));
    expect(l.isErr() && l.error.code).toBe('validation');
    expect(await app.store.dump()).toEqual(before);
  });
});

describe('EXT-02 a revoked or expired authorization cannot be extended', () => {
  test('EXT-02 revoked: refused with every reason, the end unchanged', async () => {
    const app = setup();
    const { codeId, creatorId, end } = await app.code();
    (await app.spark.revokeCode({ creatorId, codeId })).unwrap();
    const r = await app.ext.extendAuthorization({ creatorId, codeId, periodDays: 45 });
    expect(codesOf(r)).toEqual(['extension.authorization_revoked', 'extension.period_not_allowed']);
    expect((await app.spark.codeStatus({ codeId })).unwrap().expiresAt).toEqual(end);
  });

  test('EXT-02 expired: refused from the end on (the end is exclusive)', async () => {
    const app = setup();
    const { codeId, creatorId, end } = await app.code('video-1', [], 7);
    app.clock.set(new Date(end.getTime() - 1));
    expect((await app.ext.extendAuthorization({ creatorId, codeId, periodDays: 7 })).isOk()).toBe(true);
    const { codeId: c2, end: e2 } = await app.code('video-2', [], 7);
    app.clock.set(e2);
    expect(codesOf(await app.ext.extendAuthorization({ creatorId, codeId: c2, periodDays: 7 }))).toEqual([
      'extension.authorization_expired',
    ]);
  });
});

describe('EXT-03 extension asks', () => {
  test('EXT-03 an ad account with the post in its library asks; the creator grants another period', async () => {
    const app = setup();
    const { codeId, creatorId, end } = await app.code();
    const ask = (
      await app.ext.askExtension({ adAccountId: 'adacc-1', userId: 'u-7', codeId, periodDays: 30 })
    ).unwrap();
    expect(ask.status).toBe('PENDING');
    expect(ask.expiresAt.getTime()).toBe(T0.getTime() + 7 * DAY_MS);
    expect((await app.ext.listAsks({ creatorId })).unwrap().map((a) => a.id)).toEqual([ask.id]);
    expect((await app.ext.listAsks({ adAccountId: 'adacc-1' })).unwrap().map((a) => a.id)).toEqual([ask.id]);
    const r = (await app.ext.answerExtension({ creatorId, askId: ask.id, answer: { grant: 60 } })).unwrap();
    expect(r.ask.status).toBe('GRANTED');
    expect(r.extension?.newEnd.getTime()).toBe(end.getTime() + 60 * DAY_MS);
    expect(r.extension?.summary.extensions?.[0]?.askId).toBe(ask.id);
    const types = (await app.store.readEvents()).map((e) => e.type).filter((t) => t.startsWith('extension.'));
    expect(types).toEqual(['extension.asked', 'extension.ask_granted', 'extension.authorization_extended']);
    expect(codesOf(await app.ext.answerExtension({ creatorId, askId: ask.id, answer: { decline: true } }))).toEqual([
      'extension.ask_not_pending',
    ]);
  });

  test('EXT-03 not in the library: refused with every reason; one pending ask per (code, ad account)', async () => {
    const app = setup();
    const { codeId } = await app.code();
    expect(codesOf(await app.ext.askExtension({ adAccountId: 'adacc-9', codeId, periodDays: 45 }))).toEqual([
      'extension.not_in_library',
      'extension.period_not_allowed',
    ]);
    (await app.ext.askExtension({ adAccountId: 'adacc-1', codeId, periodDays: 30 })).unwrap();
    expect(codesOf(await app.ext.askExtension({ adAccountId: 'adacc-1', codeId, periodDays: 7 }))).toEqual([
      'extension.ask_already_pending',
    ]);
    expect(await app.store.count(extensionAsksTable, 'byAccount', { eq: ['adacc-1'] })).toBe(1);
  });

  test('EXT-03 EXT-02 an ask on a revoked authorization is refused; a grant after revocation is refused', async () => {
    const app = setup();
    const { codeId, creatorId } = await app.code();
    const ask = (await app.ext.askExtension({ adAccountId: 'adacc-1', codeId, periodDays: 30 })).unwrap();
    (await app.spark.revokeCode({ creatorId, codeId })).unwrap();
    expect(codesOf(await app.ext.askExtension({ adAccountId: 'adacc-1', codeId, periodDays: 30 }))).toEqual([
      'extension.authorization_revoked',
      'extension.ask_already_pending',
    ]);
    expect(codesOf(await app.ext.answerExtension({ creatorId, askId: ask.id, answer: { grant: 30 } }))).toEqual([
      'extension.authorization_revoked',
    ]);
    // Declining stays possible.
    expect(
      (await app.ext.answerExtension({ creatorId, askId: ask.id, answer: { decline: true } })).unwrap().ask.status,
    ).toBe('DECLINED');
  });

  test('EXT-03 an unanswered ask lapses after 7 days (configurable); then a new ask is possible', async () => {
    const policy = definePolicy({ extensionAskLifetimeMs: 2 * DAY_MS }).unwrap();
    const app = setup({ policy });
    const { codeId, creatorId } = await app.code();
    const ask = (await app.ext.askExtension({ adAccountId: 'adacc-1', codeId, periodDays: 30 })).unwrap();
    app.clock.advance(2 * DAY_MS);
    expect((await app.ext.listAsks({ creatorId })).unwrap()[0]?.status).toBe('LAPSED');
    expect(codesOf(await app.ext.answerExtension({ creatorId, askId: ask.id, answer: { grant: 30 } }))).toEqual([
      'extension.ask_not_pending',
    ]);
    expect((await app.ext.askExtension({ adAccountId: 'adacc-1', codeId, periodDays: 30 })).isOk()).toBe(true);
  });

  test("EXT-03 another creator's ask is not found", async () => {
    const app = setup();
    const { codeId } = await app.code();
    const ask = (await app.ext.askExtension({ adAccountId: 'adacc-1', codeId, periodDays: 30 })).unwrap();
    expect(
      codesOf(await app.ext.answerExtension({ creatorId: 'creator-2', askId: ask.id, answer: { decline: true } })),
    ).toEqual(['not_found']);
  });

  test('EXT-03 model: the ask state machine (fc.commands) against a simple model', async () => {
    type Model = { asks: Map<string, { status: string; expiresAt: number; code: number; acc: number }>; now: number };
    type Real = { app: ReturnType<typeof setup>; codes: { codeId: string; creatorId: string }[]; ids: string[] };
    const LIFE = 7 * DAY_MS;
    const pendingFor = (m: Model, code: number, acc: number) =>
      [...m.asks.values()].some(
        (a) => a.code === code && a.acc === acc && a.status === 'PENDING' && m.now < a.expiresAt,
      );
    const statusOf = (m: Model, id: string) => {
      const a = m.asks.get(id)!;
      return a.status === 'PENDING' && m.now >= a.expiresAt ? 'LAPSED' : a.status;
    };
    class Ask implements fc.AsyncCommand<Model, Real> {
      constructor(
        readonly code: number,
        readonly acc: number,
      ) {}
      check = () => true;
      async run(m: Model, r: Real) {
        const c = r.codes[this.code]!;
        const res = await r.app.ext.askExtension({
          adAccountId: `adacc-${this.acc}`,
          codeId: c.codeId,
          periodDays: 30,
        });
        if (pendingFor(m, this.code, this.acc)) {
          expect(codesOf(res)).toEqual(['extension.ask_already_pending']);
        } else {
          const ask = res.unwrap();
          r.ids.push(ask.id);
          m.asks.set(ask.id, { status: 'PENDING', expiresAt: m.now + LIFE, code: this.code, acc: this.acc });
        }
      }
      toString = () => `ask(${this.code}, ${this.acc})`;
    }
    class Answer implements fc.AsyncCommand<Model, Real> {
      constructor(
        readonly pick: number,
        readonly grant: boolean,
      ) {}
      check = (m: Model) => m.asks.size > 0;
      async run(m: Model, r: Real) {
        const id = r.ids[this.pick % r.ids.length]!;
        const a = m.asks.get(id)!;
        const answer = this.grant ? { grant: 7 } : ({ decline: true } as const);
        const res = await r.app.ext.answerExtension({ creatorId: r.codes[a.code]!.creatorId, askId: id, answer });
        if (statusOf(m, id) !== 'PENDING') {
          expect(codesOf(res)).toEqual(['extension.ask_not_pending']);
        } else {
          expect(res.unwrap().ask.status).toBe(this.grant ? 'GRANTED' : 'DECLINED');
          a.status = this.grant ? 'GRANTED' : 'DECLINED';
        }
      }
      toString = () => `answer(${this.pick}, ${this.grant ? 'grant' : 'decline'})`;
    }
    class Advance implements fc.AsyncCommand<Model, Real> {
      constructor(readonly ms: number) {}
      check = () => true;
      async run(m: Model, r: Real) {
        m.now += this.ms;
        r.app.clock.advance(this.ms);
        const listed = (await r.app.ext.listAsks({ creatorId: 'creator-1', limit: 1000 })).unwrap();
        for (const v of listed) expect(v.status).toBe(statusOf(m, v.id));
      }
      toString = () => `advance(${this.ms})`;
    }
    const commands = [
      fc.tuple(fc.nat(1), fc.nat(1)).map(([c, a]) => new Ask(c, a)),
      fc.tuple(fc.nat(20), fc.boolean()).map(([p, g]) => new Answer(p, g)),
      fc.constantFrom(HOUR_MS, 3 * DAY_MS, 7 * DAY_MS).map((ms) => new Advance(ms)),
    ];
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 25 }), async (cmds) => {
        const app = setup();
        // 365-day codes: the extensions granted keep them in force for the whole run.
        const codes = [
          await app.code('video-1', ['adacc-0', 'adacc-1'], 365),
          await app.code('video-2', ['adacc-0', 'adacc-1'], 365),
        ];
        await fc.asyncModelRun(
          () => ({ model: { asks: new Map(), now: T0.getTime() }, real: { app, codes, ids: [] } }),
          cmds,
        );
      }),
      { numRuns },
    );
  });
});

describe('REM-01 reminders before an authorization ends', () => {
  test('REM-01 at 7 days and 1 day before the end, once each, for the creator and each ad account', async () => {
    // Arrange
    const app = setup();
    const { codeId, end } = await app.code('video-1', ['adacc-1', 'adacc-2'], 30);
    // Act + Assert: nothing due 8 days before the end.
    app.clock.set(new Date(end.getTime() - 8 * DAY_MS));
    expect((await app.ext.remindDue()).unwrap()).toEqual([]);
    app.clock.set(new Date(end.getTime() - 7 * DAY_MS + HOUR_MS));
    const first = (await app.ext.remindDue()).unwrap();
    expect(first.map((r) => `${r.recipient.kind}:${r.recipient.id}`)).toEqual([
      'creator:creator-1',
      'advertiser:adacc-1',
      'advertiser:adacc-2',
    ]);
    expect(first.every((r) => r.offsetMs === 7 * DAY_MS && r.message === 'ends in 6 days')).toBe(true);
    expect((await app.ext.remindDue()).unwrap()).toEqual([]);
    app.clock.set(new Date(end.getTime() - DAY_MS));
    const second = (await app.ext.remindDue()).unwrap();
    expect(second.map((r) => r.message)).toEqual(['ends in 1 day', 'ends in 1 day', 'ends in 1 day']);
    expect((await app.ext.remindDue()).unwrap()).toEqual([]);
    const events = (await app.store.readEvents()).filter((e) => e.type === 'reminder.authorization_ending');
    expect(events).toHaveLength(6);
    expect(events[0]?.data).toMatchObject({ codeId, offsetMs: 7 * DAY_MS, message: 'ends in 6 days' });
    expect(await app.store.count(remindersTable, 'byCode', { eq: [codeId] })).toBe(6);
  });

  test('REM-01 an extension moves the end: the reminders of the new end are new ones', async () => {
    const app = setup();
    const { codeId, creatorId, end } = await app.code('video-1', [], 30);
    app.clock.set(new Date(end.getTime() - DAY_MS));
    expect((await app.ext.remindDue()).unwrap()).toHaveLength(1);
    (await app.ext.extendAuthorization({ creatorId, codeId, periodDays: 7 })).unwrap();
    // Now 8 days before the new end: nothing due yet.
    expect((await app.ext.remindDue()).unwrap()).toEqual([]);
    app.clock.advance(DAY_MS);
    const r = (await app.ext.remindDue()).unwrap();
    expect(r.map((x) => [x.endsAt.getTime(), x.offsetMs])).toEqual([[end.getTime() + 7 * DAY_MS, 7 * DAY_MS]]);
  });

  test('REM-01 a late sweep sends only the nearest reminder; revoked and expired get none', async () => {
    const app = setup();
    const late = await app.code('video-1', [], 30);
    const revoked = await app.code('video-2', [], 30);
    (await app.spark.revokeCode({ creatorId: revoked.creatorId, codeId: revoked.codeId })).unwrap();
    app.clock.set(new Date(late.end.getTime() - 12 * HOUR_MS));
    const r = (await app.ext.remindDue()).unwrap();
    expect(r.map((x) => [x.codeId, x.offsetMs, x.message])).toEqual([[late.codeId, DAY_MS, 'ends in 12 hours']]);
    app.clock.set(late.end);
    expect((await app.ext.remindDue()).unwrap()).toEqual([]);
  });

  test('REM-01 configurable offsets; limit stops the sweep and the next run goes on', async () => {
    const policy = definePolicy({ reminderOffsetsMs: [3 * DAY_MS] }).unwrap();
    const app = setup({ policy });
    for (let i = 0; i < 5; i++) await app.code(`video-${i}`, [], 7);
    app.clock.advance(4 * DAY_MS + HOUR_MS);
    const a = (await app.ext.remindDue({ limit: 2 })).unwrap();
    expect(a).toHaveLength(2);
    const b = (await app.ext.remindDue()).unwrap();
    expect(b).toHaveLength(3);
    expect(new Set([...a, ...b].map((x) => x.codeId)).size).toBe(5);
    expect([...a, ...b].every((x) => x.message === 'ends in 2 days')).toBe(true);
  });
});
