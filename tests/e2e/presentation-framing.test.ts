/**
 * The presentation frames every step on any screen: on the Russian full sales cycle, read left
 * to right and top to bottom, at 1024×768, 1280×720 and 1920×1080, walking from the first step
 * through a decision to the last, the current step is whole on screen, clear of the frozen lane
 * names and of the card, and the card is not over the next step when it could stand elsewhere.
 * At every fork on the way the branches are numbered in drawing order (card, keys and the
 * numbers on the map agree); a comment added during the presentation shows its text in the card.
 */
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { createMapRepository } from '../../src-main/storage/mapRepository';
import type { MapDoc } from '../../shared/model/types';
import { appSuite } from './suite';
import { ui } from './ui';
import { callApp as call } from './harness';

const suite = appSuite();
const SIZES = [
  { width: 1024, height: 768 },
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
];

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const pres = () => suite.page.locator('.presentation');
const intersects = (a: Box, b: Box) => a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;
const describeBox = (b: Box) => `${Math.round(b.x)},${Math.round(b.y)} ${Math.round(b.width)}×${Math.round(b.height)}`;

/** Until the camera stops (a glide, then a second look once there). */
async function settled(page: Page) {
  const transform = () => page.locator('.presentation .react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);
  let last = '';
  let same = 0;
  for (let i = 0; i < 150 && same < 3; i++) {
    const now = await transform();
    same = now === last ? same + 1 : 0;
    last = now;
    await page.waitForTimeout(100);
  }
}

/** Every box the check needs, read at once. */
async function boxes(page: Page) {
  return page.evaluate(() => {
    const r = (el: Element) => {
      const b = el.getBoundingClientRect();
      return { x: b.left, y: b.top, width: b.width, height: b.height };
    };
    const root = document.querySelector('.presentation')!;
    const now = root.querySelector('.react-flow__node-step.is-current');
    return {
      current: now ? r(now) : null,
      currentId: now?.getAttribute('data-id') ?? null,
      next: [...root.querySelectorAll('.react-flow__node-step.is-next')].map((el) => ({ id: el.getAttribute('data-id')!, box: r(el) })),
      lanes: [...root.querySelectorAll('.lane-header')].map(r),
      card: r(root.querySelector('.pres-card')!),
      top: r(root.querySelector('.pres-top')!),
      window: { width: window.innerWidth, height: window.innerHeight },
    };
  });
}

/** The current step whole on screen, below the top bar, clear of the lane names and the card; the next steps clear of the card where it could stand. */
async function expectFramed(where: string) {
  await settled(suite.page);
  const b = await boxes(suite.page);
  const at = `${where}: step ${b.currentId}`;
  expect(b.current, at).not.toBeNull();
  const step = b.current!;
  expect(step.x, at).toBeGreaterThanOrEqual(0);
  expect(step.y, at).toBeGreaterThanOrEqual(b.top.y + b.top.height);
  expect(step.x + step.width, at).toBeLessThanOrEqual(b.window.width);
  expect(step.y + step.height, at).toBeLessThanOrEqual(b.window.height);
  for (const lane of b.lanes) expect(intersects(step, lane), `${at} under the lane names ${describeBox(lane)}`).toBe(false);
  expect(intersects(step, b.card), `${at} ${describeBox(step)} under the card ${describeBox(b.card)}`).toBe(false);
  // the card on the other side of the window, as it could stand
  const other = { ...b.card, x: b.window.width - b.card.x - b.card.width };
  for (const n of b.next) {
    if (intersects(n.box, b.card)) expect(intersects(n.box, other), `${at}: next step ${n.id} under the card, which could stand on the other side`).toBe(true);
  }
  return b;
}

let ruDoc: { id: string; title: string };
let downDoc: { id: string; title: string };
const stored = (id: string): MapDoc => createMapRepository(suite.app.db).read(id);

async function openMap(id: string) {
  const page = suite.page;
  await page.evaluate((mapId) => (window.location.hash = `map=${mapId}`), id);
  await page.reload();
  await ui.visible(page.getByRole('toolbar'));
}

/**
 * At a fork: the numbers on the map are 1…n, on the steps the card lists in the same order,
 * and those steps follow in drawing order (top to bottom; left to right on a top-to-bottom
 * map). Returns the steps in branch order.
 */
async function expectBranchesInDrawingOrder(where: string, down: boolean, doc: MapDoc): Promise<string[]> {
  const marks = pres().locator('.pres-branch-mark');
  const n = await pres().locator('.pres-choice').count();
  await ui.texts(marks, Array.from({ length: n }, (_, i) => String(i + 1)));
  const targets = await marks.evaluateAll((els) => els.map((el) => el.getAttribute('data-step-id')!));
  const cardTexts = await pres().locator('.pres-choice-text').allTextContents();
  targets.forEach((stepId, i) => expect(cardTexts[i], `${where}: branch ${i + 1}`).toContain(doc.steps[stepId]!.title));
  const centres: number[] = [];
  for (const stepId of targets) {
    const box = (await pres().locator(`.react-flow__node-step[data-id="${stepId}"]`).boundingBox())!;
    centres.push(down ? box.x + box.width / 2 : box.y + box.height / 2);
    // the mark sits on its step's top-left corner
    const mark = (await marks.nth(targets.indexOf(stepId)).boundingBox())!;
    expect(Math.abs(mark.x + mark.width / 2 - box.x), `${where}: mark on its step`).toBeLessThan(mark.width);
    expect(Math.abs(mark.y + mark.height / 2 - box.y), `${where}: mark on its step`).toBeLessThan(mark.height);
  }
  for (let i = 1; i < centres.length; i++) expect(centres[i]!, `${where}: branch ${i + 1} drawn after branch ${i}`).toBeGreaterThanOrEqual(centres[i - 1]! - 1);
  return targets;
}

/**
 * From the first step to the last: the next way on; at a fork the branches checked, then the
 * first one not shown yet taken with its number key (the later one at every other fork, so
 * both ends of the list are pressed); back at a step shown before, N to the next one not shown;
 * each step framed. The first step, the first decision
 * and the last step pictured.
 */
async function walkAndCheck(name: string, mapId: string) {
  const page = suite.page;
  const doc = stored(mapId);
  const down = doc.direction === 'down';
  await page.keyboard.press('F5');
  await ui.visible(pres());
  await ui.contains(pres().locator('.pres-progress'), 'Шаг 1 из');
  await expectFramed(`${name} first`);
  await suite.app.shot(`pres-framing-${name}-first`);
  let forks = 0;
  const shown = new Set<string>([(await boxes(page)).currentId!]);
  let looped = false;
  for (let steps = 1; steps < 60; steps++) {
    const before = (await boxes(page)).currentId!;
    if ((await pres().locator('.pres-end').count()) > 0) break;
    const choices = await pres().locator('.pres-choice').count();
    let expected: string | null = null;
    if (choices > 1) {
      forks++;
      const targets = await expectBranchesInDrawingOrder(`${name} fork ${forks}`, down, doc);
      if (forks === 1) await suite.app.shot(`pres-framing-${name}-fork`);
      const fresh = targets.map((id, i) => ({ id, i })).filter((t) => !shown.has(t.id));
      const pick = fresh.length ? fresh[forks % 2 ? 0 : fresh.length - 1]! : { id: targets[0]!, i: 0 };
      expected = pick.id;
      await page.keyboard.press(String(pick.i + 1));
    } else await page.keyboard.press(looped ? 'n' : 'ArrowRight');
    await ui.eventually(async () => (await boxes(page)).currentId).not.toBe(before);
    const now = (await boxes(page)).currentId!;
    if (expected) expect(now, `${name}: the key of the branch leads to its step`).toBe(expected);
    // round a loop: on to the next step not shown yet (N), so the walk reaches the end
    looped = shown.has(now);
    shown.add(now);
    await expectFramed(`${name} step ${steps + 1}`);
  }
  expect(forks, name).toBeGreaterThan(1);
  await ui.visible(pres().locator('.pres-end'));
  await suite.app.shot(`pres-framing-${name}-last`);
  await page.keyboard.press('Escape');
  await ui.count(pres(), 0);
}

describe('the presentation frames every step', () => {
  test('setting up: the Russian full sales cycle, read left to right, and a copy read top to bottom', async () => {
    const page = suite.page;
    await call(page, 'settings:set', { language: 'ru', authorName: 'Анна Смирнова' });
    ruDoc = (await call(page, 'maps:createFromTemplate', { templateId: 'full-cycle.ru' })) as { id: string; title: string };
    downDoc = (await call(page, 'maps:createFromTemplate', { templateId: 'full-cycle.ru' })) as { id: string; title: string };
    await openMap(downDoc.id);
    await page.getByRole('button', { name: 'Расположить сверху вниз' }).click();
    // laid out anew in a worker: slow on a busy machine
    await expect.poll(() => stored(downDoc.id).direction, { timeout: 60_000 }).toBe('down');
    expect(stored(ruDoc.id).direction ?? 'right').not.toBe('down');
  }, 120_000);

  for (const size of SIZES) {
    test(`left to right at ${size.width}×${size.height}: every step on the way clear of the lane names and the card`, async () => {
      await suite.page.setViewportSize(size);
      await openMap(ruDoc.id);
      await walkAndCheck(`right-${size.width}`, ruDoc.id);
    }, 300_000);
    test(`top to bottom at ${size.width}×${size.height}: every step on the way clear of the lane names and the card`, async () => {
      await suite.page.setViewportSize(size);
      await openMap(downDoc.id);
      await walkAndCheck(`down-${size.width}`, downDoc.id);
    }, 300_000);
  }

  test('a comment added in the presentation shows its text and author in the card; the latest few, then "+N more"', async () => {
    const page = suite.page;
    await page.setViewportSize({ width: 1280, height: 720 });
    await openMap(ruDoc.id);
    await page.keyboard.press('F5');
    await ui.visible(pres());
    await page.keyboard.press('ArrowRight');
    const box = pres().locator('.pres-composer textarea');
    const texts = ['Уточнить бюджет до встречи', '<script>alert(1)</script> — показать как текст', 'שאלה על המחיר', 'Кто звонит клиенту? Менеджер или пресейл'];
    for (const text of texts) {
      await page.keyboard.press('c');
      await ui.focused(box);
      await box.fill(text);
      await page.keyboard.press('Control+Enter');
      await ui.hidden(box);
    }
    const list = pres().locator('.pres-comment-list');
    // the latest three, newest first, each with its author; the fourth counted
    await ui.texts(list.locator('.pres-comment-text'), [texts[3]!, texts[2]!, texts[1]!]);
    await ui.texts(list.locator('.pres-comment-author'), ['Анна Смирнова', 'Анна Смирнова', 'Анна Смирнова']);
    await ui.texts(list.locator('.pres-comment-more'), ['и ещё 1']);
    await ui.count(page.locator('script', { hasText: 'alert(1)' }), 0);
    await ui.texts(pres().getByTestId('pres-comment-count'), ['4 открытых комментария']);
    await expectFramed('after the comments');
    await suite.app.shot('pres-framing-comments-ru');
    // on another step the card shows that step's (none)
    await page.keyboard.press('ArrowLeft');
    await ui.count(list, 0);
    await page.keyboard.press('Escape');
    await ui.count(pres(), 0);
  });
});
