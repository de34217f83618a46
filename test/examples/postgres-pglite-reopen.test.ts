import { execFileSync } from 'node:child_process';
import { expect, test } from 'vitest';

test('postgres-pglite-reopen: everything stored before closing PGlite is there after reopening', () => {
  const out = execFileSync(process.execPath, ['examples/postgres-pglite-reopen.mjs', '--json'], { encoding: 'utf8' });
  const facts = JSON.parse(out.trim().split('\n').at(-1)!);
  expect(facts.firstApplied).toEqual([1, 2, 3]);
  expect(facts.secondApplied).toEqual([]);
  expect(facts.status).toBe('IN_USE');
  expect(facts.libraryCodeIds).toEqual([facts.codeId]);
  expect(facts.eventTypes).toEqual(['spark.code_generated', 'spark.authorization_confirmed', 'bc.link_requested', 'bc.link_approved']);
  expect(facts.eventSeqs).toEqual([1, 2, 3, 4]);
  expect(facts.confirmedAgainAdded).toBe(false);
  expect(facts.confirmedAt).toBe('2026-06-01T10:00:00.000Z');
  expect(facts.bcLinkIds).toEqual([facts.linkId]);
  expect(facts.rescanCodes).toContain('bc.link_request_already_approved');
});
