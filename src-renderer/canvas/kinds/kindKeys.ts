/**
 * Keys that add a step of the BPMN-like kinds, as N adds a note: G a parallel split/join (a
 * gateway), E an event; after the selected step, connected, or else in the lane last worked in
 * (as the toolbar's buttons). Read by their place on the keyboard, so a Russian layout works too.
 */
import type { ReactFlowInstance } from '@xyflow/react';
import type { TFunction } from 'i18next';
import type { StepKind } from '../../../shared/model/types';
import { addStep } from '../../editor/actions';
import type { EditorStore } from '../../store/editorStore';

export const KIND_KEYS: Partial<Record<StepKind, string>> = { parallel: 'G', event: 'E' };

const BY_CODE: Record<string, StepKind> = { KeyG: 'parallel', KeyE: 'event' };

/** Handles a key that adds a step (nothing typed in a field; see useEditorShortcuts); true when it did. */
export function kindKeys(e: KeyboardEvent, store: EditorStore, flow: ReactFlowInstance | null): boolean {
  if (e.ctrlKey || e.metaKey || e.altKey || e.shiftKey || e.repeat) return false;
  const kind = BY_CODE[e.code] ?? (e.key === 'g' || e.key === 'G' ? 'parallel' : e.key === 'e' || e.key === 'E' ? 'event' : undefined);
  if (!kind) return false;
  // a list picks its option by the first letter; another view than the map has its own keys
  if (e.target instanceof HTMLSelectElement || document.querySelector('.map-layer[aria-hidden="true"]')) return false;
  const s = store.getState();
  // a saved version on screen is read only
  if (!s.doc || s.viewing !== null || s.readOnly !== null) return false;
  e.preventDefault();
  addStep(store, flow, kind);
  return true;
}

/** The shortcuts list's lines for these keys. */
export function kindShortcuts(t: TFunction): [string, string][] {
  return [
    [KIND_KEYS.parallel!, t('kinds.shortcuts.parallel')],
    [KIND_KEYS.event!, t('kinds.shortcuts.event')],
  ];
}
