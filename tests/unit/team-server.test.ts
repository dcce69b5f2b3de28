/**
 * The team server as its users meet it: `npx lanemap serve` started as a process (twice, on
 * one throw-away PostgreSQL database), called over HTTP. A write through one server reaches
 * the other's events stream with the writer's name; presence crosses servers; rights are
 * checked on the server (a viewer's forged write and a commenter's step edit are refused and
 * change nothing; a commenter's comment carries their name); bad requests get readable
 * refusals; the command refuses an exposed address and documents every option.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import pg from 'pg';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { diffMaps } from '../../shared/model/diff';
import type { MapDoc, Step } from '../../shared/model/types';
import type { TeamEvent } from '../../shared/team/protocol';
import { parseServeArgs, serve } from '../../src-main/cli/serve';
import { migrate } from '../../src-main/storage/pg/migrate';
import { addUser } from '../../src-main/team/accounts';
import { startCluster, type TempCluster } from '../support/postgres';

interface Server {
  url: string;
  child: ChildProcess;
  output: () => string;
}

let cluster: TempCluster;
let databaseUrl = '';
let pool: pg.Pool;
const servers: Server[] = [];
const streams: { close(): void }[] = [];
const PASSWORD = 'пароль-для-теста-1';

/** Starts `lanemap serve` as a user would (on a free port); resolves once it says where it listens. */
function startServer(extra: string[] = []): Promise<Server> {
  const child = spawn(process.execPath, ['bin/lanemap.mjs', 'serve', '--database', databaseUrl, '--port', '0', ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (b: Buffer) => {
      out += b.toString('utf8');
      const m = /listening on (http:\/\/[^\s;]+)/.exec(out);
      if (m) {
        const server = { url: m[1]!, child, output: () => out };
        servers.push(server);
        resolve(server);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`lanemap serve ended (${code}) before listening: ${out}`)));
  });
}

/** Stops a server with SIGTERM: its exit code, or the signal that ended it instead. */
function stopServer(s: Server): Promise<number | string | null> {
  return new Promise((resolve) => {
    if (s.child.exitCode !== null || s.child.signalCode !== null) return resolve(s.child.exitCode ?? s.child.signalCode);
    s.child.once('exit', (code, signal) => resolve(code ?? `${signal} (output: ${s.output()})`));
    s.child.kill('SIGTERM');
  });
}

beforeAll(async () => {
  cluster = await startCluster();
  const config = await cluster.createDatabase();
  databaseUrl = cluster.url(String(config.database));
  pool = new pg.Pool({ ...config, max: 2 });
  pool.on('error', () => undefined);
}, 120_000);

afterAll(async () => {
  for (const s of streams.splice(0)) s.close();
  await Promise.all(servers.splice(0).map(stopServer));
  await pool?.end().catch(() => undefined);
  await cluster?.stop();
}, 60_000);

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: { ok?: boolean; value?: unknown; error?: { code: string; message: string; retryAfterSeconds?: number }; [k: string]: unknown };
}

/** One HTTP request; the answer's JSON. */
function request(url: string, opts: { method?: string; token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const data = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
    const req = http.request(
      url,
      {
        method: opts.method ?? (data === undefined ? 'GET' : 'POST'),
        headers: {
          ...(data !== undefined ? { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(data)) } : {}),
          ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
          ...opts.headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(text) as Answer['body'] });
          } catch {
            reject(new Error(`not JSON (${res.statusCode}): ${text.slice(0, 200)}`));
          }
        });
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

const call = (s: Server, token: string | undefined, name: string, input: unknown) => request(`${s.url}/api/v1/call/${name}`, { token, body: input });

async function must<T>(s: Server, token: string, name: string, input: unknown): Promise<T> {
  const r = await call(s, token, name, input);
  if (r.status !== 200 || !r.body.ok) throw new Error(`${name} failed (${r.status}): ${JSON.stringify(r.body)}`);
  return r.body.value as T;
}

async function signIn(s: Server, login: string, password = PASSWORD): Promise<string> {
  const r = await request(`${s.url}/api/v1/sign-in`, { body: { login, password } });
  if (r.status !== 200) throw new Error(`sign-in of ${login} failed: ${JSON.stringify(r.body)}`);
  return r.body.token as string;
}

/** A call that declares a body of `length` bytes and sends only its first few: answered from the headers alone. */
function declaredOnly(url: string, token: string, length: number): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    const req = http.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(length), authorization: `Bearer ${token}` },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(text) as Answer['body'] }));
    });
    req.on('error', reject);
    req.write('{"text": "');
  });
}

/** An events stream as a client reads it: every event kept; `next` waits for one that matches. */
function openEvents(s: Server, token: string, mapId?: string) {
  const events: TeamEvent[] = [];
  const waiting: { test: (e: TeamEvent) => boolean; resolve: (e: TeamEvent) => void }[] = [];
  let buffer = '';
  const req = http.get(`${s.url}/api/v1/events${mapId ? `?map=${mapId}` : ''}`, { headers: { authorization: `Bearer ${token}` } }, (res) => {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block
          .split('\n')
          .filter((l) => l.startsWith('data: '))
          .map((l) => l.slice(6))
          .join('\n');
        if (!data) continue;
        const event = JSON.parse(data) as TeamEvent;
        events.push(event);
        for (const w of [...waiting]) {
          if (w.test(event)) {
            waiting.splice(waiting.indexOf(w), 1);
            w.resolve(event);
          }
        }
      }
    });
  });
  req.on('error', () => undefined);
  const stream = {
    events,
    /** The first event (already here or still to come) that `test` accepts. */
    next(test: (e: TeamEvent) => boolean, what: string): Promise<TeamEvent> {
      const seen = events.find(test);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${what} event; got ${JSON.stringify(events)}`)), 20_000);
        waiting.push({ test, resolve: (e) => (clearTimeout(timer), resolve(e)) });
      });
    },
    close: () => req.destroy(),
  };
  streams.push(stream);
  return stream;
}

const aStep = (id: string, roleId: string, title: string): Step => ({
  id,
  kind: 'task',
  title,
  description: '',
  roleId,
  phaseId: null,
  x: 0,
  y: 40,
  duration: null,
  inputs: [],
  outputs: [],
  resources: [],
});

let one: Server;
let two: Server;
let olgaToken = '';

test('two servers on one database: a write through one reaches the events stream of the other with the writer\'s name; presence crosses servers', async () => {
  [one, two] = await Promise.all([startServer(['--name', 'Отдел продаж']), startServer()]);
  await addUser(pool, { login: 'olga', name: 'Ольга Петрова', role: 'editor', password: PASSWORD });
  await addUser(pool, { login: 'ivan', name: 'Иван Смирнов', role: 'viewer', password: PASSWORD });
  await addUser(pool, { login: 'kate', name: 'Kate Brown', role: 'commenter', password: PASSWORD });

  const health = await request(`${one.url}/api/v1/health`);
  expect(health.body).toMatchObject({ ok: true, name: 'Отдел продаж' });
  olgaToken = await signIn(one, 'OLGA');
  const ivanToken = await signIn(two, 'ivan');
  const me = await request(`${two.url}/api/v1/me`, { token: olgaToken });
  expect(me.body).toMatchObject({ user: { login: 'olga', name: 'Ольга Петрова', role: 'editor' }, library: { name: 'Team library' } });

  const map = await must<MapDoc>(one, olgaToken, 'maps:create', { title: 'Продажи B2B', roleNames: ['Менеджер', 'Клиент'] });
  // Ivan watches the map on server two: he is told he is there
  const ivanWatch = openEvents(two, ivanToken, map.id);
  await ivanWatch.next((e) => e.type === 'hello', 'hello');
  await ivanWatch.next((e) => e.type === 'presence' && e.users.some((u) => u.name === 'Иван Смирнов'), 'presence of Ivan');

  // Olga adds a step through server one
  const role = Object.keys(map.roles)[0]!;
  const next: MapDoc = { ...map, steps: { s1: aStep('s1', role, 'Квалифицировать лид') } };
  const applied = await must<{ revision: number }>(one, olgaToken, 'maps:applyChanges', { id: map.id, changes: diffMaps(map, next) });
  const change = await ivanWatch.next((e) => e.type === 'change' && e.mapId === map.id && e.kind === 'apply', 'change');
  expect(change).toEqual({ type: 'change', mapId: map.id, kind: 'apply', revision: applied.revision, by: { id: expect.any(String), name: 'Ольга Петрова' } });
  expect((await must<MapDoc>(two, ivanToken, 'maps:get', { id: map.id })).steps.s1?.title).toBe('Квалифицировать лид');
  // the library card's picture comes from the other server too: a PNG of the map as it is now, not a blank
  const picture = await must<{ png: string; width: number; height: number; revision: number }>(two, ivanToken, 'maps:thumbnail', { id: map.id });
  expect(picture.revision).toBe(applied.revision);
  const png = PNG.sync.read(Buffer.from(picture.png, 'base64'));
  expect(png.width).toBeGreaterThan(50);
  const colours = new Set<number>();
  for (let i = 0; i < png.data.length; i += 4) colours.add(png.data.readUInt32BE(i));
  expect(colours.size).toBeGreaterThan(3);

  // Olga opens the map on server one: Ivan, on server two, sees both of them
  const olgaWatch = openEvents(one, olgaToken, map.id);
  const both = (e: TeamEvent) => e.type === 'presence' && e.users.length === 2;
  const seenByIvan = await ivanWatch.next(both, 'presence of both');
  expect(seenByIvan.type === 'presence' && seenByIvan.users.map((u) => u.name).sort()).toEqual(['Иван Смирнов', 'Ольга Петрова']);
  await olgaWatch.next(both, 'presence of both on server one');

  // Olga closes it: Ivan is alone again
  olgaWatch.close();
  await ivanWatch.next((e) => e.type === 'presence' && e.users.length === 1 && ivanWatch.events.indexOf(e) > ivanWatch.events.indexOf(seenByIvan), 'presence after Olga left');

  // a library stream (no map) hears every map's changes, and a version carries the real author
  const library = openEvents(two, ivanToken);
  await library.next((e) => e.type === 'hello', 'hello');
  const version = await must<{ author: string }>(one, olgaToken, 'versions:save', { mapId: map.id, name: 'Согласовано', note: '', author: 'Кто-то другой', kind: 'manual' });
  expect(version.author).toBe('Ольга Петрова');
  const versionEvent = await library.next((e) => e.type === 'change' && e.kind === 'version', 'version change');
  expect(versionEvent).toMatchObject({ mapId: map.id, by: { name: 'Ольга Петрова' } });
  expect(library.events.some((e) => e.type === 'presence')).toBe(false);
}, 120_000);

test('rights are checked on the server: a viewer\'s forged write and a commenter\'s step edit are refused and change nothing; a commenter\'s comment carries their name', async () => {
  const map = await must<MapDoc>(one, olgaToken, 'maps:create', { title: 'Права', roleNames: ['Менеджер'] });
  const role = Object.keys(map.roles)[0]!;
  const withStep: MapDoc = { ...map, steps: { r1: aStep('r1', role, 'Выставить счёт') } };
  await must(one, olgaToken, 'maps:applyChanges', { id: map.id, changes: diffMaps(map, withStep) });
  const stored = await must<MapDoc>(one, olgaToken, 'maps:get', { id: map.id });
  const state = await must<{ revision: number }>(one, olgaToken, 'maps:state', { id: map.id });

  // a viewer: reading is fine, a forged rename of the step is 403 and nothing is stored
  const ivan = await signIn(two, 'ivan');
  expect((await call(two, ivan, 'maps:get', { id: map.id })).status).toBe(200);
  const renamed: MapDoc = { ...stored, steps: { r1: { ...stored.steps.r1!, title: 'Взломано' } } };
  const forged = await call(two, ivan, 'maps:applyChanges', { id: map.id, changes: diffMaps(stored, renamed) });
  expect(forged.status).toBe(403);
  expect(forged.body.error).toMatchObject({ code: 'forbidden', message: expect.stringContaining('viewer') });
  for (const [name, input] of [
    ['maps:rename', { id: map.id, title: 'Взломано' }],
    ['maps:delete', { id: map.id }],
    ['maps:create', { title: 'Чужая' }],
  ] as const) {
    expect((await call(two, ivan, name, input)).status, name).toBe(403);
  }
  // a viewer's import is refused before its body is read (403, not 413)
  const bigImport = await declaredOnly(`${two.url}/api/v1/call/maps:import`, ivan, 200 * 1024 * 1024);
  expect(bigImport.status).toBe(403);
  expect(bigImport.body.error?.code).toBe('forbidden');

  // a commenter: a comment is stored under their own name, whatever the request said
  const kate = await signIn(one, 'kate');
  const commented: MapDoc = {
    ...stored,
    comments: {
      c1: { id: 'c1', targetKind: 'step', targetId: 'r1', parentId: null, author: 'Ольга Петрова', text: 'Уточнить сроки оплаты', createdAt: '2026-03-02T10:00:00.000Z', resolvedAt: null, resolvedBy: null },
    },
  };
  await must(one, kate, 'maps:applyChanges', { id: map.id, changes: diffMaps(stored, commented) });
  // …but renaming the step is an editor's
  const afterComment = await must<MapDoc>(one, kate, 'maps:get', { id: map.id });
  const kateRename = await call(one, kate, 'maps:applyChanges', { id: map.id, changes: diffMaps(afterComment, { ...afterComment, steps: { r1: { ...afterComment.steps.r1!, title: 'Переименовано' } } }) });
  expect(kateRename.status).toBe(403);
  expect(kateRename.body.error).toMatchObject({ code: 'forbidden', message: expect.stringContaining('commenter') });
  // nor may she save a version
  expect((await call(one, kate, 'versions:save', { mapId: map.id, name: 'v', note: '', author: '', kind: 'manual' })).status).toBe(403);

  const final = await must<MapDoc>(one, olgaToken, 'maps:get', { id: map.id });
  expect(final.title).toBe('Права');
  expect(final.steps.r1?.title).toBe('Выставить счёт');
  expect(final.comments.c1).toMatchObject({ author: 'Kate Brown', text: 'Уточнить сроки оплаты' });
  // the one write that was allowed (the comment) is the only one since
  expect((await must<{ revision: number }>(one, olgaToken, 'maps:state', { id: map.id })).revision).toBe(state.revision + 1);
  const writers = await pool.query<{ user_name: string }>('SELECT user_name FROM map_writes WHERE map_id = $1 ORDER BY id', [map.id]);
  expect(writers.rows.map((r) => r.user_name)).toEqual(['Ольга Петрова', 'Ольга Петрова', 'Kate Brown']);
}, 60_000);

test('sessions: no token, a made-up token and a signed-out token are 401; a wrong password is 401; repeated failures are 429 with Retry-After', async () => {
  const map = (await must<{ id: string }[]>(one, olgaToken, 'maps:list', {}))[0]!;
  const none = await call(one, undefined, 'maps:get', { id: map.id });
  expect(none.status).toBe(401);
  expect(none.body.error).toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/sign in/i) });
  expect((await call(one, 'x'.repeat(43), 'maps:get', { id: map.id })).status).toBe(401);
  expect((await request(`${one.url}/api/v1/events?map=${map.id}`)).status).toBe(401);

  const token = await signIn(two, 'olga');
  expect((await call(one, token, 'maps:get', { id: map.id })).status).toBe(200);
  expect((await request(`${two.url}/api/v1/sign-out`, { token, method: 'POST' })).body).toEqual({ ok: true });
  // signed out on server two: refused on server one too
  expect((await call(one, token, 'maps:get', { id: map.id })).status).toBe(401);

  const wrong = await request(`${one.url}/api/v1/sign-in`, { body: { login: 'olga', password: 'не тот пароль' } });
  expect(wrong.status).toBe(401);
  expect(wrong.body.error).toMatchObject({ code: 'unauthorized', message: 'Wrong login or password.' });
  let last: Answer | undefined;
  for (let i = 0; i < 8 && last?.status !== 429; i++) last = await request(`${i % 2 ? one.url : two.url}/api/v1/sign-in`, { body: { login: 'nobody-here', password: 'guess-guess' } });
  expect(last?.status).toBe(429);
  expect(Number(last?.headers['retry-after'])).toBeGreaterThan(0);
  expect(last?.body.error).toMatchObject({ code: 'rate-limited', retryAfterSeconds: Number(last?.headers['retry-after']) });
}, 60_000);

test('bad requests get readable refusals and change nothing', async () => {
  const list = await must<{ id: string; title: string }[]>(one, olgaToken, 'maps:list', {});
  const map = list[0]!;
  const before = await must<{ revision: number }>(one, olgaToken, 'maps:state', { id: map.id });

  const malformed = await request(`${one.url}/api/v1/call/maps:rename`, { token: olgaToken, raw: '{"id": "' });
  expect(malformed.status).toBe(400);
  expect(malformed.body.error).toEqual({ code: 'bad-input', message: 'The request is not valid JSON.' });

  // a body said to be larger than the limit is refused before it is read
  const oversize = await declaredOnly(`${one.url}/api/v1/call/maps:import`, olgaToken, 200 * 1024 * 1024);
  expect(oversize.status).toBe(413);
  expect(oversize.body.error).toMatchObject({ code: 'bad-input', message: expect.stringContaining('too large') });

  const long = await call(one, olgaToken, 'maps:rename', { id: map.id, title: 'Я'.repeat(10_000) });
  expect(long.status).toBe(400);
  expect(long.body.error?.message).toMatch(/title: must be at most 200 characters/);
  expect((await call(one, olgaToken, 'app:info', {})).body.error?.message).toMatch(/no call "app:info"/);
  expect((await call(one, olgaToken, 'maps:get', { id: '../../etc' })).status).toBe(400);
  const notJson = await request(`${one.url}/api/v1/call/maps:list`, { token: olgaToken, raw: '{}', headers: { 'content-type': 'text/plain' } });
  expect(notJson.status).toBe(415);
  const otherPage = await request(`${one.url}/api/v1/call/maps:list`, { token: olgaToken, body: {}, headers: { origin: 'https://evil.example' } });
  expect(otherPage.status).toBe(403);
  expect(otherPage.body.error?.message).toMatch(/other web pages/);
  expect((await request(`${one.url}/api/v1/events?map=no-such-map`, { token: olgaToken })).status).toBe(404);
  expect((await request(`${one.url}/nothing`)).status).toBe(404);

  // markup in a name is text: kept as typed, answered as JSON (never as a page)
  await must(one, olgaToken, 'maps:rename', { id: map.id, title: '<script>alert(1)</script> Карта' });
  const read = await call(two, olgaToken, 'maps:get', { id: map.id });
  expect(read.headers['content-type']).toBe('application/json; charset=utf-8');
  expect((read.body.value as MapDoc).title).toBe('<script>alert(1)</script> Карта');
  expect((await must<{ revision: number }>(one, olgaToken, 'maps:state', { id: map.id })).revision).toBe(before.revision + 1);
  // the servers are still up
  for (const s of [one, two]) expect((await request(`${s.url}/api/v1/health`)).body.ok).toBe(true);
}, 60_000);

/** `lanemap serve …` as a process; its exit code and output. */
function runServe(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/lanemap.mjs', 'serve', ...args], { env: { ...process.env, LANEMAP_DATABASE_URL: '', DATABASE_URL: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString('utf8')));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** `serve` run in this process (for refusals that happen before it listens). */
async function serveHere(args: string[]): Promise<{ code: number; err: string }> {
  let err = '';
  const code = await serve(args, { out: () => undefined, err: (l) => (err += `${l}\n`) });
  return { code, err: err.trim() };
}

test('serve refuses an address other machines reach without an https public URL, says why its database cannot be used, and --help lists every option', async () => {
  const [exposed, unreachable, help] = await Promise.all([
    runServe(['--host', '0.0.0.0', '--database', databaseUrl]),
    runServe(['--database', 'postgres://postgres@127.0.0.1:1/lanemap']),
    runServe(['--help']),
  ]);
  expect(exposed.status).toBe(1);
  expect(exposed.stderr.trim()).toMatch(/^lanemap: Refusing to listen on 0\.0\.0\.0, .*public URL.*\.$/);
  expect(exposed.stderr.trim().split('\n')).toHaveLength(1);
  expect(unreachable.status).toBe(1);
  expect(unreachable.stderr.trim()).toBe('lanemap: Cannot reach the database lanemap at 127.0.0.1:1: nothing answers there (is PostgreSQL running?).');
  expect(help.status).toBe(0);
  for (const word of ['--database', 'LANEMAP_DATABASE_URL', 'DATABASE_URL', '--host', 'LANEMAP_HOST', '--port', 'LANEMAP_PORT', '--public-url', 'LANEMAP_PUBLIC_URL', '--name', 'LANEMAP_LIBRARY_NAME', '--allow-insecure-http', 'LANEMAP_ALLOW_INSECURE_HTTP', '--help']) {
    expect(help.stdout).toContain(word);
  }

  const plain = await serveHere(['--host', '0.0.0.0', '--public-url', 'http://lanemap.example', '--database', databaseUrl]);
  expect(plain.code).toBe(1);
  expect(plain.err).toMatch(/not https:\/\/.*--allow-insecure-http/);
  expect(parseServeArgs(['--host', '0.0.0.0', '--public-url', 'http://lanemap.example', '--allow-insecure-http'], { LANEMAP_DATABASE_URL: databaseUrl })).toMatchObject({ host: '0.0.0.0', allowInsecureHttp: true });
  expect(parseServeArgs([], { DATABASE_URL: databaseUrl, LANEMAP_HOST: '10.0.0.5', LANEMAP_PUBLIC_URL: 'https://lanemap.example', LANEMAP_PORT: '8080', LANEMAP_LIBRARY_NAME: 'Отдел' })).toEqual({
    database: databaseUrl,
    host: '10.0.0.5',
    port: 8080,
    publicUrl: 'https://lanemap.example',
    name: 'Отдел',
    allowInsecureHttp: false,
  });
  expect((await serveHere([])).err).toMatch(/^lanemap: No database: .*LANEMAP_DATABASE_URL/);
  expect((await serveHere(['--database', databaseUrl, '--port', 'abc'])).err).toMatch(/port must be a number/);
  expect((await serveHere(['--database', cluster.url('no_such_db')])).err).toMatch(/^lanemap: The database no_such_db at 127\.0\.0\.1:\d+ does not exist/);
  expect((await serveHere(['--database', cluster.url(String((await pool.query<{ db: string }>('SELECT current_database() AS db')).rows[0]!.db)).replace('postgres@', 'nobody:pw@')])).err).toMatch(
    /does not let this user in/,
  );
}, 120_000);

test('a server started on a database a newer Lanemap set up refuses to start, in one line; a stopped server stops cleanly', async () => {
  await migrate(pool);
  await pool.query("INSERT INTO schema_migrations (version, name, checksum) VALUES (999, 'future', 'x')");
  try {
    const r = await serveHere(['--database', databaseUrl, '--port', '0']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^lanemap: The team library's database was set up by a newer Lanemap \(schema 999/);
  } finally {
    await pool.query('DELETE FROM schema_migrations WHERE version = 999');
  }
  const s = await startServer();
  expect(await stopServer(s)).toBe(0);
  expect(s.output()).toMatch(/Stopped\./);
}, 60_000);
