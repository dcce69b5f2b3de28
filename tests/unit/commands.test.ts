import { describe, expect, test } from 'vitest';
import { applyCommand, cmd, CommandError, type Command } from '../../shared/model/commands';
import { LANE_PADDING, stepSize } from '../../shared/model/geometry';
import type { MapDoc, Step } from '../../shared/model/types';
import { buildMap, salesMap } from '../support/builders';

const run = (doc: MapDoc, ...commands: Command[]) => commands.reduce(applyCommand, doc);
const step = (doc: MapDoc, id: string): Step => {
  const s = doc.steps[id];
  if (!s) throw new Error(`no step ${id} in the map`);
  return s;
};
const laneOrder = (doc: MapDoc) =>
  Object.values(doc.roles)
    .sort((a, b) => a.order - b.order)
    .map((r) => r.name);
const orders = (doc: MapDoc) =>
  Object.values(doc.roles)
    .map((r) => r.order)
    .sort((a, b) => a - b);
const overlaps = (a: Step, b: Step) => {
  const sa = stepSize(a);
  const sb = stepSize(b);
  return a.x < b.x + sb.width && b.x < a.x + sa.width && a.y < b.y + sb.height && b.y < a.y + sa.height;
};
const expectRefused = (doc: MapDoc, command: Command, message: RegExp) => {
  expect(() => applyCommand(doc, command)).toThrow(CommandError);
  expect(() => applyCommand(doc, command)).toThrow(message);
};

/** Two lanes, one step «Квалификация лида» in the first. */
const twoLanes = () =>
  buildMap({
    roles: [
      { id: 'manager', name: 'Менеджер по продажам' },
      { id: 'client', name: 'Клиент' },
    ],
    steps: [{ id: 'qualify', role: 'manager', title: 'Квалификация лида', x: 100, y: 40 }],
  });

describe('map title and description', () => {
  test('renaming and describing a map change only those fields', () => {
    const doc = salesMap();
    const next = run(doc, cmd('renameMap', { title: 'Воронка 2026' }), cmd('setMapDescription', { description: 'Новый регламент' }));
    expect(next.title).toBe('Воронка 2026');
    expect(next.description).toBe('Новый регламент');
    expect(next.steps).toEqual(doc.steps);
  });
});

describe('addStep', () => {
  test('given a lane, when a step is added, then it stands there with empty lists and rounded coordinates', () => {
    const next = applyCommand(twoLanes(), cmd('addStep', { id: 'call', kind: 'task', roleId: 'client', x: 300.6, y: 50.4, title: 'Звонок клиенту' }));
    expect(step(next, 'call')).toEqual({
      id: 'call',
      kind: 'task',
      title: 'Звонок клиенту',
      description: '',
      roleId: 'client',
      phaseId: null,
      x: 301,
      y: 50,
      duration: null,
      inputs: [],
      outputs: [],
      resources: [],
    });
  });

  test('a step dropped above the top of its lane is kept inside the lane padding', () => {
    const next = applyCommand(twoLanes(), cmd('addStep', { id: 'call', kind: 'start', roleId: 'client', x: 0, y: -500 }));
    expect(step(next, 'call').y).toBe(LANE_PADDING);
    expect(step(next, 'call').title).toBe('');
  });

  test('refuses an unknown lane and an id that is already taken', () => {
    expectRefused(twoLanes(), cmd('addStep', { id: 'call', kind: 'task', roleId: 'nobody', x: 0, y: 40 }), /no role nobody/);
    expectRefused(twoLanes(), cmd('addStep', { id: 'qualify', kind: 'task', roleId: 'client', x: 0, y: 40 }), /already exists/);
  });
});

describe('addStepAfter', () => {
  test('places the new step to the right of the previous one, in its lane, connected to it', () => {
    const doc = twoLanes();
    const next = applyCommand(doc, cmd('addStepAfter', { afterStepId: 'qualify', id: 'offer', flowId: 'f1', kind: 'task', title: 'Подготовка КП' }));
    const prev = step(next, 'qualify');
    const added = step(next, 'offer');
    expect(added.roleId).toBe('manager');
    expect(added.title).toBe('Подготовка КП');
    expect(added.y).toBe(prev.y);
    expect(added.x).toBeGreaterThanOrEqual(prev.x + stepSize(prev).width);
    expect(next.flows.f1).toEqual({ id: 'f1', fromStepId: 'qualify', toStepId: 'offer', label: '' });
  });

  test('given the spot to the right is taken, the new step goes below it instead of on top of it', () => {
    let doc = twoLanes();
    doc = applyCommand(doc, cmd('addStepAfter', { afterStepId: 'qualify', id: 'a', flowId: 'fa', kind: 'task' }));
    doc = applyCommand(doc, cmd('addStepAfter', { afterStepId: 'qualify', id: 'b', flowId: 'fb', kind: 'task' }));
    doc = applyCommand(doc, cmd('addStepAfter', { afterStepId: 'qualify', id: 'c', flowId: 'fc', kind: 'decision' }));
    const added = ['a', 'b', 'c'].map((id) => step(doc, id));
    for (const s of added) expect(s.roleId).toBe('manager');
    for (const [i, s] of added.entries()) for (const other of added.slice(i + 1)) expect(overlaps(s, other)).toBe(false);
    expect(
      Object.values(doc.flows)
        .map((f) => `${f.fromStepId}->${f.toStepId}`)
        .sort(),
    ).toEqual(['qualify->a', 'qualify->b', 'qualify->c']);
  });

  test('a step in another lane at the same spot does not push the new step down', () => {
    const doc = buildMap({
      roles: [{ id: 'manager' }, { id: 'client' }],
      steps: [
        { id: 'qualify', role: 'manager', title: 'Квалификация лида', x: 100, y: 40 },
        { id: 'reply', role: 'client', title: 'Ответ клиента', x: 360, y: 40 },
      ],
    });
    const next = applyCommand(doc, cmd('addStepAfter', { afterStepId: 'qualify', id: 'offer', flowId: 'f1', kind: 'task' }));
    expect(step(next, 'offer').y).toBe(40);
  });

  test('keeps clear of a tall step (long title) standing a little higher in the next column', () => {
    const longTitle =
      'Подготовить коммерческое предложение с учётом скидок, согласовать его с руководителем отдела продаж и юристом, затем отправить клиенту вместе с проектом договора и графиком поставок';
    const doc = buildMap({
      roles: [{ id: 'manager' }],
      steps: [
        { id: 'qualify', role: 'manager', title: 'Квалификация лида', x: 100, y: 200 },
        { id: 'tall', role: 'manager', title: longTitle, x: 360, y: 80 },
      ],
    });
    const next = applyCommand(doc, cmd('addStepAfter', { afterStepId: 'qualify', id: 'offer', flowId: 'f1', kind: 'task' }));
    expect(overlaps(step(next, 'offer'), step(next, 'tall'))).toBe(false);
  });

  test('refuses when the previous step is gone', () => {
    expectRefused(twoLanes(), cmd('addStepAfter', { afterStepId: 'gone', id: 'x', flowId: 'fx', kind: 'task' }), /no step gone/);
  });
});

describe('editing a step', () => {
  test('updateStep changes title, description, kind and duration and nothing else', () => {
    const doc = salesMap();
    const next = applyCommand(
      doc,
      cmd('updateStep', {
        stepId: 's-qualify',
        patch: {
          title: 'Квалификация лида по BANT',
          description: 'Бюджет, полномочия, потребность, сроки',
          kind: 'decision',
          duration: { value: 2, unit: 'h' },
        },
      }),
    );
    expect(step(next, 's-qualify')).toEqual({
      ...step(doc, 's-qualify'),
      title: 'Квалификация лида по BANT',
      description: 'Бюджет, полномочия, потребность, сроки',
      kind: 'decision',
      duration: { value: 2, unit: 'h' },
    });
    expect(applyCommand(next, cmd('updateStep', { stepId: 's-qualify', patch: { duration: null } })).steps['s-qualify']?.duration).toBeNull();
  });

  test('setStepRole moves the step to another lane; unknown lane or step is refused', () => {
    const next = applyCommand(salesMap(), cmd('setStepRole', { stepId: 's-qualify', roleId: 's-head' }));
    expect(step(next, 's-qualify').roleId).toBe('s-head');
    expectRefused(salesMap(), cmd('setStepRole', { stepId: 's-qualify', roleId: 'nobody' }), /no role/);
    expectRefused(salesMap(), cmd('updateStep', { stepId: 'nope', patch: { title: 'x' } }), /no step nope/);
  });

  test('moveSteps sets position and lane of every moved step, keeping y inside the lane', () => {
    const next = applyCommand(
      salesMap(),
      cmd('moveSteps', {
        moves: [
          { stepId: 's-lead', x: 10.4, y: 3, roleId: 's-client' },
          { stepId: 's-qualify', x: 300, y: 140.6, roleId: 's-manager' },
        ],
      }),
    );
    expect(step(next, 's-lead')).toMatchObject({ x: 10, y: LANE_PADDING, roleId: 's-client' });
    expect(step(next, 's-qualify')).toMatchObject({ x: 300, y: 141, roleId: 's-manager' });
  });

  test('moveSteps into a lane that does not exist is refused as a whole', () => {
    expectRefused(
      salesMap(),
      cmd('moveSteps', {
        moves: [
          { stepId: 's-lead', x: 0, y: 40, roleId: 's-client' },
          { stepId: 's-qualify', x: 0, y: 40, roleId: 'ghost' },
        ],
      }),
      /no role ghost/,
    );
  });

  test('setStepItems trims labels, drops empty ones and keeps the order', () => {
    const next = applyCommand(
      salesMap(),
      cmd('setStepItems', { stepId: 's-qualify', kind: 'resources', items: ['  CRM ', '', '   ', 'Телефония', 'Скрипт звонка'] }),
    );
    expect(step(next, 's-qualify').resources).toEqual(['CRM', 'Телефония', 'Скрипт звонка']);
    expect(step(next, 's-qualify').inputs).toEqual(['Заявка с сайта', 'Карточка лида']);
  });
});

describe('flows', () => {
  test('connect adds a labelled flow', () => {
    const next = applyCommand(salesMap(), cmd('connect', { id: 'f9', fromStepId: 's-lead', toStepId: 's-won', label: 'повторная продажа' }));
    expect(next.flows.f9).toEqual({ id: 'f9', fromStepId: 's-lead', toStepId: 's-won', label: 'повторная продажа' });
  });

  test('connect refuses a self-loop, a duplicate and a missing step; the way back is allowed', () => {
    const doc = salesMap();
    expectRefused(doc, cmd('connect', { id: 'f9', fromStepId: 's-offer', toStepId: 's-offer' }), /cannot flow into itself/);
    expectRefused(doc, cmd('connect', { id: 'f9', fromStepId: 's-lead', toStepId: 's-qualify' }), /already connected/);
    expectRefused(doc, cmd('connect', { id: 'f9', fromStepId: 's-lead', toStepId: 'gone' }), /no step gone/);
    expect(Object.keys(applyCommand(doc, cmd('connect', { id: 'back', fromStepId: 's-qualify', toStepId: 's-lead' })).flows)).toContain('back');
  });

  test('setFlowLabel labels a flow; a deleted flow is refused', () => {
    const next = applyCommand(salesMap(), cmd('setFlowLabel', { flowId: 's-f4', label: 'согласен' }));
    expect(next.flows['s-f4']?.label).toBe('согласен');
    expectRefused(salesMap(), cmd('setFlowLabel', { flowId: 'gone', label: 'x' }), /no longer exists/);
  });
});

describe('deleteElements', () => {
  test('deleting a step removes the flows touching it and only those', () => {
    const next = applyCommand(salesMap(), cmd('deleteElements', { stepIds: ['s-decide'], flowIds: [] }));
    expect(Object.keys(next.steps).sort()).toEqual(['s-lead', 's-offer', 's-qualify', 's-won']);
    expect(Object.keys(next.flows).sort()).toEqual(['s-f1', 's-f2']);
  });

  test('deleting a flow keeps both of its steps', () => {
    const next = applyCommand(salesMap(), cmd('deleteElements', { stepIds: [], flowIds: ['s-f5'] }));
    expect(Object.keys(next.steps)).toHaveLength(5);
    expect(Object.keys(next.flows).sort()).toEqual(['s-f1', 's-f2', 's-f3', 's-f4']);
  });
});

describe('lanes', () => {
  test('addRole appends a lane at the bottom', () => {
    const next = applyCommand(salesMap(), cmd('addRole', { id: 's-lawyer', name: 'Юрист', color: '#123456' }));
    expect(laneOrder(next)).toEqual(['Менеджер по продажам', 'Клиент', 'Руководитель отдела продаж', 'Юрист']);
    expect(orders(next)).toEqual([0, 1, 2, 3]);
    expectRefused(next, cmd('addRole', { id: 's-lawyer', name: 'Юрист', color: '#123456' }), /already exists/);
  });

  test('updateRole renames and recolours one lane', () => {
    const next = applyCommand(salesMap(), cmd('updateRole', { roleId: 's-client', name: 'Заказчик', color: '#000000' }));
    expect(next.roles['s-client']).toEqual({ id: 's-client', name: 'Заказчик', color: '#000000', order: 1 });
    expect(applyCommand(next, cmd('updateRole', { roleId: 's-client', color: '#ffffff' })).roles['s-client']?.name).toBe('Заказчик');
  });

  test.each([
    [0, ['Руководитель отдела продаж', 'Менеджер по продажам', 'Клиент']],
    [1, ['Менеджер по продажам', 'Руководитель отдела продаж', 'Клиент']],
    [99, ['Менеджер по продажам', 'Клиент', 'Руководитель отдела продаж']],
    [-5, ['Руководитель отдела продаж', 'Менеджер по продажам', 'Клиент']],
  ])('moveRole to index %i gives lanes %j with orders 0..n-1', (toIndex, expected) => {
    const next = applyCommand(salesMap(), cmd('moveRole', { roleId: 's-head', toIndex }));
    expect(laneOrder(next)).toEqual(expected);
    expect(orders(next)).toEqual([0, 1, 2]);
  });

  test('removeRole of an empty lane closes the gap in lane order', () => {
    const doc = run(salesMap(), cmd('addRole', { id: 's-lawyer', name: 'Юрист', color: '#123456' }), cmd('moveRole', { roleId: 's-lawyer', toIndex: 1 }));
    const next = applyCommand(doc, cmd('removeRole', { roleId: 's-lawyer' }));
    expect(laneOrder(next)).toEqual(['Менеджер по продажам', 'Клиент', 'Руководитель отдела продаж']);
    expect(orders(next)).toEqual([0, 1, 2]);
  });

  test('removeRole of a lane with steps and no choice is refused', () => {
    expectRefused(salesMap(), cmd('removeRole', { roleId: 's-manager' }), /has 3 step\(s\)/);
    expectRefused(salesMap(), cmd('removeRole', { roleId: 's-manager', moveStepsTo: 's-manager' }), /another lane/);
    expectRefused(salesMap(), cmd('removeRole', { roleId: 's-manager', moveStepsTo: 'ghost' }), /no role ghost/);
  });

  test('removeRole with moveStepsTo moves the steps into the target lane, clear of the steps there, flows intact', () => {
    const doc = salesMap();
    const next = applyCommand(doc, cmd('removeRole', { roleId: 's-manager', moveStepsTo: 's-client' }));
    expect(next.roles['s-manager']).toBeUndefined();
    expect(orders(next)).toEqual([0, 1]);
    const moved = ['s-lead', 's-qualify', 's-won'].map((id) => step(next, id));
    for (const s of moved) expect(s.roleId).toBe('s-client');
    // each keeps its place along the flow, and no two steps of the lane overlap
    for (const s of moved) expect(s.x).toBe(step(doc, s.id).x);
    const lane = Object.values(next.steps).filter((s) => s.roleId === 's-client');
    for (const a of lane)
      for (const b of lane) {
        if (a.id >= b.id) continue;
        const [sa, sb] = [stepSize(a), stepSize(b)];
        const apart = a.x + sa.width <= b.x || b.x + sb.width <= a.x || a.y + sa.height <= b.y || b.y + sb.height <= a.y;
        expect(apart, `${a.id} / ${b.id}`).toBe(true);
      }
    expect(next.flows).toEqual(doc.flows);
  });

  test('removeRole with deleteSteps deletes its steps and their flows', () => {
    const next = applyCommand(salesMap(), cmd('removeRole', { roleId: 's-client', deleteSteps: true }));
    expect(Object.keys(next.steps).sort()).toEqual(['s-lead', 's-offer', 's-qualify', 's-won']);
    expect(Object.keys(next.flows).sort()).toEqual(['s-f1', 's-f2']);
    expect(laneOrder(next)).toEqual(['Менеджер по продажам', 'Руководитель отдела продаж']);
  });
});

describe('the document given to a command is never changed', () => {
  const commands: Command[] = [
    cmd('renameMap', { title: 'Другое' }),
    cmd('addStep', { id: 'n', kind: 'task', roleId: 's-client', x: 0, y: 0 }),
    cmd('addStepAfter', { afterStepId: 's-qualify', id: 'n', flowId: 'fn', kind: 'task' }),
    cmd('updateStep', { stepId: 's-qualify', patch: { title: 'Другое' } }),
    cmd('setStepRole', { stepId: 's-qualify', roleId: 's-head' }),
    cmd('moveSteps', { moves: [{ stepId: 's-lead', x: 5, y: 5, roleId: 's-head' }] }),
    cmd('setStepItems', { stepId: 's-qualify', kind: 'inputs', items: ['Бриф'] }),
    cmd('connect', { id: 'fn', fromStepId: 's-lead', toStepId: 's-won' }),
    cmd('setFlowLabel', { flowId: 's-f4', label: 'ок' }),
    cmd('deleteElements', { stepIds: ['s-decide'], flowIds: ['s-f1'] }),
    cmd('addRole', { id: 'r-new', name: 'Юрист', color: '#123456' }),
    cmd('updateRole', { roleId: 's-head', name: 'РОП' }),
    cmd('moveRole', { roleId: 's-head', toIndex: 0 }),
    cmd('removeRole', { roleId: 's-manager', moveStepsTo: 's-head' }),
    cmd('removeRole', { roleId: 's-client', deleteSteps: true }),
  ];
  test.each(commands.map((c) => [c.type, c] as const))('%s returns a new document and leaves the old one as it was', (_type, command) => {
    const doc = salesMap();
    const copy = structuredClone(doc);
    const next = applyCommand(doc, command);
    expect(next).not.toBe(doc);
    expect(next).not.toEqual(doc);
    expect(doc).toEqual(copy);
  });
});
