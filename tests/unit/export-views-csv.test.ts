/**
 * A view as CSV (issue 10, part 3): what Excel opens without a wizard — UTF-8 with a byte order
 * mark, RFC 4180 quoting, CRLF line ends — with every cell read back as the view's builder made
 * it, and text that a spreadsheet would run as a formula defused.
 */
import { describe, expect, test } from 'vitest';
import { CSV_BOM, parseCsv } from '../../shared/export/csv';
import { sheetCsv } from '../../shared/views/csv';
import type { Sheet, SheetCell } from '../../shared/views/sheet';
import { allViewSheets, EXPORT_SHEETS, isSheetView, mapLanguage, SHEET_VIEWS, viewSheet } from '../../shared/views/sheets';
import { loadMap } from '../../src-main/cli/main';
import { salesMap } from '../support/builders';

const ru = loadMap('template:full-cycle.ru');
const en = loadMap('template:full-cycle.en');

/** A cell as the CSV should read back: numbers plainly, nothing as empty, formula-looking text behind an apostrophe. */
function readBack(v: SheetCell | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/** The CSV's lines outside quoted cells: each must end in CRLF. */
function bareLineFeeds(csv: string): number {
  return (
    csv
      .replace(/"(?:[^"]|"")*"/g, '')
      .replace(/\r\n/g, '')
      .split('\n').length - 1
  );
}

function sheet(name: string, headers: string[], rows: SheetCell[][]): Sheet {
  return { name, columns: headers.map((header) => ({ header })), rows };
}

describe('each view of the full sales cycle as CSV', () => {
  test.each(SHEET_VIEWS.flatMap((view) => [[view, 'ru'] as const, [view, 'en'] as const]))(
    'given the %s view in %s, then the CSV reads back as its sheet',
    (view, lang) => {
      const want = viewSheet(lang === 'ru' ? ru : en, view, lang);
      const csv = sheetCsv(want);
      expect(csv.startsWith(CSV_BOM)).toBe(true);
      expect(bareLineFeeds(csv)).toBe(0);
      const width = Math.max(want.columns.length, ...want.rows.map((r) => r.length));
      if (width === 0) return expect(csv).toBe(CSV_BOM);
      const pad = (cells: SheetCell[]) => Array.from({ length: width }, (_, i) => readBack(cells[i]));
      expect(parseCsv(csv)).toEqual([pad(want.columns.map((c) => c.header)), ...want.rows.map(pad)]);
    },
  );

  test('allViewSheets gives one sheet per view, in the order of the view switch, then the KPI and SWOT lists', () => {
    const sheets = allViewSheets(ru, 'ru');
    expect(sheets).toHaveLength(6);
    expect(sheets).toEqual(EXPORT_SHEETS.map((v) => viewSheet(ru, v, 'ru')));
    expect(sheets.slice(4).map((s) => s.name)).toEqual(['KPI', 'SWOT']);
    expect(SHEET_VIEWS).toEqual(['table', 'raci', 'sipoc', 'resources']);
  });

  test('only the four table views are sheet views', () => {
    expect(SHEET_VIEWS.every(isSheetView)).toBe(true);
    expect(['map', 'Table', '', 'check', undefined, 3].some(isSheetView)).toBe(false);
  });
});

describe('sheetCsv on hand-made sheets', () => {
  test('given Cyrillic, emoji, <script>, quotes, commas and line breaks, then every cell reads back exactly, with CRLF between rows', () => {
    const rows: SheetCell[][] = [
      ['Квалификация «горячего» лида 🔥', 'Звонок, "срочный"', 'Строка 1\nСтрока 2'],
      ['<script>alert(1)</script>', 'Ёлка', 'а\r\nб'],
    ];
    const csv = sheetCsv(sheet('Таблица', ['Название', 'Заметка', 'Описание'], rows));
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(bareLineFeeds(csv)).toBe(0);
    expect(parseCsv(csv)).toEqual([['Название', 'Заметка', 'Описание'], ...rows]);
  });

  test('given text that starts with = + - @, then it gets an apostrophe; numbers, even negative, are written plainly', () => {
    const csv = sheetCsv(
      sheet(
        'A',
        ['Текст', 'Число'],
        [
          ['=1+1', -2],
          ['+7 495', 1.5],
          ['-сразу', 0],
          ['@SUM(A1)', 30],
          ['обычный = текст', null],
        ],
      ),
    );
    expect(parseCsv(csv).slice(1)).toEqual([
      ["'=1+1", '-2'],
      ["'+7 495", '1.5'],
      ["'-сразу", '0'],
      ["'@SUM(A1)", '30'],
      ['обычный = текст', ''],
    ]);
  });

  test('given a 10,000-character cell, then it is kept whole', () => {
    const long = 'Ж'.repeat(10_000);
    expect(parseCsv(sheetCsv(sheet('A', ['Описание'], [[long]])))[1]).toEqual([long]);
  });

  test('given rows shorter or longer than the header, then every line has as many fields as the widest', () => {
    const rows = parseCsv(sheetCsv(sheet('A', ['Один', 'Два'], [['а'], ['б', 'в', 'лишний']])));
    expect(rows).toEqual([
      ['Один', 'Два', ''],
      ['а', '', ''],
      ['б', 'в', 'лишний'],
    ]);
  });

  test('given an empty sheet, then the file is the byte order mark alone; a header-only sheet is one line', () => {
    expect(sheetCsv(sheet('A', [], []))).toBe(CSV_BOM);
    expect(sheetCsv(sheet('A', ['Роль', 'Шаг'], []))).toBe(`${CSV_BOM}Роль,Шаг\r\n`);
  });

  test('given numbers that are not finite, then those cells are empty', () => {
    expect(parseCsv(sheetCsv(sheet('A', ['Ч'], [[Number.NaN], [Number.POSITIVE_INFINITY], [3]]))).slice(1)).toEqual([[''], [''], ['3']]);
  });
});

describe('mapLanguage: the language the command line writes a map’s views in by default', () => {
  test('given the Russian and English full cycles, then ru and en', () => {
    expect(mapLanguage(ru)).toBe('ru');
    expect(mapLanguage(en)).toBe('en');
  });

  test('given a Russian map with Latin product names (CRM, 1C), then still ru; an English map with one Cyrillic name, en', () => {
    const mixed = salesMap('m');
    mixed.title = 'Воронка продаж в CRM';
    for (const s of Object.values(mixed.steps)) s.title = 'Звонок клиенту через CRM';
    expect(mapLanguage(mixed)).toBe('ru');
    const english = salesMap('e');
    english.title = 'Sales funnel';
    for (const s of Object.values(english.steps)) s.title = 'Call the client';
    Object.values(english.roles).forEach((r, i) => (r.name = i === 0 ? 'Менеджер' : 'Sales manager'));
    expect(mapLanguage(english)).toBe('en');
  });
});
