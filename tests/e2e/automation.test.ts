/**
 * Automation on steps and the optimisation figures (issue 17), in Russian: the Check tab reads the
 * share of work done by hand; marking a step automated with its system (suggested from the map's
 * resources) lowers the share and takes the step off the automation candidates; undo restores
 * both; a decision's share reorders the candidates; a KPI off target is listed and shows its phase.
 */
import type { Locator } from 'playwright-core';
import { expect, test } from 'vitest';
import { toLanemapJson } from '../../shared/export/lanemapJson';
import { CANDIDATES_SHOWN } from '../../src-renderer/optimise/automation/OptimiseFigures';
import { buildMap } from '../support/builders';
import { randomMap } from '../support/randomMaps';
import { callApp } from './harness';
import { appSuite } from './suite';
import { ui } from './ui';

const suite = appSuite({ seed: false });

/** Texts as a reader sees them (the number formatting puts no-break spaces before %). */
const plain = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');
const texts = (l: Locator, want: string[]) => ui.eventually(async () => (await l.allTextContents()).map(plain)).toEqual(want);
const contains = (l: Locator, want: string) => ui.eventually(async () => plain(await l.first().textContent())).toContain(want);

/** 470 minutes of work, all by hand; «Подготовить КП» sits in a rework loop, two branches after «Нужна скидка?». */
function salesMap() {
  const doc = buildMap({
    id: 'auto-map',
    title: 'Коммерческое предложение',
    roles: [
      { id: 'auto-m', name: 'Менеджер по продажам' },
      { id: 'auto-h', name: 'Руководитель отдела продаж' },
    ],
    phases: [
      { id: 'auto-p1', name: 'Предложение', order: 0 },
      { id: 'auto-p2', name: 'Сделка', order: 1 },
    ],
    steps: [
      { id: 'auto-s', role: 'auto-m', kind: 'start', title: 'Заявка поступила', phaseId: 'auto-p1', x: 0 },
      {
        id: 'auto-q',
        role: 'auto-m',
        title: 'Квалификация лида',
        phaseId: 'auto-p1',
        x: 200,
        duration: { value: 30, unit: 'min' },
        resources: ['CRM', 'Телефон'],
      },
      { id: 'auto-kp', role: 'auto-m', title: 'Подготовить КП', phaseId: 'auto-p1', x: 440, duration: { value: 2, unit: 'h' }, resources: ['1С', 'Почта'] },
      { id: 'auto-chk', role: 'auto-h', kind: 'decision', title: 'КП без ошибок?', phaseId: 'auto-p1', x: 680 },
      { id: 'auto-disc', role: 'auto-m', kind: 'decision', title: 'Нужна скидка?', phaseId: 'auto-p2', x: 0 },
      { id: 'auto-ok', role: 'auto-h', title: 'Согласовать скидку', phaseId: 'auto-p2', x: 240, duration: { value: 3, unit: 'h' } },
      { id: 'auto-ct', role: 'auto-m', title: 'Оформить договор', phaseId: 'auto-p2', x: 240, y: 160, duration: { value: 2, unit: 'h' } },
      { id: 'auto-inv', role: 'auto-m', title: 'Выставить счёт', phaseId: 'auto-p2', x: 480, duration: { value: 20, unit: 'min' } },
      { id: 'auto-e', role: 'auto-m', kind: 'end', title: 'Счёт отправлен', phaseId: 'auto-p2', x: 700 },
    ],
    flows: [
      { from: 'auto-s', to: 'auto-q' },
      { from: 'auto-q', to: 'auto-kp' },
      { from: 'auto-kp', to: 'auto-chk' },
      { from: 'auto-chk', to: 'auto-disc', label: 'да' },
      { from: 'auto-chk', to: 'auto-kp', label: 'нет' },
      { from: 'auto-disc', to: 'auto-ok', label: 'да' },
      { from: 'auto-disc', to: 'auto-ct', label: 'нет' },
      { from: 'auto-ok', to: 'auto-inv' },
      { from: 'auto-ct', to: 'auto-inv' },
      { from: 'auto-inv', to: 'auto-e' },
    ],
  });
  doc.phases['auto-p2']!.kpis = [{ id: 'auto-k1', name: 'Конверсия КП → сделка', unit: '%', target: 15, current: 12, better: 'higher' }];
  return doc;
}

test('the Check tab reads the manual share; marking a step automated with a suggested system lowers it and takes the step off the candidates; undo restores; a decision share reorders the candidates', async () => {
  const { page } = suite;
  await callApp(page, 'settings:set', { language: 'ru' });
  const summary = (await callApp(page, 'maps:import', { text: toLanemapJson(salesMap(), { exportedAt: '2026-11-30T09:00:00.000Z' }) })) as { id: string };
  await page.goto(`${suite.app.bridge.url}#map=${summary.id}`);
  await page.reload();
  await ui.count(page.locator('.react-flow__node-step'), 9);

  await page.getByRole('tab', { name: /Проверка/ }).click();
  const manual = page.getByRole('region', { name: 'Ручной труд' });
  const share = manual.locator('.manual-share');
  await texts(share, ['100 %']);
  const candidates = page.getByRole('region', { name: 'Кандидаты на автоматизацию' }).locator('.candidate-title');
  // the step in the rework loop (taken half the time) counts double: 2 ч × 2 leads
  await texts(candidates, ['Подготовить КП', 'Согласовать скидку', 'Оформить договор', 'Квалификация лида', 'Выставить счёт']);
  const first = page.getByRole('region', { name: 'Кандидаты на автоматизацию' }).locator('li').first();
  await contains(first, '×2 — в цикле');
  await contains(first, '4 ч на случай');
  await contains(page.getByRole('region', { name: 'Кандидаты на автоматизацию' }).locator('li', { hasText: 'Согласовать скидку' }), '×0,5 — ветка 50 %');
  // the phase KPI off target, in words
  const kpis = page.getByRole('region', { name: 'KPI не в цели' });
  await contains(kpis, 'Конверсия КП → сделка: 12 % при цели 15 %');
  await manual.getByText('Ручной труд по ролям').click();
  await suite.app.shot('automation-check-ru');
  await kpis.scrollIntoViewIfNeeded();
  await suite.app.shot('automation-check-ru-candidates');

  // a click on a candidate selects it on the canvas; in its inspector: automated, by 1С (suggested from its resources)
  await first.getByRole('button').click();
  await ui.visible(page.locator('.react-flow__node-step.selected', { hasText: 'Подготовить КП' }));
  await page.getByRole('tab', { name: 'Свойства' }).click();
  const inspector = page.locator('.inspector');
  const system = inspector.getByRole('combobox', { name: 'Система, которая выполняет шаг или помогает' });
  const suggested = await system.evaluate((el) => [...(el as HTMLInputElement).list!.options].map((o) => o.value));
  expect(suggested).toEqual(expect.arrayContaining(['1С', 'CRM', 'Почта', 'Телефон']));
  await inspector.getByRole('radio', { name: 'Автоматизирован', exact: true }).check();
  await system.fill('1С');
  await system.press('Enter');
  await suite.app.shot('automation-inspector-ru');

  await page.getByRole('tab', { name: /Проверка/ }).click();
  // 350 of 470 minutes by hand now
  await texts(share, ['74 %']);
  await texts(candidates, ['Согласовать скидку', 'Оформить договор', 'Квалификация лида', 'Выставить счёт']);
  await ui
    .eventually(async () => {
      const d = (await callApp(page, 'maps:get', { id: summary.id })) as { steps: Record<string, { title: string; automation?: string; system?: string }> };
      const kp = Object.values(d.steps).find((x) => x.title === 'Подготовить КП')!;
      return [kp.automation, kp.system];
    })
    .toEqual(['auto', '1С']);

  // undo (the system, then the level) gives the hand work back
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await texts(share, ['100 %']);
  await texts(candidates, ['Подготовить КП', 'Согласовать скидку', 'Оформить договор', 'Квалификация лида', 'Выставить счёт']);

  // most cases need no discount: the contract branch (80,5 %: 1 ч 37 мин per case) now outranks the discount (19,5 %: 35 мин)
  const edge = page.locator('.react-flow__edge[aria-label="Связь: «Нужна скидка?» → «Оформить договор» (нет)"]');
  await edge.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('tab', { name: 'Свойства' }).click();
  const shareField = page.getByRole('textbox', { name: 'Доля случаев, идущих по этой связи, в процентах' });
  await ui.visible(shareField);
  await contains(page.locator('.flow-share'), 'поровну от того, что оставляют другие ветки');
  await shareField.fill('120');
  await shareField.press('Enter');
  await ui.visible(page.getByRole('alert').filter({ hasText: 'Доля — число от 0 до 100.' }));
  await shareField.fill('80,5');
  await shareField.press('Enter');
  await contains(page.locator('.flow-share'), 'Ветки без указанной доли делят остаток поровну: по 19,5 %');
  await suite.app.shot('automation-flow-share-ru');
  await page.getByRole('tab', { name: /Проверка/ }).click();
  await texts(candidates, ['Подготовить КП', 'Оформить договор', 'Согласовать скидку', 'Квалификация лида', 'Выставить счёт']);
  await contains(page.getByRole('region', { name: 'Кандидаты на автоматизацию' }).locator('li', { hasText: 'Оформить договор' }), 'ветка 81 %');
  // emptying the field clears the share: back to an equal split
  await page.getByRole('tab', { name: 'Свойства' }).click();
  await shareField.fill('');
  await shareField.press('Enter');
  await page.getByRole('tab', { name: /Проверка/ }).click();
  await texts(candidates, ['Подготовить КП', 'Согласовать скидку', 'Оформить договор', 'Квалификация лида', 'Выставить счёт']);
});

test('a click on a KPI off target brings its phase’s column into view', async () => {
  const { page } = suite;
  await page.getByRole('tab', { name: /Проверка/ }).click();
  const kpi = page.getByRole('region', { name: 'KPI не в цели' }).getByRole('button', { name: /Конверсия КП → сделка/ });
  const flowPane = page.locator('.react-flow');
  const pane = (await flowPane.boundingBox())!;
  // drag the map far to the left, so the phase is out of view
  for (let i = 0; i < 3; i++) {
    await ui.drag(page, { x: pane.x + pane.width - 20, y: pane.y + pane.height - 20 }, { x: pane.x + 20, y: pane.y + pane.height - 20 });
  }
  await ui.settled(page);
  const phase = page.locator('.react-flow__node-phase', { hasText: 'Сделка' });
  const inView = async () => {
    const b = await phase.boundingBox();
    return !!b && b.x < pane.x + pane.width && b.x + b.width > pane.x;
  };
  expect(await inView()).toBe(false);
  await kpi.click();
  await ui.settled(page);
  await ui.eventually(inView).toBe(true);
  await suite.app.shot('automation-kpi-phase-ru');
});

test('a map of 450 steps (analysed in the worker) shows its manual share and the top candidates, all on request', async () => {
  const { page } = suite;
  await callApp(page, 'settings:set', { language: 'ru' });
  const doc = randomMap({ seed: 17, steps: 450, lanes: 6, phases: 5, loops: 0.05, decisions: 0.1 });
  doc.id = 'auto-big';
  doc.title = 'Большая карта';
  let i = 0;
  for (const s of Object.values(doc.steps)) {
    if (s.kind !== 'task') continue;
    s.duration = { value: 1, unit: 'h' };
    if (i++ % 4 === 0) s.automation = 'auto';
  }
  const summary = (await callApp(page, 'maps:import', { text: toLanemapJson(doc, { exportedAt: '2026-11-30T09:00:00.000Z' }) })) as { id: string };
  await page.goto(`${suite.app.bridge.url}#map=${summary.id}`);
  await page.reload();
  await ui.visible(page.locator('.react-flow__node-step'));
  await page.getByRole('tab', { name: /Проверка/ }).click({ timeout: 30_000 });
  const share = page.getByRole('region', { name: 'Ручной труд' }).locator('.manual-share');
  // a quarter of the timed tasks are automated
  await texts(share, ['75 %']);
  const region = page.getByRole('region', { name: 'Кандидаты на автоматизацию' });
  await ui.count(region.locator('li'), CANDIDATES_SHOWN);
  await region.getByRole('button', { name: /Показать все/ }).click();
  await ui.eventually(() => region.locator('li').count()).toBeGreaterThan(CANDIDATES_SHOWN * 10);
});
