/**
 * Phases are columns: a step's x is relative to its phase's column, columns grow to fit their
 * steps and never overlap, and the phase commands keep every step's place in its lane.
 */
import { describe, expect, test } from 'vitest';
import { applyCommand, cmd, CommandError } from '../../shared/model/commands';
import { columnAt, mapGeometry, PHASE_MIN_WIDTH, PHASE_PADDING, phaseBoxes, stepSize } from '../../shared/model/geometry';
import type { MapDoc } from '../../shared/model/types';
import { buildMap } from '../support/builders';

const stages = [
  { id: 'prep', name: 'Подготовка и планирование', order: 0 },
  { id: 'leads', name: 'Генерация лидов', order: 1 },
  { id: 'deal', name: 'Переговоры и заключение сделки', order: 2 },
];

function phasedMap(): MapDoc {
  return buildMap({
    roles: [{ id: 'sales' }, { id: 'client' }],
    phases: stages,
    steps: [
      { id: 'plan', role: 'sales', phaseId: 'prep', x: 40, y: 40, title: 'План продаж' },
      { id: 'call', role: 'sales', phaseId: 'leads', x: 40, y: 40, title: 'Холодный звонок' },
      { id: 'wide', role: 'client', phaseId: 'leads', x: 600, y: 40, title: 'Заявка' },
      { id: 'sign', role: 'client', phaseId: 'deal', x: 40, y: 40, title: 'Подписание договора' },
    ],
  });
}

describe('phase columns', () => {
  test('columns follow the phase order, touch without overlapping, and each holds its steps', () => {
    const doc = phasedMap();
    const g = mapGeometry(doc);
    expect(g.columns.map((c) => c.phase?.id)).toEqual(['prep', 'leads', 'deal']);
    for (let i = 1; i < g.columns.length; i++) expect(g.columns[i]!.left).toBe(g.columns[i - 1]!.left + g.columns[i - 1]!.width);
    for (const s of Object.values(doc.steps)) {
      const col = g.columns.find((c) => c.phase?.id === s.phaseId)!;
      const x = g.positions.get(s.id)!.x;
      expect(x).toBeGreaterThanOrEqual(col.left);
      expect(x + stepSize(s).width).toBeLessThanOrEqual(col.left + col.width);
    }
  });

  test('a column grows with its widest step and keeps a minimum width when empty', () => {
    const g = mapGeometry(phasedMap());
    const leads = g.columns[1]!;
    expect(leads.width).toBe(600 + stepSize({ kind: 'task', title: 'Заявка', inputs: [], outputs: [], resources: [] }).width + PHASE_PADDING);
    const empty = phaseBoxes({ ...phasedMap(), steps: {} });
    expect(empty.map((c) => c.width)).toEqual([PHASE_MIN_WIDTH, PHASE_MIN_WIDTH, PHASE_MIN_WIDTH]);
  });

  test('a map without phases has no columns, and x stays absolute', () => {
    const doc = buildMap({ roles: [{ id: 'r' }], steps: [{ id: 'a', role: 'r', x: 123, y: 40 }] });
    const g = mapGeometry(doc);
    expect(g.columns).toEqual([]);
    expect(g.positions.get('a')!.x).toBe(123);
  });

  test('steps without a phase sit in a first "no phase" column, so adding phases leaves a drawn map in place', () => {
    const drawn = buildMap({ roles: [{ id: 'r' }], steps: [{ id: 'a', role: 'r', x: 100, y: 40 }] });
    const before = mapGeometry(drawn).positions.get('a')!;
    const phased = applyCommand(
      drawn,
      cmd('addPhases', {
        phases: [
          { id: 'p1', name: 'Этап 1' },
          { id: 'p2', name: 'Этап 2' },
        ],
      }),
    );
    const g = mapGeometry(phased);
    expect(g.columns.map((c) => c.phase?.id ?? null)).toEqual([null, 'p1', 'p2']);
    expect(g.positions.get('a')).toEqual(before);
  });

  test('columnAt finds the column under an x, clamped to the ends', () => {
    const cols = mapGeometry(phasedMap()).columns;
    expect(columnAt(cols, -50)?.phase?.id).toBe('prep');
    expect(columnAt(cols, cols[1]!.left + 5)?.phase?.id).toBe('leads');
    expect(columnAt(cols, 1e6)?.phase?.id).toBe('deal');
  });
});

describe('phase commands', () => {
  test('addPhases adds the stages in order as one edit', () => {
    const doc = applyCommand(buildMap({ roles: [{ id: 'r' }] }), cmd('addPhases', { phases: stages.map(({ id, name }) => ({ id, name })) }));
    expect(
      Object.values(doc.phases)
        .sort((a, b) => a.order - b.order)
        .map((p) => p.name),
    ).toEqual(stages.map((s) => s.name));
  });

  test('movePhase reorders columns and keeps orders contiguous; the steps move with their column', () => {
    const doc = applyCommand(phasedMap(), cmd('movePhase', { phaseId: 'deal', toIndex: 0 }));
    expect(
      Object.values(doc.phases)
        .sort((a, b) => a.order - b.order)
        .map((p) => p.id),
    ).toEqual(['deal', 'prep', 'leads']);
    const g = mapGeometry(doc);
    expect(g.positions.get('sign')!.x).toBeLessThan(g.positions.get('plan')!.x);
  });

  test('setStepPhase moves a step into another column at the same place within it', () => {
    const doc = applyCommand(phasedMap(), cmd('setStepPhase', { stepId: 'plan', phaseId: 'deal' }));
    const g = mapGeometry(doc);
    const deal = g.columns.find((c) => c.phase?.id === 'deal')!;
    expect(doc.steps.plan!.phaseId).toBe('deal');
    expect(g.positions.get('plan')!.x).toBe(deal.left + 40);
  });

  test('removePhase leaves its steps where they were on the canvas, clear of the others', () => {
    const doc = phasedMap();
    const before = mapGeometry(doc).positions;
    const next = applyCommand(doc, cmd('removePhase', { phaseId: 'deal' }));
    const after = mapGeometry(next).positions;
    expect(next.steps.sign!.phaseId).toBeNull();
    // the "no phase" column comes first now, so the others shift; the moved step keeps its x from the start
    expect(after.get('sign')!.x).toBe(before.get('sign')!.x);
  });

  test('a step put in another lane or phase lands clear of the steps standing there', () => {
    const doc = buildMap({
      roles: [{ id: 'a' }, { id: 'b' }],
      phases: stages.slice(0, 2),
      steps: [
        { id: 'one', role: 'a', phaseId: 'prep', x: 40, y: 40, title: 'Первый' },
        { id: 'two', role: 'b', phaseId: 'prep', x: 40, y: 40, title: 'Второй' },
        { id: 'three', role: 'b', phaseId: 'leads', x: 40, y: 40, title: 'Третий' },
      ],
    });
    const clear = (d: MapDoc, x: string, y: string) => {
      const g = mapGeometry(d);
      const [p, q] = [g.positions.get(x)!, g.positions.get(y)!];
      const [sp, sq] = [stepSize(d.steps[x]!), stepSize(d.steps[y]!)];
      return p.x + sp.width <= q.x || q.x + sq.width <= p.x || p.y + sp.height <= q.y || q.y + sq.height <= p.y;
    };
    const byRole = applyCommand(doc, cmd('setStepRole', { stepId: 'one', roleId: 'b' }));
    expect(clear(byRole, 'one', 'two')).toBe(true);
    const byPhase = applyCommand(doc, cmd('setStepPhase', { stepId: 'two', phaseId: 'leads' }));
    expect(clear(byPhase, 'two', 'three')).toBe(true);
  });

  test('removePhase keeps its steps, now without a phase, and renumbers the others', () => {
    const doc = applyCommand(phasedMap(), cmd('removePhase', { phaseId: 'leads' }));
    expect(doc.steps.call!.phaseId).toBeNull();
    expect(doc.steps.wide!.phaseId).toBeNull();
    expect(
      Object.values(doc.phases)
        .map((p) => p.order)
        .sort(),
    ).toEqual([0, 1]);
  });

  test('moveSteps into another column sets the phase; unknown phases are refused', () => {
    const doc = applyCommand(phasedMap(), cmd('moveSteps', { moves: [{ stepId: 'call', x: 5, y: 60, roleId: 'client', phaseId: 'deal' }] }));
    expect(doc.steps.call).toMatchObject({ phaseId: 'deal', roleId: 'client', y: 60 });
    expect(doc.steps.call!.x).toBeGreaterThanOrEqual(20);
    expect(() => applyCommand(phasedMap(), cmd('setStepPhase', { stepId: 'call', phaseId: 'nope' }))).toThrow(CommandError);
  });

  test('the next step after a phased step lands in the same phase and lane', () => {
    const doc = applyCommand(phasedMap(), cmd('addStepAfter', { afterStepId: 'call', id: 'next', flowId: 'f', kind: 'task' }));
    expect(doc.steps.next).toMatchObject({ phaseId: 'leads', roleId: 'sales' });
  });
});
