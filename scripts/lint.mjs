#!/usr/bin/env node
// Architecture lint (design.md §2, §5): layering of imports, time and randomness only through
// the ports, no Node-only APIs in the core, no focused or skipped tests, curated exports.
// Usage: node scripts/lint.mjs [root]   (root defaults to the repository; used by its own test)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

const root = resolve(process.argv[2] ?? '.');
const src = join(root, 'src');
const problems = [];
const report = (file, line, msg) => problems.push(`${relative(root, file)}:${line}: ${msg}`);

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

const isTest = (f) => /\.test\.ts$/.test(f);
const rel = (f) => relative(src, f).split(sep).join('/');
// The role of a library file, by folder and file name.
function role(f) {
  const r = rel(f);
  if (r.startsWith('kernel/')) return 'kernel';
  if (r.startsWith('ports/')) return 'port';
  if (r.startsWith('adapters/clock/') || r.startsWith('adapters/random/')) return 'default-adapter';
  if (r.startsWith('adapters/')) return 'adapter';
  if (r.startsWith('testing/')) return 'testing';
  if (r === 'index.ts' || r.startsWith('entry/')) return 'entry';
  if (r.endsWith('.service.ts')) return 'service';
  return 'domain'; // a context's model, rules, schemas, events, errors, value objects
}
// Which roles each role may import (design §2: kernel ← model & rules ← services ← adapters).
const allowed = {
  kernel: ['kernel'],
  domain: ['kernel', 'domain'],
  port: ['kernel', 'domain', 'port'],
  // Services may use the two dependency-free default adapters (system clock, Web Crypto).
  service: ['kernel', 'domain', 'port', 'service', 'default-adapter'],
  'default-adapter': ['kernel', 'port'],
  adapter: ['kernel', 'domain', 'port', 'service', 'default-adapter', 'adapter'],
  testing: ['kernel', 'domain', 'port', 'service', 'default-adapter', 'adapter', 'testing'],
  entry: ['kernel', 'domain', 'port', 'service', 'default-adapter', 'adapter', 'testing'],
};
// Packages each role may import (everything else is refused).
const packagesFor = (r, file) => {
  const base = ['zod/mini', 'ts-results-es'];
  if (r === 'testing') return [...base, 'fast-check'];
  if (rel(file).startsWith('adapters/postgres/')) return [...base, 'pg', '@electric-sql/pglite'];
  return base;
};
const TIME_OK = (f) => /^(adapters\/(clock|random)\/|testing\/)/.test(rel(f));

if (!statSync(src, { throwIfNoEntry: false })) {
  console.error(`lint: no src/ under ${root}`);
  process.exit(2);
}

for (const file of walk(src)) {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const line = (node) => sf.getLineAndCharacterOfPosition(node.getStart()).line + 1;
  const test = isTest(file);
  const myRole = role(file);

  const visit = (node) => {
    // imports and re-exports
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const spec = node.moduleSpecifier.text;
      if (ts.isExportDeclaration(node) && !node.exportClause && !node.isTypeOnly && /(^|\/)index\.ts$/.test(rel(file))) {
        report(file, line(node), `"export * from '${spec}'": list exports by name (curated public surface)`);
      }
      if (!test) {
        if (spec.startsWith('.')) {
          const target = resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
          if (!target.startsWith(src + sep)) report(file, line(node), `imports '${spec}' from outside src/`);
          else if (isTest(target)) report(file, line(node), `imports a test file '${spec}'`);
          else {
            const targetRole = role(target);
            if (!allowed[myRole].includes(targetRole)) report(file, line(node), `layering: a ${myRole} file may not import a ${targetRole} file ('${spec}')`);
          }
        } else if (!packagesFor(myRole, file).includes(spec)) {
          report(file, line(node), `imports package '${spec}', not allowed in a ${myRole} file (core must run in browsers: no node: modules; zod only as 'zod/mini')`);
        }
      }
    }
    if (!test && !TIME_OK(file)) {
      // time and randomness only through the Clock and RandomSource ports (design §5, X-04)
      if (ts.isNewExpression(node) && node.expression.getText(sf) === 'Date' && (!node.arguments || node.arguments.length === 0)) {
        report(file, line(node), 'new Date() reads the wall clock: take "now" from the Clock port');
      }
      if (ts.isCallExpression(node)) {
        const callee = node.expression.getText(sf);
        if (['Date.now', 'Math.random', 'performance.now', 'crypto.randomUUID', 'crypto.getRandomValues', 'globalThis.crypto.getRandomValues'].includes(callee)) {
          report(file, line(node), `${callee}() is time or randomness from a global: use the Clock or RandomSource port`);
        }
      }
    }
    if (!test && ts.isIdentifier(node) && node.text === 'Buffer' && !rel(file).startsWith('adapters/postgres/')) {
      report(file, line(node), 'Buffer is Node-only: the core must run in browsers (use Uint8Array)');
    }
    if (test && ts.isPropertyAccessExpression(node) && ['it', 'test', 'describe'].includes(node.expression.getText(sf)) && ['only', 'skip', 'todo'].includes(node.name.text)) {
      report(file, line(node), `${node.getText(sf)}: no focused or skipped tests`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
}

if (problems.length > 0) {
  console.error(`lint: ${problems.length} problem(s)\n${problems.join('\n')}`);
  process.exit(1);
}
console.log(`lint: ${walk(src).length} files checked, no problems`);
