/**
 * The process document (issue 14): a 200-step map's DOCX and PDF, tidied up first (as a real map
 * is), from the map to the file's bytes: content, the map's overview and readable parts, the file.
 */
import { applyLayout, layoutMap } from '../shared/layout/layoutMap';
import type { ElkLike } from '../shared/layout/types';
import { processDocumentPdf } from '../src-main/export/documentPdf';
import { processDocumentDocx } from '../src-main/export/docx';
import { randomMap } from '../tests/support/randomMaps';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function documentFigures(elk: ElkLike, steps = 200): Promise<Record<string, number>> {
  const raw = randomMap({ seed: 9000 + steps, steps, lanes: 6, phases: 7, unphased: 0.03, loops: 0.06, decisions: 0.15 });
  const doc = applyLayout(raw, await layoutMap(raw, elk));
  const times: number[] = [];
  let bytes = 0;
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    bytes = (await processDocumentDocx(doc, 'ru')).length;
    times.push(performance.now() - t0);
  }
  const pdfTimes: number[] = [];
  let pdfBytes = 0;
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    pdfBytes = (await processDocumentPdf(doc, 'ru')).length;
    pdfTimes.push(performance.now() - t0);
  }
  return {
    [`export.docx.${steps}.ms`]: Math.round(median(times)),
    [`export.docx.${steps}.kb`]: Math.round(bytes / 1024),
    [`export.documentPdf.${steps}.ms`]: Math.round(median(pdfTimes)),
    [`export.documentPdf.${steps}.kb`]: Math.round(pdfBytes / 1024),
  };
}
