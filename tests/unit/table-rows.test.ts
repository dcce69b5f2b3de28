/** The rows the step table shows: reading order, the filter (any column, case and «ё» folded, a role, a phase) and the sort. */
import { describe, expect, test } from 'vitest';
import { readingOrder } from '../../shared/export/svg';
import { NO_PHASE, nextSort, tableRows, type TableFilter } from '../../src-renderer/views/table/rows';
import { salesMap } from '../support/builders';

const ALL: TableFilter = { query: '', roleId: '', phaseId: '' };
const titles = (steps: { title: string }[]) => steps.map((s) => s.title);

function phasedMap() {
  const doc = salesMap('s', {
    phases: [
      { id: 'p1', name: 'Лиды', order: 0 },
      { id: 'p2', name: 'Сделка', order: 1 },
    ],
  });
  doc.steps['s-lead']!.phaseId = 'p1';
  doc.steps['s-qualify']!.phaseId = 'p1';
  doc.steps['s-offer']!.phaseId = 'p2';
  doc.steps['s-decide']!.phaseId = 'p2';
  doc.steps['s-offer']!.wait = { value: 1, unit: 'd' };
  doc.steps['s-decide']!.duration = { value: 600, unit: 'min' };
  return doc;
}

describe('tableRows', () => {
  test('without filter or sort, the steps in reading order (steps without a phase in front)', () => {
    const doc = phasedMap();
    expect(titles(tableRows(doc, 'ru', ALL, null))).toEqual(titles(readingOrder(doc)));
    expect(titles(tableRows(doc, 'ru', ALL, null))).toEqual([
      'Сделка закрыта',
      'Заявка поступила',
      'Квалификация лида',
      'Клиент согласен?',
      'Согласование скидки',
    ]);
  });

  test('the filter finds text in any column, whatever its case or «ё», every word required', () => {
    const doc = phasedMap();
    doc.steps['s-won']!.description = 'Счёт выставлен';
    expect(titles(tableRows(doc, 'ru', { ...ALL, query: 'СЧЕТ' }, null))).toEqual(['Сделка закрыта']);
    // a role name, an item, a kind name, a duration as shown
    expect(titles(tableRows(doc, 'ru', { ...ALL, query: 'клиент' }, null))).toEqual(['Клиент согласен?']);
    expect(titles(tableRows(doc, 'ru', { ...ALL, query: 'скрипт crm' }, null))).toEqual(['Квалификация лида']);
    expect(titles(tableRows(doc, 'ru', { ...ALL, query: 'решение' }, null))).toEqual(['Клиент согласен?']);
    expect(titles(tableRows(doc, 'en', { ...ALL, query: 'decision' }, null))).toEqual(['Клиент согласен?']);
    expect(titles(tableRows(doc, 'ru', { ...ALL, query: '1,5 ч' }, null))).toEqual(['Согласование скидки']);
    expect(tableRows(doc, 'ru', { ...ALL, query: 'нет такого' }, null)).toEqual([]);
  });

  test('by role and by phase (or no phase)', () => {
    const doc = phasedMap();
    expect(titles(tableRows(doc, 'ru', { ...ALL, roleId: 's-manager' }, null))).toEqual(['Сделка закрыта', 'Заявка поступила', 'Квалификация лида']);
    expect(titles(tableRows(doc, 'ru', { ...ALL, phaseId: NO_PHASE }, null))).toEqual(['Сделка закрыта']);
    expect(titles(tableRows(doc, 'ru', { ...ALL, phaseId: 'p2', roleId: 's-head' }, null))).toEqual(['Согласование скидки']);
  });

  test('sorted by duration: by length whatever the unit (600 min after 1.5 h), empty cells last either way', () => {
    const doc = phasedMap();
    expect(titles(tableRows(doc, 'ru', ALL, { column: 'duration', dir: 'asc' }))).toEqual([
      'Квалификация лида',
      'Согласование скидки',
      'Клиент согласен?',
      'Сделка закрыта',
      'Заявка поступила',
    ]);
    expect(titles(tableRows(doc, 'ru', ALL, { column: 'duration', dir: 'desc' }))).toEqual([
      'Клиент согласен?',
      'Согласование скидки',
      'Квалификация лида',
      'Сделка закрыта',
      'Заявка поступила',
    ]);
  });

  test('sorted by title alphabetically in Russian; by role in lane order; by phase in phase order', () => {
    const doc = phasedMap();
    expect(titles(tableRows(doc, 'ru', ALL, { column: 'title', dir: 'asc' }))).toEqual([
      'Заявка поступила',
      'Квалификация лида',
      'Клиент согласен?',
      'Сделка закрыта',
      'Согласование скидки',
    ]);
    const byRole = tableRows(doc, 'ru', ALL, { column: 'role', dir: 'asc' }).map((s) => s.roleId);
    expect(byRole).toEqual(['s-manager', 's-manager', 's-manager', 's-client', 's-head']);
    expect(tableRows(doc, 'ru', ALL, { column: 'phase', dir: 'desc' }).map((s) => s.phaseId)).toEqual(['p2', 'p2', 'p1', 'p1', null]);
  });

  test('a header click sorts ascending, then descending, then back to reading order', () => {
    const a = nextSort(null, 'title');
    expect(a).toEqual({ column: 'title', dir: 'asc' });
    const b = nextSort(a, 'title');
    expect(b).toEqual({ column: 'title', dir: 'desc' });
    expect(nextSort(b, 'title')).toBeNull();
    expect(nextSort(b, 'wait')).toEqual({ column: 'wait', dir: 'asc' });
  });
});
