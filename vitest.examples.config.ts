import { defineConfig } from 'vitest/config';

// Runs the examples against the *built* package (dist/), the way a consumer imports it.
export default defineConfig({
  test: { include: ['test/examples/**/*.test.ts'], testTimeout: 60_000 },
});
