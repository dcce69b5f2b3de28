/**
 * `npx lanemap export` and the views (issue 10, part 3): `--format xlsx` writes every view as a
 * sheet, `--format csv --view V` writes that view, `--lang` picks the headers' language (default:
 * the map's own), plain `--format csv` stays the step list it always was, and a wrong view or
 * language is one clear line and exit code 1.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { renderStepsCsv } from '../../shared/export/csv';
import { csvWords } from '../../shared/export/words';
import { toLanemapJson } from '../../shared/export/lanemapJson';
import { sheetCsv } from '../../shared/views/csv';
import { allViewSheets, EXPORT_SHEETS, SHEET_VIEWS, viewSheet } from '../../shared/views/sheets';
import { loadMap, main } from '../../src-main/cli/main';
import { excelSheetName } from '../../src-main/export/xlsx';
import { salesMap } from '../support/builders';
import { removeTempDirs, tempDir } from '../support/library';
import { expectedCells, readXlsx } from '../support/readXlsx';

afterAll(() => removeTempDirs());

const dir = tempDir();
const ru = loadMap('template:full-cycle.ru');

/** Runs bin/lanemap.mjs as a user would, with the project's Node. */
function lanemap(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/lanemap.mjs', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The same command in this process (quicker, for the many cases that need no separate Node). */
async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The names the workbook gives the sheets (Excel's rules applied in order, as the writer does). */
function sheetNames(names: string[]): string[] {
  const taken = new Set<string>();
  return names.map((n) => excelSheetName(n, taken));
}

describe('lanemap export --format xlsx', () => {
  test('given the Russian full cycle, then the workbook has every view as a sheet, in Russian by default, headers frozen', async () => {
    const out = path.join(dir, 'Полный цикл.xlsx');
    const r = lanemap('export', 'template:full-cycle.ru', '--format', 'xlsx', '--out', out);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toContain('Wrote');
    const expected = allViewSheets(ru, 'ru');
    const book = await readXlsx(fs.readFileSync(out));
    expect(book.map((s) => s.name)).toEqual(sheetNames(expected.map((s) => s.name)));
    expected.forEach((want, i) => {
      const { headers, rows } = expectedCells(want);
      expect(book[i]).toMatchObject({ headers, rows, headerFrozen: true, formulas: [] });
    });
  });

  test('given --lang en, then the sheets are the English ones; the format also comes from the .xlsx name', async () => {
    const out = path.join(dir, 'english.xlsx');
    expect((await run('export', 'template:full-cycle.ru', '--lang', 'en', '--out', out)).code).toBe(0);
    const expected = allViewSheets(ru, 'en');
    const book = await readXlsx(fs.readFileSync(out));
    expect(book.map((s) => [s.name, s.headers, s.rows])).toEqual(
      expected.map((s, i) => [sheetNames(expected.map((e) => e.name))[i], expectedCells(s).headers, expectedCells(s).rows]),
    );
  });

  test('given an English map and no --lang, then its views are in English', async () => {
    const out = path.join(dir, 'en-default.xlsx');
    expect((await run('export', 'template:full-cycle.en', '--format', 'xlsx', '--out', out)).code).toBe(0);
    const en = loadMap('template:full-cycle.en');
    const book = await readXlsx(fs.readFileSync(out));
    expect(book.map((s) => s.headers)).toEqual(allViewSheets(en, 'en').map((s) => expectedCells(s).headers));
  });

  test('given --view raci with xlsx, then the workbook has the RACI sheet only', async () => {
    const out = path.join(dir, 'raci.xlsx');
    expect((await run('export', 'template:full-cycle.ru', '--format', 'xlsx', '--view', 'raci', '--out', out)).code).toBe(0);
    const want = viewSheet(ru, 'raci', 'ru');
    const book = await readXlsx(fs.readFileSync(out));
    expect(book.map((s) => s.name)).toEqual(sheetNames([want.name]));
    expect(book[0]!.rows).toEqual(expectedCells(want).rows);
  });

  test('given a .lanemap.json file with a Cyrillic name, then it is exported to a Cyrillic file name', async () => {
    const file = path.join(dir, 'Воронка.lanemap.json');
    fs.writeFileSync(file, toLanemapJson(salesMap('v'), { exportedAt: '2026-03-05T12:00:00.000Z' }));
    const out = path.join(dir, 'Воронка — все представления.xlsx');
    expect((await run('export', file, '--out', out)).code).toBe(0);
    expect(await readXlsx(fs.readFileSync(out))).toHaveLength(EXPORT_SHEETS.length);
  });
});

describe('lanemap export --format csv', () => {
  test.each(SHEET_VIEWS)('given --view %s, then the file is that view as CSV (UTF-8 with BOM, CRLF)', async (view) => {
    const out = path.join(dir, `${view}.csv`);
    expect((await run('export', 'template:full-cycle.ru', '--format', 'csv', '--view', view, '--out', out)).code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toBe(sheetCsv(viewSheet(ru, view, 'ru')));
  });

  test('given --view TABLE in capitals with --lang en, through the real command, then the English table view', () => {
    const out = path.join(dir, 'table-en.csv');
    expect(lanemap('export', 'template:full-cycle.ru', '--view', 'TABLE', '--lang', 'EN', '--out', out)).toMatchObject({ code: 0, err: '' });
    expect(fs.readFileSync(out, 'utf8')).toBe(sheetCsv(viewSheet(ru, 'table', 'en')));
  });

  test('given no --view, then it is the step list, in the map\'s language with the separator Excel expects there', async () => {
    const out = path.join(dir, 'steps.csv');
    expect((await run('export', 'template:full-cycle.ru', '--format', 'csv', '--out', out)).code).toBe(0);
    const csv = fs.readFileSync(out, 'utf8');
    expect(csv).toBe(renderStepsCsv(ru, csvWords('ru')));
    expect(csv.split('\r\n')[0]).toBe('\uFEFF№;Этап;Роль;Тип;Название;Описание;Входы;Выходы;Ресурсы;Длительность;Длительность (мин);Следующие шаги');
  });
});

describe('lanemap export: clear errors for views', () => {
  const out = (ext: string) => path.join(dir, `err.${ext}`);
  test.each([
    [
      'an unknown view',
      ['--format', 'csv', '--view', 'kanban', '--out', out('csv')],
      /^lanemap: Unknown view "kanban": use --view table, raci, sipoc, resources, kpis or swot\.$/,
    ],
    ['the map as a view', ['--format', 'csv', '--view', 'map', '--out', out('csv')], /The map view is the drawing: export it with --format svg or png/],
    ['--view without a value', ['--format', 'csv', '--out', out('csv'), '--view'], /--view needs a value/],
    [
      '--view with svg',
      ['--format', 'svg', '--view', 'raci', '--out', out('svg')],
      /--view raci is a table: use it with --format csv or xlsx \(svg exports the whole map\)/,
    ],
    ['--view with json', ['--view', 'sipoc', '--out', out('json')], /--view sipoc is a table: use it with --format csv or xlsx \(json/],
    ['--view with png', ['--format', 'png', '--view', 'table', '--out', out('png')], /--format csv or xlsx \(png/],
    ['an unknown language', ['--format', 'xlsx', '--lang', 'de', '--out', out('xlsx')], /Unknown language "de": use --lang en or --lang ru/],
    ['--sep with svg', ['--format', 'svg', '--sep', ';', '--out', out('svg')], /--sep sets the CSV's separator: use it with --format csv \(not svg\)/],
    ['an unknown separator', ['--format', 'csv', '--sep', 'tab', '--out', out('csv')], /Unknown separator "tab": use --sep ';'/],
    ['an unknown language', ['--format', 'svg', '--lang', 'de', '--out', out('svg')], /Unknown language "de": use --lang en or --lang ru/],
    ['xlsx written as .csv', ['--format', 'xlsx', '--out', out('csv')], /ends in \.csv but the format is xlsx/],
    ['--value-stream with csv', ['--format', 'csv', '--value-stream', '--out', out('csv')], /--value-stream draws under the map: use it with --format svg or png \(not csv\)/],
  ])('given %s, then exit 1 with one line saying what to do, and no file', async (_label, args, message) => {
    for (const ext of ['csv', 'svg', 'json', 'png', 'xlsx']) fs.rmSync(out(ext), { force: true });
    const r = await run('export', 'template:full-cycle.ru', ...args);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
    expect(r.err).toMatch(/^lanemap: /);
    expect(r.err.split('\n')).toHaveLength(1);
    expect(r.out).toBe('');
    for (const ext of ['csv', 'svg', 'json', 'png', 'xlsx']) expect(fs.existsSync(out(ext))).toBe(false);
  });

  test('--help names the xlsx format, --view and --lang with its default', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/svg\|png\|pdf\|csv\|json\|xlsx/);
    expect(r.out).toContain('--view table|raci|sipoc|resources');
    expect(r.out).toMatch(/--lang en\|ru .*default: the map's own/);
  });
});

describe('lanemap export --value-stream', () => {
  test('given an SVG with --value-stream, then the critical path timeline with its totals is under the map', async () => {
    const file = path.join(dir, 'vs.svg');
    const r = await run('export', 'template:full-cycle.ru', '--format', 'svg', '--value-stream', '--lang', 'en', '--out', file);
    expect(r.code).toBe(0);
    const svg = fs.readFileSync(file, 'utf8');
    expect(svg).toContain('class="value-stream"');
    expect(svg).toContain('Value stream (critical path)');
    expect(svg).toMatch(/Lead time: \d+ d/);
    const plain = path.join(dir, 'plain.svg');
    await run('export', 'template:full-cycle.ru', '--format', 'svg', '--out', plain);
    expect(fs.readFileSync(plain, 'utf8')).not.toContain('value-stream');
  });
});
