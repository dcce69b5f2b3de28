/**
 * Context menus (issue 13): on a step, a flow, a lane, a phase and the empty canvas, each opened
 * with the mouse and with the keyboard (Shift+F10 with a selection, the menu key without), an
 * action run from each and its effect checked in the stored map and on screen; Escape gives the
 * focus back; the menu stays inside the window near its bottom-right corner; the browser's own
 * menu is kept off the canvas but not off text fields. Screenshots of each menu, EN and RU.
 */
import { describe, expect, test } from 'vitest';
import type { Locator } from 'playwright-core';
import { toLanemapJson } from '../../shared/export/lanemapJson';
import type { MapDoc } from '../../shared/model/types';
import { buildMap } from '../support/builders';
import { callApp } from './harness';
import { appSuite } from './suite';
import { ui } from './ui';

const suite = appSuite();
let n = 0;

function fixture() {
  return buildMap({
    id: `menu-map-${++n}`,
    title: 'Обработка заявок',
    roles: [
      { id: 'r-m', name: 'Менеджер по продажам', color: '#2f80ed' },
      { id: 'r-h', name: 'Руководитель отдела', color: '#f2994a' },
    ],
    phases: [
      { id: 'p-q', name: 'Квалификация', order: 0 },
      { id: 'p-d', name: 'Сделка', order: 1 },
    ],
    steps: [
      { id: 's-1', role: 'r-m', kind: 'start', title: 'Заявка поступила', x: 40, y: 50, phaseId: 'p-q' },
      { id: 's-2', role: 'r-m', title: 'Перезвонить по заявке', x: 260, y: 40, phaseId: 'p-q' },
      { id: 's-3', role: 'r-h', title: 'Разослать КП', x: 40, y: 40, phaseId: 'p-d' },
    ],
    flows: [
      { id: 'f-12', from: 's-1', to: 's-2' },
      { id: 'f-23', from: 's-2', to: 's-3' },
    ],
  });
}

/** Ids as stored (an import gives the map's parts new ids), by the fixture's ids. */
const ids: Record<string, string> = {};

async function openFixture(language: 'en' | 'ru' = 'en') {
  const { page } = suite;
  await callApp(page, 'settings:set', { language });
  const source = fixture();
  const map = (await callApp(page, 'maps:import', { text: toLanemapJson(source, { exportedAt: new Date().toISOString() }) })) as { id: string };
  const doc = (await callApp(page, 'maps:get', { id: map.id })) as MapDoc;
  const byName = <T extends { id: string }>(list: T[], name: (x: T) => string, want: string) => list.find((x) => name(x) === want)!.id;
  for (const s of Object.values(source.steps)) ids[s.id] = byName(Object.values(doc.steps), (x) => x.title, s.title);
  for (const r of Object.values(source.roles)) ids[r.id] = byName(Object.values(doc.roles), (x) => x.name, r.name);
  for (const p of Object.values(source.phases)) ids[p.id] = byName(Object.values(doc.phases), (x) => x.name, p.name);
  for (const f of Object.values(source.flows))
    ids[f.id] = Object.values(doc.flows).find((x) => x.fromStepId === ids[f.fromStepId] && x.toStepId === ids[f.toStepId])!.id;
  await page.goto(`${suite.app.bridge.url}#map=${map.id}`);
  await page.reload();
  await ui.count(page.locator('.react-flow__node-step'), 3);
  await ui.settled(page);
  return map.id;
}

const stored = async (id: string) => (await callApp(suite.page, 'maps:get', { id })) as MapDoc;
const node = (id: string) => suite.page.locator(`.react-flow__node[data-id="${ids[id]}"]`);
const menu = (name: string) => suite.page.getByRole('menu', { name, exact: true });
const anyMenu = () => suite.page.locator('[role="menu"]');

async function middle(l: Locator) {
  const box = (await l.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2, box };
}
async function rightClick(at: { x: number; y: number }) {
  await suite.page.mouse.click(at.x, at.y, { button: 'right' });
}
/** Whether the last contextmenu event's default (the browser's menu) was prevented. */
async function watchContextMenu() {
  await suite.page.evaluate(() => {
    (window as unknown as { lastMenu: boolean | null }).lastMenu = null;
    window.addEventListener('contextmenu', (e) => ((window as unknown as { lastMenu: boolean }).lastMenu = e.defaultPrevented));
  });
}
const browserMenuPrevented = () => suite.page.evaluate(() => (window as unknown as { lastMenu: boolean | null }).lastMenu);

describe('context menus', () => {
  test('a step: right-click opens its menu with shortcuts; Change kind ▸ Decision changes it, one undo', async () => {
    const { page } = suite;
    const id = await openFixture();
    await watchContextMenu();
    await rightClick(await middle(node('s-2')));
    const m = menu('Step');
    await ui.visible(m);
    expect(await browserMenuPrevented()).toBe(true);
    // the right-clicked step is selected, like draw.io
    await ui.count(page.locator('.react-flow__node-step.selected'), 1);
    await expect.poll(() => node('s-2').getAttribute('class')).toContain('selected');
    await ui.contains(m.getByRole('menuitem', { name: 'Copy' }), 'Ctrl+C');
    await ui.contains(m.getByRole('menuitem', { name: 'Insert next step' }), 'Ctrl+Enter');
    await ui.contains(m.getByRole('menuitem', { name: 'Delete without reconnecting' }), 'Shift+Delete');
    await ui.visible(m.getByRole('menuitemcheckbox', { name: 'Keep in place on tidy-up' }));
    await suite.app.shot('menu-step-en');
    await m.getByRole('menuitem', { name: 'Change kind' }).hover();
    const kinds = menu('Change kind');
    await ui.visible(kinds);
    await expect.poll(() => kinds.getByRole('menuitemradio', { name: 'Task' }).getAttribute('aria-checked')).toBe('true');
    await suite.app.shot('menu-step-kind-en');
    await kinds.getByRole('menuitemradio', { name: 'Decision' }).click();
    await ui.count(anyMenu(), 0);
    await ui.eventually(async () => (await stored(id)).steps[ids['s-2']!]!.kind).toBe('decision');
    await ui.visible(node('s-2').locator('.step-decision'));
    await page.keyboard.press('Control+z');
    await ui.eventually(async () => (await stored(id)).steps[ids['s-2']!]!.kind).toBe('task');
  });

  test('a step from the keyboard: Shift+F10, type to select, Right into Move to lane ▸, Enter moves it; Escape gives the focus back', async () => {
    const { page } = suite;
    const id = await openFixture();
    await node('s-2').click();
    await ui.focused(node('s-2'));
    await page.keyboard.press('Shift+F10');
    const m = menu('Step');
    await ui.visible(m);
    // the menu is placed at the step
    const at = await middle(node('s-2'));
    const box = (await m.boundingBox())!;
    expect(Math.abs(box.x - at.x)).toBeLessThan(at.box.width);
    await ui.focused(m.getByRole('menuitem', { name: 'Insert next step' }));
    // Escape closes it and the step has the focus again
    await page.keyboard.press('Escape');
    await ui.count(anyMenu(), 0);
    await ui.focused(node('s-2'));
    expect((await stored(id)).steps[ids['s-2']!]!.roleId).toBe(ids['r-m']);

    await page.keyboard.press('Shift+F10');
    await ui.visible(m);
    await page.keyboard.type('mo');
    await ui.focused(m.getByRole('menuitem', { name: 'Move to lane' }));
    await page.keyboard.press('ArrowRight');
    const lanes = menu('Move to lane');
    await ui.focused(lanes.getByRole('menuitemradio', { name: 'Менеджер по продажам' }));
    // Left closes the submenu, back on its item
    await page.keyboard.press('ArrowLeft');
    await ui.count(lanes, 0);
    await ui.focused(m.getByRole('menuitem', { name: 'Move to lane' }));
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await ui.focused(lanes.getByRole('menuitemradio', { name: 'Руководитель отдела' }));
    await page.keyboard.press('Enter');
    await ui.count(anyMenu(), 0);
    await ui.eventually(async () => (await stored(id)).steps[ids['s-2']!]!.roleId).toBe(ids['r-h']);
    // on screen: inside the lower lane's band
    const lane = (await page.locator(`.lane[data-lane-id="${ids['r-h']}"]`).boundingBox())!;
    await expect.poll(async () => (await middle(node('s-2'))).y).toBeGreaterThan(lane.y);
    await expect.poll(async () => (await middle(node('s-2'))).y).toBeLessThan(lane.y + lane.height);
  });

  test('a flow: right-click, Label ▸ Yes labels it; Shift+F10 on a selected flow opens its menu', async () => {
    const { page } = suite;
    const id = await openFixture();
    const edge = page.locator(`.react-flow__edge[data-id="${ids['f-12']}"] .react-flow__edge-interaction`);
    const at = await middle(edge);
    await rightClick(at);
    const m = menu('Flow');
    await ui.visible(m);
    await ui.visible(m.getByRole('menuitem', { name: 'Insert step here' }));
    await m.getByRole('menuitem', { name: 'Label' }).click();
    const labels = menu('Label');
    await ui.visible(labels);
    await suite.app.shot('menu-flow-en');
    await labels.getByRole('menuitemradio', { name: 'Yes' }).click();
    await ui.eventually(async () => (await stored(id)).flows[ids['f-12']!]!.label).toBe('Yes');
    await ui.visible(page.locator('.flow-label', { hasText: 'Yes' }));

    // the flow is selected: Shift+F10 opens the flow's menu again; Delete removes it
    await page.keyboard.press('Shift+F10');
    await ui.visible(m);
    await m.getByRole('menuitem', { name: 'Delete' }).click();
    await ui.eventually(async () => Object.keys((await stored(id)).flows).sort()).toEqual([ids['f-23']]);
  });

  test('a lane: right-click its name, Move down reorders the lanes; Add step here puts a step at the point, in that lane and phase', async () => {
    const { page } = suite;
    const id = await openFixture();
    await rightClick(await middle(page.locator(`.lane-header[data-lane-id="${ids['r-m']}"]`)));
    const m = menu('Lane “Менеджер по продажам”');
    await ui.visible(m);
    await expect.poll(() => m.getByRole('menuitem', { name: 'Move up' }).getAttribute('aria-disabled')).toBe('true');
    await m.getByRole('menuitem', { name: 'Colour' }).hover();
    await ui.visible(menu('Colour'));
    await suite.app.shot('menu-lane-en');
    await m.getByRole('menuitem', { name: 'Move down' }).click();
    await ui.eventually(async () => (await stored(id)).roles[ids['r-m']!]!.order).toBe(1);
    await ui.texts(page.locator('.lane-name'), ['Руководитель отдела', 'Менеджер по продажам']);
    await page.keyboard.press('Control+z');
    await ui.texts(page.locator('.lane-name'), ['Менеджер по продажам', 'Руководитель отдела']);

    // a free spot: the lower lane, in the first phase's column (empty there)
    const lane = (await page.locator(`.lane[data-lane-id="${ids['r-h']}"]`).boundingBox())!;
    const column = (await page.locator(`.phase-column[data-phase-id="${ids['p-q']}"]`).boundingBox())!;
    const spot = { x: Math.round(column.x + column.width / 2), y: Math.round(lane.y + lane.height / 2) };
    await rightClick(spot);
    const band = menu('Lane “Руководитель отдела”');
    await ui.visible(band);
    await band.getByRole('menuitem', { name: 'Add step here' }).click();
    await ui.count(page.locator('.react-flow__node-step'), 4);
    await ui.eventually(async () => Object.values((await stored(id)).steps).length).toBe(4);
    const doc = await stored(id);
    const step = Object.values(doc.steps).find((s) => ![ids['s-1'], ids['s-2'], ids['s-3']].includes(s.id))!;
    expect(step.roleId).toBe(ids['r-h']);
    expect(step.phaseId).toBe(ids['p-q']);
    const drawn = await middle(page.locator(`.react-flow__node[data-id="${step.id}"]`));
    expect(Math.abs(drawn.x - spot.x)).toBeLessThan(30);
    expect(Math.abs(drawn.y - spot.y)).toBeLessThan(40);
    // its title is ready to type
    await ui.focused(page.getByLabel('Step title'));
  });

  test('a phase: right-click its header, Move left reorders the phases', async () => {
    const { page } = suite;
    const id = await openFixture();
    await rightClick(await middle(page.locator(`.phase-column[data-phase-id="${ids['p-d']}"] .phase-name`)));
    const m = menu('Phase “Сделка”');
    await ui.visible(m);
    await expect.poll(() => m.getByRole('menuitem', { name: 'Move right' }).getAttribute('aria-disabled')).toBe('true');
    await suite.app.shot('menu-phase-en');
    await m.getByRole('menuitem', { name: 'Move left' }).click();
    await ui.eventually(async () => (await stored(id)).phases[ids['p-d']!]!.order).toBe(0);
    await expect
      .poll(async () => {
        const a = (await page.locator(`.phase-column[data-phase-id="${ids['p-d']}"]`).boundingBox())!;
        const b = (await page.locator(`.phase-column[data-phase-id="${ids['p-q']}"]`).boundingBox())!;
        return a.x < b.x;
      })
      .toBe(true);
    // Rename… asks for the name and keeps any script
    await rightClick(await middle(page.locator(`.phase-column[data-phase-id="${ids['p-q']}"] .phase-name`)));
    await menu('Phase “Квалификация”').getByRole('menuitem', { name: 'Rename…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rename phase “Квалификация”' });
    await ui.visible(dialog);
    await dialog.getByLabel('Name').fill('<b>Квалификация</b> مرحلة');
    await dialog.getByRole('button', { name: 'Rename' }).click();
    await ui.eventually(async () => (await stored(id)).phases[ids['p-q']!]!.name).toBe('<b>Квалификация</b> مرحلة');
    await ui.visible(page.locator('.phase-name', { hasText: '<b>Квалификация</b>' }));
  });

  test('the empty canvas: right-click below the lanes, Select all; the menu key with nothing selected opens it too', async () => {
    const { page } = suite;
    await openFixture();
    const pane = (await page.locator('.react-flow').boundingBox())!;
    const lanes = (await page.locator(`.lane[data-lane-id="${ids['r-h']}"]`).boundingBox())!;
    const below = { x: Math.round(pane.x + pane.width / 2), y: Math.round(lanes.y + lanes.height + 40) };
    expect(below.y).toBeLessThan(pane.y + pane.height - 20);
    await rightClick(below);
    const m = menu('Canvas');
    await ui.visible(m);
    await ui.contains(m.getByRole('menuitem', { name: 'Tidy up' }), 'Ctrl+Shift+L');
    await ui.contains(m.getByRole('menuitem', { name: 'Select all' }), 'Ctrl+A');
    await m.getByRole('menuitem', { name: 'Add step here' }).hover();
    await ui.visible(menu('Add step here'));
    await suite.app.shot('menu-canvas-en');
    await m.getByRole('menuitem', { name: 'Select all' }).click();
    await ui.count(page.locator('.react-flow__node-step.selected'), 3);

    await page.keyboard.press('Escape');
    await ui.count(page.locator('.react-flow__node-step.selected'), 0);
    await page.keyboard.press('ContextMenu');
    await ui.visible(m);
    // Down from the first item, End to the last (Fit to window), Home back, Escape closes
    await ui.focused(m.getByRole('menuitem', { name: 'Add step here' }));
    await page.keyboard.press('End');
    await ui.focused(m.getByRole('menuitem', { name: 'Fit to window' }));
    await page.keyboard.press('Home');
    await ui.focused(m.getByRole('menuitem', { name: 'Add step here' }));
    await page.keyboard.press('Escape');
    await ui.count(anyMenu(), 0);
    // Ctrl+A selects every step
    await page.keyboard.press('Control+a');
    await ui.count(page.locator('.react-flow__node-step.selected'), 3);
  });

  test('near the bottom-right corner the menu opens up and to the left, inside the window; a click outside closes it', async () => {
    const { page } = suite;
    await openFixture();
    await page.getByRole('button', { name: 'Show inspector' }).click();
    await ui.count(page.locator('aside.side'), 0);
    const pane = (await page.locator('.react-flow').boundingBox())!;
    const mini = (await page.locator('.minimap').boundingBox())!;
    const at = { x: Math.round(mini.x - 6), y: Math.round(pane.y + pane.height - 4) };
    await rightClick(at);
    const m = menu('Canvas');
    await ui.visible(m);
    const box = (await m.boundingBox())!;
    const size = page.viewportSize()!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(size.width);
    expect(box.y + box.height).toBeLessThanOrEqual(size.height);
    expect(box.y + box.height).toBeLessThanOrEqual(at.y + 1);
    await m.getByRole('menuitem', { name: 'Add step here' }).hover();
    const sub = (await menu('Add step here').boundingBox())!;
    expect(sub.x + sub.width).toBeLessThanOrEqual(size.width);
    expect(sub.y + sub.height).toBeLessThanOrEqual(size.height);
    await suite.app.shot('menu-corner-en');
    await page.mouse.click(pane.x + 200, pane.y + 30);
    await ui.count(anyMenu(), 0);
    // a text field keeps the browser's own menu
    await watchContextMenu();
    await page.getByLabel('Map title').click({ button: 'right' });
    expect(await browserMenuPrevented()).toBe(false);
    await ui.count(anyMenu(), 0);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Show inspector' }).click();
  });

  test('in Russian: each menu reads in Russian (screenshots)', async () => {
    const { page } = suite;
    await openFixture('ru');
    await rightClick(await middle(node('s-2')));
    const step = menu('Шаг');
    await ui.visible(step);
    await step.getByRole('menuitem', { name: 'Отметить проблему' }).hover();
    await ui.visible(menu('Отметить проблему'));
    await suite.app.shot('menu-step-ru');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await ui.count(anyMenu(), 0);
    await rightClick(await middle(page.locator(`.react-flow__edge[data-id="${ids['f-12']}"] .react-flow__edge-interaction`)));
    await ui.visible(menu('Связь'));
    await suite.app.shot('menu-flow-ru');
    await page.keyboard.press('Escape');
    await rightClick(await middle(page.locator(`.lane-header[data-lane-id="${ids['r-h']}"]`)));
    await ui.visible(menu('Дорожка «Руководитель отдела»'));
    await suite.app.shot('menu-lane-ru');
    await page.keyboard.press('Escape');
    await rightClick(await middle(page.locator(`.phase-column[data-phase-id="${ids['p-q']}"] .phase-name`)));
    await ui.visible(menu('Этап «Квалификация»'));
    await suite.app.shot('menu-phase-ru');
    await page.keyboard.press('Escape');
    const pane = (await page.locator('.react-flow').boundingBox())!;
    const lanes = (await page.locator(`.lane[data-lane-id="${ids['r-h']}"]`).boundingBox())!;
    await rightClick({ x: Math.round(pane.x + pane.width / 2), y: Math.round(lanes.y + lanes.height + 40) });
    const canvas = menu('Холст');
    await ui.visible(canvas);
    await canvas.getByRole('menuitem', { name: 'Добавить шаг сюда' }).hover();
    await ui.visible(menu('Добавить шаг сюда'));
    await suite.app.shot('menu-canvas-ru');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await callApp(page, 'settings:set', { language: 'en' });
  });
});
