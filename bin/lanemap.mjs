#!/usr/bin/env node
// `npx lanemap ...`: the command line (export a map to SVG / PNG / CSV / JSON, list templates).
// Runs the TypeScript sources directly: Node >= 22.18 strips types natively (the `node`
// devDependency is 22.23), and bench/ts-resolve.mjs resolves the extension-less imports.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(`lanemap: needs Node 22.18 or newer (this is ${process.versions.node}); run it through npx or npm, which use the project's Node.`);
  process.exit(1);
}
// `serve` runs the backend's storage and services, which need more than type stripping (a
// parameter property, JSON imports, the bundled templates' glob): it runs again with the
// loader `npm run soak` uses, in a child process that is sent this one's SIGINT / SIGTERM
if (process.argv[2] === 'serve' && !process.execArgv.includes('--experimental-transform-types')) {
  const { spawn } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const loader = fileURLToPath(new URL('../soak/loader.mjs', import.meta.url));
  const flags = ['--experimental-transform-types', '--disable-warning=ExperimentalWarning', '--import', loader];
  const child = spawn(process.execPath, [...flags, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  await import('../bench/ts-resolve.mjs');
  const { main } = await import('../src-main/cli/main.ts');
  process.exitCode = await main(process.argv.slice(2));
}
