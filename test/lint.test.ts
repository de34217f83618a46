import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

const LINT = join(__dirname, '..', 'scripts', 'lint.mjs');

function lint(files: Record<string, string>): { code: number; output: string } {
  const root = mkdtempSync(join(tmpdir(), 'lint-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, 'src', path, '..'), { recursive: true });
    writeFileSync(join(root, 'src', path), text);
  }
  try {
    return { code: 0, output: execFileSync(process.execPath, [LINT, root], { encoding: 'utf8', stdio: 'pipe' }) };
  } catch (e) {
    const err = e as { status: number; stderr: string };
    return { code: err.status, output: err.stderr };
  }
}

describe('the architecture lint catches what it claims to', () => {
  test('a clean tree passes', () => {
    expect(lint({ 'kernel/a.ts': 'export const a = 1;\n', 'spark-codes/x.rules.ts': "import { a } from '../kernel/a.js';\nexport const b = a;\n" }).code).toBe(0);
  });
  test.each([
    ['X-04 new Date() in the domain', { 'spark-codes/x.rules.ts': 'export const now = () => new Date();\n' }, /new Date\(\)/],
    ['X-04 Date.now() in a service', { 'spark-codes/x.service.ts': 'export const now = () => Date.now();\n' }, /Date\.now/],
    ['Math.random() in an adapter', { 'adapters/memory/x.ts': 'export const r = () => Math.random();\n' }, /Math\.random/],
    ['layering: rules importing a port', { 'ports/p.ts': 'export interface P { x: number }\n', 'spark-codes/x.rules.ts': "import type { P } from '../ports/p.js';\nexport type Q = P;\n" }, /layering/],
    ['layering: kernel importing a context', { 'spark-codes/m.model.ts': 'export type M = 1;\n', 'kernel/k.ts': "import type { M } from '../spark-codes/m.model.js';\nexport type K = M;\n" }, /layering/],
    ['layering: a service importing the memory adapter', { 'adapters/memory/m.ts': 'export const m = 1;\n', 'spark-codes/x.service.ts': "import { m } from '../adapters/memory/m.js';\nexport const s = m;\n" }, /layering/],
    ['a node: import in the core', { 'kernel/k.ts': "import { randomBytes } from 'node:crypto';\nexport const r = randomBytes;\n" }, /node:crypto/],
    ["full zod in the core", { 'kernel/k.ts': "import { z } from 'zod';\nexport const s = z.string();\n" }, /zod/],
    ['Buffer in the core', { 'kernel/k.ts': "export const b = Buffer.from('x');\n" }, /Buffer/],
    ['export * in index.ts', { 'kernel/k.ts': 'export const k = 1;\n', 'index.ts': "export * from './kernel/k.js';\n" }, /export \*/],
    ['a focused test', { 'kernel/k.test.ts': "import { test } from 'vitest';\ntest.only('x', () => {});\n" }, /test\.only/],
  ])('%s is reported', (_name, files, pattern) => {
    const r = lint(files);
    expect(r.code).toBe(1);
    expect(r.output).toMatch(pattern);
  });
  test('the clock and random adapters may read time and randomness', () => {
    expect(lint({ 'adapters/clock/c.ts': 'export const now = () => new Date();\n', 'adapters/random/r.ts': 'export const r = () => crypto.getRandomValues(new Uint8Array(1));\n' }).code).toBe(0);
  });
});
