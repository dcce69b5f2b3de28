/**
 * PDF from the export dialog as a person does it: PDF chosen, pages across A4 landscape at the
 * readable scale, the page count said before exporting, the file read back with poppler
 * (pdftotext, pdfinfo) and its pages rendered (pdftoppm) to be looked at; Russian too.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { SCREENSHOTS } from './harness';
import { appSuite } from './suite';
import { ui } from './ui';

const suite = appSuite();
const OUT = path.resolve('artifacts/exports');

const run = (cmd: string, ...args: string[]) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
};

test('PDF from the dialog: the page count before exporting, then selectable text and the pages asked for', async () => {
  const { page } = suite;
  await page.getByRole('button', { name: /^Open / }).click();
  await ui.count(page.locator('.react-flow__node-step'), 13);
  await page.getByRole('button', { name: 'Export' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export the map' });
  await dialog.getByRole('radio', { name: /^PDF/ }).check();
  await dialog.getByRole('radio', { name: 'Across several pages' }).check();
  const plan = dialog.getByTestId('pdf-plan');
  await ui.visible(plan);
  await expect.poll(() => plan.textContent()).toMatch(/^\d+ pages: an overview with the grid, \d+ pages of the map \(\d+ × \d+ grid\) .* step titles at 8(\.0)? pt\.$/);
  const line = (await plan.textContent())!;
  const pages = Number(/^(\d+) pages/.exec(line)![1]);
  // every page counted: the overview, the map's pages, the keys (blank parts are named, not printed)
  const [, tiles, rows, cols] = /(\d+) pages of the map \((\d+) × (\d+) grid\)/.exec(line)!.map(Number);
  const skipped = Number(/(\d+) blank parts? not printed/.exec(line)?.[1] ?? 0);
  const keys = /a page of keys/.test(line) ? 1 : Number(/(\d+) pages of keys/.exec(line)?.[1] ?? 0);
  expect(pages).toBe(1 + tiles! + keys);
  expect(tiles! + skipped).toBe(rows! * cols!);
  await ui.visible(dialog.getByRole('button', { name: 'Print…' }));
  await dialog.screenshot({ path: path.join(SCREENSHOTS, 'export-pdf-dialog.png') });
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export', exact: true }).click()]);
  fs.mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, download.suggestedFilename());
  await download.saveAs(file);
  await ui.hidden(dialog);
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  const info = run('pdfinfo', file);
  expect(info).toMatch(new RegExp(`Pages:\\s+${pages}\\n`));
  expect(info).toMatch(/Page size:\s+841\.89 x 595\.28 pts \(A4\)/);
  const text = run('pdftotext', '-enc', 'UTF-8', file, '-').replace(/\s+/g, ' ');
  for (const w of ['Qualify the lead', 'Terms agreed?', 'Deal closed', 'Head of sales', 'Key', 'row 1, column 1']) expect(text).toContain(w);
  run('pdftoppm', '-r', '60', '-png', '-f', '1', '-l', '2', file, path.join(SCREENSHOTS, 'export-pdf-page'));
});

test('Print… in the browser build: the PDF loads in a hidden frame (the CSP lets the app frame its own blob) and that frame is printed', async () => {
  const { page } = suite;
  const refusals: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) refusals.push(m.text());
  });
  // headless Chromium has no print dialog: the frame's print is recorded instead of shown
  await page.evaluate(() => {
    const w = window as unknown as { printedFrames: string[] };
    w.printedFrames = [];
    const create = document.createElement.bind(document);
    document.createElement = ((tag: string, options?: ElementCreationOptions) => {
      const el = create(tag, options);
      if (tag.toLowerCase() === 'iframe') {
        el.addEventListener('load', () => {
          const frame = el as HTMLIFrameElement;
          const win = frame.contentWindow;
          if (win) win.print = () => w.printedFrames.push(`${frame.src} ${frame.contentDocument?.contentType ?? ''}`);
        });
      }
      return el;
    }) as typeof document.createElement;
  });
  await page.getByRole('button', { name: 'Export' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export the map' });
  await dialog.getByRole('radio', { name: /^PDF/ }).check();
  await dialog.getByRole('button', { name: 'Print…' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { printedFrames: string[] }).printedFrames), { timeout: 20_000 }).toEqual([expect.stringMatching(/^blob:.* application\/pdf$/)]);
  expect(refusals).toEqual([]);
  // nothing opened in a new tab instead
  expect(page.context().pages()).toHaveLength(1);
});
