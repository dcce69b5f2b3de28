/**
 * The step CSV made to open right in Excel (issue 14): a separator of choice (`;` by default in
 * Russian), a step number and the next steps by number with branch labels, rows in reading
 * order, the duration as minutes in a column of its own beside the text, words in the export's
 * language; read back with the parser at each separator.
 */
import { describe, expect, test } from 'vitest';
import { CSV_BOM, parseCsv, renderStepsCsv } from '../../shared/export/csv';
import { csvWords, detectMapLanguage, EXPORT_WORDS } from '../../shared/export/words';
import { salesMap } from '../support/builders';

const doc = salesMap('s');

describe('renderStepsCsv for Excel', () => {
  test('given a Russian export, then «;» separates the cells, the words are Russian and the minutes are numbers beside the text', () => {
    const csv = renderStepsCsv(doc, csvWords('ru'));
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    // with the wrong separator a row is one cell: the file really is «;»-separated
    expect(parseCsv(csv, ',')[0]).toHaveLength(1);
    const [head, ...rows] = parseCsv(csv, ';');
    expect(head).toEqual(['№', 'Этап', 'Роль', 'Тип', 'Название', 'Описание', 'Входы', 'Выходы', 'Ресурсы', 'Длительность', 'Длительность (мин)', 'Следующие шаги']);
    expect(rows.map((r) => [r[0], r[4]])).toEqual([
      ['1', 'Заявка поступила'],
      ['2', 'Квалификация лида'],
      ['3', 'Сделка закрыта'],
      ['4', 'Клиент согласен?'],
      ['5', 'Согласование скидки'],
    ]);
    const byTitle = (t: string) => rows.find((r) => r[4] === t)!;
    expect(byTitle('Квалификация лида').slice(3)).toEqual([
      'Задача',
      'Квалификация лида',
      '',
      'Заявка с сайта; Карточка лида',
      'Квалифицированный лид',
      'CRM; Скрипт звонка',
      '30 мин',
      '30',
      '5',
    ]);
    expect(byTitle('Согласование скидки').slice(9)).toEqual(['1,5 ч', '90', '4']);
    // a decision's branches by number, with their labels, in number order
    expect(byTitle('Клиент согласен?')[11]).toBe('2 (нет); 3 (да)');
    expect(byTitle('Клиент согласен?')[3]).toBe('Решение');
    expect(byTitle('Сделка закрыта')[11]).toBe('');
  });

  test('given an English export, then «,» separates the cells and a minute count with a fraction uses a point', () => {
    const d = salesMap('e');
    d.steps['e-offer']!.duration = { value: 0.5, unit: 'min' };
    const [head, ...rows] = parseCsv(renderStepsCsv(d, csvWords('en')), ',');
    expect(head).toEqual(['No.', 'Phase', 'Role', 'Kind', 'Title', 'Description', 'Inputs', 'Outputs', 'Resources', 'Duration', 'Duration (min)', 'Next steps']);
    expect(rows.find((r) => r[4] === 'Согласование скидки')!.slice(9)).toEqual(['0.5 min', '0.5', '4']);
    expect(rows.find((r) => r[4] === 'Квалификация лида')![3]).toBe('Task');
  });

  test('given either separator chosen against the language, then every cell still reads back whole', () => {
    const d = salesMap('q');
    d.steps['q-qualify']!.title = 'Звонок; «горячий», "срочно"';
    d.steps['q-qualify']!.description = 'строка 1\nстрока 2';
    for (const separator of [';', ','] as const) {
      const rows = parseCsv(renderStepsCsv(d, { ...csvWords('ru'), separator }), separator);
      expect(rows.every((r) => r.length === 12)).toBe(true);
      const row = rows.find((r) => r[0] === '2')!;
      expect(row[4]).toBe('Звонок; «горячий», "срочно"');
      expect(row[5]).toBe('строка 1\nстрока 2');
    }
  });

  test('given only some steps, then they are numbered among themselves and a next step left out is named by its title', () => {
    const rows = parseCsv(renderStepsCsv(doc, { ...csvWords('en'), stepIds: ['s-qualify', 's-offer'] }), ',').slice(1);
    expect(rows.map((r) => [r[0], r[4], r[11]])).toEqual([
      ['1', 'Квалификация лида', '2'],
      ['2', 'Согласование скидки', '“Клиент согласен?”'],
    ]);
  });

  test('given a message flow, then the next step says it is a message', () => {
    const d = salesMap('m');
    d.flows['m-f2']!.message = true;
    const row = parseCsv(renderStepsCsv(d, csvWords('ru')), ';').find((r) => r[4] === 'Квалификация лида')!;
    expect(row[11]).toBe(`5 (${EXPORT_WORDS.ru.message})`);
  });
});

describe('detectMapLanguage', () => {
  test('mostly Cyrillic is Russian, mostly Latin English, no letters at all unknown', () => {
    expect(detectMapLanguage(salesMap('r'))).toBe('ru');
    const en = salesMap('l');
    en.title = 'Sales funnel: from a request to a deal';
    for (const s of Object.values(en.steps)) s.title = 'Qualify the lead';
    for (const r of Object.values(en.roles)) r.name = 'Sales manager';
    expect(detectMapLanguage(en)).toBe('en');
    const none = salesMap('n', { title: '2026', roles: [], steps: [], flows: [] });
    expect(detectMapLanguage(none)).toBeNull();
  });
});
