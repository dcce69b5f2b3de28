import { afterEach, describe, expect, test } from 'vitest';
import { applyCommand, cmd, type Command } from '../../shared/model/commands';
import { diffMaps, isEmptyChange } from '../../shared/model/diff';
import type { MapDoc } from '../../shared/model/types';
import { content, salesMap } from '../support/builders';
import { call, openTempLibrary, removeTempDirs, storeMap } from '../support/library';

afterEach(removeTempDirs);

const run = (doc: MapDoc, ...commands: Command[]) => commands.reduce(applyCommand, doc);
const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
const nothing = { roles: [], phases: [], steps: [], flows: [], comments: [], painPoints: [], notes: [] };

describe('diffMaps', () => {
  test('identical documents give an empty change, also when they are separate copies', () => {
    const doc = salesMap();
    expect(isEmptyChange(diffMaps(doc, doc))).toBe(true);
    expect(isEmptyChange(diffMaps(doc, structuredClone(doc)))).toBe(true);
    expect(diffMaps(doc, structuredClone(doc))).toEqual({ upsert: nothing, remove: nothing, expect: nothing });
  });

  test('editing one step gives exactly one upserted step and nothing else', () => {
    const before = salesMap();
    const after = applyCommand(before, cmd('updateStep', { stepId: 's-qualify', patch: { title: 'Квалификация лида по BANT' } }));
    const changes = diffMaps(before, after);
    expect(changes).toEqual({
      upsert: { ...nothing, steps: [after.steps['s-qualify']] },
      remove: nothing,
      // it says what it expects to find stored: the old title, and only that
      expect: { ...nothing, steps: [{ id: 's-qualify', before: { title: before.steps['s-qualify']?.title } }] },
    });
  });

  test('changing only the items of a step upserts that step', () => {
    const before = salesMap();
    const after = applyCommand(before, cmd('setStepItems', { stepId: 's-won', kind: 'outputs', items: ['Счёт', 'Договор'] }));
    expect(ids(diffMaps(before, after).upsert.steps)).toEqual(['s-won']);
  });

  test('deleting a step lists it and its flows for removal, without upserts', () => {
    const before = salesMap();
    const after = applyCommand(before, cmd('deleteElements', { stepIds: ['s-offer'], flowIds: [] }));
    const changes = diffMaps(before, after);
    expect(changes.remove).toEqual({ ...nothing, steps: ['s-offer'], flows: ['s-f2', 's-f3'] });
    expect(changes.upsert).toEqual(nothing);
    expect(changes.map).toBeUndefined();
  });

  test('a map title change carries only the title', () => {
    const before = salesMap();
    const after = applyCommand(before, cmd('renameMap', { title: 'Воронка продаж 2026' }));
    expect(diffMaps(before, after)).toEqual({
      map: { title: 'Воронка продаж 2026' },
      upsert: nothing,
      remove: nothing,
      expect: { ...nothing, map: { title: before.title } },
    });
  });

  test('a description change carries only the description', () => {
    const before = salesMap();
    const after = applyCommand(before, cmd('setMapDescription', { description: 'Регламент отдела продаж' }));
    expect(diffMaps(before, after).map).toEqual({ description: 'Регламент отдела продаж' });
  });

  test('moving a lane upserts exactly the roles whose order changed', () => {
    const before = salesMap();
    const after = applyCommand(before, cmd('moveRole', { roleId: 's-head', toIndex: 1 }));
    const changes = diffMaps(before, after);
    expect(ids(changes.upsert.roles)).toEqual(['s-client', 's-head']);
    expect(changes.upsert.steps).toEqual([]);
  });

  test('adding a step after another gives one new step and one new flow', () => {
    const before = salesMap();
    const after = applyCommand(before, cmd('addStepAfter', { afterStepId: 's-won', id: 'n1', flowId: 'nf1', kind: 'task', title: 'Передача в доставку' }));
    const changes = diffMaps(before, after);
    expect(ids(changes.upsert.steps)).toEqual(['n1']);
    expect(ids(changes.upsert.flows)).toEqual(['nf1']);
    expect(changes.remove).toEqual(nothing);
  });

  test('going backwards (undo) is the reverse change', () => {
    const before = salesMap();
    const after = applyCommand(before, cmd('removeRole', { roleId: 's-client', deleteSteps: true }));
    const back = diffMaps(after, before);
    expect(ids(back.upsert.roles)).toEqual(['s-client', 's-head']);
    expect(ids(back.upsert.steps)).toEqual(['s-decide']);
    expect(ids(back.upsert.flows)).toEqual(['s-f3', 's-f4', 's-f5']);
    expect(back.remove).toEqual(nothing);
  });
});

describe('a diff written to storage gives the stored map the content of `after`', () => {
  const edits: [string, Command[]][] = [
    ['a step edited', [cmd('updateStep', { stepId: 's-qualify', patch: { title: 'Звонок-квалификация', duration: { value: 45, unit: 'min' } } })]],
    [
      'items reordered and shortened',
      [
        cmd('setStepItems', { stepId: 's-qualify', kind: 'inputs', items: ['Карточка лида'] }),
        cmd('setStepItems', { stepId: 's-won', kind: 'outputs', items: ['Счёт', 'Договор', 'Акт'] }),
      ],
    ],
    ['a step deleted with its flows', [cmd('deleteElements', { stepIds: ['s-decide'], flowIds: [] })]],
    [
      'a flow deleted and a new one labelled',
      [cmd('deleteElements', { stepIds: [], flowIds: ['s-f5'] }), cmd('connect', { id: 'x-f', fromStepId: 's-decide', toStepId: 's-lead', label: 'позже' })],
    ],
    ['a lane removed, its steps moved', [cmd('removeRole', { roleId: 's-manager', moveStepsTo: 's-head' })]],
    ['a lane removed with its steps', [cmd('removeRole', { roleId: 's-client', deleteSteps: true })]],
    ['lanes added and reordered', [cmd('addRole', { id: 'x-lawyer', name: 'Юрист', color: '#445566' }), cmd('moveRole', { roleId: 'x-lawyer', toIndex: 0 })]],
    ['steps dragged to another lane', [cmd('moveSteps', { moves: [{ stepId: 's-offer', x: 600, y: 200, roleId: 's-client' }] })]],
    ['the map renamed and described', [cmd('renameMap', { title: 'Продажи «под ключ»' }), cmd('setMapDescription', { description: 'Версия 2' })]],
    [
      'a chain of new steps',
      [
        cmd('addStepAfter', { afterStepId: 's-won', id: 'x-1', flowId: 'x-f1', kind: 'task', title: 'Выставить счёт' }),
        cmd('addStepAfter', { afterStepId: 'x-1', id: 'x-2', flowId: 'x-f2', kind: 'end' }),
      ],
    ],
  ];

  test.each(edits)('%s', (_name, commands) => {
    // given the sales map is stored
    const lib = openTempLibrary();
    const stored = storeMap(lib.services, salesMap());
    // when the edits are written as one diff
    const edited = run(stored, ...commands);
    const { updatedAt } = call(lib.services, 'maps:applyChanges', { id: stored.id, changes: diffMaps(stored, edited) });
    // then reading the map back gives the edited document
    expect(call(lib.services, 'maps:get', { id: stored.id })).toEqual({ ...edited, updatedAt });
    // and writing the reverse diff restores the original
    call(lib.services, 'maps:applyChanges', { id: stored.id, changes: diffMaps(edited, stored) });
    expect(content(call(lib.services, 'maps:get', { id: stored.id }))).toEqual(content(stored));
    lib.close();
  });
});
