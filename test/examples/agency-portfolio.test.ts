import { expect, test } from 'vitest';
import { runExample } from './run-example.js';

test('AG-01 AG-02 API-01 POR-01 BAT-01 agency portfolio: register, forecast the quarter, batch the renewals', () => {
  const out = runExample('agency-portfolio');
  expect(out.lines).toEqual([
    `2026-10-01 registered Dana's code in agency-us: "Autumn lookbook, part 2", REGISTERED IN_USE until 2026-10-31`,
    `2026-10-01 registered Ivo's code in agency-us: "Trail shoes, 100 km later", REGISTERED IN_USE until 2026-11-20`,
    `2026-10-01 registered Rosa's code in agency-us: "Winter coat haul", REGISTERED IN_USE until 2026-12-20`,
    `2026-10-01 registered Kai's code in agency-eu: "Gift guide", REGISTERED IN_USE until 2027-02-01`,
    `2026-10-01 Lou's code not registered: 4025 auth_code_expired, "Authorization expired."`,
    '  what to do: Contact the creator to extend the authorization. ' +
      '(library: spark.code_expired, ads.authorization_expired, extension.authorization_expired)',
    '2026-10-01 5 ads running',
    'Ending within 90 days, page 1:',
    '  2026-10-31 Dana (REGISTERED) in agency-us: 2 ad(s) at risk: Dana — autumn flight; Dana — lookbook always on',
    '  2026-11-20 Ivo (REGISTERED) in agency-us: 1 ad(s) at risk: Ivo — trail flight',
    'Ending within 90 days, page 2:',
    '  2026-12-20 Rosa (REGISTERED) in agency-us: 0 ad(s) at risk',
    '  forecast: "Dana — autumn flight" stops 2026-10-31 (30 scheduled day(s) lost)',
    '  forecast: "Dana — lookbook always on" stops 2026-10-31 (open-ended)',
    '  forecast: "Ivo — trail flight" stops 2026-11-20 (25 scheduled day(s) lost)',
    '2026-10-20 Dana extended on TikTok: ends 2026-12-31, 2 ad(s) moved with it',
    '2026-10-20 the older answer again: registry.stale_answer',
    '2026-10-20 Ivo issued a renewal code until 2026-12-19',
    '2026-10-20 Rosa issued a renewal code until 2026-12-19',
    '2026-10-20 batch: renewals-oct-1 applied, renewals-oct-2 refused, renewals-oct-3 already_applied',
    '  renewals-oct-2 refused: spark.code_mistyped (Business API: 4013 auth_code_format_error)',
    '2026-10-20 batch retried: replayed, refused, replayed',
    '2026-10-20 "Ivo — renewed flight" is RUNNING on the renewal',
    '2026-11-20 sweep: 1 code ended, 1 ad stopped ("Ivo — trail flight" STOPPED, authorization_expired); ' +
      "Dana's ads: RUNNING, RUNNING",
  ]);
  expect(out).toMatchObject({
    // Soonest first, two per page; Kai's code (ends 2027-02-01) is outside the 90 days.
    forecastPages: [['Dana', 'Ivo'], ['Rosa']],
    louViolationCodes: ['spark.code_expired', 'ads.authorization_expired', 'extension.authorization_expired'],
    danaEnd: '2026-12-31T00:00:00.000Z',
    batch: ['applied', 'refused', 'already_applied'],
    // Nothing applied twice: the applied items answer with their recorded outcome.
    retried: [
      { result: 'applied', replayed: true },
      { result: 'refused', replayed: false },
      { result: 'already_applied', replayed: true },
    ],
    finalIvoStatus: 'STOPPED',
  });
});
