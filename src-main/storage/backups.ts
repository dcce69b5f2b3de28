/**
 * Rolling backups of the open library: a `VACUUM INTO` copy in the `backups` folder beside it at
 * most once an hour while editing, one at quit, one on request; old copies pruned (names and
 * retention: backupFiles.ts). A restore replaces the live content in place, in one immediate
 * transaction on the open connection, after backing up the library as it is.
 *
 * Wiring: `maybeBackup()` after each write has committed (never inside a transaction: VACUUM
 * cannot run there), `atQuit()` before the connection closes. `backupSchedulerFor(db, file)`
 * gives every caller on one connection the same scheduler.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { backupFileName, backupsFolder, listBackupFiles, pruneBackupFiles, syncFile, type BackupInfo } from './backupFiles';
import { openLibrary, type Db } from './database';
import { checkLibraryFile } from './recovery';
import { thumbnailWrites } from './thumbnails';

export type { BackupInfo } from './backupFiles';

export const BACKUP_INTERVAL_MS = 60 * 60 * 1000;

/** A backup that cannot be restored: not one of this library's, damaged, or from a newer Lanemap. */
export class BackupError extends Error {
  readonly reason: 'unknown' | 'damaged' | 'newer';
  // no parameter property: Node's type stripping (the CLI, a team server) refuses them
  constructor(reason: 'unknown' | 'damaged' | 'newer', message: string) {
    super(message);
    this.reason = reason;
    this.name = 'BackupError';
  }
}

export interface BackupScheduler {
  /** After a write: a copy if the library changed and the newest copy is an hour old (or none). Never throws. */
  maybeBackup(): BackupInfo | null;
  /** "Back up now": a copy whatever the time of the last one. */
  backupNow(): BackupInfo;
  /** At quit: a copy if anything changed since the last one. Never throws. */
  atQuit(): BackupInfo | null;
  /** The copies of this library, newest first. */
  list(): BackupInfo[];
  /**
   * Puts the content of the listed backup `backupPath` in place of the library's; returns the
   * copy of the library as it was just before (kind 'before-restore').
   */
  restore(backupPath: string): BackupInfo;
}

export interface SchedulerOptions {
  db: Db;
  /** The library file the connection has open. */
  file: string;
  clock?: () => Date;
  intervalMs?: number;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The SQLite connection's count of rows it changed since it opened: what makes a library
 * "changed since the last copy". The library's cached map pictures (thumbnails.ts) are not a change.
 */
function changeCounter(db: Db): () => number {
  // prepared once: it runs after every call
  const statement = db.prepare('SELECT total_changes()').pluck();
  return () => (statement.get() as number) - thumbnailWrites(db);
}

export function createBackupScheduler({ db, file, clock = () => new Date(), intervalMs = BACKUP_INTERVAL_MS }: SchedulerOptions): BackupScheduler {
  const folder = backupsFolder(file);
  const changesOf = changeCounter(db);
  // the library as of the last copy this connection made (or as it was opened)
  let changesAtLastCopy = changesOf();
  // when the newest rolling copy was taken; read from the folder (other processes' copies count)
  let lastCopyAt: number | null | undefined;

  const newestRollingCopy = (): number | null => {
    // a copy taken by hand counts too: the library was copied then
    const newest = listBackupFiles(file).find((b) => b.kind === 'hourly' || b.kind === 'daily' || b.kind === 'manual');
    return newest ? Date.parse(newest.createdAt) : null;
  };

  /** A consistent copy under a temporary name, synced, then renamed: never a half copy under a backup's name. */
  const take = (kind: 'rolling' | 'manual' | 'before-restore'): BackupInfo => {
    if (db.inTransaction) throw new Error('A backup cannot be taken inside a transaction.');
    fs.mkdirSync(folder, { recursive: true });
    const now = clock();
    const changes = changesOf();
    const partial = path.join(folder, `.partial-${process.pid}-${now.getTime()}.sqlite`);
    try {
      db.prepare('VACUUM INTO ?').run(partial);
      syncFile(partial);
      for (let n = 1; ; n++) {
        const target = path.join(folder, backupFileName(file, now, kind, n));
        if (fs.existsSync(target)) continue;
        if (!placeCopy(partial, target)) continue;
        if (kind !== 'before-restore') {
          changesAtLastCopy = changes;
          lastCopyAt = now.getTime();
        }
        pruneBackupFiles(file);
        const size = fs.statSync(target).size;
        return {
          path: target,
          createdAt: new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString(),
          size,
          kind: kind === 'rolling' ? 'hourly' : kind,
        };
      }
    } finally {
      fs.rmSync(partial, { force: true });
    }
  };

  const quietly = (what: string, fn: () => BackupInfo | null): BackupInfo | null => {
    try {
      return fn();
    } catch (e) {
      // the edit itself is stored; a copy that failed (disk full…) is tried again at the next one
      console.warn(`[lanemap] ${what} failed:`, (e as Error).message);
      return null;
    }
  };

  const due = (now: number): boolean => {
    if (lastCopyAt === undefined) lastCopyAt = newestRollingCopy();
    // a clock set back past the newest copy would otherwise stop copies until it catches up
    const recent = (at: number | null) => at !== null && at <= now + 60_000 && now - at < intervalMs;
    if (recent(lastCopyAt)) return false;
    // another Lanemap on the same library may have taken one meanwhile
    lastCopyAt = newestRollingCopy();
    return !recent(lastCopyAt);
  };

  const list = () => listBackupFiles(file);

  const restore = (backupPath: string): BackupInfo => {
    const backup = list().find((b) => b.path === backupPath);
    if (!backup) throw new BackupError('unknown', 'That backup is not one of this library’s (it may have been deleted).');
    const check = checkLibraryFile(backup.path);
    if (!check.ok) throw new BackupError('damaged', `The backup of ${backup.createdAt} is damaged and cannot be restored: ${check.reason}`);
    const current = db.pragma('user_version', { simple: true }) as number;
    // work on a copy: the backup itself stays exactly as it is, and an older one is migrated here
    fs.mkdirSync(folder, { recursive: true });
    const source = path.join(folder, `.restoring-${process.pid}-${Date.now()}.sqlite`);
    const leftovers = () => {
      for (const name of fs.readdirSync(folder)) {
        if (name.startsWith(path.basename(source))) fs.rmSync(path.join(folder, name), { force: true });
      }
    };
    try {
      fs.copyFileSync(backup.path, source);
      const version = readVersion(source);
      if (version > current) throw new BackupError('newer', `The backup of ${backup.createdAt} was written by a newer Lanemap and cannot be restored here.`);
      if (version === 0) throw new BackupError('damaged', `The backup of ${backup.createdAt} holds no library.`);
      if (version < current) openLibrary(source).db.close();
      const before = take('before-restore');
      copyContent(db, source);
      return before;
    } finally {
      leftovers();
    }
  };

  return {
    maybeBackup: () =>
      quietly('A backup', () => {
        if (db.inTransaction || changesOf() === changesAtLastCopy) return null;
        return due(clock().getTime()) ? take('rolling') : null;
      }),
    backupNow: () => take('manual'),
    atQuit: () => quietly('The backup at quit', () => (changesOf() === changesAtLastCopy ? null : take('rolling'))),
    list,
    restore,
  };
}

/**
 * Gives the finished copy its name. A hard link fails rather than replace a copy another
 * Lanemap made in the same second; where the file system has no hard links (FAT), a rename.
 */
function placeCopy(partial: string, target: string): boolean {
  try {
    fs.linkSync(partial, target);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    if (fs.existsSync(target)) return false;
    fs.renameSync(partial, target);
    return true;
  }
}

function readVersion(file: string): number {
  const db = new Database(file, { fileMustExist: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
}

interface Table {
  name: string;
  columns: string[];
  parents: string[];
}

/** The ordinary tables of a schema, their plain columns (no generated ones) and the tables their foreign keys point to. */
function tablesOf(db: Db, schema: 'main' | 'restore_source'): Map<string, Table> {
  const tables = new Map<string, Table>();
  const names = db
    .prepare(`SELECT name FROM pragma_table_list WHERE schema = ? AND type = 'table' AND (name NOT LIKE 'sqlite\\_%' ESCAPE '\\' OR name = 'sqlite_sequence')`)
    .pluck()
    .all(schema) as string[];
  for (const name of names) {
    const columns = db.prepare('SELECT name FROM pragma_table_xinfo(?, ?) WHERE hidden = 0').pluck().all(name, schema) as string[];
    const parents = db.prepare('SELECT DISTINCT "table" FROM pragma_foreign_key_list(?, ?)').pluck().all(name, schema) as string[];
    tables.set(name, { name, columns, parents: parents.filter((p) => p !== name) });
  }
  return tables;
}

/** Parents before children, so that rules checked on insert (triggers) find what they refer to. */
function parentsFirst(tables: Map<string, Table>): Table[] {
  const ordered: Table[] = [];
  const placed = new Set<string>();
  const visit = (t: Table, path: Set<string>) => {
    if (placed.has(t.name) || path.has(t.name)) return;
    path.add(t.name);
    for (const p of t.parents) {
      const parent = tables.get(p);
      if (parent) visit(parent, path);
    }
    placed.add(t.name);
    ordered.push(t);
  };
  for (const t of tables.values()) visit(t, new Set());
  return ordered;
}

/**
 * Replaces every row of the open library with the rows of `source` (same schema version), in
 * ONE immediate transaction, so the services' connection stays valid and another Lanemap never
 * sees half a library. Tables are copied generically (the tables and columns both have), so
 * tables added by later migrations come along; foreign keys are checked at commit.
 *
 * The library's triggers (rules checked row by row, clean-ups on delete) are dropped for the
 * copy and created again before it commits: the backup's rows were written under the same
 * rules (an older backup was migrated first), and row-by-row rules cannot be met by a bulk copy
 * in any one table order (a reply before its thread, a comment before its step).
 *
 * Every map's revision ends above any revision an editor can hold, so an editor still open on
 * a map sees that it was written meanwhile and reloads it.
 */
/** Tables a restore leaves as they are: the settings (interface language, the author's name). */
const KEPT_ON_RESTORE = new Set(['settings']);

function copyContent(db: Db, source: string): void {
  db.prepare('ATTACH DATABASE ? AS restore_source').run(source);
  try {
    const target = tablesOf(db, 'main');
    const from = tablesOf(db, 'restore_source');
    // the user's preferences (language, name) are theirs, not the library's past: they stay
    const order = parentsFirst(target).filter((t) => !KEPT_ON_RESTORE.has(t.name));
    const hasRevision = target.get('maps')?.columns.includes('revision') && from.get('maps')?.columns.includes('revision');
    db.transaction(() => {
      db.pragma('defer_foreign_keys = ON');
      const triggers = db.prepare("SELECT name, sql FROM main.sqlite_master WHERE type = 'trigger' AND sql IS NOT NULL").all() as {
        name: string;
        sql: string;
      }[];
      for (const t of triggers) db.prepare(`DROP TRIGGER main.${quote(t.name)}`).run();
      const bump = hasRevision ? ((db.prepare('SELECT COALESCE(MAX(revision), 0) + 1 FROM main.maps').pluck().get() as number) ?? 1) : 0;
      for (const t of [...order].reverse()) db.prepare(`DELETE FROM main.${quote(t.name)}`).run();
      for (const t of order) {
        const other = from.get(t.name);
        if (!other) continue;
        const columns = t.columns
          .filter((c) => other.columns.includes(c))
          .map(quote)
          .join(', ');
        if (!columns) continue;
        db.prepare(`INSERT INTO main.${quote(t.name)} (${columns}) SELECT ${columns} FROM restore_source.${quote(t.name)}`).run();
      }
      if (hasRevision) db.prepare('UPDATE main.maps SET revision = revision + ?').run(bump);
      for (const t of triggers) db.exec(t.sql);
      const broken = db.pragma('main.foreign_key_check') as unknown[];
      if (broken.length > 0) throw new BackupError('damaged', `The backup refers to ${broken.length} missing row(s) and cannot be restored.`);
    }).immediate();
  } finally {
    db.prepare('DETACH DATABASE restore_source').run();
  }
}

const schedulers = new WeakMap<Db, BackupScheduler>();

/**
 * The one scheduler of a connection, so that the services (`maybeBackup`, the Settings calls)
 * and the shell (`atQuit`) share what "changed since the last copy" means.
 */
export function backupSchedulerFor(db: Db, file: string, clock?: () => Date): BackupScheduler {
  let s = schedulers.get(db);
  if (!s) schedulers.set(db, (s = createBackupScheduler({ db, file, clock })));
  return s;
}
