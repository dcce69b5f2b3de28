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
