// Lets Node (22.18+, which strips TypeScript types natively) run the project's TypeScript as
// written for the bundler: relative imports without an extension resolve to `.ts` files.
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    if ((specifier.startsWith('./') || specifier.startsWith('../')) && !/\.[cm]?[jt]s$/.test(specifier)) {
      try {
        return nextResolve(`${specifier}.ts`, context);
      } catch {
        // not a .ts file: fall through to the default resolution
      }
    }
    return nextResolve(specifier, context);
  },
});
