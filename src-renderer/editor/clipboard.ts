/**
 * Copy, cut, paste and duplicate of the selected steps with the flows among them (issue 13).
 * PLACEHOLDER: the signatures the context menu and shortcuts call; the clipboard work fills
 * them in.
 */
import type { ReactFlowInstance } from '@xyflow/react';
import type { EditorStore } from '../store/editorStore';

/** Copies the selected steps (with the flows among them) to the system clipboard. */
export async function copySelection(_store: EditorStore): Promise<boolean> {
  return false;
}
/** Copies, then deletes the selection as one undoable edit. */
export async function cutSelection(_store: EditorStore): Promise<boolean> {
  return false;
}
/** Pastes what the clipboard holds; `at` is a screen point (the pointer, a context menu's place). */
export async function pasteClipboard(_store: EditorStore, _flow: ReactFlowInstance | null, _at?: { x: number; y: number }): Promise<boolean> {
  return false;
}
/** Copies the selection next to itself in the same map (one undo). */
export function duplicateSelection(_store: EditorStore, _flow: ReactFlowInstance | null): boolean {
  return false;
}
