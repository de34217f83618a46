import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DEFAULT_POLICY, definePolicy } from '../index.js';
import { DEFAULT_OPERATING_REGIONS, DEFAULT_UNSUPPORTED_OBJECTIVES } from '../model.js';
import { policySchema } from '../schemas.js';

const numRuns = Number(process.env.FC_NUM_RUNS ?? 100);

describe('Policy', () => {
  test('defaults are the rules.md defaults (SPARK-02, SPARK-06, ADV-02 decision, throttle)', () => {
    expect(DEFAULT_POLICY).toMatchObject({
      minFollowers: 10_000,
      authorizationPeriodsDays: [7, 30, 60, 365],
      confirmMode: 'multi-account',
      maxFailedSearches: 100,
      failedSearchWindowMs: 3_600_000,
    });
    expect(Object.isFrozen(DEFAULT_POLICY)).toBe(true);
    expect(Object.isFrozen(DEFAULT_POLICY.authorizationPeriodsDays)).toBe(true);
  });
  test('valid overrides are kept and the rest defaulted', () => {
    const periodsArb = fc.uniqueArray(fc.integer({ min: 1, max: 3650 }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), periodsArb, (minFollowers, periods) => {
        const p = definePolicy({ minFollowers, authorizationPeriodsDays: periods }).unwrap();
        expect(p.minFollowers).toBe(minFollowers);
        expect(p.authorizationPeriodsDays).toEqual(periods);
        expect(p.maxFailedSearches).toBe(100);
      }),
      { numRuns },
    );
  });
  test('invalid overrides are refused with the field named', () => {
    const bad: [unknown, (string | number)[]][] = [
      [{ minFollowers: -1 }, ['minFollowers']],
      [{ minFollowers: 1.5 }, ['minFollowers']],
      [{ authorizationPeriodsDays: [] }, ['authorizationPeriodsDays']],
      [{ authorizationPeriodsDays: [7, 7] }, ['authorizationPeriodsDays']],
      [{ authorizationPeriodsDays: [0] }, ['authorizationPeriodsDays', 0]],
      [{ confirmMode: 'sometimes' }, ['confirmMode']],
      [{ maxFailedSearches: 0 }, ['maxFailedSearches']],
      [{ typo: 1 }, ['typo']],
    ];
    for (const [input, path] of bad) {
      const r = definePolicy(input as never);
      expect(r.isErr() && r.error.issues.map((i) => i.path)).toContainEqual(path);
      expect(r.isErr() && r.error.issues.map((i) => i.message)).not.toContain('Invalid input');
    }
  });
  // DEFAULT_POLICY is a literal (so that importing it costs no zod code): it must be exactly
  // what the schema makes of no overrides, and satisfy every constraint of the schema.
  test("DEFAULT_POLICY equals the schema's parse of {} and passes the schema unchanged", () => {
    const parsed = definePolicy({}).unwrap();
    expect(DEFAULT_POLICY).toStrictEqual(parsed);
    expect(Object.keys(DEFAULT_POLICY)).toEqual(Object.keys(parsed));
    expect(definePolicy(DEFAULT_POLICY as never).unwrap()).toStrictEqual(DEFAULT_POLICY);
    expect(Object.keys(policySchema.def.shape).sort()).toEqual(Object.keys(DEFAULT_POLICY).sort());
  });
  test('DEFAULT_OPERATING_REGIONS is every ISO 3166-1 alpha-2 code but CN, in order', () => {
    const plain = (
      'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ ' +
      'BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CO CR CU CV CW CX CY CZ DE DJ DK DM DO ' +
      'DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT ' +
      'GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP ' +
      'KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR ' +
      'MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN ' +
      'PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX ' +
      'SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN ' +
      'VU WF WS YE YT ZA ZM ZW'
    ).split(' ');
    expect(DEFAULT_OPERATING_REGIONS).toEqual(plain);
    expect(plain).toHaveLength(248);
    expect(DEFAULT_OPERATING_REGIONS).not.toContain('CN');
  });
  test('DEFAULT_POLICY is frozen throughout and shares no array with the exported constants', () => {
    for (const v of Object.values(DEFAULT_POLICY)) if (typeof v === 'object') expect(Object.isFrozen(v)).toBe(true);
    expect(DEFAULT_POLICY.operatingRegions).not.toBe(DEFAULT_OPERATING_REGIONS);
    expect(DEFAULT_POLICY.operatingRegions).toEqual(DEFAULT_OPERATING_REGIONS);
    expect(DEFAULT_POLICY.unsupportedObjectives).toEqual(DEFAULT_UNSUPPORTED_OBJECTIVES);
    expect(Object.isFrozen(DEFAULT_OPERATING_REGIONS)).toBe(false);
  });
  test('any subset of the defaults given as overrides yields DEFAULT_POLICY', () => {
    const keys = Object.keys(DEFAULT_POLICY) as (keyof typeof DEFAULT_POLICY)[];
    fc.assert(
      fc.property(fc.subarray(keys), (subset) => {
        const overrides = Object.fromEntries(subset.map((k) => [k, DEFAULT_POLICY[k]]));
        expect(definePolicy(overrides as never).unwrap()).toStrictEqual(DEFAULT_POLICY);
      }),
      { numRuns },
    );
  });
});
