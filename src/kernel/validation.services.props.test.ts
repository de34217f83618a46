// X-03 across every service method: bad input, of any shape, is refused with issues in one
// vocabulary (zod's issue codes, array paths, readable English), never a bare "Invalid input".
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { manualClock } from '../adapters/clock/manual-clock.js';
import { memoryStore } from '../adapters/memory/memory-store.js';
import { seededRandom } from '../adapters/random/seeded-random.js';
import { createAds, type Ads } from '../ads/ads.service.js';
import { createBusinessCenterLinks, type BusinessCenterLinks } from '../business-center/business-center.service.js';
import {
  createDeliveryIdentities,
  type DeliveryIdentities,
} from '../delivery-identities/delivery-identities.service.js';
import { createSparkCodes, type SparkCodes } from '../spark-codes/spark-codes.service.js';
import { createTopAds, type TopAds } from '../top-ads/top-ads.service.js';
import { createExtensions, type Extensions } from '../extensions/extensions.service.js';
import { createBrandRequests, type BrandRequests } from '../requests/requests.service.js';
import { createRegistry, type Registry } from '../registry/registry.service.js';
import { createPortfolio, type Portfolio } from '../portfolio/portfolio.service.js';
import type { ValidationIssueCode } from './errors.js';

const numRuns = Number(process.env.FC_NUM_RUNS ?? 300);
const T0 = new Date('2026-03-01T12:00:00.000Z');

/** The methods of a service (everything but its policy). */
type Methods<S> = Exclude<keyof S, 'policy'>;
/** A valid first argument for every method of a service: the compiler checks that none is missing. */
type Bases<S> = {
  readonly [K in Methods<S>]-?: S[K] extends (input: infer I, ...rest: never[]) => unknown ? I : never;
};

const creator = {
  id: 'tt-dana',
  displayName: 'Dana',
  accountType: 'CREATOR',
  followerCount: 20_000,
  adAuthorizationEnabled: true,
  adTermsAccepted: true,
} as const;
const video = {
  id: 'vid-1',
  ownerId: 'tt-dana',
  visibility: 'PUBLIC',
  isOriginal: true,
  adAuthorizationEnabled: true,
  music: 'ORIGINAL',
  title: 'Launch',
  thumbnailUrl: 'https://cdn.example/t.png',
} as const;
const advertiser = { adAccountId: 'adv-1', hasActivePaymentMethod: true, hasCreativeLibraryAccess: true };
const code = `#${'A'.repeat(58)}=`;
const campaign = {
  campaignId: 'c-1',
  objective: 'TRAFFIC',
  placements: ['TIKTOK'],
  campaignType: 'MANUAL',
} as const;
const businessCenter = { id: 'bc-1', verified: true };
const member = { userId: 'u-admin', role: 'ADMIN' } as const;
const adAccount = { id: 'adv-1', businessCenterId: 'bc-1' };
const account = { id: 'tt-1', accountType: 'CREATOR', isPrivate: false, inAnyBusinessCenter: false } as const;
const context = { businessCenter, member, adAccount, adAccountRole: 'ADMIN', objective: 'PRODUCT_SALES' } as const;
const permissions = ['EXISTING_POSTS', 'PUBLISH_NEW_VIDEOS', 'SHOW_THROUGH_ADS_ONLY'];
const token = `bcqr_${'a'.repeat(64)}`;

const spark: Bases<SparkCodes> = {
  generateCode: { creator, video, periodDays: 30 },
  showCode: { creatorId: 'tt-dana', codeId: 'code_1' },
  searchCode: { advertiser, code },
  confirmCode: { advertiser, code, userId: 'u-7' },
  revokeCode: { creatorId: 'tt-dana', codeId: 'code_1' },
  expireDue: { limit: 10 },
  codeStatus: { codeId: 'code_1', at: T0 },
  listCreatorCodes: 'tt-dana',
  listLibrary: 'adv-1',
  listExpiring: { withinMs: 86_400_000, from: T0 },
  confirmCodes: { advertiser, userId: 'u-7', items: [{ code, idempotencyKey: 'k-1' }] },
  revokeAllCodes: { creatorId: 'tt-dana' },
};
const action = { adAccountId: 'adv-1', adId: 'ad_1', userId: 'u-7' };
const ads: Bases<Ads> = {
  createAd: {
    adAccountId: 'adv-1',
    name: 'Spring',
    campaign,
    schedule: { startAt: T0, endAt: new Date(T0.getTime() + 1) },
    identity: { type: 'AUTH_CODE', codeId: 'code_1' },
    videoId: 'vid-1',
    regions: ['US'],
    industry: 'Beauty',
    assetAuthorization: true,
    userId: 'u-7',
  },
  submit: action,
  start: action,
  pause: action,
  resume: action,
  stop: action,
  review: { ...action, approved: true },
  getAd: { adAccountId: 'adv-1', adId: 'ad_1', at: T0 },
  listAds: 'adv-1',
  forecast: { adAccountId: 'adv-1', adId: 'ad_1', withinMs: 1000, at: T0 },
  deleteDraft: action,
  reportPostChange: { videoId: 'vid-1', change: 'PRIVATE', reportedBy: 'u-7' },
  reportAccountChange: { accountId: 'tt-1', change: 'BANNED', reportedBy: 'u-7' },
};
const topAds: Bases<TopAds> = {
  status: { adAccountId: 'adv-1', adId: 'ad_1', at: T0 },
  withdraw: action,
  authorize: { adAccountId: 'adv-1', adIds: ['ad_1', 'ad_2'], source: 'creative_center', userId: 'u-7' },
  popup: { accountId: 'tt4b-1', adAccountIds: ['adv-1'] },
  listTopAds: { regions: ['US'], industries: ['Beauty'], objectives: ['REACH'], at: T0 },
  prepareWithdrawal: { adAccountId: 'adv-1', adIds: ['ad_1', 'ad_2'], userId: 'u-7' },
  confirmWithdrawal: { adAccountId: 'adv-1', confirmationId: 'wdc_1', userId: 'u-7' },
};
const manage = { businessCenter, member, linkId: 'link_1' };
const bc: Bases<BusinessCenterLinks> = {
  startLinkRequest: { businessCenter, member, permissionLevel: 'DELIVER_ADS', permissions, assignTo: adAccount },
  approveLinkRequest: { token, account, userId: 'u-1' },
  rejectLinkRequest: { token, userId: 'u-1' },
  cancelLinkRequest: { businessCenter, member, requestId: 'lreq_1' },
  linkRequestStatus: { requestId: 'lreq_1', at: T0 },
  changeLinkPermissions: { ...manage, permissions },
  unlink: manage,
  assignToAdAccount: { ...manage, adAccount },
  unassignFromAdAccount: { ...manage, adAccount },
  getLink: 'link_1',
  listBusinessCenterLinks: 'bc-1',
  listAccountLinks: 'tt-1',
};
const identities: Bases<DeliveryIdentities> = {
  linkFromBusinessCenter: { context, accountIds: ['tt-1'] },
  linkByLogin: { context, account, permissions, approvedBy: 'u-1' },
  linkByQrCode: { context, permissions },
  createOrganizationAccount: {
    context,
    nickname: 'Acme',
    operatingRegion: 'US',
    username: 'acme',
    profilePhotoUrl: 'https://cdn.example/a.png',
    permissions,
  },
  signUpAccount: {
    context,
    account: { id: 'tt-new', accountType: 'BUSINESS', isPrivate: false, displayName: 'New' },
    permissions,
  },
  grantAccountAccess: { accountId: 'tt-new', grantedBy: 'u-1', userId: 'u-2', role: 'ANALYST' },
  checkIdentityAvailability: { account: { id: 'tt-1', accountType: 'CREATOR', isPrivate: false }, adAccount },
  listIdentities: { adAccount },
};
const extensions: Bases<Extensions> = {
  extendAuthorization: { creatorId: 'tt-dana', codeId: 'code_1', periodDays: 30 },
  askExtension: { adAccountId: 'adv-1', userId: 'u-7', codeId: 'code_1', periodDays: 30 },
  answerExtension: { creatorId: 'tt-dana', askId: 'ask_1', answer: { grant: 30 } },
  listAsks: { creatorId: 'tt-dana', limit: 10 },
  remindDue: { limit: 10 },
};
const facts = {
  status: 'NOT_USED',
  videoId: 'vid-9',
  creatorId: 'tt-9',
  creatorName: 'Nine',
  authStartAt: T0,
  authEndAt: new Date(T0.getTime() + 30 * 86_400_000),
  checkedAt: T0,
  endSource: 'API',
} as const;
const requests: Bases<BrandRequests> = {
  requestAuthorization: { advertiser: { adAccountId: 'adv-1' }, userId: 'u-7', creatorId: 'tt-dana', videoId: 'vid-1' },
  acceptRequest: { creatorId: 'tt-dana', requestId: 'breq_1', creator, video },
  declineRequest: { creatorId: 'tt-dana', requestId: 'breq_1', reason: 'no' },
  cancelRequest: { adAccountId: 'adv-1', userId: 'u-7', requestId: 'breq_1' },
  listRequests: { creatorId: 'tt-dana' },
  creatorLedger: { creatorId: 'tt-dana', limit: 10 },
};
const registry: Bases<Registry> = {
  registerCode: { adAccountId: 'adv-1', userId: 'u-7', code, facts },
  refreshCode: { adAccountId: 'adv-1', userId: 'u-7', codeId: 'code_1', facts },
  listRegistered: { adAccountId: 'adv-1' },
  unbindPost: { adAccountId: 'adv-1', userId: 'u-7', codeId: 'code_1' },
};
const portfolio: Bases<Portfolio> = {
  endingSoon: { scope: { adAccountIds: ['adv-1'] }, within: { from: T0, days: 30 }, limit: 10 },
};

type Call = (input: unknown) => Promise<{ isErr(): boolean; error?: unknown }>;
interface Entry {
  readonly name: string;
  readonly base: unknown;
  readonly call: (services: Services) => Call;
}
type Services = ReturnType<typeof services>;

function services() {
  const store = memoryStore();
  const clock = manualClock(T0);
  const random = seededRandom(1);
  return {
    spark: createSparkCodes({ store, clock, random, codeSecret: 'test-secret-of-at-least-thirty-two-chars!' }),
    ads: createAds({ store, clock, random }),
    topAds: createTopAds({ store, clock, random }),
    bc: createBusinessCenterLinks({ store, clock, random }),
    identities: createDeliveryIdentities({ store, clock, random }),
    extensions: createExtensions({ store, clock, random }),
    requests: createBrandRequests({ store, clock, random }),
    registry: createRegistry({ store, clock, random }),
    portfolio: createPortfolio({ store, clock, random }),
  };
}

function entries<K extends keyof Services>(service: K, bases: object): Entry[] {
  return Object.entries(bases).map(([method, base]) => ({
    name: `${service}.${method}`,
    base,
    call: (s) => (input) => (s[service] as unknown as Record<string, Call>)[method]!(input),
  }));
}
const ALL: readonly Entry[] = [
  ...entries('spark', spark),
  ...entries('ads', ads),
  ...entries('topAds', topAds),
  ...entries('bc', bc),
  ...entries('identities', identities),
  ...entries('extensions', extensions),
  ...entries('requests', requests),
  ...entries('registry', registry),
  ...entries('portfolio', portfolio),
];

type Key = string | number;
/** Every path inside a value (the value itself first), through plain objects and arrays. */
function pathsOf(value: unknown, at: Key[] = []): Key[][] {
  const here = [at];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => pathsOf(v, [...at, i]))];
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    return [...here, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...at, k]))];
  }
  return here;
}

/** Adds a field; an array's `length` is left alone (setting it to a non-length throws a RangeError). */
function add(node: Record<Key, unknown>, key: string, value: unknown): void {
  if (!(Array.isArray(node) && key === 'length')) node[key] = value;
}

type Change = readonly [pick: number, how: 'replace' | 'delete' | 'add', value: unknown, key: string];
/** The base input with one change at one of its paths: a value replaced, a field removed or one added. */
function changed(base: unknown, [pick, how, value, key]: Change): unknown {
  const copy = structuredClone(base);
  const paths = pathsOf(copy);
  const path = paths[pick % paths.length]!;
  if (path.length === 0) return how === 'replace' ? value : copy;
  type Node = Record<Key, unknown>;
  const parent = path.slice(0, -1).reduce<unknown>((v, k) => (v as Node)[k], copy) as Node;
  const last = path[path.length - 1]!;
  const target = parent[last];
  if (how === 'replace') parent[last] = value;
  else if (how === 'delete') delete parent[last];
  else if (typeof target === 'object' && target !== null) add(target as Node, key, value);
  else add(parent, key, value);
  return copy;
}

const anyValue = fc.oneof(
  fc.anything({ withDate: true, withNullPrototype: true, withSparseArray: true, maxDepth: 2 }),
  fc.string({ maxLength: 600 }),
  fc.double(),
  fc.integer(),
  fc.date(),
  fc.constantFrom('', ' ', 'PUBLIC', 'ADMIN'),
);
const change = fc.tuple(
  fc.nat(),
  fc.constantFrom('replace' as const, 'delete' as const, 'add' as const),
  anyValue,
  fc.oneof(fc.string({ minLength: 1, maxLength: 8 }), fc.constantFrom('periodDay', '__proto__', 'extra')),
);
const badInput = (base: unknown) =>
  fc.oneof(
    { weight: 1, arbitrary: anyValue },
    { weight: 4, arbitrary: fc.array(change, { minLength: 1, maxLength: 3 }).map((cs) => cs.reduce(changed, base)) },
  );

const CODES: readonly ValidationIssueCode[] = [
  'invalid_type',
  'too_big',
  'too_small',
  'invalid_format',
  'not_multiple_of',
  'unrecognized_keys',
  'invalid_union',
  'invalid_key',
  'invalid_element',
  'invalid_value',
  'custom',
];

describe('X-03 every service method words its validation issues in one vocabulary', () => {
  test('X-03 the base inputs of this test are valid (so that a change to them is what gets refused)', async () => {
    const s = services();
    for (const entry of ALL) {
      const r = await entry.call(s)(entry.base);
      const code = r.isErr() ? (r.error as { code: string }).code : 'ok';
      expect([entry.name, code]).not.toEqual([entry.name, 'validation']);
    }
  });

  test('X-03 random bad input: every issue has a zod code, an array path and an English message', async () => {
    const refused = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ALL).chain((entry) => fc.tuple(fc.constant(entry), badInput(entry.base))),
        async ([entry, input]) => {
          const r = await entry.call(services())(input);
          if (!r.isErr() || (r.error as { code: string }).code !== 'validation') return;
          refused.add(entry.name);
          type Issue = { code: string; path: unknown; message: string };
          const error = r.error as { message: string; issues: readonly Issue[] };
          expect(error.issues.length).toBeGreaterThan(0);
          expect(error.message).not.toMatch(/Invalid input/);
          for (const issue of error.issues) {
            expect(CODES).toContain(issue.code);
            expect(Array.isArray(issue.path)).toBe(true);
            for (const key of issue.path as unknown[]) expect(['string', 'number']).toContain(typeof key);
            expect(issue.message).toMatch(/\S/);
            expect(issue.message).not.toMatch(/Invalid input/);
          }
        },
      ),
      { numRuns },
    );
    // Enough runs reach most methods; a handful would prove little.
    if (numRuns >= 300) expect(refused.size).toBeGreaterThan(ALL.length / 2);
  });
});
