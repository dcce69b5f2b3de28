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

/** Corners of an absolute path's points (control points bound Béziers; arcs widened by their radii); null when it moves relatively. */
function pathBox(d: string): [number, number, number, number] | null {
  if (/[a-df-z]/.test(d.replace(/e[-+]?\d/g, ''))) return null;
  const tokens = d.match(/[A-Za-z]|-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/g) ?? [];
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  const add = (x: number, y: number, r = 0) => {
    x0 = Math.min(x0, x - r); x1 = Math.max(x1, x + r); y0 = Math.min(y0, y - r); y1 = Math.max(y1, y + r);
  };
  let cmd = 'M', cx = 0, cy = 0, i = 0;
  const next = () => Number(tokens[i++]);
  while (i < tokens.length) {
    if (/[A-Z]/.test(tokens[i]!)) cmd = tokens[i++]!;
    if (cmd === 'Z') continue;
    if (i >= tokens.length) break;
    if (cmd === 'H') cx = next();
    else if (cmd === 'V') cy = next();
    else if (cmd === 'A') {
      const rx = next(), ry = next();
      i += 3;
      add(cx, cy, Math.max(rx, ry));
      cx = next(); cy = next();
      add(cx, cy, Math.max(rx, ry));
      continue;
    } else { cx = next(); cy = next(); }
    if (!Number.isFinite(cx) || !Number.isFinite(cy)) return null;
    add(cx, cy);
  }
  return x0 <= x1 ? [x0, y0, x1, y1] : null;
}

const num0 = (tag: string, a: string) => Number(new RegExp(`\\s${a}="([-\\d.e]+)"`).exec(tag)?.[1] ?? 0);

/** Where a drawn element lies (in the coordinates of its group), or null when that is not known here. */
function elementBox(tag: string, name: string, body: string): [number, number, number, number] | null {
  switch (name) {
    case 'rect':
    case 'use':
    case 'image': {
      const x = num0(tag, 'x');
      const y = num0(tag, 'y');
      return [x, y, x + num0(tag, 'width'), y + num0(tag, 'height')];
    }
    case 'circle':
    case 'ellipse': {
      const r = Math.max(num0(tag, 'r'), num0(tag, 'rx'), num0(tag, 'ry'));
      return [num0(tag, 'cx') - r, num0(tag, 'cy') - r, num0(tag, 'cx') + r, num0(tag, 'cy') + r];
    }
    case 'line':
      return [Math.min(num0(tag, 'x1'), num0(tag, 'x2')), Math.min(num0(tag, 'y1'), num0(tag, 'y2')), Math.max(num0(tag, 'x1'), num0(tag, 'x2')), Math.max(num0(tag, 'y1'), num0(tag, 'y2'))];
    case 'polygon':
    case 'polyline': {
      const n = (/\spoints="([^"]*)"/.exec(tag)?.[1] ?? '').match(/-?\d+(?:\.\d+)?/g)?.map(Number) ?? [];
      const xs = n.filter((_, i) => i % 2 === 0);
      const ys = n.filter((_, i) => i % 2 === 1);
      return xs.length ? [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] : null;
    }
    case 'path':
      return pathBox(/\sd="([^"]*)"/.exec(tag)?.[1] ?? '');
    case 'text': {
      // no layout here: a generous box from the longest line's letters
      const f = num0(tag, 'font-size') || 16;
      const lines = body.includes('<tspan') ? body.split('<tspan').slice(1).map((l) => l.replace(/<[^>]*>/g, '')) : [body.replace(/<[^>]*>/g, '')];
      const chars = Math.max(...lines.map((l) => l.replace(/&[a-z#0-9]+;/g, '_').length));
      const w = chars * f * 0.7 + f;
      const x = num0(tag, 'x');
      const y = num0(tag, 'y');
      const anchor = /text-anchor="(middle|end)"/.exec(tag)?.[1];
      const left = anchor === 'middle' ? x - w / 2 : anchor === 'end' ? x - w : x - f;
      return [left, y - f * 1.5, left + w, y + lines.length * f * 1.8];
    }
  }
  return null;
}

/**
 * The picture cropped to a tile: its viewBox and size set to the tile, and what lies wholly
 * outside the tile left out, so that each tile is parsed and drawn from what it shows (a
 * 400-step map's tiles were each the whole map before). Inside a group moved by anything but
 * a translation, nothing is left out.
 */
export function cropSvg(svg: string, tile: { x: number; y: number; width: number; height: number }): string {
  // resvg 2.6 panics on a <use> of a symbol or a path with an arrowhead that lies wholly
  // outside the picture (found cutting tiles): those are always left out, and an arrowhead
  // outside the tile is dropped from its line
  const outside = (b: [number, number, number, number], dx: number, dy: number, pad = 2) =>
    b[2] + dx < tile.x - pad || b[0] + dx > tile.x + tile.width + pad || b[3] + dy < tile.y - pad || b[1] + dy > tile.y + tile.height + pad;
  // per open <g>: its offset, or null when inside a group transformed otherwise; defs etc. are kept whole
  const stack: ({ dx: number; dy: number } | null)[] = [{ dx: 0, dy: 0 }];
  let keepWhole = 0;
  const out: string[] = [];
  const re = /<(\/?)([a-zA-Z]+)\b([^>]*?)(\/?)>/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(svg))) {
    const [tag, close, name, , selfClose] = m;
    if (name === 'svg' && !close) {
      out.push(svg.slice(last, m.index));
      out.push(
        tag
          .replace(/\swidth="[^"]*"/, ` width="${num(tile.width)}"`)
          .replace(/\sheight="[^"]*"/, ` height="${num(tile.height)}"`)
          .replace(/\sviewBox="[^"]*"/, ` viewBox="${num(tile.x)} ${num(tile.y)} ${num(tile.width)} ${num(tile.height)}"`),
      );
      last = re.lastIndex;
      continue;
    }
    if (/^(defs|symbol|marker|clipPath|mask|pattern|style|linearGradient|radialGradient|filter)$/.test(name!)) {
      if (!selfClose) keepWhole += close ? -1 : 1;
      continue;
    }
    if (keepWhole > 0) continue;
    const at = stack[stack.length - 1] ?? null;
    if (name === 'g') {
      if (close) stack.pop();
      else if (!selfClose) {
        const transform = /\stransform="([^"]*)"/.exec(tag)?.[1];
        const tr = transform ? /^translate\(([-\d.e]+)[ ,]+([-\d.e]+)\)$/.exec(transform.trim()) : null;
        stack.push(!at ? null : !transform ? at : tr ? { dx: at.dx + Number(tr[1]), dy: at.dy + Number(tr[2]) } : null);
      }
      continue;
    }
    if (close || !at) continue;
    let end = re.lastIndex;
    let body = '';
    if (name === 'text' && !selfClose) {
      const e = svg.indexOf('</text>', end);
      if (e < 0) continue;
      body = svg.slice(end, e);
      end = e + '</text>'.length;
    } else if (!selfClose) continue;
    const box = elementBox(tag, name!, body);
    if (!box) continue;
    let kept: string | null = tag + body + (end > re.lastIndex && name === 'text' ? '</text>' : '');
    if (outside(box, at.dx, at.dy)) kept = null;
    else if (name === 'path' && tag.includes('marker-end')) {
      const ends = (/\sd="([^"]*)"/.exec(tag)?.[1] ?? '').match(/-?\d+(?:\.\d+)?/g)?.map(Number) ?? [];
      const ex = ends[ends.length - 2] ?? 0;
      const ey = ends[ends.length - 1] ?? 0;
      if (outside([ex - 12, ey - 12, ex + 12, ey + 12], at.dx, at.dy)) kept = tag.replace(/\smarker-end="[^"]*"/, '');
    }
    out.push(svg.slice(last, m.index));
    if (kept !== null) out.push(kept);
    last = end;
    re.lastIndex = end;
  }
  out.push(svg.slice(last));
  return out.join('');
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
