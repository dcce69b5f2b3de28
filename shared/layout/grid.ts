/**
 * Columns (phase-aware layers) and rows (stacking inside each lane). Everything here is in
 * column/row indices; pixels come later, once the routes say how wide each channel must be.
 */
import { EMPTY_PHASE_WIDTH, LANE_TOP_PAD, ROW_GAP } from './constants';

/** The laid-out graph, nodes in model order. */
export interface Graph {
  n: number;
  width: number[];
  height: number[];
  lane: Int32Array;
  phase: Int32Array;
  /** 1 for a step kept where the user pinned it: it takes part in layering but gets no cell. */
  pinned: Uint8Array;
  /** Forward edges only (loops back already reversed, no self loops). */
  from: number[];
  to: number[];
}

export interface Columns {
  /** Column of every node; -1 for pinned nodes. */
  col: Int32Array;
  count: number;
  /** Phase index of every column (non-decreasing). */
  phase: number[];
  width: number[];
  /** True for the placeholder column of a phase without laid-out steps. */
  empty: boolean[];
}

/**
 * Splits ELK's layers by phase: phase k's columns all come before phase k+1's, and inside a
 * phase ELK's layer order is kept. Each phase gets at least one column (an empty one shows an
 * empty phase). Before that, layers are pushed so that every same-phase forward edge goes to a
 * strictly later layer, which ELK's output already satisfies unless packing merged layers.
 */
export function assignColumns(g: Graph, elkLayer: Int32Array, phaseCount: number): Columns {
  const level = Int32Array.from(elkLayer);
  const indeg = new Int32Array(g.n);
  const out: number[][] = Array.from({ length: g.n }, () => []);
  g.from.forEach((u, e) => {
    out[u]!.push(g.to[e]!);
    indeg[g.to[e]!]!++;
  });
  const queue: number[] = [];
  for (let i = 0; i < g.n; i++) if (indeg[i] === 0) queue.push(i);
  for (let q = 0; q < queue.length; q++) {
    const u = queue[q]!;
    for (const v of out[u]!) {
      if (g.phase[v] === g.phase[u] && level[v]! <= level[u]!) level[v] = level[u]! + 1;
      if (--indeg[v]! === 0) queue.push(v);
    }
  }
  const perPhase: Set<number>[] = Array.from({ length: Math.max(1, phaseCount) }, () => new Set());
  for (let i = 0; i < g.n; i++) if (!g.pinned[i]) perPhase[g.phase[i]!]!.add(level[i]!);
  const col = new Int32Array(g.n).fill(-1);
  const phase: number[] = [];
  const width: number[] = [];
  const empty: boolean[] = [];
  const lookup = perPhase.map(() => new Map<number, number>());
  perPhase.forEach((levels, p) => {
    const sorted = [...levels].sort((a, b) => a - b);
    if (sorted.length === 0) {
      phase.push(p);
      width.push(EMPTY_PHASE_WIDTH);
      empty.push(true);
    }
    for (const l of sorted) {
      lookup[p]!.set(l, phase.length);
      phase.push(p);
      width.push(0);
      empty.push(false);
    }
  });
  for (let i = 0; i < g.n; i++) {
    if (g.pinned[i]) continue;
    const c = lookup[g.phase[i]!]!.get(level[i]!)!;
    col[i] = c;
    width[c] = Math.max(width[c]!, g.width[i]!);
  }
  return { col, count: phase.length, phase, width, empty };
}

export interface Rows {
  /** Row of every node inside its lane; -1 for pinned nodes. */
  row: Int32Array;
  /** Number of rows per lane. */
  laneRows: number[];
  /** Height of one row per lane: its tallest laid-out step, so centres line up across columns. */
  rowHeight: number[];
  /** y of every laid-out node relative to its lane top (pinned nodes: unchanged, filled by caller). */
  y: Float64Array;
}

/** Key of a (lane, column) cell in `blocked`. */
export function cellKey(lane: number, col: number, laneCount: number): number {
  return col * laneCount + lane;
}

/**
 * Stacks the steps of each (lane, column) cell one below another in ELK's in-layer order.
 * A step prefers the row of its highest same-lane predecessor, so chains stay on one
 * horizontal line and their flows are straight. Rows in `blocked` are skipped (pinned steps).
 */
export function assignRows(g: Graph, cols: Columns, elkY: Float64Array, laneCount: number, blocked: Map<number, Set<number>>): Rows {
  const preds: number[][] = Array.from({ length: g.n }, () => []);
  g.from.forEach((u, e) => preds[g.to[e]!]!.push(u));
  const byCol: number[][] = Array.from({ length: cols.count }, () => []);
  for (let i = 0; i < g.n; i++) if (cols.col[i]! >= 0) byCol[cols.col[i]!]!.push(i);
  const row = new Int32Array(g.n).fill(-1);
  const laneRows = new Array<number>(laneCount).fill(0);
  const rowHeight = new Array<number>(laneCount).fill(0);
  for (let c = 0; c < cols.count; c++) {
    const nodes = byCol[c]!.sort((a, b) => g.lane[a]! - g.lane[b]! || elkY[a]! - elkY[b]! || a - b);
    let lastLane = -1;
    let last = -1;
    for (const i of nodes) {
      const lane = g.lane[i]!;
      if (lane !== lastLane) {
        lastLane = lane;
        last = -1;
      }
      let desired = Infinity;
      for (const p of preds[i]!) if (g.lane[p] === lane && row[p]! >= 0 && cols.col[p]! < c) desired = Math.min(desired, row[p]!);
      let r = Math.max(desired === Infinity ? 0 : desired, last + 1);
      const block = blocked.get(cellKey(lane, c, laneCount));
      while (block?.has(r)) r++;
      row[i] = r;
      last = r;
      laneRows[lane] = Math.max(laneRows[lane]!, r + 1);
      rowHeight[lane] = Math.max(rowHeight[lane]!, g.height[i]!);
    }
  }
  const y = new Float64Array(g.n);
  for (let i = 0; i < g.n; i++) {
    if (row[i]! < 0) continue;
    const rh = rowHeight[g.lane[i]!]!;
    y[i] = slotTop(row[i]!, rh) + (rh - g.height[i]!) / 2;
  }
  return { row, laneRows, rowHeight, y };
}

/** Top of row `r` relative to its lane top. */
export function slotTop(r: number, rowHeight: number): number {
  return LANE_TOP_PAD + r * (rowHeight + ROW_GAP);
}
