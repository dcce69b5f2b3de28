/**
 * PNG tiles of a big map (shared/export/pngTiles.ts, src-main/cli/printExport.ts): each tile
 * drawn from what lies in it, read back with pngjs and fflate (the ZIP), stopped between tiles
 * when asked, progress lines for the command line.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import { unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { cropSvg, planPngTiles } from '../../shared/export/pngTiles';
import { renderMapSvg, type SvgExport } from '../../shared/export/svg';
import { applyLayout, layoutMap } from '../../shared/layout/layoutMap';
import type { MapDoc } from '../../shared/model/types';
import { pngTilesZip, PngTilesStopped, tilesProgress } from '../../src-main/cli/printExport';
import { randomMap } from '../support/randomMaps';

let doc: MapDoc;
let pic: SvgExport;

beforeAll(async () => {
  const raw = randomMap({ seed: 7400, steps: 400, lanes: 6, phases: 7, unphased: 0.03, loops: 0.06, decisions: 0.15 });
  doc = applyLayout(raw, await layoutMap(raw, new ELK()));
  pic = renderMapSvg(doc, { legend: true, key: true, titleBlock: { title: doc.title } });
}, 120_000);

/** Pixels that are clearly ink (not white, not a pale lane). */
function inked(png: PNG): number {
  let n = 0;
  for (let i = 0; i < png.data.length; i += 4) if (png.data[i]! < 120 && png.data[i + 1]! < 120 && png.data[i + 2]! < 120) n++;
  return n;
}

describe('PNG tiles of a 400-step map', () => {
  test('given the map at 1x, when tiled, then the ZIP holds every planned tile as a PNG of its planned size, and the tiles with steps show them', async () => {
    const t0 = performance.now();
    const r = await pngTilesZip(pic, doc, 1, false, 'en');
    const ms = performance.now() - t0;
    console.log(`400-step map: ${r.tiles} tiles at 1x in ${(ms / 1000).toFixed(1)} s`);
    const plan = planPngTiles(pic, 'x');
    expect(r.tiles).toBe(plan.length);
    expect(r.tiles).toBeGreaterThan(20);
    const files = unzipSync(r.zip);
    const tiles = Object.keys(files).filter((f) => /-r\d\d-c\d\d\.png$/.test(f));
    expect(tiles).toHaveLength(plan.length);
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['index.txt', 'overview.png']));
    let withInk = 0;
    for (const t of plan) {
      const name = tiles.find((f) => f.endsWith(`-r${String(t.row).padStart(2, '0')}-c${String(t.col).padStart(2, '0')}.png`))!;
      const png = PNG.sync.read(Buffer.from(files[name]!));
      expect([png.width, png.height]).toEqual([Math.round(t.width), Math.round(t.height)]);
      if (inked(png) > 500) withInk++;
    }
    // the titles and lines of 400 steps are drawn across the tiles, not only in the first
    expect(withInk).toBeGreaterThan(plan.length / 3);
  }, 600_000);

  test.each([1])('given a stop asked after 3 tiles on %i thread(s), when tiling, then no tile is started after it and it fails with PngTilesStopped', async (threads) => {
    let made = 0;
    let asked = 0;
    const stop = () => {
      asked++;
      return made >= 3;
    };
    await expect(pngTilesZip(pic, doc, 1, false, 'en', { onTile: (done) => (made = done), stop, threads })).rejects.toThrow(PngTilesStopped);
    // the tiles on their way when it was asked may finish; no more
    expect(made).toBeGreaterThanOrEqual(3);
    expect(made).toBeLessThanOrEqual(3 + threads);
    expect(asked).toBeLessThan(10);
  }, 120_000);

  test('given a tile in the middle, when cropped, then it holds the step titles inside it and not those far away', () => {
    const plan = planPngTiles(pic, 'x');
    const tile = plan[Math.floor(plan.length / 2)]!;
    const cropped = cropSvg(pic.svg, tile);
    expect(cropped.length).toBeLessThan(pic.svg.length / 5);
    expect(cropped).toContain(`viewBox="${tile.x} ${tile.y} ${tile.width} ${tile.height}"`);
    const first = doc.steps[Object.keys(doc.steps)[0]!]!;
    const last = Object.values(doc.steps).sort((a, b) => b.x - a.x)[0]!;
    // a step at the far left or right of a 40,000 px map is not in a middle tile
    expect(cropped).not.toContain(`>${first.title}<`);
    expect(cropped).not.toContain(`>${last.title}<`);
    // the defs (arrowheads, chip icons) stay whole
    expect(cropped).toContain('<marker id="lm-arrow"');
    expect(cropped.match(/<symbol /g)?.length).toBe(pic.svg.match(/<symbol /g)?.length);
  });
});

describe('tilesProgress (the command line)', () => {
  test('given tiles made over 10 s, then a line every 3 s says which tile of how many, and none at the end', () => {
    const lines: string[] = [];
    let now = 0;
    const run = tilesProgress({ err: (l) => lines.push(l) }, 3000, () => now);
    for (let i = 1; i <= 10; i++) {
      now = i * 1000;
      run.onTile!(i, 10);
    }
    expect(lines).toEqual(['tile 3 of 10 (3 s)', 'tile 6 of 10 (6 s)', 'tile 9 of 10 (9 s)']);
  });
});
