/** Editor actions shared by the toolbar, keyboard shortcuts and panels. */
import type { ReactFlowInstance } from '@xyflow/react';
import { cmd } from '../../shared/model/commands';
import { LANE_HEADER_WIDTH } from '../../shared/model/geometry';
import { isDown, toFrame, geometryOf } from '../canvas/frame';
import { newId } from '../../shared/model/ids';
import type { StepKind } from '../../shared/model/types';
import type { EditorStore } from '../store/editorStore';
import { fitViewport, revealStep } from '../canvas/viewport';
import { useReviewUi } from '../review/reviewUi';
import { t } from '../i18n';
import { insertStepOnFlow } from './insert';
import { noteNudges } from '../notes/noteKeys';
import { lastLaneOf, spotInLane } from './lastLane';

/** A new start or end step is named at once, in the interface's language; others wait for the user. */
export const defaultTitle = (kind: StepKind): string => (kind === 'start' ? t('editor.newStepTitle.start') : kind === 'end' ? t('editor.newStepTitle.end') : '');

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
 * selected, otherwise in the lane last worked in (editor/lastLane.ts; the first lane before
 * any), after the last of its steps in view; the new step is brought into view.
 */
export function addStep(store: EditorStore, flow: ReactFlowInstance | null, kind: StepKind) {
  const { doc, selection } = store.getState();
  if (!doc) return;
  if (selection.steps.length === 1) {
    addNextStep(store, flow, kind);
    return;
  }
  const lanes = geometryOf(doc).lanes;
  if (lanes.length === 0) {
    store.getState().run(cmd('addRole', { id: newId(), name: t('lanes.newName', { n: 1 }), color: '#2f80ed' }));
    return addStep(store, flow, kind);
  }
  const roleId = lastLaneOf(doc) ?? lanes[0]!.role.id;
  // the span of the flow in view (a top-to-bottom map is drawn transposed)
  const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
  let view = { from: -Infinity, to: Infinity };
  if (flow && pane) {
    const a = toFrame(isDown(doc), flow.screenToFlowPosition({ x: pane.left, y: pane.top }));
    const b = toFrame(isDown(doc), flow.screenToFlowPosition({ x: pane.right, y: pane.bottom }));
    // the frozen lane names cover the start of the view (canvas/LaneHeaders.tsx)
    view = { from: Math.min(a.x, b.x) + LANE_HEADER_WIDTH + 20, to: Math.max(a.x, b.x) };
  }
  const { x, y, phaseId } = spotInLane(doc, roleId, kind, view);
  const id = newId();
  if (store.getState().run(cmd('addStep', { id, kind, roleId, phaseId, x, y, title: defaultTitle(kind) }))) {
    store.getState().select({ steps: [id], flows: [] });
    if (flow) revealStep(flow, store.getState().doc!, id);
    focusStepTitle(id);
  }
}

/**
 * Adds a step after the selected one, connected to it, and selects it. When the step has
 * exactly one way out, the new step goes between it and its next step (insert.ts); `branch`
 * (Alt+Ctrl+Enter), or several ways out (a decision), adds a new branch instead.
 */
export function addNextStep(store: EditorStore, flow: ReactFlowInstance | null, kind: StepKind = 'task', opts: { branch?: boolean } = {}) {
  const { selection, doc } = store.getState();
  if (selection.steps.length !== 1 || !doc) return false;
  const stepId = selection.steps[0]!;
  if (!opts.branch) {
    const outs = Object.values(doc.flows).filter((f) => f.fromStepId === stepId && f.toStepId !== stepId);
    if (outs.length === 1) return insertStepOnFlow(store, flow, outs[0]!.id, kind);
  }
  const id = newId();
  const ok = store.getState().run(cmd('addStepAfter', { afterStepId: stepId, id, flowId: newId(), kind, title: defaultTitle(kind) }));
  if (ok) {
    store.getState().select({ steps: [id], flows: [] });
    if (flow) revealStep(flow, store.getState().doc!, id);
    focusStepTitle(id);
  }
  return ok;
}

/**
 * Deletes the selection as one undo step. With `heal` (the default) a deleted step with
 * exactly one way in and one way out leaves its neighbours connected, across a chain of
 * deleted steps too (a -> b -> c -> d, b and c deleted: a -> d); `heal: false` (Shift+Delete,
 * the context menu) does not.
 */
export function deleteSelection(store: EditorStore, opts: { heal?: boolean } = {}) {
  const { selection } = store.getState();
  const noteIds = selection.notes ?? [];
  if (selection.steps.length + selection.flows.length + noteIds.length === 0) return;
  const args = { stepIds: selection.steps, flowIds: selection.flows, ...(noteIds.length ? { noteIds } : {}) };
  const heal = opts.heal ?? true;
  store.getState().run(heal && selection.steps.length ? cmd('deleteHealing', args) : cmd('deleteElements', args));
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
  const notes = noteNudges(doc, selection, dx, dy);
  if (moves.length || notes.length) store.getState().run(cmd('moveSteps', { moves, ...(notes.length ? { notes } : {}) }), { coalesceKey: `nudge:${selection.steps.join(',')}:${(selection.notes ?? []).join(',')}` });
}
