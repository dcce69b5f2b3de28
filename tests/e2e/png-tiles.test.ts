/**
 * The export dialog with a big map (QA items 3 and 5): PNG tiles show "Tile N of M" while they
 * are made and Stop ends the work with nothing saved; a finished run downloads a ZIP whose
 * tiles (read by fflate and pngjs) are the planned size; Tab and Shift+Tab stay inside the
 * dialog and Escape gives focus back to the Export button.
 */
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import { expect, test } from 'vitest';
import { toLanemapJson } from '../../shared/export/lanemapJson';
import { randomMap } from '../support/randomMaps';
import { callApp, SCREENSHOTS } from './harness';
import { appSuite } from './suite';
import { ui } from './ui';

const suite = appSuite();

async function openBigMap(steps: number) {
  const { page } = suite;
  const doc = { ...randomMap({ seed: 4100 + steps, steps, lanes: 5, phases: 4, decisions: 0.1 }), title: `Большая карта ${steps}` };
  const map = (await callApp(page, 'maps:import', { text: toLanemapJson(doc, { exportedAt: new Date().toISOString() }) })) as { id: string };
  await page.goto(`${suite.app.bridge.url}#map=${map.id}`);
  await page.reload();
  await ui.visible(page.locator('.react-flow__node-step'));
}

const dialogOf = () => suite.page.getByRole('dialog', { name: /^(Export the map|Экспорт карты)$/ });

test('Tab and Shift+Tab stay inside the export dialog, and Escape gives focus back to the Export button', async () => {
  const { page } = suite;
  await page.getByRole('button', { name: /^Open / }).first().click();
  await ui.visible(page.locator('.react-flow__node-step'));
  const opener = page.getByRole('button', { name: 'Export', exact: true });
  await opener.click();
  const dialog = dialogOf();
  await ui.visible(dialog);
  const inDialog = () => page.evaluate(() => !!document.activeElement?.closest('[role="dialog"]'));
  // Shift+Tab from the first control goes round to the last button, Tab from there to the first
  await page.keyboard.press('Shift+Tab');
  await ui.focused(dialog.getByRole('button', { name: 'Export', exact: true }));
  await page.keyboard.press('Tab');
  expect(await inDialog()).toBe(true);
  await ui.focused(dialog.getByRole('radio').first());
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press('Tab');
    expect(await inDialog()).toBe(true);
  }
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press('Shift+Tab');
    expect(await inDialog()).toBe(true);
  }
  await page.keyboard.press('Escape');
  await ui.hidden(dialog);
  await ui.focused(opener);
});

test('PNG tiles of a 300-step map: "Tile N of M" while they are made, Stop ends it with nothing saved', async () => {
  const { page } = suite;
  await openBigMap(300);
  let downloads = 0;
  page.on('download', () => downloads++);
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const dialog = dialogOf();
  await dialog.getByRole('radio', { name: /^PNG/ }).check();
  await dialog.getByRole('checkbox', { name: /Split into tiles/ }).check();
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const status = dialog.locator('.tiles-progress[role="status"]');
  await expect.poll(() => status.textContent(), { timeout: 60_000, interval: 100 }).toMatch(/Tile [1-9]\d* of \d+/);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'png-tiles-progress-en.png') });
  const total = Number(/of (\d+)/.exec((await status.textContent())!)![1]);
  expect(total).toBeGreaterThan(20);
  await dialog.getByRole('button', { name: 'Stop' }).click();
  await ui.visible(page.locator('.notice', { hasText: 'Export stopped: no file was saved.' }));
  await ui.hidden(status);
  // the dialog stays open and can export again; nothing was downloaded
  await ui.visible(dialog.getByRole('button', { name: 'Export', exact: true }));
  // focus stays in the dialog when the Stop button goes
  await ui.focused(dialog.getByRole('button', { name: 'Export', exact: true }));
  expect(await dialog.getByRole('button', { name: 'Export', exact: true }).isEnabled()).toBe(true);
  expect(downloads).toBe(0);
  await page.keyboard.press('Escape');
  await ui.hidden(dialog);
}, 300_000);

test('PNG tiles of a 120-step map in Russian: the progress in Russian, then a ZIP of tiles of the planned size', async () => {
  const { page } = suite;
  await callApp(page, 'settings:set', { language: 'ru' });
  await openBigMap(120);
  await page.getByRole('button', { name: 'Экспорт', exact: true }).click();
  const dialog = dialogOf();
  await dialog.getByRole('radio', { name: /^PNG/ }).check();
  await dialog.getByRole('combobox', { name: 'Масштаб' }).selectOption('2');
  await dialog.getByRole('checkbox', { name: /Разрезать на части/ }).check();
  const downloaded = page.waitForEvent('download', { timeout: 300_000 });
  await dialog.getByRole('button', { name: 'Экспортировать', exact: true }).click();
  const status = dialog.locator('.tiles-progress[role="status"]');
  await expect.poll(() => status.textContent(), { timeout: 60_000, interval: 100 }).toMatch(/Часть [1-9]\d* из \d+/);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'png-tiles-progress-ru.png') });
  const download = await downloaded;
  const file = path.join(SCREENSHOTS, 'png-tiles-ru.zip');
  await download.saveAs(file);
  expect(download.suggestedFilename()).toBe('Большая карта 120.zip');
  const files = unzipSync(fs.readFileSync(file));
  const index = new TextDecoder().decode(files['index.txt']);
  const tiles = Object.keys(files).filter((f) => /-r\d\d-c\d\d\.png$/.test(f));
  expect(tiles.length).toBeGreaterThan(3);
  // each tile is as index.txt plans it, at 2x: at most 1600 px sides, drawn twice as large
  for (const name of tiles) {
    expect(index).toContain(name);
    const png = PNG.sync.read(Buffer.from(files[name]!));
    expect(png.width).toBeLessThanOrEqual(1600 * 2);
    expect(png.height).toBeLessThanOrEqual(1600 * 2);
    expect(png.width * png.height).toBeGreaterThan(1000 * 1000);
  }
  fs.writeFileSync(path.join(SCREENSHOTS, 'png-tile-ru-r01-c02.png'), files[tiles.sort()[1]!]!);
  await ui.hidden(dialog);
}, 300_000);
