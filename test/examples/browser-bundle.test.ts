import { build } from 'esbuild';
import { webcrypto } from 'node:crypto';
import { join } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { expect, test } from 'vitest';

// The core must run in browsers and edge runtimes: Web Crypto only, no Buffer, no node: imports.
// Bundle the built ESM entry for the browser, then run a creator → advertiser flow in a bare
// V8 context that has no process, Buffer or require — only what a browser offers.
test('the built core bundles for the browser and runs without Node globals', async () => {
  const entry = `
    import { createSparkCodes, memoryStore, manualClock } from ${JSON.stringify(join(__dirname, '..', '..', 'dist', 'index.js'))};
    const spark = createSparkCodes({ store: memoryStore(), clock: manualClock(new Date('2026-01-01T00:00:00Z')), codeSecret: 'browser-secret-that-is-long-enough-123' });
    const creator = { id: 'c1', displayName: 'C', accountType: 'CREATOR', followerCount: 20000, adAuthorizationEnabled: true, adTermsAccepted: true };
    const video = { id: 'v1', ownerId: 'c1', visibility: 'PUBLIC', isOriginal: true, adAuthorizationEnabled: true, music: 'NONE' };
    globalThis.result = (async () => {
      const g = (await spark.generateCode({ creator, video, periodDays: 7 })).unwrap();
      const s = await spark.confirmCode({ advertiser: { adAccountId: 'a1', hasActivePaymentMethod: true, hasCreativeLibraryAccess: true }, code: g.code });
      return { code: g.code, added: s.unwrap().added, env: [typeof process, typeof Buffer] };
    })();
  `;
  const out = await build({ stdin: { contents: entry, resolveDir: __dirname, loader: 'js' }, bundle: true, platform: 'browser', format: 'iife', write: false, logLevel: 'silent' });
  const code = out.outputFiles[0]!.text;
  expect(code).not.toMatch(/require\(["']node:/);
  const context = createContext({ crypto: webcrypto, TextEncoder, TextDecoder });
  runInContext(code, context);
  const result = await (context as { result: Promise<{ code: string; added: boolean; env: string[] }> }).result;
  expect(result.code).toMatch(/^#[A-Za-z0-9+/]{63}=$/);
  expect(result.added).toBe(true);
  expect([...result.env]).toEqual(['undefined', 'undefined']);
});
