import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { RULES, ruleInfo } from '../index.js';

// docs/rules.md is the rules catalogue of the spec, shipped with the repository.
const doc = readFileSync(new URL('../../docs/rules.md', import.meta.url), 'utf8');
const ID = /^\| ((?:SPARK|ADV|TOP|ASSET|BC|X|EXT|REQ|REM|LIFE|AG|API|BAT|POR)-\d\d) \|/gm;
const idsInDoc = [...doc.matchAll(ID)].map((m) => m[1]);

describe('the rule registry', () => {
  test('lists exactly the rules of rules.md, in order', () => {
    expect(RULES.map((r) => r.id)).toEqual(idsInDoc);
  });
  test('violation codes are namespaced and unique to one rule, except ADV-03 reusing SPARK-10/11 outcomes', () => {
    const owners = new Map<string, string[]>();
    for (const r of RULES) for (const c of r.codes) owners.set(c, [...(owners.get(c) ?? []), r.id]);
    for (const [code, ids] of owners) {
      expect(code).toMatch(/^([a-z_]+\.[a-z_]+|validation|storage)$/);
      const sparkRule = code === 'spark.code_revoked' ? 'SPARK-10' : 'SPARK-11';
      if (ids.length > 1) expect(ids.sort()).toEqual(['ADV-03', sparkRule]);
    }
  });
  test('ruleInfo finds a rule and throws for an unknown id', () => {
    expect(ruleInfo('SPARK-06').sources).toEqual(['001', '003']);
    expect(() => ruleInfo('NOPE-01' as never)).toThrow(TypeError);
  });
});
