/**
 * The PDF of the map (issue 14): the app draws the map picture itself (renderMapSvg, in the
 * user's language, unsaved edits included) and the backend lays it on pages with pdfkit, which
 * needs Node (fonts from disk, zlib); the same renderer serves the command line.
 */
import type { Services } from './library';

export function createPrintServices(): Pick<Services, 'export:pdf'> {
  return {
    'export:pdf': async ({ svg, width, height, frame, meta, words, ...layout }) => {
      // pdfkit and the fonts load with the first PDF, not with every start of the backend
      const { renderPdf } = await import('../export/pdf');
      const r = await renderPdf({ svg, width, height, frame }, { ...layout, meta, words });
      return { content: r.pdf.toString('base64'), pages: r.pages, rows: r.rows, cols: r.cols, scale: r.scale, titlePt: r.titlePt, missing: r.missing };
    },
  };
}
