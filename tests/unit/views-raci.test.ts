/**
 * The RACI matrix (issue 10, part 3): which steps get rows and in what order, what each cell
 * shows, the cycle a click makes and the keys, applied through the real `setRaci` command, the
 * "exactly one A" marker agreeing with the check, and the sheet.
 */
import { describe, expect, test } from 'vitest';
import { checkMap } from '../../shared/analysis/checks';
import { applyCommand, cmd } from '../../shared/model/commands';
import type { MapDoc, RaciLetter } from '../../shared/model/types';
import { readingOrder } from '../../shared/export/svg';
import { letterForKey, nextRaciLetter, raciKey, raciMatrix, raciSheet, stepsInReadingOrder, type RaciMark } from '../../shared/views/raci';
import { buildMap } from '../support/builders';
import { randomMap } from '../support/randomMaps';

const roles = [
  { id: 'head', name: 'Руководитель отдела продаж' },
  { id: 'sales', name: 'Менеджер по продажам' },
  { id: 'client', name: 'Клиент' },
];

/** Two phases; steps deliberately listed out of reading order. */
function map(): MapDoc {
  return buildMap({
    roles,
    phases: [
      { id: 'p2', name: 'Сделка', order: 1 },
      { id: 'p1', name: 'Лид', order: 0 },
    ],
    steps: [
      { id: 'sign', role: 'client', title: 'Подписать договор', phaseId: 'p2', x: 100 },
      { id: 'start', role: 'client', kind: 'start', title: 'Заявка', phaseId: 'p1', x: 0 },
      { id: 'qualify', role: 'sales', title: 'Квалифицировать лид', phaseId: 'p1', x: 200 },
      { id: 'ok', role: 'sales', kind: 'decision', title: 'Лид целевой?', phaseId: 'p1', x: 400 },
      { id: 'plan', role: 'head', kind: 'subprocess', title: 'Спланировать', phaseId: 'p1', x: 600 },
      { id: 'end', role: 'client', kind: 'end', title: 'Готово', phaseId: 'p2', x: 400 },
    ],
  });
}

const set = (doc: MapDoc, stepId: string, roleId: string, letter: RaciLetter | null) => applyCommand(doc, cmd('setRaci', { stepId, roleId, letter }));
const marksOf = (doc: MapDoc, stepId: string) => raciMatrix(doc).rows.find((r) => r.step.id === stepId)!.marks;

/** Clicks a cell as the view does: the next letter of the cycle, through the command. */
function click(doc: MapDoc, stepId: string, roleId: string): MapDoc {
  const m = raciMatrix(doc);
  const mark = m.rows.find((r) => r.step.id === stepId)!.marks[m.roles.findIndex((r) => r.id === roleId)]!;
  return set(doc, stepId, roleId, nextRaciLetter(mark));
}

describe('the matrix', () => {
  test('rows are tasks, sub-processes and decisions in reading order (phase, lane, left to right); columns are the lanes in order; start and end get none', () => {
    const m = raciMatrix(map());
    expect(m.rows.map((r) => r.step.id)).toEqual(['plan', 'qualify', 'ok', 'sign']);
    expect(m.roles.map((r) => r.name)).toEqual(['Руководитель отдела продаж', 'Менеджер по продажам', 'Клиент']);
    expect(m.rows[0]!.phase?.name).toBe('Лид');
  });

  test('the step’s own role shows R; before anything is set the map does not use RACI', () => {
    const m = raciMatrix(map());
    expect(marksOf(map(), 'qualify')).toEqual(['', 'R', '']);
    expect(m.usesRaci).toBe(false);
  });

  test('the rule of one A applies to tasks and sub-processes, not decisions', () => {
    const rows = raciMatrix(map()).rows;
    expect(rows.filter((r) => r.needsAccountable).map((r) => r.step.id)).toEqual(['plan', 'qualify', 'sign']);
  });
});

describe('reading order', () => {
  test.each([
    ['with phases and unphased steps', { seed: 1, steps: 300, lanes: 5, phases: 6, unphased: 0.2 }],
    ['without phases', { seed: 2, steps: 200, lanes: 4, phases: 0 }],
  ])('the views’ cheap order is the exported one (%s)', (_, spec) => {
    const doc = randomMap(spec);
    doc.steps.s5!.phaseId = 'gone'; // a phase deleted elsewhere: the "no phase" column
    expect(stepsInReadingOrder(doc).map((s) => s.id)).toEqual(readingOrder(doc).map((s) => s.id));
  });
});

describe('clicking cycles a cell', () => {
  test('another role’s cell: none → A → C → I → none', () => {
    let doc = map();
    const seen: RaciMark[] = [];
    for (let i = 0; i < 4; i++) {
      doc = click(doc, 'qualify', 'head');
      seen.push(marksOf(doc, 'qualify')[0]!);
    }
    expect(seen).toEqual(['A', 'C', 'I', '']);
    expect(doc.steps.qualify!.raci).toBeUndefined();
  });

  test('the own role’s cell: R → R/A → R', () => {
    let doc = click(map(), 'qualify', 'sales');
    expect(marksOf(doc, 'qualify')).toEqual(['', 'R/A', '']);
    doc = click(doc, 'qualify', 'sales');
    expect(marksOf(doc, 'qualify')).toEqual(['', 'R', '']);
  });

  test('an A set on another role moves from the role that had it (one A per step)', () => {
    let doc = click(map(), 'qualify', 'sales');
    doc = click(doc, 'qualify', 'head');
    expect(marksOf(doc, 'qualify')).toEqual(['A', 'R', '']);
  });
});

describe('keys', () => {
  test('A, C, I, R and Delete/Backspace, in a Latin or a Russian layout', () => {
    expect(raciKey('a', 'KeyA')).toBe('A');
    expect(raciKey('ф', 'KeyA')).toBe('A'); // Russian layout, the A key
    expect(raciKey('А', 'KeyF')).toBe('A'); // Cyrillic «А» typed
    expect(raciKey('с', 'KeyC')).toBe('C');
    expect(raciKey('I', 'KeyI')).toBe('I');
    expect(raciKey('к', 'KeyR')).toBe('R');
    expect(raciKey('Delete', 'Delete')).toBe('clear');
    expect(raciKey('Backspace', 'Backspace')).toBe('clear');
    expect(raciKey('x', 'KeyX')).toBeNull();
    expect(raciKey('ArrowDown', 'ArrowDown')).toBeNull();
  });

  test('on another role: A, C, I set the letter, Delete clears, R is refused (R is the step’s role)', () => {
    expect(letterForKey('C', '')).toEqual({ letter: 'C' });
    expect(letterForKey('A', 'I')).toEqual({ letter: 'A' });
    expect(letterForKey('clear', 'C')).toEqual({ letter: null });
    expect(letterForKey('R', '')).toEqual({ refused: 'r-elsewhere' });
  });

  test('on the own role: A makes it R/A, R or Delete takes the A back, C and I are refused', () => {
    expect(letterForKey('A', 'R')).toEqual({ letter: 'A' });
    expect(letterForKey('R', 'R/A')).toEqual({ letter: null });
    expect(letterForKey('clear', 'R/A')).toEqual({ letter: null });
    expect(letterForKey('C', 'R')).toEqual({ refused: 'own-role' });
    expect(letterForKey('I', 'R/A')).toEqual({ refused: 'own-role' });
  });

  test('what a key gives, the command accepts (C on the own role would be refused by it too)', () => {
    const doc = set(map(), 'qualify', 'client', 'C');
    expect(marksOf(doc, 'qualify')).toEqual(['', 'R', 'C']);
    expect(() => set(map(), 'qualify', 'sales', 'C')).toThrow(/responsible/);
  });
});

describe('the marker of the rule "exactly one A"', () => {
  const flagged = (doc: MapDoc) =>
    checkMap(doc)
      .filter((f) => f.rule === 'raci-accountable')
      .map((f) => (f.target.kind === 'step' ? f.target.id : ''));
  const unaccountable = (doc: MapDoc) => {
    const m = raciMatrix(doc);
    return m.usesRaci ? m.rows.filter((r) => r.needsAccountable && r.accountable !== 1).map((r) => r.step.id) : [];
  };

  test('once one A is set, the other tasks show “no A”, as the check says; setting theirs clears them', () => {
    let doc = set(map(), 'qualify', 'head', 'A');
    expect(unaccountable(doc).sort()).toEqual(['plan', 'sign']);
    expect(unaccountable(doc).sort()).toEqual(flagged(doc).sort());
    doc = set(doc, 'plan', 'head', 'A');
    doc = set(doc, 'sign', 'sales', 'A');
    expect(unaccountable(doc)).toEqual([]);
    expect(flagged(doc)).toEqual([]);
  });

  test('two A (from a file written elsewhere) are counted, and a deleted role’s A is not', () => {
    const doc = map();
    doc.steps.qualify!.raci = { head: 'A', client: 'A', gone: 'A' };
    const row = raciMatrix(doc).rows.find((r) => r.step.id === 'qualify')!;
    expect(row.accountable).toBe(2);
    expect(flagged(doc)).toContain('qualify');
  });
});

describe('the sheet', () => {
  test('English and Russian headers, a column per role, the letters, and who is accountable or what is missing', () => {
    let doc = set(map(), 'qualify', 'head', 'A');
    doc = set(doc, 'qualify', 'client', 'I');
    const ru = raciSheet(doc, 'ru');
    expect(ru.name).toBe('RACI');
    expect(ru.columns.map((c) => c.header)).toEqual(['Шаг', 'Вид', 'Этап', 'Руководитель отдела продаж', 'Менеджер по продажам', 'Клиент', 'Отвечает (A)']);
    expect(ru.rows[1]).toEqual(['Квалифицировать лид', 'Задача', 'Лид', 'A', 'R', 'I', 'Руководитель отдела продаж']);
    expect(ru.rows[0]).toEqual(['Спланировать', 'Подпроцесс', 'Лид', 'R', null, null, 'нет A']);
    expect(ru.rows[2]![1]).toBe('Решение');
    expect(ru.rows[2]![6]).toBeNull(); // a decision is not asked for an A
    const en = raciSheet(doc, 'en');
    expect(en.columns[0]!.header).toBe('Step');
    expect(en.rows[0]![6]).toBe('no A');
  });

  test('an own A reads R/A', () => {
    const doc = set(map(), 'sign', 'client', 'A');
    expect(raciSheet(doc, 'en').rows[3]).toEqual(['Подписать договор', 'Task', 'Сделка', null, null, 'R/A', 'Клиент']);
  });
});
