/**
 * The HTTP bridge under hostile and careless clients (issue 12, defect 1): no request of any
 * shape ends it, large bodies are read only two at a time, slow senders are cut off, refused
 * callers are hung up on, and only `application/json` (charset utf-8) is read.
 * After every attack the bridge must still answer a normal request.
 */
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isJsonContentType, startWebBridge, TOKEN_HEADER, type WebBridge, type WebBridgeLimits } from '../../src-main/web/server';
import { call, openTempLibrary, removeTempDirs, snapshotTables, tempDir, type TempLibrary } from '../support/library';

let lib: TempLibrary;
let rendererDir: string;
const bridges: WebBridge[] = [];

beforeAll(() => {
  lib = openTempLibrary();
  call(lib.services, 'maps:create', { title: 'Квалификация лида' });
  rendererDir = path.join(tempDir(), 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><html><head><title>Lanemap</title></head><body></body></html>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log("Lanemap");');
});
afterAll(async () => {
  await Promise.all(bridges.map((b) => b.close()));
  lib.close();
  removeTempDirs();
});

async function start(limits?: Partial<WebBridgeLimits>) {
  const bridge = await startWebBridge({ services: lib.services, rendererDir, limits });
  bridges.push(bridge);
  return { bridge, port: Number(new URL(bridge.url).port) };
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request with a raw path; status 0 when the connection failed or nothing answered. */
function request(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Answer> {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.setTimeout(5000, () => req.destroy());
    req.on('error', () => resolve({ status: 0, headers: {}, body: '' }));
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

/**
 * A raw TCP client: writes what it is told, collects what comes back, and knows when the
 * server hung up.
 */
function rawClient(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  let received = '';
  let closedAt = 0;
  const closed = new Promise<void>((resolve) => socket.on('close', () => ((closedAt = Date.now()), resolve())));
  socket.on('data', (d) => (received += d.toString('latin1')));
  socket.on('error', () => undefined);
  const connected = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return {
    socket,
    connected,
    closed,
    get received() {
      return received;
    },
    get closedAt() {
      return closedAt;
    },
    write: (s: string | Buffer) => {
      if (!socket.destroyed) socket.write(s);
    },
  };
}

/** Sends `text` as is and returns everything the server says before it hangs up (or 3 s pass). */
async function rawRequest(port: number, text: string | Buffer): Promise<string> {
  const c = rawClient(port);
  await c.connected;
  c.write(text);
  await Promise.race([c.closed, new Promise((r) => setTimeout(r, 3000))]);
  c.socket.destroy();
  return c.received;
}

const statusOf = (raw: string) => Number(/^HTTP\/1\.[01] (\d{3})/.exec(raw)?.[1] ?? 0);
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await wait(10);
  }
}

const jsonHeaders = (bridge: WebBridge, extra: Record<string, string> = {}): Record<string, string> => ({
  'content-type': 'application/json',
  [TOKEN_HEADER]: bridge.token,
  ...extra,
});

/** The bridge still serves its page and answers a call. */
async function expectStillServing(port: number, bridge: WebBridge) {
  const page = await request(port, { path: '/' });
  expect(page.status).toBe(200);
  expect(page.body).toContain('lanemap-token');
  const list = await request(port, { method: 'POST', path: '/api/maps:list', headers: jsonHeaders(bridge), body: '{}' });
  expect(list.status).toBe(200);
  expect(JSON.parse(list.body)).toMatchObject({ ok: true, value: [expect.objectContaining({ title: 'Квалификация лида' })] });
}

describe('no request of any shape ends the bridge', () => {
  test.each(
    [
      ['a NUL byte', '/%00', 400],
      ['a NUL byte inside a file name', '/index.html%00.png', 400],
      ['a NUL byte after a real file', '/assets/app.js%00', 400],
      ['a new line', '/assets/%0aapp.js', 400],
      ['a DEL character', '/%7f', 400],
      ['an encoded parent folder', '/%2e%2e/', 404],
      ['encoded traversal to /etc/passwd', '/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd', 404],
      ['a malformed percent-encoding', '/%E0%A4%A', 400],
      ['a lone percent sign', '/%', 400],
      ['an overlong UTF-8 encoding of "/"', '/%c0%af%c0%afetc/passwd', 400],
      ['a call name with a NUL byte', '/api/maps:list%00', 400],
      ['a path of 3,000 characters', `/${'a'.repeat(3000)}`, 414],
    ].map(([label, p, status]) => ({ label, p: p as string, status })),
  )('$label → $status, and the bridge keeps serving', async ({ p, status }) => {
    const { bridge, port } = await start();
    const before = snapshotTables(lib.db);
    const a = await request(port, {
      method: p.startsWith('/api/') ? 'POST' : 'GET',
      path: p,
      headers: jsonHeaders(bridge),
      body: p.startsWith('/api/') ? '{}' : undefined,
    });
    expect(a.status).toBe(status);
    expect(a.body).not.toContain('root:');
    expect(snapshotTables(lib.db)).toEqual(before);
    await expectStillServing(port, bridge);
  });

  test.each(
    [
      ['a URL longer than the header limit', `GET /${'a'.repeat(40_000)} HTTP/1.1\r\nHost: HOST\r\n\r\n`, 431],
      ['no Host header', 'GET / HTTP/1.0\r\n\r\n', 421],
      ['a foreign Host header', 'GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n', 421],
      ['two Host headers', 'GET / HTTP/1.1\r\nHost: HOST\r\nHost: evil.example\r\n\r\n', 400],
      ['an absolute URL', 'GET http://HOST/ HTTP/1.1\r\nHost: HOST\r\n\r\n', 400],
      ['an asterisk request', 'OPTIONS * HTTP/1.1\r\nHost: HOST\r\n\r\n', 400],
      ['a raw NUL in the request line', 'GET /\u0000 HTTP/1.1\r\nHost: HOST\r\n\r\n', 400],
      ['garbage instead of a request', '\u0000\u0001\u0002 nonsense\r\n\r\n', 400],
      ['a bad Content-Length', 'POST /api/maps:list HTTP/1.1\r\nHost: HOST\r\nContent-Length: -5\r\n\r\n', 400],
    ].map(([label, text, status]) => ({ label, text: text as string, status })),
  )('$label → $status, and the bridge keeps serving', async ({ text, status }) => {
    const { bridge, port } = await start();
    const raw = await rawRequest(port, text.replaceAll('HOST', `127.0.0.1:${port}`));
    expect(statusOf(raw)).toBe(status);
    await expectStillServing(port, bridge);
  });

  test('clients that hang up in the middle of a request or of the answer do not end the bridge', async () => {
    const { bridge, port } = await start();
    for (let i = 0; i < 5; i++) {
      // half a body, then gone
      const c = rawClient(port);
      await c.connected;
      c.write(
        `POST /api/maps:list HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\ncontent-type: application/json\r\n${TOKEN_HEADER}: ${bridge.token}\r\ncontent-length: 2000000\r\n\r\n{"a":"`,
      );
      c.write('x'.repeat(1_500_000));
      await wait(20);
      c.socket.resetAndDestroy();
      // asks for the page and hangs up at once
      const d = rawClient(port);
      await d.connected;
      d.write(`GET /assets/app.js HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
      d.socket.resetAndDestroy();
    }
    await wait(100);
    expect(bridge.stats().largeBodies).toBe(0);
    await expectStillServing(port, bridge);
  });
});

describe('only JSON is read, by its exact content type', () => {
  test.each(['application/json', 'application/json; charset=utf-8', 'Application/JSON;Charset=UTF-8', ' application/json ;  charset="utf-8" '])(
    '%s is read',
    async (type) => {
      const { bridge, port } = await start();
      const a = await request(port, { method: 'POST', path: '/api/maps:list', headers: jsonHeaders(bridge, { 'content-type': type }), body: '{}' });
      expect(a.status).toBe(200);
    },
  );

  test.each([
    'application/jsonx',
    'application/json; charset=latin1',
    'application/json; charset=utf-16',
    'application/json; charset=utf-8; boundary=x',
    'application/json-patch+json',
    'application/json, text/plain',
    'text/plain',
    'text/json',
    '',
  ])('"%s" → 415, nothing is carried out, the connection is closed', async (type) => {
    const { bridge, port } = await start();
    const before = snapshotTables(lib.db);
    const a = await request(port, {
      method: 'POST',
      path: '/api/maps:create',
      headers: jsonHeaders(bridge, { 'content-type': type }),
      body: JSON.stringify({ title: 'Форма' }),
    });
    expect(a.status).toBe(415);
    expect(a.headers.connection).toBe('close');
    expect(snapshotTables(lib.db)).toEqual(before);
  });

  test('the rule itself', () => {
    expect(isJsonContentType(undefined)).toBe(false);
    expect(isJsonContentType('application/json;charset=utf-8')).toBe(true);
    expect(isJsonContentType('application/json;charset=utf-8x')).toBe(false);
    expect(isJsonContentType('application/json;')).toBe(false);
  });
});

describe('large bodies are read at most two at a time', () => {
  const MB = 1024 * 1024;
  /** A call whose body declares `length` bytes and sends only `sent` of them until `finish()`. */
  function heldCall(port: number, bridge: WebBridge, opts: { length?: number; sent: number }) {
    let answer: Answer | null = null;
    const text = `{"text":"${'я'.repeat(Math.ceil(((opts.length ?? opts.sent + MB) - 12) / 2))}"}`;
    const body = Buffer.from(text, 'utf8');
    const headers: Record<string, string> = jsonHeaders(bridge);
    if (opts.length !== undefined) headers['content-length'] = String(body.length);
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/api/maps:import', headers, agent: false }, (res) => {
      let s = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (s += c));
      res.on('end', () => (answer = { status: res.statusCode ?? 0, headers: res.headers, body: s }));
    });
    req.on('error', () => (answer ??= { status: 0, headers: {}, body: '' }));
    req.write(body.subarray(0, opts.sent));
    return {
      get answer() {
        return answer;
      },
      finish: () => req.end(body.subarray(opts.sent)),
      abort: () => req.destroy(),
    };
  }

  test('six 2 MB bodies at once: two are read, four get 503 busy at once, and the two complete', async () => {
    const { bridge, port } = await start();
    const before = snapshotTables(lib.db);
    const calls = Array.from({ length: 6 }, () => heldCall(port, bridge, { length: 2 * MB, sent: MB }));
    await until(() => calls.filter((c) => c.answer?.status === 503).length === 4);
    expect(bridge.stats()).toMatchObject({ largeBodies: 2, peakLargeBodies: 2, refusedBusy: 4 });
    const busy = calls.find((c) => c.answer?.status === 503)!.answer!;
    expect(JSON.parse(busy.body)).toEqual({
      ok: false,
      error: { code: 'busy', message: 'Lanemap is busy reading other large requests: try again in a moment.' },
    });
    for (const c of calls) if (!c.answer) c.finish();
    await until(() => calls.every((c) => c.answer !== null));
    // the two that were read got their own answer: a text that is not a map file is refused
    expect(calls.map((c) => c.answer!.status).sort()).toEqual([400, 400, 503, 503, 503, 503]);
    expect(bridge.stats()).toMatchObject({ largeBodies: 0, peakLargeBodies: 2 });
    expect(snapshotTables(lib.db)).toEqual(before);
    await expectStillServing(port, bridge);
  });

  test('bodies without a declared length are counted when they pass 1 MB', async () => {
    const { bridge, port } = await start();
    const a = heldCall(port, bridge, { sent: MB + 10 });
    await until(() => bridge.stats().largeBodies === 1);
    const b = heldCall(port, bridge, { sent: MB + 10 });
    await until(() => bridge.stats().largeBodies === 2);
    const c = heldCall(port, bridge, { sent: MB + 10 });
    await until(() => c.answer !== null);
    expect(c.answer!.status).toBe(503);
    // small calls are never refused
    const small = await request(port, { method: 'POST', path: '/api/maps:list', headers: jsonHeaders(bridge), body: '{}' });
    expect(small.status).toBe(200);
    a.finish();
    b.finish();
    await until(() => a.answer !== null && b.answer !== null);
    expect([a.answer!.status, b.answer!.status]).toEqual([400, 400]);
    expect(bridge.stats().largeBodies).toBe(0);
  });

  test('a client that gives up while its large body is read frees its place', async () => {
    const { bridge, port } = await start();
    const gone = [heldCall(port, bridge, { length: 2 * MB, sent: MB }), heldCall(port, bridge, { length: 2 * MB, sent: MB })];
    await until(() => bridge.stats().largeBodies === 2);
    for (const g of gone) g.abort();
    await until(() => bridge.stats().largeBodies === 0);
    const next = heldCall(port, bridge, { length: 2 * MB, sent: MB });
    next.finish();
    await until(() => next.answer !== null);
    expect(next.answer!.status).toBe(400);
  });

  test('one window at its busiest (a large import while a large edit is written) is never refused', async () => {
    const { bridge, port } = await start();
    const calls = [heldCall(port, bridge, { length: 30 * MB, sent: 0 }), heldCall(port, bridge, { length: 3 * MB, sent: 0 })];
    for (const c of calls) c.finish();
    await until(() => calls.every((c) => c.answer !== null), 20_000);
    expect(calls.map((c) => c.answer!.status)).toEqual([400, 400]);
    expect(bridge.stats().refusedBusy).toBe(0);
  });
});

describe('slow and refused clients are cut off', () => {
  const quick: Partial<WebBridgeLimits> = { headersTimeoutMs: 600, requestTimeoutMs: 1500, idleTimeoutMs: 1000, checkIntervalMs: 100 };

  test('headers sent a few bytes at a time, never finished: the connection is closed after the headers time-out', async () => {
    const { bridge, port } = await start(quick);
    const c = rawClient(port);
    await c.connected;
    const t0 = Date.now();
    const drip = setInterval(() => c.write('X-Slow: a\r\n'), 100);
    c.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`);
    await Promise.race([c.closed, wait(4000)]);
    clearInterval(drip);
    expect(c.closedAt).toBeGreaterThan(0);
    expect(c.closedAt - t0).toBeLessThan(2500);
    expect(statusOf(c.received)).toBe(408);
    await expectStillServing(port, bridge);
  });

  test('a connection that sends nothing is closed', async () => {
    const { port } = await start(quick);
    const c = rawClient(port);
    await c.connected;
    const t0 = Date.now();
    await Promise.race([c.closed, wait(4000)]);
    expect(c.closedAt).toBeGreaterThan(0);
    expect(c.closedAt - t0).toBeLessThan(2500);
  });

  test('without a token, a body trickled one byte at a time: 403 at once, and the connection is closed', async () => {
    // the default time-outs: the hang-up must not wait for any of them
    const { bridge, port } = await start();
    const before = snapshotTables(lib.db);
    const c = rawClient(port);
    await c.connected;
    const t0 = Date.now();
    c.write(`POST /api/maps:create HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{`);
    const drip = setInterval(() => c.write(' '), 50);
    await Promise.race([c.closed, wait(3000)]);
    clearInterval(drip);
    expect(statusOf(c.received)).toBe(403);
    expect(c.received.toLowerCase()).toContain('connection: close');
    expect(c.closedAt).toBeGreaterThan(0);
    expect(c.closedAt - t0).toBeLessThan(1000);
    expect(snapshotTables(lib.db)).toEqual(before);
    await expectStillServing(port, bridge);
  });

  test.each([
    ['from another page', (port: number, token: string) => `Origin: http://evil.example\r\n${TOKEN_HEADER}: ${token}\r\n`],
    ['with a wrong token', () => `${TOKEN_HEADER}: ${'f'.repeat(64)}\r\n`],
    ['to another host', (_port: number, token: string) => `${TOKEN_HEADER}: ${token}\r\n`],
  ])('a refused call %s is answered and hung up on, its body is not read', async (label, headers) => {
    const { bridge, port } = await start();
    const c = rawClient(port);
    await c.connected;
    const host = label === 'to another host' ? 'evil.example' : `127.0.0.1:${port}`;
    c.write(`POST /api/maps:list HTTP/1.1\r\nHost: ${host}\r\ncontent-type: application/json\r\n${headers(port, bridge.token)}content-length: 100000\r\n\r\n`);
    const drip = setInterval(() => c.write('{'), 50);
    await Promise.race([c.closed, wait(3000)]);
    clearInterval(drip);
    expect([403, 421]).toContain(statusOf(c.received));
    expect(c.closedAt).toBeGreaterThan(0);
  });

  test('with the token, a body trickled one byte at a time is cut off by the request time-out', async () => {
    const { bridge, port } = await start(quick);
    const c = rawClient(port);
    await c.connected;
    const t0 = Date.now();
    c.write(
      `POST /api/maps:list HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\ncontent-type: application/json\r\n${TOKEN_HEADER}: ${bridge.token}\r\ncontent-length: 100000\r\n\r\n{`,
    );
    const drip = setInterval(() => c.write(' '), 100);
    await Promise.race([c.closed, wait(5000)]);
    clearInterval(drip);
    expect(c.closedAt).toBeGreaterThan(0);
    expect(c.closedAt - t0).toBeLessThan(3500);
    await expectStillServing(port, bridge);
  });

  test('with the token, a body that stops coming is cut off by the idle time-out', async () => {
    const { bridge, port } = await start({ ...quick, requestTimeoutMs: 60_000 });
    const c = rawClient(port);
    await c.connected;
    const t0 = Date.now();
    c.write(
      `POST /api/maps:list HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\ncontent-type: application/json\r\n${TOKEN_HEADER}: ${bridge.token}\r\ncontent-length: 100\r\n\r\n{`,
    );
    await Promise.race([c.closed, wait(5000)]);
    expect(c.closedAt).toBeGreaterThan(0);
    expect(c.closedAt - t0).toBeLessThan(3000);
    await expectStillServing(port, bridge);
  });

  test('the default limits: headers within 10 s, a whole request within 60 s, two large bodies of over 1 MB', async () => {
    const { DEFAULT_LIMITS } = await import('../../src-main/web/server');
    expect(DEFAULT_LIMITS).toMatchObject({
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 60_000,
      largeBody: 1024 * 1024,
      maxLargeBodies: 2,
      maxBody: 64 * 1024 * 1024,
    });
  });
});
