/**
 * What React Flow is given of a big map: the steps in and around the visible part (the
 * "window", half a pane beyond each edge), the flows that touch or cross it with both their
 * ends, the selected steps wherever they are, and the lanes and phase columns. React Flow's
 * own per-frame work (visibility tests, lookups, store updates) then grows with what is on
 * screen, not with the map; `onlyRenderVisibleElements` leaves the margin unmounted.
 */
import { stepSize, type MapGeometry } from '../../shared/model/geometry';
import type { MapDoc } from '../../shared/model/types';
import type { FlowEdgeType } from './FlowEdge';
import { isDown, toScreen } from './frame';
import { isBackdrop, type CanvasNode } from './nodes';
import { notesIn } from '../notes/noteNodes';

export type Rect = { x: number; y: number; width: number; height: number };

/** The pane in React Flow coordinates. */
export function viewRect(transform: readonly [number, number, number], width: number, height: number): Rect {
  const [tx, ty, zoom] = transform;
  return { x: -tx / zoom, y: -ty / zoom, width: width / zoom, height: height / zoom };
}

const contains = (outer: Rect, inner: Rect) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;

/**
 * The window for a view: the same one while the view stays inside it and it is not much bigger
 * than the view (zoomed in a lot since), else the view grown by `margin` of itself on each side.
 */
export function nextWindow(current: Rect | null, view: Rect, margin = 0.5): Rect {
  if (current && contains(current, view) && current.width * current.height <= 9 * view.width * view.height) return current;
  return { x: view.x - view.width * margin, y: view.y - view.height * margin, width: view.width * (1 + 2 * margin), height: view.height * (1 + 2 * margin) };
}

const overlaps = (r: Rect, x0: number, y0: number, x1: number, y1: number) => x0 <= r.x + r.width && x1 >= r.x && y0 <= r.y + r.height && y1 >= r.y;

export type Members = { steps: ReadonlySet<string>; flows: ReadonlySet<string>; notes?: ReadonlySet<string> };

/**
 * The steps and flows that belong to a window, from the map itself (not from the nodes, which
 * change with every click): the steps that overlap it, the flows that touch one of them or whose
 * extent crosses it, and both ends of each such flow. Computed when the map or the window changes.
 */
export function membersIn(doc: MapDoc, geometry: MapGeometry, win: Rect): Members {
  const down = isDown(doc);
  const boxes = new Map<string, { x0: number; y0: number; x1: number; y1: number }>();
  const steps = new Set<string>();
  for (const s of Object.values(doc.steps)) {
    const at = toScreen(down, geometry.positions.get(s.id)!);
    const { width, height } = stepSize(s);
    const b = { x0: at.x, y0: at.y, x1: at.x + width, y1: at.y + height };
    boxes.set(s.id, b);
    if (overlaps(win, b.x0, b.y0, b.x1, b.y1)) steps.add(s.id);
  }
  const flows = new Set<string>();
  const ends: string[] = [];
  for (const f of Object.values(doc.flows)) {
    let take = steps.has(f.fromStepId) || steps.has(f.toStepId);
    if (!take) {
      const a = boxes.get(f.fromStepId);
      const b = boxes.get(f.toStepId);
      if (!a || !b) continue;
      let x0 = Math.min(a.x0, b.x0);
      let y0 = Math.min(a.y0, b.y0);
      let x1 = Math.max(a.x1, b.x1);
      let y1 = Math.max(a.y1, b.y1);
      for (const q of f.route ?? []) {
        const p = toScreen(down, q);
        x0 = Math.min(x0, p.x);
        y0 = Math.min(y0, p.y);
        x1 = Math.max(x1, p.x);
        y1 = Math.max(y1, p.y);
      }
      take = overlaps(win, x0, y0, x1, y1);
    }
    if (!take) continue;
    flows.add(f.id);
    ends.push(f.fromStepId, f.toStepId);
  }
  for (const id of ends) steps.add(id);
  return { steps, flows, notes: notesIn(doc, geometry, win) };
}

/**
 * What React Flow gets: the window's members, the steps in `keep` (the selection: dragged
 * together wherever they are) and any step being dragged, and all backdrop (lanes, columns,
 * removed steps while comparing: a handful). The nodes' order is kept.
 */
export function windowed(nodes: readonly CanvasNode[], edges: readonly FlowEdgeType[], members: Members, keep: ReadonlySet<string>): { nodes: CanvasNode[]; edges: FlowEdgeType[] } {
  return {
    nodes: nodes.filter((n) =>
      n.type === 'note'
        ? !members.notes || members.notes.has(n.data.note.id) || n.selected || n.dragging
        : n.type !== 'step' || isBackdrop(n.id) || members.steps.has(n.id) || keep.has(n.id) || n.dragging,
    ),
    edges: edges.filter((e) => members.flows.has(e.id)),
  };
}
