/**
 * Arrange (issue 13): align left / top and distribute three steps (their boxes on screen), one
 * undo each, the steps staying in their lanes; the toolbar's Arrange menu; a step added from the
 * toolbar goes into the lane last worked in, not the lane in the middle of the screen.
 */
import { describe, expect, test } from 'vitest';
import { toLanemapJson } from '../../shared/export/lanemapJson';
import type { MapDoc } from '../../shared/model/types';
import { buildMap } from '../support/builders';
import { callApp } from './harness';
import { appSuite } from './suite';
import { ui } from './ui';

const suite = appSuite();
const TITLES = ['Принять заявку', 'Проверить клиента', 'Согласовать скидку'] as const;
let mapId = '';

async function openFixture() {
  const { page } = suite;
  const doc = buildMap({
    title: 'Выравнивание',
    roles: [
      { id: 'r-m', name: 'Менеджер', color: '#2f80ed' },
      { id: 'r-h', name: 'Руководитель', color: '#f2994a' },
      { id: 'r-b', name: 'Бухгалтерия', color: '#27ae60' },
    ],
    steps: [
      { id: 'a', role: 'r-m', title: TITLES[0], x: 40, y: 40 },
      { id: 'b', role: 'r-m', title: TITLES[1], x: 330, y: 90 },
      { id: 'c', role: 'r-b', title: TITLES[2], x: 820, y: 60 },
    ],
  });
  const map = (await callApp(page, 'maps:import', { text: toLanemapJson(doc, { exportedAt: new Date().toISOString() }) })) as { id: string };
  mapId = map.id;
  await page.goto(`${suite.app.bridge.url}#map=${map.id}`);
  await page.reload();
  await ui.count(page.locator('.react-flow__node-step'), 3);
  await ui.settled(page);
}

const stored = async () => (await callApp(suite.page, 'maps:get', { id: mapId })) as MapDoc;
const step = (title: string) => suite.page.locator('.react-flow__node-step', { hasText: title });
const boxes = () => Promise.all(TITLES.map(async (t) => (await step(t).boundingBox())!));
const roleOf = async (title: string) => {
  const doc = await stored();
  const s = Object.values(doc.steps).find((x) => x.title === title)!;
  return doc.roles[s.roleId]!.name;
};
const lanesOfAll = () => Promise.all(TITLES.map(roleOf));

describe('arrange', () => {
  test('align left with Alt+Shift+L: the left edges line up on the leftmost; one undo restores; lanes kept', async () => {
    const { page } = suite;
    await openFixture();
    const before = await boxes();
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+a');
    await ui.count(page.locator('.react-flow__node-step.selected'), 3);
    await page.keyboard.press('Alt+Shift+L');
    const left = Math.min(...before.map((b) => b.x));
    await expect.poll(async () => (await boxes()).map((b) => Math.round(b.x))).toEqual([left, left, left].map(Math.round));
    await suite.app.shot('arrange-left');
    expect(await lanesOfAll()).toEqual(['Менеджер', 'Менеджер', 'Бухгалтерия']);
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await boxes()).map((b) => Math.round(b.x))).toEqual(before.map((b) => Math.round(b.x)));
  });

  test('align top from the toolbar Arrange menu: each step level within its lane, none leaves it', async () => {
    const { page } = suite;
    await openFixture();
    const arrange = page.getByRole('button', { name: 'Arrange the selected steps' });
    await expect.poll(() => arrange.isDisabled()).toBe(true);
    await expect.poll(() => arrange.getAttribute('title')).toContain('Select two or more steps');
    await step(TITLES[0]).click();
    await step(TITLES[1]).click({ modifiers: ['Shift'] });
    await ui.count(page.locator('.react-flow__node-step.selected'), 2);
    await arrange.click();
    const menu = page.getByRole('menu', { name: 'Arrange the selected steps' });
    await ui.visible(menu);
    await expect.poll(() => menu.getByRole('menuitem', { name: 'Distribute' }).getAttribute('aria-disabled')).toBe('true');
    await menu.getByRole('menuitem', { name: 'Align' }).click();
    const sub = page.getByRole('menu', { name: 'Align' });
    await ui.visible(sub);
    await suite.app.shot('arrange-toolbar-menu');
    await sub.getByRole('menuitem', { name: 'Top' }).click();
    await expect
      .poll(async () => {
        const [a, b] = await boxes();
        return Math.round(a!.y) === Math.round(b!.y);
      })
      .toBe(true);
    const [a] = await boxes();
    const lane = (await page.locator('.lane-header', { hasText: 'Менеджер' }).boundingBox())!;
    expect(a!.y).toBeGreaterThan(lane.y);
    expect(a!.y + a!.height).toBeLessThan(lane.y + lane.height);
    expect(await lanesOfAll()).toEqual(['Менеджер', 'Менеджер', 'Бухгалтерия']);
  });

  test('distribute horizontally with Alt+Shift+H: equal gaps, the ends stay', async () => {
    const { page } = suite;
    await openFixture();
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+a');
    const before = await boxes();
    await page.keyboard.press('Alt+Shift+H');
    await expect
      .poll(async () => {
        const [a, b, c] = await boxes();
        return Math.abs(b!.x - (a!.x + a!.width) - (c!.x - (b!.x + b!.width)));
      })
      .toBeLessThan(2);
    const after = await boxes();
    expect(Math.round(after[0]!.x)).toBe(Math.round(before[0]!.x));
    expect(Math.round(after[2]!.x)).toBe(Math.round(before[2]!.x));
    expect(await lanesOfAll()).toEqual(['Менеджер', 'Менеджер', 'Бухгалтерия']);
    await suite.app.shot('arrange-distributed');
  });

  test('a step added from the toolbar goes into the lane last worked in, and into view', async () => {
    const { page } = suite;
    await openFixture();
    // work in the last lane, then clear the selection
    await step(TITLES[2]).click();
    await page.keyboard.press('Escape');
    await ui.count(page.locator('.react-flow__node-step.selected'), 0);
    await page.getByRole('button', { name: 'Add task' }).click();
    await ui.count(page.locator('.react-flow__node-step'), 4);
    const field = page.getByLabel('Step title');
    await ui.focused(field);
    await field.fill('Новый шаг');
    await field.press('Tab');
    // (the lane in the middle of the screen is the second one: not there)
    await ui.eventually(() => roleOf('Новый шаг')).toBe('Бухгалтерия');
    // on screen: in that lane's band, inside the canvas
    const box = (await step('Новый шаг').boundingBox())!;
    const pane = (await page.locator('.react-flow').boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(pane.x);
    expect(box.x + box.width).toBeLessThanOrEqual(pane.x + pane.width);
    const lane = (await page.locator('.lane-header', { hasText: 'Бухгалтерия' }).boundingBox())!;
    expect(box.y).toBeGreaterThan(lane.y);
    expect(box.y + box.height).toBeLessThan(lane.y + lane.height);
    // not on top of the step already there
    const c = (await step(TITLES[2]).boundingBox())!;
    expect(box.x >= c.x + c.width || box.x + box.width <= c.x).toBe(true);
  });
});
