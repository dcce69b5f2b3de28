/**
 * The step table's figure for `npm run bench` (run from bench/layout.bench.ts): how long it
 * takes, in headless Chromium on the built app, from pressing the Table tab of a 2,000-step map
 * (a random department map, shown on the canvas) until the table's rows are painted. Goal
 * (issue 10): 400 ms. The built web bridge (out/main/web.js, as `npm run web` runs it) serves
 * the built renderer from a library in a temporary folder; without a build the figure is
 * left out and the bench says why.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { toLanemapJson } from '../shared/export/lanemapJson';
import { callApp, freePort, startBridge, WEB } from './bridge';
import { randomMap } from '../tests/support/randomMaps';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RENDERER = path.resolve('out/renderer/index.html');
const RUNS = 5;




/** Presses a view's tab and returns the milliseconds until `selector` is in the page and painted. */
function switchAndTime(page: Page, tabId: string, selector: string): Promise<number> {
  return page.evaluate(
    ({ tabId, selector }) =>
      new Promise<number>((resolve) => {
        const t0 = performance.now();
        document.getElementById(tabId)!.click();
        const check = () => {
          // two frames after the rows are there: they have been laid out and painted
          if (document.querySelector(selector)) requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
          else requestAnimationFrame(check);
        };
        check();
      }),
    { tabId, selector },
  );
}

/** `table.2000.open.ms`: the median of a few switches from the map to the table; {} without a build. */
export async function tableFigures(): Promise<Record<string, number>> {
  if (!fs.existsSync(WEB) || !fs.existsSync(RENDERER)) {
    console.error('table.2000.open.ms left out: build the app first (npx electron-vite build).');
    return {};
  }
  if (!fs.existsSync(CHROMIUM)) {
    console.error(`table.2000.open.ms left out: no Chromium at ${CHROMIUM} (set CHROMIUM_PATH).`);
    return {};
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lanemap-bench-table-'));
  let child: ChildProcess | undefined;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const bridge = await startBridge(dir, await freePort());
    child = bridge.child;
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' })).newPage();
    page.setDefaultTimeout(120_000);
    await page.goto(bridge.url);
    const doc = randomMap({ seed: 7000 + 2000, steps: 2000, lanes: 6, phases: 7, unphased: 0.03, loops: 0.06, decisions: 0.15 });
    const map = (await callApp(page, 'maps:import', { text: toLanemapJson(doc, { exportedAt: new Date().toISOString() }) })) as { id: string };
    await page.goto(`${bridge.url}#map=${map.id}`);
    await page.reload();
    const times: number[] = [];
    const back: number[] = [];
    for (let k = 0; k < RUNS; k++) {
      await page.locator('.react-flow__node-step').first().waitFor();
      times.push(await switchAndTime(page, 'view-tab-table', '.table-body [role="row"]'));
      // back to the map: until its steps are on screen (the canvas is kept, hidden, meanwhile)
      back.push(await switchAndTime(page, 'view-tab-map', '.react-flow__node-step:not([style*="visibility: hidden"])'));
    }
    const median = (list: number[]) => Math.round([...list].sort((a, b) => a - b)[RUNS >> 1]!);
    return { 'table.2000.open.ms': median(times), 'table.2000.back.ms': median(back) };
  } finally {
    await browser.close();
    child?.kill('SIGTERM');
    if (child && child.exitCode === null) await new Promise((resolve) => child!.once('exit', resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
