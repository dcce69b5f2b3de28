/**
 * Start-up: open the library, and when that cannot be done tell the user in plain words what
 * is wrong and what happens next. Shared by the desktop app (native dialogs) and `npm run web`
 * (the terminal): only the `StartupUi` differs.
 *
 * - A library from a newer Lanemap: say so and quit; nothing is written to it.
 * - A damaged library (SQLite's quick_check fails): say so, keep it aside untouched, and offer
 *   the newest sound backup, an empty library, or quitting.
 * - A disk problem (read-only, full, no permission, I/O): one sentence, never SQLite's text.
 * - Seeding the sample map runs under the same protection: a failure there is told, not a
 *   silent death before any window exists.
 */
import { openLibrary, type Db, type OpenResult } from '../storage/database';
import { checkLibraryFile, clearSuspect, listBackups, restoreBackupFile, setAsideDamaged, type BackupInfo, type LibraryCheck } from '../storage/recovery';
import { MIGRATIONS } from '../storage/migrations';
import { seedLibrary } from '../services/library';
import { classifyLibraryError, readSchemaVersion, type LibraryProblem } from './libraryProblems';
import { formatBackupTime, shellMessages, type ShellLanguage } from './messages';
import path from 'node:path';

export type RecoveryChoice = 'restore' | 'empty' | 'quit';

/** How the shell talks to the user: native dialogs (Electron) or the terminal (`npm run web`). */
export interface StartupUi {
  /** Shows a message and resolves once the user has read it (or at once, in a terminal). */
  tell(message: string, tone: 'error' | 'info'): Promise<void>;
  /** Asks the user to pick one option; resolves with its id ('quit' when they cannot answer). */
  choose(message: string, options: { id: RecoveryChoice; label: string }[]): Promise<RecoveryChoice>;
}

/** The storage functions start-up uses; tests replace some of them to stage disk failures. */
export interface StartupStorage {
  open(file: string): OpenResult;
  seed(db: Db, language: ShellLanguage): void;
  check(file: string): LibraryCheck;
  setAside(file: string, now: Date): string;
  listBackups(file: string): BackupInfo[];
  restore(file: string, backup: string): void;
  /** The newest schema this Lanemap knows. */
  schemaVersion: number;
}

export const defaultStorage: StartupStorage = {
  open: (file) => openLibrary(file),
  seed: (db, language) => seedLibrary(db, undefined, language),
  check: checkLibraryFile,
  setAside: setAsideDamaged,
  listBackups,
  restore: restoreBackupFile,
  schemaVersion: Math.max(0, ...MIGRATIONS.map((m) => m.version)),
};

export interface StartLibraryOptions {
  dataFile: string;
  language: ShellLanguage;
  ui: StartupUi;
  storage?: Partial<StartupStorage>;
  now?: () => Date;
}

export type StartLibraryResult =
  { ok: true; db: Db; dataFile: string; /** the copy openLibrary kept before migrating */ migrationBackup: string | null } | { ok: false; exitCode: number };

/** Opens the library for the app, talking to the user about anything that goes wrong. */
export async function startLibrary(opts: StartLibraryOptions): Promise<StartLibraryResult> {
  const storage: StartupStorage = { ...defaultStorage, ...opts.storage };
  const { dataFile: file, language, ui } = opts;
  const say = shellMessages(language);
  const now = opts.now ?? (() => new Date());

  /** Tells the user what went wrong and gives up; the library file is left as it is. */
  const fail = async (problem: LibraryProblem): Promise<StartLibraryResult> => {
    const message =
      problem.kind === 'newer'
        ? say.newer(file)
        : problem.kind === 'disk'
          ? say.disk(problem.problem, file)
          : problem.kind === 'damaged'
            ? // damaged again after a recovery: nothing more to offer than the plain fact
              say.stillDamaged(file)
            : say.failed(file, problem.detail);
    await ui.tell(message, 'error');
    return { ok: false, exitCode: 1 };
  };

  /** Opens and (unless restored from a backup) seeds; any failure is classified, never thrown. */
  const openAndSeed = (seed: boolean): { ok: true; result: OpenResult } | { ok: false; problem: LibraryProblem } => {
    let opened: OpenResult;
    try {
      opened = storage.open(file);
    } catch (e) {
      return { ok: false, problem: classifyLibraryError(e) };
    }
    if (!seed) return { ok: true, result: opened };
    try {
      storage.seed(opened.db, language);
    } catch (e) {
      try {
        opened.db.close();
      } catch {
        // already closed by the failure
      }
      return { ok: false, problem: classifyLibraryError(e) };
    }
    return { ok: true, result: opened };
  };

  const success = (opened: OpenResult): StartLibraryResult => {
    // a library found damaged while Lanemap ran was checked thoroughly (or replaced) on the way here
    clearSuspect(file);
    return { ok: true, db: opened.db, dataFile: file, migrationBackup: opened.backupPath };
  };

  // a newer library is refused before anything opens it for writing
  const version = readSchemaVersion(file);
  if (version !== null && version > storage.schemaVersion) return fail({ kind: 'newer' });

  let check: LibraryCheck;
  try {
    check = storage.check(file);
  } catch (e) {
    return fail(classifyLibraryError(e));
  }
  if (check.ok) {
    const first = openAndSeed(true);
    if (first.ok) return success(first.result);
    // damage the quick check could not see (it shows while migrating): the same recovery
    if (first.problem.kind !== 'damaged') return fail(first.problem);
  }
  return recoverDamaged();

  async function recoverDamaged(): Promise<StartLibraryResult> {
    let backup: BackupInfo | undefined;
    try {
      // the newest copy that is itself sound: offering a damaged one would only fail again
      backup = storage.listBackups(file).find((b) => storage.check(b.path).ok);
    } catch {
      backup = undefined;
    }
    const backupTime = backup ? formatBackupTime(backup.createdAt, language) : null;
    const options: { id: RecoveryChoice; label: string }[] = [];
    if (backup && backupTime) options.push({ id: 'restore', label: say.restoreBackup(backupTime) });
    options.push({ id: 'empty', label: say.startEmpty }, { id: 'quit', label: say.quit });
    const choice = await ui.choose(say.damaged({ file, folder: path.dirname(file), backupTime }), options);
    if (choice === 'quit' || (choice === 'restore' && !backup)) return { ok: false, exitCode: 1 };

    let aside: string;
    try {
      aside = storage.setAside(file, now());
      if (choice === 'restore' && backup) storage.restore(file, backup.path);
    } catch (e) {
      return fail(classifyLibraryError(e));
    }
    const opened = openAndSeed(choice === 'empty');
    if (!opened.ok) return fail(opened.problem);
    await ui.tell(choice === 'restore' && backupTime ? say.restored({ backupTime, aside }) : say.startedEmpty({ aside }), 'info');
    return success(opened.result);
  }
}
