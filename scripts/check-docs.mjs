#!/usr/bin/env node
// Every public export must have TSDoc with an @example (house style). Checks each entry
// point listed in package.json "exports" (by its source file) with the TypeScript checker.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';

const root = resolve('.');
const entries = [
  'src/index.ts',
  'src/testing/index.ts',
  'src/adapters/postgres/index.ts',
  'src/business-api/index.ts',
].filter((f) => existsSync(resolve(root, f)));
const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} };
const config = ts.getParsedCommandLineOfConfigFile(resolve(root, 'tsconfig.json'), {}, host);
const program = ts.createProgram(
  entries.map((f) => resolve(root, f)),
  config.options,
);
const checker = program.getTypeChecker();
const missing = [];
let checked = 0;

function hasExample(decl) {
  // Variables carry their docs on the statement; everything else on the declaration.
  const node = ts.isVariableDeclaration(decl) ? decl.parent.parent : decl;
  const docs = ts.getJSDocCommentsAndTags(node);
  const isExample = (tag) => tag.tagName.text === 'example';
  return docs.some((d) => (d.tags ?? []).some(isExample) || (ts.isJSDocTag(d) && isExample(d)));
}
function hasDoc(decl) {
  const node = ts.isVariableDeclaration(decl) ? decl.parent.parent : decl;
  return ts.getJSDocCommentsAndTags(node).length > 0;
}

for (const entry of entries) {
  const sf = program.getSourceFile(resolve(root, entry));
  const moduleSymbol = checker.getSymbolAtLocation(sf);
  for (const exp of checker.getExportsOfModule(moduleSymbol)) {
    const target = exp.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exp) : exp;
    const decls = target.getDeclarations() ?? [];
    if (decls.length === 0) continue; // re-exports of third-party namespaces (Ok, Err, Result)
    const fromPackage = decls.every((d) => d.getSourceFile().fileName.includes('node_modules'));
    if (fromPackage) continue;
    checked++;
    // Functions, constants and classes need an example; types and interfaces need a doc comment
    // (their example is the function that takes or returns them).
    const isValue = decls.some(
      (d) => ts.isFunctionDeclaration(d) || ts.isVariableDeclaration(d) || ts.isClassDeclaration(d),
    );
    const ok = isValue ? decls.some(hasExample) : decls.some(hasDoc);
    if (!ok) missing.push(`${entry}: ${exp.name} (${isValue ? 'needs TSDoc with @example' : 'needs a TSDoc comment'})`);
  }
}

if (missing.length > 0) {
  console.error(`check-docs: ${missing.length} export(s) undocumented\n${missing.join('\n')}`);
  process.exit(1);
}
console.log(`check-docs: ${checked} exports documented`);
void readFileSync;
