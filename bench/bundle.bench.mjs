// Bundle size of the Spark codes service and rules as a consumer imports them: esbuild, minified,
// ESM, platform browser, tree-shaking on, dependencies included (zod, ts-results-es), resolved
// through the package's own `exports` to the BUILT ESM dist (run `npm run build` first), gzipped
// with node:zlib gzipSync level 9. Target (foundation issue): at most 15 kB.
//
// The target line measures what an app that only issues and redeems Spark codes imports: the
// service, the rules, the code parser and the Spark-only memory store. Two more figures are
// printed for information: the same with the full `memoryStore()` (every context's tables, for
// apps that also run ads), and with no store at all (an app bringing its own SparkCodeStore).
import { build, version as esbuildVersion } from 'esbuild';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { target } from './harness.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(join(root, 'dist/index.js'))) throw new Error('dist/index.js is missing: run `npm run build` first');

const RULES = ['createSparkCodes', 'canGenerateAdCode', 'canApplyAdCode', 'parseAdCode'];
const entryOf = (names) => `import { ${names.join(', ')} } from 'tiktok-ad-auth';\nexport { ${names.join(', ')} };\n`;
const ENTRIES = {
  spark: { names: [...RULES, 'memorySparkCodeStore'], label: 'Spark-only store' },
  full: { names: [...RULES, 'memoryStore'], label: 'full memoryStore()' },
  none: { names: RULES, label: 'no store' },
};

const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;
const kB = (bytes) => `${(bytes / 1024).toFixed(2)} kB`;

async function bundle(contents, external = []) {
  const r = await build({
    external,
    stdin: { contents, resolveDir: root, loader: 'js', sourcefile: 'consumer-entry.js' },
    bundle: true, minify: true, treeShaking: true, format: 'esm', platform: 'browser', target: 'es2022',
    write: false, metafile: true, logLevel: 'silent',
  });
  const out = r.outputFiles[0].contents;
  const meta = Object.values(r.metafile.outputs)[0];
  return { out, meta, gz: gz(out) };
}

/** Package an input path belongs to: `zod`, `ts-results-es`, or the library itself. */
function packageOf(path) {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (m) return m[1];
  if (path.startsWith('dist/')) return 'tiktok-ad-auth (dist)';
  return path;
}

/** Prints the make-up of one bundle: per package, largest modules, marginal gzipped cost of each dependency. */
async function describe(contents, { out, meta, gz: gzBytes }) {
  const perPackage = new Map();
  const perFile = [];
  for (const [path, { bytesInOutput }] of Object.entries(meta.inputs)) {
    if (bytesInOutput === 0) continue;
    const p = packageOf(path);
    perPackage.set(p, (perPackage.get(p) ?? 0) + bytesInOutput);
    perFile.push([path, bytesInOutput]);
  }
  console.log(`  minified: ${(out.length / 1024).toFixed(1)} kB, gzipped (level 9): ${kB(gzBytes)}`);
  console.log('  minified bytes in output, per package (esbuild metafile bytesInOutput):');
  for (const [p, b] of [...perPackage].sort((a, b) => b[1] - a[1])) {
    console.log(`    ${p.padEnd(24)} ${String(b).padStart(7)} B  ${((100 * b) / out.length).toFixed(1).padStart(5)}%`);
  }
  console.log('  largest input files (minified bytes):');
  for (const [f, b] of perFile.sort((a, b) => b[1] - a[1]).slice(0, 10)) console.log(`    ${String(b).padStart(7)} B  ${f}`);
  // Gzipped cost of each dependency: the bundle's gzipped size minus that of the same bundle with
  // the dependency left external (so its code is not included). Gzip is not additive, so these
  // are marginal figures, not a partition of the total.
  console.log('  marginal gzipped cost (bundle - same bundle with it left external):');
  const zod = await bundle(contents, ['zod', 'zod/*']);
  const results = await bundle(contents, ['ts-results-es']);
  const lib = await bundle(contents, ['zod', 'zod/*', 'ts-results-es']);
  console.log(`    ${'zod (zod/mini)'.padEnd(24)} ${kB(gzBytes - zod.gz)}`);
  console.log(`    ${'ts-results-es'.padEnd(24)} ${kB(gzBytes - results.gz)}`);
  console.log(`    (library code alone, both dependencies external: ${kB(lib.gz)})`);
  return { zod: gzBytes - zod.gz, results: gzBytes - results.gz, lib: lib.gz };
}

console.log(`bundles made with esbuild ${esbuildVersion}: minified, platform browser, ESM, tree-shaking on, dependencies bundled,`);
console.log("resolved through the package exports to the built ESM dist/, gzip level 9 (kB = 1024 bytes).");
console.log("Entry of each bundle: `import { <names> } from 'tiktok-ad-auth'` re-exported, with the names listed below.");

const results = {};
for (const [key, { names }] of Object.entries(ENTRIES)) results[key] = await bundle(entryOf(names), []);

console.log(`\n[target] Spark codes service + rules + Spark-only store: { ${ENTRIES.spark.names.join(', ')} }`);
const parts = await describe(entryOf(ENTRIES.spark.names), results.spark);
console.log(`  the 15 kB target less the two dependencies' marginal costs leaves ${kB(15 * 1024 - parts.zod - parts.results)} for the library code, which is ${kB(parts.lib)}`);

console.log('\n[info] the same with the store that also holds ads, Top Ads, Business Center and delivery identities:');
console.log(`  { ${ENTRIES.full.names.join(', ')} }: ${kB(results.full.gz)} gzipped (${(results.full.out.length / 1024).toFixed(1)} kB minified)`);
console.log('[info] the same with no store (the app brings its own SparkCodeStore):');
console.log(`  { ${ENTRIES.none.names.join(', ')} }: ${kB(results.none.gz)} gzipped (${(results.none.out.length / 1024).toFixed(1)} kB minified)`);

// Reference points, same settings: the bare dependencies as the library imports them.
const refs = {
  'zod/mini (z.strictObject+z.string parse)': "import * as z from 'zod/mini'; export const s = z.strictObject({ a: z.string() }); export const p = (x) => z.safeParse(s, x);",
  'ts-results-es Ok/Err': "import { Ok, Err } from 'ts-results-es'; export { Ok, Err };",
};
console.log('[info] reference bundles (same settings, gzipped):');
for (const [label, src] of Object.entries(refs)) console.log(`    ${label.padEnd(42)} ${kB((await bundle(src)).gz)}`);

target(`Spark codes service + rules + memorySparkCodeStore bundle, gzipped`, results.spark.gz / 1024, { atMost: 15, unit: ' kB' });
