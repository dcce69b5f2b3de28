/**
 * The editor store against the real services over a SQLite file: after every edit, undo and
 * redo has been written, what is stored is what is on screen.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { LanemapApi } from '../../shared/contract';
import { cmd } from '../../shared/model/commands';
import type { MapDoc } from '../../shared/model/types';
import { createEditorStore, type EditorStore } from '../../src-renderer/store/editorStore';
import { content, salesMap } from '../support/builders';
import { apiOver, call, openTempLibrary, removeTempDirs, snapshotTables, storeMap, type TempLibrary } from '../support/library';

let lib: TempLibrary;
let original: MapDoc;
let errors: string[];
/** Every store a test opened: their writes are awaited before the file is closed. */
const stores: EditorStore[] = [];

beforeEach(() => {
  lib = openTempLibrary();
  original = storeMap(lib.services, salesMap('e'));
  errors = [];
});
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.getState().flush()));
  lib.close();
  removeTempDirs();
});

const notify = { error: (text: string) => void errors.push(text) };
const storedDoc = () => call(lib.services, 'maps:get', { id: original.id });

/** A store with the map loaded, over `api` (the real one by default). */
async function openEditor(api: LanemapApi = apiOver(lib.services)) {
  const store = createEditorStore(api, notify);
  stores.push(store);
  await store.getState().load(original.id);
  const screen = () => {
    const doc = store.getState().doc;
    if (!doc) throw new Error('no map is open');
    return doc;
  };
  /** Waits for every write, then checks the stored map is the one on screen. */
  const expectStoredAsOnScreen = async () => {
    await store.getState().flush();
    expect(store.getState().pendingWrites).toBe(0);
    expect(content(storedDoc())).toEqual(content(screen()));
  };
  return { store, screen, expectStoredAsOnScreen };
}

describe('loading', () => {
  test('opens the stored map', async () => {
    const { store, screen } = await openEditor();
    expect(screen()).toEqual(original);
    expect(store.getState()).toMatchObject({ loading: false, past: [], future: [] });
  });

  test('a map that is gone is reported, nothing is open', async () => {
    call(lib.services, 'maps:delete', { id: original.id });
    const { store } = await openEditor();
    expect(store.getState()).toMatchObject({ doc: null, loading: false });
    expect(errors).toEqual(['Could not open the map: This map no longer exists.']);
  });
});

describe('edits are stored as they are made', () => {
  test('a series of edits: the stored map equals the one on screen', async () => {
    const { store, screen, expectStoredAsOnScreen } = await openEditor();
    const s = store.getState();
    expect(s.run(cmd('updateStep', { stepId: 'e-qualify', patch: { title: 'Квалификация лида по BANT', duration: { value: 20, unit: 'min' } } }))).toBe(true);
    expect(s.run(cmd('addStepAfter', { afterStepId: 'e-won', id: 'e-invoice', flowId: 'e-f6', kind: 'task', title: 'Выставить счёт' }))).toBe(true);
    s.run(cmd('setStepItems', { stepId: 'e-invoice', kind: 'outputs', items: ['Счёт', ' Акт ', ''] }));
    s.run(cmd('setFlowLabel', { flowId: 'e-f5', label: 'нужны уточнения' }));
    s.run(cmd('addRole', { id: 'e-finance', name: 'Бухгалтерия', color: '#eb5757' }));
    s.run(cmd('moveSteps', { moves: [{ stepId: 'e-invoice', x: 1300, y: 40, roleId: 'e-finance' }] }));
    s.run(cmd('removeRole', { roleId: 'e-head', moveStepsTo: 'e-manager' }));
    s.run(cmd('renameMap', { title: 'Воронка продаж 2026' }));
    await expectStoredAsOnScreen();
    expect(storedDoc().steps['e-invoice']).toMatchObject({ roleId: 'e-finance', outputs: ['Счёт', 'Акт'] });
    expect(call(lib.services, 'maps:list', {}).find((m) => m.id === original.id)?.title).toBe('Воронка продаж 2026');
    expect(screen().title).toBe('Воронка продаж 2026');
  });

  test('deleting steps deletes them and their flows in storage too', async () => {
    const { store, expectStoredAsOnScreen } = await openEditor();
    store.getState().select({ steps: ['e-decide', 'e-won'], flows: [] });
    store.getState().run(cmd('deleteElements', { stepIds: ['e-decide'], flowIds: ['e-f1'] }));
    expect(store.getState().selection).toEqual({ steps: ['e-won'], flows: [] });
    await expectStoredAsOnScreen();
    expect(Object.keys(storedDoc().flows).sort()).toEqual(['e-f2']);
  });

  test('an edit that is not possible is refused, reported, and nothing is written', async () => {
    const { store, screen } = await openEditor();
    const before = snapshotTables(lib.db);
    expect(store.getState().run(cmd('connect', { id: 'x', fromStepId: 'e-lead', toStepId: 'e-qualify' }))).toBe(false);
    await store.getState().flush();
    expect(errors).toEqual(['These steps are already connected.']);
    expect(screen()).toEqual(original);
    expect(store.getState().past).toEqual([]);
    expect(snapshotTables(lib.db)).toEqual(before);
  });

  test('an edit that changes nothing adds no undo step and writes nothing', async () => {
    const { store } = await openEditor();
    const before = snapshotTables(lib.db);
    expect(store.getState().run(cmd('setFlowLabel', { flowId: 'e-f4', label: 'да' }))).toBe(true);
    await store.getState().flush();
    expect(store.getState().past).toHaveLength(0);
    expect(snapshotTables(lib.db)).toEqual(before);
  });
});

describe('undo and redo are stored too', () => {
  test('undo then redo: each time the stored map is the one on screen', async () => {
    const { store, screen, expectStoredAsOnScreen } = await openEditor();
    const s = store.getState();
    s.run(cmd('updateStep', { stepId: 'e-offer', patch: { title: 'Согласование скидки с РОП' } }));
    const afterFirst = screen();
    s.run(cmd('removeRole', { roleId: 'e-client', deleteSteps: true }));
    const afterSecond = screen();
    await expectStoredAsOnScreen();

    store.getState().undo();
    expect(screen()).toBe(afterFirst);
    await expectStoredAsOnScreen();
    expect(storedDoc().steps['e-decide']?.title).toBe('Клиент согласен?');

    store.getState().undo();
    await expectStoredAsOnScreen();
    expect(content(storedDoc())).toEqual(content(original));

    store.getState().redo();
    store.getState().redo();
    expect(screen()).toBe(afterSecond);
    await expectStoredAsOnScreen();
    expect(storedDoc().roles['e-client']).toBeUndefined();
  });

  test('undo right after an edit, before it is saved, leaves the original stored', async () => {
    const { store, expectStoredAsOnScreen } = await openEditor();
    store.getState().run(cmd('deleteElements', { stepIds: ['e-qualify'], flowIds: [] }));
    store.getState().undo();
    await expectStoredAsOnScreen();
    expect(content(storedDoc())).toEqual(content(original));
  });

  test('a new edit after undo drops the redo history', async () => {
    const { store } = await openEditor();
    store.getState().run(cmd('renameMap', { title: 'Первый вариант' }));
    store.getState().undo();
    store.getState().run(cmd('renameMap', { title: 'Второй вариант' }));
    expect(store.getState().future).toEqual([]);
    store.getState().redo();
    await store.getState().flush();
    expect(storedDoc().title).toBe('Второй вариант');
  });

  test('typing in one field (same coalesceKey in a row) is one undo step', async () => {
    const { store, screen, expectStoredAsOnScreen } = await openEditor();
    const typed = ['К', 'Кв', 'Ква', 'Квал', 'Квалификация клиента'];
    for (const title of typed) store.getState().run(cmd('updateStep', { stepId: 'e-qualify', patch: { title } }), { coalesceKey: 'title:e-qualify' });
    expect(store.getState().past).toHaveLength(1);
    await expectStoredAsOnScreen();
    expect(storedDoc().steps['e-qualify']?.title).toBe('Квалификация клиента');

    // another field starts a new undo step
    store.getState().run(cmd('updateStep', { stepId: 'e-qualify', patch: { description: 'По BANT' } }), { coalesceKey: 'description:e-qualify' });
    expect(store.getState().past).toHaveLength(2);

    store.getState().undo();
    expect(screen().steps['e-qualify']).toMatchObject({ title: 'Квалификация клиента', description: '' });
    store.getState().undo();
    expect(screen().steps['e-qualify']?.title).toBe('Квалификация лида');
    await expectStoredAsOnScreen();
    expect(storedDoc().steps['e-qualify']?.title).toBe('Квалификация лида');
  });

  test('the same key after an undo does not merge into the undone step', async () => {
    const { store, screen } = await openEditor();
    const type = (title: string) => store.getState().run(cmd('updateStep', { stepId: 'e-lead', patch: { title } }), { coalesceKey: 'title:e-lead' });
    type('Заявка');
    store.getState().undo();
    type('Звонок');
    store.getState().undo();
    expect(screen().steps['e-lead']?.title).toBe('Заявка поступила');
  });
});

describe('when a write fails', () => {
  test('the user is told and the map is reloaded as stored', async () => {
    const real = apiOver(lib.services);
    const failing: LanemapApi = { ...real, 'maps:applyChanges': async () => Promise.reject(new Error('disk is full')) };
    const { store, screen } = await openEditor(failing);
    store.getState().run(cmd('deleteElements', { stepIds: ['e-qualify', 'e-offer'], flowIds: [] }));
    expect(Object.keys(screen().steps)).toHaveLength(3);
    await store.getState().flush();
    expect(errors).toEqual(['Could not save the last change: disk is full. The map was reloaded as stored.']);
    expect(screen()).toEqual(storedDoc());
    expect(content(screen())).toEqual(content(original));
    expect(store.getState()).toMatchObject({ past: [], future: [], pendingWrites: 0 });
  });

  test('a change the library would refuse (an empty map title) is reported and never shown or sent', async () => {
    const { store, screen } = await openEditor();
    expect(store.getState().run(cmd('renameMap', { title: '' }))).toBe(false);
    expect(errors).toEqual(['That edit is not possible: map.title: must not be empty']);
    expect(screen().title).toBe(original.title);
    expect(store.getState().past).toHaveLength(0);
    await store.getState().flush();
    expect(storedDoc().title).toBe(original.title);
  });

  test('writes queued behind a failed one are dropped, so the screen shows what is stored', async () => {
    const real = apiOver(lib.services);
    let calls = 0;
    const failingOnce: LanemapApi = {
      ...real,
      'maps:applyChanges': async (input) => (++calls === 1 ? Promise.reject(new Error('disk is full')) : real['maps:applyChanges'](input)),
    };
    const { store, screen } = await openEditor(failingOnce);
    store.getState().run(cmd('updateStep', { stepId: 'e-lead', patch: { title: 'Первая правка' } }));
    store.getState().run(cmd('updateStep', { stepId: 'e-offer', patch: { title: 'Вторая правка' } }));
    await store.getState().flush();
    await store.getState().flush();
    expect(errors).toEqual(['Could not save the last change: disk is full. The map was reloaded as stored.']);
    expect(calls).toBe(1);
    expect(screen()).toEqual(storedDoc());
    expect(content(storedDoc())).toEqual(content(original));
  });

  test('edits made while the failing write was on its way: the screen still shows what is stored', async () => {
    const { store, expectStoredAsOnScreen } = await openEditor();
    // the user clears the title (refused by the library) and, before the reply, adds a step
    store.getState().run(cmd('renameMap', { title: '' }));
    store.getState().run(cmd('addStepAfter', { afterStepId: 'e-won', id: 'e-archive', flowId: 'e-f9', kind: 'end', title: 'Архив' }));
    await expectStoredAsOnScreen();
    expect(errors.length).toBeGreaterThan(0);
  });
});
