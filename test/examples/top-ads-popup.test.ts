import { execFileSync } from 'node:child_process';
import { expect, test } from 'vitest';

const run = (name: string) => JSON.parse(execFileSync(process.execPath, [`examples/${name}.mjs`, '--json'], { encoding: 'utf8' }).trim().split('\n').at(-1)!);

test('TOP-05..09 the pop-up shows weekly until authorized; withdraw is idempotent; the gallery is watermarked', () => {
  const out = run('top-ads-popup');
  expect(out.shownOnDays).toEqual([0, 7, 14]);
  expect(out.withdrawnStatus).toMatchObject({ status: 'NOT_IN_TOP_ADS', reason: 'withdrawn' });
  expect(out.withdrawnAgain).toBe(false);
  expect(out.gallery).toEqual([{ isSummerDrop: true, watermarked: true, downloadable: false }]);
});
