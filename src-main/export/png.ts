/**
 * PNG from the exported SVG with resvg (Rust, prebuilt per platform on npm): the Inter faces are
 * loaded from TTF files (see fonts.ts), and, only when the picture has letters Inter lacks
 * (Chinese, Arabic, Hindi…), the machine's fonts that hold them (fallbackFonts.ts): every
 * machine draws Latin and Cyrillic the same, and any other script as well as it can. Letters
 * no font holds are named in `missing`.
 */
import { createRequire } from 'node:module';
import { fittingScale } from '../../shared/export/bitmap';
import { fontsForText, svgTexts, type FallbackOptions } from './fallbackFonts';
import { interTtfFiles } from './fonts';

export interface PngOptions extends FallbackOptions {
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
  /** Letters of the picture that no font here holds (drawn as empty boxes), each once. */
  missing: string[];
}

export { MAX_PNG_PIXELS, MAX_PNG_SIDE } from '../../shared/export/bitmap';

type ResvgModule = typeof import('@resvg/resvg-js');
let resvg: ResvgModule | undefined;
export function loadResvg(): ResvgModule {
  resvg ??= createRequire(import.meta.url)('@resvg/resvg-js') as ResvgModule;
  return resvg;
}

/** resvg's font options for `svg`: Inter, plus the machine's faces for the letters Inter lacks. */
export function resvgFonts(svg: string, options: FallbackOptions = {}): { font: { loadSystemFonts: false; fontFiles: string[]; defaultFontFamily: string; sansSerifFamily: string }; missing: string[] } {
  const fonts = fontsForText(svgTexts(svg), options);
  const files = [...interTtfFiles(), ...new Set(fonts.faces.map((f) => f.file))];
  return { font: { loadSystemFonts: false, fontFiles: files, defaultFontFamily: 'Inter', sansSerifFamily: 'Inter' }, missing: fonts.missing };
}

/**
 * Straight dashed lines (the phase columns' borders, as long as the map is tall) as the dashes
 * themselves: the same pixels, but resvg draws a 7,000 px dashed stroke far slower than its
 * 800 short strokes (the whole DOCX picture of a 200-step map renders in 60 % of the time).
 */
export function solidDashes(svg: string): string {
  return svg.replace(
    /<path d="M([-\d.]+) ([-\d.]+)([VH])([-\d.]+)" stroke="([^"]+)" stroke-dasharray="(\d+(?:\.\d+)?) (\d+(?:\.\d+)?)"\/>/g,
    (whole, x: string, y: string, dir: 'V' | 'H', to: string, stroke: string, on: string, off: string) => {
      const [a, b, dash, gap] = [Number(dir === 'V' ? y : x), Number(to), Number(on), Number(off)];
      if (!(dash > 0 && gap >= 0) || b <= a || (b - a) / (dash + gap) > 20_000) return whole;
      let d = '';
      for (let p = a; p < b; p += dash + gap) {
        const q = Math.min(p + dash, b);
        d += dir === 'V' ? `M${x} ${p}V${q}` : `M${p} ${y}H${q}`;
      }
      return `<path d="${d}" stroke="${stroke}"/>`;
    },
  );
}

export function svgToPng(svg: string, size: { width: number; height: number }, options: PngOptions = {}): PngResult {
  const { Resvg } = loadResvg();
  const scale = fittingScale(size, options.scale ?? 2);
  const { font, missing } = resvgFonts(svg, options);
  const r = new Resvg(solidDashes(svg), {
    font,
    fitTo: { mode: 'zoom', value: scale },
    ...(options.transparent ? {} : { background: '#ffffff' }),
    logLevel: 'off',
  });
  const img = r.render();
  return { png: img.asPng(), width: img.width, height: img.height, scale, missing };
}
