// The creator's ledger and the request listing on the memory store (issue 13, REQ-04): time flat
// in the store's size. The same creator (50 authorizations, each accepted from a request, each
// in one ad account's library with one ad) and the same ad account (those 50 requests plus 25
// pending) in a store with 10^3 and with 10^6 other authorizations (and a tenth as many other
// requests, over 100 other ad accounts); the same answer in both, timed in interleaved rounds.
// The other rows are copies of rows made through the services, inserted through
// `store.transaction` in batches of 1,000 (the services would take minutes to make 10^6).
// BENCH_QUICK=1: 10^5 other authorizations instead of 10^6. BENCH_REQUESTS=n overrides it.
import { QUICK, dist, fmt, gc, goal, heap, list, median, pick, section, settle } from './harness.mjs';

const { createAds, createBrandRequests, definePolicy, manualClock, memoryStore } = await dist('index.js');
const { brandRequestsTable, codesTable } = await dist('storage/tables.js');

const SMALL = 1_000;
const BIG = Number(process.env.BENCH_REQUESTS ?? pick(1_000_000, 100_000));
const ROUNDS = pick(7, 3);
const T0 = new Date('2026-03-01T12:00:00.000Z');
const ACC = 'bench-acc';
const CREATOR = 'bench-creator';
const LEDGER = 50;
const PENDING = 25;
const policy = definePolicy({ maxPendingRequests: 1_000 }).unwrap();
const campaign = { campaignId: 'cmp', objective: 'VIDEO_VIEWS', placements: ['TIKTOK'], campaignType: 'MANUAL' };
const bigLabel = BIG === 1_000_000 ? '10^6' : fmt(BIG);

const creator = (id) => ({
  id,
  displayName: 'C',
  accountType: 'CREATOR',
  followerCount: 50_000,
  adAuthorizationEnabled: true,
  adTermsAccepted: true,
});
const video = (id, ownerId) => ({
  id,
  ownerId,
  visibility: 'PUBLIC',
  isOriginal: true,
  adAuthorizationEnabled: true,
  music: 'ORIGINAL',
});

/** Inserts rows through `store.transaction`, 1,000 a transaction. */
async function insertAll(store, table, rows) {
  for (let i = 0; i < rows.length; i += 1000) {
    await store.transaction([], async (tx) => {
      for (const row of rows.slice(i, i + 1000)) await tx.insert(table, row);
    });
  }
}

/** A store with `others` other authorizations, then the measured creator and ad account, through the services. */
async function world(others, label) {
  const store = memoryStore();
  const clock = manualClock(T0);
  const requests = createBrandRequests({ store, clock, policy });
  const ads = createAds({ store, clock, policy });
  const start = performance.now();
  // A template authorization and request, made through the services.
  const tpl = (
    await requests.requestAuthorization({ advertiser: { adAccountId: 'tpl-acc' }, creatorId: 'tpl', videoId: 'tpl-v' })
  ).unwrap();
  const made = (
    await requests.acceptRequest({
      creatorId: 'tpl',
      requestId: tpl.id,
      creator: creator('tpl'),
      video: video('tpl-v', 'tpl'),
    })
  ).unwrap();
  const template = { code: made.authorization, request: await store.get(brandRequestsTable, tpl.id) };
  const codes = [];
  for (let i = 0; i < others; i++) {
    const creatorId = `bg-creator-${i % 10_000}`;
    codes.push({
      ...template.code,
      id: `code_bg_${i}`,
      creatorId,
      videoId: `bg-video-${i}`,
      preview: { ...template.code.preview, creatorId, videoId: `bg-video-${i}` },
    });
  }
  await insertAll(store, codesTable, codes);
  const reqs = [];
  for (let i = 0; i < others / 10; i++) {
    reqs.push({
      ...template.request,
      id: `breq_bg_${i}`,
      adAccountId: `bg-acc-${i % 100}`,
      creatorId: `bg-creator-${i % 10_000}`,
      videoId: `bg-video-${i}`,
      codeId: `code_bg_${i}`,
    });
  }
  await insertAll(store, brandRequestsTable, reqs);
  // The measured creator and ad account, through the services.
  for (let i = 0; i < LEDGER; i++) {
    clock.advance(1);
    const videoId = `ledger-video-${i}`;
    const r = (
      await requests.requestAuthorization({ advertiser: { adAccountId: ACC }, creatorId: CREATOR, videoId })
    ).unwrap();
    const input = { creatorId: CREATOR, requestId: r.id, creator: creator(CREATOR), video: video(videoId, CREATOR) };
    const { authorization } = (await requests.acceptRequest(input)).unwrap();
    const identity = { type: 'AUTH_CODE', codeId: authorization.id };
    (await ads.createAd({ adAccountId: ACC, name: 'Ad', campaign, schedule: { startAt: T0 }, identity })).unwrap();
  }
  for (let i = 0; i < PENDING; i++) {
    clock.advance(1);
    const sent = { advertiser: { adAccountId: ACC }, creatorId: `other-${i}`, videoId: `pending-video-${i}` };
    (await requests.requestAuthorization(sent)).unwrap();
  }
  const s = (performance.now() - start) / 1000;
  if (label) console.log(`  ${label}: ${fmt(others)} other authorizations in ${fmt(s)} s; ${heap()}`);
  return { store, clock, requests };
}

/** µs per call of `call` over `reps` calls; `check` verifies each answer. */
async function timeUs(reps, call, check) {
  const start = performance.now();
  for (let i = 0; i < reps; i++) check(await call());
  return ((performance.now() - start) * 1000) / reps;
}

const ledgerOf = (w) => () => w.requests.creatorLedger({ creatorId: CREATOR, limit: LEDGER });
const listOf = (w) => () => w.requests.listRequests({ adAccountId: ACC }, { limit: 100 });
const pendingOf = (w) => () => w.requests.listRequests({ adAccountId: ACC }, { status: 'PENDING' });
const expect = (n, what) => (r) => {
  const v = r.unwrap();
  const got = Array.isArray(v) ? v.length : v.entries.length;
  if (got !== n) throw new Error(`${what}: ${got} returned, expected ${n}`);
};

section(`stores: ${fmt(SMALL)} and ${fmt(BIG)} other authorizations${QUICK ? ' (quick mode)' : ''}`);
const small = await world(SMALL, 'small store');
const big = await world(BIG, 'big store');
gc();

section(
  `creatorLedger (${LEDGER} entries) and listRequests (${LEDGER + PENDING}; ${PENDING} pending), ${ROUNDS} rounds`,
);
const cases = {
  ledger: [ledgerOf, LEDGER, pick(40, 20)],
  list: [listOf, LEDGER + PENDING, pick(200, 50)],
  pending: [pendingOf, PENDING, pick(1000, 200)],
};
for (const w of [small, big])
  for (const [f, n, reps] of Object.values(cases)) await timeUs(reps, f(w), expect(n, 'warm-up'));
const out = Object.fromEntries(Object.keys(cases).map((k) => [k, { small: [], big: [] }]));
for (let r = 0; r < ROUNDS; r++) {
  await settle();
  for (const [name, [f, n, reps]] of Object.entries(cases)) {
    await settle();
    // Alternate which store goes first: the first timing after a collection pays for it.
    const order = r % 2 === 0 ? ['small', 'big'] : ['big', 'small'];
    for (const which of order) {
      out[name][which].push(await timeUs(reps, f(which === 'small' ? small : big), expect(n, name)));
    }
  }
}
for (const [name, { small: s, big: b }] of Object.entries(out)) {
  console.log(`  ${name}: ${list(s)} us with ${fmt(SMALL)}; ${list(b)} us with ${fmt(BIG)}`);
}

section('goals');
const perRound = (a, b) => median(a.map((x, i) => x / b[i]));
const labels = {
  ledger: `creatorLedger, ${LEDGER} entries`,
  list: `listRequests of an ad account, ${LEDGER + PENDING} returned`,
  pending: `listRequests PENDING, ${PENDING} returned`,
};
for (const [name, { small: s, big: b }] of Object.entries(out)) {
  goal(`requests: ${labels[name]}, time with ${bigLabel} / 10^3 other authorizations`, perRound(b, s), {
    atMost: 1.5,
    detail: `medians ${fmt(median(b))} vs ${fmt(median(s))} us`,
  });
}
