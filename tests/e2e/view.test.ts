/**
 * Issue 13, the view: a map opens fitted when its step titles still read at that zoom, else at
 * its start at a readable zoom (the minimap showing the rest); the lane-name column keeps its
 * screen width at any zoom and never covers a step at the opening view; the side panels are
 * resized (drag, keyboard), collapsed and remembered; names in the side panel are never cut;
 * the minimap hides and comes back, remembered; a selected flow stands out, a click beside its
 * line takes it; the connection handles are 12 px.
 */
import { describe, expect, test } from 'vitest';
import { callApp } from './harness';
import { appSuite } from './suite';
import { ui } from './ui';

const suite = appSuite();
const page = () => suite.page;
const SAMPLE = 'Sample: from lead to closed deal';
const FULL = 'Отдел продаж: полный цикл';

type Box = { x: number; y: number; width: number; height: number };
const inside = (b: Box, a: Box) => b.x >= a.x - 1 && b.y >= a.y - 1 && b.x + b.width <= a.x + a.width + 1 && b.y + b.height <= a.y + a.height + 1;

const zoomOf = () =>
  page()
    .locator('.canvas .react-flow__viewport')
    .evaluate((el) => Number(/scale\(([\d.]+)\)/.exec((el as HTMLElement).style.transform)?.[1] ?? 0));

/** What the canvas shows: its pane, every step card's box, the lane-name column's boxes. */
function canvasBoxes() {
  return page().evaluate(() => {
    const box = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    };
    const pane = document.querySelector('.canvas .react-flow')!;
    return {
      pane: box(pane),
      steps: [...document.querySelectorAll('.canvas .react-flow__node-step')].map(box),
      lanes: [...document.querySelectorAll('.canvas .lane-header')].map(box),
    };
  });
}

async function openMap(title: string) {
  await page().getByRole('button', { name: `Open ${title}`, exact: true }).click();
  await ui.visible(page().locator('.canvas .react-flow__node-step'));
  await ui.settled(page());
}

async function backToLibrary() {
  await page().getByRole('button', { name: 'Back to the library' }).click();
  await ui.visible(page().getByRole('list', { name: 'Maps' }));
}

describe('the view', () => {
  test('the sample opens fitted at 1920×1080: every step inside the canvas, none under the lane names', async () => {
    await page().setViewportSize({ width: 1920, height: 1080 });
    await page().reload();
    await openMap(SAMPLE);
    await ui.eventually(async () => {
      const { pane, steps } = await canvasBoxes();
      return steps.length > 0 && steps.every((s) => inside(s, pane));
    }).toBe(true);
    const { steps, lanes } = await canvasBoxes();
    expect(steps.length).toBe(13);
    const column = Math.max(...lanes.map((l) => l.x + l.width));
    expect(Math.min(...steps.map((s) => s.x))).toBeGreaterThanOrEqual(column);
    expect(await zoomOf()).toBeGreaterThanOrEqual(0.4);
    await suite.app.shot('view-sample-1920-en');
    await backToLibrary();
  });

  test('the Russian full cycle (too wide to read whole) opens at its start at a readable zoom, the minimap showing', async () => {
    await page().setViewportSize({ width: 1280, height: 800 });
    await page().getByRole('button', { name: 'New map' }).click();
    const dialog = page().getByRole('dialog', { name: 'New map' });
    await dialog.locator('.template-card', { hasText: FULL }).click();
    await dialog.getByRole('button', { name: 'Create' }).click();
    await ui.count(page().locator('.react-flow__node-phase'), 7);
    await ui.settled(page());
    expect(await zoomOf()).toBeCloseTo(0.4, 2);
    const { pane, steps, lanes } = await canvasBoxes();
    const seen = steps.filter((s) => inside(s, pane));
    // with both side panels open at 1280 px: twice what the old opening at 60 % showed
    expect(seen.length).toBeGreaterThanOrEqual(4);
    // the first steps are right of the lane-name column, not under it
    const column = Math.max(...lanes.map((l) => l.x + l.width));
    for (const s of seen) expect(s.x).toBeGreaterThanOrEqual(column);
    await ui.visible(page().getByRole('img', { name: 'Mini map' }));
    await suite.app.shot('view-full-cycle-1280-en');
  });

  test('the lane-name column keeps its width at 50 % and 150 %', async () => {
    const width = async () => (await page().locator('.canvas .lane-header').first().boundingBox())!.width;
    await page().locator('.react-flow__pane').click({ position: { x: 400, y: 5 } });
    for (let i = 0; i < 30 && (await zoomOf()) > 0.5; i++) await page().keyboard.press('-');
    await ui.settled(page());
    expect(await zoomOf()).toBeLessThanOrEqual(0.5);
    const small = await width();
    for (let i = 0; i < 30 && (await zoomOf()) < 1.5; i++) await page().keyboard.press('+');
    await ui.settled(page());
    expect(await zoomOf()).toBeGreaterThanOrEqual(1.5);
    const large = await width();
    expect(Math.abs(small - large)).toBeLessThanOrEqual(1);
    await suite.app.shot('view-zoom-150-en');
    await page().keyboard.press('0');
    await ui.settled(page());
  });

  test('no lane or phase name in the side panel is cut, in Russian at the default width; a 120-character name wraps', async () => {
    await callApp(page(), 'settings:set', { language: 'ru' });
    await page().reload();
    await ui.visible(page().locator('.canvas .react-flow__node-step'));
    const clipped = () =>
      page().evaluate(() =>
        [...document.querySelectorAll<HTMLTextAreaElement | HTMLInputElement>('.roles-panel .role-row textarea, .roles-panel .role-row input:not([type=color])')]
          .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)
          .filter((el) => el.title !== el.value)
          .map((el) => el.value),
      );
    const names = await page().locator('.roles-panel .role-row textarea').count();
    expect(names).toBe(14);
    await ui.eventually(clipped).toEqual([]);
    await suite.app.shot('view-full-cycle-ru');
    // a long name: wrapped in the panel, whole in the lane column's tooltip
    const long = 'Очень длинное название дорожки для проверки переноса '.repeat(6).slice(0, 120).trim();
    const field = page().getByLabel(/^Название дорожки/).first();
    await field.fill(long);
    await field.press('Enter');
    await ui.eventually(clipped).toEqual([]);
    await expect.poll(() => page().locator('.canvas .lane-name').first().getAttribute('title')).toBe(long);
    await suite.app.shot('view-long-lane-name-ru');
    await page().keyboard.press('Control+z');
  });

  test('side panels: resized by drag and by keyboard, collapsed, all remembered after a reload', async () => {
    const lanes = page().getByRole('separator', { name: 'Ширина панели дорожек' });
    const side = page().getByRole('separator', { name: 'Ширина панели свойств' });
    const frame = (id: string) => page().locator(`.panel-frame[data-panel="${id}"]`);
    const widthOf = async (id: string) => (await frame(id).boundingBox())!.width;
    expect(Math.round(await widthOf('lanes'))).toBe(260);
    const canvasBefore = (await page().locator('.canvas').boundingBox())!.width;
    const h = (await lanes.boundingBox())!;
    await ui.drag(page(), { x: h.x + h.width / 2, y: h.y + 200 }, { x: h.x + h.width / 2 + 100, y: h.y + 200 });
    await ui.eventually(() => widthOf('lanes')).toBeGreaterThan(340);
    const dragged = Math.round(await widthOf('lanes'));
    await expect.poll(async () => Number(await lanes.getAttribute('aria-valuenow'))).toBe(dragged);
    await ui.eventually(async () => (await page().locator('.canvas').boundingBox())!.width).toBeLessThan(canvasBefore - 50);
    // the details panel, narrower from the keyboard (the arrow away from the canvas)
    await side.focus();
    for (let i = 0; i < 3; i++) await page().keyboard.press('ArrowRight');
    await expect.poll(async () => Number(await side.getAttribute('aria-valuenow'))).toBe(320 - 48);
    await suite.app.shot('view-panels-resized-ru');
    // collapsed by its own button; the toolbar's toggle follows
    await page().getByRole('button', { name: 'Скрыть панель свойств' }).click();
    await ui.count(frame('side'), 0);
    await page().reload();
    await ui.visible(page().locator('.canvas .react-flow__node-step'));
    expect(Math.round(await widthOf('lanes'))).toBe(dragged);
    await ui.count(frame('side'), 0);
    await suite.app.shot('view-panels-remembered-ru');
    const toggle = page().getByRole('button', { name: 'Показать свойства' });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
    await ui.count(frame('side'), 1);
    expect(Math.round(await widthOf('side'))).toBe(320 - 48);
    // back to the defaults (double-click on a handle)
    await lanes.dblclick();
    await side.dblclick();
    await ui.eventually(async () => Math.round(await widthOf('lanes'))).toBe(260);
    await ui.eventually(async () => Math.round(await widthOf('side'))).toBe(320);
  });

  test('the minimap hides and comes back, remembered', async () => {
    await callApp(page(), 'settings:set', { language: 'en' });
    await page().reload();
    await ui.visible(page().locator('.canvas .react-flow__node-step'));
    const mini = page().getByRole('img', { name: 'Mini map' });
    await ui.visible(mini);
    expect(Number(await page().locator('.minimap').evaluate((el) => getComputedStyle(el).opacity))).toBeLessThan(1);
    await page().getByRole('button', { name: 'Hide the mini map' }).click();
    await ui.count(mini, 0);
    await page().reload();
    await ui.visible(page().locator('.canvas .react-flow__node-step'));
    await ui.count(mini, 0);
    await suite.app.shot('view-minimap-hidden-en');
    await page().getByRole('button', { name: 'Show the mini map' }).click();
    await ui.visible(mini);
    await page().reload();
    await ui.visible(mini);
  });

  test('a click 8 px beside a flow selects it; the selected flow is thicker than the others; handles are 12 px', async () => {
    if (await page().getByRole('button', { name: 'Back to the library' }).isVisible()) await backToLibrary();
    await page().setViewportSize({ width: 1920, height: 1080 });
    await openMap(SAMPLE);
    await ui.eventually(() => page().locator('.canvas .react-flow__edge path.react-flow__edge-path').count()).toBe(13);
    // a point 8 px beside the middle of a flow's longest straight stretch, where no step is
    const target = await page().evaluate(() => {
      for (const g of document.querySelectorAll<SVGGElement>('.canvas .react-flow__edge')) {
        const path = g.querySelector<SVGPathElement>('path.react-flow__edge-path')!;
        const len = path.getTotalLength();
        const ctm = path.getScreenCTM()!;
        const screen = (p: DOMPoint) => new DOMPoint(p.x, p.y).matrixTransform(ctm);
        for (const at of [0.5, 0.3, 0.7]) {
          const a = screen(path.getPointAtLength(len * at - 2));
          const b = screen(path.getPointAtLength(len * at + 2));
          const d = Math.hypot(b.x - a.x, b.y - a.y);
          if (d < 1) continue;
          const [nx, ny] = [-(b.y - a.y) / d, (b.x - a.x) / d];
          const x = (a.x + b.x) / 2 + nx * 8;
          const y = (a.y + b.y) / 2 + ny * 8;
          const hit = document.elementFromPoint(x, y);
          if (hit && hit.closest('.react-flow__edge') === g) return { id: g.getAttribute('data-id'), x, y };
        }
      }
      const g = document.querySelector('.canvas .react-flow__edge');
      const p = g?.querySelector('path');
      const r = p?.getBoundingClientRect();
      const hit = r ? document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) : null;
      return { id: null, x: 0, y: 0, debug: `${document.querySelectorAll('.canvas .react-flow__edge').length} ${g?.outerHTML.slice(0, 300)} hit=${hit?.outerHTML.slice(0, 200)}` };
    });
    expect(target?.id, JSON.stringify(target)).toBeTruthy();
    await page().mouse.click(target.x, target.y);
    const edge = page().locator(`.canvas .react-flow__edge[data-id="${target.id}"]`);
    await expect.poll(() => edge.getAttribute('class')).toContain('selected');
    const stroke = (sel: string) => page().locator(sel).first().evaluate((el) => parseFloat(getComputedStyle(el).strokeWidth));
    const selected = await stroke(`.canvas .react-flow__edge[data-id="${target.id}"] path.react-flow__edge-path`);
    const other = await stroke('.canvas .react-flow__edge:not(.selected) path.react-flow__edge-path');
    expect(selected).toBeGreaterThan(other);
    await suite.app.shot('view-selected-flow-en');
    // a step's handles: 12 px, shown when the step is pointed at
    const step = page().locator('.canvas .react-flow__node-step').first();
    await step.hover();
    const handle = step.locator('.react-flow__handle').first();
    await expect.poll(() => handle.evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
    const size = await handle.evaluate((el) => Math.min((el as HTMLElement).offsetWidth, (el as HTMLElement).offsetHeight));
    expect(size).toBeGreaterThanOrEqual(12);
  });
});
