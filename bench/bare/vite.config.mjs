// Builds the bare React Flow page of `npm run bench:ui` into out/bench-bare (git-ignored).
// No @vitejs/plugin-react in node_modules: esbuild's automatic JSX runtime does the JSX.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  logLevel: 'error',
  esbuild: { jsx: 'automatic' },
  build: { outDir: path.resolve(here, '../../out/bench-bare'), emptyOutDir: true },
});
