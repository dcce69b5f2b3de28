/**
 * main.ts itself, run against a stand-in for the `electron` module (its binary cannot be had
 * here): it must wire the shell's rules to Electron. A packaged app ignores
 * ELECTRON_RENDERER_URL; every web contents (not only the window's) is kept from navigating
 * away; a subframe's IPC call is refused; app:// responses carry the CSP and a NUL never reaches
 * the disk; a failure while seeding the sample map is told in a dialog instead of killing the
 * app before any window exists; closing the window flushes first.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { removeTempDirs, tempDir } from '../support/library';

// the stand-ins take whatever Electron would pass
type Handler = (...args: any[]) => any;

const fake = vi.hoisted(() => {
  const state = {
    isPackaged: false,
    userData: '',
    seedThrows: false,
    appHandlers: new Map<string, Handler[]>(),
    ipc: new Map<string, Handler>(),
    protocolHandlers: new Map<string, Handler>(),
    privileged: [] as unknown[],
    windows: [] as FakeWindow[],
    boxes: [] as { message: string; buttons: string[] }[],
    errorBoxes: [] as string[],
    exits: [] as number[],
    fetched: [] as string[],
    sessionCalls: new Map<string, unknown[]>(),
    flushAnswer: 'resolve' as 'resolve' | 'never',
  };

  class FakeContents {
    listeners = new Map<string, Handler[]>();
    openHandler: Handler | null = null;
    scripts: string[] = [];
    on(event: string, listener: Handler) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    setWindowOpenHandler(h: Handler) {
      this.openHandler = h;
    }
    executeJavaScript(code: string) {
      this.scripts.push(code);
      return state.flushAnswer === 'never' ? new Promise(() => undefined) : Promise.resolve(null);
    }
    /** Fires like Electron; true when a listener prevented it. */
    fire(event: string, url?: string): boolean {
      let prevented = false;
      for (const l of this.listeners.get(event) ?? []) l({ preventDefault: () => (prevented = true), url }, url);
      return prevented;
    }
  }

  class FakeWindow {
    webContents = new FakeContents();
    listeners = new Map<string, Handler[]>();
    loaded: string[] = [];
    closes = 0;
    destroyed = false;
    constructor(readonly options: { webPreferences: Record<string, unknown> }) {
      state.windows.push(this);
      // Electron emits web-contents-created for every contents it makes, a window's included
      for (const h of state.appHandlers.get('web-contents-created') ?? []) h({}, this.webContents);
    }
    on(event: string, listener: Handler) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    async loadURL(url: string) {
      this.loaded.push(url);
    }
    /** A close request: `close` listeners may prevent it. */
    close() {
      let prevented = false;
      for (const l of this.listeners.get('close') ?? []) l({ preventDefault: () => (prevented = true) });
      if (!prevented) {
        this.closes++;
        this.destroyed = true;
      }
    }
    isDestroyed() {
      return this.destroyed;
    }
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {}
    static getAllWindows() {
      return state.windows;
    }
    static fromWebContents() {
      return state.windows[0] ?? null;
    }
  }

  const recordSession =
    (name: string) =>
    (...args: unknown[]) =>
      void state.sessionCalls.set(name, args);
  const electron = {
    app: {
      get isPackaged() {
        return state.isPackaged;
      },
      enableSandbox() {},
      requestSingleInstanceLock: () => true,
      quit() {},
      exit: (code: number) => void state.exits.push(code),
      on(event: string, h: Handler) {
        state.appHandlers.set(event, [...(state.appHandlers.get(event) ?? []), h]);
      },
      whenReady: () => Promise.resolve(),
      getLocale: () => 'en-US',
      getPath: (name: string) => (name === 'userData' ? state.userData : path.join(state.userData, name)),
      getVersion: () => '0.1.0',
    },
    BrowserWindow: FakeWindow,
    dialog: {
      showMessageBox: async (o: { message: string; buttons: string[] }) => {
        state.boxes.push(o);
        return { response: 0 };
      },
      showErrorBox: (_title: string, message: string) => void state.errorBoxes.push(message),
      showSaveDialog: async () => ({ canceled: true }),
    },
    protocol: {
      registerSchemesAsPrivileged: (s: unknown[]) => void state.privileged.push(...s),
      handle: (scheme: string, h: Handler) => void state.protocolHandlers.set(scheme, h),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: recordSession('setPermissionRequestHandler'),
        setPermissionCheckHandler: recordSession('setPermissionCheckHandler'),
        setDevicePermissionHandler: recordSession('setDevicePermissionHandler'),
        setSpellCheckerEnabled: recordSession('setSpellCheckerEnabled'),
        setSpellCheckerDictionaryDownloadURL: recordSession('setSpellCheckerDictionaryDownloadURL'),
        webRequest: { onHeadersReceived: recordSession('onHeadersReceived') },
      },
    },
    shell: { openExternal: async () => undefined },
    // no OS key store here: team tokens are kept for the run only (shell/tokenVault.ts)
    safeStorage: { isEncryptionAvailable: () => false },
    net: {
      fetch: async (url: string) => {
        state.fetched.push(url);
        return new Response('<!doctype html>', { status: 200, headers: { 'content-type': 'text/html' } });
      },
    },
    ipcMain: { handle: (name: string, h: Handler) => void state.ipc.set(name, h) },
  };

  function reset(): void {
    state.isPackaged = false;
    state.seedThrows = false;
    state.flushAnswer = 'resolve';
    state.appHandlers.clear();
    state.ipc.clear();
    state.protocolHandlers.clear();
    state.privileged.length = 0;
    state.windows.length = 0;
    state.boxes.length = 0;
    state.errorBoxes.length = 0;
    state.exits.length = 0;
    state.fetched.length = 0;
    state.sessionCalls.clear();
  }
  return { state, electron, reset, FakeContents };
});

vi.mock('electron', () => fake.electron);
vi.mock('../../src-main/services/library', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src-main/services/library')>();
  return {
    ...real,
    seedLibrary: (...args: Parameters<typeof real.seedLibrary>) => {
      if (fake.state.seedThrows) throw new Error('the bundled templates could not be read');
      return real.seedLibrary(...args);
    },
  };
});

const MAIN = '../../src-main/main.ts';

/** Starts main.ts afresh and waits until it has a window or has given up. */
async function startMain(env: { ELECTRON_RENDERER_URL?: string } = {}) {
  vi.resetModules();
  vi.stubEnv('ELECTRON_RENDERER_URL', env.ELECTRON_RENDERER_URL ?? '');
  if (env.ELECTRON_RENDERER_URL === undefined) delete process.env.ELECTRON_RENDERER_URL;
  await import(/* @vite-ignore */ MAIN);
  await vi.waitFor(() => expect(fake.state.windows.length + fake.state.exits.length).toBeGreaterThan(0), { timeout: 10_000 });
  const win = fake.state.windows[0];
  if (win) await vi.waitFor(() => expect(win.loaded.length).toBe(1));
  return win;
}

beforeEach(() => {
  fake.reset();
  fake.state.userData = tempDir();
});

afterEach(() => {
  // the app quitting closes the library
  for (const h of fake.state.appHandlers.get('will-quit') ?? []) h();
  vi.unstubAllEnvs();
  removeTempDirs();
});

describe('the renderer the window loads', () => {
  it('is app://lanemap/ in a packaged app even when ELECTRON_RENDERER_URL names another page', async () => {
    fake.state.isPackaged = true;
    const win = await startMain({ ELECTRON_RENDERER_URL: 'http://localhost:5173/' });
    expect(win?.loaded).toEqual(['app://lanemap/index.html']);
  });

  it('is the dev server in an unpackaged app', async () => {
    const win = await startMain({ ELECTRON_RENDERER_URL: 'http://localhost:5173/' });
    expect(win?.loaded).toEqual(['http://localhost:5173/']);
  });

  it('is locked down: sandbox, isolation, no Node, no spell-check', async () => {
    const win = await startMain();
    expect(win?.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      webviewTag: false,
    });
    expect(fake.state.sessionCalls.get('setPermissionCheckHandler')).toBeDefined();
    expect(fake.state.sessionCalls.get('setSpellCheckerEnabled')).toEqual([false]);
  });
});

describe('any web contents', () => {
  it('cannot navigate away or attach a webview, not only the main window', async () => {
    await startMain();
    const other = new fake.FakeContents();
    for (const h of fake.state.appHandlers.get('web-contents-created') ?? []) h({}, other);
    expect(other.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(other.fire('will-navigate', 'app://lanemap/index.html')).toBe(false);
    expect(other.fire('will-attach-webview')).toBe(true);
    expect(other.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });
});

describe('IPC', () => {
  it('answers our own top frame and refuses a subframe of our own origin', async () => {
    await startMain();
    const list = fake.state.ipc.get('maps:list')!;
    const top = { url: 'app://lanemap/index.html', parent: null };
    expect(await list({ senderFrame: top, sender: {} }, {})).toMatchObject({ ok: true });
    expect(await list({ senderFrame: { url: 'app://lanemap/index.html', parent: top }, sender: {} }, {})).toMatchObject({ ok: false });
    expect(await list({ senderFrame: null, sender: {} }, {})).toMatchObject({ ok: false });
  });
});

describe('the app:// protocol', () => {
  it('answers with the CSP in the headers and never passes a NUL on to the disk', async () => {
    await startMain();
    const handle = fake.state.protocolHandlers.get('app')!;
    const page: Response = await handle(new Request('app://lanemap/index.html'));
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const nul: Response = await handle(new Request('app://lanemap/index.html%00.png'));
    expect(nul.status).toBe(404);
    expect(fake.state.fetched.filter((u) => u.includes('%00') || u.includes('\0'))).toEqual([]);
  });
});

describe('start-up', () => {
  it('a failure while seeding the sample map is told in a dialog and the app exits, instead of dying without a window or a word', async () => {
    fake.state.seedThrows = true;
    const win = await startMain();
    expect(win).toBeUndefined();
    expect(fake.state.exits).toEqual([1]);
    expect([...fake.state.boxes.map((b) => b.message), ...fake.state.errorBoxes].join('\n')).toContain('Lanemap could not open its library');
  });
});

describe('closing the window', () => {
  it('asks the page to flush first, then closes', async () => {
    const win = (await startMain())!;
    win.close();
    expect(win.webContents.scripts).toEqual(['window.__lanemapFlush ? window.__lanemapFlush() : null']);
    await vi.waitFor(() => expect(win.closes).toBe(1));
  });
});

describe('rolling backups', () => {
  it('an edit through IPC leaves a copy in the backups folder, and quitting takes one of the later edits', async () => {
    await startMain();
    const backupsDir = path.join(fake.state.userData, 'backups');
    const top = { senderFrame: { url: 'app://lanemap/index.html', parent: null }, sender: {} };
    expect(await fake.state.ipc.get('maps:create')!(top, { title: 'Воронка продаж' })).toMatchObject({ ok: true });
    // the copy is taken once the reply is on its way
    await new Promise((resolve) => setImmediate(resolve));
    const afterEdit = fs.readdirSync(backupsDir).filter((f) => f.endsWith('.sqlite'));
    expect(afterEdit).toHaveLength(1);
    // a second edit within the hour takes no copy; quitting does
    expect(await fake.state.ipc.get('maps:create')!(top, { title: 'Second' })).toMatchObject({ ok: true });
    await new Promise((resolve) => setImmediate(resolve));
    expect(fs.readdirSync(backupsDir).filter((f) => f.endsWith('.sqlite'))).toHaveLength(1);
    for (const h of fake.state.appHandlers.get('will-quit') ?? []) h();
    fake.state.appHandlers.delete('will-quit');
    expect(fs.readdirSync(backupsDir).filter((f) => f.endsWith('.sqlite'))).toHaveLength(2);
  });
});
