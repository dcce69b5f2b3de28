/**
 * Process -> sub-process -> task: sub-process steps linked to maps, the landscape template that
 * makes its sub-process maps, the chain of parents for the breadcrumb, map properties, and
 * migration 3 that brings these to a library written before them.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import { applyCommand, cmd } from '../../shared/model/commands';
import { diffMaps } from '../../shared/model/diff';
import type { MapDoc } from '../../shared/model/types';
import { openLibrary } from '../../src-main/storage/database';
import { createMapRepository } from '../../src-main/storage/mapRepository';
import { MIGRATIONS } from '../../src-main/storage/migrations';
import { salesMap } from '../support/builders';
import { call, openTempLibrary, removeTempDirs, storeMap, tempDir, type TempLibrary } from '../support/library';

const libs: TempLibrary[] = [];
afterEach(() => {
  for (const l of libs.splice(0)) if (l.db.open) l.close();
  removeTempDirs();
});
function library(file?: string) {
  const lib = openTempLibrary(file);
  libs.push(lib);
  return lib;
}
function edit(lib: TempLibrary, doc: MapDoc, ...commands: Parameters<typeof applyCommand>[1][]): MapDoc {
  const after = commands.reduce(applyCommand, doc);
  call(lib.services, 'maps:applyChanges', { id: doc.id, changes: diffMaps(doc, after) });
  return call(lib.services, 'maps:get', { id: doc.id });
}

describe('the process landscape template', () => {
  test('given the Russian landscape, when a map is made from it, then its four detailed sub-processes are made in Russian and linked', () => {
    const lib = library();
    const before = call(lib.services, 'maps:list', {}).length;
    const landscape = call(lib.services, 'maps:createFromTemplate', { templateId: 'process-landscape.ru' });
    expect(landscape.title).toBe('Отдел продаж: ландшафт процессов');
    const linked = Object.values(landscape.steps).filter((s) => s.linkedMapId);
    expect(linked).toHaveLength(4);
    expect(Object.values(landscape.steps).every((s) => s.kind === 'subprocess')).toBe(true);
    const list = call(lib.services, 'maps:list', {});
    expect(list).toHaveLength(before + 5);
    for (const step of linked) {
      const child = call(lib.services, 'maps:get', { id: step.linkedMapId! });
      expect(child.title).toMatch(/[А-Яа-яЁё]/);
      expect(Object.keys(child.steps).length).toBeGreaterThan(5);
      expect(list.find((m) => m.id === child.id)?.partOf).toEqual([{ id: landscape.id, title: landscape.title }]);
      expect(call(lib.services, 'maps:parents', { id: child.id })).toEqual([{ id: landscape.id, title: landscape.title }]);
    }
    expect(list.find((m) => m.id === landscape.id)?.partOf).toEqual([]);
  });

  test('given a landscape, when one of its sub-process maps is deleted, then the step stays and is simply no longer linked', () => {
    const lib = library();
    const landscape = call(lib.services, 'maps:createFromTemplate', { templateId: 'process-landscape.en' });
    const step = Object.values(landscape.steps).find((s) => s.linkedMapId)!;
    call(lib.services, 'maps:delete', { id: step.linkedMapId! });
    const after = call(lib.services, 'maps:get', { id: landscape.id });
    expect(after.steps[step.id]?.title).toBe(step.title);
    expect(after.steps[step.id]?.linkedMapId).toBeUndefined();
    expect(after.steps[step.id]?.kind).toBe('subprocess');
  });
});

describe('linking maps', () => {
  test('given three maps linked A -> B -> C, then C lists its parents outermost first, and a cycle back to C does not loop', () => {
    const lib = library();
    const a = storeMap(lib.services, salesMap('a'));
    const b = storeMap(lib.services, salesMap('b'));
    const c = storeMap(lib.services, salesMap('c'));
    edit(lib, a, cmd('setStepLink', { stepId: 'a-qualify', mapId: b.id }));
    edit(lib, b, cmd('setStepLink', { stepId: 'b-qualify', mapId: c.id }));
    expect(call(lib.services, 'maps:parents', { id: c.id }).map((p) => p.id)).toEqual([a.id, b.id]);
    edit(lib, c, cmd('setStepLink', { stepId: 'c-qualify', mapId: a.id }));
    const chain = call(lib.services, 'maps:parents', { id: c.id }).map((p) => p.id);
    expect(chain).toEqual([a.id, b.id]);
    expect(call(lib.services, 'maps:get', { id: a.id }).steps['a-qualify']).toMatchObject({ kind: 'subprocess', linkedMapId: b.id });
  });

  test('a link to a map that is not in the library is dropped on writing instead of failing the edit', () => {
    const lib = library();
    const a = storeMap(lib.services, salesMap('a'));
    const after = edit(
      lib,
      a,
      cmd('setStepLink', { stepId: 'a-qualify', mapId: 'no-such-map' }),
      cmd('updateStep', { stepId: 'a-qualify', patch: { title: 'Квалификация (подпроцесс)' } }),
    );
    expect(after.steps['a-qualify']).toMatchObject({ title: 'Квалификация (подпроцесс)', kind: 'subprocess' });
    expect(after.steps['a-qualify']?.linkedMapId).toBeUndefined();
  });

  test('a map cannot be its own sub-process', () => {
    const doc = salesMap('a');
    expect(() => applyCommand(doc, cmd('setStepLink', { stepId: 'a-qualify', mapId: doc.id }))).toThrow(/own sub-process/);
  });
});

describe('map properties', () => {
  test('given purpose, owner, status and approval set, when the library file is reopened, then they read back; clearing them clears them', () => {
    const file = `${tempDir()}/lanemap.sqlite`;
    let lib = library(file);
    const doc = storeMap(lib.services, salesMap('p'));
    edit(
      lib,
      doc,
      cmd('setMapProperties', { purpose: 'optimisation', owner: 'Ирина Петрова, руководитель отдела продаж' }),
      cmd('setStatus', { status: 'approved', by: 'Ирина Петрова', at: '2026-11-30T10:00:00.000Z' }),
    );
    lib.close();
    lib = library(file);
    const read = call(lib.services, 'maps:get', { id: doc.id });
    expect(read).toMatchObject({
      purpose: 'optimisation',
      owner: 'Ирина Петрова, руководитель отдела продаж',
      status: 'approved',
      approval: { by: 'Ирина Петрова', at: '2026-11-30T10:00:00.000Z' },
    });
    expect(call(lib.services, 'maps:list', {}).find((m) => m.id === doc.id)?.status).toBe('approved');

    // a content edit makes it a draft again; who approved it last is kept
    const edited = edit(lib, read, cmd('updateStep', { stepId: 'p-qualify', patch: { title: 'Новая квалификация' } }));
    expect(edited.status).toBeUndefined();
    expect(edited.approval?.by).toBe('Ирина Петрова');
    const cleared = edit(lib, edited, cmd('setMapProperties', { purpose: null, owner: '  ' }));
    expect(cleared.purpose).toBeUndefined();
    expect(cleared.owner).toBeUndefined();
  });
});

describe('migration 3: sub-processes, properties, comments, pain points, versions', () => {
  test('given a version-2 library, when opened, then steps, their items and flows are all still there (rebuilding the steps table cascades nothing)', () => {
    const file = `${tempDir()}/lanemap.sqlite`;
    const v2 = openLibrary(
      file,
      MIGRATIONS.filter((m) => m.version <= 2),
    ).db;
    v2.exec(`
      INSERT INTO maps (id, title, description, created_at, updated_at, direction) VALUES ('m', 'Продажи', '', '2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z', 'down');
      INSERT INTO roles VALUES ('r', 'm', 'Менеджер', '#2f80ed', 0);
      INSERT INTO phases VALUES ('p', 'm', 'Лиды', 0);
      INSERT INTO steps (id, map_id, role_id, phase_id, kind, title, description, x, y, duration_value, duration_unit, pinned) VALUES
        ('a', 'm', 'r', 'p', 'task', 'Квалификация лида', 'Описание', 20, 40, 30, 'min', 1),
        ('b', 'm', 'r', NULL, 'end', 'Сделка', '', 260, 40, NULL, NULL, 0);
      INSERT INTO step_items VALUES ('a', 'input', 0, 'Заявка'), ('a', 'output', 0, 'Карточка лида'), ('a', 'resource', 0, 'CRM');
      INSERT INTO flows (id, map_id, from_step_id, to_step_id, label, route) VALUES ('f', 'm', 'a', 'b', 'да', '[{"x":1,"y":2},{"x":5,"y":2}]');
    `);
    v2.close();

    const { db, backupPath } = openLibrary(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(3);
      expect(backupPath && fs.existsSync(backupPath)).toBeTruthy();
      const doc = createMapRepository(db).read('m');
      expect(doc.direction).toBe('down');
      expect(doc.steps.a).toMatchObject({
        title: 'Квалификация лида',
        description: 'Описание',
        phaseId: 'p',
        pinned: true,
        inputs: ['Заявка'],
        outputs: ['Карточка лида'],
        resources: ['CRM'],
      });
      expect(doc.flows.f).toMatchObject({
        fromStepId: 'a',
        toStepId: 'b',
        label: 'да',
        route: [
          { x: 1, y: 2 },
          { x: 5, y: 2 },
        ],
      });
      expect(doc.status).toBeUndefined();
      expect(doc.comments).toEqual({});
      // the new kind is accepted and the foreign keys still hold (a flow to a missing step is refused)
      db.prepare("UPDATE steps SET kind = 'subprocess' WHERE id = 'a'").run();
      expect(() => db.prepare("INSERT INTO flows (id, map_id, from_step_id, to_step_id, label) VALUES ('g', 'm', 'a', 'zzz', '')").run()).toThrow(
        /FOREIGN KEY/,
      );
      db.prepare("DELETE FROM steps WHERE id = 'b'").run();
      expect(db.prepare("SELECT COUNT(*) AS n FROM flows WHERE map_id = 'm'").get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });
});
