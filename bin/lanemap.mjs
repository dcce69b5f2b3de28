#!/usr/bin/env node
// `npx lanemap ...`: the command line (export a map to SVG / PNG / CSV / JSON, list templates).
// Runs the TypeScript sources directly: Node >= 22.18 strips types natively (the `node`
// devDependency is 22.23), and bench/ts-resolve.mjs resolves the extension-less imports.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(`lanemap: needs Node 22.18 or newer (this is ${process.versions.node}); run it through npx or npm, which use the project's Node.`);
  process.exit(1);
}
await import('../bench/ts-resolve.mjs');
const { main } = await import('../src-main/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
