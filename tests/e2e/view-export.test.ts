/**
 * Exporting a view as a person does it (issue 10, part 3), on the Russian full sales cycle:
 * open the Table view, click «Экспорт XLSX», and the downloaded workbook — named after the map
 * and the view — reads back (with exceljs) as the view's sheet, header frozen, in Russian; CSV
 * likewise from the RACI view; a failure is said in Russian and the buttons work again.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Download } from 'playwright-core';
import { expect, test } from 'vitest';
import { CSV_BOM } from '../../shared/export/csv';
import type { MapDoc } from '../../shared/model/types';
import { sheetCsv } from '../../shared/views/csv';
import { viewSheet } from '../../shared/views/sheets';
import { excelSheetName } from '../../src-main/export/xlsx';
import { expectedCells, readXlsx } from '../support/readXlsx';
import { callApp } from './harness';
import { appSuite } from './suite';
import { ui } from './ui';

const suite = appSuite();
const OUT = path.resolve('artifacts/exports');
let mapId = '';

/** Clicks a button and returns the file the browser downloaded, saved under artifacts/exports. */
async function download(button: string): Promise<{ file: string; name: string }> {
  const { page } = suite;
  const [d] = await Promise.all<[Promise<Download>, Promise<void>]>([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  fs.mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, d.suggestedFilename());
  await d.saveAs(file);
  return { file, name: d.suggestedFilename() };
}

/** The map as stored now (the editor has written its edits by the time a toast says the file is saved). */
async function storedMap(): Promise<MapDoc> {
  return (await callApp(suite.page, 'maps:get', { id: mapId })) as MapDoc;
}

test('given the Russian full cycle, when the Table view is exported to XLSX, then the workbook is that view in Russian, header frozen, named after the map', async () => {
  const { page } = suite;
  await callApp(page, 'settings:set', { language: 'ru' });
  mapId = ((await callApp(page, 'maps:createFromTemplate', { templateId: 'full-cycle.ru' })) as { id: string }).id;
  await page.goto(`${suite.app.bridge.url}#map=${mapId}`);
  await page.reload();
  await ui.count(page.locator('.react-flow__node-phase'), 7);
  await page.getByRole('tab', { name: 'Таблица' }).click();
  await ui.visible(page.getByRole('button', { name: 'Экспорт XLSX' }));
  await suite.app.shot('view-export-ru');

  const { file, name } = await download('Экспорт XLSX');
  // «:» cannot be in a file name; the Cyrillic title and the view's name are kept
  expect(name).toBe('Отдел продаж_ полный цикл — Таблица.xlsx');
  await ui.contains(page.locator('.notice-info'), `Сохранено: ${name}.`);
  const want = viewSheet(await storedMap(), 'table', 'ru');
  const book = await readXlsx(fs.readFileSync(file));
  expect(book).toHaveLength(1);
  const { headers, rows } = expectedCells(want);
  expect(book[0]).toMatchObject({ name: excelSheetName(want.name, new Set()), headers, rows, headerFrozen: true, formulas: [] });
});

test('given the RACI view, when exported to CSV, then the file is that view with a byte order mark and CRLF, named after the map and view', async () => {
  const { page } = suite;
  await page.getByRole('tab', { name: 'RACI' }).click();
  const { file, name } = await download('Экспорт CSV');
  expect(name).toBe('Отдел продаж_ полный цикл — RACI.csv');
  const text = fs.readFileSync(file, 'utf8');
  expect(text.startsWith(CSV_BOM)).toBe(true);
  expect(text).toBe(sheetCsv(viewSheet(await storedMap(), 'raci', 'ru')));
});

test('given the backend fails to write the workbook, then a message in Russian says so, and the next try works', async () => {
  const { page } = suite;
  await page.getByRole('tab', { name: 'Таблица' }).click();
  await page.route('**/api/views:xlsx', (route) =>
    route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ ok: false, error: { code: 'internal', message: 'boom' } }) }),
  );
  await page.getByRole('button', { name: 'Экспорт XLSX', exact: true }).click();
  const alert = page.locator('.notice-error');
  await ui.contains(alert, 'Экспорт не удался');
  expect(await alert.textContent()).not.toContain('boom');
  await suite.app.shot('view-export-failed-ru');
  await page.unroute('**/api/views:xlsx');
  // the button is usable again and the file comes
  const { file } = await download('Экспорт XLSX');
  expect((await readXlsx(fs.readFileSync(file))).length).toBe(1);
});

test('the buttons are reachable by keyboard and say what they do', async () => {
  const { page } = suite;
  const csv = page.getByRole('button', { name: 'Экспорт CSV', exact: true });
  await csv.focus();
  await page.keyboard.press('Tab');
  await ui.focused(page.getByRole('button', { name: 'Экспорт XLSX', exact: true }));
  expect(await csv.getAttribute('title')).toMatch(/CSV/);
  // Enter on the focused button exports like a click
  const [d] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(d.suggestedFilename()).toMatch(/— Таблица\.xlsx$/);
});

test('given a saved version on screen, then its view is exported, the version named in the file, and the map is not changed', async () => {
  const { page } = suite;
  const before = await storedMap();
  await callApp(page, 'versions:save', { mapId, name: 'Согласовано', note: '', author: '', kind: 'manual' });
  // opened on the map, where the banner says a version is on screen
  await page.getByRole('tab', { name: 'Карта' }).click();
  await page.getByRole('tab', { name: 'Версии' }).click();
  await page.getByRole('button', { name: 'Открыть «Согласовано» только для просмотра' }).click();
  await ui.visible(page.getByRole('button', { name: 'Вернуться к текущей карте' }));
  await page.getByRole('tab', { name: 'Таблица' }).click();
  const { file, name } = await download('Экспорт XLSX');
  expect(name).toBe('Отдел продаж_ полный цикл — Таблица — Согласовано.xlsx');
  const want = expectedCells(viewSheet(before, 'table', 'ru'));
  expect((await readXlsx(fs.readFileSync(file)))[0]).toMatchObject({ headers: want.headers, rows: want.rows });
  expect((await storedMap()).updatedAt).toBe(before.updatedAt);
  await page.getByRole('tab', { name: 'Карта' }).click();
  await page.getByRole('button', { name: 'Вернуться к текущей карте' }).click();
});
