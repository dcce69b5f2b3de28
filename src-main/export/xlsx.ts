/**
 * Views' sheets as an Excel workbook (issue 10, part 3), written with exceljs: one worksheet
 * per sheet, the header row bold, frozen and with a filter, columns as wide as the sheet asks
 * (or as their text), numbers as numbers and text as text — a title such as "=1+1" is a string
 * cell, never a formula.
 *
 * Excel refuses or "repairs" a file that breaks its own limits, so they are kept here rather
 * than left to the reader: sheet names of at most 31 characters without []:*?/\ and unique
 * regardless of case, cells of at most 32,767 characters, no characters XML forbids.
 */
import ExcelJS from 'exceljs';
import type { Sheet, SheetCell } from '../../shared/views/sheet';

/** Excel's limit on a sheet name's length (UTF-16 units, as Excel counts them). */
export const SHEET_NAME_MAX = 31;
/** Excel's limit on the characters in one cell; a longer text is cut and ends with "…". */
export const CELL_TEXT_MAX = 32_767;

// control characters XML 1.0 does not allow (tab, LF and CR are allowed), and the two non-characters
// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/g;
// a surrogate without its pair: not a character at all, so not encodable
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text as Excel can hold it: no characters XML forbids, at most CELL_TEXT_MAX long (a pair never split). */
export function cellText(text: string): string {
  const clean = text.replace(XML_FORBIDDEN, '').replace(LONE_SURROGATE, '\uFFFD');
  if (clean.length <= CELL_TEXT_MAX) return clean;
  return `${cutUtf16(clean, CELL_TEXT_MAX - 1)}…`;
}

/** The first `max` UTF-16 units of `text`, without cutting a surrogate pair (an emoji) in half. */
function cutUtf16(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/**
 * A name Excel accepts for a sheet, different (regardless of case) from those in `taken`, which
 * it is added to: forbidden characters become "_", apostrophes at either end go, at most 31
 * characters, "History" (reserved by Excel) and empty names are changed, a repeated name gets
 * " (2)", " (3)"…
 */
export function excelSheetName(name: string, taken: Set<string>): string {
  let base = name
    .replace(XML_FORBIDDEN, '')
    .replace(LONE_SURROGATE, '')
    .replace(/[[\]:*?/\\]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^'+|'+$/g, '')
    .trim();
  if (!base) base = 'Sheet';
  if (base.toLowerCase() === 'history') base = `${base} 1`;
  base = cutUtf16(base, SHEET_NAME_MAX).trim();
  let candidate = base;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    candidate = `${cutUtf16(base, SHEET_NAME_MAX - suffix.length).trim()}${suffix}`;
  }
  taken.add(candidate.toLowerCase());
  return candidate;
}

/** A cell's value for exceljs: finite numbers as numbers, text made safe for Excel, anything else empty. */
function cellValue(value: SheetCell): string | number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') return value === '' ? null : cellText(value);
  return null;
}

/** A column's width in characters: the sheet's own, else its longest line (among the first rows), within reason. */
function columnWidth(sheet: Sheet, index: number): number {
  const asked = sheet.columns[index]?.width;
  if (asked !== undefined && Number.isFinite(asked)) return Math.min(100, Math.max(4, asked));
  let longest = longestLine(sheet.columns[index]?.header ?? '');
  // enough rows to judge a column; a 100,000-row sheet need not be measured whole
  for (const row of sheet.rows.slice(0, 500)) {
    const v = row[index];
    if (v !== null && v !== undefined) longest = Math.max(longest, longestLine(String(v)));
  }
  return Math.min(60, Math.max(8, longest + 2));
}

function longestLine(text: string): number {
  let most = 0;
  for (const line of text.split('\n')) most = Math.max(most, [...line].length);
  return most;
}

const TOP: Partial<ExcelJS.Alignment> = { vertical: 'top' };
const WRAP: Partial<ExcelJS.Alignment> = { vertical: 'top', wrapText: true };

/** Adds one sheet to the workbook. */
function addSheet(workbook: ExcelJS.Workbook, sheet: Sheet, taken: Set<string>): void {
  // the header stays in view while scrolling: the first row is frozen
  const ws = workbook.addWorksheet(excelSheetName(sheet.name, taken), { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  let width = sheet.columns.length;
  for (const r of sheet.rows) width = Math.max(width, r.length);
  if (width === 0) return;
  ws.columns = Array.from({ length: width }, (_, i) => ({ width: columnWidth(sheet, i), style: { alignment: TOP } }));
  const header = ws.addRow(Array.from({ length: width }, (_, i) => cellValue(sheet.columns[i]?.header ?? null)));
  header.font = { bold: true };
  header.alignment = { vertical: 'top' };
  for (const cells of sheet.rows) {
    const row = ws.addRow(cells.map(cellValue));
    // text in lines (a description, a list) shows as lines; everything reads from the top
    row.eachCell((cell) => {
      if (typeof cell.value === 'string' && cell.value.includes('\n')) cell.alignment = WRAP;
    });
  }
  // the spreadsheet's own sort and filter on the header, as the table view offers
  if (sheet.rows.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: width } };
}

export interface XlsxOptions {
  /** The workbook's creation date (default: now); tests fix it. */
  created?: Date;
}

/**
 * The sheets as the bytes of an .xlsx file, one worksheet each in the given order. An empty list
 * still makes a valid workbook (Excel needs one sheet): one empty sheet.
 */
export async function writeXlsx(sheets: Sheet[], options: XlsxOptions = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Lanemap';
  workbook.created = workbook.modified = options.created ?? new Date();
  const taken = new Set<string>();
  for (const sheet of sheets) addSheet(workbook, sheet, taken);
  if (sheets.length === 0) addSheet(workbook, { name: 'Sheet', columns: [], rows: [] }, taken);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
