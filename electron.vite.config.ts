import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        // bpmnWorker: the thread a BPMN file is read in (src-main/bpmn/parse.ts finds it beside the bundle)
        input: { index: resolve('src-main/main.ts'), web: resolve('src-main/web.ts'), bpmnWorker: resolve('src-main/bpmn/worker.ts') },
        external: ['better-sqlite3', 'electron'],
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('src-main/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    plugins: [react()],
    build: {
      // minified: the page is parsed and compiled at every start (the library opens faster)
      minify: process.env.LANEMAP_NO_MINIFY ? false : true,
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve('src-renderer/index.html') } },
    },
  },
});
