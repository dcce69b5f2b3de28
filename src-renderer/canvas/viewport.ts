/**
 * Where the map opens: all of it if it fits at a readable size, otherwise its beginning (the
 * lane names and first steps) at the smallest readable zoom. The minimap shows the rest.
 */
import type { Viewport } from '@xyflow/react';
import { LANE_LEFT, laneBoxes, stepPositions, stepSize } from '../../shared/model/geometry';
import type { MapDoc } from '../../shared/model/types';

export const READABLE_ZOOM = 0.6;
const MARGIN = 24;

export function openingViewport(doc: MapDoc, pane: { width: number; height: number }): Viewport {
  const lanes = laneBoxes(doc);
  const positions = stepPositions(doc, lanes);
  let right = 0;
  for (const s of Object.values(doc.steps)) right = Math.max(right, positions.get(s.id)!.x + stepSize(s).width);
  const bottom = lanes.length ? lanes[lanes.length - 1]!.top + lanes[lanes.length - 1]!.height : 0;
  const width = right - LANE_LEFT + 2 * MARGIN;
  const height = bottom + 2 * MARGIN;
  const fit = Math.min(1, pane.width / width, pane.height / height);
  const zoom = Math.max(READABLE_ZOOM, fit);
  const x = fit >= READABLE_ZOOM ? (pane.width - (right - LANE_LEFT) * zoom) / 2 - LANE_LEFT * zoom : MARGIN - LANE_LEFT * zoom;
  const y = height * zoom <= pane.height ? (pane.height - bottom * zoom) / 2 : MARGIN;
  return { x, y, zoom };
}
