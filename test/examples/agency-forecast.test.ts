import { expect, test } from 'vitest';
import { runExample } from './run-example.js';

interface Flagged {
  name: string;
  stopsAt: string;
  runsPast: boolean;
  lostDays: number | null;
}

test('ADV-06 agency forecast: flags the ads that outrun their authorization, before launch', () => {
  const out = runExample('agency-forecast') as { flagged: Flagged[] } & Record<string, unknown>;
  // Soonest stop first; ads that stop at the same instant come in no particular order.
  const stops = out.flagged.map((f) => f.stopsAt);
  expect(stops).toEqual([...stops].sort());
  const byName = Object.fromEntries(out.flagged.map((f) => [f.name, f]));
  expect(Object.keys(byName).sort()).toEqual(['Maya — launch weekend', 'Maya — two-week flight', 'Theo — always on']);
  expect(byName['Maya — two-week flight']).toMatchObject({
    runsPast: true,
    lostDays: 7,
    stopsAt: '2026-05-08T09:00:00.000Z',
  });
  expect(byName['Maya — launch weekend']).toMatchObject({ runsPast: false });
  expect(byName['Theo — always on']).toMatchObject({ runsPast: true, lostDays: null });
  expect(out).toMatchObject({
    statusAtExpiry: 'STOPPED',
    reasonAtExpiry: 'authorization_expired',
    derived: true,
    sweptCodes: 1,
    stoppedAds: 2,
  });
});
