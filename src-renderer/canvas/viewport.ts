/**
 * Where the map opens: all of it if it fits at a readable size, otherwise its beginning (the
 * lane names and first steps) at the smallest readable zoom. The minimap shows the rest.
 */
import type { ReactFlowInstance, Viewport } from '@xyflow/react';
import { LANE_LEFT, mapGeometry, PHASE_HEADER_HEIGHT, stepSize } from '../../shared/model/geometry';
import type { MapDoc } from '../../shared/model/types';

export const READABLE_ZOOM = 0.6;
const MARGIN = 24;

export function openingViewport(doc: MapDoc, pane: { width: number; height: number }): Viewport {
  const g = mapGeometry(doc);
  if (Object.keys(doc.steps).length === 0) return { x: MARGIN - LANE_LEFT, y: MARGIN + (g.columns.length ? PHASE_HEADER_HEIGHT : 0), zoom: 1 };
  const top = g.columns.length ? PHASE_HEADER_HEIGHT : 0;
  const right = g.right;
  const bottom = g.bottom + top;
  const width = right - LANE_LEFT + 2 * MARGIN;
  const height = bottom + 2 * MARGIN;
  const fit = Math.min(1, pane.width / width, pane.height / height);
  const zoom = Math.max(READABLE_ZOOM, fit);
  const x = fit >= READABLE_ZOOM ? (pane.width - (right - LANE_LEFT) * zoom) / 2 - LANE_LEFT * zoom : MARGIN - LANE_LEFT * zoom;
  const y = (height * zoom <= pane.height ? (pane.height - bottom * zoom) / 2 : MARGIN) + top * zoom;
  return { x, y, zoom };
}

/** Pans (keeping the zoom) so that a step is in view, e.g. one just added off-screen. */
export function revealStep(flow: ReactFlowInstance, doc: MapDoc, stepId: string) {
  const step = doc.steps[stepId];
  const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
  if (!step || !pane) return;
  const pos = mapGeometry(doc).positions.get(stepId)!;
  const size = stepSize(step);
  const { x, y, zoom } = flow.getViewport();
  const left = pos.x * zoom + x;
  const top = pos.y * zoom + y;
  const inView = left >= 0 && top >= 0 && left + size.width * zoom <= pane.width && top + size.height * zoom <= pane.height;
  if (!inView) void flow.setCenter(pos.x + size.width / 2, pos.y + size.height / 2, { zoom, duration: 250 });
}
