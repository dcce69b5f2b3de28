/**
 * The backend never stores a map it could not import again: whatever a caller sends, comments
 * stay on this map's steps, flows and threads, and what hangs on a deleted step, flow or thread
 * goes with it in the same write, or the write is refused (issue 12, defect 2; the library's
 * own cascades are tested in migrations.test.ts).
 */
import { afterEach, beforeEach, expect, test } from 'vitest';
import { parseLanemapJson, toLanemapJson } from '../../shared/export/lanemapJson';
import { applyCommand, cmd } from '../../shared/model/commands';
import { diffMaps } from '../../shared/model/diff';
import type { MapDoc } from '../../shared/model/types';
import { dispatch } from '../../src-main/services/dispatch';
import { salesMap, withExpectations } from '../support/builders';
import { call, openTempLibrary, removeTempDirs, storeMap, type TempLibrary } from '../support/library';

let lib: TempLibrary;
let map: MapDoc;
const none = () => ({ roles: [], phases: [], steps: [], flows: [], comments: [], painPoints: [] });
const at = '2026-03-02T10:00:00.000Z';

beforeEach(() => {
  lib = openTempLibrary();
  let doc = storeMap(lib.services, salesMap('a'));
  // a thread with a reply on a step, a comment on a flow, a pain point on the step
  const edits = [
    cmd('addComment', { id: 'a-c1', targetKind: 'step', targetId: 'a-qualify', author: 'Ольга', text: 'Кто звонит?', at }),
    cmd('addComment', { id: 'a-c2', targetKind: 'step', targetId: 'a-qualify', parentId: 'a-c1', author: 'Иван', text: 'Менеджер', at }),
    cmd('addComment', { id: 'a-c3', targetKind: 'flow', targetId: 'a-f1', author: 'Ольга', text: 'Всегда ли?', at }),
  ];
  const next = edits.reduce(applyCommand, doc);
  call(lib.services, 'maps:applyChanges', { id: doc.id, changes: diffMaps(doc, next) });
  doc = call(lib.services, 'maps:get', { id: doc.id });
  expect(Object.keys(doc.comments)).toHaveLength(3);
  map = doc;
});
afterEach(() => {
  lib.close();
  removeTempDirs();
});

const stored = () => call(lib.services, 'maps:get', { id: map.id });
const reimportable = (doc: MapDoc) => parseLanemapJson(toLanemapJson(doc, { exportedAt: at })).ok;

const flowsOf = (stepId: string) =>
  Object.values(map.flows)
    .filter((f) => f.fromStepId === stepId || f.toStepId === stepId)
    .map((f) => f.id);
const remove = (parts: Partial<Record<'steps' | 'flows' | 'comments', string[]>>) =>
  dispatch(lib.services, 'maps:applyChanges', { id: map.id, changes: withExpectations(map, { upsert: none(), remove: { ...none(), ...parts } }) });

test('a caller that deletes a step without naming what hangs on it is refused as a conflict naming those rows (they may be another editor’s), and nothing changes', () => {
  const reply = remove({ steps: ['a-qualify'], flows: flowsOf('a-qualify') });
  expect(reply).toMatchObject({ ok: false, error: { code: 'conflict' } });
  // the step's thread and its reply, and the comment on one of its flows
  expect(!reply.ok && reply.error.conflicts?.map((c) => c.id).sort()).toEqual(['a-c1', 'a-c2', 'a-c3']);
  expect(stored()).toEqual(map);
});

test('deleting a step with its flows and comments (as the editor does): all go in one write, and the map and a version saved after import again', () => {
  expect(flowsOf('a-qualify')).toContain('a-f1');
  expect(remove({ steps: ['a-qualify'], flows: flowsOf('a-qualify'), comments: ['a-c1', 'a-c2', 'a-c3'] }).ok).toBe(true);
  const after = stored();
  expect(after.steps['a-qualify']).toBeUndefined();
  expect(after.comments).toEqual({});
  expect(reimportable(after)).toBe(true);
  const version = call(lib.services, 'versions:save', { mapId: map.id, name: 'После удаления', note: '', author: '', kind: 'manual' });
  expect(reimportable(call(lib.services, 'versions:get', { mapId: map.id, id: version.id }).doc)).toBe(true);
});

test('a flow deleted without its comment, or a thread without its reply: refused; with them: stored', () => {
  expect(remove({ flows: ['a-f1'] })).toMatchObject({ ok: false, error: { code: 'conflict', conflicts: [expect.objectContaining({ id: 'a-c3' })] } });
  expect(remove({ comments: ['a-c1'] })).toMatchObject({ ok: false, error: { code: 'conflict', conflicts: [expect.objectContaining({ id: 'a-c2' })] } });
  expect(stored()).toEqual(map);
  expect(remove({ flows: ['a-f1'], comments: ['a-c3'] }).ok).toBe(true);
  expect(Object.keys(stored().comments).sort()).toEqual(['a-c1', 'a-c2']);
});

test('a comment moved onto a step of another map, or made a reply to a reply, is refused and nothing changes', () => {
  const other = storeMap(lib.services, salesMap('b'));
  const c1 = map.comments['a-c1']!;
  const c2 = map.comments['a-c2']!;
  for (const moved of [
    { ...c1, targetId: 'b-qualify' },
    { ...c1, targetKind: 'flow' as const, targetId: 'b-f1' },
  ]) {
    const reply = dispatch(lib.services, 'maps:applyChanges', {
      id: map.id,
      changes: withExpectations(map, { upsert: { ...none(), comments: [moved] }, remove: none() }),
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad-input' } });
  }
  const replyToReply = { ...map.comments['a-c3']!, targetKind: 'step' as const, targetId: 'a-qualify', parentId: c2.id };
  const reply = dispatch(lib.services, 'maps:applyChanges', {
    id: map.id,
    changes: withExpectations(map, { upsert: { ...none(), comments: [replyToReply] }, remove: none() }),
  });
  expect(reply).toMatchObject({ ok: false, error: { code: 'bad-input', message: expect.stringMatching(/reply/) } });
  expect(stored()).toEqual(map);
  expect(call(lib.services, 'maps:get', { id: other.id }).comments).toEqual({});
});
