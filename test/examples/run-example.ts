import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/**
 * Runs examples/<name>.ts against the built package (dist/, resolved through package.json
 * `exports` as an app resolves it), with its types stripped by examples/support/register.mjs,
 * and returns the JSON object it prints last (`--json`).
 */
export function runExample(name: string): Record<string, unknown> {
  const args = ['--import', './examples/support/register.mjs', join('examples', `${name}.ts`), '--json'];
  const out = execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  const lines = out.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as Record<string, unknown>;
}
