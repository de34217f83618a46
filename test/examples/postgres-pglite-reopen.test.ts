import { execFileSync } from 'node:child_process';
import { expect, test } from 'vitest';

test('postgres-pglite-reopen: everything stored before closing PGlite is there after reopening', () => {
  const out = execFileSync(process.execPath, ['examples/postgres-pglite-reopen.mjs', '--json'], { encoding: 'utf8' });
  const facts = JSON.parse(out.trim().split('\n').at(-1)!);
  expect(facts.firstApplied).toEqual([1, 2]);
  expect(facts.secondApplied).toEqual([]);
  expect(facts.status).toBe('IN_USE');
  expect(facts.libraryCodeIds).toEqual([facts.codeId]);
  expect(facts.eventTypes).toEqual(['spark.code_generated', 'spark.authorization_confirmed']);
  expect(facts.eventSeqs).toEqual([1, 2]);
  expect(facts.confirmedAgainAdded).toBe(false);
  expect(facts.confirmedAt).toBe('2026-06-01T10:00:00.000Z');
});
