/**
 * KPIs as a Russian-speaking user works with them (issue 17): a KPI on a phase from the Phases
 * panel shows a red badge on the phase header while off target, green once met, red again after
 * an undo; a KPI on a step from the inspector, typed with a decimal comma; a bad number refused
 * with a message; the automation mark on an automated step; the badges in the presentation and
 * in the exported SVG (with its key), which is also rendered and looked at.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { toLanemapJson } from '../../shared/export/lanemapJson';
import { buildMap } from '../support/builders';
import { callApp, SCREENSHOTS } from './harness';
import { appSuite } from './suite';
import { ui } from './ui';

const suite = appSuite();
const OUT = path.resolve('artifacts/exports');
const PHASE = 'Квалификация';
const STEP = 'Перезвонить по заявке';

/** A small Russian map with two phases and no KPIs; one step is done by the CRM. */
function fixture() {
  return buildMap({
    id: 'kpi-map',
    title: 'Обработка заявок',
    roles: [
      { id: 'r-m', name: 'Менеджер по продажам', color: '#2f80ed' },
      { id: 'r-h', name: 'Руководитель отдела', color: '#f2994a' },
    ],
    phases: [
      { id: 'p-q', name: PHASE, order: 0 },
      { id: 'p-d', name: 'Сделка', order: 1 },
    ],
    steps: [
      { id: 's-1', role: 'r-m', kind: 'start', title: 'Заявка поступила', x: 40, y: 50, phaseId: 'p-q' },
      { id: 's-2', role: 'r-m', title: STEP, x: 260, y: 40, phaseId: 'p-q' },
      { id: 's-3', role: 'r-h', title: 'Разослать коммерческое предложение', x: 40, y: 40, phaseId: 'p-d' },
      { id: 's-4', role: 'r-h', kind: 'end', title: 'Сделка закрыта', x: 320, y: 50, phaseId: 'p-d' },
    ],
    flows: [
      { from: 's-1', to: 's-2' },
      { from: 's-2', to: 's-3' },
      { from: 's-3', to: 's-4' },
    ],
  });
}

test('a phase KPI: red badge off target, green when met, red again after undo', async () => {
  const { page } = suite;
  await callApp(page, 'settings:set', { language: 'ru' });
  const doc = fixture();
  doc.steps['s-3']!.automation = 'auto';
  doc.steps['s-3']!.system = 'CRM';
  const map = (await callApp(page, 'maps:import', { text: toLanemapJson(doc, { exportedAt: new Date().toISOString() }) })) as { id: string };
  await page.goto(`${suite.app.bridge.url}#map=${map.id}`);
  await page.reload();
  await ui.count(page.locator('.react-flow__node-phase'), 2);
  await ui.count(page.locator('.kpi-badge'), 0);

  // the phase's KPI button in the Phases panel opens its editor
  await page.getByRole('button', { name: `KPI этапа «${PHASE}»` }).click();
  const dialog = page.getByRole('dialog', { name: `KPI этапа «${PHASE}»` });
  await ui.visible(dialog);
  await ui.contains(dialog, 'KPI пока нет.');
  await ui.focused(dialog.getByRole('button', { name: 'Добавить KPI' }));
  await page.keyboard.press('Enter');
  // the new KPI's name is focused and selected: typing replaces it
  const name = dialog.getByRole('textbox', { name: 'Название: KPI «Новый KPI»' });
  await ui.focused(name);
  await page.keyboard.type('Конверсия лид → сделка');
  await page.keyboard.press('Enter');
  const field = (f: string) => dialog.getByRole('textbox', { name: `${f}: KPI «Конверсия лид → сделка»` });
  await field('Цель').fill('15');
  await field('Сейчас').fill('12');
  // the unit: free text with suggestions (a combo box)
  const unit = dialog.getByRole('combobox', { name: 'Единица: KPI «Конверсия лид → сделка»' });
  await unit.fill('%');
  await unit.press('Enter');
  await ui.value(dialog.getByRole('combobox', { name: 'Лучше: KPI «Конверсия лид → сделка»' }), 'higher');
  await suite.app.shot('kpi-phase-editor-ru');
  await dialog.getByRole('button', { name: 'Готово' }).click();
  await ui.hidden(dialog);

  // the header shows it: red, a cross, the current value with its unit, and the whole KPI in words
  const header = page.locator('.react-flow__node-phase', { hasText: PHASE });
  const badge = header.locator('.kpi-badge');
  await ui.texts(badge, ['12 %']);
  await ui.eventually(() => badge.getAttribute('data-status')).toBe('missed');
  const headerButton = header.getByRole('button', { name: /^KPI этапа «Квалификация»:/ });
  expect(await headerButton.getAttribute('aria-label')).toBe(
    'KPI этапа «Квалификация»: Конверсия лид → сделка: 12 % (цель 15 %), цель не достигнута',
  );
  // the badge is inside the header and does not cover the phase's name
  const nameBox = (await header.locator('.phase-name').boundingBox())!;
  const badgeBox = (await headerButton.boundingBox())!;
  expect(badgeBox.x).toBeGreaterThanOrEqual(nameBox.x + nameBox.width - 0.5);
  await suite.app.shot('kpi-phase-badge-red-ru');

  // from the header badge: the current value becomes 16, the badge turns green
  await headerButton.click();
  await ui.visible(dialog);
  await field('Сейчас').fill('16');
  await field('Сейчас').press('Enter');
  await ui.eventually(() => badge.getAttribute('data-status')).toBe('met');
  await ui.texts(badge, ['16 %']);
  await page.keyboard.press('Escape');
  await ui.hidden(dialog);

  // undo brings the red badge back
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 400 } });
  await page.keyboard.press('Control+z');
  await ui.texts(badge, ['12 %']);
  await ui.eventually(() => badge.getAttribute('data-status')).toBe('missed');
});

test('a step KPI from the inspector, a decimal comma, a bad number refused, text kept as text', async () => {
  const { page } = suite;
  await page.locator('.react-flow__node-step', { hasText: STEP }).click();
  const inspector = page.locator('aside.inspector');
  await ui.contains(inspector, 'KPI пока нет.');
  await inspector.getByRole('button', { name: 'Добавить KPI' }).click();
  await ui.focused(inspector.getByRole('textbox', { name: 'Название: KPI «Новый KPI»' }));
  await page.keyboard.type('Время ответа на заявку');
  await page.keyboard.press('Tab');
  const field = (f: string) => inspector.getByRole('textbox', { name: `${f}: KPI «Время ответа на заявку»` });
  await field('Цель').fill('2');
  // a number Russians type: with a decimal comma
  await field('Сейчас').fill('1,5');
  const unit = inspector.getByRole('combobox', { name: 'Единица: KPI «Время ответа на заявку»' });
  await unit.fill('ч');
  await unit.press('Enter');
  const card = page.locator('.react-flow__node-step', { hasText: STEP });
  const badge = card.locator('.kpi-badge');
  await ui.texts(badge, ['1,5 ч']);
  // more is better by default: 1,5 h against 2 is off target; a response time is better lower
  await ui.eventually(() => badge.getAttribute('data-status')).toBe('missed');
  await inspector.getByRole('combobox', { name: 'Лучше: KPI «Время ответа на заявку»' }).selectOption('lower');
  await ui.eventually(() => badge.getAttribute('data-status')).toBe('met');
  expect(await card.getByRole('img', { name: /^KPI: Время ответа на заявку: 1,5 ч \(цель 2 ч\), цель достигнута$/ }).count()).toBe(1);

  // not a number: refused with a message, nothing changes
  await field('Цель').fill('два часа');
  await field('Цель').press('Enter');
  await ui.visible(inspector.getByRole('alert').filter({ hasText: 'Введите число, например 12,5' }));
  await suite.app.shot('kpi-step-bad-number-ru');
  await ui.eventually(() => badge.getAttribute('data-status')).toBe('met');
  await field('Цель').fill('2');
  await field('Цель').press('Enter');
  await ui.count(inspector.getByRole('alert'), 0);

  // a second KPI named like markup stays text
  await inspector.getByRole('button', { name: 'Добавить KPI' }).click();
  await page.keyboard.type('<script>alert(1)</script>');
  await page.keyboard.press('Enter');
  await ui.count(badge, 2);
  await ui.texts(badge, ['1,5 ч', '']);
  expect(await page.locator('script', { hasText: 'alert(1)' }).count()).toBe(0);
  await ui.eventually(() => card.getByRole('img', { name: /<script>alert\(1\)<\/script>: —, нет цели или значения/ }).count()).toBe(1);
  await suite.app.shot('kpi-step-inspector-ru');
  // ... and goes again
  await inspector.getByRole('button', { name: 'Удалить KPI «<script>alert(1)</script>»' }).click();
  await ui.count(badge, 1);

  // the automated step carries its mark, with the system in words
  const auto = page.locator('.react-flow__node-step', { hasText: 'Разослать коммерческое предложение' });
  await ui.visible(auto.getByRole('img', { name: 'Автоматизирован: CRM' }));
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 400 } });
  await suite.app.shot('kpi-canvas-ru');
  // at 100 %: readable, nothing covered
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  await ui.settled(page);
  await suite.app.shot('kpi-canvas-zoom-ru');
});

test('the badges in the presentation and in the exported SVG, with their key', async () => {
  const { page } = suite;
  // presentation: shown, not editable
  await page.getByRole('button', { name: 'Презентация' }).click();
  const pres = page.locator('.presentation');
  await ui.visible(pres);
  await ui.visible(pres.locator('.phase-kpis .kpi-badge[data-status="missed"]'));
  await ui.visible(pres.locator('.react-flow__node-step .kpi-badge[data-status="met"]'));
  expect(await pres.locator('button.phase-kpis').count()).toBe(0);
  await suite.app.shot('kpi-presentation-ru');
  // the step's card lists its KPIs in words
  await page.keyboard.press('ArrowRight');
  await ui.contains(pres.locator('.pres-kpis'), 'Время ответа на заявку: 1,5 ч (цель 2 ч), цель достигнута');
  await suite.app.shot('kpi-presentation-card-ru');
  await page.keyboard.press('Escape');
  await ui.hidden(pres);

  await page.getByRole('button', { name: 'Экспорт' }).click();
  const dialog = page.getByRole('dialog', { name: 'Экспорт карты' });
  await dialog.getByRole('radio', { name: /^SVG/ }).check();
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Экспортировать', exact: true }).click()]);
  fs.mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, 'kpi-ru.svg');
  await download.saveAs(file);
  const svg = fs.readFileSync(file, 'utf8');
  expect(svg).toMatch(/<g class="lm-kpi" data-status="missed"><title>Конверсия лид → сделка: 12 % \(цель 15 %\)<\/title>/);
  expect(svg).toMatch(/<g class="lm-kpi" data-status="met"><title>Время ответа на заявку: 1,5 ч \(цель 2 ч\)<\/title>/);
  expect(svg).toContain('<title>Автоматизированный шаг: CRM</title>');
  for (const words of ['Обозначения', 'KPI: цель достигнута', 'KPI: цель не достигнута', 'Автоматизированный шаг']) expect(svg).toContain(words);

  // looked at: the file as a browser shows it
  const [, w, h] = /<svg [^>]*width="(\d+)" height="(\d+)"/.exec(svg)!.map(Number);
  const view = await page.context().newPage();
  await view.setViewportSize({ width: Math.min(w!, 2000), height: Math.min(h!, 1400) });
  await view.goto(`file://${file}`);
  await view.screenshot({ path: path.join(SCREENSHOTS, 'kpi-export-svg-ru.png') });
  await view.close();
});

test('laid out top to bottom, the badges stay inside the phase header and clear of the card’s title', async () => {
  const { page } = suite;
  await page.getByRole('button', { name: 'Расположить сверху вниз' }).click();
  await ui.eventually(() => page.locator('.react-flow__node-phase .phase-column.is-down').count()).toBe(2);
  await ui.settled(page);
  const header = page.locator('.react-flow__node-phase', { hasText: PHASE }).locator('.phase-header');
  const badge = header.locator('.kpi-badge');
  await ui.texts(badge, ['12 %']);
  const h = (await header.boundingBox())!;
  const b = (await badge.boundingBox())!;
  expect(b.x >= h.x && b.x + b.width <= h.x + h.width + 0.5 && b.y >= h.y && b.y + b.height <= h.y + h.height + 0.5).toBe(true);
  const card = page.locator('.react-flow__node-step', { hasText: STEP });
  const title = (await card.locator('.step-title').boundingBox())!;
  const stepBadge = (await card.locator('.kpi-badge').boundingBox())!;
  expect(stepBadge.y).toBeGreaterThanOrEqual(title.y + title.height);
  await suite.app.shot('kpi-canvas-down-ru');
  await page.keyboard.press('Control+z');
});
