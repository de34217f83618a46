// Architecture rules of the library (design.md §2, brief "Rules for the rewrite" 3), checked by
// dependency-cruiser. `npm run lint` and test/lint.test.ts run them in-process through
// scripts/lint.mjs; `npx depcruise src` reads this file too.
//
// Layers: kernel ← ports ← contexts' model and rules ← storage ← services ← adapters, testing.
// Paths are relative to the repository (or to the fixture root the lint's own test builds).

import { readFileSync } from 'node:fs';

const packageJson = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

/** The bounded contexts, one folder each under src/. */
const CONTEXTS = [
  'spark-codes',
  'top-ads',
  'delivery-identities',
  'business-center',
  'ads',
  'extensions',
  'requests',
  'registry',
  'portfolio',
  'business-api',
];
const CONTEXT = `^src/(${CONTEXTS.join('|')})/`;
const TEST = '\\.test\\.ts$';
/**
 * A context's model, rules, schemas, errors, events and value objects: everything but its services
 * and its `*.workflows.ts` (transaction steps shared by services, e.g. writing a link under the caps).
 */
const DOMAIN = { path: CONTEXT, pathNot: [TEST, '\\.service\\.ts$', '\\.workflows\\.ts$'] };
/** Library code: what ships, tests excluded (src/testing ships: it is the public conformance kit). */
const LIBRARY = { path: '^src/', pathNot: TEST };
const NPM = ['npm', 'npm-dev', 'npm-peer', 'npm-optional', 'npm-no-pkg', 'npm-unknown', 'npm-bundled'];
/** Packages every part of the library may use at run time: the dependencies of package.json, zod only as zod/mini. */
const RUNTIME_PACKAGES = `node_modules/(${Object.keys(packageJson.dependencies)
  .map((name) => (name === 'zod' ? 'zod/(v4/)?mini' : name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
  .join('|')})/`;

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'kernel-stands-alone',
      comment: 'The kernel imports nothing of the library outside kernel/, except types of the ports.',
      severity: 'error',
      from: { path: '^src/kernel/', pathNot: TEST },
      to: { path: '^(src|test)/', pathNot: '^src/(kernel|ports)/' },
    },
    {
      name: 'kernel-uses-port-types-only',
      comment: 'The kernel may name a port type (RandomSource) but never load a port module.',
      severity: 'error',
      from: { path: '^src/kernel/', pathNot: TEST },
      to: { path: '^src/ports/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'ports-import-kernel-types-only',
      comment: 'A port is an interface over kernel types: it imports kernel types and other ports, nothing else.',
      severity: 'error',
      from: { path: '^src/ports/', pathNot: TEST },
      to: { path: '^(src|test)/', pathNot: '^src/(kernel|ports)/' },
    },
    {
      name: 'ports-load-no-code',
      comment: 'A port imports kernel types only (import type), never kernel code.',
      severity: 'error',
      from: { path: '^src/ports/', pathNot: TEST },
      to: { path: '^src/kernel/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'domain-stays-pure',
      comment:
        "A context's model, rules, schemas, errors and events import no service, port, storage, adapter or " +
        'testing module: they decide from plain facts (design §2).',
      severity: 'error',
      from: DOMAIN,
      to: { path: ['\\.service\\.ts$', '^src/(ports|storage|adapters|testing)/'] },
    },
    {
      name: 'no-service-of-another-context',
      comment: "A context never imports another context's service; it may use the other's model, rules and events.",
      severity: 'error',
      from: { path: CONTEXT, pathNot: TEST },
      to: { path: `^src/(${CONTEXTS.join('|')})/[^/]+\\.service\\.ts$`, pathNot: '^src/$1/' },
    },
    {
      name: 'ads-load-nothing-of-spark-codes',
      comment: 'spark-codes uses the ads rules; ads may name spark-codes types but load none of its code (no cycle).',
      severity: 'error',
      from: { path: '^src/ads/', pathNot: TEST },
      to: { path: '^src/spark-codes/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'services-use-only-default-adapters',
      comment: 'A service reaches storage through the Store port; only the system clock and Web Crypto are built in.',
      severity: 'error',
      from: { path: ['\\.service\\.ts$', '\\.workflows\\.ts$', '^src/storage/'], pathNot: TEST },
      to: { path: '^src/adapters/', pathNot: '^src/adapters/(clock|random)/' },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles among modules loaded at run time (type-only imports do not count).',
      severity: 'error',
      from: LIBRARY,
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-test-code-in-the-library',
      comment: 'Shipped code never imports test/, a test file, vitest or (outside src/testing) fast-check.',
      severity: 'error',
      from: LIBRARY,
      to: { path: ['^test/', TEST, '(^|/)node_modules/vitest/'] },
    },
    {
      name: 'fast-check-only-in-testing',
      comment: 'fast-check is an optional peer dependency used by the public testing kit only.',
      severity: 'error',
      from: { path: '^src/', pathNot: [TEST, '^src/testing/'] },
      to: { path: '(^|/)node_modules/fast-check/' },
    },
    {
      name: 'no-node-builtins',
      comment: 'The library runs in browsers and edge runtimes: no node: modules (use Uint8Array, Web Crypto).',
      severity: 'error',
      from: LIBRARY,
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'only-declared-packages',
      comment:
        'Library code uses its dependencies only (zod as zod/mini); pg and PGlite only in the PostgreSQL adapter, ' +
        'fast-check only in src/testing.',
      severity: 'error',
      from: { path: '^src/', pathNot: [TEST, '^src/(adapters/postgres|testing)/'] },
      to: { dependencyTypes: NPM, pathNot: RUNTIME_PACKAGES },
    },
    {
      name: 'postgres-adapter-packages',
      comment: 'The PostgreSQL adapter may add pg and PGlite to the runtime packages.',
      severity: 'error',
      from: { path: '^src/adapters/postgres/', pathNot: TEST },
      to: { dependencyTypes: NPM, pathNot: [RUNTIME_PACKAGES, 'node_modules/(pg|pg-[a-z-]+|@electric-sql/pglite)/'] },
    },
    {
      name: 'testing-kit-packages',
      comment: 'The testing kit may add fast-check to the runtime packages.',
      severity: 'error',
      from: { path: '^src/testing/', pathNot: TEST },
      to: { dependencyTypes: NPM, pathNot: [RUNTIME_PACKAGES, 'node_modules/fast-check/'] },
    },
    {
      name: 'stay-inside-src',
      comment: 'Library code imports library code and packages, nothing else of the repository (scripts, bench…).',
      severity: 'error',
      from: LIBRARY,
      to: { pathNot: ['^src/', '(^|/)node_modules/'], dependencyTypesNot: ['core'], couldNotResolve: false },
    },
    {
      name: 'no-unresolvable',
      comment: 'Every import resolves to a file or an installed package.',
      severity: 'error',
      from: LIBRARY,
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // Type-only imports are seen, so the rules above can tell them apart (dependencyTypes 'type-only').
    tsPreCompilationDeps: true,
    // Sources import siblings as './x.js' (ESM as published); the file on disk is x.ts.
    enhancedResolveOptions: { extensionAlias: { '.js': ['.ts', '.js'] }, extensions: ['.ts', '.js', '.mjs', '.cjs'] },
    // Packages and test files are not read: no rule is about what they import (tests may import anything).
    doNotFollow: { path: ['node_modules', TEST] },
    exclude: { path: '^(dist|coverage|bench|examples|docs)/' },
  },
};
