/**
 * Where the imported steps go. From the BPMN drawing (DI) when it has them: the order and the
 * rough places the user knows, stretched along the flow so Lanemap's wider cards do not overlap,
 * y relative to the lane's top, lanes then sized by the geometry; a vertical drawing gives a
 * top-to-bottom map. Steps the drawing lacks are placed by the tidy-up with the drawn ones
 * pinned (then unpinned); a file without any drawing is tidied up whole. A file Lanemap wrote is
 * read back exactly (its boxes are the canvas's own).
 */
import { frameSize, mapGeometry, noteSize, type SizeFn } from '../../../model/geometry';
import type { MapDoc, Point, Step } from '../../../model/types';
import type { ElkLike } from '../../../layout/types';
import type { DiBox } from './common';
import type { Draft } from './draft';
import { clearRoutes, type RouteEnds } from './reroute';

/** Room kept between two cards pushed apart (px). */
const GAP = 24;
/** Room kept along the flow between neighbours in one row, for the flow between them to read (the tidy-up's channel). */
const FLOW_ROOM = 64;
/** How far a drawing is stretched along the flow at most. */
const MAX_STRETCH = 3;
/** Across a lane: a card's top never closer than this to the lane's top. */
const TOP_MIN = 24;
/** A route is kept only when its ends are this close to where the canvas starts and ends a flow. */
const ROUTE_TOLERANCE = 2;

export interface PlaceStats {
  /** Maps tidied up (wholly or partly) because their drawing lacked steps. */
  laidOut: number;
}

/** Sets every step's x and y (and notes', and routes that still fit) in every draft. */
export async function placeDrafts(drafts: Draft[], loadElk: () => Promise<ElkLike>): Promise<PlaceStats> {
  let laidOut = 0;
  for (const d of drafts) {
    if (d.vertical && !d.fromLanemap) d.doc.direction = 'down';
    const size = frameSize(d.doc.direction);
    const drawn = Object.values(d.doc.steps).filter((s) => d.boxes.has(s.id));
    const missing = Object.keys(d.doc.steps).length - drawn.length;
    let transform: Transform | undefined;
    if (drawn.length > 0) transform = d.fromLanemap ? placeExactly(d, size) : placeFromDrawing(d, size);
    if (drawn.length === 0 && missing > 0) {
      await tidy(d, await loadElk());
      laidOut++;
    } else if (transform && !d.fromLanemap) {
      keepRoutes(d, transform);
      routeAroundCards(d);
    }
    if (!d.fromLanemap) placeNotes(d, transform);
  }
  return { laidOut };
}

interface Transform {
  /** DI box -> the map's frame (x along the flow, y across the lanes). */
  frame(b: DiBox): DiBox;
  /** A DI point -> the map's canvas (frame) coordinates, or undefined when it lies in no lane. */
  point(p: Point, geometry: ReturnType<typeof mapGeometry>): Point | undefined;
}

function framer(vertical: boolean) {
  return (b: DiBox): DiBox => (vertical ? { x: b.y, y: b.x, width: b.height, height: b.width } : b);
}

/** A role's band across the flow in the drawing (top, bottom), from its lane's box or else its steps. */
function bandsOf(d: Draft, frame: (b: DiBox) => DiBox, size: SizeFn): Map<string, { top: number; bottom: number }> {
  const out = new Map<string, { top: number; bottom: number }>();
  for (const [roleId, b] of d.bands) {
    const f = frame(b);
    out.set(roleId, { top: f.y, bottom: f.y + f.height });
  }
  for (const s of Object.values(d.doc.steps)) {
    if (out.has(s.roleId)) continue;
    const b = d.boxes.get(s.id);
    if (!b) continue;
    const f = frame(b);
    const cy = f.y + f.height / 2;
    const own = size(s).height;
    const known = bandsFromSteps.get(s.roleId);
    const top = cy - own / 2 - TOP_MIN * 2;
    bandsFromSteps.set(s.roleId, known === undefined ? top : Math.min(known, top));
  }
  for (const [roleId, top] of bandsFromSteps) if (!out.has(roleId)) out.set(roleId, { top, bottom: Infinity });
  bandsFromSteps.clear();
  return out;
}
const bandsFromSteps = new Map<string, number>();

/** A drawing from another tool: stretched along the flow, cards centred where the shapes were, overlaps pushed apart. */
function placeFromDrawing(d: Draft, size: SizeFn): Transform {
  const doc = d.doc;
  const frame = framer(d.vertical);
  const bands = bandsOf(d, frame, size);
  const centre = new Map<string, { cx: number; cy: number; lo: number; hi: number }>();
  for (const [id, b] of d.boxes) {
    if (d.hosts.has(id)) continue;
    const f = frame(b);
    centre.set(id, { cx: f.x + f.width / 2, cy: f.y + f.height / 2, lo: f.y, hi: f.y + f.height });
  }
  // the stretch: neighbours in one lane whose shapes share a row must fit Lanemap's cards side by side
  let stretch = 1;
  const byRole = new Map<string, Step[]>();
  for (const s of Object.values(doc.steps)) if (centre.has(s.id)) byRole.set(s.roleId, [...(byRole.get(s.roleId) ?? []), s]);
  for (const steps of byRole.values()) {
    steps.sort((a, b) => centre.get(a.id)!.cx - centre.get(b.id)!.cx);
    for (let i = 1; i < steps.length; i++) {
      const a = centre.get(steps[i - 1]!.id)!;
      const b = centre.get(steps[i]!.id)!;
      if (a.hi < b.lo || b.hi < a.lo) continue;
      const apart = b.cx - a.cx;
      if (apart < 8) continue;
      const need = (size(steps[i - 1]!).width + size(steps[i]!).width) / 2 + FLOW_ROOM;
      stretch = Math.max(stretch, need / apart);
    }
  }
  stretch = Math.min(MAX_STRETCH, stretch);
  let minAlong = Infinity;
  for (const c of centre.values()) minAlong = Math.min(minAlong, c.cx);
  const placed = new Map<string, { x: number; y: number; w: number; h: number }>();
  let minX = Infinity;
  // across: centres kept where the drawing has them within the lane; a lane whose cards would
  // stick out at its top moves all its cards down alike (so a row stays a row)
  const rel = new Map<string, number>();
  const laneShift = new Map<string, number>();
  for (const s of Object.values(doc.steps)) {
    const c = centre.get(s.id);
    if (!c) continue;
    const { height } = size(s);
    const top = bands.get(s.roleId)?.top ?? c.cy - TOP_MIN - height / 2;
    const y = c.cy - top - height / 2;
    rel.set(s.id, y);
    laneShift.set(s.roleId, Math.max(laneShift.get(s.roleId) ?? 0, TOP_MIN - y));
  }
  for (const s of Object.values(doc.steps)) {
    const c = centre.get(s.id);
    if (!c) continue;
    const { width, height } = size(s);
    const x = (c.cx - minAlong) * stretch - width / 2;
    const y = rel.get(s.id)! + (laneShift.get(s.roleId) ?? 0);
    placed.set(s.id, { x, y, w: width, h: height });
    minX = Math.min(minX, x);
  }
  const shift = 40 - minX;
  for (const p of placed.values()) p.x += shift;
  // a boundary event goes below the task it sits on, as far along it as the drawing put it
  for (const [id, hostId] of d.hosts) {
    const host = placed.get(hostId);
    const hostBox = d.boxes.get(hostId);
    const own = d.boxes.get(id);
    const s = doc.steps[id]!;
    if (!host || !hostBox || !own) continue;
    const { width, height } = size(s);
    const hb = frame(hostBox);
    const ob = frame(own);
    const share = hb.width > 0 ? Math.min(1, Math.max(0, (ob.x + ob.width / 2 - hb.x) / hb.width)) : 0.5;
    placed.set(id, { x: host.x + share * host.w - width / 2, y: host.y + host.h + GAP, w: width, h: height });
  }
  placeUndrawn(doc, placed, size);
  let lowest = Infinity;
  for (const p of placed.values()) lowest = Math.min(lowest, p.x);
  const more = lowest < 40 ? 40 - lowest : 0;
  for (const p of placed.values()) p.x += more;
  separate(doc, placed);
  // phase columns: x is relative to the column's left (the group's left edge, stretched alike)
  const phaseLeft = new Map<string, number>();
  for (const g of d.groups) {
    if (g.phaseId) phaseLeft.set(g.phaseId, (frame(g.box).x - minAlong) * stretch + shift + more);
  }
  for (const s of Object.values(doc.steps)) {
    const p = placed.get(s.id);
    if (!p) continue;
    const left = s.phaseId ? (phaseLeft.get(s.phaseId) ?? 0) : 0;
    s.x = Math.round(Math.max(s.phaseId ? 16 : 0, p.x - left));
    s.y = Math.round(p.y);
  }
  return {
    frame,
    point(p, geometry) {
      const f = frame({ x: p.x, y: p.y, width: 0, height: 0 });
      const lane = [...bands].find(([, b]) => f.y >= b.top && f.y <= b.bottom);
      if (!lane) return undefined;
      const box = geometry.lanes.find((l) => l.role.id === lane[0]);
      if (!box) return undefined;
      return { x: (f.x - minAlong) * stretch + shift + more, y: box.top + (f.y - lane[1].top) + (laneShift.get(lane[0]) ?? 0) };
    },
  };
}

/**
 * Steps the drawing lacks (when it has others): after the drawn step that leads to them (or
 * before the one they lead to), in their own lane, in the same phase; steps connected to nothing
 * drawn go after everything. Overlaps are pushed apart afterwards.
 */
function placeUndrawn(doc: MapDoc, placed: Map<string, { x: number; y: number; w: number; h: number }>, size: SizeFn): void {
  const pending = Object.values(doc.steps).filter((s) => !placed.has(s.id));
  if (pending.length === 0) return;
  const preds = new Map<string, string[]>();
  const succs = new Map<string, string[]>();
  for (const f of Object.values(doc.flows)) {
    preds.set(f.toStepId, [...(preds.get(f.toStepId) ?? []), f.fromStepId]);
    succs.set(f.fromStepId, [...(succs.get(f.fromStepId) ?? []), f.toStepId]);
  }
  const SPACE = 80;
  let left = pending;
  for (let pass = 0; pass < pending.length && left.length > 0; pass++) {
    const next: Step[] = [];
    for (const s of left) {
      const { width, height } = size(s);
      const before = (preds.get(s.id) ?? []).filter((id) => placed.has(id)).map((id) => ({ id, p: placed.get(id)! }));
      const after = (succs.get(s.id) ?? []).filter((id) => placed.has(id)).map((id) => ({ id, p: placed.get(id)! }));
      let from: { id: string; p: { x: number; y: number; w: number; h: number } } | undefined;
      let x: number;
      if (before.length > 0) {
        from = before.reduce((a, b) => (b.p.x + b.p.w > a.p.x + a.p.w ? b : a));
        x = from.p.x + from.p.w + SPACE;
      } else if (after.length > 0) {
        from = after.reduce((a, b) => (b.p.x < a.p.x ? b : a));
        x = from.p.x - width - SPACE;
      } else {
        next.push(s);
        continue;
      }
      const neighbour = doc.steps[from.id]!;
      const y = neighbour.roleId === s.roleId ? from.p.y + (from.p.h - height) / 2 : TOP_MIN * 2;
      placed.set(s.id, { x, y: Math.max(TOP_MIN, y), w: width, h: height });
      if (neighbour.phaseId) s.phaseId = neighbour.phaseId;
    }
    if (next.length === left.length) break;
    left = next;
  }
  let right = 0;
  for (const p of placed.values()) right = Math.max(right, p.x + p.w);
  for (const s of left) {
    if (placed.has(s.id)) continue;
    const { width, height } = size(s);
    placed.set(s.id, { x: right + SPACE, y: TOP_MIN * 2, w: width, h: height });
    right += width + SPACE;
  }
}

/**
 * Pushes overlapping cards of one lane apart, downwards: cards sorted by top, each moved below
 * any earlier card it overlaps. A grid of 200 px columns keeps this near linear on big maps.
 */
function separate(doc: MapDoc, placed: Map<string, { x: number; y: number; w: number; h: number }>): void {
  const CELL = 200;
  const byRole = new Map<string, string[]>();
  for (const id of placed.keys()) {
    const roleId = doc.steps[id]!.roleId;
    byRole.set(roleId, [...(byRole.get(roleId) ?? []), id]);
  }
  for (const ids of byRole.values()) {
    ids.sort((a, b) => placed.get(a)!.y - placed.get(b)!.y || placed.get(a)!.x - placed.get(b)!.x);
    const grid = new Map<number, { x: number; y: number; w: number; h: number }[]>();
    for (const id of ids) {
      const p = placed.get(id)!;
      const c0 = Math.floor((p.x - GAP) / CELL);
      const c1 = Math.floor((p.x + p.w + GAP) / CELL);
      for (let guard = 0; guard < 1000; guard++) {
        let hit: { y: number; h: number } | undefined;
        for (let c = c0; c <= c1 && !hit; c++) {
          for (const q of grid.get(c) ?? []) {
            if (p.x < q.x + q.w + GAP && q.x < p.x + p.w + GAP && p.y < q.y + q.h + GAP && q.y < p.y + p.h + GAP) {
              hit = q;
              break;
            }
          }
        }
        if (!hit) break;
        p.y = hit.y + hit.h + GAP;
      }
      for (let c = c0; c <= c1; c++) grid.set(c, [...(grid.get(c) ?? []), p]);
    }
  }
}

/**
 * A file Lanemap wrote: its shapes are centred on the canvas's own boxes. Where the drawing still
 * agrees with the step's stored place (within a pixel: nobody moved it in another tool), the
 * stored x and y come back exactly; elsewhere the box is centred where the shape is now, y
 * relative to its lane's top and x to its phase column's left.
 */
function placeExactly(d: Draft, size: SizeFn): Transform {
  const doc = d.doc;
  const frame = framer(doc.direction === 'down');
  const bands = bandsOf(d, frame, size);
  const stored: MapDoc['steps'] = {};
  for (const s of Object.values(doc.steps)) {
    const p = d.stored.get(s.id);
    stored[s.id] = p ? { ...s, x: p.x, y: p.y } : s;
  }
  const geometry = mapGeometry({ ...doc, steps: stored }, size);
  const columnLeft = new Map(geometry.columns.map((c) => [c.phase?.id ?? null, c.left]));
  for (const s of Object.values(doc.steps)) {
    const b = d.boxes.get(s.id);
    const keep = d.stored.get(s.id);
    if (!b) {
      if (keep) Object.assign(s, keep);
      continue;
    }
    const f = frame(b);
    const { width, height } = size(s);
    const left = f.x + f.width / 2 - width / 2;
    const top = f.y + f.height / 2 - height / 2;
    const was = geometry.positions.get(s.id);
    const lane = geometry.lanes.find((l) => l.role.id === s.roleId);
    // across, relative to the lane's top as drawn (an export with data objects draws taller lanes)
    const drawnTop = bands.get(s.roleId)?.top ?? lane?.top ?? 0;
    const laneTop = lane?.top ?? drawnTop;
    if (keep && was && Math.abs(was.x - left) <= 1 && Math.abs(was.y - laneTop - (top - drawnTop)) <= 1) {
      s.x = keep.x;
      s.y = keep.y;
      continue;
    }
    const column = doc.phases[s.phaseId ?? ''] ? (columnLeft.get(s.phaseId) ?? 0) : (columnLeft.get(null) ?? 0);
    s.x = Math.round(left - column);
    s.y = Math.round(top - drawnTop);
  }
  return {
    frame,
    point(p) {
      const f = frame({ x: p.x, y: p.y, width: 0, height: 0 });
      return { x: f.x, y: f.y };
    },
  };
}

/** Flow routes from the drawing, where they still start and end where the canvas draws the flow. */
function keepRoutes(d: Draft, t: Transform): void {
  const geometry = mapGeometry(d.doc);
  const size = frameSize(d.doc.direction);
  for (const f of Object.values(d.doc.flows)) {
    if (d.fromLanemap && f.route) continue; // Lanemap's own route came back with the flow's data
    const waypoints = d.edges.get(f.id);
    delete f.route;
    if (!waypoints) continue;
    const pts = waypoints.map((p) => t.point(p, geometry));
    if (pts.some((p) => !p)) continue;
    const route = (pts as Point[]).map((p) => ({ x: Math.round(p.x * 10) / 10, y: Math.round(p.y * 10) / 10 }));
    const a = d.doc.steps[f.fromStepId]!;
    const b = d.doc.steps[f.toStepId]!;
    const pa = geometry.positions.get(a.id)!;
    const pb = geometry.positions.get(b.id)!;
    const sa = size(a);
    const sb = size(b);
    const start = { x: pa.x + sa.width, y: pa.y + sa.height / 2 };
    const end = { x: pb.x, y: pb.y + sb.height / 2 };
    const near = (p: Point, q: Point) => Math.abs(p.x - q.x) <= ROUTE_TOLERANCE && Math.abs(p.y - q.y) <= ROUTE_TOLERANCE;
    const orthogonal = route.slice(1).every((p, i) => Math.abs(p.x - route[i]!.x) <= 0.5 || Math.abs(p.y - route[i]!.y) <= 0.5);
    if (route.length >= 2 && route.length <= 500 && orthogonal && near(route[0]!, start) && near(route[route.length - 1]!, end)) f.route = route;
  }
}

/** Flows without a route whose simple line would run through another card get one around the cards (import/reroute.ts). */
function routeAroundCards(d: Draft): void {
  const size = frameSize(d.doc.direction);
  const geometry = mapGeometry(d.doc, size);
  const boxOf = (id: string) => {
    const p = geometry.positions.get(id)!;
    const s = size(d.doc.steps[id]!);
    return { left: p.x, top: p.y, right: p.x + s.width, bottom: p.y + s.height };
  };
  const boxes = Object.keys(d.doc.steps).map(boxOf);
  const flows: RouteEnds[] = [];
  for (const f of Object.values(d.doc.flows)) if (!f.route) flows.push({ id: f.id, from: boxOf(f.fromStepId), to: boxOf(f.toStepId) });
  for (const [id, route] of clearRoutes(flows, boxes)) d.doc.flows[id]!.route = route;
}

/** The tidy-up places the steps the drawing lacks; the drawn ones stay (pinned while it runs). */
async function tidy(d: Draft, elk: ElkLike): Promise<void> {
  const { layoutMap, applyLayout } = await import('../../../layout/layoutMap');
  const doc = d.doc;
  const wasPinned = new Set(Object.values(doc.steps).filter((s) => s.pinned).map((s) => s.id));
  for (const s of Object.values(doc.steps)) if (d.boxes.has(s.id)) s.pinned = true;
  const result = await layoutMap(doc, elk);
  const laid = applyLayout(doc, result);
  for (const s of Object.values(laid.steps)) if (!wasPinned.has(s.id)) delete s.pinned;
  doc.steps = laid.steps;
  doc.flows = laid.flows;
}

/** Sticky notes where the drawing put the annotation, else below the lanes. */
function placeNotes(d: Draft, t: Transform | undefined): void {
  const notes = d.doc.notes;
  if (!notes) return;
  const geometry = mapGeometry(d.doc);
  let below = geometry.bottom + 40;
  for (const n of Object.values(notes)) {
    if (n.stepId) continue;
    const b = d.noteBoxes.get(n.id);
    const p = b && t ? t.point({ x: b.x, y: b.y }, geometry) : undefined;
    if (p) {
      n.x = Math.round(p.x);
      n.y = Math.round(p.y);
    } else {
      n.x = 0;
      n.y = Math.round(below);
      below += noteSize(n).height + 16;
    }
  }
}
