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
    // every page counted: the overview, the printed parts of the grid, the keys; blank parts of the grid not printed
    expect(r.pages).toBe(1 + r.counts.tiles + r.counts.keys);
    expect(r.counts.tiles + r.counts.skipped).toBe(r.rows * r.cols);
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

describe('tiled pages that use the page', () => {
  const pagesOf = (file: string) => Number(/Pages:\s+(\d+)/.exec(info(file))![1]);
  type Layout = Parameters<typeof planPdf>[1];

  /** Each printed tile page: its text, and the step titles found whole on it. */
  function tilePages(file: string, r: Awaited<ReturnType<typeof pdfOf>>, layout: Layout, doc: MapDoc) {
    const plan = planPdf(r.picture, layout);
    expect(plan.pages.length).toBe(pagesOf(file));
    return plan.pages.flatMap((p, i) => (p.kind === 'tile' ? [{ tile: p, page: i + 1, text: norm(text(file, i + 1)), whole: Object.values(doc.steps).filter((s) => norm(text(file, i + 1)).includes(norm(s.title))) }] : []));
  }

  /** No card is cut by a page's edge unless that edge is an overlap (shared with the neighbour), where it is seen on both pages. */
  function cardsCut(r: Awaited<ReturnType<typeof pdfOf>>, layout: Layout) {
    const plan = planPdf(r.picture, layout);
    const cut: string[] = [];
    for (const p of plan.pages) {
      if (p.kind !== 'tile') continue;
      const b = p.body;
      for (const c of r.picture.frame.cards ?? []) {
        const inX = c.x < b.x + b.width && c.x + c.width > b.x;
        const inY = c.y < b.y + b.height && c.y + c.height > b.y;
        if (!inX || !inY) continue;
        const cutLeft = c.x < b.x - 0.5 && !p.shared.left;
        const cutRight = c.x + c.width > b.x + b.width + 0.5 && !p.shared.right;
        const cutTop = c.y < b.y - 0.5 && !p.shared.top;
        const cutBottom = c.y + c.height > b.y + b.height + 0.5 && !p.shared.bottom;
        if (cutLeft || cutRight || cutTop || cutBottom) cut.push(`row ${p.row} col ${p.col}: card at ${Math.round(c.x)},${Math.round(c.y)}`);
      }
    }
    return cut;
  }

  test('given the sample map on A4 landscape at readable size, then every page of the map holds whole step titles, no card is cut, and there are fewer pages than the 8 it took before', async () => {
    const doc = loadMap('template:sample-sales-map');
    const layout: Layout = { mode: 'tiles', paper: 'a4', landscape: true, scale: 'readable' };
    const file = path.join(dir, 'sample-tiles.pdf');
    const r = await pdfOf(doc, layout, 'en', file);
    const tiles = tilePages(file, r, layout, doc);
    for (const t of tiles) expect(t.whole.length, `page ${t.page} (row ${t.tile.row}, column ${t.tile.col}) shows no whole step title`).toBeGreaterThan(0);
    // every step's title is whole on some page
    for (const s of Object.values(doc.steps)) expect(tiles.some((t) => t.whole.includes(s)), s.title).toBe(true);
    expect(cardsCut(r, layout)).toEqual([]);
    expect(pagesOf(file)).toBeLessThan(8);
    // rows fill the page: the lanes packed into a row are more than half the page's body
    const plan = planPdf(r.picture, layout);
    const body = (plan.page.height - 2 * plan.margin - 16) / plan.ptPerPx - (r.picture.frame.lanesTop - r.picture.frame.phasesTop);
    const first = plan.pages.find((p) => p.kind === 'tile' && p.row === 1)!;
    expect(first.kind === 'tile' && first.body.height).toBeGreaterThan(body * 0.6);
    run('pdftoppm', '-r', '60', '-png', file, path.join(shots, 'tiles-sample-en-landscape'));
    const portrait = path.join(dir, 'sample-tiles-portrait.pdf');
    const rp = await pdfOf(doc, { ...layout, landscape: false }, 'en', portrait);
    for (const t of tilePages(portrait, rp, { ...layout, landscape: false }, doc)) expect(t.whole.length, `portrait page ${t.page}`).toBeGreaterThan(0);
    run('pdftoppm', '-r', '60', '-png', portrait, path.join(shots, 'tiles-sample-en-portrait'));
  }, 120_000);

  test('given the Russian full cycle on A4 landscape and portrait, then no page is a blank tile, the overview names only printed pages, and page numbers run over the printed pages', async () => {
    const doc = loadMap('template:full-cycle.ru');
    for (const landscape of [true, false]) {
      const layout: Layout = { mode: 'tiles', paper: 'a4', landscape, scale: 'readable' };
      const file = path.join(dir, `full-ru-${landscape ? 'l' : 'p'}.pdf`);
      const r = await pdfOf(doc, layout, 'ru', file);
      const tiles = tilePages(file, r, layout, doc);
      const total = pagesOf(file);
      // the names repeated on every page and the footer aside, each page of the map has text of the map: a step's title or a flow's label
      const frameWords = [...Object.values(doc.roles).map((x) => x.name), ...Object.values(doc.phases).map((x) => x.name), doc.title].map(norm);
      for (const t of tiles) {
        const own = frameWords.reduce((acc, w) => acc.split(w).join(' '), t.text.replace(/Страница \d+ из \d+ — ряд \d+, столбец \d+/, '')).trim();
        // (portrait: a page may hold only a flow's bend that carries on to the next page; such a page is printed, its text is only the names)
        if (landscape) expect(own, `page ${t.page} is a blank tile`).not.toBe('');
        expect(t.text).toContain(`Страница ${t.page} из ${total} — ряд ${t.tile.row}, столбец ${t.tile.col}`);
      }
      expect(r.counts.skipped).toBeGreaterThan(0);
      expect(r.pages).toBe(1 + r.counts.tiles + r.counts.keys);
      const overview = norm(text(file, 1));
      expect(overview).toContain(`страниц карты: ${r.counts.tiles}`);
      expect(overview).toContain(`заштрихованные части пусты и не печатаются (${r.counts.skipped})`);
      for (const s of Object.values(doc.steps)) expect(tiles.some((t) => t.whole.includes(s)), s.title).toBe(true);
      run('pdftoppm', '-r', '60', '-png', file, path.join(shots, `tiles-full-ru-${landscape ? 'landscape' : 'portrait'}`));
    }
  }, 240_000);

  test('given a map that fits one page at the chosen scale, then the plan is one fitted page, not an overview and one tile', async () => {
    const doc = loadMap('template:sample-sales-map');
    const layout: Layout = { mode: 'tiles', paper: 'a3', landscape: true, scale: 0.5 };
    const file = path.join(dir, 'one.pdf');
    const r = await pdfOf(doc, layout, 'en', file);
    // the map on one page (the keys, when they do not fit under it at this scale, on a page of their own)
    expect(pagesOf(file)).toBe(1 + r.counts.keys);
    expect(r.counts.overview).toBe(0);
    expect(r.counts.tiles).toBeLessThanOrEqual(1);
    expect(norm(text(file))).not.toContain('Overview');
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
    const note = /note: (\d+) pages: an overview with the grid, (\d+) pages? of the map \((\d+) × (\d+) grid\)(?:, (\d+) blank parts? not printed)?(?:, a page of keys)?; at \d+%, step titles at 8\.0 pt/.exec(r.err);
    expect(note, r.err).not.toBeNull();
    const [pages, tiles, rows, cols, skipped] = note!.slice(1).map((x) => Number(x ?? 0));
    expect(tiles! + skipped!).toBe(rows! * cols!);
    expect(info(out)).toMatch(new RegExp(`Pages:\\s+${pages}\\n`));
    expect(pages).toBe(1 + tiles! + (/a page of keys/.test(r.err) ? 1 : 0));
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
