/**
 * The process document (регламент, issue 14) as a PDF (src-main/export/documentPdf.ts): written
 * by the CLI (`--format pdf --document`) and by the call the app makes, then read back with
 * poppler (pdftotext, pdffonts, pdfinfo, pdftohtml's outline, pdftoppm): tools no one here wrote.
 * Its headings and bookmarks, the numbered step table in reading order with its header repeated
 * on every page it continues on, Cyrillic intact, the RACI, page numbers, embedded subset fonts,
 * the file's properties; bad input as text, inside the page; no empty pages. Rendered pages land in
 * artifacts/screenshots/process-document-pdf/ to be looked at.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { numberSteps } from '../../shared/document/numbering';
import type { MapDoc } from '../../shared/model/types';
import { loadMap, main } from '../../src-main/cli/main';
import { processDocumentPdf } from '../../src-main/export/documentPdf';
import { dispatchAsync } from '../../src-main/services/dispatch';
import { salesMap } from '../support/builders';
import { openTempLibrary, removeTempDirs, tempDir } from '../support/library';

afterAll(() => removeTempDirs());
const dir = tempDir();
const shots = path.resolve('artifacts/screenshots/process-document-pdf');
fs.mkdirSync(shots, { recursive: true });
const ru = loadMap('template:full-cycle.ru');

function tool(cmd: string, ...args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}
const norm = (s: string) => s.replace(/\s+/g, ' ');

/** The PDF as poppler reads it: its text (whole, laid out, by page), page count and sizes, fonts, properties and bookmarks. */
function read(file: string) {
  const meta = tool('pdfinfo', file);
  const pages = Number(/Pages:\s+(\d+)/.exec(meta)![1]);
  const sizes = [...tool('pdfinfo', '-f', '1', '-l', String(pages), file).matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => ({ width: Number(m[1]), height: Number(m[2]) }));
  const byPage = Array.from({ length: pages }, (_, i) => tool('pdftotext', '-f', String(i + 1), '-l', String(i + 1), '-enc', 'UTF-8', file, '-'));
  const xml = tool('pdftohtml', '-xml', '-stdout', '-i', '-q', file);
  const outline = [...xml.matchAll(/<item page="(\d+)">([^<]*)<\/item>/g)].map((m) => ({ page: Number(m[1]), title: m[2]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&') }));
  return { meta, pages, sizes, byPage, text: byPage.join('\n'), layout: tool('pdftotext', '-layout', '-enc', 'UTF-8', file, '-'), fonts: tool('pdffonts', file), outline };
}

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Pages rendered at 80 dpi into the screenshots folder (to be looked at). */
function shoot(file: string, name: string, pages: number[]) {
  for (const p of pages) tool('pdftoppm', '-png', '-r', '80', '-f', String(p), '-l', String(p), '-singlefile', file, path.join(shots, `${name}-p${String(p).padStart(2, '0')}`));
}

/**
 * The step table's rows as `pdftotext -layout` lays them out: a row starts with its number and
 * the first line of its step's title; the header line starts with the number column's heading.
 */
function stepRows(layout: string, from: string, to: string, numberHeader: string, titles: string[]) {
  const part = layout.slice(layout.indexOf(from), layout.indexOf(to));
  // a line starting with a number then text that begins that step's title (a description line may start with a number too)
  const rows = [...part.matchAll(/^ *(\d+) +(\S(?:\S| (?! ))*)/gm)]
    .map((m) => ({ n: Number(m[1]), first: m[2]! }))
    .filter((r) => titles[r.n - 1] !== undefined && norm(titles[r.n - 1]!).startsWith(norm(r.first)));
  const headers = part.split('\n').filter((l) => new RegExp(`^\\f? *${numberHeader} {2,}`).test(l)).length;
  return { rows, headers };
}

describe('the process document as a PDF, from the command line', () => {
  const file = path.join(dir, 'регламент.pdf');

  test('given a Russian map, when exported with --format pdf --document, then its headings, bookmarks, step table in reading order, RACI, page numbers and fonts are all there', async () => {
    const r = await cli('export', 'template:full-cycle.ru', '--format', 'pdf', '--document', '--out', file);
    expect(r).toMatchObject({ code: 0, err: '' });
    const pdf = read(file);
    const all = norm(pdf.text);
    expect(all).toContain('Регламент процесса');
    expect(all).toContain(ru.title);
    const headings = ['1. Карта процесса', '2. Роли и их обязанности', '3. Этапы', '4. Шаги процесса', '5. Ответственность (RACI)', '6. SIPOC', 'Приложение', 'Открытые комментарии', 'Проблемные места'];
    for (const h of headings) expect(all).toContain(h);
    // the headings are the PDF's bookmarks, in order, each pointing at the page it is on
    expect(pdf.outline.map((o) => o.title)).toEqual(expect.arrayContaining(headings));
    const titles = pdf.outline.map((o) => o.title);
    expect(titles.indexOf('4. Шаги процесса')).toBeLessThan(titles.indexOf('5. Ответственность (RACI)'));
    for (const o of pdf.outline) expect(norm(pdf.byPage[o.page - 1]!)).toContain(o.title);

    // the step table: every step once, numbered 1…N in reading order, each row beginning with its own title
    const order = numberSteps(ru).steps;
    const { rows, headers } = stepRows(pdf.layout, '4. Шаги процесса', '5. Ответственность (RACI)', '№', order.map((x) => x.title));
    expect(rows.map((x) => x.n)).toEqual(order.map((_, i) => i + 1));
    // the table goes on over several pages, its header repeated at the top of each
    expect(headers).toBeGreaterThanOrEqual(2);
    const stepPages = pdf.byPage.filter((p) => /Следующие шаги/.test(p) && /Длительность/.test(p));
    expect(stepPages.length).toBe(headers);
    // Cyrillic intact: every step's title and every role's name comes back as the same letters
    for (const s of order) expect(all).toContain(norm(s.title));
    for (const role of Object.values(ru.roles)) expect(all).toContain(role.name);
    // the RACI: its header names the roles and each step's row has an R
    const raciPage = pdf.byPage.find((p) => p.includes('Ответственность (RACI)'))!;
    expect(raciPage).toContain('Отвечает (A)');
    const raci = pdf.layout.slice(pdf.layout.indexOf('5. Ответственность (RACI)'), pdf.layout.indexOf('6. SIPOC'));
    expect(raci.match(/(?<=\s)R(?:\/A)?(?=\s)/g)!.length).toBeGreaterThanOrEqual(order.filter((s) => s.kind === 'task').length);

    // page numbers on every page: «Страница 3 из N», N the real count
    expect(pdf.pages).toBeGreaterThanOrEqual(8);
    expect(pdf.pages).toBeLessThan(60);
    pdf.byPage.forEach((p, i) => expect(norm(p)).toContain(`Страница ${i + 1} из ${pdf.pages}`));
    // no empty pages: each has more than its footer
    for (const p of pdf.byPage) expect(norm(p.replace(/Страница \d+ из \d+/, '').replace(ru.title, '').replace(/Часть \d+ из \d+: ряд \d+, столбец \d+/, '')).trim().length).toBeGreaterThan(20);

    // A4 portrait for the text, landscape for the map and the wide tables
    expect(pdf.sizes[0]).toEqual({ width: 595.28, height: 841.89 });
    expect(pdf.sizes.some((s) => s.width === 841.89 && s.height === 595.28)).toBe(true);
    const stepTablePage = pdf.byPage.findIndex((p) => p.includes('4. Шаги процесса'));
    expect(pdf.sizes[stepTablePage]).toEqual({ width: 841.89, height: 595.28 });
    // the map: too big for one readable page, so an overview with the grid and readable parts, each named in its footer
    expect(all).toMatch(/Обзор: карта по сетке \d+ × \d+, страниц карты: \d+/);
    expect(all).toContain('Часть 1 из');
    // Inter embedded and subset (text stays text), its properties set
    expect(pdf.fonts).toMatch(/[A-Z]{6}\+Inter-Regular\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    expect(pdf.fonts).toMatch(/[A-Z]{6}\+Inter-SemiBold\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    expect(pdf.fonts).not.toMatch(/Helvetica|Times|Courier/);
    expect(pdf.meta).toMatch(new RegExp(`Title:\\s+${ru.title}`));
    expect(pdf.meta).toMatch(/Subject:\s+Регламент процесса/);
    expect(pdf.meta).toMatch(/Creator:\s+Lanemap/);

    // to be looked at: the title page, the overview, a part of the map, the step table's first and second pages, the RACI
    const overview = pdf.byPage.findIndex((p) => p.includes('Обзор: карта')) + 1;
    shoot(file, 'ru', [1, overview, overview + 1, stepTablePage + 1, stepTablePage + 2, pdf.byPage.findIndex((p) => p.includes('Ответственность (RACI)')) + 1]);
  }, 180_000);

  test('given --lang en on a Russian map, then the document is in English with the map\'s own names', async () => {
    const out = path.join(dir, 'en.pdf');
    expect(await cli('export', 'template:full-cycle.ru', '--format', 'pdf', '--document', '--lang', 'en', '--out', out)).toMatchObject({ code: 0, err: '' });
    const pdf = read(out);
    const all = norm(pdf.text);
    expect(all).toContain('Process document');
    for (const h of ['1. Map of the process', '4. Steps', '5. Responsibilities (RACI)', 'Appendix']) expect(pdf.outline.map((o) => o.title)).toContain(h);
    expect(all).not.toContain('Регламент');
    expect(all).not.toContain('Страница');
    pdf.byPage.forEach((p, i) => expect(norm(p)).toContain(`Page ${i + 1} of ${pdf.pages}`));
    const order = numberSteps(ru).steps;
    const { rows } = stepRows(pdf.layout, '4. Steps', '5. Responsibilities (RACI)', 'No\\.', order.map((x) => x.title));
    expect(rows.map((x) => x.n)).toEqual(order.map((_, i) => i + 1));
    for (const s of order) expect(all).toContain(norm(s.title));
    const stepTablePage = pdf.byPage.findIndex((p) => p.includes('4. Steps'));
    shoot(out, 'en', [1, stepTablePage + 1, stepTablePage + 2]);
  }, 180_000);

  test('given --document with options of the map\'s picture or another format, then a readable refusal and no file', async () => {
    const out = path.join(dir, 'refused.pdf');
    for (const args of [
      ['--format', 'svg', '--document'],
      ['--format', 'pdf', '--document', '--paper', 'a3'],
      ['--format', 'pdf', '--document', '--details'],
      ['--format', 'pdf', '--document', '--view', 'raci'],
    ]) {
      const r = await cli('export', 'template:lead-qualification.en', ...args, '--out', args[1] === 'svg' ? path.join(dir, 'refused.svg') : out);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.err).toMatch(/^lanemap: .*(--document|--view)/);
      expect(r.err).not.toMatch(/\n\s+at |\.ts:\d+/);
    }
    expect(fs.existsSync(out)).toBe(false);
    // the map's PDF is still the map's PDF without --document
    const map = path.join(dir, 'map.pdf');
    expect((await cli('export', 'template:lead-qualification.en', '--format', 'pdf', '--out', map)).code).toBe(0);
    expect(tool('pdftotext', map, '-')).not.toContain('Process document');
  }, 120_000);
});

describe('the process document as a PDF, bad input and edge cases', () => {
  test('given markup in the title and a 10,000-character step, then both are text, every letter is there, and nothing runs off a page', async () => {
    const d: MapDoc = salesMap('b');
    d.title = '<script>alert(1)</script> Воронка';
    d.owner = 'Анна Смирнова';
    d.purpose = 'training';
    d.steps['b-offer']!.title = 'Я'.repeat(10_000);
    d.steps['b-qualify']!.description = 'Очень длинное описание шага. '.repeat(400);
    d.comments = {
      c1: { id: 'c1', targetKind: 'step', targetId: 'b-qualify', parentId: null, author: 'Иван', text: 'Кто звонит клиенту?', createdAt: '2026-03-01T10:00:00Z', resolvedAt: null, resolvedBy: null },
    };
    d.painPoints = { p1: { id: 'p1', stepId: 'b-qualify', kind: 'bottleneck', votes: 3, createdAt: '2026-03-01T10:00:00Z' } };
    const file = path.join(dir, 'bad.pdf');
    fs.writeFileSync(file, await processDocumentPdf(d, 'ru'));
    const pdf = read(file);
    const all = norm(pdf.text);
    expect(all).toContain('<script>alert(1)</script> Воронка');
    expect(pdf.meta).toMatch(/Title:\s+<script>alert\(1\)<\/script> Воронка/);
    expect(pdf.meta).toMatch(/Author:\s+Анна Смирнова/);
    expect(pdf.meta).toMatch(/Subject:\s+Регламент процесса: Обучение/);
    // the long title whole in the step table and in the roles table (the map's card shortens it)
    expect((pdf.text.match(/Я/g) ?? []).length).toBeGreaterThanOrEqual(20_000);
    expect(all).toContain('Кто звонит клиенту?');
    expect(all).toContain('Узкое место');
    // every word inside its page's margins (pdftotext's word boxes)
    const bbox = tool('pdftotext', '-bbox', file, '-');
    const pages = [...bbox.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)];
    expect(pages.length).toBe(pdf.pages);
    // (the map's pages show a part of the drawing through a clip: a card's text may go on under it)
    const mapPage = (i: number) => /Обзор: карта|Часть \d+ из \d+: ряд/.test(pdf.byPage[i]!);
    for (const [i, [, w, h, body]] of pages.entries()) {
      if (mapPage(i)) continue;
      for (const m of body!.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">/g)) {
        const [x0, y0, x1, y1] = m.slice(1, 5).map(Number) as [number, number, number, number];
        expect(x0).toBeGreaterThanOrEqual(30);
        expect(y0).toBeGreaterThanOrEqual(30);
        expect(x1).toBeLessThanOrEqual(Number(w) - 30);
        expect(y1).toBeLessThanOrEqual(Number(h) - 30);
      }
    }
    // no empty pages
    for (const p of pdf.byPage) expect(norm(p.replace(/Страница \d+ из \d+/, '').replace(d.title, '')).trim().length).toBeGreaterThan(5);
    const long = pdf.byPage.findIndex((p) => p.includes('ЯЯЯЯЯЯЯЯЯЯ') && p.includes('Следующие шаги'));
    shoot(file, 'bad', [1, long + 1, long + 2]);
  }, 120_000);

  test('given an empty map, then the document says so, has no map pages, and is a few pages long', async () => {
    const d = salesMap('z', { steps: [], flows: [] });
    const file = path.join(dir, 'empty.pdf');
    fs.writeFileSync(file, await processDocumentPdf(d, 'en'));
    const pdf = read(file);
    expect(norm(pdf.text)).toContain('The map has no steps yet.');
    expect(pdf.pages).toBeLessThanOrEqual(4);
    expect(norm(pdf.text)).not.toContain('Overview');
  }, 60_000);

  test('given a small map, then its picture is one page under its heading, with its titles as text', async () => {
    const d = salesMap('s', {
      steps: [
        { id: 's-lead', role: 's-manager', kind: 'start', title: 'Заявка поступила', x: 0, y: 50 },
        { id: 's-qualify', role: 's-manager', title: 'Квалификация лида', x: 220, y: 40 },
        { id: 's-won', role: 's-client', kind: 'end', title: 'Сделка закрыта', x: 440, y: 50 },
      ],
      flows: [
        { id: 's-f1', from: 's-lead', to: 's-qualify' },
        { id: 's-f2', from: 's-qualify', to: 's-won' },
      ],
    });
    const file = path.join(dir, 'small.pdf');
    fs.writeFileSync(file, await processDocumentPdf(d, 'en'));
    const pdf = read(file);
    const mapPage = pdf.byPage.findIndex((p) => p.includes('1. Map of the process'));
    for (const s of Object.values(d.steps)) expect(norm(pdf.byPage[mapPage]!)).toContain(norm(s.title));
    expect(norm(pdf.text)).not.toContain('Overview');
    shoot(file, 'small', [mapPage + 1]);
  }, 60_000);
});

describe('document:pdf, the call the app makes', () => {
  const lib = openTempLibrary();
  afterAll(() => lib.close());

  test('given the map as the editor has it, then the answer is the PDF, in the language asked for', async () => {
    const d = salesMap('c');
    d.title = 'Воронка — правка ещё не сохранена';
    const reply = await dispatchAsync(lib.services, 'document:pdf', { doc: d, lang: 'ru' });
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    const file = path.join(dir, 'call.pdf');
    fs.writeFileSync(file, Buffer.from((reply.value as { content: string }).content, 'base64'));
    const pdf = read(file);
    expect(norm(pdf.text)).toContain('Воронка — правка ещё не сохранена');
    expect(pdf.outline.map((o) => o.title)).toContain('4. Шаги процесса');
  }, 60_000);

  test('given a damaged map, then a readable refusal and no file', async () => {
    const reply = await dispatchAsync(lib.services, 'document:pdf', { doc: { ...salesMap('d'), steps: { x: { id: 'x' } } }, lang: 'ru' });
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('bad-input');
  });
});
