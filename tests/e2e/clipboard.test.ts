/**
 * Issue 13, clipboard: copy, paste (same map, another map, another window), duplicate, cut,
 * insert into a flow (drop, Ctrl+Enter), heal on delete, re-attach a flow by its end. What a
 * user notices is checked: the stored map, what is selected, where the steps are drawn.
 */
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { toLanemapJson } from '../../shared/export/lanemapJson';
import type { MapDoc } from '../../shared/model/types';
import { buildMap } from '../support/builders';
import { callApp } from './harness';
import { appSuite } from './suite';
import { ui } from './ui';

const suite = appSuite({ seed: false });
let mapA = '';
let mapB = '';

function fixtureA(): MapDoc {
  return buildMap({
    id: 'clip-a',
    title: 'Продажи: буфер обмена',
    roles: [
      { id: 'a-mgr', name: 'Менеджер' },
      { id: 'a-cli', name: 'Клиент' },
      { id: 'a-acc', name: 'Бухгалтерия' },
    ],
    steps: [
      { id: 'a1', role: 'a-mgr', title: 'Позвонить клиенту', x: 40, y: 40 },
      { id: 'a2', role: 'a-cli', title: 'Согласовать условия', x: 300, y: 40, kind: 'decision' },
      { id: 'a3', role: 'a-acc', title: 'Выставить счёт', x: 560, y: 40 },
      { id: 'd', role: 'a-mgr', title: 'Первый шаг', x: 820, y: 40 },
      { id: 'e', role: 'a-mgr', title: 'Второй шаг', x: 1080, y: 40 },
      { id: 'f', role: 'a-mgr', title: 'Третий шаг', x: 1340, y: 40 },
      { id: 'h', role: 'a-cli', title: 'Получить заявку', x: 820, y: 40 },
      { id: 'i', role: 'a-cli', title: 'Ответить клиенту', x: 1340, y: 40 },
      { id: 'g', role: 'a-acc', title: 'Свободный шаг', x: 1080, y: 40 },
    ],
    flows: [
      { id: 'f-a1a2', from: 'a1', to: 'a2' },
      { id: 'f-a2a3', from: 'a2', to: 'a3', label: 'Да' },
      { id: 'f-de', from: 'd', to: 'e' },
      { id: 'f-ef', from: 'e', to: 'f', label: 'готово' },
      { id: 'f-hi', from: 'h', to: 'i', label: 'Нет' },
    ],
  });
}

const stored = async (page: Page, id: string) => (await callApp(page, 'maps:get', { id })) as MapDoc;
const titled = (doc: MapDoc, title: string) => Object.values(doc.steps).filter((s) => s.title === title);
const pairs = (doc: MapDoc) =>
  Object.values(doc.flows)
    .map((f) => `${doc.steps[f.fromStepId]?.title}>${doc.steps[f.toStepId]?.title}${f.label ? `:${f.label}` : ''}`)
    .sort();
const idOf = (doc: MapDoc, title: string) => titled(doc, title)[0]!.id;
const roleOf = (doc: MapDoc, name: string) => Object.values(doc.roles).find((r) => r.name === name)!.id;
/** The id of the flow between the steps titled `from` and `to` (the import gives new ids). */
const flowOf = (doc: MapDoc, from: string, to: string) => Object.values(doc.flows).find((f) => doc.steps[f.fromStepId]?.title === from && doc.steps[f.toStepId]?.title === to)!.id;
const node = (page: Page, title: string) => page.locator('.react-flow__node-step', { hasText: title });
const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

async function open(page: Page, id: string) {
  await page.goto(`${suite.app.bridge.url}#map=${id}`);
  await page.reload();
  await ui.visible(page.locator('.react-flow__node-step').first());
  await page.keyboard.press('0');
  await ui.settled(page);
}
/** The pointer off the canvas (over the toolbar): a paste goes next to the copied steps. */
const pointerAway = (page: Page) => page.mouse.move(700, 20);

async function select(page: Page, titles: string[]) {
  await node(page, titles[0]!).click();
  for (const t of titles.slice(1)) await node(page, t).click({ modifiers: ['Shift'] });
  await ui.count(page.locator('.react-flow__node-step.selected'), titles.length);
}
async function box(page: Page, title: string) {
  const b = await node(page, title).first().boundingBox();
  if (!b) throw new Error(`${title} is not drawn`);
  return b;
}

test('copy three connected steps in a Russian map and paste them in the same map: offset, selected, one undo removes them', async () => {
  const { page } = suite;
  await callApp(page, 'settings:set', { language: 'ru' });
  mapA = ((await callApp(page, 'maps:import', { text: toLanemapJson(fixtureA(), { exportedAt: '2026-11-30T09:00:00.000Z' }) })) as { id: string }).id;
  await open(page, mapA);
  await ui.count(page.locator('.react-flow__node-step'), 9);
  const before = await stored(page, mapA);
  await select(page, ['Позвонить клиенту', 'Согласовать условия', 'Выставить счёт']);
  await pointerAway(page);
  await page.keyboard.press(`${mod}+c`);
  await page.keyboard.press(`${mod}+v`);
  await ui.eventually(async () => titled(await stored(page, mapA), 'Позвонить клиенту').length).toBe(2);
  const doc = await stored(page, mapA);
  const [orig, copy] = titled(doc, 'Согласовать условия').sort((p, q) => p.x - q.x);
  expect(copy!.id).not.toBe(orig!.id);
  expect(copy).toMatchObject({ kind: 'decision', roleId: orig!.roleId, x: orig!.x + 40, y: orig!.y + 40 });
  // the flows among them came along, the label too; nothing joins copies and originals
  expect(pairs(doc).filter((p) => p === 'Согласовать условия>Выставить счёт:Да')).toHaveLength(2);
  expect(pairs(doc).filter((p) => p === 'Позвонить клиенту>Согласовать условия')).toHaveLength(2);
  // the pasted steps are the selection
  const pasted = new Set(Object.keys(doc.steps).filter((id) => !before.steps[id]));
  expect(pasted.size).toBe(3);
  const selected = await page.locator('.react-flow__node-step.selected').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
  expect(new Set(selected)).toEqual(pasted);
  // a second paste goes 40 further, not onto the first copies
  await page.keyboard.press(`${mod}+v`);
  await ui.eventually(async () => titled(await stored(page, mapA), 'Выставить счёт').map((s) => s.x).sort((p, q) => p - q)).toEqual([560, 600, 640]);
  await page.screenshot({ path: 'artifacts/screenshots/clipboard-paste-same-map-ru.png' });
  await page.keyboard.press(`${mod}+z`);
  await page.keyboard.press(`${mod}+z`);
  await ui.eventually(async () => Object.keys((await stored(page, mapA)).steps).length).toBe(9);
  await ui.count(page.locator('.react-flow__node-step'), 9);
});

test('another map: lanes matched by name (any case), the missing ones created with a notice; the clipboard survives a reload', async () => {
  const { page } = suite;
  const b = buildMap({ id: 'clip-b', title: 'Другая карта', roles: [{ id: 'b-mgr', name: 'МЕНЕДЖЕР' }, { id: 'b-wh', name: 'Склад' }], steps: [{ id: 'b1', role: 'b-wh', title: 'Отгрузить товар', x: 40, y: 40 }] });
  mapB = ((await callApp(page, 'maps:import', { text: toLanemapJson(b, { exportedAt: '2026-11-30T09:00:00.000Z' }) })) as { id: string }).id;
  // a reload forgets the window's own copy: what is pasted comes from the system clipboard
  await open(page, mapB);
  await pointerAway(page);
  await page.keyboard.press(`${mod}+v`);
  await ui.eventually(async () => Object.keys((await stored(page, mapB)).steps).length).toBe(4);
  const doc = await stored(page, mapB);
  const lanes = Object.values(doc.roles).map((r) => r.name);
  expect(lanes.sort()).toEqual(['Бухгалтерия', 'Клиент', 'МЕНЕДЖЕР', 'Склад'].sort());
  expect(titled(doc, 'Позвонить клиенту')[0]!.roleId).toBe(roleOf(doc, 'МЕНЕДЖЕР'));
  expect(pairs(doc)).toEqual(['Позвонить клиенту>Согласовать условия', 'Согласовать условия>Выставить счёт:Да']);
  const notice = page.getByRole('status').or(page.locator('.notice')).filter({ hasText: 'созданы дорожки' });
  await ui.contains(notice.first(), '«Клиент», «Бухгалтерия»');
  await ui.count(page.locator('.lane-name'), 4);
  await page.screenshot({ path: 'artifacts/screenshots/clipboard-paste-other-map-ru.png' });
});

test('Ctrl+D duplicates the selection next to itself; one undo takes it back', async () => {
  const { page } = suite;
  await pointerAway(page);
  await ui.count(page.locator('.react-flow__node-step.selected'), 3);
  await page.keyboard.press(`${mod}+d`);
  await ui.eventually(async () => Object.keys((await stored(page, mapB)).steps).length).toBe(7);
  const doc = await stored(page, mapB);
  const xs = titled(doc, 'Выставить счёт').map((s) => s.x).sort((p, q) => p - q);
  expect(xs[1]! - xs[0]!).toBe(40);
  await ui.count(page.locator('.react-flow__node-step.selected'), 3);
  await page.keyboard.press(`${mod}+z`);
  await ui.eventually(async () => Object.keys((await stored(page, mapB)).steps).length).toBe(4);
});

test('cut, then paste under the pointer: the step goes to the lane under the pointer, where the pointer is', async () => {
  const { page } = suite;
  await open(page, mapA);
  await select(page, ['Выставить счёт']);
  await page.keyboard.press(`${mod}+x`);
  await ui.count(node(page, 'Выставить счёт'), 0);
  // cut heals too: a decision's "Да" had nowhere to go (the step was the end), so it is simply gone
  await ui.eventually(async () => pairs(await stored(page, mapA))).not.toContain('Согласовать условия>Выставить счёт:Да');
  // the pointer over the «Клиент» lane, right of «Согласовать условия»
  const lane = await page.locator('.lane').nth(1).boundingBox();
  const decision = await box(page, 'Согласовать условия');
  const at = { x: decision.x + decision.width + 150, y: lane!.y + lane!.height / 2 };
  await page.mouse.move(at.x, at.y);
  await page.keyboard.press(`${mod}+v`);
  await ui.count(node(page, 'Выставить счёт'), 1);
  const doc = await stored(page, mapA);
  expect(titled(doc, 'Выставить счёт')[0]!.roleId).toBe(roleOf(doc, 'Клиент'));
  const placed = await box(page, 'Выставить счёт');
  expect(Math.abs(placed.x + placed.width / 2 - at.x)).toBeLessThan(20);
  expect(Math.abs(placed.y + placed.height / 2 - at.y)).toBeLessThan(20);
  await page.screenshot({ path: 'artifacts/screenshots/clipboard-cut-paste-under-pointer-ru.png' });
});

test('two windows share the clipboard: copied in one, pasted in the other', async () => {
  const { page } = suite;
  const context = page.context();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(suite.app.bridge.url).origin });
  const second = await context.newPage();
  await second.goto(`${suite.app.bridge.url}#map=${mapB}`);
  await ui.visible(second.locator('.react-flow__node-step').first());
  await select(page, ['Первый шаг', 'Второй шаг']);
  await pointerAway(page);
  await page.keyboard.press(`${mod}+c`);
  await second.bringToFront();
  await second.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await second.mouse.move(700, 20);
  await second.keyboard.press(`${mod}+v`);
  await ui.eventually(async () => titled(await stored(page, mapB), 'Второй шаг').length).toBe(1);
  expect(pairs(await stored(page, mapB))).toContain('Первый шаг>Второй шаг');
  await second.screenshot({ path: 'artifacts/screenshots/clipboard-second-window-ru.png' });
  await second.close();
  await page.bringToFront();
});

/** The middle of flow `flowId` on screen. */
async function flowMiddle(page: Page, flowId: string) {
  return page.locator(`.react-flow__edge[data-id="${flowId}"] path.react-flow__edge-path`).evaluate((el) => {
    const path = el as SVGPathElement;
    const p = path.getPointAtLength(path.getTotalLength() / 2);
    const m = path.getScreenCTM()!;
    return { x: p.x * m.a + p.y * m.c + m.e, y: p.x * m.b + p.y * m.d + m.f };
  });
}

test('a step without flows dropped on a flow goes into it; the flow is highlighted before the drop; the label stays on the first part', async () => {
  const { page } = suite;
  await page.keyboard.press('Escape');
  const g = await box(page, 'Свободный шаг');
  const from = { x: g.x + g.width / 2, y: g.y + g.height / 2 };
  const hi = flowOf(await stored(page, mapA), 'Получить заявку', 'Ответить клиенту');
  const to = await flowMiddle(page, hi);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 4, from.y + 1);
  await page.mouse.move(to.x, to.y, { steps: 10 });
  await ui.count(page.locator(`.react-flow__edge[data-id="${hi}"] .react-flow__edge-path.is-drop-target`), 1);
  await page.screenshot({ path: 'artifacts/screenshots/clipboard-drop-on-flow-highlight-ru.png' });
  await page.mouse.up();
  await ui.eventually(async () => pairs(await stored(page, mapA))).toContain('Свободный шаг>Ответить клиенту');
  const doc = await stored(page, mapA);
  expect(pairs(doc)).toContain('Получить заявку>Свободный шаг:Нет');
  expect(pairs(doc)).not.toContain('Получить заявку>Ответить клиенту:Нет');
  expect(titled(doc, 'Свободный шаг')[0]!.roleId).toBe(roleOf(doc, 'Клиент'));
  await ui.count(page.locator('.is-drop-target'), 0);
  // one undo puts it back where it was, without flows
  await page.keyboard.press(`${mod}+z`);
  await ui.eventually(async () => pairs(await stored(page, mapA))).toContain('Получить заявку>Ответить клиенту:Нет');
  const undone = await stored(page, mapA);
  expect(titled(undone, 'Свободный шаг')[0]!.roleId).toBe(roleOf(undone, 'Бухгалтерия'));
});

test('Ctrl+Enter on a step with a next step inserts the new step between them', async () => {
  const { page } = suite;
  const start = await stored(page, mapA);
  const d = idOf(start, 'Первый шаг');
  const e = idOf(start, 'Второй шаг');
  await select(page, ['Первый шаг']);
  await page.keyboard.press(`${mod}+Enter`);
  await ui.eventually(async () => Object.values((await stored(page, mapA)).flows).find((f) => f.fromStepId === d)?.toStepId).not.toBe(e);
  const doc = await stored(page, mapA);
  const inserted = Object.values(doc.flows).find((f) => f.fromStepId === d)!.toStepId;
  expect(Object.values(doc.flows).some((f) => f.fromStepId === inserted && f.toStepId === e)).toBe(true);
  // «Второй шаг» and «Третий шаг» moved right to make room
  expect(doc.steps[e]!.x).toBeGreaterThan(doc.steps[inserted]!.x);
  await page.screenshot({ path: 'artifacts/screenshots/clipboard-insert-between-ru.png' });
  await page.keyboard.press('Escape');
  await page.keyboard.press(`${mod}+z`);
  await ui.eventually(async () => Object.values((await stored(page, mapA)).flows).find((f) => f.fromStepId === d)?.toStepId).toBe(e);
});

test('Delete heals a -> b -> c into a -> c and keeps the label; Shift+Delete does not', async () => {
  const { page } = suite;
  await select(page, ['Второй шаг']);
  await page.keyboard.press('Delete');
  await ui.eventually(async () => pairs(await stored(page, mapA))).toContain('Первый шаг>Третий шаг:готово');
  await ui.visible(page.locator('.flow-label', { hasText: 'готово' }));
  await page.screenshot({ path: 'artifacts/screenshots/clipboard-heal-ru.png' });
  await page.keyboard.press(`${mod}+z`);
  await ui.eventually(async () => pairs(await stored(page, mapA))).toContain('Второй шаг>Третий шаг:готово');
  await select(page, ['Второй шаг']);
  await page.keyboard.press('Shift+Delete');
  await ui.count(node(page, 'Второй шаг'), 0);
  await ui.eventually(async () => pairs(await stored(page, mapA)).filter((p) => p.startsWith('Первый шаг>'))).toEqual([]);
  await page.keyboard.press(`${mod}+z`);
  await ui.count(node(page, 'Второй шаг'), 1);
});

test('dragging the end of a flow to another step re-attaches it (one undo)', async () => {
  const { page } = suite;
  // select the flow «Получить заявку» -> «Ответить клиенту», then drag its arrow end onto «Третий шаг»
  const start = await stored(page, mapA);
  const hi = flowOf(start, 'Получить заявку', 'Ответить клиенту');
  await page.locator(`.react-flow__edge[data-id="${hi}"]`).click({ force: true });
  await ui.count(page.locator('.react-flow__edge.selected'), 1);
  const target = await box(page, 'Ответить клиенту');
  const end = { x: target.x - 9, y: target.y + target.height / 2 };
  const other = await box(page, 'Третий шаг');
  // dropped on the other step's way in (its left handle)
  await ui.drag(page, end, { x: other.x + 1, y: other.y + other.height / 2 });
  await ui.eventually(async () => (await stored(page, mapA)).flows[hi]?.toStepId).toBe(idOf(start, 'Третий шаг'));
  // the label went with it
  expect((await stored(page, mapA)).flows[hi]!.label).toBe('Нет');
  await page.screenshot({ path: 'artifacts/screenshots/clipboard-reattach-ru.png' });
  await page.keyboard.press(`${mod}+z`);
  await ui.eventually(async () => (await stored(page, mapA)).flows[hi]?.toStepId).toBe(idOf(start, 'Ответить клиенту'));
});

test('the shortcut sheet lists the clipboard keys in both languages', async () => {
  const { page } = suite;
  await page.keyboard.press('Escape');
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog');
  await ui.contains(sheet, 'Копировать выбранные шаги');
  await ui.contains(sheet, 'Shift+Delete');
  await page.screenshot({ path: 'artifacts/screenshots/clipboard-shortcuts-ru.png' });
  await page.keyboard.press('Escape');
  await callApp(page, 'settings:set', { language: 'en' });
  await open(page, mapA);
  await page.keyboard.press('?');
  await ui.contains(page.getByRole('dialog'), 'Duplicate the selected steps');
  await page.screenshot({ path: 'artifacts/screenshots/clipboard-shortcuts-en.png' });
  await page.keyboard.press('Escape');
});
