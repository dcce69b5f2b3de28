/**
 * The map's figures (groundwork for issue 10), on maps computed by hand: mixed units, the
 * longest branch at a decision, a loop counted once, waiting, per phase and per role.
 */
import { describe, expect, test } from 'vitest';
import { mapFigures, minutes } from '../../shared/analysis/figures';
import type { Duration, Step } from '../../shared/model/types';
import { buildMap } from '../support/builders';

const d = (value: number, unit: Duration['unit']): Duration => ({ value, unit });
const roles = [{ id: 'sales' }, { id: 'head' }];

test('units add up in minutes; a day is a working day of 8 hours', () => {
  expect(minutes(d(30, 'min')) + minutes(d(2, 'h')) + minutes(d(1, 'd'))).toBe(30 + 120 + 480);
  expect(minutes(null)).toBe(0);
});

test('a line with mixed units: the lead time is the sum, all of it work', () => {
  const doc = buildMap({
    roles,
    steps: [
      { id: 's', role: 'sales', kind: 'start' },
      { id: 'a', role: 'sales', duration: d(30, 'min') },
      { id: 'b', role: 'head', duration: d(2, 'h') },
      { id: 'c', role: 'sales', duration: d(1, 'd') },
      { id: 'e', role: 'sales', kind: 'end' },
    ],
    flows: [
      { from: 's', to: 'a' },
      { from: 'a', to: 'b' },
      { from: 'b', to: 'c' },
      { from: 'c', to: 'e' },
    ],
  });
  const f = mapFigures(doc);
  expect(f.criticalPath).toEqual(['s', 'a', 'b', 'c', 'e']);
  expect(f.leadTime).toBe(630);
  expect(f.workTotal).toBe(630);
  expect(f.efficiency).toBe(1);
  expect(f.handOffs).toBe(2);
  expect(f.byRole.get('head')).toMatchObject({ workTotal: 120, leadTime: 120, handOffs: 1 });
  expect(f.byRole.get('sales')).toMatchObject({ workTotal: 510, leadTime: 510, handOffs: 1 });
});

test('at a decision the longest branch counts; a loop back is counted once', () => {
  const doc = buildMap({
    roles,
    steps: [
      { id: 's', role: 'sales', kind: 'start' },
      { id: 'q', role: 'sales', duration: d(1, 'h') },
      { id: 'dec', role: 'sales', kind: 'decision' },
      { id: 'short', role: 'sales', duration: d(10, 'min') },
      { id: 'long', role: 'head', duration: d(3, 'h') },
      { id: 'e', role: 'sales', kind: 'end' },
    ],
    flows: [
      { from: 's', to: 'q' },
      { from: 'q', to: 'dec' },
      { from: 'dec', to: 'short', label: 'да' },
      { from: 'dec', to: 'long', label: 'нет' },
      { from: 'short', to: 'e' },
      { from: 'long', to: 'e' },
      // rework: back from the long branch to the qualification
      { from: 'long', to: 'q', label: 'доработать' },
    ],
  });
  const f = mapFigures(doc);
  expect(f.criticalPath).toEqual(['s', 'q', 'dec', 'long', 'e']);
  expect(f.leadTime).toBe(60 + 180);
  // all steps' work, whichever branch
  expect(f.workTotal).toBe(60 + 10 + 180);
});

test('waiting: the lead time includes it, the efficiency is the share that is work, per phase too', () => {
  const doc = buildMap({
    roles,
    phases: [
      { id: 'p1', name: 'Квалификация', order: 0 },
      { id: 'p2', name: 'Сделка', order: 1 },
    ],
    steps: [
      { id: 's', role: 'sales', kind: 'start', phaseId: 'p1' },
      { id: 'a', role: 'sales', duration: d(1, 'h'), phaseId: 'p1' },
      { id: 'b', role: 'head', duration: d(1, 'h'), phaseId: 'p2' },
      { id: 'e', role: 'sales', kind: 'end', phaseId: 'p2' },
    ],
    flows: [
      { from: 's', to: 'a' },
      { from: 'a', to: 'b' },
      { from: 'b', to: 'e' },
    ],
  });
  // b waits a day for the head of sales' approval
  const waits: Record<string, number> = { b: 480 };
  const f = mapFigures(doc, { waitOf: (s: Step) => waits[s.id] ?? 0 });
  expect(f.leadTime).toBe(60 + 480 + 60);
  expect(f.waitTotal).toBe(480);
  expect(f.efficiency).toBeCloseTo(120 / 600);
  expect(f.byPhase.get('p1')).toMatchObject({ leadTime: 60, efficiency: 1 });
  expect(f.byPhase.get('p2')!.leadTime).toBe(540);
  expect(f.byPhase.get('p2')!.efficiency).toBeCloseTo(60 / 540);
});

test('a map without start or end steps: the longest path from a step nothing leads to, to one that leads nowhere', () => {
  const doc = buildMap({
    roles,
    steps: [
      { id: 'a', role: 'sales', duration: d(1, 'h') },
      { id: 'b', role: 'sales', duration: d(2, 'h') },
      { id: 'c', role: 'sales', duration: d(30, 'min') },
    ],
    flows: [
      { from: 'a', to: 'b' },
      { from: 'a', to: 'c' },
    ],
  });
  expect(mapFigures(doc)).toMatchObject({ criticalPath: ['a', 'b'], leadTime: 180 });
  expect(mapFigures(buildMap({ roles }))).toMatchObject({ criticalPath: [], leadTime: 0, efficiency: 0 });
});

describe('the map as stored', () => {
  test("a step's own wait time counts by default, units mixed (a day is 8 hours)", () => {
    const doc = buildMap({
      roles: [{ id: 'r' }],
      steps: [
        { id: 'a', role: 'r', kind: 'start', title: 'Заявка' },
        { id: 'b', role: 'r', title: 'Счёт', x: 200, duration: { value: 30, unit: 'min' } },
        { id: 'c', role: 'r', kind: 'end', title: 'Оплата', x: 400 },
      ],
      flows: [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
      ],
    });
    doc.steps.b!.wait = { value: 1, unit: 'd' };
    doc.steps.c!.wait = { value: 1.5, unit: 'h' };
    const f = mapFigures(doc);
    expect(f.leadTime).toBe(8 * 60 + 30 + 90);
    expect(f.waitTotal).toBe(8 * 60 + 90);
    expect(f.efficiency).toBeCloseTo(30 / 600);
  });

  test('the critical path is the same whatever order the flows are stored in and whatever ids a copy has', () => {
    const doc = buildMap({
      roles: [{ id: 'r' }],
      steps: [
        { id: 's', role: 'r', kind: 'start', title: 'Старт' },
        { id: 'x', role: 'r', title: 'X', x: 200, duration: { value: 1, unit: 'h' } },
        { id: 'y', role: 'r', title: 'Y', x: 400, duration: { value: 2, unit: 'h' } },
        { id: 'e', role: 'r', kind: 'end', title: 'Конец', x: 600 },
      ],
      flows: [
        { id: 'f1', from: 's', to: 'x' },
        { id: 'f2', from: 'x', to: 'y' },
        { id: 'f3', from: 'y', to: 'x' },
        { id: 'f4', from: 'y', to: 'e' },
        { id: 'f5', from: 's', to: 'y' },
      ],
    });
    const reversed = { ...doc, flows: Object.fromEntries(Object.entries(doc.flows).reverse()), steps: Object.fromEntries(Object.entries(doc.steps).reverse()) };
    expect(mapFigures(reversed).criticalPath).toEqual(mapFigures(doc).criticalPath);
    expect(mapFigures(doc).criticalPath).toEqual(['s', 'x', 'y', 'e']);
  });
});
