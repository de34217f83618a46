import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { RULES } from '../src/index.js';

// "Every rule id in rules.md gets a test named with that id." Collects the names of tests,
// describe blocks and conformance checks (the first string argument or `name:`), and checks
// that each rule id appears in at least one of them.
const root = join(__dirname, '..');
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}
const testSources = [...files(join(root, 'src')), ...files(join(root, 'test'))].filter((f) =>
  /\.test\.ts$|\.conformance\.ts$/.test(f),
);
const names: string[] = [];
const NAME = /(?:\b(?:describe|test|it)(?:\.each\([^)]*\))?\(\s*|name:\s*|withStore\(\s*)(['"`])((?:(?!\1).)*)\1/g;
for (const f of testSources) for (const m of readFileSync(f, 'utf8').matchAll(NAME)) names.push(m[2]!);

describe('every rule of rules.md is named by a test', () => {
  test('test names were found', () => {
    expect(names.length).toBeGreaterThan(200);
  });
  test.each(RULES.map((r) => r.id))('%s has a test named with its id', (id) => {
    expect(names.some((n) => new RegExp(`\\b${id}\\b`).test(n))).toBe(true);
  });
});
