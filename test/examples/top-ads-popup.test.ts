import { expect, test } from 'vitest';
import { runExample } from './run-example.js';

test('TOP-05..09 the pop-up shows weekly until authorized; withdraw is idempotent; the gallery is watermarked', () => {
  const out = runExample('top-ads-popup');
  expect(out.shownOnDays).toEqual([0, 7, 14]);
  expect(out.withdrawnStatus).toMatchObject({ status: 'NOT_IN_TOP_ADS', reason: 'withdrawn' });
  expect(out.withdrawnAgain).toBe(false);
  expect(out.gallery).toEqual([{ isSummerDrop: true, watermarked: true, downloadable: false }]);
});
