/**
 * Named versions on a real SQLite file: saved as the map is stored, listed newest first,
 * read back exactly (also after the file is closed and opened again), gone with their map.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { applyCommand, cmd } from '../../shared/model/commands';
import { diffMaps } from '../../shared/model/diff';
import type { MapDoc } from '../../shared/model/types';
import { dispatch } from '../../src-main/services/dispatch';
import { salesMap } from '../support/builders';
import { call, openTempLibrary, removeTempDirs, storeMap, type TempLibrary } from '../support/library';

const libs: TempLibrary[] = [];
afterEach(() => {
  for (const lib of libs.splice(0)) if (lib.db.open) lib.close();
  removeTempDirs();
});

function open(file?: string) {
  const lib = openTempLibrary(file);
  libs.push(lib);
  return lib;
}

/** Edits the stored map the way the editor does: the difference, written by maps:applyChanges. */
function edit(lib: TempLibrary, doc: MapDoc, ...commands: Parameters<typeof applyCommand>[1][]): MapDoc {
  const next = commands.reduce(applyCommand, doc);
  call(lib.services, 'maps:applyChanges', { id: doc.id, changes: diffMaps(doc, next) });
  return call(lib.services, 'maps:get', { id: doc.id });
}

describe('versions:save, versions:list and versions:get', () => {
  test('two versions with a change between them: listed newest first, each read back as the map was', () => {
    const lib = open();
    const asIs = storeMap(lib.services, salesMap('v'));
    const first = call(lib.services, 'versions:save', { mapId: asIs.id, name: '  Как есть  ', note: 'До рабочей сессии', author: 'Анна', kind: 'manual' });
    expect(first).toMatchObject({ mapId: asIs.id, name: 'Как есть', note: 'До рабочей сессии', author: 'Анна', kind: 'manual', stepCount: 5 });

    const toBe = edit(
      lib,
      asIs,
      cmd('updateStep', { stepId: 'v-qualify', patch: { title: 'Квалификация по BANT' } }),
      cmd('setStepItems', { stepId: 'v-qualify', kind: 'inputs', items: ['Заявка с сайта', 'Карточка лида', 'Бриф'] }),
      cmd('addStepAfter', { afterStepId: 'v-won', id: 'v-invoice', flowId: 'v-f6', kind: 'task', title: 'Выставить счёт' }),
    );
    const second = call(lib.services, 'versions:save', { mapId: asIs.id, name: 'Как должно быть', note: '', author: '', kind: 'approved' });
    expect(second).toMatchObject({ name: 'Как должно быть', kind: 'approved', stepCount: 6 });

    const list = call(lib.services, 'versions:list', { mapId: asIs.id });
    expect(list.map((v) => v.name)).toEqual(['Как должно быть', 'Как есть']);
    expect(list[0]).toEqual(second);
    expect(list[1]).toEqual(first);
    expect(list[1]!.createdAt < list[0]!.createdAt).toBe(true);

    const got1 = call(lib.services, 'versions:get', { mapId: asIs.id, id: first.id });
    expect(got1.version).toEqual(first);
    expect(got1.doc).toEqual(asIs);
    const got2 = call(lib.services, 'versions:get', { mapId: asIs.id, id: second.id });
    expect(got2.doc).toEqual(toBe);
    expect(got2.doc.steps['v-qualify']!.inputs).toEqual(['Заявка с сайта', 'Карточка лида', 'Бриф']);

    // a version is a snapshot: later edits of the map leave it as it was
    edit(lib, toBe, cmd('deleteElements', { stepIds: ['v-invoice'], flowIds: [] }));
    expect(call(lib.services, 'versions:get', { mapId: asIs.id, id: second.id }).doc).toEqual(toBe);
  });

  test('after the file is closed and opened again, the versions read back the same', () => {
    const lib = open();
    const doc = storeMap(lib.services, salesMap('r'));
    const saved = call(lib.services, 'versions:save', { mapId: doc.id, name: 'Версия «Ёлка» 🎄', note: 'строка 1\nстрока 2', author: 'Пётр', kind: 'manual' });
    const before = { list: call(lib.services, 'versions:list', { mapId: doc.id }), got: call(lib.services, 'versions:get', { mapId: doc.id, id: saved.id }) };
    lib.close();
    const again = open(lib.file);
    expect(call(again.services, 'versions:list', { mapId: doc.id })).toEqual(before.list);
    expect(call(again.services, 'versions:get', { mapId: doc.id, id: saved.id })).toEqual(before.got);
    expect(before.got.doc).toEqual(doc);
  });

  test('a version saved by mistake can be deleted; an approved one is kept as the record of the approval', () => {
    const lib = open();
    const map = storeMap(lib.services, salesMap('d'));
    const mistake = call(lib.services, 'versions:save', { mapId: map.id, name: 'Черновик по ошибке', note: '', author: 'Анна', kind: 'manual' });
    const approved = call(lib.services, 'versions:save', { mapId: map.id, name: 'Утверждено', note: '', author: 'Ирина', kind: 'approved' });
    expect(call(lib.services, 'versions:delete', { mapId: map.id, id: mistake.id })).toEqual({ deleted: true });
    expect(call(lib.services, 'versions:list', { mapId: map.id }).map((v) => v.name)).toEqual(['Утверждено']);
    const refused = dispatch(lib.services, 'versions:delete', { mapId: map.id, id: approved.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: 'An approved version is kept: it is the record of the approval.' } });
    expect(call(lib.services, 'versions:get', { mapId: map.id, id: approved.id }).version.name).toBe('Утверждено');
    expect(dispatch(lib.services, 'versions:delete', { mapId: map.id, id: mistake.id })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  test('the versions of a deleted map go with it', () => {
    const lib = open();
    const doc = storeMap(lib.services, salesMap('d'));
    const other = storeMap(lib.services, salesMap('o'));
    const gone = call(lib.services, 'versions:save', { mapId: doc.id, name: 'A', note: '', author: '', kind: 'manual' });
    call(lib.services, 'versions:save', { mapId: other.id, name: 'B', note: '', author: '', kind: 'manual' });
    call(lib.services, 'maps:delete', { id: doc.id });
    expect(lib.db.prepare('SELECT COUNT(*) AS n FROM versions WHERE map_id = ?').get(doc.id)).toEqual({ n: 0 });
    expect(dispatch(lib.services, 'versions:list', { mapId: doc.id })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(dispatch(lib.services, 'versions:get', { mapId: doc.id, id: gone.id })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(call(lib.services, 'versions:list', { mapId: other.id }).map((v) => v.name)).toEqual(['B']);
  });

  test('saving a version of a missing map is refused as not found and stores nothing', () => {
    const lib = open();
    const reply = dispatch(lib.services, 'versions:save', { mapId: 'no-such-map', name: 'A', note: '', author: '', kind: 'manual' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(lib.db.prepare('SELECT COUNT(*) AS n FROM versions').get()).toEqual({ n: 0 });
  });

  test('a version is read only through its own map', () => {
    const lib = open();
    const a = storeMap(lib.services, salesMap('a'));
    const b = storeMap(lib.services, salesMap('b'));
    const v = call(lib.services, 'versions:save', { mapId: a.id, name: 'A', note: '', author: '', kind: 'manual' });
    expect(dispatch(lib.services, 'versions:get', { mapId: b.id, id: v.id })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(call(lib.services, 'versions:list', { mapId: b.id })).toEqual([]);
  });
});
