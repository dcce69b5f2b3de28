/**
 * Printing in the desktop app: the PDF pages themselves (never a picture of the window) go to
 * the system's print dialog. The PDF is written to a private temporary file, opened in a
 * hidden window by Chromium's PDF viewer, and printed from there; the window and the file go
 * once the dialog is done. Electron-only and thin: the pages are made by src-main/export/pdf.ts.
 * (Electron >= 32 prints a PDF document's own pages: electron/electron#43309.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BrowserWindow } from 'electron';

/** Where the PDF waits while it prints: a fresh folder only this user can read. */
export function printFilePath(title: string, tmp = os.tmpdir()): { dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(tmp, 'lanemap-print-'));
  // eslint-disable-next-line no-control-regex -- control characters are exactly what a file name must not carry
  const name = (title.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim() || 'map').slice(0, 80);
  return { dir, file: path.join(dir, `${name}.pdf`) };
}

export async function printPdf(pdf: Buffer, title: string, parent: BrowserWindow | null): Promise<boolean> {
  const { dir, file } = printFilePath(title);
  await fs.promises.writeFile(file, pdf, { mode: 0o600 });
  const win = new BrowserWindow({
    show: false,
    ...(parent ? { parent } : {}),
    // the PDF viewer is Chromium's own plugin; nothing else runs in this window
    webPreferences: { plugins: true, sandbox: true, contextIsolation: true, nodeIntegration: false, disableBlinkFeatures: 'Auxclick' },
  });
  try {
    await win.loadFile(file);
    return await new Promise<boolean>((resolve) => {
      win.webContents.print({ printBackground: true }, (success) => resolve(success));
    });
  } finally {
    win.destroy();
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}
