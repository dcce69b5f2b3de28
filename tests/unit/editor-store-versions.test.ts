/**
 * Versions in the editor store, against the real services over a SQLite file: restoring a
 * version is one undoable edit (what is stored is what is shown, each time); a version shown
 * read only can be neither edited nor undone into, and nothing of it reaches the library;
 * approving then editing makes a draft and leaves the approved version as it was.
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
/** What a reader sees of a map: its title, description, lanes, phases, steps and flows. */
const shape = (d: MapDoc) => ({ title: d.title, description: d.description, roles: d.roles, phases: d.phases, steps: d.steps, flows: d.flows });

/** The real API, counting the writes it is asked for. */
function countingApi() {
  const api = apiOver(lib.services);
  const writes: unknown[] = [];
  const counted: LanemapApi = {
    ...api,
    'maps:applyChanges': async (input) => {
      writes.push(input);
      return api['maps:applyChanges'](input);
    },
  };
  return { api: counted, writes };
}

async function openEditor(api: LanemapApi = apiOver(lib.services)) {
  const store = createEditorStore(api, notify);
  stores.push(store);
  await store.getState().load(original.id);
  const screen = () => store.getState().doc!;
  const expectStoredAsOnScreen = async () => {
    await store.getState().flush();
    expect(store.getState().pendingWrites).toBe(0);
    expect(content(storedDoc())).toEqual(content(screen()));
  };
  return { store, screen, expectStoredAsOnScreen };
}

const saveVersion = (name: string, kind: 'manual' | 'approved' = 'manual') =>
  call(lib.services, 'versions:save', { mapId: original.id, name, note: '', author: 'Анна', kind });
const versionDoc = (id: string) => call(lib.services, 'versions:get', { mapId: original.id, id }).doc;

describe('restoring a version', () => {
  test('is one undoable edit: the map becomes the version, undo brings the edited map back, each stored as shown', async () => {
    const { store, screen, expectStoredAsOnScreen } = await openEditor();
    const asIs = saveVersion('Как есть');
    const s = store.getState();
    s.run(cmd('updateStep', { stepId: 'e-qualify', patch: { title: 'Квалификация по BANT' } }));
    s.run(cmd('setStepItems', { stepId: 'e-qualify', kind: 'inputs', items: ['Заявка с сайта', 'Бриф'] }));
    s.run(cmd('addStepAfter', { afterStepId: 'e-won', id: 'e-invoice', flowId: 'e-f6', kind: 'task', title: 'Выставить счёт' }));
    s.run(cmd('renameMap', { title: 'Воронка 2.0' }));
    await expectStoredAsOnScreen();
    const edited = screen();
    const historyBefore = store.getState().past.length;

    expect(store.getState().run(cmd('restoreVersion', { version: versionDoc(asIs.id) }))).toBe(true);
    expect(store.getState().past.length).toBe(historyBefore + 1);
    expect(shape(screen())).toEqual(shape(original));
    await expectStoredAsOnScreen();
    expect(shape(storedDoc())).toEqual(shape(original));

    store.getState().undo();
    expect(screen()).toEqual(edited);
    await expectStoredAsOnScreen();
    expect(storedDoc().steps['e-invoice']?.title).toBe('Выставить счёт');

    store.getState().redo();
    expect(shape(screen())).toEqual(shape(original));
    await expectStoredAsOnScreen();
    expect(errors).toEqual([]);
  });
});

describe('a version shown read only', () => {
  test('cannot be edited, undone or redone; nothing is written; back to the map as it was, history kept', async () => {
    const { api, writes } = countingApi();
    const { store, screen, expectStoredAsOnScreen } = await openEditor(api);
    const asIs = saveVersion('Как есть');
    store.getState().run(cmd('updateStep', { stepId: 'e-offer', patch: { title: 'Согласовать скидку' } }));
    store.getState().run(cmd('updateStep', { stepId: 'e-offer', patch: { title: 'Согласовать скидку' } }));
    store.getState().undo();
    await expectStoredAsOnScreen();
    const current = screen();
    const { past, future } = store.getState();
    const tablesBefore = snapshotTables(lib.db);
    const writesBefore = writes.length;

    const version = versionDoc(asIs.id);
    store.getState().viewVersion({ versionId: asIs.id, name: asIs.name }, version);
    expect(store.getState().viewing).toEqual({ versionId: asIs.id, name: 'Как есть' });
    expect(screen()).toBe(version);

    const s = store.getState();
    expect(s.run(cmd('updateStep', { stepId: 'e-qualify', patch: { title: 'Взлом' } }))).toBe(false);
    expect(s.run(cmd('deleteElements', { stepIds: ['e-lead'], flowIds: ['e-f1'] }))).toBe(false);
    expect(s.run(cmd('addStep', { id: 'e-new', kind: 'task', roleId: 'e-manager', phaseId: null, x: 10, y: 10, title: 'Новый' }))).toBe(false);
    expect(s.run(cmd('moveSteps', { moves: [{ stepId: 'e-lead', x: 500, y: 90, roleId: 'e-client' }] }))).toBe(false);
    expect(s.run(cmd('restoreVersion', { version: current }))).toBe(false);
    s.undo();
    s.redo();
    s.select({ steps: ['e-qualify'], flows: [] });
    expect(screen()).toBe(version);
    expect(store.getState().past).toBe(past);
    expect(store.getState().future).toBe(future);
    await store.getState().flush();
    expect(writes.length).toBe(writesBefore);
    expect(snapshotTables(lib.db)).toEqual(tablesBefore);
    // said once (not once per refused key press)
    expect(errors).toEqual(['This is a saved version and cannot be changed. Go back to the current map to edit.']);

    store.getState().endView();
    expect(store.getState().viewing).toBeNull();
    expect(screen()).toBe(current);
    expect(store.getState().selection).toEqual({ steps: [], flows: [] });
    // the history is the map's again
    store.getState().redo();
    expect(screen().steps['e-offer']!.title).toBe('Согласовать скидку');
    await expectStoredAsOnScreen();
  });

  test('an edit still on its way when the version opens is stored, and the map shows it afterwards', async () => {
    const { store, screen, expectStoredAsOnScreen } = await openEditor();
    const asIs = saveVersion('Как есть');
    const version = versionDoc(asIs.id);
    store.getState().run(cmd('updateStep', { stepId: 'e-won', patch: { title: 'Сделка подписана' } }));
    store.getState().viewVersion({ versionId: asIs.id, name: asIs.name }, version);
    await store.getState().flush();
    expect(storedDoc().steps['e-won']!.title).toBe('Сделка подписана');
    expect(screen().steps['e-won']!.title).toBe('Сделка закрыта');
    store.getState().endView();
    expect(screen().steps['e-won']!.title).toBe('Сделка подписана');
    await expectStoredAsOnScreen();
  });

  test('opening another map ends the view', async () => {
    const { store } = await openEditor();
    const asIs = saveVersion('Как есть');
    store.getState().viewVersion({ versionId: asIs.id, name: asIs.name }, versionDoc(asIs.id));
    await store.getState().load(original.id);
    expect(store.getState().viewing).toBeNull();
    expect(store.getState().run(cmd('renameMap', { title: 'Снова можно' }))).toBe(true);
  });
});

describe('approving, then editing', () => {
  test('the map becomes a draft again and the approved version stays as it was', async () => {
    const { store, screen, expectStoredAsOnScreen } = await openEditor();
    expect(store.getState().run(cmd('setStatus', { status: 'approved', by: 'Ирина Петрова', at: '2026-11-26T10:00:00.000Z' }))).toBe(true);
    await store.getState().flush();
    const approved = saveVersion('Утверждено: Ирина Петрова', 'approved');
    const approvedDoc = versionDoc(approved.id);
    expect(approvedDoc).toMatchObject({ status: 'approved', approval: { by: 'Ирина Петрова', at: '2026-11-26T10:00:00.000Z' } });

    store.getState().run(cmd('updateStep', { stepId: 'e-qualify', patch: { title: 'Квалификация по BANT' } }));
    expect(screen().status).toBeUndefined();
    expect(screen().approval).toEqual({ by: 'Ирина Петрова', at: '2026-11-26T10:00:00.000Z' });
    await expectStoredAsOnScreen();
    expect(call(lib.services, 'maps:list', {}).find((m) => m.id === original.id)?.status).toBe('draft');

    const list = call(lib.services, 'versions:list', { mapId: original.id });
    expect(list).toEqual([approved]);
    expect(versionDoc(approved.id)).toEqual(approvedDoc);
    expect(versionDoc(approved.id).steps['e-qualify']!.title).toBe('Квалификация лида');
  });
});
