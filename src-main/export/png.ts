/**
 * PNG from the exported SVG with resvg (Rust, prebuilt per platform on npm): the Inter faces are
 * loaded from TTF files (see fonts.ts), system fonts are not, so every machine draws the same.
 */
import { createRequire } from 'node:module';
import { interTtfFiles } from './fonts';

export interface PngOptions {
  /** 1, 2 or 3 device pixels per SVG pixel. */
  scale?: number;
  /** Transparent pixels where the SVG draws nothing (the SVG itself decides whether it has a background). */
  transparent?: boolean;
}

export interface PngResult {
  png: Buffer;
  width: number;
  height: number;
  /** The scale drawn at: the one asked for, unless the limits lowered it. */
  scale: number;
}

/**
 * Limits of one PNG: a side of 16,384 px (what image viewers and browsers handle) and 40
 * megapixels (160 MB of RGBA while drawing). Past them the scale is lowered to fit: a huge map
 * still gives a file, at a smaller scale (`scale` in the result says which).
 */
export const MAX_PNG_SIDE = 16_384;
export const MAX_PNG_PIXELS = 40_000_000;

type ResvgModule = typeof import('@resvg/resvg-js');
let resvg: ResvgModule | undefined;
function loadResvg(): ResvgModule {
  resvg ??= createRequire(import.meta.url)('@resvg/resvg-js') as ResvgModule;
  return resvg;
}

export function svgToPng(svg: string, size: { width: number; height: number }, options: PngOptions = {}): PngResult {
  const { Resvg } = loadResvg();
  let scale = options.scale ?? 2;
  const longest = Math.max(size.width, size.height);
  if (longest * scale > MAX_PNG_SIDE) scale = MAX_PNG_SIDE / longest;
  if (size.width * size.height * scale * scale > MAX_PNG_PIXELS) scale = Math.sqrt(MAX_PNG_PIXELS / (size.width * size.height));
  const r = new Resvg(svg, {
    font: { loadSystemFonts: false, fontFiles: interTtfFiles(), defaultFontFamily: 'Inter', sansSerifFamily: 'Inter' },
    fitTo: { mode: 'zoom', value: scale },
    ...(options.transparent ? {} : { background: '#ffffff' }),
    logLevel: 'off',
  });
  const img = r.render();
  return { png: img.asPng(), width: img.width, height: img.height, scale };
}
