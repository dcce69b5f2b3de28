/**
 * Rolling backups of the library (src-main/storage/backups.ts, services/backups.ts) with an
 * injected clock: at most one copy an hour while editing and none without an edit, the copies
 * kept after days of editing, a restore that brings the old library back in place (after a copy
 * of the current one), an older schema's backup restored, and no way to restore anything but a
 * listed backup.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { dispatch } from '../../src-main/services/dispatch';
import { createBackupScheduler } from '../../src-main/storage/backups';
import { openLibrary } from '../../src-main/storage/database';
import { MIGRATIONS } from '../../src-main/storage/migrations';
import { listBackups } from '../../src-main/storage/recovery';
import { call, openTempLibrary, removeTempDirs, snapshotTables, tempDir, type TempLibrary } from '../support/library';

afterEach(() => removeTempDirs());

const HOUR = 3600_000;

/** A clock the test moves by hand. */
function manualClock(startIso: string) {
  let now = Date.parse(startIso);
  return {
    read: () => new Date(now),
    advance: (ms: number) => (now += ms),
  };
}

function titles(lib: TempLibrary): string[] {
  return call(lib.services, 'maps:list', {})
    .map((m) => m.title)
    .sort();
}

/** The copies in the backups folder, by file name. */
function folderNames(lib: TempLibrary): string[] {
  const dir = path.join(path.dirname(lib.file), 'backups');
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
}

function edit(lib: TempLibrary, title: string) {
  call(lib.services, 'maps:create', { title });
}

describe('when copies are taken', () => {
  test('while editing, at most one copy an hour, named by its time, in a backups folder beside the library', () => {
    const lib = openTempLibrary();
    const clock = manualClock('2026-03-02T09:00:00.000Z');
    const backups = createBackupScheduler({ db: lib.db, file: lib.file, clock: clock.read });
    const taken: string[] = [];
    // an edit every 5 minutes for three hours
    for (let i = 0; i < 36; i++) {
      edit(lib, `Карта ${i}`);
      const copy = backups.maybeBackup();
      if (copy) taken.push(copy.createdAt);
      clock.advance(5 * 60_000);
    }
    expect(taken).toEqual(['2026-03-02T09:00:00.000Z', '2026-03-02T10:00:00.000Z', '2026-03-02T11:00:00.000Z']);
    expect(folderNames(lib)).toEqual(['lanemap-2026-03-02T09-00-00.sqlite', 'lanemap-2026-03-02T10-00-00.sqlite', 'lanemap-2026-03-02T11-00-00.sqlite']);
    // each copy is a library of its own, with the maps stored when it was taken
    const copy = new Database(path.join(path.dirname(lib.file), 'backups', 'lanemap-2026-03-02T10-00-00.sqlite'), { readonly: true });
    expect(copy.prepare('SELECT COUNT(*) FROM maps').pluck().get()).toBe(13);
    copy.close();
  });

  test('no copy without an edit; at quit only if something changed since the last copy', () => {
    const lib = openTempLibrary();
    const clock = manualClock('2026-03-02T09:00:00.000Z');
    const backups = createBackupScheduler({ db: lib.db, file: lib.file, clock: clock.read });
    expect(backups.maybeBackup()).toBeNull();
    expect(backups.atQuit()).toBeNull();
    edit(lib, 'Первая');
    expect(backups.maybeBackup()).not.toBeNull();
    clock.advance(10 * 60_000);
    expect(backups.atQuit()).toBeNull();
    edit(lib, 'Вторая');
    clock.advance(60_000);
    expect(backups.maybeBackup()).toBeNull();
    expect(backups.atQuit()).toMatchObject({ createdAt: '2026-03-02T09:11:00.000Z', kind: 'hourly' });
  });

  test('a copy another Lanemap on the same library took within the hour counts', () => {
    const lib = openTempLibrary();
    const clock = manualClock('2026-03-02T09:00:00.000Z');
    const desktop = createBackupScheduler({ db: lib.db, file: lib.file, clock: clock.read });
    const web = openTempLibrary(lib.file);
    const bridge = createBackupScheduler({ db: web.db, file: web.file, clock: clock.read });
    edit(lib, 'Из приложения');
    expect(desktop.maybeBackup()).not.toBeNull();
    clock.advance(20 * 60_000);
    edit(web, 'Из браузера');
    expect(bridge.maybeBackup()).toBeNull();
    web.close();
  });

  test('"Back up now" takes a copy whatever the hour, listed as taken by hand, and two in one second get two names', () => {
    const lib = openTempLibrary();
    const clock = manualClock('2026-03-02T09:00:00.000Z');
    const backups = createBackupScheduler({ db: lib.db, file: lib.file, clock: clock.read });
    const a = backups.backupNow();
    const b = backups.backupNow();
    expect(a.path).not.toBe(b.path);
    expect(folderNames(lib)).toEqual(['lanemap-2026-03-02T09-00-00-2.manual.sqlite', 'lanemap-2026-03-02T09-00-00.manual.sqlite']);
    expect(backups.list()[0]!.path).toBe(b.path);
    expect(backups.list().map((x) => x.kind)).toEqual(['manual', 'manual']);
    // kept apart from the hourly copies: twelve more by hand keep the newest ten
    for (let i = 0; i < 12; i++) {
      clock.advance(1000);
      backups.backupNow();
    }
    expect(backups.list().filter((x) => x.kind === 'manual')).toHaveLength(10);
  });

  test('a failing disk never fails the edit: maybeBackup says nothing and the next one tries again', () => {
    const lib = openTempLibrary();
    const clock = manualClock('2026-03-02T09:00:00.000Z');
    const backups = createBackupScheduler({ db: lib.db, file: lib.file, clock: clock.read });
    // a file where the backups folder should be
    fs.writeFileSync(path.join(path.dirname(lib.file), 'backups'), 'not a folder');
    edit(lib, 'Правка');
    expect(backups.maybeBackup()).toBeNull();
    fs.rmSync(path.join(path.dirname(lib.file), 'backups'));
    expect(backups.maybeBackup()).not.toBeNull();
  });
});

describe('which copies are kept', () => {
  test('after three days of hourly edits: the last 24 hours, and the last copy of each earlier day', () => {
    const lib = openTempLibrary();
    const clock = manualClock('2026-03-02T00:30:00.000Z');
    const backups = createBackupScheduler({ db: lib.db, file: lib.file, clock: clock.read });
    for (let h = 0; h < 72; h++) {
      edit(lib, `Правка ${h}`);
      expect(backups.maybeBackup()).not.toBeNull();
      clock.advance(HOUR);
    }
    const kept = backups.list();
    expect(kept.filter((b) => b.kind === 'hourly').map((b) => b.createdAt)).toEqual(
      Array.from({ length: 24 }, (_, i) => new Date(Date.parse('2026-03-04T23:30:00.000Z') - i * HOUR).toISOString()),
    );
    expect(kept.filter((b) => b.kind === 'daily').map((b) => b.createdAt)).toEqual(['2026-03-03T23:30:00.000Z', '2026-03-02T23:30:00.000Z']);
    // the rest is deleted from the disk
    expect(folderNames(lib)).toHaveLength(26);
  });

  test('after twenty days: at most 14 days are kept, copies made before a migration are never deleted', () => {
    const dir = tempDir();
    const file = path.join(dir, 'lanemap.sqlite');
    // a library from the version before, opened (and migrated) by this one: a copy is kept next to it
    openLibrary(
      file,
      MIGRATIONS.filter((m) => m.version < Math.max(...MIGRATIONS.map((x) => x.version))),
    ).db.close();
    const lib = openTempLibrary(file);
    const migrationCopy = fs.readdirSync(dir).find((n) => n.endsWith('.bak'))!;
    expect(migrationCopy).toMatch(/^lanemap\.sqlite\.before-v\d+-.+\.bak$/);
    const clock = manualClock('2026-03-01T03:00:00.000Z');
    const backups = createBackupScheduler({ db: lib.db, file: lib.file, clock: clock.read });
    for (let i = 0; i < 80; i++) {
      edit(lib, `Правка ${i}`);
      backups.maybeBackup();
      clock.advance(6 * HOUR);
    }
    const kept = backups.list();
    expect(kept.filter((b) => b.kind === 'hourly')).toHaveLength(24);
    const daily = kept.filter((b) => b.kind === 'daily').map((b) => b.createdAt.slice(0, 10));
    expect(daily).toEqual(['2026-03-14', '2026-03-13', '2026-03-12', '2026-03-11', '2026-03-10', '2026-03-09', '2026-03-08', '2026-03-07']);
    expect(kept.find((b) => b.kind === 'before-migration')?.path).toBe(path.join(dir, migrationCopy));
    expect(fs.existsSync(path.join(dir, migrationCopy))).toBe(true);
    // listed the same at start-up, with no connection
    expect(listBackups(file)).toEqual(kept);
  });
});

describe('restoring a backup while Lanemap runs', () => {
  test('the old library is back in place, a copy of the library as it was is taken first, and the open connection goes on working', () => {
    const lib = openTempLibrary();
    edit(lib, 'Воронка: как было');
    const backup = call(lib.services, 'backups:create', {});
    const before = titles(lib);
    edit(lib, 'Воронка: после копии');
    const map = call(lib.services, 'maps:list', {}).find((m) => m.title === 'Воронка: как было')!;
    call(lib.services, 'maps:rename', { id: map.id, title: 'Переименована после копии' });
    const after = titles(lib);

    const { restored, safetyCopy } = call(lib.services, 'backups:restore', { path: backup.path });

    expect(restored.path).toBe(backup.path);
    expect(titles(lib)).toEqual(before);
    expect(safetyCopy.kind).toBe('before-restore');
    expect(call(lib.services, 'backups:list', {}).backups.map((b) => b.kind)).toContain('before-restore');
    // the same connection still edits
    edit(lib, 'После восстановления');
    expect(titles(lib)).toEqual([...before, 'После восстановления'].sort());
    // and the copy taken first undoes the restore
    call(lib.services, 'backups:restore', { path: safetyCopy.path });
    expect(titles(lib)).toEqual(after);
    lib.close();
  });

  test('the user’s settings (language, name) stay as they are: a restore brings back maps, not preferences', () => {
    const lib = openTempLibrary();
    call(lib.services, 'settings:set', { language: 'en', authorName: 'Old name' });
    edit(lib, 'Карта');
    const backup = call(lib.services, 'backups:create', {});
    call(lib.services, 'settings:set', { language: 'ru', authorName: 'Ирина' });
    call(lib.services, 'backups:restore', { path: backup.path });
    expect(call(lib.services, 'settings:get', {})).toEqual({ language: 'ru', authorName: 'Ирина' });
    lib.close();
  });

  test('another connection on the library (a second Lanemap) sees the restored library', () => {
    const lib = openTempLibrary();
    edit(lib, 'Старая');
    const backup = call(lib.services, 'backups:create', {});
    edit(lib, 'Новая');
    const other = openTempLibrary(lib.file);
    expect(titles(other)).toContain('Новая');
    call(lib.services, 'backups:restore', { path: backup.path });
    expect(titles(other)).not.toContain('Новая');
    expect(titles(other)).toContain('Старая');
    other.close();
  });

  test('comment threads come back whole and the library keeps its rules afterwards', () => {
    const lib = openTempLibrary();
    const doc = call(lib.services, 'maps:createFromTemplate', { templateId: 'lead-qualification.ru' });
    const stepId = Object.keys(doc.steps)[1]!;
    const insert = lib.db.prepare(
      "INSERT INTO comments (id, map_id, target_kind, target_id, parent_id, author, text, created_at) VALUES (?, ?, 'step', ?, ?, 'Анна', ?, '2026-03-02T10:00:00.000Z')",
    );
    insert.run('c-thread', doc.id, stepId, null, 'Кто звонит клиенту?');
    insert.run('c-reply', doc.id, stepId, 'c-thread', 'Менеджер, в течение часа.');
    const backup = call(lib.services, 'backups:create', {});
    lib.db.prepare("DELETE FROM comments WHERE id = 'c-thread'").run();

    call(lib.services, 'backups:restore', { path: backup.path });

    const comments = call(lib.services, 'maps:get', { id: doc.id }).comments;
    expect(Object.keys(comments).sort()).toEqual(['c-reply', 'c-thread']);
    // a reply to a reply is still refused by the library
    expect(() => insert.run('c-bad', doc.id, stepId, 'c-reply', 'Ответ на ответ')).toThrow();
  });

  test('a backup of the previous schema version is migrated and restored', () => {
    const dir = tempDir();
    const file = path.join(dir, 'lanemap.sqlite');
    const previous = Math.max(...MIGRATIONS.map((m) => m.version)) - 1;
    // the backup: a library exactly as the previous version wrote it
    fs.mkdirSync(path.join(dir, 'backups'));
    const old = path.join(dir, 'backups', 'lanemap-2026-02-01T12-00-00.sqlite');
    const v = openLibrary(
      old,
      MIGRATIONS.filter((m) => m.version <= previous),
    ).db;
    v.exec(`
      INSERT INTO maps (id, title, description, created_at, updated_at) VALUES ('m-old', 'Карта из старой версии', '', '2026-02-01T10:00:00.000Z', '2026-02-01T11:00:00.000Z');
      INSERT INTO roles VALUES ('r-old', 'm-old', 'Менеджер', '#2f80ed', 0);
      INSERT INTO steps (id, map_id, role_id, kind, title, x, y) VALUES ('s-old', 'm-old', 'r-old', 'task', 'Позвонить клиенту', 0, 40);
    `);
    v.close();
    const oldBytes = fs.readFileSync(old);
    const lib = openTempLibrary(file);
    edit(lib, 'Текущая');
    const listed = call(lib.services, 'backups:list', {}).backups.find((b) => b.name === path.basename(old))!;
    expect(listed.kind).toBe('hourly');

    call(lib.services, 'backups:restore', { path: listed.path });

    expect(titles(lib)).toEqual(['Карта из старой версии']);
    expect(call(lib.services, 'maps:get', { id: 'm-old' }).steps['s-old']?.title).toBe('Позвонить клиенту');
    expect(lib.db.pragma('user_version', { simple: true })).toBe(previous + 1);
    // the backup itself is untouched, and no working file is left in the folder
    expect(fs.readFileSync(old).equals(oldBytes)).toBe(true);
    expect(folderNames(lib).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  test('nothing but a listed backup can be restored: other files, the library itself, paths with .. are refused and change nothing', () => {
    const lib = openTempLibrary();
    edit(lib, 'Не трогать');
    const backup = call(lib.services, 'backups:create', {});
    const other = openTempLibrary();
    edit(other, 'Чужая библиотека');
    other.close();
    const folder = path.dirname(backup.path);
    const stored = snapshotTables(lib.db);
    for (const wanted of [
      other.file,
      lib.file,
      path.join(folder, '..', 'lanemap.sqlite'),
      `${folder}/../backups/${backup.name}`,
      path.join(folder, '.', backup.name).replace(backup.name, `./${backup.name}`),
      backup.name,
      '/etc/passwd',
      `${backup.path}\0.png`,
    ]) {
      const reply = dispatch(lib.services, 'backups:restore', { path: wanted });
      expect(reply.ok, wanted).toBe(false);
      expect(!reply.ok && reply.error.code, wanted).toMatch(/^(not-found|bad-input)$/);
    }
    expect(snapshotTables(lib.db)).toEqual(stored);
    expect(call(lib.services, 'backups:list', {}).backups.filter((b) => b.kind === 'before-restore')).toEqual([]);
  });

  test('a damaged backup is refused before anything is copied or changed', () => {
    const lib = openTempLibrary();
    edit(lib, 'Целая');
    const backup = call(lib.services, 'backups:create', {});
    fs.writeFileSync(backup.path, 'испорчено '.repeat(500));
    const stored = snapshotTables(lib.db);
    const reply = dispatch(lib.services, 'backups:restore', { path: backup.path });
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(snapshotTables(lib.db)).toEqual(stored);
    expect(call(lib.services, 'backups:list', {}).backups.filter((b) => b.kind === 'before-restore')).toEqual([]);
  });

  test('the list says where the library and its backups are, newest first', () => {
    const lib = openTempLibrary();
    const a = call(lib.services, 'backups:create', {});
    edit(lib, 'Ещё');
    const b = call(lib.services, 'backups:create', {});
    const list = call(lib.services, 'backups:list', {});
    expect(list.libraryFile).toBe(lib.file);
    expect(list.folder).toBe(path.join(path.dirname(lib.file), 'backups'));
    expect(list.backups.map((x) => x.path)).toEqual([b.path, a.path]);
    expect(list.backups[0]).toMatchObject({ name: path.basename(b.path), kind: 'manual', size: fs.statSync(b.path).size });
  });
});
