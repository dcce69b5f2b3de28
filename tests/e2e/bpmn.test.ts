/**
 * BPMN 2.0 in the app (issue 11) as a person uses it: a .bpmn file picked with "Import map…" or
 * dropped on the window shows "Reading…" while the backend reads it, then a summary of what
 * became what, and "Open map" opens the map with its lanes and steps; a map exported as BPMN from
 * the export dialog downloads a file the BPMN XSDs accept (xmllint) naming its lanes; an XML file
 * that is not BPMN is refused with a clear message and adds nothing. Both languages, looked at.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Route } from 'playwright-core';
import { expect, test } from 'vitest';
import { describeProblem } from '../../shared/interop/bpmn/summaryText';
import type { MapDoc } from '../../shared/model/types';
import { createMapRepository } from '../../src-main/storage/mapRepository';
import { NOT_BPMN_XML, SALE_BPMN, SALE_BPMN_LANES, SALE_BPMN_TASKS } from '../support/bpmnFixtures';
import { callApp } from './harness';
import { appSuite } from './suite';
import { ui } from './ui';

const suite = appSuite();
const OUT = path.resolve('artifacts/exports/bpmn');
fs.mkdirSync(OUT, { recursive: true });
const saleFile = path.join(OUT, 'Коммерческое предложение.bpmn');
fs.writeFileSync(saleFile, SALE_BPMN);
const TITLE = 'Коммерческое предложение';

const titles = () =>
  createMapRepository(suite.app.db)
    .list()
    .map((m) => m.title)
    .sort();

test('a .bpmn file picked in the library: "Reading…" while it is read, the summary, then Open map shows its lanes and steps', async () => {
  const { page } = suite;
  await ui.visible(page.locator('.map-card'));
  const before = titles().length;
  // the answer is held back until the progress dialog has been seen (a large file's read)
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const hold = async (route: Route) => {
    await held;
    await route.continue();
  };
  await page.route('**/api/maps:importBpmn', hold);
  await page.getByLabel('Import a Lanemap file').setInputFiles(saleFile);
  const reading = page.getByRole('dialog', { name: `Reading “${path.basename(saleFile)}”…` });
  await ui.visible(reading);
  await suite.app.shot('bpmn-import-reading-en');
  release();
  await ui.hidden(reading);
  await page.unroute('**/api/maps:importBpmn', hold);

  const summary = page.getByRole('dialog', { name: 'Imported from BPMN' });
  await ui.visible(summary);
  await ui.contains(summary, `“${TITLE}” is in the library now.`);
  await ui.visible(summary.getByRole('heading', { name: 'What became what' }));
  await ui.visible(summary.getByRole('heading', { name: 'What Lanemap could not keep, and why' }));
  expect(await summary.getByRole('listitem').count()).toBeGreaterThan(2);
  await suite.app.shot('bpmn-import-summary-en');
  // the library lists the new map behind the dialog
  expect(titles()).toContain(TITLE);
  expect(titles()).toHaveLength(before + 1);
  await ui.visible(page.locator('.map-card', { hasText: TITLE }));

  await summary.getByRole('button', { name: 'Open map' }).click();
  await ui.hidden(summary);
  await ui.count(page.locator('.react-flow__node-step'), 6);
  const id = createMapRepository(suite.app.db).list().find((m) => m.title === TITLE)!.id;
  const doc = (await callApp(page, 'maps:get', { id })) as MapDoc;
  expect(Object.values(doc.roles).sort((a, b) => a.order - b.order).map((r) => r.name)).toEqual(SALE_BPMN_LANES);
  expect(Object.values(doc.steps).filter((s) => s.kind === 'task').map((s) => s.title).sort()).toEqual([...SALE_BPMN_TASKS].sort());
  expect(Object.keys(doc.flows)).toHaveLength(5);
  for (const name of [...SALE_BPMN_LANES, ...SALE_BPMN_TASKS]) await ui.visible(page.getByText(name, { exact: true }));
  await suite.app.shot('bpmn-imported-map-en');
});

test('exported as BPMN from the dialog: the note on what BPMN keeps, the options, a file the XSDs accept with the lanes named', async () => {
  const { page } = suite;
  await page.getByRole('button', { name: 'Export' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export the map' });
  await dialog.getByRole('radio', { name: /^BPMN 2\.0/ }).check();
  await ui.contains(dialog, 'BPMN keeps the lanes, steps, decisions');
  await dialog.getByRole('checkbox', { name: 'Inputs and outputs as BPMN data objects' }).check();
  // no step opens another map: the hierarchy has nothing to add, and says so
  await expect(dialog.getByRole('checkbox', { name: /Include linked sub-process maps/ }).isDisabled()).resolves.toBe(true);
  await ui.visible(dialog.getByText('.bpmn', { exact: true }));
  await suite.app.shot('bpmn-export-dialog-en');
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export', exact: true }).click()]);
  expect(download.suggestedFilename()).toBe(`${TITLE}.bpmn`);
  const file = path.join(OUT, 'exported.bpmn');
  await download.saveAs(file);
  await ui.hidden(dialog);
  const text = fs.readFileSync(file, 'utf8');
  expect(text).toMatch(/<(bpmn:)?definitions\b/);
  for (const name of SALE_BPMN_LANES) expect(text).toContain(name);
  const xsd = spawnSync('xmllint', ['--noout', '--schema', 'node_modules/bpmn-moddle/resources/bpmn/xsd/BPMN20.xsd', file], { encoding: 'utf8' });
  expect(xsd.stderr).toContain('validates');
});

test('the whole hierarchy from the dialog: the landscape and the maps its steps open, each a process in one file', async () => {
  const { page } = suite;
  const landscape = (await callApp(page, 'maps:createFromTemplate', { templateId: 'process-landscape.ru' })) as MapDoc;
  const linked = Object.values(landscape.steps).filter((s) => s.linkedMapId);
  expect(linked.length).toBeGreaterThan(1);
  const linkedTitles = await Promise.all(linked.map(async (s) => ((await callApp(page, 'maps:get', { id: s.linkedMapId })) as MapDoc).title));
  await page.evaluate((id) => (window.location.hash = `map=${encodeURIComponent(id)}`), landscape.id);
  await page.reload();
  await ui.visible(page.locator('.react-flow__node-step').first());
  await page.getByRole('button', { name: 'Export' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export the map' });
  await dialog.getByRole('radio', { name: /^BPMN 2\.0/ }).check();
  await dialog.getByRole('checkbox', { name: /Include linked sub-process maps/ }).check();
  await suite.app.shot('bpmn-export-hierarchy-en');
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export', exact: true }).click()]);
  const file = path.join(OUT, 'hierarchy.bpmn');
  await download.saveAs(file);
  await ui.visible(page.getByRole('status').filter({ hasText: `With ${linkedTitles.length} linked maps.` }));
  const text = fs.readFileSync(file, 'utf8');
  // a process per map, each named
  expect(text.match(/<(bpmn:)?process\b/g)?.length).toBe(1 + linkedTitles.length);
  for (const title of [landscape.title, ...linkedTitles]) expect(text).toContain(title);
  const xsd = spawnSync('xmllint', ['--noout', '--schema', 'node_modules/bpmn-moddle/resources/bpmn/xsd/BPMN20.xsd', file], { encoding: 'utf8' });
  expect(xsd.stderr).toContain('validates');
  // back to the imported map for the next test
  await page.evaluate(() => (window.location.hash = ''));
  await page.reload();
  await page.locator('.map-card', { hasText: 'Коммерческое предложение' }).first().getByRole('button', { name: /^Open / }).click();
  await ui.count(page.locator('.react-flow__node-step'), 6);
});

test('dropped on the window (as .xml, told by its content), from inside a map: the summary, the copy titled "(2)"', async () => {
  const { page } = suite;
  await page.evaluate((content) => {
    const data = new DataTransfer();
    data.items.add(new File([content], 'export.xml', { type: 'text/xml' }));
    window.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, cancelable: true }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, cancelable: true }));
  }, SALE_BPMN);
  const summary = page.getByRole('dialog', { name: 'Imported from BPMN' });
  await ui.contains(summary, `“${TITLE} (2)” is in the library now.`);
  expect(titles()).toContain(`${TITLE} (2)`);
  // Escape closes it and the open map stays
  await page.keyboard.press('Escape');
  await ui.hidden(summary);
  await ui.count(page.locator('.react-flow__node-step'), 6);
});

test('an XML file that is not BPMN is refused with a clear message, and nothing is added', async () => {
  const { page } = suite;
  await page.getByRole('button', { name: 'Back to the library' }).click();
  await ui.visible(page.locator('.map-card'));
  const before = titles();
  const rss = path.join(OUT, 'новости.xml');
  fs.writeFileSync(rss, NOT_BPMN_XML);
  await page.getByLabel('Import a Lanemap file').setInputFiles(rss);
  const alert = page.getByRole('alert');
  await ui.contains(alert, '“новости.xml” was not imported.');
  const message = (await alert.textContent()) ?? '';
  expect(['not-bpmn', 'no-process'].some((p) => message.includes(describeProblem(p as 'not-bpmn', 'en')))).toBe(true);
  await suite.app.shot('bpmn-import-refused-en');
  await expect(page.getByRole('dialog', { name: 'Imported from BPMN' }).count()).resolves.toBe(0);
  expect(titles()).toEqual(before);
});

test('in Russian: the summary, the refusal and the export dialog', async () => {
  const { page } = suite;
  await callApp(page, 'settings:set', { language: 'ru' });
  await page.reload();
  await ui.eventually(() => page.evaluate(() => document.documentElement.lang)).toBe('ru');
  await ui.visible(page.locator('.map-card'));
  await page.locator('input[type=file]').setInputFiles(saleFile);
  const summary = page.getByRole('dialog', { name: 'Импорт из BPMN' });
  await ui.contains(summary, `Карта «${TITLE} (3)» добавлена в библиотеку.`);
  await ui.visible(summary.getByRole('heading', { name: 'Что во что превратилось' }));
  await suite.app.shot('bpmn-import-summary-ru');
  await summary.getByRole('button', { name: 'Открыть карту' }).click();
  await ui.count(page.locator('.react-flow__node-step'), 6);
  await page.getByRole('button', { name: 'Экспорт' }).click();
  const dialog = page.getByRole('dialog', { name: 'Экспорт карты' });
  await dialog.getByRole('radio', { name: /^BPMN 2\.0/ }).check();
  await ui.contains(dialog, 'В BPMN попадают дорожки');
  await suite.app.shot('bpmn-export-dialog-ru');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Назад в библиотеку' }).click();
  const rss = path.join(OUT, 'новости.xml');
  await page.locator('input[type=file]').setInputFiles(rss);
  await ui.contains(page.getByRole('alert'), 'Файл «новости.xml» не импортирован.');
  await suite.app.shot('bpmn-import-refused-ru');
  await callApp(page, 'settings:set', { language: 'en' });
});
