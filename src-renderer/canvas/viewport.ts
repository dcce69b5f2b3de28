/**
 * The canvas's views: where a map opens, the whole map (0), a step brought into view.
 */
import type { ReactFlowInstance, Viewport } from '@xyflow/react';
import { LANE_HEADER_WIDTH, stepSize } from '../../shared/model/geometry';
import type { MapDoc } from '../../shared/model/types';
import { isDown, screenBounds, toScreen, geometryOf } from './frame';

export const READABLE_ZOOM = 0.6;
/** Below this a card's 13 px title is under 5 px on screen (the overview's threshold, overview.ts). */
export const LEGIBLE_ZOOM = 0.4;
/** Far enough out for a 2,000-step map to fit a window (the overview draws it as one picture). */
export const MIN_ZOOM = 0.002;
const MARGIN = 24;

/**
 * The frozen lane-name column's width on screen, in CSS pixels, at every zoom (LaneHeaders.tsx
 * draws it; the canvas also sets it as the CSS variable --lane-header-width on `.lane-headers`).
 * A little narrower than the lane's own header area at 100 % (168), so that a map such as the
 * 13-step sample still fits a 1920×1080 window beside both panels at a zoom where titles read.
 */
export const LANE_COLUMN_WIDTH = 144;
export function laneColumnWidth(): number {
  return LANE_COLUMN_WIDTH;
}

/**
 * Where the map opens: all of it when it fits at a zoom where step titles still read
 * (LEGIBLE_ZOOM), otherwise its beginning (lane names, first steps) at that same zoom, the
 * lowest that still reads, so as much of the map as can be read is on screen, the minimap
 * showing the rest. The lane-name column keeps its screen width at any zoom, so the
 * room is reckoned with it: at the opening view it never covers a step.
 */
export function openingViewport(doc: MapDoc, pane: { width: number; height: number }): Viewport {
  const b = screenBounds(doc, geometryOf(doc));
  if (Object.keys(doc.steps).length === 0) return { x: MARGIN - b.x, y: MARGIN - b.y, zoom: 1 };
  const down = isDown(doc);
  const fit = fitZoom(doc, pane);
  const fits = fit >= LEGIBLE_ZOOM;
  const view = placed(doc, pane, fits ? fit : LEGIBLE_ZOOM);
  if (fits) return view;
  const { zoom } = view;
  const key = down ? ('y' as const) : ('x' as const);
  const [alongRoom, acrossStart, acrossRoom] = down ? [pane.height, b.x, pane.width] : [pane.width, b.y, pane.height];
  // across the lanes, the first step along the flow is brought into view (it may sit in a lane far down)
  const g = geometryOf(doc);
  let first: { id: string; along: number } | null = null;
  for (const [id, at] of g.positions) if (!first || at.x < first.along) first = { id, along: at.x };
  const step = first && doc.steps[first.id];
  if (!step) return view;
  const at = toScreen(down, g.positions.get(step.id)!);
  const size = stepSize(step);
  // along the flow: a first step beyond the right (bottom) edge is brought a third of the way in
  const [along, stepAlong] = down ? [at.y, size.height] : [at.x, size.width];
  if (along * zoom + view[key] + stepAlong * zoom > alongRoom) view[key] = Math.min(view[key], alongRoom / 3 - along * zoom);
  const acrossKey = down ? ('x' as const) : ('y' as const);
  const [pos, extent] = down ? [at.x, size.width] : [at.y, size.height];
  const onScreen = pos * zoom + view[acrossKey];
  if (onScreen >= 0 && onScreen + extent * zoom <= acrossRoom) return view;
  // centred across, but never past the map's own start
  view[acrossKey] = Math.min(MARGIN - acrossStart * zoom, acrossRoom / 2 - (pos + extent / 2) * zoom);
  return view;
}

/** The zoom at which the whole map fits the pane beside the lane-name column (never past 100 %). */
function fitZoom(doc: MapDoc, pane: { width: number; height: number }): number {
  const b = screenBounds(doc, geometryOf(doc));
  const [alongExtent, alongRoom, acrossExtent, acrossRoom] = isDown(doc) ? [b.height, pane.height, b.width, pane.width] : [b.width, pane.width, b.height, pane.height];
  const rest = Math.max(1, alongExtent - LANE_HEADER_WIDTH);
  return Math.min(1, (alongRoom - 2 * MARGIN - LANE_COLUMN_WIDTH) / rest, (acrossRoom - 2 * MARGIN) / acrossExtent);
}

/**
 * The map at `zoom`, centred on each axis where it fits, else from its start; along the lanes
 * the name column (LANE_COLUMN_WIDTH on screen) is placed first and the steps after it.
 */
function placed(doc: MapDoc, pane: { width: number; height: number }, zoom: number): Viewport {
  const b = screenBounds(doc, geometryOf(doc));
  const down = isDown(doc);
  const [alongStart, alongExtent, alongRoom] = down ? [b.y, b.height, pane.height] : [b.x, b.width, pane.width];
  const [acrossStart, acrossExtent, acrossRoom] = down ? [b.x, b.width, pane.width] : [b.y, b.height, pane.height];
  const drawn = LANE_COLUMN_WIDTH + Math.max(1, alongExtent - LANE_HEADER_WIDTH) * zoom;
  const column = drawn <= alongRoom ? (alongRoom - drawn) / 2 : MARGIN;
  // the lanes start where their header area ends at the column's right edge (or the column starts there when zoomed in)
  const laneStart = column + Math.max(0, LANE_COLUMN_WIDTH - LANE_HEADER_WIDTH * zoom);
  const across = acrossExtent * zoom <= acrossRoom ? (acrossRoom - acrossExtent * zoom) / 2 - acrossStart * zoom : MARGIN - acrossStart * zoom;
  return down ? { x: across, y: laneStart - alongStart * zoom, zoom } : { x: laneStart - alongStart * zoom, y: across, zoom };
}

/** The whole map in the pane beside the lane-name column, never magnified past 100% (an empty map shows its lanes). */
export function fitViewport(doc: MapDoc, pane: { width: number; height: number }): Viewport {
  return placed(doc, pane, Math.max(MIN_ZOOM, fitZoom(doc, pane)));
}

/** Pans (keeping the zoom) so that a step is in view, e.g. one just added off-screen. */
export function revealStep(flow: ReactFlowInstance, doc: MapDoc, stepId: string) {
  const step = doc.steps[stepId];
  const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
  if (!step || !pane) return;
  const pos = toScreen(isDown(doc), geometryOf(doc).positions.get(stepId)!);
  const size = stepSize(step);
  const { x, y, zoom } = flow.getViewport();
  const left = pos.x * zoom + x;
  const top = pos.y * zoom + y;
  const inView = left >= 0 && top >= 0 && left + size.width * zoom <= pane.width && top + size.height * zoom <= pane.height;
  // zoomed out past reading (the whole map, say): in to where its title reads, not a speck found
  const readable = zoom >= LEGIBLE_ZOOM;
  if (!inView || !readable) void flow.setCenter(pos.x + size.width / 2, pos.y + size.height / 2, { zoom: readable ? zoom : READABLE_ZOOM, duration: 250 });
}
