// The hand-written reference the memory store is measured against (issue 15): the Spark code
// workflows written directly over `Map`s, with `node:crypto` for randomness, HMAC and SHA-256
// (native code), the same checks and no events, no locks, no copies, no Result objects.
//
// "The same checks": the input's shape (types, id length and characters, text without control
// characters, strict objects), SPARK-01..06 and one code in force per video for generate; the
// failed-search throttle (ADV-03), the code's format, checksum and digest lookup, ADV-01, in
// force (SPARK-07, -10, -11) and single use for search and confirm; the library entry and the
// code's first confirmation for confirm. The code is derived as the library derives it (two
// HMAC-SHA-256 blocks over a label, a 32-byte nonce and a counter: 43 bytes, then a 4-byte
// checksum, the start of their SHA-256; base64), so both sides do the same cryptographic work
// and, with the same secret, issue codes the other accepts.
// The helpers are exported for the PostgreSQL baseline (postgres.bench.mjs).
import { createHash, createHmac, randomBytes } from 'node:crypto';

const DAY_MS = 86_400_000;
const LABEL = Buffer.from('tiktok-ad-auth/code/v3');
const ONE = Buffer.from([1]);
const TWO = Buffer.from([2]);
const ID = /^[\x21-\x7e]+$/;
// eslint-disable-next-line no-control-regex
const TEXT = /^[^\x00-\x1f\x7f]*$/;
const HTTPS = /^https:\/\/\S+$/;
const B64 = /^#[A-Za-z0-9+/]{63}=$/; // 47 bytes: 63 characters and one '='
const MUSIC = ['NONE', 'ORIGINAL', 'COMMERCIAL_MUSIC_LIBRARY', 'COPYRIGHTED_NOT_IN_CML'];
const CREATOR_KEYS = ['id', 'displayName', 'accountType', 'followerCount', 'adAuthorizationEnabled', 'adTermsAccepted'];
const VIDEO_KEYS = [
  'id',
  'ownerId',
  'visibility',
  'isOriginal',
  'adAuthorizationEnabled',
  'music',
  'title',
  'thumbnailUrl',
];
const ADVERTISER_KEYS = ['adAccountId', 'hasActivePaymentMethod', 'hasCreativeLibraryAccess'];

const isId = (x) => typeof x === 'string' && x.length > 0 && x.length <= 128 && ID.test(x);
const isText = (x) => typeof x === 'string' && x.length > 0 && x.length <= 512 && TEXT.test(x);
const isBool = (x) => x === true || x === false;
const isCount = (x) => Number.isInteger(x) && x >= 0;
const isObject = (o) => typeof o === 'object' && o !== null && !Array.isArray(o);
const onlyKeys = (o, keys) => {
  for (const k in o) if (!keys.includes(k)) return false;
  return true;
};
const oneOf = (x, values) => values.includes(x);

function validCreator(c) {
  return (
    isObject(c) &&
    onlyKeys(c, CREATOR_KEYS) &&
    isId(c.id) &&
    isText(c.displayName) &&
    oneOf(c.accountType, ['PERSONAL', 'BUSINESS', 'CREATOR']) &&
    isCount(c.followerCount) &&
    isBool(c.adAuthorizationEnabled) &&
    isBool(c.adTermsAccepted)
  );
}

function validVideo(v) {
  return (
    isObject(v) &&
    onlyKeys(v, VIDEO_KEYS) &&
    isId(v.id) &&
    isId(v.ownerId) &&
    oneOf(v.visibility, ['PUBLIC', 'FRIENDS', 'PRIVATE']) &&
    isBool(v.isOriginal) &&
    isBool(v.adAuthorizationEnabled) &&
    oneOf(v.music, MUSIC) &&
    (v.title === undefined || isText(v.title)) &&
    (v.thumbnailUrl === undefined || (isText(v.thumbnailUrl) && HTTPS.test(v.thumbnailUrl)))
  );
}

function validAdvertiser(a) {
  return (
    isObject(a) &&
    onlyKeys(a, ADVERTISER_KEYS) &&
    isId(a.adAccountId) &&
    isBool(a.hasActivePaymentMethod) &&
    isBool(a.hasCreativeLibraryAccess)
  );
}

/** In force at `t` (ms): generatedAt <= t < expiresAt, not revoked at t. */
export const inForce = (c, t) =>
  (c.revokedAt === undefined || c.revokedAt.getTime() > t) && c.generatedAt.getTime() <= t && t < c.expiresAt.getTime();

/** The Business API status at `t` (ms). */
export function status(c, t) {
  if (c.revokedAt !== undefined && c.revokedAt.getTime() <= t) return 'DELETED';
  if (t >= c.expiresAt.getTime()) return 'EXPIRED';
  if (c.firstConfirmedAt !== undefined && c.firstConfirmedAt.getTime() <= t) return 'IN_USE';
  return 'NOT_USED';
}

/** The 4-byte checksum of a code's 43 bytes. */
const checksum = (body) => createHash('sha256').update(body).digest().subarray(0, 4);

/** The 47 bytes of a pasted code of ours (format, length, canonical base64, checksum), else undefined. */
export function codeBytes(pasted) {
  const text = pasted.trim();
  if (text.length !== 65 || !B64.test(text)) return undefined;
  const bytes = Buffer.from(text.slice(1), 'base64');
  if (bytes.length !== 47 || bytes.toString('base64') !== text.slice(1)) return undefined;
  return checksum(bytes.subarray(0, 43)).equals(bytes.subarray(43)) ? bytes : undefined;
}

/** The shape of generateCode's input (strict objects, types, ids, texts). */
export function validGenerateInput(input) {
  return (
    isObject(input) &&
    onlyKeys(input, ['creator', 'video', 'periodDays']) &&
    validCreator(input.creator) &&
    validVideo(input.video) &&
    Number.isInteger(input.periodDays)
  );
}

/** The shape of searchCode's (`withUser` false) or confirmCode's input. */
export function validFindInput(input, withUser) {
  return (
    isObject(input) &&
    onlyKeys(input, withUser ? ['advertiser', 'code', 'userId'] : ['advertiser', 'code']) &&
    validAdvertiser(input.advertiser) &&
    typeof input.code === 'string' &&
    input.code.length <= 1024 &&
    (input.userId === undefined || isId(input.userId))
  );
}

/** SPARK-01..06 (one code in force per video is checked against the store). */
export function generateViolations({ creator, video, periodDays }, policy) {
  const v = [];
  if (creator.accountType !== 'BUSINESS' && creator.accountType !== 'CREATOR') v.push('SPARK-01');
  if (creator.followerCount < policy.minFollowers) v.push('SPARK-02');
  if (video.visibility !== 'PUBLIC') v.push('SPARK-03');
  if (!video.isOriginal) v.push('SPARK-03');
  if (video.ownerId !== creator.id) v.push('SPARK-03');
  if (!creator.adAuthorizationEnabled) v.push('SPARK-04');
  if (!video.adAuthorizationEnabled) v.push('SPARK-04');
  if (!creator.adTermsAccepted) v.push('SPARK-04');
  if (video.music === 'COPYRIGHTED_NOT_IN_CML') v.push('SPARK-05');
  if (!policy.authorizationPeriodsDays.includes(periodDays)) v.push('SPARK-06');
  return v;
}

/** ADV-01: the advertiser's own violations. */
export function advertiserViolations(advertiser) {
  const v = [];
  if (!advertiser.hasActivePaymentMethod) v.push('ADV-01');
  if (!advertiser.hasCreativeLibraryAccess) v.push('ADV-01');
  return v;
}

/**
 * A fresh code (node:crypto) and its record, derived as the library derives codes. `random`
 * gives n random bytes (default node:crypto's randomBytes).
 */
export function newCode(key, creator, video, periodDays, at, random = randomBytes) {
  const nonce = random(32);
  const t1 = createHmac('sha256', key).update(LABEL).update(nonce).update(ONE).digest();
  const t2 = createHmac('sha256', key).update(LABEL).update(nonce).update(TWO).digest();
  const bytes = Buffer.allocUnsafe(47);
  t1.copy(bytes, 0);
  t2.copy(bytes, 32, 0, 11);
  checksum(bytes.subarray(0, 43)).copy(bytes, 43);
  const code = `#${bytes.toString('base64')}`;
  const preview = { creatorId: creator.id, creatorName: creator.displayName, videoId: video.id };
  if (video.title !== undefined) preview.title = video.title;
  if (video.thumbnailUrl !== undefined) preview.thumbnailUrl = video.thumbnailUrl;
  const record = {
    id: `code_${random(12).toString('hex')}`,
    digest: createHash('sha256').update(bytes).digest('hex'),
    nonce: nonce.toString('hex'),
    fingerprint: `${code.slice(0, 5)}…${code.slice(-4)}`,
    creatorId: creator.id,
    videoId: video.id,
    periodDays,
    generatedAt: at,
    expiresAt: new Date(at.getTime() + periodDays * DAY_MS),
    preview,
  };
  return { code, record };
}

/** The digest of a pasted code of ours, or undefined (not ours, or mistyped). */
export function pastedDigest(pasted) {
  const bytes = codeBytes(pasted);
  return bytes === undefined ? undefined : createHash('sha256').update(bytes).digest('hex');
}

/**
 * The reference service. `policy` is the library's DEFAULT_POLICY (read for its numbers only).
 * Answers are plain objects: `{ ok: true, value }` or `{ ok: false, error }`.
 */
export function referenceSpark({ clock, secret, policy }) {
  const key = Buffer.from(secret);
  const byDigest = new Map();
  const latestByVideo = new Map();
  const library = new Map(); // `${adAccountId} ${codeId}` -> entry
  const confirmedBy = new Map(); // codeId -> first ad account (single use)
  const failed = new Map(); // adAccountId -> instants (ms) of failed searches in the window
  const singleUse = policy.confirmMode === 'single-use';

  function generateCode(input) {
    if (!validGenerateInput(input)) return { ok: false, error: { code: 'validation' } };
    const { creator, video, periodDays } = input;
    const at = clock.now();
    const v = generateViolations(input, policy);
    const current = latestByVideo.get(video.id);
    if (current !== undefined && inForce(current, at.getTime())) v.push('SPARK-09');
    if (v.length > 0) return { ok: false, error: { code: 'denied', violations: v } };
    const { code, record } = newCode(key, creator, video, periodDays, at);
    byDigest.set(record.digest, record);
    latestByVideo.set(video.id, record);
    const { digest: _d, nonce: _n, ...summary } = record;
    return { ok: true, value: { code, summary: { ...summary, status: 'NOT_USED', inForce: true } } };
  }

  /** The code in force for a search or confirm, or the refusal. */
  function find(input, withUser) {
    if (!validFindInput(input, withUser)) return { ok: false, error: { code: 'validation' } };
    const { advertiser, code } = input;
    const at = clock.now();
    const t = at.getTime();
    let fails = failed.get(advertiser.adAccountId);
    if (fails !== undefined) {
      fails = fails.filter((f) => f > t - policy.failedSearchWindowMs);
      failed.set(advertiser.adAccountId, fails);
      if (fails.length >= policy.maxFailedSearches) return { ok: false, error: { code: 'spark.search_throttled' } };
    }
    const digest = pastedDigest(code);
    const record = digest === undefined ? undefined : byDigest.get(digest);
    const v = advertiserViolations(advertiser);
    if (record === undefined) {
      v.push('ADV-03');
      if (fails === undefined) failed.set(advertiser.adAccountId, (fails = []));
      fails.push(t);
    } else if (!inForce(record, t)) {
      v.push('ADV-03');
    } else if (singleUse && confirmedBy.has(record.id) && confirmedBy.get(record.id) !== advertiser.adAccountId) {
      v.push('ADV-02');
    }
    if (v.length > 0) return { ok: false, error: { code: 'denied', violations: v } };
    return { ok: true, record, at, advertiser };
  }

  function searchCode(input) {
    const f = find(input, false);
    if (!f.ok) return f;
    const r = f.record;
    const value = { preview: r.preview, codeId: r.id, status: status(r, f.at.getTime()), expiresAt: r.expiresAt };
    return { ok: true, value };
  }

  function confirmCode(input) {
    const f = find(input, true);
    if (!f.ok) return f;
    const { record, at, advertiser } = f;
    const k = `${advertiser.adAccountId} ${record.id}`;
    const existing = library.get(k);
    if (existing !== undefined) return { ok: true, value: { entry: existing, added: false } };
    const entry = {
      adAccountId: advertiser.adAccountId,
      codeId: record.id,
      videoId: record.videoId,
      creatorId: record.creatorId,
      confirmedAt: at,
      confirmedBy:
        input.userId === undefined
          ? { kind: 'advertiser', id: advertiser.adAccountId }
          : { kind: 'user', id: input.userId },
      preview: record.preview,
    };
    library.set(k, entry);
    if (!confirmedBy.has(record.id)) confirmedBy.set(record.id, advertiser.adAccountId);
    if (record.firstConfirmedAt === undefined) record.firstConfirmedAt = at;
    return { ok: true, value: { entry, added: true } };
  }

  /** Adds records made by `newCode` (a bulk fill). */
  function load(records) {
    for (const r of records) {
      byDigest.set(r.digest, r);
      latestByVideo.set(r.videoId, r);
    }
  }

  return { generateCode, searchCode, confirmCode, load, size: () => byDigest.size };
}
