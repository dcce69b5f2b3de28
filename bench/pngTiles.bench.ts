/**
 * PNG tiles figure for `npm run bench` (run from bench/layout.bench.ts): the ZIP of PNG tiles
 * of a tidied 400-step map at 2x (the app's default scale), as `lanemap export --format png
 * --tiles` makes it, from the picture to the ZIP's bytes. Goal: under about 20 s.
 */
import { renderMapSvg } from '../shared/export/svg';
import { applyLayout, layoutMap } from '../shared/layout/layoutMap';
import type { ElkLike } from '../shared/layout/types';
import { pngTilesZip } from '../src-main/cli/printExport';
import { randomMap } from '../tests/support/randomMaps';

export async function pngTilesFigures(elk: ElkLike, steps = 400, scale = 2): Promise<{ ms: number; tiles: number; bytes: number; cpuMs: number }> {
  const raw = randomMap({ seed: 7000 + steps, steps, lanes: 6, phases: 7, unphased: 0.03, loops: 0.06, decisions: 0.15 });
  const doc = applyLayout(raw, await layoutMap(raw, elk));
  const picture = renderMapSvg(doc, { legend: true, key: true, titleBlock: { title: doc.title } });
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await pngTilesZip(picture, doc, scale, false, 'en');
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { ms, tiles: r.tiles, bytes: r.zip.length, cpuMs: (c.user + c.system) / 1000 };
}

if (process.argv[1]?.endsWith('pngTiles.bench.ts')) {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const steps = Number(process.argv[2] ?? 400);
  console.log(await pngTilesFigures(new ELK(), steps));
}
