import { base64 } from '@scure/base';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parsePlatformCode } from '../registry/platform-code.js';
import { platformCodeFactsSchema } from '../registry/registry.schemas.js';
import { accepts, fixtures, type Fixture } from '../../test/fixtures/business-api/fixtures.js';
import {
  fromBusinessApiError,
  parseAuthCodeInfo,
  parseAcknowledgement,
  parseAuthorizedVideos,
  parseIdentities,
  SPARK_ADS_ERRORS,
  toBusinessApiError,
} from './index.js';
import { parseApiTime } from './time.js';

const numRuns = Number(process.env.FC_NUM_RUNS ?? 25);
const checkedAt = fc.date({
  min: new Date('2000-01-01T00:00:00Z'),
  max: new Date('2100-01-01T00:00:00Z'),
  noInvalidDate: true,
});
const RESPONSES = fixtures().filter((f) => f.kind === 'response');

/** The parser of a response fixture's endpoint, run on `body`. */
function parse(f: Fixture, body: unknown, at: Date) {
  if (f.endpoint.includes('tt_video/info')) return parseAuthCodeInfo(body, { checkedAt: at });
  if (f.endpoint.includes('tt_video/list')) return parseAuthorizedVideos(body, { checkedAt: at });
  if (f.endpoint.includes('identity/get')) return parseIdentities(body);
  return parseAcknowledgement(body);
}

/** Fields the parsers check, per endpoint, with values each must refuse (`undefined`: the field is removed). */
const ITEM = ['data'];
const LIST_ITEM = ['data', 'list', 0];
const IDENTITY = ['data', 'identity_list', 0];
const MUST_REFUSE: Readonly<
  Record<string, readonly { path: readonly (string | number)[]; bad: readonly unknown[] }[]>
> = {
  envelope: [
    { path: ['code'], bad: [undefined, 'zero', 0.5, null] },
    { path: ['message'], bad: [undefined, 7, null] },
  ],
  item: [
    { path: ['item_info', 'item_id'], bad: [undefined, 42, '', 'has space', null] },
    { path: ['item_info', 'auth_code'], bad: ['nope', '#abc=', 7] },
    { path: ['item_info', 'item_type'], bad: ['REEL', 3] },
    { path: ['auth_info', 'auth_start_time'], bad: [undefined, 'soon', 1790000000, '2026-13-01 00:00:00'] },
    { path: ['auth_info', 'auth_end_time'], bad: [undefined, null, '2026-10-31', '2026-10-31 00:00:00+01:00'] },
    { path: ['auth_info', 'auth_code_status'], bad: ['USED', 1] },
    { path: ['auth_info', 'invite_start_time'], bad: ['yesterday'] },
    { path: ['user_info', 'identity_id'], bad: [undefined, 7, ''] },
    { path: ['user_info', 'identity_type'], bad: [undefined, 'NOT_A_TYPE', null] },
    { path: ['user_info', 'tiktok_name'], bad: [7, {}] },
    { path: ['auth_info'], bad: [undefined, null, 'x'] },
  ],
  identity: [
    { path: ['identity_id'], bad: [undefined, 9, ''] },
    { path: ['identity_type'], bad: [undefined, 'ROBOT'] },
    { path: ['available_status'], bad: ['MAYBE', 1] },
    { path: ['can_pull_video'], bad: ['yes'] },
    { path: ['identity_authorized_bc_id'], bad: ['with space', 5] },
  ],
};

/** Sets (or, for `undefined`, deletes) the field at `path` of a copy of `body` (objects made on the way). */
function mutate(body: unknown, path: readonly (string | number)[], value: unknown): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  // Own properties only: a key such as `__proto__` or `constructor` must add a field to the copy,
  // never walk into (and write to) a prototype shared by every object of the process.
  const put = (node: object, key: string | number, v: unknown) =>
    Object.defineProperty(node, key, { value: v, enumerable: true, writable: true, configurable: true });
  let node = copy;
  for (const key of path.slice(0, -1)) {
    const next = Object.hasOwn(node, key) ? node[key] : undefined;
    if (next === null || typeof next !== 'object') put(node, key, {});
    node = node[key] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1]!;
  if (value === undefined) delete node[last];
  else put(node, last, value);
  return copy;
}

function mutations(f: Fixture): { path: readonly (string | number)[]; bad: readonly unknown[] }[] {
  const under = (prefix: readonly (string | number)[], list: (typeof MUST_REFUSE)[string]) =>
    list.map((m) => ({ path: [...prefix, ...m.path], bad: m.bad }));
  const envelope = MUST_REFUSE.envelope!;
  if (f.endpoint.includes('tt_video/info')) return [...envelope, ...under(ITEM, MUST_REFUSE.item!)];
  if (f.endpoint.includes('tt_video/list')) return [...envelope, ...under(LIST_ITEM, MUST_REFUSE.item!)];
  if (f.endpoint.includes('identity/get')) return [...envelope, ...under(IDENTITY, MUST_REFUSE.identity!)];
  return [...envelope, { path: ['data'], bad: ['x', 7, []] }];
}

describe('API-01 properties of the Business API vocabulary', () => {
  test('API-01 every Business API fixture parses, whenever it is checked', () => {
    fc.assert(
      fc.property(fc.constantFrom(...fixtures()), checkedAt, (f, at) => {
        expect(accepts(f, at), f.file).toBe(true);
      }),
      { numRuns },
    );
  });

  test('API-01 the facts of any well-formed answer are what the registry takes (platformCodeFactsSchema)', () => {
    const info = RESPONSES.find((f) => f.endpoint.includes('tt_video/info'))!;
    const text = fc.option(fc.string({ unit: 'grapheme', maxLength: 700 }), { nil: undefined });
    fc.assert(
      fc.property(
        text,
        text,
        fc.option(fc.webUrl({ size: 'large' }), { nil: undefined }),
        checkedAt,
        (t, name, url, at) => {
          let body = mutate(info.body, ['data', 'item_info', 'text'], t);
          body = mutate(body, ['data', 'user_info', 'tiktok_name'], name);
          body = mutate(body, ['data', 'video_info', 'poster_url'], url);
          const facts = parseAuthCodeInfo(body, { checkedAt: at }).unwrap();
          expect(platformCodeFactsSchema.safeParse(facts).success).toBe(true);
        },
      ),
      { numRuns },
    );
  });

  test('API-01 every error code maps and maps back: library code → API error → the same library code', () => {
    const libraryCodes = SPARK_ADS_ERRORS.flatMap((e) => e.violationCodes);
    expect(libraryCodes.length).toBeGreaterThan(5);
    fc.assert(
      fc.property(fc.constantFrom(...libraryCodes), fc.boolean(), (code, asViolation) => {
        const error = asViolation ? { code: 'denied', violations: [{ code }] } : { code };
        const api = toBusinessApiError(error);
        expect(api, code).toBeDefined();
        const back = fromBusinessApiError({ code: api?.code, message: api?.name });
        expect(back?.names).toEqual([api?.name]);
        expect(back?.violationCodes).toContain(code);
      }),
      { numRuns },
    );
    // And every row of TikTok's table is found by its name, by its code, and by both.
    for (const row of SPARK_ADS_ERRORS) {
      expect(fromBusinessApiError(row.name)?.names, row.name).toEqual([row.name]);
      expect(fromBusinessApiError({ code: row.code, message: `${row.name}: ${row.meaning}` })?.names).toEqual([
        row.name,
      ]);
      if (row.code !== undefined) expect(fromBusinessApiError(row.code)?.names).toContain(row.name);
      for (const c of row.violationCodes) expect(toBusinessApiError({ code: c })?.name, c).toBe(row.name);
    }
  });

  test('API-01 toBusinessApiError of several violations is that of the first of expired, format, not found', () => {
    const codes = SPARK_ADS_ERRORS.flatMap((e) => e.violationCodes.filter((c) => c !== 'storage'));
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...codes, 'spark.search_throttled'), { minLength: 1 }), (list) => {
        const api = toBusinessApiError({ code: 'denied', violations: list.map((code) => ({ code })) });
        const rank = (name: string | undefined) =>
          ['auth_code_expired', 'auth_code_format_error', 'auth_code_not_found'].indexOf(name ?? '');
        const ranks = list.map((code) => rank(toBusinessApiError({ code })?.name)).filter((r) => r >= 0);
        if (ranks.length === 0) expect(api).toBeUndefined();
        else expect(rank(api?.name)).toBe(Math.min(...ranks));
      }),
      { numRuns },
    );
  });

  test('API-01 a response that breaks the schema is refused with the field named', () => {
    const cases = RESPONSES.flatMap((f) => mutations(f).flatMap((m) => m.bad.map((bad) => ({ f, path: m.path, bad }))));
    expect(cases.length).toBeGreaterThan(40);
    fc.assert(
      fc.property(fc.constantFrom(...cases), checkedAt, ({ f, path, bad }, at) => {
        const r = parse(f, mutate(f.body, path, bad), at);
        expect(r?.isErr(), `${f.file} ${path.join('.')} = ${JSON.stringify(bad)}`).toBe(true);
        if (r?.isErr()) {
          expect(r.error.code).toBe('validation');
          if (r.error.code === 'validation') expect(r.error.issues.map((i) => i.path)).toContainEqual([...path]);
        }
      }),
      { numRuns: Math.max(numRuns, cases.length) },
    );
  });

  test('API-01 any value at all: the parsers answer with a Result and never throw', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...RESPONSES),
        fc.anything(),
        fc.array(fc.string(), { maxLength: 3 }),
        (f, junk, keys) => {
          const body = keys.length === 0 ? junk : mutate(f.body, ['data', ...keys], junk);
          const r = parse(f, body, new Date('2026-10-02T00:00:00Z'));
          if (r?.isErr()) expect(['validation', 'business_api.refused']).toContain(r.error.code);
        },
      ),
      { numRuns },
    );
  });

  test('API-01 an error answer (code ≠ 0) is refused, with the table row when TikTok lists the code', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...RESPONSES),
        fc.oneof(fc.constantFrom(...SPARK_ADS_ERRORS.map((e) => e.code ?? 40001)), fc.integer()).filter((c) => c !== 0),
        (f, code) => {
          const r = parse(f, { code, message: 'refused', request_id: 'r' }, new Date('2026-10-02T00:00:00Z'));
          expect(r?.isErr() && r.error.code).toBe('business_api.refused');
          const listed = SPARK_ADS_ERRORS.some((e) => e.code === code);
          if (r?.isErr() && r.error.code === 'business_api.refused') expect(r.error.info !== undefined).toBe(listed);
        },
      ),
      { numRuns },
    );
  });

  test('API-01 every API time reads back as the instant it was written from, in any host zone', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }),
        fc.boolean(),
        (d, iso) => {
          const at = new Date(Math.floor(d.getTime() / 1000) * 1000);
          const text = at.toISOString().slice(0, 19);
          expect(parseApiTime(iso ? `${text}Z` : text.replace('T', ' '))?.getTime()).toBe(at.getTime());
        },
      ),
      { numRuns },
    );
  });
});

describe('AG-01 properties of parsePlatformCode', () => {
  test('AG-01 "#" + base64 of 12 to 192 bytes parses, space around forgiven; a foreign character never', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 12, maxLength: 192 }),
        fc.constantFrom('', ' ', '\n', '\t '),
        fc.constantFrom('!', ' ', '\u200b', '-', '_', 'é'),
        fc.nat(),
        (bytes, space, foreign, at) => {
          const code = `#${base64.encode(bytes)}`;
          expect(parsePlatformCode(`${space}${code}${space}`).unwrap()).toBe(code);
          const i = 1 + (at % (code.length - 1));
          const broken = parsePlatformCode(code.slice(0, i) + foreign + code.slice(i));
          expect(broken.isErr() && broken.error.code).toBe('registry.code_malformed');
        },
      ),
      { numRuns },
    );
  });
});
