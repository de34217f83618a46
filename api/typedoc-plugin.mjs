// TypeDoc plugin (typedoc.json "plugin"), for `npm run docs`:
// - names each module after its package entry point (`tiktok-ad-auth/model`, not `model`);
// - groups the exports of each entry point by the bounded context they belong to, read from the
//   folder they are declared in (src/spark-codes/ → "Spark Ads codes"). The grouping follows the
//   layout (design.md §2), so no declaration needs a `@group` tag.
import { Comment, CommentTag, Converter, ReflectionKind } from 'typedoc';

/**
 * The package entry point of each TypeDoc entry file (package.json "exports", tsup.config.ts).
 *
 * @example
 * MODULES['src/model.ts']; // 'tiktok-ad-auth/model'
 */
export const MODULES = {
  'src/index.ts': 'tiktok-ad-auth',
  'src/model.ts': 'tiktok-ad-auth/model',
  'src/schemas.ts': 'tiktok-ad-auth/schemas',
  'src/adapters.ts': 'tiktok-ad-auth/adapters',
  'src/testing/index.ts': 'tiktok-ad-auth/testing',
  'src/adapters/postgres/index.ts': 'tiktok-ad-auth/postgres',
};

const RUNTIME = 'Clocks, randomness and the memory store';
/**
 * The group of a declaration by the start of its path: the first match wins. The order of the
 * groups on a page is typedoc.json's `groupOrder`.
 *
 * @example
 * groupOf('src/ads/ads.rules.ts'); // 'Ads'
 */
export const GROUPS = [
  ['src/spark-codes/', 'Spark Ads codes'],
  ['src/ads/', 'Ads'],
  ['src/top-ads/', 'Top Ads'],
  ['src/business-center/', 'Business Center links'],
  ['src/delivery-identities/', 'Delivery identities'],
  ['src/adapters/postgres/', 'PostgreSQL store'],
  ['src/testing/', 'Conformance suite'],
  ['src/adapters/', RUNTIME],
  ['src/ports/clock.ts', RUNTIME],
  ['src/ports/random-source.ts', RUNTIME],
  ['src/storage/service-options.ts', RUNTIME],
  ['src/ports/', 'Storage port'],
  ['src/storage/', 'Storage port'],
  ['src/kernel/', 'Common'],
];

/**
 * The group of the declaration in `file` (a path relative to the repository), or undefined.
 *
 * @example
 * groupOf('src/kernel/errors.ts'); // 'Common'
 */
export function groupOf(file) {
  return GROUPS.find(([prefix]) => file.startsWith(prefix))?.[1];
}

/**
 * Registers the plugin: TypeDoc calls `load` for each entry of typedoc.json "plugin".
 *
 * @example
 * // typedoc.json: { "plugin": ["./api/typedoc-plugin.mjs"] }
 */
export function load(app) {
  const files = new Map(); // reflection → the file it is declared in, relative to the repository
  const relative = (fileName) => fileName.slice(fileName.indexOf('/src/') + 1);

  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, reflection) => {
    const declaration = context.getSymbolFromReflection(reflection)?.declarations?.[0];
    if (!declaration) return;
    const file = relative(declaration.getSourceFile().fileName);
    if (reflection.kindOf(ReflectionKind.Module)) reflection.name = MODULES[file] ?? reflection.name;
    else if (reflection.parent?.kindOf(ReflectionKind.Module)) files.set(reflection, file);
  });

  // Before the group plugin (RESOLVE_END, priority -100) reads the `@group` tags.
  app.converter.on(
    Converter.EVENT_RESOLVE_END,
    () => {
      for (const [reflection, file] of files) {
        const group = groupOf(file);
        if (!group) continue;
        const tag = () => new CommentTag('@group', [{ kind: 'text', text: group }]);
        const signatures = reflection.getNonIndexSignatures?.() ?? [];
        if (signatures.length > 0) {
          for (const signature of signatures) (signature.comment ??= new Comment()).blockTags.push(tag());
        } else {
          (reflection.comment ??= new Comment()).blockTags.push(tag());
        }
      }
    },
    0,
  );
}
