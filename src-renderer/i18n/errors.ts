/**
 * Failures in the user's language. The backend, the edit commands and the layout engine speak
 * English; here their errors become sentences by what failed (the action) and why (the error
 * code, or a known message). In English the original words are kept where they say more.
 */
import type { ImportProblem } from '../../shared/export/lanemapJson';
import { DISK_ERROR_CODES } from '../../shared/contract';
import { ApiError } from '../api';
import { currentLanguage, formatNumber, t } from './index';

/** What the user was doing when it failed (keys of `errors.action`). */
export type FailedAction =
  | 'listMaps'
  | 'createMap'
  | 'renameMap'
  | 'duplicateMap'
  | 'deleteMap'
  | 'openMap'
  | 'readTemplates'
  | 'reloadMap'
  | 'restoreEdits'
  | 'export'
  | 'loadSettings'
  | 'saveSettings'
  | 'listBackups'
  | 'backUp'
  | 'restoreBackup';

/** Failures of the library file or its disk: said in the interface's words in every language, never SQLite's. */
export function isDiskFailure(e: unknown): boolean {
  return e instanceof ApiError && (DISK_ERROR_CODES as readonly string[]).includes(e.code);
}

/** Why a call failed, as a sentence in the interface's language. */
export function failureReason(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  // English screens keep the backend's own words, which name the thing that failed (not the
  // disk's, nor those of a fault inside Lanemap, which are for its log)
  const internal = e instanceof ApiError && e.code === 'internal';
  if (currentLanguage() === 'en' && message.trim() && !isDiskFailure(e) && !internal) return message;
  const code = e instanceof ApiError ? e.code : 'internal';
  return t(`errors.code.${code}`);
}

/** "<what failed>: <why>", e.g. «Не удалось открыть карту: карты больше нет (…)». */
export function describeFailure(action: FailedAction, e: unknown): string {
  return t('errors.withReason', { action: t(`errors.action.${action}`), reason: failureReason(e) });
}

/** A sentence without its final full stop, to be continued. */
export const clause = (s: string) => s.trim().replace(/[.。]$/, '');

/** Edits refused by shared/model/commands.ts, by their (English) message. */
const EDIT_REFUSALS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/cannot flow into itself/i, () => t('errors.edit.selfFlow')],
  [/already connected/i, () => t('errors.edit.alreadyConnected')],
  [/flow no longer exists/i, () => t('errors.edit.flowGone')],
  [/choose another lane/i, () => t('errors.edit.otherLane')],
  [/lane has (\d+) step/i, (m) => t('errors.edit.laneHasSteps', { count: Number(m[1]) })],
  [/^There is no (step|role|phase)/i, () => t('errors.edit.missing')],
];

/** Why an edit command was refused. */
export function describeEditRefusal(message: string): string {
  if (currentLanguage() === 'en') return message;
  for (const [pattern, say] of EDIT_REFUSALS) {
    const m = pattern.exec(message);
    if (m) return say(m);
  }
  return t('errors.editRefused');
}

/** What a tidy-up could not do (shared/layout/layoutMap.ts), by its (English) warning. */
const LAYOUT_WARNINGS: [RegExp, 'notices.tidyOrphans' | 'notices.tidyPinnedClash' | 'notices.tidyUnrouted'][] = [
  [/^(\d+) steps? belongs? to no lane/i, 'notices.tidyOrphans'],
  [/^(\d+) steps? could not be moved clear/i, 'notices.tidyPinnedClash'],
  [/^(\d+) flows? (?:is|are) drawn by the canvas/i, 'notices.tidyUnrouted'],
];

export function describeLayoutWarning(warning: string): string {
  for (const [pattern, key] of LAYOUT_WARNINGS) {
    const m = pattern.exec(warning);
    if (m) return t(key, { count: Number(m[1]) });
  }
  return currentLanguage() === 'en' ? warning : t('notices.tidyWarning');
}

/** Why the `.lanemap.json` file `fileName` was refused (shared/export/lanemapJson.ts). */
export function describeImportProblem(p: ImportProblem, fileName: string): string {
  switch (p.kind) {
    case 'not-text':
      return t('errors.import.notText');
    case 'empty':
      return t('errors.import.empty');
    case 'truncated':
      return t('errors.import.truncated');
    case 'not-json':
      return t('errors.import.notJson');
    case 'not-lanemap':
      return t('errors.import.notLanemap');
    case 'no-version':
      return t('errors.import.noVersion');
    case 'no-map':
      return t('errors.import.noMap');
    case 'too-large':
      return t('errors.import.tooLarge', { name: fileName, limit: formatNumber(p.limitMb) });
    case 'newer':
      return t('errors.import.newer', { version: p.version, reads: p.reads });
    case 'too-many':
      return t(`errors.import.tooMany.${p.part}`, { count: p.count, max: p.max });
    case 'damaged':
      // the detail names fields and rules in English: shown on English screens only
      return currentLanguage() === 'en' ? t('errors.import.damaged', { detail: p.detail }) : t('errors.import.damagedNoDetail');
    case 'duplicate-id':
      return t('errors.import.duplicateId', { id: p.id });
  }
}
