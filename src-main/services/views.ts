/**
 * Exports of the views (issue 10, part 3) that need Node: the XLSX workbook. The renderer builds
 * the sheets itself, from the map as it is on screen (unsaved edits included) and in the user's
 * language, and saves the bytes it gets back like any other exported file.
 */
import { writeXlsx } from '../export/xlsx';
import type { Services } from './library';

export function createViewServices(): Pick<Services, 'views:xlsx'> {
  return {
    'views:xlsx': async ({ sheets }) => ({ content: (await writeXlsx(sheets)).toString('base64') }),
  };
}
