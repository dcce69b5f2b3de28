/**
 * Which pages the desktop app trusts: the renderer it loads (ELECTRON_RENDERER_URL only in an
 * unpackaged app, only on this machine) and the IPC sender check (our own top frame only).
 */
import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, chooseRendererSource, isOwnPageUrl, isTrustedSender } from '../../src-main/shell/origins';

describe('the renderer the window loads', () => {
  it('is the built renderer at app://lanemap/ when no dev server is named', () => {
    expect(chooseRendererSource({ isPackaged: false, devUrl: undefined })).toEqual({ entryUrl: APP_ENTRY_URL, devOrigin: null, ignored: null });
  });

  it('ignores ELECTRON_RENDERER_URL in a packaged app, so no other origin ever gets the preload API', () => {
    for (const devUrl of ['http://localhost:5173/', 'https://evil.example/', 'http://127.0.0.1:5173/']) {
      const source = chooseRendererSource({ isPackaged: true, devUrl });
      expect(source.entryUrl).toBe('app://lanemap/index.html');
      expect(source.devOrigin).toBeNull();
      expect(source.ignored).toMatch(/packaged/);
    }
  });

  it('uses a dev server on this machine when the app is not packaged', () => {
    expect(chooseRendererSource({ isPackaged: false, devUrl: 'http://localhost:5173/' })).toEqual({
      entryUrl: 'http://localhost:5173/',
      devOrigin: 'http://localhost:5173',
      ignored: null,
    });
    expect(chooseRendererSource({ isPackaged: false, devUrl: 'http://127.0.0.1:5174' }).devOrigin).toBe('http://127.0.0.1:5174');
  });

  it('refuses a dev server address that is not http on localhost or 127.0.0.1', () => {
    for (const devUrl of [
      'https://evil.example/',
      'http://evil.example:5173/',
      'http://localhost.evil.example/',
      'file:///etc/passwd',
      'http://user@localhost:5173/',
      'not a url',
    ]) {
      const source = chooseRendererSource({ isPackaged: false, devUrl });
      expect(source.entryUrl, devUrl).toBe(APP_ENTRY_URL);
      expect(source.devOrigin, devUrl).toBeNull();
      expect(source.ignored, devUrl).not.toBeNull();
    }
  });
});

describe('our own pages', () => {
  it('are app://lanemap/… and, when trusted, the dev server', () => {
    expect(isOwnPageUrl('app://lanemap/index.html', null)).toBe(true);
    expect(isOwnPageUrl('app://lanemap/assets/x.js?v=1#a', null)).toBe(true);
    expect(isOwnPageUrl('app://evil/index.html', null)).toBe(false);
    expect(isOwnPageUrl('app://lanemap.evil/index.html', null)).toBe(false);
    expect(isOwnPageUrl('app://user@lanemap/index.html', null)).toBe(false);
    expect(isOwnPageUrl('app://lanemap:8080/index.html', null)).toBe(false);
    expect(isOwnPageUrl('http://localhost:5173/', null)).toBe(false);
    expect(isOwnPageUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isOwnPageUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isOwnPageUrl('file:///index.html', null)).toBe(false);
    expect(isOwnPageUrl('', null)).toBe(false);
  });
});

describe('the IPC sender check', () => {
  const top = (url: string) => ({ url, parent: null });
  const sub = (url: string) => ({ url, parent: top('app://lanemap/index.html') });

  it('answers our own page in its top frame', () => {
    expect(isTrustedSender(top('app://lanemap/index.html'), null)).toBe(true);
    expect(isTrustedSender(top('http://localhost:5173/'), 'http://localhost:5173')).toBe(true);
  });

  it('refuses a subframe, even one of our own origin', () => {
    expect(isTrustedSender(sub('app://lanemap/index.html'), null)).toBe(false);
    expect(isTrustedSender(sub('http://localhost:5173/'), 'http://localhost:5173')).toBe(false);
  });

  it('refuses other pages, the dev server in a packaged app, and a frame that has gone', () => {
    expect(isTrustedSender(top('https://evil.example/'), null)).toBe(false);
    expect(isTrustedSender(top('http://localhost:5173/'), null)).toBe(false);
    expect(isTrustedSender(null, null)).toBe(false);
    expect(isTrustedSender(undefined, null)).toBe(false);
  });
});
