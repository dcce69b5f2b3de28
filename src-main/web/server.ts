/**
 * The HTTP bridge: the same services as Electron's IPC, over HTTP on 127.0.0.1, for tests and
 * `npm run web`. Never part of the packaged app. It refuses to be driven by other web pages:
 * only its own Host (DNS rebinding), only its own Origin (CSRF), and a random per-launch token
 * that only the page it serves receives.
 *
 * No request of any shape may end it: every handler runs inside a try/catch, every stream has
 * an 'error' listener, malformed requests get their answer from `clientError`. Everything is
 * checked on the headers, before a byte of the body is read; a refused caller gets its answer
 * and the connection is closed. Large bodies are read only a few at a time, and slow senders
 * are cut off (headers, whole request and idle time-outs).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { CallReply, ErrorCode } from '../../shared/contract';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { dispatchAsync } from '../services/dispatch';
import type { Services } from '../services/library';
import type { EventRelay } from '../team/relay';
import { failedAnswer, hardenedServer } from './hardenedServer';
import { serveTeamEvents } from './teamEvents';

export const TOKEN_HEADER = 'x-lanemap-token';

export interface WebBridgeLimits {
  /** Largest request body, in bytes. */
  maxBody: number;
  /** A body past this many bytes is "large": only `maxLargeBodies` of them are read at once. */
  largeBody: number;
  /** Large bodies read at the same time; one more gets 503 (busy, try again). */
  maxLargeBodies: number;
  /** The request line and headers must arrive within this time. */
  headersTimeoutMs: number;
  /** The whole request (headers and body) must arrive within this time. */
  requestTimeoutMs: number;
  /** A connection on which nothing moves for this long is closed. */
  idleTimeoutMs: number;
  /** How often the headers and request time-outs are checked. */
  checkIntervalMs: number;
}

export const DEFAULT_LIMITS: WebBridgeLimits = {
  // room for a 20-million-character map file once JSON-escaped in a request (Cyrillic: 2 bytes each)
  maxBody: 64 * 1024 * 1024,
  largeBody: 1024 * 1024,
  // one window never sends more than two large bodies at once: its edits are written one request
  // at a time (editorStore's write loop), and an import is the only other large call
  maxLargeBodies: 2,
  headersTimeoutMs: 10_000,
  // 64 MB over the loopback takes well under a second; a minute is for a busy machine
  requestTimeoutMs: 60_000,
  idleTimeoutMs: 30_000,
  checkIntervalMs: 1_000,
};

/** What the bridge is doing, for tests and the soak run. */
export interface WebBridgeStats {
  /** Large bodies being read right now. */
  largeBodies: number;
  /** The most large bodies ever read at once. */
  peakLargeBodies: number;
  /** Requests refused with 503 because enough large bodies were being read. */
  refusedBusy: number;
  /** Requests whose handling threw (answered 500; the bridge went on). */
  handlerErrors: number;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.json': 'application/json; charset=utf-8',
  '.ico': 'image/x-icon',
};

/** Longer paths are refused before they are decoded (the longest real one is ~60 characters). */
const MAX_PATH = 2048;
/** NUL and the other control characters: never part of a file name or a call name. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * `application/json`, optionally with `charset=utf-8`: any case, any spaces around the
 * parts, the charset quoted or not. Nothing else (no other type, charset or parameter).
 */
export function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined) return false;
  const [type, ...params] = header.split(';');
  if (type!.trim().toLowerCase() !== 'application/json') return false;
  if (params.length === 0) return true;
  if (params.length > 1) return false;
  const m = /^\s*charset\s*=\s*("?)utf-8\1\s*$/i.exec(params[0]!);
  return m !== null;
}

export interface WebBridge {
  url: string;
  token: string;
  stats(): WebBridgeStats;
  close(): Promise<void>;
}

export interface WebBridgeOptions {
  services: Services;
  /** The built renderer (`out/renderer`). */
  rendererDir: string;
  port?: number;
  /** Tests shorten the time-outs and lower the sizes. */
  limits?: Partial<WebBridgeLimits>;
  /** Team events for the pages, served as `GET /events?client=<id>&token=<token>` (./teamEvents.ts). */
  events?: EventRelay;
}


export async function startWebBridge(opts: WebBridgeOptions): Promise<WebBridge> {
  const limits: WebBridgeLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const token = crypto.randomBytes(32).toString('hex');
  const tokenBytes = Buffer.from(token);
  const rendererDir = path.resolve(opts.rendererDir);
  const indexFile = path.join(rendererDir, 'index.html');
  let allowedHosts = new Set<string>();
  let allowedOrigins = new Set<string>();
  const stats: WebBridgeStats = { largeBodies: 0, peakLargeBodies: 0, refusedBusy: 0, handlerErrors: 0 };

  function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    /** `close`: the caller is refused; it gets its answer and the connection ends (nothing more is read). */
    const send = (status: number, body: string | Buffer, type = 'text/plain; charset=utf-8', extra: Record<string, string> = {}, close = false) => {
      if (res.headersSent) {
        // an answer is already on its way: the only way left to say "failed" is to hang up
        res.destroy();
        return;
      }
      res.writeHead(status, {
        'content-type': type,
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'content-security-policy': CONTENT_SECURITY_POLICY,
        ...(close ? { connection: 'close' } : {}),
        ...extra,
      });
      res.end(body);
    };
    const reply = (status: number, r: CallReply, close = false) =>
      send(status, JSON.stringify(r), 'application/json; charset=utf-8', { 'cache-control': 'no-store' }, close);
    const refuse = (status: number, code: ErrorCode, message: string, close = true) => reply(status, { ok: false, error: { code, message } }, close);

    // Node keeps the first of two Host headers: a request that sends two is refused outright
    const hosts = req.rawHeaders.filter((h, i) => i % 2 === 0 && h.toLowerCase() === 'host').length;
    if (hosts > 1) return send(400, 'Bad request.', undefined, {}, true);
    if (!allowedHosts.has(String(req.headers.host ?? ''))) return send(421, 'Lanemap answers only to 127.0.0.1 and localhost.', undefined, {}, true);
    // the path as sent (origin-form only: no "http://host/…", no "*"), without its query
    const target = req.url ?? '';
    if (!target.startsWith('/')) return send(400, 'Bad address.', undefined, {}, true);
    const query = target.search(/[?#]/);
    const rawPath = query < 0 ? target : target.slice(0, query);
    if (rawPath.length > MAX_PATH) return send(414, 'The address is too long.', undefined, {}, true);
    let pathname: string;
    try {
      pathname = decodeURIComponent(rawPath);
    } catch {
      return send(400, 'Bad address.', undefined, {}, true);
    }
    // a NUL (%00) makes fs throw, and no file or call name has a control character
    if (CONTROL.test(pathname)) return send(400, 'Bad address.', undefined, {}, true);

    if (pathname.startsWith('/api/')) {
      const origin = req.headers.origin;
      if (origin !== undefined && !allowedOrigins.has(origin)) return refuse(403, 'bad-input', 'Requests from other web pages are refused.');
      if (req.method !== 'POST') return refuse(405, 'bad-input', 'Use POST.');
      const given = Buffer.from(String(req.headers[TOKEN_HEADER] ?? ''));
      if (given.length !== tokenBytes.length || !crypto.timingSafeEqual(given, tokenBytes)) {
        return refuse(403, 'bad-input', 'Missing or wrong Lanemap token.');
      }
      if (!isJsonContentType(req.headers['content-type'])) return refuse(415, 'bad-input', 'Send JSON (content-type: application/json; charset=utf-8).');
      return readCall(req, pathname.slice('/api/'.length), reply, refuse);
    }

    if (pathname === '/events') {
      const origin = req.headers.origin;
      if (origin !== undefined && !allowedOrigins.has(origin)) return send(403, 'Requests from other web pages are refused.', undefined, {}, true);
      if (!opts.events) return send(404, 'Not found');
      return serveTeamEvents(req, res, { relay: opts.events, query: query < 0 ? '' : target.slice(query), tokenBytes, send });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'Method not allowed', undefined, {}, true);
    const file = pathname === '/' ? indexFile : path.resolve(rendererDir, pathname.replace(/^\/+/, ''));
    if (!file.startsWith(rendererDir + path.sep)) return send(404, 'Not found');
    fs.readFile(file, (err, data) => {
      try {
        if (err) return send(404, 'Not found');
        if (file === indexFile) {
          const html = data.toString('utf8').replace('</head>', `<meta name="lanemap-token" content="${token}"></head>`);
          return send(200, html, TYPES['.html'], { 'cache-control': 'no-store' });
        }
        // the build's assets are named by their content (index-3f9a….js): cached for good, so a
        // page started again takes its code (compiled, from the browser's code cache) without asking
        const immutable: Record<string, string> = /^\/assets\/[^/]+-[\w-]{6,}\.\w+$/.test(pathname) ? { 'cache-control': 'public, max-age=31536000, immutable' } : {};
        send(200, data, TYPES[path.extname(file)] ?? 'application/octet-stream', immutable);
      } catch (e) {
        failed(res, e);
      }
    });
  }

  /** Reads an authenticated call's body (at most `maxLargeBodies` large ones at once) and runs it. */
  function readCall(
    req: http.IncomingMessage,
    name: string,
    reply: (status: number, r: CallReply, close?: boolean) => void,
    refuse: (status: number, code: ErrorCode, message: string, close?: boolean) => void,
  ): void {
    const tooLarge = () => refuse(413, 'bad-input', 'The request is too large.', false);
    const busy = () => {
      stats.refusedBusy++;
      refuse(503, 'busy', 'Lanemap is busy reading other large requests: try again in a moment.', false);
    };
    let holdsSlot = false;
    const takeSlot = () => {
      if (stats.largeBodies >= limits.maxLargeBodies) return false;
      holdsSlot = true;
      stats.largeBodies++;
      stats.peakLargeBodies = Math.max(stats.peakLargeBodies, stats.largeBodies);
      return true;
    };
    const releaseSlot = () => {
      if (!holdsSlot) return;
      holdsSlot = false;
      stats.largeBodies--;
    };
    req.once('close', releaseSlot);

    // a declared length is judged before anything is read (Node has checked it is a number)
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limits.maxBody) return tooLarge();
    if (declared > limits.largeBody && !takeSlot()) return busy();

    let chunks: Buffer[] = [];
    let size = 0;
    /** Answered before the body ended: the rest is read and dropped (Node drains it, bounded by the request time-out). */
    let answered = false;
    req.on('data', (c: Buffer) => {
      if (answered) return;
      size += c.length;
      if (size > limits.maxBody) {
        answered = true;
        chunks = [];
        releaseSlot();
        return tooLarge();
      }
      if (size > limits.largeBody && !holdsSlot && !takeSlot()) {
        answered = true;
        chunks = [];
        return busy();
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (answered) return;
      let payload: unknown;
      try {
        payload = JSON.parse(Buffer.concat(chunks, size).toString('utf8') || '{}');
      } catch {
        releaseSlot();
        return refuse(400, 'bad-input', 'The request is not valid JSON.', false);
      } finally {
        chunks = [];
      }
      // most calls answer at once; one that answers later (writing an XLSX) keeps its slot until then
      dispatchAsync(opts.services, name, payload)
        .then((result) => reply(result.ok ? 200 : result.error.code === 'internal' ? 500 : 400, result))
        .catch((e: unknown) => refuse(500, 'internal', `Something went wrong inside Lanemap: ${(e as Error)?.message ?? String(e)}`, false))
        .finally(releaseSlot);
    });
  }

  /** The last resort: the request failed inside the bridge; it says so, and the bridge goes on. */
  function failed(res: http.ServerResponse, e: unknown): void {
    stats.handlerErrors++;
    console.error('[lanemap] the bridge failed on a request', e);
    failedAnswer(res, 'Something went wrong inside Lanemap.');
  }

  const server = hardenedServer(limits, handle, failed);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  // after listening, an error on the server itself is logged, never thrown
  server.on('error', (e) => console.error('[lanemap] bridge server error', e));
  const port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  return {
    url: `http://127.0.0.1:${port}/`,
    token,
    stats: () => ({ ...stats }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
