/**
 * The map's picture for the process document: drawn by the one SVG renderer
 * (shared/export/svg.ts) in the document's language and rasterised by resvg (png.ts) with the
 * bundled Inter. A map that fits the page with step titles still readable (≥ 8 pt) is one
 * picture; a bigger one is an overview of the whole and then parts in a grid, each at a
 * readable size, so a 200-step map is not shrunk into an unreadable strip.
 */
import zlib from 'node:zlib';
import ELK from 'elkjs/lib/elk.bundled.js';
import { fittingScale } from '../../shared/export/bitmap';
import { layoutMap } from '../../shared/layout/layoutMap';
import { validateLayout } from '../../shared/layout/validate';
import { applyCommand, cmd } from '../../shared/model/commands';
import type { MapDoc } from '../../shared/model/types';
import { renderMapSvg } from '../../shared/export/svg';
import { drawingWords, type ExportLang } from '../../shared/export/words';
import { loadResvg, resvgFonts, solidDashes, svgToPng } from './png';

export interface MapPicture {
  png: Buffer;
  /** The picture's size on the page, in CSS pixels (96 per inch). */
  width: number;
  height: number;
  caption?: string;
}

export interface MapPictures {
  /** The whole map, fitted to the page (absent when it is one readable picture: then `parts` has it). */
  overview?: MapPicture;
  parts: MapPicture[];
  /** Parts in a grid of this many rows and columns. */
  rows: number;
  cols: number;
}

/** Step titles are 13 px in the drawing: at this scale they print at 8 pt (8/72 inch = 10.67 CSS px). */
export const READABLE_SCALE = (8 / 72) * 96 / 13;
/** Pixels per CSS pixel of the page: about 144 dpi, sharp enough on paper. */
const RASTER = 1.5;

/** The map as the drawing shows it: a top-to-bottom map laid out left to right (the map itself is not changed). */
export async function drawableDoc(doc: MapDoc): Promise<MapDoc> {
  if (doc.direction !== 'down' || Object.keys(doc.steps).length === 0) return doc;
  const target: MapDoc = { ...doc, direction: 'right' };
  const result = await layoutMap(target, new ELK());
  void validateLayout(target, result);
  return applyCommand(target, cmd('tidyUp', { steps: result.steps, routes: result.routes }));
}

/** The whole drawing as RGBA pixels at `scale` (or as large as the limits allow), any script drawn (png.ts). */
function renderPixels(svg: string, size: { width: number; height: number }, wanted: number): { pixels: Buffer; width: number; height: number; scale: number } {
  const scale = fittingScale(size, wanted);
  const r = new (loadResvg().Resvg)(solidDashes(svg), {
    font: resvgFonts(svg).font,
    fitTo: { mode: 'zoom', value: scale },
    // the drawing has its own white background: no second fill of every pixel
    logLevel: 'off',
  });
  const img = r.render();
  return { pixels: img.pixels, width: img.width, height: img.height, scale };
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

function crc32(buf: Buffer): number {
  if (nativeCrc32) return nativeCrc32(buf) >>> 0;
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A window of RGBA pixels as a PNG (8-bit RGBA, no filter). Parts are cut from one rendering of
 * the whole drawing: resvg 2.6 panics when a view box leaves part of the drawing outside.
 */
export function cropPng(src: { pixels: Buffer; width: number }, x: number, y: number, w: number, h: number): Buffer {
  const raw = Buffer.alloc((w * 4 + 1) * h);
  for (let row = 0; row < h; row++) {
    const from = ((y + row) * src.width + x) * 4;
    src.pixels.copy(raw, row * (w * 4 + 1) + 1, from, from + w * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw, { level: 1 })), chunk('IEND', Buffer.alloc(0))]);
}

/**
 * The pictures of `doc` for a page `page` CSS pixels wide and high (what is left for a picture
 * after margins and a caption), with `words.part` captions ("Part {n} of {total}: row {row}, column {col}").
 */
export async function mapPictures(doc: MapDoc, lang: ExportLang, page: { width: number; height: number }, partWords: string): Promise<MapPictures> {
  const drawn = await drawableDoc(doc);
  const { svg, width, height } = renderMapSvg(drawn, { ...drawingWords(lang), legend: true, background: 'white' });
  const fit = Math.min(page.width / width, page.height / height);
  const picture = (s: string, w: number, h: number, scale: number): MapPicture => {
    const png = svgToPng(s, { width: w, height: h }, { scale: scale * RASTER });
    return { png: png.png, width: Math.round(w * scale), height: Math.round(h * scale) };
  };
  if (fit >= READABLE_SCALE) {
    const s = Math.min(fit, 1);
    return { parts: [picture(svg, width, height, s)], rows: 1, cols: 1 };
  }
  const overview = picture(svg, width, height, fit);
  const cols = Math.ceil(width / (page.width / READABLE_SCALE));
  const rows = Math.ceil(height / (page.height / READABLE_SCALE));
  const tileW = Math.ceil(width / cols);
  const tileH = Math.ceil(height / rows);
  const whole = renderPixels(svg, { width, height }, READABLE_SCALE * RASTER);
  const k = whole.scale;
  const parts: MapPicture[] = [];
  const total = rows * cols;
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const x = c * tileW;
      const y = r * tileH;
      const w = Math.min(tileW, width - x);
      const h = Math.min(tileH, height - y);
      const px = Math.floor(x * k);
      const py = Math.floor(y * k);
      const pw = Math.min(whole.width - px, Math.round(w * k));
      const ph = Math.min(whole.height - py, Math.round(h * k));
      parts.push({
        png: cropPng(whole, px, py, pw, ph),
        width: Math.round(w * READABLE_SCALE),
        height: Math.round(h * READABLE_SCALE),
        caption: partWords
          .replace('{n}', String(parts.length + 1))
          .replace('{total}', String(total))
          .replace('{row}', String(r + 1))
          .replace('{col}', String(c + 1)),
      });
    }
  return { overview, parts, rows, cols };
}
