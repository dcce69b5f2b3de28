/**
 * Exports of the views (issue 10, part 3) that need Node: the XLSX workbook. The renderer builds
 * the sheets itself, from the map as it is on screen (unsaved edits included) and in the user's
 * language, and saves the bytes it gets back like any other exported file.
 */
import type { Services } from './library';

// the writers (exceljs, docx, pdfkit) load with their first export, not with every start of the backend
const xlsx = () => import('../export/xlsx');
const docx = () => import('../export/docx');
const documentPdf = () => import('../export/documentPdf');

export function createViewServices(): Pick<Services, 'views:xlsx' | 'document:docx' | 'document:pdf'> {
  return {
    'views:xlsx': async ({ sheets }) => ({ content: (await (await xlsx()).writeXlsx(sheets)).toString('base64') }),
    // the process document (issue 14): the map as the editor has it, in the language asked for
    'document:docx': async ({ doc, lang }) => ({ content: (await (await docx()).processDocumentDocx(doc, lang)).toString('base64') }),
    'document:pdf': async ({ doc, lang }) => ({ content: (await (await documentPdf()).processDocumentPdf(doc, lang)).toString('base64') }),
  };
}
