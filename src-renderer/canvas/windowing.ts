/**
 * What React Flow is given of a big map: the steps in and around the visible part (the
 * "window", half a pane beyond each edge), the flows that touch or cross it with both their
 * ends, the selected steps wherever they are, and the lanes and phase columns. React Flow's
 * own per-frame work (visibility tests, lookups, store updates) then grows with what is on
 * screen, not with the map; `onlyRenderVisibleElements` leaves the margin unmounted.
 */
import type { FlowEdgeType } from './FlowEdge';
import { isBackdrop, type CanvasNode } from './nodes';

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

function box(n: CanvasNode) {
  const w = n.width ?? 0;
  const h = n.height ?? 0;
  return { x0: n.position.x, y0: n.position.y, x1: n.position.x + w, y1: n.position.y + h };
}

/** The nodes and edges of `nodes`/`edges` that React Flow gets for a window (order kept). */
export function windowed(nodes: readonly CanvasNode[], edges: readonly FlowEdgeType[], win: Rect, keep: ReadonlySet<string>): { nodes: CanvasNode[]; edges: FlowEdgeType[] } {
  const byId = new Map<string, CanvasNode>();
  const wanted = new Set<string>();
  for (const n of nodes) {
    if (n.type !== 'step' || isBackdrop(n.id)) continue;
    byId.set(n.id, n);
    const b = box(n);
    if (keep.has(n.id) || n.dragging || overlaps(win, b.x0, b.y0, b.x1, b.y1)) wanted.add(n.id);
  }
  const shownEdges: FlowEdgeType[] = [];
  const ends = new Set<string>();
  for (const e of edges) {
    let take = wanted.has(e.source) || wanted.has(e.target);
    if (!take) {
      const from = byId.get(e.source);
      const to = byId.get(e.target);
      if (!from || !to) continue;
      const a = box(from);
      const b = box(to);
      let x0 = Math.min(a.x0, b.x0);
      let y0 = Math.min(a.y0, b.y0);
      let x1 = Math.max(a.x1, b.x1);
      let y1 = Math.max(a.y1, b.y1);
      for (const p of e.data?.route ?? []) {
        x0 = Math.min(x0, p.x);
        y0 = Math.min(y0, p.y);
        x1 = Math.max(x1, p.x);
        y1 = Math.max(y1, p.y);
      }
      take = overlaps(win, x0, y0, x1, y1);
    }
    if (!take) continue;
    shownEdges.push(e);
    ends.add(e.source);
    ends.add(e.target);
  }
  // backdrop (lanes, columns, removed steps while comparing) is few: it always goes, as do both ends of a shown flow
  const shownNodes = nodes.filter((n) => n.type !== 'step' || isBackdrop(n.id) || wanted.has(n.id) || ends.has(n.id));
  return { nodes: shownNodes, edges: shownEdges };
}
