/**
 * Any script in the exported pictures and PDFs (src-main/export/fallbackFonts.ts): letters the
 * bundled Inter lacks are drawn with a font of the machine that holds them. Read back with
 * poppler (pdftotext, pdffonts, pdftoppm) and resvg's own decoder; with the machine's fonts
 * hidden (LANEMAP_SYSTEM_FONTS=0 / systemFonts: false) the export still works and names the
 * letters it could not draw. Needs a CJK font (.ci/run installs fonts-wqy-microhei) and one
 * with Arabic (DejaVu Sans, with chromium's fonts). Pages and pictures land in
 * artifacts/screenshots/fonts/ to be looked at.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { toLanemapJson } from '../../shared/export/lanemapJson';
import { KEY_WORDS } from '../../shared/export/legendSvg';
import { blockWidthFor, PDF_WORDS } from '../../shared/export/pdfPlan';
import { renderMapSvg } from '../../shared/export/svg';
import type { MapDoc } from '../../shared/model/types';
import { loadMap } from '../../src-main/cli/main';
import { fontsForText } from '../../src-main/export/fallbackFonts';
import { renderPdf, textRuns } from '../../src-main/export/pdf';
import { solidDashes, svgToPng } from '../../src-main/export/png';
import { removeTempDirs, tempDir } from '../support/library';

const { Resvg } = createRequire(import.meta.url)('@resvg/resvg-js') as typeof import('@resvg/resvg-js');

afterAll(() => removeTempDirs());
const dir = tempDir();
const shots = path.resolve('artifacts/screenshots/fonts');
fs.mkdirSync(shots, { recursive: true });

function run(cmd: string, ...args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}
const norm = (s: string) => s.replace(/[\s\u202a-\u202e]+/g, ' ');

const CHINESE = '客户询价处理';
const ARABIC = 'مراجعة الطلب';
const HEBREW = 'שלום עולם';
const CYRILLIC = 'Проверка заявки';
/** A letter of a private-use plane: no font anywhere has it. */
const NOWHERE = '\u{10FFFD}';

/** The Russian lead qualification map with titles in Chinese, Arabic, Hebrew and Russian, a Chinese lane and title. */
function mixedMap(extra = ''): MapDoc {
  const doc = structuredClone(loadMap('template:lead-qualification.ru'));
  const ids = Object.keys(doc.steps);
  [CHINESE, ARABIC, HEBREW, `${CYRILLIC} 中文${extra}`].forEach((title, i) => (doc.steps[ids[i]!] = { ...doc.steps[ids[i]!]!, title }));
  const lane = Object.values(doc.roles).sort((a, b) => a.order - b.order)[0]!;
  doc.roles[lane.id] = { ...lane, name: '销售部' };
  return { ...doc, title: `Карта 流程 ${extra}` };
}

async function pdfOf(doc: MapDoc, file: string, systemFonts?: boolean) {
  const layout = { mode: 'fit' as const, paper: 'a4' as const, landscape: true };
  const picture = renderMapSvg(doc, { legend: true, key: { labels: KEY_WORDS.ru }, titleBlock: { title: doc.title }, blockWidth: blockWidthFor(layout) });
  const r = await renderPdf(picture, { ...layout, meta: { title: doc.title }, words: PDF_WORDS.ru, ...(systemFonts === false ? { systemFonts } : {}) });
  fs.writeFileSync(file, r.pdf);
  return r;
}

/** Pixels of a PNG, decoded by resvg (it reads PNG as an <image>). */
function pixelsOf(png: Buffer): { pixels: Buffer; width: number; height: number } {
  const img = new Resvg(`<svg xmlns="http://www.w3.org/2000/svg"><image href="data:image/png;base64,${png.toString('base64')}"/></svg>`).render();
  return { pixels: img.pixels, width: img.width, height: img.height };
}

beforeAll(() => {
  const cjk = fontsForText('中').faces;
  if (cjk.length === 0) throw new Error('No font on this machine holds Chinese letters: install fonts-wqy-microhei (.ci/run does).');
});

describe('letters Inter lacks, in the PDF', () => {
  test('given a map with Chinese, Arabic, Hebrew and Russian titles, when exported to PDF, then pdftotext gives the same letters back and pdffonts lists the machine\'s fonts embedded and subset', async () => {
    const file = path.join(dir, 'mixed.pdf');
    const r = await pdfOf(mixedMap(), file);
    expect(r.missing).toEqual([]);
    const text = norm(run('pdftotext', '-enc', 'UTF-8', file, '-'));
    expect(text).toContain(CHINESE);
    expect(text).toContain('销售部');
    expect(text).toContain('流程');
    expect(text).toContain(CYRILLIC);
    // right-to-left: the words come back in their own order, the letters joined back
    expect(text).toContain(ARABIC);
    expect(text).toContain(HEBREW);
    const fonts = run('pdffonts', file)
      .split('\n')
      .slice(2)
      .filter(Boolean)
      .map((l) => l.split(/\s+/));
    const names = fonts.map((f) => f[0]!.replace(/^[A-Z]{6}\+/, ''));
    const chinese = fontsForText('中').faces[0]!;
    const arabic = fontsForText('م').faces[0]!;
    expect(names).toContain(chinese.postscriptName);
    expect(names).toContain(arabic.postscriptName);
    // every font embedded, subset, with a Unicode map (emb sub uni: the three columns before the object number)
    for (const f of fonts) expect(f.slice(-5, -2)).toEqual(['yes', 'yes', 'yes']);
    run('pdftoppm', '-r', '200', '-png', '-f', '1', '-l', '1', '-x', '0', '-y', '100', '-W', '1800', '-H', '1000', file, path.join(shots, 'pdf-mixed'));
  });

  test('given the machine\'s fonts hidden, when exported to PDF, then the PDF is still made and the result names the letters it could not draw', async () => {
    const file = path.join(dir, 'hidden.pdf');
    const r = await pdfOf(mixedMap(), file, false);
    expect(r.pages).toBe(1);
    expect(r.missing).toEqual(expect.arrayContaining(['客', '户', '流', '程', 'م', 'ש', '销']));
    // Russian and Latin are Inter's own: never reported
    expect(r.missing.some((ch) => /[А-Яа-яA-Za-z]/.test(ch))).toBe(false);
    expect(norm(run('pdftotext', '-enc', 'UTF-8', file, '-'))).toContain(CYRILLIC);
  });

  test('given a letter no font has, when exported to PDF with the machine\'s fonts, then the rest is drawn and only that letter is named', async () => {
    const r = await pdfOf(mixedMap(NOWHERE), path.join(dir, 'nowhere.pdf'));
    expect(r.missing).toEqual([NOWHERE]);
  });
});

describe('letters Inter lacks, in the PNG', () => {
  test('given a Chinese and Arabic line, when drawn to PNG, then its pixels are exactly those of the machine\'s font drawing it, and not the empty boxes drawn without it', () => {
    const line = (family: string) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="360" height="60" font-family="${family}"><text x="10" y="40" font-size="28">${CHINESE}</text></svg>`;
    const withFallback = svgToPng(line('Inter'), { width: 360, height: 60 }, { scale: 1 });
    const without = svgToPng(line('Inter'), { width: 360, height: 60 }, { scale: 1, systemFonts: false });
    expect(withFallback.missing).toEqual([]);
    expect([...without.missing].join('')).toBe(CHINESE);
    const face = fontsForText(CHINESE).faces[0]!;
    const direct = new Resvg(line(face.family), { font: { loadSystemFonts: false, fontFiles: [face.file], defaultFontFamily: face.family }, background: '#ffffff' }).render();
    const a = pixelsOf(withFallback.png);
    const b = pixelsOf(without.png);
    expect(a.pixels.equals(Buffer.from(direct.pixels))).toBe(true);
    expect(a.pixels.equals(b.pixels)).toBe(false);
    fs.writeFileSync(path.join(shots, 'png-line-fallback.png'), withFallback.png);
    fs.writeFileSync(path.join(shots, 'png-line-hidden.png'), without.png);
  });

  test('given the mixed map, when exported to PNG, then nothing is missing, and with the machine\'s fonts hidden the letters are named', () => {
    const doc = mixedMap();
    const picture = renderMapSvg(doc, { legend: true, titleBlock: { title: doc.title } });
    const png = svgToPng(picture.svg, picture, { scale: 1 });
    expect(png.missing).toEqual([]);
    fs.writeFileSync(path.join(shots, 'png-mixed.png'), png.png);
    const hidden = svgToPng(picture.svg, picture, { scale: 1, systemFonts: false });
    expect(hidden.missing).toEqual(expect.arrayContaining(['客', 'م', 'ש']));
    expect(pixelsOf(png.png).pixels.equals(pixelsOf(hidden.png).pixels)).toBe(false);
  });

  test('given LANEMAP_SYSTEM_FONTS=0, when the CLI exports the map to PNG, then it writes the file and its note names the letters it could not draw', () => {
    const src = path.join(dir, 'mixed.lanemap.json');
    fs.writeFileSync(src, toLanemapJson(mixedMap(), { exportedAt: '2026-01-01T00:00:00.000Z' }));
    const out = path.join(dir, 'mixed.png');
    const r = spawnSync(process.execPath, ['bin/lanemap.mjs', 'export', src, '--format', 'png', '--out', out], {
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, LANEMAP_SYSTEM_FONTS: '0' },
    });
    expect(r.stderr).toMatch(/letters could not be drawn/);
    expect(r.stderr).toContain('流 (U+6D41)');
    expect(r.status).toBe(0);
    expect(fs.readFileSync(out).subarray(1, 4).toString('latin1')).toBe('PNG');
  });
});

describe('right-to-left runs', () => {
  const texts = (line: string) => textRuns(line, fontsForText(line)).map((r) => r.text);
  test('given a Hebrew line with a number in a Russian title, then the Hebrew run and its number are drawn in reverse order, the rest in place', () => {
    expect(texts(`Шаг ${HEBREW} 12 готов`)).toEqual(['Шаг', ' ', '12', ' ', HEBREW, ' ', 'готов']);
    expect(texts(`${ARABIC} ok`)).toEqual([ARABIC, ' ', 'ok']);
    expect(texts('中文 abc')).toEqual(['中文 ', 'abc']);
  });
});

describe('dashed lines drawn faster', () => {
  test('given the long dashed borders of phase columns, when their dashes are written out, then resvg draws exactly the same pixels', () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="2000"><rect width="300" height="2000" fill="#fff"/><path d="M100.5 -44V1990" stroke="#b9c0cc" stroke-dasharray="4 4"/><path d="M0 20.5H297" stroke="#333" stroke-dasharray="6 3"/></svg>`;
    const solid = solidDashes(svg);
    expect(solid).not.toContain('dasharray');
    const px = (s: string) => Buffer.from(new Resvg(s, { fitTo: { mode: 'zoom', value: 1.5 } }).render().pixels);
    expect(px(solid).equals(px(svg))).toBe(true);
  });
});
