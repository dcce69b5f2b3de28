/**
 * Reads an .xlsx back with the library that wrote it (exceljs), as plain data a test compares
 * with the sheets it expected: names, headers, rows, which cells are text or numbers, and how
 * the header looks (bold, frozen).
 */
import ExcelJS from 'exceljs';
import type { Sheet, SheetCell } from '../../shared/views/sheet';

export interface ReadSheet {
  name: string;
  headers: SheetCell[];
  rows: SheetCell[][];
  /** The first row is frozen (stays in view while scrolling) and nothing else is. */
  headerFrozen: boolean;
  headerBold: boolean;
  widths: number[];
  /** Any cell written as a formula (there must be none). */
  formulas: string[];
  autoFilter: unknown;
}

function plain(value: ExcelJS.CellValue): SheetCell | string {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'object' && 'formula' in value) return `FORMULA:${String(value.formula)}`;
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('');
  return `UNEXPECTED:${JSON.stringify(value)}`;
}

export async function readXlsx(bytes: Buffer | Uint8Array): Promise<ReadSheet[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb.worksheets.map((ws) => {
    const width = ws.columnCount;
    const formulas: string[] = [];
    const rowValues = (n: number): SheetCell[] => {
      const row = ws.getRow(n);
      return Array.from({ length: width }, (_, i) => {
        const cell = row.getCell(i + 1);
        if (cell.type === ExcelJS.ValueType.Formula) formulas.push(cell.address);
        return plain(cell.value);
      });
    };
    const view = ws.views[0] as Partial<ExcelJS.WorksheetViewFrozen> | undefined;
    return {
      name: ws.name,
      headers: width ? rowValues(1) : [],
      rows: Array.from({ length: Math.max(0, ws.rowCount - 1) }, (_, i) => rowValues(i + 2)),
      headerFrozen: view?.state === 'frozen' && view.ySplit === 1 && !view.xSplit,
      headerBold: width ? ws.getRow(1).getCell(1).font?.bold === true : false,
      widths: Array.from({ length: width }, (_, i) => ws.getColumn(i + 1).width ?? 0),
      formulas,
      autoFilter: ws.autoFilter,
    };
  });
}

/**
 * What a sheet's cells read back as: text and finite numbers as they are, everything else
 * (null, '', NaN) as an empty cell; rows as wide as the widest of the header and the rows.
 */
export function expectedCells(sheet: Sheet): { headers: SheetCell[]; rows: SheetCell[][] } {
  let width = sheet.columns.length;
  for (const r of sheet.rows) width = Math.max(width, r.length);
  const cell = (v: SheetCell | undefined): SheetCell => (v === '' || v === undefined || (typeof v === 'number' && !Number.isFinite(v)) ? null : v);
  const pad = (cells: SheetCell[]) => Array.from({ length: width }, (_, i) => cell(cells[i]));
  return { headers: width ? pad(sheet.columns.map((c) => c.header)) : [], rows: sheet.rows.map(pad) };
}
