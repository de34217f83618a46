import { build } from 'esbuild';
import { webcrypto } from 'node:crypto';
import { join } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { expect, test } from 'vitest';

// The registry must run where the core runs (browsers, edge runtimes): Web Crypto only, no
// Buffer, no node: imports. Bundle it from the sources for the browser with the memory store and
// a manual clock, then register, refresh, list and unbind in a bare V8 context that has no
// process, Buffer or require (test/examples/browser-bundle.test.ts does the same for the built
// core). Sources rather than dist/: this check needs no build.
test('AG-01 the registry bundles for the browser and registers a code without Node globals', async () => {
  const src = (path: string) => JSON.stringify(join(__dirname, '..', path));
  const entry = `
    import { createRegistry } from ${src('registry/registry.service.ts')};
    import { memoryStore } from ${src('adapters/memory/memory-store.ts')};
    import { manualClock } from ${src('adapters/clock/manual-clock.ts')};
    const store = memoryStore();
    const registry = createRegistry({ store, clock: manualClock(new Date('2026-01-02T00:00:00Z')) });
    const facts = {
      status: 'NOT_USED', videoId: 'v1', creatorId: 'c1', authStartAt: new Date('2026-01-01T00:00:00Z'),
      authEndAt: new Date('2026-01-31T00:00:00Z'), checkedAt: new Date('2026-01-01T12:00:00Z'), endSource: 'API',
    };
    const code = '#s63DdePaj9HjSv2BPcSrDfTxU2X506b2oiwchQ9PIspTLgroZKtjN7PPiFnF+qA=';
    globalThis.result = (async () => {
      const r = (await registry.registerCode({ adAccountId: 'a1', code, facts })).unwrap();
      const codeId = r.summary.id;
      const end = new Date('2026-02-28T00:00:00Z');
      const newer = { ...facts, authEndAt: end, checkedAt: new Date('2026-01-02T00:00:00Z') };
      const refreshed = (await registry.refreshCode({ adAccountId: 'a1', codeId, facts: newer })).unwrap();
      const listed = (await registry.listRegistered({ adAccountId: 'a1' })).unwrap();
      const unbound = (await registry.unbindPost({ adAccountId: 'a1', codeId: r.summary.id })).isOk();
      const stored = JSON.stringify(store.dump ? await store.dump() : {});
      return {
        status: r.summary.status, digest: r.summary.digest, end: refreshed.summary.expiresAt.toISOString(),
        listed: listed.length, unbound, leaked: stored.includes(code.slice(1, 40)),
        env: [typeof process, typeof Buffer],
      };
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
  const bundled = out.outputFiles[0]!.text;
  expect(bundled).not.toMatch(/require\(["']node:/);
  const context = createContext({ crypto: webcrypto, TextEncoder, TextDecoder, structuredClone });
  runInContext(bundled, context);
  const result = await (context as { result: Promise<Record<string, unknown>> }).result;
  expect(result).toEqual({
    status: 'IN_USE',
    digest: undefined,
    end: '2026-02-28T00:00:00.000Z',
    listed: 1,
    unbound: true,
    leaked: false,
    env: ['undefined', 'undefined'],
  });
});
