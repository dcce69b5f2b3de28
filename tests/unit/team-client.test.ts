/**
 * The app's team client (src-main/team/client.ts) against real team servers (src-main/team/
 * server.ts, two of them on one throw-away PostgreSQL database), through `dispatchAsync` as
 * the renderer's calls arrive: adding a server (and refusing what is not one), signing in
 * (wrong password, Cyrillic names), the list's states, calls (checked before they leave, a
 * viewer's forged write refused, a conflict passed on with its rows), events through `watch`
 * (a write through the other server arrives, with who made it), sign-out, a session ended on
 * the server, a stopped server (offline, then back), and the bridge's `/events` relay with its
 * Host / Origin / token refusals.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { CallName } from '../../shared/calls';
import type { CallReply, TeamServer as KnownServer } from '../../shared/contract';
import { diffMaps } from '../../shared/model/diff';
import type { MapDoc } from '../../shared/model/types';
import type { TeamEvent, TeamEventMessage, TeamLibraryInfo } from '../../shared/team/protocol';
import { dispatchAsync } from '../../src-main/services/dispatch';
import { createServices, type Services } from '../../src-main/services/library';
import { settingsKeyValue } from '../../src-main/services/team';
import { openPgStore } from '../../src-main/storage/pg/pgStore';
import { addUser, signIn, signOut, userOfToken, writeRecorder } from '../../src-main/team/accounts';
import { createTeamClient, type TeamClient } from '../../src-main/team/client';
import { currentUser } from '../../src-main/team/context';
import { authorName } from '../../src-main/team/authorship';
import { createStoreServices } from '../../src-main/services/storeServices';
import { createEventHub } from '../../src-main/team/events';
import { createEventRelay } from '../../src-main/team/relay';
import { startTeamServer, type TeamServer } from '../../src-main/team/server';
import { fileVault } from '../../src-main/team/vault';
import { startWebBridge, type WebBridge } from '../../src-main/web/server';
import { openTempLibrary, removeTempDirs, snapshotTables, tempDir, type TempLibrary } from '../support/library';
import { startCluster, type TempCluster } from '../support/postgres';

const PASSWORD = 'пароль-для-теста-1';

interface Running {
  server: TeamServer;
  stop(): Promise<void>;
}

let cluster: TempCluster;
let dbConfig: pg.PoolConfig;
let admin: pg.Pool;
const servers: Running[] = [];

/** One `lanemap serve` as serve.ts composes it, in this process. */
async function startServer(port = 0, config: pg.PoolConfig = dbConfig): Promise<Running> {
  const serverId = crypto.randomUUID();
  const library: TeamLibraryInfo = { name: 'Отдел продаж', serverId, version: '0.1.0' };
  const pool = new pg.Pool({ ...config, max: 6 });
  pool.on('error', () => undefined);
  const store = await openPgStore(pool, { onWrite: writeRecorder({ serverId, currentUser }) });
  const hub = createEventHub({ pool, listen: { ...config }, serverId });
  await hub.start();
  const server = await startTeamServer({
    services: createStoreServices(store, {
      author: () => {
        const user = currentUser();
        return user ? authorName(user) : undefined;
      },
    }),
    accounts: { signIn: (i) => signIn(pool, i), userOfToken: (t) => userOfToken(pool, t), signOut: (t) => signOut(pool, t) },
    store,
    hub,
    library,
    host: '127.0.0.1',
    port,
  });
  const running: Running = {
    server,
    stop: async () => {
      await server.close();
      await hub.stop().catch(() => undefined);
      await pool.end().catch(() => undefined);
    },
  };
  servers.push(running);
  return running;
}

/** A local app: its own SQLite library and team client, the services the renderer calls, and the events each window got. */
interface App {
  lib: TempLibrary;
  team: TeamClient;
  services: Services;
  tokensFile: string;
  events: Map<string, TeamEventMessage[]>;
  call<K extends CallName>(name: K, input: unknown): Promise<CallReply>;
  ok<T = unknown>(name: CallName, input: unknown): Promise<T>;
}
const apps: App[] = [];

function openApp(): App {
  const lib = openTempLibrary();
  const tokensFile = path.join(path.dirname(lib.file), 'team-tokens.json');
  const events = new Map<string, TeamEventMessage[]>();
  const team = createTeamClient({
    store: settingsKeyValue(lib.db),
    vault: fileVault(tokensFile),
    deliver: (client, m) => events.set(client, [...(events.get(client) ?? []), m]),
    timeouts: { meMs: 1500, connectMs: 1500, reconnectMs: 100, reconnectMaxMs: 400 },
  });
  const services = createServices(lib.db, { dataFile: lib.file, transport: 'http', team });
  const app: App = {
    lib,
    team,
    services,
    tokensFile,
    events,
    call: (name, input) => dispatchAsync(services, name, input),
    async ok<T>(name: CallName, input: unknown) {
      const r = await dispatchAsync(services, name, input);
      if (!r.ok) throw new Error(`${name} was refused: ${r.error.code}: ${r.error.message}`);
      return r.value as T;
    },
  };
  apps.push(app);
  return app;
}

const seen = (app: App, client: string) => (app.events.get(client) ?? []).map((m) => m.event);
const statuses = (app: App, client: string) => seen(app, client).filter((e): e is Extract<TeamEvent, { type: 'status' }> => e.type === 'status').map((e) => e.state);

let one: Running;
let two: Running;

beforeAll(async () => {
  cluster = await startCluster();
  dbConfig = await cluster.createDatabase();
  admin = new pg.Pool({ ...dbConfig, max: 2 });
  admin.on('error', () => undefined);
  await openPgStore(admin);
  await addUser(admin, { login: 'anna', name: 'Анна Петрова', role: 'editor', password: PASSWORD });
  await addUser(admin, { login: 'boris', name: 'Борис Иванов', role: 'editor', password: PASSWORD });
  await addUser(admin, { login: 'vera', name: 'Вера (только чтение)', role: 'viewer', password: PASSWORD });
  one = await startServer();
  two = await startServer();
}, 120_000);

afterAll(async () => {
  for (const a of apps) {
    a.team.close();
    a.lib.close();
  }
  for (const s of servers) await s.stop().catch(() => undefined);
  await admin?.end().catch(() => undefined);
  await cluster?.stop();
  removeTempDirs();
});

/** A plain HTTP server that is not Lanemap. */
async function notLanemap(): Promise<{ url: string; close(): Promise<void> }> {
  const s = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true,"hello":"world"}');
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => s.close(() => r())) };
}

describe('adding a server and signing in', () => {
  test('what is not a Lanemap team server is refused readably and nothing is kept', async () => {
    const app = openApp();
    const before = snapshotTables(app.lib.db);
    const other = await notLanemap();
    try {
      const cases: [unknown, string, RegExp][] = [
        [{ url: 'javascript:alert(1)' }, 'bad-input', /https:\/\//],
        [{ url: `https://example.com/${'я'.repeat(10_000)}` }, 'bad-input', /team:add/],
        [{ url: '<script>alert(1)</script>' }, 'bad-input', /./],
        [{ url: other.url }, 'bad-input', /does not answer as a Lanemap team server/],
        // nothing listens on this port now
        [{ url: 'http://127.0.0.1:9' }, 'offline', /127\.0\.0\.1:9/],
        [{ url: 'http://127.0.0.1:1', extra: 1 }, 'bad-input', /extra/],
      ];
      for (const [input, code, message] of cases) {
        const r = await app.call('team:add', input);
        expect(r.ok, JSON.stringify(input).slice(0, 80)).toBe(false);
        if (!r.ok) {
          expect(r.error.code).toBe(code);
          expect(r.error.message).toMatch(message);
        }
      }
    } finally {
      await other.close();
    }
    expect(await app.ok('team:list', {})).toEqual([]);
    expect(snapshotTables(app.lib.db)).toEqual(before);
  });

  test('a real server is added by a loose address, normalised, its library remembered; added twice it is one', async () => {
    const app = openApp();
    const port = one.server.port;
    const added = await app.ok<KnownServer>('team:add', { url: `  localhost:${port}/ ` });
    expect(added).toMatchObject({ url: `http://localhost:${port}`, state: 'signed-out', user: null, library: { name: 'Отдел продаж' } });
    const again = await app.ok<KnownServer>('team:add', { url: `http://LOCALHOST:${port}` });
    expect(again.id).toBe(added.id);
    expect(await app.ok<KnownServer[]>('team:list', {})).toHaveLength(1);
    // kept in the local library: a new client over the same library knows it
    const reopened = createTeamClient({ store: settingsKeyValue(app.lib.db), vault: fileVault(app.tokensFile) });
    expect((await reopened.list()).map((s) => s.url)).toEqual([`http://localhost:${port}`]);
  });

  test('a wrong password is refused as unauthorized; the right one signs in, the token stays in the vault file (0600), never in a reply', async () => {
    const app = openApp();
    const s = await app.ok<KnownServer>('team:add', { url: one.server.url });
    const wrong = await app.call('team:signIn', { id: s.id, login: 'anna', password: 'не тот пароль' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(fs.existsSync(app.tokensFile)).toBe(false);
    const signed = await app.ok<KnownServer>('team:signIn', { id: s.id, login: 'ANNA', password: PASSWORD });
    expect(signed).toMatchObject({ state: 'signed-in', user: { login: 'anna', name: 'Анна Петрова', role: 'editor' } });
    expect(fs.statSync(app.tokensFile).mode & 0o777).toBe(0o600);
    const token = (JSON.parse(fs.readFileSync(app.tokensFile, 'utf8')) as Record<string, string>)[s.id]!;
    expect(token.length).toBeGreaterThan(15);
    const list = await app.ok<KnownServer[]>('team:list', {});
    expect(list).toEqual([expect.objectContaining({ id: s.id, state: 'signed-in', user: expect.objectContaining({ name: 'Анна Петрова' }) })]);
    expect(JSON.stringify([signed, list])).not.toContain(token);
    // nor in the local library's settings
    expect(JSON.stringify(snapshotTables(app.lib.db))).not.toContain(token);
  });

  test('too many failed sign-ins: rate-limited, with the server’s words and the wait', async () => {
    // a database and server of its own: the failures count per address, and every test here signs in from 127.0.0.1
    const own = await cluster.createDatabase();
    const pool = new pg.Pool({ ...own, max: 1 });
    await openPgStore(pool);
    await addUser(pool, { login: 'vera', name: 'Вера', role: 'viewer', password: PASSWORD });
    await pool.end();
    const limited = await startServer(0, own);
    const app = openApp();
    const s = await app.ok<KnownServer>('team:add', { url: limited.server.url });
    let last: CallReply | undefined;
    for (let i = 0; i < 8; i++) {
      last = await app.call('team:signIn', { id: s.id, login: 'vera', password: `неверно-${i}` });
      if (!last.ok && last.error.code === 'rate-limited') break;
    }
    expect(last).toMatchObject({ ok: false, error: { code: 'rate-limited', message: expect.stringMatching(/\d+ s/) } });
    // the right password waits too, and the app is still signed out
    expect(await app.call('team:signIn', { id: s.id, login: 'vera', password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'rate-limited' } });
    expect((await app.ok<KnownServer[]>('team:list', {}))[0]!.state).toBe('signed-out');
  });
});

async function signedIn(login: string, through: Running): Promise<{ app: App; id: string }> {
  const app = openApp();
  const s = await app.ok<KnownServer>('team:add', { url: through.server.url });
  await app.ok('team:signIn', { id: s.id, login, password: PASSWORD });
  return { app, id: s.id };
}

describe('calls', () => {
  test('a call is checked before it leaves, made as the user, and a viewer’s forged write is refused', async () => {
    const anna = await signedIn('anna', one);
    const map = await anna.app.ok<MapDoc>('team:call', { server: anna.id, name: 'maps:create', input: { title: 'Воронка: квалификация лида' } });
    expect(map.title).toBe('Воронка: квалификация лида');

    const tooLong = await anna.app.call('team:call', { server: anna.id, name: 'maps:create', input: { title: 'я'.repeat(10_000) } });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'bad-input', message: expect.stringMatching(/maps:create/) } });
    const notACall = await anna.app.call('team:call', { server: anna.id, name: 'settings:set', input: {} });
    expect(notACall).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    const titles = (await anna.app.ok<{ title: string }[]>('team:call', { server: anna.id, name: 'maps:list', input: {} })).map((m) => m.title);
    expect(titles.filter((t) => t.startsWith('я'))).toEqual([]);

    const vera = openApp();
    const s = await vera.ok<KnownServer>('team:add', { url: one.server.url });
    await vera.ok('team:signIn', { id: s.id, login: 'vera', password: PASSWORD });
    const read = await vera.ok<MapDoc>('team:call', { server: s.id, name: 'maps:get', input: { id: map.id } });
    expect(read.title).toBe(map.title);
    const forged = await vera.call('team:call', { server: s.id, name: 'maps:rename', input: { id: map.id, title: '<script>alert(1)</script>' } });
    expect(forged).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await anna.app.ok<MapDoc>('team:call', { server: anna.id, name: 'maps:get', input: { id: map.id } })).title).toBe(map.title);
  });

  test('a change made on a stale value comes back as a conflict naming the row', async () => {
    const anna = await signedIn('anna', one);
    const boris = await signedIn('boris', two);
    const created = await anna.app.ok<MapDoc>('team:call', { server: anna.id, name: 'maps:create', input: { title: 'Сделка', roleNames: ['Менеджер'] } });
    const role = Object.values(created.roles)[0]!;
    const rename = (name: string) => diffMaps(created, { ...created, roles: { [role.id]: { ...role, name } } });
    await boris.app.ok('team:call', { server: boris.id, name: 'maps:applyChanges', input: { id: created.id, changes: rename('Руководитель') } });
    const stale = await anna.app.call('team:call', { server: anna.id, name: 'maps:applyChanges', input: { id: created.id, changes: rename('Аналитик') } });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict', conflicts: [expect.objectContaining({ table: 'roles', id: role.id, title: 'Руководитель' })] } });
  });
});

describe('events, sign-out, offline', () => {
  test('a write through the other server reaches the watching window with who made it; presence lists both', async () => {
    const anna = await signedIn('anna', one);
    const boris = await signedIn('boris', two);
    const map = await anna.app.ok<MapDoc>('team:call', { server: anna.id, name: 'maps:create', input: { title: 'Живая карта' } });
    expect(anna.app.team.watch({ client: 'window-anna-1', server: anna.id, mapId: map.id })).toEqual({ watching: true });
    await vi.waitFor(() => expect(seen(anna.app, 'window-anna-1').some((e) => e.type === 'hello')).toBe(true), { timeout: 10_000 });
    expect(statuses(anna.app, 'window-anna-1')).toEqual(['signed-in']);
    await boris.app.ok('team:watch', { client: 'window-boris-1', server: boris.id, mapId: map.id });
    await vi.waitFor(
      () => {
        const presence = seen(anna.app, 'window-anna-1').filter((e) => e.type === 'presence');
        expect(presence.at(-1)).toMatchObject({ mapId: map.id, users: expect.arrayContaining([expect.objectContaining({ name: 'Борис Иванов' }), expect.objectContaining({ name: 'Анна Петрова' })]) });
      },
      { timeout: 15_000 },
    );
    const role = Object.values(map.roles)[0]!;
    const changes = diffMaps(map, { ...map, roles: { ...map.roles, [role.id]: { ...role, name: 'Менеджер (правка Бориса)' } } });
    await boris.app.ok('team:call', { server: boris.id, name: 'maps:applyChanges', input: { id: map.id, changes } });
    await vi.waitFor(
      () => expect(seen(anna.app, 'window-anna-1')).toContainEqual(expect.objectContaining({ type: 'change', mapId: map.id, kind: 'apply', by: expect.objectContaining({ name: 'Борис Иванов' }) })),
      { timeout: 10_000 },
    );
    // every event came tagged with the server it is from
    expect(new Set(anna.app.events.get('window-anna-1')!.map((m) => m.server))).toEqual(new Set([anna.id]));
    // closing the window's stream: nothing more arrives for it
    expect(anna.app.team.watch({ client: 'window-anna-1', server: null, mapId: null })).toEqual({ watching: false });
    expect(anna.app.team.watching()).toEqual([]);
  });

  test('sign-out ends the session on the server, tells the watching window, and calls are then unauthorized', async () => {
    const anna = await signedIn('anna', one);
    const token = (JSON.parse(fs.readFileSync(anna.app.tokensFile, 'utf8')) as Record<string, string>)[anna.id]!;
    anna.app.team.watch({ client: 'window-signout', server: anna.id, mapId: null });
    await vi.waitFor(() => expect(statuses(anna.app, 'window-signout')).toEqual(['signed-in']), { timeout: 10_000 });
    const out = await anna.app.ok<KnownServer>('team:signOut', { id: anna.id });
    expect(out).toMatchObject({ state: 'signed-out', user: null });
    expect(statuses(anna.app, 'window-signout')).toEqual(['signed-in', 'signed-out']);
    const me = await fetch(`${one.server.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(401);
    expect(await anna.app.call('team:call', { server: anna.id, name: 'maps:list', input: {} })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    // signing in again resumes the window's stream
    await anna.app.ok('team:signIn', { id: anna.id, login: 'anna', password: PASSWORD });
    await vi.waitFor(() => expect(statuses(anna.app, 'window-signout')).toEqual(['signed-in', 'signed-out', 'signed-in']), { timeout: 10_000 });
    anna.app.team.watch({ client: 'window-signout', server: null, mapId: null });
  });

  test('a session ended on the server (401): the app is signed out of it, the call says unauthorized', async () => {
    const boris = await signedIn('boris', one);
    await admin.query("DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE login = 'boris')");
    expect(await boris.app.call('team:call', { server: boris.id, name: 'maps:list', input: {} })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect((await boris.app.ok<KnownServer[]>('team:list', {}))[0]).toMatchObject({ state: 'signed-out', user: null });
  });

  test('a stopped server: list says offline, calls say offline, the window is told, and it comes back by itself', async () => {
    const third = await startServer();
    const port = third.server.port;
    const anna = await signedIn('anna', third);
    anna.app.team.watch({ client: 'window-offline', server: anna.id, mapId: null });
    await vi.waitFor(() => expect(statuses(anna.app, 'window-offline')).toEqual(['signed-in']), { timeout: 10_000 });
    await third.stop();
    await vi.waitFor(() => expect(statuses(anna.app, 'window-offline')).toEqual(['signed-in', 'offline']), { timeout: 10_000 });
    expect((await anna.app.ok<KnownServer[]>('team:list', {}))[0]).toMatchObject({ state: 'offline', message: expect.stringContaining(String(port)) });
    expect(await anna.app.call('team:call', { server: anna.id, name: 'maps:list', input: {} })).toMatchObject({ ok: false, error: { code: 'offline' } });
    // the same server started again on its port: the window's stream reconnects, the list is signed in
    await startServer(port);
    await vi.waitFor(() => expect(statuses(anna.app, 'window-offline')).toEqual(['signed-in', 'offline', 'signed-in']), { timeout: 15_000 });
    expect((await anna.app.ok<KnownServer[]>('team:list', {}))[0]).toMatchObject({ state: 'signed-in' });
    anna.app.team.watch({ client: 'window-offline', server: null, mapId: null });
  });

  test('removing a server forgets it and its token', async () => {
    const anna = await signedIn('anna', two);
    expect(await anna.app.ok('team:remove', { id: anna.id })).toEqual({ removed: true });
    expect(await anna.app.ok('team:list', {})).toEqual([]);
    expect(JSON.parse(fs.readFileSync(anna.app.tokensFile, 'utf8'))).toEqual({});
    expect(await anna.app.call('team:call', { server: anna.id, name: 'maps:list', input: {} })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

describe("the bridge's /events", () => {
  let bridge: WebBridge;
  let app: App;
  let serverId: string;
  let port: number;

  beforeAll(async () => {
    const lib = openTempLibrary();
    const relay = createEventRelay();
    const tokensFile = path.join(path.dirname(lib.file), 'team-tokens.json');
    const team = createTeamClient({ store: settingsKeyValue(lib.db), vault: fileVault(tokensFile), deliver: relay.deliver });
    const services = createServices(lib.db, { dataFile: lib.file, transport: 'http', team });
    app = { lib, team, services, tokensFile, events: new Map(), call: (n, i) => dispatchAsync(services, n, i), ok: async () => undefined as never };
    apps.push(app);
    const rendererDir = path.join(tempDir(), 'renderer');
    fs.mkdirSync(rendererDir, { recursive: true });
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Lanemap</title>');
    bridge = await startWebBridge({ services, rendererDir, events: relay });
    port = Number(new URL(bridge.url).port);
    const added = await dispatchAsync(services, 'team:add', { url: one.server.url });
    serverId = (added as { value: KnownServer }).value.id;
    expect(await dispatchAsync(services, 'team:signIn', { id: serverId, login: 'anna', password: PASSWORD })).toMatchObject({ ok: true });
  });
  afterAll(async () => {
    await bridge.close();
  });

  /** GET on the bridge; the status and the first `wantBytes` of the body (or all of it). */
  function get(p: string, headers: Record<string, string> = {}, until?: (body: string) => boolean): Promise<{ status: number; type: string; body: string }> {
    return new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: p, headers: { host: `127.0.0.1:${port}`, ...headers }, agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        const done = () => {
          resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body });
          req.destroy();
        };
        res.on('data', (c: string) => {
          body += c;
          if (until?.(body)) done();
        });
        res.on('end', done);
        res.on('error', done);
      });
      req.on('error', reject);
      req.setTimeout(15_000, () => req.destroy(new Error(`no answer to ${p}`)));
      req.end();
    });
  }

  test('refused without the token, with a wrong one, from another Host or Origin, without a client id; nothing else is served there', async () => {
    const client = 'page-refused-01';
    expect((await get(`/events?client=${client}`)).status).toBe(403);
    expect((await get(`/events?client=${client}&token=${'0'.repeat(64)}`)).status).toBe(403);
    expect((await get(`/events?client=${client}&token=${bridge.token}`, { host: `evil.example:${port}` })).status).toBe(421);
    expect((await get(`/events?client=${client}&token=${bridge.token}`, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await get(`/events?token=${bridge.token}`)).status).toBe(400);
    expect((await get(`/events?client=${encodeURIComponent('<script>')}&token=${bridge.token}`)).status).toBe(400);
    // none of them was counted as a window: no stream to the team server was asked for
    expect(app.team.watching()).toEqual([]);
  });

  test('a page’s stream carries its team events, including those from before it connected', async () => {
    const client = 'page-events-01';
    // the page asks to watch first; its stream opens a moment later
    expect(await app.call('team:watch', { client, server: serverId, mapId: null })).toMatchObject({ ok: true, value: { watching: true } });
    const r = await get(`/events?client=${client}&token=${bridge.token}`, { origin: `http://127.0.0.1:${port}` }, (body) => body.includes('"type":"hello"'));
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^text\/event-stream/);
    const messages = r.body
      .split('\n\n')
      .filter((b) => b.startsWith('event: team'))
      .map((b) => JSON.parse(b.split('\ndata: ')[1]!) as TeamEventMessage);
    expect(messages).toContainEqual({ server: serverId, event: expect.objectContaining({ type: 'hello', user: expect.objectContaining({ name: 'Анна Петрова' }) }) });
    await app.call('team:watch', { client, server: null, mapId: null });
  });
});
