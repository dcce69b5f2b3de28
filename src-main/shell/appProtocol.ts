/**
 * The `app://lanemap/` protocol: the built renderer's files and nothing else. Every response
 * carries the Content Security Policy in its headers, so it applies to the pages and to the
 * layout Web Worker's script (a worker takes its CSP from its own response, not from a <meta>).
 */
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { APP_HOST, APP_SCHEME } from './origins';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export interface AppProtocolOptions {
  /** The built renderer (`out/renderer`), an absolute path. */
  rendererDir: string;
  /** Reads a file's bytes (`fs.promises.readFile`; it reads inside the asar archive in Electron). */
  readFile(file: string): Promise<Uint8Array>;
  csp?: string;
}

/**
 * The file inside `rendererDir` an app:// address names, or null when it names anything else:
 * another host, a path leaving the folder (`..`, encoded or not), an encoded slash, a backslash
 * or a NUL byte. `/` is index.html; query and fragment are ignored.
 */
export function resolveRendererFile(rendererDir: string, address: string): string | null {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username !== '' || url.password !== '') return null;
  // the parser already removed plain and %2e dot segments; what is still encoded is refused here
  if (/%(?:00|2f|5c)/i.test(url.pathname)) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (rel.includes('\0') || rel.includes('\\')) return null;
  const segments = rel.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.')) return null;
  if (segments.length === 0) segments.push('index.html');
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, ...segments);
  return file.startsWith(root + path.sep) ? file : null;
}

/** The content type of a renderer file, by its extension. */
export function contentTypeOf(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Builds the handler for `protocol.handle('app', …)`. It never throws: failures are responses. */
export function createAppProtocolHandler(opts: AppProtocolOptions): (request: Request) => Promise<Response> {
  const csp = opts.csp ?? CONTENT_SECURITY_POLICY;
  const headers = (type: string) => ({
    'content-type': type,
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
  });
  const refuse = (status: number, text: string) => new Response(text, { status, headers: headers('text/plain; charset=utf-8') });
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'Method not allowed');
    const file = resolveRendererFile(opts.rendererDir, request.url);
    if (file === null) return refuse(404, 'Not found');
    let bytes: Uint8Array;
    try {
      bytes = await opts.readFile(file);
    } catch {
      return refuse(404, 'Not found');
    }
    const body = request.method === 'HEAD' ? null : new Uint8Array(bytes);
    return new Response(body, { status: 200, headers: headers(contentTypeOf(file)) });
  };
}
