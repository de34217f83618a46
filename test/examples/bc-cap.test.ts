import { expect, test } from 'vitest';
import { runExample } from './run-example.js';

test('BC-01 the 801st link is refused, unlinking frees a place, and 100 concurrent approvals on 790 end at 800', () => {
  const r = runExample('bc-cap');
  expect(r).toMatchObject({
    linked: 800,
    refusedRule: 'BC-01',
    refusedCode: 'bc.business_center_cap_reached',
    retryAfterUnlink: true,
    afterUnlink: 800,
  });
  expect(r.concurrent).toEqual({ attempts: 100, succeeded: 10, total: 800, refusedForCap: 90 });
});
