/**
 * Rules for every web contents the app ever creates (windows, and anything a page might try
 * to open): no navigation away from our own pages, no new windows, no <webview>. Links to a
 * few known https sites open in the system browser instead.
 */
import { isOwnPageUrl } from './origins';

/** The only sites a link in the app may open, in the system browser. */
export const EXTERNAL_LINK_HOSTS: readonly string[] = ['github.com', 'lanemap.app'];

/** https, a listed host exactly (no subdomains, no other port), no credentials in the address. */
export function isAllowedExternalLink(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return u.protocol === 'https:' && u.port === '' && u.username === '' && u.password === '' && EXTERNAL_LINK_HOSTS.includes(u.hostname);
}

/** The part of an Electron event the rules use. */
export interface PreventableEvent {
  preventDefault(): void;
}

/**
 * The parts of Electron's `WebContents` the rules attach to. Each navigation event carries the
 * address it is going to (`event.url`, Electron >= 25).
 */
export interface GuardableContents {
  on(event: 'will-navigate', listener: (event: PreventableEvent & { url: string }) => void): unknown;
  on(event: 'will-frame-navigate', listener: (event: PreventableEvent & { url: string }) => void): unknown;
  on(event: 'will-redirect', listener: (event: PreventableEvent & { url: string }) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface NavigationRules {
  /** The trusted dev server's origin (unpackaged app only), else null. */
  devOrigin: string | null;
  /** Opens an address in the system browser (Electron's `shell.openExternal`). */
  openExternal(url: string): Promise<void> | void;
}

/**
 * Locks down one web contents. Wire it to `app.on('web-contents-created')` so it covers every
 * contents, not only the main window's.
 */
export function guardWebContents(contents: GuardableContents, rules: NavigationRules): void {
  const stayHome = (event: PreventableEvent & { url: string }) => {
    if (!isOwnPageUrl(event.url, rules.devOrigin)) event.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-frame-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalLink(url)) {
      // a failure to start the browser must not reach the page. Electronegativity asks for a
      // review of every openExternal: only https addresses on EXTERNAL_LINK_HOSTS get here
      void Promise.resolve()
        .then(() => rules.openExternal(url)) /* eng-disable OPEN_EXTERNAL_JS_CHECK */
        .catch(() => undefined);
    }
    return { action: 'deny' };
  });
}
