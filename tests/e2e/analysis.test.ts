/**
 * Issue 10 in the editor, on the Russian full cycle: the figures strip and the Check tab's
 * figures follow a wait time typed in the inspector; the critical path lights up on the canvas;
 * the value-stream band lists the path's steps; a finding dismissed with a reason is listed as
 * dismissed, undone, kept after a reload; a rule switched off finds nothing; the toolbar's
 * counter and the canvas marks follow; an input marked as coming from an outside party is no
 * longer an unsourced input.
 */
import { expect, test } from 'vitest';
import { createMapRepository } from '../../src-main/storage/mapRepository';
import { randomMap } from '../support/randomMaps';
import { callApp } from './harness';
import { appSuite } from './suite';
import { ui } from './ui';

const suite = appSuite();
const STEP = 'Передать заказ на склад для сборки';
const INPUT = 'Подтверждение оплаты';

interface Doc {
  steps: Record<string, { id: string; title: string; wait?: { value: number; unit: string }; parties?: { item: string; party: string }[] }>;
  dismissed?: { reason: string; rule: string }[];
  rulesOff?: string[];
}
const stored = (id: string) => callApp(suite.page, 'maps:get', { id }) as Promise<Doc>;

let mapId = '';

/** Reads until `ok` holds (what storage holds lags the screen by a write), then returns what it read. */
async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  let last: T | undefined;
  await expect.poll(async () => ok((last = await read())), { timeout: 10_000, interval: 100 }).toBe(true);
  return last!;
}

test('the figures strip shows lead time and efficiency; a wait typed in the inspector changes them', async () => {
  const { page } = suite;
  await callApp(page, 'settings:set', { language: 'ru', authorName: 'Ольга' });
  const map = (await callApp(page, 'maps:createFromTemplate', { templateId: 'full-cycle.ru' })) as { id: string };
  mapId = map.id;
  await page.goto(`${suite.app.bridge.url}#map=${map.id}`);
  await page.reload();
  await ui.count(page.locator('.react-flow__node-phase'), 7);
  const strip = page.getByRole('region', { name: 'Показатели карты' });
  await ui.contains(strip, 'Время выполнения');
  await ui.contains(strip, 'Эффективность');
  const before = await strip.textContent();
  // a wait of 3 days before a step on the critical path makes the lead time longer
  await page.getByRole('button', { name: 'Критический путь' }).click();
  const onPath = page.locator('.react-flow__node-step .step.on-critical-path');
  await expect.poll(() => onPath.count()).toBeGreaterThan(3);
  expect(await page.locator('.react-flow__edge-path.on-critical-path').count()).toBeGreaterThan(2);
  const first = onPath.nth(2);
  const title = (await first.locator('.step-title').textContent())!;
  await first.click();
  await page.getByRole('tab', { name: 'Свойства' }).click();
  await page.getByRole('spinbutton', { name: 'Ожидание перед шагом' }).fill('3');
  await page.getByRole('combobox', { name: 'Единица ожидания' }).selectOption('d');
  await expect.poll(() => strip.textContent()).not.toBe(before);
  const doc = await until(() => stored(mapId), (d) => Object.values(d.steps).some((s) => s.title === title && s.wait?.value === 3));
  expect(Object.values(doc.steps).find((s) => s.title === title)!.wait).toEqual({ value: 3, unit: 'd' });
  await suite.app.shot('analysis-ru-critical-path');
});

test('the value-stream band shows the critical path, work high and wait low, and a click selects a step', async () => {
  const { page } = suite;
  await page.getByRole('button', { name: 'Поток ценности', exact: true }).click();
  const band = page.getByRole('region', { name: /Поток ценности критического пути/ });
  await ui.visible(band);
  const steps = band.locator('.vs-step');
  await expect.poll(() => steps.count()).toBeGreaterThan(3);
  await ui.contains(band, 'Время выполнения');
  await suite.app.shot('analysis-ru-value-stream');
  await steps.nth(1).click();
  await ui.count(page.locator('.react-flow__node-step.selected'), 1);
  await page.getByRole('button', { name: 'Поток ценности', exact: true }).click();
  await ui.count(band, 0);
});

test('a finding dismissed with a reason is listed as dismissed, undone with Ctrl+Z, and kept after a reload', async () => {
  const { page } = suite;
  const counter = page.getByRole('button', { name: /^Проверить карту/ });
  await counter.click();
  const panel = page.locator('.check-panel');
  await ui.visible(panel.getByRole('region', { name: 'Показатели' }));
  const group = panel.getByRole('region', { name: 'Входы ниоткуда' });
  const finding = group.locator('li', { hasText: STEP }).filter({ hasText: INPUT });
  await ui.count(finding, 1);
  // a reason is required
  await finding.getByRole('button', { name: `Отклонить замечание о «${STEP}»` }).click();
  await finding.getByRole('button', { name: 'Отклонить', exact: true }).click();
  await ui.visible(finding.getByRole('alert'));
  await finding.getByRole('textbox').fill('Оплату подтверждает бухгалтерия, её нет на карте <script>alert(1)</script>');
  await finding.getByRole('button', { name: 'Отклонить', exact: true }).click();
  const dismissed = panel.getByRole('region', { name: 'Отклонённые' });
  await ui.contains(dismissed, 'Оплату подтверждает бухгалтерия');
  await ui.contains(dismissed, '<script>alert(1)</script>');
  await ui.contains(dismissed, 'Ольга');
  await ui.count(group.locator('li', { hasText: STEP }).filter({ hasText: INPUT }), 0);
  await suite.app.shot('analysis-ru-dismissed');
  const d = await until(() => stored(mapId), (m) => (m.dismissed ?? []).length === 1);
  expect(d.dismissed![0]).toMatchObject({ rule: 'unsourced-input' });
  // undo brings the finding back, redo sets it aside again
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await ui.count(dismissed, 0);
  await page.keyboard.press('Control+Shift+z');
  await ui.visible(dismissed);
  await until(() => stored(mapId), (m) => (m.dismissed ?? []).length === 1);
  await page.reload();
  await page.getByRole('button', { name: /^Проверить карту/ }).click();
  await ui.contains(page.locator('.check-panel').getByRole('region', { name: 'Отклонённые' }), 'Оплату подтверждает бухгалтерия');
  // counting again
  await page
    .locator('.check-panel')
    .getByRole('button', { name: `Вернуть замечание о «${STEP}»` })
    .click();
  await ui.count(page.locator('.check-panel').getByRole('region', { name: 'Отклонённые' }), 0);
  await ui.count(page.locator('.check-panel li', { hasText: STEP }).filter({ hasText: INPUT }), 1);
});

test('a rule switched off for the map finds nothing until switched on; the toolbar counter follows', async () => {
  const { page } = suite;
  const panel = page.locator('.check-panel');
  const badge = page.getByRole('button', { name: /^Проверить карту/ }).locator('.tool-badge');
  // make a warning: a new task with no output and no flows
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.getByRole('button', { name: 'Добавить задачу' }).click();
  await ui.visible(badge);
  const withTask = Number(await badge.textContent());
  await page.getByRole('button', { name: /^Проверить карту/ }).click();
  const group = panel.getByRole('region', { name: 'Задачи без выхода' });
  await ui.visible(group);
  // the new step carries a mark on the canvas
  await ui.visible(page.locator('.react-flow__node-step.selected .check-marker'));
  await group.getByRole('button', { name: 'Отключить правило «Задачи без выхода» для этой карты' }).click();
  await ui.count(group, 0);
  await expect.poll(async () => Number((await badge.textContent()) ?? 0)).toBe(withTask - 1);
  const d = await until(() => stored(mapId), (m) => (m.rulesOff ?? []).includes('task-without-output'));
  expect(d.rulesOff).toEqual(['task-without-output']);
  await suite.app.shot('analysis-ru-rules');
  await panel.getByRole('checkbox', { name: /Задачи без выхода/ }).check();
  await ui.visible(group);
  await page.keyboard.press('Delete');
});

test('an input marked as coming from an outside party is sourced: its finding goes', async () => {
  const { page } = suite;
  const node = page.locator('.react-flow__node-step', { hasText: STEP });
  await node.click();
  await page.getByRole('tab', { name: 'Свойства' }).click();
  await page.getByRole('button', { name: `Указать, кто вне карты даёт «${INPUT}»` }).click();
  const field = page.getByRole('combobox', { name: `Внешний участник для «${INPUT}»` });
  await field.fill('Бухгалтерия');
  await field.press('Enter');
  await ui.visible(page.getByRole('button', { name: `Внешний участник для «${INPUT}»` }));
  await ui.contains(page.locator('.inspector'), 'от: Бухгалтерия');
  await suite.app.shot('analysis-ru-party');
  await page.getByRole('tab', { name: /Проверка/ }).click();
  await ui.count(page.locator('.check-panel li', { hasText: STEP }).filter({ hasText: INPUT }), 0);
  const doc = await until(() => stored(mapId), (m) => Object.values(m.steps).some((s) => s.parties?.some((p) => p.party === 'Бухгалтерия')));
  expect(Object.values(doc.steps).find((s) => s.title === STEP)!.parties).toEqual([{ kind: 'inputs', item: INPUT, party: 'Бухгалтерия' }]);
});

test('a big map (600 steps) is checked in the background: the Check tab fills in, and follows an edit', async () => {
  const { page } = suite;
  await callApp(page, 'settings:set', { language: 'ru' });
  const doc = randomMap({ seed: 11, steps: 600, lanes: 6, phases: 5, loops: 0.05, decisions: 0.1 });
  createMapRepository(suite.app.db).insert({ ...doc, id: 'big-map', title: 'Большая карта', createdAt: '2026-11-01T10:00:00.000Z', updatedAt: '2026-11-01T10:00:00.000Z' });
  await page.goto(`${suite.app.bridge.url}#map=big-map`);
  await page.reload();
  // a big map: the canvas draws the columns on screen; the phases panel lists them all
  await ui.visible(page.locator('.react-flow__node-phase'));
  await page.getByRole('tab', { name: /Проверка/ }).click();
  const panel = page.locator('.check-panel');
  await ui.visible(panel.getByRole('region', { name: 'Показатели' }));
  await ui.contains(panel, 'Время выполнения');
  const lanes = panel.getByRole('region', { name: 'Пустые дорожки' });
  await ui.count(lanes, 0);
  // a new lane with no steps: the worker's next answer lists it
  await page.getByRole('button', { name: 'Добавить дорожку' }).click();
  await ui.visible(lanes);
});
