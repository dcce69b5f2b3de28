/**
 * Failures of the library file or its disk, as the user should hear them: one plain sentence
 * by what happened (read-only, full, failing, damaged, held by another Lanemap), never the
 * text of SQLite or of the file system. The renderer says the same in the user's language by
 * the code (src-renderer/i18n/errors.ts).
 */
import type { DiskErrorCode } from '../../shared/contract';

const SENTENCES: Record<DiskErrorCode, string> = {
  'read-only': 'The library file cannot be written: it or its folder is read-only, so the change was not stored.',
  'disk-full': 'The disk is full, so the change was not stored. Free some space and try again.',
  'disk-error': 'The disk could not read or write the library file, so the change was not stored.',
  damaged: 'The library file is damaged. Restart Lanemap to restore it from a backup.',
  'library-busy': 'Another Lanemap kept the library busy for too long. Try again in a moment.',
  'file-not-saved': 'The file could not be written there: the folder is read-only or not allowed, or the disk is full. Choose another place.',
};

/** SQLite's (extended) result codes and Node's file-system codes, by what they mean for the user. */
function codeOf(code: string): DiskErrorCode | null {
  if (/^SQLITE_(READONLY|PERM)/.test(code) || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return 'read-only';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return 'disk-full';
  if (/^SQLITE_(CORRUPT|NOTADB)/.test(code)) return 'damaged';
  if (/^SQLITE_(IOERR|CANTOPEN)/.test(code) || code === 'EIO') return 'disk-error';
  if (/^SQLITE_(BUSY|LOCKED)/.test(code)) return 'library-busy';
  return null;
}

/** The code and sentence for an error of the library's disk, or null for any other error. */
export function diskFailure(e: unknown): { code: DiskErrorCode; message: string } | null {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  const disk = codeOf(code);
  return disk ? { code: disk, message: SENTENCES[disk] } : null;
}

/**
 * An exported file the desktop app could not write where the user chose (save dialog): one
 * sentence about that file, not about the library; null for an error that is not the disk's.
 */
export function fileSaveFailure(e: unknown): { code: 'file-not-saved'; message: string } | null {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !['EROFS', 'EACCES', 'EPERM', 'ENOSPC', 'EDQUOT', 'EIO', 'EISDIR', 'ENOENT', 'ENOTDIR', 'ENAMETOOLONG'].includes(code))
    return null;
  return { code: 'file-not-saved', message: SENTENCES['file-not-saved'] };
}
