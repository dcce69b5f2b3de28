/**
 * Lean wastes as pain points (issue 17), in Russian: the Pain points tab lists the eight wastes
 * under their own heading with what each means; a click marks the selected step (one vote), the
 * mark is listed with its kind, drawn on the step while the overlay is on, stored, undone with
 * Ctrl+Z; an old kind (bottleneck) still works beside them.
 */
import { expect, test } from 'vitest';
import { toLanemapJson } from '../../shared/export/lanemapJson';
import type { MapDoc } from '../../shared/model/types';
import { buildMap } from '../support/builders';
import { callApp } from './harness';
import { appSuite } from './suite';
import { ui } from './ui';

const suite = appSuite({ seed: false });

function offerMap() {
  return buildMap({
    id: 'waste-map',
    title: 'Согласование скидки',
    roles: [
      { id: 'w-m', name: 'Менеджер по продажам' },
      { id: 'w-h', name: 'Руководитель отдела продаж' },
    ],
    steps: [
      { id: 'w-s', role: 'w-m', kind: 'start', title: 'Клиент просит скидку', x: 0 },
      { id: 'w-ask', role: 'w-m', title: 'Запросить согласование скидки', x: 240, duration: { value: 15, unit: 'min' } },
      { id: 'w-ok', role: 'w-h', title: 'Согласовать скидку', x: 480, duration: { value: 1, unit: 'h' } },
      { id: 'w-e', role: 'w-m', kind: 'end', title: 'Скидка согласована', x: 720 },
    ],
    flows: [
      { from: 'w-s', to: 'w-ask' },
      { from: 'w-ask', to: 'w-ok' },
      { from: 'w-ok', to: 'w-e' },
    ],
  });
}

test('mark a step with a Lean waste: explained, listed, drawn with the overlay, stored, undone', async () => {
  const { page } = suite;
  await callApp(page, 'settings:set', { language: 'ru' });
  const summary = (await callApp(page, 'maps:import', { text: toLanemapJson(offerMap(), { exportedAt: '2026-11-30T09:00:00.000Z' }) })) as { id: string };
  await page.goto(`${suite.app.bridge.url}#map=${summary.id}`);
  await page.reload();
  const step = page.locator('.react-flow__node-step', { hasText: 'Согласовать скидку' });
  await ui.visible(step);
  const stored = async () => Object.values(((await callApp(page, 'maps:get', { id: summary.id })) as MapDoc).painPoints).map((p) => `${p.kind}:${p.votes}`);

  await step.click();
  const side = page.locator('aside.side');
  await side.getByRole('tab', { name: 'Проблемы', exact: true }).click();
  await ui.visible(side.getByRole('heading', { name: 'Бережливое производство: восемь потерь' }));
  const kinds = side.locator('.pain-kind-group').nth(1).locator('.pain-kind-vote > span:first-of-type');
  await ui.texts(kinds, [
    'Ожидание',
    'Переделки, брак',
    'Лишняя обработка',
    'Передачи, лишние движения',
    'Очереди, запасы',
    'Перепроизводство',
    'Транспортировка',
    'Неиспользованный потенциал',
  ]);
  // what a waste means: on the button (hover, screen reader) and in the list that opens
  const waiting = side.locator('.pain-kind-vote[data-kind="waiting"]');
  expect(await waiting.getAttribute('title')).toContain('ждём согласования');
  await side.getByText('Что это за потери?').click();
  await ui.visible(side.getByText('Навыки и идеи людей не используются', { exact: false }));
  await suite.app.shot('lean-wastes-panel-ru');

  // one click, one vote; a second waste and an old kind beside it
  await waiting.click();
  await waiting.click();
  await side.locator('.pain-kind-vote[data-kind="talent"]').click();
  await side.locator('.pain-kind-vote[data-kind="bottleneck"]').click();
  await ui.contains(waiting, '2 голоса');
  await ui
    .eventually(async () => {
      const listed = (await side.locator('.pain-list .pain-item-kind').allTextContents()).map((x) => x.trim());
      // most votes first; the two single votes in either order
      return [listed[0], ...listed.slice(1).sort()];
    })
    .toEqual(['Ожидание', 'Неиспользованный потенциал', 'Узкое место']);
  await ui.eventually(async () => (await stored()).sort()).toEqual(['bottleneck:1', 'talent:1', 'waiting:2']);

  // the overlay draws the waste's mark on the step
  await side.getByRole('checkbox', { name: /Показать на карте/ }).check();
  await ui.visible(step.locator('.pain-mark.pain-waiting'));
  await suite.app.shot('lean-wastes-canvas-ru');

  // undo takes the last vote back, then the waste
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await ui.eventually(async () => (await stored()).sort()).toEqual(['waiting:2']);
});
