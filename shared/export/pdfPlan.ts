/**
 * How an exported map picture is laid on PDF pages: one page fitted, or tiles across pages at a
 * scale (or "readable": step titles at 8 pt), each tile with the lane names at its left and the
 * phase names at its top, an overview page with the tile grid first and the picture's blocks
 * under the map (keys, value stream, comments) after. Pure: the export dialog previews the grid
 * with it, and src-main/export/pdf.ts draws the pages it plans.
 */
import type { SvgFrame } from './svg';

export const PAPERS = ['a4', 'a3', 'letter'] as const;
export type Paper = (typeof PAPERS)[number];

/** Page sizes in points, portrait. */
export const PAPER_SIZE: Record<Paper, { width: number; height: number }> = {
  a4: { width: 595.28, height: 841.89 },
  a3: { width: 841.89, height: 1190.55 },
  letter: { width: 612, height: 792 },
};

/** The step titles' size in the picture (px), and the least they may be printed at in "readable". */
export const TITLE_PX = 13;
export const READABLE_PT = 8;
/** 100 % prints a picture pixel as a CSS pixel (1/96 in) = 0.75 pt. */
const PT_PER_PX = 0.75;
/** "readable" as a scale: 13 px titles at 8 pt. */
export const READABLE_SCALE = READABLE_PT / TITLE_PX / PT_PER_PX;
export const MIN_SCALE = 0.1;
export const MAX_SCALE = 4;
const MM = 72 / 25.4;
/** How much neighbouring tiles share (picture px), so a flow crossing a page edge is seen on both. */
export const TILE_OVERLAP = 24;
/** The footer line with the page number (pt). */
export const FOOTER = 16;

export interface PdfLayoutOptions {
  mode: 'fit' | 'tiles';
  paper: Paper;
  landscape: boolean;
  /** Page margins in mm (default 10). */
  marginMm?: number;
  /** Tiles: 1 = 100 % (a picture pixel printed as 1/96 in), or 'readable' (step titles at 8 pt). */
  scale?: number | 'readable';
}

/** A rectangle of the picture (its own px). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface TilePage {
  kind: 'tile';
  row: number;
  col: number;
  /** The part of the map's body (right of the lane names, under the phase names) on this page. */
  body: Rect;
}

export type PlannedPage = { kind: 'fit' } | { kind: 'overview' } | TilePage | { kind: 'blocks'; area: Rect };

export interface PdfPlan {
  /** Page size in pt, as printed (landscape turned). */
  page: { width: number; height: number };
  margin: number;
  /** Points per picture px on the tiles (fit: on its one page). */
  ptPerPx: number;
  /** The scale as the dialog says it (1 = 100 %). */
  scale: number;
  rows: number;
  cols: number;
  pages: PlannedPage[];
  /** The step titles' size as printed, pt (fit: on the one page). */
  titlePt: number;
}

export function pageSize(paper: Paper, landscape: boolean): { width: number; height: number } {
  const p = PAPER_SIZE[paper];
  return landscape ? { width: p.height, height: p.width } : { ...p };
}

/** A scale typed by a person: "0.5", "50%", "50 %", "readable". Null when it is none of those or out of range. */
export function parseScale(text: string): number | 'readable' | null {
  const t = text.trim().toLowerCase();
  if (t === 'readable') return 'readable';
  const m = /^(\d+(?:[.,]\d+)?)\s*(%?)$/.exec(t);
  if (!m) return null;
  const n = Number(m[1]!.replace(',', '.')) / (m[2] ? 100 : 1);
  return n >= MIN_SCALE && n <= MAX_SCALE ? n : null;
}

/** Where a tile's body goes on its page (pt): right of the lane strip, under the phase strip. */
export function tileBoxes(plan: PdfPlan, frame: SvgFrame) {
  const m = plan.margin;
  const laneW = (frame.contentLeft - frame.headerLeft) * plan.ptPerPx;
  const phaseH = (frame.lanesTop - frame.phasesTop) * plan.ptPerPx;
  return {
    lanes: { x: m, y: m + phaseH, width: laneW, height: plan.page.height - 2 * m - FOOTER - phaseH },
    phases: { x: m + laneW, y: m, width: plan.page.width - 2 * m - laneW, height: phaseH },
    body: { x: m + laneW, y: m + phaseH, width: plan.page.width - 2 * m - laneW, height: plan.page.height - 2 * m - FOOTER - phaseH },
  };
}

/** Cuts [from, to] into the fewest equal pieces of at most `size` that overlap by `overlap`. */
function cuts(from: number, to: number, size: number, overlap: number): [number, number][] {
  const total = to - from;
  if (total <= size) return [[from, to]];
  const n = Math.ceil((total - overlap) / Math.max(1, size - overlap));
  const piece = (total + (n - 1) * overlap) / n;
  return Array.from({ length: n }, (_, i) => {
    const a = from + i * (piece - overlap);
    return [a, i === n - 1 ? to : a + piece] as [number, number];
  });
}

export function planPdf(picture: { width: number; height: number; frame: SvgFrame }, o: PdfLayoutOptions): PdfPlan {
  const page = pageSize(o.paper, o.landscape);
  const margin = Math.max(0, Math.min(40, o.marginMm ?? 10)) * MM;
  const f = picture.frame;
  if (o.mode === 'fit') {
    const ptPerPx = Math.min((page.width - 2 * margin) / picture.width, (page.height - 2 * margin - FOOTER) / picture.height);
    return { page, margin, ptPerPx, scale: ptPerPx / PT_PER_PX, rows: 1, cols: 1, pages: [{ kind: 'fit' }], titlePt: TITLE_PX * ptPerPx };
  }
  const wanted = o.scale === undefined || o.scale === 'readable' ? READABLE_SCALE : Math.max(MIN_SCALE, Math.min(MAX_SCALE, o.scale));
  let ptPerPx = wanted * PT_PER_PX;
  // the lane and phase strips and at least a card's width of body must fit a page
  const laneW = f.contentLeft - f.headerLeft;
  const phaseH = f.lanesTop - f.phasesTop;
  const roomW = page.width - 2 * margin;
  const roomH = page.height - 2 * margin - FOOTER;
  ptPerPx = Math.min(ptPerPx, roomW / (laneW + 240), roomH / (phaseH + 200));
  const bodyW = (roomW - laneW * ptPerPx) / ptPerPx;
  const bodyH = (roomH - phaseH * ptPerPx) / ptPerPx;
  const xs = cuts(f.contentLeft, f.contentRight, bodyW, TILE_OVERLAP);
  const ys = cuts(f.lanesTop, Math.max(f.lanesTop + 1, f.mapBottom), bodyH, TILE_OVERLAP);
  const pages: PlannedPage[] = [{ kind: 'overview' }];
  ys.forEach(([y0, y1], row) =>
    xs.forEach(([x0, x1], col) => pages.push({ kind: 'tile', row: row + 1, col: col + 1, body: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } })),
  );
  // the blocks under the map, a page wide (they are set that wide), as many pages down as they need
  const blocksH = picture.height - f.mapBottom;
  if (blocksH > 30) {
    const k = Math.min(ptPerPx, roomW / f.blocksRight);
    for (const [y0, y1] of cuts(f.mapBottom, picture.height, roomH / k, 0)) pages.push({ kind: 'blocks', area: { x: 0, y: y0, width: f.blocksRight, height: y1 - y0 } });
  }
  return { page, margin, ptPerPx, scale: ptPerPx / PT_PER_PX, rows: ys.length, cols: xs.length, pages, titlePt: TITLE_PX * ptPerPx };
}

/** The blocks' width (picture px) that makes them one page wide at the tiles' scale: `renderMapSvg`'s `blockWidth`. */
export function blockWidthFor(o: PdfLayoutOptions): number {
  const page = pageSize(o.paper, o.landscape);
  const margin = Math.max(0, Math.min(40, o.marginMm ?? 10)) * MM;
  const scale = o.scale === undefined || o.scale === 'readable' ? READABLE_SCALE : o.scale;
  return Math.floor((page.width - 2 * margin) / (scale * PT_PER_PX)) - 48;
}

/** The words on the pages (page numbers, the overview's heading), in the export's language. */
export interface PdfWords {
  /** "Page {{n}} of {{total}} — row {{row}}, column {{col}}" */
  pageTile: string;
  /** "Page {{n}} of {{total}} — overview" */
  pageOverview: string;
  /** "Page {{n}} of {{total}}" */
  page: string;
  /** "Overview: {{rows}} × {{cols}} pages, scale {{scale}}" */
  overview: string;
}

export const PDF_WORDS: Record<'en' | 'ru', PdfWords> = {
  en: {
    pageTile: 'Page {{n}} of {{total}} — row {{row}}, column {{col}}',
    pageOverview: 'Page {{n}} of {{total}} — overview',
    page: 'Page {{n}} of {{total}}',
    overview: 'Overview: the map on {{rows}} × {{cols}} pages at {{scale}}',
  },
  ru: {
    pageTile: 'Страница {{n}} из {{total}} — ряд {{row}}, столбец {{col}}',
    pageOverview: 'Страница {{n}} из {{total}} — обзор',
    page: 'Страница {{n}} из {{total}}',
    overview: 'Обзор: карта на {{rows}} × {{cols}} страницах, масштаб {{scale}}',
  },
};

/** Fills "{{name}}" placeholders. */
export function fillWords(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}
