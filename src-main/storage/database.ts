/**
 * Opens the library file: WAL, foreign keys, and numbered migrations in a transaction, with a
 * copy of the file taken before any migration touches an existing library.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { MIGRATIONS, type Migration } from './migrations';

export type Db = Database.Database;

export interface OpenResult {
  db: Db;
  /** Path of the copy made before migrating, if one was needed. */
  backupPath: string | null;
  /** True when the file was new (schema version 0 before opening). */
  created: boolean;
}

/** The library cannot be opened: `kind` says why (the start-up tells the user), `cause` is SQLite's error. */
export class LibraryError extends Error {
  readonly kind: 'cannot-open' | 'newer' | 'migration';
  // no parameter property: Node's type stripping (the CLI, a team server) refuses them
  constructor(message: string, kind: 'cannot-open' | 'newer' | 'migration', cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.kind = kind;
  }
}

/** How long a write waits for another process's write to finish before giving up. */
export const BUSY_TIMEOUT_MS = 15_000;

/**
 * Runs `fn`, again while SQLite says the file is busy (up to the busy time-out): switching a new
 * file to WAL needs a lock that SQLite does not wait for by itself when another process is
 * creating the same library at the same moment.
 */
function whenNotBusy<T>(fn: () => T): T {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      return fn();
    } catch (e) {
      if (!String((e as { code?: unknown }).code).startsWith('SQLITE_BUSY') || Date.now() > deadline) throw e;
      Atomics.wait(pause, 0, 0, 10 + Math.random() * 20);
    }
  }
}

/** Opens (creating if needed) and migrates the library at `file`. */
export function openLibrary(file: string, migrations: Migration[] = MIGRATIONS): OpenResult {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const existed = fs.existsSync(file) && fs.statSync(file).size > 0;
  let db: Db | undefined;
  try {
    // a second process on the same file (the desktop app and `npm run web`) waits for the lock
    db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
    whenNotBusy(() => db!.pragma('journal_mode = WAL'));
  } catch (e) {
    db?.close();
    throw new LibraryError(`Cannot open the library file ${file}: ${(e as Error).message}`, 'cannot-open', e);
  }
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  const current = db.pragma('user_version', { simple: true }) as number;
  const target = Math.max(0, ...migrations.map((m) => m.version));
  if (current > target) {
    db.close();
    throw new LibraryError(
      `The library file ${file} was written by a newer Lanemap (schema ${current}, this one knows ${target}). Update Lanemap to open it.`,
      'newer',
    );
  }
  let backupPath: string | null = null;
  if (current < target && existed) {
    backupPath = `${file}.before-v${target}-${new Date().toISOString().replace(/[:.]/g, '-')}.bak`;
    // two processes starting at once may both want the copy: the first one's is enough
    if (!fs.existsSync(backupPath)) db.prepare('VACUUM INTO ?').run(backupPath);
  }
  const open = db;
  try {
    for (const m of migrations.filter((m) => m.version > current).sort((a, b) => a.version - b.version)) {
      if (m.rebuildsTables) open.pragma('foreign_keys = OFF');
      try {
        // immediate: the write lock first, then the version is read again, so two processes
        // starting at once run each migration once (the second finds it done)
        open
          .transaction(() => {
            if ((open.pragma('user_version', { simple: true }) as number) >= m.version) return;
            open.exec(m.sql);
            const broken = open.pragma('foreign_key_check') as unknown[];
            if (broken.length > 0) throw new Error(`${broken.length} row(s) would refer to missing rows`);
            open.pragma(`user_version = ${m.version}`);
          })
          .immediate();
      } finally {
        if (m.rebuildsTables) open.pragma('foreign_keys = ON');
      }
    }
  } catch (e) {
    open.close();
    const kept = backupPath ? ` The library as it was is kept in ${backupPath}.` : '';
    throw new LibraryError(`Could not update the library file ${file}: ${(e as Error).message}.${kept}`, 'migration', e);
  }
  return { db, backupPath, created: current === 0 };
}
