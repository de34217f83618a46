import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

// What readers copy compiles as written: every ```ts block of README.md and docs/*.md, and every
// example (examples/*.ts), is type-checked as a TypeScript app with `strict` would check it
// (the options of examples/tsconfig.json), against the BUILT package (dist/: `npm run build`
// first), which 'tiktok-ad-auth' resolves to through package.json `exports` from inside the
// repository. Blocks that need no prelude are then run with Node, and the lines they announce
// with `// → ` must be printed, in that order.
//
// A block that is a fragment says so in an HTML comment right above it, which the rendered page
// does not show:
//   <!-- snippet prelude: import type { Store } from 'tiktok-ad-auth/adapters'; declare const store: Store; -->
// The prelude is compiled in front of the block (the block is then only type-checked, not run).
//   <!-- snippet not run: why -->
// A self-contained block that must not run (it needs a server, or a test runner).

const root = join(__dirname, '..', '..');
const guides = readdirSync(join(root, 'docs'))
  .filter((f) => f.endsWith('.md'))
  .map((f) => `docs/${f}`);
const documents = ['README.md', ...guides];
const languages = new Set(['ts', 'typescript', 'js', 'javascript']);
const expectedLine = /^\s*\/\/ → (.*)$/;

interface Snippet {
  /** Where the block starts: `docs/ads.md:42` (the line of its first line of code). */
  readonly where: string;
  readonly fileName: string;
  readonly code: string;
  readonly firstLine: number;
  readonly prelude: string;
  readonly notRun: string | undefined;
}

/** The code blocks of one Markdown document, with the directive comment above each. */
function snippetsOf(document: string): Snippet[] {
  const lines = readFileSync(join(root, document), 'utf8').split('\n');
  const snippets: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```(\w*)\s*$/.exec(lines[i]!);
    if (fence === null) continue;
    const end = lines.findIndex((line, j) => j > i && /^```\s*$/.test(line));
    if (end < 0) throw new Error(`${document}:${i + 1}: a code block is not closed`);
    if (languages.has(fence[1]!)) {
      const directive = directiveAbove(lines, i);
      const prelude = /^snippet prelude:\s*([\s\S]*)$/.exec(directive)?.[1]?.trim() ?? '';
      const notRun = /^snippet not run:\s*([\s\S]*)$/.exec(directive)?.[1]?.trim();
      snippets.push({
        where: `${document}:${i + 2}`,
        fileName: join(__dirname, `snippet.${document.replace(/\W/g, '-')}.${i + 2}.ts`),
        code: lines.slice(i + 1, end).join('\n'),
        firstLine: i + 2,
        prelude,
        notRun,
      });
    }
    i = end;
  }
  return snippets;
}

/** The text of the `<!-- snippet … -->` comment right above line `fence` (blank lines allowed), or ''. */
function directiveAbove(lines: readonly string[], fence: number): string {
  let j = fence - 1;
  while (j >= 0 && lines[j]!.trim() === '') j--;
  if (j < 0 || !lines[j]!.trimEnd().endsWith('-->')) return '';
  let start = j;
  while (start >= 0 && !lines[start]!.includes('<!--')) start--;
  if (start < 0) return '';
  const text = lines.slice(start, j + 1).join('\n');
  const comment = /<!--([\s\S]*)-->/.exec(text.slice(text.lastIndexOf('<!--')))?.[1]?.trim() ?? '';
  return comment.startsWith('snippet ') ? comment : '';
}

const snippets = documents.flatMap(snippetsOf);

// Mistakes a consumer must see at compile time (issue 12): each line must fail, or its
// `@ts-expect-error` is itself an error (TS2578).
const mistakes = {
  fileName: join(__dirname, 'snippet.consumer-mistakes.ts'),
  code: `
import type { SparkCodes } from 'tiktok-ad-auth';
import type { CreatorFacts, VideoFacts } from 'tiktok-ad-auth/model';
declare const spark: SparkCodes, creator: CreatorFacts, video: VideoFacts;
// @ts-expect-error periodDay is not a field: periodDays is
await spark.generateCode({ creator, video, periodDay: 30 });
// @ts-expect-error periodDays is a number
await spark.generateCode({ creator, video, periodDays: '30' });
// @ts-expect-error accountType is one of three values
await spark.generateCode({ creator: { ...creator, accountType: 'Personal' }, video, periodDays: 30 });
// Plain strings are ids everywhere a caller writes one:
await spark.revokeCode({ creatorId: 'tt-dana', codeId: 'code_1' });
export {};
`,
};
const source = (s: Snippet) => (s.prelude === '' ? s.code : `${s.prelude}\n${s.code}`);

/** One program: every snippet (virtual files beside this test) and every example, as an app compiles them. */
function compile() {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, 'examples', 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (config === undefined) throw new Error('examples/tsconfig.json cannot be read');
  const virtual = new Map(snippets.map((s) => [s.fileName, source(s)]));
  virtual.set(mistakes.fileName, mistakes.code);
  const host = ts.createCompilerHost(config.options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (f) => virtual.has(f) || fileExists(f);
  host.readFile = (f) => virtual.get(f) ?? readFile(f);
  host.getSourceFile = (f, language, ...rest) => {
    const text = virtual.get(f);
    return text === undefined ? getSourceFile(f, language, ...rest) : ts.createSourceFile(f, text, language);
  };
  const program = ts.createProgram([...virtual.keys(), ...config.fileNames], config.options, host);
  return { program, diagnostics: ts.getPreEmitDiagnostics(program), examples: config.fileNames };
}

/** A diagnostic as `README.md:57: error TS2322: …`, at the line of the Markdown file for snippets. */
function describeDiagnostic(d: ts.Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
  if (d.file === undefined || d.start === undefined) return `error TS${d.code}: ${message}`;
  const { line } = d.file.getLineAndCharacterOfPosition(d.start);
  const snippet = snippets.find((s) => s.fileName === d.file!.fileName);
  if (snippet === undefined) return `${relative(root, d.file.fileName)}:${line + 1}: error TS${d.code}: ${message}`;
  const preludeLines = snippet.prelude === '' ? 0 : snippet.prelude.split('\n').length;
  const document = snippet.where.split(':')[0];
  const markdownLine = snippet.firstLine + line - preludeLines;
  const where = line < preludeLines ? `${snippet.where} (prelude)` : `${document}:${markdownLine}`;
  return `${where}: error TS${d.code}: ${message}`;
}

const compiled = compile();
const problemsIn = (fileName: string) =>
  compiled.diagnostics.filter((d) => d.file?.fileName === fileName).map(describeDiagnostic);

describe('README and docs code blocks compile with strict against the built package', () => {
  test('the documents have code blocks to check', () => {
    expect(snippets.length).toBeGreaterThan(10);
    expect(compiled.diagnostics.filter((d) => d.file === undefined).map(describeDiagnostic)).toEqual([]);
  });
  test.each(snippets.map((s) => [s.where, s] as const))('%s', (_where, snippet) => {
    expect(problemsIn(snippet.fileName)).toEqual([]);
  });
});

test('a misspelled field, a wrong type or an unknown value in a service input does not compile', () => {
  expect(problemsIn(mistakes.fileName)).toEqual([]);
});

describe('the examples compile with strict against the built package', () => {
  test.each(compiled.examples.map((f) => [relative(root, f), f] as const))('%s', (_name, fileName) => {
    expect(problemsIn(fileName)).toEqual([]);
  });
});

// A secret for the blocks that read CODE_SECRET from the environment, as an app would.
const env = { ...process.env, CODE_SECRET: 'a-code-secret-for-the-docs-of-at-least-32-bytes' };
const run = promisify(execFile);
const runnable = snippets.filter((s) => s.prelude === '' && s.notRun === undefined);

describe('the self-contained README and docs blocks run', () => {
  test.concurrent.each(runnable.map((s) => [s.where, s] as const))('%s', async (_where, snippet) => {
    // Types removed only; ESM evaluated from the repository root, so 'tiktok-ad-auth' resolves to dist/.
    const js = ts.transpileModule(snippet.code, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    const { stdout } = await run(process.execPath, ['--input-type=module', '--eval', js], { cwd: root, env });
    const printed = stdout.split('\n');
    let at = 0;
    for (const announced of snippet.code.split('\n').flatMap((l) => expectedLine.exec(l)?.[1] ?? [])) {
      const prefix = announced.replace(/…$/, '').trimEnd();
      const found = printed.findIndex((line, i) => i >= at && line.startsWith(prefix));
      const message = `${snippet.where} should print a line starting "${prefix}"; it printed:\n${stdout}`;
      expect(found, message).toBeGreaterThanOrEqual(0);
      at = found + 1;
    }
  });
});
