/**
 * Pasting a block from Excel into the step table: reading the tab-separated text as Excel
 * writes it, mapping a header row, the plan (added rows, changed cells, lanes to create, every
 * problem with its row and column) and the one command that applies it.
 */
import { describe, expect, test } from 'vitest';
import { applyCommand } from '../../shared/model/commands';
import { mapGeometry, frameSize } from '../../shared/model/geometry';
import { MapChangesSchema } from '../../shared/model/schema';
import { diffMaps } from '../../shared/model/diff';
import { readingOrder } from '../../shared/export/svg';
import type { MapDoc } from '../../shared/model/types';
import { headerColumn, MAX_PASTE_ROWS, parseTsv, pasteCommand, planPaste, type PasteTarget } from '../../shared/views/tablePaste';
import { tableSheet } from '../../shared/views/table';
import { salesMap } from '../support/builders';

let n = 0;
const ids = () => `new-${++n}`;

function target(doc: MapDoc, over: Partial<PasteTarget> = {}): PasteTarget {
  const rowStepIds = readingOrder(doc).map((s) => s.id);
  return { rowStepIds, row: 0, column: 0, lang: 'ru', headers: 'detect', defaultRoleId: 's-manager', defaultPhaseId: null, ...over };
}

/** Plans and applies a paste, as the preview's Apply does. */
function paste(doc: MapDoc, tsv: string, over: Partial<PasteTarget> = {}) {
  const plan = planPaste(doc, parseTsv(tsv), target(doc, over));
  const command = pasteCommand(doc, plan, ids);
  return { plan, command, after: command ? applyCommand(doc, command) : doc };
}

const byTitle = (doc: MapDoc, title: string) => Object.values(doc.steps).find((s) => s.title === title)!;

describe('parseTsv', () => {
  test('tabs separate cells, CRLF or LF separate rows, the last line break is dropped', () => {
    expect(parseTsv('a\tb\r\nc\td\r\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parseTsv('a\tb\nc\td')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  test('a quoted cell may hold tabs, line breaks and doubled quotes, as Excel writes them', () => {
    const excel = '"Позвонить\tклиенту"\t"Строка 1\r\nСтрока 2"\t"Он сказал ""да"""\r\nЕщё\t\t\r\n';
    expect(parseTsv(excel)).toEqual([
      ['Позвонить\tклиенту', 'Строка 1\nСтрока 2', 'Он сказал "да"'],
      ['Ещё', '', ''],
    ]);
  });

  test('a quote inside an unquoted cell, or one that never closes, is text', () => {
    expect(parseTsv('Труба 5" и 3"\tx')).toEqual([['Труба 5" и 3"', 'x']]);
    expect(parseTsv('"не закрыта\ty')).toEqual([['"не закрыта', 'y']]);
    expect(parseTsv('"ab"c\td')).toEqual([['"ab"c', 'd']]);
  });

  test('empty rows at the end are dropped; empty cells are kept', () => {
    expect(parseTsv('a\t\tc\n\t\n\n')).toEqual([['a', '', 'c']]);
    expect(parseTsv('')).toEqual([]);
  });
});

describe('headerColumn', () => {
  test.each([
    ['Title', 'title'],
    ['НАЗВАНИЕ', 'title'],
    ['Шаг', 'title'],
    ['Роль', 'role'],
    ['Исполнитель', 'role'],
    ['Этап', 'phase'],
    ['Длительность', 'duration'],
    ['Время ожидания', 'wait'],
    ['Входы', 'inputs'],
    ['outputs', 'outputs'],
    ['Инструменты', 'resources'],
    ['Описание', 'description'],
    ['Тип', 'kind'],
    ['Ожидание', 'wait'],
  ])('%s names %s', (header, column) => {
    expect(headerColumn(header)?.column).toBe(column);
  });

  test('a unit in the header sets the unit of bare numbers', () => {
    expect(headerColumn('Длительность, ч')).toEqual({ column: 'duration', unit: 'h' });
    expect(headerColumn('Duration (min)')).toEqual({ column: 'duration', unit: 'min' });
    expect(headerColumn('Ожидание (дн.)')).toEqual({ column: 'wait', unit: 'd' });
    expect(headerColumn('Название, ч')).toBeNull();
    expect(headerColumn('Квалификация лида')).toBeNull();
  });
});

describe('planPaste with a header row', () => {
  test('columns in any order and case map by name; a known title updates its step, an unknown one adds a step', () => {
    const doc = salesMap();
    const { plan, after } = paste(doc, 'длительность\tНАЗВАНИЕ\tРоль\n1 ЧАС\tквалификация ЛИДА\t\n2 дня\tВыставить счёт\tБухгалтерия\n');
    expect(plan.mode).toBe('header');
    expect(plan.errors).toEqual([]);
    expect(plan.updates).toEqual([
      expect.objectContaining({ row: 2, title: 'Квалификация лида', changes: [{ column: 'duration', from: '30 мин', to: '1 ч' }] }),
    ]);
    expect(plan.adds).toEqual([expect.objectContaining({ row: 3, title: 'Выставить счёт', role: 'Бухгалтерия', kind: 'task' })]);
    expect(plan.newRoles).toEqual(['Бухгалтерия']);
    expect(byTitle(after, 'Квалификация лида').duration).toEqual({ value: 1, unit: 'h' });
    const added = byTitle(after, 'Выставить счёт');
    expect(after.roles[added.roleId]!.name).toBe('Бухгалтерия');
    expect(added.duration).toEqual({ value: 2, unit: 'd' });
    expect(Object.keys(after.roles)).toHaveLength(4);
  });

  test('titles match whatever the case, «ё» or spaces; a row that changes nothing is counted as unchanged', () => {
    const doc = salesMap();
    doc.steps['s-offer']!.title = 'Согласование  скидки ёлки';
    const { plan } = paste(doc, 'Title\tDuration\nсогласование скидки елки\t1,5 ч\n');
    expect(plan.errors).toEqual([]);
    expect(plan.updates).toEqual([]);
    expect(plan.adds).toEqual([]);
    expect(plan.unchanged).toBe(1);
  });

  test('a number alone is in minutes, or in the unit its header names', () => {
    const doc = salesMap();
    expect(paste(doc, 'Название\tДлительность\nКвалификация лида\t45\n').plan.updates[0]!.changes[0]!.to).toBe('45 мин');
    const hours = paste(doc, 'Название\tДлительность, ч\nКвалификация лида\t2\n');
    expect(hours.plan.bareUnits).toEqual({ duration: 'h' });
    expect(byTitle(hours.after, 'Квалификация лида').duration).toEqual({ value: 2, unit: 'h' });
  });

  test('a column the table does not know is ignored and said so', () => {
    const { plan } = paste(salesMap(), 'Название\tДлительность\tКомментарий руководителя\nКвалификация лида\t2 ч\tважно\n');
    expect(plan.ignored).toEqual(['Комментарий руководителя']);
    expect(plan.errors).toEqual([]);
    expect(plan.updates).toHaveLength(1);
  });

  test('without a Title column rows cannot be matched: an error, nothing applied', () => {
    const { plan, command } = paste(salesMap(), 'Роль\tДлительность\nКлиент\t2 ч\n');
    expect(plan.errors).toEqual([{ code: 'noTitleColumn' }]);
    expect(command).toBeNull();
  });

  test('two steps with the same title, or a title twice in the block, are errors with their row', () => {
    const doc = salesMap();
    doc.steps['s-offer']!.title = 'Квалификация лида';
    expect(paste(doc, 'Название\tДлительность\nКвалификация лида\t1 ч\n').plan.errors).toEqual([
      { code: 'ambiguousTitle', row: 2, column: 'title', value: 'Квалификация лида', count: 2 },
    ]);
    expect(paste(salesMap(), 'Название\nНовый шаг\nновый  ШАГ\n').plan.errors).toEqual([
      { code: 'repeatedTitle', row: 3, column: 'title', value: 'новый ШАГ', count: 2 },
    ]);
  });

  test('English headers and kind names work on a Russian map', () => {
    const { plan, after } = paste(salesMap(), 'Title\tKind\tRole\nClient happy?\tDecision\tКлиент\n', { lang: 'en' });
    expect(plan.errors).toEqual([]);
    const s = byTitle(after, 'Client happy?');
    expect(s.kind).toBe('decision');
    expect(s.roleId).toBe('s-client');
  });
});

describe('planPaste without headers (at the active cell)', () => {
  test('overwrites rightwards and downwards from the active cell; rows past the end become new steps', () => {
    const doc = salesMap();
    const rows = readingOrder(doc).map((s) => s.id);
    // active cell: the last row, column «Длительность»
    const { plan, after } = paste(doc, '2 ч\t15 мин\n3 ч\t\n', { row: rows.length - 1, column: 4 });
    expect(plan.mode).toBe('position');
    expect(plan.start).toEqual({ row: rows.length - 1, column: 'duration' });
    expect(plan.updates).toHaveLength(1);
    expect(plan.updates[0]!.changes).toEqual([
      { column: 'duration', from: '1,5 ч', to: '2 ч' },
      { column: 'wait', from: '', to: '15 мин' },
    ]);
    // the second row is past the end and has no title: an error, nothing applied
    expect(plan.errors).toEqual([{ code: 'emptyTitleNew', row: 2, column: 'title' }]);
    expect(after).toBe(doc);
  });

  test('a block from the Title column adds steps in the default lane, the named phase, with their lists', () => {
    const doc = salesMap('s', { phases: [{ id: 'ph1', name: 'Лиды', order: 0 }] });
    const rows = readingOrder(doc).map((s) => s.id);
    const { plan, after } = paste(doc, 'Позвонить\tЗадача\t\tЛиды\t10\t\t"Номер; Скрипт"\tРезультат звонка\tТелефон\n', { row: rows.length });
    expect(plan.errors).toEqual([]);
    expect(plan.adds).toHaveLength(1);
    const s = byTitle(after, 'Позвонить');
    expect(s).toMatchObject({
      kind: 'task',
      roleId: 's-manager',
      phaseId: 'ph1',
      duration: { value: 10, unit: 'min' },
      inputs: ['Номер', 'Скрипт'],
      outputs: ['Результат звонка'],
      resources: ['Телефон'],
    });
  });

  test('more columns than there is room for right of the active cell: a clear error, nothing applied', () => {
    const doc = salesMap();
    const { plan, command } = paste(doc, 'a\tb\tc\n', { column: 8 });
    expect(plan.errors).toEqual([{ code: 'tooManyColumns', count: 3, limit: 2 }]);
    expect(command).toBeNull();
  });

  test('a typed value is never taken as a header', () => {
    const doc = salesMap();
    const { plan } = paste(doc, 'Описание', { column: 0, headers: 'none' });
    expect(plan.mode).toBe('position');
    expect(plan.updates[0]!.changes).toEqual([{ column: 'title', from: 'Заявка поступила', to: 'Описание' }]);
  });
});

describe('bad input: a clear message per row and column, nothing applied', () => {
  test.each([
    ['5 лет', { reason: 'unknownUnit', unit: 'лет' }],
    ['-3 h', { reason: 'negative', unit: undefined }],
    ['abc', { reason: 'notDuration', unit: undefined }],
  ])('duration «%s»', (value, detail) => {
    const doc = salesMap();
    const { plan, command, after } = paste(doc, `Название\tДлительность\nКвалификация лида\t1 ч\nНовый шаг\t${value}\n`);
    expect(plan.errors).toEqual([{ code: 'badDuration', row: 3, column: 'duration', value, ...detail }]);
    expect(command).toBeNull();
    expect(after).toBe(doc);
  });

  test('an unknown kind, an empty title for a new step, a title over the limit: each named by row and column', () => {
    const long = 'Я'.repeat(301);
    const { plan, command } = paste(salesMap(), `Название\tТип\nШаг А\tПроцедура\n\tЗадача\n${long}\tЗадача\n`);
    expect(plan.errors).toEqual([
      { code: 'unknownKind', row: 2, column: 'kind', value: 'Процедура' },
      { code: 'emptyTitleNew', row: 3, column: 'title' },
      { code: 'tooLong', row: 4, column: 'title', limit: 300, count: 301 },
    ]);
    expect(command).toBeNull();
  });

  test('an item over the limit, too many items, a description over the limit', () => {
    const doc = salesMap();
    const items = Array.from({ length: 201 }, (_, i) => `Вход ${i}`).join('; ');
    const { plan } = paste(doc, `Название\tВходы\tВыходы\tОписание\nКвалификация лида\t${items}\t${'х'.repeat(301)}\t${'о'.repeat(20_001)}\n`);
    expect(plan.errors.map((e) => [e.code, e.column])).toEqual([
      ['tooManyItems', 'inputs'],
      ['tooLong', 'outputs'],
      ['tooLong', 'description'],
    ]);
  });

  test('more rows than a paste takes is refused at once', () => {
    const tsv = 'Название\n' + Array.from({ length: MAX_PASTE_ROWS + 1 }, (_, i) => `Шаг ${i}`).join('\n');
    const { plan, command } = paste(salesMap(), tsv);
    expect(plan.errors).toEqual([{ code: 'tooManyRows', count: MAX_PASTE_ROWS + 1, limit: MAX_PASTE_ROWS }]);
    expect(command).toBeNull();
  });

  test('a header row alone, or nothing at all, says so', () => {
    expect(paste(salesMap(), 'Название\tДлительность\n').plan.errors).toEqual([{ code: 'onlyHeader' }]);
    expect(paste(salesMap(), '\n\t\n').plan.errors).toEqual([{ code: 'nothingToPaste' }]);
  });

  test('<script> in a title is just text', () => {
    const { plan, after } = paste(salesMap(), 'Название\n<script>alert(1)</script>\n');
    expect(plan.errors).toEqual([]);
    expect(byTitle(after, '<script>alert(1)</script>')).toBeTruthy();
  });
});

describe('pasteCommand', () => {
  test('one changed cell is the canvas’s own command; more is one pasteSteps', () => {
    const doc = salesMap();
    const one = paste(doc, 'Название\tДлительность\nКвалификация лида\t2 ч\n');
    expect(one.command).toEqual({ type: 'updateStep', args: { stepId: 's-qualify', patch: { duration: { value: 2, unit: 'h' } } } });
    const role = paste(doc, 'Название\tРоль\nКвалификация лида\tКлиент\n');
    expect(role.command).toEqual({ type: 'setStepRole', args: { stepId: 's-qualify', roleId: 's-client' } });
    const two = paste(doc, 'Название\tДлительность\tОжидание\nКвалификация лида\t2 ч\t1 дн\n');
    expect(two.command?.type).toBe('pasteSteps');
  });

  test('20 pasted rows: one edit that the schema accepts, new steps after the existing ones in their lane, none overlapping', () => {
    const doc = salesMap('s', { phases: [{ id: 'ph1', name: 'Лиды', order: 0 }] });
    for (const s of Object.values(doc.steps)) s.phaseId = 'ph1';
    const lanes = ['Менеджер по продажам', 'Клиент', 'Логистика'];
    const rows = Array.from({ length: 20 }, (_, i) => `Шаг ${i + 1}\t${lanes[i % 3]}\tЛиды\t${i + 1} ч`);
    const { plan, after } = paste(doc, `Название\tРоль\tЭтап\tДлительность\n${rows.join('\n')}\n`);
    expect(plan.errors).toEqual([]);
    expect(plan.adds).toHaveLength(20);
    expect(plan.newRoles).toEqual(['Логистика']);
    expect(MapChangesSchema.safeParse(diffMaps(doc, after)).success).toBe(true);
    // after the existing steps of their lane, in the order pasted
    const order = readingOrder(after).map((s) => s.title);
    for (const lane of ['s-manager', 's-client']) {
      const inLane = readingOrder(after)
        .filter((s) => s.roleId === lane)
        .map((s) => s.title);
      const pasted = inLane.filter((t) => t.startsWith('Шаг '));
      expect(inLane.slice(-pasted.length)).toEqual(pasted);
      expect(pasted).toEqual([...pasted].sort((a, b) => Number(a.slice(4)) - Number(b.slice(4))));
    }
    expect(order).toHaveLength(25);
    // level with each other in their lane (same size, same middle)
    for (const roleId of Object.keys(after.roles)) {
      const ys = new Set(
        Object.values(after.steps)
          .filter((s) => s.roleId === roleId && s.title.startsWith('Шаг '))
          .map((s) => s.y),
      );
      expect(ys.size).toBeLessThanOrEqual(1);
    }
    // no two steps overlap on the canvas
    const g = mapGeometry(after);
    const size = frameSize(after.direction);
    const boxes = Object.values(after.steps).map((s) => ({ ...g.positions.get(s.id)!, ...size(s), id: s.id }));
    for (const a of boxes)
      for (const b of boxes)
        if (a.id < b.id) expect(a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height, `${a.id} / ${b.id}`).toBe(false);
  });

  test('on a map drawn top to bottom, and on one without phases, pasted steps overlap nothing', () => {
    for (const direction of ['down', undefined] as const) {
      const doc = salesMap();
      if (direction) doc.direction = direction;
      const rows = Array.from(
        { length: 8 },
        (_, i) => `Шаг ${i + 1}\t${i % 2 ? 'Клиент' : 'Менеджер по продажам'}\tЗадача с длинным названием, которое переносится на несколько строк ${i}`,
      );
      const { plan, after } = paste(doc, `Название\tРоль\tОписание\n${rows.join('\n')}\n`);
      expect(plan.errors).toEqual([]);
      const g = mapGeometry(after);
      const size = frameSize(after.direction);
      const boxes = Object.values(after.steps).map((s) => ({ ...g.positions.get(s.id)!, ...size(s), id: s.id }));
      const overlaps = boxes.flatMap((a) =>
        boxes.filter((b) => a.id < b.id && a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height),
      );
      expect(overlaps).toEqual([]);
    }
  });

  test('a role or phase named in several rows is created once', () => {
    const { plan, after } = paste(salesMap(), 'Название\tРоль\tЭтап\nА\tСклад\tОтгрузка\nБ\tсклад\tОТГРУЗКА\n');
    expect(plan.newRoles).toEqual(['Склад']);
    expect(plan.newPhases).toEqual(['Отгрузка']);
    expect(Object.keys(after.roles)).toHaveLength(4);
    expect(Object.keys(after.phases)).toHaveLength(1);
    expect(byTitle(after, 'А').roleId).toBe(byTitle(after, 'Б').roleId);
  });

  test('empty cells clear what can be cleared, and leave kind and role as they are', () => {
    const doc = salesMap();
    const { plan, after } = paste(doc, 'Название\tТип\tРоль\tДлительность\tВходы\nКвалификация лида\t\t\t\t\n');
    expect(plan.updates[0]!.changes.map((c) => c.column)).toEqual(['duration', 'inputs']);
    const s = after.steps['s-qualify']!;
    expect(s).toMatchObject({ kind: 'task', roleId: 's-manager', duration: null, inputs: [] });
  });
});

describe('tableSheet', () => {
  test('the table’s columns in the user’s language, steps in reading order, lists joined, durations with units', () => {
    const doc = salesMap();
    doc.steps['s-qualify']!.wait = { value: 2, unit: 'd' };
    const ru = tableSheet(doc, 'ru');
    expect(ru.name).toBe('Таблица');
    expect(ru.columns.map((c) => c.header)).toEqual([
      'Название',
      'Тип',
      'Роль',
      'Этап',
      'Длительность',
      'Ожидание',
      'Входы',
      'Выходы',
      'Ресурсы',
      'Описание',
      'Автоматизация',
      'Система',
      'KPI',
      'Проблемы, потери',
    ]);
    expect(ru.rows.map((r) => r[0])).toEqual(readingOrder(doc).map((s) => s.title));
    expect(ru.rows.find((r) => r[0] === 'Квалификация лида')).toEqual([
      'Квалификация лида',
      'Задача',
      'Менеджер по продажам',
      null,
      '30 мин',
      '2 дн',
      'Заявка с сайта; Карточка лида',
      'Квалифицированный лид',
      'CRM; Скрипт звонка',
      null,
      'Вручную',
      null,
      null,
      null,
    ]);
    const en = tableSheet(doc, 'en');
    expect(en.columns[4]!.header).toBe('Duration');
    expect(en.rows.find((r) => r[0] === 'Согласование скидки')![4]).toBe('1.5 h');
  });

  test('the sheet pasted back into the map changes nothing (in both languages)', () => {
    const doc = salesMap();
    doc.steps['s-qualify']!.description = 'Строка 1\nСтрока 2 с "кавычками"\tи табом';
    for (const lang of ['ru', 'en'] as const) {
      const sheet = tableSheet(doc, lang);
      const cell = (c: string | number | null) => {
        const s = String(c ?? '');
        return /[\t\n"]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
      };
      const tsv = [sheet.columns.map((c) => c.header), ...sheet.rows].map((r) => r.map(cell).join('\t')).join('\r\n');
      const { plan } = paste(doc, tsv, { lang });
      expect(plan.errors).toEqual([]);
      expect(plan.updates).toEqual([]);
      expect(plan.adds).toEqual([]);
      expect(plan.unchanged).toBe(Object.keys(doc.steps).length);
    }
  });
});
