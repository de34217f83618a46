// Pure decisions, side by side in one process (issue 15, performance), in CPU time:
// - canApplyAdCode on an allowed case within 2x of a hand-written boolean check of the same
//   conditions;
// - at least 50x faster than the same decision in @casl/ability with its ability built once
//   (the most favourable setting for CASL: no rule compilation per decision).
// canGenerateAdCode (allowed, and denied with four violations) and CASL rebuilt per decision
// are printed for information.
// Each candidate has its own timing loop (no shared call site), inputs rotate over a pool of
// distinct fact objects, results go to a sink that is checked, and rounds are interleaved
// A, B, C, A, B, C…; each figure is the median of the per-round ratios of CPU time per decision.
import { createMongoAbility, subject } from '@casl/ability';
import { cpuMs, dist, fmt, gc, goal, info, median, pick, section } from './harness.mjs';

const { canApplyAdCode, canGenerateAdCode, DEFAULT_POLICY, DAY_MS } = await dist('index.js');

const POOL = 256; // a power of two: index with & (POOL - 1)
const T0 = Date.UTC(2026, 2, 1, 12);
const ROUNDS = pick(9, 3);
const ROUND_MS = pick(300, 100);

// ---------------------------------------------------------------- facts (all allowed)
const applyFacts = [];
const flat = []; // the same facts flattened, for CASL subjects
for (let i = 0; i < POOL; i++) {
  const generatedAt = new Date(T0 + i * 1000);
  const expiresAt = new Date(generatedAt.getTime() + 30 * DAY_MS);
  const at = new Date(generatedAt.getTime() + (i + 1) * 60_000); // in force, varies per fact
  const revokedAt = i % 4 === 0 ? new Date(at.getTime() + 1) : undefined; // revoked *after* at: still in force
  const advertiser = { adAccountId: `adacc-${i}`, hasActivePaymentMethod: true, hasCreativeLibraryAccess: true };
  const code = revokedAt ? { generatedAt, expiresAt, revokedAt } : { generatedAt, expiresAt };
  applyFacts.push({ advertiser, code, at });
  flat.push({
    hasActivePaymentMethod: true,
    hasCreativeLibraryAccess: true,
    codePresent: true,
    revoked: false,
    generatedAt,
    expiresAt,
  });
}

const generateFacts = [];
const generateDenied = [];
for (let i = 0; i < POOL; i++) {
  const creator = {
    id: `creator-${i}`,
    displayName: 'Dana',
    accountType: i % 2 ? 'CREATOR' : 'BUSINESS',
    followerCount: 10_000 + i,
    adAuthorizationEnabled: true,
    adTermsAccepted: true,
  };
  const video = {
    id: `video-${i}`,
    ownerId: creator.id,
    visibility: 'PUBLIC',
    isOriginal: true,
    adAuthorizationEnabled: true,
    music: 'ORIGINAL',
  };
  generateFacts.push({ creator, video, periodDays: [7, 30, 60, 365][i & 3] });
  generateDenied.push({
    creator: { ...creator, accountType: 'PERSONAL', followerCount: 10 },
    video: { ...video, visibility: 'PRIVATE' },
    periodDays: 5,
  });
}

// ---------------------------------------------------------------- the hand-written check
// The conditions canApplyAdCode decides for an allowed case: payment method, library access,
// code present, not revoked at `at`, generatedAt <= at < expiresAt (single use is off by default).
function handCheck(advertiser, code, at) {
  const t = at.getTime();
  return (
    advertiser.hasActivePaymentMethod &&
    advertiser.hasCreativeLibraryAccess &&
    code !== undefined &&
    (code.revokedAt === undefined || code.revokedAt.getTime() > t) &&
    code.generatedAt.getTime() <= t &&
    t < code.expiresAt.getTime()
  );
}

// ---------------------------------------------------------------- CASL
// CASL's conditions match ONE subject object and cannot compare two of its fields, so the
// instant is a constant of the rules: built once, the ability is only equivalent for one fixed
// instant (an ability per request, built with "now", is how CASL is used). For decisions at
// varying instants an equivalent rebuilds the ability (printed for information).
const caslRules = (at) => [
  {
    action: 'apply',
    subject: 'AdCode',
    conditions: {
      hasActivePaymentMethod: true,
      hasCreativeLibraryAccess: true,
      codePresent: true,
      revoked: false,
      generatedAt: { $lte: at },
      expiresAt: { $gt: at },
    },
  },
];
const FIXED_AT = new Date(T0 + POOL * 1000 + 10 * 60_000); // in force for every fact of the pool
const caslOnce = createMongoAbility(caslRules(FIXED_AT));
const caslSubjects = flat.map((f) => subject('AdCode', { ...f }));

// Sanity: every candidate agrees on the pool, and CASL refuses what it should.
for (let i = 0; i < POOL; i++) {
  const f = applyFacts[i];
  if (!canApplyAdCode(f, DEFAULT_POLICY).allowed) throw new Error(`fact ${i} should be allowed`);
  if (!handCheck(f.advertiser, f.code, f.at)) throw new Error(`hand check disagrees on ${i}`);
  if (!caslOnce.can('apply', caslSubjects[i])) throw new Error(`CASL (built once) disagrees on ${i}`);
  const rebuilt = createMongoAbility(caslRules(f.at));
  if (!rebuilt.can('apply', subject('AdCode', { ...flat[i] }))) throw new Error(`CASL (rebuilt) disagrees on ${i}`);
  if (!canGenerateAdCode(generateFacts[i], DEFAULT_POLICY).allowed) throw new Error(`generate fact ${i}: refused`);
  if (canGenerateAdCode(generateDenied[i], DEFAULT_POLICY).violations.length !== 4) {
    throw new Error(`generate denied ${i}: expected 4 violations`);
  }
}
if (caslOnce.can('apply', subject('AdCode', { ...flat[0], revoked: true }))) throw new Error('CASL: a revoked code');
if (caslOnce.can('apply', subject('AdCode', { ...flat[0], expiresAt: new Date(FIXED_AT.getTime()) }))) {
  throw new Error('CASL: the end is exclusive');
}
const expired = { ...applyFacts[1], at: new Date(applyFacts[1].code.expiresAt.getTime()) };
if (canApplyAdCode(expired, DEFAULT_POLICY).allowed || handCheck(expired.advertiser, expired.code, expired.at)) {
  throw new Error('the end is exclusive');
}

// ---------------------------------------------------------------- timing loops (one per candidate)
let sink = 0;
const policy = DEFAULT_POLICY;
const M = POOL - 1;
const loops = {
  apply: (n, batch) => {
    let s = 0;
    for (let i = 0; i < batch; i++) if (canApplyAdCode(applyFacts[(n + i) & M], policy).allowed) s++;
    return s;
  },
  hand: (n, batch) => {
    let s = 0;
    for (let i = 0; i < batch; i++) {
      const f = applyFacts[(n + i) & M];
      if (handCheck(f.advertiser, f.code, f.at)) s++;
    }
    return s;
  },
  // Plain objects are tagged with their subject type at the check, as CASL's documentation does.
  caslOnce: (n, batch) => {
    let s = 0;
    for (let i = 0; i < batch; i++) if (caslOnce.can('apply', subject('AdCode', caslSubjects[(n + i) & M]))) s++;
    return s;
  },
  caslRebuilt: (n, batch) => {
    let s = 0;
    for (let i = 0; i < batch; i++) {
      const k = (n + i) & M;
      if (createMongoAbility(caslRules(applyFacts[k].at)).can('apply', subject('AdCode', { ...flat[k] }))) s++;
    }
    return s;
  },
  generateAllowed: (n, batch) => {
    let s = 0;
    for (let i = 0; i < batch; i++) if (canGenerateAdCode(generateFacts[(n + i) & M], policy).allowed) s++;
    return s;
  },
  generateDenied: (n, batch) => {
    let s = 0;
    for (let i = 0; i < batch; i++) {
      const d = canGenerateAdCode(generateDenied[(n + i) & M], policy);
      s += d.allowed ? 0 : d.violations.length;
    }
    return s;
  },
};
const labels = {
  apply: 'canApplyAdCode (allowed)',
  hand: 'hand-written check',
  caslOnce: 'CASL ability.can, built once',
  caslRebuilt: 'CASL, ability rebuilt per decision',
  generateAllowed: 'canGenerateAdCode (allowed)',
  generateDenied: 'canGenerateAdCode (denied, 4 violations)',
};
const batchOf = (name) => (name === 'caslRebuilt' ? 64 : 4096);

/** CPU nanoseconds per decision of one loop, run for about `ms` of CPU time. */
function nsPerOp(step, batch, ms) {
  let n = 0;
  const start = cpuMs();
  let now = start;
  while (now - start < ms) {
    sink += step(n, batch);
    n += batch;
    now = cpuMs();
  }
  return ((now - start) * 1e6) / n;
}

// Warm-up: every loop optimized before the first round.
for (const [name, step] of Object.entries(loops)) nsPerOp(step, batchOf(name), 200);
gc();

const samples = Object.fromEntries(Object.keys(loops).map((k) => [k, []]));
for (let r = 0; r < ROUNDS; r++) {
  for (const [name, step] of Object.entries(loops)) {
    samples[name].push(nsPerOp(step, batchOf(name), name === 'caslRebuilt' ? ROUND_MS / 2 : ROUND_MS));
  }
}
const perRound = (a, b) => samples[a].map((x, i) => x / samples[b][i]);

section(`${ROUNDS} interleaved rounds of ~${ROUND_MS} ms of CPU time each: CPU ns per decision, median (range)`);
for (const [name, xs] of Object.entries(samples)) {
  const range = `${fmt(Math.min(...xs))}..${fmt(Math.max(...xs))}`;
  console.log(`  ${labels[name].padEnd(42)} ${fmt(median(xs)).padStart(9)} ns  (${range})`);
}
console.log(`  (sink ${sink})`);

section('goals');
goal('decisions: canApplyAdCode (allowed) CPU time / hand-written check', median(perRound('apply', 'hand')), {
  atMost: 2,
  detail: `medians ${fmt(median(samples.apply))} vs ${fmt(median(samples.hand))} ns per decision`,
});
goal('decisions: CASL ability.can (built once) CPU time / canApplyAdCode', median(perRound('caslOnce', 'apply')), {
  atLeast: 50,
  detail: `medians ${fmt(median(samples.caslOnce))} vs ${fmt(median(samples.apply))} ns per decision`,
});
info('CASL rebuilt per decision / canApplyAdCode', `${fmt(median(perRound('caslRebuilt', 'apply')))}x (no goal)`);
