// Types of scripts/lint.mjs, for test/lint.test.ts.

/** Every `.ts` file under `dir`, recursively. */
export function walk(dir: string): string[];
/** The import rules of .dependency-cruiser.mjs: name and why, by name. */
export const ARCHITECTURE_RULES: ReadonlyMap<string, string>;
/** The import rules of .dependency-cruiser.mjs applied to `root`/src; one line per violation. */
export function checkArchitecture(root: string): Promise<string[]>;
/** The checks on each source file's syntax tree (`root`/src); one line per problem. */
export function checkSources(root: string): string[];
/** Both parts of the lint on `root`: the problems found (none means it passes) and how many files were read. */
export function lint(root: string): Promise<{ problems: string[]; files: number }>;
