/**
 * The PDF export (src-main/export/pdf.ts) and the CLI's `--format pdf` / `png --tiles`, read back
 * with poppler (pdftotext, pdffonts, pdfinfo, pdftoppm) and unzip: tools no one here wrote.
 * The rendered pages land in artifacts/screenshots/pdf/ to be looked at.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ELK from 'elkjs/lib/elk.bundled.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { KEY_WORDS } from '../../shared/export/legendSvg';
import { blockWidthFor, PDF_WORDS, planPdf } from '../../shared/export/pdfPlan';
import { renderMapSvg } from '../../shared/export/svg';
import { applyLayout, layoutMap } from '../../shared/layout/layoutMap';
import type { MapDoc } from '../../shared/model/types';
import { loadMap } from '../../src-main/cli/main';
import { renderPdf } from '../../src-main/export/pdf';
import { randomMap } from '../support/randomMaps';
import { removeTempDirs, tempDir } from '../support/library';

afterAll(() => removeTempDirs());

const dir = tempDir();
const shots = path.resolve('artifacts/screenshots/pdf');
fs.mkdirSync(shots, { recursive: true });

function run(cmd: string, ...args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}
const text = (file: string, page?: number) => run('pdftotext', ...(page ? ['-f', String(page), '-l', String(page)] : []), '-enc', 'UTF-8', file, '-');
const info = (file: string) => run('pdfinfo', file);
const norm = (s: string) => s.replace(/\s+/g, ' ');

function lanemap(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/lanemap.mjs', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

async function pdfOf(doc: MapDoc, layout: Parameters<typeof planPdf>[1], lang: 'en' | 'ru', file: string) {
  const picture = renderMapSvg(doc, { legend: true, key: { labels: KEY_WORDS[lang] }, titleBlock: { title: doc.title }, blockWidth: blockWidthFor(layout) });
  const r = await renderPdf(picture, { ...layout, meta: { title: doc.title, author: doc.owner, subject: lang === 'ru' ? 'Обучение' : 'Training' }, words: PDF_WORDS[lang] });
  fs.writeFileSync(file, r.pdf);
  return { ...r, picture };
}

describe('PDF of a map', () => {
  test('given the Russian full sales cycle tiled on A4 landscape, then the Cyrillic titles come back as the same letters, Inter is embedded and subset, and the pages are as planned', async () => {
    const doc = { ...loadMap('template:full-cycle.ru'), owner: 'Анна Петрова' };
    const file = path.join(dir, 'цикл.pdf');
    const r = await pdfOf(doc, { mode: 'tiles', paper: 'a4', landscape: true, scale: 'readable' }, 'ru', file);
    const all = norm(text(file));
    const titles = Object.values(doc.steps).map((s) => s.title);
    // every step title is found whole (titles wrap over lines: compared with spaces folded)
    for (const title of titles) expect(all).toContain(norm(title));
    expect(all).toContain('Страница 2 из');
    expect(all).toContain('ряд 1, столбец 1');
    // each lane's name on every tile page that shows its lane, and the first tile has the first lane
    const page2 = norm(text(file, 2));
    expect(page2).toContain(Object.values(doc.roles).sort((a, b) => a.order - b.order)[0]!.name);
    // the key under the map, in Russian
    expect(all).toContain('Условные обозначения');
    const fonts = run('pdffonts', file);
    expect(fonts).toMatch(/[A-Z]{6}\+Inter-Regular\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    expect(fonts).toMatch(/[A-Z]{6}\+Inter-SemiBold\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    const meta = info(file);
    expect(meta).toMatch(new RegExp(`Pages:\\s+${r.pages}\\n`));
    expect(r.pages).toBe(1 + r.rows * r.cols + 1);
    expect(meta).toMatch(/Page size:\s+841\.89 x 595\.28 pts \(A4\)/);
    expect(meta).toContain('Title:           Отдел продаж');
    expect(meta).toContain('Author:          Анна Петрова');
    expect(meta).toContain('Subject:         Обучение');
    expect(meta).toContain('Creator:         Lanemap');
    expect(r.titlePt).toBeGreaterThanOrEqual(8);
    run('pdftoppm', '-r', '60', '-png', '-f', '1', '-l', '3', file, path.join(shots, 'full-cycle-ru'));
  }, 120_000);

  test('given one page fitted on A3 portrait, then it is one A3 page whose text is the English titles', async () => {
    const doc = loadMap('template:sample-sales-map');
    const file = path.join(dir, 'sample.pdf');
    const r = await pdfOf(doc, { mode: 'fit', paper: 'a3', landscape: false }, 'en', file);
    expect(r.pages).toBe(1);
    const meta = info(file);
    expect(meta).toMatch(/Pages:\s+1\n/);
    expect(meta).toMatch(/Page size:\s+841\.89 x 1190\.55 pts \(A3\)/);
    const all = norm(text(file));
    for (const s of Object.values(doc.steps)) expect(all).toContain(norm(s.title));
    expect(all).toContain('Key');
    run('pdftoppm', '-r', '50', '-png', file, path.join(shots, 'sample-fit-a3'));
  }, 60_000);

  test('given a tidied 450-step map tiled at readable size, then each tile page gives only the words on it, with its lane names, and every page renders', async () => {
    const raw = randomMap({ seed: 450, steps: 450, lanes: 5, phases: 6, loops: 0.05, decisions: 0.15 });
    const doc = applyLayout(raw, await layoutMap(raw, new ELK()));
    const file = path.join(dir, 'big.pdf');
    const r = await pdfOf(doc, { mode: 'tiles', paper: 'a4', landscape: true, scale: 'readable' }, 'en', file);
    expect(r.cols).toBeGreaterThan(3);
    expect(info(file)).toMatch(new RegExp(`Pages:\\s+${r.pages}\\n`));
    const laneNames = Object.values(doc.roles).map((x) => x.name);
    const plan = planPdf(r.picture, { mode: 'tiles', paper: 'a4', landscape: true, scale: 'readable' });
    // the middle tile of the first row: its lanes named, and far fewer words than the whole map
    const mid = plan.pages.findIndex((p) => p.kind === 'tile' && p.row === 1 && p.col === Math.ceil(r.cols / 2));
    const page = text(file, mid + 1);
    const lanesOnTile = r.picture.frame.lanes.filter((l) => {
      const t = plan.pages[mid]!;
      return t.kind === 'tile' && l.bottom > t.body.y && l.top < t.body.y + t.body.height;
    });
    expect(lanesOnTile.length).toBeGreaterThan(0);
    for (const l of lanesOnTile) expect(page).toContain(l.name.split(/\s+/)[0]!);
    expect(laneNames.length).toBeGreaterThan(0);
    expect(page.length).toBeLessThan(text(file).length / 4);
    expect(page).toContain(`row 1, column ${Math.ceil(r.cols / 2)}`);
    run('pdftoppm', '-r', '60', '-png', '-f', String(mid + 1), '-l', String(mid + 1), file, path.join(shots, 'big-450-tile'));
    run('pdftoppm', '-r', '60', '-png', '-f', '1', '-l', '1', file, path.join(shots, 'big-450-overview'));
    expect(fs.readdirSync(shots).some((f) => f.startsWith('big-450-overview'))).toBe(true);
  }, 240_000);

  test('given text in the map with markup and a 10,000-character title, then the PDF is made and the markup is text', async () => {
    const doc = loadMap('template:sample-sales-map');
    const first = Object.values(doc.steps)[0]!;
    const odd: MapDoc = { ...doc, title: 'T'.repeat(10_000), steps: { ...doc.steps, [first.id]: { ...first, title: '<script>alert(1)</script> & «ёлка»' } } };
    const file = path.join(dir, 'odd.pdf');
    await pdfOf(odd, { mode: 'fit', paper: 'letter', landscape: true }, 'en', file);
    // the title wraps where it likes: compared without the line breaks
    expect(text(file).replace(/\s+/g, '')).toContain('<script>alert(1)</script>&«ёлка»');
    expect(info(file)).toMatch(/Page size:\s+792 x 612 pts \(letter\)/);
  }, 60_000);
});

describe('the key in pictures', () => {
  test('given a Russian export, then the SVG explains the shapes and chips it shows in Russian, and only those', () => {
    const doc = loadMap('template:sample-sales-map');
    const { svg } = renderMapSvg(doc, { key: { labels: KEY_WORDS.ru } });
    expect(svg).toContain('Условные обозначения');
    expect(svg).toContain('>Решение<');
    expect(svg).toContain('>Задача<');
    expect(svg).toContain('Входы (число)');
    const kinds = new Set(Object.values(doc.steps).map((s) => s.kind));
    if (!kinds.has('parallel')) expect(svg).not.toContain('Параллельное');
    expect(renderMapSvg(doc, {}).svg).not.toContain('lm-key');
  });
});

describe('lanemap export --format pdf / png --tiles', () => {
  beforeAll(() => fs.mkdirSync(dir, { recursive: true }));

  test('given --format pdf --tiles --paper letter --portrait, then pdfinfo reads Letter portrait pages and the CLI says how many', () => {
    const out = path.join(dir, 'cli.pdf');
    const r = lanemap('export', 'template:full-cycle.en', '--format', 'pdf', '--tiles', '--paper', 'letter', '--portrait', '--out', out);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/note: \d+ page\(s\) \(\d+ × \d+ tiles at \d+%, step titles at 8\.0 pt\)/);
    expect(info(out)).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
  }, 120_000);

  test('given a bad paper or scale, then one clear line and exit 1', () => {
    expect(lanemap('export', 'template:sample-sales-map', '--format', 'pdf', '--paper', 'a5', '--out', path.join(dir, 'x.pdf')).err).toMatch(/^lanemap: Unknown paper "a5"/);
    const r = lanemap('export', 'template:sample-sales-map', '--out', path.join(dir, 'x.pdf'), '--scale', 'huge');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^lanemap: --scale for a PDF is readable/);
    expect(r.err).not.toMatch(/at .*\.ts:/);
  }, 60_000);

  test('given --format png --tiles, then the ZIP holds index.txt, overview.png and row-column tiles that are PNGs', () => {
    const out = path.join(dir, 'tiles.zip');
    const r = lanemap('export', 'template:full-cycle.en', '--format', 'png', '--tiles', '--scale', '1', '--out', out);
    expect(r.code).toBe(0);
    const list = run('unzip', '-Z1', out).trim().split('\n');
    expect(list).toContain('index.txt');
    expect(list).toContain('overview.png');
    const tiles = list.filter((f) => /-r\d\d-c\d\d\.png$/.test(f));
    expect(tiles.length).toBeGreaterThan(1);
    const index = run('unzip', '-p', out, 'index.txt');
    for (const t of tiles) expect(index).toContain(t);
    const x = path.join(dir, 'unz');
    run('unzip', '-o', '-d', x, out);
    const png = fs.readFileSync(path.join(x, tiles[0]!));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    fs.copyFileSync(path.join(x, 'overview.png'), path.join(shots, 'png-tiles-overview.png'));
  }, 120_000);
});
