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

/** Where the card stands: beside the map on the right or the left, or along the bottom (a narrow window). */
export type CardSide = 'right' | 'left' | 'bottom';

/** The pane (the map's part of the window) and what covers it, in the pane's own px. */
export interface Stage {
  width: number;
  height: number;
  /** Covered at the top (a bar over the map); 0 when the pane starts below it. */
  top: number;
  /** The map reads top to bottom: the lane names are a row along the top, not a column on the left. */
  down: boolean;
  /** The lane-name column's width (a row's height on a down map) on screen at `zoom`. */
  laneBand(zoom: number): number;
}

/** Space kept between the free area and what covers the rest (the card, the lane names). */
const GAP = 12;

/**
 * The part of the pane not covered by the top bar, the lane names frozen at its left edge (its
 * top edge on a top-to-bottom map) and the card: right of the card when it stands on the left
 * (the lane names are under it then), left of it on the right, above it along the bottom.
 */
export function freeArea(stage: Stage, card: { side: CardSide; box: Area } | null, zoom: number): Area {
  let left = 0;
  let top = stage.top;
  let right = stage.width;
  let bottom = stage.height;
  const band = stage.laneBand(zoom);
  if (band > 0) {
    if (stage.down) top = Math.max(top, band + GAP);
    else left = band + GAP;
  }
  if (card) {
    if (card.side === 'right') right = Math.min(right, card.box.x - GAP);
    else if (card.side === 'left') left = Math.max(left, card.box.x + card.box.width + GAP);
    else bottom = Math.min(bottom, card.box.y - GAP);
  }
  return { x: left, y: top, width: Math.max(1, right - left), height: Math.max(1, bottom - top) };
}

/** The card's box on the other side of the pane (the same size, mirrored). */
export function mirrored(box: Area, paneWidth: number): Area {
  return { ...box, x: paneWidth - box.x - box.width };
}

export function intersects(a: Area, b: Area): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** A rectangle of the map (canvas px) on screen under `viewport`. */
export function onScreen(rect: Area, viewport: Viewport): Area {
  return { x: rect.x * viewport.zoom + viewport.x, y: rect.y * viewport.zoom + viewport.y, width: rect.width * viewport.zoom, height: rect.height * viewport.zoom };
}

/**
 * The zoom for a step in `free`: readable (see `readingZoom`), less where that still shows the
 * next steps whole with the step centred, and always small enough for the step itself to fit.
 */
export function stepZoom(free: Area, step: Area, next: Area[]): number {
  let zoom = readingZoom(free, step);
  const cx = step.x + step.width / 2;
  const cy = step.y + step.height / 2;
  let fitsNext = Infinity;
  for (const n of next) {
    const dx = Math.max(Math.abs(n.x - cx), Math.abs(n.x + n.width - cx));
    const dy = Math.max(Math.abs(n.y - cy), Math.abs(n.y + n.height - cy));
    fitsNext = Math.min(fitsNext, (free.width / 2 - GAP) / Math.max(dx, 1), (free.height / 2 - GAP) / Math.max(dy, 1));
  }
  if (fitsNext >= MIN_READING_ZOOM) zoom = Math.min(zoom, fitsNext);
  // the step whole, whatever its title: seen small beats cut off
  return Math.min(zoom, (free.width - 2 * GAP) / step.width, (free.height - 2 * GAP) / step.height);
}

export interface StepPlan {
  side: CardSide;
  viewport: Viewport;
  free: Area;
}

/**
 * Where the card stands and where the camera goes for a step: the step centred in the free area
 * at a readable zoom; the card on the side (of `sides`, the preferred first) where it covers
 * none of the next steps, else on the first.
 */
export interface CardPlace {
  side: CardSide;
  /** The card's column (kept free of the map's focus). */
  box: Area;
  /** What the card itself covers (as tall as what it says); the column when not given. */
  cover?: Area;
}

export function planStep(doc: MapDoc, g: MapGeometry, stepId: string, nextIds: string[], stage: Stage, sides: CardPlace[]): StepPlan | null {
  const step = stepRect(doc, g, stepId);
  if (!step) return null;
  const next = nextIds.filter((id) => id !== stepId).flatMap((id) => stepRect(doc, g, id) ?? []);
  let best: StepPlan | null = null;
  for (const card of sides.length ? sides : [null]) {
    // the lane names may grow with the zoom: settle the zoom and the free area together
    let zoom = MIN_READING_ZOOM;
    let free = freeArea(stage, card, zoom);
    for (let i = 0; i < 3; i++) {
      zoom = stepZoom(free, step, next);
      free = freeArea(stage, card, zoom);
    }
    zoom = stepZoom(free, step, next);
    const viewport = keepLaneNameInView(centreOn(step, free, zoom), doc, g, stepId, free);
    const plan = { side: card?.side ?? 'right', viewport, free };
    best ??= plan;
    if (!card || !next.some((n) => intersects(onScreen(n, viewport), card.cover ?? card.box))) return plan;
  }
  return best;
}
