/**
 * A map picture too big for one readable PNG, cut into numbered tiles (row-column) that are
 * each drawn at the scale asked for, with an overview of the grid and an index.txt, zipped
 * (fflate). Pure: the app draws the tiles on a canvas, the command line with resvg.
 */
import { zipSync, strToU8 } from 'fflate';
import { MAX_PNG_SIDE, fittingScale } from './bitmap';
import { escapeXml, num } from './text';

/** A tile's side in picture px (at 3× still under 5,000 device px). */
export const PNG_TILE_SIDE = 1600;
const OVERLAP = 24;
/** Step titles are 13 px in the picture: under 8 px in the PNG they no longer read. */
export const READABLE_TITLE_PX = 8;
const TITLE_PX = 13;

export interface PngTile {
  row: number;
  col: number;
  x: number;
  y: number;
  width: number;
  height: number;
  name: string;
}

/**
 * Whether one PNG of the picture at `scale` keeps its step titles readable: the size limits
 * (16,384 px a side, 40 megapixels) lower the scale of a big map until titles are specks.
 */
export function pngReadability(size: { width: number; height: number }, scale: number): { drawnScale: number; titlePx: number; readable: boolean; shrunk: boolean } {
  const drawnScale = fittingScale(size, scale);
  const titlePx = TITLE_PX * drawnScale;
  return { drawnScale, titlePx, readable: titlePx >= READABLE_TITLE_PX, shrunk: drawnScale < scale - 1e-6 };
}

function cuts(total: number, size: number): [number, number][] {
  if (total <= size) return [[0, total]];
  const n = Math.ceil((total - OVERLAP) / (size - OVERLAP));
  const piece = (total + (n - 1) * OVERLAP) / n;
  // whole pixels: a tile's picture is as many device pixels as its side times the scale
  return Array.from({ length: n }, (_, i) => [Math.round(i * (piece - OVERLAP)), i === n - 1 ? total : Math.round(i * (piece - OVERLAP) + piece)] as [number, number]);
}

const pad = (n: number) => String(n).padStart(2, '0');

export function planPngTiles(size: { width: number; height: number }, base: string): PngTile[] {
  const xs = cuts(size.width, PNG_TILE_SIDE);
  const ys = cuts(size.height, PNG_TILE_SIDE);
  return ys.flatMap(([y0, y1], r) =>
    xs.map(([x0, x1], c) => ({ row: r + 1, col: c + 1, x: x0, y: y0, width: x1 - x0, height: y1 - y0, name: `${base}-r${pad(r + 1)}-c${pad(c + 1)}.png` })),
  );
}

/** The picture cropped to a tile: the same SVG with its viewBox and size set to the tile. */
export function cropSvg(svg: string, tile: { x: number; y: number; width: number; height: number }): string {
  // resvg 2.6 panics on a <use> of a symbol or a path with an arrowhead that lies wholly
  // outside the picture (found cutting tiles): those are left out of the tile, and an arrowhead
  // outside it is dropped from its line
  const t = /<g transform="translate\(([-\d.]+) ([-\d.]+)\)">/.exec(svg);
  const dx = t ? Number(t[1]) : 0;
  const dy = t ? Number(t[2]) : 0;
  const afterTranslate = t ? t.index : Infinity;
  const outside = (x0: number, y0: number, x1: number, y1: number, offset: number) => {
    const ox = offset >= afterTranslate ? dx : 0;
    const oy = offset >= afterTranslate ? dy : 0;
    return x1 + ox < tile.x - 2 || x0 + ox > tile.x + tile.width + 2 || y1 + oy < tile.y - 2 || y0 + oy > tile.y + tile.height + 2;
  };
  const attr = (tag: string, a: string) => Number(new RegExp(`\\s${a}="([-\\d.]+)"`).exec(tag)?.[1] ?? 0);
  svg = svg.replace(/<use\b[^>]*\/>|<path\b[^>]*marker-end[^>]*\/>/g, (tag: string, offset: number) => {
    if (tag.startsWith('<use')) {
      const x = attr(tag, 'x');
      const y = attr(tag, 'y');
      return outside(x, y, x + attr(tag, 'width'), y + attr(tag, 'height'), offset) ? '' : tag;
    }
    const nums = (/\sd="([^"]*)"/.exec(tag)?.[1] ?? '').match(/-?\d+(?:\.\d+)?/g)?.map(Number) ?? [];
    const xs = nums.filter((_, i) => i % 2 === 0);
    const ys = nums.filter((_, i) => i % 2 === 1);
    if (!xs.length || outside(Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys), offset)) return '';
    // an arrowhead off the tile panics too: the line stays, without it
    const ex = xs[xs.length - 1]!;
    const ey = ys[ys.length - 1]!;
    return outside(ex - 12, ey - 12, ex + 12, ey + 12, offset) ? tag.replace(/\smarker-end="[^"]*"/, '') : tag;
  });
  return svg.replace(/<svg\b[^>]*>/, (open) =>
    open
      .replace(/\swidth="[^"]*"/, ` width="${num(tile.width)}"`)
      .replace(/\sheight="[^"]*"/, ` height="${num(tile.height)}"`)
      .replace(/\sviewBox="[^"]*"/, ` viewBox="${num(tile.x)} ${num(tile.y)} ${num(tile.width)} ${num(tile.height)}"`),
  );
}

/** The whole picture with the grid over it and each tile's row-column, as an SVG at most `side` px wide. */
export function overviewSvg(svg: string, size: { width: number; height: number }, tiles: PngTile[], side = 2400): { svg: string; width: number; height: number } {
  const k = Math.min(1, side / Math.max(size.width, size.height));
  const w = Math.max(1, Math.round(size.width * k));
  const h = Math.max(1, Math.round(size.height * k));
  const inner = svg.replace(/<svg\b[^>]*>/, (open) => open.replace(/\swidth="[^"]*"/, ` width="${w}"`).replace(/\sheight="[^"]*"/, ` height="${h}"`));
  const font = Math.max(12, Math.min(48, (Math.min(...tiles.map((t) => Math.min(t.width, t.height))) * k) / 4));
  const grid = tiles
    .map(
      (t) =>
        `<rect x="${num(t.x * k)}" y="${num(t.y * k)}" width="${num(t.width * k)}" height="${num(t.height * k)}" fill="none" stroke="#2f6fdf" stroke-width="2"/>` +
        `<text x="${num((t.x + t.width / 2) * k)}" y="${num((t.y + t.height / 2) * k + font * 0.36)}" font-size="${num(font)}" font-weight="600" fill="#2f6fdf" text-anchor="middle" stroke="#fff" stroke-width="4" paint-order="stroke">${escapeXml(`${t.row}-${t.col}`)}</text>`,
    )
    .join('');
  return {
    svg: `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="Inter, Arial, sans-serif">${inner}${grid}</svg>`,
    width: w,
    height: h,
  };
}

/** index.txt: what the archive holds and where each tile lies. */
export function tilesIndex(title: string, tiles: PngTile[], scale: number, words: { heading: string; overview: string; tile: string } = TILE_WORDS.en): string {
  const rows = Math.max(...tiles.map((t) => t.row));
  const cols = Math.max(...tiles.map((t) => t.col));
  const lines = [title, words.heading.replace('{{rows}}', String(rows)).replace('{{cols}}', String(cols)).replace('{{scale}}', String(scale)), '', `overview.png\t${words.overview}`];
  for (const t of tiles)
    lines.push(`${t.name}\t${words.tile.replace('{{row}}', String(t.row)).replace('{{col}}', String(t.col)).replace('{{x}}', String(Math.round(t.x))).replace('{{y}}', String(Math.round(t.y)))}`);
  return `${lines.join('\r\n')}\r\n`;
}

export const TILE_WORDS = {
  en: { heading: 'The map in {{rows}} rows × {{cols}} columns of tiles, drawn at {{scale}}×; neighbouring tiles overlap by 24 px.', overview: 'the whole map with the grid', tile: 'row {{row}}, column {{col}} (from x {{x}}, y {{y}})' },
  ru: { heading: 'Карта разрезана на {{rows}} × {{cols}} частей (ряды × столбцы), масштаб {{scale}}×; соседние части перекрываются на 24 пикс.', overview: 'вся карта с сеткой', tile: 'ряд {{row}}, столбец {{col}} (от x {{x}}, y {{y}})' },
};

/** The archive: index.txt, overview.png and the tiles, in reading order. */
export function zipTiles(files: { name: string; data: Uint8Array }[], index: string): Uint8Array {
  const entries: Record<string, Uint8Array> = { 'index.txt': strToU8(`\ufeff${index}`) };
  for (const f of files) entries[f.name] = f.data;
  // PNGs are compressed already
  return zipSync(entries, { level: 0 });
}

export { MAX_PNG_SIDE };
