/**
 * Builds the files a map is exported as, in the browser: SVG from the model (the one renderer,
 * shared/export), PNG by drawing that SVG on a canvas, CSV, and the .lanemap.json sharing file.
 */
import { fittingScale, safeFileName } from '../../shared/export/bitmap';
import { renderStepsCsv, type CsvSeparator } from '../../shared/export/csv';
import type { ExportLang } from '../../shared/export/words';
import { processDocumentBlob, type DocumentFormat } from './document/processDocument';
import { detailHeights, renderMapSvg } from '../../shared/export/svg';
import { applyCommand, cmd } from '../../shared/model/commands';
import type { MapDoc } from '../../shared/model/types';
import { currentLanguage, formatDate, formatNumber, formatPercent, t } from '../i18n';
import { requestLayout } from '../layout/layoutClient';
import { exportFontCss } from './fontCss';
import { csvOptions, drawingOptions, drawingSubtitle } from './localized';
import { libraryApi as api } from '../team/current';
import { lanemapJsonWithVersions } from '../review/versionExport';
import { valueStreamOptions } from './localized';
import { exportBpmn, type BpmnExportChoice } from './bpmnExport';

import { DEFAULT_PDF, exportPdf, keyLabels, type PdfSettings } from './print/pdfExport';
import { pngTilesBlob, type TilesRun } from './print/pngTilesExport';

export type ExportFormat = 'svg' | 'png' | 'pdf' | 'csv' | 'json' | 'docx' | 'bpmn';

export interface ExportOptions {
  format: ExportFormat;
  scale: 1 | 2 | 3;
  background: 'white' | 'transparent';
  details: boolean;
  /** Only these steps (and the flows between them); empty = the whole map. */
  stepIds: string[];
  /** Drawings: numbered markers on steps with open comments and the comments listed under the map. */
  comments?: boolean;
  /** Drawings: the value-stream timeline of the critical path under the map. */
  valueStream?: boolean;
  /** CSV: between cells (default: `;` in Russian, `,` in English); the process document: its language. */
  csvSeparator?: CsvSeparator;
  documentLang?: ExportLang;
  /** The process document: a Word file or a PDF (default Word). */
  documentFormat?: DocumentFormat;
  /** BPMN: data objects, the whole hierarchy (bpmnExport.ts). */
  bpmn?: BpmnExportChoice;
  /** Drawings: the key of roles, step shapes and chips under the map (default on). */
  legend?: boolean;
  /** PDF: pages, paper, scale (print/pdfExport.ts). */
  pdf?: PdfSettings;
  /** PNG: a ZIP of numbered tiles instead of one picture. */
  pngTiles?: boolean;
  /** Drawings: the widest the blocks under the map are set (a PDF sets them a page wide). */
  blockWidth?: number;
}

export interface ExportResult {
  blob: Blob;
  fileName: string;
  /** Something the user should know (e.g. a huge PNG drawn at a smaller scale). */
  notice?: string;
}

const EXTENSION: Record<ExportFormat, string> = { svg: 'svg', png: 'png', pdf: 'pdf', csv: 'csv', json: 'lanemap.json', docx: 'docx', bpmn: 'bpmn' };

/**
 * The map as the drawing shows it. It reads left to right: a top-to-bottom map is laid out
 * left to right for it. With details, it is laid out with each card as tall as its lists, so
 * flows keep clear of them. The map itself is not changed.
 */
async function drawable(doc: MapDoc, details: boolean): Promise<{ doc: MapDoc; laidOutForDetails: boolean; notice?: string }> {
  const turn = doc.direction === 'down';
  if ((!turn && !details) || Object.keys(doc.steps).length === 0) return { doc, laidOutForDetails: false };
  const target: MapDoc = turn ? { ...doc, direction: 'right' } : doc;
  const extra = details ? Object.fromEntries(detailHeights(target)) : undefined;
  const reply = await requestLayout(target, extra);
  const notice = turn ? t('export.turned') : undefined;
  if (reply.ok) return { doc: applyCommand(target, cmd('tidyUp', reply.args)), laidOutForDetails: details, notice };
  if (turn) throw new Error(t('export.notLaidOut'));
  // details as drawn in place: the cards push the steps under them down
  return { doc, laidOutForDetails: false };
}

/** The SVG of a map as exported (also what the dialog previews). */
export async function exportSvg(doc: MapDoc, o: Pick<ExportOptions, 'background' | 'details' | 'stepIds' | 'comments' | 'valueStream' | 'legend' | 'blockWidth'>, embedFont = true) {
  const { doc: d, notice, laidOutForDetails } = await drawable(doc, o.details);
  // who receives the picture sees how far the map is agreed, and who owns it
  const subtitle = drawingSubtitle(doc);
  const svg = renderMapSvg(d, {
    ...drawingOptions(),
    details: o.details,
    laidOutForDetails,
    stepIds: o.stepIds,
    background: o.background,
    titleBlock: { title: doc.title, subtitle },
    legend: o.legend !== false,
    key: o.legend !== false && { labels: keyLabels() },
    ...(o.blockWidth ? { blockWidth: o.blockWidth } : {}),
    comments: o.comments === true,
    ...(o.valueStream ? { valueStream: valueStreamOptions() } : {}),
    formatDate: (iso: string) => formatDate(iso, 'date'),
    fontCss: embedFont ? await exportFontCss() : undefined,
  });
  return { ...svg, notice };
}

/** An SVG drawn on a canvas as a PNG, at the scale asked for or as large as fits (also the SWOT board's PNG). */
export async function svgToPng(svg: string, size: { width: number; height: number }, wanted: number): Promise<{ blob: Blob; scale: number }> {
  const scale = fittingScale(size, wanted);
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.decoding = 'async';
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(size.width * scale));
    canvas.height = Math.max(1, Math.round(size.height * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error(t('export.noCanvas'));
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error(t('export.noPng'));
    return { blob, scale };
  } finally {
    URL.revokeObjectURL(url);
  }
}

export async function exportMap(doc: MapDoc, o: ExportOptions, tilesRun?: TilesRun): Promise<ExportResult> {
  const fileName = safeFileName(doc.title, EXTENSION[o.format]);
  switch (o.format) {
    case 'csv':
      return { blob: new Blob([renderStepsCsv(doc, { ...csvOptions(), ...(o.csvSeparator ? { separator: o.csvSeparator } : {}), stepIds: o.stepIds })], { type: 'text/csv;charset=utf-8' }), fileName };
    case 'docx':
      return { blob: await processDocumentBlob(doc, o.documentLang ?? currentLanguage(), o.documentFormat), fileName: o.documentFormat === 'pdf' ? safeFileName(doc.title, 'pdf') : fileName };
    case 'json': {
      // the saved versions travel with the map (review/versionExport.ts)
      const { text, notice } = await lanemapJsonWithVersions(api, doc, { exportedAt: new Date().toISOString(), app: 'Lanemap' });
      return { blob: new Blob([text], { type: 'application/json' }), fileName, notice };
    }
    case 'bpmn':
      return { ...(await exportBpmn(doc, o.bpmn ?? { dataObjects: false, hierarchy: false })), fileName };
    case 'svg': {
      const { svg, notice } = await exportSvg(doc, o);
      return { blob: new Blob([svg], { type: 'image/svg+xml' }), fileName, notice };
    }
    case 'pdf': {
      const { blob, notice } = await exportPdf(doc, o, o.pdf ?? DEFAULT_PDF);
      return { blob, fileName, notice };
    }
    case 'png': {
      if (o.pngTiles) return { ...(await pngTilesBlob(doc, o, tilesRun)), fileName: fileName.replace(/\.png$/, '.zip') };
      const { svg, width, height, notice } = await exportSvg(doc, o);
      const { blob, scale } = await svgToPng(svg, { width, height }, o.scale);
      const smaller =
        scale < o.scale - 1e-6
          ? t('export.smaller', {
              scale: o.scale,
              percent: formatPercent(scale),
              width: formatNumber(Math.round(width * scale)),
              height: formatNumber(Math.round(height * scale)),
            })
          : undefined;
      return { blob, fileName, notice: [notice, smaller].filter(Boolean).join(' ') || undefined };
    }
  }
}
