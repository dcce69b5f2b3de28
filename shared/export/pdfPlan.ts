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
  /** How much of the body (px) the neighbouring tiles show too, on each side: where the overlap marks go (0: cut between lanes or cards). */
  shared: { left: number; right: number; top: number; bottom: number };
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
  /** Tiles of the grid with nothing on them (no step, flow or note): not printed, hatched on the overview. */
  skipped: TilePage[];
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

/** A piece of the map along one axis, and how much of it its neighbours show too. */
interface Span {
  from: number;
  to: number;
  before: number;
  after: number;
}

/** Intervals [a, b] of the boxes along one axis, sorted: what a cut should not run through. */
type Blocked = [number, number][];

/** The cut nearest `want` in [lo, hi] that runs through none of `blocked` (2 px clear), or null. */
function clearCut(blocked: Blocked, lo: number, hi: number, want: number): number | null {
  if (hi < lo) return null;
  // the free places are the gaps between the blocked intervals: take the nearest point of each
  let best: number | null = null;
  let at = -Infinity;
  const consider = (a: number, b: number) => {
    const x0 = Math.max(a, lo);
    const x1 = Math.min(b, hi);
    if (x1 < x0) return;
    const x = Math.max(x0, Math.min(x1, want));
    if (best === null || Math.abs(x - want) < Math.abs(best - want)) best = x;
  };
  for (const [a, b] of blocked) {
    if (a - 2 > at) consider(at, a - 2);
    at = Math.max(at, b + 2);
  }
  consider(at, Infinity);
  return best;
}

function blockedAlong(boxes: Rect[], axis: 'x' | 'y'): Blocked {
  const out: Blocked = boxes.map((b): [number, number] => (axis === 'x' ? [b.x, b.x + b.width] : [b.y, b.y + b.height]));
  return out.sort((a, b) => a[0] - b[0]);
}

/**
 * Cuts [from, to] into pieces of at most `size` (px), each cut at the farthest place a page
 * reaches where no box is (or the nearest the even place: the caller keeps what prints fewer pages) (then the pieces meet there and share nothing), else at the even place
 * with `overlap` shared, so what the cut runs through is seen on both pages.
 */
function cutAvoiding(from: number, to: number, size: number, overlap: number, blocked: Blocked, farthest = true): Span[] {
  const out: Span[] = [];
  let a = from;
  let before = 0;
  for (let guard = 0; guard < 10000; guard++) {
    if (to - a <= size) {
      out.push({ from: a, to, before, after: 0 });
      break;
    }
    const left = Math.max(2, Math.ceil((to - a - overlap) / Math.max(1, size - overlap)));
    const even = a + (to - a + (left - 1) * overlap) / left;
    // the farthest clear place a page reaches (the fewest columns), or the one nearest the even place
    const cut = clearCut(blocked, a + size * 0.5, a + size, farthest ? a + size : Math.min(a + size, even));
    if (cut !== null) {
      out.push({ from: a, to: cut, before, after: 0 });
      a = cut;
      before = 0;
    } else {
      const end = Math.min(a + size, even);
      out.push({ from: a, to: end, before, after: overlap });
      a = end - overlap;
      before = overlap;
    }
  }
  return out;
}

/**
 * Rows of a map whose lanes run across the page: whole lanes packed into a row while they fit
 * the body's height; a lane taller than a page cut where no card is (or, last, anywhere, with
 * an overlap); what hangs below the last lane goes with it.
 */
function laneRows(f: SvgFrame, size: number, blocked: Blocked): Span[] {
  const end = Math.max(f.lanesTop + 1, f.mapBottom);
  const bounds = f.lanes.map((l) => l.bottom).filter((b) => b > f.lanesTop && b < end - 1);
  const out: Span[] = [];
  let a = f.lanesTop;
  let before = 0;
  for (let guard = 0; guard < 10000 && a < end - 0.5; guard++) {
    if (end - a <= size) {
      out.push({ from: a, to: end, before, after: 0 });
      break;
    }
    // the last lane boundary that fits
    const fits = bounds.filter((b) => b > a + 1 && b <= a + size);
    if (fits.length) {
      const b = fits[fits.length - 1]!;
      out.push({ from: a, to: b, before, after: 0 });
      a = b;
      before = 0;
      continue;
    }
    // a lane taller than a page: cut it where no card is, or anywhere with an overlap
    const piece = cutAvoiding(a, Math.min(end, bounds.find((b) => b > a + 1) ?? end), size, TILE_OVERLAP, blocked)[0]!;
    out.push({ ...piece, before });
    a = piece.after ? piece.to - piece.after : piece.to;
    before = piece.after;
  }
  return out;
}

const touches = (r: Rect, b: Rect) => b.x <= r.x + r.width && b.x + b.width >= r.x && b.y <= r.y + r.height && b.y + b.height >= r.y;

/** Whether a tile's own part (without what its neighbours show too) holds a step, a note, or a flow's end or bend. */
function hasContent(f: SvgFrame, t: TilePage): boolean {
  if (!f.cards && !f.lines) return true;
  const own: Rect = {
    x: t.body.x + t.shared.left / 2,
    y: t.body.y + t.shared.top / 2,
    width: t.body.width - (t.shared.left + t.shared.right) / 2,
    height: t.body.height - (t.shared.top + t.shared.bottom) / 2,
  };
  // a flow that only grazes the edge (seen on the neighbouring page too) does not make a page worth printing
  const inner = (r: Rect, d: number): Rect => ({ x: r.x + d, y: r.y + d, width: r.width - 2 * d, height: r.height - 2 * d });
  // a flow that only passes through (no end or bend on the page, 40 px from its edges) leaves it blank: the neighbours and the overview show where it goes
  const flowArea = inner(own, 40);
  const holds = (x: number, y: number) => x >= flowArea.x && x <= flowArea.x + flowArea.width && y >= flowArea.y && y <= flowArea.y + flowArea.height;
  return (
    (f.cards ?? []).some((b) => touches(inner(own, 2), b)) ||
    (f.lines ?? []).some((b) => holds(b.x, b.y) || holds(b.x + b.width, b.y + b.height) || holds(b.x + b.width, b.y) || holds(b.x, b.y + b.height))
  );
}

export function planPdf(picture: { width: number; height: number; frame: SvgFrame }, o: PdfLayoutOptions): PdfPlan {
  const page = pageSize(o.paper, o.landscape);
  const margin = Math.max(0, Math.min(40, o.marginMm ?? 10)) * MM;
  const f = picture.frame;
  const roomW = page.width - 2 * margin;
  const roomH = page.height - 2 * margin - FOOTER;
  const fitPlan = (ptPerPx: number): PdfPlan => ({ page, margin, ptPerPx, scale: ptPerPx / PT_PER_PX, rows: 1, cols: 1, pages: [{ kind: 'fit' }], skipped: [], titlePt: TITLE_PX * ptPerPx });
  if (o.mode === 'fit') return fitPlan(Math.min(roomW / picture.width, roomH / picture.height));
  const wanted = o.scale === undefined || o.scale === 'readable' ? READABLE_SCALE : Math.max(MIN_SCALE, Math.min(MAX_SCALE, o.scale));
  let ptPerPx = wanted * PT_PER_PX;
  // the lane and phase strips and at least a card's width of body must fit a page
  const laneW = f.contentLeft - f.headerLeft;
  const phaseH = f.lanesTop - f.phasesTop;
  ptPerPx = Math.min(ptPerPx, roomW / (laneW + 240), roomH / (phaseH + 200));
  // the whole picture fits one page at this scale: that page, fitted, is the plan
  if (picture.width * ptPerPx <= roomW + 0.01 && picture.height * ptPerPx <= roomH + 0.01) return fitPlan(ptPerPx);
  const bodyW = (roomW - laneW * ptPerPx) / ptPerPx;
  const bodyH = (roomH - phaseH * ptPerPx) / ptPerPx;
  const boxes = f.cards ?? [];
  const ys = laneRows(f, bodyH, blockedAlong(boxes, 'y'));
  const grid = (xs: Span[]) => {
    const tiles: TilePage[] = [];
    ys.forEach((y, row) =>
      xs.forEach((x, col) =>
        tiles.push({
          kind: 'tile',
          row: row + 1,
          col: col + 1,
          body: { x: x.from, y: y.from, width: x.to - x.from, height: y.to - y.from },
          shared: { left: x.before, right: x.after, top: y.before, bottom: y.after },
        }),
      ),
    );
    const printed = tiles.filter((t) => hasContent(f, t));
    return { xs, tiles, printed: printed.length ? printed : tiles.slice(0, 1) };
  };
  // columns cut as far as each page reaches, or near even places: whichever prints fewer pages
  const blockedX = blockedAlong(boxes, 'x');
  const options = [grid(cutAvoiding(f.contentLeft, f.contentRight, bodyW, TILE_OVERLAP, blockedX, true)), grid(cutAvoiding(f.contentLeft, f.contentRight, bodyW, TILE_OVERLAP, blockedX, false))];
  const best = options[1]!.printed.length < options[0]!.printed.length ? options[1]! : options[0]!;
  const { xs, tiles } = best;
  const shown = best.printed;
  const skipped = tiles.filter((t) => !shown.includes(t));
  // one page of map: no overview of it
  const pages: PlannedPage[] = shown.length > 1 ? [{ kind: 'overview' }, ...shown] : [...shown];
  // the blocks under the map, a page wide (they are set that wide), as many pages down as they need
  const blocksH = picture.height - f.mapBottom;
  if (blocksH > 30) {
    const k = Math.min(ptPerPx, roomW / f.blocksRight);
    for (const [y0, y1] of cuts(f.mapBottom, picture.height, roomH / k, 0)) pages.push({ kind: 'blocks', area: { x: 0, y: y0, width: f.blocksRight, height: y1 - y0 } });
  }
  return { page, margin, ptPerPx, scale: ptPerPx / PT_PER_PX, rows: ys.length, cols: xs.length, pages, skipped, titlePt: TITLE_PX * ptPerPx };
}

/** What a plan prints, counted: for the dialog's plan line and the CLI's note. */
export function planCounts(plan: PdfPlan): { pages: number; overview: number; tiles: number; skipped: number; keys: number } {
  const count = (kind: PlannedPage['kind']) => plan.pages.filter((p) => p.kind === kind).length;
  return { pages: plan.pages.length, overview: count('overview'), tiles: count('tile'), skipped: plan.skipped.length, keys: count('blocks') };
}

/** The plan in English words, for the CLI's note: every page counted. */
export function planNote(r: { counts: ReturnType<typeof planCounts>; rows: number; cols: number; scale: number; titlePt: number }): string {
  const c = r.counts;
  const s = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const at = `at ${Math.round(r.scale * 100)}%, step titles at ${r.titlePt.toFixed(1)} pt`;
  if (c.pages === 1) return `1 page ${at}`;
  const parts: string[] = [];
  if (c.overview) parts.push('an overview with the grid');
  parts.push(`${s(c.tiles, 'page', 'pages')} of the map (${r.rows} × ${r.cols} grid)`);
  if (c.skipped) parts.push(`${s(c.skipped, 'blank part', 'blank parts')} not printed`);
  if (c.keys) parts.push(c.keys === 1 ? 'a page of keys' : `${c.keys} pages of keys`);
  const many = c.pages > MANY_PAGES ? ' That is a lot of paper: consider --paper a3, --portrait or a smaller --scale.' : '';
  return `${s(c.pages, 'page', 'pages')}: ${parts.join(', ')}; ${at}.${many}`;
}

/** Above this many pages the dialog warns before exporting. */
export const MANY_PAGES = 200;

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
  /** "Overview: the map on {{tiles}} pages, a {{rows}} × {{cols}} grid at {{scale}}" */
  overview: string;
  /** After the overview's heading when blank parts of the grid are not printed: "hatched: blank, not printed ({{count}})" */
  skipped: string;
}

export const PDF_WORDS: Record<'en' | 'ru', PdfWords> = {
  en: {
    pageTile: 'Page {{n}} of {{total}} — row {{row}}, column {{col}}',
    pageOverview: 'Page {{n}} of {{total}} — overview',
    page: 'Page {{n}} of {{total}}',
    overview: 'Overview: the map on {{tiles}} pages, a {{rows}} × {{cols}} grid at {{scale}}',
    skipped: 'hatched parts are blank and not printed ({{count}})',
  },
  ru: {
    pageTile: 'Страница {{n}} из {{total}} — ряд {{row}}, столбец {{col}}',
    pageOverview: 'Страница {{n}} из {{total}} — обзор',
    page: 'Страница {{n}} из {{total}}',
    overview: 'Обзор: карта по сетке {{rows}} × {{cols}}, страниц карты: {{tiles}}, масштаб {{scale}}',
    skipped: 'заштрихованные части пусты и не печатаются ({{count}})',
  },
};

/** Fills "{{name}}" placeholders. */
export function fillWords(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}
