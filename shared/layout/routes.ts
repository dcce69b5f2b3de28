/**
 * A channel router for the column/row grid. Vertical route pieces run in the channels
 * between columns (never inside a column), horizontal pieces run either along a free row or
 * in a corridor between rows (never through a row), so a route cannot cross a laid-out step.
 * Parallel pieces get their own tracks. Pinned steps are not part of the grid: routes are
 * checked against them afterwards and replaced by simple fallbacks when they collide.
 */
import type { Point } from '../model/types';
import { BAND_MARGIN, STUB, TRACK_SPACING } from './constants';
import type { Columns, Graph, Rows } from './grid';
import { BoxIndex, routeHit, simplify } from './boxes';
import { slotTop as rowSlotTop } from './grid';

/** A flow between two laid-out nodes; `back` = loop back (see classifyBackEdges). */
export interface FlowRef {
  id: string;
  u: number;
  v: number;
  back: boolean;
}

/** Free horizontal corridors between consecutive rows (of any lanes), top to bottom. */
export interface Bands {
  top: number[];
  bottom: number[];
  /** Band index above / below the row of each laid-out node (-1 for pinned nodes). */
  above: Int32Array;
  below: Int32Array;
}

/**
 * Corridors from the row slots: between every two consecutive slots, plus one above the first
 * and one below the last. Slots never overlap, so each corridor is free of laid-out steps.
 */
export function buildBands(g: Graph, rows: Rows, laneTop: number[], lanesBottom: number): Bands {
  const laneCount = laneTop.length;
  const slotIndex: number[][] = [];
  const top: number[] = [];
  const bottom: number[] = [];
  let cursor = Math.min(0, laneTop[0] ?? 0);
  let slots = 0;
  for (let l = 0; l < laneCount; l++) {
    const rh = rows.rowHeight[l]!;
    const indices: number[] = [];
    for (let r = 0; r < rows.laneRows[l]!; r++) {
      const slotTopAbs = laneTop[l]! + rowSlotTop(r, rh);
      top.push(cursor);
      bottom.push(slotTopAbs);
      indices.push(slots++);
      cursor = slotTopAbs + rh;
    }
    slotIndex.push(indices);
  }
  top.push(cursor);
  bottom.push(Math.max(lanesBottom, cursor + 2 * BAND_MARGIN + TRACK_SPACING));
  const above = new Int32Array(g.n).fill(-1);
  const below = new Int32Array(g.n).fill(-1);
  for (let i = 0; i < g.n; i++) {
    const r = rows.row[i]!;
    if (r < 0) continue;
    const s = slotIndex[g.lane[i]!]![r]!;
    above[i] = s;
    below[i] = s + 1;
  }
  return { top, bottom, above, below };
}

export type Plan =
  | { kind: 'straight' }
  | { kind: 'turn'; ch: number; track: number }
  | { kind: 'around'; chA: number; chB: number; band: number; yb: number; trackA: number; trackB: number }
  | { kind: 'generic' };

export interface Planned {
  plans: Plan[];
  /** Number of vertical tracks per channel; channel k (right of column k) is at index k + 1. */
  channelTracks: number[];
}

/**
 * Chooses each flow's shape and tracks from rows and columns only (no x needed):
 * - same row, nothing in between: a straight line;
 * - else one turn in the first channel where the source's row is free up to the channel and
 *   the target's row is free after it;
 * - else (and for every loop back) "around": out right into the channel after the source,
 *   along the corridor next to the source's row, and into the channel before the target.
 */
export function planRoutes(flows: FlowRef[], g: Graph, cols: Columns, rows: Rows, cy: Float64Array, bands: Bands): Planned {
  const occupied = new Map<number, number[]>();
  const rowKey = (lane: number, row: number): number => row * 65536 + lane;
  const order = Array.from({ length: g.n }, (_, i) => i)
    .filter((i) => cols.col[i]! >= 0)
    .sort((a, b) => cols.col[a]! - cols.col[b]!);
  for (const i of order) {
    const key = rowKey(g.lane[i]!, rows.row[i]!);
    const list = occupied.get(key);
    if (list) list.push(cols.col[i]!);
    else occupied.set(key, [cols.col[i]!]);
  }
  /** First occupied column > c in the row, or Infinity. */
  const nextOcc = (key: number, c: number): number => {
    const list = occupied.get(key);
    if (!list) return Infinity;
    const k = upperBound(list, c);
    return k < list.length ? list[k]! : Infinity;
  };
  /** Last occupied column < c in the row, or -Infinity. */
  const prevOcc = (key: number, c: number): number => {
    const list = occupied.get(key);
    if (!list) return -Infinity;
    const k = lowerBound(list, c) - 1;
    return k >= 0 ? list[k]! : -Infinity;
  };

  const plans: Plan[] = [];
  const bandJobs: { flow: number; band: number; lo: number; hi: number }[] = [];
  for (const f of flows) {
    const { u, v } = f;
    if (g.pinned[u] || g.pinned[v]) {
      plans.push({ kind: 'generic' });
      continue;
    }
    const i = cols.col[u]!;
    const j = cols.col[v]!;
    const sy = cy[u]!;
    const ty = cy[v]!;
    if (!f.back && j > i) {
      const keyS = rowKey(g.lane[u]!, rows.row[u]!);
      const keyT = rowKey(g.lane[v]!, rows.row[v]!);
      const afterS = nextOcc(keyS, i);
      if (keyS === keyT && afterS >= j) {
        plans.push({ kind: 'straight' });
        continue;
      }
      const lo = Math.max(i, prevOcc(keyT, j));
      const hi = Math.min(j - 1, afterS - 1);
      if (lo <= hi) {
        plans.push({ kind: 'turn', ch: lo, track: 0 });
        continue;
      }
    }
    const band = ty > sy ? bands.below[u]! : bands.above[u]!;
    const chA = i;
    const chB = j - 1;
    plans.push({ kind: 'around', chA, chB, band, yb: 0, trackA: 0, trackB: 0 });
    bandJobs.push({ flow: plans.length - 1, band, lo: Math.min(chA, chB), hi: Math.max(chA, chB) });
  }

  // Horizontal tracks per corridor, then their y.
  const byBand = groupBy(bandJobs, (j) => j.band);
  for (const [band, jobs] of byBand) {
    const tracks = assignTracks(jobs);
    const used = Math.max(...tracks) + 1;
    const height = bands.bottom[band]! - bands.top[band]!;
    const capacity = Math.max(1, Math.floor((height - 2 * BAND_MARGIN) / TRACK_SPACING) + 1);
    const shown = Math.min(used, capacity);
    const first = (bands.top[band]! + bands.bottom[band]!) / 2 - ((shown - 1) * TRACK_SPACING) / 2;
    jobs.forEach((job, k) => {
      const plan = plans[job.flow] as Extract<Plan, { kind: 'around' }>;
      plan.yb = first + (tracks[k]! % capacity) * TRACK_SPACING;
    });
  }

  // Vertical tracks per channel.
  const chJobs: { flow: number; slot: 'A' | 'B' | 'T'; ch: number; lo: number; hi: number }[] = [];
  plans.forEach((plan, k) => {
    const f = flows[k]!;
    const sy = cy[f.u]!;
    const ty = cy[f.v]!;
    if (plan.kind === 'turn') chJobs.push({ flow: k, slot: 'T', ch: plan.ch, lo: Math.min(sy, ty), hi: Math.max(sy, ty) });
    if (plan.kind === 'around') {
      chJobs.push({ flow: k, slot: 'A', ch: plan.chA, lo: Math.min(sy, plan.yb), hi: Math.max(sy, plan.yb) });
      chJobs.push({ flow: k, slot: 'B', ch: plan.chB, lo: Math.min(ty, plan.yb), hi: Math.max(ty, plan.yb) });
    }
  });
  const channelTracks = new Array<number>(cols.count + 1).fill(0);
  for (const [ch, jobs] of groupBy(chJobs, (j) => j.ch)) {
    const tracks = assignTracks(jobs);
    channelTracks[ch + 1] = Math.max(...tracks) + 1;
    jobs.forEach((job, k) => {
      const plan = plans[job.flow]!;
      if (plan.kind === 'turn') plan.track = tracks[k]!;
      else if (plan.kind === 'around') {
        if (job.slot === 'A') plan.trackA = tracks[k]!;
        else plan.trackB = tracks[k]!;
      }
    });
  }
  return { plans, channelTracks };
}

/** Pixel geometry of the channels once column x positions are known. */
export interface ChannelX {
  left: number[];
  width: number[];
  tracks: number[];
}

/** x of track `t` of channel `ch` (tracks are centred in the channel). */
export function trackX(ch: ChannelX, channel: number, t: number): number {
  const k = channel + 1;
  const used = Math.max(1, ch.tracks[k]!);
  return ch.left[k]! + (ch.width[k]! - (used - 1) * TRACK_SPACING) / 2 + t * TRACK_SPACING;
}

/** The polyline of a planned (non-generic) route. */
export function drawPlan(plan: Plan, s: Point, t: Point, ch: ChannelX): Point[] | undefined {
  switch (plan.kind) {
    case 'straight':
      return [s, t];
    case 'turn': {
      const x = trackX(ch, plan.ch, plan.track);
      return simplify([s, { x, y: s.y }, { x, y: t.y }, t]);
    }
    case 'around': {
      const xa = trackX(ch, plan.chA, plan.trackA);
      const xb = trackX(ch, plan.chB, plan.trackB);
      return simplify([s, { x: xa, y: s.y }, { x: xa, y: plan.yb }, { x: xb, y: plan.yb }, { x: xb, y: t.y }, t]);
    }
    default:
      return undefined;
  }
}

/**
 * Simple candidate routes for flows at pinned steps (or whose planned route hits one): one
 * turn between the two steps, else around through the corridors nearest the source. Returns
 * the first that crosses no step box.
 */
export function fallbackRoute(s: Point, t: Point, bands: Bands, index: BoxIndex): Point[] | undefined {
  const candidates: Point[][] = [];
  if (t.x - s.x >= 2 * STUB) {
    for (const x of [s.x + STUB, (s.x + t.x) / 2, t.x - STUB]) candidates.push([s, { x, y: s.y }, { x, y: t.y }, t]);
  }
  const centres = bands.top.map((top, b) => (top + bands.bottom[b]!) / 2);
  const near = centres
    .map((y, b) => ({ y, d: Math.abs(y - s.y) + Math.abs(y - t.y), b }))
    .sort((a, b) => a.d - b.d || a.b - b.b)
    .slice(0, 4);
  for (const { y } of near) {
    const xa = s.x + STUB;
    const xb = t.x - STUB;
    candidates.push([s, { x: xa, y: s.y }, { x: xa, y }, { x: xb, y }, { x: xb, y: t.y }, t]);
  }
  for (const c of candidates) {
    const route = simplify(c);
    if (routeHit(route, index) < 0) return route;
  }
  return undefined;
}

/** Greedy interval colouring: jobs sorted by start get the lowest track that is free. */
function assignTracks(jobs: { lo: number; hi: number }[]): number[] {
  const order = jobs.map((_, k) => k).sort((a, b) => jobs[a]!.lo - jobs[b]!.lo || jobs[a]!.hi - jobs[b]!.hi || a - b);
  const ends: number[] = [];
  const tracks = new Array<number>(jobs.length).fill(0);
  for (const k of order) {
    const job = jobs[k]!;
    let t = ends.findIndex((end) => end < job.lo);
    if (t < 0) {
      t = ends.length;
      ends.push(job.hi);
    } else ends[t] = job.hi;
    tracks[k] = t;
  }
  return tracks;
}

function groupBy<T>(items: T[], key: (item: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** First index with list[i] >= x. */
function lowerBound(list: number[], x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index with list[i] > x. */
function upperBound(list: number[], x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
