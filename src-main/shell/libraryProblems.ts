/**
 * What went wrong when opening the library, in the terms the user is told: a newer library, a
 * damaged file, a disk problem, or something else. Reads SQLite's and Node's error codes
 * (through `cause` chains) and, where a wrapper dropped the code, the known SQLite phrases.
 */
import fs from 'node:fs';
import type { DiskProblem } from './messages';

export type LibraryProblem = { kind: 'newer' } | { kind: 'damaged' } | { kind: 'disk'; problem: DiskProblem } | { kind: 'other'; detail: string };

const CODES: [RegExp, LibraryProblem][] = [
  [/^SQLITE_(CORRUPT|NOTADB)/, { kind: 'damaged' }],
  [/^(SQLITE_READONLY|EROFS$)/, { kind: 'disk', problem: 'read-only' }],
  [/^(SQLITE_FULL|ENOSPC$|EDQUOT$)/, { kind: 'disk', problem: 'full' }],
  [/^(SQLITE_CANTOPEN|SQLITE_PERM|SQLITE_AUTH|EACCES$|EPERM$)/, { kind: 'disk', problem: 'permission' }],
  [/^(SQLITE_IOERR|EIO$)/, { kind: 'disk', problem: 'io' }],
];

const PHRASES: [RegExp, LibraryProblem][] = [
  [/newer Lanemap/i, { kind: 'newer' }],
  [/file is not a database|database disk image is malformed|malformed database/i, { kind: 'damaged' }],
  [/readonly database|read-only file ?system|\bEROFS\b/i, { kind: 'disk', problem: 'read-only' }],
  [/database or disk is full|no space left|\bENOSPC\b|\bEDQUOT\b/i, { kind: 'disk', problem: 'full' }],
  [/unable to open database file|permission denied|operation not permitted|\bEACCES\b|\bEPERM\b/i, { kind: 'disk', problem: 'permission' }],
  [/disk I\/O error|\bEIO\b/i, { kind: 'disk', problem: 'io' }],
];

function chain(e: unknown): { code?: unknown; message?: unknown; kind?: unknown }[] {
  const out: { code?: unknown; message?: unknown; kind?: unknown }[] = [];
  let cur: unknown = e;
  while (cur !== null && typeof cur === 'object' && out.length < 8) {
    out.push(cur);
    cur = (cur as { cause?: unknown }).cause;
  }
  return out;
}

/** Sorts an error thrown while opening, checking, restoring or seeding the library. */
export function classifyLibraryError(e: unknown): LibraryProblem {
  const links = chain(e);
  if (links.some((l) => l.kind === 'newer')) return { kind: 'newer' };
  for (const link of links) {
    if (typeof link.code !== 'string') continue;
    const hit = CODES.find(([re]) => re.test(link.code as string));
    if (hit) return hit[1];
  }
  for (const link of links) {
    if (typeof link.message !== 'string') continue;
    const hit = PHRASES.find(([re]) => re.test(link.message as string));
    if (hit) return hit[1];
  }
  return { kind: 'other', detail: e instanceof Error ? e.message : String(e) };
}

/**
 * The schema version in an existing library's header (`PRAGMA user_version`, bytes 60-63),
 * read without SQLite so a library from a newer Lanemap is refused before anything opens it
 * for writing. Null when there is no file, it is empty, or it is not an SQLite file.
 */
export function readSchemaVersion(file: string): number | null {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const header = Buffer.alloc(100);
    const read = fs.readSync(fd, header, 0, 100, 0);
    if (read < 100 || header.toString('latin1', 0, 16) !== 'SQLite format 3\0') return null;
    return header.readInt32BE(60);
  } finally {
    fs.closeSync(fd);
  }
}
