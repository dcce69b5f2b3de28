import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { applyCommand, cmd, type Command } from '../../shared/model/commands';
import { diffMaps } from '../../shared/model/diff';
import type { MapDoc } from '../../shared/model/types';
import { createServices, languageOfLocale, sampleMapDoc, seedLibrary, systemLanguage } from '../../src-main/services/library';
import { LibraryError, openLibrary, type Db } from '../../src-main/storage/database';
import { MIGRATIONS } from '../../src-main/storage/migrations';
import { content, salesMap } from '../support/builders';
import { call, openTempLibrary, removeTempDirs, tempDir, tickingClock } from '../support/library';

const opened: Db[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  removeTempDirs();
});

const LATEST = Math.max(...MIGRATIONS.map((m) => m.version));
const open = (file: string, migrations = MIGRATIONS) => {
  const result = openLibrary(file, migrations);
  opened.push(result.db);
  return result;
};
const servicesOn = (db: Db, file: string) => createServices(db, { dataFile: file, transport: 'http' }, tickingClock());
const count = (db: Db, sql: string) => (db.prepare(sql).get() as { n: number }).n;
const run = (doc: MapDoc, ...commands: Command[]) => commands.reduce(applyCommand, doc);

describe('opening a library', () => {
  test('a new file is created at the latest schema, in WAL mode, with foreign keys on', () => {
    const file = path.join(tempDir(), 'nested', 'lanemap.sqlite');
    const { db, created, backupPath } = open(file);
    expect(fs.existsSync(file)).toBe(true);
    expect(created).toBe(true);
    expect(backupPath).toBeNull();
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  test('an empty (zero-byte) file is migrated like a new one, without a backup', () => {
    const dir = tempDir();
    const file = path.join(dir, 'lanemap.sqlite');
    fs.writeFileSync(file, '');
    const { db, backupPath, created } = open(file);
    expect(created).toBe(true);
    expect(backupPath).toBeNull();
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(['comments', 'flows', 'map_thumbnails', 'maps', 'notes', 'pain_points', 'phases', 'roles', 'settings', 'step_items', 'steps', 'versions']);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.bak'))).toEqual([]);
  });

  test('reopening an up-to-date library neither migrates nor backs up', () => {
    const file = path.join(tempDir(), 'lanemap.sqlite');
    open(file).db.close();
    const again = open(file);
    expect(again.created).toBe(false);
    expect(again.backupPath).toBeNull();
  });

  test('a library written by a newer Lanemap is refused with a clear message and left at its version', () => {
    const file = path.join(tempDir(), 'lanemap.sqlite');
    const raw = new Database(file);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => open(file)).toThrow(LibraryError);
    expect(() => open(file)).toThrow(/newer Lanemap.*schema 99/);
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(99);
    check.close();
  });

  test('a file that is not a database is refused with a LibraryError and its bytes are kept', () => {
    const file = path.join(tempDir(), 'lanemap.sqlite');
    const garbage = crypto.randomBytes(8192);
    fs.writeFileSync(file, garbage);
    expect(() => open(file)).toThrow(LibraryError);
    expect(() => open(file)).toThrow(/Cannot open the library file .*lanemap\.sqlite/);
    expect(fs.readFileSync(file).equals(garbage)).toBe(true);
  });
});

describe('a library that cannot be opened is let go', () => {
  /** Files under `dir` this process still holds open (Linux: /proc/self/fd). */
  const handlesTo = (dir: string) =>
    fs.existsSync('/proc/self/fd')
      ? fs.readdirSync('/proc/self/fd').flatMap((fd) => {
          try {
            const target = fs.readlinkSync(`/proc/self/fd/${fd}`);
            return target.startsWith(dir) ? [target] : [];
          } catch {
            return [];
          }
        })
      : [];
  const cases: [string, (file: string) => void, Parameters<typeof open>[1]][] = [
    ['a file that is not a database', (file) => fs.writeFileSync(file, crypto.randomBytes(8192)), MIGRATIONS],
    [
      'a library from a newer Lanemap',
      (file) => {
        const raw = new Database(file);
        raw.pragma('user_version = 99');
        raw.close();
      },
      MIGRATIONS,
    ],
    [
      'a library whose migration fails',
      (file) => openLibrary(file).db.close(),
      [...MIGRATIONS, { version: LATEST + 1, description: 'broken', sql: 'CREATE TABLE maps(y);' }],
    ],
  ];
  test.each(cases)('%s: the open fails and no file handle stays open', (_name, prepare, migrations) => {
    const dir = tempDir();
    const file = path.join(dir, 'lanemap.sqlite');
    prepare(file);
    expect(() => openLibrary(file, migrations)).toThrow();
    expect(handlesTo(dir)).toEqual([]);
  });
});

describe('migrating an existing library', () => {
  test('a backup is taken first; it is still at the old version and holds the same maps', () => {
    // given a v1 library with a map in it
    const dir = tempDir();
    const file = path.join(dir, 'lanemap.sqlite');
    const v1 = open(file);
    const services = servicesOn(v1.db, file);
    const map = call(services, 'maps:create', { title: 'Квалификация лида' });
    v1.db.close();
    // when a Lanemap with a v2 migration opens it
    const v2 = open(file, [...MIGRATIONS, { version: LATEST + 1, description: 'x', sql: 'CREATE TABLE t(x)' }]);
    // then the library is at v2 and a backup sits next to it
    expect(v2.db.pragma('user_version', { simple: true })).toBe(LATEST + 1);
    expect(v2.created).toBe(false);
    expect(v2.backupPath).not.toBeNull();
    const backup = v2.backupPath ?? '';
    expect(path.dirname(backup)).toBe(dir);
    expect(backup.endsWith('.bak')).toBe(true);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.bak'))).toEqual([path.basename(backup)]);
    // and the backup is the library as it was: v1, with the same map
    const old = new Database(backup, { readonly: true });
    opened.push(old);
    expect(old.pragma('user_version', { simple: true })).toBe(LATEST);
    expect(old.prepare("SELECT name FROM sqlite_master WHERE name = 't'").get()).toBeUndefined();
    expect(old.prepare('SELECT id, title FROM maps').all()).toEqual([{ id: map.id, title: 'Квалификация лида' }]);
    expect(call(servicesOn(v2.db, file), 'maps:get', { id: map.id })).toEqual(map);
  });

  test('a failing migration leaves the library at its old version with its maps', () => {
    const file = path.join(tempDir(), 'lanemap.sqlite');
    const v1 = open(file);
    const map = call(servicesOn(v1.db, file), 'maps:create', { title: 'Воронка' });
    v1.db.close();
    expect(() => open(file, [...MIGRATIONS, { version: LATEST + 1, description: 'broken', sql: 'CREATE TABLE t(x); CREATE TABLE maps(y);' }])).toThrow();
    const again = open(file);
    expect(again.db.pragma('user_version', { simple: true })).toBe(LATEST);
    expect(again.db.prepare("SELECT name FROM sqlite_master WHERE name = 't'").get()).toBeUndefined();
    expect(call(servicesOn(again.db, file), 'maps:get', { id: map.id })).toEqual(map);
  });
});

describe('what is stored survives closing and reopening the file', () => {
  test('a map created and edited through the services reads back exactly', () => {
    const lib = openTempLibrary();
    const created = call(lib.services, 'maps:create', { title: 'Воронка продаж' });
    expect(
      Object.values(created.roles)
        .map((r) => r.order)
        .sort(),
    ).toEqual([0, 1]);
    // the user builds the sales process on the new map
    const model = salesMap('e');
    const edited: MapDoc = { ...model, id: created.id, createdAt: created.createdAt, updatedAt: created.updatedAt };
    const { updatedAt } = call(lib.services, 'maps:applyChanges', { id: created.id, changes: diffMaps(created, edited) });
    lib.close();

    const reopened = open(lib.file);
    const stored = call(servicesOn(reopened.db, lib.file), 'maps:get', { id: created.id });
    expect(stored).toEqual({ ...edited, updatedAt });
    expect(stored.title).toBe('Воронка продаж: от заявки до сделки');
    expect(stored.steps['e-qualify']).toMatchObject({
      title: 'Квалификация лида',
      inputs: ['Заявка с сайта', 'Карточка лида'],
      resources: ['CRM', 'Скрипт звонка'],
      duration: { value: 30, unit: 'min' },
    });
    expect(stored.steps['e-offer']?.duration).toEqual({ value: 1.5, unit: 'h' });
    expect(stored.flows['e-f4']?.label).toBe('да');
    expect(stored.roles['e-manager']).toEqual({ id: 'e-manager', name: 'Менеджер по продажам', color: '#2f80ed', order: 0 });
  });

  test('later edits, renames and the library list are kept too', () => {
    const lib = openTempLibrary();
    const created = call(lib.services, 'maps:create', { title: 'Первая' });
    const other = call(lib.services, 'maps:create', { title: 'Вторая' });
    const built: MapDoc = { ...salesMap('l'), id: created.id, createdAt: created.createdAt, updatedAt: created.updatedAt };
    call(lib.services, 'maps:applyChanges', { id: created.id, changes: diffMaps(created, built) });
    const edited = run(
      built,
      cmd('setStepItems', { stepId: 'l-qualify', kind: 'outputs', items: ['Квалифицированный лид', 'Задача в CRM'] }),
      cmd('deleteElements', { stepIds: ['l-lead'], flowIds: [] }),
      cmd('updateRole', { roleId: 'l-client', name: 'Заказчик' }),
    );
    call(lib.services, 'maps:applyChanges', { id: created.id, changes: diffMaps(built, edited) });
    const renamed = call(lib.services, 'maps:rename', { id: other.id, title: 'Вторая — черновик' });
    lib.close();

    const reopened = open(lib.file);
    const services = servicesOn(reopened.db, lib.file);
    expect(content(call(services, 'maps:get', { id: created.id }))).toEqual(content(edited));
    expect(call(services, 'maps:list', {})).toEqual([
      renamed,
      expect.objectContaining({ id: created.id, title: 'Воронка продаж: от заявки до сделки', stepCount: 4 }),
    ]);
  });
});

describe('the sample map', () => {
  test('a new library gets exactly one sample map, and it is the bundled one with new ids', () => {
    const lib = openTempLibrary();
    seedLibrary(lib.db);
    seedLibrary(lib.db);
    const list = call(lib.services, 'maps:list', {});
    expect(list).toHaveLength(1);
    const sample = sampleMapDoc();
    const seeded = call(lib.services, 'maps:get', { id: list[0]?.id ?? '' });
    expect(seeded.id).not.toBe(sample.id);
    expect(seeded.title).toBe(sample.title);
    const titles = (d: MapDoc) =>
      Object.values(d.steps)
        .map((s) => s.title)
        .sort();
    expect(titles(seeded)).toEqual(titles(sample));
    expect(Object.keys(seeded.flows)).toHaveLength(Object.keys(sample.flows).length);
    expect(
      Object.values(seeded.roles)
        .map((r) => r.name)
        .sort(),
    ).toEqual(
      Object.values(sample.roles)
        .map((r) => r.name)
        .sort(),
    );
  });

  test('on a Russian system the first start shows the full sales cycle in Russian', () => {
    const lib = openTempLibrary();
    seedLibrary(lib.db, undefined, 'ru');
    const list = call(lib.services, 'maps:list', {});
    expect(list.map((m) => m.title)).toEqual(['Отдел продаж: полный цикл']);
    expect(list[0]!.stepCount).toBeGreaterThanOrEqual(25);
  });

  test('the system language is read from the locale variables as ru or en', () => {
    expect(systemLanguage({ LANG: 'ru_RU.UTF-8' })).toBe('ru');
    expect(systemLanguage({ LC_ALL: 'ru', LANG: 'en_US.UTF-8' })).toBe('ru');
    expect(systemLanguage({ LANG: 'en_GB.UTF-8' })).toBe('en');
    expect(languageOfLocale('ru-RU')).toBe('ru');
    expect(languageOfLocale('rue')).toBe('en');
    expect(languageOfLocale('de')).toBe('en');
    expect(languageOfLocale(undefined)).toBe('en');
  });

  test('after the user deletes it, it does not come back on the next start', () => {
    const lib = openTempLibrary();
    seedLibrary(lib.db);
    const [only] = call(lib.services, 'maps:list', {});
    call(lib.services, 'maps:delete', { id: only?.id ?? '' });
    lib.close();
    const again = open(lib.file);
    seedLibrary(again.db);
    expect(call(servicesOn(again.db, lib.file), 'maps:list', {})).toEqual([]);
  });
});

describe('duplicate and delete', () => {
  test('a duplicate has new ids everywhere and the same content', () => {
    const lib = openTempLibrary();
    const created = call(lib.services, 'maps:create', { title: 'x' });
    const original: MapDoc = { ...salesMap('d'), id: created.id, createdAt: created.createdAt, updatedAt: created.updatedAt };
    call(lib.services, 'maps:applyChanges', { id: created.id, changes: diffMaps(created, original) });

    const summary = call(lib.services, 'maps:duplicate', { id: created.id });
    expect(summary).toMatchObject({ title: 'Воронка продаж: от заявки до сделки (copy)', stepCount: 5 });
    const copy = call(lib.services, 'maps:get', { id: summary.id });
    const allIds = (d: MapDoc) => [d.id, ...Object.keys(d.roles), ...Object.keys(d.steps), ...Object.keys(d.flows)];
    expect(allIds(copy).filter((id) => allIds(original).includes(id))).toEqual([]);
    // same content once ids are mapped by title / name
    const stepTitle = (d: MapDoc, id: string) => d.steps[id]?.title;
    const roleName = (d: MapDoc, id: string) => d.roles[id]?.name;
    const shape = (d: MapDoc) => ({
      roles: Object.values(d.roles)
        .map((r) => ({ ...r, id: '' }))
        .sort((a, b) => a.order - b.order),
      steps: Object.values(d.steps)
        .map((s) => ({ ...s, id: '', roleId: roleName(d, s.roleId) }))
        .sort((a, b) => a.title.localeCompare(b.title)),
      flows: Object.values(d.flows)
        .map((f) => `${stepTitle(d, f.fromStepId)} -> ${stepTitle(d, f.toStepId)} [${f.label}]`)
        .sort(),
    });
    expect(shape(copy)).toEqual(shape(original));
    // the original is untouched
    expect(content(call(lib.services, 'maps:get', { id: created.id }))).toEqual(content(original));
  });

  test('deleting a map removes all of its rows and no other map’s', () => {
    const lib = openTempLibrary();
    const keep = call(lib.services, 'maps:create', { title: 'Остаётся' });
    const gone = call(lib.services, 'maps:create', { title: 'Удаляется' });
    const built: MapDoc = { ...salesMap('g'), id: gone.id, createdAt: gone.createdAt, updatedAt: gone.updatedAt };
    call(lib.services, 'maps:applyChanges', { id: gone.id, changes: diffMaps(gone, built) });
    expect(count(lib.db, 'SELECT COUNT(*) AS n FROM step_items')).toBeGreaterThan(0);

    expect(call(lib.services, 'maps:delete', { id: gone.id })).toEqual({ deleted: true });

    for (const table of ['roles', 'phases', 'steps', 'flows']) {
      expect(count(lib.db, `SELECT COUNT(*) AS n FROM ${table} WHERE map_id = '${gone.id}'`)).toBe(0);
    }
    expect(count(lib.db, 'SELECT COUNT(*) AS n FROM step_items WHERE step_id NOT IN (SELECT id FROM steps)')).toBe(0);
    expect(count(lib.db, 'SELECT COUNT(*) AS n FROM step_items')).toBe(0);
    expect(count(lib.db, 'SELECT COUNT(*) AS n FROM flows WHERE from_step_id NOT IN (SELECT id FROM steps) OR to_step_id NOT IN (SELECT id FROM steps)')).toBe(
      0,
    );
    expect(lib.db.pragma('foreign_key_check')).toEqual([]);
    expect(call(lib.services, 'maps:list', {}).map((m) => m.id)).toEqual([keep.id]);
    expect(call(lib.services, 'maps:get', { id: keep.id })).toEqual(keep);
  });
});
