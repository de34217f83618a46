// @ts-check
// `npm run demo`, or `node examples/support/run.mjs <example> [--json]`: builds the package when
// dist/ is missing or older than the sources (quietly: one line on stderr), then runs
// examples/<example>.ts against it.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const name = process.argv[2] ?? 'spark-codes-lifecycle';
const example = join(root, 'examples', `${name}.ts`);
if (!existsSync(example)) {
  const names = readdirSync(join(root, 'examples'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.slice(0, -3));
  console.error(`No example ${name}. Examples: ${names.join(', ')}`);
  process.exit(1);
}

/** The newest modification time of a file or of any file under a folder. */
function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((entry) => newest(join(path, entry))));
}

const built = join(root, 'dist', 'index.js');
const sources = ['src', 'package.json', 'tsup.config.ts'].map((p) => newest(join(root, p)));
if (!existsSync(built) || statSync(built).mtimeMs < Math.max(...sources)) {
  console.error('Building the package into dist/ (about 40 s the first time)…');
  execFileSync('npm', ['run', 'build', '--silent', '--', '--silent'], { cwd: root, stdio: 'inherit' });
}

await import('./register.mjs');
await import(pathToFileURL(example).href);
