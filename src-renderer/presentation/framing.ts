/**
 * Where the presentation's camera goes: a step centred in the part of the window the card
 * leaves free, at a zoom where 13 px titles read as 20 px or more; a phase column or the
 * whole map fitted into that same area. Pure geometry (screen coordinates of the canvas).
 */
import type { Viewport } from '@xyflow/react';
import { PHASE_HEADER_HEIGHT, stepSize, type MapGeometry } from '../../shared/model/geometry';
import type { MapDoc } from '../../shared/model/types';
import { isDown, phaseHeaderSize, screenBounds, toScreen } from '../canvas/frame';
import { MIN_ZOOM } from '../canvas/viewport';

export interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** 13 px titles × 1.55 ≈ 20 px: the least for a room; bigger screens get more, up to 2×. */
export const MIN_READING_ZOOM = 1.55;
const MAX_READING_ZOOM = 2;
/** Canvas px around the current step worth seeing: its neighbours along the flow. */
const CONTEXT_WIDTH = 520;
const CONTEXT_HEIGHT = 450;

export function stepRect(doc: MapDoc, g: MapGeometry, stepId: string): Area | null {
  const step = doc.steps[stepId];
  const at = g.positions.get(stepId);
  if (!step || !at) return null;
  const p = toScreen(isDown(doc), at);
  return { x: p.x, y: p.y, ...stepSize(step) };
}

/** A phase column with its header, across every lane (a row when the map reads top to bottom). */
export function phaseRect(doc: MapDoc, g: MapGeometry, phaseId: string | null): Area | null {
  const column = g.columns.find((c) => (c.phase?.id ?? null) === phaseId);
  if (!column) return null;
  const head = phaseHeaderSize(doc, g);
  const frame = { x: column.left, y: -head, width: column.width, height: g.bottom + head };
  return isDown(doc) ? { x: frame.y, y: frame.x, width: frame.height, height: frame.width } : frame;
}

export function mapRect(doc: MapDoc, g: MapGeometry): Area {
  return screenBounds(doc, g);
}

/** The zoom for walking: readable from the back of a room, showing some of the way on. */
export function readingZoom(free: Area, step: Area | null): number {
  let zoom = Math.min(MAX_READING_ZOOM, Math.max(MIN_READING_ZOOM, Math.min(free.height / CONTEXT_HEIGHT, free.width / CONTEXT_WIDTH)));
  // a very tall card (a long title) still fits, if the window allows it at a readable size
  if (step) zoom = Math.max(MIN_READING_ZOOM, Math.min(zoom, (free.height * 0.85) / step.height, (free.width * 0.85) / step.width));
  return zoom;
}

/** `rect`'s centre at the centre of `free`. */
export function centreOn(rect: Area, free: Area, zoom: number): Viewport {
  return {
    x: free.x + free.width / 2 - (rect.x + rect.width / 2) * zoom,
    y: free.y + free.height / 2 - (rect.y + rect.height / 2) * zoom,
    zoom,
  };
}

/**
 * A step's lane name sits at the top of its lane (it follows the view only sideways): when
 * centring the step would hide it under the top edge (or the phase names pinned there), the
 * view moves down as far as the step still fits, so the room can read whose step it is.
 */
export function keepLaneNameInView(viewport: Viewport, doc: MapDoc, g: MapGeometry, stepId: string, free: Area): Viewport {
  const step = doc.steps[stepId];
  const lane = step && g.lanes.find((l) => l.role.id === step.roleId);
  const rect = stepRect(doc, g, stepId);
  if (isDown(doc) || !lane || !rect) return viewport;
  const band = g.columns.length ? PHASE_HEADER_HEIGHT * viewport.zoom : 0;
  const want = free.y + band + 8 - (lane.top * viewport.zoom + viewport.y);
  if (want <= 0) return viewport;
  const room = free.y + free.height - 8 - ((rect.y + rect.height) * viewport.zoom + viewport.y);
  return { ...viewport, y: viewport.y + Math.max(0, Math.min(want, room)) };
}

/** All of `rect` inside `free` with a margin, never magnified past `maxZoom`. */
export function fitInto(rect: Area, free: Area, maxZoom: number, margin = 32): Viewport {
  const zoom = Math.max(MIN_ZOOM, Math.min(maxZoom, (free.width - 2 * margin) / Math.max(rect.width, 1), (free.height - 2 * margin) / Math.max(rect.height, 1)));
  return centreOn(rect, free, zoom);
}

/**
 * The part of the pane not covered by the top bar and the card: left of the card when it
 * stands on the right, above it when it lies along the bottom (a narrow window).
 */
export function freeArea(pane: DOMRect, card: DOMRect | null, topBar: DOMRect | null): Area {
  const top = topBar ? Math.max(0, topBar.bottom - pane.top) : 0;
  let right = pane.width;
  let bottom = pane.height;
  if (card) {
    if (card.left - pane.left > pane.width * 0.35) right = card.left - pane.left;
    else bottom = Math.min(bottom, card.top - pane.top);
  }
  return { x: 0, y: top, width: Math.max(1, right), height: Math.max(1, bottom - top) };
}
