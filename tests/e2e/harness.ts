/**
 * `launchApp()`: the built renderer in headless Chromium against the HTTP bridge with a real
 * SQLite file in a temp dir. The same specs could run against Electron (`_electron.launch`)
 * on a machine with its binary; here Chromium is what exists.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createServices, seedLibrary } from '../../src-main/services/library';
import { openLibrary, type Db } from '../../src-main/storage/database';
import { startWebBridge, type WebBridge } from '../../src-main/web/server';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.resolve('artifacts/screenshots');
const RENDERER = path.resolve('out/renderer');

export interface App {
  page: Page;
  bridge: WebBridge;
  db: Db;
  dataFile: string;
  browser: Browser;
  /** Saves a screenshot under artifacts/screenshots for people to look at. */
  shot(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export async function launchApp(opts: { seed?: boolean } = {}): Promise<App> {
  if (!fs.existsSync(path.join(RENDERER, 'index.html'))) throw new Error('Build the renderer first: npm run build');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lanemap-e2e-'));
  const dataFile = path.join(dir, 'lanemap.sqlite');
  const { db } = openLibrary(dataFile);
  if (opts.seed !== false) seedLibrary(db);
  const services = createServices(db, { dataFile, transport: 'http' });
  const bridge = await startWebBridge({ services, rendererDir: RENDERER });
  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(bridge.url);
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    page,
    bridge,
    db,
    dataFile,
    browser,
    async shot(name) {
      const file = path.join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    async close() {
      await browser.close();
      await bridge.close();
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
      if (errors.length) throw new Error(`The page threw: ${errors.join('\n')}`);
    },
  };
}

/**
 * A call to the app's backend over the bridge, made from inside the page with the page's own
 * token (as another window of the app would make it). Fails with the backend's message.
 */
export function callApp(page: Page, name: string, input: unknown): Promise<unknown> {
  return page.evaluate(
    async ({ name, input }) => {
      const token = document.querySelector<HTMLMetaElement>('meta[name="lanemap-token"]')!.content;
      const res = await fetch(`/api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-lanemap-token': token },
        body: JSON.stringify(input),
      });
      const reply = (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
      if (!reply.ok) throw new Error(reply.error!.message);
      return reply.value;
    },
    { name, input },
  );
}
