/**
 * Inserting a step into a flow (issue 13): the context menu on a flow, Ctrl+Enter on a step
 * whose next step exists, and a step without flows dropped on a flow (the flow under it is
 * highlighted while it is dragged). Each is one `insertOnFlow` command: one undo.
 */
import type { Node, ReactFlowInstance } from '@xyflow/react';
import { useCallback } from 'react';
import { create } from 'zustand';
import { cmd } from '../../shared/model/commands';
import { newId } from '../../shared/model/ids';
import type { StepKind } from '../../shared/model/types';
import { revealStep } from '../canvas/viewport';
import type { EditorStore } from '../store/editorStore';
import { defaultTitle, focusStepTitle } from './actions';
import './insert.css';

/** Puts a new step of `kind` in the middle of flow `flowId` (from -> new -> to), selects it and focuses its title. */
export function insertStepOnFlow(store: EditorStore, flow: ReactFlowInstance | null, flowId: string, kind: StepKind = 'task'): boolean {
  const id = newId();
  const ok = store.getState().run(cmd('insertOnFlow', { flowId, stepId: id, newFlowId: newId(), step: { kind, title: defaultTitle(kind) } }));
  if (ok) {
    store.getState().select({ steps: [id], flows: [] });
    if (flow) revealStep(flow, store.getState().doc!, id);
    focusStepTitle(id);
  }
  return ok;
}

/** The flow a dragged step would be dropped into (drawn highlighted by FlowEdge). */
export const useDropTarget = create<{ flowId: string | null }>(() => ({ flowId: null }));

/** True when step `id` has no flows, so it may be dropped into one. */
function free(store: EditorStore, id: string): boolean {
  const doc = store.getState().doc;
  if (!doc?.steps[id]) return false;
  return !Object.values(doc.flows).some((f) => f.fromStepId === id || f.toStepId === id);
}

/**
 * The flow drawn nearest the centre of the dragged node (canvas coordinates), within a few
 * pixels on screen; flows of big maps' overview picture are not drawn, so none is found there.
 */
function flowUnder(store: EditorStore, node: Node, zoom: number): string | null {
  const w = node.measured?.width ?? node.width ?? 0;
  const h = node.measured?.height ?? node.height ?? 0;
  const c = { x: node.position.x + w / 2, y: node.position.y + h / 2 };
  const reach = Math.max(12, 18 / zoom);
  const doc = store.getState().doc;
  let best: { id: string; d: number } | null = null;
  for (const g of document.querySelectorAll<SVGGElement>('.react-flow__edge[data-id]')) {
    const id = g.getAttribute('data-id')!;
    const f = doc?.flows[id];
    if (!f || f.fromStepId === node.id || f.toStepId === node.id) continue;
    const path = g.querySelector<SVGPathElement>('path.react-flow__edge-path');
    if (!path) continue;
    const box = path.getBBox();
    if (c.x < box.x - reach || c.x > box.x + box.width + reach || c.y < box.y - reach || c.y > box.y + box.height + reach) continue;
    const length = path.getTotalLength();
    for (let at = 0; at <= length; at += 6) {
      const p = path.getPointAtLength(at);
      const d = Math.hypot(p.x - c.x, p.y - c.y);
      if (d <= reach && (!best || d < best.d)) best = { id, d };
    }
  }
  return best?.id ?? null;
}

/** Follows a drag: the flow under a single dragged step without flows is highlighted. */
export function useDropOnFlow(store: EditorStore, flow: ReactFlowInstance) {
  const onNodeDrag = useCallback(
    (_e: unknown, node: Node, dragged: Node[]) => {
      const target = dragged.length === 1 && node.type === 'step' && free(store, node.id) ? flowUnder(store, node, flow.getZoom()) : null;
      if (useDropTarget.getState().flowId !== target) useDropTarget.setState({ flowId: target });
    },
    [store, flow],
  );
  return { onNodeDrag };
}

/**
 * At the end of a drag: when a flow was highlighted, the step goes into it (moved to where it
 * was dropped, in the same edit). False when there was no flow under it (the caller moves it).
 */
export function insertOnDrop(store: EditorStore, move: { stepId: string; x: number; y: number; roleId: string; phaseId?: string | null }): boolean {
  const flowId = useDropTarget.getState().flowId;
  useDropTarget.setState({ flowId: null });
  if (!flowId || !store.getState().doc?.flows[flowId] || !free(store, move.stepId)) return false;
  const { stepId, ...place } = move;
  const ok = store.getState().run(cmd('insertOnFlow', { flowId, stepId, newFlowId: newId(), move: place }));
  if (ok) store.getState().select({ steps: [stepId], flows: [] });
  return ok;
}

/** Dragging a flow's end onto another step re-attaches it: one `reconnectFlow` (refused, with a notice, for a loop to itself or a second flow between the same steps). */
export function useReconnect(store: EditorStore) {
  return useCallback(
    (old: { id: string }, c: { source: string | null; target: string | null }) => {
      if (!c.source || !c.target || !store.getState().doc?.flows[old.id]) return;
      if (store.getState().run(cmd('reconnectFlow', { flowId: old.id, fromStepId: c.source, toStepId: c.target }))) store.getState().select({ steps: [], flows: [old.id] });
    },
    [store],
  );
}
