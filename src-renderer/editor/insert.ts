/**
 * Inserting a step into a flow (issue 13).
 * PLACEHOLDER: the signature the context menu calls; the insert-and-heal work fills it in.
 */
import type { ReactFlowInstance } from '@xyflow/react';
import type { StepKind } from '../../shared/model/types';
import type { EditorStore } from '../store/editorStore';

/** Puts a new step of `kind` in the middle of flow `flowId` (from -> new -> to), selects it and focuses its title. */
export function insertStepOnFlow(_store: EditorStore, _flow: ReactFlowInstance | null, _flowId: string, _kind: StepKind = 'task'): boolean {
  return false;
}
