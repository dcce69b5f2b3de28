/**
 * The session's permission and spell-check settings. Lanemap needs no camera, microphone,
 * notifications, clipboard reads, devices or anything else a page may ask for: every request
 * and every check is refused. Spell-checking is off and its dictionaries are never downloaded.
 */

/** Where Chromium would fetch spell-check dictionaries from: a name that never resolves (RFC 2606). */
export const NO_DICTIONARY_DOWNLOADS = 'https://dictionaries.invalid/';

/** The parts of Electron's `Session` this touches. */
export interface LockableSession {
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void;
  setSpellCheckerEnabled(enable: boolean): void;
  setSpellCheckerDictionaryDownloadURL(url: string): void;
}

/** Refuses every permission request and check, and turns spell-checking (and its downloads) off. */
export function lockDownSession(session: LockableSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.setSpellCheckerEnabled(false);
  session.setSpellCheckerDictionaryDownloadURL(NO_DICTIONARY_DOWNLOADS);
}
