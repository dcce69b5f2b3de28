/**
 * The few actions only the context menus offer (everything else they run is the toolbar's,
 * the panels' or the inspector's own function): a step added at a point, several commands as
 * one undo, select all / in a lane / in a phase, and what lies under a right-click.
 */
import type { ReactFlowInstance } from '@xyflow/react';
import { cmd, type Command } from '../../../shared/model/commands';
import { columnAt, frameSize, LANE_LEFT, LANE_PADDING, laneAt } from '../../../shared/model/geometry';
import { newId } from '../../../shared/model/ids';
import type { MapDoc, StepKind } from '../../../shared/model/types';
import { geometryOf, isDown, toFrame } from '../../canvas/frame';
import { laneNodes } from '../../canvas/nodes';
import { revealStep } from '../../canvas/viewport';
import { t } from '../../i18n';
import type { EditorStore } from '../../store/editorStore';
import { focusStepTitle } from '../actions';

let seq = 0;
/** Runs `commands` as one undo step; false when the first is refused. */
export function runAll(store: EditorStore, commands: Command[]): boolean {
  const key = `menu:${++seq}`;
  let ok = true;
  for (const c of commands) ok = store.getState().run(c, { coalesceKey: key }) && ok;
  return ok;
}

/** The map-frame point (x along the flow, y across the lanes) under screen point `at`. */
export function framePoint(doc: MapDoc, flow: ReactFlowInstance, at: { x: number; y: number }) {
  return toFrame(isDown(doc), flow.screenToFlowPosition(at));
}

/**
 * Adds a step of `kind` centred on screen point `at`, in lane `roleId` (default: the lane under
 * the point) and phase `phaseId` (default: the column under the point); selects it and focuses
 * its title.
 */
export function addStepAt(
  store: EditorStore,
  flow: ReactFlowInstance,
  kind: StepKind,
  at: { x: number; y: number },
  opts: { roleId?: string; phaseId?: string | null } = {},
) {
  let doc = store.getState().doc;
  if (!doc) return false;
  if (geometryOf(doc).lanes.length === 0) {
    store.getState().run(cmd('addRole', { id: newId(), name: t('lanes.newName', { n: 1 }), color: '#2f80ed' }));
    doc = store.getState().doc!;
  }
  const g = geometryOf(doc);
  const p = framePoint(doc, flow, at);
  const lane = (opts.roleId && g.lanes.find((l) => l.role.id === opts.roleId)) || laneAt(g.lanes, p.y)!;
  const column = opts.phaseId !== undefined ? g.columns.find((c) => (c.phase?.id ?? null) === opts.phaseId) : columnAt(g.columns, p.x);
  const phaseId = column ? (column.phase?.id ?? null) : null;
  const title = kind === 'start' ? t('editor.newStepTitle.start') : kind === 'end' ? t('editor.newStepTitle.end') : '';
  const size = frameSize(doc.direction)({ kind, title, inputs: [], outputs: [], resources: [] });
  const x = Math.max(column ? 20 : 0, Math.round(p.x - size.width / 2 - (column?.left ?? 0)));
  const y = Math.max(LANE_PADDING, Math.min(Math.round(p.y - lane.top - size.height / 2), lane.height - size.height - LANE_PADDING));
  const id = newId();
  if (!store.getState().run(cmd('addStep', { id, kind, roleId: lane.role.id, phaseId, x, y, title }))) return false;
  store.getState().select({ steps: [id], flows: [] });
  revealStep(flow, store.getState().doc!, id);
  focusStepTitle(id);
  return true;
}

/** Selects every step and flow of the map (Ctrl+A). */
export function selectAll(store: EditorStore) {
  const doc = store.getState().doc;
  if (!doc) return;
  store.getState().select({ steps: Object.keys(doc.steps), flows: Object.keys(doc.flows) });
}

/** Selects the steps of one lane, or of one phase column (null: the steps with no phase). */
export function selectWhere(store: EditorStore, where: { roleId: string } | { phaseId: string | null }) {
  const doc = store.getState().doc;
  if (!doc) return;
  const steps = Object.values(doc.steps)
    .filter((s) => ('roleId' in where ? s.roleId === where.roleId : (s.phaseId && doc.phases[s.phaseId] ? s.phaseId : null) === where.phaseId))
    .map((s) => s.id);
  store.getState().select({ steps, flows: [] });
}

export type PaneTarget = { kind: 'lane'; roleId: string } | { kind: 'phase'; phaseId: string } | { kind: 'canvas' };

const inside = (r: DOMRect, p: { x: number; y: number }) => p.x >= r.left && p.x <= r.right && p.y >= r.top && p.y <= r.bottom;

/**
 * What a right-click on the pane (not on a step or flow) is on: a frozen lane name or a phase's
 * header (drawn, not clickable), else a lane band, else the empty canvas.
 */
export function paneTargetAt(doc: MapDoc, flow: ReactFlowInstance, at: { x: number; y: number }): PaneTarget {
  for (const el of document.querySelectorAll<HTMLElement>('.lane-header[data-lane-id]'))
    if (inside(el.getBoundingClientRect(), at) && doc.roles[el.dataset.laneId!]) return { kind: 'lane', roleId: el.dataset.laneId! };
  for (const el of document.querySelectorAll<HTMLElement>('.phase-column[data-phase-id] .phase-header')) {
    const id = el.closest<HTMLElement>('.phase-column')!.dataset.phaseId!;
    if (id && doc.phases[id] && inside(el.getBoundingClientRect(), at)) return { kind: 'phase', phaseId: id };
  }
  const g = geometryOf(doc);
  const p = framePoint(doc, flow, at);
  const length = laneNodes(doc, g)[0]?.data.length ?? 0;
  if (g.lanes.length && p.y >= 0 && p.y < g.bottom && p.x >= LANE_LEFT && p.x <= LANE_LEFT + length)
    return { kind: 'lane', roleId: laneAt(g.lanes, p.y)!.role.id };
  return { kind: 'canvas' };
}
