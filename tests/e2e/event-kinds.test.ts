/**
 * The BPMN-like kinds as a person uses them (issue 11): a parallel split/join and an event added
 * from the toolbar and the keyboard, a timer set in the inspector, an event that sends, a flow
 * marked as a message between parties; each undone and redone; drawn on the canvas (DOM), stored
 * (maps:get), in Russian too, and in the SVG the export dialog makes (drawn to PNG with resvg).
 */
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, test } from 'vitest';
import { toLanemapJson } from '../../shared/export/lanemapJson';
import type { MapDoc } from '../../shared/model/types';
import { svgToPng } from '../../src-main/export/png';
import { buildMap } from '../support/builders';
import { squash, svgTexts } from '../support/exportSvg';
import { callApp, SCREENSHOTS } from './harness';
import { appSuite } from './suite';
import { ui } from './ui';

const suite = appSuite();
let mapId = '';
const stored = async () => (await callApp(suite.page, 'maps:get', { id: mapId })) as MapDoc;
const idOf = async (title: string) => Object.values((await stored()).steps).find((s) => s.title === title)!.id;
const storedKinds = async () =>
  Object.values((await stored()).steps)
    .map((s) => s.kind)
    .sort();
const node = (title: string) => suite.page.locator('.react-flow__node-step', { hasText: title });
const undo = () => suite.page.keyboard.press('Control+z');
const redo = () => suite.page.keyboard.press('Control+Shift+z');

describe('parallel splits, events and message flows', () => {
  test('opens a small map', async () => {
    const { page } = suite;
    const doc = buildMap({
      title: 'Коммерческое предложение',
      roles: [
        { id: 'r-m', name: 'Менеджер', color: '#2f80ed' },
        { id: 'r-c', name: 'Клиент', color: '#27ae60' },
      ],
      steps: [
        { id: 's', role: 'r-m', kind: 'start', title: 'Заявка клиента', x: 40, y: 50 },
        { id: 'send', role: 'r-m', title: 'Отправить КП', x: 320, y: 40 },
        { id: 'e', role: 'r-m', kind: 'end', title: 'Сделка', x: 700, y: 50 },
      ],
      flows: [
        { from: 's', to: 'send' },
        { from: 'send', to: 'e' },
      ],
    });
    const map = (await callApp(page, 'maps:import', { text: toLanemapJson(doc, { exportedAt: new Date().toISOString() }) })) as { id: string };
    mapId = map.id;
    await page.goto(`${suite.app.bridge.url}#map=${map.id}`);
    await page.reload();
    await ui.count(page.locator('.react-flow__node-step'), 3);
    await ui.settled(page);
  });

  test('an event from the toolbar goes after the selected step; its timer is set in the inspector; undo and redo each', async () => {
    const { page } = suite;
    await node('Отправить КП').click();
    const add = page.getByRole('button', { name: 'Add an event (something awaited or sent)' });
    expect(await add.getAttribute('title')).toContain('(E)');
    await add.click();
    const title = page.getByLabel('Step title');
    await ui.focused(title);
    await title.fill('Ответ клиента');
    await title.press('Tab');
    await ui.visible(node('Ответ клиента').locator('.step-event'));
    await ui.eventually(storedKinds).toEqual(['end', 'event', 'start', 'task']);
    // it went between the step and its next one
    const ev = async () => Object.values((await stored()).steps).find((s) => s.kind === 'event')!;
    const evId = (await ev()).id;
    const sendId = await idOf('Отправить КП');
    await ui.eventually(async () => Object.values((await stored()).flows).some((f) => f.fromStepId === sendId && f.toStepId === evId)).toBe(true);

    // what it waits for: a timer
    const trigger = page.getByRole('combobox', { name: 'What it waits for' });
    await trigger.selectOption('timer');
    await ui.visible(node('Ответ клиента').locator('.step-trigger[data-trigger="timer"]'));
    await ui.eventually(async () => (await ev()).trigger).toBe('timer');
    expect(await node('Ответ клиента').locator('.step-trigger').getAttribute('aria-label')).toBe('Waits for: Timer');
    await undo();
    await ui.count(node('Ответ клиента').locator('.step-trigger'), 0);
    await ui.eventually(async () => (await ev()).trigger).toBeUndefined();
    await redo();
    await ui.visible(node('Ответ клиента').locator('.step-trigger[data-trigger="timer"]'));
    await ui.eventually(async () => (await ev()).trigger).toBe('timer');

    // it sends instead of waiting: the marker is filled
    await page.getByRole('combobox', { name: 'Waits or sends' }).selectOption('sends');
    await ui.visible(node('Ответ клиента').locator('.step-trigger.is-throwing'));
    await ui.eventually(async () => (await ev()).throwing).toBe(true);
    await undo();
    await ui.count(node('Ответ клиента').locator('.step-trigger.is-throwing'), 0);
    await ui.eventually(async () => (await ev()).throwing).toBeUndefined();

    // the whole event undone (its trigger, its title, the step) and redone
    await page.locator('.react-flow__pane').click({ position: { x: 30, y: 400 } });
    await undo();
    await undo();
    await ui.count(page.locator('.step-event'), 1);
    await undo();
    await ui.count(page.locator('.step-event'), 0);
    await ui.eventually(storedKinds).toEqual(['end', 'start', 'task']);
    await redo();
    await redo();
    await redo();
    await ui.visible(node('Ответ клиента').locator('.step-trigger[data-trigger="timer"]'));
    await ui.eventually(async () => (await ev()).trigger).toBe('timer');
  });

  test('G adds a parallel split after the selected step: a diamond with a plus; undo and redo', async () => {
    const { page } = suite;
    await node('Заявка клиента').click();
    await page.keyboard.press('g');
    await ui.count(page.locator('.step-parallel'), 1);
    await ui.visible(page.locator('.step-parallel .parallel-plus'));
    await ui.eventually(storedKinds).toEqual(['end', 'event', 'parallel', 'start', 'task']);
    // untitled, it shows only its plus (no "Untitled step")
    await ui.count(page.locator('.step-parallel .step-title'), 0);
    // the inspector says what it means
    await ui.visible(page.getByText('All branches after it run'));
    await page.locator('.react-flow__pane').click({ position: { x: 30, y: 400 } });
    await undo();
    await ui.count(page.locator('.step-parallel'), 0);
    await ui.eventually(storedKinds).toEqual(['end', 'event', 'start', 'task']);
    await redo();
    await ui.count(page.locator('.step-parallel'), 1);
    await ui.eventually(storedKinds).toEqual(['end', 'event', 'parallel', 'start', 'task']);
    // titled, it keeps its plus above the title
    await page.locator('.step-parallel').click();
    const title = page.getByLabel('Step title');
    await title.fill('Документы готовы');
    await title.press('Tab');
    await ui.texts(page.locator('.step-parallel .step-title'), ['Документы готовы']);
    await ui.visible(page.locator('.step-parallel .parallel-plus'));
    await ui.eventually(async () => Object.values((await stored()).steps).find((s) => s.kind === 'parallel')?.title).toBe('Документы готовы');
    // the toolbar button does the same and says its key
    expect(await page.getByRole('button', { name: 'Add a parallel split / join (all branches run)' }).getAttribute('title')).toContain('(G)');
  });

  test('a flow marked as a message between parties is dashed; undo and redo', async () => {
    const { page } = suite;
    const doc = await stored();
    const ev = Object.values(doc.steps).find((s) => s.kind === 'event')!;
    const sendId = await idOf('Отправить КП');
    const flow = Object.values(doc.flows).find((f) => f.fromStepId === sendId && f.toStepId === ev.id)!;
    await page.locator(`.react-flow__edge[data-id="${flow.id}"]`).click({ force: true });
    const box = page.getByRole('checkbox', { name: 'Message between parties' });
    await box.check();
    const dashed = page.locator(`.react-flow__edge[data-id="${flow.id}"] .react-flow__edge-path.is-message`);
    await ui.count(dashed, 1);
    expect(await dashed.evaluate((el) => getComputedStyle(el).strokeDasharray)).not.toBe('none');
    expect(await dashed.getAttribute('marker-start')).toMatch(/^url\(#flow-message-start-/);
    await ui.eventually(async () => (await stored()).flows[flow.id]!.message).toBe(true);
    await undo();
    await ui.count(dashed, 0);
    await ui.eventually(async () => (await stored()).flows[flow.id]!.message).toBeUndefined();
    await redo();
    await ui.count(dashed, 1);
    await ui.eventually(async () => (await stored()).flows[flow.id]!.message).toBe(true);
    await page.keyboard.press('Escape');
    await ui.settled(page);
    await suite.app.shot('event-kinds-canvas-en');
  });

  test('the export dialog’s SVG draws them, and resvg draws the SVG', async () => {
    const { page } = suite;
    await page.getByRole('button', { name: 'Export' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export the map' });
    await dialog.getByRole('radio', { name: /^SVG/ }).check();
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export', exact: true }).click()]);
    const file = path.join(SCREENSHOTS, 'event-kinds-export.svg');
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await download.saveAs(file);
    await ui.hidden(dialog);
    const svg = fs.readFileSync(file, 'utf8');
    expect(XMLValidator.validate(svg)).toBe(true);
    const tree = JSON.stringify(new XMLParser({ ignoreAttributes: false }).parse(svg));
    expect(tree).toContain('lm-parallel-plus');
    expect(tree).toContain('lm-inner-ring');
    expect(tree).toContain('"@_data-trigger":"timer"');
    expect(tree).toContain('lm-message');
    expect(svgTexts(svg).map(squash)).toContain(squash('Ответ клиента'));
    const { width, height } = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(svg).svg as { width: string; height: string };
    const png = svgToPng(svg, { width: Number(width), height: Number(height) }, { scale: 2 });
    fs.writeFileSync(path.join(SCREENSHOTS, 'event-kinds-export.png'), png.png);
    expect(png.width).toBe(Number(width) * 2);
  });

  test('in Russian: the toolbar, the inspector and the marker read in Russian', async () => {
    const { page } = suite;
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('dialog', { name: 'Settings' }).getByLabel('Interface language').selectOption('ru');
    await page.keyboard.press('Escape');
    const add = page.getByRole('button', { name: 'Добавить событие (чего ждут или что отправляют)' });
    await ui.visible(add);
    expect(await add.getAttribute('title')).toContain('(E)');
    await ui.visible(page.getByRole('button', { name: 'Добавить параллельное ветвление или слияние (идут все ветви)' }));
    expect(await node('Ответ клиента').locator('.step-trigger').getAttribute('aria-label')).toBe('Ожидает: Таймер');
    await node('Ответ клиента').click();
    await ui.visible(page.getByRole('combobox', { name: 'Чего ожидает' }));
    await ui.visible(page.getByRole('combobox', { name: 'Ожидает или отправляет' }));
    await suite.app.shot('event-kinds-inspector-ru');
    // the two new buttons still leave the whole toolbar on a 1280 px screen, in Russian
    await page.setViewportSize({ width: 1280, height: 800 });
    const outside = await page.locator('.toolbar button').evaluateAll(
      (buttons) =>
        buttons.filter((b) => {
          const r = b.getBoundingClientRect();
          return r.width > 0 && (r.right > window.innerWidth || r.left < 0);
        }).length,
    );
    expect(outside).toBe(0);
    await suite.app.shot('event-kinds-toolbar-ru-1280');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.keyboard.press('Escape');
    await ui.settled(page);
    await suite.app.shot('event-kinds-canvas-ru');
  });
});
