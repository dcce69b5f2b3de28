/**
 * A view's sheet as CSV, the way Excel opens it without an import wizard: UTF-8 with a byte
 * order mark (so Cyrillic is not read as the ANSI code page), RFC 4180 quoting, CRLF line ends,
 * and text that a spreadsheet would run as a formula neutralised with an apostrophe (the same
 * rules as the step CSV, shared/export/csv.ts).
 */
import { CSV_BOM, csvCell } from '../export/csv';
import type { Sheet, SheetCell } from './sheet';

/**
 * One cell. Numbers are written plainly ("-2", "1.5"): a number is data, not a formula, and
 * prefixing it would turn it into text. A number that is not finite has no CSV form: empty.
 */
function sheetCell(value: SheetCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return csvCell(String(value));
}

/**
 * The sheet as CSV text: the header row, then the rows. Every line has the same number of
 * fields (RFC 4180): short rows are padded, and a row longer than the header keeps its extra
 * cells (the header is padded instead) so nothing a builder produced is lost.
 */
export function sheetCsv(sheet: Sheet): string {
  // a loop, not Math.max(...rows): a spread of 100,000 rows overflows the call stack
  let width = sheet.columns.length;
  for (const r of sheet.rows) width = Math.max(width, r.length);
  if (width === 0) return CSV_BOM;
  const line = (cells: SheetCell[]) => Array.from({ length: width }, (_, i) => sheetCell(cells[i] ?? null)).join(',');
  const lines = [line(sheet.columns.map((c) => c.header)), ...sheet.rows.map(line)];
  return CSV_BOM + lines.join('\r\n') + '\r\n';
}
