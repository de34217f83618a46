import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import * as lib from '../src/index.js';

// The public surface by audience (issue 12). The API reports in api/ are the real record of
// each entry point's names and signatures: `npm run check:api` fails when the built package
// differs from them. This test reads the report of `.` to count its names (types included,
// which no run-time check can see) and checks that it agrees with what src/index.ts exports at
// run time, so an export added without updating the report fails here already.

const root = join(__dirname, '..');
const MAX_ROOT_NAMES = 150;

/** The names a report exports, each with its kind (`function`, `interface`, `reexport`…). */
function exportedNames(report: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const line of report.split('\n')) {
    const kinds = 'const|let|function|class|interface|type|enum|namespace';
    const declared = new RegExp(`^export (?:declare )?(?:abstract )?(${kinds}) (\\w+)`).exec(line);
    if (declared) names.set(declared[2]!, declared[1]!);
    const reexported = /^export \{ ([\w, ]+) \}/.exec(line);
    if (reexported) for (const name of reexported[1]!.split(/,\s*/)) names.set(name, 'reexport');
  }
  return names;
}

const readReport = (name: string) => readFileSync(join(root, 'api', `${name}.api.md`), 'utf8');
const rootNames = exportedNames(readReport('tiktok-ad-auth'));

describe('the surface of `tiktok-ad-auth` (issue 12: at most 150 names)', () => {
  test(`\`.\` exports at most ${MAX_ROOT_NAMES} names, types included`, () => {
    expect(rootNames.size).toBeGreaterThan(100); // the report was read and parsed
    expect(rootNames.size).toBeLessThanOrEqual(MAX_ROOT_NAMES);
  });

  test('the values src/index.ts exports at run time are the values of the report', () => {
    const runtime = Object.keys(lib).sort();
    const isValue = (kind: string) => ['const', 'let', 'function', 'class', 'reexport'].includes(kind);
    expect(runtime).toEqual(
      [...rootNames]
        .filter(([, kind]) => isValue(kind))
        .map(([name]) => name)
        .sort(),
    );
  });

  test('schemas, the storage port and adapter helpers are not in `.`', () => {
    const misplaced = [...rootNames.keys()].filter(
      (name) =>
        /Schema$/.test(name) ||
        [
          'Store',
          'StoreReader',
          'Transaction',
          'TableDef',
          'IndexDef',
          'IndexRange',
          'StoreDump',
          'StatementHook',
          'NewEvent',
          'TABLES',
          'AD_TRANSITIONS',
          'PAUSED_BY_REVOCATION',
          'IN_USE_STATUSES',
          'STOPPED_BY_EXPIRY',
          'identityKey',
          'adCodeDigest',
          'qrTokenDigest',
        ].includes(name),
    );
    expect(misplaced).toEqual([]);
  });

  test('`.` keeps what an app calls: services, rules, value objects, policy, clocks and the memory store', () => {
    for (const name of [
      'createSparkCodes',
      'createAds',
      'createTopAds',
      'createBusinessCenterLinks',
      'createDeliveryIdentities',
      'canGenerateAdCode',
      'canApplyAdCode',
      'parseAdCode',
      'parseQrToken',
      'parsePermissionSet',
      'DEFAULT_POLICY',
      'definePolicy',
      'systemClock',
      'manualClock',
      'webCryptoRandom',
      'seededRandom',
      'memoryStore',
      'formatError',
      'Result',
      'ValidationError',
      'DeniedError',
      'SparkEvent',
      'DomainEvent',
    ])
      expect(rootNames.has(name), name).toBe(true);
  });
});

describe('every entry point of package.json has its API report', () => {
  type PackageJson = { name: string; exports: Record<string, unknown> };
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson;
  const entries = Object.keys(pkg.exports).filter((subpath) => subpath !== './package.json');
  test.each(entries)('%s', (subpath) => {
    const name = subpath === '.' ? pkg.name : `${pkg.name}-${subpath.slice(2).replaceAll('/', '-')}`;
    expect(existsSync(join(root, 'api', `${name}.api.md`))).toBe(true);
  });
  test('the schemas are in `tiktok-ad-auth/schemas`, the port in `tiktok-ad-auth/adapters`', () => {
    const schemas = exportedNames(readReport('tiktok-ad-auth-schemas'));
    expect([...schemas.keys()].every((name) => name.endsWith('Schema'))).toBe(true);
    expect(schemas.has('generateCodeInputSchema')).toBe(true);
    const adapters = exportedNames(readReport('tiktok-ad-auth-adapters'));
    const port = ['Store', 'Transaction', 'TableDef', 'IndexDef', 'IndexRange', 'StoreDump', 'StatementHook', 'TABLES'];
    for (const name of port) expect(adapters.has(name), name).toBe(true);
  });
});
