/**
 * Drawing an orthogonal route: an SVG path with softly rounded corners, and the point halfway
 * along it (for the flow's label). Shared by the canvas and, later, the exports.
 */
import type { Point } from './types';

/** SVG path data through `points` with corners rounded by up to `radius`. */
export function roundedPath(points: Point[], radius = 8): string {
  if (points.length === 0) return '';
  const f = (n: number) => Math.round(n * 10) / 10;
  let d = `M ${f(points[0]!.x)} ${f(points[0]!.y)}`;
  for (let i = 1; i < points.length - 1; i++) {
    const prev = points[i - 1]!;
    const p = points[i]!;
    const next = points[i + 1]!;
    const r = Math.min(radius, dist(prev, p) / 2, dist(p, next) / 2);
    const a = toward(p, prev, r);
    const b = toward(p, next, r);
    d += ` L ${f(a.x)} ${f(a.y)} Q ${f(p.x)} ${f(p.y)} ${f(b.x)} ${f(b.y)}`;
  }
  const last = points[points.length - 1]!;
  return `${d} L ${f(last.x)} ${f(last.y)}`;
}

/** The point halfway along the polyline. */
export function midpoint(points: Point[]): Point {
  const total = points.slice(1).reduce((sum, p, i) => sum + dist(points[i]!, p), 0);
  let left = total / 2;
  for (let i = 1; i < points.length; i++) {
    const seg = dist(points[i - 1]!, points[i]!);
    if (left <= seg && seg > 0) return toward(points[i - 1]!, points[i]!, left);
    left -= seg;
  }
  return points[0] ?? { x: 0, y: 0 };
}

/** True when every segment is horizontal or vertical. */
export function isOrthogonal(points: Point[], tolerance = 0.5): boolean {
  return points.slice(1).every((p, i) => Math.abs(p.x - points[i]!.x) <= tolerance || Math.abs(p.y - points[i]!.y) <= tolerance);
}

function dist(a: Point, b: Point) {
  return Math.hypot(b.x - a.x, b.y - a.y);
}
function toward(from: Point, to: Point, by: number): Point {
  const d = dist(from, to);
  return d === 0 ? { ...from } : { x: from.x + ((to.x - from.x) * by) / d, y: from.y + ((to.y - from.y) * by) / d };
}
