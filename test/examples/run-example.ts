import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** Runs an example against the built package and returns the JSON object it prints last. */
export function runExample(name: string): Record<string, unknown> {
  const out = execFileSync(process.execPath, [join('examples', name), '--json'], { cwd: join(__dirname, '..', '..'), encoding: 'utf8' });
  const lines = out.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as Record<string, unknown>;
}
