// Bundle size of the Spark codes service and rules as a consumer imports them: esbuild, minified,
// ESM, platform browser, tree-shaking on, dependencies included, resolved through the package's own
// `exports` to the BUILT ESM dist (run `npm run build` first). Target (foundation issue): at most
// 15 kB gzipped (node:zlib gzipSync level 9). Also prints what dominates the bundle, per package.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { target } from './harness.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(join(root, 'dist/index.js'))) throw new Error('dist/index.js is missing: run `npm run build` first');

const ENTRY = "import { createSparkCodes, memoryStore, canGenerateAdCode, canApplyAdCode, parseAdCode } from 'tiktok-ad-auth';\n"
  + 'export { createSparkCodes, memoryStore, canGenerateAdCode, canApplyAdCode, parseAdCode };\n';

const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;

async function bundle(contents, external = []) {
  const r = await build({
    external,
    stdin: { contents, resolveDir: root, loader: 'js', sourcefile: 'consumer-entry.js' },
    bundle: true, minify: true, treeShaking: true, format: 'esm', platform: 'browser', target: 'es2022',
    write: false, metafile: true, logLevel: 'silent',
  });
  const out = r.outputFiles[0].contents;
  const meta = Object.values(r.metafile.outputs)[0];
  return { out, meta };
}

/** Package an input path belongs to: `zod`, `ts-results-es`, or the library itself. */
function packageOf(path) {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (m) return m[1];
  if (path.startsWith('dist/')) return 'tiktok-ad-auth (dist)';
  return path;
}

const { out, meta } = await bundle(ENTRY);
const rawBytes = out.length;
const gzBytes = gz(out);

const perPackage = new Map();
const perFile = [];
for (const [path, { bytesInOutput }] of Object.entries(meta.inputs)) {
  const p = packageOf(path);
  perPackage.set(p, (perPackage.get(p) ?? 0) + bytesInOutput);
  perFile.push([path, bytesInOutput]);
}
const totalIn = [...perPackage.values()].reduce((a, b) => a + b, 0);

console.log(`bundle of { createSparkCodes, memoryStore, canGenerateAdCode, canApplyAdCode, parseAdCode } (esbuild ${(await import('esbuild')).version}, minified, browser, ESM)`);
console.log(`  minified: ${(rawBytes / 1024).toFixed(1)} kB, gzipped (level 9): ${(gzBytes / 1024).toFixed(2)} kB`);
console.log('  minified bytes in output, per package (esbuild metafile bytesInOutput):');
for (const [p, b] of [...perPackage].sort((a, b) => b[1] - a[1])) {
  console.log(`    ${p.padEnd(24)} ${String(b).padStart(7)} B  ${((100 * b) / totalIn).toFixed(1).padStart(5)}%`);
}
console.log('  largest input files:');
for (const [f, b] of perFile.sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`    ${String(b).padStart(7)} B  ${f}`);

// Gzipped cost of each dependency: the bundle's gzipped size minus that of the same bundle with
// the dependency left external (so its code is not included). Gzip is not additive, so these
// are marginal figures, not a partition of the total.
console.log('  marginal gzipped cost per dependency (bundle - bundle with it external):');
for (const dep of [['zod', 'zod/*'], ['ts-results-es']]) {
  const r = await bundle(ENTRY, dep);
  console.log(`    ${dep[0].padEnd(24)} ${((gzBytes - gz(r.out)) / 1024).toFixed(2)} kB`);
}
{
  const r = await bundle(ENTRY, ['zod', 'zod/*', 'ts-results-es']);
  console.log(`    (library code alone, all deps external: ${(gz(r.out) / 1024).toFixed(2)} kB)`);
  const z = await bundle(ENTRY, ['ts-results-es']);
  console.log(`    (library code + zod/mini only, other deps external: ${(gz(z.out) / 1024).toFixed(2)} kB)`);
}
const localeBytes = perFile.filter(([f]) => f.includes('zod/v4/locales/')).reduce((a, [, b]) => a + b, 0);
const jsonSchemaBytes = perFile.filter(([f]) => /zod\/v4\/core\/(to-json-schema|json-schema)/.test(f)).reduce((a, [, b]) => a + b, 0);
console.log(`  of which zod locales: ${localeBytes} B, zod JSON-schema code: ${jsonSchemaBytes} B (minified)`);

// Reference points, same settings: the bare dependencies as the library imports them.
const refs = {
  "zod/mini (z.strictObject+z.string parse)": "import * as z from 'zod/mini'; export const s = z.strictObject({ a: z.string() }); export const p = (x) => z.safeParse(s, x);",
  'ts-results-es Ok/Err': "import { Ok, Err } from 'ts-results-es'; export { Ok, Err };",
};
console.log('  reference bundles (same settings, gzipped):');
for (const [label, src] of Object.entries(refs)) {
  const r = await bundle(src);
  console.log(`    ${label.padEnd(42)} ${(gz(r.out) / 1024).toFixed(2)} kB`);
}

target('Spark codes service + rules bundle, gzipped', gzBytes / 1024, { atMost: 15, unit: ' kB' });
