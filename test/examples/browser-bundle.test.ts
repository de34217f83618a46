import { build } from 'esbuild';
import { webcrypto } from 'node:crypto';
import { join } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { expect, test } from 'vitest';

// The core must run in browsers and edge runtimes: Web Crypto only, no Buffer, no node: imports.
// Bundle the built ESM entry for the browser, then run a creator → advertiser flow in a bare
// V8 context that has no process, Buffer or require — only what a browser offers (Web Crypto,
// TextEncoder/TextDecoder, structuredClone, which the memory store copies rows with).
test('the built core bundles for the browser and runs without Node globals', async () => {
  const dist = JSON.stringify(join(__dirname, '..', '..', 'dist', 'index.js'));
  const entry = `
    import { createSparkCodes, memoryStore, manualClock } from ${dist};
    const spark = createSparkCodes({
      store: memoryStore(), clock: manualClock(new Date('2026-01-01T00:00:00Z')),
      codeSecret: 'browser-secret-that-is-long-enough-123',
    });
    const creator = {
      id: 'c1', displayName: 'C', accountType: 'CREATOR', followerCount: 20000, adAuthorizationEnabled: true,
      adTermsAccepted: true,
    };
    const video = {
      id: 'v1', ownerId: 'c1', visibility: 'PUBLIC', isOriginal: true, adAuthorizationEnabled: true, music: 'NONE',
    };
    const advertiser = { adAccountId: 'a1', hasActivePaymentMethod: true, hasCreativeLibraryAccess: true };
    globalThis.result = (async () => {
      const g = (await spark.generateCode({ creator, video, periodDays: 7 })).unwrap();
      const s = await spark.confirmCode({ advertiser, code: g.code });
      return { code: g.code, added: s.unwrap().added, env: [typeof process, typeof Buffer] };
    })();
  `;
  const out = await build({
    stdin: { contents: entry, resolveDir: __dirname, loader: 'js' },
    bundle: true,
    platform: 'browser',
    format: 'iife',
    write: false,
    logLevel: 'silent',
  });
  const code = out.outputFiles[0]!.text;
  expect(code).not.toMatch(/require\(["']node:/);
  const context = createContext({ crypto: webcrypto, TextEncoder, TextDecoder, structuredClone });
  runInContext(code, context);
  const result = await (context as { result: Promise<{ code: string; added: boolean; env: string[] }> }).result;
  expect(result.code).toMatch(/^#[A-Za-z0-9+/]{63}=$/);
  expect(result.added).toBe(true);
  expect([...result.env]).toEqual(['undefined', 'undefined']);
});

// Importing only a rule must not pull `Result` in (issue 12): the rules use no `Result`, the
// package is free of side effects, and `.` re-exports ts-results-es through a module of ours,
// so a bundler leaves ts-results-es out. The bundle holds our own rule code and nothing else
// (no ts-results-es, no zod, no hashing): about 0.6 kB gzipped (3.1 kB before).
test('a bundle of canApplyAdCode alone holds no ts-results-es, nor any other package', async () => {
  const root = join(__dirname, '..', '..');
  const out = await build({
    stdin: { contents: "export { canApplyAdCode } from './dist/index.js';", resolveDir: root, loader: 'js' },
    absWorkingDir: root,
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    metafile: true,
    outfile: 'rule.js',
    logLevel: 'silent',
  });
  const used = Object.entries(Object.values(out.metafile.outputs)[0]!.inputs)
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([path]) => path);
  expect(used.filter((path) => path.includes('node_modules/'))).toEqual([]);
  expect(used.filter((path) => path !== '<stdin>').sort()).toEqual([
    'dist/kernel/decision.js',
    'dist/spark-codes/spark-codes.rules.js',
  ]);
  expect(gzipSync(out.outputFiles[0]!.contents).length).toBeLessThan(1_500);
});
