import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from 'vitest';

const root = join(__dirname, '..', '..');

test('CommonJS consumers can require the package and its testing entry', () => {
  const script = `
    const lib = require('tiktok-ad-auth');
    const testing = require('tiktok-ad-auth/testing');
    const d = lib.canGenerateAdCode({ creator: { id: 'c', displayName: 'C', accountType: 'PERSONAL', followerCount: 1, adAuthorizationEnabled: true, adTermsAccepted: true },
      video: { id: 'v', ownerId: 'c', visibility: 'PUBLIC', isOriginal: true, adAuthorizationEnabled: true, music: 'NONE' }, periodDays: 7 }, lib.DEFAULT_POLICY);
    console.log(JSON.stringify({ rules: d.violations.map((v) => v.rule), checks: testing.storeConformanceChecks(async () => ({ store: lib.memoryStore() })).length > 0, ok: typeof lib.Ok }));
  `;
  const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' }));
  expect(out).toEqual({ rules: ['SPARK-01', 'SPARK-02'], checks: true, ok: 'function' });
});
