/**
 * Export and sharing as a person does it: SVG and PNG from the dialog (opened and looked at),
 * the .lanemap.json file exported and imported back, a broken file refused with a message.
 */
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { expect, test } from 'vitest';
import { createMapRepository } from '../../src-main/storage/mapRepository';
import { SCREENSHOTS } from './harness';
import { appSuite } from './suite';
import { ui } from './ui';

const suite = appSuite();
const OUT = path.resolve('artifacts/exports');

/** Runs the export dialog with the given choices and returns the downloaded file. */
async function exportAs(label: RegExp, choose?: () => Promise<unknown>) {
  const { page } = suite;
  await page.getByRole('button', { name: 'Export' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export the map' });
  await dialog.getByRole('radio', { name: label }).check();
  await choose?.();
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export', exact: true }).click()]);
  fs.mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, download.suggestedFilename());
  await download.saveAs(file);
  await ui.hidden(dialog);
  return { file, name: download.suggestedFilename() };
}

/** Width and height from a PNG's header. */
function pngSize(file: string) {
  const b = fs.readFileSync(file);
  expect(b.subarray(1, 4).toString()).toBe('PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

test('SVG from the dialog: named after the map, real text, every step, no foreignObject', async () => {
  const { page } = suite;
  await page.getByRole('button', { name: /^Open / }).click();
  await ui.count(page.locator('.react-flow__node-step'), 13);
  // a Cyrillic title for the map: the file name keeps it
  const title = page.getByLabel('Map title');
  await title.fill('Продажи: от лида до сделки');
  await title.press('Enter');
  await page.getByRole('button', { name: 'Export' }).click();
  await ui.visible(page.getByRole('img', { name: 'Preview of the exported map' }));
  await suite.app.shot('export-dialog');
  await page.keyboard.press('Escape');

  const { file, name } = await exportAs(/^SVG/);
  expect(name).toBe('Продажи_ от лида до сделки.svg');
  const svg = fs.readFileSync(file, 'utf8');
  expect(XMLValidator.validate(svg)).toBe(true);
  expect(svg).not.toContain('foreignObject');
  const text = JSON.stringify(new XMLParser({ ignoreAttributes: true }).parse(svg));
  for (const words of ['Qualify the lead', 'Terms agreed?', 'Deal closed', 'Head of sales', 'Продажи: от лида до сделки']) {
    for (const w of words.split(' ')) expect(text).toContain(w);
  }
  expect(svg).toContain('@font-face');
});

test('the SVG title block says who owns the map and who approved it, for everyone who receives the picture', async () => {
  const { page } = suite;
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  const owner = page.getByLabel('Owner');
  await owner.fill('Ирина Петрова');
  await owner.press('Tab');
  await page.locator('.status-chip').click();
  await page.getByRole('menuitem', { name: 'Approve…' }).click();
  const approve = page.getByRole('dialog', { name: 'Approve the map' });
  await approve.getByLabel('Who approves').fill('Анна Смирнова');
  await approve.getByRole('button', { name: 'Approve', exact: true }).click();
  await ui.hidden(approve);
  const { file } = await exportAs(/^SVG/);
  const text = JSON.stringify(new XMLParser({ ignoreAttributes: true }).parse(fs.readFileSync(file, 'utf8')));
  expect(text).toContain('Owner: Ирина Петрова');
  expect(text).toMatch(/Approved by Анна Смирнова on \w+ \d+, \d{4}/);
});

test('PNG at 2× from the dialog: the whole map, twice the size, and it is a real picture', async () => {
  const { page } = suite;
  const svg = await exportAs(/^SVG/);
  const size = /<svg[^>]*width="([\d.]+)"[^>]*height="([\d.]+)"/.exec(fs.readFileSync(svg.file, 'utf8'))!;
  const { file } = await exportAs(/^PNG/, () => page.getByRole('dialog').getByLabel('Scale').selectOption('2'));
  const png = pngSize(file);
  expect(png.width).toBe(Math.round(Number(size[1]) * 2));
  expect(png.height).toBe(Math.round(Number(size[2]) * 2));
  expect(fs.statSync(file).size).toBeGreaterThan(50_000);
  // look at it as the person receiving it would: open the file in the browser and take a picture
  const viewer = await suite.app.browser.newPage({ viewport: { width: 1400, height: 500 } });
  await viewer.goto(`file://${file}`);
  await viewer.screenshot({ path: path.join(SCREENSHOTS, 'export-png-opened.png') });
  await viewer.close();
});

test('CSV for Excel: BOM, one row per step, Cyrillic intact', async () => {
  const { file } = await exportAs(/^CSV/);
  const csv = fs.readFileSync(file, 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv.trim().split(/\r?\n/).length).toBe(14);
});

test('the Lanemap file goes out and comes back in as a new map; a broken file changes nothing', async () => {
  const { page } = suite;
  const { file } = await exportAs(/^Lanemap file/);
  await page.getByRole('button', { name: 'Back to the library' }).click();
  await ui.count(page.locator('.map-card'), 1);

  await page.getByLabel('Import a Lanemap file').setInputFiles(file);
  await ui.count(page.locator('.react-flow__node-step'), 13);
  const repo = createMapRepository(suite.app.db);
  // the copy comes back under a title that tells it apart
  expect(repo.list().map((m) => m.title).sort()).toEqual(['Продажи: от лида до сделки', 'Продажи: от лида до сделки (2)']);

  await page.getByRole('button', { name: 'Back to the library' }).click();
  const broken = path.join(OUT, 'broken.lanemap.json');
  fs.writeFileSync(broken, fs.readFileSync(file, 'utf8').slice(0, 500));
  await page.getByLabel('Import a Lanemap file').setInputFiles(broken);
  await ui.contains(page.getByRole('alert'), 'was not imported');
  await suite.app.shot('import-broken-file');
  expect(repo.list()).toHaveLength(2);
});

test('dropping a Lanemap file on the window imports it and opens it', async () => {
  const { page } = suite;
  const text = fs.readFileSync(path.join(OUT, 'Продажи_ от лида до сделки.lanemap.json'), 'utf8');
  await page.evaluate((content) => {
    const data = new DataTransfer();
    data.items.add(new File([content], 'Продажи.lanemap.json', { type: 'application/json' }));
    window.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, cancelable: true }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, cancelable: true }));
  }, text);
  await ui.count(page.locator('.react-flow__node-step'), 13);
  expect(createMapRepository(suite.app.db).list()).toHaveLength(3);
});
