/**
 * The invariants of a laid-out map, checked from the result alone, in the canvas's own
 * geometry (`mapGeometry` of the laid-out doc). Used by tests, and by the app to decide whether
 * to accept a layout or fall back.
 */
import { frameSize, mapGeometry } from '../model/geometry';
import type { MapDoc, Point } from '../model/types';
import { BoxIndex, inHandle, isOrthogonal, outHandle, routeHit, type Box } from './boxes';
import { STEP_GAP } from './constants';
import { applyLayout } from './layoutMap';
import { phaseSlots } from './phases';
import type { LayoutOptions, LayoutResult } from './types';

/** How far a route's end or a column edge may be off (floating point noise, not pixels). */
const TOLERANCE = 0.01;

/**
 * Returns the violations of `result` applied to `doc` (empty = ok): every step has a position
 * inside its lane and inside its phase column (so every step of phase k is left of every step
 * of phase k+1); `phaseColumns` match the canvas's columns; no two step boxes come closer than
 * STEP_GAP; a flow into a later column has its target right of its source; every route is
 * orthogonal, starts at the source's right-middle, ends at the target's left-middle and
 * crosses no step box (its own included). Whether pinned steps stayed put is not checked
 * here: that depends on the options.
 */
export function validateLayout(doc: MapDoc, result: LayoutResult, options: Pick<LayoutOptions, 'size'> = {}): string[] {
  const out: string[] = [];
  const laid = applyLayout(doc, result);
  const sizeOf = options.size ?? frameSize(doc.direction);
  const geo = mapGeometry(laid, sizeOf);
  const lanes = new Map(geo.lanes.map((l) => [l.role.id, l]));
  const slots = phaseSlots(laid);
  const boxes = new Map<string, Box>();

  const expected = geo.columns.filter((c) => c.phase).map((c) => ({ phaseId: c.phase!.id, left: c.left, right: c.left + c.width }));
  const same =
    expected.length === result.phaseColumns.length &&
    expected.every((e, i) => {
      const got = result.phaseColumns[i]!;
      return got.phaseId === e.phaseId && Math.abs(got.left - e.left) <= TOLERANCE && Math.abs(got.right - e.right) <= TOLERANCE;
    });
  if (!same) out.push('phaseColumns do not match the columns the canvas draws');

  for (const s of Object.values(laid.steps)) {
    if (!result.steps[s.id]) out.push(`step ${s.id} has no position`);
    const lane = lanes.get(s.roleId);
    const size = sizeOf(s);
    if (!lane) {
      out.push(`step ${s.id} belongs to no lane`);
      continue;
    }
    if (!Number.isFinite(s.x) || !Number.isFinite(s.y)) out.push(`step ${s.id} has no finite position`);
    if (s.y < 0 || s.y + size.height > lane.height) out.push(`step ${s.id} sticks out of its lane`);
    const pos = geo.positions.get(s.id)!;
    boxes.set(s.id, { left: pos.x, top: pos.y, right: pos.x + size.width, bottom: pos.y + size.height });
    if (geo.columns.length > 0) {
      const col = geo.columns[slots.index.get(s.id)!];
      if (!col || pos.x < col.left - TOLERANCE || pos.x + size.width > col.left + col.width + TOLERANCE) {
        out.push(`step ${s.id} lies outside its phase column`);
      }
    }
  }

  // two steps both pinned by hand stay as the user put them, close or not: not the layout's doing
  const pinnedBoth = (a: string, b: string) => !!(laid.steps[a]?.pinned && laid.steps[b]?.pinned);
  out.push(...overlaps(boxes, pinnedBoth, (id) => laid.steps[id]?.title || id));

  const ids = [...boxes.keys()];
  const index = new BoxIndex(ids.map((id) => boxes.get(id)!));
  for (const f of Object.values(laid.flows)) {
    const a = boxes.get(f.fromStepId);
    const b = boxes.get(f.toStepId);
    if (!a || !b) continue;
    if (slots.index.get(f.toStepId)! > slots.index.get(f.fromStepId)! && !(b.left > a.right)) {
      out.push(`flow ${f.id} goes to a later phase but not to the right`);
    }
    const route = result.routes[f.id];
    if (!route) continue;
    if (route.length < 2) out.push(`route of flow ${f.id} has fewer than two points`);
    else {
      if (!near(route[0]!, outHandle(a))) out.push(`route of flow ${f.id} does not start at the right-middle of its source`);
      if (!near(route[route.length - 1]!, inHandle(b))) out.push(`route of flow ${f.id} does not end at the left-middle of its target`);
    }
    if (!isOrthogonal(route)) out.push(`route of flow ${f.id} has a diagonal segment`);
    const hit = routeHit(route, index);
    if (hit >= 0) out.push(`route of flow ${f.id} crosses step ${ids[hit]}`);
  }
  return out;
}

function near(a: Point, b: Point): boolean {
  return Math.abs(a.x - b.x) <= TOLERANCE && Math.abs(a.y - b.y) <= TOLERANCE;
}

/** Pairs of boxes closer than STEP_GAP, by a sweep over x. */
function overlaps(boxes: Map<string, Box>, exempt: (a: string, b: string) => boolean, name: (id: string) => string): string[] {
  const list = [...boxes.entries()].sort((a, b) => a[1].left - b[1].left);
  const out: string[] = [];
  for (let i = 0; i < list.length; i++) {
    const [idA, a] = list[i]!;
    for (let j = i + 1; j < list.length && list[j]![1].left < a.right + STEP_GAP; j++) {
      const [idB, b] = list[j]!;
      if (a.top < b.bottom + STEP_GAP && b.top < a.bottom + STEP_GAP && !exempt(idA, idB)) out.push(`steps “${name(idA)}” and “${name(idB)}” overlap`);
    }
  }
  return out;
}
