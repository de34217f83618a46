import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ARCHITECTURE_RULES, lint } from '../scripts/lint.mjs';

// The lint runs in this process (no child process, no tsc) on one fixture tree holding every
// case below side by side: each case's files have their own names, so a problem names its case.
const repository = join(__dirname, '..');

/** Files every case may import. None of them is a problem. */
const base: Record<string, string> = {
  'src/kernel/a.ts': 'export const a = 1;\n',
  'src/kernel/types.ts': 'export type Id = string;\n',
  'src/ports/p.ts': "import type { Id } from '../kernel/types.js';\nexport interface P { id: Id }\n",
  'src/ports/p-value.ts': 'export const portDefault = 1;\n',
  'src/storage/s.ts': "import { r } from '../ads/ok.rules.js';\nexport const s = r;\n",
  'src/adapters/memory/m.ts': 'export const m = 1;\n',
  'src/testing/kit.ts': "import fc from 'fast-check';\nexport const kit = fc.integer();\n",
  'src/spark-codes/x.rules.ts':
    "import * as z from 'zod/mini';\nimport { a } from '../kernel/a.js';\n" +
    "import { r } from '../ads/ok.rules.js';\nexport const x = z.string();\nexport const b = a + r;\n",
  'src/spark-codes/x.service.ts':
    "import type { P } from '../ports/p.js';\nimport { s } from '../storage/s.js';\n" +
    "import { x } from './x.rules.js';\nexport const service = (p: P) => [p, s, x];\n",
  'src/ads/ok.rules.ts':
    "import type { x } from '../spark-codes/x.rules.js';\n" + 'export const r = 2;\nexport type X = typeof x;\n',
  'src/kernel/helper.test.ts': "import { test } from 'vitest';\ntest('k', () => {});\n",
  'test/fixtures.ts': 'export const fixture = 1;\n',
  'scripts/x.mjs': 'export const script = 1;\n',
};

/** Trees that must pass: each file here must appear in no problem. */
const clean: [string, Record<string, string>][] = [
  [
    'the kernel naming a port type',
    {
      'src/kernel/uses-port-type.ts': "import type { P } from '../ports/p.js';\nexport type K = P;\n",
    },
  ],
  [
    'a cycle made only of a type-only import',
    {
      'src/top-ads/tc-a.rules.ts':
        "import { b } from './tc-b.rules.js';\nexport const a = b;\nexport type A = string;\n",
      'src/top-ads/tc-b.rules.ts': "import type { A } from './tc-a.rules.js';\nexport const b: A = 'b';\n",
    },
  ],
  [
    "a service using its context, ports, storage, the system clock and another context's rules",
    {
      'src/top-ads/ok.service.ts':
        "import { systemClock } from '../adapters/clock/c.js';\n" +
        "import { x } from '../spark-codes/x.rules.js';\n" +
        "import { s } from '../storage/s.js';\nexport const ok = [systemClock, x, s];\n",
    },
  ],
  [
    'the clock and random adapters reading time and randomness',
    {
      'src/adapters/clock/c.ts': 'export const systemClock = () => new Date();\n',
      'src/adapters/random/r.ts': 'export const r = () => crypto.getRandomValues(new Uint8Array(1));\n',
    },
  ],
  [
    'the PostgreSQL adapter using pg and Buffer',
    {
      'src/adapters/postgres/pg.ts':
        "import pg from 'pg';\n" + 'export const pool = pg.Pool;\nexport const b = Buffer.alloc(1);\n',
    },
  ],
  [
    "a test importing fast-check, vitest, test/ and another context's service",
    {
      'src/top-ads/t.test.ts':
        "import fc from 'fast-check';\nimport { test } from 'vitest';\n" +
        "import { fixture } from '../../test/fixtures.js';\nimport { service } from '../spark-codes/x.service.js';\n" +
        "test('t', () => { fc.integer(); void [fixture, service, Date.now()]; });\n",
    },
  ],
];

/** Trees that must fail: [name, files, the file the problem is reported in, what the report says]. */
const broken: [string, Record<string, string>, string, RegExp][] = [
  [
    'the kernel importing a context',
    {
      'src/kernel/k-ctx.ts': "import { b } from '../spark-codes/x.rules.js';\nexport const k = b;\n",
    },
    'src/kernel/k-ctx.ts',
    /kernel-stands-alone/,
  ],
  [
    'the kernel importing storage',
    {
      'src/kernel/k-storage.ts': "import { s } from '../storage/s.js';\nexport const k = s;\n",
    },
    'src/kernel/k-storage.ts',
    /kernel-stands-alone/,
  ],
  [
    'the kernel loading a port module',
    {
      'src/kernel/k-port.ts': "import { portDefault } from '../ports/p-value.js';\nexport const k = portDefault;\n",
    },
    'src/kernel/k-port.ts',
    /kernel-uses-port-types-only/,
  ],
  [
    'a port importing a context model',
    {
      'src/spark-codes/m.model.ts': 'export type M = 1;\n',
      'src/ports/p-model.ts': "import type { M } from '../spark-codes/m.model.js';\nexport type Q = M;\n",
    },
    'src/ports/p-model.ts',
    /ports-import-kernel-types-only/,
  ],
  [
    'a port loading kernel code',
    {
      'src/ports/p-code.ts': "import { a } from '../kernel/a.js';\nexport const q = a;\n",
    },
    'src/ports/p-code.ts',
    /ports-load-no-code/,
  ],
  [
    'rules importing a port',
    {
      'src/spark-codes/r-port.rules.ts': "import type { P } from '../ports/p.js';\nexport type Q = P;\n",
    },
    'src/spark-codes/r-port.rules.ts',
    /domain-stays-pure/,
  ],
  [
    'a model importing its own service',
    {
      'src/spark-codes/m-svc.model.ts': "import { service } from './x.service.js';\nexport const m = service;\n",
    },
    'src/spark-codes/m-svc.model.ts',
    /domain-stays-pure/,
  ],
  [
    'events importing storage',
    {
      'src/ads/e.events.ts': "import { s } from '../storage/s.js';\nexport const e = s;\n",
    },
    'src/ads/e.events.ts',
    /domain-stays-pure/,
  ],
  [
    'rules importing an adapter',
    {
      'src/top-ads/r-adapter.rules.ts': "import { m } from '../adapters/memory/m.js';\nexport const r = m;\n",
    },
    'src/top-ads/r-adapter.rules.ts',
    /domain-stays-pure/,
  ],
  [
    'schemas importing the testing kit',
    {
      'src/business-center/s.schemas.ts': "import { kit } from '../testing/kit.js';\nexport const s = kit;\n",
    },
    'src/business-center/s.schemas.ts',
    /domain-stays-pure/,
  ],
  [
    "a service importing another context's service",
    {
      'src/ads/y.service.ts': "import { service } from '../spark-codes/x.service.js';\nexport const y = service;\n",
    },
    'src/ads/y.service.ts',
    /no-service-of-another-context/,
  ],
  [
    'a cycle of run-time imports',
    {
      'src/spark-codes/cyc-a.rules.ts': "import { b } from './cyc-b.rules.js';\nexport const a = () => b;\n",
      'src/spark-codes/cyc-b.rules.ts': "import { a } from './cyc-a.rules.js';\nexport const b = () => a;\n",
    },
    'src/spark-codes/cyc-a.rules.ts',
    /no-circular/,
  ],
  [
    'ads loading spark-codes code',
    {
      'src/ads/z.rules.ts': "import { b } from '../spark-codes/x.rules.js';\nexport const z = b;\n",
    },
    'src/ads/z.rules.ts',
    /ads-load-nothing-of-spark-codes/,
  ],
  [
    'a service importing the memory adapter',
    {
      'src/spark-codes/mem.service.ts': "import { m } from '../adapters/memory/m.js';\nexport const s = m;\n",
    },
    'src/spark-codes/mem.service.ts',
    /services-use-only-default-adapters/,
  ],
  [
    'library code importing test/',
    {
      'src/delivery-identities/f.rules.ts':
        "import { fixture } from '../../test/fixtures.js';\nexport const f = fixture;\n",
    },
    'src/delivery-identities/f.rules.ts',
    /no-test-code-in-the-library/,
  ],
  [
    'library code importing a test file',
    {
      'src/kernel/k-testfile.ts': "import './helper.test.js';\nexport const k = 1;\n",
    },
    'src/kernel/k-testfile.ts',
    /no-test-code-in-the-library/,
  ],
  [
    'library code importing vitest',
    {
      'src/kernel/k-vitest.ts': "import { expect } from 'vitest';\nexport const k = expect;\n",
    },
    'src/kernel/k-vitest.ts',
    /no-test-code-in-the-library/,
  ],
  [
    'fast-check outside the testing kit',
    {
      'src/ads/fc.rules.ts': "import fc from 'fast-check';\nexport const f = fc.integer();\n",
    },
    'src/ads/fc.rules.ts',
    /fast-check-only-in-testing/,
  ],
  [
    'a node: import in the library',
    {
      'src/kernel/k-node.ts': "import { randomBytes } from 'node:crypto';\nexport const r = randomBytes;\n",
    },
    'src/kernel/k-node.ts',
    /no-node-builtins/,
  ],
  [
    'full zod in the library',
    {
      'src/kernel/k-zod.ts': "import { z } from 'zod';\nexport const s = z.string();\n",
    },
    'src/kernel/k-zod.ts',
    /only-declared-packages/,
  ],
  [
    'pg outside the PostgreSQL adapter',
    {
      'src/business-center/pg.service.ts': "import pg from 'pg';\nexport const p = pg;\n",
    },
    'src/business-center/pg.service.ts',
    /only-declared-packages/,
  ],
  [
    'vitest in the PostgreSQL adapter',
    {
      'src/adapters/postgres/v.ts': "import { vi } from 'vitest';\nexport const v = vi;\n",
    },
    'src/adapters/postgres/v.ts',
    /postgres-adapter-packages/,
  ],
  [
    'pg in the testing kit',
    {
      'src/testing/pg.ts': "import pg from 'pg';\nexport const p = pg;\n",
    },
    'src/testing/pg.ts',
    /testing-kit-packages/,
  ],
  [
    'library code importing a script',
    {
      'src/kernel/k-script.ts': "import { script } from '../../scripts/x.mjs';\nexport const k = script;\n",
    },
    'src/kernel/k-script.ts',
    /stay-inside-src/,
  ],
  [
    'an import of a missing file',
    {
      'src/kernel/k-missing.ts': "import { gone } from './missing.js';\nexport const k = gone;\n",
    },
    'src/kernel/k-missing.ts',
    /no-unresolvable/,
  ],
  [
    'X-04 new Date() in the rules',
    {
      'src/spark-codes/t-new-date.rules.ts': 'export const now = () => new Date();\n',
    },
    'src/spark-codes/t-new-date.rules.ts',
    /new Date\(\)/,
  ],
  [
    'X-04 Date.now() in a service',
    {
      'src/spark-codes/t-date-now.service.ts': 'export const now = () => Date.now();\n',
    },
    'src/spark-codes/t-date-now.service.ts',
    /Date\.now/,
  ],
  [
    'X-04 Math.random() in an adapter',
    {
      'src/adapters/memory/t-random.ts': 'export const r = () => Math.random();\n',
    },
    'src/adapters/memory/t-random.ts',
    /Math\.random/,
  ],
  [
    'Buffer in the kernel',
    {
      'src/kernel/t-buffer.ts': "export const b = Buffer.from('x');\n",
    },
    'src/kernel/t-buffer.ts',
    /Buffer/,
  ],
  [
    'export * in index.ts',
    {
      'src/index.ts': "export * from './kernel/a.js';\n",
    },
    'src/index.ts',
    /export \*/,
  ],
  [
    'a focused test',
    {
      'src/kernel/t-only.test.ts': "import { test } from 'vitest';\ntest.only('x', () => {});\n",
    },
    'src/kernel/t-only.test.ts',
    /test\.only/,
  ],
  [
    'a line over 120 characters',
    {
      'src/kernel/t-long.ts': `export const long = '${'x'.repeat(120)}';\n`,
    },
    'src/kernel/t-long.ts',
    /:1: a line of 143 characters \(at most 120\)/,
  ],
  [
    'a skipped describe',
    {
      'src/kernel/t-skip.test.ts': "import { describe } from 'vitest';\ndescribe.skip('x', () => {});\n",
    },
    'src/kernel/t-skip.test.ts',
    /describe\.skip/,
  ],
];

let root: string;
let problems: string[];
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'lint-'));
  const files: Record<string, string> = Object.assign({}, base, ...[...clean, ...broken].map(([, f]) => f));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  // Packages resolve from the repository's node_modules, as they would in the repository.
  symlinkSync(join(repository, 'node_modules'), join(root, 'node_modules'), 'dir');
  ({ problems } = await lint(root));
});
afterAll(() => {
  if (root !== undefined) rmSync(root, { recursive: true, force: true });
});

/** The problems reported in `file` (as importer or as the file a source check read). */
const reportedIn = (file: string) => problems.filter((p) => p.startsWith(`${file}:`) || p.startsWith(`${file} → `));

describe('the architecture lint catches what it claims to, and nothing else', () => {
  test.each(broken)('%s is reported', (_name, _files, file, pattern) => {
    expect(
      reportedIn(file).some((p) => pattern.test(p)),
      `${file}: ${pattern}\n${problems.join('\n')}`,
    ).toBe(true);
  });
  test.each(clean)('%s passes', (_name, files) => {
    for (const file of Object.keys(files)) expect(reportedIn(file)).toEqual([]);
  });
  test('the files every case imports pass', () => {
    for (const file of Object.keys(base)) expect(reportedIn(file)).toEqual([]);
  });
  test('every import rule of .dependency-cruiser.mjs has a case that breaks it', () => {
    for (const rule of ARCHITECTURE_RULES.keys()) {
      expect(
        broken.some(([, , , pattern]) => pattern.source === rule),
        rule,
      ).toBe(true);
    }
  });
});

describe("the library's own tree", () => {
  test('passes the lint (design §2 layering, X-04 time and randomness from the ports)', async () => {
    const own = await lint(repository);
    expect(own.problems).toEqual([]);
    expect(own.files).toBeGreaterThan(50);
  });
});
