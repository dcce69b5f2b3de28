/**
 * Arrange: align and distribute the selected steps (issue 13), one undo each through the
 * existing `moveSteps` command.
 *
 * The rules (a swimlane map is not a free drawing):
 * - A step never leaves its lane, nor its phase column: those are what it means (who does it,
 *   in which stage), not where it happens to be drawn.
 * - Along the flow (left / centre / right on a left-to-right map) the steps line up on the
 *   selection's own edges or centre, each kept inside its phase column (a column's left edge is
 *   as far as it goes).
 * - Across the lanes (top / middle / bottom on a left-to-right map) the steps line up *within
 *   their lanes*: each takes the same place relative to the top of its own lane (the topmost,
 *   the middle or the lowest of them). Steps in one lane simply line up; steps in different
 *   lanes end up level with each other inside each lane, never pulled out of it.
 * - Distributing spreads the steps between the first and the last (which stay) with equal gaps
 *   between their edges; across lanes each is then kept inside its own lane.
 * - A top-to-bottom map (`direction: 'down'`) is drawn transposed: "left" still means the
 *   screen's left, which there is across the lanes.
 */
import { cmd } from '../../shared/model/commands';
import { frameSize, LANE_PADDING } from '../../shared/model/geometry';
import type { MapDoc } from '../../shared/model/types';
import { geometryOf, isDown } from '../canvas/frame';
import type { EditorStore } from '../store/editorStore';

export const ALIGNS = ['left', 'center', 'right', 'top', 'middle', 'bottom'] as const;
export type Align = (typeof ALIGNS)[number];
export const DISTRIBUTES = ['horizontal', 'vertical'] as const;
export type Distribute = (typeof DISTRIBUTES)[number];
export type ArrangeOp = { align: Align } | { distribute: Distribute };

/** How many selected steps each kind of arrange needs. */
export const MIN_ALIGN = 2;
export const MIN_DISTRIBUTE = 3;

/** The smallest x a step may have in a phase column (as the commands keep it). */
const MIN_COLUMN_X = 20;

export interface Move {
  stepId: string;
  x: number;
  y: number;
  roleId: string;
}

interface Item {
  id: string;
  roleId: string;
  /** frame: along the flow (x) and across the lanes (y), absolute */
  ax: number;
  ay: number;
  /** relative to the step's column / lane */
  rx: number;
  ry: number;
  w: number;
  h: number;
  colLeft: number;
  minX: number;
  laneTop: number;
  laneHeight: number;
}

function itemsOf(doc: MapDoc, ids: readonly string[]): Item[] {
  const g = geometryOf(doc);
  const size = frameSize(doc.direction);
  const lanes = new Map(g.lanes.map((l) => [l.role.id, l]));
  const out: Item[] = [];
  for (const id of new Set(ids)) {
    const s = doc.steps[id];
    const at = g.positions.get(id);
    const lane = s && lanes.get(s.roleId);
    if (!s || !at || !lane) continue;
    const { width, height } = size(s);
    const phased = !!(s.phaseId && doc.phases[s.phaseId]);
    out.push({
      id,
      roleId: s.roleId,
      ax: at.x,
      ay: at.y,
      rx: s.x,
      ry: s.y,
      w: width,
      h: height,
      colLeft: at.x - s.x,
      minX: phased ? MIN_COLUMN_X : 0,
      laneTop: lane.top,
      laneHeight: lane.height,
    });
  }
  return out;
}

/** Whether `op` applies to `count` selected steps. */
export function canArrange(op: ArrangeOp, count: number): boolean {
  return count >= ('align' in op ? MIN_ALIGN : MIN_DISTRIBUTE);
}

/** The screen axis an op works on, and for align which end ('start' | 'mid' | 'end'). */
function screenAxis(op: ArrangeOp): { axis: 'x' | 'y'; end: 'start' | 'mid' | 'end' | null } {
  if ('distribute' in op) return { axis: op.distribute === 'horizontal' ? 'x' : 'y', end: null };
  const a = op.align;
  const axis = a === 'left' || a === 'center' || a === 'right' ? 'x' : 'y';
  const end = a === 'left' || a === 'top' ? 'start' : a === 'right' || a === 'bottom' ? 'end' : 'mid';
  return { axis, end };
}

const clampLane = (i: Item, ry: number) => Math.max(LANE_PADDING, Math.min(ry, Math.max(LANE_PADDING, i.laneHeight - i.h - LANE_PADDING)));

/**
 * The moves that arrange steps `ids` of `doc` (pure: the unit tests call it), or null when the
 * op does not apply (too few steps) or changes nothing.
 */
export function arrangeMoves(doc: MapDoc, ids: readonly string[], op: ArrangeOp): Move[] | null {
  const items = itemsOf(doc, ids);
  if (!canArrange(op, items.length)) return null;
  const { axis, end } = screenAxis(op);
  // on a top-to-bottom map the screen's x is the frame's y (across the lanes)
  const along = (axis === 'x') !== isDown(doc);
  const next = new Map(items.map((i) => [i.id, { rx: i.rx, ry: i.ry }]));

  if (along) {
    // along the flow: absolute positions, each step kept in its phase column
    const starts = items.map((i) => i.ax);
    const ends = items.map((i) => i.ax + i.w);
    const place = (i: Item, ax: number) => (next.get(i.id)!.rx = Math.max(i.minX, Math.round(ax - i.colLeft)));
    if (end) {
      const lo = Math.min(...starts);
      const hi = Math.max(...ends);
      for (const i of items) place(i, end === 'start' ? lo : end === 'end' ? hi - i.w : (lo + hi) / 2 - i.w / 2);
    } else {
      const sorted = [...items].sort((a, b) => a.ax + a.w / 2 - (b.ax + b.w / 2) || a.id.localeCompare(b.id));
      const first = sorted[0]!;
      const last = sorted[sorted.length - 1]!;
      const total = sorted.reduce((sum, i) => sum + i.w, 0);
      const gap = (last.ax + last.w - first.ax - total) / (sorted.length - 1);
      let at = first.ax;
      for (const i of sorted) {
        if (i !== first && i !== last) place(i, at);
        at += i.w + gap;
      }
    }
  } else if (end) {
    // across the lanes: the same place within each step's own lane
    const lo = Math.min(...items.map((i) => i.ry));
    const hi = Math.max(...items.map((i) => i.ry + i.h));
    for (const i of items) next.get(i.id)!.ry = Math.max(LANE_PADDING, Math.round(end === 'start' ? lo : end === 'end' ? hi - i.h : (lo + hi) / 2 - i.h / 2));
  } else {
    // distributed across: equal gaps on screen, each step then kept inside its lane
    const sorted = [...items].sort((a, b) => a.ay + a.h / 2 - (b.ay + b.h / 2) || a.id.localeCompare(b.id));
    const first = sorted[0]!;
    const last = sorted[sorted.length - 1]!;
    const total = sorted.reduce((sum, i) => sum + i.h, 0);
    const gap = (last.ay + last.h - first.ay - total) / (sorted.length - 1);
    let at = first.ay;
    for (const i of sorted) {
      if (i !== first && i !== last) next.get(i.id)!.ry = Math.round(clampLane(i, at - i.laneTop));
      at += i.h + gap;
    }
  }

  const moves = items
    .filter((i) => next.get(i.id)!.rx !== i.rx || next.get(i.id)!.ry !== i.ry)
    .map((i) => ({ stepId: i.id, x: next.get(i.id)!.rx, y: next.get(i.id)!.ry, roleId: i.roleId }));
  return moves.length ? moves : null;
}

/** Arranges the selected steps of the open map: one `moveSteps` (one undo); false when nothing moved. */
export function arrangeSelection(store: EditorStore, op: ArrangeOp): boolean {
  const { doc, selection } = store.getState();
  if (!doc) return false;
  const moves = arrangeMoves(doc, selection.steps, op);
  if (!moves) return false;
  return store.getState().run(cmd('moveSteps', { moves }));
}
