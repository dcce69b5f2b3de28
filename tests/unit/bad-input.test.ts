/**
 * Every call, sent payloads it must refuse: each refusal is a readable `{ok:false}` reply and
 * leaves every row of the library exactly as it was.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CALLS } from '../../shared/calls';
import type { ErrorCode } from '../../shared/contract';
import type { MapChanges } from '../../shared/model/schema';
import type { MapDoc, Step } from '../../shared/model/types';
import { dispatch } from '../../src-main/services/dispatch';
import { content, salesMap, withExpectations } from '../support/builders';
import { call, openTempLibrary, removeTempDirs, snapshotTables, storeMap, type TempLibrary } from '../support/library';

let lib: TempLibrary;
/** Two stored maps: `a` (ids `a-…`) and `b` (ids `b-…`). */
let a: MapDoc;
let b: MapDoc;
/** A saved version of `b`. */
let bVersion: string;

beforeAll(() => {
  lib = openTempLibrary();
  a = storeMap(lib.services, salesMap('a'));
  b = storeMap(lib.services, salesMap('b', { title: 'Чужая карта' }));
  bVersion = call(lib.services, 'versions:save', { mapId: b.id, name: 'Как есть', note: '', author: '', kind: 'manual' }).id;
});
afterAll(() => {
  lib.close();
  removeTempDirs();
});

/** A valid frame of a map picture, so each export:pdf case is refused for the one thing it gets wrong. */
const PDF_FRAME = { headerLeft: 0, contentLeft: 10, contentRight: 90, phasesTop: 0, lanesTop: 10, mapBottom: 90, blocksRight: 90, lanes: [], phases: [] };
const HUGE = 'Я'.repeat(10_000);
const stepOf = (doc: MapDoc, id: string): Step => {
  const s = doc.steps[id];
  if (!s) throw new Error(`no step ${id}`);
  return s;
};
const none = () => ({ roles: [], phases: [], steps: [], flows: [], comments: [], painPoints: [] });
/**
 * A hand-made change with the expectations the editor would send for map `doc` (default `a`):
 * so each case is refused for the fault it names, not for a missing expectation.
 */
const change = (parts: { map?: unknown; upsert?: Record<string, unknown[]>; remove?: Record<string, unknown[]> }, doc: () => MapDoc = () => a) =>
  withExpectations(doc(), {
    ...(parts.map !== undefined ? { map: parts.map } : {}),
    upsert: { ...none(), ...parts.upsert },
    remove: { ...none(), ...parts.remove },
  });
const apply = (changes: unknown, id = a.id) => ({ id, changes });
const newComment = (id: string) => ({
  id,
  targetKind: 'step',
  targetId: 'a-lead',
  parentId: null,
  author: 'Аналитик',
  text: 'Кто звонит клиенту?',
  createdAt: '2026-03-02T10:00:00.000Z',
  resolvedAt: null,
  resolvedBy: null,
});
const newStep = (patch: Record<string, unknown>) => ({ ...stepOf(a, 'a-qualify'), id: 'a-new', title: 'Новый шаг', ...patch });

type Case = [call: string, label: string, payload: () => unknown, code: ErrorCode];

const cases: Case[] = [
  // app:info and maps:list take an empty object and nothing else
  ...['app:info', 'maps:list', 'backups:list', 'backups:create'].flatMap((name): Case[] => [
    [name, 'an extra field', () => ({ verbose: true }), 'bad-input'],
    [name, 'null', () => null, 'bad-input'],
    [name, 'undefined', () => undefined, 'bad-input'],
    [name, 'an array', () => [], 'bad-input'],
    [name, 'a string', () => 'maps', 'bad-input'],
  ]),
  // calls that take a map id
  ...['maps:get', 'maps:thumbnail', 'maps:duplicate', 'maps:delete', 'maps:state'].flatMap((name): Case[] => [
    [name, 'no id', () => ({}), 'bad-input'],
    [name, 'a numeric id', () => ({ id: 5 }), 'bad-input'],
    [name, 'an id with spaces', () => ({ id: 'map one' }), 'bad-input'],
    [name, 'an id with ../', () => ({ id: '../../etc/passwd' }), 'bad-input'],
    [name, 'an empty id', () => ({ id: '' }), 'bad-input'],
    [name, 'a 10,000-character id', () => ({ id: 'x'.repeat(10_000) }), 'bad-input'],
    [name, 'the id in an array', () => ({ id: [a.id] }), 'bad-input'],
    [name, 'an extra field', () => ({ id: a.id, force: true }), 'bad-input'],
    [name, 'an unknown map', () => ({ id: 'no-such-map' }), 'not-found'],
    [name, 'null', () => null, 'bad-input'],
    [name, 'undefined', () => undefined, 'bad-input'],
    [name, 'an array', () => [a.id], 'bad-input'],
  ]),
  ['maps:create', 'no title', () => ({}), 'bad-input'],
  ['maps:create', 'a numeric title', () => ({ title: 5 }), 'bad-input'],
  ['maps:create', 'a null title', () => ({ title: null }), 'bad-input'],
  ['maps:create', 'an empty title', () => ({ title: '' }), 'bad-input'],
  ['maps:create', 'a blank title', () => ({ title: '   \n ' }), 'bad-input'],
  ['maps:create', 'a 10,000-character title', () => ({ title: HUGE }), 'bad-input'],
  ['maps:create', 'an id of its own', () => ({ title: 'Воронка', id: 'mine' }), 'bad-input'],
  ['maps:create', 'a __proto__ key', () => JSON.parse('{"title":"Воронка","__proto__":{"admin":true}}'), 'bad-input'],
  ['maps:create', 'null', () => null, 'bad-input'],
  ['maps:create', 'undefined', () => undefined, 'bad-input'],
  ['maps:create', 'an array', () => [{ title: 'Воронка' }], 'bad-input'],
  ['maps:rename', 'no title', () => ({ id: a.id }), 'bad-input'],
  ['maps:rename', 'no id', () => ({ title: 'Новое имя' }), 'bad-input'],
  ['maps:rename', 'a 10,000-character title', () => ({ id: a.id, title: HUGE }), 'bad-input'],
  ['maps:rename', 'a blank title', () => ({ id: a.id, title: ' ' }), 'bad-input'],
  ['maps:rename', 'an id with ../', () => ({ id: '../maps', title: 'Новое имя' }), 'bad-input'],
  ['maps:rename', 'an unknown map', () => ({ id: 'no-such-map', title: 'Новое имя' }), 'not-found'],
  ['maps:rename', 'an extra field', () => ({ id: a.id, title: 'Новое имя', description: '' }), 'bad-input'],
  ['maps:rename', 'null', () => null, 'bad-input'],
  ['maps:rename', 'undefined', () => undefined, 'bad-input'],
  // maps:applyChanges: the shape
  ['maps:applyChanges', 'no changes', () => ({ id: a.id }), 'bad-input'],
  ['maps:applyChanges', 'changes without upsert/remove', () => apply({}), 'bad-input'],
  ['maps:applyChanges', 'changes as an array', () => apply([]), 'bad-input'],
  ['maps:applyChanges', 'an extra field', () => ({ ...apply(change({})), force: true }), 'bad-input'],
  ['maps:applyChanges', 'an extra table', () => apply({ ...change({}), upsert: { ...none(), users: [] } }), 'bad-input'],
  ['maps:applyChanges', 'steps as an object', () => apply(change({ upsert: { steps: {} as unknown[] } })), 'bad-input'],
  ['maps:applyChanges', 'an unknown map', () => apply(change({}), 'no-such-map'), 'not-found'],
  ['maps:applyChanges', 'a map id with ../', () => apply(change({}), '../a'), 'bad-input'],
  ['maps:applyChanges', 'null', () => null, 'bad-input'],
  ['maps:applyChanges', 'undefined', () => undefined, 'bad-input'],
  // the map row
  ['maps:applyChanges', 'a 10,000-character map title', () => apply(change({ map: { title: HUGE } })), 'bad-input'],
  ['maps:applyChanges', 'an empty map title', () => apply(change({ map: { title: '' } })), 'bad-input'],
  ['maps:applyChanges', 'an unknown map field', () => apply(change({ map: { colour: 'red' } })), 'bad-input'],
  // steps
  ['maps:applyChanges', 'a step with x as text', () => apply(change({ upsert: { steps: [newStep({ x: '100' })] } })), 'bad-input'],
  ['maps:applyChanges', 'a step far off the canvas', () => apply(change({ upsert: { steps: [newStep({ x: 1e12 })] } })), 'bad-input'],
  ['maps:applyChanges', 'a step without a title', () => apply(change({ upsert: { steps: [{ ...newStep({}), title: undefined }] } })), 'bad-input'],
  ['maps:applyChanges', 'a step of an unknown kind', () => apply(change({ upsert: { steps: [newStep({ kind: 'party' })] } })), 'bad-input'],
  ['maps:applyChanges', 'a step id with spaces', () => apply(change({ upsert: { steps: [newStep({ id: 'шаг 1' })] } })), 'bad-input'],
  ['maps:applyChanges', 'a step id with ../', () => apply(change({ upsert: { steps: [newStep({ id: '../steps' })] } })), 'bad-input'],
  ['maps:applyChanges', 'a 10,000-character step title', () => apply(change({ upsert: { steps: [newStep({ title: HUGE })] } })), 'bad-input'],
  ['maps:applyChanges', 'a blank input label', () => apply(change({ upsert: { steps: [newStep({ inputs: ['Бриф', '  '] })] } })), 'bad-input'],
  [
    'maps:applyChanges',
    '201 resources',
    () => apply(change({ upsert: { steps: [newStep({ resources: Array.from({ length: 201 }, (_, i) => `Ресурс ${i}`) })] } })),
    'bad-input',
  ],
  ['maps:applyChanges', 'a negative duration', () => apply(change({ upsert: { steps: [newStep({ duration: { value: -1, unit: 'h' } })] } })), 'bad-input'],
  ['maps:applyChanges', 'a duration in weeks', () => apply(change({ upsert: { steps: [newStep({ duration: { value: 1, unit: 'w' } })] } })), 'bad-input'],
  ['maps:applyChanges', 'an extra step field', () => apply(change({ upsert: { steps: [newStep({ color: '#ff0000' })] } })), 'bad-input'],
  ['maps:applyChanges', 'a step in a lane of another map', () => apply(change({ upsert: { steps: [newStep({ roleId: 'b-client' })] } })), 'bad-input'],
  ['maps:applyChanges', 'a step in a lane that does not exist', () => apply(change({ upsert: { steps: [newStep({ roleId: 'ghost' })] } })), 'bad-input'],
  ['maps:applyChanges', 'a step in a phase that does not exist', () => apply(change({ upsert: { steps: [newStep({ phaseId: 'ghost' })] } })), 'bad-input'],
  [
    'maps:applyChanges',
    'a step id of another map',
    () => apply(change({ upsert: { steps: [{ ...stepOf(b, 'b-qualify'), roleId: 'a-manager', title: 'Захват' }] } })),
    'conflict',
  ],
  // flows
  [
    'maps:applyChanges',
    'a flow between steps of two maps',
    () => apply(change({ upsert: { flows: [{ id: 'a-cross', fromStepId: 'a-won', toStepId: 'b-lead', label: '' }] } })),
    'bad-input',
  ],
  [
    'maps:applyChanges',
    'a flow from a step of another map',
    () => apply(change({ upsert: { flows: [{ id: 'a-cross', fromStepId: 'b-won', toStepId: 'a-lead', label: '' }] } })),
    'bad-input',
  ],
  [
    'maps:applyChanges',
    'a flow into itself',
    () => apply(change({ upsert: { flows: [{ id: 'a-loop', fromStepId: 'a-won', toStepId: 'a-won', label: '' }] } })),
    'bad-input',
  ],
  [
    'maps:applyChanges',
    'a flow to a missing step',
    () => apply(change({ upsert: { flows: [{ id: 'a-f9', fromStepId: 'a-won', toStepId: 'ghost', label: '' }] } })),
    'bad-input',
  ],
  [
    'maps:applyChanges',
    'a flow label of 10,000 characters',
    () => apply(change({ upsert: { flows: [{ id: 'a-f9', fromStepId: 'a-won', toStepId: 'a-lead', label: HUGE }] } })),
    'bad-input',
  ],
  [
    'maps:applyChanges',
    'a flow id of another map',
    () => apply(change({ upsert: { flows: [{ id: 'b-f1', fromStepId: 'a-won', toStepId: 'a-lead', label: '' }] } })),
    'conflict',
  ],
  // roles
  [
    'maps:applyChanges',
    'a lane colour by name',
    () => apply(change({ upsert: { roles: [{ id: 'a-x', name: 'Юрист', color: 'red', order: 3 }] } })),
    'bad-input',
  ],
  [
    'maps:applyChanges',
    'a negative lane order',
    () => apply(change({ upsert: { roles: [{ id: 'a-x', name: 'Юрист', color: '#112233', order: -1 }] } })),
    'bad-input',
  ],
  [
    'maps:applyChanges',
    'a lane without a name',
    () => apply(change({ upsert: { roles: [{ id: 'a-x', name: '', color: '#112233', order: 3 }] } })),
    'bad-input',
  ],
  [
    'maps:applyChanges',
    'a lane id of another map',
    () => apply(change({ upsert: { roles: [{ id: 'b-head', name: 'Захват', color: '#112233', order: 2 }] } })),
    'conflict',
  ],
  ['maps:applyChanges', 'removing a lane that still has steps', () => apply(change({ remove: { roles: ['a-manager'] } })), 'bad-input'],
  ['maps:applyChanges', 'removing an id with ../', () => apply(change({ remove: { steps: ['../a-lead'] } })), 'bad-input'],
  // a change that is half fine: nothing of it may be stored
  [
    'maps:applyChanges',
    'a good new lane and title with a step in another map’s lane',
    () =>
      apply(
        change({
          map: { title: 'Изменено' },
          upsert: { roles: [{ id: 'a-lawyer', name: 'Юрист', color: '#112233', order: 3 }], steps: [newStep({ roleId: 'b-manager' })] },
        }),
      ),
    'bad-input',
  ],
  [
    'maps:applyChanges',
    'a good step edit followed by a conflicting flow',
    () =>
      apply(
        change({
          upsert: { steps: [{ ...stepOf(a, 'a-lead'), title: 'Изменено' }], flows: [{ id: 'b-f2', fromStepId: 'a-lead', toStepId: 'a-won', label: '' }] },
          remove: { flows: ['a-f1'] },
        }),
      ),
    'conflict',
  ],
  // every row an edit writes says what it expects to find stored
  ['maps:applyChanges', 'a change without expectations', () => apply({ upsert: none(), remove: none() }), 'bad-input'],
  [
    'maps:applyChanges',
    'a step written without saying what it expects',
    () => apply({ ...change({ upsert: { steps: [{ ...stepOf(a, 'a-lead'), title: 'Без ожиданий' }] } }), expect: none() }),
    'bad-input',
  ],
  [
    'maps:applyChanges',
    'an expectation on a field steps do not have',
    () =>
      apply({
        ...change({}),
        expect: { ...none(), steps: [{ id: 'a-lead', before: { colour: 'red' } }] },
        upsert: { ...none(), steps: [stepOf(a, 'a-lead')] },
      }),
    'bad-input',
  ],
  [
    'maps:applyChanges',
    'a removal that expects nothing',
    () => apply({ ...change({}), remove: { ...none(), steps: ['a-lead'] }, expect: { ...none(), steps: [{ id: 'a-lead', before: null }] } }),
    'bad-input',
  ],
  [
    'maps:applyChanges',
    'the same step twice in one edit',
    () =>
      apply(
        change({
          upsert: {
            steps: [
              { ...stepOf(a, 'a-lead'), title: 'Раз' },
              { ...stepOf(a, 'a-lead'), title: 'Два' },
            ],
          },
        }),
      ),
    'bad-input',
  ],
  [
    'maps:applyChanges',
    'an expected title of 10,000 characters',
    () =>
      apply({ ...change({}), upsert: { ...none(), steps: [stepOf(a, 'a-lead')] }, expect: { ...none(), steps: [{ id: 'a-lead', before: { title: HUGE } }] } }),
    'bad-input',
  ],
  [
    'maps:applyChanges',
    'an expected value nested ten thousand deep',
    () =>
      apply({
        ...change({}),
        upsert: { ...none(), steps: [stepOf(a, 'a-lead')] },
        expect: { ...none(), steps: [{ id: 'a-lead', before: { title: JSON.parse('['.repeat(10_000) + ']'.repeat(10_000)) } }] },
      }),
    'bad-input',
  ],
  // stale edits: another editor changed or deleted the row meanwhile
  [
    'maps:applyChanges',
    'a rename that expects a title the step no longer has',
    () =>
      apply({
        ...change({}),
        upsert: { ...none(), steps: [{ ...stepOf(a, 'a-lead'), title: 'Моё' }] },
        expect: { ...none(), steps: [{ id: 'a-lead', before: { title: 'Было давно' } }] },
      }),
    'conflict',
  ],
  [
    'maps:applyChanges',
    'an edit of a step that was deleted (it must not come back)',
    () =>
      apply({
        ...change({}),
        upsert: { ...none(), steps: [{ ...newStep({}), id: 'a-gone' }] },
        expect: { ...none(), steps: [{ id: 'a-gone', before: { title: 'Удалённый шаг' } }] },
      }),
    'conflict',
  ],
  [
    'maps:applyChanges',
    'adding a step that is already there',
    () =>
      apply({
        ...change({}),
        upsert: { ...none(), steps: [{ ...stepOf(a, 'a-lead'), title: 'Другой' }] },
        expect: { ...none(), steps: [{ id: 'a-lead', before: null }] },
      }),
    'conflict',
  ],
  [
    'maps:applyChanges',
    'a map title change that expects another title',
    () => apply({ ...change({ map: { title: 'Новое' } }), expect: { ...none(), map: { title: 'Старое' } } }),
    'conflict',
  ],
  // comments refer to this map's steps, flows and threads only
  ...(
    [
      ['a comment on a step that does not exist', { targetKind: 'step', targetId: 'ghost' }],
      ['a comment on a step of another map', { targetKind: 'step', targetId: 'b-lead' }],
      ['a comment on a flow that does not exist', { targetKind: 'flow', targetId: 'ghost' }],
      ['a comment on a step filed as a flow', { targetKind: 'flow', targetId: 'a-lead' }],
      ['a comment on the map with a target', { targetKind: 'map', targetId: 'a-lead' }],
      ['a reply to a thread that does not exist', { targetKind: 'map', targetId: null, parentId: 'ghost' }],
      ['a comment on a step called toString', { targetKind: 'step', targetId: 'toString' }],
    ] as const
  ).map(([label, patch]): Case => [
    'maps:applyChanges',
    label,
    () => apply(change({ upsert: { comments: [{ ...newComment('a-c9'), ...patch }] } })),
    'bad-input',
  ]),
  [
    'maps:applyChanges',
    'a reply to a reply',
    () =>
      apply(
        change({
          upsert: {
            comments: [newComment('a-c1'), { ...newComment('a-c2'), parentId: 'a-c1' }, { ...newComment('a-c3'), parentId: 'a-c2' }],
          },
        }),
      ),
    'bad-input',
  ],
  [
    'maps:applyChanges',
    'a comment dated the 45th of a 13th month',
    () => apply(change({ upsert: { comments: [{ ...newComment('a-c9'), createdAt: '2026-13-45T10:00:00Z' }] } })),
    'bad-input',
  ],
  // backups:restore takes only a backup the library lists, by its exact path
  ['backups:restore', 'no path', () => ({}), 'bad-input'],
  ['backups:restore', 'a numeric path', () => ({ path: 5 }), 'bad-input'],
  ['backups:restore', 'a path outside the backups', () => ({ path: '/etc/passwd' }), 'not-found'],
  ['backups:restore', 'a path that climbs out of the backups folder', () => ({ path: `${lib.file}/../backups/../../../etc/passwd` }), 'not-found'],
  ['backups:restore', 'the library file itself', () => ({ path: lib.file }), 'not-found'],
  ['backups:restore', 'a NUL in the path', () => ({ path: 'backups/lanemap-2026.sqlite\u0000.txt' }), 'bad-input'],
  ['backups:restore', 'an extra field', () => ({ path: lib.file, force: true }), 'bad-input'],
  ['backups:restore', 'null', () => null, 'bad-input'],
  // names that are not calls
  ...['maps:explode', '', 'MAPS:LIST', 'maps:list ', '__proto__', 'constructor', 'toString', '../maps:list'].map((name): Case => [
    name,
    'any payload',
    () => ({}),
    'bad-input',
  ]),
  // maps:parents: a map id
  ['maps:parents', 'no id', () => ({}), 'bad-input'],
  ['maps:parents', 'a numeric id', () => ({ id: 5 }), 'bad-input'],
  ['maps:parents', 'an id with ../', () => ({ id: '../../etc/passwd' }), 'bad-input'],
  ['maps:parents', 'an extra field', () => ({ id: a.id, depth: 3 }), 'bad-input'],
  ['maps:parents', 'an unknown map', () => ({ id: 'no-such-map' }), 'not-found'],
  ['maps:parents', 'null', () => null, 'bad-input'],
  // versions: listed and read by map id and version id, saved with a name
  ['versions:list', 'no map id', () => ({}), 'bad-input'],
  ['versions:list', 'the map id as `id`', () => ({ id: a.id }), 'bad-input'],
  ['versions:list', 'a map id with ../', () => ({ mapId: '../maps' }), 'bad-input'],
  ['versions:list', 'a numeric map id', () => ({ mapId: 7 }), 'bad-input'],
  ['versions:list', 'an extra field', () => ({ mapId: a.id, limit: 1 }), 'bad-input'],
  ['versions:list', 'an unknown map', () => ({ mapId: 'no-such-map' }), 'not-found'],
  ['versions:list', 'null', () => null, 'bad-input'],
  ['versions:get', 'no version id', () => ({ mapId: b.id }), 'bad-input'],
  ['versions:get', 'no map id', () => ({ id: bVersion }), 'bad-input'],
  ['versions:get', 'a version id with spaces', () => ({ mapId: b.id, id: 'as is' }), 'bad-input'],
  ['versions:get', 'a 10,000-character id', () => ({ mapId: b.id, id: 'x'.repeat(10_000) }), 'bad-input'],
  ['versions:get', 'an unknown version', () => ({ mapId: b.id, id: 'no-such-version' }), 'not-found'],
  ['versions:get', 'a version of another map', () => ({ mapId: a.id, id: bVersion }), 'not-found'],
  ['versions:get', 'an extra field', () => ({ mapId: b.id, id: bVersion, doc: true }), 'bad-input'],
  ['versions:get', 'an array', () => [b.id, bVersion], 'bad-input'],
  ['versions:delete', 'no version id', () => ({ mapId: b.id }), 'bad-input'],
  ['versions:delete', 'a version id with ../', () => ({ mapId: b.id, id: '../versions' }), 'bad-input'],
  ['versions:delete', 'an unknown version', () => ({ mapId: b.id, id: 'no-such-version' }), 'not-found'],
  ['versions:delete', 'a version of another map', () => ({ mapId: a.id, id: bVersion }), 'not-found'],
  ['versions:delete', 'an extra field', () => ({ mapId: b.id, id: bVersion, force: true }), 'bad-input'],
  ['versions:delete', 'a string', () => bVersion, 'bad-input'],
  ...((): Case[] => {
    const good = () => ({ mapId: a.id, name: 'Как есть', note: '', author: 'Анна', kind: 'manual' });
    return [
      ['versions:save', 'no name', () => ({ ...good(), name: undefined }), 'bad-input'],
      ['versions:save', 'a blank name', () => ({ ...good(), name: '   ' }), 'bad-input'],
      ['versions:save', 'a 10,000-character name', () => ({ ...good(), name: HUGE }), 'bad-input'],
      ['versions:save', 'a 10,000-character note', () => ({ ...good(), note: HUGE }), 'bad-input'],
      ['versions:save', 'a numeric author', () => ({ ...good(), author: 42 }), 'bad-input'],
      ['versions:save', 'an unknown kind', () => ({ ...good(), kind: 'final' }), 'bad-input'],
      ['versions:save', 'an id of its own', () => ({ ...good(), id: 'mine' }), 'bad-input'],
      ['versions:save', 'a document of its own', () => ({ ...good(), doc: a }), 'bad-input'],
      ['versions:save', 'an unknown map', () => ({ ...good(), mapId: 'no-such-map' }), 'not-found'],
      ['versions:save', 'null', () => null, 'bad-input'],
    ];
  })(),
  // maps:import: the envelope of the call (the file's own checks: tests/unit/export-json.test.ts)
  ['maps:import', 'no text', () => ({}), 'bad-input'],
  ['maps:import', 'a numeric text', () => ({ text: 5 }), 'bad-input'],
  ['maps:import', 'an extra field', () => ({ text: '{}', id: 'mine' }), 'bad-input'],
  ['maps:import', 'a damaged file', () => ({ text: '{"format":"lanemap","schemaVersion":1,"map":{' }), 'bad-input'],
  ['maps:import', 'null', () => null, 'bad-input'],
  // BPMN (issue 11): refused by their schemas before the file is read or a map is looked up
  ['maps:importBpmn', 'no text', () => ({ fileName: 'a.bpmn' }), 'bad-input'],
  ['maps:importBpmn', 'a numeric text', () => ({ text: 5 }), 'bad-input'],
  ['maps:importBpmn', 'an extra field', () => ({ text: '<definitions/>', id: 'mine' }), 'bad-input'],
  ['maps:importBpmn', 'a file name with a line break', () => ({ text: '<definitions/>', fileName: 'a\nb.bpmn' }), 'bad-input'],
  ['maps:importBpmn', 'a text over 20 MB', () => ({ text: 'x'.repeat(20 * 1024 * 1024 + 1) }), 'bad-input'],
  ['maps:importBpmn', 'null', () => null, 'bad-input'],
  ['maps:exportBpmn', 'no id', () => ({ hierarchy: true }), 'bad-input'],
  ['maps:exportBpmn', 'a numeric id', () => ({ id: 7 }), 'bad-input'],
  ['maps:exportBpmn', 'an extra field', () => ({ id: 'a-map', format: 'bpmn' }), 'bad-input'],
  ['maps:exportBpmn', 'data objects as text', () => ({ id: 'a-map', dataObjects: 'yes' }), 'bad-input'],
  ['maps:exportBpmn', 'null', () => null, 'bad-input'],
  // templates: listing takes nothing; creating takes a known template id
  ['templates:list', 'an extra field', () => ({ language: 'ru' }), 'bad-input'],
  ['templates:list', 'null', () => null, 'bad-input'],
  ['templates:list', 'an array', () => [], 'bad-input'],
  ['templates:list', 'a string', () => 'all', 'bad-input'],
  ['templates:list', 'undefined', () => undefined, 'bad-input'],
  ['maps:createFromTemplate', 'no template', () => ({}), 'bad-input'],
  ['maps:createFromTemplate', 'an unknown template', () => ({ templateId: 'no-such-template' }), 'not-found'],
  ['maps:createFromTemplate', 'a path as template', () => ({ templateId: '../package' }), 'bad-input'],
  ['maps:createFromTemplate', 'an empty title', () => ({ templateId: 'full-cycle.ru', title: '  ' }), 'bad-input'],
  ['maps:createFromTemplate', 'an extra field', () => ({ templateId: 'full-cycle.ru', into: 'x' }), 'bad-input'],
  // file:print: only the desktop app prints through its own window; over the bridge it is refused like bad input
  ['file:print', 'no content', () => ({ title: 'Карта' }), 'bad-input'],
  ['file:print', 'empty content', () => ({ content: '', title: 'Карта' }), 'bad-input'],
  ['file:print', 'a 10,000-character title', () => ({ content: 'JVBERi0=', title: HUGE }), 'bad-input'],
  ['file:print', 'an extra field', () => ({ content: 'JVBERi0=', title: 'Карта', printer: 'lp0' }), 'bad-input'],
  ['file:print', 'a valid request in the browser build', () => ({ content: 'JVBERi0=', title: 'Карта' }), 'bad-input'],
  // file:save: only the desktop app saves files; over the bridge it is refused like bad input
  ['file:save', 'no file name', () => ({ content: 'x', encoding: 'utf8' }), 'bad-input'],
  ['file:save', 'an unknown encoding', () => ({ fileName: 'a.svg', content: 'x', encoding: 'latin1' }), 'bad-input'],
  ['file:save', 'an extra field', () => ({ fileName: 'a.svg', content: 'x', encoding: 'utf8', path: '/etc/passwd' }), 'bad-input'],
  ['file:save', 'null', () => null, 'bad-input'],
  ['file:save', 'a valid request in the browser build', () => ({ fileName: 'a.svg', content: 'x', encoding: 'utf8' }), 'bad-input'],
  // views:xlsx: a view's sheet written as a workbook (issue 10); refused before anything is written
  ['views:xlsx', 'no sheets', () => ({ sheets: [] }), 'bad-input'],
  ['views:xlsx', 'a cell that is an object', () => ({ sheets: [{ name: 'A', columns: [], rows: [[{ formula: 'A1' }]] }] }), 'bad-input'],
  ['views:xlsx', 'a 10,000-character sheet name', () => ({ sheets: [{ name: HUGE, columns: [], rows: [] }] }), 'bad-input'],
  ['views:xlsx', 'rows that are not a list', () => ({ sheets: [{ name: 'Таблица', columns: [], rows: 'много' }] }), 'bad-input'],
  ['views:xlsx', 'an extra field', () => ({ sheets: [{ name: 'A', columns: [], rows: [] }], path: '/etc/passwd' }), 'bad-input'],
  ['views:xlsx', 'null', () => null, 'bad-input'],
  // export:pdf: the map picture laid on PDF pages (issue 14); refused before anything is drawn
  ['export:pdf', 'no picture', () => ({ width: 100, height: 100, mode: 'fit', paper: 'a4', landscape: true, meta: { title: 'x' } }), 'bad-input'],
  ['export:pdf', 'an unknown paper', () => ({ svg: '<svg/>', width: 100, height: 100, frame: PDF_FRAME, mode: 'fit', paper: 'a0', landscape: true, meta: { title: 'x' } }), 'bad-input'],
  ['export:pdf', 'a negative width', () => ({ svg: '<svg/>', width: -5, height: 100, frame: PDF_FRAME, mode: 'tiles', paper: 'a4', landscape: true, meta: { title: 'x' } }), 'bad-input'],
  ['export:pdf', 'a scale of 100', () => ({ svg: '<svg/>', width: 100, height: 100, frame: PDF_FRAME, mode: 'tiles', paper: 'a4', landscape: true, scale: 100, meta: { title: 'x' } }), 'bad-input'],
  ['export:pdf', 'an extra field', () => ({ svg: '<svg/>', width: 100, height: 100, frame: PDF_FRAME, mode: 'fit', paper: 'a4', landscape: true, meta: { title: 'x' }, print: true }), 'bad-input'],
  // document:docx: the process document of a map as sent (issue 14); refused before anything is written
  ['document:docx', 'no map', () => ({ lang: 'ru' }), 'bad-input'],
  ['document:docx', 'an unknown language', () => ({ doc: lib.services['maps:get']({ id: a.id }), lang: 'de' }), 'bad-input'],
  ['document:docx', 'a map that is not one', () => ({ doc: { title: 'Воронка' }, lang: 'ru' }), 'bad-input'],
  ['document:docx', 'a 10,000-character map title', () => ({ doc: { ...lib.services['maps:get']({ id: a.id }), title: HUGE }, lang: 'en' }), 'bad-input'],
  ['document:docx', 'an extra field', () => ({ doc: lib.services['maps:get']({ id: a.id }), lang: 'en', path: '/etc/passwd' }), 'bad-input'],
  ['document:docx', 'null', () => null, 'bad-input'],
  // document:pdf: the same process document as a PDF; the same refusals
  ['document:pdf', 'no map', () => ({ lang: 'ru' }), 'bad-input'],
  ['document:pdf', 'an unknown language', () => ({ doc: lib.services['maps:get']({ id: a.id }), lang: 'de' }), 'bad-input'],
  ['document:pdf', 'a map that is not one', () => ({ doc: { title: 'Воронка' }, lang: 'ru' }), 'bad-input'],
  ['document:pdf', 'a 10,000-character map title', () => ({ doc: { ...lib.services['maps:get']({ id: a.id }), title: HUGE }, lang: 'en' }), 'bad-input'],
  ['document:pdf', 'an extra field', () => ({ doc: lib.services['maps:get']({ id: a.id }), lang: 'en', format: 'docx' }), 'bad-input'],
  ['document:pdf', 'null', () => null, 'bad-input'],
  // settings: reading takes nothing; a change names known settings with valid values
  ['settings:get', 'an extra field', () => ({ key: 'language' }), 'bad-input'],
  ['settings:get', 'null', () => null, 'bad-input'],
  ['settings:get', 'undefined', () => undefined, 'bad-input'],
  ['settings:get', 'an array', () => [], 'bad-input'],
  ['settings:get', 'a string', () => 'language', 'bad-input'],
  ['settings:set', 'nothing to change', () => ({}), 'bad-input'],
  ['settings:set', 'an unknown language', () => ({ language: 'de' }), 'bad-input'],
  ['settings:set', 'a language in capitals', () => ({ language: 'RU' }), 'bad-input'],
  ['settings:set', 'a null language', () => ({ language: null }), 'bad-input'],
  ['settings:set', 'a numeric author name', () => ({ authorName: 42 }), 'bad-input'],
  ['settings:set', 'a 121-character author name', () => ({ authorName: 'Я'.repeat(121) }), 'bad-input'],
  ['settings:set', 'a 10,000-character author name', () => ({ authorName: HUGE }), 'bad-input'],
  ['settings:set', 'an author name over two lines', () => ({ authorName: 'Анна\nПетрова' }), 'bad-input'],
  ['settings:set', 'an unknown setting', () => ({ language: 'ru', theme: 'dark' }), 'bad-input'],
  ['settings:set', 'a __proto__ key', () => JSON.parse('{"language":"ru","__proto__":{"admin":true}}'), 'bad-input'],
  ['settings:set', 'null', () => null, 'bad-input'],
  ['settings:set', 'an array', () => [{ language: 'ru' }], 'bad-input'],
  // the interface's words for a new map's lanes and a copy's title are checked like any name and title
  ['maps:create', 'an empty lane name', () => ({ title: 'Воронка', roleNames: ['Менеджер', ' '] }), 'bad-input'],
  ['maps:create', 'no lanes', () => ({ title: 'Воронка', roleNames: [] }), 'bad-input'],
  ['maps:create', 'lane names that are not a list', () => ({ title: 'Воронка', roleNames: 'Менеджер' }), 'bad-input'],
  ['maps:duplicate', 'an empty title for the copy', () => ({ id: a.id, title: '' }), 'bad-input'],
  ['maps:duplicate', 'a 10,000-character title for the copy', () => ({ id: a.id, title: HUGE }), 'bad-input'],
  // team libraries (issue 16): every request is checked before a server is reached
  ['team:list', 'an extra field', () => ({ url: 'http://x' }), 'bad-input'],
  ['team:list', 'null', () => (null), 'bad-input'],
  ['team:list', 'an array', () => ([]), 'bad-input'],
  ['team:list', 'a string', () => ('all'), 'bad-input'],
  ['team:list', 'a __proto__ key', () => (JSON.parse('{"__proto__":{"admin":true}}')), 'bad-input'],
  ['team:add', 'no address', () => ({}), 'bad-input'],
  ['team:add', 'a 10,000-character address', () => ({ url: HUGE }), 'bad-input'],
  ['team:add', 'an empty address', () => ({ url: '  ' }), 'bad-input'],
  ['team:add', 'a numeric address', () => ({ url: 5 }), 'bad-input'],
  ['team:add', 'an extra field', () => ({ url: 'https://lanemap.example', token: 'x' }), 'bad-input'],
  ['team:signIn', 'no password', () => ({ id: 'srv1', login: 'анна' }), 'bad-input'],
  ['team:signIn', 'a 10,000-character login', () => ({ id: 'srv1', login: HUGE, password: 'x' }), 'bad-input'],
  ['team:signIn', 'an empty login', () => ({ id: 'srv1', login: ' ', password: 'x' }), 'bad-input'],
  ['team:signIn', 'a 10,000-character password', () => ({ id: 'srv1', login: 'анна', password: HUGE }), 'bad-input'],
  ['team:signIn', 'no server', () => ({ login: 'анна', password: 'x' }), 'bad-input'],
  ['team:signOut', 'no id', () => ({}), 'bad-input'],
  ['team:signOut', 'a numeric id', () => ({ id: 5 }), 'bad-input'],
  ['team:signOut', 'null', () => (null), 'bad-input'],
  ['team:signOut', 'an extra field', () => ({ id: 'srv1', force: true }), 'bad-input'],
  ['team:signOut', 'a 10,000-character id', () => ({ id: HUGE }), 'bad-input'],
  ['team:remove', 'no id', () => ({}), 'bad-input'],
  ['team:remove', 'a numeric id', () => ({ id: 5 }), 'bad-input'],
  ['team:remove', 'null', () => (null), 'bad-input'],
  ['team:remove', 'an extra field', () => ({ id: 'srv1', force: true }), 'bad-input'],
  ['team:remove', 'a 10,000-character id', () => ({ id: HUGE }), 'bad-input'],
  ['team:call', 'a call the team does not answer', () => ({ server: 'srv1', name: 'backups:restore', input: {} }), 'bad-input'],
  ['team:call', 'no server', () => ({ name: 'maps:list', input: {} }), 'bad-input'],
  ['team:call', 'no call', () => ({ server: 'srv1', input: {} }), 'bad-input'],
  ['team:call', 'an unknown call', () => ({ server: 'srv1', name: 'maps:hack', input: {} }), 'bad-input'],
  ['team:call', 'an extra field', () => ({ server: 'srv1', name: 'maps:list', input: {}, url: 'http://evil' }), 'bad-input'],
  ['team:watch', 'a client id with a slash', () => ({ client: '../../etc/passwd', server: null, mapId: null }), 'bad-input'],
  ['team:watch', 'no client', () => ({ server: null, mapId: null }), 'bad-input'],
  ['team:watch', 'a short client id', () => ({ client: 'ab', server: null, mapId: null }), 'bad-input'],
  ['team:watch', 'no map field', () => ({ client: 'abcdefgh12', server: null }), 'bad-input'],
  ['team:watch', 'null', () => (null), 'bad-input'],
];

const replies: { name: string; label: string; message: string }[] = [];

describe.each(CALLS.map((c) => [c]))('%s', (name) => {
  test('has refusal cases', () => {
    expect(cases.filter(([c]) => c === name).length).toBeGreaterThanOrEqual(5);
  });
});

describe('every malformed request is refused readably and changes nothing', () => {
  test.each(cases)('%s with %s → %s', (name, label, payload, code) => {
    const before = snapshotTables(lib.db);
    const reply = dispatch(lib.services, name, payload());
    const after = snapshotTables(lib.db);
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    replies.push({ name, label, message: reply.error.message });
    expect(reply.error.code).toBe(code);
    const { message } = reply.error;
    expect(typeof message).toBe('string');
    expect(message.trim().length).toBeGreaterThan(10);
    expect(message.length).toBeLessThan(400);
    expect(message).not.toMatch(/\n\s+at |\.ts:\d+|node_modules|SqliteError|\[object Object\]|ЯЯЯЯЯЯЯЯ/);
    expect(after).toEqual(before);
  });

  test('no refusal says "undefined" to the user', () => {
    // runs after the cases above (same file, in order)
    expect(replies.length).toBe(cases.length);
    const jargon = replies.filter((r) => /\bundefined\b/.test(r.message)).map((r) => `${r.name} with ${r.label}: ${r.message}`);
    expect(jargon).toEqual([]);
  });

  test('a call with no name at all is refused', () => {
    const reply = dispatch(lib.services, undefined, {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad-input' } });
  });
});

describe('after all that, both maps are as they were', () => {
  test('maps:get gives the stored maps unchanged', () => {
    expect(call(lib.services, 'maps:get', { id: a.id })).toEqual(a);
    expect(call(lib.services, 'maps:get', { id: b.id })).toEqual(b);
  });

  test('removing a step id of another map does not touch that map', () => {
    dispatch(lib.services, 'maps:applyChanges', apply(change({ remove: { steps: ['b-qualify'], flows: ['b-f1'], roles: ['b-head'] } })));
    expect(call(lib.services, 'maps:get', { id: b.id })).toEqual(b);
  });
});

describe('text is data', () => {
  const markup = '<img src=x onerror=alert(1)>';

  test('a map title with HTML is stored and returned verbatim', () => {
    const created = call(lib.services, 'maps:create', { title: markup });
    expect(created.title).toBe(markup);
    expect(call(lib.services, 'maps:get', { id: created.id }).title).toBe(markup);
    expect(call(lib.services, 'maps:list', {}).find((m) => m.id === created.id)?.title).toBe(markup);
    expect(lib.db.prepare('SELECT title FROM maps WHERE id = ?').pluck().get(created.id)).toBe(markup);
  });

  test('SQL and HTML in step titles, items and flow labels are stored verbatim', () => {
    const created = call(lib.services, 'maps:create', { title: "Карта'); DROP TABLE maps; --" });
    const doc = storeMap(lib.services, salesMap('t'));
    const odd = `${markup} «Квалификация лида» '); DELETE FROM steps; --`;
    const changes = withExpectations(doc, {
      upsert: {
        ...none(),
        steps: [{ ...stepOf(doc, 't-qualify'), title: odd, inputs: [markup, '"; --'] }],
        flows: [{ id: 't-f4', fromStepId: 't-decide', toStepId: 't-won', label: '<b>да</b>' }],
      },
      remove: none(),
    }) as unknown as MapChanges;
    call(lib.services, 'maps:applyChanges', { id: doc.id, changes });
    const stored = call(lib.services, 'maps:get', { id: doc.id });
    expect(stored.steps['t-qualify']).toMatchObject({ title: odd, inputs: [markup, '"; --'] });
    expect(stored.flows['t-f4']?.label).toBe('<b>да</b>');
    expect(content(call(lib.services, 'maps:get', { id: a.id }))).toEqual(content(a));
    expect(call(lib.services, 'maps:get', { id: created.id }).title).toBe("Карта'); DROP TABLE maps; --");
  });
});
