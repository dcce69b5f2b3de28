/**
 * Electron main process: only wiring. Every decision (which page to load, which files app://
 * serves, who may call IPC, where a page may go, what the user is told when the library cannot
 * be opened, flushing before close) is a plain function in ./shell/, tested without Electron.
 */
import { printPdf } from './shell/printPdf';
import { app, BrowserWindow, dialog, protocol, safeStorage, session, shell } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerIpc } from './ipc';
import { LIBRARY_FILE_NAME } from './paths';
import { createServices, languageOfLocale } from './services/library';
import { createAppProtocolHandler } from './shell/appProtocol';
import { createCloseGuard } from './shell/closeGuard';
import { createDialogUi } from './shell/dialogUi';
import { shellMessages } from './shell/messages';
import { guardWebContents } from './shell/navigation';
import { APP_SCHEME, chooseRendererSource, isTrustedSender } from './shell/origins';
import { lockDownSession } from './shell/permissions';
import { startLibrary } from './shell/startup';
import { withRollingBackups } from './shell/backupWiring';
import { backupSchedulerFor } from './storage/backups';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import { settingsKeyValue } from './services/team';
import { electronTokenVault } from './shell/tokenVault';
import { createTeamClient } from './team/client';
import { createWindowEvents } from './team/windows';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.join(here, '../renderer');
// the dev server only in an unpackaged app, and only on this machine
const renderer = chooseRendererSource({ isPackaged: app.isPackaged, devUrl: process.env.ELECTRON_RENDERER_URL });
if (renderer.ignored) console.warn(renderer.ignored);

app.enableSandbox();
// one Lanemap window per library; a second start focuses the first
const isPrimary = app.requestSingleInstanceLock();
if (!isPrimary) app.quit();
app.on('second-instance', () => {
  const win = BrowserWindow.getAllWindows()[0];
  if (win?.isMinimized()) win.restore();
  win?.focus();
});
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

// every web contents, not only the main window's: no navigation away, no new windows, no <webview>
app.on('web-contents-created', (_event, contents) => {
  guardWebContents(contents, {
    devOrigin: renderer.devOrigin,
    // only https links to the fixed hosts of navigation.ts's EXTERNAL_LINK_HOSTS reach here
    openExternal: (url) => shell.openExternal(url) /* eng-disable OPEN_EXTERNAL_JS_CHECK */,
  });
});

async function createWindow(): Promise<void> {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Lanemap',
    backgroundColor: '#f7f8fa',
    webPreferences: {
      // the preload exposes only the contract's allow-listed calls (preload.ts), in a sandbox
      preload: path.join(here, '../preload/index.cjs') /* eng-disable PRELOAD_JS_CHECK */,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  // let the editor store what is still on its way before the window goes (at most 3 s)
  const guard = createCloseGuard({
    flush: () => win.webContents.executeJavaScript('window.__lanemapFlush ? window.__lanemapFlush() : null', true),
    close: () => {
      if (!win.isDestroyed()) win.close();
    },
  });
  win.on('close', (e) => guard.onClose(e));
  await win.loadURL(renderer.entryUrl);
}

void app.whenReady().then(async () => {
  if (!isPrimary) return;
  lockDownSession(session.defaultSession, renderer.devOrigin);
  // app:// responses carry the CSP themselves (pages and the layout worker's script)
  protocol.handle(APP_SCHEME, createAppProtocolHandler({ rendererDir, readFile: (file) => fs.promises.readFile(file) }));
  if (renderer.devOrigin) {
    // the dev server sends no CSP of its own
    session.defaultSession.webRequest.onHeadersReceived({ urls: [`${renderer.devOrigin}/*`] }, (details, cb) => {
      cb({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
    });
  }

  const language = languageOfLocale(app.getLocale());
  const dataFile = path.join(app.getPath('userData'), LIBRARY_FILE_NAME);
  const started = await startLibrary({ dataFile, language, ui: createDialogUi(shellMessages(language), (options) => dialog.showMessageBox(options)) });
  if (!started.ok) {
    app.exit(started.exitCode);
    return;
  }
  const { db } = started;
  // a copy of the library at most once an hour while editing, and one at quit
  const backups = backupSchedulerFor(db, dataFile);
  // team servers: tokens encrypted by the OS key store (or for this run only), events to the window that watches
  const windows = createWindowEvents((client) => team.watch({ client, server: null, mapId: null }));
  const team = createTeamClient({ store: settingsKeyValue(db), vault: electronTokenVault(safeStorage, path.join(app.getPath('userData'), 'team-tokens.json')), deliver: windows.deliver });
  const services = withRollingBackups(createServices(db, { dataFile, transport: 'electron', version: app.getVersion(), team }), backups);
  registerIpc(services, (event) => isTrustedSender(event.senderFrame, renderer.devOrigin), {
    'team:watch': async (input, event) => {
      if (input.server !== null) windows.follow(input.client, event.sender);
      return team.watch(input);
    },
    // exports are saved where the user chooses, through the native dialog
    'file:save': async ({ fileName, content, encoding }, event) => {
      const win = BrowserWindow.fromWebContents(event.sender);
      const options = { defaultPath: path.join(app.getPath('documents'), path.basename(fileName)) };
      const choice = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      if (choice.canceled || !choice.filePath) return { path: null };
      await fs.promises.writeFile(choice.filePath, Buffer.from(content, encoding));
      return { path: choice.filePath };
    },
    // printing: the PDF's pages through the system's print dialog (shell/printPdf.ts)
    'file:print': async ({ content, title }, event) => ({ printed: await printPdf(Buffer.from(content, 'base64'), title, BrowserWindow.fromWebContents(event.sender)) }),
  });
  app.on('will-quit', () => {
    team.close();
    backups.atQuit();
    db.close();
  });
  await createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
