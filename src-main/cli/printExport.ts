/**
 * The command line's printed outputs (issue 14): `--format pdf` (one page fitted or tiled across
 * pages) and `--format png --tiles` (a ZIP of numbered tiles), and the legend switch. main.ts
 * hands over its arguments; the options here are taken out before it reads the rest.
 */
import { renderPdf } from '../export/pdf';
import { svgToPng } from '../export/png';
import { renderTiles } from '../export/pngTilesPool';
import { PAPERS, PDF_WORDS, parseScale, planPdf, READABLE_PT, type Paper } from '../../shared/export/pdfPlan';
import { cropSvg, overviewSvg, planPngTiles, pngReadability, tilesIndex, TILE_WORDS, zipTiles } from '../../shared/export/pngTiles';
import { safeFileName } from '../../shared/export/bitmap';
import type { SvgExport } from '../../shared/export/svg';
import type { MapDoc } from '../../shared/model/types';

export interface PrintArgs {
  paper: Paper;
  landscape: boolean;
  /** 'auto': one page when its step titles still print at 8 pt, else tiles. */
  mode: 'fit' | 'tiles' | 'auto';
  /** pdf: 1 = 100 %, or 'readable'. */
  pdfScale: number | 'readable';
  marginMm: number;
  /** png: a ZIP of tiles instead of one picture. */
  pngTiles: boolean;
  /** The key of roles, step shapes and chips under the map (default on). */
  legend: boolean;
}

export const PRINT_USAGE = `  pdf        the map as a PDF (vector, text selectable, Inter embedded)
             --fit (one page, the default for small maps) or --tiles (pages at a scale, with
             the lane and phase names on every page and an overview page with the grid)
             [--paper a4|a3|letter] [--landscape (default) | --portrait] [--margin MM]
             [--scale readable|N|N%]  tiles' scale: readable (step titles at 8 pt, default),
                                      or e.g. 0.5 / 50%   [--lang en|ru] words on the pages
  png --tiles  a ZIP of numbered PNG tiles (row-column), overview.png with the grid, index.txt:
             for maps too big for one readable picture (--out FILE.zip)
  --no-legend  no key of roles, step shapes and chips under the map (svg, png, pdf)`;

export class PrintArgsError extends Error {}

/** Takes the print options out of `args`; `--scale` too when the export is a PDF (png keeps its 1|2|3). */
export function takePrintArgs(args: string[]): { rest: string[]; print: PrintArgs } {
  const isPdf = args.some((a, i) => (a === '--format' && args[i + 1]?.toLowerCase() === 'pdf') || /\.pdf$/i.test(a));
  const print: PrintArgs = { paper: 'a4', landscape: true, mode: 'auto', pdfScale: 'readable', marginMm: 10, pngTiles: false, legend: true };
  let modeGiven = false;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = (): string => {
      const v = args[++i];
      if (v === undefined || v.startsWith('--')) throw new PrintArgsError(`${a} needs a value.`);
      return v;
    };
    if (a === '--paper') {
      const v = value().toLowerCase();
      if (!(PAPERS as readonly string[]).includes(v)) throw new PrintArgsError(`Unknown paper "${v}": use --paper a4, a3 or letter.`);
      print.paper = v as Paper;
    } else if (a === '--landscape') print.landscape = true;
    else if (a === '--portrait') print.landscape = false;
    else if (a === '--fit') {
      print.mode = 'fit';
      modeGiven = true;
    } else if (a === '--tiles') {
      print.mode = 'tiles';
      print.pngTiles = true;
      modeGiven = true;
    } else if (a === '--margin') {
      const v = value();
      const n = Number(v.replace(/mm$/i, ''));
      if (!Number.isFinite(n) || n < 0 || n > 40) throw new PrintArgsError(`--margin is in millimetres, 0 to 40 (got "${v}").`);
      print.marginMm = n;
    } else if (a === '--scale' && isPdf) {
      const v = value();
      const s = parseScale(v);
      if (s === null) throw new PrintArgsError(`--scale for a PDF is readable, or a number from 0.1 to 4 (or 10% to 400%) (got "${v}").`);
      print.pdfScale = s;
    } else if (a === '--no-legend') print.legend = false;
    else rest.push(a);
  }
  if (!modeGiven) print.mode = 'auto';
  return { rest, print };
}

/** The PDF of the map picture. */
export async function pdfFile(picture: SvgExport, doc: MapDoc, print: PrintArgs, lang: 'en' | 'ru') {
  const layout = { paper: print.paper, landscape: print.landscape, marginMm: print.marginMm };
  const mode = print.mode !== 'auto' ? print.mode : planPdf(picture, { ...layout, mode: 'fit' }).titlePt >= READABLE_PT ? 'fit' : 'tiles';
  const purposes = { en: { training: 'Training', optimisation: 'Optimisation', monitoring: 'Monitoring', other: 'Other' }, ru: { training: 'Обучение', optimisation: 'Оптимизация', monitoring: 'Контроль', other: 'Другое' } };
  const purpose = doc.purpose ? purposes[lang][doc.purpose] : undefined;
  const result = await renderPdf(picture, {
    mode,
    paper: print.paper,
    landscape: print.landscape,
    marginMm: print.marginMm,
    scale: print.pdfScale,
    meta: { title: doc.title, author: doc.owner || undefined, subject: purpose },
    words: PDF_WORDS[lang],
  });
  return { ...result, mode };
}

/** How far the tiles are; `stop()` true ends the work between two tiles (PngTilesStopped). */
export interface PngTilesRun {
  onTile?(done: number, total: number): void;
  stop?(): boolean;
  /** Threads to draw on (default: the cores, at most 4). */
  threads?: number;
}

export class PngTilesStopped extends Error {
  constructor() {
    super('The PNG tiles were stopped before they were all made.');
  }
}

/** The PNG tiles of the map picture, zipped: each tile drawn from the part of the picture it shows (cropSvg). */
export async function pngTilesZip(picture: Pick<SvgExport, 'svg' | 'width' | 'height'>, doc: MapDoc, scale: number, transparent: boolean, lang: 'en' | 'ru', run: PngTilesRun = {}): Promise<{ zip: Uint8Array; tiles: number; readableWhole: boolean }> {
  const base = safeFileName(doc.title, 'png').replace(/\.png$/, '');
  const tiles = planPngTiles(picture, base);
  const pngs = await renderTiles(
    tiles.map((t) => ({ svg: cropSvg(picture.svg, t), width: t.width, height: t.height })),
    { scale, transparent, onDone: (done) => run.onTile?.(done, tiles.length), stop: run.stop, stopped: () => new PngTilesStopped(), ...(run.threads ? { threads: run.threads } : {}) },
  );
  const files = tiles.map((t, i) => ({ name: t.name, data: pngs[i]! }));
  const ov = overviewSvg(picture.svg, picture, tiles);
  files.unshift({ name: 'overview.png', data: svgToPng(ov.svg, ov, { scale: 1 }).png });
  const index = tilesIndex(doc.title, tiles, scale, TILE_WORDS[lang]);
  return { zip: zipTiles(files, index), tiles: tiles.length, readableWhole: pngReadability(picture, scale).readable };
}

/** The CLI's progress for long tile runs: a line on stderr every few seconds ("tile 40 of 145"). */
export function tilesProgress(io: { err(line: string): void }, everyMs = 3000, now = () => performance.now()): PngTilesRun {
  const started = now();
  let said = started;
  return {
    onTile(done, total) {
      const at = now();
      if (at - said < everyMs || done === total) return;
      said = at;
      io.err(`tile ${done} of ${total} (${((at - started) / 1000).toFixed(0)} s)`);
    },
  };
}
