import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/examples/**'],
    typecheck: { enabled: true, include: ['src/**/*.types.test.ts'], tsconfig: './tsconfig.test.json' },
    testTimeout: 60_000,
  },
});
