#!/usr/bin/env node
// The API reports (api/*.api.md): the public surface of every entry point in package.json
// "exports", as API Extractor reads it from the built declarations (run `npm run build` first).
// A change to the surface is then a reviewed diff of these files.
//
//   node api/extract.mjs           check (npm run check:api): fails, printing the difference,
//                                  when the built surface differs from a checked-in report
//   node api/extract.mjs --local   update the reports (npm run api)
//
// Shared settings are in api-extractor.json; this script sets the entry and the report name.
// One TypeScript program serves every entry, so the whole check takes a few seconds.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CompilerState, Extractor, ExtractorConfig } from '@microsoft/api-extractor';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const local = process.argv.includes('--local');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/**
 * One report per entry point with types: `.` → `tiktok-ad-auth.api.md`, `./model` →
 * `tiktok-ad-auth-model.api.md`, read from the ESM declarations of the entry.
 *
 * @example
 * REPORTS[1]; // { subpath: './model', types: './dist/model.d.ts', name: 'tiktok-ad-auth-model' }
 */
export const REPORTS = Object.entries(pkg.exports)
  .filter(([, target]) => typeof target === 'object' && target.import?.types)
  .map(([subpath, target]) => ({
    subpath,
    types: target.import.types,
    name: subpath === '.' ? pkg.name : `${pkg.name}-${subpath.slice(2).replaceAll('/', '-')}`,
  }));

const configFile = join(root, 'api-extractor.json');
const base = ExtractorConfig.loadFile(configFile);
// A folder of this run's own: two checkouts checking at once must not share it.
const reportTempFolder = mkdtempSync(join(tmpdir(), `${pkg.name}-api-reports-`));
process.on('exit', () => rmSync(reportTempFolder, { recursive: true, force: true }));
const configs = REPORTS.map((report) =>
  ExtractorConfig.prepare({
    configObject: {
      ...base,
      mainEntryPointFilePath: join(root, report.types),
      apiReport: { ...base.apiReport, reportFileName: report.name, reportTempFolder },
    },
    configObjectFullPath: configFile,
    packageJsonFullPath: join(root, 'package.json'),
  }),
);
const compilerState = CompilerState.create(configs[0], {
  additionalEntryPoints: configs.map((c) => c.mainEntryPointFilePath),
});

// Notices about API Extractor's own TypeScript version are not about our surface.
const QUIET = new Set(['console-compiler-version-notice', 'console-preamble', 'console-api-report-unchanged']);
let failed = 0;
for (const [i, config] of configs.entries()) {
  const result = Extractor.invoke(config, {
    localBuild: local,
    compilerState,
    printApiReportDiff: !local,
    messageCallback(message) {
      if (QUIET.has(message.messageId)) message.handled = true;
    },
  });
  const { subpath, name } = REPORTS[i];
  if (!result.succeeded) {
    failed++;
    console.error(`api: ${subpath} differs from api/${name}.api.md or has errors (${result.errorCount} errors)`);
  } else if (result.apiReportChanged) {
    console.log(`api: ${subpath} → api/${name}.api.md updated`);
  }
}
if (failed > 0) {
  console.error(`api: ${failed} of ${configs.length} entry points differ; review and run \`npm run api\` to update`);
  process.exit(1);
}
console.log(`api: ${configs.length} entry points ${local ? 'written' : 'match their reports'}`);
