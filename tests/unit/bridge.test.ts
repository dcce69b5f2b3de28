/**
 * The HTTP bridge over a real library: the page it serves carries a token that works, and
 * every request another page or process could forge is refused without touching the library.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startWebBridge, TOKEN_HEADER, type WebBridge } from '../../src-main/web/server';
import { call, openTempLibrary, removeTempDirs, snapshotTables, tempDir, type TempLibrary } from '../support/library';

let lib: TempLibrary;
let bridge: WebBridge;
let port: number;
let rendererDir: string;

beforeAll(async () => {
  lib = openTempLibrary();
  call(lib.services, 'maps:create', { title: 'Квалификация лида' });
  const root = tempDir();
  rendererDir = path.join(root, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><html><head><title>Lanemap</title></head><body><div id="root"></div></body></html>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log("Lanemap");');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'index-B2IvoclT.js'), 'console.log("hashed");');
  // a file right next to the renderer folder, whose path starts like it
  fs.writeFileSync(path.join(root, 'renderer-secret.txt'), 'SECRET');
  bridge = await startWebBridge({ services: lib.services, rendererDir });
  port = Number(new URL(bridge.url).port);
});
afterAll(async () => {
  await bridge.close();
  lib.close();
  removeTempDirs();
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One raw HTTP request (raw path, any Host); status 0 when nothing answers within `timeout`. */
function request(opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer; timeout?: number }): Promise<Answer> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (a: Answer) => {
      if (!done) {
        done = true;
        resolve(a);
      }
    };
    const req = http.request({ host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => finish({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', () => finish({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.setTimeout(opts.timeout ?? 5000, () => {
      req.destroy();
      finish({ status: 0, headers: {}, body: 'no answer' });
    });
    // the server may hang up while a refused body is still being sent
    req.on('error', () => setTimeout(() => finish({ status: 0, headers: {}, body: 'connection error' }), 200));
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

const jsonHeaders = (extra: Record<string, string> = {}): Record<string, string> => ({
  'content-type': 'application/json',
  [TOKEN_HEADER]: bridge.token,
  ...extra,
});
const post = (name: string, payload: unknown, headers = jsonHeaders()) =>
  request({ method: 'POST', path: `/api/${name}`, headers, body: JSON.stringify(payload) });
const parse = (a: Answer) => JSON.parse(a.body) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };

/** Sends `attempt`, then checks that the library has not changed at all. */
async function expectNothingChanges(attempt: () => Promise<Answer>): Promise<Answer> {
  const before = snapshotTables(lib.db);
  const answer = await attempt();
  expect(snapshotTables(lib.db)).toEqual(before);
  return answer;
}

describe('the page and its token', () => {
  test('GET / serves the page with a lanemap-token meta tag, and that token opens the API', async () => {
    const page = await request({ path: '/', headers: { host: `127.0.0.1:${port}` } });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    const token = /<meta name="lanemap-token" content="([0-9a-f]+)">/.exec(page.body)?.[1] ?? '';
    expect(page.body).toContain('<title>Lanemap</title>');
    expect(token).toHaveLength(64);

    const list = await post('maps:list', {}, { 'content-type': 'application/json', [TOKEN_HEADER]: token, origin: `http://127.0.0.1:${port}` });
    expect(list.status).toBe(200);
    expect(parse(list)).toEqual({ ok: true, value: call(lib.services, 'maps:list', {}) });
    expect(parse(list).value).toEqual([expect.objectContaining({ title: 'Квалификация лида' })]);
  });

  test('the page is also served on localhost, and static files with their type', async () => {
    const page = await request({ path: '/', headers: { host: `localhost:${port}` } });
    expect(page.status).toBe(200);
    const js = await request({ path: '/assets/app.js' });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
    expect(js.body).toBe('console.log("Lanemap");');
  });

  test("the build's content-named assets are cached for good; the page and other files are not", async () => {
    const hashed = await request({ path: '/assets/index-B2IvoclT.js' });
    expect(hashed.status).toBe(200);
    expect(hashed.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await request({ path: '/' })).headers['cache-control']).toBe('no-store');
    expect((await request({ path: '/assets/app.js' })).headers['cache-control']).toBeUndefined();
  });

  test('a call through the API changes the library like the services do', async () => {
    const created = await post('maps:create', { title: 'Воронка «Опт»' });
    expect(created.status).toBe(200);
    const id = (parse(created).value as { id: string }).id;
    expect(call(lib.services, 'maps:get', { id }).title).toBe('Воронка «Опт»');
    const refused = await post('maps:get', { id: 'no-such-map' });
    expect(refused.status).toBe(400);
    expect(parse(refused)).toEqual({ ok: false, error: { code: 'not-found', message: 'This map no longer exists.' } });
  });
});

describe('requests the bridge refuses', () => {
  test('no token → 403, and a maps:create is not carried out', async () => {
    const a = await expectNothingChanges(() => post('maps:create', { title: 'Взлом' }, { 'content-type': 'application/json' }));
    expect(a.status).toBe(403);
    expect(parse(a)).toMatchObject({ ok: false, error: { message: 'Missing or wrong Lanemap token.' } });
  });

  test.each([
    ['a wrong token of the right length', () => 'f'.repeat(64)],
    ['a shorter token', () => bridge.token.slice(0, 10)],
    ['the token with one more character', () => `${bridge.token}0`],
  ])('%s → 403', async (_label, wrongToken) => {
    const given = wrongToken();
    const a = await expectNothingChanges(() => post('maps:create', { title: 'Взлом' }, jsonHeaders({ [TOKEN_HEADER]: given })));
    expect(a.status).toBe(403);
  });

  test('the right token from another web page (Origin) → 403', async () => {
    const a = await expectNothingChanges(() => post('maps:create', { title: 'CSRF' }, jsonHeaders({ origin: 'http://evil.example' })));
    expect(a.status).toBe(403);
    expect(parse(a).error?.message).toBe('Requests from other web pages are refused.');
    const nullOrigin = await expectNothingChanges(() => post('maps:create', { title: 'CSRF' }, jsonHeaders({ origin: 'null' })));
    expect(nullOrigin.status).toBe(403);
  });

  test.each([
    ['the page', () => request({ path: '/', headers: { host: `evil.example:${port}` } })],
    ['an API call', () => post('maps:create', { title: 'Rebinding' }, jsonHeaders({ host: `evil.example:${port}` }))],
    ['the right host name on another port', () => request({ path: '/', headers: { host: `127.0.0.1:${port + 1}` } })],
  ])('a foreign Host header (DNS rebinding) on %s → 421, no token given out', async (_label, send) => {
    const a = await expectNothingChanges(send);
    expect(a.status).toBe(421);
    expect(a.body).not.toContain(bridge.token);
  });

  test.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])('content-type %s → 415', async (type) => {
    const a = await expectNothingChanges(() => post('maps:create', { title: 'Форма' }, jsonHeaders({ 'content-type': type })));
    expect(a.status).toBe(415);
  });

  test('GET on the API → 405', async () => {
    const a = await request({ path: '/api/maps:list', headers: jsonHeaders() });
    expect(a.status).toBe(405);
  });

  test('invalid JSON → 400 with a clear message', async () => {
    const a = await expectNothingChanges(() => request({ method: 'POST', path: '/api/maps:create', headers: jsonHeaders(), body: '{"title": "Воронка",' }));
    expect(a.status).toBe(400);
    expect(parse(a)).toEqual({ ok: false, error: { code: 'bad-input', message: 'The request is not valid JSON.' } });
  });

  test('a body over 64 MB → 413, and the map is not created', async () => {
    const body = `{"title":"${'я'.repeat(33 * 1024 * 1024)}"}`; // 66 MB of UTF-8
    const a = await expectNothingChanges(() => request({ method: 'POST', path: '/api/maps:create', headers: jsonHeaders(), body, timeout: 20_000 }));
    expect(a.status).toBe(413);
    expect(parse(a).error?.message).toBe('The request is too large.');
    const after = await post('maps:list', {});
    expect(after.status).toBe(200);
  });

  test.each([
    '/../../etc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/..%2f..%2f..%2fetc%2fpasswd',
    '/assets/..%2f..%2frenderer-secret.txt',
    '/..%2frenderer-secret.txt',
    '/nothing-here.js',
  ])('path traversal %s → 404', async (p) => {
    const a = await request({ path: p });
    expect(a.status).toBe(404);
    expect(a.body).not.toContain('root:');
    expect(a.body).not.toContain('SECRET');
  });
});

describe('the bridge survives hostile input', () => {
  test('a broken percent-encoding in a page path gets an answer, and the bridge keeps serving', async () => {
    const a = await request({ path: '/%E0%A4%A', timeout: 3000 });
    expect(a.status).toBeGreaterThanOrEqual(400);
    expect(a.status).toBeLessThan(500);
    expect((await request({ path: '/' })).status).toBe(200);
  });

  test('a broken percent-encoding in a call name gets an answer, and the bridge keeps serving', async () => {
    const a = await request({ method: 'POST', path: '/api/maps%E0%A4%A', headers: jsonHeaders(), body: '{}', timeout: 3000 });
    expect(a.status).toBe(400);
    expect((await post('maps:list', {})).status).toBe(200);
  });

  test('a token with a non-ASCII character is refused with 403, and the bridge keeps serving', async () => {
    const a = await request({
      method: 'POST',
      path: '/api/maps:list',
      headers: jsonHeaders({ [TOKEN_HEADER]: `é${'a'.repeat(63)}` }),
      body: '{}',
      timeout: 3000,
    });
    expect(a.status).toBe(403);
    expect((await post('maps:list', {})).status).toBe(200);
  });
});
