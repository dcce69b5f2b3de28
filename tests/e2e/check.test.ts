/**
 * The Check tab (issue 10, first part) on the Russian full sales cycle: the findings are listed
 * by rule with their explanation, a click selects the step and brings it into view, and fixing
 * the step makes the finding go; a new unconnected step shows problems on the tab's counter.
 */
import { expect, test } from 'vitest';
import { callApp } from './harness';
import { appSuite } from './suite';
import { ui } from './ui';

const suite = appSuite();
const STEP = 'Передать заказ на склад для сборки';

test('given the Russian full cycle, the Check tab lists its findings; a click shows the step; removing the input clears the finding', async () => {
  const { page } = suite;
  await callApp(page, 'settings:set', { language: 'ru' });
  const map = (await callApp(page, 'maps:createFromTemplate', { templateId: 'full-cycle.ru' })) as { id: string };
  await page.goto(`${suite.app.bridge.url}#map=${map.id}`);
  await page.reload();
  await ui.count(page.locator('.react-flow__node-phase'), 7);
  await page.getByRole('tab', { name: /Проверка/ }).click();
  const panel = page.locator('.check-panel');
  await ui.visible(panel.getByRole('region', { name: 'Входы ниоткуда' }));
  await ui.contains(panel, 'Ни один предыдущий шаг не создаёт этот вход.');
  await suite.app.shot('check-ru');
  // a click on the finding selects its step and brings it into view
  const finding = panel.locator('button.check-item', { hasText: STEP }).filter({ hasText: 'Подтверждение оплаты' });
  await finding.click();
  const node = page.locator('.react-flow__node-step.selected', { hasText: STEP });
  await ui.visible(node);
  const box = (await node.boundingBox())!;
  const pane = (await page.locator('.react-flow').boundingBox())!;
  expect(box.x >= pane.x && box.x + box.width <= pane.x + pane.width && box.y >= pane.y && box.y + box.height <= pane.y + pane.height).toBe(true);
  // fixing it: the step's input goes (Details tab), and the finding with it
  await page.getByRole('tab', { name: 'Свойства' }).click();
  await page.getByRole('button', { name: 'Удалить вход «Подтверждение оплаты»' }).click();
  await page.getByRole('tab', { name: /Проверка/ }).click();
  await ui.count(panel.locator('button.check-item', { hasText: STEP }).filter({ hasText: 'Подтверждение оплаты' }), 0);
});

test('a new step with no flows, output or duration: problems and warnings appear on the tab’s counter, and go with the step', async () => {
  const { page } = suite;
  const counter = page.getByRole('tab', { name: /Проверка/ }).locator('.tab-count');
  await ui.count(counter, 0);
  await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
  await page.getByRole('button', { name: 'Добавить задачу' }).click();
  await ui.visible(counter);
  const panel = page.locator('.check-panel');
  await page.getByRole('tab', { name: /Проверка/ }).click();
  await ui.visible(panel.getByRole('region', { name: 'Шаги без связей' }));
  await ui.visible(panel.getByRole('region', { name: 'Задачи без выхода' }));
  await suite.app.shot('check-ru-new-step');
  await page.keyboard.press('Delete');
  await ui.count(counter, 0);
  await ui.count(panel.getByRole('region', { name: 'Шаги без связей' }), 0);
});
