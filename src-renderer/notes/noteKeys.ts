/** The notes' keys in the editor: N adds a note (an annotation of the one selected step), Enter or F2 writes in the selected note. */
import type { ReactFlowInstance } from '@xyflow/react';
import type { MapDoc } from '../../shared/model/types';
import { isDown, toFrame } from '../canvas/frame';
import type { EditorStore, Selection } from '../store/editorStore';
import { addNoteHere, editSelectedNote } from './actions';

/** Handles a key meant for notes (nothing typed in a field; see useEditorShortcuts); true when it did. */
export function noteKeys(e: KeyboardEvent, store: EditorStore, flow: ReactFlowInstance | null): boolean {
  if (e.ctrlKey || e.metaKey || e.altKey) return false;
  if ((e.key === 'n' || e.key === 'N' || e.code === 'KeyN') && !e.shiftKey) {
    e.preventDefault();
    addNoteHere(store, flow);
    return true;
  }
  if ((e.key === 'Enter' || e.key === 'F2') && editSelectedNote(store)) {
    e.preventDefault();
    e.stopPropagation();
    return true;
  }
  return false;
}

/** The selected notes moved by (dx, dy) on screen, as `moveSteps`'s `notes` (an annotation whose step moves too keeps its place by it). */
export function noteNudges(doc: MapDoc, selection: Selection, dx: number, dy: number): { id: string; x: number; y: number }[] {
  const d = toFrame(isDown(doc), { x: dx, y: dy });
  const moving = new Set(selection.steps);
  return (selection.notes ?? [])
    .map((id) => doc.notes?.[id])
    .filter((n) => n !== undefined && !(n.stepId && moving.has(n.stepId)))
    .map((n) => ({ id: n!.id, x: n!.x + d.x, y: n!.y + d.y }));
}
