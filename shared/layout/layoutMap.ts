/**
 * The tidy-up: one ELK layered pass for layering and in-layer order, then our own phase
 * columns, lane rows, x positions and channel routing. See `layoutMap` for the steps.
 */
import { frameSize, laneBoxes, orderedRoles } from '../model/geometry';
import type { MapDoc, Point, Step } from '../model/types';
import { BoxIndex, inHandle, outHandle, routeHit, type Box } from './boxes';
import { LANE_TOP_PAD, PIN_CLEARANCE, ROW_GAP } from './constants';
import { classifyBackEdges } from './cycles';
import { elkLayers } from './elkGraph';
import { assignColumns, assignRows, cellKey, type Graph } from './grid';
import { phaseSlots } from './phases';
import { placeColumns } from './placeX';
import { buildBands, drawPlan, fallbackRoute, planRoutes, type FlowRef } from './routes';
import type { ElkLike, LayoutOptions, LayoutResult, PhaseColumn } from './types';

/** Rounds of "push steps away from pinned steps and lay out again" before giving up. */
const PIN_ROUNDS = 4;

/**
 * Lays out a map: steps in their lanes and phase columns, flows as orthogonal routes.
 *
 * 1. Loops back are decided up front (classifyBackEdges) and reversed, so ELK sees a DAG.
 * 2. One ELK layered pass gives each step a layer and an in-layer order.
 * 3. Layers are split by phase into columns; each lane stacks its steps per column in rows.
 * 4. Routes are planned on the grid (channels between columns, corridors between rows), which
 *    fixes how wide each channel must be; then columns get their x.
 * 5. Pinned steps (kept unless `options.pinned === 'ignore'`) keep their stored x and y (x is
 *    relative to the phase column, which grows to hold them); laid-out steps that
 *    would overlap one are moved to free rows and the grid is laid out again (a few rounds).
 * 6. Every route is checked against all step boxes; one that hits a box is replaced by a simple
 *    fallback or left to the canvas (`undefined`, with a warning).
 * Pure and deterministic: same doc, same result.
 */
export async function layoutMap(doc: MapDoc, elk: ElkLike, options: LayoutOptions = {}): Promise<LayoutResult> {
  const keepPins = options.pinned !== 'ignore';
  const warnings: string[] = [];
  const roles = orderedRoles(doc);
  const laneOf = new Map(roles.map((r, i) => [r.id, i]));
  const slots = phaseSlots(doc);
  const phaseOf = slots.index;
  const phased = slots.columns[0] !== undefined;
  const P = slots.columns.length;

  const all = Object.values(doc.steps);
  const orphans = all.filter((s) => !laneOf.has(s.roleId));
  if (orphans.length > 0) warnings.push(`${orphans.length} steps belong to no lane and were left where they are`);
  // Model order: phase, then where the user drew it; decides which flow of a cycle loops back.
  const nodes = all.filter((s) => laneOf.has(s.roleId)).sort((a, b) => phaseOf.get(a.id)! - phaseOf.get(b.id)! || a.x - b.x || a.y - b.y || cmp(a.id, b.id));
  const n = nodes.length;
  const indexOf = new Map(nodes.map((s, i) => [s.id, i]));
  // sizes in the map's frame: a top-to-bottom map lays out the cards turned on their side
  const sizeOf = options.size ?? frameSize(doc.direction);
  const sizes = nodes.map((s) => sizeOf(s));
  const phase = Int32Array.from(nodes, (s) => phaseOf.get(s.id)!);
  const lane = Int32Array.from(nodes, (s) => laneOf.get(s.roleId)!);
  const pinned = Uint8Array.from(nodes, (s) => (keepPins && s.pinned ? 1 : 0));

  const routes: LayoutResult['routes'] = {};
  const flows: FlowRef[] = [];
  for (const f of Object.values(doc.flows).sort((a, b) => cmp(a.id, b.id))) {
    const u = indexOf.get(f.fromStepId);
    const v = indexOf.get(f.toStepId);
    if (u === undefined || v === undefined) routes[f.id] = undefined;
    else flows.push({ id: f.id, u, v, back: false });
  }
  const back = classifyBackEdges(
    n,
    flows.map((f) => f.u),
    flows.map((f) => f.v),
    Array.from(phase),
  );
  flows.forEach((f, k) => (f.back = back[k]!));
  const from: number[] = [];
  const to: number[] = [];
  for (const f of flows) {
    if (f.u === f.v) continue;
    from.push(f.back ? f.v : f.u);
    to.push(f.back ? f.u : f.v);
  }
  const graph: Graph = { n, width: sizes.map((s) => s.width), height: sizes.map((s) => s.height), lane, phase, pinned, from, to };

  const elkOut = await elkLayers(elk, { sizes, from, to });
  const cols = assignColumns(graph, elkOut.layer, P);
  // Pinned steps keep their stored x, which is relative to their phase column in a phased map.
  const pinnedRight = new Array<number>(P).fill(-Infinity);
  for (let i = 0; i < n; i++) if (pinned[i]) pinnedRight[phase[i]!] = Math.max(pinnedRight[phase[i]!]!, nodes[i]!.x + sizes[i]!.width);

  const blocked = new Map<number, Set<number>>();
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let round = 0; ; round++) {
    const rows = assignRows(graph, cols, elkOut.y, roles.length, blocked);
    for (let i = 0; i < n; i++) y[i] = pinned[i] ? nodes[i]!.y : rows.y[i]!;
    const lanes = laneBoxes({ roles: doc.roles, steps: withY(nodes, y) }, sizeOf);
    const laneTop = lanes.map((l) => l.top);
    const last = lanes[lanes.length - 1];
    const cy = Float64Array.from(nodes, (_, i) => laneTop[lane[i]!]! + y[i]! + sizes[i]!.height / 2);
    const bands = buildBands(graph, rows, laneTop, last ? last.top + last.height : 0);
    const planned = planRoutes(flows, graph, cols, rows, cy, bands);
    const colX = placeColumns(cols, planned.channelTracks, pinnedRight, cols.empty, phased);
    for (let i = 0; i < n; i++) {
      const c = cols.col[i]!;
      x[i] = pinned[i] ? colX.phaseLeft[phase[i]!]! + nodes[i]!.x : colX.left[c]! + (cols.width[c]! - sizes[i]!.width) / 2;
    }
    const clashes = pinClashes(graph, x, y);
    if (clashes.length > 0 && round + 1 < PIN_ROUNDS) {
      for (const [s, p] of clashes) {
        blockRows(blocked, cellKey(lane[s]!, cols.col[s]!, roles.length), rows.rowHeight[lane[s]!]!, y[p]!, graph.height[p]!);
      }
      continue;
    }
    if (clashes.length > 0) warnings.push(`${clashes.length} steps could not be moved clear of pinned steps`);

    const boxes: Box[] = nodes.map((_, i) => ({
      left: x[i]!,
      top: laneTop[lane[i]!]! + y[i]!,
      right: x[i]! + sizes[i]!.width,
      bottom: laneTop[lane[i]!]! + y[i]! + sizes[i]!.height,
    }));
    const index = new BoxIndex(boxes);
    let unrouted = 0;
    flows.forEach((f, k) => {
      const s = outHandle(boxes[f.u]!);
      const t = inHandle(boxes[f.v]!);
      let route = drawPlan(planned.plans[k]!, s, t, colX.channels);
      // The grid keeps planned routes clear of laid-out steps; the check catches pinned ones.
      if (!route || routeHit(route, index) >= 0) {
        route = fallbackRoute(s, t, bands, index);
      }
      if (!route) unrouted++;
      routes[f.id] = route;
    });
    if (unrouted > 0) warnings.push(`${unrouted} flows are drawn by the canvas because no clean route was found`);

    const phaseColumns: PhaseColumn[] = [];
    slots.columns.forEach((ph, p) => {
      if (ph) phaseColumns.push({ phaseId: ph.id, left: colX.phaseLeft[p]!, right: colX.phaseLeft[p]! + colX.phaseWidth[p]! });
    });
    const steps: LayoutResult['steps'] = {};
    for (const s of orphans) steps[s.id] = { x: s.x, y: s.y };
    // stored x is relative to the phase column in a phased map (absolute otherwise)
    nodes.forEach((s, i) => (steps[s.id] = { x: x[i]! - (phased ? colX.phaseLeft[phase[i]!]! : 0), y: y[i]! }));
    return { steps, routes, phaseColumns, warnings };
  }
}

/**
 * Applies a layout result: a new doc with the steps moved and every flow's route replaced
 * (a flow the result has no route for loses its stale one, so the canvas draws it). Pure.
 */
export function applyLayout(doc: MapDoc, result: LayoutResult): MapDoc {
  const steps: MapDoc['steps'] = {};
  for (const [id, s] of Object.entries(doc.steps)) {
    const pos = result.steps[id];
    steps[id] = pos ? { ...s, x: pos.x, y: pos.y } : s;
  }
  const flows: MapDoc['flows'] = {};
  for (const [id, f] of Object.entries(doc.flows)) {
    if (!(id in result.routes)) {
      flows[id] = f;
      continue;
    }
    const route = result.routes[id];
    const { route: _old, ...rest } = f;
    flows[id] = route ? { ...rest, route: route.map((p): Point => ({ x: p.x, y: p.y })) } : rest;
  }
  return { ...doc, steps, flows };
}

/** Code-unit order: deterministic regardless of locale. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The steps with new y, in the shape `laneBoxes` needs (only what it reads). */
function withY(nodes: Step[], y: Float64Array): Record<string, Step> {
  const out: Record<string, Step> = {};
  nodes.forEach((s, i) => (out[s.id] = { ...s, y: y[i]! }));
  return out;
}

/** Pairs (laid-out step, pinned step) in one lane closer than PIN_CLEARANCE. */
function pinClashes(g: Graph, x: Float64Array, y: Float64Array): [number, number][] {
  const pins: number[] = [];
  for (let i = 0; i < g.n; i++) if (g.pinned[i]) pins.push(i);
  if (pins.length === 0) return [];
  const out: [number, number][] = [];
  for (let s = 0; s < g.n; s++) {
    if (g.pinned[s]) continue;
    for (const p of pins) {
      if (g.lane[p] !== g.lane[s]) continue;
      const apart =
        x[s]! >= x[p]! + g.width[p]! + PIN_CLEARANCE ||
        x[p]! >= x[s]! + g.width[s]! + PIN_CLEARANCE ||
        y[s]! >= y[p]! + g.height[p]! + PIN_CLEARANCE ||
        y[p]! >= y[s]! + g.height[s]! + PIN_CLEARANCE;
      if (!apart) {
        out.push([s, p]);
        break;
      }
    }
  }
  return out;
}

/** Marks the rows of a (lane, column) cell that a pinned step's box (plus clearance) reaches. */
function blockRows(blocked: Map<number, Set<number>>, key: number, rowHeight: number, pinTop: number, pinHeight: number): void {
  const set = blocked.get(key) ?? new Set<number>();
  for (let r = 0; LANE_TOP_PAD + r * (rowHeight + ROW_GAP) < pinTop + pinHeight + PIN_CLEARANCE; r++) {
    const top = LANE_TOP_PAD + r * (rowHeight + ROW_GAP);
    if (top + rowHeight > pinTop - PIN_CLEARANCE) set.add(r);
  }
  blocked.set(key, set);
}
