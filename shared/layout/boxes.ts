/**
 * Step boxes on the canvas and the geometric checks routes need: handle points, "does this
 * segment pass through a step", orthogonality. Shared by routing and validation.
 */
import type { Point } from '../model/types';

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Where a flow leaves a step: the middle of its right side. */
export function outHandle(b: Box): Point {
  return { x: b.right, y: (b.top + b.bottom) / 2 };
}

/** Where a flow enters a step: the middle of its left side. */
export function inHandle(b: Box): Point {
  return { x: b.left, y: (b.top + b.bottom) / 2 };
}

/** Half a pixel of slack so touching an edge (a handle, a track on a boundary) is not a hit. */
const EPS = 0.5;

/** A bucket grid over x: routes are mostly long horizontal lines, maps are wide, not tall. */
export class BoxIndex {
  private readonly cells = new Map<number, number[]>();
  private static readonly CELL = 512;
  readonly boxes: Box[];

  // (no parameter property: the bench runs this file with Node's type stripping)
  constructor(boxes: Box[]) {
    this.boxes = boxes;
    boxes.forEach((b, i) => {
      for (let c = Math.floor(b.left / BoxIndex.CELL); c <= Math.floor(b.right / BoxIndex.CELL); c++) {
        const list = this.cells.get(c);
        if (list) list.push(i);
        else this.cells.set(c, [i]);
      }
    });
  }

  /** Index of a box whose interior the axis-parallel segment a-b crosses, or -1. */
  hit(a: Point, b: Point): number {
    const x1 = Math.min(a.x, b.x);
    const x2 = Math.max(a.x, b.x);
    const y1 = Math.min(a.y, b.y);
    const y2 = Math.max(a.y, b.y);
    const c2 = Math.floor(x2 / BoxIndex.CELL);
    for (let c = Math.floor(x1 / BoxIndex.CELL); c <= c2; c++) {
      for (const i of this.cells.get(c) ?? []) {
        const box = this.boxes[i]!;
        if (x2 > box.left + EPS && x1 < box.right - EPS && y2 > box.top + EPS && y1 < box.bottom - EPS) return i;
      }
    }
    return -1;
  }
}

/** True when every segment is horizontal or vertical. */
export function isOrthogonal(points: Point[]): boolean {
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    if (a.x !== b.x && a.y !== b.y) return false;
  }
  return true;
}

/** Index of the first segment that crosses a step box, or -1; the route's own steps count too. */
export function routeHit(points: Point[], index: BoxIndex): number {
  for (let i = 1; i < points.length; i++) {
    const hit = index.hit(points[i - 1]!, points[i]!);
    if (hit >= 0) return hit;
  }
  return -1;
}

/** Drops repeated points and middle points of straight runs, keeping both ends exactly. */
export function simplify(points: Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && last.x === p.x && last.y === p.y) continue;
    const prev = out[out.length - 2];
    if (last && prev && ((prev.x === last.x && last.x === p.x) || (prev.y === last.y && last.y === p.y))) {
      // `last` lies on the straight line prev-p only if it does not turn back
      const between = prev.x === last.x ? (last.y - prev.y) * (p.y - last.y) >= 0 : (last.x - prev.x) * (p.x - last.x) >= 0;
      if (between) out[out.length - 1] = p;
      else out.push(p);
      continue;
    }
    out.push(p);
  }
  return out;
}
