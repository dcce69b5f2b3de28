/**
 * A damaged library at start-up: check the file without changing it, set a damaged file aside
 * untouched, and put a backup in its place. The start-up sequence (main.ts, web.ts) decides
 * what to ask the user; these functions only do the file work, before any connection is open.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { listBackupFiles, syncFile, type BackupInfo } from './backupFiles';

export type { BackupInfo, BackupKind } from './backupFiles';

export type LibraryCheck = { ok: true } | { ok: false; reason: string };

/** Results of SQLite that mean the bytes are not a sound database (the rest are not about the file's content). */
const DAMAGE_CODES = /^SQLITE_(CORRUPT|NOTADB)/;
/** Past this a file is checked in place rather than read into memory. */
const SNAPSHOT_LIMIT = 512 * 1024 * 1024;
const SQLITE_HEADER = 'SQLite format 3\0';

function sizeOf(p: string): number | null {
  try {
    return fs.statSync(p).size;
  } catch {
    return null;
  }
}

/**
 * quick_check's verdict on an open connection (integrity_check's, `thorough`, which also reads
 * every index against its table), or the error that says the bytes are no database.
 */
function quickCheck(open: () => Database.Database, thorough = false): LibraryCheck {
  let db: Database.Database | undefined;
  const pragma = thorough ? 'integrity_check' : 'quick_check';
  try {
    db = open();
    const rows = db.pragma(pragma) as Record<string, string>[];
    const problems = rows.map((r) => r[pragma]).filter((r) => r !== 'ok');
    if (problems.length === 0) return { ok: true };
    return { ok: false, reason: `SQLite's check found ${problems.length === 100 ? 'at least 100' : problems.length} problem(s), the first: ${problems[0]}` };
  } catch (e) {
    const err = e as { code?: string; message?: string };
    if (typeof err.code === 'string' && DAMAGE_CODES.test(err.code)) return { ok: false, reason: err.message ?? err.code };
    // busy, locked, no permission, unreadable: not a verdict on the content; opening it will say what is wrong
    return { ok: true };
  } finally {
    db?.close();
  }
}

/**
 * The file's bytes as an in-memory database: no lock, no -wal or -shm created, nothing written.
 * A WAL-mode header is read as a rollback-journal one (bytes 18 and 19), in memory only, since
 * there is no WAL content to read (the caller checked).
 */
function snapshotOf(bytes: Buffer): () => Database.Database {
  return () => {
    const copy = Buffer.from(bytes);
    if (copy.length >= 100 && copy.toString('latin1', 0, 16) === SQLITE_HEADER && copy[18] === 2 && copy[19] === 2) {
      copy[18] = 1;
      copy[19] = 1;
    }
    return new Database(copy);
  };
}

/**
 * Read-only check of an existing file (PRAGMA quick_check; "file is not a database" etc.). A
 * missing or empty file is ok. Never writes.
 *
 * Without WAL content the file is read into memory and checked there, so not even the -wal and
 * -shm files a read-only connection would create appear. A file that reads as damaged is read
 * again: if the two reads differ another Lanemap is writing it (a checkpoint), and it is checked
 * through a read-only connection instead, which waits for the writer. With WAL content (another
 * Lanemap has it open, or one was killed) the content of the WAL counts, so the read-only
 * connection is used; its -wal and -shm exist already.
 */
export function checkLibraryFile(file: string): LibraryCheck {
  const size = sizeOf(file);
  if (size === null || size === 0) return { ok: true };
  // damage met while Lanemap ran (see markSuspect) gets the thorough check
  const thorough = fs.existsSync(suspectMarker(file));
  const live = () => quickCheck(() => new Database(file, { readonly: true, fileMustExist: true, timeout: 5000 }), thorough);
  // WAL content, or a rollback journal left by a crash (which opening the library rolls back), changes what the file holds
  if ((sizeOf(`${file}-wal`) ?? 0) > 0 || (sizeOf(`${file}-journal`) ?? 0) > 0 || size > SNAPSHOT_LIMIT) return live();
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    // unreadable (permissions, a failing disk): opening it will say so
    return { ok: true };
  }
  const first = quickCheck(snapshotOf(bytes), thorough);
  if (first.ok) return first;
  let again: Buffer;
  try {
    again = fs.readFileSync(file);
  } catch {
    return first;
  }
  return again.equals(bytes) ? first : live();
}

/** The note beside the library that it was found damaged while Lanemap ran. */
export function suspectMarker(file: string): string {
  return `${file}.damaged-suspected`;
}

/**
 * Notes that SQLite found the library damaged while Lanemap ran (damage quick_check can miss,
 * e.g. in an index): the next start checks it thoroughly and, if it is damaged, offers the
 * recovery. Never throws.
 */
export function markSuspect(file: string, reason: string): void {
  try {
    if (!fs.existsSync(suspectMarker(file))) fs.writeFileSync(suspectMarker(file), `${new Date().toISOString()} ${reason}\n`);
  } catch {
    // the disk itself may be failing: the user was told of the damage all the same
  }
}

/** After a start that found the library sound (or replaced it): the note is done with. */
export function clearSuspect(file: string): void {
  try {
    fs.rmSync(suspectMarker(file), { force: true });
  } catch {
    // left for the next start to check again
  }
}

/** `${file}.damaged-2026-03-02T10-00-00-000Z`, or with `-2`… if that exists. */
function freeName(base: string): string {
  const taken = (p: string) => [p, `${p}-wal`, `${p}-shm`, `${p}-journal`].some((q) => fs.existsSync(q));
  if (!taken(base)) return base;
  for (let n = 2; ; n++) if (!taken(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * Moves the damaged file (and its -wal/-shm) aside untouched to `${file}.damaged-<time>`;
 * returns the new path. A rename: the bytes and times stay as they were, and the -wal and -shm
 * keep their pairing (`<new path>-wal`), so the set can still be opened by a repair tool.
 */
export function setAsideDamaged(file: string, now: Date = new Date()): string {
  const target = freeName(`${file}.damaged-${now.toISOString().replace(/[:.]/g, '-')}`);
  fs.renameSync(file, target);
  for (const side of ['-wal', '-shm', '-journal']) {
    if (fs.existsSync(`${file}${side}`)) fs.renameSync(`${file}${side}`, `${target}${side}`);
  }
  return target;
}

/** Backups of this library (rolling copies in the `backups` folder beside it, and the pre-migration copies next to it), newest first. */
export function listBackups(file: string): BackupInfo[] {
  return listBackupFiles(file);
}

/**
 * At start-up, with no connection open: puts a copy of `backup` at `file` (after the damaged
 * file was set aside). Refuses to overwrite a library that is still there, and a backup that is
 * itself damaged. The copy is written under a temporary name, synced, then renamed into place,
 * so a crash half-way leaves no half library. -wal/-shm left without their file (they would be
 * replayed onto the restored copy) are set aside first. A backup of an older schema is migrated
 * when the library is then opened (`openLibrary`, which keeps a copy before migrating).
 */
export function restoreBackupFile(file: string, backup: string): void {
  if ((sizeOf(file) ?? 0) > 0) throw new Error(`The library ${file} is still there: set it aside before restoring a backup over it.`);
  if (!fs.statSync(backup).isFile()) throw new Error(`The backup ${backup} is not a file.`);
  const check = checkLibraryFile(backup);
  if (!check.ok) throw new Error(`The backup ${path.basename(backup)} is damaged too: ${check.reason}`);
  if (fs.existsSync(`${file}-wal`) || fs.existsSync(`${file}-shm`) || fs.existsSync(`${file}-journal`) || fs.existsSync(file)) {
    // an empty library file, or a WAL without its file: set aside with the same words as damage
    const stray = freeName(`${file}.stray-${new Date().toISOString().replace(/[:.]/g, '-')}`);
    if (fs.existsSync(file)) fs.renameSync(file, stray);
    for (const side of ['-wal', '-shm', '-journal']) {
      if (fs.existsSync(`${file}${side}`)) fs.renameSync(`${file}${side}`, `${stray}${side}`);
    }
  }
  const temp = `${file}.restoring-${process.pid}`;
  try {
    fs.copyFileSync(backup, temp);
    syncFile(temp);
    fs.renameSync(temp, file);
  } finally {
    fs.rmSync(temp, { force: true });
  }
}
