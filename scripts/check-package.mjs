#!/usr/bin/env node
// The package as npm would publish it, checked from the built dist/ (run `npm run build` first,
// as `npm test` does): packs a tarball without running `prepack` again (it would build a second
// time), then
// - checks the tarball: every file package.json "exports" names is in it, and no source map
//   embeds the sources (`sourcesContent`: the maps point at the repository's sources instead);
// - runs Are The Types Wrong (attw) on that tarball, for Node 16+ resolution (ESM and CommonJS).
// Usage: node scripts/check-package.mjs   (npm run check:package runs publint first)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/**
 * Every file path named in an "exports" tree (conditions nested in objects), without `./`.
 *
 * @example
 * exportTargets({ '.': { import: './dist/index.js' } }); // ['dist/index.js']
 */
export function exportTargets(exports) {
  if (typeof exports === 'string') return [exports.replace(/^\.\//, '')];
  if (exports === null || typeof exports !== 'object') return [];
  return Object.values(exports).flatMap(exportTargets);
}

/**
 * The problems with a packed file list (paths inside the package) read from `dir`.
 *
 * @example
 * packageProblems(['package.json', 'dist/index.js'], '.'); // [] or ['…: missing', …]
 */
export function packageProblems(files, dir) {
  const packed = new Set(files);
  const problems = [];
  for (const target of exportTargets(pkg.exports)) {
    if (!packed.has(target)) problems.push(`${target}: named in package.json "exports" but not in the package`);
  }
  for (const file of files.filter((f) => f.endsWith('.map'))) {
    const map = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    if (Array.isArray(map.sourcesContent) && map.sourcesContent.some((s) => s !== null)) {
      problems.push(`${file}: the source map embeds the sources (sourcesContent)`);
    }
  }
  return problems;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = mkdtempSync(join(tmpdir(), 'tiktok-ad-auth-pack-'));
  try {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const packed = execFileSync(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', out], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [info] = JSON.parse(packed);
    const files = info.files.map((f) => f.path);
    const problems = packageProblems(files, root);
    const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
    console.log(
      `package: ${info.filename}, ${files.length} files, ${kB(info.size)} packed, ${kB(info.unpackedSize)} unpacked`,
    );
    if (problems.length > 0) {
      console.error(`package: ${problems.length} problem(s)\n${problems.join('\n')}`);
      process.exitCode = 1;
    }
    const attw = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'attw.cmd' : 'attw');
    execFileSync(attw, [join(out, info.filename), '--profile', 'node16'], { cwd: root, stdio: 'inherit' });
  } catch (error) {
    if (error.status === undefined) throw error;
    process.exitCode = error.status || 1; // attw printed what is wrong
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
