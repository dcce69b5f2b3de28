/**
 * Electron main process: opens the library, registers IPC, creates a locked-down window.
 * Kept thin: everything testable lives in services/ and storage/.
 */
import { app, BrowserWindow, dialog, net, protocol, session, shell } from 'electron';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { registerIpc } from './ipc';
import { LIBRARY_FILE_NAME } from './paths';
import { createServices, seedLibrary } from './services/library';
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
protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

function isAppUrl(url: string): boolean {
  if (devUrl && url.startsWith(devUrl)) return true;
  return url.startsWith(`${APP_ORIGIN}/`);
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
  await win.loadURL(devUrl ?? `${APP_ORIGIN}/index.html`);
}

void app.whenReady().then(async () => {
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
  seedLibrary(db);
  const services = createServices(db, { dataFile, transport: 'electron', version: app.getVersion() });
  registerIpc(services, (event) => isAppUrl(event.senderFrame?.url ?? ''));
  app.on('will-quit', () => db.close());
  await createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
