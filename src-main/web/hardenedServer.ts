/**
 * The HTTP server both of Lanemap's servers stand on (the bridge, web/server.ts, and the team
 * server, team/server.ts): no request of any shape may end it. Headers, whole-request and idle
 * time-outs; every request, response and socket with an 'error' listener; a handler that throws
 * is answered 500 in words (`failedAnswer`); what Node's parser refuses gets a short answer and
 * a hang-up.
 */
import http from 'node:http';
import type { Socket } from 'node:net';
import type { CallReply } from '../../shared/contract';

export interface ServerTimeouts {
  /** The request line and headers must arrive within this time. */
  headersTimeoutMs: number;
  /** The whole request (headers and body) must arrive within this time. */
  requestTimeoutMs: number;
  /** A connection on which nothing moves for this long is closed. */
  idleTimeoutMs: number;
  /** How often the headers and request time-outs are checked. */
  checkIntervalMs: number;
}

const STATUS_LINE: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 414: 'URI Too Long', 431: 'Request Header Fields Too Large' };

/** The last resort for a request that failed inside the server: a 500 saying `message`, or a hang-up once the answer has begun. */
export function failedAnswer(res: http.ServerResponse, message: string): void {
  try {
    if (res.headersSent) res.destroy();
    else {
      res.writeHead(500, { 'content-type': 'application/json; charset=utf-8', connection: 'close', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ ok: false, error: { code: 'internal', message } } satisfies CallReply));
    }
  } catch {
    res.destroy();
  }
}

/** A server running `handle` for each request; `failed` answers one whose handling threw. */
export function hardenedServer(
  limits: ServerTimeouts,
  handle: (req: http.IncomingMessage, res: http.ServerResponse) => void,
  failed: (res: http.ServerResponse, e: unknown) => void,
): http.Server {
  const server = http.createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: limits.checkIntervalMs,
      keepAliveTimeout: 5_000,
    },
    (req, res) => {
      // a client that hangs up mid-request must not become an uncaught 'error'
      req.on('error', () => undefined);
      res.on('error', () => undefined);
      try {
        handle(req, res);
      } catch (e) {
        failed(res, e);
      }
    },
  );
  // no byte in either direction for this long: the connection is closed
  server.setTimeout(limits.idleTimeoutMs);
  server.on('connection', (socket: Socket) => socket.on('error', () => undefined));
  // what Node's parser refuses (bad request line, huge headers, time-outs) gets a short answer and a hang-up
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    try {
      const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'HPE_URI_TOO_LONG' ? 414 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
      // as Node does by default: an answer only if nothing was written on this connection yet
      if (socket.writable && socket.bytesWritten === 0 && err.code !== 'ECONNRESET') {
        socket.write(`HTTP/1.1 ${status} ${STATUS_LINE[status]}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
      }
    } catch {
      // nothing more to say to this client
    }
    socket.destroy();
  });
  return server;
}
