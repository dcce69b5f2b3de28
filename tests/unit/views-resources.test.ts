/**
 * The resources by role (issue 10, part 3): resources folded and written as first met, the
 * most used first, steps per role in reading order, the totals, and the sheet.
 */
import { describe, expect, test } from 'vitest';
import type { MapDoc } from '../../shared/model/types';
import { resourceUse, resourcesSheet } from '../../shared/views/resources';
import { buildMap } from '../support/builders';

const roles = [
  { id: 'sales', name: 'Менеджер по продажам' },
  { id: 'client', name: 'Клиент' },
  { id: 'acc', name: 'Бухгалтерия' },
];

function map(): MapDoc {
  return buildMap({
    roles,
    steps: [
      { id: 'call', role: 'sales', title: 'Позвонить клиенту', x: 0, resources: ['Телефон', 'CRM'] },
      { id: 'offer', role: 'sales', title: 'Отправить КП', x: 200, resources: ['crm', 'Электронная почта', 'CRM '] },
      { id: 'read', role: 'client', title: 'Изучить КП', x: 300, resources: ['электронная  почта'] },
      { id: 'invoice', role: 'acc', title: 'Выставить счёт', x: 400, resources: ['Учётная система (1С)', 'CRM'] },
      { id: 'pay', role: 'client', title: 'Оплатить', x: 500, resources: ['Интернет-банк'] },
      { id: 'start', role: 'client', kind: 'start', title: 'Начало', x: -100 },
    ],
  });
}

const table = (doc: MapDoc) => {
  const u = resourceUse(doc);
  return u.rows.map((r) => [r.resource, ...u.roles.map((role) => (r.byRole[role.id] ?? []).map((id) => doc.steps[id]!.title).join(' + ')), r.total]);
};

describe('resources by role', () => {
  test('a row per resource (case, spaces, ё/е folded; first spelling), the most used first, then alphabetically; a step naming one twice counts once', () => {
    expect(table(map())).toEqual([
      ['CRM', 'Позвонить клиенту + Отправить КП', '', 'Выставить счёт', 3],
      ['Электронная почта', 'Отправить КП', 'Изучить КП', '', 2],
      ['Интернет-банк', '', 'Оплатить', '', 1],
      ['Телефон', 'Позвонить клиенту', '', '', 1],
      ['Учётная система (1С)', '', '', 'Выставить счёт', 1],
    ]);
  });

  test('columns are every lane in order; totals per role and overall count uses', () => {
    const doc = map();
    doc.roles.idle = { id: 'idle', name: 'Склад', color: '#8d6e63', order: 3 };
    const u = resourceUse(doc);
    expect(u.roles.map((r) => r.name)).toEqual(['Менеджер по продажам', 'Клиент', 'Бухгалтерия', 'Склад']);
    expect(u.roleTotals).toEqual({ sales: 4, client: 2, acc: 2, idle: 0 });
    expect(u.total).toBe(8);
  });

  test('an edit shows at once: renaming «CRM» on one step to «Битрикс24» moves that use', () => {
    const doc = map();
    doc.steps.invoice!.resources = ['Битрикс24'];
    expect(table(doc).find((r) => r[0] === 'CRM')).toEqual(['CRM', 'Позвонить клиенту + Отправить КП', '', '', 2]);
    expect(table(doc).map((r) => r[0])).toContain('Битрикс24');
  });

  test('a map with no resources has no rows', () => {
    const doc = buildMap({ roles, steps: [{ id: 'a', role: 'sales' }] });
    expect(resourceUse(doc)).toMatchObject({ rows: [], total: 0 });
    expect(resourcesSheet(doc, 'ru').rows).toEqual([]);
  });
});

describe('the sheet', () => {
  test('Russian: a column per role with the steps one a line, a total per resource and a last row of totals', () => {
    const sheet = resourcesSheet(map(), 'ru');
    expect(sheet.name).toBe('Ресурсы');
    expect(sheet.columns.map((c) => c.header)).toEqual(['Ресурс', 'Менеджер по продажам', 'Клиент', 'Бухгалтерия', 'Всего']);
    expect(sheet.rows[0]).toEqual(['CRM', 'Позвонить клиенту\nОтправить КП', null, 'Выставить счёт', 3]);
    expect(sheet.rows.at(-1)).toEqual(['Всего', 4, 2, 2, 8]);
  });

  test('English headers', () => {
    const sheet = resourcesSheet(map(), 'en');
    expect(sheet.columns[0]!.header).toBe('Resource');
    expect(sheet.rows.at(-1)![0]).toBe('Total');
  });
});
