import { execFileSync } from 'node:child_process';
import { expect, test } from 'vitest';

const run = (name: string) => JSON.parse(execFileSync(process.execPath, [`examples/${name}.mjs`, '--json'], { encoding: 'utf8' }).trim().split('\n').at(-1)!);

test('ADV-06 agency forecast: flags the ads that outrun their authorization, before launch', () => {
  const out = run('agency-forecast');
  expect(out.flagged.map((f: { name: string }) => f.name)).toEqual(['Maya — two-week flight', 'Maya — launch weekend', 'Theo — always on']);
  expect(out.flagged[0]).toMatchObject({ runsPast: true, lostDays: 7, stopsAt: '2026-05-08T09:00:00.000Z' });
  expect(out.flagged[1]).toMatchObject({ runsPast: false });
  expect(out.flagged[2]).toMatchObject({ runsPast: true, lostDays: null });
  expect(out).toMatchObject({ statusAtExpiry: 'STOPPED', reasonAtExpiry: 'authorization_expired', derived: true, sweptCodes: 1, stoppedAds: 2 });
});
