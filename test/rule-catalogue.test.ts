import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ruleInfo, type RuleId } from '../src/index.js';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return walk(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') && !p.includes('/testing/') ? [p] : [];
  });
}

describe('X-01 every violation the library emits is catalogued under its rule', () => {
  // A violation literal names its rule, then its code, on one line or on two.
  const pairs = walk('src').flatMap((f) =>
    [...readFileSync(f, 'utf8').matchAll(/rule: '([A-Z]+-\d+)',\s*code: '([a-z_.]+)'/g)].map((m) => ({
      file: f,
      rule: m[1] as RuleId,
      code: m[2]!,
    })),
  );

  test('the scan finds the violations of the ads and Top Ads contexts', () => {
    expect(pairs.some((p) => p.code === 'ads.authorization_revoked')).toBe(true);
    expect(pairs.some((p) => p.code === 'top_ads.requires_tiktok_placement')).toBe(true);
  });
  test('the scan finds violations written over two lines (SPARK-12 a code already in force)', () => {
    expect(pairs.some((p) => p.rule === 'SPARK-12' && p.code === 'spark.code_already_in_force')).toBe(true);
  });
  const contexts = [
    'spark-codes',
    'ads',
    'top-ads',
    'business-center',
    'delivery-identities',
    'extensions',
    'requests',
    'registry',
    'portfolio',
    'business-api',
  ];
  test.each(contexts)('%s: each (rule, code) pair is in the rule catalogue', (ctx) => {
    for (const p of pairs.filter((x) => x.file.includes(`/${ctx}/`))) {
      expect(ruleInfo(p.rule).codes, `${p.file}: ${p.rule} ${p.code}`).toContain(p.code);
    }
  });
});
