import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

// Issue 12, packaging: what makes `npm pack` and an app's install right, read from the files that
// decide it. `npm run check:package` checks the packed tarball itself (exports present, no
// sources in the source maps, attw).
const root = join(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
  files: string[];
};

describe('the package as npm publishes it', () => {
  test('`npm pack` builds first (prepack), so a clean checkout packs a dist', () => {
    expect(pkg.scripts.prepack).toMatch(/\bnpm run build\b/);
    expect(pkg.files).toContain('dist');
  });

  test('zod and ts-results-es take caret ranges, so an app keeps one copy of each', () => {
    for (const name of ['zod', 'ts-results-es']) expect(pkg.dependencies[name], name).toMatch(/^\^\d/);
  });

  test('the peers (PostgreSQL drivers, fast-check for ./testing) are optional', () => {
    expect(Object.keys(pkg.peerDependencies).sort()).toEqual(['@electric-sql/pglite', 'fast-check', 'pg']);
    for (const name of Object.keys(pkg.peerDependencies))
      expect(pkg.peerDependenciesMeta[name]?.optional, name).toBe(true);
  });

  test('the source maps point at the sources without embedding them', () => {
    expect(readFileSync(join(root, 'tsup.config.ts'), 'utf8')).toMatch(/sourcesContent = false/);
  });
});

// --- business-api (issue 14) ---
describe('API-01 the entry point `tiktok-ad-auth/business-api`', () => {
  test('API-01 is exported for import and require, each with its types, and built by tsup', () => {
    const exports = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).exports as Record<
      string,
      { import: { types: string; default: string }; require: { types: string; default: string } }
    >;
    expect(exports['./business-api']).toEqual({
      import: { types: './dist/business-api.d.ts', default: './dist/business-api/index.js' },
      require: { types: './dist/business-api.d.cts', default: './dist/business-api.cjs' },
    });
    expect(readFileSync(join(root, 'tsup.config.ts'), 'utf8')).toContain("'business-api': 'src/business-api/index.ts'");
  });
});
