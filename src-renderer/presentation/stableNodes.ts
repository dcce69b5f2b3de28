/**
 * The presentation's nodes and edges: the editor's, made inert and given a class (current, next,
 * dimmed). Walking one step changes the class of a handful of them; every other node keeps the
 * very object it had, so React Flow re-renders only those few. Rebuilding all of them on each
 * step cost about a second per arrow key on a 2,000-step map.
 */
import type { FlowEdgeType } from '../canvas/FlowEdge';
import type { CanvasNode } from '../canvas/nodes';

/** Remembers, per editor node or edge, the presentation's copy made for one class. */
export type RestyleCache<T extends object> = WeakMap<T, { className: string; out: T }>;

function restyle<T extends object>(cache: RestyleCache<T>, base: T, className: string, make: () => T): T {
  const hit = cache.get(base);
  if (hit && hit.className === className) return hit.out;
  const out = make();
  cache.set(base, { className, out });
  return out;
}

/** Steps get the class `classOf` gives their id; lanes and phase columns pass through unchanged. */
export function presentationNodes(base: CanvasNode[], classOf: (stepId: string) => string, cache: RestyleCache<CanvasNode>): CanvasNode[] {
  return base.map((n) => {
    if (n.type !== 'step') return n;
    const className = classOf(n.id);
    return restyle(cache, n, className, () => ({
      ...n,
      selected: false,
      selectable: false,
      draggable: false,
      connectable: false,
      focusable: false,
      className,
    }));
  });
}

export function presentationEdges(base: FlowEdgeType[], classOf: (edge: FlowEdgeType) => string, cache: RestyleCache<FlowEdgeType>): FlowEdgeType[] {
  return base.map((e) => {
    const className = classOf(e);
    return restyle(cache, e, className, () => ({ ...e, selectable: false, focusable: false, className }));
  });
}
