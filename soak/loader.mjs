// Lets Node (22.18+) run the project's TypeScript as the bundler sees it, for `npm run soak`:
// - relative imports without an extension resolve to `.ts` files, or a folder's `index.ts`;
// - `.json` imports get their `type: 'json'` attribute;
// - Vite's `import.meta.glob('…/*.json', { eager: true, import: 'default' })` (the bundled
//   templates) becomes a synchronous read of the same files.
// Run with `node --experimental-transform-types --import ./soak/loader.mjs` (the renderer's
// ApiError uses a TypeScript parameter property, which plain type stripping refuses).
import fs from 'node:fs';
import path from 'node:path';
import { registerHooks } from 'node:module';
import { fileURLToPath } from 'node:url';

/** Eager glob of JSON files: `{ '<pattern dir>/<file>': parsed JSON }`, as Vite returns it. */
globalThis.__lanemapGlobJson = (importerUrl, pattern) => {
  const dir = path.dirname(pattern);
  const suffix = path.basename(pattern).replace(/^\*/, '');
  const abs = path.resolve(path.dirname(fileURLToPath(importerUrl)), dir);
  return Object.fromEntries(
    fs
      .readdirSync(abs)
      .filter((f) => f.endsWith(suffix))
      .sort()
      .map((f) => [`${dir}/${f}`, JSON.parse(fs.readFileSync(path.join(abs, f), 'utf8'))]),
  );
};

const GLOB = /import\.meta\.glob(?:<[^>]*>)?\(\s*'([^']+\.json)'\s*,\s*\{[^}]*eager:\s*true[^}]*\}\s*\)/g;

registerHooks({
  resolve(specifier, context, nextResolve) {
    if ((specifier.startsWith('./') || specifier.startsWith('../')) && !/\.([cm]?[jt]s|json)$/.test(specifier)) {
      for (const candidate of [`${specifier}.ts`, `${specifier}/index.ts`]) {
        try {
          return nextResolve(candidate, context);
        } catch {
          // not this file: try the next, then the default resolution
        }
      }
    }
    if (specifier.endsWith('.json')) return nextResolve(specifier, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } });
    return nextResolve(specifier, context);
  },
  load(url, context, nextLoad) {
    if (url.endsWith('.json')) return nextLoad(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } });
    const result = nextLoad(url, context);
    if (url.startsWith('file:') && url.endsWith('.ts') && !url.includes('/node_modules/')) {
      const source = String(result.source);
      if (source.includes('import.meta.glob')) {
        return { ...result, source: source.replace(GLOB, (_m, pattern) => `globalThis.__lanemapGlobJson(import.meta.url, ${JSON.stringify(pattern)})`) };
      }
    }
    return result;
  },
});
