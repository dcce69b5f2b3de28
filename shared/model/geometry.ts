/**
 * Sizes and lane geometry derived from the document. Shared by the canvas, layout and export
 * so that what the user sees is what is laid out and exported.
 */
import type { MapDoc, Role, Step, StepKind } from './types';

export const LANE_MIN_HEIGHT = 160;
export const LANE_PADDING = 28;
export const LANE_HEADER_WIDTH = 168;
/** Canvas x where lane bands start (left of the first step column). */
export const LANE_LEFT = -LANE_HEADER_WIDTH - 40;

const CHARS_PER_LINE: Record<StepKind, number> = { task: 24, decision: 16, start: 12, end: 12 };
const LINE_HEIGHT = 18;

/** A generous estimate of the box a step needs, so titles wrap and are never clipped. */
export function stepSize(step: Pick<Step, 'kind' | 'title' | 'inputs' | 'outputs' | 'resources'>): { width: number; height: number } {
  const lines = estimateLines(step.title || ' ', CHARS_PER_LINE[step.kind]);
  switch (step.kind) {
    case 'decision': {
      const w = 180;
      return { width: w, height: Math.max(110, Math.min(lines, 12) * LINE_HEIGHT * 2 + 50) };
    }
    case 'start':
    case 'end':
      return { width: 120, height: Math.max(56, lines * LINE_HEIGHT + 30) };
    default: {
      const hasChips = step.inputs.length + step.outputs.length + step.resources.length > 0;
      return { width: 200, height: 24 + lines * LINE_HEIGHT + 14 + (hasChips ? 26 : 0) };
    }
  }
}

/** Word-wraps `text` at `perLine` characters and counts the lines (long words break). */
export function estimateLines(text: string, perLine: number): number {
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let current = 0;
    let count = 1;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const len = word.length;
      if (len > perLine) {
        // a long word breaks across lines
        if (current > 0) count += 1;
        count += Math.ceil(len / perLine) - 1;
        current = len % perLine || perLine;
      } else if (current === 0) {
        current = len;
      } else if (current + 1 + len <= perLine) {
        current += 1 + len;
      } else {
        count += 1;
        current = len;
      }
    }
    lines += count;
  }
  return Math.max(1, lines);
}

export interface LaneBox {
  role: Role;
  top: number;
  height: number;
}

/** Roles in lane order (top to bottom). */
export function orderedRoles(doc: Pick<MapDoc, 'roles'>): Role[] {
  return Object.values(doc.roles).sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

/** Lane bands from top to bottom; each lane is tall enough for the steps in it. */
export function laneBoxes(doc: Pick<MapDoc, 'roles' | 'steps'>): LaneBox[] {
  const bottoms = new Map<string, number>();
  for (const s of Object.values(doc.steps)) {
    const bottom = s.y + stepSize(s).height + LANE_PADDING;
    if (bottom > (bottoms.get(s.roleId) ?? 0)) bottoms.set(s.roleId, bottom);
  }
  let top = 0;
  return orderedRoles(doc).map((role) => {
    const height = Math.max(LANE_MIN_HEIGHT, bottoms.get(role.id) ?? 0);
    const box = { role, top, height };
    top += height;
    return box;
  });
}

/** The lane whose band contains canvas y (clamped to the first / last lane). */
export function laneAt(lanes: LaneBox[], y: number): LaneBox | undefined {
  if (lanes.length === 0) return undefined;
  for (const lane of lanes) if (y < lane.top + lane.height) return lane;
  return lanes[lanes.length - 1];
}

/** Absolute canvas position of every step. */
export function stepPositions(doc: Pick<MapDoc, 'roles' | 'steps'>, lanes = laneBoxes(doc)): Map<string, { x: number; y: number }> {
  const tops = new Map(lanes.map((l) => [l.role.id, l.top]));
  const out = new Map<string, { x: number; y: number }>();
  for (const s of Object.values(doc.steps)) out.set(s.id, { x: s.x, y: (tops.get(s.roleId) ?? 0) + s.y });
  return out;
}

/** Horizontal extent of the map's content (for lane band widths). */
export function contentRight(doc: Pick<MapDoc, 'steps'>): number {
  let right = 0;
  for (const s of Object.values(doc.steps)) right = Math.max(right, s.x + stepSize(s).width);
  return right;
}
