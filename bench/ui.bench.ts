/**
 * `npm run bench:ui` (issue 15, "Measure"): how fluid the canvas is on big maps, in headless
 * Chromium on the built app, beside a bare React Flow page drawing the same graph in the same
 * run. Builds first (electron-vite build, and the bare page from bench/bare with vite into
 * out/bench-bare), starts the built web bridge (out/main/web.js) on a temporary library, imports
 * random department maps of 500, 1000 and 2000 steps (lanes, phases, decisions, loops, 1–2
 * inputs and outputs per step), tidied up with the layout engine, and measures per N (medians
 * of the runs):
 *   ui.library.N.ms  library page (holding the maps imported so far, up to N) loaded → its cards
 *                    shown and a click answered, from navigation start, the app started again
 *                    (its code compiled and cached by the browser, as an installed app's is after
 *                    its first start); ui.library.N.cold.ms: the first start in a new browser
 *                    profile; ui.library.N.thumbs.ms: until the pictures of the cards on screen
 *   ui.open.N.ms     library card click → steps painted (none hidden, count stable) and a click
 *                    on the pane answered (ui.open.N.painted.ms: until painted only;
 *                    ui.open.N.longest.ms: the longest task meanwhile)
 *   ui.select.N.ms   at the opening view (the map's beginning, readable): click a step →
 *                    `.is-selected` painted (ui.select.N.whole.ms: the same in the whole-map view,
 *                    where a big map is one picture, the step found from the map's geometry)
 *   ui.type.N.ms     keystroke in the inspector's title field → the card's text repainted (the
 *                    card shows the text as typed; the map gets it after the field's typing pause)
 *   ui.drag.N.p95    frame times while dragging a step (at the opening view)
 *   ui.pan.N.cards.avg/.p95  frame times of the scripted wheel-zoom + drag-pan at the opening view
 *   ui.dom.N         DOM elements in the whole-map view (Fit, key 0: as the bare page, fitView)
 *   ui.heap.N.mb     JS heap used after a GC there (CDP HeapProfiler.collectGarbage + Runtime.getHeapUsage)
 *   ui.pan.N.avg/.p95  requestAnimationFrame frame times of the same scripted input from there
 *   bare.open.N.ms, bare.pan.N.avg/.p95: the same on the bare React Flow page;
 *   ui.open.N.ratio = ui.open.N.ms / bare.open.N.ms, ui.pan.N.ratio = ui.pan.N.avg / bare.pan.N.avg.
 * Options: --json (one JSON object), --sizes 500,1000 (default 500,1000,2000), --runs N (default 5),
 * --no-build (use the existing out/).
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import ELK from 'elkjs/lib/elk.bundled.js';
import { chromium, type Browser, type Page } from 'playwright-core';
import { toLanemapJson } from '../shared/export/lanemapJson';
import { callApp, freePort, startBridge, WEB } from './bridge';
import { mapGeometry, stepSize } from '../shared/model/geometry';
import { applyLayout, layoutMap } from '../shared/layout/layoutMap';
import type { MapDoc } from '../shared/model/types';
import { randomMap } from '../tests/support/randomMaps';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RENDERER = path.resolve('out/renderer/index.html');
const BARE = path.resolve('out/bench-bare');
/** CommitField's typing pause (src-renderer/components/CommitField.tsx). */
const TYPING_PAUSE_MS = 400;

// ---- options ----
const argv = process.argv.slice(2);
const JSON_OUT = argv.includes('--json');
const NO_BUILD = argv.includes('--no-build');
const argValue = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  if (i >= 0) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith(`${name}=`));
  return eq?.slice(name.length + 1);
};
const SIZES = (argValue('--sizes') ?? '500,1000,2000').split(',').map((s) => Number(s.trim())).filter((n) => n > 0).sort((a, b) => a - b);
const RUNS = Math.max(1, Number(argValue('--runs') ?? 5));
const log = (msg: string) => console.error(msg);

// ---- goals (issue 15) ----
interface Goal {
  key: string;
  max: number;
}
const GOALS: Goal[] = [
  { key: 'ui.open.2000.ms', max: 1500 },
  ...SIZES.map((n) => ({ key: `ui.open.${n}.ratio`, max: 1.0 })),
  ...SIZES.map((n) => ({ key: `ui.pan.${n}.ratio`, max: 1.0 })),
  { key: 'ui.pan.1000.p95', max: 20 },
  { key: 'ui.pan.2000.p95', max: 33 },
  { key: 'ui.drag.2000.p95', max: 33 },
  { key: 'ui.select.2000.ms', max: 100 },
  { key: 'ui.type.2000.ms', max: 100 },
  { key: 'ui.dom.2000', max: 5000 },
  { key: 'ui.heap.2000.mb', max: 60 },
  { key: 'ui.library.2000.ms', max: 500 },
];

// ---- helpers ----
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
const round = (x: number, digits = 0): number => Number(x.toFixed(digits));



/** A small static server for out/bench-bare (the built page and the graph-N.json files). */
function serveBare(port: number): Promise<http.Server> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '') || 'index.html';
    const file = path.resolve(BARE, rel);
    if (!file.startsWith(BARE + path.sep) || !fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}


/** The random department map of N steps, with 1–2 inputs and outputs per step, tidied up. */
async function benchMap(n: number, elk: InstanceType<typeof ELK>): Promise<MapDoc> {
  const raw = randomMap({ seed: 15000 + n, steps: n, lanes: 6, phases: 7, unphased: 0.03, loops: 0.06, decisions: 0.15 });
  let k = 0;
  const ITEMS = ['Заявка', 'КП', 'Счёт', 'Договор', 'Спецификация', 'Акт', 'Отчёт', 'CRM карточка'];
  for (const s of Object.values(raw.steps)) {
    if (s.kind !== 'task' && s.kind !== 'decision') continue;
    s.inputs = ITEMS.slice(k % ITEMS.length, (k % ITEMS.length) + 1 + (k % 2));
    s.outputs = ITEMS.slice((k + 3) % ITEMS.length, ((k + 3) % ITEMS.length) + 1 + ((k >> 1) % 2));
    k++;
  }
  raw.title = `Bench ${n} steps`;
  return applyLayout(raw, await layoutMap(raw, elk));
}

/** The bare React Flow graph of a map: steps at their drawn positions and sizes, one edge per flow. */
function bareGraph(doc: MapDoc) {
  const at = mapGeometry(doc).positions;
  const nodes = Object.values(doc.steps).map((s) => {
    const { width, height } = stepSize(s);
    return { id: s.id, position: at.get(s.id) ?? { x: s.x, y: s.y }, data: { label: s.title }, width, height, style: { width, height } };
  });
  const edges = Object.values(doc.flows).map((f) => ({ id: f.id, source: f.fromStepId, target: f.toStepId, label: f.label || undefined }));
  return { nodes, edges };
}

// ---- in-page measuring ----

/** Installed in every page: input timestamps and "answered" times, read by the bench. */
function initScript() {
  const w = window as unknown as { __bench: Record<string, number | undefined> };
  w.__bench = {};
  const mark = (e: Event) => {
    w.__bench.lastInput = e.timeStamp;
    // answered: the frame after the event has been handled
    requestAnimationFrame(() => (w.__bench.lastAnswered = performance.now()));
  };
  window.addEventListener('pointerdown', mark, true);
  window.addEventListener('keydown', mark, true);
  // long tasks (over 50 ms) with their start, for the longest one while a map opens
  const long: { start: number; duration: number }[] = [];
  (w as unknown as { __long: typeof long }).__long = long;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) long.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // no long task timing here: the figure is left out
  }
}

/** Resolves (in page time) once steps matching `selector` are present, none hidden, count stable for 2 frames. */
function waitPainted(page: Page, selector: string): Promise<number> {
  return page.evaluate(
    (selector) =>
      new Promise<number>((resolve) => {
        let last = -1;
        let stable = 0;
        const check = () => {
          const nodes = document.querySelectorAll<HTMLElement>(selector);
          let hidden = false;
          for (const el of nodes) if (el.style.visibility === 'hidden') hidden = true;
          if (nodes.length > 0 && !hidden && nodes.length === last) stable++;
          else stable = 0;
          last = nodes.length;
          if (stable >= 1) resolve(performance.now());
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
    selector,
  );
}

/** A point on the empty pane (no node, no edge, no panel under it), near the middle if possible. */
function emptyPanePoint(page: Page): Promise<{ x: number; y: number }> {
  return page.evaluate(() => {
    const pane = document.querySelector('.react-flow__pane')!.getBoundingClientRect();
    const candidates: { x: number; y: number; d: number }[] = [];
    for (let fy = 0.1; fy < 0.95; fy += 0.05)
      for (let fx = 0.1; fx < 0.95; fx += 0.05) {
        const x = pane.left + pane.width * fx;
        const y = pane.top + pane.height * fy;
        const el = document.elementFromPoint(x, y);
        if (el && el.classList.contains('react-flow__pane')) candidates.push({ x, y, d: Math.hypot(fx - 0.5, fy - 0.5) });
      }
    candidates.sort((a, b) => a.d - b.d);
    return candidates[0] ?? { x: pane.left + 10, y: pane.top + pane.height - 10 };
  });
}

/** Clicks at (x, y) and resolves with the page time at which the click was answered. */
async function clickAnswered(page: Page, point: { x: number; y: number }): Promise<number> {
  await page.evaluate(() => ((window as unknown as { __bench: Record<string, number | undefined> }).__bench.lastAnswered = undefined));
  await page.mouse.click(point.x, point.y);
  const h = await page.waitForFunction(() => (window as unknown as { __bench: Record<string, number | undefined> }).__bench.lastAnswered, undefined, { polling: 'raf' });
  return (await h.jsonValue()) as number;
}

/** Starts recording requestAnimationFrame frame times in the page. */
const startFrames = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __framesOn: boolean };
    w.__frames = [];
    w.__framesOn = true;
    let last = performance.now();
    const tick = (t: number) => {
      if (!w.__framesOn) return;
      w.__frames.push(t - last);
      last = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame((t) => {
      last = t;
      requestAnimationFrame(tick);
    });
  });
const stopFrames = (page: Page): Promise<number[]> =>
  page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __framesOn: boolean };
    w.__framesOn = false;
    return w.__frames;
  });
const frameStats = (frames: number[]) => {
  const s = [...frames].sort((a, b) => a - b);
  return { avg: frames.reduce((a, b) => a + b, 0) / Math.max(1, frames.length), p95: s[Math.min(s.length - 1, Math.floor(s.length * 0.95))] ?? 0 };
};

/** The same scripted input on both pages: wheel-zoom in at the middle, drag-pan the pane, wheel-zoom out. */
async function panFrames(page: Page): Promise<{ avg: number; p95: number }> {
  const start = await emptyPanePoint(page);
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  const mid = { x: pane.x + pane.width / 2, y: pane.y + pane.height / 2 };
  await startFrames(page);
  await page.mouse.move(mid.x, mid.y);
  for (let k = 0; k < 8; k++) {
    await page.mouse.wheel(0, -120);
    await page.waitForTimeout(16);
  }
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  for (let k = 1; k <= 40; k++) {
    await page.mouse.move(start.x - k * 8, start.y - k * 3);
    await page.waitForTimeout(16);
  }
  await page.mouse.up();
  await page.mouse.move(mid.x, mid.y);
  for (let k = 0; k < 8; k++) {
    await page.mouse.wheel(0, 120);
    await page.waitForTimeout(16);
  }
  await page.waitForTimeout(100);
  return frameStats(await stopFrames(page));
}

/** CDP: used JS heap in MB after a garbage collection. */
async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize / 1024 / 1024;
}

const domCount = (page: Page) => page.evaluate(() => document.getElementsByTagName('*').length);

/** The centre of a step drawn inside the pane (at least 4 px wide), the nearest to the middle. */
function visibleStep(page: Page): Promise<{ id: string; x: number; y: number } | null> {
  return page.evaluate(() => {
    const pane = document.querySelector('.react-flow__pane')!.getBoundingClientRect();
    let best: { id: string; x: number; y: number; d: number } | null = null;
    for (const el of document.querySelectorAll<HTMLElement>('.react-flow__node-step')) {
      const r = el.getBoundingClientRect();
      if (r.width < 4 || r.left < pane.left + 40 || r.right > pane.right - 40 || r.top < pane.top + 40 || r.bottom > pane.bottom - 40) continue;
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      const hit = document.elementFromPoint(x, y)?.closest<HTMLElement>('.react-flow__node-step');
      if (hit !== el) continue;
      const d = Math.hypot(x - (pane.left + pane.width / 2), y - (pane.top + pane.height / 2));
      if (!best || d < best.d) best = { id: el.dataset.id ?? '', x, y, d };
    }
    return best;
  });
}

/**
 * A step near the middle of the pane found from the map itself (its geometry and the viewport's
 * transform), for the whole-map view where a big map is one picture and has no step elements.
 */
function stepOnScreen(page: Page, doc: MapDoc): Promise<{ id: string; x: number; y: number } | null> {
  const at = mapGeometry(doc).positions;
  const boxes = Object.values(doc.steps).map((s) => ({ id: s.id, ...at.get(s.id)!, ...stepSize(s) }));
  return page.evaluate((boxes) => {
    const pane = document.querySelector('.react-flow__pane')!.getBoundingClientRect();
    const m = /translate\(([-\d.]+)px, ([-\d.]+)px\) scale\(([\d.e-]+)\)/.exec(document.querySelector<HTMLElement>('.canvas .react-flow__viewport')!.style.transform);
    if (!m) return null;
    const [tx, ty, zoom] = [Number(m[1]), Number(m[2]), Number(m[3])];
    let best: { id: string; x: number; y: number; d: number } | null = null;
    for (const b of boxes) {
      const x = pane.left + tx + (b.x + b.width / 2) * zoom;
      const y = pane.top + ty + (b.y + b.height / 2) * zoom;
      if (b.width * zoom < 3 || x < pane.left + 60 || x > pane.right - 260 || y < pane.top + 60 || y > pane.bottom - 60) continue;
      const d = Math.hypot(x - (pane.left + pane.width / 2), y - (pane.top + pane.height / 2));
      if (!best || d < best.d) best = { id: b.id, x, y, d };
    }
    return best;
  }, boxes);
}

/**
 * Page time from the last input event (its timeStamp) to two frames after `selector` is in the
 * page (or, with `before`, its text differs from `before`).
 */
function afterInput(page: Page, selector: string, before?: string): Promise<number> {
  return page.evaluate(
    ({ selector, before }) =>
      new Promise<number>((resolve, reject) => {
        const t = performance.now();
        const done = () => {
          const el = document.querySelector(selector);
          return before === undefined ? !!el : !!el && el.textContent !== before;
        };
        const check = () => {
          if (done()) {
            requestAnimationFrame(() =>
              requestAnimationFrame(() => resolve(performance.now() - (window as unknown as { __bench: Record<string, number> }).__bench.lastInput!)),
            );
          } else if (performance.now() - t > 30_000) reject(new Error(`timed out waiting for ${selector}`));
          else requestAnimationFrame(check);
        };
        check();
      }),
    { selector, before },
  );
}

// ---- the measures ----

type Figures = Record<string, number>;

async function measureLanemap(browser: Browser, url: string, n: number, doc: MapDoc, figures: Figures) {
  const title = doc.title;
  const lib: number[] = [];
  const libCold: number[] = [];
  const openLongest: number[] = [];
  const thumbs: number[] = [];
  const open: number[] = [];
  const painted: number[] = [];
  const select: number[] = [];
  const type: number[] = [];
  const panAvg: number[] = [];
  const panP95: number[] = [];
  const drag: number[] = [];
  const cardsAvg: number[] = [];
  const cardsP95: number[] = [];
  const overviewSelect: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
    await context.addInitScript(initScript);
    const page = await context.newPage();
    page.setDefaultTimeout(180_000);
    log(`  lanemap ${n}, run ${run + 1}/${RUNS}: library`);
    // the first start in a new browser profile (nothing cached), then the app started again: the
    // browser has its code compiled and cached by then, as an installed app has after its first start
    for (const start of ['cold', 'warm', 'warm'] as const) {
      await page.goto(start === 'cold' ? `${url}#` : 'about:blank');
      if (start !== 'cold') await page.goto(`${url}#`);
      // library: the cards shown, then a click is answered; then the pictures of the cards on screen loaded
      await page.waitForFunction(() => document.querySelectorAll('.map-card').length > 0, undefined, { polling: 'raf' });
      const heading = (await page.locator('.section-title').boundingBox())!;
      const answered = await clickAnswered(page, { x: heading.x + heading.width + 20, y: heading.y + heading.height / 2 });
      const pictures = await page.waitForFunction(
        () => {
          const shown = [...document.querySelectorAll('.map-thumb')].filter((el) => {
            const r = el.getBoundingClientRect();
            return r.bottom > 0 && r.top < window.innerHeight;
          });
          const loaded = shown.every((el) => {
            const img = el.querySelector('img');
            return !!img && img.complete && img.naturalWidth > 0;
          });
          return shown.length > 0 && loaded ? performance.now() : 0;
        },
        undefined,
        { polling: 'raf' },
      );
      if (start === 'cold') libCold.push(answered);
      else {
        lib.push(answered);
        thumbs.push((await pictures.jsonValue()));
      }
    }

    log(`  lanemap ${n}, run ${run + 1}/${RUNS}: open`);
    const card = page.locator('.map-card-open', { hasText: title });
    const box = (await card.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + 20);
    const t0 = await page.evaluate(() => (window as unknown as { __bench: Record<string, number> }).__bench.lastInput!);
    painted.push((await waitPainted(page, '.react-flow__node-step')) - t0);
    const answered = await clickAnswered(page, await emptyPanePoint(page));
    open.push(answered - t0);
    openLongest.push(
      await page.evaluate(
        ({ t0, answered }) => Math.max(0, ...(window as unknown as { __long: { start: number; duration: number }[] }).__long.filter((l) => l.start >= t0 && l.start <= answered).map((l) => l.duration)),
        { t0, answered },
      ),
    );
    await page.waitForTimeout(300);

    // where the map opens (its beginning at a readable zoom): where one reads, clicks, types and drags
    log(`  lanemap ${n}, run ${run + 1}/${RUNS}: select, type`);
    const step = await visibleStep(page);
    if (step) {
      await page.mouse.click(step.x, step.y);
      select.push(await afterInput(page, `.react-flow__node[data-id="${step.id}"] .is-selected`));
      const field = page.locator('#step-title');
      await field.waitFor();
      await field.focus();
      await page.keyboard.press('End');
      await page.waitForTimeout(TYPING_PAUSE_MS + 300);
      const before = (await page.locator(`.react-flow__node[data-id="${step.id}"] .step-title`).first().textContent()) ?? '';
      await page.keyboard.press('Q');
      type.push(await afterInput(page, `.react-flow__node[data-id="${step.id}"] .step-title`, before));
      // the commit after the pause in typing: the card at its new size, the map saved
      await page.waitForTimeout(TYPING_PAUSE_MS + 300);
      // out of the field (Escape may not leave it): a click on the empty pane
      const away = await emptyPanePoint(page);
      await page.mouse.click(away.x, away.y);
    } else log(`  no step to click at the opening view of ${n}`);

    log(`  lanemap ${n}, run ${run + 1}/${RUNS}: drag`);
    await page.waitForTimeout(300);
    const target = await visibleStep(page);
    if (target) {
      await startFrames(page);
      await page.mouse.move(target.x, target.y);
      await page.mouse.down();
      for (let k = 1; k <= 30; k++) {
        await page.mouse.move(target.x + k * 4, target.y + k * 2);
        await page.waitForTimeout(16);
      }
      await page.mouse.up();
      await page.waitForTimeout(200);
      drag.push(frameStats(await stopFrames(page)).p95);
    } else log(`  no step to drag at ${n}`);

    log(`  lanemap ${n}, run ${run + 1}/${RUNS}: pan over the cards`);
    await page.waitForTimeout(300);
    const cards = await panFrames(page);
    cardsAvg.push(cards.avg);
    cardsP95.push(cards.p95);

    // the whole map in the window (the toolbar's Fit, shortcut 0), as the bare page opens (fitView)
    await page.keyboard.press('0');
    await page.waitForTimeout(800);
    if (run === 0) {
      figures[`ui.dom.${n}`] = await domCount(page);
      figures[`ui.heap.${n}.mb`] = round(await heapMb(page), 1);
    }
    log(`  lanemap ${n}, run ${run + 1}/${RUNS}: pan`);
    await page.waitForTimeout(300);
    const pan = await panFrames(page);
    panAvg.push(pan.avg);
    panP95.push(pan.p95);
    log(`  lanemap ${n}, run ${run + 1}/${RUNS}: select in the whole map`);
    // zoomed in from the whole map until a step is a few pixels wide (still the one picture)
    const pane = (await page.locator('.react-flow__pane').boundingBox())!;
    await page.mouse.move(pane.x + pane.width / 2, pane.y + pane.height / 2);
    for (let k = 0; k < 12; k++) {
      await page.mouse.wheel(0, -120);
      await page.waitForTimeout(30);
    }
    await page.waitForTimeout(500);
    const far = await stepOnScreen(page, doc);
    if (far) {
      // the app gives imported steps new ids: the step clicked is the newly selected card
      const before = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.react-flow__node-step')].map((e) => e.dataset.id ?? ''));
      await page.mouse.click(far.x, far.y);
      const fresh = `.react-flow__node-step${before.map((id) => `:not([data-id="${id}"])`).join('')} .is-selected`;
      overviewSelect.push(await afterInput(page, fresh));
      await page.waitForTimeout(300);
    } else log(`  no step to click in the whole map of ${n}`);
    await context.close();
  }
  figures[`ui.library.${n}.ms`] = round(median(lib));
  figures[`ui.library.${n}.cold.ms`] = round(median(libCold));
  figures[`ui.library.${n}.thumbs.ms`] = round(median(thumbs));
  figures[`ui.open.${n}.ms`] = round(median(open));
  figures[`ui.open.${n}.painted.ms`] = round(median(painted));
  figures[`ui.open.${n}.longest.ms`] = round(median(openLongest));
  if (select.length) figures[`ui.select.${n}.ms`] = round(median(select));
  if (type.length) {
    figures[`ui.type.${n}.ms`] = round(median(type));
  }
  figures[`ui.pan.${n}.avg`] = round(median(panAvg), 1);
  figures[`ui.pan.${n}.p95`] = round(median(panP95), 1);
  figures[`ui.pan.${n}.cards.avg`] = round(median(cardsAvg), 1);
  figures[`ui.pan.${n}.cards.p95`] = round(median(cardsP95), 1);
  if (overviewSelect.length) figures[`ui.select.${n}.whole.ms`] = round(median(overviewSelect));
  if (drag.length) figures[`ui.drag.${n}.p95`] = round(median(drag), 1);
}

async function measureBare(browser: Browser, url: string, n: number, figures: Figures) {
  const open: number[] = [];
  const painted: number[] = [];
  const panAvg: number[] = [];
  const panP95: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
    await context.addInitScript(initScript);
    const page = await context.newPage();
    page.setDefaultTimeout(180_000);
    log(`  bare ${n}, run ${run + 1}/${RUNS}`);
    await page.goto(`${url}index.html?n=${n}`);
    await page.waitForTimeout(300);
    await page.locator('#open').click();
    const t0 = await page.evaluate(() => (window as unknown as { __bench: Record<string, number> }).__bench.lastInput!);
    painted.push((await waitPainted(page, '.react-flow__node')) - t0);
    await page.evaluate(() => document.getElementById('open')!.remove());
    const answered = await clickAnswered(page, await emptyPanePoint(page));
    open.push(answered - t0);
    await page.waitForTimeout(300);
    if (run === 0) {
      figures[`bare.dom.${n}`] = await domCount(page);
      figures[`bare.heap.${n}.mb`] = round(await heapMb(page), 1);
    }
    const pan = await panFrames(page);
    panAvg.push(pan.avg);
    panP95.push(pan.p95);
    await context.close();
  }
  figures[`bare.open.${n}.ms`] = round(median(open));
  figures[`bare.open.${n}.painted.ms`] = round(median(painted));
  figures[`bare.pan.${n}.avg`] = round(median(panAvg), 1);
  figures[`bare.pan.${n}.p95`] = round(median(panP95), 1);
}

// ---- main ----

function build() {
  if (NO_BUILD) return;
  const bin = (name: string) => path.resolve('node_modules/.bin', name);
  log('building the app (electron-vite build)…');
  execFileSync(bin('electron-vite'), ['build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  log('building the bare React Flow page (vite, bench/bare → out/bench-bare)…');
  execFileSync(bin('vite'), ['build', '--config', 'bench/bare/vite.config.mjs'], { stdio: ['ignore', 'ignore', 'inherit'] });
}

async function main() {
  build();
  for (const [file, what] of [
    [WEB, 'the web bridge'],
    [RENDERER, 'the renderer'],
    [path.join(BARE, 'index.html'), 'the bare React Flow page'],
  ] as const)
    if (!fs.existsSync(file)) throw new Error(`${what} is not built (${file}): run without --no-build, or npx electron-vite build and vite build --config bench/bare/vite.config.mjs`);
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);

  const elk = new ELK();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lanemap-bench-ui-'));
  let child: ChildProcess | undefined;
  let server: http.Server | undefined;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-precise-memory-info'],
  });
  const figures: Figures = {};
  try {
    const bridge = await startBridge(dir, await freePort());
    child = bridge.child;
    const barePort = await freePort();
    server = await serveBare(barePort);
    const bareUrl = `http://127.0.0.1:${barePort}/`;
    const setup = await (await browser.newContext()).newPage();
    await setup.goto(bridge.url);
    for (const n of SIZES) {
      log(`${n} steps: generating and tidying up…`);
      const doc = await benchMap(n, elk);
      fs.writeFileSync(path.join(BARE, `graph-${n}.json`), JSON.stringify(bareGraph(doc)));
      await callApp(setup, 'maps:import', { text: toLanemapJson(doc, { exportedAt: new Date().toISOString() }) });
      await measureLanemap(browser, bridge.url, n, doc, figures);
      await measureBare(browser, bareUrl, n, figures);
      figures[`ui.open.${n}.ratio`] = round(figures[`ui.open.${n}.ms`]! / figures[`bare.open.${n}.ms`]!, 2);
      figures[`ui.pan.${n}.ratio`] = round(figures[`ui.pan.${n}.avg`]! / figures[`bare.pan.${n}.avg`]!, 2);
    }
  } finally {
    await browser.close();
    server?.close();
    child?.kill('SIGTERM');
    if (child && child.exitCode === null) await new Promise((resolve) => child!.once('exit', resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  }
  report(figures);
}

function report(figures: Figures) {
  const goals = Object.fromEntries(GOALS.filter((g) => g.key in figures).map((g) => [g.key, { max: g.max, met: figures[g.key]! <= g.max }]));
  if (JSON_OUT) {
    console.log(JSON.stringify({ sizes: SIZES, runs: RUNS, figures, goals }, null, 2));
    return;
  }
  const rows: [string, string, string][] = [];
  for (const n of SIZES) {
    const keys = Object.keys(figures).filter((k) => k.split('.')[2] === String(n) || k.split('.')[1] === String(n));
    for (const k of keys.sort()) {
      const g = goals[k];
      rows.push([k, String(figures[k]), g ? `≤ ${g.max} ${g.met ? 'met' : 'NOT met'}` : '']);
    }
  }
  const w0 = Math.max(...rows.map((r) => r[0].length), 6);
  const w1 = Math.max(...rows.map((r) => r[1].length), 5);
  console.log(`bench:ui — headless Chromium, medians of ${RUNS} run(s); pan ratio = avg frame / bare avg frame`);
  console.log(`${'figure'.padEnd(w0)}  ${'value'.padStart(w1)}  goal (issue 15)`);
  for (const [k, v, g] of rows) console.log(`${k.padEnd(w0)}  ${v.padStart(w1)}  ${g}`);
  const met = Object.values(goals).filter((g) => g.met).length;
  console.log(`goals met: ${met} of ${Object.keys(goals).length} measured`);
}

try {
  await main();
} catch (e) {
  // a missing build or Chromium is said in a line, not a stack trace
  console.error(`bench:ui: ${(e as Error).message}`);
  process.exit(1);
}
