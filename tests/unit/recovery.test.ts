/**
 * A damaged library at start-up (src-main/storage/recovery.ts), with real damaged files: the
 * check tells a sound library from a damaged, truncated or foreign one and never changes a byte;
 * a damaged file is set aside untouched with its -wal and -shm; a backup is put in its place
 * and opens with its maps. And errors of the disk reach the user as one plain sentence.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { CallName } from '../../shared/calls';
import { dispatch } from '../../src-main/services/dispatch';
import { createServices, type Services } from '../../src-main/services/library';
import { openLibrary } from '../../src-main/storage/database';
import { checkLibraryFile, listBackups, restoreBackupFile, setAsideDamaged } from '../../src-main/storage/recovery';
import { call, openTempLibrary, removeTempDirs, tempDir, tickingClock } from '../support/library';

afterEach(() => removeTempDirs());

const TEMPLATES = ['full-cycle.ru', 'full-cycle.en', 'lead-qualification.ru', 'order-fulfilment.en', 'claims-and-returns.ru'];

/** A closed library file holding several real maps (the -wal checkpointed into it); returns the path and the map titles. */
function libraryWithMaps(dir = tempDir()): { file: string; titles: string[] } {
  const lib = openTempLibrary(path.join(dir, 'lanemap.sqlite'));
  for (const templateId of TEMPLATES) call(lib.services, 'maps:createFromTemplate', { templateId });
  const titles = call(lib.services, 'maps:list', {})
    .map((m) => m.title)
    .sort();
  lib.close();
  return { file: lib.file, titles };
}

/** What a check must never change: the file's bytes, its modification time, and which files are in its folder. */
function fingerprint(file: string) {
  return { bytes: fs.readFileSync(file), mtimeMs: fs.statSync(file).mtimeMs, folder: fs.readdirSync(path.dirname(file)).sort() };
}

/** Overwrites one b-tree page in the middle of the file with garbage, as a bad sector would. */
function damageMiddlePage(file: string): void {
  const db = new Database(file, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = (db.prepare("SELECT pageno FROM dbstat WHERE pagetype IN ('internal', 'leaf') ORDER BY pageno").pluck().all() as number[]).filter((p) => p > 1);
  db.close();
  const page = pages[Math.floor(pages.length / 2)]!;
  const fd = fs.openSync(file, 'r+');
  const garbage = Buffer.alloc(pageSize, 0);
  for (let i = 0; i < pageSize; i++) garbage[i] = (i * 131 + 7) % 251;
  fs.writeSync(fd, garbage, 0, pageSize, (page - 1) * pageSize);
  fs.closeSync(fd);
}

describe('checking the library file at start-up', () => {
  test('a sound library with several maps passes, and checking it changes no byte, no time and adds no file', () => {
    const { file } = libraryWithMaps();
    const before = fingerprint(file);
    expect(checkLibraryFile(file)).toEqual({ ok: true });
    expect(fingerprint(file)).toEqual(before);
  });

  test('a library with a page overwritten in the middle is reported damaged, and the check changes nothing', () => {
    const { file } = libraryWithMaps();
    damageMiddlePage(file);
    const before = fingerprint(file);
    const check = checkLibraryFile(file);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toMatch(/\S/);
    expect(fingerprint(file)).toEqual(before);
  });

  test('a library cut off half-way (a copy interrupted) is reported damaged', () => {
    const { file } = libraryWithMaps();
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const before = fingerprint(file);
    expect(checkLibraryFile(file).ok).toBe(false);
    expect(fingerprint(file)).toEqual(before);
  });

  test('a text file named lanemap.sqlite is reported as no database', () => {
    const file = path.join(tempDir(), 'lanemap.sqlite');
    fs.writeFileSync(file, 'Это не база данных, а заметки: позвонить клиенту.\n'.repeat(200));
    const before = fingerprint(file);
    const check = checkLibraryFile(file);
    expect(check).toEqual({ ok: false, reason: expect.stringMatching(/not a database/i) });
    expect(fingerprint(file)).toEqual(before);
  });

  test('an empty file and a missing file are fine: a new library is made there', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'empty.sqlite'), '');
    expect(checkLibraryFile(path.join(dir, 'empty.sqlite'))).toEqual({ ok: true });
    expect(checkLibraryFile(path.join(dir, 'missing.sqlite'))).toEqual({ ok: true });
    expect(fs.readdirSync(dir)).toEqual(['empty.sqlite']);
  });

  test('a library another Lanemap has open, with edits still in its WAL, passes without changing the file', () => {
    const lib = openTempLibrary();
    lib.db.pragma('wal_autocheckpoint = 0');
    call(lib.services, 'maps:createFromTemplate', { templateId: 'full-cycle.ru' });
    expect(fs.statSync(`${lib.file}-wal`).size).toBeGreaterThan(0);
    const before = fingerprint(lib.file);
    expect(checkLibraryFile(lib.file)).toEqual({ ok: true });
    expect(fingerprint(lib.file)).toEqual(before);
    // the other process goes on writing as before
    call(lib.services, 'maps:create', { title: 'После проверки' });
    lib.close();
  });
});

describe('setting a damaged library aside', () => {
  test('the file and its -wal and -shm are moved aside under one name, byte for byte and with their times', () => {
    // given: the files a killed Lanemap leaves, edits still in the WAL
    const lib = openTempLibrary();
    lib.db.pragma('wal_autocheckpoint = 0');
    call(lib.services, 'maps:createFromTemplate', { templateId: 'lead-qualification.ru' });
    const file = path.join(tempDir(), 'lanemap.sqlite');
    for (const s of ['', '-wal', '-shm']) fs.copyFileSync(`${lib.file}${s}`, `${file}${s}`);
    lib.close();
    const before = ['', '-wal', '-shm'].map((s) => ({ s, ...fingerprint(`${file}${s}`) }));

    const aside = setAsideDamaged(file, new Date('2026-03-02T10:00:00.000Z'));

    expect(aside).toBe(`${file}.damaged-2026-03-02T10-00-00-000Z`);
    for (const { s, bytes, mtimeMs } of before) {
      expect(fs.existsSync(`${file}${s}`)).toBe(false);
      expect(fs.readFileSync(`${aside}${s}`).equals(bytes)).toBe(true);
      expect(fs.statSync(`${aside}${s}`).mtimeMs).toBe(mtimeMs);
    }
  });

  test('a second damaged file in the same millisecond gets its own name', () => {
    const dir = tempDir();
    const file = path.join(dir, 'lanemap.sqlite');
    const now = new Date('2026-03-02T10:00:00.000Z');
    fs.writeFileSync(file, 'первый');
    const first = setAsideDamaged(file, now);
    fs.writeFileSync(file, 'второй');
    const second = setAsideDamaged(file, now);
    expect(second).not.toBe(first);
    expect(fs.readFileSync(first, 'utf8')).toBe('первый');
    expect(fs.readFileSync(second, 'utf8')).toBe('второй');
  });
});

describe('restoring a backup in place of a damaged library', () => {
  test('given a damaged library and a backup of it, when set aside and restored, then the library opens with the maps of the backup', () => {
    const { file, titles } = libraryWithMaps();
    const backups = path.join(path.dirname(file), 'backups');
    fs.mkdirSync(backups);
    const backup = path.join(backups, 'lanemap-2026-03-01T18-00-00.sqlite');
    fs.copyFileSync(file, backup);
    damageMiddlePage(file);
    expect(checkLibraryFile(file).ok).toBe(false);

    const aside = setAsideDamaged(file);
    const newest = listBackups(file)[0]!;
    expect(newest).toMatchObject({ path: backup, createdAt: '2026-03-01T18:00:00.000Z', kind: 'hourly' });
    restoreBackupFile(file, newest.path);

    expect(checkLibraryFile(file)).toEqual({ ok: true });
    const { db } = openLibrary(file);
    const services = createServices(db, { dataFile: file, transport: 'http' }, tickingClock());
    expect(
      call(services, 'maps:list', {})
        .map((m) => m.title)
        .sort(),
    ).toEqual(titles);
    db.close();
    // the damaged file is still there, as it was, for anyone who wants to rescue it
    expect(checkLibraryFile(aside).ok).toBe(false);
    // and the backup itself is unchanged
    expect(fs.readFileSync(backup).length).toBeGreaterThan(0);
  });

  test('a library still in place is never overwritten by a restore', () => {
    const { file } = libraryWithMaps();
    const other = libraryWithMaps();
    const before = fingerprint(file);
    expect(() => restoreBackupFile(file, other.file)).toThrow(/still there/);
    expect(fingerprint(file).bytes.equals(before.bytes)).toBe(true);
  });

  test('a damaged backup is refused and nothing is put in place', () => {
    const dir = tempDir();
    const file = path.join(dir, 'lanemap.sqlite');
    const backup = path.join(dir, 'broken.sqlite');
    fs.writeFileSync(backup, 'not sqlite at all');
    expect(() => restoreBackupFile(file, backup)).toThrow(/damaged/);
    expect(fs.existsSync(file)).toBe(false);
  });

  test('a -wal left behind without its file is set aside, not replayed onto the restored copy', () => {
    const { file, titles } = libraryWithMaps();
    const backup = `${file}.copy`;
    fs.copyFileSync(file, backup);
    // a WAL of another library at the same path (the damaged file was removed by hand, its -wal stayed)
    const stray = openTempLibrary(path.join(tempDir(), 'lanemap.sqlite'));
    stray.db.pragma('wal_autocheckpoint = 0');
    call(stray.services, 'maps:create', { title: 'Чужая карта' });
    fs.copyFileSync(`${stray.file}-wal`, `${file}-wal`);
    stray.close();
    fs.rmSync(file);

    restoreBackupFile(file, backup);
    const { db } = openLibrary(file);
    const services = createServices(db, { dataFile: file, transport: 'http' }, tickingClock());
    expect(
      call(services, 'maps:list', {})
        .map((m) => m.title)
        .sort(),
    ).toEqual(titles);
    db.close();
  });
});

/** Every service throws `error`: a stand-in for a library whose disk fails. */
function failingServices(error: unknown): Services {
  return new Proxy({} as Services, {
    get: () => () => {
      throw error;
    },
  });
}

function refusal(services: Services, name: CallName, input: unknown) {
  const reply = dispatch(services, name, input);
  if (reply.ok) throw new Error(`${name} was not refused`);
  return reply.error;
}

describe('errors of the disk in plain words', () => {
  test('a library that cannot be written refuses an edit as read-only, in one plain sentence without SQLite text', () => {
    const { file } = libraryWithMaps();
    const db = new Database(file, { readonly: true, fileMustExist: true });
    const services = createServices(db, { dataFile: file, transport: 'http' }, tickingClock());
    const maps = call(services, 'maps:list', {});
    const error = refusal(services, 'maps:rename', { id: maps[0]!.id, title: 'Новое имя' });
    expect(error.code).toBe('read-only');
    expect(error.message).not.toMatch(/sqlite|readonly database|attempt to/i);
    expect(error.message).toMatch(/^[A-Z][^\n]*\.$/);
    db.close();
  });

  test.each([
    ['SQLITE_FULL', 'database or disk is full', 'disk-full'],
    ['SQLITE_IOERR_WRITE', 'disk I/O error', 'disk-error'],
    ['SQLITE_CORRUPT', 'database disk image is malformed', 'damaged'],
    ['SQLITE_NOTADB', 'file is not a database', 'damaged'],
    ['SQLITE_CANTOPEN', 'unable to open database file', 'disk-error'],
    ['SQLITE_BUSY', 'database is locked', 'library-busy'],
    ['SQLITE_LOCKED_SHAREDCACHE', 'database table is locked', 'library-busy'],
    ['SQLITE_READONLY_DBMOVED', 'attempt to write a readonly database', 'read-only'],
  ])('%s (%s) from SQLite reaches the user as %s', (sqliteCode, text, code) => {
    const error = refusal(failingServices(new Database.SqliteError(text, sqliteCode)), 'maps:list', {});
    expect(error.code).toBe(code);
    expect(error.message).not.toContain(text);
    expect(error.message).not.toMatch(/SQLITE/);
  });

  test.each([
    ['ENOSPC', 'disk-full'],
    ['EROFS', 'read-only'],
    ['EACCES', 'read-only'],
    ['EPERM', 'read-only'],
    ['EIO', 'disk-error'],
  ])('%s from the file system reaches the user as %s', (fsCode, code) => {
    const e = Object.assign(new Error(`${fsCode}: something, open '/x/lanemap.sqlite'`), { code: fsCode, syscall: 'open' });
    const error = refusal(failingServices(e), 'maps:list', {});
    expect(error.code).toBe(code);
    expect(error.message).not.toContain(fsCode);
  });
});

describe('disk errors on screen', () => {
  test('in English and in Russian the user reads the plain sentence of the code, not what SQLite said', async () => {
    const { ApiError } = await import('../../src-renderer/api');
    const { applyLanguage } = await import('../../src-renderer/i18n');
    const { describeFailure } = await import('../../src-renderer/i18n/errors');
    const full = new ApiError('disk-full', 'SQLITE_FULL: database or disk is full');
    expect(describeFailure('renameMap', full)).toBe('Could not rename the map: the disk is full, so the change was not stored. Free some space and try again.');
    await applyLanguage('ru');
    try {
      expect(describeFailure('renameMap', new ApiError('read-only', 'attempt to write a readonly database'))).toBe(
        'Не удалось переименовать карту: файл библиотеки доступен только для чтения (или его папка), поэтому изменение не сохранено.',
      );
    } finally {
      await applyLanguage('en');
    }
  });
});
