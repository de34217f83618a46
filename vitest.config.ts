import { availableParallelism } from 'node:os';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

// One `vitest run` runs the whole suite as four projects in parallel worker processes:
// - `once` (in America/New_York): what no time zone can change, run once: the PostgreSQL store
//   (instants cross to PostgreSQL as epoch milliseconds and back), the static checks (lint,
//   API surface, rule coverage: they read source files) and the type tests (compile time);
// - `UTC`, `America/New_York` and `Asia/Kolkata`: every other file, once per zone, the zone set
//   in TZ (design §10: the suite passes in these three zones). Before each file, the setup file
//   test/time-zone.ts checks that Date and Intl use the project's zone.
// PostgreSQL server tests need DATABASE_URL; without it they are skipped and the progress
// reporter (test/progress-reporter.ts) says how many in one line at the end.
const ZONES = ['UTC', 'America/New_York', 'Asia/Kolkata'] as const;
const ONCE = [
  'src/adapters/postgres/**/*.test.ts',
  'src/**/*.types.test.ts',
  'test/lint.test.ts',
  'test/surface.test.ts',
  'test/rule-coverage.test.ts',
  'test/package.test.ts',
];
const ALL = ['src/**/*.test.ts', 'test/**/*.test.ts'];
const NEVER = ['test/examples/**', '**/node_modules/**'];

/** Files that take longest, longest first: started first, the rest of the suite runs beside them. */
const LONG = [
  /postgres-store\.conformance\.pglite-workflows\.test\.ts$/,
  /postgres-store\.conformance\.pglite-tables\.test\.ts$/,
  /postgres-store\.test\.ts$/,
  /postgres-store\.conformance\.server-/,
];

/** vitest's order (failed, then longest, first), except that the long files above start first. */
class LongFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const i = LONG.findIndex((pattern) => pattern.test(spec.moduleId));
      return i === -1 ? LONG.length : i;
    };
    return sorted
      .map((spec, i) => ({ spec, i }))
      .sort((a, b) => rank(a.spec) - rank(b.spec) || a.i - b.i)
      .map(({ spec }) => spec);
  }
}

export default defineConfig({
  test: {
    // Two workers even on two cores: the PostgreSQL files wait on the server much of the time.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Limits that only stop a hang; checks never depend on how long anything took.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    sequence: { sequencer: LongFirst },
    reporters: ['default', './test/progress-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'once',
          include: ONCE,
          exclude: NEVER,
          env: { TZ: 'America/New_York' },
          typecheck: { enabled: true, include: ['src/**/*.types.test.ts'], tsconfig: './tsconfig.test.json' },
        },
      },
      ...ZONES.map((zone) => ({
        extends: true as const,
        test: {
          name: zone,
          include: ALL,
          exclude: [...NEVER, ...ONCE],
          env: { TZ: zone },
          provide: { timeZone: zone },
          setupFiles: ['./test/time-zone.ts'],
          // One worker process runs many files (no fresh process per file): imports are paid once.
          isolate: false,
        },
      })),
    ],
  },
});
