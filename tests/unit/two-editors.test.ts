/**
 * Two editors on one map (two windows, or the desktop app beside `npm run web`): neither loses
 * the other's edits without a word. Each store writes through the real services over one
 * SQLite file, as two windows would.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { applyCommand, cmd, type Command } from '../../shared/model/commands';
import { diffMaps } from '../../shared/model/diff';
import type { MapDoc } from '../../shared/model/types';
import { dispatch } from '../../src-main/services/dispatch';
import { createEditorStore, type ConflictRow, type EditorStore } from '../../src-renderer/store/editorStore';
import { content, salesMap } from '../support/builders';
import { apiOver, call, openTempLibrary, removeTempDirs, storeMap, type TempLibrary } from '../support/library';

let lib: TempLibrary;
let original: MapDoc;
const stores: EditorStore[] = [];

beforeEach(() => {
  lib = openTempLibrary();
  original = storeMap(lib.services, salesMap('e'));
});
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.getState().flush()));
  lib.close();
  removeTempDirs();
});

const stored = () => call(lib.services, 'maps:get', { id: original.id });

/** An editor window on the map: its store, what it told the user, and its screen. */
async function openWindow() {
  const told = { errors: [] as string[], infos: [] as string[], conflicts: [] as ConflictRow[][] };
  const store = createEditorStore(apiOver(lib.services), {
    error: (text) => void told.errors.push(text),
    info: (text) => void told.infos.push(text),
    conflict: (rows) => void told.conflicts.push(rows),
  });
  stores.push(store);
  await store.getState().load(original.id);
  const screen = () => {
    const doc = store.getState().doc;
    if (!doc) throw new Error('no map is open');
    return doc;
  };
  const run = async (command: Command) => {
    expect(store.getState().run(command)).toBe(true);
    await store.getState().flush();
  };
  const step = (id: string) => screen().steps[id];
  return { store, told, screen, run, step };
}

describe('given two windows on one map', () => {
  test('one edits a step’s title, the other its description: both are stored, and each window shows both', async () => {
    const a = await openWindow();
    const b = await openWindow();
    await a.run(cmd('updateStep', { stepId: 'e-qualify', patch: { title: 'Квалификация по BANT' } }));
    await b.run(cmd('updateStep', { stepId: 'e-qualify', patch: { description: 'Звонок в течение часа' } }));
    expect(stored().steps['e-qualify']).toMatchObject({ title: 'Квалификация по BANT', description: 'Звонок в течение часа' });
    // b learned of a's title when its own write found another writer's revision
    expect(content(b.screen())).toEqual(content(stored()));
    await a.store.getState().sync();
    expect(content(a.screen())).toEqual(content(stored()));
    expect(a.told.infos).toHaveLength(1);
    expect([...a.told.conflicts, ...b.told.conflicts]).toEqual([]);
  });

  test('one deletes a step, the other renames it: the step stays deleted, and the renaming window is told which step', async () => {
    const a = await openWindow();
    const b = await openWindow();
    await a.run(cmd('deleteElements', { stepIds: ['e-offer'], flowIds: [] }));
    await b.run(cmd('updateStep', { stepId: 'e-offer', patch: { title: 'КП со скидкой' } }));
    expect(stored().steps['e-offer']).toBeUndefined();
    expect(Object.values(stored().flows).some((f) => f.fromStepId === 'e-offer' || f.toStepId === 'e-offer')).toBe(false);
    expect(b.told.conflicts).toHaveLength(1);
    expect(b.told.conflicts[0]).toEqual([expect.objectContaining({ table: 'steps', id: 'e-offer', reason: 'deleted' })]);
    expect(b.told.errors.join(' ')).toContain('«Согласование скидки»');
    expect(content(b.screen())).toEqual(content(stored()));
    // b's undo does not bring the step back, nor does its redo
    b.store.getState().undo();
    await b.store.getState().flush();
    b.store.getState().redo();
    await b.store.getState().flush();
    expect(stored().steps['e-offer']).toBeUndefined();
    expect(content(b.screen())).toEqual(content(stored()));
  });

  test('one renames a step, the other (not knowing) deletes it: the step and its new title stay, and the deleting window is told', async () => {
    const a = await openWindow();
    const b = await openWindow();
    await a.run(cmd('updateStep', { stepId: 'e-offer', patch: { title: 'КП со скидкой' } }));
    await b.run(cmd('deleteElements', { stepIds: ['e-offer'], flowIds: [] }));
    expect(stored().steps['e-offer']?.title).toBe('КП со скидкой');
    expect(b.told.conflicts[0]).toEqual([expect.objectContaining({ table: 'steps', id: 'e-offer', reason: 'changed', title: 'КП со скидкой' })]);
    expect(content(b.screen())).toEqual(content(stored()));
  });

  test('an undo after the other window’s later edit does not overwrite it: refused, told, and the screen shows the other’s title', async () => {
    const a = await openWindow();
    await a.run(cmd('updateStep', { stepId: 'e-lead', patch: { title: 'Заявка с сайта' } }));
    const b = await openWindow();
    await b.run(cmd('updateStep', { stepId: 'e-lead', patch: { title: 'Заявка из CRM' } }));
    a.store.getState().undo();
    await a.store.getState().flush();
    expect(stored().steps['e-lead']?.title).toBe('Заявка из CRM');
    expect(a.told.conflicts).toHaveLength(1);
    expect(a.told.errors[0]).toContain('«Заявка из CRM»');
    expect(content(a.screen())).toEqual(content(stored()));
    // the undo history was carried along: undoing and redoing now never brings back the old titles
    a.store.getState().redo();
    await a.store.getState().flush();
    a.store.getState().undo();
    await a.store.getState().flush();
    expect(stored().steps['e-lead']?.title).toBe('Заявка из CRM');
    expect(content(a.screen())).toEqual(content(stored()));
  });

  test('undo after the other window’s edits (carried in, many times over): it takes back only this window’s own edits', async () => {
    const a = await openWindow();
    const b = await openWindow();
    await a.run(cmd('updateStep', { stepId: 'e-lead', patch: { title: 'A: заявка' } }));
    await a.run(cmd('updateStep', { stepId: 'e-offer', patch: { description: 'A: описание' } }));
    // the other window writes forty times (more than the history owes before it catches up at once)
    for (let i = 0; i < 40; i++) {
      await b.run(cmd('updateStep', { stepId: 'e-won', patch: { description: `B: правка ${i}` } }));
      await a.store.getState().sync();
    }
    await b.run(cmd('updateStep', { stepId: 'e-lead', patch: { description: 'B: описание заявки' } }));
    await a.store.getState().sync();
    a.store.getState().undo();
    a.store.getState().undo();
    await a.store.getState().flush();
    expect(stored().steps['e-lead']).toMatchObject({ title: original.steps['e-lead']!.title, description: 'B: описание заявки' });
    expect(stored().steps['e-offer']?.description).toBe(original.steps['e-offer']!.description);
    expect(stored().steps['e-won']?.description).toBe('B: правка 39');
    expect(content(a.screen())).toEqual(content(stored()));
    // and redo brings back this window's edits, still keeping the other's
    a.store.getState().redo();
    a.store.getState().redo();
    await a.store.getState().flush();
    expect(stored().steps['e-lead']).toMatchObject({ title: 'A: заявка', description: 'B: описание заявки' });
    expect(stored().steps['e-won']?.description).toBe('B: правка 39');
    expect(a.told.conflicts).toEqual([]);
  });

  test('a conflicting write keeps the same window’s other edits of that burst: only the colliding row is given up', async () => {
    const a = await openWindow();
    const b = await openWindow();
    await a.run(cmd('updateStep', { stepId: 'e-lead', patch: { title: 'Из окна A' } }));
    // b edits two steps in one burst, one of them the step a just renamed
    b.store.getState().run(cmd('updateStep', { stepId: 'e-lead', patch: { title: 'Из окна B' } }));
    b.store.getState().run(cmd('updateStep', { stepId: 'e-won', patch: { description: 'Счёт выставлен' } }));
    await b.store.getState().flush();
    expect(stored().steps['e-lead']?.title).toBe('Из окна A');
    expect(stored().steps['e-won']?.description).toBe('Счёт выставлен');
    expect(b.told.conflicts.flat().map((c) => c.id)).toEqual(['e-lead']);
    expect(content(b.screen())).toEqual(content(stored()));
  });

  test('a flow drawn to a step the other window deleted is dropped with a word, the rest of the edit is stored', async () => {
    const a = await openWindow();
    const b = await openWindow();
    await a.run(cmd('deleteElements', { stepIds: ['e-won'], flowIds: [] }));
    b.store.getState().run(cmd('connect', { id: 'e-new', fromStepId: 'e-lead', toStepId: 'e-won', label: 'сразу' }));
    b.store.getState().run(cmd('renameMap', { title: 'Воронка (черновик)' }));
    await b.store.getState().flush();
    expect(stored().flows['e-new']).toBeUndefined();
    expect(stored().title).toBe('Воронка (черновик)');
    expect(b.told.conflicts.flat().map((c) => c.id)).toContain('e-new');
    expect(content(b.screen())).toEqual(content(stored()));
  });

  test('both windows add steps and flows at once: nothing is lost and no conflict is reported', async () => {
    const a = await openWindow();
    const b = await openWindow();
    for (let i = 0; i < 5; i++) {
      a.store
        .getState()
        .run(cmd('addStepAfter', { afterStepId: i ? `a-${i - 1}` : 'e-won', id: `a-${i}`, flowId: `af-${i}`, kind: 'task', title: `Шаг A${i}` }));
      b.store
        .getState()
        .run(cmd('addStepAfter', { afterStepId: i ? `b-${i - 1}` : 'e-won', id: `b-${i}`, flowId: `bf-${i}`, kind: 'task', title: `Шаг B${i}` }));
      await Promise.all([a.store.getState().flush(), b.store.getState().flush()]);
    }
    await a.store.getState().sync();
    await b.store.getState().sync();
    for (let i = 0; i < 5; i++) {
      expect(stored().steps[`a-${i}`]?.title).toBe(`Шаг A${i}`);
      expect(stored().steps[`b-${i}`]?.title).toBe(`Шаг B${i}`);
    }
    expect(content(a.screen())).toEqual(content(stored()));
    expect(content(b.screen())).toEqual(content(stored()));
    expect([...a.told.conflicts, ...b.told.conflicts]).toEqual([]);
  });

  test('one relabels a flow, the other (not knowing) deletes the flow’s step: the step, its flows and the new label stay, and the deleting window is told', async () => {
    const a = await openWindow();
    const b = await openWindow();
    const flow = Object.values(original.flows).find((f) => f.fromStepId === 'e-offer')!;
    await a.run(cmd('setFlowLabel', { flowId: flow.id, label: 'после звонка' }));
    await b.run(cmd('deleteElements', { stepIds: ['e-offer'], flowIds: [] }));
    expect(stored().steps['e-offer']).toBeDefined();
    expect(stored().flows[flow.id]?.label).toBe('после звонка');
    expect(Object.keys(stored().flows)).toHaveLength(Object.keys(original.flows).length);
    expect(b.told.conflicts.flat().map((c) => c.id)).toContain('e-offer');
    expect(content(b.screen())).toEqual(content(stored()));
  });

  test('one draws a new flow to a step, the other (not knowing) deletes that step: the step and the new flow stay, and the deleting window is told', async () => {
    const a = await openWindow();
    const b = await openWindow();
    await a.run(cmd('connect', { id: 'e-fnew', fromStepId: 'e-lead', toStepId: 'e-won', label: 'сразу' }));
    await b.run(cmd('deleteElements', { stepIds: ['e-won'], flowIds: [] }));
    expect(stored().steps['e-won']).toBeDefined();
    expect(stored().flows['e-fnew']?.label).toBe('сразу');
    expect(b.told.conflicts.flat().map((c) => c.id)).toContain('e-won');
    expect(content(b.screen())).toEqual(content(stored()));
    // once it knows, the deleting window can delete the step (and the new flow with it)
    await b.run(cmd('deleteElements', { stepIds: ['e-won'], flowIds: [] }));
    expect(stored().steps['e-won']).toBeUndefined();
    expect(stored().flows['e-fnew']).toBeUndefined();
  });

  test('conflicts are named as a person knows the rows: a flow by its two steps, a mark by its kind and step', async () => {
    const a = await openWindow();
    const b = await openWindow();
    await a.run(cmd('deleteElements', { stepIds: ['e-won'], flowIds: [] }));
    b.store.getState().run(cmd('connect', { id: 'e-fx', fromStepId: 'e-lead', toStepId: 'e-won' }));
    b.store.getState().run(cmd('markPainPoint', { id: 'e-p1', stepId: 'e-won', kind: 'bottleneck', at: '2026-03-03T10:00:00.000Z' }));
    await b.store.getState().flush();
    const said = b.told.errors.join(' ');
    expect(said).toContain('«Заявка поступила» → «Сделка закрыта»');
    expect(said).toContain('Bottleneck: «Сделка закрыта»');
    expect(said).not.toMatch(/painPoints|flows|«»/);
  });

  test('the map deleted in another window (or by a restore) while it is open: the next look says it is gone', async () => {
    const a = await openWindow();
    expect(await a.store.getState().sync()).toBe('ok');
    call(lib.services, 'maps:delete', { id: original.id });
    expect(await a.store.getState().sync()).toBe('gone');
  });

  test('both windows delete a step; the one that deleted it second undoes: the step does not come back behind the other’s back', async () => {
    const a = await openWindow();
    const b = await openWindow();
    await a.run(cmd('deleteElements', { stepIds: ['e-offer'], flowIds: [] }));
    await b.run(cmd('deleteElements', { stepIds: ['e-offer'], flowIds: [] }));
    b.store.getState().undo();
    await b.store.getState().flush();
    expect(stored().steps['e-offer']).toBeUndefined();
    expect(content(b.screen())).toEqual(content(stored()));
  });

  test('one window adds a step, the other deletes it, the first undoes its add and redoes it: the deleted step stays deleted', async () => {
    const a = await openWindow();
    const b = await openWindow();
    await b.run(cmd('addStepAfter', { afterStepId: 'e-won', id: 'e-x', flowId: 'e-fx', kind: 'end', title: 'Архив' }));
    await a.store.getState().sync();
    await a.run(cmd('deleteElements', { stepIds: ['e-x'], flowIds: [] }));
    b.store.getState().undo();
    await b.store.getState().flush();
    b.store.getState().redo();
    await b.store.getState().flush();
    expect(stored().steps['e-x']).toBeUndefined();
    expect(content(b.screen())).toEqual(content(stored()));
  });

  test('a comment on a step the other window deleted is not stored on a missing step, and the commenter is told', async () => {
    const a = await openWindow();
    const b = await openWindow();
    await a.run(cmd('deleteElements', { stepIds: ['e-qualify'], flowIds: [] }));
    b.store
      .getState()
      .run(cmd('addComment', { id: 'e-c1', targetKind: 'step', targetId: 'e-qualify', author: 'Ольга', text: 'Кто звонит?', at: '2026-03-02T10:00:00.000Z' }));
    await b.store.getState().flush();
    expect(stored().comments['e-c1']).toBeUndefined();
    expect(b.told.conflicts.flat().length).toBeGreaterThan(0);
    expect(content(b.screen())).toEqual(content(stored()));
  });
});

describe('a write that arrives twice', () => {
  test('the last call of a closing page repeats a write still on its way, with newer edits: both are stored, nothing is refused', () => {
    const base = stored();
    const lead = base.steps['e-lead']!;
    const first = applyCommand(base, cmd('moveSteps', { moves: [{ stepId: 'e-lead', x: lead.x + 10, y: lead.y, roleId: lead.roleId }] }));
    const later = applyCommand(first, cmd('updateStep', { stepId: 'e-lead', patch: { title: 'Заявка с сайта' } }));
    // the write on its way
    call(lib.services, 'maps:applyChanges', { id: base.id, changes: diffMaps(base, first) });
    // the page's last call: everything since what it knew stored
    call(lib.services, 'maps:applyChanges', { id: base.id, changes: diffMaps(base, later) });
    expect(stored().steps['e-lead']).toMatchObject({ x: base.steps['e-lead']!.x + 10, title: 'Заявка с сайта' });
    // and a step added twice (its first answer lost) is not a conflict either
    const added = applyCommand(stored(), cmd('addStepAfter', { afterStepId: 'e-won', id: 'e-new', flowId: 'e-fnew', kind: 'end', title: 'Архив' }));
    const change = diffMaps(stored(), added);
    call(lib.services, 'maps:applyChanges', { id: base.id, changes: change });
    call(lib.services, 'maps:applyChanges', { id: base.id, changes: change });
    expect(stored().steps['e-new']?.title).toBe('Архив');
  });

  test('but a repeated write over another editor’s newer value is still refused', () => {
    const base = stored();
    const mine = applyCommand(base, cmd('updateStep', { stepId: 'e-lead', patch: { title: 'Моё' } }));
    const theirs = applyCommand(base, cmd('updateStep', { stepId: 'e-lead', patch: { title: 'Их' } }));
    call(lib.services, 'maps:applyChanges', { id: base.id, changes: diffMaps(base, theirs) });
    const reply = dispatch(lib.services, 'maps:applyChanges', { id: base.id, changes: diffMaps(base, mine) });
    expect(reply).toMatchObject({ ok: false, error: { code: 'conflict', conflicts: [{ table: 'steps', id: 'e-lead', title: 'Их', reason: 'changed' }] } });
    expect(stored().steps['e-lead']?.title).toBe('Их');
  });
});

describe('the last call of a closing page while a write is still on its way', () => {
  /** A window whose writes wait until `release()`: a write "on its way". */
  async function windowWithSlowWrites() {
    const real = apiOver(lib.services);
    const held: (() => void)[] = [];
    let open = false;
    const api = {
      ...real,
      'maps:applyChanges': (input: Parameters<(typeof real)['maps:applyChanges']>[0]) =>
        open ? real['maps:applyChanges'](input) : new Promise<void>((resolve) => held.push(resolve)).then(() => real['maps:applyChanges'](input)),
    };
    const store = createEditorStore(api, { error: () => undefined });
    stores.push(store);
    await store.getState().load(original.id);
    const release = () => {
      open = true;
      held.splice(0).forEach((go) => go());
    };
    return { store, release };
  }

  test.each([
    ['arrives after the write on its way', true],
    ['arrives before the write on its way', false],
  ])('typing in a title: the last call %s, and what was typed last is stored', async (_label, writeFirst) => {
    const w = await windowWithSlowWrites();
    w.store.getState().run(cmd('updateStep', { stepId: 'e-lead', patch: { title: 'Заявка с' } }), { coalesceKey: 'title' });
    // the first write is on its way; typing goes on, and the page goes away
    await Promise.resolve();
    w.store.getState().run(cmd('updateStep', { stepId: 'e-lead', patch: { title: 'Заявка с сайта' } }), { coalesceKey: 'title' });
    const last = w.store.getState().unsaved()!;
    expect(last.then).toHaveLength(1);
    const sendLast = () => expect(dispatch(lib.services, 'maps:applyChanges', last)).toMatchObject({ ok: true });
    if (writeFirst) {
      w.release();
      await w.store.getState().flush();
      sendLast();
    } else {
      sendLast();
      w.release();
      await w.store.getState().flush();
    }
    expect(stored().steps['e-lead']?.title).toBe('Заявка с сайта');
  });
});

describe('review work from several windows', () => {
  test('dot voting from three windows at once: every vote counts', async () => {
    const a = await openWindow();
    await a.run(cmd('markPainPoint', { id: 'pp1', stepId: 'e-offer', kind: 'bottleneck', at: '2026-03-03T10:00:00.000Z' }));
    const b = await openWindow();
    const c = await openWindow();
    await b.run(cmd('markPainPoint', { id: 'pp2', stepId: 'e-offer', kind: 'bottleneck', at: '2026-03-03T10:00:01.000Z' }));
    await c.run(cmd('markPainPoint', { id: 'pp3', stepId: 'e-offer', kind: 'bottleneck', at: '2026-03-03T10:00:02.000Z' }));
    expect(Object.values(stored().painPoints).reduce((n, p) => n + p.votes, 0)).toBe(3);
    expect(c.told.conflicts).toEqual([]);
    expect(content(c.screen())).toEqual(content(stored()));
  });

  test('one window approves the map while another, not knowing, edits a step: the map is a draft again, not approved with changed content', async () => {
    const a = await openWindow();
    const b = await openWindow();
    await a.run(cmd('setStatus', { status: 'in_review' }));
    await a.run(cmd('setStatus', { status: 'approved', by: 'Анна', at: '2026-03-03T10:00:00.000Z' }));
    await b.run(cmd('updateStep', { stepId: 'e-lead', patch: { title: 'Изменено после утверждения' } }));
    expect(stored().steps['e-lead']?.title).toBe('Изменено после утверждения');
    expect(stored().status ?? 'draft').toBe('draft');
    await a.store.getState().sync();
    expect(a.screen().status ?? 'draft').toBe('draft');
    expect(content(b.screen())).toEqual(content(stored()));
  });
});
