/**
 * Free text notes on the canvas (issue 13).
 * PLACEHOLDER: the signatures the context menu and toolbar call; the notes work fills them in.
 */
import type { ReactFlowInstance } from '@xyflow/react';
import type { EditorStore } from '../store/editorStore';

/** Adds a sticky note at `at` (a screen point; absent: the middle of the view), or an annotation attached to step `attachTo`. */
export function addNote(_store: EditorStore, _flow: ReactFlowInstance | null, _opts: { at?: { x: number; y: number }; attachTo?: string } = {}): boolean {
  return false;
}
/** Gives the selected steps the width of the widest of them (one undo). */
export function makeSameWidth(_store: EditorStore): boolean {
  return false;
}
