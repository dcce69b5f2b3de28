/**
 * The bridge's `GET /events?client=<id>&token=<token>`: a page's team events as server-sent
 * events (`event: team`, `data: {"server":…,"event":…}`), relayed from the main process's team
 * client (team/relay.ts). The token goes in the query because EventSource sets no headers; the
 * Host and Origin checks are the bridge's own (server.ts), made before this runs. The stream is
 * kept open past the bridge's idle time-out by a comment every 15 s.
 */
import crypto from 'node:crypto';
import type http from 'node:http';
import type { EventRelay } from '../team/relay';

export const CLIENT_ID = /^[A-Za-z0-9_-]{8,64}$/;
const PING_MS = 15_000;

type Send = (status: number, body: string, type?: string, extra?: Record<string, string>, close?: boolean) => void;

export function serveTeamEvents(req: http.IncomingMessage, res: http.ServerResponse, ctx: { relay: EventRelay; query: string; tokenBytes: Buffer; send: Send }): void {
  if (req.method !== 'GET') return ctx.send(405, 'Use GET.', undefined, {}, true);
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(ctx.query.replace(/^\?/, '').replace(/#.*$/, ''));
  } catch {
    return ctx.send(400, 'Bad address.', undefined, {}, true);
  }
  const given = Buffer.from(params.get('token') ?? '');
  if (given.length !== ctx.tokenBytes.length || !crypto.timingSafeEqual(given, ctx.tokenBytes)) return ctx.send(403, 'Missing or wrong Lanemap token.', undefined, {}, true);
  const client = params.get('client') ?? '';
  if (!CLIENT_ID.test(client)) return ctx.send(400, 'The events stream needs a client id (8 to 64 letters, digits, - and _).', undefined, {}, true);

  // the stream lives as long as the page: no idle time-out on it (it pings instead)
  req.socket.setTimeout(0);
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'x-accel-buffering': 'no',
  });
  res.write('retry: 1000\n\n');
  let open = true;
  const ping = setInterval(() => res.write(': ping\n\n'), PING_MS);
  const end = () => {
    if (!open) return;
    open = false;
    clearInterval(ping);
    detach();
    res.end();
  };
  const detach = ctx.relay.attach(client, {
    send: (message) => {
      if (!open) throw new Error('closed');
      // JSON has no raw line breaks: one data line
      res.write(`event: team\ndata: ${JSON.stringify(message)}\n\n`);
    },
    end,
  });
  res.on('close', end);
}
