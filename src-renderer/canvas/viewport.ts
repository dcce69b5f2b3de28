/**
 * Where the map opens: all of it if it fits at a readable size, otherwise its beginning (the
 * lane names and first steps) at the smallest readable zoom. The minimap shows the rest.
 */
import type { ReactFlowInstance, Viewport } from '@xyflow/react';
import { stepSize } from '../../shared/model/geometry';
import type { MapDoc } from '../../shared/model/types';
import { isDown, screenBounds, toScreen, geometryOf } from './frame';

export const READABLE_ZOOM = 0.6;
/** Below this a card's 13 px title is under 5 px on screen (the overview's threshold, overview.ts). */
export const LEGIBLE_ZOOM = 0.4;
/** Far enough out for a 2,000-step map to fit a window (the overview draws it as one picture). */
export const MIN_ZOOM = 0.002;
const MARGIN = 24;

export function openingViewport(doc: MapDoc, pane: { width: number; height: number }): Viewport {
  const b = screenBounds(doc, geometryOf(doc));
  if (Object.keys(doc.steps).length === 0) return { x: MARGIN - b.x, y: MARGIN - b.y, zoom: 1 };
  const fit = Math.min(1, pane.width / (b.width + 2 * MARGIN), pane.height / (b.height + 2 * MARGIN));
  const zoom = Math.max(READABLE_ZOOM, fit);
  // per axis: centred when it fits, else from its start (lane names, first phase)
  const place = (start: number, extent: number, room: number) => (extent * zoom <= room ? (room - extent * zoom) / 2 - start * zoom : MARGIN - start * zoom);
  const view = { x: place(b.x, b.width, pane.width), y: place(b.y, b.height, pane.height), zoom };
  // across the lanes, the first step along the flow is brought into view (it may sit in a lane far down)
  const g = geometryOf(doc);
  const down = isDown(doc);
  let first: { id: string; along: number } | null = null;
  for (const [id, at] of g.positions) if (!first || at.x < first.along) first = { id, along: at.x };
  const step = first && doc.steps[first.id];
  if (!step) return view;
  const at = toScreen(down, g.positions.get(step.id)!);
  const size = stepSize(step);
  // along the flow: a first step beyond the right (bottom) edge is brought a third of the way in
  const [along, alongExtent, alongRoom, alongKey] = down ? [at.y, size.height, pane.height, 'y' as const] : [at.x, size.width, pane.width, 'x' as const];
  if (along * zoom + view[alongKey] + alongExtent * zoom > alongRoom) view[alongKey] = Math.min(view[alongKey], alongRoom / 3 - along * zoom);
  const [pos, extent, room, key] = down ? [at.x, size.width, pane.width, 'x' as const] : [at.y, size.height, pane.height, 'y' as const];
  const onScreen = pos * zoom + view[key];
  if (onScreen >= 0 && onScreen + extent * zoom <= room) return view;
  // centred across, but never past the map's own start
  const start = down ? b.x : b.y;
  view[key] = Math.min(MARGIN - start * zoom, room / 2 - (pos + extent / 2) * zoom);
  return view;
}

/** The whole map centred in the pane, never magnified past 100% (an empty map shows its lanes). */
export function fitViewport(doc: MapDoc, pane: { width: number; height: number }): Viewport {
  const b = screenBounds(doc, geometryOf(doc));
  const zoom = Math.max(MIN_ZOOM, Math.min(1, pane.width / (b.width + 2 * MARGIN), pane.height / (b.height + 2 * MARGIN)));
  return { x: (pane.width - b.width * zoom) / 2 - b.x * zoom, y: (pane.height - b.height * zoom) / 2 - b.y * zoom, zoom };
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
