import { expect, test } from 'vitest';
import { runExample } from './run-example.js';

test('SPARK-10 revocation pauses every running ad in the same step; block-while-in-use refuses instead', () => {
  const out = runExample('revocation-pauses-ads');
  expect(out).toMatchObject({
    paused: 4,
    pausedReasons: ['authorization_revoked'],
    resumeRefusal: ['ads.authorization_revoked'],
    blockedBy: 4,
    blockedCode: 'spark.code_in_use_by_ads',
    revokedAfterStopping: true,
  });
  expect(out.eventTypes).toEqual(['spark.code_revoked', 'ads.paused', 'ads.paused', 'ads.paused', 'ads.paused']);
});
