/**
 * The SWOT board (issue 17) as a Russian-speaking user works it: Alt+6 opens it with the
 * keyboard in the strengths field; three notes typed into two quadrants without the mouse; one
 * moved with Alt+→ and one dragged to another quadrant; a note linked to a step through the
 * picker, its chip showing the step selected on the map; undo and redo; Delete with undo;
 * a 10,000-character paste refused with a message and markup kept as text; the board stored
 * after a reload; the board as a presentation page (S) and as an exported SVG page.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Download } from 'playwright-core';
import { expect, test } from 'vitest';
import { toLanemapJson } from '../../shared/export/lanemapJson';
import type { MapDoc, SwotQuadrant } from '../../shared/model/types';
import { svgToPng } from '../../src-main/export/png';
import { salesMap } from '../support/builders';
import { svgTexts } from '../support/exportSvg';
import { LATIN_ALLOWED } from '../support/latinAllowed';
import { SCREENSHOTS, callApp } from './harness';
import { appSuite } from './suite';
import { ui } from './ui';

const suite = appSuite();
let mapId = '';

const quadrant = (q: SwotQuadrant) => suite.page.locator(`.swot-quadrant[data-quadrant="${q}"]`);
const notes = (q: SwotQuadrant) => quadrant(q).locator('.swot-note-text');
const note = (text: string) => suite.page.locator('.swot-note', { has: suite.page.locator('.swot-note-text', { hasText: text }) });
const stored = async () => ((await callApp(suite.page, 'maps:get', { id: mapId })) as MapDoc).swot ?? [];
const storedIn = async (q: SwotQuadrant) => (await stored()).filter((n) => n.quadrant === q).map((n) => n.text);

test('given a Russian map, Alt+6 opens the SWOT board and three notes are typed into two quadrants with the keyboard only', async () => {
  const { page } = suite;
  await callApp(page, 'settings:set', { language: 'ru' });
  const doc = salesMap('sw');
  mapId = ((await callApp(page, 'maps:import', { text: toLanemapJson(doc, { exportedAt: doc.updatedAt, app: 'test' }) })) as { id: string }).id;
  await page.goto(`${suite.app.bridge.url}#map=${mapId}`);
  await page.reload();
  await ui.count(page.locator('.react-flow__node-step'), 5);

  await page.keyboard.press('Alt+6');
  await ui.visible(page.getByRole('tab', { name: 'SWOT', selected: true }));
  // an empty quadrant says what belongs there
  await ui.contains(quadrant('threats'), 'Что может стоить продаж');
  const strengthsField = page.getByRole('textbox', { name: 'Новая заметка в «Сильные стороны»' });
  await ui.focused(strengthsField);
  await page.keyboard.type('Быстрый ответ на заявку');
  await page.keyboard.press('Enter');
  // the field stays for the next note
  await ui.focused(strengthsField);
  await ui.value(strengthsField, '');
  await page.keyboard.type('Долгое согласование скидок');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await ui.focused(page.getByRole('textbox', { name: 'Новая заметка в «Слабые стороны»' }));
  await page.keyboard.type('Автоматизировать расчёт КП в CRM');
  await page.keyboard.press('Enter');

  await ui.texts(notes('strengths'), ['Быстрый ответ на заявку', 'Долгое согласование скидок']);
  await ui.texts(notes('weaknesses'), ['Автоматизировать расчёт КП в CRM']);
  await ui.contains(page.locator('.mx-facts'), '3 заметки');
  await ui.eventually(() => storedIn('strengths')).toEqual(['Быстрый ответ на заявку', 'Долгое согласование скидок']);
  // every word of the board's own (texts, hints, labels, tips) is Russian: Latin only for key and product names
  const latin = await page.locator('.swot-view').evaluate((root) => {
    const copy = root.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('[translate="no"]').forEach((el) => el.remove());
    const attrs = [...copy.querySelectorAll('[placeholder], [aria-label], [title]')].flatMap((el) => ['placeholder', 'aria-label', 'title'].map((a) => el.getAttribute(a) ?? ''));
    return [copy.textContent ?? '', ...attrs].join(' ').match(/[A-Za-z][A-Za-z0-9]+/g) ?? [];
  });
  const allowed = new Set(LATIN_ALLOWED.map((w) => w.toLowerCase()));
  expect(latin.filter((w) => !allowed.has(w.toLowerCase()))).toEqual([]);
});

test('a note is moved to another quadrant with Alt+→, and another one dragged with the mouse', async () => {
  const { page } = suite;
  // back to the strengths field, ↑ onto its last note, Alt+→ into weaknesses
  await page.keyboard.press('Shift+Tab');
  await ui.focused(page.getByRole('textbox', { name: 'Новая заметка в «Сильные стороны»' }));
  await page.keyboard.press('ArrowUp');
  await ui.focused(note('Долгое согласование скидок'));
  await page.keyboard.press('Alt+ArrowRight');
  await ui.texts(notes('strengths'), ['Быстрый ответ на заявку']);
  await ui.texts(notes('weaknesses'), ['Автоматизировать расчёт КП в CRM', 'Долгое согласование скидок']);
  // the note keeps the keyboard in its new place
  await ui.focused(note('Долгое согласование скидок'));
  // Alt+↑ puts it first in its quadrant
  await page.keyboard.press('Alt+ArrowUp');
  await ui.texts(notes('weaknesses'), ['Долгое согласование скидок', 'Автоматизировать расчёт КП в CRM']);

  // the idea is an opportunity rather than a weakness: dragged there
  await note('Автоматизировать расчёт КП в CRM').dragTo(quadrant('opportunities').locator('.swot-hint'));
  await ui.texts(notes('opportunities'), ['Автоматизировать расчёт КП в CRM']);
  await ui.texts(notes('weaknesses'), ['Долгое согласование скидок']);
  await ui.eventually(() => storedIn('opportunities')).toEqual(['Автоматизировать расчёт КП в CRM']);
  await ui.eventually(() => storedIn('weaknesses')).toEqual(['Долгое согласование скидок']);
});

test('a note is linked to a step through the picker; its chip shows the step selected on the map', async () => {
  const { page } = suite;
  await note('Долгое согласование скидок').focus();
  await page.keyboard.press('l');
  const picker = page.getByRole('dialog', { name: 'Шаги, о которых эта заметка' });
  await ui.visible(picker);
  await page.keyboard.type('скидк');
  await ui.texts(picker.getByRole('option'), ['Согласование скидкиРуководитель отдела продаж']);
  await page.keyboard.press('Enter');
  await ui.count(picker.getByRole('option', { selected: true }), 1);
  await page.keyboard.press('Escape');
  await ui.hidden(picker);
  await ui.focused(note('Долгое согласование скидок'));
  const chip = note('Долгое согласование скидок').getByRole('button', { name: 'Показать «Согласование скидки» на карте' });
  await ui.visible(chip);
  // stored: the note is about that step (the import gave the steps ids of their own)
  await ui
    .eventually(async () => {
      const doc = (await callApp(page, 'maps:get', { id: mapId })) as MapDoc;
      return doc.swot?.find((n) => n.text === 'Долгое согласование скидок')?.stepIds.map((id) => doc.steps[id]?.title);
    })
    .toEqual(['Согласование скидки']);
  await suite.app.shot('swot-view-ru');

  await chip.click();
  await ui.visible(page.getByRole('tab', { name: 'Карта', selected: true }));
  const node = page.locator('.react-flow__node-step.selected', { hasText: 'Согласование скидки' });
  await ui.visible(node);
  await ui.count(page.locator('.react-flow__node-step.selected'), 1);
  await ui.settled(page);
  const box = (await node.boundingBox())!;
  const pane = (await page.locator('.react-flow').boundingBox())!;
  expect(box.x >= pane.x && box.x + box.width <= pane.x + pane.width && box.y >= pane.y && box.y + box.height <= pane.y + pane.height).toBe(true);
});

test('undo and redo take back and bring back the link, the drag and a deleted note', async () => {
  const { page } = suite;
  await page.keyboard.press('Alt+6');
  const target = note('Долгое согласование скидок');
  await ui.visible(target);
  await target.focus();
  await page.keyboard.press('ControlOrMeta+z');
  await ui.count(target.locator('.swot-chip'), 0);
  await page.keyboard.press('ControlOrMeta+z');
  await ui.texts(notes('weaknesses'), ['Долгое согласование скидок', 'Автоматизировать расчёт КП в CRM']);
  await ui.count(notes('opportunities'), 0);
  await page.keyboard.press('ControlOrMeta+Shift+z');
  await page.keyboard.press('ControlOrMeta+Shift+z');
  await ui.texts(notes('opportunities'), ['Автоматизировать расчёт КП в CRM']);
  await ui.count(target.locator('.swot-chip'), 1);

  // Delete removes the note with the keyboard; undo brings it back
  await note('Быстрый ответ на заявку').focus();
  await page.keyboard.press('Delete');
  await ui.count(notes('strengths'), 0);
  await ui.contains(quadrant('strengths'), 'Что в продажах получается хорошо');
  await page.keyboard.press('ControlOrMeta+z');
  await ui.texts(notes('strengths'), ['Быстрый ответ на заявку']);
});

test('a note is edited in place; markup is kept as text, and a 10,000-character paste is refused with a message', async () => {
  const { page } = suite;
  await note('Быстрый ответ на заявку').focus();
  await page.keyboard.press('F2');
  const editor = page.getByRole('textbox', { name: 'Изменить заметку' });
  await ui.focused(editor);
  await page.keyboard.press('End');
  await page.keyboard.type(' — за 15 минут');
  await page.keyboard.press('Escape');
  // Esc cancels
  await ui.texts(notes('strengths'), ['Быстрый ответ на заявку']);
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await page.keyboard.type(' — за 15 минут');
  await page.keyboard.press('Enter');
  await ui.texts(notes('strengths'), ['Быстрый ответ на заявку — за 15 минут']);

  const threats = page.getByRole('textbox', { name: 'Новая заметка в «Угрозы»' });
  await threats.fill('<script>alert(1)</script> Демпинг конкурентов');
  await threats.press('Enter');
  await ui.texts(notes('threats'), ['<script>alert(1)</script> Демпинг конкурентов']);
  await threats.fill('я'.repeat(10_000));
  await threats.press('Enter');
  const alert = quadrant('threats').getByRole('alert');
  await ui.contains(alert, 'Заметка не длиннее 500 символов, а в этой 10');
  // the number as Russian writes it, with a (no-break) space between thousands
  expect((await alert.textContent())!.replace(/\s/g, ' ')).toContain('10 000. Сократите её.');
  await ui.count(notes('threats'), 1);
  await threats.fill('');
  await ui.count(quadrant('threats').getByRole('alert'), 0);
});

test('after a reload the board is as it was left, in the view last shown', async () => {
  const { page } = suite;
  await ui.eventually(async () => (await stored()).length).toBe(4);
  await page.reload();
  await ui.visible(page.getByRole('tab', { name: 'SWOT', selected: true }));
  await ui.texts(notes('strengths'), ['Быстрый ответ на заявку — за 15 минут']);
  await ui.texts(notes('weaknesses'), ['Долгое согласование скидок']);
  await ui.texts(notes('opportunities'), ['Автоматизировать расчёт КП в CRM']);
  await ui.texts(notes('threats'), ['<script>alert(1)</script> Демпинг конкурентов']);
  await ui.visible(note('Долгое согласование скидок').getByRole('button', { name: 'Показать «Согласование скидки» на карте' }));
});

test('in a presentation, S shows the board as a page and S goes back to the step', async () => {
  const { page } = suite;
  await page.locator('.swot-view h2').click();
  await page.keyboard.press('F5');
  const show = page.getByRole('dialog', { name: /Презентация/ });
  await ui.visible(show);
  await page.keyboard.press('s');
  const board = show.getByRole('region', { name: 'SWOT-доска: Воронка продаж: от заявки до сделки' });
  await ui.visible(board);
  await ui.contains(board.locator('[data-quadrant="opportunities"]'), 'Автоматизировать расчёт КП в CRM');
  await ui.contains(board.locator('[data-quadrant="weaknesses"]'), 'Согласование скидки');
  await suite.app.shot('swot-presentation-ru');
  // the walk waits under the board: → does not move it
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('s');
  await ui.hidden(board);
  await ui.contains(show.locator('.pres-progress'), 'Шаг 1 из 5');
  await page.keyboard.press('Escape');
  await ui.hidden(show);
});

test('«Экспорт SVG» saves the board as a page of its own, named after the map', async () => {
  const { page } = suite;
  const [d] = await Promise.all<[Promise<Download>, Promise<void>]>([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Экспорт SVG', exact: true }).click(),
  ]);
  expect(d.suggestedFilename()).toBe('Воронка продаж_ от заявки до сделки — SWOT.svg');
  const file = path.join(path.resolve('artifacts/exports'), d.suggestedFilename());
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await d.saveAs(file);
  const svg = fs.readFileSync(file, 'utf8');
  const texts = svgTexts(svg);
  for (const t of ['Сильные стороны', 'Угрозы', 'Автоматизировать расчёт КП в CRM', '<script>alert(1)</script> Демпинг конкурентов', 'Шаги: Согласование скидки'])
    expect(texts).toContain(t);
  const size = { width: Number(svg.match(/width="(\d+)"/)![1]), height: Number(svg.match(/height="(\d+)"/)![1]) };
  fs.writeFileSync(path.join(SCREENSHOTS, 'swot-export-ru.png'), svgToPng(svg, size, { scale: 1 }).png);
  await ui.contains(page.locator('.notice-info'), 'Сохранено');

  const [p] = await Promise.all<[Promise<Download>, Promise<void>]>([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Экспорт PNG', exact: true }).click(),
  ]);
  expect(p.suggestedFilename()).toBe('Воронка продаж_ от заявки до сделки — SWOT.png');
});
