// Internal: a storage failure at any statement of any workflow leaves nothing behind, and
// what reaches storage never holds a code or a QR token in the clear (design §6). Failures are
// injected inside the adapter, through the factory's `onStatement` hook.
import { DAY_MS } from '../kernel/time.js';
import { manualClock } from '../adapters/clock/manual-clock.js';
import { check, checkEqual, checkSameDump, render, withHandle } from './check.js';
import {
  advertiser,
  app,
  codeAd,
  generateInput,
  identityContext,
  linkRequest,
  outcome,
  SPARK_PERMISSIONS,
  T0,
  tiktokAccount,
  userAd,
  bcAdmin,
  bcFacts,
  type App,
} from './apps.js';
import { faultyHandle } from './transactions.js';
import type { CreateAdInput } from '../ads/ads.schemas.js';
import type { ConformanceCheck, StoreFactory } from './types.js';

interface Result {
  isOk(): boolean;
  isErr(): boolean;
}

/** A workflow to fail: `setup` makes what it needs (fresh for each `n`), `run` is the call under test. */
interface Workflow {
  readonly name: string;
  readonly setup: (on: App, n: number) => Promise<Record<string, string>>;
  readonly run: (on: App, ctx: Record<string, string>, n: number) => Promise<Result>;
  /** The answer without a fault (default `ok`). */
  readonly answer?: string;
}

const none = async () => ({});
/**
 * A batch answers per item (BAT-01): a storage failure shows in the item, not in the call. The
 * answer of a one-item batch is its item's: ok, or the item's error.
 */
function itemAnswer(r: { isOk(): boolean; value?: unknown }, failed: string): Result {
  const items = r.isOk() ? (r.value as readonly { result: string; error?: unknown }[]) : [];
  const bad = items.find((i) => i.result === failed);
  return bad === undefined ? (r as Result) : ({ isOk: () => false, isErr: () => true, error: bad.error } as Result);
}

async function code(on: App, n: number, accounts: readonly string[] = [], periodDays = 30) {
  const g = (await on.spark.generateCode(generateInput(`v-f-${n}`, `cr-f-${n}`, periodDays))).unwrap();
  for (const acc of accounts) (await on.spark.confirmCode({ advertiser: advertiser(acc), code: g.code })).unwrap();
  return { code: g.code, codeId: g.summary.id, creatorId: `cr-f-${n}` };
}

async function adThrough(on: App, input: CreateAdInput, steps: readonly ('submit' | 'approve' | 'start')[]) {
  const ad = (await on.ads.createAd(input)).unwrap();
  const ref = { adAccountId: ad.adAccountId, adId: ad.id };
  for (const step of steps)
    (step === 'approve' ? await on.ads.review({ ...ref, approved: true }) : await on.ads[step](ref)).unwrap();
  return ad.id;
}

async function approvedLink(on: App, n: number) {
  const bc = `bc-f-${n}`;
  const s = (await on.bc.startLinkRequest(linkRequest(bc))).unwrap();
  const a = (
    await on.bc.approveLinkRequest({ token: s.qrToken, account: tiktokAccount(`tt-f-${n}`), userId: 'u' })
  ).unwrap();
  return { bc, linkId: a.link.id };
}

const manage = (bc: string) => ({ businessCenter: bcFacts(bc), member: bcAdmin });

const WORKFLOWS: readonly Workflow[] = [
  { name: 'spark generateCode', setup: none, run: (on, _c, n) => on.spark.generateCode(generateInput(`v-g-${n}`)) },
  {
    name: 'spark confirmCode',
    setup: (on, n) => code(on, n),
    run: (on, c, n) => on.spark.confirmCode({ advertiser: advertiser(`acc-f-${n}`), code: c.code! }),
  },
  {
    name: 'spark searchCode that fails (recorded for the throttle)',
    setup: none,
    run: (on, _c, n) => on.spark.searchCode({ advertiser: advertiser(`acc-f-${n}`), code: '#not-a-code-of-ours' }),
    answer: 'denied',
  },
  {
    name: 'spark revokeCode that pauses two ads',
    setup: async (on, n) => {
      const c = await code(on, n, [`acc-f-${n}`]);
      for (let i = 0; i < 2; i++) await adThrough(on, codeAd(`acc-f-${n}`, c.codeId), ['submit', 'approve', 'start']);
      return c;
    },
    run: (on, c) => on.spark.revokeCode({ creatorId: c.creatorId!, codeId: c.codeId! }),
  },
  {
    name: 'spark expireDue that records an expiry and stops an ad',
    setup: async (on, n) => {
      (await on.spark.expireDue()).unwrap(); // what an earlier failed sweep left
      const c = await code(on, n, [`acc-f-${n}`], 7);
      await adThrough(on, codeAd(`acc-f-${n}`, c.codeId), ['submit', 'approve', 'start']);
      (on.clock as ReturnType<typeof manualClock>).advance(8 * DAY_MS);
      return c;
    },
    run: (on) => on.spark.expireDue(),
  },
  {
    name: 'ads createAd',
    setup: async (on, n) => code(on, n, [`acc-f-${n}`]),
    run: (on, c, n) => on.ads.createAd(codeAd(`acc-f-${n}`, c.codeId!)),
  },
  {
    name: 'ads start',
    setup: async (on, n) => {
      const c = await code(on, n, [`acc-f-${n}`]);
      return { adId: await adThrough(on, codeAd(`acc-f-${n}`, c.codeId), ['submit', 'approve']) };
    },
    run: (on, c, n) => on.ads.start({ adAccountId: `acc-f-${n}`, adId: c.adId! }),
  },
  {
    name: 'top ads withdraw',
    setup: async (on, n) => ({ adId: await adThrough(on, userAd(`acc-f-${n}`, `brand-${n}`), []) }),
    run: (on, c, n) => on.topAds.withdraw({ adAccountId: `acc-f-${n}`, adId: c.adId! }),
  },
  {
    name: 'top ads authorize (two creatives)',
    setup: async (on, n) => {
      const input = { ...userAd(`acc-f-${n}`, `brand-${n}`), assetAuthorization: false };
      return { a: await adThrough(on, input, []), b: await adThrough(on, input, []) };
    },
    run: (on, c, n) => on.topAds.authorize({ adAccountId: `acc-f-${n}`, adIds: [c.a!, c.b!] }),
  },
  {
    name: 'top ads popup',
    setup: async (on, n) => {
      await adThrough(on, { ...userAd(`acc-f-${n}`, `brand-${n}`), assetAuthorization: false }, [
        'submit',
        'approve',
        'start',
      ]);
      return {};
    },
    run: (on, _c, n) => on.topAds.popup({ accountId: `tt4b-f-${n}`, adAccountIds: [`acc-f-${n}`] }),
  },
  {
    name: 'spark confirmCodes (a batch of one code: each item is its own transaction)',
    setup: async (on, n) => ({ a: (await code(on, n)).code }),
    run: async (on, c, n) => {
      const items = [{ code: c.a!, idempotencyKey: `k-a-${n}` }];
      return itemAnswer(await on.spark.confirmCodes({ advertiser: advertiser(`acc-f-${n}`), items }), 'refused');
    },
  },
  {
    name: 'spark revokeAllCodes (one code with a running ad)',
    setup: async (on, n) => {
      const a = await code(on, n, [`acc-f-${n}`]);
      await adThrough(on, codeAd(`acc-f-${n}`, a.codeId), ['submit', 'approve', 'start']);
      return a;
    },
    run: async (on, c) => {
      return itemAnswer(await on.spark.revokeAllCodes({ creatorId: c.creatorId! }), 'refused');
    },
  },
  {
    name: 'top ads confirmWithdrawal (one creative)',
    setup: async (on, n) => {
      const a = await adThrough(on, userAd(`acc-f-${n}`, `brand-${n}`), []);
      const prepared = (await on.topAds.prepareWithdrawal({ adAccountId: `acc-f-${n}`, adIds: [a] })).unwrap();
      return { confirmationId: prepared.id };
    },
    run: async (on, c, n) => {
      const r = await on.topAds.confirmWithdrawal({ adAccountId: `acc-f-${n}`, confirmationId: c.confirmationId! });
      return itemAnswer(r, 'failed');
    },
  },
  {
    name: 'ads reportPostChange that pauses a running ad (LIFE-01)',
    setup: async (on, n) => {
      const c = await code(on, n, [`acc-f-${n}`]);
      await adThrough(on, codeAd(`acc-f-${n}`, c.codeId), ['submit', 'approve', 'start']);
      return { videoId: `v-f-${n}` };
    },
    run: (on, c) => on.ads.reportPostChange({ videoId: c.videoId!, change: 'PRIVATE' }),
  },
  {
    name: 'ads deleteDraft (LIFE-03)',
    setup: async (on, n) => {
      const c = await code(on, n, [`acc-f-${n}`]);
      return { adId: await adThrough(on, codeAd(`acc-f-${n}`, c.codeId), []) };
    },
    run: (on, c, n) => on.ads.deleteDraft({ adAccountId: `acc-f-${n}`, adId: c.adId! }),
  },
  {
    name: 'extensions extendAuthorization that moves a running ad (EXT-01)',
    setup: async (on, n) => {
      const c = await code(on, n, [`acc-f-${n}`]);
      await adThrough(on, codeAd(`acc-f-${n}`, c.codeId), ['submit', 'approve', 'start']);
      return c;
    },
    run: (on, c) => on.extensions.extendAuthorization({ creatorId: c.creatorId!, codeId: c.codeId!, periodDays: 7 }),
  },
  {
    name: 'extensions answerExtension granting an ask (EXT-03)',
    setup: async (on, n) => {
      const c = await code(on, n, [`acc-f-${n}`]);
      const ask = (
        await on.extensions.askExtension({ adAccountId: `acc-f-${n}`, codeId: c.codeId, periodDays: 30 })
      ).unwrap();
      return { ...c, askId: ask.id };
    },
    run: (on, c) => on.extensions.answerExtension({ creatorId: c.creatorId!, askId: c.askId!, answer: { grant: 7 } }),
  },
  {
    name: 'extensions remindDue recording reminders (REM-01)',
    setup: async (on, n) => {
      (on.clock as ReturnType<typeof manualClock>).advance(DAY_MS);
      await on.extensions.remindDue(); // what earlier codes have due, so that the run records this code's only
      return code(on, n, [`acc-f-${n}`], 7); // its 7-day reminders are due at once
    },
    run: (on) => on.extensions.remindDue(),
  },
  { name: 'bc startLinkRequest', setup: none, run: (on, _c, n) => on.bc.startLinkRequest(linkRequest(`bc-f-${n}`)) },
  {
    name: 'bc approveLinkRequest',
    setup: async (on, n) => ({ token: (await on.bc.startLinkRequest(linkRequest(`bc-f-${n}`))).unwrap().qrToken }),
    run: (on, c, n) => on.bc.approveLinkRequest({ token: c.token!, account: tiktokAccount(`tt-f-${n}`), userId: 'u' }),
  },
  {
    name: 'bc rejectLinkRequest',
    setup: async (on, n) => ({ token: (await on.bc.startLinkRequest(linkRequest(`bc-f-${n}`))).unwrap().qrToken }),
    run: (on, c) => on.bc.rejectLinkRequest({ token: c.token!, userId: 'u' }),
  },
  {
    name: 'bc cancelLinkRequest',
    setup: async (on, n) => ({
      requestId: (await on.bc.startLinkRequest(linkRequest(`bc-f-${n}`))).unwrap().request.id,
    }),
    run: (on, c, n) => on.bc.cancelLinkRequest({ ...manage(`bc-f-${n}`), requestId: c.requestId! }),
  },
  {
    name: 'bc changeLinkPermissions',
    setup: approvedLink,
    run: (on, c) =>
      on.bc.changeLinkPermissions({ ...manage(c.bc!), linkId: c.linkId!, permissions: ['EXISTING_POSTS'] }),
  },
  {
    name: 'bc assignToAdAccount',
    setup: approvedLink,
    run: (on, c) =>
      on.bc.assignToAdAccount({
        ...manage(c.bc!),
        linkId: c.linkId!,
        adAccount: { id: `${c.bc}-adv`, businessCenterId: c.bc! },
      }),
  },
  {
    name: 'bc unlink (with an assignment)',
    setup: async (on, n) => {
      const l = await approvedLink(on, n);
      (
        await on.bc.assignToAdAccount({
          ...manage(l.bc),
          linkId: l.linkId,
          adAccount: { id: `${l.bc}-adv`, businessCenterId: l.bc },
        })
      ).unwrap();
      return l;
    },
    run: (on, c) => on.bc.unlink({ ...manage(c.bc!), linkId: c.linkId! }),
  },
  {
    name: 'identities linkByLogin',
    setup: none,
    run: (on, _c, n) =>
      on.ids.linkByLogin({
        context: identityContext(`bc-f-${n}`),
        account: tiktokAccount(`tt-f-${n}`),
        permissions: SPARK_PERMISSIONS,
        approvedBy: 'owner',
      }),
  },
  {
    name: 'identities createOrganizationAccount',
    setup: none,
    run: (on, _c, n) =>
      on.ids.createOrganizationAccount({
        context: identityContext(`bc-f-${n}`),
        nickname: 'Acme',
        operatingRegion: 'US',
        username: `acme_${n}`,
      }),
  },
  {
    name: 'identities signUpAccount',
    setup: none,
    run: (on, _c, n) =>
      on.ids.signUpAccount({
        context: identityContext(`bc-f-${n}`),
        account: { id: `tt-f-${n}`, accountType: 'CREATOR', isPrivate: false, displayName: 'New' },
      }),
  },
  {
    name: 'identities grantAccountAccess',
    setup: async (on, n) => {
      (
        await on.ids.signUpAccount({
          context: identityContext(`bc-f-${n}`),
          account: { id: `tt-f-${n}`, accountType: 'CREATOR', isPrivate: false, displayName: 'New' },
        })
      ).unwrap();
      return {};
    },
    run: (on, _c, n) =>
      on.ids.grantAccountAccess({
        accountId: `tt-f-${n}`,
        grantedBy: 'id-admin',
        userId: 'teammate',
        role: 'OPERATOR',
      }),
  },
];

/** One check per workflow: fail each of its statements in turn; each time, a storage error and nothing changed. */
function faultCheck(factory: StoreFactory, wf: Workflow): ConformanceCheck {
  return {
    name: `fault X-03: ${wf.name}: failing its Nth statement (every N) gives a storage error and changes nothing`,
    async run() {
      const f = await faultyHandle(factory);
      try {
        const on = app(f.handle.store, manualClock(T0));
        const dry = await f.armed(0, async () => wf.run(on, await wf.setup(on, 0), 0));
        const answer = dry.error === undefined ? outcome(dry.result!) : String(dry.error);
        checkEqual(answer, wf.answer ?? 'ok', `${wf.name}: the answer without a fault`);
        check(dry.statements > 0, `${wf.name}: the store called onStatement for its statements`);
        for (let n = 1; n <= dry.statements; n++) {
          const ctx = await wf.setup(on, n);
          const before = await f.handle.dump();
          const run = await f.armed(n, () => wf.run(on, ctx, n));
          if (run.statements < n) continue; // this run took another path with fewer statements
          check(
            run.error === undefined,
            `${wf.name}: a storage failure must come back as a result, not a throw: ${String(run.error)}`,
          );
          checkEqual(
            outcome(run.result!),
            'storage',
            `${wf.name}: the answer when statement ${n} of ${dry.statements} fails`,
          );
          checkSameDump(
            await f.handle.dump(),
            before,
            `${wf.name}: rows and events after statement ${n} of ${dry.statements} failed`,
          );
        }
      } finally {
        await f.handle.close();
      }
    },
  };
}

/** What reached storage holds digests and fingerprints only, never a code or a QR token. */
function inspection(factory: StoreFactory): ConformanceCheck {
  return {
    name:
      'storage inspection: after codes are generated, confirmed, revoked and link requests started and approved, ' +
      'no plaintext code (#…) or QR token (bcqr_…) reached storage',
    run: () =>
      withHandle(factory, async (handle) => {
        // Arrange
        const on = app(handle.store, manualClock(T0));
        const secrets: string[] = [];
        for (let i = 0; i < 3; i++) {
          const c = await code(on, i, i > 0 ? ['acc-inspect'] : []);
          secrets.push(c.code);
          if (i === 2) (await on.spark.revokeCode({ creatorId: c.creatorId, codeId: c.codeId })).unwrap();
          await on.spark.searchCode({ advertiser: advertiser('acc-inspect'), code: `${c.code.slice(0, -2)}AA` });
        }
        for (let i = 0; i < 3; i++) {
          const s = (await on.bc.startLinkRequest(linkRequest(`bc-inspect-${i}`))).unwrap();
          secrets.push(s.qrToken);
          if (i === 1)
            (
              await on.bc.approveLinkRequest({ token: s.qrToken, account: tiktokAccount('tt-inspect'), userId: 'u' })
            ).unwrap();
          if (i === 2) (await on.bc.rejectLinkRequest({ token: s.qrToken, userId: 'u' })).unwrap();
        }
        secrets.push(
          (
            await on.ids.linkByQrCode({ context: identityContext('bc-inspect-q'), permissions: SPARK_PERMISSIONS })
          ).unwrap().qrToken,
        );
        // Act
        const stored = render(await handle.dump());
        // Assert: neither the whole secret nor any 12 characters of its body (fingerprints show 4 + 4).
        for (const secret of secrets) {
          const body = secret.startsWith('#') ? secret.slice(1) : secret.replace(/^bcqr_/, '');
          check(secret.length > 16, `a code or token is long: ${secret.length} characters`);
          for (let i = 0; i + 12 <= body.length; i++) {
            const part = body.slice(i, i + 12);
            check(
              !stored.includes(part) && !stored.includes(JSON.stringify(part).slice(1, -1)),
              `storage holds 12 characters (${i}..${i + 12}) of a ${secret.startsWith('#') ? 'code' : 'QR token'}`,
            );
          }
        }
      }),
  };
}

/** Fault injection over every workflow, and storage inspection. */
export function faultChecks(factory: StoreFactory): ConformanceCheck[] {
  return [inspection(factory), ...WORKFLOWS.map((wf) => faultCheck(factory, wf))];
}
