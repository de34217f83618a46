// The service's plain input checks against the published zod schemas they mirror: for any input
// (valid ones, and valid ones with fields replaced, removed, added or set to edge values), both
// accept or both refuse; accepted, they give the same value; refused, they name the same fields.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type * as z from 'zod/mini';
import { arbitraries } from '../testing/arbitraries.js';
import { checkInput, type Check } from '../kernel/input.js';
import { parseInput } from '../kernel/validation.js';
import * as inputs from './spark-codes.inputs.js';
import * as schemas from './spark-codes.schemas.js';

const runs = Number(process.env.FC_NUM_RUNS ?? 400);

const edgeValues: unknown[] = [
  '', ' ', 'a b', 'x', 'x'.repeat(128), 'x'.repeat(129), 'x'.repeat(512), 'x'.repeat(513), 'x'.repeat(1024), 'x'.repeat(1025),
  '\x00', 'a\x1fb', 'a\x7f', 'é', '佐藤', '\u00a0', 'https://x.example/a.png', 'https://a b', 'http://x', 'https://', 'https://\u2028x',
  'PUBLIC', 'PRIVATE', 'CREATOR', 'PERSONAL', 'NONE', 'ORIGINAL', 'public',
  0, -0, 1, -1, 1.5, 7, 30, NaN, Infinity, -Infinity, 2 ** 53 - 1, 2 ** 53, 2 ** 60, -(2 ** 60), 3650 * 86_400_000, 3650 * 86_400_000 + 1,
  true, false, null, undefined, 1n, Symbol('s'), new Date(0), new Date(Number.NaN), [], ['x'], { length: 2000 }, { length: 0 }, () => 1,
  (a: unknown, b: unknown) => [a, b], new Map(), Object.create(null), new String('x'), new Number(5),
];
const weird = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...edgeValues) }, { weight: 1, arbitrary: fc.anything() });

type Mutation =
  | { kind: 'set'; path: number; value: unknown }
  | { kind: 'delete'; path: number }
  | { kind: 'add'; path: number; key: string; value: unknown }
  | { kind: 'proto'; path: number }
  | { kind: 'inherit' };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), path: fc.nat(), value: weird }),
  fc.record({ kind: fc.constant('delete' as const), path: fc.nat() }),
  fc.record({ kind: fc.constant('add' as const), path: fc.nat(), key: fc.constantFrom('extra', 'role', 'toString', 'constructor', 'id', 'code'), value: weird }),
  fc.record({ kind: fc.constant('proto' as const), path: fc.nat() }),
  fc.constant({ kind: 'inherit' as const }),
);

const isPlain = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;

/** Every object in `root` (itself first) with the keys that hold a field, as [object, key] places. */
function places(root: Record<string, unknown>): [Record<string, unknown>, string | undefined][] {
  const out: [Record<string, unknown>, string | undefined][] = [[root, undefined]];
  for (const k of Object.keys(root)) {
    out.push([root, k]);
    const v = root[k];
    if (isPlain(v)) for (const k2 of Object.keys(v)) out.push([v as Record<string, unknown>, k2]);
  }
  return out;
}

/** Applies mutations to a fresh deep copy of a valid input (or replaces it by a weird value). */
function mutate(valid: Record<string, unknown>, ms: readonly Mutation[]): unknown {
  let root: Record<string, unknown> = structuredClone(valid);
  for (const m of ms) {
    if (m.kind === 'inherit') {
      root = Object.create(root) as Record<string, unknown>;
      continue;
    }
    const all = places(root);
    const [obj, key] = all[m.path % all.length]!; // obj is plain: the root, or an object `places` descended into
    if (m.kind === 'set') {
      if (key === undefined) return m.value;
      obj[key] = m.value;
    } else if (m.kind === 'delete') {
      if (key !== undefined) delete obj[key];
    } else if (m.kind === 'add') {
      const target = key === undefined ? obj : obj[key];
      if (isPlain(target)) target[m.key] = m.value;
    } else {
      const target = key === undefined ? obj : obj[key];
      // An own enumerable `__proto__` key, as JSON.parse makes it.
      if (isPlain(target)) Object.defineProperty(target, '__proto__', { value: { polluted: true }, enumerable: true, writable: true, configurable: true });
    }
  }
  return root;
}

function sameAnswer<T>(check: Check<T>, schema: z.ZodMiniType, input: unknown): 'ok' | 'refused' {
  const ours = checkInput(check, input);
  const theirs = parseInput(schema, input);
  expect(ours.isOk()).toBe(theirs.isOk());
  if (ours.isOk() && theirs.isOk()) {
    expect(ours.value).toStrictEqual(theirs.value);
    return 'ok';
  }
  if (ours.isErr() && theirs.isErr()) {
    expect(new Set(ours.error.issues.map((i) => i.path))).toEqual(new Set(theirs.error.issues.map((i) => i.path)));
    expect(ours.error.message).toMatch(/^Invalid input: /);
  }
  return 'refused';
}

const advertiser = arbitraries.advertiserFacts();
const cases: [string, Check<unknown>, z.ZodMiniType, fc.Arbitrary<Record<string, unknown>>][] = [
  ['generateCode', inputs.generateCodeInput, schemas.generateCodeInputSchema, fc.tuple(
    arbitraries.creatorFacts(), arbitraries.videoFacts('someone-else'), fc.boolean(), arbitraries.periodDays(),
    fc.option(fc.constantFrom('Video', 'Ünïcode'), { nil: undefined }), fc.option(fc.constant('https://cdn.example/t.jpg'), { nil: undefined }),
  ).map(([creator, video, own, periodDays, title, thumbnailUrl]) => ({
    creator, periodDays,
    video: { ...video, ...(own ? { ownerId: creator.id } : {}), ...(title === undefined ? {} : { title }), ...(thumbnailUrl === undefined ? {} : { thumbnailUrl }) },
  }))],
  ['showCode', inputs.showCodeInput, schemas.showCodeInputSchema, fc.record({ creatorId: arbitraries.id('creator'), codeId: arbitraries.id('code') })],
  ['searchCode', inputs.searchCodeInput, schemas.searchCodeInputSchema, fc.record({ advertiser, code: fc.string({ maxLength: 70 }) })],
  ['confirmCode', inputs.confirmCodeInput, schemas.confirmCodeInputSchema, fc.record({ advertiser, code: fc.string({ maxLength: 70 }), userId: arbitraries.id('user') }, { requiredKeys: ['advertiser', 'code'] })],
  ['revokeCode', inputs.revokeCodeInput, schemas.revokeCodeInputSchema, fc.record({ creatorId: arbitraries.id('creator'), codeId: arbitraries.id('code') })],
  ['codeStatus', inputs.codeStatusInput, schemas.codeStatusInputSchema, fc.record({ codeId: arbitraries.id('code'), at: fc.date({ noInvalidDate: true }) }, { requiredKeys: ['codeId'] })],
  ['listExpiring', inputs.listExpiringInput, schemas.listExpiringInputSchema, fc.record({ withinMs: fc.integer({ min: 0, max: 3650 * 86_400_000 }), from: fc.date({ noInvalidDate: true }) }, { requiredKeys: ['withinMs'] })],
  ['creator id', inputs.creatorIdInput, schemas.creatorIdSchema, fc.record({ v: arbitraries.id('creator') })],
  ['ad account id', inputs.adAccountIdInput, schemas.adAccountIdSchema, fc.record({ v: arbitraries.id('adacc') })],
];

describe('Spark service input checks = the published zod schemas', () => {
  for (const [name, check, schema, valid] of cases) {
    const bare = name.endsWith(' id'); // a bare id argument: the "object" is a wrapper for mutating
    it(`${name}: same acceptance, same value, same fields named`, () => {
      const seen = { ok: 0, refused: 0 };
      fc.assert(fc.property(valid, fc.array(mutation, { maxLength: 3 }), (v, ms) => {
        const input = mutate(v, ms);
        const subject = bare ? (input !== null && typeof input === 'object' ? (input as { v?: unknown }).v : input) : input;
        seen[sameAnswer(check, schema, subject)]++;
      }), { numRuns: runs });
      // Both branches were exercised, so the property says something about each.
      expect(seen.ok).toBeGreaterThan(0);
      expect(seen.refused).toBeGreaterThan(0);
    });
  }

  it('names every bad field of a generate input at once, with messages that say what to do', () => {
    const r = checkInput(inputs.generateCodeInput, {
      creator: { id: 'a b', displayName: '', accountType: 'ROBOT', followerCount: -3, adAuthorizationEnabled: 'yes', adTermsAccepted: true },
      video: { id: 'v', ownerId: 'c', visibility: 'PUBLIC', isOriginal: true, adAuthorizationEnabled: true, music: 'NONE', thumbnailUrl: 'http://x', extra: 1 },
      periodDays: 1.5,
    });
    expect(r.isErr() && r.error.issues).toEqual([
      { path: 'creator.id', message: 'must be printable ASCII without spaces' },
      { path: 'creator.displayName', message: 'must not be empty' },
      { path: 'creator.accountType', message: 'must be one of PERSONAL, BUSINESS, CREATOR' },
      { path: 'creator.followerCount', message: 'must be 0 or more' },
      { path: 'creator.adAuthorizationEnabled', message: 'must be true or false' },
      { path: 'video.thumbnailUrl', message: 'must be an https URL' },
      { path: 'video.extra', message: 'is not a known field' },
      { path: 'periodDays', message: 'must be a whole number of days' },
    ]);
  });

  it('keeps a present optional key that holds undefined, and leaves an absent one absent (as zod)', () => {
    const adv = { adAccountId: 'adacc-1', hasActivePaymentMethod: true, hasCreativeLibraryAccess: true };
    const present = checkInput(inputs.confirmCodeInput, { advertiser: adv, code: '#x', userId: undefined });
    const absent = checkInput(inputs.confirmCodeInput, { advertiser: adv, code: '#x' });
    expect(present.isOk() && 'userId' in present.value).toBe(true);
    expect(absent.isOk() && 'userId' in absent.value).toBe(false);
  });
});
