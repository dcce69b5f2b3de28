/**
 * Export figures for `npm run bench` (run from bench/layout.bench.ts, one table, one JSON):
 * the SVG of an N-step map (time, bytes without the embedded font) and its PNG at 2x through
 * resvg. The maps are the layout bench's random department maps, tidied up first with the
 * layout engine so that flows follow stored routes, as a user's map would after a tidy-up.
 */
import { renderMapSvg } from '../shared/export/svg';
import { applyLayout, layoutMap } from '../shared/layout/layoutMap';
import type { ElkLike } from '../shared/layout/types';
import type { MapDoc } from '../shared/model/types';
import { svgToPng } from '../src-main/export/png';
import { randomMap } from '../tests/support/randomMaps';

export const EXPORT_SIZES = [100, 1000];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export interface ExportFigures {
  steps: number;
  svgMs: number;
  svgBytes: number;
  png2xMs: number;
  pngWidth: number;
  pngHeight: number;
  /** 2, or lower where the PNG limits (16,384 px a side, 40 Mpx) cap a huge map. */
  pngScale: number;
}

export async function exportFigures(elk: ElkLike, sizes = EXPORT_SIZES): Promise<ExportFigures[]> {
  const out: ExportFigures[] = [];
  for (const n of sizes) {
    const raw: MapDoc = randomMap({ seed: 7000 + n, steps: n, lanes: 6, phases: 7, unphased: 0.03, loops: 0.06, decisions: 0.15 });
    const doc = applyLayout(raw, await layoutMap(raw, elk));
    const options = { legend: true, titleBlock: { title: doc.title, subtitle: 'bench' } };
    renderMapSvg(doc, options); // warm up
    const svgTimes: number[] = [];
    let svg = renderMapSvg(doc, options);
    for (let k = 0; k < 7; k++) {
      const t0 = performance.now();
      svg = renderMapSvg(doc, options);
      svgTimes.push(performance.now() - t0);
    }
    const pngTimes: number[] = [];
    let png = { width: 0, height: 0, scale: 2 };
    for (let k = 0; k < (n >= 1000 ? 2 : 3); k++) {
      const t0 = performance.now();
      png = svgToPng(svg.svg, svg, { scale: 2 });
      pngTimes.push(performance.now() - t0);
    }
    out.push({
      steps: n,
      svgMs: median(svgTimes),
      svgBytes: Buffer.byteLength(svg.svg),
      png2xMs: median(pngTimes),
      pngWidth: png.width,
      pngHeight: png.height,
      pngScale: png.scale,
    });
  }
  return out;
}
