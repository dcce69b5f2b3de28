/**
 * Routes for imported flows the drawing cannot give (QA 14, item 6). Another tool's waypoints
 * meet a shape at any side; Lanemap's flows leave a card at the middle of its right side and
 * enter the next at the middle of its left side, and its cards are wider than BPMN's shapes. So
 * waypoints rarely fit the placed cards, and without a route the canvas and the exports draw a
 * flow out right, across at half way, in left: on an imported drawing that line often runs
 * through another card (MIWG B.1.0), its arrowhead hidden behind it.
 *
 * Here, after placing: a flow whose simple line would cross another step's card gets a stored
 * orthogonal route that crosses none (from its source's right-middle to its target's
 * left-middle, as the canvas wants), found among few candidates (one turn in a free column,
 * or out, along a free corridor, and in); when none is free, the simple line stays. Pure.
 */
import { flowPoints } from '../../../export/svg';
import { BoxIndex, routeHit, simplify, type Box } from '../../../layout/boxes';
import type { Point } from '../../../model/types';

/** The room out of a card before the first turn, and before the target (the canvas's offset is 24). */
const STUB = 24;
/** Free lines are looked for this far from cards. */
const CLEAR = 14;
/** Candidates tried per side (columns and corridors nearest the flow). */
const TRIES = 10;

export interface RouteEnds {
  id: string;
  from: Box;
  to: Box;
}

/** The simple line the canvas and the SVG draw without a route (the SVG's own). */
function simpleLine(from: Box, to: Box): Point[] {
  const box = (b: Box) => ({ x: b.left, y: b.top, width: b.right - b.left, height: b.bottom - b.top });
  return flowPoints({ id: '', fromStepId: '', toStepId: '', label: '' }, box(from), box(to));
}

/**
 * For each flow whose simple line crosses a card (its own ends' cards included, as the canvas
 * draws them), a route crossing none, when one of the candidates is free. `boxes` are all cards.
 */
export function clearRoutes(flows: RouteEnds[], boxes: Box[]): Map<string, Point[]> {
  const out = new Map<string, Point[]>();
  if (flows.length === 0) return out;
  const index = new BoxIndex(boxes);
  // free columns (x) and corridors (y): just beside every card, sorted
  const xs = uniqueSorted(boxes.flatMap((b) => [b.left - CLEAR, b.right + CLEAR]));
  let top = Infinity;
  let bottom = -Infinity;
  for (const b of boxes) {
    top = Math.min(top, b.top);
    bottom = Math.max(bottom, b.bottom);
  }
  const ys = uniqueSorted([...boxes.flatMap((b) => [b.top - CLEAR, b.bottom + CLEAR]), top - 2 * CLEAR, bottom + 2 * CLEAR]);
  for (const f of flows) {
    const s = { x: f.from.right, y: (f.from.top + f.from.bottom) / 2 };
    const t = { x: f.to.left, y: (f.to.top + f.to.bottom) / 2 };
    if (routeHit(simpleLine(f.from, f.to), index) < 0) continue;
    const route = search(s, t, xs, ys, index);
    if (route) out.set(f.id, route.map((p) => ({ x: Math.round(p.x * 10) / 10, y: Math.round(p.y * 10) / 10 })));
  }
  return out;
}

function search(s: Point, t: Point, xs: number[], ys: number[], index: BoxIndex): Point[] | undefined {
  const candidates: Point[][] = [];
  // one turn in a column between the two
  if (t.x - s.x >= 2 * STUB) {
    const cols = around(xs, s.x + STUB, t.x - STUB, (s.x + t.x) / 2);
    for (const x of [s.x + STUB, t.x - STUB, ...cols]) candidates.push([s, { x, y: s.y }, { x, y: t.y }, t]);
  }
  // out, along a corridor, in: the corridor nearest both ends first, the columns nearest each end
  const rows = around(ys, -Infinity, Infinity, (s.y + t.y) / 2);
  const outs = [s.x + STUB, ...around(xs, s.x + STUB, Infinity, s.x + STUB)].slice(0, 4);
  const ins = [t.x - STUB, ...around(xs, -Infinity, t.x - STUB, t.x - STUB)].slice(0, 4);
  for (const y of rows) for (const xa of outs) for (const xb of ins) candidates.push([s, { x: xa, y: s.y }, { x: xa, y }, { x: xb, y }, { x: xb, y: t.y }, t]);
  let best: Point[] | undefined;
  let bestCost = Infinity;
  for (const c of candidates) {
    const route = simplify(c);
    const cost = lengthOf(route) + 40 * route.length;
    if (cost >= bestCost || routeHit(route, index) >= 0) continue;
    best = route;
    bestCost = cost;
  }
  return best;
}

/** Up to TRIES of the sorted `values` within [lo, hi], nearest `to` first (a binary search, then outwards). */
function around(values: number[], lo: number, hi: number, to: number): number[] {
  let a = 0;
  let b = values.length;
  while (a < b) {
    const m = (a + b) >> 1;
    if (values[m]! < to) a = m + 1;
    else b = m;
  }
  const out: number[] = [];
  let left = a - 1;
  let right = a;
  while (out.length < TRIES && (left >= 0 || right < values.length)) {
    const l = left >= 0 ? values[left]! : undefined;
    const r = right < values.length ? values[right]! : undefined;
    const takeRight = l === undefined || (r !== undefined && r - to <= to - l);
    const v = takeRight ? r! : l;
    if (takeRight) right++;
    else left--;
    if (v < lo) {
      if (takeRight) continue;
      left = -1;
      continue;
    }
    if (v > hi) {
      if (!takeRight) continue;
      right = values.length;
      continue;
    }
    out.push(v);
  }
  return out;
}

function uniqueSorted(values: number[]): number[] {
  return [...new Set(values.map((v) => Math.round(v)))].sort((a, b) => a - b);
}

function lengthOf(points: Point[]): number {
  let n = 0;
  for (let i = 1; i < points.length; i++) n += Math.abs(points[i]!.x - points[i - 1]!.x) + Math.abs(points[i]!.y - points[i - 1]!.y);
  return n;
}
