/**
 * PDF figure for `npm run bench` (run from bench/layout.bench.ts): the tiled PDF (A4 landscape,
 * readable: step titles at 8 pt) of a tidied 1000-step map, from its picture to the file's
 * bytes (the picture itself is the SVG figure). Goal: at most 2 s.
 */
import { blockWidthFor } from '../shared/export/pdfPlan';
import { renderMapSvg } from '../shared/export/svg';
import { applyLayout, layoutMap } from '../shared/layout/layoutMap';
import type { ElkLike } from '../shared/layout/types';
import { renderPdf } from '../src-main/export/pdf';
import { randomMap } from '../tests/support/randomMaps';

export async function pdfFigures(elk: ElkLike, steps = 1000): Promise<{ ms: number; pages: number; bytes: number }> {
  const raw = randomMap({ seed: 7000 + steps, steps, lanes: 6, phases: 7, unphased: 0.03, loops: 0.06, decisions: 0.15 });
  const doc = applyLayout(raw, await layoutMap(raw, elk));
  const layout = { mode: 'tiles' as const, paper: 'a4' as const, landscape: true, scale: 'readable' as const };
  const picture = renderMapSvg(doc, { legend: true, key: true, titleBlock: { title: doc.title }, blockWidth: blockWidthFor(layout) });
  await renderPdf(picture, { ...layout, meta: { title: doc.title } }); // warm up (fonts read once)
  const times: number[] = [];
  let last = { pages: 0, bytes: 0 };
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    const r = await renderPdf(picture, { ...layout, meta: { title: doc.title } });
    times.push(performance.now() - t0);
    last = { pages: r.pages, bytes: r.pdf.length };
  }
  times.sort((a, b) => a - b);
  return { ms: times[1]!, ...last };
}

if (process.argv[1]?.endsWith('pdf.bench.ts')) {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  console.log(await pdfFigures(new ELK()));
}
