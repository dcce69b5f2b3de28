/**
 * A view of a map as a table of cells (issue 10, part 3): what the CSV and XLSX exports write,
 * one sheet per view. Built from the map by each view's module (shared/views/*.ts) in the
 * user's language; written by shared/views/csv… and the XLSX writer.
 */
export type SheetLang = 'en' | 'ru';

export type SheetCell = string | number | null;

export interface Sheet {
  /** The view it shows: also the XLSX sheet's name (at most 31 characters, none of []:*?/\). */
  name: string;
  columns: { header: string; /** In characters, for XLSX. */ width?: number }[];
  rows: SheetCell[][];
}
