/**
 * The single ELK pass: layering and in-layer order of an acyclic graph. Its x/y positions
 * and routes are not used, so the pass is configured to be as cheap as possible.
 */
import type { ElkLike, ElkNode } from './types';

/**
 * Layered, direction RIGHT. SIMPLE node placement and POLYLINE routing are the cheapest
 * choices (we place and route ourselves); thoroughness 1 and no greedy switch keep crossing
 * minimisation to one good sweep, which is what dominates ELK's time on big maps.
 */
export const ELK_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.edgeRouting': 'POLYLINE',
  'elk.layered.nodePlacement.strategy': 'SIMPLE',
  'elk.layered.thoroughness': '1',
  'elk.layered.crossingMinimization.greedySwitch.type': 'OFF',
  'elk.randomSeed': '1',
};

export interface ElkInput {
  sizes: { width: number; height: number }[];
  /** Edges as node indices, already oriented left to right (loops back reversed, no self loops). */
  from: number[];
  to: number[];
}

export interface ElkLayers {
  /** ELK's layer of every node, 0-based (from the x-extents of its output). */
  layer: Int32Array;
  /** ELK's y of every node's centre: the in-layer order. */
  y: Float64Array;
}

/** The ELK JSON graph for `input`; node i is `n<i>`, so ids stay short and cheap to parse. */
export function buildElkGraph(input: ElkInput, options: Record<string, string> = ELK_OPTIONS): ElkNode {
  return {
    id: 'root',
    layoutOptions: options,
    children: input.sizes.map((s, i) => ({ id: `n${i}`, width: s.width, height: s.height })),
    edges: input.from.map((u, e) => ({ id: `e${e}`, sources: [`n${u}`], targets: [`n${input.to[e]!}`] })),
  };
}

/** Runs the pass and reads each node's layer and in-layer position from the result. */
export async function elkLayers(elk: ElkLike, input: ElkInput): Promise<ElkLayers> {
  const n = input.sizes.length;
  const layer = new Int32Array(n);
  const y = new Float64Array(n);
  if (n === 0) return { layer, y };
  const out = await elk.layout(buildElkGraph(input));
  const xs = new Float64Array(n);
  const rights = new Float64Array(n);
  for (const child of out.children ?? []) {
    const i = Number(child.id.slice(1));
    xs[i] = child.x ?? 0;
    rights[i] = (child.x ?? 0) + (child.width ?? 0);
    y[i] = (child.y ?? 0) + (child.height ?? 0) / 2;
  }
  // Nodes of one layer share an x-interval and layers never overlap, so sweeping the
  // intervals by x gives the layers. (Separately packed components may merge layers here; the
  // caller re-establishes "every edge goes to a later layer" anyway.)
  const byX = Array.from({ length: n }, (_, i) => i).sort((a, b) => xs[a]! - xs[b]! || a - b);
  let current = -1;
  let right = -Infinity;
  for (const i of byX) {
    if (xs[i]! >= right) {
      current++;
      right = rights[i]!;
    } else {
      right = Math.max(right, rights[i]!);
    }
    layer[i] = current;
  }
  return { layer, y };
}
