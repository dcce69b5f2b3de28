/**
 * The process document (регламент) from the export dialog as a person makes it: Export → Process
 * document, Russian, Word first (read back with mammoth), then PDF (read back with poppler's
 * pdftotext and pdfinfo; its pages rendered with pdftoppm to be looked at).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import mammoth from 'mammoth';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { SCREENSHOTS } from './harness';
import { appSuite } from './suite';
import { ui } from './ui';

const suite = appSuite();
const OUT = path.resolve('artifacts/exports/process-document');

const run = (cmd: string, ...args: string[]) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
};

/** Export → Process document, in Russian, as `file`; the download saved, its path returned. */
async function exportDocument(page: Page, file: 'docx' | 'pdf'): Promise<string> {
  await page.getByRole('button', { name: 'Export' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export the map' });
  await dialog.getByRole('radio', { name: 'Process document (Word or PDF)' }).check();
  await dialog.getByLabel('Language of the document').selectOption('ru');
  const choice = dialog.getByRole('radio', { name: file === 'pdf' ? 'PDF, to print and send' : 'Word (.docx), to edit' });
  // Word is the default
  if (file === 'docx') expect(await choice.isChecked()).toBe(true);
  else await choice.check();
  // the file name's ending follows the choice
  await ui.visible(dialog.getByText(`.${file}`, { exact: true }));
  await dialog.screenshot({ path: path.join(SCREENSHOTS, `process-document-dialog-${file}.png`) });
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), dialog.getByRole('button', { name: 'Export', exact: true }).click()]);
  fs.mkdirSync(OUT, { recursive: true });
  const saved = path.join(OUT, download.suggestedFilename());
  await download.saveAs(saved);
  await ui.hidden(dialog);
  expect(download.suggestedFilename()).toMatch(new RegExp(`\\.${file}$`));
  return saved;
}

test('Process document in Russian: the Word file, then the PDF, each with its Russian headings and the map\'s steps', async () => {
  const { page } = suite;
  await page.getByRole('button', { name: /^Open / }).click();
  await ui.count(page.locator('.react-flow__node-step'), 13);

  const docx = await exportDocument(page, 'docx');
  const { value: html } = await mammoth.convertToHtml({ path: docx });
  const headings = [...html.matchAll(/<h1>(.*?)<\/h1>/g)].map((m) => m[1]);
  expect(headings).toEqual(expect.arrayContaining(['1. Карта процесса', '2. Роли и их обязанности', '4. Шаги процесса', 'Приложение']));
  const { value: words } = await mammoth.extractRawText({ path: docx });
  expect(words).toContain('Регламент процесса');
  expect(words).toContain('Qualify the lead');

  const pdf = await exportDocument(page, 'pdf');
  const info = run('pdfinfo', pdf);
  const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
  expect(pages).toBeGreaterThanOrEqual(4);
  expect(info).toMatch(/Subject:\s+Регламент процесса/);
  const text = run('pdftotext', '-enc', 'UTF-8', pdf, '-').replace(/\s+/g, ' ');
  for (const w of ['Регламент процесса', '1. Карта процесса', '2. Роли и их обязанности', '4. Шаги процесса', 'Приложение', 'Qualify the lead', 'Head of sales', `Страница ${pages} из ${pages}`]) expect(text).toContain(w);
  // the pages to look at: the title page, the map, the step table
  const stepPage = Array.from({ length: pages }, (_, i) => i + 1).find((p) => run('pdftotext', '-f', String(p), '-l', String(p), '-enc', 'UTF-8', pdf, '-').includes('4. Шаги процесса'))!;
  for (const p of [1, 2, stepPage]) run('pdftoppm', '-r', '80', '-png', '-f', String(p), '-l', String(p), '-singlefile', pdf, path.join(SCREENSHOTS, `process-document-pdf-page${p}`));
}, 300_000);
