/**
 * A view of the map as a file (issue 10, part 3): its sheet, built from the map as it is on
 * screen and in the interface's language, as CSV (made here) or XLSX (written by the backend
 * with exceljs, src-main/export/xlsx.ts).
 */
import { safeFileName } from '../../../shared/export/bitmap';
import type { MapDoc } from '../../../shared/model/types';
import { sheetCsv } from '../../../shared/views/csv';
import type { Sheet, SheetLang } from '../../../shared/views/sheet';
import { viewSheet, type SheetView } from '../../../shared/views/sheets';
import { api } from '../../api';
import { t } from '../../i18n';

export type ViewFileFormat = 'csv' | 'xlsx';

const TYPES: Record<ViewFileFormat, string> = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export interface ViewFile {
  blob: Blob;
  fileName: string;
  /** The sheet has a header and no rows. */
  empty: boolean;
}

/** Base64 to bytes (the backend sends the workbook as base64 over JSON or IPC). */
function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A cell the backend's schema accepts: a number that is not finite (NaN from a broken duration) is left empty. */
function sendable(sheet: Sheet): Sheet {
  return { ...sheet, rows: sheet.rows.map((r) => r.map((c) => (typeof c === 'number' && !Number.isFinite(c) ? null : c))) };
}

/**
 * The file for one view of `doc`: named "<map> — <view>.<format>" (Cyrillic kept), and
 * "<map> — <view> — <version>" for a saved version being looked at; its words in `lang`.
 */
export async function viewFile(doc: MapDoc, view: SheetView, format: ViewFileFormat, lang: SheetLang, versionName?: string): Promise<ViewFile> {
  const sheet = viewSheet(doc, view, lang);
  // the titles as typed, not through t(): they are the user's text, never a template
  const fileName = safeFileName([doc.title, t(`views.names.${view}`), versionName].filter(Boolean).join(' — '), format);
  const empty = sheet.rows.length === 0;
  if (format === 'csv') return { blob: new Blob([sheetCsv(sheet)], { type: TYPES.csv }), fileName, empty };
  const { content } = await api['views:xlsx']({ sheets: [sendable(sheet)] });
  return { blob: new Blob([fromBase64(content)], { type: TYPES.xlsx }), fileName, empty };
}
