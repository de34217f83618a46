// A vitest reporter added beside the default one (vitest.config.ts). When the output is not a
// terminal (piped, CI), the default reporter prints a line per test file as the file finishes,
// so a long file looks like a hang: this one prints a progress line whenever nothing was printed
// for 20 s. At the end, when DATABASE_URL is not set, it says in one line which tests a
// PostgreSQL server would add.
import { relative } from 'node:path';
import type { Reporter, TestModule, Vitest } from 'vitest/node';

/** Seconds without output before a progress line. */
const QUIET_S = 20;

/**
 * The progress and PostgreSQL-server lines of `npm test`.
 *
 * @example
 * ```ts
 * // vitest.config.ts
 * export default defineConfig({ test: { reporters: ['default', './test/progress-reporter.ts'] } });
 * ```
 */
export default class ProgressReporter implements Reporter {
  private vitest: Vitest | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private startedAt = Date.now();
  private lastLineAt = Date.now();
  private testsDone = 0;
  private readonly running = new Map<string, string>();

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunStart(): void {
    this.startedAt = Date.now();
    this.lastLineAt = Date.now();
    if (process.stdout.isTTY) return; // the default reporter shows live progress in a terminal
    this.timer = setInterval(() => this.progress(), 1_000);
    this.timer.unref();
  }

  onTestModuleStart(module: TestModule): void {
    this.running.set(this.key(module), this.label(module));
  }

  onTestModuleEnd(module: TestModule): void {
    this.running.delete(this.key(module));
    this.lastLineAt = Date.now(); // the default reporter printed the file's line
  }

  onTestCaseResult(): void {
    this.testsDone++;
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    clearInterval(this.timer);
    if (process.env.DATABASE_URL) return;
    // The server's tests are named after it ("… on a PostgreSQL server …", "postgresStore on server").
    const skipped = modules
      .filter((m) => m.moduleId.includes('/adapters/postgres/'))
      .flatMap((m) => [...m.children.allTests()])
      .filter((t) => t.result().state === 'skipped' && /\bserver\b/.test(t.fullName)).length;
    if (skipped > 0) {
      this.log(
        `PostgreSQL server: ${skipped} tests skipped because DATABASE_URL is not set (the conformance suite ` +
          'and the adapter tests on a real server); run with DATABASE_URL=postgres://user@host:5432/db to add them.',
      );
    }
  }

  private progress(): void {
    const now = Date.now();
    if (now - this.lastLineAt < QUIET_S * 1_000) return;
    const files = [...this.running.values()];
    const shown = files.slice(0, 3).join(', ') + (files.length > 3 ? ` and ${files.length - 3} more` : '');
    const elapsed = Math.round((now - this.startedAt) / 1_000);
    this.log(`… ${elapsed} s: ${this.testsDone} tests done${files.length > 0 ? `; running ${shown}` : ''}`);
    this.lastLineAt = now;
  }

  private key(module: TestModule): string {
    return `${module.project.name}:${module.moduleId}`;
  }

  private label(module: TestModule): string {
    const file = relative(this.vitest?.config.root ?? process.cwd(), module.moduleId);
    return module.project.name ? `${file} (${module.project.name})` : file;
  }

  private log(line: string): void {
    if (this.vitest) this.vitest.logger.log(line);
    else console.log(line);
  }
}
