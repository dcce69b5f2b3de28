/**
 * Electron main process: opens the library, registers IPC, creates a locked-down window.
 * Kept thin: everything testable lives in services/ and storage/.
 */
import { app, BrowserWindow, dialog, net, protocol, session, shell } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { registerIpc } from './ipc';
import { LIBRARY_FILE_NAME } from './paths';
import { createServices, languageOfLocale, seedLibrary } from './services/library';
import { openLibrary } from './storage/database';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.join(here, '../renderer');
const devUrl = process.env.ELECTRON_RENDERER_URL;
/**
 * The renderer is served from app://lanemap/ rather than file://, so it has a real origin:
 * module workers (layout), fetch and the CSP's 'self' behave as in a browser.
 */
const APP_ORIGIN = 'app://lanemap';

app.enableSandbox();
// one Lanemap at a time: two processes editing one library would overwrite each other's edits
const isPrimary = app.requestSingleInstanceLock();
if (!isPrimary) app.quit();
app.on('second-instance', () => {
  const win = BrowserWindow.getAllWindows()[0];
  if (win?.isMinimized()) win.restore();
  win?.focus();
});
protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    // Node's URL gives custom schemes a "null" origin: compare scheme and host instead
    if (u.protocol === 'app:') return u.host === 'lanemap';
    return devUrl !== undefined && u.origin === new URL(devUrl).origin;
  } catch {
    return false;
  }
}

/** Serves files of the built renderer, and nothing outside it. */
function serveRenderer(request: Request): Promise<Response> | Response {
  const { host, pathname } = new URL(request.url);
  let rel: string;
  try {
    rel = decodeURIComponent(pathname).replace(/^\/+/, '') || 'index.html';
  } catch {
    return new Response('Bad address', { status: 400 });
  }
  const file = path.resolve(rendererDir, rel);
  if (host !== 'lanemap' || !file.startsWith(rendererDir + path.sep)) return new Response('Not found', { status: 404 });
  return net.fetch(pathToFileURL(file).href);
}

async function createWindow(): Promise<void> {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Lanemap',
    backgroundColor: '#f7f8fa',
    webPreferences: {
      preload: path.join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
    },
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https:\/\/(github\.com|lanemap\.app)\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (e, url) => {
    if (!isAppUrl(url)) e.preventDefault();
  });
  // let the editor store what is still on its way before the window goes (at most 3 s)
  let flushed = false;
  win.on('close', (e) => {
    if (flushed) return;
    e.preventDefault();
    const timeout = new Promise((resolve) => setTimeout(resolve, 3000));
    const flush = win.webContents.executeJavaScript('window.__lanemapFlush ? window.__lanemapFlush() : null', true).catch(() => undefined);
    void Promise.race([flush, timeout]).then(() => {
      flushed = true;
      win.close();
    });
  });
  await win.loadURL(devUrl ?? `${APP_ORIGIN}/index.html`);
}

void app.whenReady().then(async () => {
  if (!isPrimary) return;
  protocol.handle('app', serveRenderer);
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
  session.defaultSession.webRequest.onHeadersReceived((details, cb) => {
    cb({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  const dataFile = path.join(app.getPath('userData'), LIBRARY_FILE_NAME);
  let opened: ReturnType<typeof openLibrary>;
  try {
    opened = openLibrary(dataFile);
  } catch (e) {
    dialog.showErrorBox('Lanemap cannot open its library', (e as Error).message);
    app.exit(1);
    return;
  }
  const { db } = opened;
  seedLibrary(db, undefined, languageOfLocale(app.getLocale()));
  const services = createServices(db, { dataFile, transport: 'electron', version: app.getVersion() });
  registerIpc(services, (event) => isAppUrl(event.senderFrame?.url ?? ''), {
    // exports are saved where the user chooses, through the native dialog
    'file:save': async ({ fileName, content, encoding }, event) => {
      const win = BrowserWindow.fromWebContents(event.sender);
      const options = { defaultPath: path.join(app.getPath('documents'), path.basename(fileName)) };
      const choice = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      if (choice.canceled || !choice.filePath) return { path: null };
      await fs.promises.writeFile(choice.filePath, Buffer.from(content, encoding));
      return { path: choice.filePath };
    },
  });
  app.on('will-quit', () => db.close());
  await createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
