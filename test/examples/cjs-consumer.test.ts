import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from 'vitest';

const root = join(__dirname, '..', '..');

test('CommonJS consumers can require the package and its testing entry', () => {
  const script = `
    const lib = require('tiktok-ad-auth');
    const testing = require('tiktok-ad-auth/testing');
    const creator = {
      id: 'c', displayName: 'C', accountType: 'PERSONAL', followerCount: 1, adAuthorizationEnabled: true,
      adTermsAccepted: true,
    };
    const video = {
      id: 'v', ownerId: 'c', visibility: 'PUBLIC', isOriginal: true, adAuthorizationEnabled: true, music: 'NONE',
    };
    const d = lib.canGenerateAdCode({ creator, video, periodDays: 7 }, lib.DEFAULT_POLICY);
    const checks = testing.storeConformanceChecks(async () => ({ store: lib.memoryStore() }));
    const rules = d.violations.map((v) => v.rule);
    console.log(JSON.stringify({ rules, checks: checks.length > 0, ok: typeof lib.Ok }));
  `;
  const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' }));
  expect(out).toEqual({ rules: ['SPARK-01', 'SPARK-02'], checks: true, ok: 'function' });
});

test('CommonJS and ESM consumers load the model, schemas and adapters entries', () => {
  const script = `
    const model = require('tiktok-ad-auth/model');
    const schemas = require('tiktok-ad-auth/schemas');
    const adapters = require('tiktok-ad-auth/adapters');
    import('tiktok-ad-auth/adapters').then((esm) => console.log(JSON.stringify({
      api: model.toBusinessApiError({ code: 'spark.code_expired' }),
      schema: typeof schemas.generateCodeInputSchema.def,
      tables: adapters.TABLES.length === esm.TABLES.length && adapters.TABLES.length > 0,
    })));
  `;
  const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' }));
  expect(out).toEqual({ api: { code: 4025, name: 'auth_code_expired' }, schema: 'object', tables: true });
});
