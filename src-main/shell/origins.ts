/**
 * Which pages are the desktop app's own: the built renderer at app://lanemap/ and, only in an
 * unpackaged app started by `electron-vite dev`, the dev server on this machine. Everything
 * that decides trust (IPC senders, navigation) asks here.
 */

/** The privileged scheme and host the built renderer is served from (a real origin for the layout worker). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'lanemap';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

export interface RendererSource {
  /** What the window loads. */
  entryUrl: string;
  /** The dev server's origin when it is trusted (unpackaged app only), else null. */
  devOrigin: string | null;
  /** Why `ELECTRON_RENDERER_URL` was set but not used, for the log. */
  ignored: string | null;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * `ELECTRON_RENDERER_URL` is honoured only when the app is not packaged and only for a dev
 * server on this machine: a packaged app pointed at another origin would hand that origin the
 * preload's API.
 */
export function chooseRendererSource(opts: { isPackaged: boolean; devUrl: string | undefined }): RendererSource {
  const built: RendererSource = { entryUrl: APP_ENTRY_URL, devOrigin: null, ignored: null };
  if (opts.devUrl === undefined || opts.devUrl === '') return built;
  if (opts.isPackaged) return { ...built, ignored: 'ELECTRON_RENDERER_URL is ignored in a packaged app' };
  let url: URL;
  try {
    url = new URL(opts.devUrl);
  } catch {
    return { ...built, ignored: 'ELECTRON_RENDERER_URL is not a URL' };
  }
  if (url.protocol !== 'http:' || !LOCAL_HOSTS.has(url.hostname) || url.username !== '' || url.password !== '') {
    return { ...built, ignored: 'ELECTRON_RENDERER_URL must be an http:// address on localhost or 127.0.0.1' };
  }
  return { entryUrl: url.href, devOrigin: url.origin, ignored: null };
}

/** True for app://lanemap/… and, when trusted, the dev server's origin. */
export function isOwnPageUrl(url: string, devOrigin: string | null): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  // Node's URL gives custom schemes a "null" origin: compare scheme, host and credentials instead
  if (u.protocol === `${APP_SCHEME}:`) return u.host === APP_HOST && u.username === '' && u.password === '';
  return devOrigin !== null && u.origin === devOrigin;
}

/** The parts of Electron's `WebFrameMain` the sender check reads. */
export interface SenderFrame {
  url: string;
  /** Null for a top-level frame. */
  parent: unknown;
}

/**
 * An IPC call is answered only for our own page in a top-level frame: not for a subframe (even
 * one of our own origin), not for a frame that has gone (`senderFrame` is null then).
 */
export function isTrustedSender(frame: SenderFrame | null | undefined, devOrigin: string | null): boolean {
  if (!frame) return false;
  return frame.parent === null && isOwnPageUrl(frame.url, devOrigin);
}
