/**
 * Where a BPMN export "as data objects" draws each step's data objects (QA 14, item 10): inside
 * the step's own lane, beside the step, overlapping no other shape (cards, the names under
 * gateways and events, notes, other data objects and their names) and, where there is room,
 * no flow. A step's objects form a block (a row under or over the card first, else two rows or a
 * column); the block goes where it is free nearest the card: under it, over it, then anywhere in
 * the lane near it, with the spacing shrunk when nothing else fits. Pure, in the drawing's
 * coordinates (a top-to-bottom map's lanes are columns: the band is given as a rectangle).
 */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DataBlockRequest {
  /** The step's card as drawn. */
  card: Rect;
  /** The step's lane as drawn, less its name strip. */
  band: Rect;
  /** Height of each object's name under it (px), in order. */
  labelHeights: (pitch: number) => number[];
}

export interface DataBlockPlace {
  /** Each object's box, in order. */
  objects: Rect[];
  /** The width of the names under them. */
  pitch: number;
}

export const DATA_W = 30;
export const DATA_H = 38;
/** From one object to the next: room for its name under it (then less, when nothing fits). */
const PITCHES = [72, 56];
/** Room kept around other shapes. */
const PAD = 6;
/** How far from the card a block is looked for (px, each way). */
const REACH = 640;
const STEP = 8;

/** A free place for each request's block, in order; a block placed becomes an obstacle for the next. */
export function placeDataBlocks(requests: DataBlockRequest[], shapes: Rect[], lines: Rect[]): (DataBlockPlace | undefined)[] {
  const taken = new Grid();
  for (const s of shapes) taken.add(s);
  const flows = new Grid();
  for (const l of lines) flows.add(l);
  return requests.map((r) => {
    const place = find(r, taken, flows) ?? find(r, taken, undefined);
    if (place) for (const o of place.cells) taken.add(o);
    return place ? { objects: place.objects, pitch: place.pitch } : undefined;
  });
}

function find(r: DataBlockRequest, taken: Grid, flows: Grid | undefined): { objects: Rect[]; cells: Rect[]; pitch: number } | undefined {
  const cx = r.card.x + r.card.width / 2;
  const cy = r.card.y + r.card.height / 2;
  for (const pitch of PITCHES) {
    const labels = r.labelHeights(pitch);
    const n = labels.length;
    const cellH = DATA_H + 2 + Math.max(...labels, 14) + 4;
    // a row, two rows, a column: block shapes as [columns, rows]
    const forms: [number, number][] = [[n, 1]];
    if (n > 2) forms.push([Math.ceil(n / 2), 2]);
    if (n > 1) forms.push([1, n]);
    const at = (x: number, y: number, cols: number, rows: number) => {
      const block = { x, y, width: cols * pitch, height: rows * cellH };
      if (!inside(block, r.band) || taken.hits(block) || flows?.hits(block)) return undefined;
      const cells: Rect[] = [];
      for (let i = 0; i < n; i++) cells.push({ x: x + (i % cols) * pitch, y: y + Math.floor(i / cols) * cellH, width: pitch, height: cellH });
      return { cells, pitch, objects: cells.map((c) => ({ x: c.x + (pitch - DATA_W) / 2, y: c.y, width: DATA_W, height: DATA_H })) };
    };
    // under the card, over it, to its right
    for (const [cols, rows] of forms) {
      const bw = cols * pitch;
      const bh = rows * cellH;
      const found =
        at(cx - bw / 2, r.card.y + r.card.height + 8, cols, rows) ?? at(cx - bw / 2, r.card.y - 8 - bh, cols, rows) ?? at(r.card.x + r.card.width + 8, cy - bh / 2, cols, rows);
      if (found) return found;
    }
    // anywhere in the lane near the card, nearest first
    for (const [cols, rows] of forms) {
      const bw = cols * pitch;
      const bh = rows * cellH;
      const x0 = Math.max(r.band.x, cx - REACH);
      const x1 = Math.min(r.band.x + r.band.width - bw, cx + REACH);
      const y0 = Math.max(r.band.y, cy - REACH);
      const y1 = Math.min(r.band.y + r.band.height - bh, cy + REACH);
      const spots: { x: number; y: number; d: number }[] = [];
      for (let x = x0; x <= x1; x += STEP) for (let y = y0; y <= y1; y += STEP) spots.push({ x, y, d: Math.hypot(x + bw / 2 - cx, y + bh / 2 - cy) });
      spots.sort((a, b) => a.d - b.d);
      for (const s of spots) {
        const found = at(s.x, s.y, cols, rows);
        if (found) return found;
      }
    }
  }
  return undefined;
}

function inside(a: Rect, b: Rect): boolean {
  return a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height;
}

/** Rectangles in buckets of 256 px: is a block free of them (with PAD of room)? */
class Grid {
  private readonly cells = new Map<string, Rect[]>();
  private static readonly SIZE = 256;

  add(r: Rect): void {
    for (const k of this.keys(r)) {
      const list = this.cells.get(k);
      if (list) list.push(r);
      else this.cells.set(k, [r]);
    }
  }

  hits(b: Rect): boolean {
    for (const k of this.keys(b)) {
      for (const r of this.cells.get(k) ?? []) {
        if (b.x < r.x + r.width + PAD && r.x < b.x + b.width + PAD && b.y < r.y + r.height + PAD && r.y < b.y + b.height + PAD) return true;
      }
    }
    return false;
  }

  private keys(r: Rect): string[] {
    const s = Grid.SIZE;
    const out: string[] = [];
    for (let x = Math.floor((r.x - PAD) / s); x <= Math.floor((r.x + r.width + PAD) / s); x++) {
      for (let y = Math.floor((r.y - PAD) / s); y <= Math.floor((r.y + r.height + PAD) / s); y++) out.push(`${x},${y}`);
    }
    return out;
  }
}
