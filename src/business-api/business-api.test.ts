import { describe, expect, test } from 'vitest';
import { advertiser, setup } from '../../test/fixtures.js';
import { hasValidChecksum, parseAdCode } from '../spark-codes/ad-code.js';
import { parsePlatformCode } from '../registry/platform-code.js';
import {
  buildAuthorizeRequest,
  buildIdentityQuery,
  buildInfoQuery,
  buildListQuery,
  buildUnbindRequest,
  fromBusinessApiError,
  parseAuthCodeInfo,
  parseAuthorizedVideos,
  parseIdentities,
  SPARK_ADS_ERRORS,
  toBusinessApiError,
  ttVideoAuthorizeRequestSchema,
} from './index.js';
import { parseApiTime } from './time.js';
import { accepts, fixture, fixtures, PUBLIC_EXAMPLE } from '../../test/fixtures/business-api/fixtures.js';

const CHECKED_AT = new Date('2026-10-02T09:00:00.000Z');

describe('API-01 fixtures copied from the Business API documentation', () => {
  test('API-01 every fixture names its source and is accepted by its parser or schema', () => {
    const all = fixtures();
    expect(all.length).toBeGreaterThanOrEqual(10);
    for (const f of all) {
      expect(f.source, f.file).toMatch(/\S{10}/);
      expect(accepts(f), f.file).toBe(true);
    }
  });
});

describe('API-01 parseAuthCodeInfo: tt_video/info → the facts a registered code takes', () => {
  test('API-01 the facts of the documented post, times in UTC whatever the host zone', () => {
    const r = parseAuthCodeInfo(fixture('tt-video-info.response.json').body, { checkedAt: CHECKED_AT });
    expect(r.unwrap()).toEqual({
      status: 'IN_USE',
      videoId: '7301234567890123456',
      creatorId: '7209876543210987654',
      creatorName: 'Dana',
      title: 'Autumn lookbook, part 2',
      thumbnailUrl: 'https://example.invalid/poster.jpeg',
      authStartAt: new Date('2026-10-01T00:00:00.000Z'),
      authEndAt: new Date('2026-10-31T00:00:00.000Z'),
      checkedAt: CHECKED_AT,
      endSource: 'API',
    });
  });

  test('API-01 auth_code_status is the status when the answer has it; else ended → EXPIRED', () => {
    const body = fixture('tt-video-info.response.json').body as { data: { auth_info: Record<string, unknown> } };
    for (const status of ['NOT_USED', 'IN_USE', 'EXPIRED', 'DELETED'] as const) {
      body.data.auth_info.auth_code_status = status;
      expect(parseAuthCodeInfo(body, { checkedAt: CHECKED_AT }).unwrap().status).toBe(status);
    }
    delete body.data.auth_info.auth_code_status;
    const late = new Date('2026-10-31T00:00:00.000Z');
    expect(parseAuthCodeInfo(body, { checkedAt: late }).unwrap().status).toBe('EXPIRED');
    body.data.auth_info.ad_auth_status = 'SOMETHING_ELSE';
    expect(parseAuthCodeInfo(body, { checkedAt: CHECKED_AT }).unwrap().status).toBe('NOT_USED');
  });

  test('API-01 an error answer is business_api.refused with TikTok meaning and action', () => {
    const body = { code: 4025, message: 'auth_code_expired', request_id: 'r-1', data: {} };
    const r = parseAuthCodeInfo(body, { checkedAt: CHECKED_AT });
    expect(r.isErr() && r.error).toMatchObject({
      code: 'business_api.refused',
      apiCode: 4025,
      apiMessage: 'auth_code_expired',
      requestId: 'r-1',
      info: { names: ['auth_code_expired'], action: 'Contact the creator to extend the authorization.' },
    });
    const unknown = parseAuthCodeInfo({ code: 40001, message: 'Invalid parameters' }, { checkedAt: CHECKED_AT });
    expect(unknown.isErr() && unknown.error.code === 'business_api.refused' && unknown.error.info).toBeUndefined();
  });

  test('API-01 a body that breaks the schema is refused naming the field; an end before the start too', () => {
    const body = fixture('tt-video-info.response.json').body as { data: { auth_info: Record<string, unknown> } };
    body.data.auth_info.auth_end_time = '2026-02-30 00:00:00';
    const bad = parseAuthCodeInfo(body, { checkedAt: CHECKED_AT });
    expect(bad.isErr() && bad.error.code === 'validation' && bad.error.issues.map((i) => i.path)).toEqual([
      ['data', 'auth_info', 'auth_end_time'],
    ]);
    body.data.auth_info.auth_end_time = '2026-09-30 00:00:00';
    const backwards = parseAuthCodeInfo(body, { checkedAt: CHECKED_AT });
    expect(backwards.isErr() && backwards.error.code === 'validation' && backwards.error.message).toBe(
      'The input was refused: data.auth_info.auth_end_time must be after auth_start_time',
    );
    const noDate = parseAuthCodeInfo(fixture('tt-video-info.response.json').body, {
      checkedAt: new Date(Number.NaN),
    });
    expect(noDate.isErr() && noDate.error.code === 'validation' && noDate.error.issues[0].path).toEqual(['checkedAt']);
  });

  test('API-01 text is kept as one line of at most 512 characters; a too long poster URL is left out', () => {
    const body = fixture('tt-video-info.response.json').body as {
      data: { item_info: Record<string, unknown>; video_info: Record<string, unknown> };
    };
    body.data.item_info.text = `  line one\n\tline two ${'x'.repeat(600)}`;
    body.data.video_info.poster_url = `https://example.invalid/${'p'.repeat(600)}`;
    const facts = parseAuthCodeInfo(body, { checkedAt: CHECKED_AT }).unwrap();
    expect(facts.title?.startsWith('line one line two x')).toBe(true);
    expect(facts.title).toHaveLength(512);
    expect(facts.thumbnailUrl).toBeUndefined();
  });
});

describe('API-01 time fields: the documented "YYYY-MM-DD HH:MM:SS" in UTC, or ISO 8601 with Z', () => {
  test('API-01 reads both formats to the same instant in every zone, refuses the rest', () => {
    expect(parseApiTime('2026-10-01 07:09:07')?.toISOString()).toBe('2026-10-01T07:09:07.000Z');
    expect(parseApiTime('2026-10-01T07:09:07Z')?.toISOString()).toBe('2026-10-01T07:09:07.000Z');
    expect(parseApiTime('2026-10-01T07:09:07.5Z')?.toISOString()).toBe('2026-10-01T07:09:07.500Z');
    expect(parseApiTime('0099-01-01 00:00:00')?.toISOString()).toBe('0099-01-01T00:00:00.000Z');
    for (const bad of [
      '2026-02-29 00:00:00',
      '2026-10-01 24:00:00',
      '2026-10-01T07:09:07+02:00',
      '2026-10-01 07:09',
      '1790000000',
      '0000-01-01 00:00:00',
      ' 2026-10-01 07:09:07',
    ]) {
      expect(parseApiTime(bad), bad).toBeUndefined();
    }
  });
});

describe('API-01 parseAuthorizedVideos and parseIdentities', () => {
  test('API-01 tt_video/list: each post with its facts, code and identity type, and the page', () => {
    const r = parseAuthorizedVideos(fixture('tt-video-list.response.json').body, { checkedAt: CHECKED_AT }).unwrap();
    expect(r.page).toEqual({ page: 1, pageSize: 20, totalNumber: 1, totalPage: 1 });
    expect(r.videos).toHaveLength(1);
    expect(r.videos[0]).toMatchObject({ authCode: PUBLIC_EXAMPLE, identityType: 'AUTH_CODE' });
    expect(r.videos[0]?.facts.videoId).toBe('7301234567890123456');
  });

  test('API-01 identity/get: identity types and availability as the API gives them', () => {
    const bc = parseIdentities(fixture('identity-get.bc-auth-tt.response.json').body).unwrap();
    expect(bc.identities).toEqual([
      {
        id: '7209876543210000001',
        type: 'BC_AUTH_TT',
        displayName: 'Northwind Outfitters',
        availability: 'AVAILABLE',
        authorizedBcId: '7100000000000000001',
        canPullVideo: true,
        canPushVideo: true,
        canUseLiveAds: true,
      },
    ]);
    const tt = parseIdentities(fixture('identity-get.tt-user-pull.response.json').body).unwrap();
    expect(tt.identities[0]).toMatchObject({ type: 'TT_USER', availability: 'AVAILABLE', canPushVideo: false });
    expect(tt.identities[0]).not.toHaveProperty('authorizedBcId');
    const odd = fixture('identity-get.tt-user-pull.response.json').body as {
      data: { identity_list: Record<string, unknown>[] };
    };
    odd.data.identity_list[0]!.available_status = 'ON_HOLIDAY';
    const r = parseIdentities(odd);
    expect(r.isErr() && r.error.code === 'validation' && r.error.issues[0].path).toEqual([
      'data',
      'identity_list',
      0,
      'available_status',
    ]);
  });
});

describe('API-01 request builders', () => {
  test('API-01 authorize: a pasted code is trimmed into the body; a malformed one names the field', () => {
    expect(buildAuthorizeRequest({ advertiserId: '7012', authCode: ` ${PUBLIC_EXAMPLE}\n` }).unwrap()).toEqual({
      advertiser_id: '7012',
      auth_code: PUBLIC_EXAMPLE,
    });
    const bad = buildAuthorizeRequest({ advertiserId: '7012', authCode: 's63DdePaj9Hj' });
    expect(bad.isErr() && bad.error.issues[0].path).toEqual(['authCode']);
    expect(
      ttVideoAuthorizeRequestSchema.safeParse({ advertiser_id: '7012', auth_code: ` ${PUBLIC_EXAMPLE}` }).success,
    ).toBe(false);
  });

  test('API-01 unbind, info, list and identity queries', () => {
    expect(buildUnbindRequest({ advertiserId: '7012', itemId: '7301' }).unwrap()).toEqual({
      advertiser_id: '7012',
      item_id: '7301',
    });
    expect(buildInfoQuery({ advertiserId: '7012', authCode: PUBLIC_EXAMPLE }).unwrap()).toEqual({
      advertiser_id: '7012',
      auth_code: PUBLIC_EXAMPLE,
    });
    expect(buildListQuery({ advertiser_id: '7012', item_types: ['VIDEO'], page_size: 50 }).unwrap()).toEqual({
      advertiser_id: '7012',
      item_types: '["VIDEO"]',
      page_size: '50',
    });
    const big = buildListQuery({ advertiser_id: '7012', page_size: 51 });
    expect(big.isErr() && big.error.issues[0].path).toEqual(['page_size']);
    const bc = buildIdentityQuery({ advertiser_id: '7012', identity_type: 'BC_AUTH_TT' });
    expect(bc.isErr() && bc.error.issues[0]).toMatchObject({
      path: ['identity_authorized_bc_id'],
      message: 'is required when identity_type is BC_AUTH_TT',
    });
    expect(buildIdentityQuery({ advertiser_id: '7012', filtering: { keyword: 'north' } }).unwrap()).toEqual({
      advertiser_id: '7012',
      filtering: '{"keyword":"north"}',
    });
  });
});

describe('API-01 the Spark Ads error table and toBusinessApiError both ways', () => {
  test('API-01 a revoked code maps to auth_code_not_found ("The code has been deleted.")', () => {
    const revoked = toBusinessApiError({ code: 'denied', violations: [{ code: 'spark.code_revoked' }] });
    expect(revoked).toEqual({ name: 'auth_code_not_found' });
    expect(fromBusinessApiError('auth_code_not_found')).toMatchObject({
      meaning: 'The code has been deleted.',
      action: 'Contact the creator to generate a new code.',
    });
  });

  test('API-01 expired → 4025, format → 4013, storage → -500, first of expired/format/not found wins', () => {
    expect(toBusinessApiError({ code: 'denied', violations: [{ code: 'spark.code_expired' }] })).toEqual({
      code: 4025,
      name: 'auth_code_expired',
    });
    expect(toBusinessApiError({ code: 'denied', violations: [{ code: 'registry.code_malformed' }] })).toEqual({
      code: 4013,
      name: 'auth_code_format_error',
    });
    expect(toBusinessApiError({ code: 'storage' })).toEqual({ code: -500, name: 'call_db_fail' });
    const both = { code: 'denied', violations: [{ code: 'spark.code_not_found' }, { code: 'spark.code_expired' }] };
    expect(toBusinessApiError(both)?.name).toBe('auth_code_expired');
    expect(toBusinessApiError({ code: 'spark.search_throttled' })).toBeUndefined();
    expect(toBusinessApiError({ code: 'denied', violations: [{ code: 'spark.no_active_payment_method' }] })).toBe(
      undefined,
    );
  });

  test('API-01 fromBusinessApiError reads a code, a name, a message or a body; an ambiguous code gives both', () => {
    expect(fromBusinessApiError(4013)?.violationCodes).toEqual([
      'spark.code_malformed',
      'spark.code_mistyped',
      'registry.code_malformed',
    ]);
    expect(fromBusinessApiError('Error 4027: story_video_not_supported')?.names).toEqual(['story_video_not_supported']);
    expect(fromBusinessApiError('code 930002')?.names).toEqual(['mention_multiple_videos']);
    expect(fromBusinessApiError(4002)?.names).toEqual(['video_unavailable', 'video_deleted']);
    expect(fromBusinessApiError({ code: 4002, message: 'video_deleted' })?.names).toEqual(['video_deleted']);
    expect(fromBusinessApiError({ code: -500, message: 'call_rpc_fail' })?.action).toBe(
      'Refresh the page or try again later.',
    );
    expect(fromBusinessApiError('multi_duet_stitch_refus')?.names).toEqual(['multi_duet_stitch_refuse']);
    expect(fromBusinessApiError(40001)).toBeUndefined();
    expect(fromBusinessApiError('OK')).toBeUndefined();
    expect(SPARK_ADS_ERRORS.filter((e) => !e.documented).map((e) => e.name)).toEqual(['multi_duet_stitch_refuse']);
  });

  test("API-01 TikTok's public example code is refused as spark.code_mistyped (4013) by the code service", async () => {
    const { spark } = setup();
    const r = await spark.searchCode({ advertiser: advertiser(), code: PUBLIC_EXAMPLE });
    expect(r.isErr() && r.error.code === 'denied' && r.error.violations.map((v) => v.code)).toEqual([
      'spark.code_mistyped',
    ]);
    expect(r.isErr() && toBusinessApiError(r.error)).toEqual({ code: 4013, name: 'auth_code_format_error' });
  });
});

describe('AG-01 parsePlatformCode: a code TikTok issued, by format only', () => {
  test("AG-01 the docs' public example code parses for registration (no checksum of ours)", () => {
    expect(hasValidChecksum(parseAdCode(PUBLIC_EXAMPLE).unwrap())).toBe(false);
    expect(parsePlatformCode(`\t${PUBLIC_EXAMPLE} \n`).unwrap()).toBe(PUBLIC_EXAMPLE);
  });

  test('AG-01 what is not "#" + canonical base64 is registry.code_malformed, with the problem', () => {
    const problems = ['', 's63DdePaj9Hj', '#s63D dePaj9Hj', '#abc=', `${PUBLIC_EXAMPLE.slice(0, -2)}r=`, 42].map(
      (t) => {
        const r = parsePlatformCode(t);
        return r.isErr() ? `${r.error.code} ${r.error.problem}` : 'ok';
      },
    );
    expect(problems).toEqual([
      'registry.code_malformed empty',
      'registry.code_malformed missing_hash',
      'registry.code_malformed invalid_character',
      'registry.code_malformed wrong_length',
      'registry.code_malformed not_canonical',
      'registry.code_malformed not_a_string',
    ]);
  });
});
