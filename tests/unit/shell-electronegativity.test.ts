/**
 * Electronegativity (Doyensec's scanner for Electron misconfigurations) over the main process
 * and the renderer: no finding above LOW. Findings a person has reviewed are suppressed where
 * they occur with an `eng-disable` comment that says why (main.ts, shell/navigation.ts).
 * Also run by `npm run security`.
 *
 * The check of Electron's release list (AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK) is left out: it
 * downloads that list from GitHub, and the Electron version is pinned in package.json anyway.
 * (The scanner also tries to fetch its translations once, with a 1 s limit, and carries on in
 * English without them.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';

interface Finding {
  id: string;
  file: string;
  location: { line: number; column: number };
  severity: { value: number; name: string };
  confidence: { name: string };
  manualReview: boolean;
}
interface ScanResult {
  issues: Finding[];
  errors: { file: string; message: string; tolerable: boolean }[];
}
type Run = (options: Record<string, unknown>, forCli?: boolean) => Promise<ScanResult>;

const require = createRequire(import.meta.url);
// the package's main (dist/runner.js) is the scan itself, as a CommonJS function
const run = require('@doyensec/electronegativity') as Run;
const ELECTRON_VERSION = (require('electron/package.json') as { version: string }).version;
const LOW = 1;
const root = path.resolve(__dirname, '../..');
const temps: string[] = [];

afterAll(() => temps.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function scan(input: string): Promise<ScanResult> {
  return run(
    {
      input,
      output: undefined,
      isSarif: false,
      customScan: [],
      excludeFromScan: ['availablesecurityfixesglobalcheck'],
      severitySet: undefined,
      confidenceSet: undefined,
      isRelative: true,
      isVerbose: false,
      electronUpgrade: undefined,
      electronVersionOverride: ELECTRON_VERSION,
      parserPlugins: [],
    },
    false,
  );
}

const describeFinding = (f: Finding) => `${f.id} ${f.severity.name}/${f.confidence.name} at ${f.file}:${f.location.line}:${f.location.column}`;

describe('Electronegativity', () => {
  it('finds nothing above LOW in the app (main process, preload, renderer, shared), and reads every file', async () => {
    // one scan over the whole app: its global checks weigh the renderer against main's handlers
    const app = fs.mkdtempSync(path.join(os.tmpdir(), 'lanemap-eng-app-'));
    temps.push(app);
    for (const folder of ['src-main', 'src-renderer', 'shared']) fs.cpSync(path.join(root, folder), path.join(app, folder), { recursive: true });
    const result = await scan(app);
    expect(result.errors.filter((e) => !e.tolerable).map((e) => `${e.file}: ${e.message}`)).toEqual([]);
    expect(result.issues.filter((f) => f.severity.value > LOW).map(describeFinding)).toEqual([]);
  });

  it('does find the mistakes it is meant to find (so a silent zero above is real)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lanemap-eng-'));
    temps.push(dir);
    fs.writeFileSync(
      path.join(dir, 'main.ts'),
      [
        "import { BrowserWindow, shell } from 'electron';",
        'const url: string = process.argv[2] ?? "";',
        'const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false, webSecurity: false } });',
        'void win.loadURL(url);',
        'void shell.openExternal(url);',
      ].join('\n'),
    );
    const ids = (await scan(dir)).issues.filter((f) => f.severity.value > LOW).map((f) => f.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'CONTEXT_ISOLATION_JS_CHECK',
        'SANDBOX_JS_CHECK',
        'WEB_SECURITY_JS_CHECK',
        'OPEN_EXTERNAL_JS_CHECK',
        'LIMIT_NAVIGATION_GLOBAL_CHECK',
        'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
      ]),
    );
  });
});
