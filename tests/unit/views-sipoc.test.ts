/**
 * The SIPOC derivation (issue 10, part 3) on hand-made maps: items crossing phases, outside
 * parties, internal items left out, unknown suppliers and customers, a landscape map and a map
 * without phases by step, Cyrillic and «ё»/«е» matching, and the sheet.
 */
import { describe, expect, test } from 'vitest';
import type { ItemParty, MapDoc } from '../../shared/model/types';
import { isLandscape, sipoc, sipocSheet, type SipocItem, type SipocRow } from '../../shared/views/sipoc';
import { buildMap } from '../support/builders';

const roles = [
  { id: 'sales', name: 'Менеджер по продажам' },
  { id: 'client', name: 'Клиент' },
  { id: 'acc', name: 'Бухгалтерия' },
];

function withParties(doc: MapDoc, stepId: string, parties: ItemParty[]): MapDoc {
  doc.steps[stepId]!.parties = parties;
  return doc;
}

/** Two phases, «Лид» then «Сделка», with items crossing between them and staying inside. */
function twoPhases(): MapDoc {
  const doc = buildMap({
    roles,
    phases: [
      { id: 'lead', name: 'Лид', order: 0 },
      { id: 'deal', name: 'Сделка', order: 1 },
    ],
    steps: [
      { id: 'start', role: 'client', kind: 'start', title: 'Заявка пришла', phaseId: 'lead', x: 0, inputs: ['Заявка с сайта'], outputs: ['Заявка'] },
      {
        id: 'qualify',
        role: 'sales',
        title: 'Квалифицировать',
        phaseId: 'lead',
        x: 200,
        inputs: ['заявка', 'Бюджет клиента'],
        outputs: ['Карточка лида', 'Черновик'],
      },
      { id: 'invoice', role: 'acc', title: 'Выставить счёт', phaseId: 'lead', x: 400, inputs: ['Карточка лида', 'бюджет  клиента'], outputs: ['Счёт'] },
      {
        id: 'offer',
        role: 'sales',
        title: 'Подготовить КП',
        phaseId: 'deal',
        x: 0,
        inputs: ['КАРТОЧКА ЛИДА', 'Прайс-лист', 'счет'],
        outputs: ['Коммерческое предложение'],
      },
      {
        id: 'sign',
        role: 'client',
        title: 'Подписать договор',
        phaseId: 'deal',
        x: 200,
        inputs: ['Коммерческое предложение'],
        outputs: ['Подписанный договор'],
      },
      { id: 'end', role: 'client', kind: 'end', title: 'Сделка закрыта', phaseId: 'deal', x: 400, inputs: ['Подписанный договор'], outputs: ['Акт'] },
    ],
  });
  withParties(doc, 'offer', [{ kind: 'inputs', item: 'Прайс-лист', party: 'Поставщик' }]);
  withParties(doc, 'sign', [{ kind: 'outputs', item: 'подписанный договор', party: 'Банк' }]);
  return doc;
}

/** An item as "name ← supplier, supplier" (or "→ customers"); "?" when none is known. */
const show = (items: SipocItem[], arrow: string) => items.map((i) => `${i.item} ${arrow} ${i.parties.map((p) => p.name).join(', ') || '?'}`);
const row = (doc: MapDoc, id: string | null) => sipoc(doc).rows.find((r) => r.id === id)!;
const names = (r: SipocRow) => ({
  suppliers: r.suppliers.map((p) => p.name),
  inputs: show(r.inputs, '←'),
  process: r.process.map((s) => s.title),
  outputs: show(r.outputs, '→'),
  customers: r.customers.map((p) => p.name),
});

describe('by phase', () => {
  test('one row per phase, in phase order', () => {
    const s = sipoc(twoPhases());
    expect(s.by).toBe('phases');
    expect(s.rows.map((r) => r.name)).toEqual(['Лид', 'Сделка']);
  });

  test('the first phase: a start step’s input comes from its role; an input no step makes is unknown; items made and used inside are not listed', () => {
    expect(names(row(twoPhases(), 'lead'))).toEqual({
      suppliers: ['Клиент'],
      // «заявка» is the start step's output, used in the same phase: internal
      inputs: ['Бюджет клиента ← ?', 'Заявка с сайта ← Клиент'],
      process: ['Квалифицировать', 'Выставить счёт'],
      // «Карточка лида» is used in the phase and in the next: it leaves; «Черновик» nobody uses
      outputs: ['Карточка лида → Менеджер по продажам', 'Черновик → ?', 'Счёт → Менеджер по продажам'],
      customers: ['Менеджер по продажам'],
    });
  });

  test('the second phase: inputs from the other phase’s roles (matched by case, spaces, ё/е) and from an outside party; an output to a party; an end step’s output leaves the map to its role', () => {
    expect(names(row(twoPhases(), 'deal'))).toEqual({
      suppliers: ['Менеджер по продажам', 'Поставщик', 'Бухгалтерия'],
      inputs: ['КАРТОЧКА ЛИДА ← Менеджер по продажам', 'Прайс-лист ← Поставщик', 'счет ← Бухгалтерия'],
      process: ['Подготовить КП', 'Подписать договор'],
      outputs: ['Подписанный договор → Банк', 'Акт → Клиент'],
      customers: ['Банк', 'Клиент'],
    });
  });

  test('an item is listed once, with its first spelling, and knows every step that takes it', () => {
    const budget = row(twoPhases(), 'lead').inputs.find((i) => i.item === 'Бюджет клиента')!;
    expect(budget.stepIds).toEqual(['qualify', 'invoice']);
    expect(row(twoPhases(), 'lead').inputs.filter((i) => /бюджет/i.test(i.item))).toHaveLength(1);
  });

  test('a party named on an input wins over a step of the same phase making it', () => {
    const doc = withParties(twoPhases(), 'qualify', [{ kind: 'inputs', item: 'Заявка', party: 'Сайт' }]);
    expect(show(row(doc, 'lead').inputs, '←')).toContain('заявка ← Сайт');
  });

  test('a phase with no steps still has its row, empty; steps without a phase get a first row', () => {
    const doc = twoPhases();
    doc.phases.after = { id: 'after', name: 'После продажи', order: 2 };
    doc.steps.sign!.phaseId = null;
    const rows = sipoc(doc).rows;
    expect(rows.map((r) => r.kind)).toEqual(['no-phase', 'phase', 'phase', 'phase']);
    expect(rows[3]).toMatchObject({ name: 'После продажи', inputs: [], process: [], outputs: [] });
    // the contract now crosses from the unphased row to «Сделка»
    expect(show(rows[0]!.inputs, '←')).toEqual(['Коммерческое предложение ← Менеджер по продажам']);
  });

  test('an edit shows at once: the client now uses «Черновик», so it has a customer', () => {
    const doc = twoPhases();
    doc.steps.sign!.inputs.push('черновик');
    expect(show(row(doc, 'lead').outputs, '→')).toContain('Черновик → Клиент');
  });
});

describe('by step', () => {
  /** Mostly sub-processes, with phases: a landscape, so rows are steps. */
  function landscape(): MapDoc {
    const doc = buildMap({
      roles,
      phases: [{ id: 'p', name: 'Всё', order: 0 }],
      steps: [
        { id: 's', role: 'sales', kind: 'start', title: 'Начало', phaseId: 'p', x: 0 },
        { id: 'a', role: 'sales', kind: 'subprocess', title: 'Планирование', phaseId: 'p', x: 100, outputs: ['План продаж'] },
        { id: 'b', role: 'sales', kind: 'subprocess', title: 'Привлечение лидов', phaseId: 'p', x: 200, inputs: ['план  продаж'], outputs: ['Новые лиды'] },
        { id: 'c', role: 'acc', kind: 'task', title: 'Отчётность', phaseId: 'p', x: 300, inputs: ['Новые лиды', 'Данные'], outputs: ['Отчёт'] },
        { id: 'd', role: 'client', kind: 'subprocess', title: 'Закупка', phaseId: 'p', x: 400 },
        { id: 'e', role: 'sales', kind: 'end', title: 'Конец', phaseId: 'p', x: 500, inputs: ['Отчёт'] },
      ],
    });
    return withParties(doc, 'c', [{ kind: 'outputs', item: 'Отчёт', party: 'Собственник' }]);
  }

  test('a landscape map (mostly sub-processes) gets a row per step; in reading order (lane, then left to right); a start or end without items gets none', () => {
    const doc = landscape();
    expect(isLandscape(doc)).toBe(true);
    const s = sipoc(doc);
    expect(s).toMatchObject({ by: 'steps', reason: 'landscape' });
    expect(s.rows.map((r) => r.name)).toEqual(['Планирование', 'Привлечение лидов', 'Конец', 'Закупка', 'Отчётность']);
  });

  test('each step’s inputs come from the steps that make them, its outputs go to the steps that use them', () => {
    const doc = landscape();
    expect(names(row(doc, 'b'))).toEqual({
      suppliers: ['Менеджер по продажам'],
      inputs: ['план  продаж ← Менеджер по продажам'],
      process: ['Привлечение лидов'],
      outputs: ['Новые лиды → Бухгалтерия'],
      customers: ['Бухгалтерия'],
    });
    expect(show(row(doc, 'c').inputs, '←')).toEqual(['Новые лиды ← Менеджер по продажам', 'Данные ← ?']);
    // marked for an outside party: that party, even though the end step takes it too
    expect(show(row(doc, 'c').outputs, '→')).toEqual(['Отчёт → Собственник']);
    expect(names(row(doc, 'e'))).toMatchObject({ inputs: ['Отчёт ← Бухгалтерия'], process: [], outputs: [] });
  });

  test('a map with phases and mostly tasks is not a landscape; one without phases goes by step', () => {
    const doc = landscape();
    for (const id of ['a', 'b']) doc.steps[id]!.kind = 'task';
    expect(isLandscape(doc)).toBe(false);
    expect(sipoc(doc).by).toBe('phases');
    doc.phases = {};
    for (const s of Object.values(doc.steps)) s.phaseId = null;
    expect(sipoc(doc)).toMatchObject({ by: 'steps', reason: 'no-phases' });
  });

  test('an empty map has no rows', () => {
    expect(sipoc(buildMap({ roles })).rows).toEqual([]);
  });
});

describe('the sheet', () => {
  test('Russian: the headers, a row per phase, one entry a line, unknown suppliers and customers said', () => {
    const sheet = sipocSheet(twoPhases(), 'ru');
    expect(sheet.name).toBe('SIPOC');
    expect(sheet.columns.map((c) => c.header)).toEqual(['Этап', 'Поставщики', 'Входы', 'Процесс', 'Выходы', 'Потребители']);
    expect(sheet.rows[0]).toEqual([
      'Лид',
      'Клиент',
      'Бюджет клиента (поставщик неизвестен)\nЗаявка с сайта',
      'Квалифицировать\nВыставить счёт',
      'Карточка лида\nЧерновик (потребитель неизвестен)\nСчёт',
      'Менеджер по продажам',
    ]);
  });

  test('English, by step, with empty lists as empty cells', () => {
    const doc = buildMap({ roles, steps: [{ id: 't', role: 'sales', title: 'Позвонить' }] });
    const sheet = sipocSheet(doc, 'en');
    expect(sheet.columns[0]!.header).toBe('Step');
    expect(sheet.rows).toEqual([['Позвонить', null, null, 'Позвонить', null, null]]);
  });
});
