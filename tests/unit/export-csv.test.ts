/** The step table as CSV: Excel-friendly UTF-8, RFC 4180 quoting, reading order, no formulas. */
import { describe, expect, test } from 'vitest';
import { CSV_BOM, csvCell, parseCsv, renderStepsCsv } from '../../shared/export/csv';
import { salesMap } from '../support/builders';

describe('renderStepsCsv', () => {
  test('given a Cyrillic map with phases, when exported, then each step is one row in reading order with its lists and duration', () => {
    const doc = salesMap('s', {
      phases: [
        { id: 'p2', name: 'Сделка', order: 1 },
        { id: 'p1', name: 'Лид', order: 0 },
      ],
    });
    for (const s of Object.values(doc.steps)) s.phaseId = s.x < 500 ? 'p1' : 'p2';
    const csv = renderStepsCsv(doc);
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(csv).toContain('\r\n');
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual(['No.', 'Phase', 'Role', 'Kind', 'Title', 'Description', 'Inputs', 'Outputs', 'Resources', 'Duration', 'Duration (min)', 'Next steps']);
    // phase «Лид» first, then «Сделка»; inside a phase by lane (manager, client, head), then x
    expect(rows.slice(1).map((r) => r[0])).toEqual(['1', '2', '3', '4', '5']);
    expect(rows.slice(1).map((r) => r[4])).toEqual(['Заявка поступила', 'Квалификация лида', 'Сделка закрыта', 'Клиент согласен?', 'Согласование скидки']);
    const qualify = rows.find((r) => r[4] === 'Квалификация лида')!;
    expect(qualify.slice(1, 11)).toEqual([
      'Лид',
      'Менеджер по продажам',
      'task',
      'Квалификация лида',
      '',
      'Заявка с сайта; Карточка лида',
      'Квалифицированный лид',
      'CRM; Скрипт звонка',
      '30 min',
      '30',
    ]);
    expect(rows.find((r) => r[4] === 'Согласование скидки')!.slice(9, 11)).toEqual(['1.5 h', '90']);
  });

  test('given commas, quotes, newlines and formula-like text, when exported and read back, then every cell round-trips (formulas defused)', () => {
    const doc = salesMap('s');
    const titles = ['Звонок, "горячий"', 'Строка 1\nСтрока 2', '=HYPERLINK("http://x")', '+7 (495) 000-00-00', '-1', '@SUM(A1)', 'Обычный шаг'];
    Object.values(doc.steps).forEach((s, i) => (s.title = titles[i % titles.length]!));
    doc.steps['s-qualify']!.inputs = ['a;b', '"кавычки"', '=1+1'];
    const rows = parseCsv(renderStepsCsv(doc)).slice(1);
    const back = rows.map((r) => r[4]);
    for (const t of titles.slice(0, 5)) {
      const expected = /^[=+\-@]/.test(t) ? `'${t}` : t;
      expect(back).toContain(expected);
    }
    expect(rows.every((r) => r.length === 12)).toBe(true);
    expect(rows.find((r) => r[6]!.includes('кавычки'))![6]).toBe('a;b; "кавычки"; =1+1');
  });

  test('given single cells, when quoted, then only what needs it is quoted', () => {
    expect(csvCell('Клиент')).toBe('Клиент');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=cmd|calc')).toBe("'=cmd|calc");
    expect(csvCell('\tx')).toBe("'\tx");
  });
});
