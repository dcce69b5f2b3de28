/**
 * What the shell tells the user at start-up (native dialogs in the desktop app, the terminal
 * for `npm run web`), in the system's language: Russian for ru* locales, English otherwise.
 * Plain words, never raw SQLite text.
 */

export type ShellLanguage = 'ru' | 'en';

export type DiskProblem = 'read-only' | 'full' | 'permission' | 'io';

export interface ShellMessages {
  title: string;
  ok: string;
  newer(file: string): string;
  damaged(p: { file: string; folder: string; backupTime: string | null }): string;
  restoreBackup(time: string): string;
  startEmpty: string;
  quit: string;
  restored(p: { backupTime: string; aside: string }): string;
  startedEmpty(p: { aside: string }): string;
  disk(problem: DiskProblem, file: string): string;
  failed(file: string, detail: string): string;
  stillDamaged(file: string): string;
  /** `npm run web` without a terminal to ask in. */
  recoverHint: string;
  noBackupToRestore: string;
  pickNumber: string;
  portInUse(port: number): string;
  migrated(backup: string): string;
  running(url: string, file: string): string;
  stopHint: string;
}

const en: ShellMessages = {
  title: 'Lanemap',
  ok: 'OK',
  newer: (file) =>
    `This library was saved by a newer version of Lanemap, so this version cannot open it; it has not been changed. Install the newer Lanemap to open it (${file}).`,
  damaged: ({ file, folder, backupTime }) =>
    `The library file is damaged and cannot be opened safely (${file}). It will be kept aside, untouched, in ${folder}. ` +
    (backupTime
      ? `You can restore the newest backup, saved ${backupTime}, or start an empty library.`
      : 'There is no backup to restore: you can start an empty library.'),
  restoreBackup: (time) => `Restore the backup of ${time}`,
  startEmpty: 'Start an empty library',
  quit: 'Quit',
  restored: ({ backupTime, aside }) => `The library was restored from the backup of ${backupTime}. The damaged file is kept at ${aside}.`,
  startedEmpty: ({ aside }) => `Lanemap started with an empty library. The damaged file is kept at ${aside}.`,
  disk: (problem, file) =>
    ({
      'read-only': `Lanemap cannot save to its library because the file or its folder is read-only (${file}): allow writing there and start Lanemap again.`,
      full: `The disk that holds the library is full (${file}): free some space and start Lanemap again.`,
      permission: `Lanemap is not allowed to open or create its library file (${file}): check that you may write to its folder and start Lanemap again.`,
      io: `The disk could not read or write the library file (${file}): check the disk and start Lanemap again.`,
    })[problem],
  failed: (file, detail) => `Lanemap could not open its library (${file}). Details: ${detail}`,
  stillDamaged: (file) =>
    `The library file is still damaged after the recovery (${file}), so Lanemap stops here. The damaged file it set aside is kept as it was.`,
  recoverHint:
    'To choose without a terminal, start again with LANEMAP_RECOVER=backup (restore the newest backup) or LANEMAP_RECOVER=empty (start an empty library).',
  noBackupToRestore: 'There is no backup to restore.',
  pickNumber: 'Type a number and press Enter: ',
  portInUse: (port) => `Port ${port} is already in use (is Lanemap already running?). Start with PORT=<another number> to use another port.`,
  migrated: (backup) => `The library was updated for this version of Lanemap; a copy of it as it was is kept at ${backup}.`,
  running: (url, file) => `Lanemap is running at ${url}  (library: ${file})`,
  stopHint: 'Press Ctrl+C to stop.',
};

const ru: ShellMessages = {
  title: 'Lanemap',
  ok: 'ОК',
  newer: (file) =>
    `Эта библиотека сохранена более новой версией Lanemap, и эта версия не может её открыть; файл не изменён. Установите новую версию Lanemap, чтобы открыть его (${file}).`,
  damaged: ({ file, folder, backupTime }) =>
    `Файл библиотеки повреждён, и открыть его безопасно нельзя (${file}). Он будет сохранён нетронутым в папке ${folder}. ` +
    (backupTime
      ? `Можно восстановить последнюю резервную копию от ${backupTime} или начать с пустой библиотеки.`
      : 'Резервной копии нет: можно начать с пустой библиотеки.'),
  restoreBackup: (time) => `Восстановить копию от ${time}`,
  startEmpty: 'Начать с пустой библиотеки',
  quit: 'Выйти',
  restored: ({ backupTime, aside }) => `Библиотека восстановлена из резервной копии от ${backupTime}. Повреждённый файл сохранён: ${aside}.`,
  startedEmpty: ({ aside }) => `Lanemap открыт с пустой библиотекой. Повреждённый файл сохранён: ${aside}.`,
  disk: (problem, file) =>
    ({
      'read-only': `Lanemap не может сохранять библиотеку: файл или его папка доступны только для чтения (${file}). Разрешите запись и запустите Lanemap снова.`,
      full: `Диск с библиотекой заполнен (${file}): освободите место и запустите Lanemap снова.`,
      permission: `Lanemap не может открыть или создать файл библиотеки (${file}): проверьте права на запись в его папку и запустите Lanemap снова.`,
      io: `Диск не смог прочитать или записать файл библиотеки (${file}): проверьте диск и запустите Lanemap снова.`,
    })[problem],
  failed: (file, detail) => `Lanemap не смог открыть библиотеку (${file}). Подробности: ${detail}`,
  stillDamaged: (file) =>
    `Файл библиотеки повреждён и после восстановления (${file}), поэтому Lanemap останавливается. Отложенный повреждённый файл сохранён как был.`,
  recoverHint:
    'Чтобы выбрать без терминала, запустите снова с LANEMAP_RECOVER=backup (восстановить последнюю резервную копию) или LANEMAP_RECOVER=empty (начать с пустой библиотеки).',
  noBackupToRestore: 'Резервной копии для восстановления нет.',
  pickNumber: 'Введите номер и нажмите Enter: ',
  portInUse: (port) => `Порт ${port} уже занят (возможно, Lanemap уже запущен). Запустите с PORT=<другой номер>, чтобы выбрать другой порт.`,
  migrated: (backup) => `Библиотека обновлена для этой версии Lanemap; копия в прежнем виде сохранена: ${backup}.`,
  running: (url, file) => `Lanemap работает по адресу ${url}  (библиотека: ${file})`,
  stopHint: 'Чтобы остановить, нажмите Ctrl+C.',
};

export function shellMessages(language: ShellLanguage): ShellMessages {
  return language === 'ru' ? ru : en;
}

/** A backup's time for a person: "12 Mar 2025, 14:05" / «12 мар. 2025 г., 14:05». */
export function formatBackupTime(iso: string, language: ShellLanguage): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language === 'ru' ? 'ru-RU' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
