import { build } from 'esbuild';
import { webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { describe, expect, test } from 'vitest';

// Issue 14, API-01: the Business API's schemas live in their own entry point,
// `tiktok-ad-auth/business-api`. An app that does not import it bundles none of them; an app
// that does gets a bundle that runs in a browser (no Node globals). Built package (dist/) only.
const root = join(__dirname, '..', '..');

/** The dist/ files that put bytes into a minified browser bundle of `contents`. */
async function bundled(contents: string): Promise<string[]> {
  const out = await build({
    stdin: { contents, resolveDir: root, loader: 'js' },
    absWorkingDir: root,
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    metafile: true,
    outfile: 'app.js',
    logLevel: 'silent',
  });
  return Object.entries(Object.values(out.metafile.outputs)[0]!.inputs)
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([path]) => path);
}

describe('API-01 the Business API entry point adds nothing to an app that does not import it', () => {
  test('API-01 a bundle of everything `tiktok-ad-auth` exports holds nothing of dist/business-api/', async () => {
    const used = await bundled("export * from './dist/index.js';");
    expect(used.some((p) => p.startsWith('dist/spark-codes/'))).toBe(true); // the bundle was made
    expect(used.filter((p) => p.startsWith('dist/business-api/'))).toEqual([]);
  });

  test('API-01 the model and schemas entries hold no Business API schema or parser', async () => {
    for (const entry of ['model', 'schemas']) {
      const used = await bundled(`export * from './dist/${entry}.js';`);
      expect(
        used.filter((p) => /^dist\/business-api\/(schemas|parsers|time)\.js$/.test(p)),
        entry,
      ).toEqual([]);
    }
  });

  test('API-01 the entry bundles for the browser and parses a documented tt_video/info answer', async () => {
    const fixture = JSON.parse(
      readFileSync(join(root, 'test', 'fixtures', 'business-api', 'tt-video-info.response.json'), 'utf8'),
    ) as { body: unknown };
    const out = await build({
      stdin: {
        contents: `
          import { parseAuthCodeInfo } from './dist/business-api/index.js';
          const r = parseAuthCodeInfo(${JSON.stringify(fixture.body)}, { checkedAt: new Date('2026-10-02T09:00:00Z') });
          globalThis.result = r.isOk() ? { end: r.value.authEndAt.toISOString(), status: r.value.status } : r.error;
        `,
        resolveDir: root,
        loader: 'js',
      },
      absWorkingDir: root,
      bundle: true,
      platform: 'browser',
      format: 'iife',
      write: false,
      logLevel: 'silent',
    });
    // What a browser offers (the code parser's module reads TextEncoder when it loads).
    const context = createContext({ crypto: webcrypto, TextEncoder, TextDecoder });
    runInContext(out.outputFiles[0]!.text, context);
    expect((context as { result: unknown }).result).toEqual({ end: '2026-10-31T00:00:00.000Z', status: 'IN_USE' });
  });
});
