/**
 * Team libraries in the app's screens, as two people meet them: each in the browser build of
 * their own Lanemap (its own SQLite library, its own team client in the backend, the bridge's
 * /events stream) against two `lanemap serve` processes on one throw-away PostgreSQL database
 * (never a mock). Settings → Team libraries: a wrong address, a server that is not Lanemap's,
 * a wrong password and a throttled sign-in are said in words; a good sign-in names the user.
 * The library switcher (remembered after a reload); a local map copied to the team library
 * with its versions; a viewer on the other server sees the map read-only with the banner and
 * no editing controls, a forged write is refused and changes nothing; an editor's change
 * reaches the viewer's open map without a reload; presence shows who else is there; signing
 * out makes the editor's map read-only. Screenshots in English and Russian.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createServices, seedLibrary } from '../../src-main/services/library';
import { settingsKeyValue } from '../../src-main/services/team';
import { openLibrary, type Db } from '../../src-main/storage/database';
import { createTeamClient, type TeamClient } from '../../src-main/team/client';
import { createEventRelay, type EventRelay } from '../../src-main/team/relay';
import { memoryVault } from '../../src-main/team/vault';
import { addUser } from '../../src-main/team/accounts';
import { startWebBridge, type WebBridge } from '../../src-main/web/server';
import { startCluster, type TempCluster } from '../support/postgres';
import { callApp, launchBrowser, SCREENSHOTS } from './harness';
import { ui } from './ui';

const RENDERER = path.resolve('out/renderer');
const PASSWORD = 'пароль-команды-1';

interface Serve {
  url: string;
  child: ChildProcess;
}
interface TeamApp {
  page: Page;
  bridge: WebBridge;
  db: Db;
  team: TeamClient;
  relay: EventRelay;
  dir: string;
  browser: Browser;
  errors: string[];
  shot(name: string): Promise<void>;
}

let cluster: TempCluster;
let databaseUrl = '';
let pool: pg.Pool;
const serves: Serve[] = [];
const apps: TeamApp[] = [];

function startServe(name: string): Promise<Serve> {
  const child = spawn(process.execPath, ['bin/lanemap.mjs', 'serve', '--database', databaseUrl, '--port', '0', '--name', name], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (b: Buffer) => {
      out += b.toString('utf8');
      const m = /listening on (http:\/\/[^\s;]+)/.exec(out);
      if (m) {
        const s = { url: m[1]!.replace(/\/$/, ''), child };
        serves.push(s);
        resolve(s);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`lanemap serve ended (${code}) before listening: ${out}`)));
  });
}

/** One person's Lanemap: the browser build over its own library and team client. */
async function launchTeamApp(locale: 'en-US' | 'ru-RU'): Promise<TeamApp> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lanemap-team-e2e-'));
  const dataFile = path.join(dir, 'lanemap.sqlite');
  const { db } = openLibrary(dataFile);
  seedLibrary(db);
  const relay = createEventRelay({ gone: (client) => void team.watch({ client, server: null, mapId: null }) });
  const team: TeamClient = createTeamClient({ store: settingsKeyValue(db), vault: memoryVault(), deliver: relay.deliver });
  const services = createServices(db, { dataFile, transport: 'http', team });
  const bridge = await startWebBridge({ services, rendererDir: RENDERER, events: relay });
  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(bridge.url);
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const app: TeamApp = {
    page,
    bridge,
    db,
    team,
    relay,
    dir,
    browser,
    errors,
    async shot(name) {
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
    },
  };
  apps.push(app);
  return app;
}

async function closeApp(app: TeamApp) {
  await app.browser.close();
  await app.bridge.close();
  app.team.close();
  app.relay.close();
  app.db.close();
  fs.rmSync(app.dir, { recursive: true, force: true });
}

const settingsOf = (page: Page) => page.getByRole('dialog');

async function openSettings(page: Page) {
  await page
    .getByRole('button', { name: /^(Settings|Настройки)$/ })
    .first()
    .click();
  await ui.visible(page.locator('.settings-team'));
}

/** Adds `url` in Settings → Team libraries and signs in (the person's way, by keyboard in the fields). */
async function addAndSignIn(page: Page, url: string, login: string) {
  await openSettings(page);
  const section = page.locator('.settings-team');
  await section.locator('input[name="teamServerUrl"]').fill(url);
  await section.locator('input[name="teamServerUrl"]').press('Enter');
  await ui.visible(section.locator('input[name="teamLogin"]'));
  await section.locator('input[name="teamLogin"]').fill(login);
  await section.locator('input[name="teamPassword"]').fill(PASSWORD);
  await section.locator('input[name="teamPassword"]').press('Enter');
  await ui.visible(section.locator('.team-state.state-signed-in'));
}

async function closeSettings(page: Page) {
  await settingsOf(page)
    .getByRole('button', { name: /^(Done|Готово)$/ })
    .click();
  await ui.hidden(page.locator('.settings-team'));
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(RENDERER, 'index.html'))) throw new Error('Build the renderer first: npx electron-vite build');
  cluster = await startCluster();
  const config = await cluster.createDatabase();
  databaseUrl = cluster.url(String(config.database));
  pool = new pg.Pool({ ...config, max: 2 });
  pool.on('error', () => undefined);
  // two servers on one database: the first migrates, the second finds it done
  await startServe('Отдел продаж');
  await startServe('Отдел продаж');
  await addUser(pool, { login: 'olga', name: 'Ольга Петрова', role: 'editor', password: PASSWORD });
  await addUser(pool, { login: 'ivan', name: 'Иван Смирнов', role: 'viewer', password: PASSWORD });
}, 180_000);

afterAll(async () => {
  for (const a of apps.splice(0)) await closeApp(a).catch(() => undefined);
  await Promise.all(
    serves.splice(0).map(
      (s) =>
        new Promise<void>((resolve) => {
          if (s.child.exitCode !== null) return resolve();
          s.child.once('exit', () => resolve());
          s.child.kill('SIGTERM');
        }),
    ),
  );
  await pool?.end().catch(() => undefined);
  await cluster?.stop();
}, 60_000);

/** The map rows the team library holds, by title (what PostgreSQL has, not what a page shows). */
async function teamMapTitles(): Promise<string[]> {
  const r = await pool.query<{ title: string }>('select title from maps order by title');
  return r.rows.map((row) => row.title);
}

describe('team libraries in the app', () => {
  let olga: TeamApp;
  let pavel: TeamApp;
  let ivan: TeamApp;
  let teamMapId = '';

  test('Settings → Team libraries: wrong address, not a Lanemap server, wrong password in words; sign-in names the user', async () => {
    olga = await launchTeamApp('en-US');
    const { page } = olga;
    await openSettings(page);
    const section = page.locator('.settings-team');
    const field = section.getByRole('textbox', { name: 'Server address' });

    // nothing listens there
    await field.fill('http://127.0.0.1:9');
    await section.getByRole('button', { name: 'Add' }).click();
    await ui.contains(section.getByRole('alert'), 'The server is not reachable');
    // an HTTP server that is not Lanemap's: the app's own bridge
    await field.fill(olga.bridge.url);
    await field.press('Enter');
    await ui.contains(section.getByRole('alert'), 'does not answer as a Lanemap server');
    // Enter in the field did not close Settings
    await ui.visible(section);

    await field.fill(serves[0]!.url);
    await field.press('Enter');
    const row = section.locator('.team-server');
    await ui.count(row, 1);
    await ui.contains(row.locator('.team-state'), 'Signed out');
    await ui.contains(row.locator('.team-server-name'), 'Отдел продаж');

    // a wrong password: said, the password field emptied, still signed out
    await section.getByRole('textbox', { name: 'Login' }).fill('olga');
    await section.getByLabel('Password').fill('not-the-password');
    await section.getByRole('button', { name: 'Sign in', exact: true }).click();
    await ui.contains(row.getByRole('alert'), 'Wrong login or password.');
    await ui.value(section.getByLabel('Password'), '');
    await olga.shot('team-settings-wrong-password-en');

    await section.getByLabel('Password').fill(PASSWORD);
    await section.getByLabel('Password').press('Enter');
    await ui.contains(row.locator('.team-state'), 'Signed in as Ольга Петрова (editor)');
    // the token is not in the page's storage
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    expect(stored).not.toMatch(/[0-9a-f]{40,}/i);
    await olga.shot('team-settings-signed-in-en');
    await closeSettings(page);
  }, 90_000);

  test('the library switcher: a local map copied to the team library with its versions; the choice is remembered', async () => {
    const { page } = olga;
    const switcher = page.getByRole('group', { name: 'Library' });
    await ui.visible(switcher);
    // a saved version of the local sample map travels with it
    const maps = (await callApp(page, 'maps:list', {})) as { id: string; title: string }[];
    const sample = maps[0]!;
    await callApp(page, 'versions:save', { mapId: sample.id, name: 'Версия для команды', note: '', author: 'Ольга Петрова', kind: 'manual' });

    const card = page.locator('.map-card', { hasText: sample.title });
    await card.getByRole('button', { name: `Copy or move “${sample.title}” to another library` }).click();
    const dialog = page.getByRole('dialog');
    await ui.visible(dialog.getByRole('combobox', { name: 'To library' }));
    await dialog.getByRole('button', { name: 'Copy', exact: true }).click();
    await ui.contains(page.locator('.notices'), `“${sample.title}” copied to Отдел продаж`);
    await ui.eventually(() => teamMapTitles()).toEqual([sample.title]);
    const versions = await pool.query<{ name: string }>('select name from versions');
    expect(versions.rows.map((r) => r.name)).toEqual(['Версия для команды']);
    // the local map is still there (a copy, not a move)
    await ui.count(page.locator('.map-card', { hasText: sample.title }), 1);

    await switcher.getByRole('button', { name: /Отдел продаж/ }).click();
    await ui.contains(page.locator('h2.section-title'), 'Maps of Отдел продаж');
    await ui.count(page.locator('.map-card'), 1);
    await ui.contains(page.locator('.library-footer'), serves[0]!.url);
    // the card shows the map's picture, drawn by the team server
    await ui
      .eventually(() =>
        page
          .locator('.map-card .map-thumb img')
          .first()
          .evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)
          .catch(() => false),
      )
      .toBe(true);
    await olga.shot('team-library-en');

    await page.reload();
    await ui.visible(page.getByRole('group', { name: 'Library' }));
    await ui
      .eventually(() =>
        page
          .getByRole('group', { name: 'Library' })
          .getByRole('button', { name: /Отдел продаж/ })
          .getAttribute('aria-pressed'),
      )
      .toBe('true');
    await ui.count(page.locator('.map-card'), 1);
    const teamMaps = (await callApp(page, 'team:call', { server: (await olga.team.list())[0]!.id, name: 'maps:list', input: {} })) as { id: string }[];
    teamMapId = teamMaps[0]!.id;
  }, 90_000);

  test('a viewer on the other server: read-only banner, no editing controls, a forged write refused; the editor’s change arrives live; presence', async () => {
    ivan = await launchTeamApp('ru-RU');
    await addAndSignIn(ivan.page, serves[1]!.url, 'ivan');
    await closeSettings(ivan.page);
    const { page } = ivan;
    await page
      .getByRole('group', { name: 'Библиотека' })
      .getByRole('button', { name: /Отдел продаж/ })
      .click();
    await ui.count(page.locator('.map-card'), 1);
    // a viewer is offered no new map, import, rename or delete
    await ui.count(page.getByRole('button', { name: 'Новая карта' }), 0);
    await ui.count(page.locator('.map-card').getByRole('button', { name: /^Удалить/ }), 0);
    await page.locator('.map-card-open').first().click();

    await ui.contains(page.locator('.team-banner'), 'ваша роль — просмотр');
    // no editing controls: the title field and the add-step buttons are disabled
    await ui.eventually(() => page.getByRole('textbox', { name: /Название карты/ }).isDisabled()).toBe(true);
    await ui.eventually(() => page.getByRole('toolbar').locator('button[disabled]').count()).toBeGreaterThan(3);

    // a forged write through the app's own call: refused by the server, nothing stored
    const server = (await ivan.team.list())[0]!.id;
    const before = await pool.query<{ title: string }>('select title from maps where id = $1', [teamMapId]);
    const forged = await page.evaluate(
      async ({ server, id }) => {
        const token = document.querySelector<HTMLMetaElement>('meta[name="lanemap-token"]')!.content;
        const res = await fetch('/api/team:call', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-lanemap-token': token },
          body: JSON.stringify({ server, name: 'maps:rename', input: { id, title: 'Подделка зрителя' } }),
        });
        return (await res.json()) as { ok: boolean; error?: { code: string } };
      },
      { server, id: teamMapId },
    );
    expect(forged).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await pool.query('select title from maps where id = $1', [teamMapId])).rows).toEqual(before.rows);

    // the editor opens the same map on the other server: presence on both sides
    const o = olga.page;
    await o.locator('.map-card-open').first().click();
    await ui.visible(o.getByRole('textbox', { name: 'Map title' }));
    await ui.eventually(() => o.getByRole('textbox', { name: 'Map title' }).isDisabled()).toBe(false);
    await ui.visible(page.getByRole('group', { name: 'Эту карту также открыли: Ольга Петрова' }));
    await ui.contains(page.locator('.team-presence'), 'ОП');
    await ui.visible(o.getByRole('group', { name: 'Also on this map: Иван Смирнов' }));

    // her change reaches his open map without a reload
    const title = o.getByRole('textbox', { name: 'Map title' });
    await title.fill('Воронка продаж 2027 — общая');
    await title.press('Enter');
    await ui.eventually(() => teamMapTitles()).toEqual(['Воронка продаж 2027 — общая']);
    await ui.value(page.getByRole('textbox', { name: /Название карты/ }), 'Воронка продаж 2027 — общая');
    await ivan.shot('team-viewer-ru');
    await olga.shot('team-editor-presence-en');
  }, 120_000);

  test('two editors on two servers change the same field: the later edit is refused and the editor is told whose change it met', async () => {
    await addUser(pool, { login: 'pavel', name: 'Павел Орлов', role: 'editor', password: PASSWORD });
    pavel = await launchTeamApp('ru-RU');
    await addAndSignIn(pavel.page, serves[1]!.url, 'pavel');
    await closeSettings(pavel.page);
    const { page } = pavel;
    await page
      .getByRole('group', { name: 'Библиотека' })
      .getByRole('button', { name: /Отдел продаж/ })
      .click();
    await page.locator('.map-card-open').first().click();
    const title = page.getByRole('textbox', { name: /Название карты/ });
    await ui.eventually(() => title.isDisabled()).toBe(false);
    const server = (await olga.team.list())[0]!.id;

    // Pavel's edit is on its way when Olga (on the other server) renames the map first
    let held = false;
    await page.route('**/api/team:call', async (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}') as { name?: string };
      if (held || body.name !== 'maps:applyChanges') return route.continue();
      held = true;
      await callApp(olga.page, 'team:call', { server, name: 'maps:rename', input: { id: teamMapId, title: 'Воронка — версия Ольги' } });
      await ui.eventually(() => teamMapTitles()).toEqual(['Воронка — версия Ольги']);
      // her rename's event reaches Pavel's page through the other server in tens of milliseconds
      await page.waitForTimeout(500);
      await route.continue();
    });
    await title.fill('Воронка — версия Павла');
    await title.press('Enter');
    await ui.contains(page.locator('.notices'), 'Изменение столкнулось с правкой пользователя Ольга Петрова');
    // his change was not stored over hers, and his screen shows hers
    expect(await teamMapTitles()).toEqual(['Воронка — версия Ольги']);
    await ui.value(title, 'Воронка — версия Ольги');
    await pavel.shot('team-conflict-ru');
    await page.unroute('**/api/team:call');
  }, 120_000);

  test('signing out makes the open team map read-only with the banner; nothing is queued', async () => {
    const o = olga.page;
    await openSettings(o);
    await o
      .locator('.settings-team')
      .getByRole('button', { name: /^Sign out of/ })
      .click();
    await ui.contains(o.locator('.settings-team .team-state'), 'Signed out');
    await closeSettings(o);
    await ui.contains(o.locator('.team-banner'), 'Signed out of Отдел продаж: this map is read-only. Nothing is queued.');
    await ui.eventually(() => o.getByRole('textbox', { name: 'Map title' }).isDisabled()).toBe(true);
    // who else is there is no longer known once signed out
    await ui.count(o.locator('.team-presence'), 0);
    // a key that would add a step is refused and nothing reaches the server
    const steps = Number((await pool.query<{ n: string }>('select count(*) as n from steps')).rows[0]!.n);
    await o.locator('.react-flow__pane').click({ position: { x: 400, y: 400 } });
    await o.keyboard.press('Control+Enter');
    expect(Number((await pool.query<{ n: string }>('select count(*) as n from steps')).rows[0]!.n)).toBe(steps);
    await olga.shot('team-signed-out-en');
    for (const a of apps) expect(a.errors).toEqual([]);
  }, 60_000);
  test('a sign-in tried too often is throttled: the wait is said in seconds', async () => {
    const probe = await launchTeamApp('ru-RU');
    const { page } = probe;
    await openSettings(page);
    const section = page.locator('.settings-team');
    await section.locator('input[name="teamServerUrl"]').fill(serves[1]!.url);
    await section.locator('input[name="teamServerUrl"]').press('Enter');
    const login = section.locator('input[name="teamLogin"]');
    const password = section.locator('input[name="teamPassword"]');
    const alert = section.locator('.team-server .team-error');
    let said = '';
    for (let i = 0; i < 30 && !/подождите/.test(said); i++) {
      await login.fill('nobody-here');
      await password.fill(`неверный-${i}`);
      await password.press('Enter');
      await ui.visible(alert);
      said = (await alert.textContent()) ?? '';
      expect(said).toMatch(/Неверный логин или пароль|подождите/);
    }
    expect(said).toMatch(/подождите \d+ секунд/);
    await probe.shot('team-settings-rate-limited-ru');
    await closeApp(probe);
    apps.splice(apps.indexOf(probe), 1);
  }, 90_000);

  test('the server stops while an edit is on its way: the map turns read-only with the banner, and the edit is shown to copy, not queued', async () => {
    const { page } = pavel;
    const title = page.getByRole('textbox', { name: /Название карты/ });
    await ui.eventually(() => title.isDisabled()).toBe(false);
    const stored = await teamMapTitles();
    // the server Pavel works on goes away just as his edit leaves
    let held = false;
    await page.route('**/api/team:call', async (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}') as { name?: string };
      if (held || body.name !== 'maps:applyChanges') return route.continue();
      held = true;
      const server = serves[1]!.child;
      await new Promise<void>((resolve) => {
        if (server.exitCode !== null) return resolve();
        server.once('exit', () => resolve());
        server.kill('SIGTERM');
      });
      await route.continue();
    });
    await title.fill('Воронка — правка без сети');
    await title.press('Enter');
    await ui.contains(page.locator('.team-banner'), 'Нет подключения к «Отдел продаж»');
    await ui.eventually(() => title.isDisabled()).toBe(true);
    const unsaved = page.getByRole('textbox', { name: 'Что не сохранено' });
    await ui.eventually(() => unsaved.inputValue()).toContain('Воронка — правка без сети');
    // nothing reached the library, and nothing waits to be sent later
    expect(await teamMapTitles()).toEqual(stored);
    await pavel.shot('team-offline-ru');
    await page.unroute('**/api/team:call');
  }, 90_000);
});
