import { expect, test } from 'vitest';
import { runExample } from './run-example.js';

test('examples/spark-codes-lifecycle.ts runs against the built package and tells the documented story', () => {
  const r = runExample('spark-codes-lifecycle');
  expect(r.refusedRules).toEqual(['SPARK-01', 'SPARK-02', 'SPARK-06']);
  expect(r.codeLength).toBe(65);
  expect(r.expiresAt).toBe('2026-03-31T09:00:00.000Z');
  expect(r.previewTitle).toBe('5-minute morning stretch');
  expect(r.typoCode).toBe('spark.code_mistyped');
  expect(r.added).toBe(true);
  expect(r.statusAfterConfirm).toBe('IN_USE');
  expect(r.statusAfterRevoke).toBe('DELETED');
  expect(r.afterRevokeCode).toBe('spark.code_revoked');
  expect(r.expiringSoon).toBe(1);
  expect(r.swept).toBe(1);
  expect(r.lateApi).toEqual({ code: 4025, name: 'auth_code_expired' });
  expect(r.events).toEqual([
    'spark.code_generated',
    'spark.code_search_failed',
    'spark.authorization_confirmed',
    'spark.code_generated',
    'spark.authorization_confirmed',
    'spark.code_revoked',
    'spark.code_expired',
  ]);
  expect(r.codeInEvents).toBe(false);
});
