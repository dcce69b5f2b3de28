/** Editor actions shared by the toolbar, keyboard shortcuts and panels. */
import type { ReactFlowInstance } from '@xyflow/react';
import { cmd } from '../../shared/model/commands';
import { columnAt, frameSize, laneAt } from '../../shared/model/geometry';
import { isDown, toFrame, geometryOf } from '../canvas/frame';
import { newId } from '../../shared/model/ids';
import type { StepKind } from '../../shared/model/types';
import type { EditorStore } from '../store/editorStore';
import { fitViewport, revealStep } from '../canvas/viewport';
import { useReviewUi } from '../review/reviewUi';
import { t } from '../i18n';

/** A new start or end step is named at once, in the interface's language; others wait for the user. */
const defaultTitle = (kind: StepKind): string => (kind === 'start' ? t('editor.newStepTitle.start') : kind === 'end' ? t('editor.newStepTitle.end') : '');

/** Fits the whole map (lane names, every step and phase column, not the long lane bands) into the window. */
export function fitMap(flow: ReactFlowInstance, store: EditorStore, duration = 200) {
  const doc = store.getState().doc;
  const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
  if (!doc || !pane) return;
  void flow.setViewport(fitViewport(doc, pane), { duration });
}

/**
 * Focuses the inspector's title field of step `stepId` so a new step can be named at once: its
 * text (a default title such as «Начало») is selected, so typing replaces it.
 */
export function focusStepTitle(stepId: string) {
  // the details tab is shown first when a review tab is in front (it renders on the next frame)
  if (!document.querySelector('#step-title')) useReviewUi.getState().showTab('inspector');
  // the inspector follows the selection a frame or two after the canvas (it is rendered deferred)
  let frames = 60;
  const attempt = () => {
    const field = document.querySelector<HTMLTextAreaElement>(`.inspector-body[data-step="${CSS.escape(stepId)}"] #step-title`);
    if (field) {
      field.focus();
      field.select();
    } else if (--frames > 0) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}

/**
 * Adds a step of `kind`: after the selected step (connected to it) when exactly one is
 * selected, otherwise in the middle of what is visible, in the lane there.
 */
export function addStep(store: EditorStore, flow: ReactFlowInstance | null, kind: StepKind) {
  const { doc, selection } = store.getState();
  if (!doc) return;
  if (selection.steps.length === 1) {
    addNextStep(store, flow, kind);
    return;
  }
  const g = geometryOf(doc);
  const lanes = g.lanes;
  if (lanes.length === 0) {
    store.getState().run(cmd('addRole', { id: newId(), name: t('lanes.newName', { n: 1 }), color: '#2f80ed' }));
    return addStep(store, flow, kind);
  }
  const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
  const screenCenter = flow && pane ? flow.screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 }) : { x: 0, y: 40 };
  // work in the map's frame: x along the flow, y across the lanes
  const center = toFrame(isDown(doc), screenCenter);
  const lane = laneAt(lanes, center.y)!;
  const size = frameSize(doc.direction)({ kind, title: '', inputs: [], outputs: [], resources: [] });
  const column = columnAt(g.columns, center.x);
  const phaseId = column ? (column.phase?.id ?? null) : null;
  const x0 = Math.max(column ? 20 : 0, Math.round(center.x - size.width / 2 - (column?.left ?? 0)));
  const y0 = Math.max(40, Math.min(center.y - lane.top, lane.height - size.height - 20));
  // the nearest free spot around the middle of the view, rather than on top of another step
  const inLane = Object.values(doc.steps).filter((s) => s.roleId === lane.role.id && (s.phaseId ?? null) === phaseId);
  const along = size.width + 40;
  const across = size.height + 30;
  const free = (x: number, y: number) => !inLane.some((s) => Math.abs(s.x - x) < along - 20 && Math.abs(s.y - y) < across - 20);
  const spots = [0, 1, 2, 3]
    .flatMap((j) => [0, 1, -1, 2, -2].map((i) => ({ x: x0 + i * along, y: y0 + j * across, cost: Math.abs(i) * along + j * across * 1.5 })))
    .filter((p) => p.x >= 0)
    .sort((a, b) => a.cost - b.cost);
  const spot = spots.find((p) => free(p.x, p.y)) ?? { x: x0, y: y0 };
  let x = spot.x;
  const y = spot.y;
  while (!free(x, y)) x += along;
  const id = newId();
  if (store.getState().run(cmd('addStep', { id, kind, roleId: lane.role.id, phaseId, x, y, title: defaultTitle(kind) }))) {
    store.getState().select({ steps: [id], flows: [] });
    if (flow) revealStep(flow, store.getState().doc!, id);
    focusStepTitle(id);
  }
}

/** Adds a step right after the selected one, connected to it, and selects it. */
export function addNextStep(store: EditorStore, flow: ReactFlowInstance | null, kind: StepKind = 'task') {
  const { selection } = store.getState();
  if (selection.steps.length !== 1) return false;
  const id = newId();
  const ok = store.getState().run(cmd('addStepAfter', { afterStepId: selection.steps[0]!, id, flowId: newId(), kind, title: defaultTitle(kind) }));
  if (ok) {
    store.getState().select({ steps: [id], flows: [] });
    if (flow) revealStep(flow, store.getState().doc!, id);
    focusStepTitle(id);
  }
  return ok;
}

/** Deletes the selection; `heal` (PLACEHOLDER until the heal work lands) reconnects the neighbours of a step with one way in and one out. */
export function deleteSelection(store: EditorStore, _opts: { heal?: boolean } = {}) {
  const { selection } = store.getState();
  if (selection.steps.length + selection.flows.length === 0) return;
  store.getState().run(cmd('deleteElements', { stepIds: selection.steps, flowIds: selection.flows }));
  store.getState().select({ steps: [], flows: [] });
}

/** Moves the selected steps by (dx, dy) within their lanes; held arrow keys make one undo step. */
export function nudgeSelection(store: EditorStore, dx: number, dy: number) {
  const { doc, selection } = store.getState();
  if (!doc) return;
  const moves = selection.steps
    .map((id) => doc.steps[id])
    .filter((s) => s !== undefined)
    .map((s) => {
      // arrow keys move on screen; a top-to-bottom map is drawn transposed
      const d = toFrame(isDown(doc), { x: dx, y: dy });
      return { stepId: s.id, x: s.x + d.x, y: s.y + d.y, roleId: s.roleId };
    });
  if (moves.length) store.getState().run(cmd('moveSteps', { moves }), { coalesceKey: `nudge:${selection.steps.join(',')}` });
}
