/**
 * The HTTP bridge: the same services as Electron's IPC, over HTTP on 127.0.0.1, for tests and
 * `npm run web`. Never part of the packaged app. It refuses to be driven by other web pages:
 * only its own Host (DNS rebinding), only its own Origin (CSRF), and a random per-launch token
 * that only the page it serves receives.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { CallReply } from '../../shared/contract';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { dispatch } from '../services/dispatch';
import type { Services } from '../services/library';

export const TOKEN_HEADER = 'x-lanemap-token';
/** Room for a 20-million-character map file once JSON-escaped in a request (Cyrillic: 2 bytes each). */
const MAX_BODY = 64 * 1024 * 1024;

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

export interface WebBridge {
  url: string;
  token: string;
  close(): Promise<void>;
}

export interface WebBridgeOptions {
  services: Services;
  /** The built renderer (`out/renderer`). */
  rendererDir: string;
  port?: number;
}

export async function startWebBridge(opts: WebBridgeOptions): Promise<WebBridge> {
  const token = crypto.randomBytes(32).toString('hex');
  const tokenBytes = Buffer.from(token);
  let allowedHosts = new Set<string>();
  let allowedOrigins = new Set<string>();

  const server = http.createServer((req, res) => {
    const send = (status: number, body: string | Buffer, type = 'text/plain; charset=utf-8', extra: Record<string, string> = {}) => {
      res.writeHead(status, {
        'content-type': type,
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'content-security-policy': CONTENT_SECURITY_POLICY,
        ...extra,
      });
      res.end(body);
    };
    const reply = (status: number, r: CallReply) => send(status, JSON.stringify(r), 'application/json; charset=utf-8', { 'cache-control': 'no-store' });

    if (!allowedHosts.has(String(req.headers.host ?? ''))) return send(421, 'Lanemap answers only to 127.0.0.1 and localhost.');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return send(400, 'Bad address.');
    }

    if (url.pathname.startsWith('/api/')) {
      const origin = req.headers.origin;
      if (origin !== undefined && !allowedOrigins.has(origin)) {
        return reply(403, { ok: false, error: { code: 'bad-input', message: 'Requests from other web pages are refused.' } });
      }
      if (req.method !== 'POST') return reply(405, { ok: false, error: { code: 'bad-input', message: 'Use POST.' } });
      const given = Buffer.from(String(req.headers[TOKEN_HEADER] ?? ''));
      if (given.length !== tokenBytes.length || !crypto.timingSafeEqual(given, tokenBytes)) {
        return reply(403, { ok: false, error: { code: 'bad-input', message: 'Missing or wrong Lanemap token.' } });
      }
      if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return reply(415, { ok: false, error: { code: 'bad-input', message: 'Send JSON.' } });
      }
      const chunks: Buffer[] = [];
      let size = 0;
      let aborted = false;
      req.on('data', (c: Buffer) => {
        size += c.length;
        // past the limit, keep reading (and dropping) so the client gets a clean answer
        if (size > MAX_BODY) aborted = true;
        else chunks.push(c);
      });
      req.on('end', () => {
        if (aborted) return reply(413, { ok: false, error: { code: 'bad-input', message: 'The request is too large.' } });
        let payload: unknown;
        try {
          payload = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
        } catch {
          return reply(400, { ok: false, error: { code: 'bad-input', message: 'The request is not valid JSON.' } });
        }
        const name = pathname.slice('/api/'.length);
        const result = dispatch(opts.services, name, payload);
        reply(result.ok ? 200 : result.error.code === 'internal' ? 500 : 400, result);
      });
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'Method not allowed');
    const rel = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
    const file = path.resolve(opts.rendererDir, rel);
    if (!file.startsWith(path.resolve(opts.rendererDir) + path.sep)) return send(404, 'Not found');
    fs.readFile(file, (err, data) => {
      if (err) return send(404, 'Not found');
      const ext = path.extname(file);
      if (rel === 'index.html') {
        const html = data.toString('utf8').replace('</head>', `<meta name="lanemap-token" content="${token}"></head>`);
        return send(200, html, TYPES['.html'], { 'cache-control': 'no-store' });
      }
      send(200, data, TYPES[ext] ?? 'application/octet-stream');
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  return {
    url: `http://127.0.0.1:${port}/`,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
