/**
 * The registry of the views that export as tables (issue 10, part 3): which builder makes each
 * view's sheet, in the order a workbook lists them. The canvas ('map') is not here: it exports
 * as a drawing.
 */
import type { MapDoc } from '../model/types';
import { kpiSheet, swotSheet } from './optimise';
import { raciSheet } from './raci';
import { resourcesSheet } from './resources';
import type { Sheet, SheetLang } from './sheet';
import { sipocSheet } from './sipoc';
import { tableSheet } from './table';

/** The views with a sheet, in workbook order (the same order as the view switch). */
export const SHEET_VIEWS = ['table', 'raci', 'sipoc', 'resources'] as const;
export type SheetView = (typeof SHEET_VIEWS)[number];

export function isSheetView(v: unknown): v is SheetView {
  return typeof v === 'string' && (SHEET_VIEWS as readonly string[]).includes(v);
}

/**
 * Sheets that are lists rather than views on screen (issue 17): every KPI with its status, and
 * the SWOT board. A workbook has them after the views (always, empty or not, so that a script
 * finds them); the command line writes one with `--view kpis|swot`.
 */
export const LIST_SHEETS = ['kpis', 'swot'] as const;
export type ListSheet = (typeof LIST_SHEETS)[number];
/** Everything the command line can write as one sheet. */
export const EXPORT_SHEETS = [...SHEET_VIEWS, ...LIST_SHEETS] as const;
export type ExportSheet = SheetView | ListSheet;

export function isExportSheet(v: unknown): v is ExportSheet {
  return typeof v === 'string' && (EXPORT_SHEETS as readonly string[]).includes(v);
}

const BUILDERS: Record<ExportSheet, (doc: MapDoc, lang: SheetLang) => Sheet> = {
  table: tableSheet,
  raci: raciSheet,
  sipoc: sipocSheet,
  resources: resourcesSheet,
  kpis: kpiSheet,
  swot: swotSheet,
};

/** One view (or list) of the map as a sheet, its headers and words in `lang`. */
export function viewSheet(doc: MapDoc, view: ExportSheet, lang: SheetLang): Sheet {
  return BUILDERS[view](doc, lang);
}

/** Every view of the map as a sheet, then the KPI and SWOT lists: what `lanemap export --format xlsx` writes. */
export function allViewSheets(doc: MapDoc, lang: SheetLang): Sheet[] {
  return EXPORT_SHEETS.map((view) => viewSheet(doc, view, lang));
}

/**
 * The language a map is written in, cheaply: Russian when its title, lanes, phases and step
 * titles have more Cyrillic letters than Latin ones, else English. The command line takes it
 * as the default language of the sheets' headers.
 */
export function mapLanguage(doc: MapDoc): SheetLang {
  const texts = [
    doc.title,
    ...Object.values(doc.roles).map((r) => r.name),
    ...Object.values(doc.phases).map((p) => p.name),
    ...Object.values(doc.steps).map((s) => s.title),
  ];
  let cyrillic = 0;
  let latin = 0;
  for (const text of texts) {
    cyrillic += text.match(/\p{Script=Cyrillic}/gu)?.length ?? 0;
    latin += text.match(/[A-Za-z]/g)?.length ?? 0;
  }
  return cyrillic > latin ? 'ru' : 'en';
}
