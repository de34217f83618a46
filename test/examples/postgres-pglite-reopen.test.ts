import { expect, test } from 'vitest';
import { runExample } from './run-example.js';

test(
  'postgres-pglite-reopen: everything stored before closing PGlite, ads and a revocation included, ' +
    'is there after reopening',
  () => {
    const facts = runExample('postgres-pglite-reopen') as Record<string, unknown> & { libraryCodeIds: string[] };
    expect(facts.firstApplied).toEqual([1]);
    expect(facts.secondApplied).toEqual([]);
    expect(facts.status).toBe('IN_USE');
    expect(facts.libraryCodeIds).toEqual([facts.codeId]);
    expect(facts.eventTypes).toEqual([
      'spark.code_generated',
      'spark.authorization_confirmed',
      'ads.created',
      'ads.submitted',
      'ads.approved',
      'ads.started',
      'spark.code_revoked',
      'ads.paused',
    ]);
    expect(facts.eventSeqs).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(facts.confirmedAgainAdded).toBe(false);
    expect(facts.confirmedAt).toBe('2026-06-01T10:00:00.000Z');
    expect(facts.adStatusAfterReopen).toBe('RUNNING');
    expect(facts.pausedAdIds).toEqual([facts.adId]);
    expect(facts.finalCodeStatus).toBe('DELETED');
    expect(facts.finalAdStatus).toBe('PAUSED');
    expect(facts.finalAdReason).toBe('authorization_revoked');
    expect(facts.finalAdChangedAt).toBe('2026-06-02T10:00:00.000Z');
    expect(facts.resumeRefused).toBe(true);
  },
);
