/**
 * Every migration, run on a library written by the version before it: what was stored is
 * still there, and the new columns start with sensible values.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { openLibrary, type Db } from '../../src-main/storage/database';
import { createMapRepository } from '../../src-main/storage/mapRepository';
import { MIGRATIONS } from '../../src-main/storage/migrations';
import { MapDocSchema } from '../../shared/model/schema';

const dirs: string[] = [];
const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function libraryFile() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lanemap-mig-'));
  dirs.push(dir);
  return path.join(dir, 'lanemap.sqlite');
}

describe('migration 2: flow routes, pinned steps, map direction', () => {
  test('given a version-1 library with a map, when opened by this version, then the map reads back unchanged with no routes and nothing pinned', () => {
    const file = libraryFile();
    // given: a library exactly as version 1 wrote it
    const v1 = openLibrary(
      file,
      MIGRATIONS.filter((m) => m.version === 1),
    ).db;
    v1.exec(`
      INSERT INTO maps VALUES ('m', 'Продажи', '', '2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z');
      INSERT INTO roles VALUES ('r', 'm', 'Менеджер', '#2f80ed', 0);
      INSERT INTO steps VALUES ('a', 'm', 'r', NULL, 'task', 'Квалификация лида', '', 0, 40, 30, 'min');
      INSERT INTO steps VALUES ('b', 'm', 'r', NULL, 'end', 'Сделка', '', 260, 40, NULL, NULL);
      INSERT INTO step_items VALUES ('a', 'input', 0, 'Заявка');
      INSERT INTO flows VALUES ('f', 'm', 'a', 'b', 'да');
    `);
    expect(v1.pragma('user_version', { simple: true })).toBe(1);
    v1.close();

    // when
    const { db, backupPath } = openLibrary(file);
    dbs.push(db);

    // then
    expect(db.pragma('user_version', { simple: true })).toBe(Math.max(...MIGRATIONS.map((m) => m.version)));
    expect(backupPath && fs.existsSync(backupPath)).toBeTruthy();
    const doc = createMapRepository(db).read('m');
    expect(doc.title).toBe('Продажи');
    expect(doc.steps.a).toMatchObject({ title: 'Квалификация лида', inputs: ['Заявка'], duration: { value: 30, unit: 'min' } });
    expect(doc.steps.a?.pinned).toBeUndefined();
    expect(doc.direction).toBeUndefined();
    expect(db.prepare("SELECT direction FROM maps WHERE id = 'm'").get()).toEqual({ direction: 'right' });
    expect(doc.flows.f).toEqual({ id: 'f', fromStepId: 'a', toStepId: 'b', label: 'да' });
  });

  test('a damaged stored route is dropped on reading instead of breaking the map', () => {
    const file = libraryFile();
    const { db } = openLibrary(file);
    dbs.push(db);
    db.exec(`
      INSERT INTO maps (id, title, description, created_at, updated_at) VALUES ('m', 'Map', '', 'x', 'x');
      INSERT INTO roles VALUES ('r', 'm', 'Role', '#2f80ed', 0);
      INSERT INTO steps (id, map_id, role_id, kind, title, x, y) VALUES ('a', 'm', 'r', 'task', 'A', 0, 40), ('b', 'm', 'r', 'task', 'B', 300, 40);
      INSERT INTO flows (id, map_id, from_step_id, to_step_id, label, route) VALUES ('f', 'm', 'a', 'b', '', '{not json'), ('g', 'm', 'b', 'a', '', '[{"x":1,"y":2},{"x":1,"y":9}]');
    `);
    const doc = createMapRepository(db).read('m');
    expect(doc.flows.f?.route).toBeUndefined();
    expect(doc.flows.g?.route).toEqual([
      { x: 1, y: 2 },
      { x: 1, y: 9 },
    ]);
  });
});

describe('migration 4: map revisions, comments kept consistent with what they are on', () => {
  /** A library exactly as version 3 wrote it, with the damage version 3 let through. */
  function version3Library() {
    const file = libraryFile();
    const v3 = openLibrary(
      file,
      MIGRATIONS.filter((m) => m.version <= 3),
    ).db;
    v3.exec(`
      INSERT INTO maps (id, title, description, created_at, updated_at) VALUES ('m', 'Продажи', '', '2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z');
      INSERT INTO roles VALUES ('r', 'm', 'Менеджер', '#2f80ed', 0);
      INSERT INTO steps (id, map_id, role_id, kind, title, x, y) VALUES ('a', 'm', 'r', 'task', 'Квалификация', 0, 40), ('b', 'm', 'r', 'end', 'Сделка', 300, 40);
      INSERT INTO flows (id, map_id, from_step_id, to_step_id, label) VALUES ('f', 'm', 'a', 'b', 'да');
      INSERT INTO comments (id, map_id, target_kind, target_id, parent_id, author, text, created_at) VALUES
        ('c-step', 'm', 'step', 'a', NULL, 'Ольга', 'Кто звонит?', '2026-01-02T00:00:00.000Z'),
        ('c-reply', 'm', 'step', 'a', 'c-step', 'Иван', 'Менеджер', '2026-01-02T00:01:00.000Z'),
        ('c-reply2', 'm', 'step', 'a', 'c-reply', 'Ольга', 'Ответ на ответ', '2026-01-02T00:02:00.000Z'),
        ('c-gone', 'm', 'step', 'ghost', NULL, 'Ольга', 'О шаге, которого нет', '2026-01-02T00:03:00.000Z'),
        ('c-flow', 'm', 'flow', 'f', NULL, 'Ольга', 'Почему да?', '2026-01-02T00:04:00.000Z');
    `);
    expect(v3.pragma('user_version', { simple: true })).toBe(3);
    v3.close();
    return file;
  }

  test('given a version-3 library with a comment on a missing step and a reply to a reply, when opened, then it is backed up first and the map can be read and exported again', () => {
    const file = version3Library();
    const { db, backupPath } = openLibrary(file);
    dbs.push(db);
    expect(backupPath && fs.existsSync(backupPath)).toBeTruthy();
    const doc = createMapRepository(db).read('m');
    expect(Object.keys(doc.comments).sort()).toEqual(['c-flow', 'c-reply', 'c-reply2', 'c-step']);
    // the reply to a reply now answers the thread
    expect(doc.comments['c-reply2']?.parentId).toBe('c-step');
    expect(MapDocSchema.safeParse(doc).success).toBe(true);
    expect(createMapRepository(db).state('m').revision).toBe(0);
  });

  test('after it, deleting a step deletes its comments and their replies, deleting a flow its comments, in the same transaction', () => {
    const file = version3Library();
    const { db } = openLibrary(file);
    dbs.push(db);
    db.prepare("DELETE FROM flows WHERE id = 'f'").run();
    expect(db.prepare("SELECT id FROM comments WHERE id = 'c-flow'").get()).toBeUndefined();
    db.prepare("DELETE FROM steps WHERE id = 'a'").run();
    expect(db.prepare('SELECT id FROM comments').all()).toEqual([]);
  });

  test('after it, the library itself refuses a comment on a missing step or a reply to a reply', () => {
    const file = version3Library();
    const { db } = openLibrary(file);
    dbs.push(db);
    const insert = db.prepare(
      "INSERT INTO comments (id, map_id, target_kind, target_id, parent_id, author, text, created_at) VALUES (?, 'm', ?, ?, ?, '', 'x', '2026-01-03T00:00:00.000Z')",
    );
    expect(() => insert.run('x1', 'step', 'ghost', null)).toThrow(/not in this map/);
    expect(() => insert.run('x2', 'flow', 'a', null)).toThrow(/not in this map/);
    expect(() => insert.run('x3', 'map', null, 'c-reply')).toThrow(/answers a reply/);
    expect(() => insert.run('x4', 'map', null, 'nobody')).toThrow(/thread/);
    expect(() => insert.run('x5', 'step', 'a', 'c-step')).not.toThrow();
  });
});
