import { expect, test } from 'vitest';
import { runExample } from './run-example.js';

test('REQ-01 REQ-03 REQ-04 REM-01 EXT-01 agency quarter: request, accept, run, remind, extend, expire', () => {
  const out = runExample('agency-quarter');
  expect(out.lines).toEqual([
    '2026-04-01 request sent: PENDING, answer by 2026-04-08',
    '2026-04-02 Maya accepted: authorized until 2026-05-02 (origin REQUEST)',
    '2026-04-02 ad "Q2 serum" is RUNNING',
    '2026-04-25 reminder to creator maya: ends in 7 days',
    '2026-04-25 reminder to advertiser agency-q2: ends in 7 days',
    '2026-04-25 extended to 2026-06-01; the ad is still RUNNING',
    '2026-06-01 authorization ended: ad STOPPED (authorization_expired), 1 stopped',
    'ledger: REQUEST EXPIRED, 30 days + 1 extension(s), ends 2026-06-01, 1 ad account(s), ads created 1, stopped 1',
  ]);
  expect(out).toMatchObject({
    requestStatus: 'PENDING',
    origin: 'REQUEST',
    firstEnd: '2026-05-02T09:00:00.000Z',
    newEnd: '2026-06-01T09:00:00.000Z',
    afterExtension: 'RUNNING',
    finalStatus: 'STOPPED',
    finalReason: 'authorization_expired',
    ledger: [
      {
        origin: 'REQUEST',
        status: 'EXPIRED',
        extensions: 1,
        adAccounts: 1,
        ads: { created: 1, running: 0, paused: 0, stopped: 1 },
      },
    ],
  });
});
