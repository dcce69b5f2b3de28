/**
 * The backups in Settings: list them, take one now, restore one. A restore names a backup by
 * the path `backups:list` gave; anything that is not exactly one of the listed copies (another
 * file, a path with `..`, a copy deleted meanwhile) is refused, so no caller can make Lanemap
 * read an arbitrary file into the library.
 */
import path from 'node:path';
import type { BackupSummary, CallInput, CallResults } from '../../shared/contract';
import { backupsFolder, type BackupInfo } from '../storage/backupFiles';
import { BackupError, backupSchedulerFor } from '../storage/backups';
import type { Db } from '../storage/database';

function summary(b: BackupInfo): BackupSummary {
  return { path: b.path, name: path.basename(b.path), createdAt: b.createdAt, size: b.size, kind: b.kind };
}

export function createBackupServices(
  db: Db,
  file: string,
  clock?: () => string,
): {
  'backups:list': (input: CallInput<'backups:list'>) => CallResults['backups:list'];
  'backups:create': (input: CallInput<'backups:create'>) => CallResults['backups:create'];
  'backups:restore': (input: CallInput<'backups:restore'>) => CallResults['backups:restore'];
} {
  // an in-memory library (some tests) has no folder to keep copies in
  const scheduler = db.memory ? null : backupSchedulerFor(db, path.resolve(file), clock && (() => new Date(clock())));
  const folder = backupsFolder(path.resolve(file));
  const none = () => new BackupError('unknown', 'This library is not kept in a file, so it has no backups.');
  return {
    'backups:list': () => ({ libraryFile: path.resolve(file), folder, backups: (scheduler?.list() ?? []).map(summary) }),
    'backups:create': () => {
      if (!scheduler) throw none();
      return summary(scheduler.backupNow());
    },
    'backups:restore': ({ path: wanted }) => {
      if (!scheduler) throw none();
      const backup = scheduler.list().find((b) => b.path === wanted);
      if (!backup) throw new BackupError('unknown', 'That backup is not one of this library’s (it may have been deleted).');
      const safetyCopy = scheduler.restore(backup.path);
      return { restored: summary(backup), safetyCopy: summary(safetyCopy) };
    },
  };
}
