/**
 * The team server (`npx lanemap serve`): the protocol of shared/team/protocol.ts over HTTP, on
 * node:http. Every library call needs a session (`Authorization: Bearer <token>`), and the
 * user's role in the library is checked against the call (`requiredRole`) before anything is
 * read: a viewer's forged write is refused with 403 and nothing is stored. The call then runs
 * as that user (context.ts), so the store's write hook records who wrote, and new comments and
 * versions carry the user's name (authorship.ts). Events (server-sent) come from events.ts.
 *
 * Hardened like the app's HTTP bridge (src-main/web/server.ts): no request of any shape ends
 * it (every handler in a try/catch, every stream with an 'error' listener, malformed requests
 * answered from `clientError`); headers are judged before a byte of the body is read; bodies
 * are bounded, large ones read only a few at a time; slow senders are cut off. A request from
 * a web page (an Origin header) is refused unless it is the server's own public origin. Every
 * refusal is readable JSON: `{ ok: false, error: { code, message } }`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CallReply, ErrorCode } from '../../shared/contract';
import { IdSchema } from '../../shared/model/schema';
import { isTeamCall, requiredRole, roleAtLeast, TEAM_API, type SignInReply, type TeamCallName, type TeamEvent, type TeamLibraryInfo, type TeamRole, type TeamUser } from '../../shared/team/protocol';
import { dispatchAsync, type AsyncServices } from '../services/dispatch';
import { NotFoundError, type MapStore } from '../storage/store';
import { failedAnswer, hardenedServer } from '../web/hardenedServer';
import { isJsonContentType } from '../web/server';
import { AccountError } from './accounts';
import { signedInput } from './authorship';
import { asUser } from './context';
import type { EventHub } from './events';

/** The library calls, as the services answer them (services/storeServices.ts). */
export type TeamServices = AsyncServices<TeamCallName>;

/** What the server needs of the accounts (src-main/team/accounts.ts, over the server's pool). */
export interface TeamAccounts {
  signIn(input: { login: string; password: string; address: string }): Promise<
    { ok: true; token: string; user: TeamUser } | { ok: false; reason: 'bad-credentials' } | { ok: false; reason: 'rate-limited'; retryAfterSeconds: number }
  >;
  userOfToken(token: string): Promise<TeamUser | null>;
  signOut(token: string): Promise<void>;
}

export interface TeamServerLimits {
  /** Largest call body, in bytes (an imported map with its versions). */
  maxBody: number;
  /** Largest sign-in body. */
  maxSignInBody: number;
  /** A body past this many bytes is "large": only `maxLargeBodies` of them are read at once. */
  largeBody: number;
  maxLargeBodies: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  idleTimeoutMs: number;
  checkIntervalMs: number;
  /** Events streams open at once; one more gets 503. */
  maxStreams: number;
  /** How often an events stream gets a `: ping` (and its session is checked again). */
  pingMs: number;
}

export const DEFAULT_TEAM_LIMITS: TeamServerLimits = {
  maxBody: 64 * 1024 * 1024,
  maxSignInBody: 16 * 1024,
  largeBody: 1024 * 1024,
  maxLargeBodies: 4,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 60_000,
  idleTimeoutMs: 30_000,
  checkIntervalMs: 1_000,
  maxStreams: 2_000,
  pingMs: 15_000,
};

export interface TeamServerOptions {
  services: TeamServices;
  accounts: TeamAccounts;
  /** For the events stream's map (it must exist). */
  store: Pick<MapStore, 'state'>;
  hub: EventHub;
  library: TeamLibraryInfo;
  host: string;
  port: number;
  /** The address users reach the server at (behind a proxy); its origin is the only Origin allowed. */
  publicUrl?: string;
  limits?: Partial<TeamServerLimits>;
  log?: (line: string) => void;
}

export interface TeamServer {
  /** Where it listens (http://host:port). */
  url: string;
  port: number;
  /** Stops taking requests, says goodbye on the events streams and closes every connection. */
  close(): Promise<void>;
}

const MAX_PATH = 2048;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
const TOKEN = /^[A-Za-z0-9._~+/=-]{16,512}$/;

const STATUS: Partial<Record<ErrorCode, number>> = {
  'bad-input': 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'rate-limited': 429,
  busy: 503,
};
const statusOf = (code: ErrorCode) => STATUS[code] ?? 500;

const ROLE_WORDS: Record<TeamRole, string> = { viewer: 'a viewer', commenter: 'a commenter', editor: 'an editor', admin: 'an admin' };

/** The client's address, for the sign-in rate limit: behind a proxy on this machine, the address the proxy saw. */
function clientAddress(req: http.IncomingMessage): string {
  const direct = req.socket.remoteAddress ?? 'unknown';
  const loopback = direct === '::1' || direct.startsWith('127.') || direct.startsWith('::ffff:127.');
  const forwarded = req.headers['x-forwarded-for'];
  if (loopback && typeof forwarded === 'string') {
    const last = forwarded.split(',').pop()?.trim();
    if (last && last.length <= 64) return last;
  }
  return direct;
}

const loopbackHost = (host: string) => host === 'localhost' || host === '::1' || host.startsWith('127.');

export async function startTeamServer(opts: TeamServerOptions): Promise<TeamServer> {
  const limits: TeamServerLimits = { ...DEFAULT_TEAM_LIMITS, ...opts.limits };
  const log = opts.log ?? ((line: string) => console.error(`[lanemap serve] ${line}`));
  const streams = new Set<http.ServerResponse>();
  let largeBodies = 0;
  let allowedOrigins = new Set<string>();
  let closing = false;

  function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const send = (status: number, body: unknown, extra: Record<string, string> = {}, close = false) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
        ...(close ? { connection: 'close' } : {}),
        ...extra,
      });
      res.end(JSON.stringify(body));
    };
    /** `close`: nothing more is read from this caller (its answer, then the connection ends). */
    const refuse = (status: number, code: ErrorCode, message: string, close = false, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
      send(status, { ok: false, error: { code, message, ...extra } } satisfies CallReply | object, headers, close);

    const target = req.url ?? '';
    if (!target.startsWith('/')) return refuse(400, 'bad-input', 'Bad address.', true);
    const q = target.search(/[?#]/);
    const rawPath = q < 0 ? target : target.slice(0, q);
    if (rawPath.length > MAX_PATH) return refuse(414, 'bad-input', 'The address is too long.', true);
    let pathname: string;
    try {
      pathname = decodeURIComponent(rawPath);
    } catch {
      return refuse(400, 'bad-input', 'Bad address.', true);
    }
    if (CONTROL.test(pathname)) return refuse(400, 'bad-input', 'Bad address.', true);
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin)) return refuse(403, 'forbidden', 'Requests from other web pages are refused.', true);
    if (closing) return refuse(503, 'busy', 'The server is stopping: try again in a moment.', true);

    const method = req.method ?? '';
    const route = pathname.startsWith(`${TEAM_API}/`) ? pathname.slice(TEAM_API.length + 1) : null;
    const only = (m: string) => {
      if (method === m || (m === 'GET' && method === 'HEAD' && route !== 'events')) return true;
      refuse(405, 'bad-input', `Use ${m}.`, true, {}, { allow: m });
      return false;
    };
    const needsJson = () => {
      if (isJsonContentType(req.headers['content-type'])) return true;
      refuse(415, 'bad-input', 'Send JSON (content-type: application/json; charset=utf-8).', true);
      return false;
    };

    if (route === 'health') {
      if (!only('GET')) return;
      return send(200, { ok: true, name: opts.library.name, version: opts.library.version, serverId: opts.library.serverId });
    }
    if (route === 'sign-in') {
      if (!only('POST') || !needsJson()) return;
      return readBody(req, limits.maxSignInBody, refuse, (body) => signIn(req, body, send, refuse));
    }
    if (route === 'sign-out' || route === 'me' || route === 'events' || route?.startsWith('call/')) {
      const call = route.startsWith('call/') ? route.slice('call/'.length) : null;
      if (call !== null && !isTeamCall(call)) return refuse(404, 'bad-input', `A team library has no call ${JSON.stringify(call.slice(0, 80))}.`, true);
      if (!only(route === 'me' || route === 'events' ? 'GET' : 'POST')) return;
      if (method === 'POST' && call !== null && !needsJson()) return;
      const token = bearer(req);
      if (!token) return refuse(401, 'unauthorized', 'Sign in first: this call needs a session (Authorization: Bearer <token>).', true);
      opts.accounts
        .userOfToken(token)
        .then((user) => {
          if (!user) return refuse(401, 'unauthorized', 'The session has ended or is not known: sign in again.', true);
          if (route === 'me') return send(200, { user, library: opts.library });
          if (route === 'sign-out') {
            return opts.accounts.signOut(token).then(() => {
              req.resume();
              send(200, { ok: true });
            });
          }
          if (route === 'events') return openEvents(req, res, user, token, target.slice(q < 0 ? target.length : q), refuse);
          return runCall(req, call as TeamCallName, user, send, refuse);
        })
        .catch((e: unknown) => failed(res, e));
      return;
    }
    return refuse(404, 'not-found', `Nothing here: the team library answers under ${TEAM_API}/.`, true);
  }

  function bearer(req: http.IncomingMessage): string | null {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    return m && TOKEN.test(m[1]!) ? m[1]! : null;
  }

  type Refuse = (status: number, code: ErrorCode, message: string, close?: boolean, extra?: Record<string, unknown>, headers?: Record<string, string>) => void;
  type Send = (status: number, body: unknown, extra?: Record<string, string>, close?: boolean) => void;

  /** Reads a JSON body of at most `max` bytes (a large one only when a slot is free) and hands it on parsed. */
  function readBody(req: http.IncomingMessage, max: number, refuse: Refuse, then: (body: unknown, done: () => void) => void): void {
    const tooLarge = () => refuse(413, 'bad-input', `The request is too large (at most ${max >= 1024 * 1024 ? `${Math.round(max / 1024 / 1024)} MB` : `${Math.round(max / 1024)} KB`}).`, true);
    const busy = () => refuse(503, 'busy', 'The server is busy reading other large requests: try again in a moment.', true);
    let holds = false;
    const take = () => {
      if (largeBodies >= limits.maxLargeBodies) return false;
      holds = true;
      largeBodies++;
      return true;
    };
    const release = () => {
      if (!holds) return;
      holds = false;
      largeBodies--;
    };
    req.once('close', release);
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > max) return tooLarge();
    if (declared > limits.largeBody && !take()) return busy();
    let chunks: Buffer[] = [];
    let size = 0;
    let answered = false;
    req.on('data', (c: Buffer) => {
      if (answered) return;
      size += c.length;
      if (size > max) {
        answered = true;
        chunks = [];
        release();
        return tooLarge();
      }
      if (size > limits.largeBody && !holds && !take()) {
        answered = true;
        chunks = [];
        return busy();
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (answered) return;
      let body: unknown;
      try {
        const text = Buffer.concat(chunks, size).toString('utf8');
        body = text.trim() === '' ? {} : JSON.parse(text);
      } catch {
        release();
        return refuse(400, 'bad-input', 'The request is not valid JSON.');
      } finally {
        chunks = [];
      }
      then(body, release);
    });
  }

  function signIn(req: http.IncomingMessage, body: unknown, send: Send, refuse: Refuse): void {
    const b = (body ?? {}) as { login?: unknown; password?: unknown };
    const login = typeof b.login === 'string' ? b.login.trim() : '';
    const password = typeof b.password === 'string' ? b.password : '';
    if (!login || !password || login.length > 200 || password.length > 1000 || Object.keys(b).some((k) => k !== 'login' && k !== 'password')) {
      return refuse(400, 'bad-input', 'Sign in with { "login": "…", "password": "…" } (a login of at most 200 characters, a password of at most 1000).');
    }
    opts.accounts
      .signIn({ login, password, address: clientAddress(req) })
      .then((r) => {
        if (r.ok) return send(200, { token: r.token, user: r.user, library: opts.library } satisfies SignInReply);
        if (r.reason === 'rate-limited') {
          const wait = Math.max(1, Math.ceil(r.retryAfterSeconds));
          return refuse(429, 'rate-limited', `Too many failed sign-ins: try again in ${wait} s.`, false, { retryAfterSeconds: wait }, { 'retry-after': String(wait) });
        }
        refuse(401, 'unauthorized', 'Wrong login or password.');
      })
      .catch((e: unknown) => {
        // a login or password that could never be one, in the accounts' own words
        if (e instanceof AccountError) return refuse(400, 'bad-input', e.message);
        log(`sign-in failed: ${(e as Error)?.message ?? String(e)}`);
        refuse(500, 'internal', 'The server could not check the sign-in: try again later.');
      });
  }

  function runCall(req: http.IncomingMessage, name: TeamCallName, user: TeamUser, send: Send, refuse: Refuse): void {
    const forbidden = (needed: TeamRole, close: boolean) => {
      const what = needed === 'commenter' ? 'comment' : 'change maps';
      refuse(403, 'forbidden', `${user.name} is ${ROLE_WORDS[user.role]} in this library and may not ${what}: ${name} needs ${ROLE_WORDS[needed]}'s rights.`, close);
    };
    // the least any input of this call needs: refused before a byte of the body is read
    const least = requiredRole(name, undefined);
    if (!roleAtLeast(user.role, least)) return forbidden(least, true);
    readBody(req, limits.maxBody, refuse, (input, done) => {
      let needed: TeamRole;
      try {
        needed = requiredRole(name, input);
      } catch {
        // a shape the rules cannot read is refused by the validation: editors get its words
        needed = 'editor';
      }
      if (!roleAtLeast(user.role, needed)) {
        done();
        return forbidden(needed, false);
      }
      const signed = signedInput(name, input, user);
      asUser(user, () => dispatchAsync(opts.services, name, signed))
        .then((reply) => send(reply.ok ? 200 : statusOf(reply.error.code), reply))
        .catch((e: unknown) => refuse(500, 'internal', `Something went wrong in the team server: ${(e as Error)?.message ?? String(e)}`))
        .finally(done);
    });
  }

  function openEvents(req: http.IncomingMessage, res: http.ServerResponse, user: TeamUser, token: string, query: string, refuse: Refuse): void {
    const params = new URLSearchParams(query.replace(/^\?/, '').replace(/#.*$/, ''));
    const raw = params.get('map');
    if (raw !== null && !IdSchema.safeParse(raw).success) return refuse(400, 'bad-input', 'map= must be a map id.', true);
    if (streams.size >= limits.maxStreams) return refuse(503, 'busy', 'The server has too many events streams open: try again in a moment.', true);
    const mapId = raw;
    const exists = async (id: string) => {
      try {
        await opts.store.state(id);
        return true;
      } catch (e) {
        if (e instanceof NotFoundError) return false;
        throw e;
      }
    };
    const ready = mapId === null ? Promise.resolve(true) : exists(mapId);
    ready
      .then((found) => {
        if (!found) return refuse(404, 'not-found', 'This map is not in the library (any more).', true);
        if (closing || req.destroyed) return;
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
          // nginx: pass each event on at once
          'x-accel-buffering': 'no',
          connection: 'keep-alive',
        });
        // a stream is quiet between pings: the idle time-out is not for it
        req.socket.setTimeout(0);
        streams.add(res);
        const write = (e: TeamEvent) => {
          if (!res.writableEnded) res.write(`event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);
        };
        write({ type: 'hello', user, library: opts.library });
        const remove = opts.hub.add({ user, mapId, send: write });
        const ping = setInterval(() => {
          if (res.writableEnded) return;
          res.write(': ping\n\n');
          // a session ended (signed out elsewhere, user removed): the stream ends too
          opts.accounts.userOfToken(token).then(
            (still) => {
              if (!still) res.end();
            },
            () => undefined,
          );
        }, limits.pingMs);
        const end = () => {
          clearInterval(ping);
          remove();
          streams.delete(res);
        };
        res.on('close', end);
        req.on('close', end);
      })
      .catch((e: unknown) => failed(res, e));
  }

  function failed(res: http.ServerResponse, e: unknown): void {
    log(`a request failed: ${(e as Error)?.stack ?? String(e)}`);
    failedAnswer(res, 'Something went wrong in the team server.');
  }

  const server = hardenedServer(limits, handle, failed);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (e) => log(`server error: ${e.message}`));
  const port = (server.address() as AddressInfo).port;
  const shown = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  const url = `http://${shown}:${port}`;
  // the public address's origin only; without one (on this machine), the addresses it listens at
  allowedOrigins = new Set(opts.publicUrl ? [new URL(opts.publicUrl).origin] : [url, ...(loopbackHost(opts.host) ? ['127.0.0.1', 'localhost', '[::1]'].map((h) => `http://${h}:${port}`) : [])]);

  return {
    url,
    port,
    async close() {
      if (closing) return;
      closing = true;
      await opts.hub.stop();
      for (const s of streams) s.end();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 2_000).unref();
      });
    },
  };
}
