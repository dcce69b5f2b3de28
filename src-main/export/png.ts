/**
 * PNG from the exported SVG with resvg (Rust, prebuilt per platform on npm): the Inter faces are
 * loaded from TTF files (see fonts.ts), system fonts are not, so every machine draws the same.
 */
import { createRequire } from 'node:module';
import { fittingScale } from '../../shared/export/bitmap';
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

export { MAX_PNG_PIXELS, MAX_PNG_SIDE } from '../../shared/export/bitmap';

type ResvgModule = typeof import('@resvg/resvg-js');
let resvg: ResvgModule | undefined;
function loadResvg(): ResvgModule {
  resvg ??= createRequire(import.meta.url)('@resvg/resvg-js') as ResvgModule;
  return resvg;
}

export function svgToPng(svg: string, size: { width: number; height: number }, options: PngOptions = {}): PngResult {
  const { Resvg } = loadResvg();
  const scale = fittingScale(size, options.scale ?? 2);
  const r = new Resvg(svg, {
    font: { loadSystemFonts: false, fontFiles: interTtfFiles(), defaultFontFamily: 'Inter', sansSerifFamily: 'Inter' },
    fitTo: { mode: 'zoom', value: scale },
    ...(options.transparent ? {} : { background: '#ffffff' }),
    logLevel: 'off',
  });
  const img = r.render();
  return { png: img.asPng(), width: img.width, height: img.height, scale };
}
