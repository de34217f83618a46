import { execFileSync } from 'node:child_process';
import { expect, test } from 'vitest';

const run = (name: string) => JSON.parse(execFileSync(process.execPath, [`examples/${name}.mjs`, '--json'], { encoding: 'utf8' }).trim().split('\n').at(-1)!);

test('SPARK-10 revocation pauses every running ad in the same step; block-while-in-use refuses instead', () => {
  const out = run('revocation-pauses-ads');
  expect(out).toMatchObject({
    paused: 4, pausedReasons: ['authorization_revoked'], resumeRefusal: ['ads.authorization_revoked'],
    blockedBy: 4, blockedCode: 'spark.code_in_use_by_ads', revokedAfterStopping: true,
  });
  expect(out.eventTypes).toEqual(['spark.code_revoked', 'ads.paused', 'ads.paused', 'ads.paused', 'ads.paused']);
});
