/**
 * From the map's own frame (x along the flow, y across the lanes) to the screen and back. A
 * left-to-right map is drawn as it is; a top-to-bottom map is drawn transposed, so lanes
 * become columns and phases become rows, with cards the right way up.
 */
import { LANE_LEFT, mapGeometry, PHASE_HEADER_HEIGHT, type MapGeometry } from '../../shared/model/geometry';
import type { MapDoc, Point } from '../../shared/model/types';

/** In a top-to-bottom map the phase names sit in a column on the left: it needs more room. */
export const PHASE_HEADER_DOWN = 150;

export const isDown = (doc: Pick<MapDoc, 'direction'>) => doc.direction === 'down';

/** Frame point to screen point (and back: the transposition is its own inverse). */
export function toScreen(down: boolean, p: Point): Point {
  return down ? { x: p.y, y: p.x } : p;
}
export const toFrame = toScreen;

/** How far the phase headers reach in front of the lanes, across the flow. */
export function phaseHeaderSize(doc: Pick<MapDoc, 'direction'>, g: MapGeometry): number {
  if (g.columns.length === 0) return 0;
  return isDown(doc) ? PHASE_HEADER_DOWN : PHASE_HEADER_HEIGHT;
}

/** The whole map on screen: lane names, phase headers, every step and column. */
export function screenBounds(doc: Pick<MapDoc, 'direction'>, g: MapGeometry): { x: number; y: number; width: number; height: number } {
  const head = phaseHeaderSize(doc, g);
  const frame = { x: LANE_LEFT, y: -head, width: g.right - LANE_LEFT, height: g.bottom + head };
  return isDown(doc) ? { x: frame.y, y: frame.x, width: frame.height, height: frame.width } : frame;
}

const geometries = new WeakMap<object, MapGeometry>();

/**
 * The map's geometry, computed once per version of the map and shared by the canvas, the
 * opening view, reveals and the presentation (the editor's maps are never changed in place:
 * every edit makes a new document).
 */
export function geometryOf(doc: MapDoc): MapGeometry {
  let g = geometries.get(doc);
  if (!g) {
    g = mapGeometry(doc);
    geometries.set(doc, g);
  }
  return g;
}
