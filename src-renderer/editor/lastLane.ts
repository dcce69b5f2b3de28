/**
 * Where a new step goes (issue 13): the lane the user last worked in — the lane of the step
 * last selected, edited, added or dropped — remembered per map, and the free spot in that lane
 * at the end of what it holds in view. The toolbar's add buttons (`addStep` in actions.ts)
 * use it when no single step is selected; never the lane that happens to be mid-screen.
 */
import { useEffect } from 'react';
import { frameSize, LANE_PADDING, columnAt } from '../../shared/model/geometry';
import type { MapDoc, StepKind } from '../../shared/model/types';
import { geometryOf } from '../canvas/frame';
import type { EditorStore } from '../store/editorStore';

/** Map id -> the role of the lane last worked in. */
const lastLanes = new Map<string, string>();

export function lastLaneOf(doc: MapDoc): string | null {
  const role = lastLanes.get(doc.id);
  return role && doc.roles[role] ? role : null;
}

export function setLastLane(mapId: string, roleId: string) {
  lastLanes.set(mapId, roleId);
}

/** Forgets every map's lane (tests). */
export function forgetLastLanes() {
  lastLanes.clear();
}

/** More steps changed at once than this is not "working in a lane" (a tidy-up, a lane removed...). */
const MANY = 12;

/**
 * The lane worked in by going from (prevDoc, prevSelected) to (doc, selected), or null when the
 * change says nothing about it: steps added or changed all in one lane, else the step newly
 * selected last.
 */
export function workedLane(prevDoc: MapDoc | null, doc: MapDoc, prevSelected: readonly string[], selected: readonly string[]): string | null {
  if (prevDoc && prevDoc.id === doc.id && prevDoc.steps !== doc.steps) {
    const lanes = new Set<string>();
    let changed = 0;
    for (const s of Object.values(doc.steps)) {
      if (prevDoc.steps[s.id] === s) continue;
      lanes.add(s.roleId);
      if (++changed > MANY) break;
    }
    if (changed > 0 && changed <= MANY && lanes.size === 1) return [...lanes][0]!;
  }
  if (selected !== prevSelected) {
    const before = new Set(prevSelected);
    for (let i = selected.length - 1; i >= 0; i--) {
      const id = selected[i]!;
      if (before.has(id)) continue;
      const role = doc.steps[id]?.roleId;
      if (role) return role;
    }
  }
  return null;
}

/** Follows the editor store and remembers the lane last worked in (mounted once with the canvas). */
export function useLastLaneTracking(store: EditorStore) {
  useEffect(
    () =>
      store.subscribe((s, prev) => {
        if (!s.doc || s.viewing) return;
        if (s.doc === prev.doc && s.selection.steps === prev.selection.steps) return;
        const role = workedLane(prev.doc, s.doc, prev.selection.steps, s.selection.steps);
        if (role) setLastLane(s.doc.id, role);
      }),
    [store],
  );
}

/** Room left between a new step and the one before it along the flow. */
const GAP = 60;

/**
 * Where a new step of `kind` goes in lane `roleId` (frame coordinates: x along the flow): after
 * the last of that lane's steps that is in view (`view`: the visible span along the flow), at its
 * level, in its phase column; with none in view, in the middle of the view. Moved on along the
 * flow until it covers no step of the lane.
 */
export function spotInLane(doc: MapDoc, roleId: string, kind: StepKind, view: { from: number; to: number }): { x: number; y: number; phaseId: string | null } {
  const g = geometryOf(doc);
  const size = frameSize(doc.direction);
  const own = size({ kind, title: '', inputs: [], outputs: [], resources: [] });
  const inLane = Object.values(doc.steps)
    .filter((s) => s.roleId === roleId)
    .map((s) => ({ s, at: g.positions.get(s.id)!, size: size(s) }));
  const visible = inLane.filter((e) => e.at.x + e.size.width > view.from && e.at.x < view.to);
  const last = visible.reduce<(typeof visible)[number] | null>((best, e) => (!best || e.at.x + e.size.width > best.at.x + best.size.width ? e : best), null);
  let ax: number;
  let ry: number;
  if (last) {
    ax = last.at.x + last.size.width + GAP;
    ry = Math.max(LANE_PADDING, Math.round(last.s.y + (last.size.height - own.height) / 2));
  } else {
    // nothing of that lane in view: the middle of the view along the flow
    ax = Math.max(Number.isFinite(view.from + view.to) ? (view.from + view.to) / 2 - own.width / 2 : 40, g.columns.length ? 20 : 0);
    ry = LANE_PADDING + 12;
  }
  const lane = g.lanes.find((l) => l.role.id === roleId);
  const top = lane?.top ?? 0;
  const covers = (x: number) =>
    inLane.some(
      (e) => x < e.at.x + e.size.width + 20 && e.at.x < x + own.width + 20 && top + ry < e.at.y + e.size.height + 10 && e.at.y < top + ry + own.height + 10,
    );
  for (let guard = 0; guard < 1000 && covers(ax); guard++) ax += 20;
  // the column: the last step's when the new one follows it, else the one under the spot
  const phaseId = last ? (last.s.phaseId && doc.phases[last.s.phaseId] ? last.s.phaseId : null) : (columnAt(g.columns, ax)?.phase?.id ?? null);
  const column = g.columns.find((c) => (c.phase?.id ?? null) === phaseId);
  const left = g.columns.length ? (column?.left ?? 0) : 0;
  return { x: Math.round(Math.max(g.columns.length ? 20 : 0, ax - left)), y: ry, phaseId };
}
