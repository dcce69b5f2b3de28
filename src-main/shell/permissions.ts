/**
 * The session's permission and spell-check settings. Lanemap needs no camera, microphone,
 * notifications, devices or anything else a page may ask for: every request and every check
 * is refused, except the clipboard for the app's own pages (the context menu's Copy and Paste
 * of steps go through the async Clipboard API). Spell-checking is off and its dictionaries
 * are never downloaded.
 */
import { APP_SCHEME, APP_HOST } from './origins';

/** Where Chromium would fetch spell-check dictionaries from: a name that never resolves (RFC 2606). */
export const NO_DICTIONARY_DOWNLOADS = 'https://dictionaries.invalid/';

/** The permissions the app's own pages get: reading and writing the clipboard. */
export const CLIPBOARD_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-read', 'clipboard-sanitized-write']);

/** The parts of Electron's `Session` this touches. */
export interface LockableSession {
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void, details?: { requestingUrl?: string }) => void): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string, requestingOrigin?: string) => boolean): void;
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void;
  setSpellCheckerEnabled(enable: boolean): void;
  setSpellCheckerDictionaryDownloadURL(url: string): void;
}

/** True for an address of the app's own pages (app://lanemap/…, or the trusted dev server). */
function isOwnPage(address: string | undefined, devOrigin: string | null): boolean {
  if (!address) return false;
  try {
    const url = new URL(address);
    return (url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST) || (devOrigin !== null && url.origin === devOrigin);
  } catch {
    return false;
  }
}

/** Refuses every permission request and check (the clipboard excepted for the app's pages), and turns spell-checking (and its downloads) off. */
export function lockDownSession(session: LockableSession, devOrigin: string | null = null): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => callback(CLIPBOARD_PERMISSIONS.has(permission) && isOwnPage(details?.requestingUrl, devOrigin)));
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => CLIPBOARD_PERMISSIONS.has(permission) && isOwnPage(requestingOrigin, devOrigin));
  session.setDevicePermissionHandler(() => false);
  session.setSpellCheckerEnabled(false);
  session.setSpellCheckerDictionaryDownloadURL(NO_DICTIONARY_DOWNLOADS);
}
