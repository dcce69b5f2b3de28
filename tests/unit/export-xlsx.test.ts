/**
 * The views as an Excel workbook (issue 10, part 3): written with exceljs and read back with
 * it — one sheet per view with its own headers and rows, the header row bold and frozen,
 * Cyrillic intact, numbers as numbers, formula-looking text kept as text, and Excel's own limits
 * (sheet names, cell length, characters XML forbids) kept whatever a map contains.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { loadMap } from '../../src-main/cli/main';
import { CELL_TEXT_MAX, excelSheetName, writeXlsx } from '../../src-main/export/xlsx';
import { dispatch, dispatchAsync } from '../../src-main/services/dispatch';
import type { Sheet } from '../../shared/views/sheet';
import { allViewSheets, EXPORT_SHEETS, viewSheet } from '../../shared/views/sheets';
import { openTempLibrary, removeTempDirs } from '../support/library';
import { expectedCells, readXlsx } from '../support/readXlsx';

afterAll(() => removeTempDirs());

const ru = loadMap('template:full-cycle.ru');

/** A hand-made sheet: the writer's edge cases do not depend on what the views' builders make. */
function sheet(name: string, headers: string[], rows: Sheet['rows'], widths?: number[]): Sheet {
  return { name, columns: headers.map((header, i) => ({ header, ...(widths?.[i] !== undefined ? { width: widths[i] } : {}) })), rows };
}

describe('every view as a sheet', () => {
  test.each(['ru', 'en'] as const)(
    'given the full sales cycle in %s, when all views are written, then each reads back as its builder made it, header bold and frozen',
    async (lang) => {
      const expected = allViewSheets(ru, lang);
      const book = await readXlsx(await writeXlsx(expected));
      expect(book.map((s) => s.name)).toEqual(expected.map((s) => excelSheetName(s.name, new Set())));
      expect(book).toHaveLength(EXPORT_SHEETS.length);
      expected.forEach((want, i) => {
        const got = book[i]!;
        const cells = expectedCells(want);
        expect(got.headers).toEqual(cells.headers);
        expect(got.rows).toEqual(cells.rows);
        expect(got.headerFrozen).toBe(true);
        if (want.columns.length) expect(got.headerBold).toBe(true);
        expect(got.formulas).toEqual([]);
      });
    },
  );

  test('given one view, then the workbook has that sheet only', async () => {
    const raci = viewSheet(ru, 'raci', 'ru');
    const book = await readXlsx(await writeXlsx([raci]));
    expect(book.map((s) => s.name)).toEqual([excelSheetName(raci.name, new Set())]);
  });
});

describe('the writer, on hand-made sheets', () => {
  const script = '<script>alert("x")</script>';
  const long = 'Ж'.repeat(10_000);
  const sample = sheet(
    'Шаги',
    ['Название', 'Минуты', 'Описание', 'Формула?'],
    [
      ['Квалификация лида «горячего» 🔥', 30, 'Первая строка\nвторая строка', '=1+1'],
      [script, 1.5, long, '+7 (495) 000-00-00'],
      ['Ёлка, ещё', -2, null, '-сразу'],
      ['@SUM(A1)', 0, '', '=HYPERLINK("http://x","жми")'],
    ],
  );

  test('given Cyrillic, emoji, <script>, a 10,000-character cell and numbers, then every cell reads back exactly, numbers as numbers', async () => {
    const [got] = await readXlsx(await writeXlsx([sample]));
    const want = expectedCells(sample);
    expect(got!.headers).toEqual(want.headers);
    expect(got!.rows).toEqual(want.rows);
    expect(got!.rows[1]![2]).toHaveLength(10_000);
    expect(typeof got!.rows[0]![1]).toBe('number');
    expect(got!.rows[2]![1]).toBe(-2);
  });

  test('given text that starts with = + - @, then it is a text cell, never a formula', async () => {
    const [got] = await readXlsx(await writeXlsx([sample]));
    expect(got!.formulas).toEqual([]);
    expect(got!.rows.map((r) => r[3])).toEqual(['=1+1', '+7 (495) 000-00-00', '-сразу', '=HYPERLINK("http://x","жми")']);
    expect(got!.rows[3]![0]).toBe('@SUM(A1)');
  });

  test('the header row is bold and frozen, with a filter over it; columns have the widths asked for', async () => {
    const [got] = await readXlsx(await writeXlsx([sheet('A', ['Роль', 'Шаг'], [['Менеджер', 'Звонок']], [22, 40])]));
    expect(got!.headerBold).toBe(true);
    expect(got!.headerFrozen).toBe(true);
    expect(got!.autoFilter).toBe('A1:B1');
    expect(got!.widths).toEqual([22, 40]);
  });

  test('without widths, a column is as wide as its longest line, within 8 and 60 characters', async () => {
    const [got] = await readXlsx(await writeXlsx([sheet('A', ['№', 'Длинный заголовок столбца', 'Текст'], [[1, 'x', 'а'.repeat(500)]])]));
    expect(got!.widths[0]).toBe(8);
    expect(got!.widths[1]).toBe('Длинный заголовок столбца'.length + 2);
    expect(got!.widths[2]).toBe(60);
  });

  test('given a cell longer than Excel allows, then it is cut to 32,767 characters ending in "…" and the rest of the sheet is intact', async () => {
    const [got] = await readXlsx(await writeXlsx([sheet('A', ['Входы'], [['в'.repeat(40_000)], ['после']])]));
    const cell = got!.rows[0]![0] as string;
    expect(cell).toHaveLength(CELL_TEXT_MAX);
    expect(cell.endsWith('…')).toBe(true);
    expect(got!.rows[1]).toEqual(['после']);
  });

  test('given characters XML forbids (control characters, a lone surrogate), then the file still opens and the text around them is kept', async () => {
    const [got] = await readXlsx(await writeXlsx([sheet('A', ['Шаг'], [['до\u0001\u0008после'], ['эмодзи \uD83D без пары'], ['таб\tи\nстрока']])]));
    expect(got!.rows.map((r) => r[0])).toEqual(['допосле', 'эмодзи \uFFFD без пары', 'таб\tи\nстрока']);
  });

  test('given rows longer or shorter than the header, then nothing is lost', async () => {
    const s = sheet('A', ['Один', 'Два'], [['а'], ['б', 'в', 'лишний']]);
    const [got] = await readXlsx(await writeXlsx([s]));
    expect(got!.headers).toEqual(['Один', 'Два', null]);
    expect(got!.rows).toEqual([
      ['а', null, null],
      ['б', 'в', 'лишний'],
    ]);
  });

  test('given an empty sheet, a header-only sheet and no sheets at all, then each is a valid workbook', async () => {
    const [empty, headerOnly] = await readXlsx(await writeXlsx([sheet('Пусто', [], []), sheet('Только заголовки', ['Роль', 'Шаг'], [])]));
    expect(empty).toMatchObject({ name: 'Пусто', headers: [], rows: [] });
    expect(headerOnly).toMatchObject({ name: 'Только заголовки', headers: ['Роль', 'Шаг'], rows: [], headerFrozen: true });
    const none = await readXlsx(await writeXlsx([]));
    expect(none).toHaveLength(1);
  });

  test('given non-finite numbers, then those cells are empty rather than a broken file', async () => {
    const [got] = await readXlsx(await writeXlsx([sheet('A', ['Ч'], [[Number.NaN], [Number.POSITIVE_INFINITY], [3]])]));
    expect(got!.rows).toEqual([[null], [null], [3]]);
  });
});

describe('sheet names Excel accepts', () => {
  test.each([
    ['a name over 31 characters is cut to 31', 'Ресурсы по ролям и шагам процесса продаж', 'Ресурсы по ролям и шагам процес'],
    ['[]:*?/\\ become _', 'RACI: [роли]/шаги*?\\', 'RACI_ _роли__шаги___'],
    ['apostrophes at either end go', "'Таблица'", 'Таблица'],
    ['an empty name becomes Sheet', '   ', 'Sheet'],
    ['"History" is reserved by Excel', 'History', 'History 1'],
    ['an emoji is never cut in half', `${'я'.repeat(30)}🔥`, 'я'.repeat(30)],
  ])('%s', (_label, name, want) => {
    const got = excelSheetName(name, new Set());
    expect(got).toBe(want);
    expect(got.length).toBeLessThanOrEqual(31);
  });

  test('repeated names (whatever their case) get (2), (3), still within 31 characters', () => {
    const taken = new Set<string>();
    const long = 'Ж'.repeat(40);
    expect(['Таблица', 'таблица', 'ТАБЛИЦА', long, long].map((n) => excelSheetName(n, taken))).toEqual([
      'Таблица',
      'таблица (2)',
      'ТАБЛИЦА (3)',
      'Ж'.repeat(31),
      `${'Ж'.repeat(27)} (2)`,
    ]);
  });

  test('given sheets named alike, then the workbook has them all, in order', async () => {
    const book = await readXlsx(await writeXlsx([sheet('RACI', ['A'], []), sheet('raci', ['B'], []), sheet('x'.repeat(50), ['C'], [])]));
    expect(book.map((s) => [s.name, s.headers[0]])).toEqual([
      ['RACI', 'A'],
      ['raci (2)', 'B'],
      ['x'.repeat(31), 'C'],
    ]);
  });
});

describe('views:xlsx, the call the renderer makes', () => {
  const lib = openTempLibrary();
  afterAll(() => lib.close());

  test('given a view sheet in Russian, then the answer is the workbook as base64', async () => {
    const table = sheet('Таблица', ['Шаг', 'Минуты'], [['Звонок клиенту', 15]]);
    const reply = await dispatchAsync(lib.services, 'views:xlsx', { sheets: [table] });
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    const [got] = await readXlsx(Buffer.from((reply.value as { content: string }).content, 'base64'));
    expect(got).toMatchObject({ name: 'Таблица', headers: ['Шаг', 'Минуты'], rows: [['Звонок клиенту', 15]], headerFrozen: true });
  });

  test.each([
    ['no sheets', { sheets: [] }, /names no sheet/],
    ['eleven sheets', { sheets: Array.from({ length: 11 }, () => sheet('A', [], [])) }, /at most 10 sheets/],
    ['a cell that is an object', { sheets: [{ name: 'A', columns: [], rows: [[{ formula: 'A1' }]] }] }, /text, a finite number or empty/],
    ['a cell that is not a number (NaN)', { sheets: [sheet('A', ['x'], [[Number.NaN]])] }, /text, a finite number or empty/],
    ['a sheet with an unknown field', { sheets: [{ ...sheet('A', [], []), style: 'x' }] }, /Unrecognized key/],
    [
      'more than 100,000 rows',
      {
        sheets: [
          sheet(
            'A',
            ['x'],
            Array.from({ length: 100_001 }, () => ['a']),
          ),
        ],
      },
      /at most 100000 rows/,
    ],
    [
      'more than a million cells in all',
      {
        sheets: [0, 1].map(() =>
          sheet(
            'A',
            ['x'],
            Array.from({ length: 100_000 }, () => ['a', 'b', 'c', 'd', 'e', 'f']),
          ),
        ),
      },
      /more than 1000000 cells/,
    ],
  ])('given %s, then it is refused with a readable message', async (_label, payload, why) => {
    const reply = await dispatchAsync(lib.services, 'views:xlsx', payload);
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    if (reply.ok) return;
    expect(reply.error.message).toMatch(/^Invalid views:xlsx request: /);
    expect(reply.error.message).toMatch(why);
    expect(reply.error.message.length).toBeLessThan(400);
  });

  test('through the plain (synchronous) dispatch the answer is a promise: the transports use dispatchAsync', async () => {
    const reply = dispatch(lib.services, 'views:xlsx', { sheets: [sheet('A', ['x'], [])] });
    expect(reply.ok && reply.value instanceof Promise).toBe(true);
    if (reply.ok) await reply.value;
  });
});
