/**
 * The step kinds BPMN brought (issue 11): a parallel split/join and an event step, what an event
 * waits for or sends, and messages between parties. They are stored, read back, carried in
 * .lanemap.json, and a library of the previous schema takes them after its migration with its
 * comments still tied to their steps.
 */
import { afterEach, describe, expect, test } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { applyCommand, cmd } from '../../shared/model/commands';
import { diffMaps } from '../../shared/model/diff';
import { compareMaps } from '../../shared/model/compare';
import { stepSize } from '../../shared/model/geometry';
import { MapDocSchema } from '../../shared/model/schema';
import type { MapDoc } from '../../shared/model/types';
import { parseLanemapJson, toLanemapJson } from '../../shared/export/lanemapJson';
import { openLibrary } from '../../src-main/storage/database';
import { MIGRATIONS } from '../../src-main/storage/migrations';
import { createMapRepository } from '../../src-main/storage/mapRepository';
import { salesMap } from '../support/builders';
import { call, openTempLibrary, removeTempDirs, storeMap, tempDir, type TempLibrary } from '../support/library';

const libs: TempLibrary[] = [];
afterEach(() => {
  for (const l of libs.splice(0)) l.db.close();
  removeTempDirs();
});
const run = (doc: MapDoc, ...commands: Parameters<typeof applyCommand>[1][]) => commands.reduce(applyCommand, doc);

/** The sales map with a parallel split, an event step waiting for the customer's reply, and a message flow. */
function withEvents(doc: MapDoc): MapDoc {
  const role = Object.values(doc.roles)[0]!.id;
  const [a, b] = Object.values(doc.steps);
  return run(
    doc,
    cmd('addStep', { id: 'par', kind: 'parallel', roleId: role, x: 900, y: 40 }),
    cmd('addStep', { id: 'wait', kind: 'event', roleId: role, x: 1200, y: 40, title: 'Ждём ответа клиента' }),
    cmd('updateStep', { stepId: 'wait', patch: { trigger: 'message' } }),
    cmd('connect', { id: 'msg', fromStepId: a!.id, toStepId: 'wait' }),
    cmd('setFlowMessage', { flowId: 'msg', message: true }),
    cmd('connect', { id: 'p1', fromStepId: b!.id, toStepId: 'par' }),
  );
}

describe('parallel and event steps', () => {
  test('a trigger is kept on events only; "sends" only on an event step in the middle', () => {
    const doc = withEvents(salesMap('e'));
    expect(doc.steps.wait).toMatchObject({ kind: 'event', trigger: 'message' });
    const sending = run(doc, cmd('updateStep', { stepId: 'wait', patch: { throwing: true } }));
    expect(sending.steps.wait!.throwing).toBe(true);
    // made a task: neither a trigger nor "sends" stays
    const task = run(sending, cmd('updateStep', { stepId: 'wait', patch: { kind: 'task' } }));
    expect(task.steps.wait!.trigger).toBeUndefined();
    expect(task.steps.wait!.throwing).toBeUndefined();
    // a start keeps a timer (every Monday), but cannot send
    const start = run(sending, cmd('updateStep', { stepId: 'wait', patch: { kind: 'start', trigger: 'timer' } }));
    expect(start.steps.wait).toMatchObject({ kind: 'start', trigger: 'timer' });
    expect(start.steps.wait!.throwing).toBeUndefined();
    expect(MapDocSchema.safeParse(start).success).toBe(true);
  });

  test('a parallel step is a diamond and an event a pill, as wide as a decision and a start', () => {
    const size = (kind: 'parallel' | 'decision' | 'event' | 'start') => stepSize({ kind, title: 'Ждём', inputs: [], outputs: [], resources: [] });
    expect(size('parallel')).toEqual(size('decision'));
    expect(size('event')).toEqual(size('start'));
  });

  test('stored and read back; the comparison of versions names a changed trigger and a flow made a message', () => {
    const lib = openTempLibrary();
    libs.push(lib);
    const stored = storeMap(lib.services, salesMap('e'));
    const next = withEvents(stored);
    call(lib.services, 'maps:applyChanges', { id: stored.id, changes: diffMaps(stored, next) });
    const read = call(lib.services, 'maps:get', { id: stored.id });
    expect(read.steps.par!.kind).toBe('parallel');
    expect(read.steps.wait).toMatchObject({ kind: 'event', trigger: 'message', title: 'Ждём ответа клиента' });
    expect(read.flows.msg!.message).toBe(true);
    const timer = run(read, cmd('updateStep', { stepId: 'wait', patch: { trigger: 'timer' } }), cmd('setFlowMessage', { flowId: 'msg', message: false }));
    call(lib.services, 'maps:applyChanges', { id: stored.id, changes: diffMaps(read, timer) });
    const again = call(lib.services, 'maps:get', { id: stored.id });
    expect(again.steps.wait!.trigger).toBe('timer');
    expect(again.flows.msg!.message).toBeUndefined();
    const comparison = compareMaps(read, again);
    expect(comparison.steps.changed).toEqual([{ id: 'wait', fields: ['kind'] }]);
    expect(comparison.flows.changed).toEqual([{ id: 'msg', fields: ['message'] }]);
  });

  test('.lanemap.json carries them and reads them back', () => {
    const doc = withEvents(salesMap('e'));
    const parsed = parseLanemapJson(toLanemapJson(doc, { exportedAt: '2026-11-30T10:00:00.000Z' }));
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.doc.steps.wait).toMatchObject({ kind: 'event', trigger: 'message' });
    expect(parsed.doc.flows.msg!.message).toBe(true);
    // a forged trigger is refused with the rest of the file
    const forged = JSON.parse(toLanemapJson(doc, { exportedAt: '2026-11-30T10:00:00.000Z' })) as { map: MapDoc };
    (forged.map.steps.wait as unknown as { trigger: string }).trigger = '<script>';
    expect(parseLanemapJson(JSON.stringify(forged)).ok).toBe(false);
  });

  test('a library of version 8 opens at version 9: its steps and comments stay, and a comment still needs its step', () => {
    const file = path.join(tempDir(), 'v8.sqlite');
    const v8 = openLibrary(
      file,
      MIGRATIONS.filter((m) => m.version <= 8),
    ).db;
    v8.exec(`
      INSERT INTO maps (id, title, description, created_at, updated_at) VALUES ('m', 'Продажи', '', '2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z');
      INSERT INTO roles VALUES ('r', 'm', 'Менеджер', '#2f80ed', 0);
      INSERT INTO steps (id, map_id, role_id, kind, title, x, y, width) VALUES ('a', 'm', 'r', 'decision', 'Бюджет есть?', 0, 40, 260);
      INSERT INTO comments (id, map_id, target_kind, target_id, text, created_at) VALUES ('c', 'm', 'step', 'a', 'Уточнить', '2026-01-02T00:00:00.000Z');
    `);
    v8.close();
    const { db, backupPath } = openLibrary(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(9);
      // the library as it was is copied first, and the copy is still of version 8
      expect(backupPath && fs.existsSync(backupPath)).toBe(true);
      const copy = new Database(backupPath!, { readonly: true });
      expect(copy.pragma('user_version', { simple: true })).toBe(8);
      copy.close();
      const doc = createMapRepository(db).read('m');
      expect(doc.steps.a).toMatchObject({ kind: 'decision', title: 'Бюджет есть?', width: 260 });
      expect(Object.values(doc.comments ?? {}).map((c) => c.text)).toEqual(['Уточнить']);
      // the comment triggers are back: a comment on a step that is not there is refused, deleting the step takes its comment
      expect(() =>
        db.exec(`INSERT INTO comments (id, map_id, target_kind, target_id, text, created_at) VALUES ('x', 'm', 'step', 'nope', 'x', '2026-01-02T00:00:00.000Z')`),
      ).toThrow(/not in this map/);
      db.exec(`DELETE FROM steps WHERE id = 'a'`);
      expect(db.prepare('SELECT COUNT(*) AS n FROM comments').get()).toEqual({ n: 0 });
      db.exec(`INSERT INTO steps (id, map_id, role_id, kind, title, x, y, trigger) VALUES ('b', 'm', 'r', 'event', 'Ждём', 0, 40, 'timer')`);
      expect(() => db.exec(`INSERT INTO steps (id, map_id, role_id, kind, title, x, y) VALUES ('c', 'm', 'r', 'gateway', 'x', 0, 40)`)).toThrow(/CHECK/);
    } finally {
      db.close();
    }
  });
});
