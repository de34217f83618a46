#!/usr/bin/env node
// The library's lint (design.md §2, §5), in two parts that run in one process:
// - architecture: which module may import which, with dependency-cruiser and the rules of
//   .dependency-cruiser.mjs (layers, no service of another context, no cycles, packages);
// - sources: what an import graph cannot see, read from each file's syntax tree: time and
//   randomness only through the ports, no Buffer, no `export *` in an entry point, no focused or
//   skipped tests; and no line over 120 characters (what Biome's formatter cannot wrap).
// Usage: node scripts/lint.mjs [root]   (root defaults to the current directory)
// Its test (test/lint.test.ts) imports `lint` and runs it on small fixture trees.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise } from 'dependency-cruiser';
import ts from 'typescript';
import config from '../.dependency-cruiser.mjs';

/**
 * Every `.ts` file under `dir`, recursively.
 *
 * @example
 * walk('src').length; // 170
 */
export function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

/**
 * The import rules of .dependency-cruiser.mjs: name and why, by name.
 *
 * @example
 * ARCHITECTURE_RULES.get('no-circular'); // 'No import cycles among modules loaded at run time…'
 */
export const ARCHITECTURE_RULES = new Map(config.forbidden.map((r) => [r.name, r.comment]));

/**
 * The import rules of .dependency-cruiser.mjs applied to `root`/src; one line per violation:
 * `importer → imported: rule-name`.
 *
 * @example
 * for (const problem of await checkArchitecture('.')) console.error(problem);
 */
export async function checkArchitecture(root) {
  const result = await cruise(['src'], {
    ...config.options,
    baseDir: root,
    ruleSet: { forbidden: config.forbidden },
    validate: true,
    outputType: 'json',
  });
  const output = typeof result.output === 'string' ? JSON.parse(result.output) : result.output;
  return output.summary.violations.map((v) => {
    const cycle = v.cycle ? ` (cycle ${[v.from, ...v.cycle.map((c) => c.name ?? c)].join(' → ')})` : '';
    return `${v.from} → ${v.to}: ${v.rule.name}${cycle}`;
  });
}

const TIME_AND_RANDOMNESS = new Set([
  'Date.now',
  'Math.random',
  'performance.now',
  'crypto.randomUUID',
  'crypto.getRandomValues',
  'globalThis.crypto.getRandomValues',
]);

/** The longest line allowed in src/ (Biome's line width). */
const MAX_LINE = 120;

/**
 * The checks on each source file (`root`/src), its lines and its syntax tree; one line per problem.
 *
 * @example
 * for (const problem of checkSources('.')) console.error(problem);
 */
export function checkSources(root) {
  const src = join(root, 'src');
  const problems = [];
  for (const file of walk(src)) {
    const rel = relative(src, file).split(sep).join('/');
    const test = rel.endsWith('.test.ts');
    // The clock and random adapters are where time and randomness come from; the testing kit draws test data.
    const mayReadTime = /^(adapters\/(clock|random)\/|testing\/)/.test(rel);
    const mayUseBuffer = rel.startsWith('adapters/postgres/');
    const text = readFileSync(file, 'utf8');
    // Biome's formatter keeps code within 120 characters; a long string or comment it cannot break.
    for (const [i, line] of text.split('\n').entries()) {
      if (line.length > MAX_LINE) {
        problems.push(`src/${rel}:${i + 1}: a line of ${line.length} characters (at most ${MAX_LINE})`);
      }
    }
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const report = (node, message) => {
      const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
      problems.push(`src/${rel}:${line}: ${message}`);
    };
    const visit = (node) => {
      if (ts.isExportDeclaration(node) && !node.exportClause && !node.isTypeOnly && /(^|\/)index\.ts$/.test(rel)) {
        report(node, `"${node.getText(sf)}": list exports by name (curated public surface)`);
      }
      if (!test && !mayReadTime) {
        if (ts.isNewExpression(node) && node.expression.getText(sf) === 'Date' && (node.arguments ?? []).length === 0) {
          report(node, 'new Date() reads the wall clock: take "now" from the Clock port (X-04)');
        }
        if (ts.isCallExpression(node) && TIME_AND_RANDOMNESS.has(node.expression.getText(sf))) {
          const callee = node.expression.getText(sf);
          report(node, `${callee}() is time or randomness from a global: use the Clock or RandomSource port (X-04)`);
        }
      }
      if (!test && !mayUseBuffer && ts.isIdentifier(node) && node.text === 'Buffer') {
        report(node, 'Buffer is Node-only: the library must run in browsers (use Uint8Array)');
      }
      const focusedOrSkipped =
        ts.isPropertyAccessExpression(node) &&
        ['it', 'test', 'describe'].includes(node.expression.getText(sf)) &&
        ['only', 'skip', 'todo'].includes(node.name.text);
      if (test && focusedOrSkipped) {
        report(node, `${node.getText(sf)}: no focused or skipped tests`);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return problems;
}

/**
 * Both parts of the lint on `root`: the problems found (none means it passes) and how many files
 * were read.
 *
 * @example
 * const { problems } = await lint('.');
 * if (problems.length > 0) process.exitCode = 1;
 */
export async function lint(root) {
  const src = join(root, 'src');
  if (!statSync(src, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`lint: no src/ under ${root}`);
  const [architecture, sources] = [await checkArchitecture(root), checkSources(root)];
  return { problems: [...architecture, ...sources], files: walk(src).length };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? '.');
  const { problems, files } = await lint(root);
  if (problems.length > 0) {
    const broken = [...ARCHITECTURE_RULES].filter(([name]) => problems.some((p) => p.includes(`: ${name}`)));
    const why = broken.map(([name, comment]) => `  ${name}: ${comment}`);
    console.error(`lint: ${problems.length} problem(s)\n${problems.join('\n')}`);
    if (why.length > 0) console.error(`\nThe import rules broken (.dependency-cruiser.mjs):\n${why.join('\n')}`);
    process.exitCode = 1;
  } else {
    console.log(`lint: ${files} files checked, no problems`);
  }
}
