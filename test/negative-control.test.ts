import { describe, expect, test } from 'vitest';
import { storeConformanceChecks } from '../src/testing/index.js';
import { naiveFactory } from './naive-store.js';

// Proof that the race and skew checks can fail: a store without locks must fail every `race`
// check, and a store that drops the monotonic instant every `skew` check, while both still pass
// the sequential table contract (so they fail for the reason the check is about).
describe('negative control: naive stores fail the race and skew checks of the conformance suite', () => {
  const noLocks = storeConformanceChecks(naiveFactory('no-locks'), { numRuns: 10 });
  const callerInstant = storeConformanceChecks(naiveFactory('caller-instant'), { numRuns: 10 });
  const races = noLocks.filter((c) => /\brace\b/.test(c.name));
  const skews = callerInstant.filter((c) => /\bskew\b/.test(c.name));

  test('there are race and skew checks to run', () => {
    expect(races.length).toBeGreaterThanOrEqual(15);
    expect(skews.length).toBeGreaterThanOrEqual(1);
  });
  for (const c of races) {
    test(`a store without locks fails: ${c.name}`, async () => {
      await expect(c.run()).rejects.toThrow(/conformance: /);
    }, 120_000);
  }
  for (const c of skews) {
    test(`a store deciding at each server's own instant fails: ${c.name}`, async () => {
      await expect(c.run()).rejects.toThrow(/conformance: /);
    }, 120_000);
  }
  test('they fail for the reason: the Business Center cap is passed, not an error', async () => {
    const cap = races.find((c) => c.name.startsWith('race BC-01: 12 concurrent approvals into one Business Center'))!;
    await expect(cap.run()).rejects.toThrow(
      /approvals that succeeded[\s\S]*expected: 5\n\s+actual: {3}([6-9]|1[0-2])\b/,
    );
  }, 120_000);
  test('the naive stores still pass the sequential table contract', async () => {
    const sequential = (x: { name: string }) => x.name.startsWith('table') && !x.name.includes('code point');
    for (const c of callerInstant.filter(sequential)) await c.run();
    for (const c of noLocks.filter((x) => sequential(x) && x.name.startsWith('table:'))) await c.run();
  }, 120_000);
});
