/**
 * Every web contents stays on our own pages: navigation elsewhere is refused, new windows are
 * refused (links to a few https sites open in the system browser), <webview> never attaches;
 * every permission is refused and spell-check dictionaries are never downloaded.
 */
import { describe, expect, it, vi } from 'vitest';
import { guardWebContents, isAllowedExternalLink, type GuardableContents } from '../../src-main/shell/navigation';
import { lockDownSession, NO_DICTIONARY_DOWNLOADS, type LockableSession } from '../../src-main/shell/permissions';

type Listener = (event: { preventDefault(): void; url?: string }) => void;

/** A web contents as Electron hands it to `web-contents-created`: a window's, a devtools', anything. */
function fakeContents() {
  const listeners = new Map<string, Listener[]>();
  let openHandler: ((d: { url: string }) => { action: 'deny' }) | null = null;
  const contents = {
    on(event: string, listener: Listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return contents;
    },
    setWindowOpenHandler(handler: (d: { url: string }) => { action: 'deny' }) {
      openHandler = handler;
    },
  };
  /** Fires an event the way Electron does; true when some listener prevented it. */
  const fire = (name: string, url?: string): boolean => {
    let prevented = false;
    for (const l of listeners.get(name) ?? []) l({ preventDefault: () => (prevented = true), url });
    return prevented;
  };
  const open = (url: string) => openHandler?.({ url });
  return { contents: contents as unknown as GuardableContents, fire, open, hasOpenHandler: () => openHandler !== null };
}

describe('navigation from any web contents', () => {
  it('stays on app://lanemap/ and refuses every other address, on every navigation event', () => {
    const c = fakeContents();
    guardWebContents(c.contents, { devOrigin: null, openExternal: vi.fn() });
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(c.fire(event, 'app://lanemap/index.html'), event).toBe(false);
      for (const url of [
        'https://evil.example/',
        'http://localhost:5173/',
        'file:///etc/passwd',
        'app://evil/index.html',
        'javascript:alert(1)',
        'data:text/html,x',
      ]) {
        expect(c.fire(event, url), `${event} ${url}`).toBe(true);
      }
    }
  });

  it('lets the trusted dev server be navigated to only when it is trusted', () => {
    const c = fakeContents();
    guardWebContents(c.contents, { devOrigin: 'http://localhost:5173', openExternal: vi.fn() });
    expect(c.fire('will-navigate', 'http://localhost:5173/index.html')).toBe(false);
    expect(c.fire('will-navigate', 'http://localhost:5174/index.html')).toBe(true);
  });

  it('never attaches a <webview>', () => {
    const c = fakeContents();
    guardWebContents(c.contents, { devOrigin: null, openExternal: vi.fn() });
    expect(c.fire('will-attach-webview')).toBe(true);
  });
});

describe('new windows', () => {
  it('are all refused; an allowed https link opens in the system browser instead', async () => {
    const openExternal = vi.fn();
    const c = fakeContents();
    guardWebContents(c.contents, { devOrigin: null, openExternal });
    expect(c.hasOpenHandler()).toBe(true);
    expect(c.open('https://github.com/lanemap/lanemap')).toEqual({ action: 'deny' });
    expect(c.open('app://lanemap/index.html')).toEqual({ action: 'deny' });
    expect(c.open('https://evil.example/')).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(openExternal).toHaveBeenCalledWith('https://github.com/lanemap/lanemap'));
    expect(openExternal).toHaveBeenCalledTimes(1);
  });

  it('a browser that fails to start does not break the page', async () => {
    const openExternal = vi.fn(() => Promise.reject(new Error('no browser')));
    const c = fakeContents();
    guardWebContents(c.contents, { devOrigin: null, openExternal });
    expect(c.open('https://lanemap.app/help')).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(openExternal).toHaveBeenCalled());
  });
});

describe('the external-link allow-list', () => {
  it('takes https links to the listed hosts only', () => {
    expect(isAllowedExternalLink('https://github.com/x')).toBe(true);
    expect(isAllowedExternalLink('https://lanemap.app/')).toBe(true);
    for (const url of [
      'http://github.com/x',
      'https://github.com.evil.example/',
      'https://evil.github.com/',
      'https://user@github.com/',
      'https://github.com:8443/',
      'file:///etc/passwd',
      'smb://github.com/share',
      'javascript:alert(1)',
      'app://lanemap/index.html',
      'not a url',
    ]) {
      expect(isAllowedExternalLink(url), url).toBe(false);
    }
  });
});

describe('the session', () => {
  function fakeSession() {
    const calls: Record<string, unknown[]> = {};
    const record =
      (name: string) =>
      (...args: unknown[]) => {
        calls[name] = args;
      };
    const session: LockableSession = {
      setPermissionRequestHandler: record('setPermissionRequestHandler'),
      setPermissionCheckHandler: record('setPermissionCheckHandler'),
      setDevicePermissionHandler: record('setDevicePermissionHandler'),
      setSpellCheckerEnabled: record('setSpellCheckerEnabled'),
      setSpellCheckerDictionaryDownloadURL: record('setSpellCheckerDictionaryDownloadURL'),
    };
    return { session, calls };
  }

  it('gives the app’s own pages the clipboard and nothing else; other pages not even that', () => {
    const { session, calls } = fakeSession();
    lockDownSession(session, 'http://localhost:5173');
    const request = calls.setPermissionRequestHandler?.[0] as (wc: unknown, p: string, cb: (granted: boolean) => void, d?: { requestingUrl?: string }) => void;
    const check = calls.setPermissionCheckHandler?.[0] as (wc: unknown, p: string, origin?: string) => boolean;
    const ask = (permission: string, url: string) => {
      const answers: boolean[] = [];
      request({}, permission, (granted) => answers.push(granted), { requestingUrl: url });
      return answers;
    };
    for (const url of ['app://lanemap/index.html', 'http://localhost:5173/index.html']) {
      expect(ask('clipboard-read', url), url).toEqual([true]);
      expect(ask('clipboard-sanitized-write', url), url).toEqual([true]);
      expect(check({}, 'clipboard-read', url), url).toBe(true);
      for (const other of ['media', 'geolocation', 'notifications', 'openExternal']) expect(ask(other, url), other).toEqual([false]);
    }
    for (const url of ['https://evil.example/', 'app://other/index.html', 'http://localhost:9999/', 'not a url']) {
      expect(ask('clipboard-read', url), url).toEqual([false]);
      expect(check({}, 'clipboard-read', url), url).toBe(false);
    }
  });

  it('refuses every permission request and every permission check without a known page', () => {
    const { session, calls } = fakeSession();
    lockDownSession(session);
    const request = calls.setPermissionRequestHandler?.[0] as (wc: unknown, p: string, cb: (granted: boolean) => void) => void;
    const check = calls.setPermissionCheckHandler?.[0] as (wc: unknown, p: string) => boolean;
    const device = calls.setDevicePermissionHandler?.[0] as (d: unknown) => boolean;
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'clipboard-sanitized-write',
      'fullscreen',
      'openExternal',
      'hid',
      'serial',
      'usb',
    ]) {
      const answers: boolean[] = [];
      request({}, permission, (granted) => answers.push(granted));
      expect(answers, permission).toEqual([false]);
      expect(check({}, permission), permission).toBe(false);
    }
    expect(device({ deviceType: 'usb' })).toBe(false);
  });

  it('turns spell-check off and points its dictionary downloads at a name that never resolves', () => {
    const { session, calls } = fakeSession();
    lockDownSession(session);
    expect(calls.setSpellCheckerEnabled).toEqual([false]);
    expect(calls.setSpellCheckerDictionaryDownloadURL).toEqual([NO_DICTIONARY_DOWNLOADS]);
    expect(new URL(NO_DICTIONARY_DOWNLOADS).hostname.endsWith('.invalid')).toBe(true);
  });
});
