// Bundle size of the Spark codes service and rules as a consumer imports them: esbuild, minified,
// ESM, platform browser, tree-shaking on, dependencies included, resolved through the package's
// own `exports` to the BUILT ESM dist (run `npm run build` first), gzipped with node:zlib
// gzipSync level 9. Goal (foundation issue): at most 15 kB. Not a ratio: a size is a size.
//
// The goal line measures what an app that only issues and redeems Spark codes imports: the
// service, the rules, the code parser and `memoryStore()`. The same without a store (an app
// bringing its own `Store`) is printed for information, with each dependency's marginal cost.
import { build, version as esbuildVersion } from 'esbuild';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { goal, info } from './harness.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(join(root, 'dist/index.js'))) throw new Error('dist/index.js is missing: run `npm run build` first');

const RULES = ['createSparkCodes', 'canGenerateAdCode', 'canApplyAdCode', 'parseAdCode'];
const entryOf = (names) => `import { ${names.join(', ')} } from 'tiktok-ad-auth';\nexport { ${names.join(', ')} };\n`;
const withStore = [...RULES, 'memoryStore'];

const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;
const kB = (bytes) => `${(bytes / 1024).toFixed(2)} kB`;

async function bundle(contents, external = []) {
  const r = await build({
    external,
    stdin: { contents, resolveDir: root, loader: 'js', sourcefile: 'consumer-entry.js' },
    bundle: true,
    minify: true,
    treeShaking: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const out = r.outputFiles[0].contents;
  const meta = Object.values(r.metafile.outputs)[0];
  return { out, meta, gz: gz(out) };
}

/** Package an input path belongs to: a dependency's name, or the library itself. */
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
  const largest = perFile.sort((x, y) => y[1] - x[1]).slice(0, 10);
  for (const [f, b] of largest) console.log(`    ${String(b).padStart(7)} B  ${f}`);
  // Gzipped cost of each dependency: the bundle's gzipped size minus that of the same bundle with
  // the dependency left external. Gzip is not additive: marginal figures, not a partition.
  const deps = [...perPackage.keys()].filter((p) => p !== 'tiktok-ad-auth (dist)');
  console.log('  marginal gzipped cost (bundle - same bundle with it left external):');
  for (const d of deps) console.log(`    ${d.padEnd(24)} ${kB(gzBytes - (await bundle(contents, [d, `${d}/*`])).gz)}`);
  const lib = await bundle(
    contents,
    deps.flatMap((d) => [d, `${d}/*`]),
  );
  console.log(`    (library code alone, every dependency external: ${kB(lib.gz)})`);
}

console.log(
  `bundles made with esbuild ${esbuildVersion}: minified, platform browser, ESM, tree-shaking on, ` +
    'dependencies bundled,\nresolved through the package exports to the built ESM dist/, gzip level 9 ' +
    '(kB = 1024 bytes).',
);

const target = await bundle(entryOf(withStore));
console.log(`\n[goal] Spark codes service + rules + memoryStore: { ${withStore.join(', ')} }`);
await describe(entryOf(withStore), target);

const none = await bundle(entryOf(RULES));
const minified = `${(none.out.length / 1024).toFixed(1)} kB minified`;
info(`the same without a store: { ${RULES.join(', ')} }`, `${kB(none.gz)} gzipped (${minified})`);

goal('bundle: Spark codes service + rules + memoryStore, gzipped', target.gz / 1024, { atMost: 15, unit: ' kB' });
