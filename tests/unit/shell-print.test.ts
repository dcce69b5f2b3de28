/**
 * Desktop printing's file (src-main/shell/printPdf.ts): the PDF waits in a fresh private folder
 * under a name made from the map's title, whatever the title holds. (The print itself needs
 * Electron's window: not run on these machines.)
 */
import { afterEach, expect, test, vi } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

vi.mock('electron', () => ({ BrowserWindow: class {} }));
const { printFilePath } = await import('../../src-main/shell/printPdf');

const made: string[] = [];
afterEach(() => {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

test('a title with slashes, dots and control characters gives a file inside a fresh folder of its own', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'print-test-'));
  made.push(tmp);
  const { dir, file } = printFilePath('../../etc/passwd\u0000 Продажи: план?', tmp);
  expect(path.dirname(file)).toBe(dir);
  expect(path.dirname(dir)).toBe(tmp);
  expect(path.basename(file)).toBe('.. .. etc passwd Продажи план.pdf');
  const other = printFilePath('', tmp);
  expect(other.dir).not.toBe(dir);
  expect(path.basename(other.file)).toBe('map.pdf');
  if (process.platform !== 'win32' && process.getuid?.() !== 0) expect(fs.statSync(dir).mode & 0o077).toBe(0);
});
