/** A problem of a paste (or of a typed cell) in the user's words, with where it is. */
import type { TFunction } from 'i18next';
import { STEP_KINDS } from '../../../shared/model/types';
import type { PasteError } from '../../../shared/views/tablePaste';

/** What is wrong, without where (for a cell being edited). */
export function pasteErrorText(t: TFunction, e: PasteError): string {
  const column = e.column ? t(`tableView.columns.${e.column}`) : '';
  const params = { value: e.value ?? '', unit: e.unit ?? '', count: e.count ?? 0, limit: e.limit ?? 0, column };
  if (e.code === 'badDuration') return t(`tableView.preview.errors.badDuration.${e.reason ?? 'notDuration'}`, params);
  if (e.code === 'unknownKind') {
    const kinds = STEP_KINDS.map((k) => `«${t(`tableView.kinds.${k}`)}»`).join(', ');
    return t('tableView.preview.errors.unknownKind', { ...params, kinds });
  }
  return t(`tableView.preview.errors.${e.code}`, params);
}

/** Where a problem is in the block: "Row 3, «Duration»" (empty when it is about the whole block). */
export function pasteErrorPlace(t: TFunction, e: PasteError): string {
  if (e.row === undefined) return '';
  if (!e.column) return t('tableView.preview.where.row', { row: e.row });
  return t('tableView.preview.where.rowColumn', { row: e.row, column: t(`tableView.columns.${e.column}`) });
}
