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

export { callApp } from '../support/callApp';

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

