/**
 * The PDF of the map (issue 14): the app draws the map picture itself (renderMapSvg, in the
 * user's language, unsaved edits included) and the backend lays it on pages with pdfkit, which
 * needs Node (fonts from disk, zlib); the same renderer serves the command line.
 */
import { renderPdf } from '../export/pdf';
import type { Services } from './library';

export function createPrintServices(): Pick<Services, 'export:pdf'> {
  return {
    'export:pdf': async ({ svg, width, height, frame, meta, words, ...layout }) => {
      const r = await renderPdf({ svg, width, height, frame }, { ...layout, meta, words });
      return { content: r.pdf.toString('base64'), pages: r.pages, rows: r.rows, cols: r.cols, scale: r.scale, titlePt: r.titlePt, missing: r.missing };
    },
  };
}
