/**
 * The copies of a library on disk: where they are, how they are named, which of them are
 * kept. Shared by the start-up recovery (recovery.ts) and the rolling backups (backups.ts).
 *
 * - Rolling copies: `<dir>/backups/<name>-<yyyy-mm-ddThh-mm-ss>.sqlite` (UTC), taken at most
 *   once an hour while editing, and at quit.
 * - By hand ("Back up now"): `<dir>/backups/<name>-<stamp>.manual.sqlite`; the 10 newest are kept.
 * - Before a restore: `<dir>/backups/<name>-<stamp>.before-restore.sqlite`, the library as it
 *   was just before a backup replaced it.
 * - Before a migration: `<file>.before-v<N>-<iso time>.bak` next to the library, written by
 *   `openLibrary` (database.ts) before a newer Lanemap changes the schema.
 * A second copy in the same second gets `-2`, `-3`… after its stamp.
 *
 * Retention (as restic's `--keep-within 1h --keep-hourly 24 --keep-daily 14`): of the rolling
 * copies, every copy of the hour before the newest one is kept (so a "Back up now" is not
 * replaced by the next), then the newest of each of the last 24 clock hours that have a copy
 * ("hourly"), and the newest of each of the last 14 days (UTC) that have a copy ("daily"; the
 * day's last state is the one worth keeping). A copy kept by two rules is listed as hourly. The 10 newest before-restore
 * copies are kept (each restore makes one; someone trying copy after copy would pile them up).
 * Before-migration copies are never deleted automatically: they are rare and the only way back
 * to the Lanemap version that wrote them.
 */
import fs from 'node:fs';
import path from 'node:path';

export type BackupKind = 'hourly' | 'daily' | 'manual' | 'before-migration' | 'before-restore';

export interface BackupInfo {
  path: string;
  /** ISO time the copy was taken (from its name). */
  createdAt: string;
  size: number;
  kind: BackupKind;
}

export const KEEP_HOURLY = 24;
export const KEEP_DAILY = 14;
export const KEEP_BEFORE_RESTORE = 10;
export const KEEP_MANUAL = 10;
const HOUR_MS = 3600_000;

/** The folder of the rolling copies: `backups` beside the library file. */
export function backupsFolder(file: string): string {
  return path.join(path.dirname(file), 'backups');
}

/** "lanemap" for "lanemap.sqlite": the first part of every copy's name. */
function baseName(file: string): string {
  return path.parse(file).name;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** 2026-03-02T10:00:00.000Z -> 2026-03-02T10-00-00 */
export function stampOf(date: Date): string {
  return date.toISOString().slice(0, 19).replace(/:/g, '-');
}

/** The name of a new copy taken at `date`; `n` > 1 for a second copy in the same second. */
export function backupFileName(file: string, date: Date, kind: 'rolling' | 'manual' | 'before-restore', n = 1): string {
  return `${baseName(file)}-${stampOf(date)}${n > 1 ? `-${n}` : ''}${kind === 'rolling' ? '' : `.${kind}`}.sqlite`;
}

interface Found {
  path: string;
  createdAt: string;
  /** Orders copies of the same second. */
  n: number;
  size: number;
  kind: 'rolling' | 'manual' | 'before-restore' | 'before-migration';
}

function sizeOf(p: string): number | null {
  try {
    const st = fs.statSync(p);
    return st.isFile() ? st.size : null;
  } catch {
    return null;
  }
}

function listDir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

/** Every copy of `file` on disk, newest first, before retention sorts them into kinds. */
function findCopies(file: string): Found[] {
  const found: Found[] = [];
  const rolling = new RegExp(
    `^${escapeRe(baseName(file))}-(\\d{4}-\\d\\d-\\d\\dT\\d\\d)-(\\d\\d)-(\\d\\d)(?:-(\\d{1,4}))?(?:\\.(before-restore|manual))?\\.sqlite$`,
  );
  const dir = backupsFolder(file);
  for (const name of listDir(dir)) {
    const m = rolling.exec(name);
    if (!m) continue;
    const createdAt = new Date(`${m[1]}:${m[2]}:${m[3]}.000Z`);
    const size = sizeOf(path.join(dir, name));
    if (Number.isNaN(createdAt.getTime()) || size === null) continue;
    found.push({
      path: path.join(dir, name),
      createdAt: createdAt.toISOString(),
      n: Number(m[4] ?? 1),
      size,
      kind: m[5] === 'before-restore' || m[5] === 'manual' ? m[5] : 'rolling',
    });
  }
  const migration = new RegExp(`^${escapeRe(path.basename(file))}\\.before-v\\d+-(\\d{4}-\\d\\d-\\d\\dT\\d\\d)-(\\d\\d)-(\\d\\d)-(\\d{3})Z\\.bak$`);
  for (const name of listDir(path.dirname(file))) {
    const m = migration.exec(name);
    if (!m) continue;
    const createdAt = new Date(`${m[1]}:${m[2]}:${m[3]}.${m[4]}Z`);
    const size = sizeOf(path.join(path.dirname(file), name));
    if (Number.isNaN(createdAt.getTime()) || size === null) continue;
    found.push({ path: path.join(path.dirname(file), name), createdAt: createdAt.toISOString(), n: 1, size, kind: 'before-migration' });
  }
  return found.sort((a, b) => (a.createdAt === b.createdAt ? b.n - a.n : a.createdAt < b.createdAt ? 1 : -1));
}

/** Sorts the copies into what is kept (with its kind) and what retention lets go. */
function classify(copies: Found[]): { kept: BackupInfo[]; expired: string[] } {
  const kept: BackupInfo[] = [];
  const expired: string[] = [];
  const hours = new Set<string>();
  const days = new Set<string>();
  let beforeRestore = 0;
  let manual = 0;
  let newest: number | undefined;
  // newest first: the first copy met in an hour or a day is that hour's or day's newest
  for (const c of copies) {
    const info = (kind: BackupKind): BackupInfo => ({ path: c.path, createdAt: c.createdAt, size: c.size, kind });
    if (c.kind === 'before-migration') {
      kept.push(info('before-migration'));
      continue;
    }
    if (c.kind === 'before-restore') {
      if (beforeRestore++ < KEEP_BEFORE_RESTORE) kept.push(info('before-restore'));
      else expired.push(c.path);
      continue;
    }
    if (c.kind === 'manual') {
      if (manual++ < KEEP_MANUAL) kept.push(info('manual'));
      else expired.push(c.path);
      continue;
    }
    const hour = c.createdAt.slice(0, 13);
    const day = c.createdAt.slice(0, 10);
    newest ??= Date.parse(c.createdAt);
    const lastHour = newest - Date.parse(c.createdAt) < HOUR_MS;
    const newHour = !hours.has(hour) && hours.size < KEEP_HOURLY;
    const newDay = !days.has(day) && days.size < KEEP_DAILY;
    if (newHour) hours.add(hour);
    if (newDay) days.add(day);
    if (newHour || lastHour) kept.push(info('hourly'));
    else if (newDay) kept.push(info('daily'));
    else expired.push(c.path);
  }
  return { kept, expired };
}

/** The copies of this library that retention keeps, newest first. */
export function listBackupFiles(file: string): BackupInfo[] {
  return classify(findCopies(file)).kept;
}

/** Deletes the rolling and before-restore copies retention no longer keeps; returns their paths. */
export function pruneBackupFiles(file: string): string[] {
  const { expired } = classify(findCopies(file));
  for (const p of expired) {
    try {
      fs.rmSync(p, { force: true });
    } catch {
      // another Lanemap on the same library may be pruning too; the next prune tries again
    }
  }
  return expired;
}

/** Writes `file`'s pending bytes to the disk, so a copy survives a power cut right after. */
export function syncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
