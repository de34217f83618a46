import { defineConfig } from 'vitest/config';

// Runs the examples against the *built* package (dist/), the way a consumer imports it.
// The time limit only stops a hang: an example may create a PGlite database on disk (tens of
// seconds on a loaded machine) and start child processes.
export default defineConfig({
  test: {
    include: ['test/examples/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    reporters: ['default', './test/progress-reporter.ts'],
  },
});
