import { rmSync } from 'node:fs';
import { defineConfig } from 'tsup';

// The public entries (package.json `exports`): `.`, then one entry point per audience.
const entry = {
  index: 'src/index.ts',
  model: 'src/model.ts',
  schemas: 'src/schemas.ts',
  adapters: 'src/adapters.ts',
  testing: 'src/testing/index.ts',
  postgres: 'src/adapters/postgres/index.ts',
  'business-api': 'src/business-api/index.ts', // issue 14: the Business API's vocabulary
};
// Source maps point at the sources without embedding them (the tarball stays small; the sources
// are in the repository).
const common = {
  target: 'es2022',
  platform: 'neutral',
  sourcemap: true,
  esbuildOptions(options: { sourcesContent?: boolean }) {
    options.sourcesContent = false;
  },
} as const;

// The configurations below build in parallel into dist/, so it is emptied once here.
rmSync('dist', { recursive: true, force: true });

export default defineConfig([
  // ESM, one output file per source module (dist/ mirrors src/). A consumer's bundler then sees
  // the library's module graph and, with `"sideEffects": false`, leaves out every module the
  // app does not use: importing `createSparkCodes` does not bring in the ads, Business Center
  // or Top Ads code, nor the zod schemas of their inputs. (A single bundled file would turn
  // every module's top-level schema construction into code the consumer must keep.)
  { ...common, entry: ['src/**/*.ts', '!src/**/*.test.ts'], format: ['esm'], bundle: false, dts: false },
  // CommonJS, bundled per entry (require() cannot tree-shake anyway), with the type declarations.
  // @noble/hashes and @scure/base ship ESM only: bundled into the CommonJS build so that
  // `require('tiktok-ad-auth')` works on every Node 20 (require() of ESM needs 20.19+).
  {
    ...common,
    entry,
    format: ['cjs'],
    dts: true,
    treeshake: true,
    splitting: true,
    noExternal: ['@noble/hashes', '@scure/base'],
  },
  // The ESM type declarations (`.d.ts`), bundled per entry like the CommonJS ones.
  { ...common, entry, format: ['esm'], dts: { only: true } },
]);
